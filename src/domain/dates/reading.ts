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

/**
 * What a parser made of a text: its readings, and `rest`, the text it read (after its own
 * rewrites) with every stretch that gave a reading blanked out. What is left in `rest` is what
 * no rule read (unread.ts maps it back to the words the person typed).
 */
export interface Parsed {
  readings: Reading[];
  rest: string;
}

/** A WhenParser that also says what it left unread. */
export type WhenReader = (text: string, now: DateTime) => Parsed;

/** The readings alone, for callers that need no more. */
export function parserOf(reader: WhenReader): WhenParser {
  return (text, now) => reader(text, now).readings;
}

/** `text` with [start, end) replaced by spaces, so that the other indices in it stay valid. */
export function blank(text: string, start: number, end: number): string {
  return text.slice(0, start) + ' '.repeat(Math.max(0, end - start)) + text.slice(end);
}

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

/** A reading, or half of one waiting for its other half (a day for a time, or the reverse). */
export type Piece =
  | { kind: 'reading'; reading: Reading }
  | { kind: 'day'; day: DateTime }
  | { kind: 'clock'; hour: number; minute: number; precision: 'hour' | 'minute' }
  | { kind: 'span'; startMinute: number; endMinute: number };

/**
 * Days and times found apart ("el lunes, por la mañana") are joined: every day at every time.
 * A weekday read with its time ("quarta às 14h") and a date said beside it that falls on that
 * weekday ("dia 16") are one day: the time goes on the date, not on the nearest such weekday; and
 * a date read with its time ("dia 15 de dezembro às 8:00") keeps its day beside the weekday it
 * falls on ("terça-feira").
 */
export function assemble(pieces: Piece[], now: DateTime): Reading[] {
  const readings: Reading[] = [];
  const days: DateTime[] = [];
  const times: Piece[] = [];
  for (const piece of pieces) {
    if (piece.kind === 'reading') readings.push(piece.reading);
    else if (piece.kind === 'day') days.push(piece.day);
    else times.push(piece);
  }
  // A day that takes a weekday's time takes all of them ("terça às 8:00" is 08:00 and 20:00, both on the 15th).
  const taken = new Set<DateTime>();
  const moved = readings.map((reading) => {
    if (reading.precision === 'day') return reading;
    const day = days.find((d) => d.weekday === reading.start.weekday);
    if (!day) return reading;
    taken.add(day);
    // A weekday said alone is its nearest day: of the two, the later is the date said.
    if (day.startOf('day') <= reading.start.startOf('day')) return reading;
    const shift = day.startOf('day').diff(reading.start.startOf('day'), 'days').days;
    return { ...reading, start: reading.start.plus({ days: shift }), ...(reading.end ? { end: reading.end.plus({ days: shift }) } : {}) };
  });
  return [
    ...moved,
    ...joinDaysAndTimes(
      days.filter((day) => !taken.has(day)),
      times,
      now,
      atTime,
    ),
  ];
}

/**
 * Every day at every time; the days alone when no time was said; each time at its next
 * occurrence when no day was. `atTime` places one kind of time on a day.
 */
export function joinDaysAndTimes<T>(
  days: readonly DateTime[],
  times: readonly T[],
  now: DateTime,
  atTime: (day: DateTime, time: T) => Reading,
): Reading[] {
  if (days.length > 0 && times.length > 0) return days.flatMap((day) => times.map((time) => atTime(day, time)));
  if (days.length > 0) return days.map(dayReading);
  return times.map((time) => nextOccurrence(time, now, atTime));
}

/** A time with no day: today if it is still ahead, otherwise tomorrow. */
function nextOccurrence<T>(time: T, now: DateTime, atTime: (day: DateTime, time: T) => Reading): Reading {
  const today = atTime(now.startOf('day'), time);
  const over = (today.end ?? today.start) <= now;
  return over ? atTime(now.startOf('day').plus({ days: 1 }), time) : today;
}

function atTime(day: DateTime, time: Piece): Reading {
  switch (time.kind) {
    case 'clock':
      return { start: day.set({ hour: time.hour, minute: time.minute }), precision: time.precision };
    case 'span':
      return {
        start: day.set(clockOf(time.startMinute)),
        end: day.set(clockOf(time.endMinute)),
        precision: 'partOfDay',
      };
    case 'day':
      return dayReading(time.day);
    case 'reading':
      return time.reading;
  }
}

export function clockOf(minutes: number): { hour: number; minute: number } {
  return { hour: Math.floor(minutes / 60), minute: minutes % 60 };
}

export function partOfDayReading(day: DateTime, part: PartOfDay): Reading {
  const { startHour, endHour } = PARTS_OF_DAY[part];
  return { start: day.set({ hour: startHour }), end: day.set({ hour: endHour }), precision: 'partOfDay' };
}

export function dayReading(day: DateTime): Reading {
  return { start: day, end: day.plus({ days: 1 }).startOf('day'), precision: 'day' };
}
