import type { Clock } from '../../domain/clock';
import {
  assertCapacity,
  assertMaxMoves,
  assertRequestId,
  isActive,
  MAX_RECEIPT_ATTEMPTS,
  ReceiptNumberExhaustedError,
  RequestIdConflictError,
  slotId,
  slotStartMs,
} from '../../domain/appointments/bookingRules';
import { generateReceiptNumber } from '../../domain/appointments/receiptNumber';
import type {
  Appointment,
  AppointmentStore,
  BookResult,
  CancelCause,
  CancelResult,
  CheckInResult,
  MoveOptions,
  MoveResult,
  NewAppointment,
} from '../../domain/appointments/types';
import { assertHoldId, type HoldResult, type SeatHold, type SeatHolds } from '../../domain/appointments/seatHolds';
import { MemoryFreedSeatQueue } from './memoryFreedSeatQueue';
import { MemoryAuditLog } from './memoryAuditLog';
import type { AuditRecord } from '../../domain/operations/types';

export interface MemoryAppointmentStoreOptions {
  /** Decides which appointments are still active; pass the same clock the dialogs use. */
  clock: Clock;
  /** Source of receipt numbers (tests inject collisions). */
  newReceiptNumber?: () => string;
  /** The operators' audit log a check-in appends to (the operations store's); its own by default. */
  auditLog?: MemoryAuditLog;
}

/**
 * The embedded store used when no Redis is configured; lost on restart. Each operation runs
 * its checks and writes without awaiting in between, so concurrent calls cannot interleave.
 */
export class MemoryAppointmentStore implements AppointmentStore, SeatHolds {
  private readonly appointments = new Map<string, Appointment>();
  /** Seats taken per slot: booked and held. */
  private readonly bookedBySlot = new Map<string, number>();
  /** Hold id → the hold, and the slot id its seat counts in. */
  private readonly holds = new Map<string, { hold: SeatHold; slot: string }>();
  /** personKey → receipt number of the person's latest booking. */
  private readonly latestByPerson = new Map<string, string>();
  /** Booking request id → the receipt number it made. */
  private readonly receiptByRequest = new Map<string, string>();
  private readonly clock: Clock;
  private readonly newReceiptNumber: () => string;
  /** The seats its cancels and moves freed, for the waitlist: appended in the same step that frees them. */
  readonly freedSeats = new MemoryFreedSeatQueue();
  readonly auditLog: MemoryAuditLog;

  constructor(options: MemoryAppointmentStoreOptions) {
    this.clock = options.clock;
    this.newReceiptNumber = options.newReceiptNumber ?? (() => generateReceiptNumber());
    this.auditLog = options.auditLog ?? new MemoryAuditLog();
  }

  async book(request: NewAppointment, capacity: number): Promise<BookResult> {
    assertCapacity(capacity);
    assertRequestId(request.requestId);
    if (request.holdId !== undefined) assertHoldId(request.holdId);
    slotStartMs(request.slotStart);
    const replayed = this.madeBy(request);
    if (replayed) return { ok: true, appointment: { ...replayed }, replayed: true };
    const now = this.clock.now();
    const existing = this.activeAppointmentOf(request.personKey, now.getTime());
    if (existing) return { ok: false, reason: 'already_booked', receiptNumber: existing.receiptNumber };
    const slot = slotId(request.officeCode, request.slotStart);
    const { holdId, ...fields } = request;
    if (holdId !== undefined) {
      if (this.holds.get(holdId)?.slot !== slot) return { ok: false, reason: 'hold_gone' };
    } else if ((this.bookedBySlot.get(slot) ?? 0) >= capacity) return { ok: false, reason: 'slot_full' };
    const receiptNumber = this.unusedReceiptNumber();
    const appointment: Appointment = { ...fields, receiptNumber, status: 'booked', createdAt: now.toISOString(), rescheduleCount: 0 };
    this.appointments.set(receiptNumber, appointment);
    // A held seat is already counted: the booking takes it over.
    if (holdId !== undefined) this.holds.delete(holdId);
    else this.bookedBySlot.set(slot, (this.bookedBySlot.get(slot) ?? 0) + 1);
    this.latestByPerson.set(request.personKey, receiptNumber);
    if (request.requestId !== undefined) this.receiptByRequest.set(request.requestId, receiptNumber);
    return { ok: true, appointment: { ...appointment }, replayed: false };
  }

