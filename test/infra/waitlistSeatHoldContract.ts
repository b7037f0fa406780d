/**
 * What both appointment stores must do with seat holds (src/domain/appointments/seatHolds.ts): a
 * hold counts against the slot's capacity like a booking, a booking into it takes the held seat and
 * no other, a released hold frees its seat once. Run by test/infra/waitlistStores.test.ts.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { AppointmentStore } from '../../src/domain/appointments/types';
import type { SeatHolds } from '../../src/domain/appointments/seatHolds';
import { ManualClock, NOW, request, SLOT_A, SLOT_B } from './appointmentStoreContract';

export type HoldingStore = AppointmentStore & SeatHolds;
export type HoldingStoreFactory = (clock: ManualClock) => HoldingStore;

const ENDS = new Date('2026-12-01T15:15:00.000Z');

function hold(holdId: string = randomUUID(), slotStart = SLOT_A): { holdId: string; officeCode: string; slotStart: string; endsAt: Date } {
  return { holdId, officeCode: 'NYC', slotStart, endsAt: ENDS };
}

export function seatHoldContract(name: string, factory: () => HoldingStoreFactory): void {
  describe(`${name} (seat holds)`, () => {
    let store: HoldingStore;

    beforeEach(() => {
      store = factory()(new ManualClock(NOW));
    });

    afterEach(async () => {
      await store.close();
    });

    it('a hold takes a free seat and counts like a booking; no seat left, no hold', async () => {
      assert.ok((await store.book(request('ana'), 2)).ok);
      assert.deepEqual(await store.holdSeat(hold(), 2), { ok: true });
      assert.deepEqual(await store.countBooked('NYC', [SLOT_A]), [2]);
      assert.deepEqual(await store.holdSeat(hold(), 2), { ok: false, reason: 'slot_full' });
      assert.deepEqual(await store.book(request('ben'), 2), { ok: false, reason: 'slot_full' }, 'nobody books the held seat');
    });

    it('a move into the slot respects the hold', async () => {
      const ana = await store.book(request('ana', SLOT_B), 1);
      assert.ok(ana.ok);
      assert.deepEqual(await store.holdSeat(hold(), 1), { ok: true });
      assert.deepEqual(await store.move(ana.appointment.receiptNumber, SLOT_A, 1, 3), { ok: false, reason: 'slot_full' });
    });

    it('a move into a hold takes the held seat, whatever the count, and frees the old one; an unknown or used hold is hold_gone', async () => {
      const ana = await store.book(request('ana', SLOT_B), 1);
      assert.ok(ana.ok);
      const receipt = ana.appointment.receiptNumber;
      const held = hold();
      assert.deepEqual(await store.holdSeat(held, 1), { ok: true });
      const elsewhere = hold(undefined, SLOT_B);
      assert.deepEqual(await store.move(receipt, SLOT_A, 1, 3, { holdId: elsewhere.holdId }), { ok: false, reason: 'hold_gone' });
      const moved = await store.move(receipt, SLOT_A, 1, 3, { holdId: held.holdId });
      assert.ok(moved.ok);
      assert.equal(moved.appointment.receiptNumber, receipt);
      assert.equal(moved.appointment.rescheduleCount, 1);
      assert.deepEqual(await store.countBooked('NYC', [SLOT_A, SLOT_B]), [1, 0], 'one seat: the hold became the appointment');
      assert.equal(await store.releaseHold(held.holdId), false, 'nothing left to release');
      assert.deepEqual(await store.move(receipt, SLOT_B, 1, 3, { holdId: held.holdId }), { ok: false, reason: 'hold_gone' });
    });

    it('a move into a hold is refused for too many moves before the hold is touched', async () => {
      const ana = await store.book(request('ana', SLOT_B), 2);
      assert.ok(ana.ok);
      const held = hold();
      assert.deepEqual(await store.holdSeat(held, 2), { ok: true });
      assert.deepEqual(await store.move(ana.appointment.receiptNumber, SLOT_A, 2, 0, { holdId: held.holdId }), {
        ok: false,
        reason: 'too_many_moves',
      });
      assert.equal(await store.releaseHold(held.holdId), true, 'the hold stayed');
    });

    it('the same hold id again takes nothing more', async () => {
      const same = hold();
      assert.deepEqual(await store.holdSeat(same, 2), { ok: true });
      assert.deepEqual(await store.holdSeat(same, 2), { ok: true });
      assert.deepEqual(await store.countBooked('NYC', [SLOT_A]), [1]);
    });

    it('a booking into the hold takes the held seat: one seat in all, and the hold is gone', async () => {
      const held = hold();
      assert.deepEqual(await store.holdSeat(held, 1), { ok: true });
      const booked = await store.book({ ...request('ana'), holdId: held.holdId }, 1);
      assert.ok(booked.ok && !booked.replayed);
      assert.equal('holdId' in booked.appointment, false, 'the hold id is not kept in the appointment');
      assert.deepEqual(await store.countBooked('NYC', [SLOT_A]), [1]);
      assert.equal(await store.releaseHold(held.holdId), false, 'nothing left to release');
      assert.deepEqual(await store.countBooked('NYC', [SLOT_A]), [1]);
      assert.deepEqual(await store.holdsEndedBefore(new Date('2030-01-01T00:00:00Z')), []);
    });

    it('a booking into a hold of another slot, or a released one, is refused with hold_gone and takes no seat', async () => {
      const held = hold();
      assert.deepEqual(await store.holdSeat(held, 2), { ok: true });
      assert.deepEqual(await store.book({ ...request('ana', SLOT_B), holdId: held.holdId }, 2), { ok: false, reason: 'hold_gone' });
      assert.equal(await store.releaseHold(held.holdId), true);
      assert.deepEqual(await store.book({ ...request('ana'), holdId: held.holdId }, 2), { ok: false, reason: 'hold_gone' });
      assert.deepEqual(await store.countBooked('NYC', [SLOT_A, SLOT_B]), [0, 0]);
    });

    it('a person who already has an appointment cannot book into a hold, and the hold stays', async () => {
      assert.ok((await store.book(request('ana', SLOT_B), 2)).ok);
      const held = hold();
      assert.deepEqual(await store.holdSeat(held, 2), { ok: true });
      const refused = await store.book({ ...request('ana'), holdId: held.holdId }, 2);
      assert.equal(refused.ok, false);
      assert.equal(!refused.ok && refused.reason, 'already_booked');
      assert.deepEqual(await store.countBooked('NYC', [SLOT_A]), [1]);
    });

    it('releasing frees the seat exactly once', async () => {
      const held = hold();
      assert.deepEqual(await store.holdSeat(held, 1), { ok: true });
      const released = await Promise.all(Array.from({ length: 10 }, () => store.releaseHold(held.holdId)));
      assert.equal(released.filter(Boolean).length, 1);
      assert.deepEqual(await store.countBooked('NYC', [SLOT_A]), [0]);
      assert.ok((await store.book(request('ana'), 1)).ok, 'the seat can be booked again');
    });

    it('lists the holds that ended before an instant, in UTC', async () => {
      const early = { ...hold(), endsAt: new Date('2026-12-01T15:10:00.000Z') };
      const late = { ...hold(), endsAt: new Date('2026-12-01T15:20:00.000Z') };
      await store.holdSeat(early, 2);
      await store.holdSeat(late, 2);
      assert.deepEqual(await store.holdsEndedBefore(new Date('2026-12-01T15:15:00.000Z')), [
        { holdId: early.holdId, officeCode: 'NYC', slotStart: '2026-12-02T15:00:00.000Z', endsAt: early.endsAt },
      ]);
    });

    it('a freed seat, 50 people booking at once and the hold: nobody overbooks, and the holder can take it', async () => {
      const booked = await Promise.all(Array.from({ length: 2 }, (_, i) => store.book(request(`first${i}`), 2)));
      assert.ok(booked.every((b) => b.ok));
      const leaving = booked[0];
      assert.ok(leaving.ok);
      assert.ok((await store.cancel(leaving.appointment.receiptNumber)).ok);
      const held = hold();
      const [holdResult, ...bookings] = await Promise.all([
        store.holdSeat(held, 2),
        ...Array.from({ length: 50 }, (_, i) => store.book(request(`rush${i}`), 2)),
      ]);
      const rushed = bookings.filter((b) => b.ok).length;
      assert.equal(rushed + (holdResult.ok ? 1 : 0), 1, 'exactly one of the 51 got the one free seat');
      assert.deepEqual(await store.countBooked('NYC', [SLOT_A]), [2]);
      if (holdResult.ok) {
        const taken = await store.book({ ...request('holder'), holdId: held.holdId }, 2);
        assert.ok(taken.ok, 'the holder takes the held seat');
        assert.deepEqual(await store.countBooked('NYC', [SLOT_A]), [2]);
      }
    });

    it('the hold first, then 50 people booking at once: all refused, and the holder takes the seat', async () => {
      assert.ok((await store.book(request('ana'), 2)).ok);
      const held = hold();
      assert.deepEqual(await store.holdSeat(held, 2), { ok: true });
      const [taken, ...bookings] = await Promise.all([
        store.book({ ...request('holder'), holdId: held.holdId }, 2),
        ...Array.from({ length: 50 }, (_, i) => store.book(request(`rush${i}`), 2)),
      ]);
      assert.equal(bookings.filter((b) => b.ok).length, 0);
      assert.ok(taken.ok);
      assert.deepEqual(await store.countBooked('NYC', [SLOT_A]), [2]);
    });
  });
}
