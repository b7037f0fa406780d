import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import type { DialogTurnResult } from 'botbuilder-dialogs';
import { DialogTestClient } from 'botbuilder-testing';
import { DialogConversation, TEST_NOW, TEST_PERSON_SECRET, testServices } from '../support/dialogHarness';
import { play, type Step as ScriptStep } from '../support/script';
import { describeReplies, saysKey, suggestedTitles, translator } from '../support/replies';
import { appointmentRequest } from '../support/appointmentFixtures';
import { RootDialog } from '../../dialogs/rootDialog';
import { LanguageDialog } from '../../dialogs/languageDialog';
import { CancelDialog } from '../../dialogs/cancelDialog';
import { GoOnDialog } from '../../dialogs/goOnDialog';
import { BOOKING_DIALOG, type BookingDraft } from '../../dialogs/bookingDialog';
import type { Flow } from '../../dialogs/flow';
import type { DialogServices } from '../../dialogs/services';
import { giveUp } from '../../dialogs/attempts';
import { type Step, StepDialog } from '../../src/framework/stepDialog';
import { makeDobVerifier } from '../../src/domain/appointments/personIdentity';
import { formatReceiptNumber, generateReceiptNumber } from '../../src/domain/appointments/receiptNumber';
import { warmUpDateParsers } from '../../src/domain/dates/parseWhen';
import { LANGUAGES, languageByCode } from '../../src/domain/languages';

/** Per language: a greeting alone, the word people type to cancel, and the words of a booking up to the date of birth. */
interface Words {
  greeting: string;
  cancel: string;
  book: string;
  yes: string;
  name: string;
}

const WORDS: Readonly<Record<string, Words>> = {
  en: { greeting: 'good morning', cancel: 'cancel', book: 'book', yes: 'yes', name: 'Mary Johnson' },
  es: { greeting: 'hola', cancel: 'cancelar', book: 'sacar una cita', yes: 'sí', name: 'María López' },
  eo: { greeting: 'saluton', cancel: 'nuligi', book: 'rezervi rendevuon', yes: 'jes', name: 'Petro Kovalski' },
  vi: { greeting: 'xin chào', cancel: 'hủy', book: 'đặt hẹn', yes: 'vâng', name: 'Nguyễn Văn An' },
  zh: { greeting: '你好', cancel: '取消', book: '预约', yes: '是的', name: '王小明' },
  tl: { greeting: 'kumusta po', cancel: 'kanselahin', book: 'magpa-appointment', yes: 'opo', name: 'Juan dela Cruz' },
  ru: { greeting: 'здравствуйте', cancel: 'отменить', book: 'записаться', yes: 'да', name: 'Иван Петров' },
  pt: { greeting: 'olá', cancel: 'cancelar', book: 'marcar horário', yes: 'sim', name: 'João Silva' },
  fr: { greeting: 'bonjour', cancel: 'annuler', book: 'prendre rendez-vous', yes: 'oui', name: 'Marie Dubois' },
  ko: { greeting: '안녕하세요', cancel: '취소', book: '예약', yes: '네', name: '김민수' },
  pl: { greeting: 'dzień dobry', cancel: 'anuluj', book: 'umów wizytę', yes: 'tak', name: 'Anna Kowalska' },
  ar: { greeting: 'مرحبا', cancel: 'إلغاء', book: 'حجز موعد', yes: 'نعم', name: 'محمد أحمد' },
  ht: { greeting: 'bonjou', cancel: 'anile', book: 'pran yon randevou', yes: 'wi', name: 'Jean Baptiste' },
};

const DATE_OF_BIRTH = '1980-03-04';

function nameOf(code: string): string {
  return `${languageByCode(code).nativeName} (${code})`;
}

/** From the first message (the language's name) to the question of the date of birth, at the New York office. */
function toDateOfBirth(code: string): ScriptStep[] {
  const w = WORDS[code];
  return [
    { say: languageByCode(code).nativeName, expect: ['welcome.greeting', 'understanding.languageUsed', 'menu.prompt'] },
    { say: w.book, expect: ['location.zipPrompt'] },
    { say: '10001', expect: ['location.office'] },
    { say: w.yes, expect: ['booking.reasonPrompt'] },
    { say: '8', expect: ['details.namePrompt'] },
    { say: w.name, expect: ['details.dobPrompt'] },
  ];
}

