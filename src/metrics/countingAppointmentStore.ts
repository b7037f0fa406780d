import type { AppointmentStore, BookResult, CancelResult, NewAppointment, Appointment } from '../domain/appointments/types';
import type { BotMetrics } from './botMetrics';

/** An AppointmentStore that counts what the store it wraps did: bookings and refusals, cancellations. */
export class CountingAppointmentStore implements AppointmentStore {
  constructor(
    private readonly store: AppointmentStore,
    private readonly metrics: Pick<BotMetrics, 'bookingSettled' | 'cancelled' | 'moved'>,
  ) {}

  async book(request: NewAppointment, capacity: number): Promise<BookResult> {
    const result = await this.store.book(request, capacity);
    this.metrics.bookingSettled(request, result);
    return result;
  }

  get(receiptNumber: string): Promise<Appointment | undefined> {
    return this.store.get(receiptNumber);
  }

  async cancel(receiptNumber: string): Promise<CancelResult> {
    const result = await this.store.cancel(receiptNumber);
    if (result.ok) this.metrics.cancelled(result.appointment.language);
    return result;
  }

  countBooked(officeCode: string, slotStarts: readonly string[]): Promise<number[]> {
    return this.store.countBooked(officeCode, slotStarts);
  }

  purgeBefore(cutoff: Date): Promise<number> {
    return this.store.purgeBefore(cutoff);
  }

  close(): Promise<void> {
    return this.store.close();
  }
}
