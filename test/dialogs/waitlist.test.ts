/**
 * The waitlist in the conversation: joining when no time suits (asked when nothing is free, a
 * choice beside the times offered otherwise), and answering the seat offered — in the chat where
 * the person joined, or by text in a new SMS conversation — in all 13 languages.
 */
import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { DialogTestClient } from 'botbuilder-testing';
import { TEST_CLOCK, TEST_NOW, TEST_PERSON_SECRET, testServices, testStore } from '../support/dialogHarness';
import { makeDobVerifier } from '../../src/domain/appointments/personIdentity';
import { formatReceiptNumber } from '../../src/domain/appointments/receiptNumber';
import { describeReplies, keyPattern, saysKey, suggestedTitles, translator } from '../support/replies';
import { eventually, offices, RecordingOutreach, relayFreedSeats } from '../support/waitlistFixtures';
import { appointmentRequest } from '../support/appointmentFixtures';
import { PEOPLE } from './people';
import { createRootDialog } from '../../dialogs/createRootDialog';
import type { DialogServices } from '../../dialogs/services';
import type { ContactRoute } from '../../src/domain/outreach/types';
import type { AppointmentStore } from '../../src/domain/appointments/types';
import { DEFAULT_SLOT_POLICY } from '../../src/domain/slots/schedule';
import type { SlotPolicy } from '../../src/domain/slots/types';
import { Waitlist } from '../../src/domain/waitlist/waitlist';
import { warmUpDateParsers } from '../../src/domain/dates/parseWhen';
import { LANGUAGES, languageByCode } from '../../src/domain/languages';
import { formatCalendarDate, formatSlot } from '../../src/domain/dates/format';
import { isOneOf } from '../../src/domain/text';
import { MemoryWaitlistStore } from '../../src/infra/memory/memoryWaitlistStore';
import { MemoryWaitlistJobs } from '../../src/infra/memory/memoryWaitlistJobs';
import type { MemoryAppointmentStore } from '../../src/infra/memory/memoryAppointmentStore';

/** Thursday 3 December 2026, 10:00 in New York (the test clock is Tuesday 1 December, 09:00). */
const THURSDAY_10 = '2026-12-03T10:00:00.000-05:00';
/** Wednesday 2 December 2026, 10:00 in New York: earlier than Thursday's appointments. */
const WEDNESDAY_10 = '2026-12-02T10:00:00.000-05:00';
const RECEIPT = /IP-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]/;

/** DialogTestClient names every conversation "Convo1": a conversation is told apart by its channel. */
function conversationKey(channelId: string): string {
  return `${channelId}/conversations/Convo1/`;
}

/** Where the answer to a message on a route comes back: a text to the SMS conversation, a chat message to that chat. */
function replyKeyOf(route: ContactRoute): string {
  if (route.channel === 'sms') return conversationKey('sms');
  return conversationKey((JSON.parse(route.conversationReference) as { channelId: string }).channelId);
}

interface WaitlistWorld {
  services: DialogServices;
  /** The appointment store itself (its holds). */
  raw: MemoryAppointmentStore;
  /** What the dialogs use: the same store (its cancels and moves record the seats they free). */
  store: AppointmentStore;
  outreach: RecordingOutreach;
  errors: Error[];
  close(): Promise<void>;
}

function world(policy: SlotPolicy = DEFAULT_SLOT_POLICY, reminders = false): WaitlistWorld {
  const errors: Error[] = [];
  const raw = testStore();
  const jobs = new MemoryWaitlistJobs((err) => errors.push(err));
  const store = raw;
  const relay = relayFreedSeats(raw.freedSeats, jobs, errors);
  const outreach = new RecordingOutreach();
  const waitlist = new Waitlist({
    entries: new MemoryWaitlistStore(),
    seats: raw,
    appointments: store,
    outreach,
    jobs,
    clock: TEST_CLOCK,
    offices,
    policy,
    translator,
    holdMinutes: 15,
    maxMoves: 3,
    replyKeyOf,
  });
  jobs.start(waitlist);
  const services = testServices({
    store,
    policy,
    waitlist: { waitlist },
    ...(reminders ? { outreach } : {}),
  });
  return {
    services,
    raw,
    store,
    outreach,
    errors,
    async close() {
      await relay.stop();
      await jobs.close();
    },
  };
}

/** One person's conversation on one channel, through the root dialog. */
class Conversation {
  private readonly client: DialogTestClient;
  transcript: string[] = [];
  last: Partial<Activity>[] = [];

  constructor(
    services: DialogServices,
    private readonly language: string,
    channelId = 'webchat',
  ) {
    this.client = new DialogTestClient(channelId, createRootDialog(services));
  }

