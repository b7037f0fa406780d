/**
 * The freed-seat outbox: a cancel or a move records the seat it freed in the same atomic step (one
 * Lua script on Redis), and the relay every bot process runs hands each event to the waitlist once,
 * even when a relay dies between reading an event and acknowledging it.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { RedisClientType } from 'redis';
import type { AppointmentStore } from '../../src/domain/appointments/types';
import type { FreedSeatFeed } from '../../src/domain/appointments/freedSeats';
import type { SeatHolds } from '../../src/domain/appointments/seatHolds';
import type { OfficeDaySource } from '../../src/domain/slots/types';
import { DEFAULT_SLOT_POLICY } from '../../src/domain/slots/schedule';
import { GuardedAppointmentStore } from '../../src/domain/operations/guardedAppointmentStore';
import { CountingAppointmentStore } from '../../src/metrics/countingAppointmentStore';
import { BotMetrics } from '../../src/metrics/botMetrics';
import { fixedClock } from '../../src/domain/clock';
import { waitWindow } from '../../src/domain/waitlist/waitWindow';
import { MemoryAppointmentStore } from '../../src/infra/memory/memoryAppointmentStore';
import { RedisAppointmentStore } from '../../src/infra/redis/redisAppointmentStore';
import { FREED_SEATS_GROUP, RedisFreedSeatFeed } from '../../src/infra/redis/redisFreedSeatFeed';
import { connectRedis } from '../../src/infra/redis/connect';
import { sharedTestRedisUrl } from '../support/redisServer';
import { appointmentRequest } from '../support/appointmentFixtures';
import { startRelayChild, type RelayHang } from '../support/relayChild';
import { eventually, RecordingOutreach, redisBackend, relayFreedSeats, type WaitlistProcess } from '../support/waitlistFixtures';
import { ManualClock, NOW, request, SLOT_A, SLOT_B } from './appointmentStoreContract';

type OutboxStore = AppointmentStore & SeatHolds & { freedSeats: FreedSeatFeed };

/** The store as the bot wires it (startBot.ts): counted, then guarded by operators' rules (none here). */
function asTheBotWiresIt(store: AppointmentStore): AppointmentStore {
  const noRules: OfficeDaySource = { rulesFor: async () => ({ closed: [], capacityByDate: new Map() }) };
  return new GuardedAppointmentStore(new CountingAppointmentStore(store, new BotMetrics()), noRules, DEFAULT_SLOT_POLICY);
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function outboxContract(name: string, makeStore: (clock: ManualClock) => OutboxStore): void {
  describe(`${name}: freed-seat outbox`, () => {
    it('a cancel and a move record the seat they freed, with the cause; a refused one records nothing', async () => {
      const store = makeStore(new ManualClock(NOW));
      const ana = await store.book(request('ana', SLOT_A), 2);
      const ben = await store.book(request('ben', SLOT_A), 2);
      const cai = await store.book(request('cai', SLOT_B), 1);
      assert.ok(ana.ok && ben.ok && cai.ok);
      assert.ok((await store.cancel(ana.appointment.receiptNumber)).ok);
      assert.equal((await store.cancel(ana.appointment.receiptNumber)).ok, false, 'already cancelled');
      assert.deepEqual(await store.move(ben.appointment.receiptNumber, SLOT_B, 1, 3), { ok: false, reason: 'slot_full' });
      assert.ok((await store.move(ben.appointment.receiptNumber, SLOT_B, 2, 3)).ok);
      assert.ok((await store.cancel(cai.appointment.receiptNumber, 'closure')).ok);
      const events = await store.freedSeats.readNew('relay-1', 10);
      assert.deepEqual(
        events.map(({ officeCode, slotStart, cause }) => ({ officeCode, slotStart, cause })),
        [
          { officeCode: 'NYC', slotStart: SLOT_A, cause: 'cancel' },
          { officeCode: 'NYC', slotStart: SLOT_A, cause: 'move' },
          { officeCode: 'NYC', slotStart: SLOT_B, cause: 'closure' },
        ],
      );
      assert.equal(new Set(events.map((e) => e.id)).size, 3, 'each event has its own id');
    });

    it('a move into a held seat (an earlier seat taken from the waitlist), through the wrappers the bot uses, records the seat it left; a refused one nothing', async () => {
      const store = makeStore(new ManualClock(NOW));
      const wired = asTheBotWiresIt(store);
      const ana = await wired.book(request('ana', SLOT_B), 1);
      assert.ok(ana.ok);
      const receipt = ana.appointment.receiptNumber;
      const holdId = randomUUID();
      assert.deepEqual(
        await store.holdSeat({ holdId, officeCode: 'NYC', slotStart: SLOT_A, endsAt: new Date(Date.parse(NOW) + 900_000) }, 1),
        { ok: true },
      );
      assert.deepEqual(
        await wired.move(receipt, SLOT_A, 1, 3, { holdId: randomUUID() }),
        { ok: false, reason: 'hold_gone' },
        'the hold id is passed on',
      );
      const moved = await wired.move(receipt, SLOT_A, 1, 3, { holdId });
      assert.ok(moved.ok);
      assert.deepEqual(await store.countBooked('NYC', [SLOT_A, SLOT_B]), [1, 0]);
      const events = await store.freedSeats.readNew('relay-1', 10);
      assert.deepEqual(
        events.map(({ officeCode, slotStart, cause }) => ({ officeCode, slotStart, cause })),
        [{ officeCode: 'NYC', slotStart: SLOT_B, cause: 'move' }],
      );
    });

    it('each event goes to one consumer; one left unacknowledged is claimed by another once idle; an acknowledged one never comes back', async () => {
      const store = makeStore(new ManualClock(NOW));
      for (const person of ['ana', 'ben', 'cai']) {
        const booked = await store.book(request(person, SLOT_A), 3);
        assert.ok(booked.ok);
        assert.ok((await store.cancel(booked.appointment.receiptNumber)).ok);
      }
      const [first, ...others] = [...(await store.freedSeats.readNew('a', 1)), ...(await store.freedSeats.readNew('b', 10))];
      assert.equal(others.length, 2);
      assert.deepEqual(await store.freedSeats.readNew('a', 10), [], 'nothing delivered twice');
      assert.deepEqual(await store.freedSeats.claimStale('c', 60_000, 10), [], 'not idle long enough');
      await store.freedSeats.ack(others.map((e) => e.id));
      await sleep(80);
      assert.deepEqual(await store.freedSeats.claimStale('c', 50, 10), [first], "a's event, left pending, goes to c");
      assert.deepEqual(await store.freedSeats.claimStale('d', 60_000, 10), [], 'claimed just now');
      await store.freedSeats.ack([first.id]);
      await sleep(80);
      assert.deepEqual(await store.freedSeats.claimStale('d', 50, 10), []);
      assert.deepEqual(await store.freedSeats.readNew('d', 10), []);
    });
  });
}

outboxContract('MemoryAppointmentStore', (clock) => new MemoryAppointmentStore({ clock }));

describe('the freed-seat relay', () => {
  it('an event whose job could not be queued stays pending and is handed on once it has been idle', async () => {
    const store = new MemoryAppointmentStore({ clock: new ManualClock(NOW) });
    const booked = await store.book(request('ana', SLOT_A), 2);
    assert.ok(booked.ok);
    const queued: string[] = [];
    let failures = 1;
    const errors: Error[] = [];
    const relay = relayFreedSeats(
      store.freedSeats,
      {
        async seatFreed(seat, jobId) {
          if (failures-- > 0) throw new Error('Redis is away');
          queued.push(`${jobId} ${seat.officeCode} ${seat.slotStart}`);
        },
      },
      errors,
      { claimIdleMs: 150 },
    );
    try {
      assert.ok((await store.cancel(booked.appointment.receiptNumber)).ok);
      await eventually(() => errors.length === 1, 'the first try fails');
      assert.equal(store.freedSeats.size, 1, 'still in the outbox');
      await eventually(() => queued.length === 1, 'handed on after the claim');
      const [jobId, ...seat] = queued[0].split(' ');
      assert.match(jobId, /^seat-\d+-0$/, 'the job id is the event id');
      assert.equal(seat.join(' '), `NYC ${SLOT_A}`);
      await sleep(400);
      assert.equal(queued.length, 1, 'once');
      assert.equal(store.freedSeats.size, 0, 'acknowledged');
    } finally {
      await relay.stop();
    }
  });
});

describe('the freed-seat outbox on a real redis-server', function () {
  this.timeout(60_000);
  let client: RedisClientType;
  let redisUrl: string;
  const processes: WaitlistProcess[] = [];

  before(async () => {
    redisUrl = await sharedTestRedisUrl();
    client = await connectRedis(redisUrl);
  });

  afterEach(async () => {
    for (const p of processes.splice(0)) {
      assert.deepEqual(
        p.errors.map((e) => e.message),
        [],
        'no job failed',
      );
      await p.close();
    }
  });

  after(async () => {
    await client.close();
  });

  outboxContract('RedisAppointmentStore', (clock) => new RedisAppointmentStore(client, { keyPrefix: `test-${randomUUID()}`, clock }));

  it('an acknowledged event leaves the stream: it holds only what is not handled yet (plus at most one)', async () => {
    const keyPrefix = `test-${randomUUID()}`;
    const store = new RedisAppointmentStore(client, { keyPrefix, clock: new ManualClock(NOW) });
    for (let i = 0; i < 30; i++) {
      const booked = await store.book(request(`p${i}`, SLOT_A), 30);
      assert.ok(booked.ok);
      assert.ok((await store.cancel(booked.appointment.receiptNumber)).ok);
    }
    const stream = `{${keyPrefix}}:freed-seats`;
    assert.equal(await client.xLen(stream), 30);
    const read = await store.freedSeats.readNew('relay', 20);
    await store.freedSeats.ack(read.slice(0, 10).map((e) => e.id));
    assert.equal(await client.xLen(stream), 20, 'the 10 acknowledged are gone; 10 pending and 10 unread stay');
    await store.freedSeats.ack(read.slice(10).map((e) => e.id));
    assert.equal(await client.xLen(stream), 11, 'the last one delivered stays, with the 10 unread');
    await store.freedSeats.ack((await store.freedSeats.readNew('relay', 20)).map((e) => e.id));
    assert.ok((await client.xLen(stream)) <= 1);
  });

  it('forgets the consumers of processes gone long ago with nothing pending, keeps one with an event pending', async () => {
    const keyPrefix = `test-${randomUUID()}`;
    const store = new RedisAppointmentStore(client, { keyPrefix, clock: new ManualClock(NOW) });
    for (const person of ['ana', 'ben']) {
      const booked = await store.book(request(person, SLOT_A), 2);
      assert.ok(booked.ok);
      assert.ok((await store.cancel(booked.appointment.receiptNumber)).ok);
    }
    const stream = `{${keyPrefix}}:freed-seats`;
    const done = await store.freedSeats.readNew('gone-done', 1);
    await store.freedSeats.ack(done.map((e) => e.id));
    await store.freedSeats.readNew('gone-pending', 1);
    await sleep(60);
    await new RedisFreedSeatFeed(client, stream, 40).claimStale('alive', 60_000, 10);
    const names = (await client.xInfoConsumers(stream, FREED_SEATS_GROUP)).map((c) => c.name).sort();
    assert.ok(!names.includes('gone-done'), 'nothing pending: forgotten');
    assert.ok(names.includes('gone-pending'), 'an event pending: kept, to be claimed');
  });

  /** Tuesday 1 December 2026, 10:00 in New York. */
  const clock = fixedClock('2026-12-01T15:00:00.000Z');
  /** Wednesday 2 December 2026, 10:00 in New York. */
  const SLOT = '2026-12-02T10:00:00.000-05:00';

  function waiting(i: number) {
    return {
      officeCode: 'NYC',
      window: waitWindow('2026-12-02', '2026-12-04', 'America/New_York'),
      person: {
        name: `Person ${i}`,
        dobVerifier: 's1$c2FsdA==$aGFzaA==',
        personKey: `waiting-${i}`,
        phone: '+12025550147',
        reason: 'pending_case' as const,
        language: 'es',
      },
      route: { channel: 'sms' as const, phone: `+1202555${String(1000 + i)}` },
    };
  }

  async function fill(p: WaitlistProcess, seats: number): Promise<string[]> {
    const receipts: string[] = [];
    for (let i = 0; i < seats; i++) {
      const booked = await p.store.book(appointmentRequest(`booked${i}`, SLOT), seats);
      assert.ok(booked.ok);
      receipts.push(booked.appointment.receiptNumber);
    }
    return receipts;
  }

  async function pendingCount(p: WaitlistProcess): Promise<number> {
    return (await client.xPending(`{${p.keyPrefix}}:freed-seats`, FREED_SEATS_GROUP)).pending;
  }

  for (const hang of ['before-handoff', 'before-ack'] as RelayHang[]) {
    it(`a relay killed (SIGKILL) after reading an event, ${hang}: another claims it, and the person is told exactly once`, async () => {
      const backend = redisBackend(sharedTestRedisUrl);
      const p = await backend.process({ clock, relay: false });
      processes.push(p);
      const [leaving] = await fill(p, 2);
      await p.waitlist.join(waiting(1));
      await p.waitlist.join(waiting(2));
      assert.ok((await p.store.cancel(leaving)).ok);

      const child = startRelayChild({ redisUrl, keyPrefix: p.keyPrefix, consumer: 'dying-relay', hang });
      const stoppedAt = await child.stopped;
      assert.equal(await child.kill(), 'SIGKILL');
      assert.equal(await pendingCount(p), 1, 'the event is pending with the dead relay');
      if (hang === 'before-handoff') assert.equal(p.outreach.sent.length, 0, 'nobody told yet');

      const relay = relayFreedSeats(p.store.freedSeats, p.jobs, p.errors, { consumer: 'surviving-relay', claimIdleMs: 300 });
      try {
        await eventually(async () => p.outreach.sent.length === 1 && (await pendingCount(p)) === 0, 'claimed, handed on, acknowledged');
        await sleep(800);
        assert.equal(p.outreach.sent.length, 1, `told once (the dead relay stopped at ${stoppedAt})`);
        assert.deepEqual(p.outreach.sent[0].route, waiting(1).route, 'the first person waiting');
        assert.deepEqual(await p.store.countBooked('NYC', [SLOT]), [2], 'one hold');
      } finally {
        await relay.stop();
      }
    });
  }

  it('two processes relaying, 200 seats freed at once: 200 people told, each once, every event acknowledged', async function () {
    this.timeout(120_000);
    const seats = 200;
    const outreach = new RecordingOutreach();
    const backend = redisBackend(sharedTestRedisUrl);
    const a = await backend.process({ clock, outreach, capacity: seats });
    processes.push(a);
    const b = await backend.process({ clock, outreach, capacity: seats }, a);
    processes.push(b);
    const receipts = await fill(a, seats);
    for (let i = 0; i < seats; i++) await a.waitlist.join(waiting(i));
    const handedOn = new Map<string, number>();
    const count = (jobs: WaitlistProcess['jobs']): WaitlistProcess['jobs'] => ({
      ...jobs,
      seatFreed: async (seat, jobId) => {
        handedOn.set(jobId, (handedOn.get(jobId) ?? 0) + 1);
        await jobs.seatFreed(seat, jobId);
      },
      expireHoldAfter: (hold, delayMs) => jobs.expireHoldAfter(hold, delayMs),
      cancelHoldExpiry: (holdId) => jobs.cancelHoldExpiry(holdId),
    });
    // The processes' own relays stand aside for two that count what they hand on.
    await a.relay?.stop();
    await b.relay?.stop();
    const relays = [
      relayFreedSeats(a.store.freedSeats, count(a.jobs), a.errors, { consumer: 'relay-a' }),
      relayFreedSeats(b.store.freedSeats, count(b.jobs), b.errors, { consumer: 'relay-b' }),
    ];
    try {
      await Promise.all(receipts.map((receipt, i) => (i % 2 ? b : a).store.cancel(receipt)));
      await eventually(() => outreach.sent.length === seats, `${seats} people told`, 60_000);
      await eventually(async () => (await pendingCount(a)) === 0, 'every event acknowledged');
      await sleep(500);
      assert.equal(outreach.sent.length, seats, 'nobody told twice, nobody more');
      assert.equal(new Set(outreach.sent.map((s) => s.route.channel === 'sms' && s.route.phone)).size, seats, '200 different people');
      assert.equal(handedOn.size, seats, 'one job per event');
      assert.deepEqual([...new Set(handedOn.values())], [1], 'each event handed on once');
      assert.deepEqual(await a.store.countBooked('NYC', [SLOT]), [seats], 'every seat held for someone');
      assert.ok((await client.xLen(`{${a.keyPrefix}}:freed-seats`)) <= 1, 'the stream trimmed');
      for (const id of handedOn.keys()) assert.match(id, /^seat-\d+-\d+$/, 'the job id is the event id');
    } finally {
      await Promise.all(relays.map((relay) => relay.stop()));
    }
  });
});
