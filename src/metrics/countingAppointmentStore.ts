import type {
  Appointment,
  AppointmentStore,
  BookResult,
  CancelResult,
  CheckInResult,
  MoveOptions,
  MoveResult,
  NewAppointment,
} from '../domain/appointments/types';
import type { BotMetrics } from './botMetrics';

/** An AppointmentStore that counts what the store it wraps did: bookings (not a replayed request) and refusals, cancellations, moves. */
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

  async move(receiptNumber: string, newSlotStart: string, capacity: number, maxMoves: number, options?: MoveOptions): Promise<MoveResult> {
    const result = await this.store.move(receiptNumber, newSlotStart, capacity, maxMoves, options);
    if (result.ok) this.metrics.moved(result.appointment.language);
    return result;
  }

  countBooked(officeCode: string, slotStarts: readonly string[]): Promise<number[]> {
    return this.store.countBooked(officeCode, slotStarts);
  }

  listBetween(officeCode: string, from: Date, to: Date): Promise<Appointment[]> {
    return this.store.listBetween(officeCode, from, to);
  }

  checkIn(receiptNumber: string): Promise<CheckInResult> {
    return this.store.checkIn(receiptNumber);
  }

  purgeBefore(cutoff: Date): Promise<number> {
    return this.store.purgeBefore(cutoff);
  }

  close(): Promise<void> {
    return this.store.close();
  }
}
