import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { ComponentDialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import { DialogTestClient } from 'botbuilder-testing';
import { DialogConversation, TEST_NOW, testServices } from '../support/dialogHarness';
import { play, type Step } from '../support/script';
import { describeReplies, saysKey, suggestedTitles, translator } from '../support/replies';
import { BOOKING_DIALOG, BookingDialog, type BookingDraft } from '../../dialogs/bookingDialog';
import { LocationDialog } from '../../dialogs/locationDialog';
import { PersonalDetailsDialog } from '../../dialogs/personalDetailsDialog';
import { SlotDialog } from '../../dialogs/slotDialog';
import type { DialogServices } from '../../dialogs/services';
import { setTurnLanguage } from '../../dialogs/turnLanguage';
import { heardIn } from '../../dialogs/heard';
import { understand } from '../../src/domain/understanding';
import { warmUpDateParsers } from '../../src/domain/dates/parseWhen';
import { languageByCode } from '../../src/domain/languages';
import { formatCalendarDate } from '../../src/domain/dates/format';
import { PEOPLE, type Person } from './people';

/** Thursday 3 December 2026, 10:00 in New York (the test clock is Tuesday 1 December, 09:00). */
const THURSDAY_10AM_NEW_YORK = '2026-12-03T15:00:00.000Z';

/**
 * The booking flow begun as the root dialog begins it after a first message, with what that
 * message said (`heard`), in one language: the flows it begins by id are held beside it.
 */
class BookingAlone extends ComponentDialog {
  constructor(
    services: DialogServices,
    private readonly language: string,
  ) {
    super('bookingAlone');
    const flows = [
      new BookingDialog(services),
      new LocationDialog(services),
      new PersonalDetailsDialog(services),
      new SlotDialog(services),
    ];
    for (const flow of flows) {
      this.addDialog(flow);
      for (const prompt of flow.prompts) this.addDialog(prompt);
    }
    this.initialDialogId = BOOKING_DIALOG;
  }

  override beginDialog(dc: DialogContext, options?: object): Promise<DialogTurnResult> {
    setTurnLanguage(dc.context, this.language);
    return super.beginDialog(dc, options);
  }

  override continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    setTurnLanguage(dc.context, this.language);
    return super.continueDialog(dc);
  }
}

/** A conversation whose first message begins the booking with what it said, as the root dialog does. */
class AheadConversation {
  readonly services = testServices();
  private client?: DialogTestClient;
  turns = 0;
  transcript: string[] = [];
  last: Partial<Activity>[] = [];

  constructor(private readonly language: string) {}

