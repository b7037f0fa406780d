import { DateTime } from 'luxon';
import { officeZone } from './officeZone';
import { PARTS_OF_DAY, type PartOfDay } from './reading';
import type { WhenCandidate } from './parseWhen';

/** A preferred date and/or time as a person gave it, in an office's wall-clock time (the understanding's `when`). */
export interface WallClockWhen {
  /** YYYY-MM-DD */
  date?: string;
  /** HH:mm */
  time?: string;
  partOfDay?: PartOfDay;
}

/**
 * A `when` heard before the office was known, read again in the office's zone as candidates for
 * findFreeSlots: a date alone is that day, a part of day its hours, a time that minute. A time
 * with no date is today while it is ahead, else tomorrow (as parseWhen reads "at 10"). Empty when
 * nothing usable was said.
 */
export function whenCandidates(when: WallClockWhen, now: Date, timeZone: string): WhenCandidate[] {
  const zone = officeZone(timeZone);
  const zonedNow = DateTime.fromJSDate(now, { zone });
  const clock = /^(\d{2}):(\d{2})$/.exec(when.time ?? '');
  let day = when.date ? DateTime.fromISO(when.date, { zone }) : zonedNow.startOf('day');
  if (!day.isValid) return [];
  if (!when.date && clock && day.set({ hour: Number(clock[1]), minute: Number(clock[2]) }) <= zonedNow) day = day.plus({ days: 1 });
  if (!when.date && !clock && !when.partOfDay) return [];
  const candidate = (start: DateTime, end: DateTime | undefined, precision: WhenCandidate['precision']): WhenCandidate => ({
    start: start.toISO() ?? '',
    ...(end ? { end: end.toISO() ?? '' } : {}),
    precision,
    past: (end ?? start) <= zonedNow,
  });
  if (clock) {
    const start = day.set({ hour: Number(clock[1]), minute: Number(clock[2]) });
    return [candidate(start, undefined, start.minute === 0 ? 'hour' : 'minute')];
  }
  if (when.partOfDay) {
    const hours = PARTS_OF_DAY[when.partOfDay];
    return [candidate(day.set({ hour: hours.startHour }), day.set({ hour: hours.endHour }), 'partOfDay')];
  }
  return [candidate(day, day.plus({ days: 1 }), 'day')];
}

/** A candidate of parseWhen as the parts a person said: a day, a part of day or a time, with its date. */
export function whenOfCandidate(candidate: WhenCandidate): WallClockWhen {
  const start = DateTime.fromISO(candidate.start, { setZone: true });
  const date = start.toISODate() ?? undefined;
  const when: WallClockWhen = date ? { date } : {};
  if (candidate.precision === 'day') return when;
  if (candidate.precision === 'partOfDay' && candidate.end) {
    const end = DateTime.fromISO(candidate.end, { setZone: true });
    for (const [part, hours] of Object.entries(PARTS_OF_DAY) as Array<[PartOfDay, { startHour: number; endHour: number }]>) {
      if (start.hour === hours.startHour && end.hour === hours.endHour) return { ...when, partOfDay: part };
    }
  }
  return { ...when, time: start.toFormat('HH:mm') };
}
