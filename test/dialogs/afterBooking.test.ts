import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { BotConversation, DialogConversation, TEST_CLOCK, TEST_NOW, TEST_PERSON_SECRET, testServices } from '../support/dialogHarness';
import { MemoryAppointmentStore } from '../../src/infra/memory/memoryAppointmentStore';
import { play, receiptFrom, type Step } from '../support/script';
import { describeReplies, saysKey, suggestedTitles, translator } from '../support/replies';
import { RecordingOutreach } from '../support/recordingOutreach';
import { appointmentRequest } from '../support/appointmentFixtures';
import { warmUpDateParsers } from '../../src/domain/dates/parseWhen';
import { formatSlot } from '../../src/domain/dates/format';
import { languageByCode } from '../../src/domain/languages';
import { makeDobVerifier, personKey } from '../../src/domain/appointments/personIdentity';
import { formatReceiptNumber } from '../../src/domain/appointments/receiptNumber';
import type { AppointmentStore, BookResult, NewAppointment } from '../../src/domain/appointments/types';
import type { DialogServices } from '../../dialogs/services';
import { PEOPLE, type Person } from './people';

/** Thursday 3 December 2026, 10:00 in New York (the test clock is Tuesday 1 December, 09:00): what each person asks for. */
const THURSDAY_10AM_NEW_YORK = '2026-12-03T15:00:00.000Z';
/** Its reminder: the day before, at the same time. */
const REMINDER_DUE = '2026-12-02T15:00:00.000Z';
const DATE_OF_BIRTH = '1980-03-04';

function nameOf(code: string): string {
  return `${languageByCode(code).nativeName} (${code})`;
}

function withOutreach(overrides: Partial<DialogServices> = {}): { services: DialogServices; outreach: RecordingOutreach } {
  const outreach = new RecordingOutreach();
  return { services: testServices({ outreach, ...overrides }), outreach };
}

/** Everything in the first message, then name, date of birth, phone, yes: the notice and the reminder question. */
function bookingSteps(code: string, person: Person, reminderKey: string): Step[] {
  return [
    { say: person.first, expect: ['details.namePrompt'] },
    { say: person.name, expect: ['details.dobPrompt'] },
    { say: person.dateOfBirth, expect: ['details.phonePrompt'] },
    { say: person.phone, expect: ['booking.summary'] },
    { say: person.confirm, expect: ['notice.text', reminderKey], card: true },
  ];
}

function cardOf(replies: Partial<Activity>[]): string {
  const card = replies.flatMap((r) => r.attachments ?? []).find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
  assert.ok(card, `expected an Adaptive Card in:\n${describeReplies(replies)}`);
  return JSON.stringify(card.content);
}

/** An appointment booked straight in the store for the person of the tests (date of birth 4 March 1980). */
async function bookedInStore(store: AppointmentStore, overrides: Partial<NewAppointment> = {}) {
  const result = await store.book(
    appointmentRequest('after', THURSDAY_10AM_NEW_YORK, { dobVerifier: makeDobVerifier(DATE_OF_BIRTH, TEST_PERSON_SECRET), ...overrides }),
    2,
  );
  assert.ok(result.ok);
  return result.appointment;
}

