import { DateTime } from 'luxon';

export type DobResult =
  { kind: 'date'; date: string; alternatives: string[] } | { kind: 'invalid' } | { kind: 'future' } | { kind: 'too_old' };

export type DateOrder = 'MDY' | 'DMY' | 'YMD';

/**
 * How people write numeric dates in each of our languages: CLDR's short date patterns, except
 * Esperanto and Haitian Creole, which people write day first (see test/dateOfBirth.test.ts).
 */
export const DATE_ORDER: Readonly<Record<string, DateOrder>> = {
  en: 'MDY',
  tl: 'MDY',
  zh: 'YMD',
  ko: 'YMD',
  es: 'DMY',
  eo: 'DMY',
  vi: 'DMY',
  ru: 'DMY',
  pt: 'DMY',
  fr: 'DMY',
  pl: 'DMY',
  ar: 'DMY',
  ht: 'DMY',
};

export const MAX_AGE_YEARS = 120;

/** Month names and abbreviations people type whatever their language, folded: English and Spanish. */
const COMMON_MONTHS: ReadonlyArray<readonly [string, number]> = [
  ['january jan enero ene', 1],
  ['february feb febrero', 2],
  ['march mar marzo', 3],
  ['april apr abril abr', 4],
  ['may mayo', 5],
  ['june jun junio', 6],
  ['july jul julio', 7],
  ['august aug agosto ago', 8],
  ['september sep sept septiembre setiembre set', 9],
  ['october oct octubre', 10],
  ['november nov noviembre', 11],
  ['december dec diciembre dic', 12],
];

/**
 * Names ICU does not have, or not in the spellings people use: Kreyòl (ICU has no Haitian
 * data and falls back to English), Tagalog's Spanish-loan and shortened spellings, Esperanto
 * abbreviations, and Arabic's Levantine month names. Folded (no accents).
 */
const OWN_MONTHS: Readonly<Record<string, ReadonlyArray<readonly [string, number]>>> = {
  ht: [
    ['janvye janvie janvier jan', 1],
    ['fevriye fevrie fevrier fev', 2],
    ['mas mars', 3],
    ['avril avr', 4],
    ['me mai', 5],
    ['jen juin', 6],
    ['jiye jiyet juillet', 7],
    ['out dout aout daou dawou dawout', 8],
    ['septanm septembre sept', 9],
    ['oktob oktobr octobre okt', 10],
    ['novanm novembre nov', 11],
    ['desanm decembre des', 12],
  ],
  tl: [
    ['enero ene', 1],
    ['pebrero febrero peb', 2],
    ['marso marzo', 3],
    ['abril abr', 4],
    ['mayo', 5],
    ['hunyo junio hun', 6],
    ['hulyo julio hul', 7],
    ['agosto ago', 8],
    ['setyembre septyembre septiyembre setiyembre septiembre set', 9],
    ['oktubre octubre okt', 10],
    ['nobyembre nobiyembre noviembre nob', 11],
    ['disyembre disiyembre diciembre dis', 12],
  ],
  eo: [
    ['januaro jan', 1],
    ['februaro feb', 2],
    ['marto mar', 3],
    ['aprilo apr', 4],
    ['majo maj', 5],
    ['junio jun', 6],
    ['julio jul', 7],
    ['augusto auxgusto aug', 8],
    ['septembro sep', 9],
    ['oktobro okt', 10],
    ['novembro nov', 11],
    ['decembro dec', 12],
  ],
};

/** Locales whose ICU month names each language reads; none for Haitian Creole (ICU has none). */
const ICU_LOCALES: Readonly<Record<string, readonly string[]>> = {
  en: ['en-US'],
  es: ['es'],
  fr: ['fr-FR'],
  pt: ['pt-BR', 'pt-PT'],
  ru: ['ru-RU'],
  pl: ['pl-PL'],
  vi: ['vi-VN'],
  ar: ['ar-u-nu-latn', 'ar-SY-u-nu-latn'],
  zh: ['zh-CN'],
  ko: ['ko-KR'],
  tl: ['fil-PH'],
  eo: ['eo'],
  ht: [],
};

/** Words around a written date that carry no meaning: "4 de marzo de 1980", "ngày 4 tháng 3 năm 1980", "1980 г.". */
const FILLER = new Set(['de', 'del', 'of', 'the', 'el', 'le', 'la', 'an', 'a', 'ng', 'ika', 'ngay', 'nam', 'г', 'года', 'r', 'roku']);

/** Separators between the parts, CJK year/day markers included ("1980年3月4日", "1980年3月4號", "1980년 3월 4일"). */
const SEPARATORS = /[\s,./\-年日号號년일]+/u;

interface MonthNames {
  pattern: RegExp;
  months: ReadonlyMap<string, number>;
}

const monthNamesCache = new Map<string, MonthNames>();

