import type { Resource } from 'i18next';
import { dayAndMonthNames } from '../dates/dateWords';
import { lazily } from '../lazily';
import { foldText } from '../text';
import { loadResources } from './translator';

/** franc's ISO 639-3 codes for our languages → our codes. */
const FROM_ISO_639_3: Readonly<Record<string, string>> = {
  eng: 'en',
  spa: 'es',
  epo: 'eo',
  vie: 'vi',
  cmn: 'zh',
  tgl: 'tl',
  rus: 'ru',
  por: 'pt',
  fra: 'fr',
  kor: 'ko',
  pol: 'pl',
  arb: 'ar',
  ara: 'ar',
  hat: 'ht',
};
const OUR_ISO_639_3 = Object.keys(FROM_ISO_639_3);

/**
 * Letters needed before a Latin-script message is judged. Short greetings ("hola", "hi", "ok")
 * are shared across languages, and franc is unreliable on them.
 */
export const MIN_LATIN_LETTERS = 10;
/** Hangul, Han, Arabic or Cyrillic: each is written by only one of our languages, so two letters decide. */
export const MIN_SCRIPT_LETTERS = 2;
/** franc's best guess counts only when the next one scores this much lower (its scores run 0–1, best = 1). */
export const FRANC_MARGIN = 0.1;
/** A Latin-script language wins only with this many more points than the next one. */
export const MIN_LEAD = 2;

/** A letter of a script that only one of our languages writes (Korean, Chinese, Arabic, Russian). */
const SINGLE_LANGUAGE_SCRIPT = /[\p{Script=Hangul}\p{Script=Han}\p{Script=Arabic}\p{Script=Cyrillic}]/u;

type Detector = (text: string) => string | undefined;

/** franc loads on first use (~30 ms), not at start-up: the server's warm-up loads it after it listens. */
const franc = lazily(() => require('franc') as typeof import('franc'));

function stringsOf(node: unknown, out: string[] = []): string[] {
  if (typeof node === 'string') out.push(node);
  else if (Array.isArray(node)) for (const item of node) stringsOf(item, out);
  else if (node !== null && typeof node === 'object') for (const item of Object.values(node)) stringsOf(item, out);
  return out;
}

/** Folded words of a text, digits and placeholders left out. */
function wordsOf(text: string): string[] {
  return foldText(text.replace(/\{\{[^}]*\}\}/g, ' ').replace(/\p{N}+/gu, ' '))
    .split(' ')
    .filter((w) => w.length > 1);
}

function letterCount(text: string): number {
  return (text.match(/\p{L}/gu) ?? []).length;
}

/** Words of a language beyond its translations that people write to this bot (its day and month names); none by default. */
export type ExtraWords = (language: string) => readonly string[];

/**
 * For each Latin-script language, the words that occur in its own translations (and `extra`) and
 * in no other Latin-script language's ("cita", "rendevuon", "mwen", "wizyte", "jueves"): what the
 * translators wrote is the vocabulary people use with this bot, accents folded as they often type them.
 */
function distinctiveWords(resources: Resource, languages: readonly string[], extra: ExtraWords): Map<string, string> {
  const owners = new Map<string, Set<string>>();
  for (const language of languages) {
    for (const word of new Set([...stringsOf(resources[language]), ...extra(language)].flatMap(wordsOf))) {
      const set = owners.get(word) ?? new Set<string>();
      set.add(language);
      owners.set(word, set);
    }
  }
  const distinctive = new Map<string, string>();
  for (const [word, set] of owners) if (set.size === 1) distinctive.set(word, [...set][0]);
  return distinctive;
}

/**
 * A detector for the languages of `resources` (our locale files). Scripts that only one of our
 * languages uses (Hangul, Han, Arabic, Cyrillic) decide alone. Latin-script text is scored:
 * one point per word that belongs to one language's translations (or `extra` words) only, and one more for franc's
 * trigram guess when it leads clearly; the best language must lead by MIN_LEAD points.
 * franc alone is never enough: on a short message it is often wrong ("Saluton, mi bezonas
 * rendevuon" → English).
 */
export function createLanguageDetector(resources: Resource, extra: ExtraWords = () => []): Detector {
  const latinIso = OUR_ISO_639_3.filter((iso) => !['cmn', 'rus', 'kor', 'arb', 'ara'].includes(iso));
  const latinLanguages = latinIso.map((iso) => FROM_ISO_639_3[iso]).filter((code) => code in resources);
  let lexicon: Map<string, string> | undefined;

  return (text: string): string | undefined => {
    const letters = letterCount(text);
    // Too short in any script, as the checks below would find: "hi" or "hola" needs no franc,
    // which then need not load in a new process's first turn.
    if (letters < MIN_SCRIPT_LETTERS || (letters < MIN_LATIN_LETTERS && !SINGLE_LANGUAGE_SCRIPT.test(text))) return undefined;
    const tuples = franc().francAll(text, { only: OUR_ISO_639_3, minLength: 1 });
    const [bestIso, bestScore] = tuples[0];
    const best = FROM_ISO_639_3[bestIso];
    if (!best) return undefined;
    // One candidate: the text's main script is written by one of our languages only.
    if (tuples.length === 1) return best;
    if (letters < MIN_LATIN_LETTERS) return undefined;

    lexicon ??= distinctiveWords(resources, latinLanguages, extra);
    const points = new Map<string, number>();
    for (const word of wordsOf(text)) {
      const owner = lexicon.get(word);
      if (owner) points.set(owner, (points.get(owner) ?? 0) + 1);
    }
    const runnerUp = tuples[1][1];
    if (bestScore - runnerUp >= FRANC_MARGIN) points.set(best, (points.get(best) ?? 0) + 1);

    const ranked = [...points.entries()].sort((a, b) => b[1] - a[1]);
    if (ranked.length === 0) return undefined;
    const lead = ranked[0][1] - (ranked[1]?.[1] ?? 0);
    return lead >= MIN_LEAD ? ranked[0][0] : undefined;
  };
}

let projectDetector: Detector | undefined;

/**
 * The language a message is written in, when that is clear: one of our codes ("es", "zh"), or
 * undefined for short, mixed or unclear text. Uses the project's locale files.
 */
export function detectLanguage(text: string): string | undefined {
  // Day names are what a message about a day names ("no puedo el jueves, puede ser el viernes").
  projectDetector ??= createLanguageDetector(loadResources(), dayAndMonthNames);
  return projectDetector(text);
}
