import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RedisClientType } from 'redis';
import { MemoryAppointmentStore } from '../../src/infra/memory/memoryAppointmentStore';
import { RedisAppointmentStore } from '../../src/infra/redis/redisAppointmentStore';
import { connectRedis } from '../../src/infra/redis/connect';
import { sharedTestRedisUrl, startRedisServer } from '../support/redisServer';
import { appointmentStoreContract, ManualClock, NOW, request, SLOT_A, SLOT_B, SLOT_C, type StoreFactory } from './appointmentStoreContract';
import { appointmentMoveContract } from './appointmentMoveContract';

appointmentStoreContract('MemoryAppointmentStore', () => (options) => new MemoryAppointmentStore(options));
appointmentMoveContract('MemoryAppointmentStore', () => (options) => new MemoryAppointmentStore(options));

describe('RedisAppointmentStore on the shared test redis-server', () => {
  let client: RedisClientType;

  before(async () => {
    client = await connectRedis(await sharedTestRedisUrl());
  });

  after(async () => {
    await client.close();
  });

  // A fresh hash tag per store keeps tests (and test files) apart on the shared server.
  const freshStore = (): StoreFactory => (options) => new RedisAppointmentStore(client, { ...options, keyPrefix: `test-${randomUUID()}` });
  appointmentStoreContract('RedisAppointmentStore', freshStore);
  appointmentMoveContract('RedisAppointmentStore', freshStore);

  function prefixedStore(): { store: RedisAppointmentStore; keyPrefix: string; clock: ManualClock } {
    const keyPrefix = `test-${randomUUID()}`;
    const clock = new ManualClock(NOW);
    return { store: new RedisAppointmentStore(client, { keyPrefix, clock }), keyPrefix, clock };
  }

  it('keeps every key under the prefix hash tag', async () => {
    const { store, keyPrefix } = prefixedStore();
    const ana = request('ana');
    const booked = await store.book(ana, 2);
    assert.ok(booked.ok);
    const keys = (await client.keys(`{${keyPrefix}}:*`)).sort();
    assert.deepEqual(keys, [
      `{${keyPrefix}}:appointment:${booked.appointment.receiptNumber}`,
      `{${keyPrefix}}:appointments-by-slot`,
      `{${keyPrefix}}:person:person-ana`,
      `{${keyPrefix}}:request:${ana.requestId}`,
      `{${keyPrefix}}:slot:NYC:2026-12-02T15:00:00.000Z`,
    ]);
  });

  it('a move updates the person record and the index, and deletes the count of the slot it left empty', async () => {
    const { store, keyPrefix } = prefixedStore();
    const booked = await store.book(request('ana', SLOT_A), 2);
    assert.ok(booked.ok);
    assert.equal((await store.move(booked.appointment.receiptNumber, SLOT_C, 2, 3)).ok, true);
    const slotMs = String(Date.parse(SLOT_C));
    assert.deepEqual(
      { ...(await client.hGetAll(`{${keyPrefix}}:person:person-ana`)) },
      { receipt: booked.appointment.receiptNumber, slotMs },
    );
    assert.equal(await client.zScore(`{${keyPrefix}}:appointments-by-slot`, booked.appointment.receiptNumber), Number(slotMs));
    assert.deepEqual(await client.keys(`{${keyPrefix}}:slot:*`), [`{${keyPrefix}}:slot:NYC:2026-12-03T14:00:00.000Z`]);
  });

  it('leaves no key of purged appointments behind, moved or cancelled, nor their requests', async () => {
    const { store, keyPrefix } = prefixedStore();
    const ana = await store.book(request('ana', SLOT_A), 2);
    const ben = await store.book(request('ben', SLOT_C), 2);
    const cai = request('cai', SLOT_C);
    const kept = await store.book(cai, 2);
    assert.ok(ana.ok && ben.ok && kept.ok);
    assert.equal((await store.cancel(ana.appointment.receiptNumber)).ok, true);
    assert.equal((await store.move(ben.appointment.receiptNumber, SLOT_B, 2, 3)).ok, true);
    assert.equal(await store.purgeBefore(new Date('2026-12-03T00:00:00.000Z')), 2);
    // The freed-seat outbox is the waitlist relay's to empty, not the purge's.
    assert.deepEqual((await client.keys(`{${keyPrefix}}:*`)).sort(), [
      `{${keyPrefix}}:appointment:${kept.appointment.receiptNumber}`,
      `{${keyPrefix}}:appointments-by-slot`,
      `{${keyPrefix}}:freed-seats`,
      `{${keyPrefix}}:person:person-cai`,
      `{${keyPrefix}}:request:${cai.requestId}`,
      `{${keyPrefix}}:slot:NYC:2026-12-03T14:00:00.000Z`,
    ]);
    assert.deepEqual(await client.zRange(`{${keyPrefix}}:appointments-by-slot`, 0, -1), [kept.appointment.receiptNumber]);
  });

  it('reads, moves, cancels and purges a record written before moves and request ids existed', async () => {
    const { store, keyPrefix, clock } = prefixedStore();
    const receiptNumber = 'IP200000000000Y';
    const slotMs = String(Date.parse(SLOT_A));
    // The fields and keys the booking script wrote before this change.
    const old = {
      receiptNumber,
      status: 'booked',
      createdAt: '2026-11-20T15:00:00.000Z',
      officeCode: 'NYC',
      slotStart: SLOT_A,
      reason: 'pending_case',
      name: 'Person old',
      dobVerifier: 's1$c2FsdA==$aGFzaA==',
      phone: '+12025550147',
      language: 'es',
      personKey: 'person-old',
    } as const;
    await client.hSet(`{${keyPrefix}}:appointment:${receiptNumber}`, old);
    await client.set(`{${keyPrefix}}:slot:NYC:2026-12-02T15:00:00.000Z`, '1');
    await client.hSet(`{${keyPrefix}}:person:person-old`, { receipt: receiptNumber, slotMs });
    await client.zAdd(`{${keyPrefix}}:appointments-by-slot`, { score: Number(slotMs), value: receiptNumber });

    assert.deepEqual(await store.get(receiptNumber), { ...old, rescheduleCount: 0 });
    assert.deepEqual(await store.book(request('old', SLOT_B), 2), { ok: false, reason: 'already_booked', receiptNumber });
    clock.set('2026-12-01T16:00:00.000Z');
    const moved = await store.move(receiptNumber, SLOT_B, 2, 3);
    assert.deepEqual(moved, {
      ok: true,
      appointment: { ...old, slotStart: SLOT_B, rescheduleCount: 1, movedAt: '2026-12-01T16:00:00.000Z' },
      previousSlotStart: SLOT_A,
    });
    assert.deepEqual(await store.countBooked('NYC', [SLOT_A, SLOT_B]), [0, 1]);
    assert.equal((await store.cancel(receiptNumber)).ok, true);
    assert.deepEqual(await store.countBooked('NYC', [SLOT_B]), [0]);
    assert.equal(await store.purgeBefore(new Date('2026-12-03T00:00:00.000Z')), 1);
    assert.deepEqual(await client.keys(`{${keyPrefix}}:*`), [`{${keyPrefix}}:freed-seats`], 'only the outbox of the seats it freed');
  });

  it('a booking request retried through another connection (another bot process) gets the same appointment', async () => {
    const keyPrefix = `test-${randomUUID()}`;
    const other = await connectRedis(await sharedTestRedisUrl());
    try {
      const first = new RedisAppointmentStore(client, { keyPrefix, clock: new ManualClock(NOW) });
      const second = new RedisAppointmentStore(other, { keyPrefix, clock: new ManualClock('2026-12-01T15:00:02.000Z') });
      const ana = request('ana');
      const booked = await first.book(ana, 1);
      assert.ok(booked.ok);
      assert.deepEqual(await second.book(ana, 1), { ok: true, appointment: booked.appointment, replayed: true });
      assert.deepEqual(await second.countBooked('NYC', [SLOT_A]), [1]);
    } finally {
      await other.close();
    }
  });

  it('does not close a client it does not own, and closes one it owns', async () => {
    const borrowed = new RedisAppointmentStore(client, { keyPrefix: `test-${randomUUID()}`, clock: new ManualClock(NOW) });
    await borrowed.close();
    assert.equal(client.isOpen, true);
    const ownClient = await connectRedis(await sharedTestRedisUrl());
    const owner = new RedisAppointmentStore(ownClient, {
      keyPrefix: `test-${randomUUID()}`,
      ownsClient: true,
      clock: new ManualClock(NOW),
    });
    await owner.close();
    assert.equal(ownClient.isOpen, false);
  });

  it('refuses a key prefix with braces', () => {
    assert.throws(() => new RedisAppointmentStore(client, { keyPrefix: 'a{b}', clock: new ManualClock(NOW) }));
  });
});

