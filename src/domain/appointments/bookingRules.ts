import type { Appointment } from './types';

/** Rules both appointment stores share, so the in-memory and Redis stores behave the same. */

/** Receipt numbers drawn before giving up on a collision (at 60 bits, a second draw is already beyond rare). */
export const MAX_RECEIPT_ATTEMPTS = 5;

/** Epoch milliseconds of a slot start; throws on a string that is not a date. */
export function slotStartMs(slotStart: string): number {
  const ms = Date.parse(slotStart);
  if (Number.isNaN(ms)) throw new RangeError(`not an ISO slot start: ${slotStart}`);
  return ms;
}

/** One id per office and instant, whatever offset the ISO start was written with. */
export function slotId(officeCode: string, slotStart: string): string {
  return `${officeCode}:${utcIsoOf(slotStart)}`;
}

/**
 * A slot search counts the bookings of every slot in the window (~160 per search), and the same
 * few thousand slot starts come back search after search: their UTC form is remembered rather
 * than parsed and written out each time. Bounded: cleared when full.
 */
const MAX_REMEMBERED_STARTS = 50_000;
const utcIsoByStart = new Map<string, string>();

function utcIsoOf(slotStart: string): string {
  let utcIso = utcIsoByStart.get(slotStart);
  if (utcIso === undefined) {
    utcIso = new Date(slotStartMs(slotStart)).toISOString();
    if (utcIsoByStart.size >= MAX_REMEMBERED_STARTS) utcIsoByStart.clear();
    utcIsoByStart.set(slotStart, utcIso);
  }
  return utcIso;
}

export function assertCapacity(capacity: number): void {
  if (!Number.isInteger(capacity) || capacity < 0) throw new RangeError(`capacity must be a whole number ≥ 0: ${capacity}`);
}

export function assertMaxMoves(maxMoves: number): void {
  if (!Number.isInteger(maxMoves) || maxMoves < 0) throw new RangeError(`maxMoves must be a whole number ≥ 0: ${maxMoves}`);
}

/** Printable ASCII without spaces, 8 to 128 characters: a UUID fits, and it can sit in a Redis key. */
const REQUEST_ID = /^[\x21-\x7e]{8,128}$/;

export function assertRequestId(requestId: string | undefined): void {
  if (requestId !== undefined && !REQUEST_ID.test(requestId)) throw new RangeError('requestId must be 8 to 128 printable ASCII characters');
}

/** An appointment blocks its person from booking another until its start time has passed. */
export function isActive(appointment: Pick<Appointment, 'status' | 'slotStart'>, nowMs: number): boolean {
  return appointment.status === 'booked' && slotStartMs(appointment.slotStart) > nowMs;
}

/**
 * A request id came back with another person's details: the dialog reused an id it should have
 * made afresh. Nothing is booked, and the other person's appointment is not shown.
 */
export class RequestIdConflictError extends Error {
  constructor() {
    super('this request id booked an appointment for another person');
    this.name = 'RequestIdConflictError';
  }
}

export class ReceiptNumberExhaustedError extends Error {
  constructor() {
    super(`no unused receipt number after ${MAX_RECEIPT_ATTEMPTS} attempts`);
    this.name = 'ReceiptNumberExhaustedError';
  }
}