  async send(text: string): Promise<Partial<Activity>[]> {
    if (!this.client) {
      const reading = understand(text, this.language, { now: new Date(TEST_NOW), timeZone: 'America/New_York' });
      const draft: BookingDraft = { heard: heardIn(text, this.language, reading, this.services) };
      this.client = new DialogTestClient('test', new BookingAlone(this.services, this.language), draft);
    }
    this.turns += 1;
    const replies: Partial<Activity>[] = [];
    const first = (await this.client.sendActivity({ type: 'message', text })) as Partial<Activity> | undefined;
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

  /** The title of the n-th suggested action of the last replies (what a click sends). */
  button(n: number): string {
    const titles = suggestedTitles(this.last);
    assert.ok(titles.length > n, `no suggested action #${n} in:\n${describeReplies(this.last)}`);
    return titles[n];
  }

  /** From the first message to the summary: four turns. */
  async toSummary(person: Person): Promise<string> {
    await this.expect(person.first, ['details.namePrompt']);
    await this.expect(person.name, ['details.dobPrompt']);
    await this.expect(person.dateOfBirth, ['details.phonePrompt']);
    return textOf(await this.expect(person.phone, ['booking.summary']));
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
}

function textOf(replies: Partial<Activity>[]): string {
  return replies.map((r) => r.text ?? '').join('\n');
}

describe('answers ahead of questions: the booking asks only what is missing (dialogs)', () => {
  before(function () {
    this.timeout(60_000);
    warmUpDateParsers(new Date(TEST_NOW));
  });

  for (const [code, person] of Object.entries(PEOPLE)) {
    it(`books in 5 turns when the first message says what, the ZIP code, the reason and the day, in ${languageByCode(code).nativeName} (${code})`, async () => {
      const t = translator.for(code);
      const conversation = new AheadConversation(code);
      const first = await conversation.expect(person.first, ['recap.office', 'recap.reason', 'details.namePrompt']);
      const said = textOf(first);
      assert.ok(said.includes(t('reasons.green_card_not_received')), `the reason taken is said back:\n${said}`);
      assert.ok(saysKey(first, code, 'recap.when'), `the day and time taken are said back:\n${said}`);
      assert.equal(first.length, 1, 'what was taken and the next question come in one message');
      await conversation.expect(person.name, ['details.dobPrompt']);
      await conversation.expect(person.dateOfBirth, ['details.phonePrompt']);
      const summary = await conversation.expect(person.phone, ['booking.summary']);
      assert.ok(textOf(summary).includes(formatCalendarDate('1980-03-04', languageByCode(code).intlLocale)), textOf(summary));
      const notice = await conversation.expect(person.confirm, ['notice.text']);
      assert.ok(
        notice.some((r) => r.attachments?.length),
        'the notice card is sent',
      );
      assert.ok(conversation.turns <= 5, `booked in ${conversation.turns} turns`);
      if (process.env.SHOW_TRANSCRIPT === code) console.log(conversation.transcript.join('\n'));

      const receipt = /IP-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]/.exec(textOf(notice))?.[0] ?? '';
      const booked = await conversation.services.store.get(receipt.replace(/-/g, ''));
      assert.equal(booked?.status, 'booked');
      assert.equal(new Date(booked.slotStart).toISOString(), THURSDAY_10AM_NEW_YORK);
      assert.equal(booked.reason, 'green_card_not_received');
    });
  }
});

/** The summary's lines that do not name `changed` (date, time, office, reason, name, date of birth, phone). */
function linesBut(summary: string, changed: string): string[] {
  return summary.split('\n').filter((line) => line.startsWith('•') && !line.includes(changed));
}

describe('corrections at the summary change one field and keep the others (dialogs)', () => {
  before(function () {
    this.timeout(60_000);
    warmUpDateParsers(new Date(TEST_NOW));
  });

  for (const [code, person] of Object.entries(PEOPLE)) {
    it(`"Change something" → phone asks the phone number only, then the summary, in ${languageByCode(code).nativeName} (${code})`, async () => {
      const conversation = new AheadConversation(code);
      const before = await conversation.toSummary(person);
      await conversation.expect(conversation.button(2), ['recap.whichField']);
      await conversation.expect(conversation.button(4), ['details.phonePrompt']);
      const after = textOf(await conversation.expect('(718) 222-3333', ['booking.summary']));
      assert.ok(after.includes('(718) 222-3333'), `the new phone is in the summary:\n${after}`);
      assert.deepEqual(linesBut(after, '222-3333'), linesBut(before, '736-5000'), 'every other line is as before');
      const notice = await conversation.expect(person.confirm, ['notice.text']);
      const receipt = /IP-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]/.exec(textOf(notice))?.[0] ?? '';
      const booked = await conversation.services.store.get(receipt.replace(/-/g, ''));
      assert.equal(booked?.phone, '+17182223333');
      assert.equal(new Date(booked.slotStart).toISOString(), THURSDAY_10AM_NEW_YORK);
    });
  }

  it('"no, my ZIP is 94103" changes the office, keeping the reason, the personal details and the day and time asked for', async () => {
    const conversation = new AheadConversation('en');
    const before = await conversation.toSummary(PEOPLE.en);
    // Thursday at 10 was asked for: it is taken again at the new office, in its own time zone.
    const after = textOf(await conversation.expect('no, my ZIP is 94103', ['booking.summary']));
    assert.match(after, /San Francisco/);
    assert.match(after, /10:00 AM \(Pacific Standard Time\)/);
    for (const kept of ['Thursday, December 3, 2026', 'Green card never received', 'Mary Johnson', 'March 4, 1980', '(212) 736-5000']) {
      assert.ok(before.includes(kept) && after.includes(kept), `${kept} is kept:\n${after}`);
    }
  });

  it('"wrong phone" asks the phone number only', async () => {
    const conversation = new AheadConversation('en');
    const before = await conversation.toSummary(PEOPLE.en);
    await conversation.expect('wrong phone', ['details.phonePrompt']);
    const after = textOf(await conversation.expect('718 222 3333', ['booking.summary']));
    assert.deepEqual(linesBut(after, '222-3333'), linesBut(before, '736-5000'));
  });

  it('"no, my phone is 718 222 3333" changes the phone at once', async () => {
    const conversation = new AheadConversation('en');
    const before = await conversation.toSummary(PEOPLE.en);
    const after = textOf(await conversation.expect('no, my phone is 718 222 3333', ['booking.summary']));
    assert.deepEqual(linesBut(after, '222-3333'), linesBut(before, '736-5000'));
  });

  it('"change the date" asks the day and time only', async () => {
    const conversation = new AheadConversation('en');
    await conversation.toSummary(PEOPLE.en);
    await conversation.expect('change the date', ['slots.prompt']);
    await conversation.expect('Friday at 2pm', ['slots.offerExact']);
    const after = textOf(await conversation.expect(conversation.button(0), ['booking.summary']));
    assert.match(after, /Friday, December 4, 2026/);
    assert.match(after, /Mary Johnson/);
  });

  it('"el nombre está mal" asks the name only (es)', async () => {
    const conversation = new AheadConversation('es');
    const before = await conversation.toSummary(PEOPLE.es);
    await conversation.expect('el nombre está mal', ['details.namePrompt']);
    const after = textOf(await conversation.expect('María José López', ['booking.summary']));
    assert.match(after, /María José López/);
    assert.deepEqual(linesBut(after, 'María José López'), linesBut(before, 'María López'));
  });

  it('"no" alone at the summary still books nothing', async () => {
    const conversation = new AheadConversation('en');
    await conversation.toSummary(PEOPLE.en);
    await conversation.expect('no', ['booking.notBooked']);
  });
});

