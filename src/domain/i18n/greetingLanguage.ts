import { DEFAULT_LANGUAGE, LANGUAGES } from '../languages';
import { foldText } from '../text';
import type { Translator } from './translator';

/** Where each language's greetings are listed in locales/<code>/translation.json. */
export const GREETING_WORDS_KEY = 'understanding.greetingWords';
/** A greeting opens a message in at most this many words ("hola", "xin chào", "magandang umaga po"). */
const MAX_GREETING_WORDS = 4;

/** Folded greeting → the languages that list it; built once per translator. */
const greetingsByTranslator = new WeakMap<Translator, ReadonlyMap<string, ReadonlySet<string>>>();

function greetings(translator: Translator): ReadonlyMap<string, ReadonlySet<string>> {
  let known = greetingsByTranslator.get(translator);
  if (!known) {
    const english = new Set(translator.words(DEFAULT_LANGUAGE, GREETING_WORDS_KEY));
    const owners = new Map<string, Set<string>>();
    for (const { code } of LANGUAGES) {
      // words() adds English's list to every other language's: each language's own entries only.
      const own = translator.words(code, GREETING_WORDS_KEY).filter((word) => code === DEFAULT_LANGUAGE || !english.has(word));
      for (const word of own) {
        const folded = foldText(word);
        if (!folded) continue;
        const set = owners.get(folded) ?? new Set<string>();
        set.add(code);
        owners.set(folded, set);
      }
    }
    known = owners;
    greetingsByTranslator.set(translator, known);
  }
  return known;
}

/**
 * The language of a greeting that is the whole message or opens it ("hola", "xin chào", "bonjou,
 * mwen bezwen…"), when only one of our languages greets so. Short greetings are what a language
 * detector cannot judge ("hola" has four letters); "hi" and "hello", typed by speakers of every
 * language, are in no list.
 */
export function greetingLanguage(text: string, translator: Translator): string | undefined {
  const words = foldText(text).split(' ').filter(Boolean);
  const known = greetings(translator);
  for (let n = Math.min(MAX_GREETING_WORDS, words.length); n >= 1; n--) {
    const owners = known.get(words.slice(0, n).join(' '));
    if (owners) return owners.size === 1 ? [...owners][0] : undefined;
  }
  return undefined;
}

/** Whether the whole message is a greeting of one of our languages ("good morning", "buenos días"): nothing to act on. */
export function isGreetingOnly(text: string, translator: Translator): boolean {
  const folded = foldText(text);
  return folded !== '' && greetings(translator).has(folded);
}
