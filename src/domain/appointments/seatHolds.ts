/**
 * A seat kept for one person for a short time (a waitlist offer): it counts against the slot's
 * capacity like a booking, so nobody else can book or move into it, until the person books it
 * (`book` with the hold's id: the booking takes the held seat, no other) or the hold is released.
 * Both appointment stores implement this next to AppointmentStore, in the same scripts.
 */
export interface SeatHold {
  holdId: string;
  officeCode: string;
  /** ISO start; as read back, in UTC ("2026-12-02T15:00:00.000Z"). */
  slotStart: string;
  /** When the offer ends; the waitlist's timer releases it then (`holdsEndedBefore` finds a hold whose timer was lost). */
  endsAt: Date;
}

export type HoldResult = { ok: true } | { ok: false; reason: 'slot_full' };

export interface SeatHolds {
  /** Takes one free seat of the slot for `capacity`, atomically; a hold id seen before answers ok again and takes nothing more. */
  holdSeat(hold: SeatHold, capacity: number): Promise<HoldResult>;
  /** Frees the held seat; false when the hold is gone (released before, or booked). */
  releaseHold(holdId: string): Promise<boolean>;
  /** Holds still kept whose end is before `before`. */
  holdsEndedBefore(before: Date): Promise<SeatHold[]>;
}

/** Printable ASCII without spaces or "|", 8 to 128 characters (a UUID fits). */
const HOLD_ID = /^[\x21-\x7b\x7d\x7e]{8,128}$/;

export function assertHoldId(holdId: string): void {
  if (!HOLD_ID.test(holdId)) throw new RangeError('holdId must be 8 to 128 printable ASCII characters, without "|"');
}
