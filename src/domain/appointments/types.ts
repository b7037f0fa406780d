import type { ReasonCode } from '../reasons';

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
}

export interface Appointment extends NewAppointment {
  receiptNumber: string;
  status: 'booked' | 'cancelled';
  /** ISO instant. */
  createdAt: string;
  cancelledAt?: string;
}

export type BookResult =
  | { ok: true; appointment: Appointment }
  | { ok: false; reason: 'slot_full' }
  | { ok: false; reason: 'already_booked'; receiptNumber: string };

export type CancelResult = { ok: true; appointment: Appointment } | { ok: false; reason: 'not_found' | 'already_cancelled' };

export interface AppointmentStore {
  /** Atomically: capacity not exceeded, one active appointment per personKey, a fresh receipt number. */
  book(request: NewAppointment, capacity: number): Promise<BookResult>;
  /** By canonical receipt number. */
  get(receiptNumber: string): Promise<Appointment | undefined>;
  /** Frees the seat exactly once. */
  cancel(receiptNumber: string): Promise<CancelResult>;
  /** Booked (active) count per slot start, in the order given. */
  countBooked(officeCode: string, slotStarts: readonly string[]): Promise<number[]>;
  /**
   * Deletes every appointment (booked or cancelled) whose slot started before `cutoff`, with
   * its seat count and person record; returns how many were deleted.
   */
  purgeBefore(cutoff: Date): Promise<number>;
  close(): Promise<void>;
}
