import { DateTime } from 'luxon';
import { officeZone } from '../dates/officeZone';
import type { WhenCandidate } from '../dates/parseWhen';
import type { FieldOffice } from '../offices/types';
import { bookingWindow, dayStatus, slotsInRange, startOfLocalDay } from './schedule';
import type { OfficeDayRules, Slot, SlotPolicy, TimeSpan } from './types';

export const DEFAULT_SLOT_LIMIT = 3;

/** Why the slots offered are not exactly the time asked for. */
export type SlotNotice = 'office_closed_that_day' | 'holiday' | 'outside_hours' | 'full_that_time' | 'closed_that_time';

export type SlotSearch =
  | { kind: 'slots'; slots: Slot[]; exactMatch: boolean; notice?: SlotNotice }
  | { kind: 'none'; reason: 'past' | 'beyond_window' | 'fully_booked' };

export interface FindFreeSlotsArgs {
  office: FieldOffice;
  policy: SlotPolicy;
  now: Date;
  /** What the person asked for, most likely first (parseWhen's output). Empty: the earliest free slots. */
  wanted: WhenCandidate[];
  /** Booked count per slot start, in the order given (AppointmentStore.countBooked). */
  countBooked: (officeCode: string, starts: readonly string[]) => Promise<number[]>;
  /** How many slots to offer; default DEFAULT_SLOT_LIMIT. */
  limit?: number;
}

/**
 * Up to `limit` free slots of the booking window nearest to what was wanted, sorted by
 * start. Nearest means: for a time ('minute'/'hour'), by distance from it; for a part of
 * the day or a day (or range of days), the slots inside it, earliest first, then for a
 * part of day the slots nearest to it, for a day the earliest slots of the nearest days.
 * All candidates that are neither past nor beyond the window count; each slot is ranked
 * by the candidate it suits best ("at 10" is 10:00 and 22:00: 10:00 wins).
 *
 * `exactMatch` says that at least one slot is what was asked (that time, or inside that
 * part of day or day); when none is, `notice` may say why, for the most likely candidate.
 * Bookings are counted in one countBooked call. Operators' rules (policy.officeDays) remove the
 * slots of a closure and set the seats of a day; they are read alongside the counts.
 */
export async function findFreeSlots(args: FindFreeSlotsArgs): Promise<SlotSearch> {
  const { office, policy, now, wanted, countBooked } = args;
  const limit = args.limit ?? DEFAULT_SLOT_LIMIT;
  const window = bookingWindow(now, office, policy);
  const zone = office.timeZone;

  const future = wanted
    .map((candidate) => toTarget(candidate, zone))
    .filter((target) => target.end > now.getTime() && !target.candidate.past);
  if (wanted.length > 0 && future.length === 0) return { kind: 'none', reason: 'past' };
  const targets = future.filter((target) => target.start < window.to.getTime());
  if (wanted.length > 0 && targets.length === 0) return { kind: 'none', reason: 'beyond_window' };

  const scheduled = slotsInRange(office, policy, window.from, window.to);
  const [counts, rules] = await Promise.all([
    scheduled.length > 0
      ? countBooked(
          office.code,
          scheduled.map((slot) => slot.start),
        )
      : [],
    rulesOf(policy, office.code, window),
  ]);
  // A closed slot is neither offered nor counted as bookable.
  const open = scheduled
    .map((slot, i) => ({ slot, count: counts[i] ?? 0 }))
    .filter(({ slot }) => !isClosedSlot(slot.start, policy.slotMinutes, rules.closed));
  const booked = new Map(open.map(({ slot, count }) => [slot.start, count]));
  const slots = open.map(({ slot }) => slot);
  const free = slots.filter((slot) => (booked.get(slot.start) ?? 0) < seatsOf(slot.start, policy, rules));
  if (free.length === 0) return { kind: 'none', reason: 'fully_booked' };

  if (targets.length === 0) return { kind: 'slots', slots: free.slice(0, limit), exactMatch: true };

  const chosen = free
    .map((slot) => ({ slot, key: bestKey(slot, targets, zone) }))
    .sort((a, b) => compareKeys(a.key, b.key) || a.slot.start.localeCompare(b.slot.start))
    .slice(0, limit)
    .map(({ slot }) => slot)
    .sort((a, b) => Date.parse(a.start) - Date.parse(b.start));

  const exactMatch = chosen.some((slot) => targets.some((target) => isExact(Date.parse(slot.start), target)));
  if (exactMatch) return { kind: 'slots', slots: chosen, exactMatch };
  const notice = noticeFor(targets[0], office, policy, booked, rules);
  return notice ? { kind: 'slots', slots: chosen, exactMatch, notice } : { kind: 'slots', slots: chosen, exactMatch };
}

interface Target {
  candidate: WhenCandidate;
  /** Epoch ms; `end` is exclusive, and equals `start` for a point in time. */
  start: number;
  end: number;
  point: boolean;
  /** For a day or range of days: its first and last office-local dates, as UTC midnights (ms). */
  firstDay: number;
  lastDay: number;
}

function toTarget(candidate: WhenCandidate, zone: string): Target {
  const start = Date.parse(candidate.start);
  const point = candidate.precision === 'hour' || candidate.precision === 'minute' || !candidate.end;
  const end = point || !candidate.end ? start : Date.parse(candidate.end);
  const firstDay = candidate.precision === 'day' ? localDateMs(start, zone) : 0;
  const lastDay = candidate.precision === 'day' ? localDateMs(end - 1, zone) : 0;
  return { candidate, start, end, point, firstDay, lastDay };
}