/** A booking flow that only records the options it was begun with: what the root dialog hands to the booking. */
class RecordingBooking extends StepDialog<BookingDraft> implements Flow {
  readonly prompts = [];
  readonly begun: BookingDraft[] = [];

  constructor() {
    super(BOOKING_DIALOG);
    this.addStep((step: Step<BookingDraft>): Promise<DialogTurnResult> => {
      this.begun.push(step.options);
      return step.endDialog();
    });
  }
}

/** A booking flow that cannot go on with what it got (as after misread answers): it gives up. */
class GivingUpBooking extends StepDialog<BookingDraft> implements Flow {
  readonly prompts = [];
  readonly begun: BookingDraft[] = [];

  constructor(services: DialogServices) {
    super(BOOKING_DIALOG);
    this.addStep((step: Step<BookingDraft>): Promise<DialogTurnResult> => {
      this.begun.push(step.options);
      return giveUp(step, services);
    });
  }
}

/** The root dialog over a recording booking flow; `send` returns the turn's replies. */
function withRecordingBooking(locale?: string, giving?: (services: DialogServices) => RecordingBooking | GivingUpBooking) {
  const services = testServices();
  const booking = giving ? giving(services) : new RecordingBooking();
  const root = new RootDialog(services, [new LanguageDialog(services), booking, new CancelDialog(services), new GoOnDialog(services)]);
  const client = new DialogTestClient('test', root);
  const send = async (text: string): Promise<Partial<Activity>[]> => {
    const replies: Partial<Activity>[] = [];
    const first = (await client.sendActivity({ type: 'message', text, ...(locale ? { locale } : {}) })) as Partial<Activity> | undefined;
    if (first) replies.push(first);
    for (
      let next = client.getNextReply() as Partial<Activity> | undefined;
      next;
      next = client.getNextReply() as Partial<Activity> | undefined
    ) {
      replies.push(next);
    }
    return replies;
  };
  return { booking, send };
}

describe('the first message counts (dialogs, issue 21)', () => {
  before(function () {
    this.timeout(60_000);
    warmUpDateParsers(new Date(TEST_NOW));
  });

  for (const { code } of LANGUAGES) {
    it(`a greeting alone in ${nameOf(code)}, with no channel locale: that language is named, and the menu follows without the language list`, async () => {
      const conversation = new DialogConversation();
      const [replies] = await play(conversation, code, [
        { say: WORDS[code].greeting, expect: ['welcome.greeting', 'understanding.languageUsed', 'menu.prompt'] },
      ]);
      assert.ok(!saysKey(replies, code, 'language.prompt'), describeReplies(replies));
    });
  }

  it('channel locale es-MX and "hola": Spanish, without the language list', async () => {
    const conversation = new DialogConversation(undefined, 'es-MX');
    const [replies] = await play(conversation, 'es', [{ say: 'hola', expect: ['understanding.languageUsed', 'menu.prompt'] }]);
    assert.ok(!saysKey(replies, 'es', 'language.prompt'), describeReplies(replies));
  });

  it('an English first message with a wish, a ZIP code and a reason begins the booking with them heard', async () => {
    const { booking, send } = withRecordingBooking();
    const replies = await send('hi i need an appointment for my green card, i live in 10001');
    assert.ok(saysKey(replies, 'en', 'understanding.languageUsed'), describeReplies(replies));
    assert.ok(!saysKey(replies, 'en', 'language.prompt'), describeReplies(replies));
    assert.equal(booking.begun.length, 1);
    assert.equal(booking.begun[0].heard?.zip, '10001');
    assert.equal(booking.begun[0].heard?.reason, 'green_card_not_received');
  });

  it('a first message whose language cannot be told: the language is asked, then the message is acted on', async () => {
    const { booking, send } = withRecordingBooking();
    const first = await send('90012');
    assert.ok(saysKey(first, 'en', 'language.prompt'), describeReplies(first));
    assert.equal(booking.begun.length, 0);
    const second = await send('Español');
    assert.ok(saysKey(second, 'es', 'language.chosen'), describeReplies(second));
    assert.equal(booking.begun[0]?.heard?.zip, '90012');
  });

  it('a first message asking for the language ("idioma"): the list once, then the menu', async () => {
    const conversation = new DialogConversation();
    await play(conversation, 'es', [
      { say: 'idioma', expect: ['language.prompt'], language: 'en' },
      { say: 'Español', expect: ['language.chosen', 'menu.prompt'] },
    ]);
  });

  it('"90012" at the menu begins the booking with the ZIP code', async () => {
    const { booking, send } = withRecordingBooking();
    await send('English');
    const replies = await send('90012');
    assert.ok(!saysKey(replies, 'en', 'menu.retry'), describeReplies(replies));
    assert.equal(booking.begun[0]?.heard?.zip, '90012');
  });

  it('a wish with what it says at the menu ("cita para mi green card el martes") begins the booking with it heard', async () => {
    const { booking, send } = withRecordingBooking();
    await send('Español');
    await send('necesito una cita para mi green card');
    assert.equal(booking.begun[0]?.heard?.reason, 'green_card_not_received');
  });

  it('the menu still takes a choice by its number', async () => {
    const { booking, send } = withRecordingBooking();
    await send('English');
    await send('1');
    assert.deepEqual(booking.begun, [{}]);
  });

  it('a look-up or a reschedule at the menu asks for the receipt number', async () => {
    const conversation = new DialogConversation();
    await play(conversation, 'en', [
      { say: 'English', expect: ['menu.prompt'] },
      { say: 'when is my appointment', expect: ['cancel.receiptPrompt'] },
      { say: 'start over', expect: ['language.prompt'] },
      { say: 'English', expect: ['menu.prompt'] },
      { say: 'I want to reschedule my appointment', expect: ['cancel.receiptPrompt'] },
    ]);
  });

  it('a first message asking which documents to bring, in Spanish, is answered without the language list', async () => {
    const conversation = new DialogConversation();
    await play(conversation, 'es', [
      { say: 'hola, que documentos tengo que llevar a la cita?', expect: ['understanding.languageUsed', 'documents.text', 'menu.prompt'] },
    ]);
  });
});

