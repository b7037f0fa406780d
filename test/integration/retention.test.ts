import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { RedisClientType } from 'redis';
import { fixedClock } from '../../src/domain/clock';
import { MemoryAppointmentStore } from '../../src/infra/memory/memoryAppointmentStore';
import { RedisAppointmentStore } from '../../src/infra/redis/redisAppointmentStore';
import { purgeExpiredAppointments, retentionCutoff, startRetentionPurge } from '../../src/domain/appointments/retention';
import type { AppointmentStore } from '../../src/domain/appointments/types';
import { connectRedis } from '../../src/infra/redis/connect';
import { startBot } from '../../src/composition/startBot';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { sharedTestRedisUrl } from '../support/redisServer';
import { TEST_NOW } from '../support/dialogHarness';
import { appointmentRequest } from '../support/appointmentFixtures';

/** Books one appointment 31 days before TEST_NOW and one 29 days before, as if then. */
async function bookOldAndRecent(store: AppointmentStore): Promise<{ old: string; recent: string }> {
  const old = await store.book(appointmentRequest('old', '2026-10-31T14:00:00.000Z'), 2);
  const recent = await store.book(appointmentRequest('recent', '2026-11-02T14:00:00.000Z'), 2);
  assert.ok(old.ok && recent.ok);
  return { old: old.appointment.receiptNumber, recent: recent.appointment.receiptNumber };
}

describe('retention of appointments', () => {
  it('the cutoff is the given number of days before now', () => {
    assert.equal(retentionCutoff(new Date(TEST_NOW), 30).toISOString(), '2026-11-01T14:00:00.000Z');
    assert.throws(() => retentionCutoff(new Date(TEST_NOW), 0), RangeError);
    assert.throws(() => retentionCutoff(new Date(TEST_NOW), 1.5), RangeError);
  });

  it('purges appointments more than the retention days after their date, and keeps the others', async () => {
    const store = new MemoryAppointmentStore({ clock: fixedClock('2026-10-01T00:00:00.000Z') });
    const { old, recent } = await bookOldAndRecent(store);
    assert.equal(await purgeExpiredAppointments(store, fixedClock(TEST_NOW), 30), 1);
    assert.equal(await store.get(old), undefined);
    assert.equal((await store.get(recent))?.status, 'booked');
  });

  it('the periodic purge runs at once, reports its count, reports a failure instead of throwing, and stops', async () => {
    const store = new MemoryAppointmentStore({ clock: fixedClock('2026-10-01T00:00:00.000Z') });
    await bookOldAndRecent(store);
    const purged: number[] = [];
    const purge = startRetentionPurge({ store, clock: fixedClock(TEST_NOW), retentionDays: 30, onPurged: (n) => purged.push(n) });
    await purge.stop();
    assert.deepEqual(purged, [1]);

    const errors: string[] = [];
    const failing: AppointmentStore = Object.assign(Object.create(store) as AppointmentStore, {
      purgeBefore: async () => {
        throw new Error('redis down');
      },
    });
    const broken = startRetentionPurge({
      store: failing,
      clock: fixedClock(TEST_NOW),
      retentionDays: 30,
      onError: (e) => errors.push(e.message),
    });
    await broken.stop();
    assert.deepEqual(errors, ['redis down']);
  });

  describe('in the composition root, with Redis', () => {
    let client: RedisClientType;
    before(async () => {
      client = await connectRedis(await sharedTestRedisUrl());
    });
    after(async () => {
      await client.close();
    });

    it('startBot purges appointments past APPOINTMENT_RETENTION_DAYS', async () => {
      const keyPrefix = `retention-${randomUUID()}`;
      const seeded = new RedisAppointmentStore(client, { keyPrefix, clock: fixedClock('2026-10-01T00:00:00.000Z') });
      const { old, recent } = await bookOldAndRecent(seeded);
      const config = loadConfig({
        PORT: '0',
        LOG_LEVEL: 'silent',
        REDIS_URL: await sharedTestRedisUrl(),
        REDIS_KEY_PREFIX: keyPrefix,
        PERSON_KEY_SECRET: 'retention-test',
        APPOINTMENT_RETENTION_DAYS: '30',
      });
      const bot = await startBot(config, { clock: fixedClock(TEST_NOW), logger: createLogger('silent') });
      // close() waits for the purge in progress: afterwards the first purge has run.
      await bot.close();
      assert.equal(await seeded.get(old), undefined);
      assert.equal((await seeded.get(recent))?.status, 'booked');
    });
  });
});