  async get(receiptNumber: string): Promise<Appointment | undefined> {
    const appointment = this.appointments.get(receiptNumber);
    return appointment && { ...appointment };
  }

  async cancel(receiptNumber: string, cause: CancelCause = 'cancel'): Promise<CancelResult> {
    const appointment = this.appointments.get(receiptNumber);
    if (!appointment) return { ok: false, reason: 'not_found' };
    if (appointment.status !== 'booked') return { ok: false, reason: 'already_cancelled' };
    const cancelled: Appointment = { ...appointment, status: 'cancelled', cancelledAt: this.clock.now().toISOString() };
    this.appointments.set(receiptNumber, cancelled);
    this.freeSeat(slotId(appointment.officeCode, appointment.slotStart));
    this.freedSeats.append(appointment.officeCode, appointment.slotStart, cause);
    if (this.latestByPerson.get(appointment.personKey) === receiptNumber) this.latestByPerson.delete(appointment.personKey);
    return { ok: true, appointment: { ...cancelled } };
  }

  async move(
    receiptNumber: string,
    newSlotStart: string,
    capacity: number,
    maxMoves: number,
    options: MoveOptions = {},
  ): Promise<MoveResult> {
    assertCapacity(capacity);
    assertMaxMoves(maxMoves);
    const { holdId } = options;
    if (holdId !== undefined) assertHoldId(holdId);
    slotStartMs(newSlotStart);
    const appointment = this.appointments.get(receiptNumber);
    if (!appointment) return { ok: false, reason: 'not_found' };
    const now = this.clock.now();
    if (!isActive(appointment, now.getTime())) return { ok: false, reason: 'not_booked' };
    const from = slotId(appointment.officeCode, appointment.slotStart);
    const to = slotId(appointment.officeCode, newSlotStart);
    if (from === to) return { ok: false, reason: 'same_slot' };
    if (appointment.rescheduleCount >= maxMoves) return { ok: false, reason: 'too_many_moves' };
    if (holdId !== undefined) {
      if (this.holds.get(holdId)?.slot !== to) return { ok: false, reason: 'hold_gone' };
    } else if ((this.bookedBySlot.get(to) ?? 0) >= capacity) return { ok: false, reason: 'slot_full' };
    const moved: Appointment = {
      ...appointment,
      slotStart: newSlotStart,
      rescheduleCount: appointment.rescheduleCount + 1,
      movedAt: now.toISOString(),
    };
    this.appointments.set(receiptNumber, moved);
    // A held seat is already counted: the move takes it over.
    if (holdId !== undefined) this.holds.delete(holdId);
    else this.bookedBySlot.set(to, (this.bookedBySlot.get(to) ?? 0) + 1);
    this.freeSeat(from);
    this.freedSeats.append(appointment.officeCode, appointment.slotStart, 'move');
    return { ok: true, appointment: { ...moved }, previousSlotStart: appointment.slotStart };
  }

  async holdSeat(hold: SeatHold, capacity: number): Promise<HoldResult> {
    assertCapacity(capacity);
    assertHoldId(hold.holdId);
    const slot = slotId(hold.officeCode, hold.slotStart);
    if (this.holds.has(hold.holdId)) return { ok: true };
    if ((this.bookedBySlot.get(slot) ?? 0) >= capacity) return { ok: false, reason: 'slot_full' };
    this.bookedBySlot.set(slot, (this.bookedBySlot.get(slot) ?? 0) + 1);
    const utcStart = new Date(slotStartMs(hold.slotStart)).toISOString();
    this.holds.set(hold.holdId, { hold: { ...hold, slotStart: utcStart, endsAt: new Date(hold.endsAt.getTime()) }, slot });
    return { ok: true };
  }

  async releaseHold(holdId: string): Promise<boolean> {
    const held = this.holds.get(holdId);
    if (!held) return false;
    this.holds.delete(holdId);
    this.freeSeat(held.slot);
    return true;
  }

