import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { DialogConversation, TEST_NOW } from '../support/dialogHarness';
import { play } from '../support/script';
import { describeReplies, saysKey, suggestedTitles } from '../support/replies';
import { warmUpDateParsers } from '../../src/domain/dates/parseWhen';
import { DATE_ORDER } from '../../src/domain/dates/dateOfBirth';
import { formatCalendarDate } from '../../src/domain/dates/format';
import { languageByCode } from '../../src/domain/languages';
import { PEOPLE } from './people';

function textOf(replies: Partial<Activity>[]): string {
  return replies.map((r) => r.text ?? '').join('\n');
}

function nameOf(code: string): string {
  return `${languageByCode(code).nativeName} (${code})`;
}

/** A conversation whose channel locale is the language's: the first message is acted on at once. */
function conversationIn(code: string): DialogConversation {
  return new DialogConversation(undefined, languageByCode(code).intlLocale);
}

/**
 * A first message with a wish, ZIP code 10001 and a date of birth written with digits, as people
 * of the language write them: 3 April or March 4, 1990 where the order is day or month first, and
 * year first (one reading only) in Chinese and Korean.
 */
const DATE_OF_BIRTH_AHEAD: Readonly<Record<string, string>> = {
  en: 'I need an appointment, ZIP 10001, I was born 03/04/1990',
  es: 'Necesito una cita, vivo en el 10001, nací el 03/04/1990',
  eo: 'Mi bezonas rendevuon, mi loĝas en 10001, mi naskiĝis la 03/04/1990',
  vi: 'Tôi muốn đặt lịch hẹn, mã bưu điện 10001, tôi sinh ngày 03/04/1990',
  zh: '我想预约，邮编10001，出生日期1990/03/04',
  tl: 'Kailangan ko ng appointment, nakatira ako sa 10001, ipinanganak ako noong 03/04/1990',
  ru: 'Нужна запись, индекс 10001, родилась 03.04.1990',
  pt: 'Preciso de um agendamento, CEP 10001, nasci em 03/04/1990',
  fr: "Je voudrais un rendez-vous, j'habite au 10001, je suis née le 03/04/1990",
  ko: '예약하고 싶어요. 우편번호 10001, 생년월일 1990/03/04',
  pl: 'Potrzebuję wizyty, kod 10001, urodziłam się 03.04.1990',
  ar: 'أحتاج موعدا، الرمز البريدي 10001، تاريخ الميلاد 03/04/1990',
  ht: 'Mwen bezwen yon randevou, mwen rete nan 10001, mwen fèt 03/04/1990',
};

/**
 * A first message with a wish, ZIP code 10001, and a misspelt Thursday with a time or part of the
 * day that the date parser reads: `word` is the misspelling. Chinese and Korean are missing: no
 * misspelling of theirs is known to the date parser as a word like a date (see the closing note).
 */
const DAY_NOT_READ: Readonly<Record<string, { first: string; word: string }>> = {
  en: { first: 'I need an appointment, ZIP 10001, thrsdy at 10am', word: 'thrsdy' },
  es: { first: 'cita 10001 el juevs en la manana', word: 'juevs' },
  eo: { first: 'mi bezonas rendevuon, 10001, jaŭdn je la 10-a matene', word: 'jaŭdn' },
  vi: { first: 'tôi muốn đặt lịch hẹn, 10001, thư nămm lúc 10 giờ sáng', word: 'nămm' },
  tl: { first: 'kailangan ko ng appointment, 10001, Huwebs ng alas-10 ng umaga', word: 'Huwebs' },
  ru: { first: 'нужна запись, индекс 10001, в четверх в 10 утра', word: 'четверх' },
  pt: { first: 'preciso de um agendamento, CEP 10001, quints às 10h', word: 'quints' },
  fr: { first: 'je voudrais un rendez-vous, 10001, jeudii à 10h', word: 'jeudii' },
  pl: { first: 'potrzebuję wizyty, kod 10001, w czwartk o 10 rano', word: 'czwartk' },
  ar: { first: 'أريد موعدا، الرمز البريدي 10001، الخميش الساعة 10 صباحا', word: 'الخميش' },
  ht: { first: 'mwen bezwen yon randevou, 10001, jedii a 10è di maten', word: 'jedii' },
};

/**
 * Per language, two first messages: one whose opening word ("soy", "я", "this is", "저는") the
 * understanding takes for the start of a name though no name is said, and one that says the name
 * as a name ("me llamo …"). Where the language has no such opening word the first says no name.
 */