describe('dates read honestly: a word like a date left unread is asked about, never booked as today (dialogs)', () => {
  /** A first message with no day: the booking asks for one after the personal details. */
  const NO_DAY: Readonly<Record<string, string>> = {
    en: 'I need an appointment about my green card that never arrived. I live in 10001',
    es: 'Necesito una cita porque nunca recibí mi green card. Vivo en el 10001',
    fr: "Je voudrais un rendez-vous, je n'ai jamais reçu ma carte verte. J'habite au 10001",
  };
  before(function () {
    this.timeout(60_000);
    warmUpDateParsers(new Date(TEST_NOW));
  });

  async function atDateQuestion(code: string): Promise<AheadConversation> {
    const conversation = new AheadConversation(code);
    const person = PEOPLE[code];
    await conversation.toSummary({ ...person, first: NO_DAY[code] }).catch(() => undefined);
    assert.ok(saysKey(conversation.last, code, 'slots.prompt'), `the date is asked:\n${conversation.transcript.join('\n')}`);
    return conversation;
  }

  // Misspelt weekdays no parser reads; the time alone would be read as today.
  const DOUBTFUL: readonly { code: string; typed: string; word: string; then: string }[] = [
    { code: 'en', typed: 'frdy 10am', word: 'frdy', then: 'Friday at 10am' },
    { code: 'es', typed: 'mircoles a las 10', word: 'mircoles', then: 'el miércoles a las 10' },
    { code: 'fr', typed: 'jeudii 10h', word: 'jeudii', then: 'jeudi à 10h' },
  ];
  for (const entry of DOUBTFUL) {
    it(`${entry.code}: "${entry.typed}" asks which day "${entry.word}" means, offers nothing, and books nothing`, async () => {
      const conversation = await atDateQuestion(entry.code);
      const replies = await conversation.expect(entry.typed, ['slots.doubtful']);
      assert.ok(textOf(replies).includes(entry.word), `the word is named:\n${textOf(replies)}`);
      assert.ok(
        !saysKey(replies, entry.code, 'slots.offerExact') && !saysKey(replies, entry.code, 'slots.offerNearest'),
        'no time is offered',
      );
      assert.equal(suggestedTitles(replies).length, 0, 'no slot to click');
      assert.equal(replies.length, 1, 'one question, not an explanation and a second question');
      await conversation.expect(entry.then, ['slots.offerExact']);
    });
  }

  it("the words left unread come from the understanding's date reading when it made one, else from reading the text", () => {
    const services = testServices();
    const context = { now: new Date(TEST_NOW), timeZone: 'America/New_York' };
    const typed = 'frdy 10am';
    const reading = understand(typed, 'en', context);
    assert.deepEqual(reading.dates?.unreadDateLike, ['frdy']);
    // The reading handed over is the one used: the text is not read for dates a second time.
    const handed = { entities: reading.entities, dates: reading.dates && { ...reading.dates, unreadDateLike: ['fri'] } };
    assert.deepEqual(heardIn(typed, 'en', handed, services).whenUnread, ['fri']);
    // A ZIP code blanked out of the text the understanding read for dates: no reading is carried, the text is read.
    const withZip = 'zip 10001 frdy 10am';
    const zipReading = understand(withZip, 'en', context);
    assert.equal(zipReading.dates, undefined);
    assert.deepEqual(heardIn(withZip, 'en', zipReading, services).whenUnread, ['frdy']);
  });

  it('en: a first message whose day was not read ("frdy 10am") asks which day "frdy" is, then offers that day at 10, never 10 today', async () => {
    const conversation = new AheadConversation('en');
    const first = await conversation.expect('I need an appointment for my green card that never arrived, ZIP 10001, frdy 10am', [
      'details.namePrompt',
    ]);
    assert.ok(!saysKey(first, 'en', 'recap.when'), `no day is said back as asked for:\n${textOf(first)}`);
    await conversation.expect(PEOPLE.en.name, ['details.dobPrompt']);
    await conversation.expect(PEOPLE.en.dateOfBirth, ['details.phonePrompt']);
    const asked = await conversation.expect(PEOPLE.en.phone, ['slots.doubtful']);
    assert.match(textOf(asked), /"frdy"/);
    assert.equal(suggestedTitles(asked).length, 0, 'no time is offered before the day is known');
    const offer = await conversation.expect('Friday', ['slots.offerExact']);
    assert.ok(
      suggestedTitles(offer).some((title) => /^Friday, December 4, 2026, 10:00\sAM$/.test(title)),
      suggestedTitles(offer).join(' | '),
    );
  });

  it('en: "tomorrow at 10 with my wife" goes on, saying back the day and time understood', async () => {
    const conversation = await atDateQuestion('en');
    const replies = await conversation.expect('tomorrow at 10 with my wife', ['slots.understood', 'slots.offerExact']);
    assert.match(textOf(replies), /Wednesday, December 2, 2026, 10:00\sAM/);
  });

  it('en: a message with no date at all is asked again, as before', async () => {
    const conversation = await atDateQuestion('en');
    await conversation.expect('whenever you like', ['slots.notUnderstood', 'slots.promptAgain']);
  });
});