  async holdsEndedBefore(before: Date): Promise<SeatHold[]> {
    return [...this.holds.values()]
      .filter(({ hold }) => hold.endsAt.getTime() < before.getTime())
      .map(({ hold }) => ({ ...hold, endsAt: new Date(hold.endsAt.getTime()) }));
  }

  async countBooked(officeCode: string, slotStarts: readonly string[]): Promise<number[]> {
    return slotStarts.map((start) => this.bookedBySlot.get(slotId(officeCode, start)) ?? 0);
  }

  async purgeBefore(cutoff: Date): Promise<number> {
    const cutoffMs = cutoff.getTime();
    let purged = 0;
    for (const [receiptNumber, appointment] of this.appointments) {
      if (slotStartMs(appointment.slotStart) >= cutoffMs) continue;
      this.appointments.delete(receiptNumber);
      this.bookedBySlot.delete(slotId(appointment.officeCode, appointment.slotStart));
      if (this.latestByPerson.get(appointment.personKey) === receiptNumber) this.latestByPerson.delete(appointment.personKey);
      if (appointment.requestId !== undefined) this.receiptByRequest.delete(appointment.requestId);
      purged += 1;
    }
    return purged;
  }

  async listBetween(officeCode: string, from: Date, to: Date): Promise<Appointment[]> {
    const fromMs = from.getTime();
    const toMs = to.getTime();
    return [...this.appointments.values()]
      .map((appointment) => ({ appointment, startMs: slotStartMs(appointment.slotStart) }))
      .filter(({ appointment, startMs }) => appointment.officeCode === officeCode && startMs >= fromMs && startMs < toMs)
      .sort((a, b) => a.startMs - b.startMs || (a.appointment.receiptNumber < b.appointment.receiptNumber ? -1 : 1))
      .map(({ appointment }) => ({ ...appointment }));
  }

  async checkIn(receiptNumber: string, audit?: AuditRecord): Promise<CheckInResult> {
    const appointment = this.appointments.get(receiptNumber);
    if (!appointment) return { ok: false, reason: 'not_found' };
    if (appointment.status !== 'booked') return { ok: false, reason: 'not_booked' };
    if (appointment.checkedInAt !== undefined) return { ok: true, appointment: { ...appointment }, alreadyCheckedIn: true };
    const checkedIn: Appointment = { ...appointment, checkedInAt: this.clock.now().toISOString() };
    this.appointments.set(receiptNumber, checkedIn);
    if (audit) this.auditLog.append(audit);
    return { ok: true, appointment: { ...checkedIn }, alreadyCheckedIn: false };
  }

  async close(): Promise<void> {
    // Nothing to release.
  }

  /** The appointment this request made before, if it did; throws if it was another person's. */
  private madeBy(request: NewAppointment): Appointment | undefined {
    if (request.requestId === undefined) return undefined;
    const receiptNumber = this.receiptByRequest.get(request.requestId);
    const appointment = receiptNumber === undefined ? undefined : this.appointments.get(receiptNumber);
    if (appointment && appointment.personKey !== request.personKey) throw new RequestIdConflictError();
    return appointment;
  }

  /** One seat fewer; a slot nobody holds any more is forgotten, as Redis deletes its key. */
  private freeSeat(slot: string): void {
    const left = (this.bookedBySlot.get(slot) ?? 0) - 1;
    if (left > 0) this.bookedBySlot.set(slot, left);
    else this.bookedBySlot.delete(slot);
  }

  private activeAppointmentOf(personKey: string, nowMs: number): Appointment | undefined {
    const receiptNumber = this.latestByPerson.get(personKey);
    const appointment = receiptNumber === undefined ? undefined : this.appointments.get(receiptNumber);
    return appointment && isActive(appointment, nowMs) ? appointment : undefined;
  }

  private unusedReceiptNumber(): string {
    for (let attempt = 0; attempt < MAX_RECEIPT_ATTEMPTS; attempt++) {
      const candidate = this.newReceiptNumber();
      if (!this.appointments.has(candidate)) return candidate;
    }
    throw new ReceiptNumberExhaustedError();
  }
}
