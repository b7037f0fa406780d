import { FixedOffsetZone, type DateTime } from 'luxon';
import { blank, joinDaysAndTimes, partOfDayReading, USUAL_OFFICE_HOURS, type PartOfDay, type Reading, type WhenReader } from '../reading';
import { weekdayOfWeek } from './calendar';

export type Meridiem = 'am' | 'pm';

/** What one rule understood of a stretch of text; the pieces of a phrase are then put together. */
export type Piece =
  /** Explicit dates ("3 grudnia", "12월 3일"), the most likely first. */
  | { kind: 'date'; days: DateTime[] }
  /**
   * 1 = Monday … 7 = Sunday (luxon's numbering); `next`: "the coming Friday", never today;
   * `nextWeek`: "next Friday", the Friday of next week, as English reads it ("next Wednesday" said on a
   * Monday is in nine days, said on a Saturday in four).
   */
  | { kind: 'weekday'; weekday: number; next?: boolean; nextWeek?: boolean }
  /** "next week": alone the week as a range; with a weekday, the week that weekday is in. */
  | { kind: 'week'; offset: number }
  /** "in two weeks": alone the day N weeks from today; with a weekday, the week that weekday is in. */
  | { kind: 'weeksFromNow'; weeks: number }
  | { kind: 'clock'; hour: number; minute: number; precision: 'hour' | 'minute'; meridiem?: Meridiem }
  /** A part of the day: alone a span; with a clock, it says AM or PM ("3 po południu"). */
  | { kind: 'part'; part: PartOfDay }
  /** "am", "pm" written apart from the hour. */
  | { kind: 'meridiem'; meridiem: Meridiem }
  | { kind: 'reading'; reading: Reading }
  /** A zone after a time ("16:00 CET"): the clocks are that zone's, offset in minutes from UTC. */
  | { kind: 'zone'; offset: number };

export interface Rule {
  /** Matched against the folded text; must have the global flag. */
  pattern: RegExp;
  read: (match: RegExpExecArray, now: DateTime) => Piece | Piece[] | undefined;
}

export interface Grammar {
  /** Lower case, spelling variants folded ("ł" → "l", "cx" → "ĉ" → "c"); punctuation kept. */
  fold: (text: string) => string;
  rules: readonly Rule[];
}

/** Nobody types a date in more; the rules' cost grows with length. */
const MAX_TEXT_LENGTH = 200;

export function grammarReader(grammar: Grammar): WhenReader {
  return (text, now) => {
    const folded = grammar.fold(text.slice(0, MAX_TEXT_LENGTH));
    const kept = findPieces(folded, grammar.rules, now);
    const rest = kept.reduce((left, k) => blank(left, k.start, k.end), folded);
    return {
      readings: assemble(
        kept.flatMap((k) => k.pieces),
        now,
      ),
      rest,
    };
  };
}

interface Found {
  start: number;
  end: number;
  order: number;
  pieces: Piece[];
}

/** Every rule's matches; where matches overlap, the longest wins (then the earliest rule). In the order of the text. */
function findPieces(text: string, rules: readonly Rule[], now: DateTime): Found[] {
  const found: Found[] = [];
  rules.forEach((rule, order) => {
    rule.pattern.lastIndex = 0;
    for (let match = rule.pattern.exec(text); match; match = rule.pattern.exec(text)) {
      if (match[0].length === 0) {
        rule.pattern.lastIndex = match.index + 1;
        continue;
      }
      const read = rule.read(match, now);
      const pieces = read === undefined ? [] : Array.isArray(read) ? read : [read];
      if (pieces.length > 0) found.push({ start: match.index, end: match.index + match[0].length, order, pieces });
      // Look again from the next character: "a 2è" in "jodi a 2è" loses "a" to "jodi a", and "2è" must still be found.
      rule.pattern.lastIndex = match.index + 1;
    }
  });
  found.sort((a, b) => b.end - b.start - (a.end - a.start) || a.order - b.order || a.start - b.start);
  const kept: Found[] = [];
  for (const candidate of found) {
    if (kept.every((k) => candidate.end <= k.start || candidate.start >= k.end)) kept.push(candidate);
  }
  return kept.sort((a, b) => a.start - b.start);
}

type TimeOfDay =
  { kind: 'at'; hour: number; minute: number; precision: 'hour' | 'minute'; zone?: number } | { kind: 'span'; part: PartOfDay };

