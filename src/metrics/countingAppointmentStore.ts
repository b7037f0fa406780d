import { ForwardingAppointmentStore } from '../domain/appointments/forwardingAppointmentStore';
import type {
  AppointmentStore,
  BookResult,
  CancelCause,
  CancelResult,
  MoveOptions,
  MoveResult,
  NewAppointment,
} from '../domain/appointments/types';
import type { BotMetrics } from './botMetrics';

/** An AppointmentStore that counts what the store it wraps did: bookings (not a replayed request) and refusals, cancellations, moves. */
export class CountingAppointmentStore extends ForwardingAppointmentStore {
  constructor(
    store: AppointmentStore,
    private readonly metrics: Pick<BotMetrics, 'bookingSettled' | 'cancelled' | 'moved'>,
  ) {
    super(store);
  }

  override async book(request: NewAppointment, capacity: number): Promise<BookResult> {
    const result = await this.inner.book(request, capacity);
    this.metrics.bookingSettled(request, result);
    return result;
  }

  override async cancel(receiptNumber: string, cause?: CancelCause): Promise<CancelResult> {
    const result = await this.inner.cancel(receiptNumber, cause);
    if (result.ok) this.metrics.cancelled(result.appointment.language);
    return result;
  }

  override async move(
    receiptNumber: string,
    newSlotStart: string,
    capacity: number,
    maxMoves: number,
    options?: MoveOptions,
  ): Promise<MoveResult> {
    const result = await this.inner.move(receiptNumber, newSlotStart, capacity, maxMoves, options);
    if (result.ok) this.metrics.moved(result.appointment.language);
    return result;
  }
}