  async send(text: string): Promise<Partial<Activity>[]> {
    const replies: Partial<Activity>[] = [];
    const locale = languageByCode(this.language).intlLocale;
    const first = (await this.client.sendActivity({ type: 'message', text, locale })) as Partial<Activity> | undefined;
    if (first) replies.push(first);
    for (
      let next = this.client.getNextReply() as Partial<Activity> | undefined;
      next;
      next = this.client.getNextReply() as Partial<Activity> | undefined
    ) {
      replies.push(next);
    }
    this.transcript.push(`> ${text}`, describeReplies(replies));
    this.last = replies;
    return replies;
  }

  async expect(text: string, keys: string[]): Promise<Partial<Activity>[]> {
    const replies = await this.send(text);
    for (const key of keys) {
      assert.ok(
        saysKey(replies, this.language, key),
        `after "${text}" expected ${this.language}:${key}; got:\n${describeReplies(replies)}\n--- transcript ---\n${this.transcript.join('\n')}`,
      );
    }
    return replies;
  }

  /** The title of a suggested action of the last replies: the n-th, or (negative) from the end. */
  button(n: number): string {
    const titles = suggestedTitles(this.last);
    const title = titles[n < 0 ? titles.length + n : n];
    assert.ok(title, `no suggested action #${n} in:\n${describeReplies(this.last)}`);
    return title;
  }
}

/** Books `seats` appointments of other people in a slot; returns their receipt numbers. */
async function fillSlot(store: AppointmentStore, slotStart: string, seats = DEFAULT_SLOT_POLICY.capacity): Promise<string[]> {
  const receipts: string[] = [];
  for (let i = 0; i < seats; i++) {
    const booked = await store.book(appointmentRequest(`other-${slotStart}-${i}`, slotStart), DEFAULT_SLOT_POLICY.capacity);
    assert.ok(booked.ok);
    receipts.push(booked.appointment.receiptNumber);
  }
  return receipts;
}

function textOf(replies: Partial<Activity>[]): string {
  return replies.map((r) => r.text ?? '').join('\n');
}

function hasCard(replies: Partial<Activity>[]): boolean {
  return replies.some((r) => r.attachments?.some((a) => a.contentType === 'application/vnd.microsoft.card.adaptive'));
}