describe('RedisAppointmentStore on its own redis-server', () => {
  it('books, moves and cancels after the server forgot its scripts (EVALSHA falls back to EVAL)', async () => {
    const server = await startRedisServer();
    const client = await connectRedis(server.url);
    try {
      const store = new RedisAppointmentStore(client, { clock: new ManualClock(NOW) });
      assert.equal((await store.book(request('ana'), 2)).ok, true);
      await client.scriptFlush();
      const ben = await store.book(request('ben'), 2);
      assert.ok(ben.ok);
      await client.scriptFlush();
      assert.equal((await store.move(ben.appointment.receiptNumber, SLOT_C, 2, 3)).ok, true);
      await client.scriptFlush();
      assert.equal((await store.cancel(ben.appointment.receiptNumber)).ok, true);
      assert.deepEqual(await store.countBooked('NYC', [SLOT_A, SLOT_C]), [1, 0]);
    } finally {
      await client.close();
      await server.stop();
    }
  });

  it('keeps appointments, moves and booking requests across a crash with the append-only file on', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'infopass-aof-test-'));
    try {
      const first = await startRedisServer({ appendOnly: true, dir });
      const before = await connectRedis(first.url);
      const ana = request('ana');
      const beforeCrash = new RedisAppointmentStore(before, { clock: new ManualClock(NOW) });
      const booked = await beforeCrash.book(ana, 1);
      assert.ok(booked.ok);
      const moved = await beforeCrash.move(booked.appointment.receiptNumber, SLOT_B, 1, 3);
      assert.ok(moved.ok);
      before.destroy();
      await first.stop('SIGKILL');

      const second = await startRedisServer({ appendOnly: true, dir });
      const after = await connectRedis(second.url);
      try {
        const store = new RedisAppointmentStore(after, { clock: new ManualClock(NOW) });
        assert.deepEqual(await store.get(booked.appointment.receiptNumber), moved.appointment);
        assert.deepEqual(await store.book(ana, 1), { ok: true, appointment: moved.appointment, replayed: true });
        assert.deepEqual(await store.book(request('ben', SLOT_B), 1), { ok: false, reason: 'slot_full' });
        assert.equal((await store.book(request('ben', SLOT_A), 1)).ok, true);
      } finally {
        await after.close();
        await second.stop();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
