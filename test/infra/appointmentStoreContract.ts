/**
 * What every AppointmentStore must do, run over the in-memory store and the Redis store
 * (test/infra/appointmentStores.test.ts): booking, replayed booking requests, cancelling,
 * counting and purging. Moves: appointmentMoveContract.ts.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../src/domain/clock';
import { ReceiptNumberExhaustedError, RequestIdConflictError } from '../../src/domain/appointments/bookingRules';
import { isCanonicalReceiptNumber } from '../../src/domain/appointments/receiptNumber';
import type { AppointmentStore, NewAppointment } from '../../src/domain/appointments/types';
import { appointmentRequest } from '../support/appointmentFixtures';

/** A clock tests move by hand. */
export class ManualClock implements Clock {
  constructor(private iso: string) {}
  now(): Date {
    return new Date(this.iso);
  }
  set(iso: string): void {
    this.iso = iso;
  }
}

export interface StoreOptions {
  clock: Clock;
  newReceiptNumber?: () => string;
}

/** Makes a store over fresh, empty storage each time it is called. */
export type StoreFactory = (options: StoreOptions) => AppointmentStore;

export const NOW = '2026-12-01T15:00:00.000Z';
export const SLOT_A = '2026-12-02T10:00:00.000-05:00';
export const SLOT_B = '2026-12-02T10:30:00.000-05:00';
export const SLOT_C = '2026-12-03T09:00:00.000-05:00';

/** A booking request as the dialog makes it: each one with its own request id. */
export function request(person: string, slotStart = SLOT_A, officeCode = 'NYC', requestId: string = randomUUID()): NewAppointment {
  return appointmentRequest(person, slotStart, { officeCode, language: 'es', requestId });
}

/** Receipt numbers from a list, for collision tests. */
function receiptsFrom(list: string[]): () => string {
  let next = 0;
  return () => list[Math.min(next++, list.length - 1)];
}

