import { traditionalToSimplified } from '../chineseScript';
import { resolveCountry } from '../offices/countries';
import type { LanguageModel } from './data';

/** The field office whose city the message names ("la oficina de Houston" → "HOU"), and where. */
export function findOffice(model: LanguageModel, folded: string): { code: string; index: number; length: number } | undefined {
  const [first] = model.offices.all(folded);
  if (!first) return undefined;
  const code = model.officeNames.get(first.phrase);
  return code ? { code, index: first.index, length: first.text.length } : undefined;
}

/** People in the US give a ZIP code; a country is for a person living abroad. */
const HOME = 'US';
const MAX_WINDOW_WORDS = 3;
const MAX_WINDOW_CHARACTERS = 6;
const MAX_ENDING = 2;
const MIN_STEM = 5;

/**
 * The country a person abroad lives in: the whole message when it was asked for, else the words
 * right after (or, in Chinese and Korean, right before) "I live in", "outside the US, in"….
 */
export function findCountry(
  model: LanguageModel,
  text: string,
  folded: string,
  asked: boolean,
  office?: { index: number; length: number },
): string | undefined {
  if (asked) {
    // The country names are Simplified Chinese ("台湾"); people in Taiwan and Hong Kong type "台灣", "中國".
    const whole = model.countryNames.get(folded) ?? resolveCountry(model.code === 'zh' ? traditionalToSimplified(text) : text, model.code);
    if (whole && whole !== HOME) return whole;
  }
  for (const cue of [...model.countryCues.all(folded), ...model.outside.all(folded)]) {
    const start = cue.index + cue.text.length;
    if (office && office.index >= start && office.index <= start + 1) continue;
    const found =
      after(model, folded.slice(start)) ?? (model.segmentation === 'characters' ? before(folded.slice(0, cue.index)) : undefined);
    if (found) return found;
  }
  return undefined;

  function after(m: LanguageModel, rest: string): string | undefined {
    const trimmed = rest.trim();
    if (m.segmentation === 'characters') {
      for (let size = Math.min(MAX_WINDOW_CHARACTERS, trimmed.length); size >= 2; size--) {
        const code = usable(resolveCountry(trimmed.slice(0, size), m.code));
        if (code) return code;
      }
      return undefined;
    }
    // "I live in 10002, can I go…": a number after the cue is the place ("can" is no Canada).
    if (!/\p{L}/u.test(trimmed.split(' ')[0] ?? '')) return undefined;
    const words = trimmed.split(' ').filter((w) => /\p{L}/u.test(w));
    const inflected =
      words[0] === undefined ? undefined : (m.countryNames.get(words[0]) ?? m.countryNames.get(words.slice(0, 2).join(' ')));
    if (inflected) return usable(inflected);
    for (let size = Math.min(MAX_WINDOW_WORDS, words.length); size >= 1; size--) {
      const code = usable(resolveCountry(words.slice(0, size).join(' '), m.code));
      if (code) return code;
    }
    // A preposition glued to the name ("ساكن بالسعودية": in Saudi Arabia).
    const [word] = words;
    for (const clitic of m.clitics) {
      if (!word || word.length < clitic.length + 3 || !word.startsWith(clitic)) continue;
      const code = usable(resolveCountry(word.slice(clitic.length), m.code));
      if (code) return code;
    }
    // A name with a case ending ("в Мексике", "w Meksyku"): its stem still starts the country's name.
    for (let cut = 1; word && cut <= MAX_ENDING && word.length - cut >= MIN_STEM; cut++) {
      const code = usable(resolveCountry(word.slice(0, -cut), m.code));
      if (code) return code;
    }
    return undefined;
  }

  function before(head: string): string | undefined {
    const word = head.trim().split(' ').pop() ?? '';
    return word.length >= 2 ? usable(resolveCountry(word, model.code)) : undefined;
  }
}

function usable(code: string | undefined): string | undefined {
  return code && code !== HOME ? code : undefined;
}
