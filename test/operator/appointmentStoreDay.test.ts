import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { RedisClientType } from 'redis';
import { fixedClock, type Clock } from '../../src/domain/clock';
import { MemoryAppointmentStore } from '../../src/infra/memory/memoryAppointmentStore';
import { RedisAppointmentStore } from '../../src/infra/redis/redisAppointmentStore';
import type { AppointmentStore } from '../../src/domain/appointments/types';
import { connectRedis } from '../../src/infra/redis/connect';
import { sharedTestRedisUrl } from '../support/redisServer';
import { appointmentRequest } from '../support/appointmentFixtures';

const NOW = '2026-12-01T15:00:00.000Z';
const LATER = '2026-12-02T16:00:00.000Z';
const DEC_2_0900 = '2026-12-02T09:00:00.000-05:00';
const DEC_2_1000 = '2026-12-02T10:00:00.000-05:00';
const DEC_2_1530 = '2026-12-02T15:30:00.000-05:00';
const DEC_3_0900 = '2026-12-03T09:00:00.000-05:00';
/** New York's 2 December, as instants. */
const DAY_FROM = new Date('2026-12-02T05:00:00.000Z');
const DAY_TO = new Date('2026-12-03T05:00:00.000Z');

type Factory = (clock: Clock) => AppointmentStore;

/** listBetween and checkIn, the two operations the operator API adds to both stores. */
function dayContract(name: string, factory: () => Factory): void {
  describe(`${name}: a day's appointments and check-in`, () => {
    let store: AppointmentStore;
    let clock: { iso: string } & Clock;

    beforeEach(() => {
      clock = { iso: NOW, now: () => new Date(clock.iso) };
      store = factory()(clock);
    });

    afterEach(async () => {
      await store.close();
    });

    async function book(person: string, slotStart: string, officeCode = 'NYC'): Promise<string> {
      const result = await store.book(appointmentRequest(person, slotStart, { officeCode }), 5);
      assert.ok(result.ok, person);
      return result.appointment.receiptNumber;
    }

    it("lists an office's appointments of one day by start, booked and cancelled, and no other office's or day's", async () => {
      const late = await book('late', DEC_2_1530);
      const early = await book('early', DEC_2_0900);
      const cancelled = await book('gone', DEC_2_1000);
      await book('other-office', DEC_2_1000, 'LOS');
      await book('next-day', DEC_3_0900);
      assert.ok((await store.cancel(cancelled)).ok);

      const day = await store.listBetween('NYC', DAY_FROM, DAY_TO);
      assert.deepEqual(
        day.map((a) => [a.receiptNumber, a.status]),
        [
          [early, 'booked'],
          [cancelled, 'cancelled'],
          [late, 'booked'],
        ],
      );
      assert.equal(day[0].name, 'Person early');
    });

    it('takes `from` inclusive and `to` exclusive', async () => {
      const nine = await book('nine', DEC_2_0900);
      await book('ten', DEC_2_1000);
      const list = await store.listBetween('NYC', new Date(DEC_2_0900), new Date(DEC_2_1000));
      assert.deepEqual(
        list.map((a) => a.receiptNumber),
        [nine],
      );
      assert.deepEqual(await store.listBetween('NYC', new Date(DEC_3_0900), new Date('2026-12-04T00:00:00Z')), []);
    });

    it('checks a booked appointment in once, keeping the first time', async () => {
      const receipt = await book('ana', DEC_2_0900);
      clock.iso = LATER;
      const first = await store.checkIn(receipt);
      assert.ok(first.ok);
      assert.equal(first.appointment.checkedInAt, LATER);
      clock.iso = '2026-12-02T16:30:00.000Z';
      const again = await store.checkIn(receipt);
      assert.ok(again.ok);
      assert.equal(again.appointment.checkedInAt, LATER);
      assert.equal((await store.get(receipt))?.checkedInAt, LATER);
      const [listed] = await store.listBetween('NYC', DAY_FROM, DAY_TO);
      assert.equal(listed.checkedInAt, LATER);
    });

    it('refuses to check in an unknown or a cancelled appointment', async () => {
      assert.deepEqual(await store.checkIn('IP0000000000000'), { ok: false, reason: 'not_found' });
      const receipt = await book('ben', DEC_2_0900);
      await store.cancel(receipt);
      assert.deepEqual(await store.checkIn(receipt), { ok: false, reason: 'not_booked' });
      assert.equal((await store.get(receipt))?.checkedInAt, undefined);
    });
  });
}

dayContract('MemoryAppointmentStore', () => (clock) => new MemoryAppointmentStore({ clock }));

describe('RedisAppointmentStore (operator additions) on the shared test redis-server', () => {
  let client: RedisClientType;

  before(async () => {
    client = await connectRedis(await sharedTestRedisUrl());
  });

  after(async () => {
    await client.close();
  });

  dayContract('RedisAppointmentStore', () => (clock) => new RedisAppointmentStore(client, { clock, keyPrefix: `test-${randomUUID()}` }));

  it('lists an appointment never checked in as it was booked, with no checkedInAt', async () => {
    const store = new RedisAppointmentStore(client, { clock: fixedClock(NOW), keyPrefix: `test-${randomUUID()}` });
    const booked = await store.book(appointmentRequest('old', DEC_2_0900), 2);
    assert.ok(booked.ok);
    const [listed] = await store.listBetween('NYC', DAY_FROM, DAY_TO);
    assert.equal(listed.checkedInAt, undefined);
    assert.deepEqual(listed, booked.appointment);
  });
});