/** Every month name and abbreviation a language's people write, folded, as one pattern. */
function monthNames(language: string): MonthNames {
  let cached = monthNamesCache.get(language);
  if (!cached) {
    const months = new Map<string, number>();
    const add = (name: string, month: number): void => {
      const folded = fold(name).replace(/\.$/, '');
      // zh "3" (the month in "3日"-style formats) says nothing by itself.
      if (folded !== '' && !/^\d+$/.test(folded) && !months.has(folded)) months.set(folded, month);
    };
    for (const [names, month] of OWN_MONTHS[language] ?? []) for (const name of names.split(' ')) add(name, month);
    for (const locale of ICU_LOCALES[language] ?? []) for (const [name, month] of icuMonthNames(locale)) add(name, month);
    for (const [names, month] of COMMON_MONTHS) for (const name of names.split(' ')) add(name, month);
    cached = { pattern: namesPattern([...months.keys()]), months };
    monthNamesCache.set(language, cached);
  }
  return cached;
}

/** Long and short names, standalone ("март", "marzec") and in a date ("марта", "marca"). */
function icuMonthNames(locale: string): Array<[string, number]> {
  const styles: Intl.DateTimeFormatOptions[] = [
    { month: 'long' },
    { month: 'short' },
    { month: 'long', day: 'numeric' },
    { month: 'short', day: 'numeric' },
  ];
  const names: Array<[string, number]> = [];
  for (const style of styles) {
    const format = new Intl.DateTimeFormat(locale, { ...style, timeZone: 'UTC' });
    for (let month = 1; month <= 12; month++) {
      const part = format.formatToParts(new Date(Date.UTC(2000, month - 1, 15))).find((p) => p.type === 'month');
      if (part) names.push([part.value, month]);
    }
  }
  return names;
}

/**
 * The names as whole words: "mar" not inside "marca", "3월" not inside "13월"; names in
 * Chinese or Korean script need no space around them ("1980年3月4日"). Grouped by the
 * boundary they need: one lookaround per group keeps the pattern quick to build.
 */
function namesPattern(names: string[]): RegExp {
  const groups = { cjk: [] as string[], digit: [] as string[], word: [] as string[] };
  for (const name of names.sort((a, b) => b.length - a.length)) {
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    if (/^\d/.test(name)) groups.digit.push(escaped);
    else if (/^[\p{Script=Han}\p{Script=Hangul}]/u.test(name)) groups.cjk.push(escaped);
    else groups.word.push(escaped);
  }
  const alternatives = [
    groups.cjk.length > 0 ? `(?:${groups.cjk.join('|')})` : '',
    groups.digit.length > 0 ? `(?<!\\d)(?:${groups.digit.join('|')})(?!(?<=\\d)\\d)` : '',
    groups.word.length > 0 ? `(?<![\\p{L}\\d])(?:${groups.word.join('|')})(?![\\p{L}\\d])` : '',
  ].filter((alternative) => alternative !== '');
  return new RegExp(alternatives.join('|'), 'gu');
}

/** Lower case, accents off (Hangul kept composed), Arabic-Indic digits as 0–9. */
function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .normalize('NFC')
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .toLowerCase()
    .trim();
}

interface Parts {
  year: number;
  month: number;
  day: number;
}

/**
 * Reads a typed date of birth: numeric (with / - or . between the parts, in the order
 * of `language`; ISO "1980-03-04" always), or with the month's name in the person's
 * language (or in English or Spanish, which anyone may type), accents optional:
 * "March 4, 1980", "4 de marzo de 1980", "4 марта 1980", "4 marca 1980", "1980年3月4日",
 * "1980년 3월 4일", "4 tháng 3 năm 1980", "4 mas 1980", "Marso 4, 1980",
 * "la 4-an de marto 1980", "4 مارس 1980" (Arabic-Indic digits too).
 *
 * A two-digit year is 19yy or 20yy, whichever is not in the future and is nearer today.
 * A numeric date that reads two ways (03/04/1980) gives the language's reading in `date`
 * and the other in `alternatives`, so the dialog can read it back to confirm; a reading
 * that is impossible as a date of birth (future, too old) is dropped. A day written where
 * the month should be (13/04/1980 in English) is read in the other order. A date after
 * `today` is 'future'; one more than MAX_AGE_YEARS years before it is 'too_old'.
 */
export function parseDateOfBirth(text: string, language: string, today: string): DobResult {
  const { todayDate, oldest } = bounds(today);
  const valid = readDate(text, language, todayDate)
    .map((parts) => toDate(parts))
    .filter((date): date is DateTime => date !== undefined);
  if (valid.length === 0) return { kind: 'invalid' };

  const plausible = valid.filter((date) => date <= todayDate && date >= oldest);
  if (plausible.length === 0) return valid[0] > todayDate ? { kind: 'future' } : { kind: 'too_old' };
  const [date, ...alternatives] = [...new Set(plausible.map(isoDate))];
  return { kind: 'date', date, alternatives };
}

/** Today and the oldest plausible date of birth, for the last `today` asked (it changes once a day). */
let lastBounds: { today: string; todayDate: DateTime; oldest: DateTime } | undefined;

