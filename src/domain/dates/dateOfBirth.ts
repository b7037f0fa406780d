import { DateTime } from 'luxon';

export type DobResult =
  | { kind: 'date'; date: string; alternatives: string[] }
  | { kind: 'invalid' }
  | { kind: 'future' }
  | { kind: 'too_old' };

export type DateOrder = 'MDY' | 'DMY' | 'YMD';

/** How people write numeric dates in each of our languages (CLDR short date patterns). */
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

/** Month names and abbreviations, English and Spanish, without accents. */
const MONTHS: ReadonlyMap<string, number> = new Map(
  [
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
  ].flatMap(([names, month]) => String(names).split(' ').map((name): [string, number] => [name, Number(month)])),
);

/** Words around a written date that carry no meaning: "4 de marzo de 1980", "March 4th, 1980". */
const FILLER = new Set(['de', 'del', 'of', 'the', 'el']);

interface Parts {
  year: number;
  month: number;
  day: number;
}

/**
 * Reads a typed date of birth: numeric (with / - or . between the parts, in the order
 * of `language`; ISO "1980-03-04" always), or with the month's name in English or
 * Spanish, accents optional ("March 4, 1980", "4 de marzo de 1980", "4 marzo 1980").
 *
 * A two-digit year is 19yy or 20yy, whichever is not in the future and is nearer today.
 * A numeric date that reads two ways (03/04/1980) gives the language's reading in `date`
 * and the other in `alternatives`, so the dialog can read it back to confirm; a reading
 * that is impossible as a date of birth (future, too old) is dropped. A day written where
 * the month should be (13/04/1980 in English) is read in the other order. A date after
 * `today` is 'future'; one more than MAX_AGE_YEARS years before it is 'too_old'.
 */
export function parseDateOfBirth(text: string, language: string, today: string): DobResult {
  const todayDate = DateTime.fromISO(today, { zone: 'UTC' });
  if (!todayDate.isValid) throw new Error(`parseDateOfBirth: today must be YYYY-MM-DD, got ${today}`);

  const oldest = todayDate.minus({ years: MAX_AGE_YEARS });
  const valid = readDate(text, DATE_ORDER[language] ?? 'DMY', todayDate)
    .map((parts) => toDate(parts))
    .filter((date): date is DateTime => date !== undefined);
  if (valid.length === 0) return { kind: 'invalid' };

  const plausible = valid.filter((date) => date <= todayDate && date >= oldest);
  if (plausible.length === 0) return valid[0] > todayDate ? { kind: 'future' } : { kind: 'too_old' };
  const [date, ...alternatives] = [...new Set(plausible.map(isoDate))];
  return { kind: 'date', date, alternatives };
}

/** Every plausible reading of the text, the language's first. */
function readDate(text: string, order: DateOrder, today: DateTime): Parts[] {
  const clean = text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .trim();
  const numeric = /^(\d{1,4})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{1,4})$/.exec(clean);
  if (numeric) return readNumeric(numeric[1], numeric[3], numeric[4], order, today);
  return readWithMonthName(clean, today);
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

function readWithMonthName(clean: string, today: DateTime): Parts[] {
  const tokens = clean
    .replace(/(\d)(?:st|nd|rd|th|º|ª)(?![a-z])/g, '$1')
    .split(/[\s,./-]+/)
    .filter((token) => token !== '' && !FILLER.has(token));
  if (tokens.length !== 3) return [];
  const monthIndex = tokens.findIndex((token) => MONTHS.has(token));
  if (monthIndex < 0) return [];
  const numbers = tokens.filter((_, i) => i !== monthIndex);
  if (!numbers.every((token) => /^\d{1,4}$/.test(token))) return [];
  const month = String(MONTHS.get(tokens[monthIndex]));
  // The year is the long number, or else the one typed last ("March 4, 80").
  const [day, year] = numbers[0].length >= 3 ? [numbers[1], numbers[0]] : [numbers[0], numbers[1]];
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
