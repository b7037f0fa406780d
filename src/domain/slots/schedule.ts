import { DateTime } from 'luxon';
import { officeZone } from '../dates/officeZone';
import type { FieldOffice, OfficeHours } from '../offices/types';
import { calendarDateIn } from '../dates/calendarDate';
import { isFederalHoliday } from './holidays';
import type { Slot, SlotPolicy } from './types';

export const DEFAULT_SLOT_POLICY: SlotPolicy = {
  slotMinutes: 30,
  capacity: 2,
  windowDays: 14,
  defaultHours: { days: [1, 2, 3, 4, 5], open: '08:00', close: '16:00' },
};

/** A slot must start at least this long after "now", so the person can get there. */
export const MIN_LEAD_MINUTES = 60;

export type DayStatus = 'open' | 'closed' | 'holiday';

export function officeHours(office: FieldOffice, policy: SlotPolicy): OfficeHours {
  return office.hours ?? policy.defaultHours;
}

/**
 * Whether the office takes appointments on a local calendar date.
 *
 * US federal holidays close every office, the international ones included: they are
 * US government offices and close on US federal holidays (their local holidays are not
 * modelled).
 */
export function dayStatus(office: FieldOffice, policy: SlotPolicy, isoDate: string): DayStatus {
  const utcMidnight = Date.parse(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(utcMidnight)) throw new RangeError(`dayStatus: not a YYYY-MM-DD date: ${isoDate}`);
  // ISO weekday, as office hours list them: Monday 1 … Sunday 7.
  const weekday = new Date(utcMidnight).getUTCDay() || 7;
  if (!officeHours(office, policy).days.includes(weekday)) return 'closed';
  return isFederalHoliday(isoDate) ? 'holiday' : 'open';
}

/**
 * Every slot of the office that starts at or after `from` and before `to`: its working
 * days, between its opening time and its closing time (the last slot ends at or before
 * closing), in the office's own time zone, federal holidays excluded. Starts are ISO 8601
 * with the office's UTC offset at that instant.
 */
export function slotsInRange(office: FieldOffice, policy: SlotPolicy, from: Date, to: Date): Slot[] {
  const zone = office.timeZone;
  const fromMs = from.getTime();
  const toMs = to.getTime();
  const slots: Slot[] = [];

  for (let date = calendarDateIn(from, zone); startOfLocalDay(date, zone) < toMs; date = addDays(date, 1)) {
    if (dayStatus(office, policy, date) !== 'open') continue;
    for (const slot of slotsOfDay(office, policy, date)) {
      if (slot.ms >= fromMs && slot.ms < toMs) slots.push({ officeCode: office.code, start: slot.start });
    }
  }
  return slots;
}

interface DaySlot {
  start: string;
  ms: number;
}

/**
 * A day's slots and a local midnight depend only on the office, its hours and the date, and
 * computing them through luxon (a time-zone offset per call) was the larger part of a slot
 * search's cost: both are memoised. Bounded: cleared when full (a day's worth of offices × dates
 * is a few thousand entries).
 */
const MEMO_LIMIT = 20_000;
const daySlotsMemo = new Map<string, readonly DaySlot[]>();
const dayStartMemo = new Map<string, number>();

function remember<T>(memo: Map<string, T>, key: string, value: T): T {
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, value);
  return value;
}

/** The instant (ms) an office-local calendar date (YYYY-MM-DD) begins in `zone`. */
export function startOfLocalDay(isoDate: string, zone: string): number {
  const key = `${zone}|${isoDate}`;
  const known = dayStartMemo.get(key);
  if (known !== undefined) return known;
  const start = DateTime.fromISO(isoDate, { zone: officeZone(zone) });
  if (!start.isValid) throw new Error(`Invalid date ${isoDate} or time zone ${zone}`);
  return remember(dayStartMemo, key, start.toMillis());
}

function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(isoDate) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Every slot of an open day, between opening and closing time, in the office's zone. */
function slotsOfDay(office: FieldOffice, policy: SlotPolicy, isoDate: string): readonly DaySlot[] {
  const zone = office.timeZone;
  const hours = officeHours(office, policy);
  const key = `${zone}|${hours.open}|${hours.close}|${policy.slotMinutes}|${isoDate}`;
  const known = daySlotsMemo.get(key);
  if (known) return known;
  const openMinute = minuteOfDay(hours.open);
  const closeMinute = minuteOfDay(hours.close);
  const day = DateTime.fromISO(isoDate, { zone: officeZone(zone) });
  const slots: DaySlot[] = [];
  for (let minute = openMinute; minute + policy.slotMinutes <= closeMinute; minute += policy.slotMinutes) {
    const start = day.set({ hour: Math.floor(minute / 60), minute: minute % 60 });
    // A wall-clock time that a DST change skips does not exist that day.
    if (start.hour * 60 + start.minute !== minute) continue;
    slots.push({ start: isoOf(start), ms: start.toMillis() });
  }
  return remember(daySlotsMemo, key, slots);
}

/**
 * The times a person may book now: from `now` plus MIN_LEAD_MINUTES to the end of the
 * office-local day that is `windowDays` days after the office's today (`to` exclusive).
 */
export function bookingWindow(now: Date, office: FieldOffice, policy: SlotPolicy): { from: Date; to: Date } {
  const from = new Date(now.getTime() + MIN_LEAD_MINUTES * 60_000);
  const lastDay = addDays(calendarDateIn(now, office.timeZone), policy.windowDays + 1);
  return { from, to: new Date(startOfLocalDay(lastDay, office.timeZone)) };
}

function minuteOfDay(hhmm: string): number {
  const match = /^(\d{1,2}):(\d{2})$/.exec(hhmm);
  if (!match) throw new Error(`Office hours must be "HH:mm": ${hhmm}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

function isoOf(instant: DateTime): string {
  const iso = instant.toISO();
  if (!iso) throw new Error('Invalid date-time');
  return iso;
}
