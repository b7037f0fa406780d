/**
 * Rebooking in one answer after an office closure: the closure's message numbers the nearest free
 * times and keeps them for the person's reply; "2" (or the time itself) books that time for the
 * same person and sends the notice; a time taken meanwhile gets fresh times, kept in its place.
 */
import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { DateTime } from 'luxon';
import { BotConversation, TEST_CLOCK, TEST_NOW, testServices, testStore } from '../support/dialogHarness';
import { describeReplies, saysKey, textOf, translator } from '../support/replies';
import { appointmentRequest } from '../support/appointmentFixtures';
import { offices, RecordingOutreach } from '../support/waitlistFixtures';
import type { DialogServices } from '../../dialogs/services';
import type { ContactRoute } from '../../src/domain/outreach/types';
import type { Appointment } from '../../src/domain/appointments/types';
import { OfficeOperations } from '../../src/domain/operations/officeOperations';
import { DEFAULT_SLOT_POLICY } from '../../src/domain/slots/schedule';
import type { SlotPolicy } from '../../src/domain/slots/types';
import { pickedSlot, type RebookOffer } from '../../src/domain/operations/rebookOffer';
import { formatSlot } from '../../src/domain/dates/format';
import { languageByCode } from '../../src/domain/languages';
import { warmUpDateParsers } from '../../src/domain/dates/parseWhen';
import { MemoryOperationsStore } from '../../src/infra/memory/memoryOperationsStore';
import { MemoryRebookOffers } from '../../src/infra/memory/memoryRebookOffers';
import type { MemoryAppointmentStore } from '../../src/infra/memory/memoryAppointmentStore';

const NY = 'America/New_York';
/** Thursday 3 December 2026, 10:00 in New York (the test clock is Tuesday 1 December, 09:00). */
const THURSDAY_10 = '2026-12-03T10:00:00.000-05:00';
/** BotConversation names every conversation "conversation": an SMS answer comes back in the number's one. */
const SMS_KEY = 'sms/conversations/conversation/';

function replyKeyOf(route: ContactRoute): string {
  if (route.channel === 'sms') return SMS_KEY;
  const reference = JSON.parse(route.conversationReference) as { channelId: string; conversation: { id: string } };
  return `${reference.channelId}/conversations/${reference.conversation.id}/`;
}

interface World {
  services: DialogServices;
  store: MemoryAppointmentStore;
  offers: MemoryRebookOffers;
  outreach: RecordingOutreach;
  desk: OfficeOperations;
}

function world(): World {
  const store = testStore();
  const operations = new MemoryOperationsStore();
  const policy: SlotPolicy = { ...DEFAULT_SLOT_POLICY, officeDays: operations };
  const offers = new MemoryRebookOffers(TEST_CLOCK);
  const outreach = new RecordingOutreach();
  const desk = new OfficeOperations({
    appointments: store,
    operations,
    outreach,
    offices,
    translator,
    clock: TEST_CLOCK,
    policy,
    rebook: { offers, replyKeyOf },
  });
  const services = testServices({ store, policy, rebookOffers: offers });
  return { services, store, offers, outreach, desk };
}

async function bookAndClose(w: World, language: string, route?: ContactRoute): Promise<{ appointment: Appointment; offer: RebookOffer }> {
  const booked = await w.store.book(appointmentRequest('ana', THURSDAY_10, { language, phone: '+12125550101' }), 2);
  assert.ok(booked.ok);
  if (route) await w.outreach.saveRoute(booked.appointment.receiptNumber, route);
  const closed = await w.desk.close({ sub: 'op' }, 'NYC', { date: '2026-12-03', reason: 'weather' });
  assert.ok(closed.ok && closed.cancelled === 1);
  const offer = await w.offers.peek(route ? replyKeyOf(route) : SMS_KEY);
  assert.ok(offer, 'the closure kept an offer');
  assert.equal(offer.slots.length, 3);
  return { appointment: booked.appointment, offer };
}

function says(replies: Partial<Activity>[], language: string, key: string, transcript: string[]): void {
  assert.ok(saysKey(replies, language, key), `expected ${language}:${key}; got:\n${describeReplies(replies)}\n${transcript.join('\n')}`);
}

async function bookedFor(w: World, personKey: string): Promise<Appointment[]> {
  const from = new Date('2026-12-01T00:00:00Z');
  const all = await w.store.listBetween('NYC', from, new Date('2026-12-31T00:00:00Z'));
  return all.filter((a) => a.personKey === personKey && a.status === 'booked');
}