describe('answers typed ahead at a later question are kept (dialogs)', () => {
  before(function () {
    this.timeout(60_000);
    warmUpDateParsers(new Date(TEST_NOW));
  });

  const TO_REASON: Step[] = [
    { say: 'hi', expect: ['language.prompt'] },
    { say: 'English', expect: ['menu.prompt'] },
    { say: 'Make an appointment', expect: ['location.zipPrompt'] },
    { say: '10001', expect: ['location.office'] },
    { say: 'yes', expect: ['booking.reasonPrompt'] },
  ];

  it('"green card, and I can come Tuesday morning" at the reason question fills the reason and the day', async () => {
    const conversation = new DialogConversation();
    const turns = await play(conversation, 'en', [
      ...TO_REASON,
      { say: 'green card never arrived, and I can come Tuesday morning', expect: ['recap.when', 'details.namePrompt'] },
      { say: 'Maria Lopez', expect: ['details.dobPrompt'] },
      { say: 'March 4, 1980', expect: ['details.phonePrompt'] },
      { say: '(212) 736-5000', expect: ['slots.offerExact'] },
    ]);
    assert.match(textOf(turns[5]), /Tuesday, December 8, 2026, morning/);
    assert.ok(
      suggestedTitles(turns[8]).every((title, i, all) => i === all.length - 1 || /Tuesday, December 8/.test(title)),
      suggestedTitles(turns[8]).join(' | '),
    );
    const summary = await play(conversation, 'en', [{ click: 0, expect: ['booking.summary'] }]);
    assert.match(textOf(summary[0]), /Green card never received/);
  });

  it('a reason typed with the ZIP code is not asked for, and is said back with the next question', async () => {
    const conversation = new DialogConversation();
    const turns = await play(conversation, 'en', [
      { say: 'hi', expect: ['language.prompt'] },
      { say: 'English', expect: ['menu.prompt'] },
      { say: 'Make an appointment', expect: ['location.zipPrompt'] },
      { say: '10001, my green card never arrived', expect: ['location.office'] },
      { say: 'yes', expect: ['recap.reason', 'details.namePrompt'] },
    ]);
    assert.match(textOf(turns[4]), /Green card never received/);
    assert.ok(!saysKey(turns[4], 'en', 'recap.office'), 'the office, just confirmed, is not said again');
  });

  it('a phone number typed with the name is not asked for', async () => {
    const conversation = new DialogConversation();
    await play(conversation, 'en', [
      ...TO_REASON,
      { say: 'Question about a pending case', expect: ['details.namePrompt'] },
      { say: 'Maria Lopez, my phone is 212 736 5000', expect: ['details.dobPrompt'] },
      { say: 'March 4, 1980', expect: ['slots.prompt'] },
      { say: 'tomorrow at 10am', expect: ['slots.offerExact'] },
      { clickMatching: /10:00/, expect: ['booking.summary'] },
    ]);
    const summary = conversation.lastReplies.map((r) => r.text ?? '').join('\n');
    assert.match(summary, /Name: Maria Lopez\n/);
    assert.match(summary, /\(212\) 736-5000/);
  });

  it('a date of birth typed with the name is not asked for', async () => {
    const conversation = new DialogConversation();
    await play(conversation, 'en', [
      ...TO_REASON,
      { say: 'Question about a pending case', expect: ['details.namePrompt'] },
      { say: 'Maria Lopez, born March 4, 1980', expect: ['details.phonePrompt'] },
      { say: '(212) 736-5000', expect: ['slots.prompt'] },
      { say: 'tomorrow at 10am', expect: ['slots.offerExact'] },
      { clickMatching: /10:00/, expect: ['booking.summary'] },
    ]);
    const summary = conversation.lastReplies.map((r) => r.text ?? '').join('\n');
    assert.match(summary, /Name: Maria Lopez\n/);
    assert.match(summary, /Date of birth: March 4, 1980/);
  });

  it('a phone number typed ahead is checked as if asked: a number abroad at a US office is explained and asked for', async () => {
    const conversation = new DialogConversation();
    await play(conversation, 'en', [
      ...TO_REASON,
      { say: 'Question about a pending case', expect: ['details.namePrompt'] },
      { say: 'Maria Lopez, my phone is +52 55 1234 5678', expect: ['details.dobPrompt'] },
      { say: 'March 4, 1980', expect: ['details.phoneInvalid', 'details.phonePrompt'] },
    ]);
  });
});

