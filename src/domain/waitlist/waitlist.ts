import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock';
import type { Translator } from '../i18n/translator';
import type { FieldOffice, OfficeDirectory } from '../offices/types';
import type { ContactRoute, Outreach } from '../outreach/types';
import type { Appointment, AppointmentStore } from '../appointments/types';
import type { SeatHolds } from '../appointments/seatHolds';
import { bookingWindow, MIN_LEAD_MINUTES, slotsInRange } from '../slots/schedule';
import { isClosedSlot, seatsOf } from '../slots/availability';
import type { SlotPolicy } from '../slots/types';
import { offerMessage } from './offerMessage';
import type {
  FreedSeat,
  HoldTimer,
  JoinResult,
  Offer,
  WaitingPerson,
  WaitlistEntry,
  WaitlistJobs,
  WaitlistStore,
  WaitlistWork,
  WaitWindow,
} from './types';

const MINUTE_MS = 60_000;
/** An offer's claim on an entry outlasts its hold by this much: only a timer lost in a crash lets a claim run out. */
const CLAIM_GRACE_MS = MINUTE_MS;
/** A hold still kept this long after its end lost its timer (a crash between the hold and its job): the sweep ends it. */
const OVERDUE_GRACE_MS = 2 * MINUTE_MS;

export interface WaitlistOptions {
  entries: WaitlistStore;
  /** The appointment store's holds (the store itself, not a decorator). */
  seats: SeatHolds;
  /** Books (or, for a person waiting for an earlier seat, moves) into a hold: the store the dialogs use, with its decorators. */
  appointments: Pick<AppointmentStore, 'book' | 'move' | 'get'>;
  /** How many times one appointment may be moved (MAX_RESCHEDULES): taking an earlier seat is a move. */
  maxMoves: number;
  outreach: Pick<Outreach, 'send'>;
  jobs: WaitlistJobs;
  clock: Clock;
  offices: Pick<OfficeDirectory, 'byCode'>;
  policy: SlotPolicy;
  translator: Translator;
  /** How long a seat is held for the person told (WAITLIST_HOLD_MINUTES). */
  holdMinutes: number;
  /** Real time before a hold's timer ends it: holdMinutes by default (tests make it short). */
  holdTimerMs?: number;
  /** The conversation an answer to a message sent on this route comes back in. */
  replyKeyOf: (route: ContactRoute) => string;
  newHoldId?: () => string;
}

export interface JoinRequest {
  officeCode: string;
  window: WaitWindow;
  person: WaitingPerson;
  route: ContactRoute;
}

export type TakeResult =
  | { kind: 'booked'; appointment: Appointment }
  /** The hold ended (its time ran out, or it was let go) before the answer came. */
  | { kind: 'gone' }
  /** The person has booked another appointment meanwhile: the seat goes to the next person. */
  | { kind: 'already_booked'; receiptNumber: string }
  /** Waiting for an earlier seat: their appointment was moved into it (the receipt number stays). */
  | { kind: 'moved'; appointment: Appointment; previousSlotStart: string }
  /** Waiting for an earlier seat: their appointment can no longer be moved; the seat goes to the next person, and they leave the list. */
  | { kind: 'not_moved'; reason: 'too_many_moves' | 'not_booked' };

/** Claims in a row that may find an entry whose appointment is gone before one is offered. */
const MAX_STALE_CLAIMS = 20;

/**
 * A seat freed at an office is held for the first person waiting whose days include it and told to
 * them in their language; they take it with one answer, or it passes to the next person when they
 * let it go or the hold ends. One hold is one seat (it counts in the slot like a booking), and one
 * entry holds one offer at a time, so two people are never told about one seat.
 */
export class Waitlist implements WaitlistWork {
  private readonly holdTimerMs: number;
  private readonly newHoldId: () => string;

  constructor(private readonly options: WaitlistOptions) {
    if (!Number.isInteger(options.holdMinutes) || options.holdMinutes < 1) throw new RangeError('holdMinutes must be a whole number ≥ 1');
    this.holdTimerMs = options.holdTimerMs ?? options.holdMinutes * MINUTE_MS;
    this.newHoldId = options.newHoldId ?? (() => randomUUID());
  }

  get holdMinutes(): number {
    return this.options.holdMinutes;
  }

  /** The conversation an answer to an offer sent on this route comes back in. */
  replyKeyOf(route: ContactRoute): string {
    return this.options.replyKeyOf(route);
  }

  join(request: JoinRequest): Promise<JoinResult> {
    const { officeCode, window, person, route } = request;
    const entry: WaitlistEntry = {
      ...person,
      officeCode,
      window,
      route,
      replyKey: this.options.replyKeyOf(route),
      joinedAt: this.options.clock.now().toISOString(),
    };
    return this.options.entries.join(entry);
  }

  /** Takes every entry of this conversation off the list; a seat one of them held goes to the next person. */
  async leave(replyKey: string): Promise<number> {
    const left = await this.options.entries.leave(replyKey);
    for (const { offer } of left) {
      if (offer?.status !== 'offered') continue;
      await this.options.jobs.cancelHoldExpiry(offer.holdId);
      if (await this.options.seats.releaseHold(offer.holdId)) await this.seatFreed(seatOf(offer));
    }
    return left.length;
  }