describe('rebooking in one answer after a closure', function () {
  this.timeout(20_000);

  before(() => warmUpDateParsers(new Date(TEST_NOW)));

  for (const language of ['en', 'es', 'zh', 'ar', 'vi', 'ru']) {
    it(`${language}: a text "2" in a new SMS conversation books the second time for the same person, with the notice`, async () => {
      const w = world();
      const { appointment, offer } = await bookAndClose(w, language);
      const told = w.outreach.sent.find((m) => m.dedupeId.endsWith(appointment.receiptNumber));
      assert.ok(
        told?.text.includes(translator.for(language)('closure.replyThree', { word: translator.for(language)('closure.rebookWord') })),
      );

      const sms = new BotConversation(w.services, { channelId: 'sms' });
      const replies = await sms.send('2');
      says(replies, language, 'rebook.booked', sms.transcript);
      const shown = formatSlot(offer.slots[1], NY, languageByCode(language).intlLocale);
      assert.ok(
        replies.some((r) => textOf(r).includes(shown.time) && textOf(r).includes(shown.zone)),
        describeReplies(replies),
      );
      const now = await bookedFor(w, appointment.personKey);
      assert.equal(now.length, 1);
      assert.equal(now[0].slotStart, offer.slots[1]);
      assert.deepEqual(
        { name: now[0].name, phone: now[0].phone, language: now[0].language, reason: now[0].reason, dob: now[0].dobVerifier },
        { name: appointment.name, phone: appointment.phone, language, reason: appointment.reason, dob: appointment.dobVerifier },
      );
      assert.notEqual(now[0].receiptNumber, appointment.receiptNumber);
      // Claimed once: the same answer again (a turn redelivered) replays that booking, with its
      // notice; another time is no longer an answer to it.
      const again = await new BotConversation(w.services, { channelId: 'sms' }).send('2');
      says(again, language, 'rebook.booked', sms.transcript);
      const other = await new BotConversation(w.services, { channelId: 'sms' }).send('3');
      assert.ok(!saysKey(other, language, 'rebook.booked'), describeReplies(other));
      assert.deepEqual(
        (await bookedFor(w, appointment.personKey)).map((a) => a.receiptNumber),
        [now[0].receiptNumber],
      );
    });
  }

  for (const language of ['en', 'fr', 'ko']) {
    it(`${language}: a time taken meanwhile gets the nearest free times again, and "1" then books the first of them`, async () => {
      const w = world();
      const { appointment, offer } = await bookAndClose(w, language);
      for (const other of ['bo', 'cy']) assert.ok((await w.store.book(appointmentRequest(other, offer.slots[1]), 2)).ok);

      const sms = new BotConversation(w.services, { channelId: 'sms' });
      const replies = await sms.send('2');
      says(replies, language, 'booking.slotTaken', sms.transcript);
      const fresh = await w.offers.peek(SMS_KEY);
      assert.ok(fresh, 'a new offer in place of the used one');
      assert.ok(!fresh.slots.includes(offer.slots[1]));
      assert.equal(fresh.slots.length, 3);
      const t = translator.for(language);
      assert.ok(
        replies.some((r) => textOf(r).includes(t('closure.replyThree', { word: t('closure.rebookWord') }))),
        describeReplies(replies),
      );
      assert.equal((await bookedFor(w, appointment.personKey)).length, 0);

      const booked = await sms.send('1');
      says(booked, language, 'rebook.booked', sms.transcript);
      assert.deepEqual(
        (await bookedFor(w, appointment.personKey)).map((a) => a.slotStart),
        [fresh.slots[0]],
      );
    });
  }

  it('in the chat where the person booked, the time itself ("the 3:00 PM one") at the menu books that time', async () => {
    const w = world();
    const chat = new BotConversation(w.services, { channelId: 'webchat', locale: 'en-US' });
    await chat.send('hello');
    const reference = JSON.stringify({ channelId: 'webchat', conversation: { id: 'conversation' } });
    const { appointment, offer } = await bookAndClose(w, 'en', { channel: 'chat', conversationReference: reference });
    const pick = offer.slots[1];
    const replies = await chat.send(`the ${DateTime.fromISO(pick, { zone: NY }).toFormat('h:mm a')} one`);
    says(replies, 'en', 'rebook.booked', chat.transcript);
    assert.deepEqual(
      (await bookedFor(w, appointment.personKey)).map((a) => a.slotStart),
      [pick],
    );
  });

  it('in a chat inside a flow, "2" answers the flow; at the menu it books the second time', async () => {
    const w = world();
    const chat = new BotConversation(w.services, { channelId: 'webchat', locale: 'pl-PL' });
    await chat.send('dzień dobry');
    const reference = JSON.stringify({ channelId: 'webchat', conversation: { id: 'conversation' } });
    const { appointment, offer } = await bookAndClose(w, 'pl', { channel: 'chat', conversationReference: reference });
    // The menu's "cancel" (its second choice) asks for a receipt number: there "2" is no pick.
    const cancelling = await chat.send(translator.for('pl')('menu.cancel'));
    says(cancelling, 'pl', 'cancel.receiptPrompt', chat.transcript);
    assert.ok(!saysKey(await chat.send('2'), 'pl', 'rebook.booked'));
    assert.ok(await w.offers.peek(replyKeyOf({ channel: 'chat', conversationReference: reference })), 'still kept');
    says(await chat.send('przerwij'), 'pl', 'menu.prompt', chat.transcript);
    const replies = await chat.send('2');
    says(replies, 'pl', 'rebook.booked', chat.transcript);
    assert.deepEqual(
      (await bookedFor(w, appointment.personKey)).map((a) => a.slotStart),
      [offer.slots[1]],
    );
  });

  it('"no" or anything else is not an answer: the offer stays and the conversation goes on as usual', async () => {
    const w = world();
    await bookAndClose(w, 'en');
    const sms = new BotConversation(w.services, { channelId: 'sms' });
    const replies = await sms.send('no');
    assert.ok(!saysKey(replies, 'en', 'rebook.booked'));
    assert.ok(await w.offers.peek(SMS_KEY));
    says(await sms.send('what documents do I need'), 'en', 'documents.text', sms.transcript);
    assert.ok(await w.offers.peek(SMS_KEY));
  });

  it('a person who booked another appointment meanwhile is told so, and nothing is booked', async () => {
    const w = world();
    const { appointment, offer } = await bookAndClose(w, 'es');
    assert.ok((await w.store.book(appointmentRequest('ana', offer.slots[2], { personKey: appointment.personKey }), 2)).ok);
    const sms = new BotConversation(w.services, { channelId: 'sms' });
    says(await sms.send('1'), 'es', 'rebook.alreadyBooked', sms.transcript);
    assert.deepEqual(
      (await bookedFor(w, appointment.personKey)).map((a) => a.slotStart),
      [offer.slots[2]],
    );
  });
});