const NAMES: Readonly<Record<string, { notAName: string; named: string; name: string }>> = {
  en: {
    notAName: 'Hi, this is urgent, I need an appointment, ZIP 10001',
    named: 'Hi, my name is Mary Johnson, I need an appointment, ZIP 10001',
    name: 'Mary Johnson',
  },
  es: {
    notAName: 'Hola, soy nueva aquí y necesito una cita, vivo en el 10001',
    named: 'Hola, me llamo María López, necesito una cita, vivo en el 10001',
    name: 'María López',
  },
  eo: {
    notAName: 'Saluton, mi estas tre maltrankvila, mi bezonas rendevuon, 10001',
    named: 'Saluton, mia nomo estas Petro Kovalski, mi bezonas rendevuon, 10001',
    name: 'Petro Kovalski',
  },
  vi: {
    notAName: 'Chào, tôi muốn đặt lịch hẹn, mã bưu điện 10001',
    named: 'Chào, tên tôi là Nguyễn Văn An, tôi muốn đặt lịch hẹn, mã bưu điện 10001',
    name: 'Nguyễn Văn An',
  },
  zh: { notAName: '你好，我是来预约的，邮编10001', named: '你好，我叫王小明，我想预约，邮编10001', name: '王小明' },
  tl: {
    notAName: 'Magandang araw po, kailangan ko ng appointment, 10001',
    named: 'Magandang araw po, ang pangalan ko ay Juan dela Cruz, kailangan ko ng appointment, 10001',
    name: 'Juan dela Cruz',
  },
  ru: {
    notAName: 'Здравствуйте, я так волнуюсь, нужна запись, 10001',
    named: 'Здравствуйте, меня зовут Иван Петров, нужна запись, 10001',
    name: 'Иван Петров',
  },
  pt: {
    notAName: 'Oi, sou a mãe do requerente, preciso de um agendamento, CEP 10001',
    named: 'Oi, meu nome é João Silva, preciso de um agendamento, CEP 10001',
    name: 'João Silva',
  },
  fr: {
    notAName: 'Bonjour, je suis inquiète, je voudrais un rendez-vous, 10001',
    named: "Bonjour, je m'appelle Marie Dubois, je voudrais un rendez-vous, 10001",
    name: 'Marie Dubois',
  },
  ko: {
    notAName: '안녕하세요, 저는 예약하고 싶어요. 우편번호 10001',
    named: '안녕하세요, 제 이름은 김민수입니다. 예약하고 싶어요. 우편번호 10001',
    name: '김민수',
  },
  pl: {
    notAName: 'Dzień dobry, potrzebuję wizyty, kod 10001',
    named: 'Dzień dobry, nazywam się Anna Kowalska, potrzebuję wizyty, kod 10001',
    name: 'Anna Kowalska',
  },
  ar: { notAName: 'مرحبا، أحتاج موعدا، الرمز البريدي 10001', named: 'أحتاج موعدا، الرمز البريدي 10001، اسمي محمد أحمد', name: 'محمد أحمد' },
  ht: {
    notAName: 'Bonjou, se mwen menm ki bezwen yon randevou, 10001',
    named: 'Bonjou, mwen rele Jean Baptiste, mwen bezwen yon randevou, 10001',
    name: 'Jean Baptiste',
  },
};

