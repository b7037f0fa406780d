import type { ReasonCode } from '../reasons';
import type { AuditRecord } from '../operations/types';

/** What the booking flow hands to a store. */
export interface NewAppointment {
  officeCode: string;
  /** ISO start with offset, as in Slot.start. */
  slotStart: string;
  reason: ReasonCode;
  name: string;
  /** Verifier of the date of birth (see dobVerifier.ts); never the date itself. */
  dobVerifier: string;
  /** E.164. */
  phone: string;
  /** Language the person booked in. */
  language: string;
  /** Stable, non-reversible key of the person (one active appointment per person). */
  personKey: string;
  /**
   * One id per booking request, made by the dialog and kept in its state before the store is
   * called: the store remembers which appointment the request made, so a retried turn (the
   * process died after booking, before the state was saved) gets that appointment back instead
   * of 'already_booked'. Optional only until the booking dialog passes one.
   */
  requestId?: string;
  /**
   * A seat held for this person (seatHolds.ts, a waitlist offer): the booking takes that seat,
   * whatever the slot's count, and is refused with 'hold_gone' once the hold was released. Not stored.
   */
  holdId?: string;
}

export interface Appointment extends Omit<NewAppointment, 'holdId'> {
  receiptNumber: string;
  status: 'booked' | 'cancelled';
  /** ISO instant. */
  createdAt: string;
  cancelledAt?: string;
  /** How many times the appointment was moved to another slot (0 for records written before moves existed). */
  rescheduleCount: number;
  /** ISO instant of the latest move. */
  movedAt?: string;
  /** ISO instant the person was checked in at the office (operator API). */
  checkedInAt?: string;
}

export type BookResult =
  /** `replayed`: the request id was seen before; the appointment is the one it made, as it is now (moved or cancelled since, its fields say so). */
  | { ok: true; appointment: Appointment; replayed: boolean }
  | { ok: false; reason: 'slot_full' }
  | { ok: false; reason: 'already_booked'; receiptNumber: string }
  /** The request named a hold that was released (or booked by another request) before it came. */
  | { ok: false; reason: 'hold_gone' };

/** What freed a seat, as the freed-seat event records it (freedSeats.ts). */
export type FreedSeatCause = 'cancel' | 'move' | 'closure';

/** Why an appointment is cancelled: by its holder (or anyone with its receipt number), or by an operator's closure. */
export type CancelCause = Exclude<FreedSeatCause, 'move'>;

export type CancelResult = { ok: true; appointment: Appointment } | { ok: false; reason: 'not_found' | 'already_cancelled' };

export type MoveRefusal =
  /** No appointment has that receipt number. */
  | 'not_found'
  /** Cancelled, or its time has come or passed. */
  | 'not_booked'
  /** The new slot has no free seat. */
  | 'slot_full'
  /** The new slot is the one it already has. */
  | 'same_slot'
  /** Moved the most times allowed already. */
  | 'too_many_moves'
  /** The move named a hold (MoveOptions) that was released, or taken, before it came. */
  | 'hold_gone';

export interface MoveOptions {
  /**
   * A seat held for this person in the new slot (seatHolds.ts, a waitlist offer of an earlier
   * time): the move takes that seat, whatever the slot's count, and is refused with 'hold_gone'
   * once the hold was released.
   */
  holdId?: string;
}

export type MoveResult = { ok: true; appointment: Appointment; previousSlotStart: string } | { ok: false; reason: MoveRefusal };

export type CheckInResult =
  /** `alreadyCheckedIn`: an earlier call checked the person in (its time is kept, no audit entry is written). */
  { ok: true; appointment: Appointment; alreadyCheckedIn: boolean } | { ok: false; reason: 'not_found' | 'not_booked' };

export interface AppointmentStore {
  /**
   * Atomically: capacity not exceeded, one active appointment per personKey, a fresh receipt
   * number. A request id seen before returns the appointment it made (`replayed: true`), whatever
   * the person record or the slot say now. With `holdId`, the held seat is booked instead of a free one.
   */
  book(request: NewAppointment, capacity: number): Promise<BookResult>;
  /** By canonical receipt number. */
  get(receiptNumber: string): Promise<Appointment | undefined>;
  /**
   * Frees the seat exactly once, and records a freed-seat event (freedSeats.ts) in the same atomic
   * step; `cause` ('cancel' by default) goes into the event.
   */
  cancel(receiptNumber: string, cause?: CancelCause): Promise<CancelResult>;
  /**
   * Moves a booked, future appointment to another slot of the same office, atomically: the new
   * seat is taken and the old one freed together, or nothing changes. The receipt number stays;
   * rescheduleCount goes up by one and may not exceed `maxMoves`; `capacity` is the new slot's.
   * With `options.holdId`, the held seat is taken instead of a free one.
   * The seat it left is recorded as a freed-seat event in the same atomic step.
   */
  move(receiptNumber: string, newSlotStart: string, capacity: number, maxMoves: number, options?: MoveOptions): Promise<MoveResult>;
  /** Seats taken per slot start, in the order given: booked, and held (seatHolds.ts). */
  countBooked(officeCode: string, slotStarts: readonly string[]): Promise<number[]>;
  /**
   * Deletes every appointment (booked or cancelled) whose slot started before `cutoff`, with
   * its seat count, person record and booking request; returns how many were deleted.
   */
  purgeBefore(cutoff: Date): Promise<number>;
  /** Every appointment (booked or cancelled) of an office whose slot starts in [from, to), by start. */
  listBetween(officeCode: string, from: Date, to: Date): Promise<Appointment[]>;
  /**
   * Marks a booked appointment as checked in (once: a repeat keeps the first time). `audit` is
   * appended to the operators' audit log in the same atomic step, by the call that checks the
   * person in only: a check-in is never recorded twice, nor without its entry.
   */
  checkIn(receiptNumber: string, audit?: AuditRecord): Promise<CheckInResult>;
  close(): Promise<void>;
}
