import type { DateTime } from 'luxon';

export type WhenPrecision = 'day' | 'partOfDay' | 'hour' | 'minute';

/** One meaning of a typed date/time, as wall-clock times in the office's zone. */
export interface Reading {
  start: DateTime;
  /** Exclusive; set for day and part-of-day readings (a date range may span days). */
  end?: DateTime;
  precision: WhenPrecision;
}

/**
 * Understands one language. `now` is the office's current time, in the office's zone;
 * readings come back in that zone, in the order the parser found them.
 */
export type WhenParser = (text: string, now: DateTime) => Reading[];

export type PartOfDay = 'morning' | 'afternoon' | 'evening';

/** Local hours [start, end) of each part of the day. */
export const PARTS_OF_DAY: Readonly<Record<PartOfDay, { startHour: number; endHour: number }>> = {
  morning: { startHour: 8, endHour: 12 },
  afternoon: { startHour: 12, endHour: 17 },
  evening: { startHour: 17, endHour: 21 },
};

/**
 * Hours [start, end) in which people usually mean an office visit: "at 10" is 10:00
 * before 22:00, "at 3" is 15:00 before 03:00.
 */
export const USUAL_OFFICE_HOURS = { startHour: 7, endHour: 18 } as const;