export function appointmentStoreContract(name: string, factory: () => StoreFactory): void {
  describe(`${name} (AppointmentStore contract)`, () => {
    let clock: ManualClock;
    let store: AppointmentStore;
    const make = (options: Partial<StoreOptions> = {}): AppointmentStore => factory()({ clock, ...options });

    beforeEach(() => {
      clock = new ManualClock(NOW);
      store = make();
    });

    afterEach(async () => {
      await store.close();
    });

    it('books, then gets the appointment by its receipt number', async () => {
      const result = await store.book(request('ana'), 2);
      assert.ok(result.ok);
      const { appointment } = result;
      assert.ok(isCanonicalReceiptNumber(appointment.receiptNumber), appointment.receiptNumber);
      assert.equal(result.replayed, false);
      assert.deepEqual(appointment, {
        ...request('ana', SLOT_A, 'NYC', appointment.requestId),
        receiptNumber: appointment.receiptNumber,
        status: 'booked',
        createdAt: NOW,
        rescheduleCount: 0,
      });
      assert.deepEqual(await store.get(appointment.receiptNumber), appointment);
    });

    it('gets nothing for an unknown receipt number', async () => {
      assert.equal(await store.get('IP0000000000000'), undefined);
    });

    it('counts booked appointments per slot, in the order asked', async () => {
      await store.book(request('ana', SLOT_A), 3);
      await store.book(request('ben', SLOT_A), 3);
      await store.book(request('cai', SLOT_B), 3);
      await store.book(request('dee', SLOT_A, 'LOS'), 3);
      assert.deepEqual(await store.countBooked('NYC', [SLOT_B, SLOT_A, SLOT_C]), [1, 2, 0]);
      assert.deepEqual(await store.countBooked('LOS', [SLOT_A]), [1]);
      assert.deepEqual(await store.countBooked('NYC', []), []);
    });

    it('counts one slot whatever offset its start is written with', async () => {
      await store.book(request('ana', '2026-12-02T10:00:00-05:00'), 2);
      assert.deepEqual(await store.countBooked('NYC', ['2026-12-02T15:00:00.000Z', SLOT_A]), [1, 1]);
      const again = await store.book(request('ben', '2026-12-02T15:00:00Z'), 1);
      assert.deepEqual(again, { ok: false, reason: 'slot_full' });
    });

    it('never exceeds capacity', async () => {
      assert.equal((await store.book(request('ana'), 2)).ok, true);
      assert.equal((await store.book(request('ben'), 2)).ok, true);
      assert.deepEqual(await store.book(request('cai'), 2), { ok: false, reason: 'slot_full' });
      assert.deepEqual(await store.book(request('dee', SLOT_B), 0), { ok: false, reason: 'slot_full' });
      assert.deepEqual(await store.countBooked('NYC', [SLOT_A, SLOT_B]), [2, 0]);
    });

    it('refuses a capacity that is not a whole number ≥ 0, and a slot start that is not a date', async () => {
      await assert.rejects(store.book(request('ana'), -1), RangeError);
      await assert.rejects(store.book(request('ana'), 1.5), RangeError);
      await assert.rejects(store.book(request('ana', 'next Tuesday'), 1), RangeError);
    });

    it('keeps one active appointment per person: a second booking answers with the first receipt', async () => {
      const first = await store.book(request('ana', SLOT_A), 2);
      assert.ok(first.ok);
      const second = await store.book(request('ana', SLOT_B), 2);
      assert.deepEqual(second, { ok: false, reason: 'already_booked', receiptNumber: first.appointment.receiptNumber });
      assert.deepEqual(await store.countBooked('NYC', [SLOT_A, SLOT_B]), [1, 0]);
    });

    it('tells a person they already have an appointment before telling them the slot is full', async () => {
      const first = await store.book(request('ana', SLOT_A), 1);
      assert.ok(first.ok);
      assert.deepEqual(await store.book(request('ana', SLOT_A), 1), {
        ok: false,
        reason: 'already_booked',
        receiptNumber: first.appointment.receiptNumber,
      });
    });

    it('lets a person book again after cancelling', async () => {
      const first = await store.book(request('ana', SLOT_A), 2);
      assert.ok(first.ok);
      assert.equal((await store.cancel(first.appointment.receiptNumber)).ok, true);
      const second = await store.book(request('ana', SLOT_B), 2);
      assert.ok(second.ok);
      assert.notEqual(second.appointment.receiptNumber, first.appointment.receiptNumber);
    });

    it('lets a person book again once their appointment time has passed', async () => {
      const first = await store.book(request('ana', SLOT_A), 2);
      assert.ok(first.ok);
      clock.set('2026-12-02T15:00:00.000Z'); // SLOT_A itself: no longer in the future
      const second = await store.book(request('ana', SLOT_C), 2);
      assert.ok(second.ok);
      assert.equal(second.appointment.createdAt, '2026-12-02T15:00:00.000Z');
    });

    it('cancelling a past appointment does not free the person from their newer one', async () => {
      const old = await store.book(request('ana', SLOT_A), 2);
      assert.ok(old.ok);
      clock.set('2026-12-02T16:00:00.000Z');
      const newer = await store.book(request('ana', SLOT_C), 2);
      assert.ok(newer.ok);
      assert.equal((await store.cancel(old.appointment.receiptNumber)).ok, true);
      assert.deepEqual(await store.book(request('ana', SLOT_B), 2), {
        ok: false,
        reason: 'already_booked',
        receiptNumber: newer.appointment.receiptNumber,
      });
    });

    it('cancels: status, time of cancellation, and the seat freed', async () => {
      const booked = await store.book(request('ana'), 1);
      assert.ok(booked.ok);
      clock.set('2026-12-01T16:00:00.000Z');
      const cancelled = await store.cancel(booked.appointment.receiptNumber);
      const expected = { ...booked.appointment, status: 'cancelled', cancelledAt: '2026-12-01T16:00:00.000Z' };
      assert.deepEqual(cancelled, { ok: true, appointment: expected });
      assert.deepEqual(await store.get(booked.appointment.receiptNumber), expected);
      assert.deepEqual(await store.countBooked('NYC', [SLOT_A]), [0]);
      assert.equal((await store.book(request('ben'), 1)).ok, true);
    });

    it('frees the seat exactly once: a second cancel is already_cancelled and the count stays', async () => {
      const ana = await store.book(request('ana'), 2);
      await store.book(request('ben'), 2);
      assert.ok(ana.ok);
      assert.equal((await store.cancel(ana.appointment.receiptNumber)).ok, true);
      assert.deepEqual(await store.cancel(ana.appointment.receiptNumber), { ok: false, reason: 'already_cancelled' });
      assert.deepEqual(await store.countBooked('NYC', [SLOT_A]), [1]);
    });

    it('cancels an unknown receipt number as not_found', async () => {
      assert.deepEqual(await store.cancel('IP0000000000000'), { ok: false, reason: 'not_found' });
    });

    it('draws a new receipt number when the first one is taken', async () => {
      store = make({ newReceiptNumber: receiptsFrom(['IP200000000000Y', 'IP200000000000Y', 'IP020000000000W']) });
      const first = await store.book(request('ana'), 3);
      const second = await store.book(request('ben'), 3);
      assert.ok(first.ok && second.ok);
      assert.equal(first.appointment.receiptNumber, 'IP200000000000Y');
      assert.equal(second.appointment.receiptNumber, 'IP020000000000W');
      assert.equal((await store.get('IP200000000000Y'))?.personKey, 'person-ana');
    });

    it('gives up after a few taken receipt numbers, booking nothing', async () => {
      store = make({ newReceiptNumber: () => 'IP200000000000Y' });
      assert.equal((await store.book(request('ana'), 3)).ok, true);
      await assert.rejects(store.book(request('ben'), 3), ReceiptNumberExhaustedError);
      assert.deepEqual(await store.countBooked('NYC', [SLOT_A]), [1]);
      assert.equal((await store.get('IP200000000000Y'))?.personKey, 'person-ana');
    });

    it('50 people booking one slot of capacity 2 at once: exactly 2 get it', async () => {
      const results = await Promise.all(Array.from({ length: 50 }, (_, i) => store.book(request(`p${i}`), 2)));
      const booked = results.filter((r) => r.ok);
      const full = results.filter((r) => !r.ok && r.reason === 'slot_full');
      assert.equal(booked.length, 2);
      assert.equal(full.length, 48);
      assert.deepEqual(await store.countBooked('NYC', [SLOT_A]), [2]);
    });

    it('one person booking 10 slots at once gets exactly one', async () => {
      const starts = Array.from({ length: 10 }, (_, i) => `2026-12-04T${String(9 + i).padStart(2, '0')}:00:00.000-05:00`);
      const results = await Promise.all(starts.map((start) => store.book(request('ana', start), 1)));
      const booked = results.filter((r) => r.ok);
      assert.equal(booked.length, 1);
      const receipt = booked[0].ok ? booked[0].appointment.receiptNumber : '';
      for (const r of results.filter((x) => !x.ok)) assert.deepEqual(r, { ok: false, reason: 'already_booked', receiptNumber: receipt });
      assert.equal(
        (await store.countBooked('NYC', starts)).reduce((a, b) => a + b, 0),
        1,
      );
    });

    it('10 cancels of one appointment at once: one succeeds, the seat is freed once', async () => {
      const ana = await store.book(request('ana'), 2);
      await store.book(request('ben'), 2);
      assert.ok(ana.ok);
      const results = await Promise.all(Array.from({ length: 10 }, () => store.cancel(ana.appointment.receiptNumber)));
      assert.equal(results.filter((r) => r.ok).length, 1);
      assert.equal(results.filter((r) => !r.ok && r.reason === 'already_cancelled').length, 9);
      assert.deepEqual(await store.countBooked('NYC', [SLOT_A]), [1]);
    });

    it('purges appointments whose slot started before the cutoff, booked or cancelled, and nothing later', async () => {
      const ana = await store.book(request('ana', SLOT_A), 2);
      const ben = await store.book(request('ben', SLOT_A), 2);
      const cai = await store.book(request('cai', SLOT_C), 2);
      assert.ok(ana.ok && ben.ok && cai.ok);
      assert.equal((await store.cancel(ben.appointment.receiptNumber)).ok, true);
      assert.equal(await store.purgeBefore(new Date(SLOT_A)), 0, 'the cutoff itself is kept');
      assert.equal(await store.purgeBefore(new Date('2026-12-02T16:00:00.000Z')), 2);
      assert.equal(await store.get(ana.appointment.receiptNumber), undefined);
      assert.equal(await store.get(ben.appointment.receiptNumber), undefined);
      assert.deepEqual(await store.get(cai.appointment.receiptNumber), cai.appointment);
      assert.deepEqual(await store.countBooked('NYC', [SLOT_A, SLOT_C]), [0, 1]);
      assert.equal(await store.purgeBefore(new Date('2026-12-02T16:00:00.000Z')), 0, 'nothing left to purge');
    });

    it('after a purge the person is free to book again, and a purged number cancels as not_found', async () => {
      const old = await store.book(request('ana', SLOT_A), 2);
      assert.ok(old.ok);
      await store.purgeBefore(new Date('2026-12-03T00:00:00.000Z'));
      assert.deepEqual(await store.cancel(old.appointment.receiptNumber), { ok: false, reason: 'not_found' });
      clock.set('2026-12-02T12:00:00.000Z');
      assert.equal((await store.book(request('ana', SLOT_C), 2)).ok, true);
    });

    it('purges more appointments than one batch', async () => {
      const starts = Array.from({ length: 130 }, (_, i) => new Date(Date.parse('2026-11-02T14:00:00.000Z') + i * 60_000).toISOString());
      for (const [i, start] of starts.entries()) assert.equal((await store.book(request(`p${i}`, start), 1)).ok, true);
      assert.equal(await store.purgeBefore(new Date('2026-11-30T00:00:00.000Z')), 130);
      assert.deepEqual(
        (await store.countBooked('NYC', starts)).filter((n) => n > 0),
        [],
      );
    });

    describe('booking requests', () => {
      it('a request seen before returns the same appointment, replayed, and takes no second seat', async () => {
        const ana = request('ana');
        const first = await store.book(ana, 2);
        assert.ok(first.ok);
        assert.deepEqual(await store.book(ana, 2), { ok: true, appointment: first.appointment, replayed: true });
        assert.deepEqual(await store.countBooked('NYC', [SLOT_A]), [1]);
      });

      it('replays even though the person now has an appointment and the slot is full; another request of theirs is already_booked', async () => {
        const ana = request('ana');
        const first = await store.book(ana, 1);
        assert.ok(first.ok);
        const again = await store.book(ana, 1);
        assert.ok(again.ok && again.replayed);
        assert.equal(again.appointment.receiptNumber, first.appointment.receiptNumber);
        assert.deepEqual(await store.book(request('ana', SLOT_B), 1), {
          ok: false,
          reason: 'already_booked',
          receiptNumber: first.appointment.receiptNumber,
        });
      });

      it('replays the appointment as it is now, cancelled, and books nothing again', async () => {
        const ana = request('ana');
        const first = await store.book(ana, 2);
        assert.ok(first.ok);
        clock.set('2026-12-01T15:05:00.000Z');
        assert.equal((await store.cancel(first.appointment.receiptNumber)).ok, true);
        const again = await store.book(ana, 2);
        assert.ok(again.ok && again.replayed);
        assert.equal(again.appointment.status, 'cancelled');
        assert.equal(again.appointment.cancelledAt, '2026-12-01T15:05:00.000Z');
        assert.deepEqual(await store.countBooked('NYC', [SLOT_A]), [0]);
      });

      it('a request that found the slot full books when it comes again and there is room', async () => {
        const ben = await store.book(request('ben'), 1);
        assert.ok(ben.ok);
        const ana = request('ana');
        assert.deepEqual(await store.book(ana, 1), { ok: false, reason: 'slot_full' });
        assert.equal((await store.cancel(ben.appointment.receiptNumber)).ok, true);
        const retried = await store.book(ana, 1);
        assert.ok(retried.ok);
        assert.equal(retried.replayed, false);
      });

      it('10 deliveries of one request at once: one appointment, one seat, nine replays', async () => {
        const ana = request('ana');
        const results = await Promise.all(Array.from({ length: 10 }, () => store.book(ana, 2)));
        const receipts = new Set(results.map((r) => (r.ok ? r.appointment.receiptNumber : r.reason)));
        assert.equal(receipts.size, 1);
        assert.equal(results.filter((r) => r.ok && !r.replayed).length, 1);
        assert.equal(results.filter((r) => r.ok && r.replayed).length, 9);
        assert.deepEqual(await store.countBooked('NYC', [SLOT_A]), [1]);
      });

      it("refuses a request id that booked another person's appointment, and books nothing", async () => {
        const requestId = randomUUID();
        assert.ok((await store.book(request('ana', SLOT_A, 'NYC', requestId), 2)).ok);
        await assert.rejects(store.book(request('ben', SLOT_A, 'NYC', requestId), 2), RequestIdConflictError);
        assert.deepEqual(await store.countBooked('NYC', [SLOT_A]), [1]);
      });

      it('refuses a request id that is too short, too long or has spaces', async () => {
        for (const requestId of ['short', 'x'.repeat(129), 'has a space in it']) {
          await assert.rejects(store.book(request('ana', SLOT_A, 'NYC', requestId), 2), RangeError, requestId);
        }
        assert.deepEqual(await store.countBooked('NYC', [SLOT_A]), [0]);
      });

      it('books without a request id, with nothing to replay', async () => {
        const { requestId: _none, ...withoutId } = request('ana');
        const booked = await store.book(withoutId, 2);
        assert.ok(booked.ok && !booked.replayed);
        assert.equal('requestId' in booked.appointment, false);
        assert.deepEqual(await store.get(booked.appointment.receiptNumber), booked.appointment);
        assert.deepEqual(await store.book(withoutId, 2), {
          ok: false,
          reason: 'already_booked',
          receiptNumber: booked.appointment.receiptNumber,
        });
      });

      it('a purge forgets the request with its appointment', async () => {
        const ana = request('ana', SLOT_A);
        const first = await store.book(ana, 2);
        assert.ok(first.ok);
        clock.set('2026-12-02T16:00:00.000Z');
        assert.equal(await store.purgeBefore(new Date('2026-12-02T16:00:00.000Z')), 1);
        const again = await store.book(ana, 2);
        assert.ok(again.ok);
        assert.equal(again.replayed, false);
        assert.notEqual(again.appointment.receiptNumber, first.appointment.receiptNumber);
      });
    });
  });
}
