import type {
  Appointment,
  AppointmentStore,
  BookResult,
  CancelResult,
  CheckInResult,
  MoveOptions,
  MoveResult,
  NewAppointment,
} from '../appointments/types';
import type { FreedSeat } from './types';

export interface SeatFreeingOptions {
  /** Queues the offer of a freed seat (WaitlistJobs.seatFreed); runs after each cancel or move that freed one. */
  seatFreed: (seat: FreedSeat, dedupeId: string) => Promise<void>;
  /** A seat freed but not queued: the cancel or move stands, the caller is not failed for it. */
  onError: (err: Error) => void;
}

/**
 * An AppointmentStore that reports every seat it frees: after a cancel, the appointment's slot;
 * after a move, the slot it left. Every cancel and move goes through the store (a person's, an
 * operator's, a closure's), so no caller has to remember to tell the waitlist.
 */
export class SeatFreeingStore implements AppointmentStore {
  constructor(
    private readonly store: AppointmentStore,
    private readonly options: SeatFreeingOptions,
  ) {}

  book(request: NewAppointment, capacity: number): Promise<BookResult> {
    return this.store.book(request, capacity);
  }

  get(receiptNumber: string): Promise<Appointment | undefined> {
    return this.store.get(receiptNumber);
  }

  async cancel(receiptNumber: string): Promise<CancelResult> {
    const result = await this.store.cancel(receiptNumber);
    if (result.ok) {
      const { appointment } = result;
      await this.report({ officeCode: appointment.officeCode, slotStart: appointment.slotStart }, `cancel-${appointment.receiptNumber}`);
    }
    return result;
  }

  async move(receiptNumber: string, newSlotStart: string, capacity: number, maxMoves: number, options?: MoveOptions): Promise<MoveResult> {
    const result = await this.store.move(receiptNumber, newSlotStart, capacity, maxMoves, options);
    if (result.ok) {
      const { appointment } = result;
      await this.report(
        { officeCode: appointment.officeCode, slotStart: result.previousSlotStart },
        `move-${appointment.receiptNumber}-${appointment.rescheduleCount}`,
      );
    }
    return result;
  }

  countBooked(officeCode: string, slotStarts: readonly string[]): Promise<number[]> {
    return this.store.countBooked(officeCode, slotStarts);
  }

  purgeBefore(cutoff: Date): Promise<number> {
    return this.store.purgeBefore(cutoff);
  }

  listBetween(officeCode: string, from: Date, to: Date): Promise<Appointment[]> {
    return this.store.listBetween(officeCode, from, to);
  }

  checkIn(receiptNumber: string): Promise<CheckInResult> {
    return this.store.checkIn(receiptNumber);
  }

  close(): Promise<void> {
    return this.store.close();
  }

  private async report(seat: FreedSeat, dedupeId: string): Promise<void> {
    try {
      await this.options.seatFreed(seat, dedupeId);
    } catch (err) {
      this.options.onError(err instanceof Error ? err : new Error(String(err)));
    }
  }
}