function bounds(today: string): { todayDate: DateTime; oldest: DateTime } {
  if (lastBounds?.today !== today) {
    const todayDate = DateTime.fromISO(today, { zone: 'UTC' });
    if (!todayDate.isValid) throw new Error(`parseDateOfBirth: today must be YYYY-MM-DD, got ${today}`);
    lastBounds = { today, todayDate, oldest: todayDate.minus({ years: MAX_AGE_YEARS }) };
  }
  return lastBounds;
}

/** Every plausible reading of the text, the language's first. */
function readDate(text: string, language: string, today: DateTime): Parts[] {
  const clean = fold(text);
  const order = DATE_ORDER[language] ?? 'DMY';
  const numeric = /^(\d{1,4})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{1,4})$/.exec(clean);
  if (numeric) return readNumeric(numeric[1], numeric[3], numeric[4], order, today);
  if (/^\d{6}$|^\d{8}$/.test(clean)) return readCompact(clean, order, today);
  return readWithMonthName(clean, monthNames(language), order, today);
}

/**
 * Digits with nothing between them: "19800304" (year first), else six or eight digits in the
 * language's order ("780902" as Koreans write it, the first half of their registration number;
 * "03041980" day first in Spanish, month first in English).
 */
function readCompact(digits: string, order: DateOrder, today: DateTime): Parts[] {
  if (digits.length === 8 && /^(?:19|20)/.test(digits)) return [parts(digits.slice(0, 4), digits.slice(4, 6), digits.slice(6), today)];
  const yearLength = digits.length - 4;
  if (order === 'YMD') return [parts(digits.slice(0, yearLength), digits.slice(yearLength, yearLength + 2), digits.slice(-2), today)];
  const [first, second, year] = [digits.slice(0, 2), digits.slice(2, 4), digits.slice(4)];
  return [order === 'MDY' ? parts(year, first, second, today) : parts(year, second, first, today)];
}

function readNumeric(a: string, b: string, c: string, order: DateOrder, today: DateTime): Parts[] {
  if (a.length >= 3) return [parts(a, b, c, today)]; // ISO: 1980-03-04
  if (order === 'YMD') return c.length >= 3 ? [] : [parts(a, b, c, today)];
  if (c.length === 3) return [];
  const [month, day] = order === 'MDY' ? [a, b] : [b, a];
  const own = parts(c, month, day, today);
  const swapped = parts(c, day, month, today);
  // Both readings are offered only when both could be meant: each field ≤ 12 and they differ.
  if (own.day <= 12 && own.month <= 12 && own.day !== own.month) return [own, swapped];
  // A day > 12 where the month should be: the person wrote the other order.
  return own.month > 12 ? [swapped] : [own];
}

function readWithMonthName(clean: string, names: MonthNames, order: DateOrder, today: DateTime): Parts[] {
  const tokens = clean
    .replace(names.pattern, (name) => ` #${names.months.get(name) ?? 0} `)
    .replace(/(\d)(?:st|nd|rd|th|º|ª|er|an|a)(?![a-z])/g, '$1')
    .split(SEPARATORS)
    .filter((token) => token !== '' && !FILLER.has(token));
  if (tokens.length !== 3) return [];
  const monthIndex = tokens.findIndex((token) => /^#\d+$/.test(token));
  if (monthIndex < 0) return [];
  const numbers = tokens.filter((_, i) => i !== monthIndex);
  if (!numbers.every((token) => /^\d{1,4}$/.test(token))) return [];
  const month = tokens[monthIndex].slice(1);
  // The year is the long number, or else the one typed last ("March 4, 80"), but first where the
  // language writes it first ("78年9月2号").
  const yearFirst = numbers[0].length >= 3 || (order === 'YMD' && monthIndex === 1 && numbers[1].length <= 2);
  const [day, year] = yearFirst ? [numbers[1], numbers[0]] : [numbers[0], numbers[1]];
  if (day.length > 2) return [];
  return [parts(year, month, day, today)];
}

function parts(year: string, month: string, day: string, today: DateTime): Parts {
  const numbers = { month: Number(month), day: Number(day) };
  return { year: year.length <= 2 ? fullYear(Number(year), numbers.month, numbers.day, today) : Number(year), ...numbers };
}

/** yy → 20yy when that is not in the future, else 19yy. */
function fullYear(yy: number, month: number, day: number, today: DateTime): number {
  const recent = 2000 + yy;
  const candidate = DateTime.fromObject({ year: recent, month, day }, { zone: 'UTC' });
  const notFuture = candidate.isValid ? candidate <= today : recent <= today.year;
  return notFuture ? recent : 1900 + yy;
}

function toDate({ year, month, day }: Parts): DateTime | undefined {
  if (year < 1000) return undefined;
  const date = DateTime.fromObject({ year, month, day }, { zone: 'UTC' });
  return date.isValid ? date : undefined;
}

function isoDate(date: DateTime): string {
  return date.toISODate() ?? '';
}