describe('the waitlist in the conversation (dialogs, English)', () => {
  let w: WaitlistWorld;

  before(function () {
    this.timeout(60_000);
    warmUpDateParsers(new Date(TEST_NOW));
  });

  afterEach(async () => {
    assert.deepEqual(
      w.errors.map((e) => e.message),
      [],
    );
    await w.close();
  });

  /** From the menu to the question of the day and time, as Mary Johnson at the New York office. */
  async function toTheTime(c: Conversation): Promise<void> {
    await c.expect('I need an appointment about my green card that never arrived. I live in 10001', ['details.namePrompt']);
    await c.expect('Mary Johnson', ['details.dobPrompt']);
    await c.expect('March 4, 1980', ['details.phonePrompt']);
    await c.expect('(212) 736-5000', ['slots.prompt']);
  }

  it('no time free in two weeks: asked, joins by text message; the seat freed is offered by text, and a new SMS conversation takes it', async () => {
    // One day's window with one seat per slot, all taken: nothing is free.
    const policy: SlotPolicy = { ...DEFAULT_SLOT_POLICY, capacity: 1, windowDays: 1 };
    w = world(policy);
    const starts = ['2026-12-01', '2026-12-02'].flatMap((day) =>
      Array.from({ length: 16 }, (_, i) => `${day}T${String(8 + Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'}:00.000-05:00`),
    );
    const receipts: string[] = [];
    for (const start of starts) {
      const booked = await w.store.book(appointmentRequest(`other-${start}`, start), 1);
      if (booked.ok) receipts.push(booked.appointment.receiptNumber);
    }
    const c = new Conversation(w.services, 'en');
    await toTheTime(c);
    await c.expect('tomorrow at 10am', ['waitlist.askFullyBooked']);
    await c.expect('yes', ['waitlist.howPrompt']);
    assert.match(c.button(1), /\(212\) 736-5000/);
    const joined = await c.expect(c.button(1), ['waitlist.joined', 'waitlist.howSmsSaid', 'waitlist.leaveHint', 'menu.prompt']);
    assert.match(textOf(joined), /December 1, 2026 to December 2, 2026/);
    assert.match(textOf(joined), /15 minutes/);

    // Wednesday 10:00 is cancelled: held for Mary and told to her phone.
    const wednesday10 = receipts[starts.indexOf('2026-12-02T10:00:00.000-05:00') - (starts.length - receipts.length)];
    const cancelled = await w.store.cancel(wednesday10);
    assert.ok(cancelled.ok && cancelled.appointment.slotStart === '2026-12-02T10:00:00.000-05:00');
    await eventually(() => w.outreach.sent.length === 1, 'the offer is sent');
    const [offer] = w.outreach.sent;
    assert.deepEqual(offer.route, { channel: 'sms', phone: '+12127365000' });
    assert.match(offer.text, keyPattern('en', 'waitlist.offer'));
    assert.match(offer.text, /Wednesday, December 2, 2026 at 10:00\sAM \(Eastern Standard Time\)/);
    assert.deepEqual(await w.store.countBooked('NYC', ['2026-12-02T10:00:00.000-05:00']), [1], 'held');

    // The answer comes by text: a new conversation on the SMS channel, its first message "YES".
    const sms = new Conversation(w.services, 'en', 'sms');
    const taken = await sms.expect('YES', ['waitlist.taken', 'notice.text']);
    assert.ok(hasCard(taken));
    assert.match(textOf(taken), /Wednesday, December 2, 2026/);
    assert.deepEqual(await w.store.countBooked('NYC', ['2026-12-02T10:00:00.000-05:00']), [1], 'the held seat became the appointment');
    const receipt = /IP-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]/.exec(textOf(taken))?.[0] ?? '';
    const booked = await w.store.get(receipt.replace(/-/g, ''));
    assert.equal(booked?.name, 'Mary Johnson');
    assert.equal(booked?.status, 'booked');
    // The same answer again (a redelivered text) shows the same appointment, and books nothing more.
    const again = await sms.send('yes');
    assert.ok(textOf(again).includes(receipt), describeReplies(again));
    assert.deepEqual(await w.store.countBooked('NYC', ['2026-12-02T10:00:00.000-05:00']), [1]);
  });

  it('a reschedule that finds nothing earlier offers to wait for an earlier time; taken by text, it moves the appointment', async () => {
    w = world();
    const wednesday9 = '2026-12-02T09:00:00.000-05:00';
    const booked = await w.store.book(
      appointmentRequest('mary', wednesday9, { name: 'Mary Johnson', dobVerifier: makeDobVerifier('1980-03-04', TEST_PERSON_SECRET) }),
      2,
    );
    assert.ok(booked.ok);
    const { receiptNumber } = booked.appointment;
    // Every time before hers is taken: Tuesday from 10:00 (the first bookable), Wednesday 8:00 and 8:30.
    const before = [
      ...Array.from(
        { length: 12 },
        (_, i) => `2026-12-01T${String(10 + Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'}:00.000-05:00`,
      ),
      '2026-12-02T08:00:00.000-05:00',
      '2026-12-02T08:30:00.000-05:00',
    ];
    const taken = new Map<string, string[]>();
    for (const start of before) taken.set(start, await fillSlot(w.store, start));
    const c = new Conversation(w.services, 'en');
    await c.expect('English', ['menu.prompt']);
    await c.expect(translator.for('en')('menu.reschedule'), ['cancel.receiptPrompt']);
    await c.expect(formatReceiptNumber(receiptNumber), ['cancel.dobPrompt']);
    await c.expect('March 4, 1980', ['reschedule.current', 'slots.prompt']);
    await c.expect('tomorrow at 8am', ['slots.offerNearest']);
    assert.equal(c.button(-1), 'Tell me if an earlier time opens');
    await c.expect(c.button(-1), ['waitlist.howPrompt']);
    const joined = await c.expect(c.button(1), ['waitlist.joined', 'waitlist.howSmsSaid', 'reschedule.kept']);
    assert.match(textOf(joined), /December 1, 2026 to December 2, 2026/);

    // Tuesday 14:00 is cancelled: earlier than Wednesday 9:00, held for Mary and texted to her.
    const tuesday14 = '2026-12-01T14:00:00.000-05:00';
    assert.ok((await w.store.cancel(taken.get(tuesday14)?.[0] ?? '')).ok);
    await eventually(() => w.outreach.sent.length === 1, 'the offer is sent');
    assert.deepEqual(w.outreach.sent[0].route, { channel: 'sms', phone: booked.appointment.phone });
    assert.match(
      w.outreach.sent[0].text,
      /Tuesday, December 1, 2026 at 2:00\sPM .*instead of your appointment on Wednesday, December 2, 2026 at 9:00\sAM/,
    );
    const sms = new Conversation(w.services, 'en', 'sms');
    const moved = await sms.expect('YES', ['reschedule.done', 'notice.text']);
    assert.match(
      textOf(moved),
      /moved from Wednesday, December 2, 2026 at 9:00\sAM \(Eastern Standard Time\) to Tuesday, December 1, 2026 at 2:00\sPM/,
    );
    const appointment = await w.store.get(receiptNumber);
    assert.equal(Date.parse(appointment?.slotStart ?? ''), Date.parse(tuesday14));
    assert.deepEqual(await w.store.countBooked('NYC', [tuesday14, wednesday9]), [2, 0], 'her old seat is free');
  });

  it('cancelling an appointment that waits for an earlier time takes it off the waiting list', async () => {
    w = world();
    const booked = await w.store.book(
      appointmentRequest('mary', THURSDAY_10, { dobVerifier: makeDobVerifier('1980-03-04', TEST_PERSON_SECRET) }),
      2,
    );
    assert.ok(booked.ok);
    const receipt = formatReceiptNumber(booked.appointment.receiptNumber);
    const c = new Conversation(w.services, 'en');
    await c.expect('English', ['menu.prompt']);
    await c.expect(translator.for('en')('menu.lookup'), ['cancel.receiptPrompt']);
    await c.expect(receipt, ['cancel.dobPrompt']);
    await c.expect('March 4, 1980', ['lookup.again', 'lookup.askEarlier']);
    await c.expect('yes', ['waitlist.howPrompt']);
    await c.expect('here', ['waitlist.joined']);
    await c.expect(translator.for('en')('menu.cancel'), ['cancel.receiptPrompt']);
    await c.expect(receipt, ['cancel.dobPrompt']);
    await c.expect('March 4, 1980', ['cancel.confirm']);
    await c.expect('yes', ['cancel.done']);
    await c.expect('stop waiting', ['waitlist.notWaiting']);
  });

  it('without texts (no Twilio): offered in the chat, joined there without asking how; by SMS, not offered', async () => {
    w = world();
    const [leaving] = await fillSlot(w.store, THURSDAY_10);
    const chatOnly: DialogServices = { ...w.services, sendsTexts: false };
    const c = new Conversation(chatOnly, 'en');
    await toTheTime(c);
    await c.expect('Thursday at 10am', ['slots.offerNearest']);
    assert.equal(c.button(-1), 'Tell me if a time opens on December 3, 2026');
    await c.expect(c.button(-1), ['waitlist.joined', 'waitlist.howChatSaid', 'menu.prompt']);
    await w.store.cancel(leaving);
    await eventually(() => w.outreach.sent.length === 1, 'the offer is sent');
    assert.equal(w.outreach.sent[0].route.channel, 'chat');

    const sms = new Conversation(chatOnly, 'en', 'sms');
    await toTheTime(sms);
    const offered = await sms.expect('Thursday at 10am', ['slots.offerNearest']);
    assert.doesNotMatch(textOf(offered), /Tell me if/);
  });

  it('no to "shall I tell you?" joins nothing', async () => {
    w = world({ ...DEFAULT_SLOT_POLICY, capacity: 1, windowDays: 1 });
    for (const day of ['2026-12-01', '2026-12-02']) {
      for (let i = 0; i < 16; i++) {
        const start = `${day}T${String(8 + Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'}:00.000-05:00`;
        await w.store.book(appointmentRequest(`other-${start}`, start), 1);
      }
    }
    const c = new Conversation(w.services, 'en');
    await toTheTime(c);
    await c.expect('tomorrow at 10am', ['waitlist.askFullyBooked']);
    await c.expect('no', ['waitlist.notJoined', 'menu.prompt']);
    await c.expect('stop waiting', ['waitlist.notWaiting']);
  });

  it('the day asked for is full: a choice to wait for that day, in this chat; the offer is taken here with "yes"', async () => {
    w = world();
    const receipts = await fillSlot(w.store, THURSDAY_10);
    for (const start of ['T08:00', 'T08:30', 'T09:00', 'T09:30', 'T10:30', 'T11:00'].map((t) => `2026-12-03${t}:00.000-05:00`))
      await fillSlot(w.store, start);
    const c = new Conversation(w.services, 'en');
    await toTheTime(c);
    await c.expect('Thursday at 10am', ['slots.notice_full_that_time', 'slots.offerNearest']);
    assert.equal(c.button(-1), 'Tell me if a time opens on December 3, 2026');
    await c.expect(c.button(-1), ['waitlist.howPrompt']);
    const joined = await c.expect('here', ['waitlist.joined', 'waitlist.howChatSaid', 'menu.prompt']);
    assert.match(textOf(joined), /\(December 3, 2026\)/);

    // One of the two people at Thursday 10:00 cancels: the seat is held for Mary and told in this chat.
    await w.store.cancel(receipts[0]);
    await eventually(() => w.outreach.sent.length === 1, 'the offer is sent');
    assert.equal(w.outreach.sent[0].route.channel, 'chat');
    const reference = JSON.parse(w.outreach.sent[0].route.channel === 'chat' ? w.outreach.sent[0].route.conversationReference : '{}') as {
      channelId?: string;
    };
    assert.equal(reference.channelId, 'webchat', 'told in the chat where the person joined');
    const taken = await c.expect('yes', ['waitlist.taken', 'notice.text', 'menu.prompt']);
    assert.ok(hasCard(taken));
    assert.match(textOf(taken), /Thursday, December 3, 2026/);
    assert.deepEqual(await w.store.countBooked('NYC', [THURSDAY_10]), [2]);
  });

  it('with reminders wired, taking the seat is followed by the reminder question, as any booking', async () => {
    w = world(DEFAULT_SLOT_POLICY, true);
    const [leaving] = await fillSlot(w.store, THURSDAY_10);
    const c = new Conversation(w.services, 'en');
    await toTheTime(c);
    await c.expect('Thursday at 10am', ['slots.offerNearest']);
    await c.expect(c.button(-1), ['waitlist.howPrompt']);
    await c.expect(c.button(0), ['waitlist.joined']);
    await w.store.cancel(leaving);
    await eventually(() => w.outreach.sent.length === 1, 'the offer is sent');
    await c.expect('yes', ['waitlist.taken', 'notice.text', 'reminder.askChat']);
    await c.expect(c.button(0), ['reminder.setChat']);
    assert.equal(w.outreach.reminders.size, 1);
  });

  for (const hadReminder of [false, true]) {
    it(`with reminders wired, an earlier seat taken ${hadReminder ? 'moves the reminder and asks nothing' : 'asks the reminder question, as a reschedule does'}`, async () => {
      w = world(DEFAULT_SLOT_POLICY, true);
      const friday10 = '2026-12-04T10:00:00.000-05:00';
      const booked = await w.store.book(
        appointmentRequest('mary', friday10, { dobVerifier: makeDobVerifier('1980-03-04', TEST_PERSON_SECRET) }),
        2,
      );
      assert.ok(booked.ok);
      const { receiptNumber } = booked.appointment;
      if (hadReminder) {
        await w.outreach.saveRoute(receiptNumber, { channel: 'sms', phone: booked.appointment.phone });
        await w.outreach.scheduleReminder(receiptNumber, new Date('2026-12-03T15:00:00.000Z'));
      }
      const [leaving] = await fillSlot(w.store, THURSDAY_10);
      for (const start of ['2026-12-01T10:00', '2026-12-02T10:00']) await fillSlot(w.store, `${start}:00.000-05:00`);
      const c = new Conversation(w.services, 'en');
      await c.expect('English', ['menu.prompt']);
      await c.expect(translator.for('en')('menu.lookup'), ['cancel.receiptPrompt']);
      await c.expect(formatReceiptNumber(receiptNumber), ['cancel.dobPrompt']);
      await c.expect('March 4, 1980', ['lookup.again', 'notice.text', 'lookup.askEarlier']);
      await c.expect('yes', ['waitlist.howPrompt']);
      await c.expect(c.button(0), ['waitlist.joined']);

      assert.ok((await w.store.cancel(leaving)).ok);
      await eventually(() => w.outreach.sent.length === 1, 'the offer is sent');
      const moved = await c.expect('yes', ['reschedule.done', 'notice.text']);
      assert.equal(Date.parse((await w.store.get(receiptNumber))?.slotStart ?? ''), Date.parse(THURSDAY_10));
      // The reminder is due 24 hours before the new time: Wednesday 10:00 New York.
      if (hadReminder) {
        assert.equal(saysKey(moved, 'en', 'reminder.askChat'), false, 'nothing asked');
        assert.equal(w.outreach.reminders.get(receiptNumber)?.toISOString(), '2026-12-02T15:00:00.000Z');
        return;
      }
      assert.ok(saysKey(moved, 'en', 'reminder.askChat'));
      await c.expect(c.button(0), ['reminder.setChat']);
      assert.equal(w.outreach.reminders.get(receiptNumber)?.toISOString(), '2026-12-02T15:00:00.000Z');
    });
  }

  it('the first free time of the week asked for is days into it: a choice to wait for an earlier one', async () => {
    w = world();
    // Monday 7 and Tuesday 8 December are taken: "next week" finds Wednesday first.
    for (const day of ['2026-12-07', '2026-12-08']) {
      for (let i = 0; i < 16; i++)
        await fillSlot(w.store, `${day}T${String(8 + Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'}:00.000-05:00`);
    }
    const c = new Conversation(w.services, 'en');
    await toTheTime(c);
    await c.expect('next week', ['slots.offerExact']);
    assert.match(c.button(0), /^Wednesday, December 9, 2026/);
    assert.equal(c.button(-1), 'Tell me if an earlier time opens');
    await c.expect(c.button(-1), ['waitlist.howPrompt']);
    const joined = await c.expect(c.button(0), ['waitlist.joined']);
    assert.match(textOf(joined), /\(December 7, 2026 to December 8, 2026\)/);
  });

  it('a time free on the day asked for: nothing to wait for', async () => {
    w = world();
    const c = new Conversation(w.services, 'en');
    await toTheTime(c);
    await c.expect('Thursday morning', ['slots.offerExact']);
    assert.equal(c.button(-1), 'Another time');
  });

  it('without the waitlist (no service), a full office says so as before', async () => {
    w = world({ ...DEFAULT_SLOT_POLICY, capacity: 1, windowDays: 1 });
    for (const day of ['2026-12-01', '2026-12-02']) {
      for (let i = 0; i < 16; i++) {
        const start = `${day}T${String(8 + Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'}:00.000-05:00`;
        await w.store.book(appointmentRequest(`other-${start}`, start), 1);
      }
    }
    const { waitlist: _waitlist, ...without } = w.services;
    const c = new Conversation(without, 'en');
    await toTheTime(c);
    await c.expect('tomorrow at 10am', ['slots.fullyBooked', 'menu.prompt']);
  });

  it('"stop waiting" leaves the list, and a seat freed then is offered to nobody', async () => {
    w = world();
    const receipts = await fillSlot(w.store, THURSDAY_10);
    for (const start of ['T08:00', 'T08:30', 'T09:00', 'T09:30', 'T10:30', 'T11:00'].map((t) => `2026-12-03${t}:00.000-05:00`))
      await fillSlot(w.store, start);
    const c = new Conversation(w.services, 'en');
    await toTheTime(c);
    await c.expect('Thursday at 10am', ['slots.offerNearest']);
    await c.expect(c.button(-1), ['waitlist.howPrompt']);
    await c.expect('1', ['waitlist.joined']);
    await c.expect('stop waiting', ['waitlist.left', 'menu.prompt']);
    await w.store.cancel(receipts[0]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(w.outreach.sent.length, 0);
  });

  it('"stop waiting" as the first message of a new SMS conversation, in the language it was joined in, leaves the list', async () => {
    w = world();
    await fillSlot(w.store, THURSDAY_10);
    const c = new Conversation(w.services, 'es');
    await c.expect('Hola, necesito una cita porque nunca recibí mi green card. Vivo en el 10001', ['details.namePrompt']);
    await c.expect('María López', ['details.dobPrompt']);
    await c.expect('4 de marzo de 1980', ['details.phonePrompt']);
    await c.expect('212 736 5000', ['slots.prompt']);
    await c.expect('el jueves a las 10', ['slots.notice_full_that_time']);
    await c.expect(c.button(-1), ['waitlist.howPrompt']);
    await c.expect(c.button(1), ['waitlist.joined', 'waitlist.howSmsSaid']);
    const sms = new Conversation(w.services, 'es', 'sms');
    await sms.expect('Dejar de esperar', ['waitlist.left']);
    const { waitlist } = w.services.waitlist ?? assert.fail('no waitlist');
    assert.deepEqual(await waitlist.entriesOf(conversationKey('sms')), []);
  });

  it('"no" to the offer lets it go to the next person; this person stays on the list', async () => {
    w = world();
    const receipts = await fillSlot(w.store, THURSDAY_10);
    for (const start of ['T08:00', 'T08:30', 'T09:00', 'T09:30', 'T10:30', 'T11:00'].map((t) => `2026-12-03${t}:00.000-05:00`))
      await fillSlot(w.store, start);
    const c = new Conversation(w.services, 'en');
    await toTheTime(c);
    await c.expect('Thursday at 10am', ['slots.offerNearest']);
    await c.expect(c.button(-1), ['waitlist.howPrompt']);
    await c.expect(c.button(0), ['waitlist.joined']);
    const { waitlist } = w.services.waitlist ?? assert.fail('no waitlist');
    await waitlist.join({
      officeCode: 'NYC',
      window: (await waitlist.entriesOf(conversationKey('webchat')))[0].window,
      person: {
        name: 'Ben Next',
        dobVerifier: 'v',
        personKey: 'person-ben',
        phone: '+12025550102',
        reason: 'pending_case',
        language: 'en',
      },
      route: { channel: 'sms', phone: '+12025550102' },
    });
    await w.store.cancel(receipts[0]);
    await eventually(() => w.outreach.sent.length === 1, 'Mary is told');
    await c.expect('no', ['waitlist.declined', 'menu.prompt']);
    assert.equal(w.outreach.sent.length, 2, 'Ben is told');
    assert.deepEqual(w.outreach.sent[1].route, { channel: 'sms', phone: '+12025550102' });
    assert.equal((await waitlist.entriesOf(conversationKey('webchat'))).length, 1);
  });
});

