import type { Clock } from '../../domain/clock';
import {
  assertCapacity,
  isActive,
  MAX_RECEIPT_ATTEMPTS,
  ReceiptNumberExhaustedError,
  slotId,
  slotStartMs,
} from '../../domain/appointments/bookingRules';
import { generateReceiptNumber } from '../../domain/appointments/receiptNumber';
import type { Appointment, AppointmentStore, BookResult, CancelResult, NewAppointment } from '../../domain/appointments/types';

export interface MemoryAppointmentStoreOptions {
  /** Decides which appointments are still active; pass the same clock the dialogs use. */
  clock: Clock;
  /** Source of receipt numbers (tests inject collisions). */
  newReceiptNumber?: () => string;
}

/**
 * The embedded store used when no Redis is configured; lost on restart. Each operation runs
 * its checks and writes without awaiting in between, so concurrent calls cannot interleave.
 */
export class MemoryAppointmentStore implements AppointmentStore {
  private readonly appointments = new Map<string, Appointment>();
  private readonly bookedBySlot = new Map<string, number>();
  /** personKey → receipt number of the person's latest booking. */
  private readonly latestByPerson = new Map<string, string>();
  private readonly clock: Clock;
  private readonly newReceiptNumber: () => string;

  constructor(options: MemoryAppointmentStoreOptions) {
    this.clock = options.clock;
    this.newReceiptNumber = options.newReceiptNumber ?? (() => generateReceiptNumber());
  }

  async book(request: NewAppointment, capacity: number): Promise<BookResult> {
    assertCapacity(capacity);
    slotStartMs(request.slotStart);
    const now = this.clock.now();
    const existing = this.activeAppointmentOf(request.personKey, now.getTime());
    if (existing) return { ok: false, reason: 'already_booked', receiptNumber: existing.receiptNumber };
    const slot = slotId(request.officeCode, request.slotStart);
    if ((this.bookedBySlot.get(slot) ?? 0) >= capacity) return { ok: false, reason: 'slot_full' };
    const receiptNumber = this.unusedReceiptNumber();
    const appointment: Appointment = { ...request, receiptNumber, status: 'booked', createdAt: now.toISOString() };
    this.appointments.set(receiptNumber, appointment);
    this.bookedBySlot.set(slot, (this.bookedBySlot.get(slot) ?? 0) + 1);
    this.latestByPerson.set(request.personKey, receiptNumber);
    return { ok: true, appointment: { ...appointment } };
  }

  async get(receiptNumber: string): Promise<Appointment | undefined> {
    const appointment = this.appointments.get(receiptNumber);
    return appointment && { ...appointment };
  }

  async cancel(receiptNumber: string): Promise<CancelResult> {
    const appointment = this.appointments.get(receiptNumber);
    if (!appointment) return { ok: false, reason: 'not_found' };
    if (appointment.status !== 'booked') return { ok: false, reason: 'already_cancelled' };
    const cancelled: Appointment = { ...appointment, status: 'cancelled', cancelledAt: this.clock.now().toISOString() };
    this.appointments.set(receiptNumber, cancelled);
    const slot = slotId(appointment.officeCode, appointment.slotStart);
    this.bookedBySlot.set(slot, Math.max(0, (this.bookedBySlot.get(slot) ?? 0) - 1));
    if (this.latestByPerson.get(appointment.personKey) === receiptNumber) this.latestByPerson.delete(appointment.personKey);
    return { ok: true, appointment: { ...cancelled } };
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
      purged += 1;
    }
    return purged;
  }

  async close(): Promise<void> {
    // Nothing to release.
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
