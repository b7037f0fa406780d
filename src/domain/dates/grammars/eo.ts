import type { PartOfDay } from '../reading';
import { grammarReader, type Grammar, type Piece } from './engine';
import {
  alt,
  clock,
  COMMON_RULES,
  dayOfMonth,
  daysFromToday,
  foldLatin,
  fromNow,
  lookup,
  monthDay,
  numericDateRules,
  wordRule,
} from './patterns';

// Tables are written folded: "ĉ" as "c", "ŭ" as "u". People without an Esperanto keyboard
// type the x-system ("dimancxo", "morgaux"): the fold reads it too.

const WEEKDAY_STEMS: Readonly<Record<string, number>> = {
  lund: 1,
  mard: 2,
  merkred: 3,
  jaud: 4,
  vendred: 5,
  sabat: 6,
  dimanc: 7,
};

const MONTHS: Readonly<Record<string, number>> = {
  januaro: 1,
  jan: 1,
  februaro: 2,
  feb: 2,
  marto: 3,
  mar: 3,
  aprilo: 4,
  apr: 4,
  majo: 5,
  maj: 5,
  junio: 6,
  jun: 6,
  julio: 7,
  jul: 7,
  augusto: 8,
  aug: 8,
  septembro: 9,
  sep: 9,
  sept: 9,
  oktobro: 10,
  okt: 10,
  novembro: 11,
  nov: 11,
  decembro: 12,
  dec: 12,
};

const UNITS: readonly string[] = ['', 'unu', 'du', 'tri', 'kvar', 'kvin', 'ses', 'sep', 'ok', 'nau'];

/** Cardinal (1–59) and ordinal (1–31) number words: "dek du", "dudek-kvina", "tria". */
const CARDINALS: Readonly<Record<string, number>> = numberWords('');
const ORDINALS: Readonly<Record<string, number>> = { ...numberWords('a'), ...numberWords('an') };

function numberWords(ending: string): Record<string, number> {
  const words: Record<string, number> = {};
  for (let n = 1; n <= 59; n++) {
    const tens = Math.floor(n / 10);
    const unit = UNITS[n % 10];
    const tensWord = tens === 0 ? '' : tens === 1 ? 'dek' : `${UNITS[tens]}dek`;
    const spellings =
      tensWord === '' ? [unit] : unit === '' ? [tensWord] : [`${tensWord} ${unit}`, `${tensWord}-${unit}`, `${tensWord}${unit}`];
    for (const spelling of spellings) words[spelling + ending] = n;
  }
  return words;
}

const PARTS: Readonly<Record<string, PartOfDay>> = {
  matene: 'morning',
  mateno: 'morning',
  matenon: 'morning',
  antautagmeze: 'morning',
  antautagmezo: 'morning',
  posttagmeze: 'afternoon',
  posttagmezo: 'afternoon',
  posttagmezon: 'afternoon',
  vespere: 'evening',
  vespero: 'evening',
  vesperon: 'evening',
  nokte: 'evening',
};

const NEXT = '(?:la\\s)?(?:venont|proksim|sekv|post)an?';
const THIS = '(?:ci[\\s-]?tiu|tiu[\\s-]?ci)n?';
const COUNT = `\\d+|${alt(Object.keys(CARDINALS))}`;
const HOUR_MARK = '(?:je\\s(?:la\\s)?|la\\s|cirkau\\s(?:la\\s)?)';
const MONTH = `(${alt(Object.keys(MONTHS))})n?`;

function fold(text: string): string {
  return foldLatin(text).replace(/([cghjsu])x/g, '$1');
}

const MINUTE_WORDS: Readonly<Record<string, number>> = { 'kaj duono': 30, 'kaj kvarono': 15, 'malpli kvarono': -15 };