describe('context before commands (dialogs, issue 21)', () => {
  for (const { code } of LANGUAGES) {
    it(`"${WORDS[code].cancel}" answering "Do you want to cancel it?" in ${nameOf(code)} cancels the appointment`, async () => {
      const conversation = new DialogConversation();
      const booked = await conversation.store.book(
        appointmentRequest(code, '2026-12-03T15:00:00.000Z', {
          dobVerifier: makeDobVerifier(DATE_OF_BIRTH, TEST_PERSON_SECRET),
          language: code,
        }),
        1,
      );
      assert.ok(booked.ok);
      await play(conversation, code, [
        { say: languageByCode(code).nativeName, expect: ['menu.prompt'] },
        { say: formatReceiptNumber(booked.appointment.receiptNumber), expect: ['cancel.dobPrompt'] },
        { say: DATE_OF_BIRTH, expect: ['cancel.confirm'] },
        { say: WORDS[code].cancel, expect: ['cancel.done', 'menu.prompt'] },
      ]);
      assert.equal((await conversation.store.get(booked.appointment.receiptNumber))?.status, 'cancelled');
    });
  }

  for (const { code } of LANGUAGES) {
    it(`a ZIP code alone at the menu in ${nameOf(code)} begins the booking at that office`, async () => {
      const conversation = new DialogConversation();
      const turns = await play(conversation, code, [
        { say: languageByCode(code).nativeName, expect: ['menu.prompt'] },
        { say: '94103', expect: ['recap.office', 'booking.reasonPrompt'] },
      ]);
      assert.ok(!saysKey(turns[1], code, 'menu.retry'), describeReplies(turns[1]));
      assert.match(turns[1].map((r) => r.text ?? '').join('\n'), /San Francisco Field Office/);
    });
  }

  it('"cancel" in the middle of a booking still stops it', async () => {
    const conversation = new DialogConversation();
    await play(conversation, 'en', [...toDateOfBirth('en').slice(0, 3), { say: 'cancel', expect: ['flow.stopped', 'menu.prompt'] }]);
  });

  describe('a receipt number with a character missing', () => {
    const receipt = formatReceiptNumber(generateReceiptNumber());
    const nearMiss = receipt.slice(0, -1).toLowerCase().replace(/-/g, ' ');

    for (const { code } of LANGUAGES) {
      it(`at the menu in ${nameOf(code)}: says it is almost a receipt number and how one looks`, async () => {
        const conversation = new DialogConversation();
        await play(conversation, code, [
          { say: languageByCode(code).nativeName, expect: ['menu.prompt'] },
          { say: nearMiss, expect: ['understanding.receiptNearMiss', 'menu.prompt'] },
        ]);
      });
    }

    it('in the middle of a booking: says so and asks the same question again', async () => {
      const conversation = new DialogConversation();
      await play(conversation, 'es', [
        ...toDateOfBirth('es').slice(0, 2),
        { say: nearMiss, expect: ['understanding.receiptNearMiss', 'location.zipPrompt'] },
      ]);
    });

    it('as a first message, in a known language: says so, then the menu', async () => {
      const conversation = new DialogConversation(undefined, 'fr-FR');
      await play(conversation, 'fr', [{ say: nearMiss, expect: ['understanding.receiptNearMiss', 'menu.prompt'] }]);
    });

    it('a USCIS case number keeps its own explanation', async () => {
      const conversation = new DialogConversation();
      await play(conversation, 'en', [
        { say: 'English', expect: ['menu.prompt'] },
        { say: 'EAC2212345678', expect: ['cancel.caseReceipt', 'menu.prompt'] },
      ]);
    });
  });
});