/** The office-local calendar date of an instant, as the UTC midnight of that date (ms). */
function localDateMs(instant: number, zone: string): number {
  return Date.parse(DateTime.fromMillis(instant, { zone: officeZone(zone) }).toISODate() ?? '');
}

function isExact(slotStart: number, target: Target): boolean {
  return target.point ? slotStart === target.start : slotStart >= target.start && slotStart < target.end;
}

/** [tier, distance]: tier 0 is "what was asked" (or, for a time, a distance from it). */
type Key = readonly [number, number];

function compareKeys(a: Key, b: Key): number {
  return a[0] - b[0] || a[1] - b[1];
}

function bestKey(slot: Slot, targets: readonly Target[], zone: string): Key {
  const startMs = Date.parse(slot.start);
  let best: Key | undefined;
  for (const target of targets) {
    const key = keyFor(slot, startMs, target, zone);
    if (!best || compareKeys(key, best) < 0) best = key;
  }
  return best ?? [Number.POSITIVE_INFINITY, 0];
}

const DAY_MS = 86_400_000;

function keyFor(slot: Slot, startMs: number, target: Target, zone: string): Key {
  if (target.point) return [0, Math.abs(startMs - target.start)];
  if (startMs >= target.start && startMs < target.end) return [0, startMs - target.start];
  if (target.candidate.precision !== 'day') {
    return [1, startMs < target.start ? target.start - startMs : startMs - target.end];
  }
  // Outside the wanted day(s): nearest day first, then earliest in that day. A slot's start is
  // written in its office's local time, so its first 10 characters are its local date.
  const slotDate = slot.start.slice(0, 10);
  const slotDay = Date.parse(slotDate);
  const days = slotDay < target.firstDay ? (target.firstDay - slotDay) / DAY_MS : (slotDay - target.lastDay) / DAY_MS;
  return [1, Math.round(days) * DAY_MS + (startMs - startOfLocalDay(slotDate, zone))];
}

function noticeFor(
  target: Target,
  office: FieldOffice,
  policy: SlotPolicy,
  booked: ReadonlyMap<string, number>,
  rules: OfficeDayRules,
): SlotNotice | undefined {
  const zone = office.timeZone;
  const firstDay = DateTime.fromMillis(target.start, { zone: officeZone(zone) }).startOf('day');
  const lastDay = DateTime.fromMillis(target.point ? target.start : target.end - 1, { zone: officeZone(zone) }).startOf('day');
  const singleDay = firstDay.hasSame(lastDay, 'day');

  if (singleDay) {
    const status = dayStatus(office, policy, firstDay.toISODate() ?? '');
    if (status === 'holiday') return 'holiday';
    if (status === 'closed') return 'office_closed_that_day';
  }
  const officeSlots = slotsInRange(office, policy, firstDay.toJSDate(), lastDay.plus({ days: 1 }).toJSDate());
  const wantedSlots = officeSlots.filter((slot) => matches(Date.parse(slot.start), target, policy));
  if (wantedSlots.length === 0) return singleDay ? 'outside_hours' : undefined;
  if (wantedSlots.every((slot) => isClosedSlot(slot.start, policy.slotMinutes, rules.closed))) return 'closed_that_time';
  const bookable = wantedSlots.filter((slot) => booked.has(slot.start));
  if (bookable.length > 0 && bookable.every((slot) => (booked.get(slot.start) ?? 0) >= seatsOf(slot.start, policy, rules))) {
    return 'full_that_time';
  }
  return undefined;
}

const NO_RULES: OfficeDayRules = { closed: [], capacityByDate: new Map() };

function rulesOf(policy: SlotPolicy, officeCode: string, window: { from: Date; to: Date }): Promise<OfficeDayRules> {
  return policy.officeDays ? policy.officeDays.rulesFor(officeCode, window.from, window.to) : Promise.resolve(NO_RULES);
}

/** Whether a slot (its start, and its length) overlaps a closed span. */
export function isClosedSlot(slotStart: string, slotMinutes: number, closed: readonly TimeSpan[]): boolean {
  if (closed.length === 0) return false;
  const start = Date.parse(slotStart);
  const end = start + slotMinutes * 60_000;
  return closed.some((span) => start < span.to && end > span.from);
}

/**
 * People one slot takes: the day's capacity set by an operator, else the policy's. A slot's start is
 * written in its office's local time, so its first 10 characters are its local date.
 */
export function seatsOf(slotStart: string, policy: Pick<SlotPolicy, 'capacity'>, rules: OfficeDayRules): number {
  return capacitySetFor(slotStart, rules) ?? policy.capacity;
}

/** The capacity an operator set for the slot's day, if any. */
export function capacitySetFor(slotStart: string, rules: OfficeDayRules): number | undefined {
  return rules.capacityByDate.get(slotStart.slice(0, 10));
}

/** The office slot that covers a wanted time, or any slot inside a wanted range. */
function matches(slotStart: number, target: Target, policy: SlotPolicy): boolean {
  if (!target.point) return slotStart >= target.start && slotStart < target.end;
  return target.start >= slotStart && target.start < slotStart + policy.slotMinutes * 60_000;
}