describe('what a first message says is checked as if it were asked (dialogs, issue 21)', () => {
  before(function () {
    this.timeout(60_000);
    warmUpDateParsers(new Date(TEST_NOW));
  });

  describe('a date of birth typed ahead that reads two ways is asked about before it is used', () => {
    for (const [code, first] of Object.entries(DATE_OF_BIRTH_AHEAD)) {
      const person = PEOPLE[code];
      const locale = languageByCode(code).intlLocale;
      if (DATE_ORDER[code] === 'YMD') {
        it(`${nameOf(code)}: written year first, it reads one way and is taken without asking`, async () => {
          const conversation = conversationIn(code);
          await play(conversation, code, [
            { say: first, expect: ['recap.office', 'booking.reasonPrompt'] },
            { say: '8', expect: ['details.namePrompt'] },
            { say: person.name, expect: ['details.phonePrompt'] },
            { say: person.phone, expect: ['slots.prompt'] },
            { say: person.when, expect: ['slots.offerExact'] },
            { clickMatching: /10:00/, expect: ['booking.summary'] },
          ]);
          assert.ok(textOf(conversation.lastReplies).includes(formatCalendarDate('1990-03-04', locale)), textOf(conversation.lastReplies));
        });
        continue;
      }
      it(`${nameOf(code)}: "03/04/1990" in the first message is asked about with both readings; the one picked is booked`, async () => {
        const conversation = conversationIn(code);
        const [monthFirst, dayFirst] = [formatCalendarDate('1990-03-04', locale), formatCalendarDate('1990-04-03', locale)];
        const readings = DATE_ORDER[code] === 'MDY' ? [monthFirst, dayFirst] : [dayFirst, monthFirst];
        const turns = await play(conversation, code, [
          { say: first, expect: ['recap.office', 'booking.reasonPrompt'] },
          { say: '8', expect: ['details.namePrompt'] },
          { say: person.name, expect: ['details.dobWhichAhead'] },
          { click: 1, expect: ['details.phonePrompt'] },
          { say: person.phone, expect: ['slots.prompt'] },
          { say: person.when, expect: ['slots.offerExact'] },
          { clickMatching: /10:00/, expect: ['booking.summary'] },
        ]);
        assert.deepEqual(suggestedTitles(turns[2]), readings, 'the reading of the language’s order first');
        const summary = textOf(turns[6]);
        assert.ok(summary.includes(readings[1]), `the reading picked (${readings[1]}) is in the summary:\n${summary}`);
        assert.ok(!summary.includes(readings[0]), summary);
      });
    }
  });

  describe('a first message whose day was not read asks about that day instead of showing times', () => {
    for (const [code, { first, word }] of Object.entries(DAY_NOT_READ)) {
      const person = PEOPLE[code];
      it(`${nameOf(code)}: "${word}" is named and the day asked; the time said goes with the day given`, async () => {
        const conversation = conversationIn(code);
        const turns = await play(conversation, code, [
          { say: first, expect: ['recap.office', 'booking.reasonPrompt'] },
          { say: '8', expect: ['details.namePrompt'] },
          { say: person.name, expect: ['details.dobPrompt'] },
          { say: person.dateOfBirth, expect: ['details.phonePrompt'] },
          { say: person.phone, expect: ['slots.doubtful'] },
          { say: person.when, expect: ['slots.offerExact'] },
        ]);
        assert.ok(!saysKey(turns[0], code, 'recap.when'), `no day is said back as asked for:\n${textOf(turns[0])}`);
        assert.ok(textOf(turns[4]).includes(word), `the word not understood is named:\n${textOf(turns[4])}`);
        assert.equal(suggestedTitles(turns[4]).length, 0, `no time is offered before the day is known:\n${describeReplies(turns[4])}`);
        assert.ok(
          suggestedTitles(turns[5]).some((title) => title.includes('10:00')),
          suggestedTitles(turns[5]).join(' | '),
        );
      });
    }
  });

  describe('a name is taken from a first message only when it is said as one', () => {
    it('Русский (ru): "я так и не получила грин-карту" says no name "так"', async () => {
      const conversation = conversationIn('ru');
      await play(conversation, 'ru', [
        { say: 'Здравствуйте, я так и не получила грин-карту, нужна запись, 10001', expect: ['recap.reason', 'details.namePrompt'] },
      ]);
    });

    for (const [code, { notAName, named, name }] of Object.entries(NAMES)) {
      it(`${nameOf(code)}: no name is taken from words that only open a sentence; "${name}", said as a name, is`, async () => {
        const notNamed = conversationIn(code);
        await play(notNamed, code, [
          { say: notAName, expect: ['recap.office', 'booking.reasonPrompt'] },
          { say: '8', expect: ['details.namePrompt'] },
        ]);
        const conversation = conversationIn(code);
        const turns = await play(conversation, code, [
          { say: named, expect: ['recap.office', 'booking.reasonPrompt'] },
          { say: '8', expect: ['details.dobPrompt'] },
          { say: PEOPLE[code].dateOfBirth, expect: ['details.phonePrompt'] },
          { say: PEOPLE[code].phone, expect: ['slots.prompt'] },
          { say: PEOPLE[code].when, expect: ['slots.offerExact'] },
          { clickMatching: /10:00/, expect: ['booking.summary'] },
        ]);
        assert.ok(!saysKey(turns[1], code, 'details.namePrompt'), describeReplies(turns[1]));
        assert.ok(textOf(turns[5]).includes(name), textOf(turns[5]));
      });
    }
  });
});
