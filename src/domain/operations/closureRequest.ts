import { DateTime } from 'luxon';
import { officeZone } from '../dates/officeZone';
import type { FieldOffice } from '../offices/types';
import type { Actor, Closure, ClosureReason } from './types';

/** What an operator asks for: a whole day when neither `from` nor `to` is given. */
export interface ClosureRequest {
  date: string;
  /** Office-local "HH:mm"; default the start of the day. */
  from?: string;
  /** Office-local "HH:mm"; default the end of the day ("24:00"). */
  to?: string;
  reason: ClosureReason;
  note?: string;
}

export type ClosureRequestError = 'bad_date' | 'bad_time' | 'empty_span' | 'in_the_past' | 'too_far_ahead' | 'note_too_long';

export type ClosureCheck = { ok: true; closure: Closure } | { ok: false; error: ClosureRequestError; message: string };

/** A closure must start within this many days: a date further out is more likely a typing mistake. */
export const MAX_DAYS_AHEAD = 366;
export const MAX_NOTE_LENGTH = 500;

const DAY_START = '00:00';
const DAY_END = '24:00';

/** Checks an operator's request against the office's calendar and the clock, and makes the closure it describes. */
export function closureFor(request: ClosureRequest, office: FieldOffice, now: Date, createdBy: Actor): ClosureCheck {
  const zone = officeZone(office.timeZone);
  const day = /^\d{4}-\d{2}-\d{2}$/.test(request.date) ? DateTime.fromISO(request.date, { zone }) : undefined;
  if (!day?.isValid) return refuse('bad_date', `date must be a calendar date YYYY-MM-DD: ${request.date}`);
  const from = request.from ?? DAY_START;
  const to = request.to ?? DAY_END;
  const fromMinute = minuteOf(from);
  const toMinute = minuteOf(to);
  if (fromMinute === undefined || toMinute === undefined) return refuse('bad_time', `times must be HH:mm, 00:00 to 24:00: ${from}, ${to}`);
  if (fromMinute >= toMinute) return refuse('empty_span', `"from" must be before "to": ${from}, ${to}`);
  const start = day.plus({ minutes: fromMinute });
  // "24:00" is the next day's midnight, which a DST change may move from 24 hours after this one.
  const end = toMinute === 24 * 60 ? day.plus({ days: 1 }) : day.plus({ minutes: toMinute });
  if (end.toMillis() <= now.getTime()) return refuse('in_the_past', `that time has passed at ${office.code}`);
  if (start.toMillis() > now.getTime() + MAX_DAYS_AHEAD * 86_400_000) {
    return refuse('too_far_ahead', `a closure must start within ${MAX_DAYS_AHEAD} days`);
  }
  const note = (request.note ?? '').trim();
  if (note.length > MAX_NOTE_LENGTH) return refuse('note_too_long', `the note is longer than ${MAX_NOTE_LENGTH} characters`);
  const wholeDay = from === DAY_START && to === DAY_END;
  return {
    ok: true,
    closure: {
      id: closureId(office.code, request.date, wholeDay ? undefined : { from, to }),
      officeCode: office.code,
      date: request.date,
      from,
      to,
      start: isoOf(start),
      end: isoOf(end),
      reason: request.reason,
      note,
      createdAt: now.toISOString(),
      createdBy,
    },
  };
}

export function isWholeDay(closure: Pick<Closure, 'from' | 'to'>): boolean {
  return closure.from === DAY_START && closure.to === DAY_END;
}

/** "NYC-2026-12-15", or "NYC-2026-12-15-0900-1200" for part of the day. */
function closureId(officeCode: string, date: string, span?: { from: string; to: string }): string {
  const base = `${officeCode}-${date}`;
  return span ? `${base}-${span.from.replace(':', '')}-${span.to.replace(':', '')}` : base;
}

function minuteOf(hhmm: string): number | undefined {
  const match = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(hhmm);
  if (!match) return undefined;
  const minute = Number(match[1]) * 60 + Number(match[2]);
  return minute <= 24 * 60 ? minute : undefined;
}

function isoOf(time: DateTime): string {
  const iso = time.toISO();
  if (!iso) throw new Error('closureFor: invalid time');
  return iso;
}

function refuse(error: ClosureRequestError, message: string): ClosureCheck {
  return { ok: false, error, message };
}