  offerFor(replyKey: string): Promise<Offer | undefined> {
    return this.options.entries.offerFor(replyKey, this.options.clock.now());
  }

  entriesOf(replyKey: string): Promise<WaitlistEntry[]> {
    return this.options.entries.entriesOf(replyKey);
  }

  /** Holds the seat for the first person waiting who can take it, and tells them; undefined when nobody is told. */
  async seatFreed(seat: FreedSeat): Promise<Offer | undefined> {
    const { entries, seats, jobs, clock, offices } = this.options;
    const office = offices.byCode(seat.officeCode);
    if (!office) return undefined;
    const now = clock.now();
    const endsAt = new Date(now.getTime() + this.options.holdMinutes * MINUTE_MS);
    if (!this.offerable(office, seat.slotStart, now, endsAt)) return undefined;
    const capacity = await this.capacity(seat);
    if (capacity < 1) return undefined;
    const holdId = this.newHoldId();
    const claimed = await this.claimNext(seat, holdId, now, new Date(endsAt.getTime() + CLAIM_GRACE_MS));
    if (!claimed) return undefined;
    const { entry, current } = claimed;
    // The timer first: if this process dies after it, the timer still ends the claim and the hold.
    const timer: HoldTimer = { ...seat, holdId, personKey: entry.personKey };
    await jobs.expireHoldAfter(timer, this.holdTimerMs);
    const held = await seats.holdSeat({ holdId, officeCode: seat.officeCode, slotStart: seat.slotStart, endsAt }, capacity);
    if (!held.ok) {
      // Booked by someone else before it could be held: nobody is told.
      await entries.unclaim(seat.officeCode, entry.personKey, holdId, false);
      await jobs.cancelHoldExpiry(holdId);
      return undefined;
    }
    const text = offerMessage(this.options.translator, entry, office, {
      slotStart: seat.slotStart,
      holdEndsAt: endsAt,
      holdMinutes: this.options.holdMinutes,
      ...(current ? { currentSlotStart: current.slotStart } : {}),
    });
    await this.options.outreach.send(entry.route, text, holdId);
    return { holdId, entry, slotStart: seat.slotStart, untilMs: endsAt.getTime(), status: 'offered' };
  }

  /** The hold's time ran out: the seat is freed and offered to the next person; this person keeps waiting for other seats. */
  async holdExpired(hold: HoldTimer): Promise<void> {
    const released = await this.options.seats.releaseHold(hold.holdId);
    await this.options.entries.unclaim(hold.officeCode, hold.personKey, hold.holdId, true);
    if (released) await this.seatFreed({ officeCode: hold.officeCode, slotStart: hold.slotStart });
  }

  /** The person let the seat go: as if the hold had run out. */
  async decline(offer: Offer): Promise<void> {
    if (offer.status !== 'offered') return;
    await this.options.jobs.cancelHoldExpiry(offer.holdId);
    await this.holdExpired({ ...seatOf(offer), holdId: offer.holdId, personKey: offer.entry.personKey });
  }

  /**
   * The next entry that can take the seat, claimed under `holdId`, with the appointment it would move
   * (waiting for an earlier seat). An entry whose appointment was cancelled, has passed or may not be
   * moved again leaves the list; one whose appointment is no longer later than the seat lets it go.
   */
  private async claimNext(
    seat: FreedSeat,
    holdId: string,
    now: Date,
    claimUntil: Date,
  ): Promise<{ entry: WaitlistEntry; current?: Appointment } | undefined> {
    const { entries } = this.options;
    for (let claims = 0; claims < MAX_STALE_CLAIMS; claims++) {
      const entry = await entries.claimNext(seat, holdId, now, claimUntil);
      if (!entry?.receiptNumber) return entry && { entry };
      const current = await this.options.appointments.get(entry.receiptNumber);
      if (
        !current ||
        current.status !== 'booked' ||
        Date.parse(current.slotStart) <= now.getTime() ||
        current.rescheduleCount >= this.options.maxMoves
      ) {
        await entries.remove(entry.officeCode, entry.personKey, entry.receiptNumber);
      } else if (Date.parse(current.slotStart) <= Date.parse(seat.slotStart)) {
        await entries.unclaim(entry.officeCode, entry.personKey, holdId, true);
      } else {
        return { entry, current };
      }
    }
    return undefined;
  }

  /** The person's appointment was cancelled: they no longer wait for an earlier seat than it (a seat held for them passes on when its hold ends). */
  async appointmentCancelled(appointment: Pick<Appointment, 'officeCode' | 'personKey' | 'receiptNumber'>): Promise<boolean> {
    return this.options.entries.remove(appointment.officeCode, appointment.personKey, appointment.receiptNumber);
  }