describe('the first message through the root dialog: everything said at once books in 5 turns (dialogs)', () => {
  before(function () {
    this.timeout(60_000);
    warmUpDateParsers(new Date(TEST_NOW));
  });

  for (const [code, person] of Object.entries(PEOPLE)) {
    it(`books from a first message in ${languageByCode(code).nativeName} (${code}), channel locale ${languageByCode(code).intlLocale}`, async () => {
      const conversation = new DialogConversation(undefined, languageByCode(code).intlLocale);
      const turns = await play(conversation, code, [
        { say: person.first, expect: ['recap.office', 'recap.reason', 'details.namePrompt'] },
        { say: person.name, expect: ['details.dobPrompt'] },
        { say: person.dateOfBirth, expect: ['details.phonePrompt'] },
        { say: person.phone, expect: ['booking.summary'] },
        { say: person.confirm, expect: ['notice.text'], card: true },
      ]);
      assert.equal(turns.length, 5);
      const receipt = /IP-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]/.exec(textOf(turns[4]))?.[0] ?? '';
      const booked = await conversation.store.get(receipt.replace(/-/g, ''));
      assert.equal(booked?.status, 'booked');
      assert.equal(new Date(booked.slotStart).toISOString(), THURSDAY_10AM_NEW_YORK);
      assert.equal(booked.reason, 'green_card_not_received');
      assert.equal(booked.language, code);
    });
  }
});

