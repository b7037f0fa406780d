/**
 * The waitlist end to end below the dialogs, in memory and on a real redis-server (two bot
 * processes sharing it): a freed seat is held for the first person waiting and told to them, never
 * to two people at once; it passes to the next when the hold runs out or is let go; taking it makes
 * exactly one appointment.
 */
import assert from 'node:assert/strict';
import { fixedClock } from '../../src/domain/clock';
import { earlierWindow, waitWindow } from '../../src/domain/waitlist/waitWindow';
import { DEFAULT_SLOT_POLICY } from '../../src/domain/slots/schedule';
import type { Offer } from '../../src/domain/waitlist/types';
import type { OfficeDaySource } from '../../src/domain/slots/types';
import { appointmentRequest } from '../support/appointmentFixtures';
import { sharedTestRedisUrl } from '../support/redisServer';
import {
  eventually,
  memoryBackend,
  RecordingOutreach,
  RecordingWork,
  redisBackend,
  type WaitlistBackend,
  type WaitlistProcess,
  offices,
} from '../support/waitlistFixtures';
import { RedisWaitlistJobs } from '../../src/infra/redis/redisWaitlistJobs';
import { createClient, type RedisClientType } from 'redis';

/** Tuesday 1 December 2026, 10:00 in New York. */
const clock = fixedClock('2026-12-01T15:00:00.000Z');
/** Wednesday 2 December 2026, 10:00 in New York. */
const SLOT = '2026-12-02T10:00:00.000-05:00';
const ZONE = 'America/New_York';

const PHONES: Record<string, string> = {
  ana: '+12025550101',
  ben: '+12025550102',
  cai: '+12025550103',
  dan: '+12025550104',
  eva: '+12025550105',
};

function person(name: string, language = 'es', days: [string, string] = ['2026-12-02', '2026-12-04']) {
  return {
    officeCode: 'NYC',
    window: waitWindow(days[0], days[1], ZONE),
    person: {
      name: `Person ${name}`,
      dobVerifier: 's1$c2FsdA==$aGFzaA==',
      personKey: `person-${name}`,
      phone: '+12025550147',
      reason: 'pending_case' as const,
      language,
    },
    route: { channel: 'sms' as const, phone: PHONES[name] ?? '+12025550100' },
  };
}

/** Friday 4 December 2026, 10:00 in New York. */
const FRIDAY = '2026-12-04T10:00:00.000-05:00';

/** A person holding an appointment, waiting for a seat earlier than it (a text to their phone). */
function earlier(name: string, appointment: { receiptNumber: string; slotStart: string }, language = 'en') {
  const nyc = offices.byCode('NYC');
  assert.ok(nyc);
  const window = earlierWindow(clock.now(), nyc, DEFAULT_SLOT_POLICY, appointment.slotStart);
  assert.ok(window, 'an earlier seat could come');
  return { ...person(name, language), window, person: { ...person(name, language).person, receiptNumber: appointment.receiptNumber } };
}

/** Books `name` an appointment at `slotStart` and has them wait for an earlier seat. */
async function waitingEarlier(p: WaitlistProcess, name: string, slotStart = FRIDAY, language = 'en') {
  const booked = await p.store.book(appointmentRequest(name, slotStart), 2);
  assert.ok(booked.ok);
  const request = earlier(name, booked.appointment, language);
  await p.waitlist.join(request);
  return { receiptNumber: booked.appointment.receiptNumber, request };
}

async function offerOf(p: WaitlistProcess, name: string): Promise<Offer> {
  const offer = await p.waitlist.offerFor(p.waitlist.replyKeyOf(person(name).route));
  assert.ok(offer, `${name} holds an offer`);
  return offer;
}

