import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { RedisClientType } from 'redis';
import { fixedClock, type Clock } from '../../src/domain/clock';
import { MemoryAppointmentStore } from '../../src/infra/memory/memoryAppointmentStore';
import { RedisAppointmentStore } from '../../src/infra/redis/redisAppointmentStore';
import type { AppointmentStore } from '../../src/domain/appointments/types';
import type { AuditRecord, OperationsStore } from '../../src/domain/operations/types';
import { MemoryAuditLog } from '../../src/infra/memory/memoryAuditLog';
import { MemoryOperationsStore } from '../../src/infra/memory/memoryOperationsStore';
import { RedisOperationsStore } from '../../src/infra/redis/redisOperationsStore';
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

/** A store, and the operators' audit log its check-ins append to (the operations store's, on the same backend). */
type Factory = (clock: Clock) => { store: AppointmentStore; operations: Pick<OperationsStore, 'listAudit'> };

const DESK: AuditRecord = {
  at: LATER,
  actor: { sub: 'op-1', name: 'Dana' },
  action: 'appointment.checkedIn',
  params: { office: 'NYC' },
};

/** listBetween and checkIn, the two operations the operator API adds to both stores. */
function dayContract(name: string, factory: () => Factory): void {
  describe(`${name}: a day's appointments and check-in`, () => {
    let store: AppointmentStore;
    let operations: Pick<OperationsStore, 'listAudit'>;
    let clock: { iso: string } & Clock;

    beforeEach(() => {
      clock = { iso: NOW, now: () => new Date(clock.iso) };
      ({ store, operations } = factory()(clock));
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
      assert.ok(first.ok && !first.alreadyCheckedIn);
      assert.equal(first.appointment.checkedInAt, LATER);
      clock.iso = '2026-12-02T16:30:00.000Z';
      const again = await store.checkIn(receipt);
      assert.ok(again.ok && again.alreadyCheckedIn);
      assert.equal(again.appointment.checkedInAt, LATER);
      assert.equal((await store.get(receipt))?.checkedInAt, LATER);
      const [listed] = await store.listBetween('NYC', DAY_FROM, DAY_TO);
      assert.equal(listed.checkedInAt, LATER);
    });

    it("writes the check-in's audit entry with it, once: ten desks checking one person in at once make one entry", async () => {
      const receipt = await book('ana', DEC_2_0900);
      const other = await book('ben', DEC_2_1000);
      await store.cancel(other);
      clock.iso = LATER;
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          store.checkIn(receipt, { ...DESK, actor: { sub: `op-${i}` }, params: { receiptNumber: receipt } }),
        ),
      );
      assert.equal(results.filter((r) => r.ok && !r.alreadyCheckedIn).length, 1, 'one of them checked the person in');
      assert.deepEqual(await store.checkIn(other, { ...DESK, params: { receiptNumber: other } }), { ok: false, reason: 'not_booked' });
      assert.deepEqual(await store.checkIn('IP0000000000000', DESK), { ok: false, reason: 'not_found' });
      const { entries } = await operations.listAudit({ limit: 10 });
      assert.deepEqual(
        entries.map((e) => [e.action, e.params.receiptNumber, e.at]),
        [['appointment.checkedIn', receipt, LATER]],
      );
      const winner = results.findIndex((r) => r.ok && !r.alreadyCheckedIn);
      assert.equal(entries[0].actor.sub, `op-${winner}`, 'the entry names the desk that checked them in');
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

dayContract('MemoryAppointmentStore', () => (clock) => {
  const auditLog = new MemoryAuditLog();
  return { store: new MemoryAppointmentStore({ clock, auditLog }), operations: new MemoryOperationsStore(auditLog) };
});

describe('RedisAppointmentStore (operator additions) on the shared test redis-server', () => {
  let client: RedisClientType;

  before(async () => {
    client = await connectRedis(await sharedTestRedisUrl());
  });

  after(async () => {
    await client.close();
  });

  dayContract('RedisAppointmentStore', () => (clock) => {
    const keyPrefix = `test-${randomUUID()}`;
    return { store: new RedisAppointmentStore(client, { clock, keyPrefix }), operations: new RedisOperationsStore(client, { keyPrefix }) };
  });

  it('lists an appointment never checked in as it was booked, with no checkedInAt', async () => {
    const store = new RedisAppointmentStore(client, { clock: fixedClock(NOW), keyPrefix: `test-${randomUUID()}` });
    const booked = await store.book(appointmentRequest('old', DEC_2_0900), 2);
    assert.ok(booked.ok);
    const [listed] = await store.listBetween('NYC', DAY_FROM, DAY_TO);
    assert.equal(listed.checkedInAt, undefined);
    assert.deepEqual(listed, booked.appointment);
  });
});