/** A person writing in their own language: what they want, ZIP 10001, a green card never received, Thursday at 10 am. */
interface Writer {
  first: string;
  name: string;
  /** 4 March 1980. */
  dateOfBirth: string;
  phone: string;
}

const WRITERS: Readonly<Record<string, Writer>> = {
  en: {
    first: 'Hello, I need an appointment because my green card never arrived. My ZIP is 10001, Thursday at 10am',
    name: 'Mary Johnson',
    dateOfBirth: 'March 4, 1980',
    phone: '(212) 736-5000',
  },
  es: {
    first: 'Hola, necesito una cita porque nunca recibí mi green card. Vivo en el 10001, el jueves a las 10 de la mañana',
    name: 'María López',
    dateOfBirth: '4 de marzo de 1980',
    phone: '212 736 5000',
  },
  eo: {
    first: 'Saluton, mi bezonas rendevuon ĉar mi neniam ricevis mian verdan karton. Mi loĝas en 10001, ĵaŭdon je la 10-a matene',
    name: 'Petro Kovalski',
    dateOfBirth: '4 marto 1980',
    phone: '212-736-5000',
  },
  vi: {
    first: 'Tôi muốn đặt lịch hẹn vì chưa nhận được thẻ xanh. Tôi ở 10001, thứ Năm lúc 10 giờ sáng',
    name: 'Nguyễn Văn An',
    dateOfBirth: '4 tháng 3 năm 1980',
    phone: '(212) 736-5000',
  },
  zh: {
    first: '我想预约，我的绿卡一直没收到。我住在10001，周四上午10点',
    name: '王小明',
    dateOfBirth: '1980年3月4日',
    phone: '212-736-5000',
  },
  tl: {
    first: 'Kailangan ko ng appointment kasi hindi ko natanggap ang green card ko. Nakatira ako sa 10001, Huwebes ng alas-10 ng umaga',
    name: 'Juan dela Cruz',
    dateOfBirth: 'Marso 4, 1980',
    phone: '(212) 736-5000',
  },
  ru: {
    first: 'Мне нужна запись: не пришла грин-карта. Живу в 10001, в четверг в 10 утра',
    name: 'Иван Петров',
    dateOfBirth: '4 марта 1980',
    phone: '212 736 5000',
  },
  pt: {
    first: 'Preciso de um agendamento porque nunca recebi meu green card. Moro no 10001, quinta às 10h',
    name: 'João Silva',
    dateOfBirth: '4 de março de 1980',
    phone: '(212) 736-5000',
  },
  fr: {
    first: "Je voudrais un rendez-vous, je n'ai jamais reçu ma carte verte. J'habite au 10001, jeudi à 10h",
    name: 'Marie Dubois',
    dateOfBirth: '4 mars 1980',
    phone: '212 736 5000',
  },
  ko: {
    first: '영주권을 받지 못해서 예약하고 싶어요. 우편번호는 10001이고 목요일 오전 10시요',
    name: '김민수',
    dateOfBirth: '1980년 3월 4일',
    phone: '212-736-5000',
  },
  pl: {
    first: 'Potrzebuję wizyty, bo nie dostałem zielonej karty. Mieszkam pod 10001, w czwartek o 10 rano',
    name: 'Anna Kowalska',
    dateOfBirth: '4 marca 1980',
    phone: '(212) 736-5000',
  },
  ar: {
    first: 'أريد موعدا لأنني لم أستلم البطاقة الخضراء. أسكن في 10001، الخميس الساعة 10 صباحا',
    name: 'محمد أحمد',
    dateOfBirth: '4 مارس 1980',
    phone: '212 736 5000',
  },
  ht: {
    first: 'Bonjou, mwen bezwen yon randevou paske mwen pa janm resevwa kat vèt mwen. Mwen rete nan 10001, jedi a 10è di maten',
    name: 'Jean Baptiste',
    dateOfBirth: '4 mas 1980',
    phone: '(212) 736-5000',
  },
};

