import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RedisClientType } from 'redis';
import type { Clock } from '../../src/domain/clock';
import { ReceiptNumberExhaustedError } from '../../src/domain/appointments/bookingRules';
import { MemoryAppointmentStore } from '../../src/infra/memory/memoryAppointmentStore';
import { isCanonicalReceiptNumber } from '../../src/domain/appointments/receiptNumber';
import { RedisAppointmentStore } from '../../src/infra/redis/redisAppointmentStore';
import type { AppointmentStore, NewAppointment } from '../../src/domain/appointments/types';
import { connectRedis } from '../../src/infra/redis/connect';
import { sharedTestRedisUrl, startRedisServer } from '../support/redisServer';
import { appointmentRequest } from '../support/appointmentFixtures';

/** A clock tests move by hand. */
class ManualClock implements Clock {
  constructor(private iso: string) {}
  now(): Date {
    return new Date(this.iso);
  }
  set(iso: string): void {
    this.iso = iso;
  }
}

interface StoreOptions {
  clock: Clock;
  newReceiptNumber?: () => string;
}

type StoreFactory = (options: StoreOptions) => AppointmentStore;

const NOW = '2026-12-01T15:00:00.000Z';
const SLOT_A = '2026-12-02T10:00:00.000-05:00';
const SLOT_B = '2026-12-02T10:30:00.000-05:00';
const SLOT_C = '2026-12-03T09:00:00.000-05:00';

function request(person: string, slotStart = SLOT_A, officeCode = 'NYC'): NewAppointment {
  return appointmentRequest(person, slotStart, { officeCode, language: 'es' });
}

/** Receipt numbers from a list, for collision tests. */
function receiptsFrom(list: string[]): () => string {
  let next = 0;
  return () => list[Math.min(next++, list.length - 1)];
}

function appointmentStoreContract(name: string, factory: () => StoreFactory): void {
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
      assert.deepEqual(appointment, { ...request('ana'), receiptNumber: appointment.receiptNumber, status: 'booked', createdAt: NOW });
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
  });
}

appointmentStoreContract('MemoryAppointmentStore', () => (options) => new MemoryAppointmentStore(options));

describe('RedisAppointmentStore on the shared test redis-server', () => {
  let client: RedisClientType;

  before(async () => {
    client = await connectRedis(await sharedTestRedisUrl());
  });

  after(async () => {
    await client.close();
  });

  // A fresh hash tag per store keeps tests (and test files) apart on the shared server.
  appointmentStoreContract(
    'RedisAppointmentStore',
    () => (options) => new RedisAppointmentStore(client, { ...options, keyPrefix: `test-${randomUUID()}` }),
  );

  it('keeps every key under the prefix hash tag', async () => {
    const keyPrefix = `test-${randomUUID()}`;
    const store = new RedisAppointmentStore(client, { keyPrefix, clock: new ManualClock(NOW) });
    const booked = await store.book(request('ana'), 2);
    assert.ok(booked.ok);
    const keys = (await client.keys(`{${keyPrefix}}:*`)).sort();
    assert.deepEqual(keys, [
      `{${keyPrefix}}:appointment:${booked.appointment.receiptNumber}`,
      `{${keyPrefix}}:appointments-by-slot`,
      `{${keyPrefix}}:person:person-ana`,
      `{${keyPrefix}}:slot:NYC:2026-12-02T15:00:00.000Z`,
    ]);
  });

  it('leaves no key of a purged appointment behind', async () => {
    const keyPrefix = `test-${randomUUID()}`;
    const store = new RedisAppointmentStore(client, { keyPrefix, clock: new ManualClock(NOW) });
    assert.ok((await store.book(request('ana', SLOT_A), 2)).ok);
    const kept = await store.book(request('ben', SLOT_C), 2);
    assert.ok(kept.ok);
    assert.equal(await store.purgeBefore(new Date('2026-12-03T00:00:00.000Z')), 1);
    assert.deepEqual((await client.keys(`{${keyPrefix}}:*`)).sort(), [
      `{${keyPrefix}}:appointment:${kept.appointment.receiptNumber}`,
      `{${keyPrefix}}:appointments-by-slot`,
      `{${keyPrefix}}:person:person-ben`,
      `{${keyPrefix}}:slot:NYC:2026-12-03T14:00:00.000Z`,
    ]);
    assert.deepEqual(await client.zRange(`{${keyPrefix}}:appointments-by-slot`, 0, -1), [kept.appointment.receiptNumber]);
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
  it('books after the server forgot its scripts (EVALSHA falls back to EVAL)', async () => {
    const server = await startRedisServer();
    const client = await connectRedis(server.url);
    try {
      const store = new RedisAppointmentStore(client, { clock: new ManualClock(NOW) });
      assert.equal((await store.book(request('ana'), 2)).ok, true);
      await client.scriptFlush();
      const ben = await store.book(request('ben'), 2);
      assert.ok(ben.ok);
      await client.scriptFlush();
      assert.equal((await store.cancel(ben.appointment.receiptNumber)).ok, true);
      assert.deepEqual(await store.countBooked('NYC', [SLOT_A]), [1]);
    } finally {
      await client.close();
      await server.stop();
    }
  });

  it('keeps appointments across a crash with the append-only file on', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'infopass-aof-test-'));
    try {
      const first = await startRedisServer({ appendOnly: true, dir });
      const before = await connectRedis(first.url);
      const booked = await new RedisAppointmentStore(before, { clock: new ManualClock(NOW) }).book(request('ana'), 1);
      assert.ok(booked.ok);
      before.destroy();
      await first.stop('SIGKILL');

      const second = await startRedisServer({ appendOnly: true, dir });
      const after = await connectRedis(second.url);
      try {
        const store = new RedisAppointmentStore(after, { clock: new ManualClock(NOW) });
        assert.deepEqual(await store.get(booked.appointment.receiptNumber), booked.appointment);
        assert.deepEqual(await store.book(request('ben'), 1), { ok: false, reason: 'slot_full' });
      } finally {
        await after.close();
        await second.stop();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
