import { calendarDateIn } from '../dates/calendarDate';
import type { WhenCandidate } from '../dates/parseWhen';
import type { FieldOffice } from '../offices/types';
import type { SlotSearch } from '../slots/availability';
import { bookingWindow, MIN_LEAD_MINUTES, startOfLocalDay } from '../slots/schedule';
import type { SlotPolicy } from '../slots/types';
import type { WaitWindow } from './types';

/** The days from `fromDate` to `toDate` (both included, YYYY-MM-DD) at an office, as instants of its zone. */
export function waitWindow(fromDate: string, toDate: string, timeZone: string): WaitWindow {
  if (toDate < fromDate) throw new RangeError(`waitWindow: ${toDate} is before ${fromDate}`);
  return { fromDate, toDate, fromMs: startOfLocalDay(fromDate, timeZone), untilMs: startOfLocalDay(addDays(toDate, 1), timeZone) };
}

export function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The first and last office-local days a person may book now. */
export function bookableDays(now: Date, office: FieldOffice, policy: SlotPolicy): { first: string; last: string } {
  const window = bookingWindow(now, office, policy);
  return { first: calendarDateIn(window.from, office.timeZone), last: calendarDateIn(new Date(window.to.getTime() - 1), office.timeZone) };
}

/**
 * Why a person may wait: no time free in the booking window (`anyDay`), none on the days they
 * asked (`wanted`), or the first time free is later than the first day they asked for, or than
 * today when they asked for no day (`earlier`).
 */
export type WaitReason = 'anyDay' | 'wanted' | 'earlier';

export interface WaitOption {
  reason: WaitReason;
  window: WaitWindow;
}

export interface WaitOptionArgs {
  search: SlotSearch;
  /** What the person asked for (parseWhen's candidates, most likely first); empty: the earliest times. */
  wanted: readonly WhenCandidate[];
  office: FieldOffice;
  policy: SlotPolicy;
  now: Date;
}

/** The days a person could wait for after a slot search, and why; undefined when waiting would not help. */
export function waitOptionFor(args: WaitOptionArgs): WaitOption | undefined {
  const { search, office, policy, now } = args;
  const zone = office.timeZone;
  const bookable = bookableDays(now, office, policy);
  if (search.kind === 'none') {
    return search.reason === 'fully_booked' ? { reason: 'anyDay', window: waitWindow(bookable.first, bookable.last, zone) } : undefined;
  }
  const target = args.wanted.find((candidate) => !candidate.past);
  const wantedFrom = target ? maxDate(calendarDateIn(new Date(target.start), zone), bookable.first) : bookable.first;
  if (target && !search.exactMatch) {
    const endMs = target.end ? Date.parse(target.end) - 1 : Date.parse(target.start);
    const to = minDate(calendarDateIn(new Date(endMs), zone), bookable.last);
    return wantedFrom <= to ? { reason: 'wanted', window: waitWindow(wantedFrom, to, zone) } : undefined;
  }
  const earliest = search.slots[0];
  if (!earliest) return undefined;
  const before = addDays(calendarDateIn(new Date(earliest.start), zone), -1);
  return before >= wantedFrom ? { reason: 'earlier', window: waitWindow(wantedFrom, before, zone) } : undefined;
}

function maxDate(a: string, b: string): string {
  return a > b ? a : b;
}

function minDate(a: string, b: string): string {
  return a < b ? a : b;
}

/**
 * The days a person holding an appointment may wait for an earlier seat: from the first bookable day
 * to the appointment's, ending where it starts (only seats before it are offered). Undefined when no
 * seat could come before it (it starts within the hour's lead).
 */
export function earlierWindow(now: Date, office: FieldOffice, policy: SlotPolicy, appointmentStart: string): WaitWindow | undefined {
  const untilMs = Date.parse(appointmentStart);
  if (Number.isNaN(untilMs) || untilMs <= now.getTime() + MIN_LEAD_MINUTES * 60_000) return undefined;
  const { first } = bookableDays(now, office, policy);
  const toDate = calendarDateIn(new Date(untilMs), office.timeZone);
  if (toDate < first) return undefined;
  return { ...waitWindow(first, toDate, office.timeZone), untilMs };
}

export interface EarlierOptionArgs extends WaitOptionArgs {
  /** The start of the appointment being moved. */
  appointmentStart: string;
}

/**
 * After a search for another time for an appointment: waiting for an earlier seat, when the person
 * did not ask for a later day and no free time found is earlier than the appointment; undefined
 * otherwise. `anyDay` when nothing at all was free (the person is asked), else `earlier`.
 */
export function earlierOptionFor(args: EarlierOptionArgs): WaitOption | undefined {
  const { search, office, policy, now } = args;
  const ownMs = Date.parse(args.appointmentStart);
  const target = args.wanted.find((candidate) => !candidate.past);
  if (target && Date.parse(target.start) >= ownMs) return undefined;
  if (search.kind === 'none' && search.reason !== 'fully_booked') return undefined;
  if (search.kind === 'slots' && search.slots.some((slot) => Date.parse(slot.start) < ownMs)) return undefined;
  const window = earlierWindow(now, office, policy, args.appointmentStart);
  return window ? { reason: search.kind === 'none' ? 'anyDay' : 'earlier', window } : undefined;
}