/** Days and times found apart ("jutro, o 10") are joined: every day at every time. */
export function assemble(pieces: readonly Piece[], now: DateTime): Reading[] {
  const readings: Reading[] = [];
  const dates: DateTime[] = [];
  const weekdays: Array<{ weekday: number; next: boolean; nextWeek: boolean }> = [];
  const clocks: Array<Extract<Piece, { kind: 'clock' }>> = [];
  const parts: PartOfDay[] = [];
  let weekOffset: number | undefined;
  let weeksFromNow: number | undefined;
  let meridiem: Meridiem | undefined;
  let zone: number | undefined;
  for (const piece of pieces) {
    switch (piece.kind) {
      case 'date':
        dates.push(...piece.days);
        break;
      case 'weekday':
        weekdays.push({ weekday: piece.weekday, next: piece.next === true, nextWeek: piece.nextWeek === true });
        break;
      case 'week':
        weekOffset ??= piece.offset;
        break;
      case 'weeksFromNow':
        weeksFromNow ??= piece.weeks;
        break;
      case 'clock':
        clocks.push(piece);
        break;
      case 'part':
        parts.push(piece.part);
        break;
      case 'meridiem':
        meridiem ??= piece.meridiem;
        break;
      case 'reading':
        readings.push(piece.reading);
        break;
      case 'zone':
        zone ??= piece.offset;
        break;
    }
  }

  const today = now.startOf('day');
  const hasTime = clocks.length > 0 || parts.length > 0;
  let days = dates;
  if (days.length === 0 && weekdays.length > 0) {
    const week = weekOffset ?? weeksFromNow;
    days = weekdays.flatMap(({ weekday, next, nextWeek }) => {
      const weekSaid = week ?? (nextWeek ? 1 : undefined);
      return weekSaid === undefined ? comingWeekday(today, weekday, hasTime && !next) : weekdayOfWeek(today, weekday, weekSaid);
    });
  } else if (days.length === 0 && weekOffset !== undefined) {
    const start = today.startOf('week').plus({ weeks: weekOffset });
    readings.push({ start, end: start.plus({ weeks: 1 }), precision: 'day' });
  } else if (days.length === 0 && weeksFromNow !== undefined) {
    days = [today.plus({ weeks: weeksFromNow })];
  }

  const partMeridiem = parts.length > 0 ? (parts[0] === 'morning' ? 'am' : 'pm') : undefined;
  const times: TimeOfDay[] =
    clocks.length > 0
      ? clocks.flatMap((clock) =>
          hoursOf(clock.hour, clock.meridiem ?? meridiem ?? partMeridiem).map((hour): TimeOfDay => ({
            kind: 'at',
            hour,
            minute: clock.minute,
            precision: clock.precision,
            zone,
          })),
        )
      : parts.map((part): TimeOfDay => ({ kind: 'span', part }));

  return byPreference([...readings, ...joinDaysAndTimes(days, times, now, atTime)], now);
}

/** The coming weekday; said on that weekday, a week from today (and today too when a time may still be ahead). */
function comingWeekday(today: DateTime, weekday: number, todayToo: boolean): DateTime[] {
  const ahead = (weekday - today.weekday + 7) % 7;
  if (ahead > 0) return [today.plus({ days: ahead })];
  return todayToo ? [today, today.plus({ days: 7 })] : [today.plus({ days: 7 })];
}

/**
 * The hours a clock reading can mean: "3" with nothing else is 03:00 or 15:00; "3 pm" 15:00;
 * "12 am" midnight; "12" noon.
 */
function hoursOf(hour: number, meridiem: Meridiem | undefined): number[] {
  if (hour > 23) return [];
  if (meridiem === 'am') return [hour === 12 ? 0 : hour];
  if (meridiem === 'pm') return [hour < 12 ? hour + 12 : hour];
  if (hour >= 1 && hour <= 11) return [hour, hour + 12];
  return [hour];
}

function atTime(day: DateTime, time: TimeOfDay): Reading {
  if (time.kind === 'at' && time.zone !== undefined) {
    // That wall-clock time in the zone said, on the office's clock; 'minute', as a zone half an hour off moves it off the hour.
    const there = day.setZone(FixedOffsetZone.instance(time.zone), { keepLocalTime: true }).set({ hour: time.hour, minute: time.minute });
    return { start: there.setZone(day.zone), precision: 'minute' };
  }
  if (time.kind === 'at') return { start: day.set({ hour: time.hour, minute: time.minute }), precision: time.precision };
  return partOfDayReading(day, time.part);
}

/** Future before past, then times inside usual office hours, then the order of the text. */
function byPreference(readings: Reading[], now: DateTime): Reading[] {
  const rank = (r: Reading): number => {
    const past = r.end ? r.end <= now : r.start < now;
    const usual = r.precision === 'day' || (r.start.hour >= USUAL_OFFICE_HOURS.startHour && r.start.hour < USUAL_OFFICE_HOURS.endHour);
    return (past ? 2 : 0) + (usual ? 0 : 1);
  };
  return [...readings].sort((a, b) => rank(a) - rank(b));
}