describe('corrections at any step change just that and ask on from where the person was (dialogs)', () => {
  before(function () {
    this.timeout(60_000);
    warmUpDateParsers(new Date(TEST_NOW));
  });

  const TO_REASON: Step[] = [
    { say: 'hi', expect: ['language.prompt'] },
    { say: 'English', expect: ['menu.prompt'] },
    { say: 'Make an appointment', expect: ['location.zipPrompt'] },
    { say: '10001', expect: ['location.office'] },
    { say: 'yes', expect: ['booking.reasonPrompt'] },
  ];

  it('"no, my ZIP is 94103" at the reason question names the new office and asks the reason again', async () => {
    const conversation = new DialogConversation();
    const turns = await play(conversation, 'en', [
      ...TO_REASON,
      { say: 'no, my ZIP is 94103', expect: ['recap.office', 'booking.reasonPrompt'] },
    ]);
    assert.match(textOf(turns[turns.length - 1]), /San Francisco/);
  });

  it('"no, my ZIP is 94103" at the date of birth question keeps the reason and the name', async () => {
    const conversation = new DialogConversation();
    await play(conversation, 'en', [
      ...TO_REASON,
      { say: 'Question about a pending case', expect: ['details.namePrompt'] },
      { say: 'Maria Lopez', expect: ['details.dobPrompt'] },
      { say: 'no, my ZIP is 94103', expect: ['recap.office', 'details.dobPrompt'] },
      { say: 'March 4, 1980', expect: ['details.phonePrompt'] },
      { say: '(415) 222-3333', expect: ['slots.prompt'] },
      { say: 'Thursday at 10am', expect: ['slots.offerExact'] },
      { clickMatching: /10:00/, expect: ['booking.summary'] },
    ]);
    const summary = conversation.lastReplies.map((r) => r.text ?? '').join('\n');
    for (const kept of [
      'San Francisco',
      'Pacific Standard Time',
      'Question about a pending case',
      'Maria Lopez',
      'March 4, 1980',
      '(415) 222-3333',
    ]) {
      assert.ok(summary.includes(kept), `${kept} in:\n${summary}`);
    }
  });

  it('"no, my ZIP is 94103" at the date question names the new office and asks the date again', async () => {
    const conversation = new DialogConversation();
    const turns = await play(conversation, 'en', [
      ...TO_REASON,
      { say: 'Question about a pending case', expect: ['details.namePrompt'] },
      { say: 'Maria Lopez', expect: ['details.dobPrompt'] },
      { say: 'March 4, 1980', expect: ['details.phonePrompt'] },
      { say: '(212) 736-5000', expect: ['slots.prompt'] },
      { say: 'no, my ZIP is 94103', expect: ['recap.office', 'slots.prompt'] },
    ]);
    assert.match(textOf(turns[turns.length - 1]), /San Francisco[\s\S]*Pacific/);
  });
});

describe('a reason answered by its own title says nothing more, even when the title has a number of days (dialogs)', () => {
  for (const [code, person] of Object.entries(PEOPLE)) {
    for (const reason of ['contact_center_followup', 'ead_inquiry'] as const) {
      it(`${code}: the title of ${reason} is the reason only, and the day is still asked`, async () => {
        const t = translator.for(code);
        const conversation = new AheadConversation(code);
        await conversation.expect('10001', ['recap.office', 'booking.reasonPrompt']);
        const named = await conversation.expect(t(`reasons.${reason}`), ['details.namePrompt']);
        assert.ok(!saysKey(named, code, 'recap.when'), `no day taken from the reason's title:\n${textOf(named)}`);
        await conversation.expect(person.name, ['details.dobPrompt']);
        await conversation.expect(person.dateOfBirth, ['details.phonePrompt']);
        const asked = await conversation.expect(person.phone, ['slots.prompt']);
        assert.ok(!saysKey(asked, code, 'slots.beyondWindow'), textOf(asked));
      });
    }
  }
});