describe('three misread answers keep what was gathered (dialogs, issue 21)', () => {
  before(function () {
    this.timeout(60_000);
    warmUpDateParsers(new Date(TEST_NOW));
  });

  for (const { code } of LANGUAGES) {
    it(`offers to answer again, start over or get help in ${nameOf(code)}; answering again keeps the office, reason and name`, async () => {
      const conversation = new DialogConversation();
      const t = translator.for(code);
      const turns = await play(conversation, code, [
        ...toDateOfBirth(code),
        { say: 'xyz', expect: ['details.dob_invalid', 'details.dobPrompt'] },
        { say: 'xyz', expect: ['details.dob_invalid', 'details.dobPrompt'] },
        { say: 'xyz', expect: ['details.dob_invalid', 'understanding.gaveUp'] },
      ]);
      assert.deepEqual(suggestedTitles(turns[turns.length - 1]), [
        t('understanding.goOn'),
        t('understanding.startOver'),
        t('understanding.help'),
      ]);
      const more = await play(conversation, code, [
        { click: 0, expect: ['details.dobPrompt'] },
        { say: DATE_OF_BIRTH, expect: ['details.phonePrompt'] },
      ]);
      assert.ok(!saysKey(more.flat(), code, 'menu.prompt'), describeReplies(more.flat()));
    });
  }

  it('the summary holds the office, reason and name given before the misreads', async () => {
    const conversation = new DialogConversation();
    const turns = await play(conversation, 'en', [
      ...toDateOfBirth('en'),
      { say: 'banana', expect: ['details.dob_invalid'] },
      { say: 'banana', expect: ['details.dob_invalid'] },
      { say: 'banana', expect: ['understanding.gaveUp'] },
      { say: 'go on', expect: ['details.dobPrompt'] },
      { say: 'March 4, 1980', expect: ['details.phonePrompt'] },
      { say: '(212) 736-5000', expect: ['slots.prompt'] },
      { say: 'Thursday at 10am', expect: ['slots.offerExact'] },
      { clickMatching: /10:00/, expect: ['booking.summary'] },
    ]);
    const summary = turns[turns.length - 1].map((r) => r.text ?? '').join('\n');
    assert.match(summary, /New York City Field Office/);
    assert.match(summary, /Mary Johnson/);
    assert.match(summary, new RegExp(translator.for('en')('reasons.pending_case')));
  });

  it('"start over" after the offer begins again', async () => {
    const conversation = new DialogConversation();
    await play(conversation, 'en', [
      ...toDateOfBirth('en'),
      { say: 'banana', expect: ['details.dob_invalid'] },
      { say: 'banana', expect: ['details.dob_invalid'] },
      { say: 'banana', expect: ['understanding.gaveUp'] },
      { click: 1, expect: ['welcome.greeting', 'language.prompt'] },
    ]);
  });

  it('a flow that gives up hands over to the offer; answering again begins it again with what it had', async () => {
    const { booking, send } = withRecordingBooking(undefined, (services) => new GivingUpBooking(services));
    await send('English');
    const offer = await send('90012');
    assert.ok(saysKey(offer, 'en', 'understanding.gaveUp'), describeReplies(offer));
    const again = await send(suggestedTitles(offer)[0]);
    assert.ok(saysKey(again, 'en', 'understanding.gaveUp'), describeReplies(again));
    assert.equal(booking.begun.length, 2);
    assert.deepEqual(booking.begun[1], booking.begun[0]);
    assert.equal(booking.begun[1].heard?.zip, '90012');
  });
});
