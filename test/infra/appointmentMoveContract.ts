/**
 * How every AppointmentStore moves an appointment to another slot, run over the in-memory store
 * and the Redis store (test/infra/appointmentStores.test.ts).
 */
import assert from 'node:assert/strict';
import type { Appointment, AppointmentStore, MoveResult } from '../../src/domain/appointments/types';
import { ManualClock, NOW, request, SLOT_A, SLOT_B, SLOT_C, type StoreFactory } from './appointmentStoreContract';

const MOVED_AT = '2026-12-01T16:00:00.000Z';
const MAX_MOVES = 3;

/** Slot starts half an hour apart from an instant, for tests that need many. */
function slotsFrom(firstUtc: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => new Date(Date.parse(firstUtc) + i * 30 * 60_000).toISOString());
}

export function appointmentMoveContract(name: string, factory: () => StoreFactory): void {
  describe(`${name} (AppointmentStore contract: moves)`, () => {
    let clock: ManualClock;
    let store: AppointmentStore;

    beforeEach(() => {
      clock = new ManualClock(NOW);
      store = factory()({ clock });
    });

    afterEach(async () => {
      await store.close();
    });

    async function booked(person: string, slotStart = SLOT_A, capacity = 2): Promise<Appointment> {
      const result = await store.book(request(person, slotStart), capacity);
      assert.ok(result.ok, `${person} could not book ${slotStart}`);
      return result.appointment;
    }

    /** Every slot's count equals the booked appointments in it. */
    async function assertCountsMatch(receiptNumbers: readonly string[], slots: readonly string[]): Promise<void> {
      const bookedIn = new Map<string, number>(slots.map((slot) => [new Date(slot).toISOString(), 0]));
      for (const receiptNumber of receiptNumbers) {
        const appointment = await store.get(receiptNumber);
        assert.ok(appointment, receiptNumber);
        if (appointment.status !== 'booked') continue;
        const slot = new Date(appointment.slotStart).toISOString();
        assert.ok(bookedIn.has(slot), `${receiptNumber} is in a slot the test did not expect: ${slot}`);
        bookedIn.set(slot, (bookedIn.get(slot) ?? 0) + 1);
      }
      assert.deepEqual(await store.countBooked('NYC', [...bookedIn.keys()]), [...bookedIn.values()]);
    }

    it('moves: the same receipt number in the new slot, one move more, the old seat freed and the new one taken', async () => {
      const ana = await booked('ana', SLOT_A);
      clock.set(MOVED_AT);
      const moved = await store.move(ana.receiptNumber, SLOT_C, 2, MAX_MOVES);
      const expected: Appointment = { ...ana, slotStart: SLOT_C, rescheduleCount: 1, movedAt: MOVED_AT };
      assert.deepEqual(moved, { ok: true, appointment: expected, previousSlotStart: SLOT_A } satisfies MoveResult);
      assert.deepEqual(await store.get(ana.receiptNumber), expected);
      assert.deepEqual(await store.countBooked('NYC', [SLOT_A, SLOT_C]), [0, 1]);
    });

    it('the freed seat can be booked by someone else, and the taken one counts against capacity', async () => {
      const ana = await booked('ana', SLOT_A, 1);
      assert.equal((await store.move(ana.receiptNumber, SLOT_C, 1, MAX_MOVES)).ok, true);
      assert.equal((await store.book(request('ben', SLOT_A), 1)).ok, true);
      assert.deepEqual(await store.book(request('cai', SLOT_C), 1), { ok: false, reason: 'slot_full' });
      assert.deepEqual(await store.countBooked('NYC', [SLOT_A, SLOT_C]), [1, 1]);
    });

    it('refuses to move into a full slot, and nothing changes', async () => {
      await booked('ben', SLOT_C, 1);
      const ana = await booked('ana', SLOT_A, 1);
      assert.deepEqual(await store.move(ana.receiptNumber, SLOT_C, 1, MAX_MOVES), { ok: false, reason: 'slot_full' });
      assert.deepEqual(await store.move(ana.receiptNumber, SLOT_B, 0, MAX_MOVES), { ok: false, reason: 'slot_full' });
      assert.deepEqual(await store.get(ana.receiptNumber), ana);
      assert.deepEqual(await store.countBooked('NYC', [SLOT_A, SLOT_B, SLOT_C]), [1, 0, 1]);
    });

    it('refuses the slot it already has, whatever offset its start is written with', async () => {
      const ana = await booked('ana', SLOT_A);
      for (const same of [SLOT_A, '2026-12-02T15:00:00Z', '2026-12-02T07:00:00-08:00']) {
        assert.deepEqual(await store.move(ana.receiptNumber, same, 2, MAX_MOVES), { ok: false, reason: 'same_slot' }, same);
      }
      assert.deepEqual(await store.get(ana.receiptNumber), ana);
      assert.deepEqual(await store.countBooked('NYC', [SLOT_A]), [1]);
    });

    it('refuses an unknown receipt number as not_found', async () => {
      assert.deepEqual(await store.move('IP0000000000000', SLOT_B, 2, MAX_MOVES), { ok: false, reason: 'not_found' });
    });

    it('refuses a cancelled appointment as not_booked, and takes no seat', async () => {
      const ana = await booked('ana', SLOT_A);
      assert.equal((await store.cancel(ana.receiptNumber)).ok, true);
      assert.deepEqual(await store.move(ana.receiptNumber, SLOT_C, 2, MAX_MOVES), { ok: false, reason: 'not_booked' });
      assert.deepEqual(await store.countBooked('NYC', [SLOT_A, SLOT_C]), [0, 0]);
    });

    it('refuses an appointment whose time has come or passed as not_booked', async () => {
      const ana = await booked('ana', SLOT_A);
      clock.set('2026-12-02T15:00:00.000Z'); // SLOT_A itself
      assert.deepEqual(await store.move(ana.receiptNumber, SLOT_C, 2, MAX_MOVES), { ok: false, reason: 'not_booked' });
      clock.set('2026-12-02T18:00:00.000Z');
      assert.deepEqual(await store.move(ana.receiptNumber, SLOT_C, 2, MAX_MOVES), { ok: false, reason: 'not_booked' });
      assert.deepEqual(await store.get(ana.receiptNumber), ana);
      assert.deepEqual(await store.countBooked('NYC', [SLOT_A, SLOT_C]), [1, 0]);
    });

    it('moves at most maxMoves times; the limit is the caller’s', async () => {
      const ana = await booked('ana', SLOT_A);
      for (const [i, slot] of [SLOT_B, SLOT_C, SLOT_A].entries()) {
        const moved = await store.move(ana.receiptNumber, slot, 2, MAX_MOVES);
        assert.ok(moved.ok, `move ${i + 1}`);
        assert.equal(moved.appointment.rescheduleCount, i + 1);
      }
      assert.deepEqual(await store.move(ana.receiptNumber, SLOT_B, 2, MAX_MOVES), { ok: false, reason: 'too_many_moves' });
      assert.equal((await store.get(ana.receiptNumber))?.slotStart, SLOT_A);
      assert.deepEqual(await store.countBooked('NYC', [SLOT_A, SLOT_B, SLOT_C]), [1, 0, 0]);
      const fourth = await store.move(ana.receiptNumber, SLOT_B, 2, MAX_MOVES + 1);
      assert.ok(fourth.ok);
      assert.equal(fourth.appointment.rescheduleCount, 4);
    });

    it('with a limit of 0, never moves', async () => {
      const ana = await booked('ana', SLOT_A);
      assert.deepEqual(await store.move(ana.receiptNumber, SLOT_B, 2, 0), { ok: false, reason: 'too_many_moves' });
    });

    it('says too_many_moves before slot_full, and not_booked before same_slot', async () => {
      await booked('ben', SLOT_C, 1);
      const ana = await booked('ana', SLOT_A, 1);
      assert.deepEqual(await store.move(ana.receiptNumber, SLOT_C, 1, 0), { ok: false, reason: 'too_many_moves' });
      assert.equal((await store.cancel(ana.receiptNumber)).ok, true);
      assert.deepEqual(await store.move(ana.receiptNumber, SLOT_A, 1, MAX_MOVES), { ok: false, reason: 'not_booked' });
    });

    it('refuses a capacity or a limit that is not a whole number ≥ 0, and a slot start that is not a date', async () => {
      const ana = await booked('ana', SLOT_A);
      await assert.rejects(store.move(ana.receiptNumber, SLOT_B, -1, MAX_MOVES), RangeError);
      await assert.rejects(store.move(ana.receiptNumber, SLOT_B, 2, 1.5), RangeError);
      await assert.rejects(store.move(ana.receiptNumber, SLOT_B, 2, -1), RangeError);
      await assert.rejects(store.move(ana.receiptNumber, 'next Tuesday', 2, MAX_MOVES), RangeError);
      assert.deepEqual(await store.get(ana.receiptNumber), ana);
    });

    it('cancelling a moved appointment frees its new seat', async () => {
      const ana = await booked('ana', SLOT_A);
      await booked('ben', SLOT_A);
      assert.equal((await store.move(ana.receiptNumber, SLOT_C, 2, MAX_MOVES)).ok, true);
      const cancelled = await store.cancel(ana.receiptNumber);
      assert.ok(cancelled.ok);
      assert.equal(cancelled.appointment.slotStart, SLOT_C);
      assert.deepEqual(await store.countBooked('NYC', [SLOT_A, SLOT_C]), [1, 0]);
    });

    it('the person stays booked until the new time: moved later, still already_booked after the old time', async () => {
      const ana = await booked('ana', SLOT_A);
      assert.equal((await store.move(ana.receiptNumber, SLOT_C, 2, MAX_MOVES)).ok, true);
      clock.set('2026-12-02T18:00:00.000Z'); // after SLOT_A, before SLOT_C
      assert.deepEqual(await store.book(request('ana', '2026-12-03T10:00:00.000-05:00'), 2), {
        ok: false,
        reason: 'already_booked',
        receiptNumber: ana.receiptNumber,
      });
    });

    it('the person is free once the new time has passed: moved earlier, free after it', async () => {
      const ana = await booked('ana', SLOT_C);
      assert.equal((await store.move(ana.receiptNumber, SLOT_A, 2, MAX_MOVES)).ok, true);
      clock.set('2026-12-02T18:00:00.000Z'); // after SLOT_A, before SLOT_C
      const again = await store.book(request('ana', '2026-12-04T10:00:00.000-05:00'), 2);
      assert.ok(again.ok);
      assert.notEqual(again.appointment.receiptNumber, ana.receiptNumber);
    });

    it('a replayed booking request returns the appointment where it was moved', async () => {
      const ana = request('ana', SLOT_A);
      const first = await store.book(ana, 2);
      assert.ok(first.ok);
      assert.equal((await store.move(first.appointment.receiptNumber, SLOT_C, 2, MAX_MOVES)).ok, true);
      const again = await store.book(ana, 2);
      assert.ok(again.ok && again.replayed);
      assert.equal(again.appointment.slotStart, SLOT_C);
      assert.equal(again.appointment.rescheduleCount, 1);
      assert.deepEqual(await store.countBooked('NYC', [SLOT_A, SLOT_C]), [0, 1]);
    });

    it('purges a moved appointment by its new slot start, with its seat', async () => {
      const ana = await booked('ana', SLOT_A);
      const ben = await booked('ben', SLOT_A);
      assert.equal((await store.move(ana.receiptNumber, SLOT_C, 2, MAX_MOVES)).ok, true);
      assert.equal(await store.purgeBefore(new Date('2026-12-02T16:00:00.000Z')), 1, 'only ben: ana moved past the cutoff');
      assert.equal(await store.get(ben.receiptNumber), undefined);
      assert.equal((await store.get(ana.receiptNumber))?.slotStart, SLOT_C);
      assert.deepEqual(await store.countBooked('NYC', [SLOT_A, SLOT_C]), [0, 1]);
      assert.equal(await store.purgeBefore(new Date('2026-12-04T00:00:00.000Z')), 1);
      assert.equal(await store.get(ana.receiptNumber), undefined);
      assert.deepEqual(await store.countBooked('NYC', [SLOT_A, SLOT_C]), [0, 0]);
    });

    for (const { capacity, heldBefore } of [
      { capacity: 3, heldBefore: 2 },
      { capacity: 5, heldBefore: 0 },
    ]) {
      const free = capacity - heldBefore;
      it(`100 people moving at once into a slot with ${free} free seat${free === 1 ? '' : 's'}: exactly ${free} move, every count stays right`, async () => {
        const sources = slotsFrom('2026-12-04T14:00:00.000Z', 50);
        const people: string[] = [];
        for (let i = 0; i < 100; i++) people.push((await booked(`mover${i}`, sources[i % 50], 2)).receiptNumber);
        const holders: string[] = [];
        for (let i = 0; i < heldBefore; i++) holders.push((await booked(`holder${i}`, SLOT_C, capacity)).receiptNumber);
        clock.set(MOVED_AT);

        const results = await Promise.all(people.map((receiptNumber) => store.move(receiptNumber, SLOT_C, capacity, MAX_MOVES)));

        assert.equal(results.filter((r) => r.ok).length, free);
        assert.equal(results.filter((r) => !r.ok && r.reason === 'slot_full').length, 100 - free);
        assert.deepEqual(await store.countBooked('NYC', [SLOT_C]), [capacity]);
        await assertCountsMatch([...people, ...holders], [...sources, SLOT_C]);
      });
    }

    it('one appointment moved to 10 slots at once moves at most maxMoves times, and holds exactly one seat', async () => {
      const ana = await booked('ana', SLOT_A);
      const targets = slotsFrom('2026-12-04T14:00:00.000Z', 10);
      const results = await Promise.all(targets.map((slot) => store.move(ana.receiptNumber, slot, 2, MAX_MOVES)));
      assert.equal(results.filter((r) => r.ok).length, MAX_MOVES);
      assert.equal(results.filter((r) => !r.ok && r.reason === 'too_many_moves').length, 10 - MAX_MOVES);
      const now = await store.get(ana.receiptNumber);
      assert.equal(now?.rescheduleCount, MAX_MOVES);
      await assertCountsMatch([ana.receiptNumber], [SLOT_A, ...targets]);
    });

    it('moves and cancels of the same appointments at once leave every seat right', async () => {
      const people: string[] = [];
      for (let i = 0; i < 20; i++) people.push((await booked(`p${i}`, SLOT_A, 20)).receiptNumber);
      const [moves, cancels] = await Promise.all([
        Promise.all(people.map((r) => store.move(r, SLOT_B, 20, MAX_MOVES))),
        Promise.all(people.map((r) => store.cancel(r))),
      ]);
      assert.equal(cancels.filter((r) => r.ok).length, 20);
      for (const r of moves) assert.ok(r.ok || r.reason === 'not_booked', JSON.stringify(r));
      assert.deepEqual(await store.countBooked('NYC', [SLOT_A, SLOT_B]), [0, 0]);
    });

    it('people moving between two slots both ways at once never overfill either', async () => {
      const inA: string[] = [];
      const inB: string[] = [];
      for (let i = 0; i < 10; i++) {
        inA.push((await booked(`a${i}`, SLOT_A, 12)).receiptNumber);
        inB.push((await booked(`b${i}`, SLOT_B, 12)).receiptNumber);
      }
      const results = await Promise.all([
        ...inA.map((r) => store.move(r, SLOT_B, 12, MAX_MOVES)),
        ...inB.map((r) => store.move(r, SLOT_A, 12, MAX_MOVES)),
      ]);
      for (const r of results) assert.ok(r.ok || r.reason === 'slot_full', JSON.stringify(r));
      const [a, b] = await store.countBooked('NYC', [SLOT_A, SLOT_B]);
      assert.ok(a <= 12 && b <= 12, `${a}, ${b}`);
      assert.equal(a + b, 20);
      await assertCountsMatch([...inA, ...inB], [SLOT_A, SLOT_B]);
    });
  });
}
