import type { DateTime } from 'luxon';
import type { DateOrder } from '../dateOfBirth';
import type { PartOfDay } from '../reading';
import { lastWeekdayOfMonth, nextHoursRange, weekendRange, ZONE_OFFSETS } from './calendar';
import { dayReading } from '../reading';
import type { Piece, Rule } from './engine';

/** Lower case, accents off, one space between words; punctuation kept (":" "/" "." carry dates and times). */
export function foldLatin(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/ł/g, 'l')
    .replace(/Ł/g, 'L')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Alternation of literal words, longest first so that "pojutrze" wins over "jutro". */
export function alt(words: Iterable<string>): string {
  return [...new Set(words)]
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|');
}

/** A rule whose pattern stands as whole words (not inside a longer word or number). */
export function wordRule(source: string, read: Rule['read']): Rule {
  return { pattern: new RegExp(`(?<![\\p{L}\\d])(?:${source})(?![\\p{L}\\d])`, 'gu'), read };
}

/** A rule for scripts written without spaces between words (Korean). */
export function freeRule(source: string, read: Rule['read']): Rule {
  return { pattern: new RegExp(source, 'gu'), read };
}

/** Looks a word up in a table after folding; the tables' keys are folded already. */
export function lookup<T>(table: Readonly<Record<string, T>>, word: string | undefined): T | undefined {
  if (word === undefined) return undefined;
  return Object.prototype.hasOwnProperty.call(table, word) ? table[word] : undefined;
}

/** A count typed in digits ("3") or as one of the table's words ("trzy", "dalawang"). */
export function numberOf(text: string | undefined, words: Readonly<Record<string, number>>): number | undefined {
  if (text === undefined) return undefined;
  if (/^\d+$/.test(text)) return Number(text);
  return lookup(words, text);
}

// ---- pieces -------------------------------------------------------------------------------

/**
 * A month and day with no year: this year's if still ahead, otherwise next year's (this
 * year's follows, in the past). With a year, that date only.
 */
export function monthDay(now: DateTime, month: number, day: number, year?: number): Piece | undefined {
  const today = now.startOf('day');
  if (year !== undefined) {
    const date = today.set({ year: fullYear(year), month: 1, day: 1 }).set({ month, day });
    return isExact(date, month, day) ? { kind: 'date', days: [date] } : undefined;
  }
  const thisYear = today.set({ month: 1, day: 1 }).set({ month, day });
  if (!isExact(thisYear, month, day)) {
    // 29 February: the next leap year's.
    const leap = today.set({ month: 1, day: 1 }).plus({ years: 1 }).set({ month, day });
    return isExact(leap, month, day) ? { kind: 'date', days: [leap] } : undefined;
  }
  return { kind: 'date', days: thisYear >= today ? [thisYear] : [thisYear.plus({ years: 1 }), thisYear] };
}

/** A day of the month alone ("the 15th"): this month's if still ahead, otherwise the next month that has it. */
export function dayOfMonth(now: DateTime, day: number): Piece | undefined {
  if (day < 1 || day > 31) return undefined;
  const today = now.startOf('day');
  for (let months = 0; months < 3; months++) {
    const first = today.set({ day: 1 }).plus({ months });
    const date = first.set({ day });
    if (date.month === first.month && date.day === day && date >= today) return { kind: 'date', days: [date] };
  }
  return undefined;
}

export function daysFromToday(now: DateTime, days: number): Piece {
  return { kind: 'date', days: [now.startOf('day').plus({ days })] };
}

/** "in 3 days" is a day; "in 2 hours" a minute. */
export function fromNow(now: DateTime, amount: number, unit: 'days' | 'weeks' | 'hours'): Piece | undefined {
  if (!(amount > 0)) return undefined;
  if (unit === 'weeks') return { kind: 'weeksFromNow', weeks: amount };
  if (unit === 'days') return { kind: 'reading', reading: dayReading(now.startOf('day').plus({ days: amount })) };
  return { kind: 'reading', reading: { start: now.plus({ hours: amount }).startOf('minute'), precision: 'minute' } };
}

/** "ostatni poniedziałek marca", "3월 마지막 월요일". */
export function lastWeekdayOf(now: DateTime, weekday: number, month: number): Piece | undefined {
  const day = lastWeekdayOfMonth(now, weekday, month);
  return day && { kind: 'date', days: [day] };
}

/** "this weekend" (`weeks` 0), "next weekend" (1): Saturday and Sunday. */
export function weekend(now: DateTime, weeks: number): Piece {
  return { kind: 'reading', reading: weekendRange(now, weeks) };
}

