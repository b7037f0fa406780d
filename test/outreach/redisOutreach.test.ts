/**
 * RedisOutreach's own promises, on a real redis-server: its keys (a route expires after its
 * appointment; the opt-out set holds no number), one delayed job per appointment, reminders that
 * outlive the process that scheduled them, and a shutdown that ends when Redis is gone.
 */
import assert from 'node:assert/strict';
import type { RedisClientType } from 'redis';
import { connectRedis } from '../../src/infra/redis/connect';
import { RedisAppointmentStore } from '../../src/infra/redis/redisAppointmentStore';
import { createLogger } from '../../src/logger';
import { TEST_CLOCK } from '../support/dialogHarness';
import { sharedTestRedisUrl, startRedisServer } from '../support/redisServer';
import { startTwilioStandIn, type TwilioStandIn } from '../support/twilioStandIn';
import { book, eventually, move, redisOutreach, startWorkers, testPhone } from '../support/outreachRig';

const SLOT = '2026-12-03T15:00:00.000Z';
const DAY_S = 24 * 60 * 60;

describe('RedisOutreach', function () {
  this.timeout(30_000);
  let client: RedisClientType;
  let twilio: TwilioStandIn;
  let prefixes = 0;

  before(async () => {
    client = await connectRedis(await sharedTestRedisUrl());
    twilio = await startTwilioStandIn();
  });
  after(async () => {
    await client.close();
    await twilio.close();
  });

  function parts(keyPrefix: string): { keyPrefix: string; store: RedisAppointmentStore; clock: typeof TEST_CLOCK; twilioUrl: string } {
    return {
      keyPrefix,
      store: new RedisAppointmentStore(client, { keyPrefix, clock: TEST_CLOCK }),
      clock: TEST_CLOCK,
      twilioUrl: twilio.url,
    };
  }

  function newPrefix(): string {
    return `redis-outreach-${process.pid}-${++prefixes}`;
  }

  it('keeps a route until 30 days (APPOINTMENT_RETENTION_DAYS) after its appointment, and a moved one until after the new date', async () => {
    const rig = parts(newPrefix());
    const { store } = rig;
    const outreach = redisOutreach(client, rig.keyPrefix, rig);
    const ttlAfter = (slot: string): number => (Date.parse(slot) - TEST_CLOCK.now().getTime()) / 1000 + 30 * DAY_S;
    try {
      const { receiptNumber } = await book(store, 'route-ttl', SLOT);
      await outreach.saveRoute(receiptNumber, { channel: 'sms', phone: testPhone(1) });
      const key = `{${rig.keyPrefix}}:outreach:route:${receiptNumber}`;
      assert.deepEqual({ ...(await client.hGetAll(key)) }, { channel: 'sms', phone: testPhone(1) });
      let ttl = await client.ttl(key);
      assert.ok(Math.abs(ttl - ttlAfter(SLOT)) <= 5, `TTL ${ttl} s, expected ${ttlAfter(SLOT)} s`);
      const later = '2026-12-14T15:00:00.000Z';
      await move(store, receiptNumber, later);
      await outreach.scheduleReminder(receiptNumber, new Date(Date.parse(later) - DAY_S * 1000));
      ttl = await client.ttl(key);
      assert.ok(Math.abs(ttl - ttlAfter(later)) <= 5, `TTL ${ttl} s after the move, expected ${ttlAfter(later)} s`);
    } finally {
      await outreach.close();
    }
  });

  it('keeps a digest of each number that opted out, never the number', async () => {
    const rig = parts(newPrefix());
    const outreach = redisOutreach(client, rig.keyPrefix, rig);
    const phone = testPhone(2);
    await outreach.optOuts.add(phone);
    const members = await client.sMembers(`{${rig.keyPrefix}}:outreach:opted-out`);
    assert.equal(members.length, 1);
    assert.ok(!members[0].includes(phone.slice(2)));
    assert.ok(await outreach.optOuts.has(phone));
    assert.ok(!(await outreach.optOuts.has(testPhone(3))));
    await outreach.close();
  });

  it('holds one delayed job per appointment: scheduling again replaces it, cancelling removes it', async () => {
    const rig = parts(newPrefix());
    const outreach = redisOutreach(client, rig.keyPrefix, rig);
    try {
      const { receiptNumber } = await book(rig.store, 'one-job', SLOT);
      const delayedKey = `{${rig.keyPrefix}}:outreach:reminders:delayed`;
      const now = TEST_CLOCK.now().getTime();
      await outreach.scheduleReminder(receiptNumber, new Date(now + DAY_S * 1000));
      await outreach.scheduleReminder(receiptNumber, new Date(now + 2 * DAY_S * 1000));
      assert.deepEqual(await client.zRange(delayedKey, 0, -1), [`reminder-${receiptNumber}`]);
      const job = await client.hGetAll(`{${rig.keyPrefix}}:outreach:reminders:reminder-${receiptNumber}`);
      assert.equal(Number(job.delay), 2 * DAY_S * 1000);
      assert.deepEqual(JSON.parse(job.data), { receiptNumber, slotStart: SLOT });
      await outreach.cancelReminder(receiptNumber);
      assert.equal(await client.zCard(delayedKey), 0);
      assert.equal(await client.exists(`{${rig.keyPrefix}}:outreach:reminders:reminder-${receiptNumber}`), 0);
    } finally {
      await outreach.close();
    }
  });

  it('schedules nothing for an appointment that is not booked', async () => {
    const rig = parts(newPrefix());
    const outreach = redisOutreach(client, rig.keyPrefix, rig);
    try {
      const { receiptNumber } = await book(rig.store, 'cancelled-first', SLOT);
      await rig.store.cancel(receiptNumber);
      await outreach.scheduleReminder(receiptNumber, new Date(TEST_CLOCK.now().getTime() + 60_000));
      await outreach.scheduleReminder('IPNOSUCHRECEIPT', new Date(TEST_CLOCK.now().getTime() + 60_000));
      assert.equal((await outreach.pending()).reminders, 0);
    } finally {
      await outreach.close();
    }
  });

  it('sends what a process scheduled before it stopped, from a process started after', async () => {
    const rig = parts(newPrefix());
    const scheduler = redisOutreach(client, rig.keyPrefix, rig);
    const phone = testPhone(4);
    const { receiptNumber } = await book(rig.store, 'outlives', SLOT, { phone });
    await scheduler.scheduleReminder(receiptNumber, new Date(TEST_CLOCK.now().getTime() + 200));
    await scheduler.close();
    const after = redisOutreach(client, rig.keyPrefix, rig);
    startWorkers(after, rig);
    try {
      await eventually(() => twilio.messages.some((m) => m.to === phone), 'the reminder');
    } finally {
      await after.close();
    }
  });

  it('stops within its grace period when Redis is gone', async () => {
    const server = await startRedisServer();
    const own = await connectRedis(server.url);
    const rig = { ...parts(newPrefix()), store: new RedisAppointmentStore(own, { keyPrefix: 'gone', clock: TEST_CLOCK }) };
    const outreach = redisOutreach(own, rig.keyPrefix, { ...rig, logger: createLogger('silent') });
    startWorkers(outreach, rig);
    await outreach.pending();
    await server.stop('SIGKILL');
    const started = Date.now();
    await outreach.close(500);
    assert.ok(Date.now() - started < 3_000, `close took ${Date.now() - started} ms`);
    own.destroy();
  });
});
