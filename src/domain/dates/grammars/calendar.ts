import type { DateTime } from 'luxon';
import type { Reading } from '../reading';

/** Calendar arithmetic shared by our grammars and the rules added to chrono (chronoLanguages.ts). */

/** Saturday 00:00 to Monday 00:00 of this week (`weeks` 0) or a later one, as a range of days. */
export function weekendRange(now: DateTime, weeks: number): Reading {
  const saturday = now.startOf('day').startOf('week').plus({ weeks, days: 5 });
  return { start: saturday, end: saturday.plus({ days: 2 }), precision: 'day' };
}

/**
 * That weekday (1 = Monday … 7 = Sunday) of this week (`weeks` 0) or a later one. "This week's
 * Monday" said on a Tuesday is, word for word, yesterday; but a person booking cannot mean a past
 * day, and people say "this Monday" ("이번 월요일", "terça agora") of the coming one too, so the
 * coming one (next week's) comes first and this week's follows (it will be `past: true`). The
 * date is always read back before booking, so a wrong guess is caught there.
 */
export function weekdayOfWeek(now: DateTime, weekday: number, weeks: number): DateTime[] {
  const today = now.startOf('day');
  const day = today.startOf('week').plus({ weeks, days: weekday - 1 });
  return weeks === 0 && day < today ? [day.plus({ weeks: 1 }), day] : [day];
}

/** "the next 3 hours": from now to that many hours ahead; undefined for 0 or more than 12 hours. */
export function nextHoursRange(now: DateTime, hours: number): Reading | undefined {
  if (!(hours > 0 && hours <= 12)) return undefined;
  const start = now.startOf('minute');
  return { start, end: start.plus({ hours }), precision: 'partOfDay' };
}

/** The last such weekday (1 = Monday … 7 = Sunday) of a month (1–12): this year's if still ahead, otherwise next year's. */
export function lastWeekdayOfMonth(now: DateTime, weekday: number, month: number): DateTime | undefined {
  if (!(month >= 1 && month <= 12 && weekday >= 1 && weekday <= 7)) return undefined;
  const today = now.startOf('day');
  for (const year of [today.year, today.year + 1]) {
    const lastDay = today.set({ year, month, day: 1 }).endOf('month').startOf('day');
    const day = lastDay.minus({ days: (lastDay.weekday - weekday + 7) % 7 });
    if (day >= today) return day;
  }
  return undefined;
}

/** UTC offsets, in minutes, of the zone abbreviations people type after a time ("16:00 CET"). */
export const ZONE_OFFSETS: Readonly<Record<string, number>> = {
  utc: 0,
  gmt: 0,
  cet: 60,
  cest: 120,
  eet: 120,
  eest: 180,
  est: -300,
  edt: -240,
  cst: -360,
  cdt: -300,
  mst: -420,
  mdt: -360,
  pst: -480,
  pdt: -420,
};