/** "the next 3 hours": from now to then. */
export function nextHours(now: DateTime, hours: number | undefined): Piece | undefined {
  const reading = hours === undefined ? undefined : nextHoursRange(now, hours);
  return reading && { kind: 'reading', reading };
}

/** "Friday after next": the coming one's next week (a week after the coming one). */
export function weekdayAfterNext(now: DateTime, weekday: number): Piece {
  const today = now.startOf('day');
  const ahead = (weekday - today.weekday + 7) % 7 || 7;
  return { kind: 'date', days: [today.plus({ days: ahead + 7 })] };
}

export function clock(hour: number, minute?: number, meridiem?: 'am' | 'pm'): Piece | undefined {
  if (hour > 24 || (minute ?? 0) > 59) return undefined;
  return {
    kind: 'clock',
    hour: hour === 24 ? 0 : hour,
    minute: minute ?? 0,
    precision: minute === undefined ? 'hour' : 'minute',
    meridiem,
  };
}

function fullYear(year: number): number {
  return year < 100 ? 2000 + year : year;
}

function isExact(date: DateTime, month: number, day: number): boolean {
  return date.isValid && date.month === month && date.day === day;
}

// ---- rules every grammar shares -----------------------------------------------------------

/**
 * "2026-12-03", and numeric dates in the language's order. A day where the month should be
 * ("2/15" in a day-first language) reads the other way, with slashes only: "10.30" is a time.
 */
export function numericDateRules(order: DateOrder): Rule[] {
  return [
    wordRule('(\\d{4})\\s?[-./]\\s?(\\d{1,2})\\s?[-./]\\s?(\\d{1,2})\\.?', (m, now) =>
      monthDay(now, Number(m[2]), Number(m[3]), Number(m[1])),
    ),
    wordRule('(\\d{1,2})\\s?([./-])\\s?(\\d{1,2})(?:\\2\\s?(\\d{4}|\\d{1,2}))?(?!\\s?[:h]\\d)', (m, now) => {
      if (order === 'YMD' && m[4] !== undefined) return monthDay(now, Number(m[3]), Number(m[4]), Number(m[1]));
      const [a, b] = [Number(m[1]), Number(m[3])];
      const year = m[4] === undefined ? undefined : Number(m[4]);
      const [month, day] = order === 'DMY' ? [b, a] : [a, b];
      if (month > 12 && day <= 12 && m[2] === '/') return monthDay(now, day, month, year);
      return monthDay(now, month, day, year);
    }),
  ];
}

export const ENGLISH_PARTS: Readonly<Record<string, PartOfDay>> = {
  morning: 'morning',
  afternoon: 'afternoon',
  evening: 'evening',
  tonight: 'evening',
  night: 'evening',
};

/** Clocks written the same in every language, and the English words people mix in ("bukas ng 10am", "lunes afternoon"). */
export const COMMON_RULES: readonly Rule[] = [
  wordRule('([01]?\\d|2[0-4]):([0-5]\\d)', (m) => clock(Number(m[1]), Number(m[2]))),
  wordRule('([01]?\\d|2[0-4])\\s?h\\s?([0-5]\\d)?', (m) => clock(Number(m[1]), m[2] === undefined ? undefined : Number(m[2]))),
  wordRule('(1[0-2]|0?[1-9])(?:[:.]([0-5]\\d))?\\s?([ap])\\.?\\s?m\\.?', (m) =>
    clock(Number(m[1]), m[2] === undefined ? undefined : Number(m[2]), m[3] === 'a' ? 'am' : 'pm'),
  ),
  wordRule('(1[0-2]|0?[1-9])(?::([0-5]\\d))?([ap])', (m) =>
    clock(Number(m[1]), m[2] === undefined ? undefined : Number(m[2]), m[3] === 'a' ? 'am' : 'pm'),
  ),
  wordRule('noon|midday', () => clock(12)),
  wordRule('midnight', () => clock(0)),
  wordRule(`(?:this |in the |the )?(${alt(Object.keys(ENGLISH_PARTS))})`, (m) => {
    const part = lookup(ENGLISH_PARTS, m[1]);
    return part ? { kind: 'part', part } : undefined;
  }),
  wordRule(alt(Object.keys(ZONE_OFFSETS)), (m): Piece => ({ kind: 'zone', offset: ZONE_OFFSETS[m[0]] })),
  wordRule('today', (_m, now) => daysFromToday(now, 0)),
  wordRule('tomorrow|tmrw|tmr', (_m, now) => daysFromToday(now, 1)),
];
