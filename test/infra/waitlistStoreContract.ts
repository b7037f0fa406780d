/**
 * What both waitlist stores must do (src/domain/waitlist/types.ts): one entry per person per office
 * in joining order, the next person for a seat claimed atomically, offers ended only by their own
 * hold id. Run by test/infra/waitlistStores.test.ts.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { WaitlistEntry, WaitlistStore } from '../../src/domain/waitlist/types';
import { waitWindow } from '../../src/domain/waitlist/waitWindow';

export type WaitlistStoreFactory = () => WaitlistStore;

const ZONE = 'America/New_York';
export const WAIT_NOW = new Date('2026-12-01T15:00:00.000Z');
/** Wednesday 2 December 2026, 10:00 and 10:30 in New York; Friday 4 December, 09:00. */
export const WED_10 = '2026-12-02T10:00:00.000-05:00';
export const WED_1030 = '2026-12-02T10:30:00.000-05:00';
export const FRI_9 = '2026-12-04T09:00:00.000-05:00';
const UNTIL = new Date('2026-12-01T15:16:00.000Z');

/** An entry of a made-up person waiting at NYC from `from` to `to` (office-local dates). */
export function waitingEntry(
  person: string,
  from = '2026-12-02',
  to = '2026-12-04',
  replyKey = `chat/conversations/${person}/`,
): WaitlistEntry {
  return {
    name: `Person ${person}`,
    dobVerifier: 's1$c2FsdA==$aGFzaA==',
    personKey: `person-${person}`,
    phone: '+12025550147',
    reason: 'pending_case',
    language: 'es',
    officeCode: 'NYC',
    window: waitWindow(from, to, ZONE),
    route: { channel: 'chat', conversationReference: JSON.stringify({ conversation: { id: person } }) },
    replyKey,
    joinedAt: WAIT_NOW.toISOString(),
  };
}

const seat = (slotStart = WED_10): { officeCode: string; slotStart: string } => ({ officeCode: 'NYC', slotStart });

