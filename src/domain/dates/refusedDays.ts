import type { DateTime } from 'luxon';
import { dateWords, textKey, wordKey } from './dateWords';
import type { Reading, WhenReader } from './reading';

/**
 * Days a person says they cannot come ("nie dam rady w czwartek, może w piątek", "I can't do Thursday,
 * maybe Friday", "в четверг не могу, может в пятницу"): the readings of each clause that holds a refusal
 * (locales/<code>/dateWords.json `refusals`: "can't", "no puedo", "nie dam rady"). A clause ends at
 * punctuation or before a word that opens another (`clauseOpeners`: "but", "maybe", "może", "pero").
 *
 * Empty, at the cost of one look at the words, when the text holds no refusal; otherwise each refusing
 * clause is read once more, alone.
 */
export function refusedReadings(text: string, language: string, reader: WhenReader, now: DateTime): Reading[] {
  const words = dateWords(language);
  if (words.refusals.length === 0) return [];
  const inWords = words.containedDateWordLength === undefined;
  const whole = inWords ? ` ${textKey(text.replace(/[’‘`]/gu, "'"), language).split(SEPARATORS).join(' ')} ` : textKey(text, language);
  if (!words.refusals.some((refusal) => holds(whole, refusal, inWords))) return [];
  const refused: Reading[] = [];
  for (const clause of clausesOf(text, language, words.clauseOpeners, inWords)) {
    if (!words.refusals.some((refusal) => holds(clause.key, refusal, inWords))) continue;
    refused.push(...reader(clause.text, now).readings);
  }
  return refused;
}

/**
 * The readings a refusal does not cover, when one of them is still ahead; otherwise all of them (a day
 * refused with no other offered is still the only day said: the dialog reads it back).
 */
export function withoutRefused(readings: readonly Reading[], refused: readonly Reading[], now: DateTime): readonly Reading[] {
  if (refused.length === 0) return readings;
  const kept = readings.filter((reading) => !refused.some((no) => covers(no, reading)));
  return kept.some((reading) => (reading.end ?? reading.start) > now) ? kept : readings;
}

/** A refused day covers every reading that starts in it; a refused time, the reading at that time. */
function covers(refused: Reading, reading: Reading): boolean {
  const start = reading.start.toMillis();
  if (!refused.end) return start === refused.start.toMillis();
  return start >= refused.start.toMillis() && start < refused.end.toMillis();
}

interface Clause {
  /** The clause as typed. */
  text: string;
  /** Its words as keys (wordKey), each between spaces; the whole clause for a script without spaces. */
  key: string;
}

/** Punctuation that ends a clause, in our scripts. */
const PUNCTUATION = ',;.!?¿¡:()，。；！？、：،؛؟';
const BREAKS = new RegExp(`[${PUNCTUATION}\\n]+`, 'u');
const SEPARATORS = new RegExp(`[${PUNCTUATION}\\s]+`, 'u');

function clausesOf(text: string, language: string, openers: readonly string[], inWords: boolean): Clause[] {
  const clauses: Clause[] = [];
  for (const part of text.split(BREAKS)) {
    if (inWords) clauses.push(...splitAtOpeners(part, language, openers));
    else if (part.trim() !== '') clauses.push(...splitInside(part, language, openers));
  }
  return clauses;
}

/** A clause of words cut before each opener ("I can't do Thursday | maybe Friday"). */
function splitAtOpeners(part: string, language: string, openers: readonly string[]): Clause[] {
  const found = [...part.matchAll(/\S+/gu)].map((m) => ({ start: m.index ?? 0, key: wordKey(m[0].replace(/[’‘`]/gu, "'"), language) }));
  const clauses: Clause[] = [];
  let from = 0;
  const close = (to: number): void => {
    if (to <= from) return;
    const end = to < found.length ? found[to].start : part.length;
    clauses.push({
      text: part.slice(found[from].start, end),
      key: ` ${found
        .slice(from, to)
        .map((w) => w.key)
        .join(' ')} `,
    });
    from = to;
  };
  for (let i = 1; i < found.length; i++) {
    const rest = ` ${found
      .slice(i)
      .map((w) => w.key)
      .join(' ')} `;
    if (openers.some((opener) => rest.startsWith(` ${opener} `))) close(i);
  }
  close(found.length);
  return clauses;
}

/** A clause of a script without spaces cut before each opener ("星期四去不了 | 也许星期五"). */
function splitInside(part: string, language: string, openers: readonly string[]): Clause[] {
  const key = textKey(part, language);
  // wordKey keeps one character per character of these scripts: an index in the key is one in the text.
  if (key.length !== part.length) return [{ text: part, key }];
  const cuts = new Set<number>();
  for (const opener of openers) {
    for (let at = key.indexOf(opener, 1); at > 0; at = key.indexOf(opener, at + 1)) cuts.add(at);
  }
  const points = [0, ...[...cuts].sort((a, b) => a - b), key.length];
  const clauses: Clause[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    if (points[i + 1] > points[i]) clauses.push({ text: part.slice(points[i], points[i + 1]), key: key.slice(points[i], points[i + 1]) });
  }
  return clauses;
}

function holds(clauseKey: string, refusal: string, inWords: boolean): boolean {
  return inWords ? clauseKey.includes(` ${refusal} `) : clauseKey.includes(refusal);
}