describe('after the booking: reminder, look-up, reschedule, cancel (dialogs, issue 22)', function () {
  this.timeout(60_000);
  before(function () {
    this.timeout(120_000);
    warmUpDateParsers(new Date(TEST_NOW));
  });

  for (const [code, person] of Object.entries(PEOPLE)) {
    it(`in ${nameOf(code)}: a reminder in this chat, the notice again, a move with its reminder moved, a cancel with its reminder removed`, async () => {
      const t = translator.for(code);
      const { services, outreach } = withOutreach();
      const conversation = new DialogConversation(services);
      const booked = await play(conversation, code, bookingSteps(code, person, 'reminder.askChat'));
      const receipt = receiptFrom(booked[booked.length - 1]);
      const receiptNumber = receipt.replace(/-/g, '');
      assert.deepEqual(suggestedTitles(booked[booked.length - 1]), [
        t('reminder.inChat'),
        t('reminder.byText', { phone: '(212) 736-5000' }),
        t('reminder.noThanks'),
      ]);

      await play(conversation, code, [{ click: 0, expect: ['reminder.setChat', 'menu.prompt'] }]);
      const [saved] = outreach.of('saveRoute');
      assert.equal(saved.receiptNumber, receiptNumber);
      assert.equal(saved.route.channel, 'chat');
      assert.ok(
        saved.route.channel === 'chat' && JSON.parse(saved.route.conversationReference).conversation.id,
        'a conversation reference',
      );
      assert.deepEqual(outreach.of('scheduleReminder'), [{ call: 'scheduleReminder', receiptNumber, dueAt: REMINDER_DUE }]);

      // Look up: the menu's choice, the receipt number, the date of birth → the notice again.
      const lookup = await play(conversation, code, [
        { say: t('menu.lookup'), expect: ['cancel.receiptPrompt'] },
        { say: receipt, expect: ['cancel.dobPrompt'] },
        { say: person.dateOfBirth, expect: ['lookup.again', 'notice.text', 'menu.prompt'], card: true },
      ]);
      assert.equal(receiptFrom(lookup[2]), receipt);

      // Reschedule: Thursday at 10 again is the person's own time, so the nearest others are offered.
      const moving = await play(conversation, code, [
        { say: t('menu.reschedule'), expect: ['cancel.receiptPrompt'] },
        { say: receipt, expect: ['cancel.dobPrompt'] },
        { say: person.dateOfBirth, expect: ['reschedule.current', 'slots.prompt'] },
        { say: person.when, expect: ['slots.offerNearest'] },
        { click: 0, expect: ['reschedule.confirm'] },
        { say: person.confirm, expect: ['reschedule.done', 'notice.text', 'menu.prompt'], card: true },
      ]);
      const moved = await services.store.get(receiptNumber);
      assert.equal(moved?.status, 'booked');
      assert.notEqual(Date.parse(moved.slotStart), Date.parse(THURSDAY_10AM_NEW_YORK), 'moved to another time');
      assert.equal(moved.rescheduleCount, 1);
      assert.equal(receiptFrom(moving[5]), receipt, 'the receipt number stays');
      const zone = formatSlot(moved.slotStart, 'America/New_York', languageByCode(code).intlLocale).zone;
      assert.ok(cardOf(moving[5]).includes(zone), `the zone (${zone}) is named on the card`);
      assert.deepEqual(await services.store.countBooked('NYC', [THURSDAY_10AM_NEW_YORK, moved.slotStart]), [0, 1], 'the old seat is free');
      const reminders = outreach.of('scheduleReminder');
      assert.equal(reminders.length, 2, 'the reminder moved with the appointment');
      assert.equal(reminders[1].dueAt, new Date(Date.parse(moved.slotStart) - 24 * 3600_000).toISOString());

      await play(conversation, code, [
        { say: receipt, expect: ['cancel.dobPrompt'] },
        { say: person.dateOfBirth, expect: ['cancel.confirm'] },
        { say: person.confirm, expect: ['cancel.done', 'menu.prompt'] },
      ]);
      assert.deepEqual(outreach.of('cancelReminder'), [{ call: 'cancelReminder', receiptNumber }]);
    });
  }

  for (const [code, person] of Object.entries(PEOPLE)) {
    it(`by SMS in ${nameOf(code)}: "Shall I remind you the day before?" answered yes is a text to the number given`, async () => {
      const { services, outreach } = withOutreach();
      const conversation = new DialogConversation(services, undefined, 'sms');
      const turns = await play(conversation, code, bookingSteps(code, person, 'reminder.askSms'));
      const receiptNumber = receiptFrom(turns[turns.length - 1]).replace(/-/g, '');
      await play(conversation, code, [{ say: person.confirm, expect: ['reminder.setSms', 'menu.prompt'] }]);
      assert.deepEqual(outreach.of('saveRoute'), [{ call: 'saveRoute', receiptNumber, route: { channel: 'sms', phone: '+12127365000' } }]);
      assert.deepEqual(outreach.of('scheduleReminder'), [{ call: 'scheduleReminder', receiptNumber, dueAt: REMINDER_DUE }]);
    });
  }

  it('on Web Chat the reminder may be a text to the phone number given; "no, thanks" saves nothing', async () => {
    const person = PEOPLE.en;
    const { services, outreach } = withOutreach();
    const conversation = new DialogConversation(services);
    await play(conversation, 'en', [...bookingSteps('en', person, 'reminder.askChat'), { click: 1, expect: ['reminder.setSms'] }]);
    assert.deepEqual(
      outreach.of('saveRoute').map((c) => c.route),
      [{ channel: 'sms', phone: '+12127365000' }],
    );
    const other = withOutreach();
    const declining = new DialogConversation(other.services);
    await play(declining, 'en', [
      ...bookingSteps('en', person, 'reminder.askChat'),
      { click: 2, expect: ['reminder.none', 'menu.prompt'] },
    ]);
    assert.deepEqual(other.outreach.calls, []);
  });

  it('without texts (no Twilio): on Teams the reminder is a message in this chat, asked as such; on Web Chat and SMS none is offered', async () => {
    const person = PEOPLE.en;
    const { services, outreach } = withOutreach({ sendsTexts: false });
    const chat = new DialogConversation(services, undefined, 'msteams');
    const booked = await play(chat, 'en', bookingSteps('en', person, 'reminder.askChatOnly'));
    assert.deepEqual(suggestedTitles(booked[booked.length - 1]), [t('en', 'common.yes'), t('en', 'reminder.noThanks')]);
    await play(chat, 'en', [{ say: 'yes', expect: ['reminder.setChat', 'menu.prompt'] }]);
    assert.deepEqual(
      outreach.of('saveRoute').map((c) => c.route.channel),
      ['chat'],
    );
    for (const channel of ['webchat', 'sms']) {
      const other = withOutreach({ sendsTexts: false });
      const turns = await play(new DialogConversation(other.services, undefined, channel), 'en', bookingSteps('en', person, 'menu.prompt'));
      const last = turns[turns.length - 1];
      assert.ok(
        !saysKey(last, 'en', 'reminder.askSms') && !saysKey(last, 'en', 'reminder.askChatOnly'),
        `no reminder question on ${channel}`,
      );
      assert.deepEqual(other.outreach.calls, []);
    }
  });

  it('no reminder question without an Outreach', async () => {
    const plain = new DialogConversation();
    const turns = await play(plain, 'en', [...bookingSteps('en', PEOPLE.en, 'menu.prompt')]);
    assert.ok(!saysKey(turns[turns.length - 1], 'en', 'reminder.askChat'));
  });

  describe('look up', () => {
    it('"when is my appointment?" and "resend my notice" ask for the receipt number; with the number in the message, the date of birth', async () => {
      const { services } = withOutreach();
      const appointment = await bookedInStore(services.store);
      const receipt = formatReceiptNumber(appointment.receiptNumber);
      const conversation = new DialogConversation(services);
      await play(conversation, 'en', [
        { say: 'English', expect: ['menu.prompt'] },
        { say: 'when is my appointment?', expect: ['cancel.receiptPrompt'] },
        { say: 'start over', expect: ['language.prompt'] },
        { say: 'English', expect: ['menu.prompt'] },
        { say: 'please resend my notice', expect: ['cancel.receiptPrompt'] },
        { say: receipt, expect: ['cancel.dobPrompt'] },
        { say: 'March 4, 1980', expect: ['lookup.again', 'notice.text'], card: true },
        { say: `when is my appointment ${receipt}`, expect: ['cancel.dobPrompt'] },
        { say: '1980-03-04', expect: ['lookup.again', 'notice.text'] },
      ]);
      assert.equal((await services.store.get(appointment.receiptNumber))?.status, 'booked', 'looking up changes nothing');
    });

    it('a wrong date of birth gets the neutral answer; after five, checking is paused (and unknown numbers count the same)', async () => {
      const { services } = withOutreach();
      const appointment = await bookedInStore(services.store);
      const receipt = formatReceiptNumber(appointment.receiptNumber);
      const conversation = new DialogConversation(services);
      await play(conversation, 'en', [{ say: 'English', expect: ['menu.prompt'] }]);
      for (let i = 0; i < 5; i++) {
        await play(conversation, 'en', [
          { say: t('en', 'menu.lookup'), expect: ['cancel.receiptPrompt'] },
          { say: receipt, expect: ['cancel.dobPrompt'] },
          { say: '1990-01-01', expect: ['cancel.notFound', 'menu.prompt'] },
        ]);
      }
      await play(conversation, 'en', [
        { say: t('en', 'menu.lookup'), expect: ['cancel.receiptPrompt'] },
        { say: receipt, expect: ['verify.tooManyAttempts', 'menu.prompt'] },
      ]);
    });

    it('a cancelled appointment is said to be cancelled, not shown', async () => {
      const { services } = withOutreach();
      const appointment = await bookedInStore(services.store);
      await services.store.cancel(appointment.receiptNumber);
      const conversation = new DialogConversation(services);
      const turns = await play(conversation, 'en', [
        { say: 'English', expect: ['menu.prompt'] },
        { say: `resend my notice ${formatReceiptNumber(appointment.receiptNumber)}`, expect: ['cancel.dobPrompt'] },
        { say: 'March 4, 1980', expect: ['cancel.alreadyCancelled', 'menu.prompt'] },
      ]);
      assert.ok(!turns[2].some((r) => r.attachments?.length));
    });
  });

  describe('reschedule', () => {
    async function toConfirm(services: DialogServices, receipt: string): Promise<DialogConversation> {
      const conversation = new DialogConversation(services);
      await play(conversation, 'en', [
        { say: 'English', expect: ['menu.prompt'] },
        { say: 'I need to reschedule my appointment', expect: ['cancel.receiptPrompt'] },
        { say: receipt, expect: ['cancel.dobPrompt'] },
        { say: 'March 4, 1980', expect: ['reschedule.current', 'slots.prompt'] },
        { say: 'Friday at 2pm', expect: ['slots.offerExact'] },
        { clickMatching: /2:00/, expect: ['reschedule.confirm'] },
      ]);
      return conversation;
    }

    it('says no: nothing changes', async () => {
      const { services, outreach } = withOutreach();
      const appointment = await bookedInStore(services.store);
      const conversation = await toConfirm(services, formatReceiptNumber(appointment.receiptNumber));
      await play(conversation, 'en', [{ say: 'no', expect: ['reschedule.kept', 'menu.prompt'] }]);
      assert.deepEqual(await services.store.get(appointment.receiptNumber), appointment);
      assert.deepEqual(outreach.calls, []);
    });

    it('the time is taken meanwhile: says so and offers the other free times again', async () => {
      const { services } = withOutreach();
      const appointment = await bookedInStore(services.store);
      const conversation = await toConfirm(services, formatReceiptNumber(appointment.receiptNumber));
      const friday2pm = '2026-12-04T19:00:00.000Z';
      for (const person of ['x', 'y']) assert.ok((await services.store.book(appointmentRequest(person, friday2pm), 2)).ok);
      const turns = await play(conversation, 'en', [{ say: 'yes', expect: ['booking.slotTaken', 'slots.offerNearest'] }]);
      assert.ok(!suggestedTitles(turns[0]).some((title) => /2:00/.test(title)), describeReplies(turns[0]));
      await play(conversation, 'en', [
        { click: 0, expect: ['reschedule.confirm'] },
        { say: 'yes', expect: ['reschedule.done'] },
      ]);
      assert.equal((await services.store.get(appointment.receiptNumber))?.rescheduleCount, 1);
    });

    it('the notice says it was moved, from and to with date, time and zone; a reminder follows the move, and nothing more is asked', async () => {
      const { services, outreach } = withOutreach();
      const appointment = await bookedInStore(services.store);
      await outreach.saveRoute(appointment.receiptNumber, { channel: 'sms', phone: appointment.phone });
      await outreach.scheduleReminder(appointment.receiptNumber, new Date(REMINDER_DUE));
      const conversation = await toConfirm(services, formatReceiptNumber(appointment.receiptNumber));
      const [done] = await play(conversation, 'en', [
        { say: 'yes', expect: ['reschedule.done', 'notice.text', 'menu.prompt'], card: true },
      ]);
      const text = describeReplies(done);
      for (const part of [
        'moved from Thursday, December 3, 2026 at 10:00 AM (Eastern Standard Time)',
        'to Friday, December 4, 2026 at 2:00 PM (Eastern Standard Time)',
      ]) {
        assert.ok(text.includes(part), `"${part}" in:\n${text}`);
      }
      assert.ok(cardOf(done).includes('moved from'), 'the card leads with the move');
      assert.ok(!saysKey(done, 'en', 'reminder.askChat'), text);
      // The day before the new time, as the reminder asked for at booking.
      assert.deepEqual(outreach.of('scheduleReminder').at(-1), {
        call: 'scheduleReminder',
        receiptNumber: appointment.receiptNumber,
        dueAt: '2026-12-03T19:00:00.000Z',
      });
      assert.equal(outreach.of('saveRoute').length, 1, 'the route stays');
    });

    it('an appointment without a reminder: after the move, the reminder question of a booking, for the new time', async () => {
      const { services, outreach } = withOutreach();
      const appointment = await bookedInStore(services.store);
      const conversation = await toConfirm(services, formatReceiptNumber(appointment.receiptNumber));
      await play(conversation, 'en', [
        { say: 'yes', expect: ['reschedule.done', 'notice.text', 'reminder.askChat'], card: true },
        { click: 0, expect: ['reminder.setChat', 'menu.prompt'] },
      ]);
      assert.deepEqual(outreach.of('scheduleReminder'), [
        { call: 'scheduleReminder', receiptNumber: appointment.receiptNumber, dueAt: '2026-12-03T19:00:00.000Z' },
      ]);
    });

    it('"can\'t make it thursday, maybe friday" with the receipt number: verified, then Friday\'s times, the day not asked again', async () => {
      const { services } = withOutreach();
      const appointment = await bookedInStore(services.store);
      const conversation = new DialogConversation(services);
      const turns = await play(conversation, 'en', [
        { say: 'English', expect: ['menu.prompt'] },
        { say: `${formatReceiptNumber(appointment.receiptNumber)} can't make it thursday, maybe friday`, expect: ['cancel.dobPrompt'] },
        { say: 'March 4, 1980', expect: ['reschedule.current', 'slots.offerExact'] },
      ]);
      const times = suggestedTitles(turns[2]).slice(0, -1);
      assert.ok(times.length > 0 && times.every((title) => title.startsWith('Friday, December 4')), describeReplies(turns[2]));
    });

    it('moved the most times allowed already: says so before asking for a time', async () => {
      const { services } = withOutreach({ maxReschedules: 1 });
      const appointment = await bookedInStore(services.store);
      assert.ok((await services.store.move(appointment.receiptNumber, '2026-12-04T15:00:00.000Z', 2, 1)).ok);
      const conversation = new DialogConversation(services);
      await play(conversation, 'en', [
        { say: 'English', expect: ['menu.prompt'] },
        { say: t('en', 'menu.reschedule'), expect: ['cancel.receiptPrompt'] },
        { say: formatReceiptNumber(appointment.receiptNumber), expect: ['cancel.dobPrompt'] },
        { say: 'March 4, 1980', expect: ['reschedule.tooManyMoves', 'menu.prompt'] },
      ]);
    });

    it('a cancelled appointment cannot be moved', async () => {
      const { services } = withOutreach();
      const appointment = await bookedInStore(services.store);
      await services.store.cancel(appointment.receiptNumber);
      const conversation = new DialogConversation(services);
      await play(conversation, 'en', [
        { say: 'English', expect: ['menu.prompt'] },
        { say: `I need to reschedule ${formatReceiptNumber(appointment.receiptNumber)}`, expect: ['cancel.dobPrompt'] },
        { say: 'March 4, 1980', expect: ['reschedule.notBooked', 'menu.prompt'] },
      ]);
    });
  });

  describe('never a dead end: booking again with an appointment already', () => {
    const person = PEOPLE.en;
    async function existing(services: DialogServices, phone: string) {
      return bookedInStore(services.store, {
        name: person.name,
        phone,
        personKey: personKey(person.name, DATE_OF_BIRTH, TEST_PERSON_SECRET),
      });
    }

    /** To the summary, with a first message that names no reason: the reason is asked first. */
    const toSummary: Step[] = [
      { say: 'I need an appointment, I live in 10001, Friday at 2pm', expect: ['booking.reasonPrompt'] },
      { say: 'Question about a pending case', expect: ['details.namePrompt'] },
      { say: person.name, expect: ['details.dobPrompt'] },
      { say: person.dateOfBirth, expect: ['details.phonePrompt'] },
      { say: person.phone, expect: ['booking.summary'] },
    ];

    it('the name, date of birth and phone match: that appointment is shown, and moving it is offered', async () => {
      const { services } = withOutreach();
      const appointment = await existing(services, '+12127365000');
      const conversation = new DialogConversation(services);
      const turns = await play(conversation, 'en', [
        ...toSummary,
        { say: 'yes', expect: ['booking.alreadyYours', 'notice.text', 'booking.existingPrompt'], card: true },
        { say: 'move it', expect: ['reschedule.current', 'slots.prompt'] },
        { say: 'Friday at 2pm', expect: ['slots.offerExact'] },
        { clickMatching: /2:00/, expect: ['reschedule.confirm'] },
        { say: 'yes', expect: ['reschedule.done'] },
      ]);
      assert.equal(receiptFrom(turns[5]), formatReceiptNumber(appointment.receiptNumber));
      assert.equal(
        Date.parse((await services.store.get(appointment.receiptNumber))?.slotStart ?? ''),
        Date.parse('2026-12-04T14:00:00-05:00'),
      );
    });

    it('or cancelling it, without asking the receipt number again', async () => {
      const { services } = withOutreach();
      const appointment = await existing(services, '+12127365000');
      const conversation = new DialogConversation(services);
      await play(conversation, 'en', [
        ...toSummary,
        { say: 'yes', expect: ['booking.alreadyYours', 'booking.existingPrompt'] },
        { say: 'cancel', expect: ['cancel.confirm'] },
        { say: 'yes', expect: ['cancel.done'] },
      ]);
      assert.equal((await services.store.get(appointment.receiptNumber))?.status, 'cancelled');
    });

    it('another phone number: the neutral answer, nothing shown', async () => {
      const { services } = withOutreach();
      await existing(services, '+13055550100');
      const conversation = new DialogConversation(services);
      const turns = await play(conversation, 'en', [...toSummary, { say: 'yes', expect: ['booking.alreadyBooked', 'menu.prompt'] }]);
      const last = turns[turns.length - 1];
      assert.ok(!last.some((r) => r.attachments?.length));
      assert.ok(!/IP-/.test(describeReplies(last)));
    });
  });

  describe('idempotent booking', () => {
    /** A store that books, then fails the turn once: as a process that died after the booking script and before the state was saved. */
    class FailingAfterBook extends MemoryAppointmentStore {
      readonly requests: NewAppointment[] = [];
      private failed = false;
      override async book(request: NewAppointment, capacity: number): Promise<BookResult> {
        this.requests.push(request);
        const result = await super.book(request, capacity);
        if (this.failed) return result;
        this.failed = true;
        throw new Error('the process died after booking');
      }
    }

    it('the confirming turn fails after the store booked; the same message again gets the same receipt number, once', async () => {
      const failing = new FailingAfterBook({ clock: TEST_CLOCK });
      const { services } = withOutreach({ store: failing });
      const conversation = new BotConversation(services);
      const person = PEOPLE.en;
      for (const text of [person.first, person.name, person.dateOfBirth]) await conversation.send(text);
      const summary = await conversation.send(person.phone);
      assert.ok(saysKey(summary, 'en', 'booking.summary'), describeReplies(summary));
      await assert.rejects(conversation.sendActivity({ type: 'message', text: 'yes', id: 'confirm-1' }));
      const again = await conversation.sendActivity({ type: 'message', text: 'yes', id: 'confirm-1' });
      assert.ok(saysKey(again, 'en', 'notice.text'), describeReplies(again));
      const receipt = receiptFrom(again).replace(/-/g, '');
      assert.equal(failing.requests.length, 2);
      assert.ok(failing.requests[0].requestId, 'the booking carries a request id');
      assert.equal(failing.requests[1].requestId, failing.requests[0].requestId, 'the retry carries the same one');
      assert.equal((await failing.get(receipt))?.status, 'booked');
      assert.deepEqual(await failing.countBooked('NYC', [THURSDAY_10AM_NEW_YORK]), [1], 'one appointment');
    });
  });
});

function t(code: string, key: string): string {
  return translator.for(code)(key);
}