describe('the waitlist in each of the 13 languages (dialogs)', () => {
  let w: WaitlistWorld;

  before(function () {
    this.timeout(60_000);
    warmUpDateParsers(new Date(TEST_NOW));
  });

  afterEach(async () => {
    assert.deepEqual(
      w.errors.map((e) => e.message),
      [],
    );
    await w.close();
  });

  for (const [code, writer] of Object.entries(WRITERS)) {
    it(`joins for the day asked, is told of the seat and takes it with "${translator.for(code)('common.yes')}" in ${languageByCode(code).nativeName} (${code})`, async () => {
      w = world();
      const [leaving] = await fillSlot(w.store, THURSDAY_10);
      const c = new Conversation(w.services, code);
      await c.expect(writer.first, ['details.namePrompt']);
      await c.expect(writer.name, ['details.dobPrompt']);
      await c.expect(writer.dateOfBirth, ['details.phonePrompt']);
      await c.expect(writer.phone, ['slots.notice_full_that_time']);
      const t = translator.for(code);
      const locale = languageByCode(code).intlLocale;
      assert.equal(c.button(-1), t('waitlist.choiceDay', { date: formatCalendarDate('2026-12-03', locale) }));
      await c.expect(c.button(-1), ['waitlist.howPrompt']);
      await c.expect(c.button(0), ['waitlist.joined', 'waitlist.howChatSaid', 'waitlist.leaveHint', 'menu.prompt']);

      assert.ok((await w.store.cancel(leaving)).ok);
      await eventually(() => w.outreach.sent.length === 1, 'the offer is sent');
      const { text } = w.outreach.sent[0];
      const slot = formatSlot(THURSDAY_10, 'America/New_York', locale);
      assert.match(text, keyPattern(code, 'waitlist.offer'));
      for (const part of [slot.date, slot.time, slot.zone, t('waitlist.minutes', { count: 15 })])
        assert.ok(text.includes(part), `"${part}" in: ${text}`);

      const taken = await c.expect(t('common.yes'), ['waitlist.taken', 'notice.text']);
      assert.ok(hasCard(taken));
      const receipt = /IP-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]/.exec(textOf(taken))?.[0] ?? '';
      const booked = await w.store.get(receipt.replace(/-/g, ''));
      assert.equal(booked?.status, 'booked');
      assert.equal(booked.language, code);
      assert.equal(booked.reason, 'green_card_not_received');
      assert.equal(Date.parse(booked.slotStart), Date.parse(THURSDAY_10));
      assert.deepEqual(await w.store.countBooked('NYC', [THURSDAY_10]), [2]);
    });
  }

  for (const [code, person] of Object.entries(PEOPLE)) {
    it(`holding an appointment, asks after the look-up to be told of an earlier time, and takes it: a move (${code})`, async () => {
      w = world();
      const [leaving] = await fillSlot(w.store, WEDNESDAY_10);
      const t = translator.for(code);
      const locale = languageByCode(code).intlLocale;
      const c = new Conversation(w.services, code);
      await c.expect(person.first, ['details.namePrompt']);
      await c.expect(person.name, ['details.dobPrompt']);
      await c.expect(person.dateOfBirth, ['details.phonePrompt']);
      await c.expect(person.phone, ['booking.summary']);
      const receipt = RECEIPT.exec(textOf(await c.expect(person.confirm, ['notice.text'])))?.[0] ?? '';
      const receiptNumber = receipt.replace(/-/g, '');
      assert.equal(Date.parse((await w.store.get(receiptNumber))?.slotStart ?? ''), Date.parse(THURSDAY_10));

      await c.expect(t('menu.lookup'), ['cancel.receiptPrompt']);
      await c.expect(receipt, ['cancel.dobPrompt']);
      await c.expect(person.dateOfBirth, ['lookup.again', 'notice.text', 'lookup.askEarlier']);
      await c.expect(person.confirm, ['waitlist.howPrompt']);
      await c.expect(c.button(0), ['waitlist.joined', 'waitlist.howChatSaid', 'waitlist.leaveHint']);

      assert.ok((await w.store.cancel(leaving)).ok);
      await eventually(() => w.outreach.sent.length === 1, 'the offer is sent');
      const { text } = w.outreach.sent[0];
      assert.match(text, keyPattern(code, 'waitlist.offerEarlier'));
      const offered = formatSlot(WEDNESDAY_10, 'America/New_York', locale);
      const current = formatSlot(THURSDAY_10, 'America/New_York', locale);
      for (const part of [offered.date, offered.time, offered.zone, current.date, current.time, t('waitlist.minutes', { count: 15 })])
        assert.ok(text.includes(part), `"${part}" in: ${text}`);

      const moved = await c.expect(t('common.yes'), ['reschedule.done', 'notice.text']);
      assert.ok(hasCard(moved));
      assert.equal(RECEIPT.exec(textOf(moved))?.[0], receipt, 'the receipt number stays');
      const appointment = await w.store.get(receiptNumber);
      assert.equal(Date.parse(appointment?.slotStart ?? ''), Date.parse(WEDNESDAY_10));
      assert.equal(appointment?.rescheduleCount, 1);
      assert.deepEqual(await w.store.countBooked('NYC', [WEDNESDAY_10, THURSDAY_10]), [2, 0]);
    });
  }

  for (const { code } of LANGUAGES) {
    it(`the words the hint tells people to write leave the list (${code})`, () => {
      const hint = translator.for(code)('waitlist.leaveHint');
      const quoted = /["«„“]\s*([^"»“”]+?)\s*["»“”]/u.exec(hint)?.[1];
      assert.ok(quoted, `a quoted phrase in: ${hint}`);
      assert.ok(isOneOf(quoted, translator.words(code, 'waitlist.leaveWords')), `"${quoted}" is one of waitlist.leaveWords`);
    });
  }
});
