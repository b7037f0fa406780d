import { ForwardingAppointmentStore } from '../appointments/forwardingAppointmentStore';
import type { AppointmentStore, BookResult, MoveOptions, MoveResult, NewAppointment } from '../appointments/types';
import { capacitySetFor, isClosedSlot } from '../slots/availability';
import type { OfficeDaySource, SlotPolicy } from '../slots/types';

/**
 * The appointment store as people book through it: a slot inside a closure is refused as full (to
 * book or to move into), and a day's capacity set by an operator replaces the one the caller passes.
 *
 * A closure is stored before its appointments are listed and cancelled, and a booking or a move reads
 * the rules again after it succeeded: whichever way they interleave with a closure, either the
 * closure's list finds the appointment, or the booking cancels itself (the move goes back).
 */
export class GuardedAppointmentStore extends ForwardingAppointmentStore {
  constructor(
    store: AppointmentStore,
    private readonly officeDays: OfficeDaySource,
    private readonly policy: Pick<SlotPolicy, 'slotMinutes'>,
  ) {
    super(store);
  }

  override async book(request: NewAppointment, capacity: number): Promise<BookResult> {
    const before = await this.rulesOfSlot(request);
    if (before.closed) return { ok: false, reason: 'slot_full' };
    // An operator's capacity for the day wins over the caller's (the policy's).
    const result = await this.inner.book(request, before.capacity ?? capacity);
    if (!result.ok) return result;
    if ((await this.rulesOfSlot(request)).closed) {
      await this.inner.cancel(result.appointment.receiptNumber, 'closure');
      return { ok: false, reason: 'slot_full' };
    }
    return result;
  }

  override async move(
    receiptNumber: string,
    newSlotStart: string,
    capacity: number,
    maxMoves: number,
    options?: MoveOptions,
  ): Promise<MoveResult> {
    const appointment = await this.inner.get(receiptNumber);
    if (!appointment) return this.inner.move(receiptNumber, newSlotStart, capacity, maxMoves, options);
    const target = { officeCode: appointment.officeCode, slotStart: newSlotStart };
    const before = await this.rulesOfSlot(target);
    if (before.closed) return { ok: false, reason: 'slot_full' };
    const result = await this.inner.move(receiptNumber, newSlotStart, before.capacity ?? capacity, maxMoves, options);
    if (!result.ok || !(await this.rulesOfSlot(target)).closed) return result;
    // A closure came in while it moved and did not see it: back to the seat it had (which it just
    // freed; the move back may exceed that slot's capacity by this one person rather than lose them).
    await this.inner.move(receiptNumber, result.previousSlotStart, Number.MAX_SAFE_INTEGER, maxMoves + 1);
    return { ok: false, reason: 'slot_full' };
  }

  /** Whether the slot is closed, and the day's capacity when an operator set one. */
  private async rulesOfSlot(request: Pick<NewAppointment, 'officeCode' | 'slotStart'>): Promise<{ closed: boolean; capacity?: number }> {
    const start = new Date(request.slotStart);
    const end = new Date(start.getTime() + this.policy.slotMinutes * 60_000);
    const rules = await this.officeDays.rulesFor(request.officeCode, start, end);
    const closed = isClosedSlot(request.slotStart, this.policy.slotMinutes, rules.closed);
    const capacity = capacitySetFor(request.slotStart, rules);
    return capacity === undefined ? { closed } : { closed, capacity };
  }
}
