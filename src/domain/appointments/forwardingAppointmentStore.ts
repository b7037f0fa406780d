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
} from './types';
import type { AuditRecord } from '../operations/types';

/**
 * An AppointmentStore that hands every call to the store it wraps. A decorator extends it and
 * overrides only what it changes, so a method added to AppointmentStore is forwarded by all of them.
 */
export class ForwardingAppointmentStore implements AppointmentStore {
  constructor(protected readonly inner: AppointmentStore) {}

  book(request: NewAppointment, capacity: number): Promise<BookResult> {
    return this.inner.book(request, capacity);
  }

  get(receiptNumber: string): Promise<Appointment | undefined> {
    return this.inner.get(receiptNumber);
  }

  cancel(receiptNumber: string, cause?: CancelCause): Promise<CancelResult> {
    return this.inner.cancel(receiptNumber, cause);
  }

  move(receiptNumber: string, newSlotStart: string, capacity: number, maxMoves: number, options?: MoveOptions): Promise<MoveResult> {
    return this.inner.move(receiptNumber, newSlotStart, capacity, maxMoves, options);
  }

  countBooked(officeCode: string, slotStarts: readonly string[]): Promise<number[]> {
    return this.inner.countBooked(officeCode, slotStarts);
  }

  purgeBefore(cutoff: Date): Promise<number> {
    return this.inner.purgeBefore(cutoff);
  }

  listBetween(officeCode: string, from: Date, to: Date): Promise<Appointment[]> {
    return this.inner.listBetween(officeCode, from, to);
  }

  checkIn(receiptNumber: string, audit?: AuditRecord): Promise<CheckInResult> {
    return this.inner.checkIn(receiptNumber, audit);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