const grammar: Grammar = {
  fold,
  rules: [
    ...COMMON_RULES,
    ...numericDateRules('DMY'),
    wordRule('hodiau', (_m, now) => daysFromToday(now, 0)),
    wordRule('morgau', (_m, now) => daysFromToday(now, 1)),
    wordRule('post[\\s-]?morgau', (_m, now) => daysFromToday(now, 2)),
    wordRule(`(?:(${NEXT})\\s|${THIS}\\s|je\\s)?(${alt(Object.keys(WEEKDAY_STEMS))})(?:on|o|e)`, (m): Piece => ({
      kind: 'weekday',
      weekday: WEEKDAY_STEMS[m[2]],
      nextWeek: m[1] !== undefined,
    })),
    wordRule(`${NEXT}\\ssemajnon?|venontsemajne|sekvasemajne`, (): Piece => ({ kind: 'week', offset: 1 })),
    wordRule(`${THIS}\\ssemajnon?|ci[\\s-]?semajne`, (): Piece => ({ kind: 'week', offset: 0 })),
    // "post tri tagoj", "post du semajnoj", "post semajno"
    wordRule(`(?:post|en)\\s(?:(${COUNT})\\s)?(tagoj?|semajnoj?|horoj?)n?`, (m, now) => {
      const amount = m[1] === undefined ? 1 : /^\d+$/.test(m[1]) ? Number(m[1]) : lookup(CARDINALS, m[1]);
      if (amount === undefined) return undefined;
      return fromNow(now, amount, m[2].startsWith('tag') ? 'days' : m[2].startsWith('hor') ? 'hours' : 'weeks');
    }),
    // "la 3-an de decembro 2026", "la 3-an de decembro, 2026", "3a de decembro", "3 dec", "la tria de decembro", "decembro 3"
    wordRule(`(?:(?:je\\s|en\\s)?la\\s)?(\\d{1,2})(?:-?an?)?\\s(?:de\\s)?${MONTH}(?:,?\\s(\\d{4}))?`, (m, now) =>
      monthDay(now, MONTHS[m[2]], Number(m[1]), m[3] === undefined ? undefined : Number(m[3])),
    ),
    wordRule(`(?:(?:je\\s|en\\s)?la\\s)?(${alt(Object.keys(ORDINALS))})\\s(?:de\\s)?${MONTH}(?:,?\\s(\\d{4}))?`, (m, now) =>
      monthDay(now, MONTHS[m[2]], ORDINALS[m[1]], m[3] === undefined ? undefined : Number(m[3])),
    ),
    wordRule(`${MONTH}\\s(\\d{1,2})(?:-?an?)?(?:,?\\s(\\d{4}))?`, (m, now) =>
      monthDay(now, MONTHS[m[1]], Number(m[2]), m[3] === undefined ? undefined : Number(m[3])),
    ),
    wordRule('(?:(?:je\\s|en\\s)?la\\s)(\\d{1,2})-?an(?!\\s?horo)', (m, now) => dayOfMonth(now, Number(m[1]))),
    // "je la 10-a", "je la deka kaj duono", "je 10", "la 15-a horo", "je la 10:30"
    wordRule(`${HOUR_MARK}(\\d{1,2})(?::(\\d{2}))?(?:-?a)?(?:\\shoro)?(?:\\s(${alt(Object.keys(MINUTE_WORDS))}))?(?![/.-]\\d)`, (m) =>
      hourWithMinutes(Number(m[1]), m[2], m[3]),
    ),
    wordRule(`(?:${HOUR_MARK})?(${alt(Object.keys(ORDINALS))})(?:\\shoro)?(?:\\s(${alt(Object.keys(MINUTE_WORDS))}))?`, (m) => {
      if (m[0] === m[1] && !m[0].includes('dek')) return undefined; // "unua", "dua" alone say no hour
      return hourWithMinutes(ORDINALS[m[1]], undefined, m[2]);
    }),
    wordRule('(\\d{1,2})(?:-?a)?\\shoro', (m) => clock(Number(m[1]))),
    wordRule('(?:je\\s)?tagmez(?:o|e)', () => clock(12)),
    wordRule('(?:je\\s)?noktomez(?:o|e)', () => clock(0)),
    wordRule(`(?:en\\sla\\s|ci[\\s-]?)?(${alt(Object.keys(PARTS))})`, (m): Piece | undefined => {
      const part = lookup(PARTS, m[1]);
      return part ? { kind: 'part', part } : undefined;
    }),
  ],
};

function hourWithMinutes(hour: number | undefined, digits: string | undefined, words: string | undefined): Piece | undefined {
  if (hour === undefined) return undefined;
  if (digits !== undefined) return clock(hour, Number(digits));
  const minutes = words === undefined ? undefined : MINUTE_WORDS[words];
  if (minutes !== undefined && minutes < 0) return clock(hour - 1, 60 + minutes);
  return clock(hour, minutes);
}

export const readEsperanto = grammarReader(grammar);