  /**
   * Books the held seat for its person (the details are in the entry), or for a person waiting for an
   * earlier seat, moves their appointment into it: once, however often the answer comes.
   */
  async take(offer: Offer): Promise<TakeResult> {
    if (offer.entry.receiptNumber) return this.moveInto(offer, offer.entry.receiptNumber);
    const { entry, holdId } = offer;
    const result = await this.options.appointments.book(
      {
        officeCode: entry.officeCode,
        slotStart: offer.slotStart,
        reason: entry.reason,
        name: entry.name,
        dobVerifier: entry.dobVerifier,
        phone: entry.phone,
        language: entry.language,
        personKey: entry.personKey,
        // The hold's id is the booking request's: an answer repeated (a turn redelivered) gets the same appointment.
        requestId: holdId,
        holdId,
      },
      this.options.policy.capacity,
    );
    if (result.ok) {
      await this.options.entries.markBooked(entry.officeCode, entry.personKey, holdId);
      await this.options.jobs.cancelHoldExpiry(holdId);
      return { kind: 'booked', appointment: result.appointment };
    }
    if (result.reason !== 'already_booked') return { kind: 'gone' };
    await this.options.jobs.cancelHoldExpiry(holdId);
    await this.options.entries.remove(entry.officeCode, entry.personKey);
    if (await this.options.seats.releaseHold(holdId)) await this.seatFreed(seatOf(offer));
    return { kind: 'already_booked', receiptNumber: result.receiptNumber };
  }

  private async moveInto(offer: Offer, receiptNumber: string): Promise<TakeResult> {
    const { entry, holdId } = offer;
    const { appointments, policy, maxMoves } = this.options;
    const result = await appointments.move(receiptNumber, offer.slotStart, policy.capacity, maxMoves, { holdId });
    if (result.ok) {
      // The hold's end may have ended the claim just before the move took the seat: the person waits no more either way.
      if (!(await this.options.entries.markBooked(entry.officeCode, entry.personKey, holdId)))
        await this.options.entries.remove(entry.officeCode, entry.personKey, receiptNumber);
      await this.options.jobs.cancelHoldExpiry(holdId);
      return { kind: 'moved', appointment: result.appointment, previousSlotStart: result.previousSlotStart };
    }
    if (result.reason === 'hold_gone' || result.reason === 'same_slot' || result.reason === 'slot_full') {
      // A repeated answer (a turn redelivered) finds the appointment already in the seat: the same result again.
      const current = await appointments.get(receiptNumber);
      const already = current?.status === 'booked' && Date.parse(current.slotStart) === Date.parse(offer.slotStart);
      if (!current || !already) return { kind: 'gone' };
      return { kind: 'moved', appointment: current, previousSlotStart: new Date(entry.window.untilMs).toISOString() };
    }
    await this.options.jobs.cancelHoldExpiry(holdId);
    await this.options.entries.remove(entry.officeCode, entry.personKey);
    if (await this.options.seats.releaseHold(holdId)) await this.seatFreed(seatOf(offer));
    return { kind: 'not_moved', reason: result.reason === 'too_many_moves' ? 'too_many_moves' : 'not_booked' };
  }

  /** Ends the holds whose timer was lost (a process died between holding and scheduling); returns how many. */
  async releaseOverdueHolds(): Promise<number> {
    const before = new Date(this.options.clock.now().getTime() - OVERDUE_GRACE_MS);
    let released = 0;
    for (const hold of await this.options.seats.holdsEndedBefore(before)) {
      if (!(await this.options.seats.releaseHold(hold.holdId))) continue;
      released += 1;
      await this.seatFreed({ officeCode: hold.officeCode, slotStart: hold.slotStart });
    }
    return released;
  }

  /** Entries whose days have all passed leave the list. */
  purgeEnded(): Promise<number> {
    return this.options.entries.purgeEnded(this.options.clock.now());
  }

  /**
   * A seat worth offering: one of the office's slots, inside the booking window, and starting late
   * enough that the person can still come after the hold ends.
   */
  private offerable(office: FieldOffice, slotStart: string, now: Date, endsAt: Date): boolean {
    const slotMs = Date.parse(slotStart);
    if (Number.isNaN(slotMs)) return false;
    if (slotMs - MIN_LEAD_MINUTES * MINUTE_MS < endsAt.getTime()) return false;
    if (slotMs >= bookingWindow(now, office, this.options.policy).to.getTime()) return false;
    return slotsInRange(office, this.options.policy, new Date(slotMs), new Date(slotMs + 1)).some(
      (slot) => Date.parse(slot.start) === slotMs,
    );
  }

  /** Seats in the slot: 0 inside an operator's closure, the day's capacity where an operator set one, else the policy's. */
  private async capacity(seat: FreedSeat): Promise<number> {
    const { policy } = this.options;
    if (!policy.officeDays) return policy.capacity;
    const startMs = Date.parse(seat.slotStart);
    const rules = await policy.officeDays.rulesFor(seat.officeCode, new Date(startMs), new Date(startMs + policy.slotMinutes * MINUTE_MS));
    return isClosedSlot(seat.slotStart, policy.slotMinutes, rules.closed) ? 0 : seatsOf(seat.slotStart, policy, rules);
  }
}

function seatOf(offer: Offer): FreedSeat {
  return { officeCode: offer.entry.officeCode, slotStart: offer.slotStart };
}