/** Fills the slot (capacity 2 by default) with two appointments; returns their receipt numbers. */
async function fill(p: WaitlistProcess, slotStart = SLOT, seats = 2): Promise<string[]> {
  const receipts: string[] = [];
  for (let i = 0; i < seats; i++) {
    const booked = await p.store.book(appointmentRequest(`booked${i}`, slotStart), seats);
    assert.ok(booked.ok);
    receipts.push(booked.appointment.receiptNumber);
  }
  return receipts;
}

function backends(): WaitlistBackend[] {
  return [memoryBackend, redisBackend(sharedTestRedisUrl)];
}

for (const backend of backends()) {
  describe(`waitlist offers ${backend.name}`, () => {
    const running: WaitlistProcess[] = [];
    const start = async (...args: Parameters<WaitlistBackend['process']>): Promise<WaitlistProcess> => {
      const p = await backend.process(...args);
      running.push(p);
      return p;
    };

    afterEach(async () => {
      for (const p of running.splice(0)) {
        assert.deepEqual(
          p.errors.map((e) => e.message),
          [],
          'no job failed',
        );
        await p.close();
      }
    });

    it('a cancellation holds the seat for the first person waiting and tells them, in their language, with the zone', async () => {
      const p = await start({ clock });
      const [leaving] = await fill(p);
      const ana = person('ana', 'es');
      await p.waitlist.join(ana);
      await p.waitlist.join(person('ben', 'en'));
      assert.ok((await p.store.cancel(leaving)).ok);
      await eventually(() => p.outreach.sent.length === 1, 'the offer is sent');
      const [sent] = p.outreach.sent;
      assert.deepEqual(sent.route, ana.route);
      assert.match(sent.text, /miércoles, 2 de diciembre de 2026/);
      assert.match(sent.text, /10:00/);
      assert.match(sent.text, /hora estándar oriental/i);
      assert.match(sent.text, /15 minutos/);
      assert.match(sent.text, /New York City Field Office|Nueva York|New York/);
      assert.deepEqual(await p.store.countBooked('NYC', [SLOT]), [2], 'the held seat counts');
      assert.deepEqual(
        await p.store.book(appointmentRequest('walkin', SLOT), 2),
        { ok: false, reason: 'slot_full' },
        'nobody else books it',
      );
      const offer = await p.waitlist.offerFor(p.waitlist.replyKeyOf(ana.route));
      assert.equal(offer?.status, 'offered');
      assert.equal(offer?.holdId, sent.dedupeId, 'the message is sent once per hold');
    });

    it('a move out of a slot offers the seat it left', async () => {
      const p = await start({ clock });
      const [moving] = await fill(p);
      await p.waitlist.join(person('ana'));
      assert.ok((await p.store.move(moving, '2026-12-03T09:00:00.000-05:00', 2, 3)).ok);
      await eventually(() => p.outreach.sent.length === 1, 'the offer is sent');
      assert.equal((await p.waitlist.offerFor(p.waitlist.replyKeyOf(person('ana').route)))?.slotStart, SLOT);
    });

    it('never two people told about one seat: the freed seat reported 10 times at once, by two processes', async () => {
      const outreach = new RecordingOutreach();
      const a = await start({ clock, outreach });
      const b = backend.name === 'on Redis' ? await start({ clock, outreach }, a) : a;
      const [leaving] = await fill(a);
      for (const name of ['ana', 'ben', 'cai', 'dan', 'eva']) await a.waitlist.join(person(name));
      assert.ok((await a.store.cancel(leaving)).ok);
      const offers = await Promise.all(
        Array.from({ length: 10 }, (_, i) => (i % 2 ? b : a).waitlist.seatFreed({ officeCode: 'NYC', slotStart: SLOT })),
      );
      assert.equal(offers.filter((o) => o !== undefined).length, 1, 'one hold');
      assert.equal(outreach.sent.length, 1, 'one person told');
      assert.deepEqual(await a.store.countBooked('NYC', [SLOT]), [2]);
    });

    it('two seats freed at once: two different people told, one seat each', async () => {
      const p = await start({ clock });
      const receipts = await fill(p);
      for (const name of ['ana', 'ben', 'cai']) await p.waitlist.join(person(name));
      await Promise.all(receipts.map((r) => p.store.cancel(r)));
      await eventually(() => p.outreach.sent.length === 2, 'two offers');
      assert.equal(new Set(p.outreach.sent.map((s) => JSON.stringify(s.route))).size, 2);
      assert.deepEqual(await p.store.countBooked('NYC', [SLOT]), [2]);
    });

    it('the hold running out passes the seat to the next person; the first can no longer take it', async () => {
      const p = await start({ clock, holdTimerMs: 300 });
      const [leaving] = await fill(p);
      const ana = person('ana');
      const ben = person('ben');
      await p.waitlist.join(ana);
      await p.waitlist.join(ben);
      await p.store.cancel(leaving);
      await eventually(() => p.outreach.sent.length === 1, 'ana is told');
      const anaOffer = await p.waitlist.offerFor(p.waitlist.replyKeyOf(ana.route));
      assert.ok(anaOffer);
      await eventually(() => p.outreach.sent.length === 2, 'ben is told after the hold ran out');
      assert.deepEqual(p.outreach.sent[1].route, ben.route);
      assert.deepEqual(await p.store.countBooked('NYC', [SLOT]), [2], 'one hold at a time');
      assert.deepEqual(await p.waitlist.take(anaOffer), { kind: 'gone' });
      assert.equal(await p.waitlist.offerFor(p.waitlist.replyKeyOf(ana.route)), undefined);
      assert.equal((await p.waitlist.entriesOf(p.waitlist.replyKeyOf(ana.route))).length, 1, 'ana still waits for other times');
      const benOffer = await p.waitlist.offerFor(p.waitlist.replyKeyOf(ben.route));
      assert.ok(benOffer);
      const taken = await p.waitlist.take(benOffer);
      assert.equal(taken.kind, 'booked');
      assert.deepEqual(await p.store.countBooked('NYC', [SLOT]), [2]);
      // Nobody is left who has not let this seat go: after ben's hold would have run out, nothing more is sent.
      await new Promise((resolve) => setTimeout(resolve, 600));
      assert.equal(p.outreach.sent.length, 2);
    });

    it('a person taking the seat gets exactly one appointment, however often the answer comes', async () => {
      const p = await start({ clock });
      const [leaving] = await fill(p);
      const ana = person('ana');
      await p.waitlist.join(ana);
      await p.store.cancel(leaving);
      await eventually(() => p.outreach.sent.length === 1, 'ana is told');
      const offer = await p.waitlist.offerFor(p.waitlist.replyKeyOf(ana.route));
      assert.ok(offer);
      const results = await Promise.all(Array.from({ length: 10 }, () => p.waitlist.take(offer)));
      const receipts = new Set(results.map((r) => (r.kind === 'booked' ? r.appointment.receiptNumber : r.kind)));
      assert.equal(receipts.size, 1, `one appointment: ${[...receipts].join(', ')}`);
      assert.deepEqual(await p.store.countBooked('NYC', [SLOT]), [2]);
      const booked = results[0];
      assert.ok(booked.kind === 'booked');
      assert.equal(booked.appointment.name, 'Person ana');
      assert.equal(booked.appointment.language, 'es');
      const again = await p.waitlist.offerFor(p.waitlist.replyKeyOf(ana.route));
      assert.equal(again?.status, 'booked', 'a repeated answer finds the booked offer');
      const replay = await p.waitlist.take(again);
      assert.ok(replay.kind === 'booked' && replay.appointment.receiptNumber === booked.appointment.receiptNumber);
      assert.deepEqual(await p.waitlist.entriesOf(p.waitlist.replyKeyOf(ana.route)), [], 'ana waits no more');
    });

    it('letting the seat go offers it to the next person at once', async () => {
      const p = await start({ clock });
      const [leaving] = await fill(p);
      await p.waitlist.join(person('ana'));
      await p.waitlist.join(person('ben'));
      await p.store.cancel(leaving);
      await eventually(() => p.outreach.sent.length === 1, 'ana is told');
      const offer = await p.waitlist.offerFor(p.waitlist.replyKeyOf(person('ana').route));
      assert.ok(offer);
      await p.waitlist.decline(offer);
      assert.equal(p.outreach.sent.length, 2);
      assert.deepEqual(p.outreach.sent[1].route, person('ben').route);
      assert.deepEqual(await p.store.countBooked('NYC', [SLOT]), [2]);
    });

    it('leaving the list while holding a seat gives it to the next person', async () => {
      const p = await start({ clock });
      const [leaving] = await fill(p);
      await p.waitlist.join(person('ana'));
      await p.waitlist.join(person('ben'));
      await p.store.cancel(leaving);
      await eventually(() => p.outreach.sent.length === 1, 'ana is told');
      assert.equal(await p.waitlist.leave(p.waitlist.replyKeyOf(person('ana').route)), 1);
      assert.equal(p.outreach.sent.length, 2);
      assert.deepEqual(p.outreach.sent[1].route, person('ben').route);
    });

    it('a person who booked another way meanwhile: the seat goes to the next person, and they leave the list', async () => {
      const p = await start({ clock });
      const [leaving] = await fill(p);
      await p.waitlist.join(person('ana'));
      await p.waitlist.join(person('ben'));
      await p.store.cancel(leaving);
      await eventually(() => p.outreach.sent.length === 1, 'ana is told');
      const offer = await p.waitlist.offerFor(p.waitlist.replyKeyOf(person('ana').route));
      assert.ok(offer);
      const other = await p.store.book(appointmentRequest('ana', '2026-12-03T09:00:00.000-05:00'), 2);
      assert.ok(other.ok);
      const taken = await p.waitlist.take(offer);
      assert.deepEqual(taken, { kind: 'already_booked', receiptNumber: other.appointment.receiptNumber });
      assert.equal(p.outreach.sent.length, 2);
      assert.deepEqual(await p.waitlist.entriesOf(p.waitlist.replyKeyOf(person('ana').route)), []);
    });

    it('tells nobody about a seat too soon to come to, outside the office hours, or with nobody waiting for that day', async () => {
      const p = await start({ clock });
      await p.waitlist.join(person('ana', 'es', ['2026-12-01', '2026-12-01']));
      await p.waitlist.join(person('ben', 'es', ['2026-12-04', '2026-12-04']));
      // 11:00 today: the hold would end at 10:15, less than the hour's lead before it.
      assert.equal(await p.waitlist.seatFreed({ officeCode: 'NYC', slotStart: '2026-12-01T11:00:00.000-05:00' }), undefined);
      assert.equal(await p.waitlist.seatFreed({ officeCode: 'NYC', slotStart: '2026-12-02T10:15:00.000-05:00' }), undefined);
      assert.equal(await p.waitlist.seatFreed({ officeCode: 'NYC', slotStart: SLOT }), undefined);
      assert.ok(await p.waitlist.seatFreed({ officeCode: 'NYC', slotStart: '2026-12-01T14:00:00.000-05:00' }), 'ana: 14:00 today');
      assert.equal(p.outreach.sent.length, 1);
    });

    it("a seat freed inside an operator's closure, or beyond a day's capacity, is offered to nobody", async () => {
      const closedFrom = Date.parse('2026-12-02T14:00:00.000Z');
      const officeDays: OfficeDaySource = {
        async rulesFor() {
          // Wednesday closed 09:00–11:00; Thursday's capacity set to 1.
          return { closed: [{ from: closedFrom, to: closedFrom + 2 * 3_600_000 }], capacityByDate: new Map([['2026-12-03', 1]]) };
        },
      };
      const p = await start({ clock, officeDays });
      await p.waitlist.join(person('ana'));
      assert.equal(await p.waitlist.seatFreed({ officeCode: 'NYC', slotStart: SLOT }), undefined, 'Wednesday 10:00 is closed');
      const thursday = '2026-12-03T10:00:00.000-05:00';
      await fill(p, thursday, 1);
      assert.equal(await p.waitlist.seatFreed({ officeCode: 'NYC', slotStart: thursday }), undefined, 'its one seat is taken');
      assert.ok(await p.waitlist.seatFreed({ officeCode: 'NYC', slotStart: '2026-12-02T11:00:00.000-05:00' }), 'after the closure');
      assert.equal(p.outreach.sent.length, 1);
    });

    it('an earlier seat is offered to a person who has an appointment, taken as a move; their old seat goes to the next person', async () => {
      const p = await start({ clock });
      const [leaving] = await fill(p);
      const ana = await waitingEarlier(p, 'ana', FRIDAY, 'es');
      await p.waitlist.join(person('ben', 'en', ['2026-12-03', '2026-12-04']));
      assert.ok((await p.store.cancel(leaving)).ok);
      await eventually(() => p.outreach.sent.length === 1, 'ana is told');
      assert.deepEqual(p.outreach.sent[0].route, ana.request.route);
      assert.match(p.outreach.sent[0].text, /más temprana.*miércoles, 2 de diciembre de 2026.*10:00.*viernes, 4 de diciembre de 2026/);
      const taken = await p.waitlist.take(await offerOf(p, 'ana'));
      assert.ok(taken.kind === 'moved', taken.kind);
      assert.equal(taken.appointment.receiptNumber, ana.receiptNumber, 'the receipt number stays');
      assert.equal(Date.parse(taken.appointment.slotStart), Date.parse(SLOT));
      assert.equal(Date.parse(taken.previousSlotStart), Date.parse(FRIDAY));
      assert.equal(taken.appointment.rescheduleCount, 1, 'a move like any other');
      assert.deepEqual(await p.store.countBooked('NYC', [SLOT]), [2], 'the held seat became the appointment');
      await eventually(() => p.outreach.sent.length === 2, 'ben is told of the seat ana left');
      assert.deepEqual(p.outreach.sent[1].route, person('ben').route);
      assert.equal(Date.parse((await offerOf(p, 'ben')).slotStart), Date.parse(FRIDAY));
      assert.deepEqual(await p.store.countBooked('NYC', [FRIDAY]), [1], "ben's hold on ana's old seat");
      assert.deepEqual(await p.waitlist.entriesOf(p.waitlist.replyKeyOf(ana.request.route)), [], 'ana waits no more');
      const again = await p.waitlist.take(await offerOf(p, 'ana'));
      assert.ok(again.kind === 'moved' && again.appointment.receiptNumber === ana.receiptNumber, 'a repeated answer: the same move');
      assert.equal((await p.store.get(ana.receiptNumber))?.rescheduleCount, 1);
    });

    it('a seat later than (or at) the appointment is not offered to its holder: it passes to the next person', async () => {
      const p = await start({ clock });
      const thursday = '2026-12-03T09:00:00.000-05:00';
      const ana = await waitingEarlier(p, 'ana', thursday);
      await p.waitlist.join(person('ben', 'en', ['2026-12-03', '2026-12-03']));
      const offered = await p.waitlist.seatFreed({ officeCode: 'NYC', slotStart: '2026-12-03T10:00:00.000-05:00' });
      assert.deepEqual(offered?.entry.route, person('ben').route);
      assert.equal(p.outreach.sent.length, 1);
      assert.equal((await p.waitlist.entriesOf(p.waitlist.replyKeyOf(ana.request.route))).length, 1, 'ana still waits');
      assert.equal(
        await p.waitlist.seatFreed({ officeCode: 'NYC', slotStart: thursday }),
        undefined,
        'her own time: nobody else waits for it',
      );
    });

    it('cancelling the appointment removes the waiting entry; one cancelled otherwise is skipped when a seat is offered', async () => {
      const p = await start({ clock });
      const ana = await waitingEarlier(p, 'ana');
      const cancelled = await p.store.cancel(ana.receiptNumber);
      assert.ok(cancelled.ok);
      assert.equal(await p.waitlist.appointmentCancelled(cancelled.appointment), true);
      assert.deepEqual(await p.waitlist.entriesOf(p.waitlist.replyKeyOf(ana.request.route)), []);
      // An operator's cancellation (nobody told the waitlist): the entry is dropped when its turn comes.
      const cai = await waitingEarlier(p, 'cai');
      await p.waitlist.join(person('ben'));
      assert.ok((await p.store.cancel(cai.receiptNumber)).ok);
      const offered = await p.waitlist.seatFreed({ officeCode: 'NYC', slotStart: SLOT });
      assert.deepEqual(offered?.entry.route, person('ben').route);
      assert.deepEqual(await p.waitlist.entriesOf(p.waitlist.replyKeyOf(cai.request.route)), []);
    });

    it('an appointment moved as often as allowed is not moved again: its holder leaves the list, the seat goes to the next person', async () => {
      const p = await start({ clock });
      const ana = await waitingEarlier(p, 'ana');
      await p.waitlist.join(person('ben', 'en', ['2026-12-02', '2026-12-02']));
      const offered = await p.waitlist.seatFreed({ officeCode: 'NYC', slotStart: SLOT });
      assert.deepEqual(offered?.entry.route, ana.request.route, 'ana first');
      // Meanwhile she moves it herself, as often as allowed (3), before she answers.
      for (const time of ['10:30', '11:00', '11:30'])
        assert.ok((await p.store.move(ana.receiptNumber, `2026-12-04T${time}:00.000-05:00`, 2, 3)).ok);
      assert.deepEqual(await p.waitlist.take(await offerOf(p, 'ana')), { kind: 'not_moved', reason: 'too_many_moves' });
      assert.deepEqual(p.outreach.sent.at(-1)?.route, person('ben').route, 'the seat went to ben');
      assert.deepEqual(await p.waitlist.entriesOf(p.waitlist.replyKeyOf(ana.request.route)), []);
      assert.equal(Date.parse((await p.store.get(ana.receiptNumber))?.slotStart ?? ''), Date.parse('2026-12-04T11:30:00.000-05:00'));
    });

    it('the holder taking an earlier seat as its hold runs out: one outcome, never both', async () => {
      for (let round = 0; round < 4; round++) {
        const p = await start({ clock });
        const [leaving] = await fill(p);
        const ana = await waitingEarlier(p, 'ana');
        await p.waitlist.join(person('ben', 'en', ['2026-12-02', '2026-12-02']));
        await p.store.cancel(leaving);
        await eventually(() => p.outreach.sent.length === 1, 'ana is told');
        const offer = await offerOf(p, 'ana');
        const timer = { officeCode: 'NYC', slotStart: offer.slotStart, holdId: offer.holdId, personKey: offer.entry.personKey };
        const [taken] = await Promise.all([p.waitlist.take(offer), p.waitlist.holdExpired(timer)]);
        const appointment = await p.store.get(ana.receiptNumber);
        const [atSlot, atFriday] = await p.store.countBooked('NYC', [SLOT, FRIDAY]);
        assert.equal(atSlot, 2, 'the seat is ana’s appointment or ben’s hold, once');
        if (taken.kind === 'moved') {
          assert.equal(Date.parse(appointment?.slotStart ?? ''), Date.parse(SLOT));
          assert.equal(atFriday, 0);
          assert.equal(p.outreach.sent.length, 1, 'ben is not told of a seat ana took');
          assert.deepEqual(await p.waitlist.entriesOf(p.waitlist.replyKeyOf(ana.request.route)), [], 'ana waits no more');
        } else {
          assert.equal(taken.kind, 'gone');
          assert.equal(Date.parse(appointment?.slotStart ?? ''), Date.parse(FRIDAY), 'ana keeps her appointment');
          assert.equal(atFriday, 1);
          assert.equal(p.outreach.sent.length, 2);
          assert.deepEqual(p.outreach.sent[1].route, person('ben').route, 'the seat went to ben');
        }
      }
    });

    it('a hold whose timer was lost is ended by the sweep, and the seat offered again', async () => {
      const p = await start({ clock, holdMinutes: 15 });
      await p.waitlist.join(person('ana'));
      await p.store.holdSeat(
        { holdId: 'lost-timer-hold', officeCode: 'NYC', slotStart: SLOT, endsAt: new Date('2026-12-01T14:00:00.000Z') },
        2,
      );
      assert.deepEqual(await p.store.countBooked('NYC', [SLOT]), [1]);
      assert.equal(await p.waitlist.releaseOverdueHolds(), 1);
      assert.equal(p.outreach.sent.length, 1, 'offered to ana');
      assert.deepEqual(await p.store.countBooked('NYC', [SLOT]), [1], 'the old hold freed, the new one taken');
      assert.equal(await p.waitlist.releaseOverdueHolds(), 0);
    });
  });
}