describe('which offered time an answer picks', () => {
  const offer = (slots: string[], language = 'en'): RebookOffer => ({
    id: 'c:1',
    person: { officeCode: 'NYC', reason: 'pending_case', name: 'A', dobVerifier: 'v', phone: '+12125550101', language, personKey: 'p' },
    slots,
    channel: 'sms',
  });
  const now = new Date('2026-12-01T14:00:00Z');
  const wed930 = '2026-12-02T09:30:00.000-05:00';
  const wed1400 = '2026-12-02T14:00:00.000-05:00';
  const fri930 = '2026-12-04T09:30:00.000-05:00';

  before(() => warmUpDateParsers(new Date(TEST_NOW)));

  it('its number, in any digits', () => {
    const three = offer([wed930, wed1400, fri930], 'ar');
    assert.equal(pickedSlot('2', three, NY, now), wed1400);
    assert.equal(pickedSlot(' 3. ', three, NY, now), fri930);
    assert.equal(pickedSlot('٣', three, NY, now), fri930);
    assert.equal(pickedSlot('4', three, NY, now), undefined);
  });

  it('yes only when one time was offered', () => {
    assert.equal(pickedSlot('yes', offer([wed930]), NY, now), wed930);
    assert.equal(pickedSlot('sí', offer([wed930], 'es'), NY, now), wed930);
    assert.equal(pickedSlot('yes', offer([wed930, wed1400]), NY, now), undefined);
    assert.equal(pickedSlot('no', offer([wed930]), NY, now), undefined);
  });

  it('the time or the day, when exactly one offered time fits', () => {
    const three = offer([wed930, wed1400, fri930]);
    assert.equal(pickedSlot('the 2 pm one', three, NY, now), wed1400);
    assert.equal(pickedSlot('Friday', three, NY, now), fri930);
    assert.equal(pickedSlot('Wednesday', three, NY, now), undefined);
    assert.equal(pickedSlot('9:30', three, NY, now), undefined);
    assert.equal(pickedSlot('Friday 9:30', three, NY, now), fri930);
    assert.equal(pickedSlot('Monday', three, NY, now), undefined);
  });
});