export function waitlistStoreContract(name: string, factory: () => WaitlistStoreFactory): void {
  describe(`${name} (WaitlistStore contract)`, () => {
    let store: WaitlistStore;

    beforeEach(() => {
      store = factory()();
    });

    it('offers a seat to the people waiting in the order they joined, each once', async () => {
      for (const person of ['ana', 'ben', 'cai']) assert.equal(await store.join(waitingEntry(person)), 'joined');
      const claimed: string[] = [];
      for (let i = 0; i < 4; i++) {
        const entry = await store.claimNext(seat(), randomUUID(), WAIT_NOW, UNTIL);
        if (entry) claimed.push(entry.name);
      }
      assert.deepEqual(claimed, ['Person ana', 'Person ben', 'Person cai']);
    });

    it('keeps each entry whole (route, window, details)', async () => {
      const ana = waitingEntry('ana');
      await store.join(ana);
      assert.deepEqual(await store.claimNext(seat(), randomUUID(), WAIT_NOW, UNTIL), ana);
    });

    it('one entry per person per office: joining again keeps the place and takes the new days and conversation', async () => {
      await store.join(waitingEntry('ana', '2026-12-03', '2026-12-03'));
      await store.join(waitingEntry('ben'));
      assert.equal(await store.join(waitingEntry('ana', '2026-12-02', '2026-12-04', 'sms/conversations/ana/')), 'updated');
      const first = await store.claimNext(seat(), randomUUID(), WAIT_NOW, UNTIL);
      assert.equal(first?.name, 'Person ana', 'still first, now for Wednesday too');
      assert.equal(first?.replyKey, 'sms/conversations/ana/');
      assert.deepEqual(await store.entriesOf('chat/conversations/ana/'), [], 'the old conversation no longer answers for it');
      assert.equal((await store.entriesOf('sms/conversations/ana/')).length, 1);
    });

    it('offers a seat only to people whose days hold it', async () => {
      await store.join(waitingEntry('ana', '2026-12-04', '2026-12-04'));
      await store.join(waitingEntry('ben', '2026-12-02', '2026-12-02'));
      assert.equal((await store.claimNext(seat(FRI_9), randomUUID(), WAIT_NOW, UNTIL))?.name, 'Person ana');
      assert.equal((await store.claimNext(seat(FRI_9), randomUUID(), WAIT_NOW, UNTIL))?.name, undefined, 'ben waits for Wednesday only');
      assert.equal((await store.claimNext(seat(WED_10), randomUUID(), WAIT_NOW, UNTIL))?.name, 'Person ben');
    });

    it('an offer ends only with its own hold id; a seat let go is not offered to the same person again', async () => {
      await store.join(waitingEntry('ana'));
      const holdId = randomUUID();
      assert.ok(await store.claimNext(seat(), holdId, WAIT_NOW, UNTIL));
      assert.equal(await store.unclaim('NYC', 'person-ana', randomUUID(), true), false);
      assert.equal(await store.claimNext(seat(WED_1030), randomUUID(), WAIT_NOW, UNTIL), undefined, 'one offer at a time');
      assert.equal(await store.unclaim('NYC', 'person-ana', holdId, true), true);
      assert.equal(await store.unclaim('NYC', 'person-ana', holdId, true), false);
      assert.equal(await store.claimNext(seat(WED_10), randomUUID(), WAIT_NOW, UNTIL), undefined, 'the seat let go');
      assert.equal((await store.claimNext(seat(WED_1030), randomUUID(), WAIT_NOW, UNTIL))?.name, 'Person ana', 'another seat');
    });

    it('an offer taken back without passing leaves the seat offerable to the same person', async () => {
      await store.join(waitingEntry('ana'));
      const holdId = randomUUID();
      assert.ok(await store.claimNext(seat(), holdId, WAIT_NOW, UNTIL));
      assert.equal(await store.unclaim('NYC', 'person-ana', holdId, false), true);
      assert.equal((await store.claimNext(seat(), randomUUID(), WAIT_NOW, UNTIL))?.name, 'Person ana');
    });

    it('a claim older than its end no longer blocks the entry (a timer lost in a crash)', async () => {
      await store.join(waitingEntry('ana'));
      assert.ok(await store.claimNext(seat(), randomUUID(), WAIT_NOW, UNTIL));
      const later = new Date(UNTIL.getTime() + 1);
      assert.equal((await store.claimNext(seat(WED_1030), randomUUID(), later, new Date(later.getTime() + 60_000)))?.name, 'Person ana');
    });

    it('the offer is found from its conversation, booked until its end, and then the person waits no more', async () => {
      await store.join(waitingEntry('ana'));
      await store.join(waitingEntry('ben'));
      const holdId = randomUUID();
      await store.claimNext(seat(), holdId, WAIT_NOW, UNTIL);
      const offer = await store.offerFor('chat/conversations/ana/', WAIT_NOW);
      assert.deepEqual(
        { holdId: offer?.holdId, slotStart: offer?.slotStart, status: offer?.status, untilMs: offer?.untilMs, name: offer?.entry.name },
        { holdId, slotStart: WED_10, status: 'offered', untilMs: UNTIL.getTime(), name: 'Person ana' },
      );
      assert.equal(await store.offerFor('chat/conversations/ben/', WAIT_NOW), undefined);
      assert.equal(await store.markBooked('NYC', 'person-ana', randomUUID()), false);
      assert.equal(await store.markBooked('NYC', 'person-ana', holdId), true);
      assert.equal((await store.offerFor('chat/conversations/ana/', WAIT_NOW))?.status, 'booked');
      assert.deepEqual(await store.entriesOf('chat/conversations/ana/'), []);
      assert.equal((await store.claimNext(seat(WED_1030), randomUUID(), WAIT_NOW, UNTIL))?.name, 'Person ben');
      assert.equal(await store.offerFor('chat/conversations/ana/', UNTIL), undefined, 'after the offer ended');
      assert.equal(await store.purgeEnded(UNTIL), 1);
      assert.equal(await store.join(waitingEntry('ana')), 'joined', 'joining again after booking starts afresh');
    });

    it('leaving removes every entry of the conversation and answers the offer held', async () => {
      await store.join(waitingEntry('ana'));
      await store.join({ ...waitingEntry('ana'), officeCode: 'LOS' });
      const holdId = randomUUID();
      await store.claimNext(seat(), holdId, WAIT_NOW, UNTIL);
      const left = await store.leave('chat/conversations/ana/');
      assert.deepEqual(left.map((l) => [l.entry.officeCode, l.offer?.holdId]).sort(), [
        ['LOS', undefined],
        ['NYC', holdId],
      ]);
      assert.deepEqual(await store.leave('chat/conversations/ana/'), []);
      assert.equal(await store.claimNext(seat(), randomUUID(), WAIT_NOW, UNTIL), undefined);
    });

    it('removes one person at one office', async () => {
      await store.join(waitingEntry('ana'));
      assert.equal(await store.remove('NYC', 'person-ana'), true);
      assert.equal(await store.remove('NYC', 'person-ana'), false);
      assert.deepEqual(await store.entriesOf('chat/conversations/ana/'), []);
    });

    it('entries whose days have passed leave: when a seat is claimed past them, and by the purge', async () => {
      await store.join(waitingEntry('ana', '2026-12-02', '2026-12-02'));
      await store.join(waitingEntry('ben', '2026-12-02', '2026-12-04'));
      await store.join(waitingEntry('cai', '2026-12-02', '2026-12-02'));
      const thursday = new Date('2026-12-03T14:00:00.000Z');
      assert.equal((await store.claimNext(seat(FRI_9), randomUUID(), thursday, new Date(thursday.getTime() + 60_000)))?.name, 'Person ben');
      assert.deepEqual(await store.entriesOf('chat/conversations/ana/'), [], 'walked past and removed');
      assert.equal((await store.entriesOf('chat/conversations/cai/')).length, 1, 'not reached yet');
      assert.equal(await store.purgeEnded(thursday), 1);
      assert.deepEqual(await store.entriesOf('chat/conversations/cai/'), []);
    });

    it('50 seats claimed at once by 50 callers: each of 30 people is offered exactly one seat', async () => {
      for (let i = 0; i < 30; i++) await store.join(waitingEntry(`p${i}`));
      const starts = Array.from({ length: 50 }, (_, i) => new Date(Date.parse('2026-12-02T13:00:00.000Z') + i * 1_800_000).toISOString());
      const claimed = await Promise.all(starts.map((start) => store.claimNext(seat(start), randomUUID(), WAIT_NOW, UNTIL)));
      const names = claimed.filter((entry) => entry !== undefined).map((entry) => entry.name);
      assert.equal(names.length, 30);
      assert.equal(new Set(names).size, 30, 'nobody offered two seats at once');
    });
  });
}