describe('waitlist jobs on Redis survive a restart', () => {
  it('a hold offered by a process that stops ends on another process, which offers the seat to the next person', async () => {
    const backend = redisBackend(sharedTestRedisUrl);
    const outreach = new RecordingOutreach();
    const first = await backend.process({ clock, holdTimerMs: 400, outreach });
    const [leaving] = await fill(first);
    await first.waitlist.join(person('ana'));
    await first.waitlist.join(person('ben'));
    await first.store.cancel(leaving);
    await eventually(() => outreach.sent.length === 1, 'ana is told');
    await first.close();
    const second = await backend.process({ clock, holdTimerMs: 400, outreach }, first);
    try {
      await eventually(() => outreach.sent.length === 2, 'ben is told by the other process');
      assert.deepEqual(outreach.sent[1].route, person('ben').route);
      assert.deepEqual(await second.store.countBooked('NYC', [SLOT]), [2]);
      assert.deepEqual(second.errors, []);
    } finally {
      await second.close();
    }
  });

  it('a freed seat reported twice with one dedupe id is one job; a cancelled hold timer never fires', async () => {
    const client: RedisClientType = createClient({ url: await sharedTestRedisUrl() });
    await client.connect();
    const errors: Error[] = [];
    const jobs = new RedisWaitlistJobs(client, { keyPrefix: `test-${Date.now()}-jobs`, onError: (err) => errors.push(err) });
    const work = new RecordingWork();
    jobs.start(work);
    try {
      await jobs.seatFreed({ officeCode: 'NYC', slotStart: SLOT }, 'cancel-IPX');
      await jobs.seatFreed({ officeCode: 'NYC', slotStart: SLOT }, 'cancel-IPX');
      await jobs.expireHoldAfter({ officeCode: 'NYC', slotStart: SLOT, holdId: 'kept-hold-1', personKey: 'p' }, 200);
      await jobs.expireHoldAfter({ officeCode: 'NYC', slotStart: SLOT, holdId: 'taken-hold-1', personKey: 'p' }, 200);
      await jobs.cancelHoldExpiry('taken-hold-1');
      await eventually(() => work.freed.length === 1 && work.expired.length === 1, 'the jobs run');
      await new Promise((resolve) => setTimeout(resolve, 400));
      assert.deepEqual(work.freed, [`NYC ${SLOT}`]);
      assert.deepEqual(work.expired, ['kept-hold-1']);
      assert.deepEqual(errors, []);
    } finally {
      await jobs.close();
      await client.close();
    }
  });
});
