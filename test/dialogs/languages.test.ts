import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { DialogTestClient } from 'botbuilder-testing';
import { DialogConversation, TEST_NOW, rootDialog, testServices } from '../support/dialogHarness';
import { play, receiptFrom, type Step } from '../support/script';
import { saysKey, describeReplies, translator } from '../support/replies';
import { formatCalendarDate } from '../../src/domain/dates/format';
import { warmUpDateParsers } from '../../src/domain/dates/parseWhen';
import { languageByCode } from '../../src/domain/languages';
import { resolveCountry } from '../../src/domain/offices/countries';

/** The test clock is Tuesday 1 December 2026, 09:00 in New York; "Thursday at 10" is this instant. */
const THURSDAY_10AM_NEW_YORK = '2026-12-03T15:00:00.000Z';
const DATE_OF_BIRTH = '1980-03-04';

/** What a person writes at each step of a booking, in their own language. */
interface Answers {
  /** A first message in free text, from which the language is detected. */
  firstMessage: string;
  /** The language's name as typed to pick it. */
  languageName: string;
  /** "Make an appointment", in words of the language. */
  book: string;
  yes: string;
  name: string;
  /** 4 March 1980, in the language's own way (month name where the language uses them). */
  dateOfBirth: string;
  phone: string;
  /** Thursday at 10 in the morning. */
  when: string;
  confirm: string;
}

const ANSWERS: Readonly<Record<string, Answers>> = {
  en: {
    firstMessage: 'I need an appointment',
    languageName: 'English',
    book: 'book',
    yes: 'yeah',
    name: 'Mary Johnson',
    dateOfBirth: 'March 4, 1980',
    phone: '(212) 736-5000',
    when: 'Thursday at 10am',
    confirm: 'yes',
  },
  es: {
    firstMessage: 'Hola, necesito una cita',
    languageName: 'Español',
    book: 'sacar una cita',
    yes: 'sí',
    name: 'María López',
    dateOfBirth: '4 de marzo de 1980',
    phone: '212 736 5000',
    when: 'el jueves a las 10 de la mañana',
    confirm: 'claro',
  },
  eo: {
    firstMessage: 'Saluton, mi bezonas rendevuon',
    languageName: 'Esperanto',
    book: 'rezervi rendevuon',
    yes: 'jes',
    name: 'Petro Kovalski',
    dateOfBirth: '4 marto 1980',
    phone: '212-736-5000',
    when: 'ĵaŭdon je la 10-a matene',
    confirm: 'jes',
  },
  vi: {
    firstMessage: 'Tôi muốn đặt lịch hẹn',
    languageName: 'Tiếng Việt',
    book: 'đặt hẹn',
    yes: 'vâng',
    name: 'Nguyễn Văn An',
    dateOfBirth: '4 tháng 3 năm 1980',
    phone: '(212) 736-5000',
    when: 'thứ Năm lúc 10 giờ sáng',
    confirm: 'đồng ý',
  },
  zh: {
    firstMessage: '我想预约',
    languageName: '中文',
    book: '预约',
    yes: '是的',
    name: '王小明',
    dateOfBirth: '1980年3月4日',
    phone: '212-736-5000',
    when: '周四上午10点',
    confirm: '确认',
  },
  tl: {
    firstMessage: 'Kailangan ko ng appointment',
    languageName: 'Tagalog',
    book: 'magpa-appointment',
    yes: 'opo',
    name: 'Juan dela Cruz',
    dateOfBirth: 'Marso 4, 1980',
    phone: '(212) 736-5000',
    when: 'Huwebes ng alas-10 ng umaga',
    confirm: 'sige po',
  },
  ru: {
    firstMessage: 'Мне нужна запись',
    languageName: 'Русский',
    book: 'записаться',
    yes: 'да',
    name: 'Иван Петров',
    dateOfBirth: '4 марта 1980',
    phone: '212 736 5000',
    when: 'в четверг в 10 утра',
    confirm: 'подтверждаю',
  },
  pt: {
    firstMessage: 'Preciso de um agendamento',
    languageName: 'Português',
    book: 'marcar horário',
    yes: 'sim',
    name: 'João Silva',
    dateOfBirth: '4 de março de 1980',
    phone: '(212) 736-5000',
    when: 'quinta às 10h',
    confirm: 'sim',
  },
  fr: {
    firstMessage: 'Je voudrais un rendez-vous',
    languageName: 'Français',
    book: 'prendre rendez-vous',
    yes: 'oui',
    name: 'Marie Dubois',
    dateOfBirth: '4 mars 1980',
    phone: '212 736 5000',
    when: 'jeudi à 10h',
    confirm: "d'accord",
  },
  ko: {
    firstMessage: '예약하고 싶어요',
    languageName: '한국어',
    book: '예약',
    yes: '네',
    name: '김민수',
    dateOfBirth: '1980년 3월 4일',
    phone: '212-736-5000',
    when: '목요일 오전 10시',
    confirm: '네',
  },
  pl: {
    firstMessage: 'Potrzebuję wizyty',
    languageName: 'Polski',
    book: 'umów wizytę',
    yes: 'tak',
    name: 'Anna Kowalska',
    dateOfBirth: '4 marca 1980',
    phone: '(212) 736-5000',
    when: 'w czwartek o 10 rano',
    confirm: 'potwierdzam',
  },
  ar: {
    firstMessage: 'أريد موعدا',
    languageName: 'العربية',
    book: 'حجز موعد',
    yes: 'نعم',
    name: 'محمد أحمد',
    dateOfBirth: '4 مارس 1980',
    phone: '212 736 5000',
    when: 'الخميس الساعة 10 صباحا',
    confirm: 'نعم',
  },
  ht: {
    firstMessage: 'Bonjou, mwen bezwen yon randevou',
    languageName: 'Kreyòl ayisyen',
    book: 'pran yon randevou',
    yes: 'wi',
    name: 'Jean Baptiste',
    dateOfBirth: '4 mas 1980',
    phone: '(212) 736-5000',
    when: 'jedi a 10è di maten',
    confirm: 'dakò',
  },
};

function bookingSteps(a: Answers): Step[] {
  return [
    // The first message says the language and the wish (issue 21): no language list, no menu.
    { say: a.firstMessage, expect: ['welcome.greeting', 'understanding.languageUsed', 'location.zipPrompt'] },
    { say: '10001', expect: ['location.office'] },
    { say: a.yes, expect: ['booking.reasonPrompt'] },
    { say: '8', expect: ['details.namePrompt'] },
    { say: a.name, expect: ['details.dobPrompt'] },
    { say: a.dateOfBirth, expect: ['details.phonePrompt'] },
    { say: a.phone, expect: ['slots.prompt'] },
    { say: a.when, expect: ['slots.offerExact'] },
    { clickMatching: /10:00/, expect: ['booking.summary'] },
    { say: a.confirm, expect: ['notice.text', 'menu.prompt'], card: true },
  ];
}

function adaptiveCard(replies: Partial<Activity>[]): { rtl?: boolean } | undefined {
  for (const reply of replies) {
    const attachment = reply.attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
    if (attachment) return attachment.content as { rtl?: boolean };
  }
  return undefined;
}

async function book(
  code: string,
  answers: Answers = ANSWERS[code],
): Promise<{ conversation: DialogConversation; turns: Partial<Activity>[][]; receipt: string }> {
  const conversation = new DialogConversation();
  const turns = await play(conversation, code, bookingSteps(answers));
  return { conversation, turns, receipt: receiptFrom(turns[turns.length - 1]) };
}

describe('booking in each of the 13 languages (dialogs)', () => {
  before(function () {
    // As the server does at start-up: the French model's first parse takes seconds.
    this.timeout(60_000);
    warmUpDateParsers(new Date(TEST_NOW));
  });

  for (const code of Object.keys(ANSWERS)) {
    it(`books Thursday at 10 with answers typed in ${languageByCode(code).nativeName} (${code})`, async () => {
      const { conversation, turns, receipt } = await book(code);
      const booked = await conversation.store.get(receipt.replace(/-/g, ''));
      assert.equal(booked?.status, 'booked');
      assert.equal(booked.language, code);
      assert.equal(new Date(booked.slotStart).toISOString(), THURSDAY_10AM_NEW_YORK);
      const summary = turns[turns.length - 2].map((r) => r.text ?? '').join('\n');
      const dob = formatCalendarDate(DATE_OF_BIRTH, languageByCode(code).intlLocale);
      assert.ok(summary.includes(dob), `the summary reads the date of birth back as ${dob}:\n${summary}`);
      const card = adaptiveCard(turns[turns.length - 1]);
      assert.ok(card, 'the notice card is sent');
      assert.equal(card.rtl, code === 'ar', 'only Arabic cards are right-to-left');
    });
  }

  it('replies in Arabic with a right-to-left locale on every message, and a right-to-left notice card', async () => {
    // A numeric date of birth, so that this guard of the layout does not wait on month names.
    const { turns } = await book('ar', { ...ANSWERS.ar, dateOfBirth: '14/03/1980' });
    const replies = turns.flat();
    const notRtl = replies.filter((r) => !/^ar(-|$)/.test(r.locale ?? ''));
    assert.deepEqual(
      notRtl.map((r) => r.text),
      [],
      'every Arabic reply carries an ar-… locale',
    );
    assert.equal(languageByCode('ar').direction, 'rtl');
    assert.equal(adaptiveCard(turns[turns.length - 1])?.rtl, true);
  });
});

describe('cancelling by the receipt number typed in Arabic, Chinese and Haitian Creole (dialogs)', () => {
  const cancelling: Readonly<Record<string, { typed: (receipt: string) => string; dateOfBirth: string; yes: string }>> = {
    ar: { typed: (r) => `إلغاء ${r}`, dateOfBirth: '04/03/1980', yes: 'نعم' },
    zh: { typed: (r) => `取消预约 ${r.toLowerCase()}`, dateOfBirth: '1980-03-04', yes: '是' },
    ht: { typed: (r) => r.replace(/-/g, ' '), dateOfBirth: '4 mas 1980', yes: 'wi' },
  };
  for (const [code, answers] of Object.entries(cancelling)) {
    it(`cancels in ${languageByCode(code).nativeName} (${code}) and frees the seat`, async () => {
      const { conversation, receipt } = await book(code);
      const booked = await conversation.store.get(receipt.replace(/-/g, ''));
      assert.ok(booked);
      await play(conversation, code, [
        { say: answers.typed(receipt), expect: ['cancel.dobPrompt'] },
        { say: answers.dateOfBirth, expect: ['cancel.confirm'] },
        { say: answers.yes, expect: ['cancel.done', 'menu.prompt'] },
      ]);
      assert.equal((await conversation.store.get(booked.receiptNumber))?.status, 'cancelled');
      assert.deepEqual(await conversation.store.countBooked(booked.officeCode, [booked.slotStart]), [0]);
    });
  }
});

describe('answers typed without accents (dialogs)', () => {
  const unaccented: Readonly<Record<string, { locale: string; languageName: string; book: string; no: string; yes: string }>> = {
    pt: { locale: 'pt-BR', languageName: 'portugues', book: 'marcar horario', no: 'nao', yes: 'ta bom' },
    fr: { locale: 'fr-FR', languageName: 'francais', book: 'reserver', no: 'pas ca', yes: 'bien sur' },
    vi: { locale: 'vi-VN', languageName: 'tieng viet', book: 'dat lich hen', no: 'khong', yes: 'vang' },
    pl: { locale: 'pl-PL', languageName: 'polski', book: 'umow wizyte', no: 'zle', yes: 'oczywiscie' },
  };
  for (const [code, a] of Object.entries(unaccented)) {
    it(`understands the menu, yes and no typed without accents in ${code}`, async () => {
      const conversation = new DialogConversation(undefined, a.locale);
      await play(conversation, code, [
        // A channel locale we speak: the menu at once (issue 21); the language's name typed there keeps it.
        { say: 'hi', expect: ['welcome.greeting', 'understanding.languageUsed', 'menu.prompt'] },
        { say: a.languageName, expect: ['language.chosen', 'menu.prompt'] },
        { say: a.book, expect: ['location.zipPrompt'] },
        { say: '10001', expect: ['location.office'] },
        { say: a.no, expect: ['location.zipPrompt'] },
        { say: '10001', expect: ['location.office'] },
        { say: a.yes, expect: ['booking.reasonPrompt'] },
      ]);
    });
  }
});

describe('typed answers people use, understood at the prompt where they type them (dialogs)', () => {
  // Issue 19 part 4: phrases each language's speakers type, added to the locale word lists.
  // `at`: the menu (→ the ZIP code question), the office's yes/no (yes → the reason, no → the ZIP
  // code again), or the reason list (the summary then names `reason`).
  type Typed =
    | { code: string; at: 'menu'; typed: string }
    | { code: string; at: 'yesNo'; typed: string; answer: 'yes' | 'no' }
    | { code: string; at: 'reason'; typed: string; reason: string };
  const TYPED: readonly Typed[] = [
    { code: 'es', at: 'menu', typed: 'quiero una cita' },
    { code: 'es', at: 'menu', typed: 'Necesito una cita' },
    { code: 'es', at: 'menu', typed: 'programar una cita' },
    { code: 'es', at: 'menu', typed: 'necesito cita' },
    { code: 'es', at: 'yesNo', typed: 'no quiero', answer: 'no' },
    { code: 'es', at: 'reason', typed: 'no recibi mi green card', reason: 'green_card_not_received' },
    { code: 'pt', at: 'reason', typed: 'autorizacao antecipada de viagem', reason: 'advance_parole' },
    { code: 'pt', at: 'reason', typed: 'não recebi o green card', reason: 'green_card_not_received' },
    { code: 'fr', at: 'reason', typed: 'autorisation prealable de retour', reason: 'advance_parole' },
    { code: 'eo', at: 'reason', typed: 'antauxa reenirpermeso', reason: 'advance_parole' },
    // Polish "no tak" / "no jasne" / "no pewnie" ("well, yes"), whose first word is English "no": the
    // whole message matches yes before botbuilder's recognizer can read that "no" as English no.
    { code: 'pl', at: 'yesNo', typed: 'no tak', answer: 'yes' },
    { code: 'pl', at: 'yesNo', typed: 'No jasne!', answer: 'yes' },
    { code: 'pl', at: 'yesNo', typed: 'no pewnie', answer: 'yes' },
    // "no" alone stays English no (colloquial Polish "no" = "yeah" cannot win over it): the safe reading.
    { code: 'pl', at: 'yesNo', typed: 'no', answer: 'no' },
    { code: 'ht', at: 'yesNo', typed: 'm pa vle', answer: 'no' },
    { code: 'ht', at: 'yesNo', typed: 'Mwen pa vle', answer: 'no' },
    { code: 'ht', at: 'reason', typed: 'grin kat', reason: 'green_card_not_received' },
    { code: 'ht', at: 'reason', typed: 'otorizasyon davans pou retounen', reason: 'advance_parole' },
    { code: 'tl', at: 'reason', typed: 'paunang pahintulot sa pagpasok', reason: 'advance_parole' },
    { code: 'vi', at: 'reason', typed: 'giay phep nhap canh cap truoc', reason: 'advance_parole' },
    { code: 'pl', at: 'reason', typed: 'uprzednia zgoda na wjazd', reason: 'advance_parole' },
  ];
  before(function () {
    this.timeout(60_000);
    warmUpDateParsers(new Date(TEST_NOW));
  });
  for (const entry of TYPED) {
    it(`${entry.code}: "${entry.typed}" at the ${entry.at === 'yesNo' ? `yes/no question means ${entry.answer}` : entry.at === 'reason' ? `reason list picks ${entry.reason}` : 'menu books'}`, async () => {
      const a = ANSWERS[entry.code];
      const conversation = new DialogConversation();
      const steps: Step[] = [{ say: a.languageName, expect: ['welcome.greeting', 'understanding.languageUsed', 'menu.prompt'] }];
      if (entry.at === 'menu') {
        await play(conversation, entry.code, [...steps, { say: entry.typed, expect: ['location.zipPrompt'] }]);
        return;
      }
      steps.push({ say: a.book, expect: ['location.zipPrompt'] }, { say: '10001', expect: ['location.office'] });
      if (entry.at === 'yesNo') {
        await play(conversation, entry.code, [
          ...steps,
          { say: entry.typed, expect: [entry.answer === 'yes' ? 'booking.reasonPrompt' : 'location.zipPrompt'] },
        ]);
        return;
      }
      const turns = await play(conversation, entry.code, [
        ...steps,
        { say: a.yes, expect: ['booking.reasonPrompt'] },
        { say: entry.typed, expect: ['details.namePrompt'] },
        { say: a.name, expect: ['details.dobPrompt'] },
        { say: a.dateOfBirth, expect: ['details.phonePrompt'] },
        { say: a.phone, expect: ['slots.prompt'] },
        { say: a.when, expect: ['slots.offerExact'] },
        { clickMatching: /10:00/, expect: ['booking.summary'] },
      ]);
      const summary = turns[turns.length - 1].map((r) => r.text ?? '').join('\n');
      const label = translator.for(entry.code)(`reasons.${entry.reason}`);
      assert.ok(summary.includes(label), `the summary names the reason "${label}":\n${summary}`);
    });
  }
});

describe('choosing and switching the language (dialogs)', () => {
  it('greets in the language of a Teams clientInfo entity when the activity has no locale', async () => {
    const client = new DialogTestClient('msteams', rootDialog(testServices()));
    const first: Partial<Activity> = {
      type: 'message',
      text: 'hi',
      entities: [{ type: 'clientInfo', locale: 'ko-KR', country: 'KR', platform: 'Web' }],
    };
    const replies: Partial<Activity>[] = [(await client.sendActivity(first)) as Partial<Activity>];
    for (
      let next = client.getNextReply() as Partial<Activity> | undefined;
      next;
      next = client.getNextReply() as Partial<Activity> | undefined
    )
      replies.push(next);
    assert.ok(saysKey(replies, 'ko', 'welcome.greeting'), describeReplies(replies));
    assert.ok(saysKey(replies, 'ko', 'understanding.languageUsed'), describeReplies(replies));
    assert.ok(saysKey(replies, 'ko', 'menu.prompt'), describeReplies(replies));
    assert.ok(!saysKey(replies, 'ko', 'language.prompt'), describeReplies(replies));
  });

  it('greets in the language a first free-text message is written in, over the channel locale', async () => {
    const conversation = new DialogConversation(undefined, 'en-US');
    await play(conversation, 'ht', [
      { say: 'Bonjou, mwen bezwen yon randevou', expect: ['welcome.greeting', 'understanding.languageUsed', 'location.zipPrompt'] },
    ]);
  });

  it('greets in a language named by the first message', async () => {
    const conversation = new DialogConversation();
    await play(conversation, 'ru', [{ say: 'Русский', expect: ['welcome.greeting', 'understanding.languageUsed', 'menu.prompt'] }]);
  });

  it('keeps the channel language when the first message is too short to tell, and shows the menu', async () => {
    const conversation = new DialogConversation(undefined, 'pl-PL');
    await play(conversation, 'pl', [{ say: 'ok', expect: ['welcome.greeting', 'understanding.languageUsed', 'menu.prompt'] }]);
  });

  it('takes a sentence written in a language, in answer to the language menu, as choosing it and acts on it (Web Chat welcomes first)', async () => {
    const conversation = new DialogConversation();
    await play(conversation, 'ht', [
      { say: 'hi', expect: ['welcome.greeting', 'language.prompt'], language: 'en' },
      { say: 'Mwen vle fè yon randevou', expect: ['language.chosen', 'location.zipPrompt'] },
    ]);
  });

  it('still reads a language named inside a sentence, and asks again on an unclear answer', async () => {
    const conversation = new DialogConversation();
    await play(conversation, 'en', [
      { say: 'hi', expect: ['language.prompt'] },
      { say: 'ok', expect: ['language.retry'] },
      { say: 'spanish please', expect: ['language.chosen', 'menu.prompt'], language: 'es' },
    ]);
  });

  it('lets the person pick another language than the one detected', async () => {
    const conversation = new DialogConversation();
    await play(conversation, 'es', [
      { say: 'Hola, necesito una cita', expect: ['welcome.greeting', 'understanding.languageUsed', 'location.zipPrompt'] },
      { say: 'English', expect: ['language.chosen', 'menu.prompt'], language: 'en' },
    ]);
  });

  const switching: ReadonlyArray<{ from: string; word: string; to: string; toName: string }> = [
    { from: 'es', word: 'idioma', to: 'fr', toName: 'Français' },
    { from: 'zh', word: '语言', to: 'en', toName: 'English' },
    { from: 'ar', word: 'اللغة', to: 'ht', toName: 'kreyol' },
    { from: 'ht', word: 'chanje lang', to: 'ar', toName: 'العربية' },
    { from: 'ko', word: '언어', to: 'vi', toName: 'Tiếng Việt' },
    { from: 'ru', word: 'язык', to: 'pl', toName: 'Polski' },
    { from: 'vi', word: 'doi ngon ngu', to: 'zh', toName: '中文' },
    { from: 'tl', word: 'wika', to: 'eo', toName: 'Esperanto' },
  ];
  for (const { from, word, to, toName } of switching) {
    it(`switches from ${from} to ${to} when "${word}" is typed in the middle of a booking`, async () => {
      const conversation = new DialogConversation();
      const a = ANSWERS[from];
      await play(conversation, from, [
        { say: a.languageName, expect: ['welcome.greeting', 'understanding.languageUsed', 'menu.prompt'] },
        { say: a.book, expect: ['location.zipPrompt'] },
        { say: word, expect: ['language.prompt'] },
        { say: toName, expect: ['language.chosen', 'menu.prompt'], language: to },
      ]);
    });
  }

  it('also understands "language" in English whatever the language', async () => {
    const conversation = new DialogConversation();
    await play(conversation, 'pl', [
      { say: 'Polski', expect: ['menu.prompt'] },
      { say: 'language', expect: ['language.prompt'] },
      { say: 'Español', expect: ['language.chosen'], language: 'es' },
    ]);
  });
});

describe('living outside the United States, typed in the language (dialogs)', () => {
  const abroad: ReadonlyArray<{ code: string; outside: string; country: string; office: RegExp }> = [
    { code: 'ko', outside: '미국 밖에 살아요', country: '멕시코', office: /Mexico City/ },
    { code: 'ar', outside: 'اعيش في الخارج', country: 'المكسيك', office: /Mexico City/ },
    { code: 'ht', outside: 'mwen rete nan yon lòt peyi', country: 'Gwatemala', office: /Guatemala/ },
    { code: 'zh', outside: '我住在国外', country: '中国', office: /Beijing|Guangzhou/ },
  ];
  for (const { code, outside, country, office } of abroad) {
    it(`finds the office abroad for "${country}" in ${code}`, async () => {
      const conversation = new DialogConversation();
      const turns = await play(conversation, code, [
        { say: ANSWERS[code].languageName, expect: ['welcome.greeting', 'understanding.languageUsed', 'menu.prompt'] },
        { say: ANSWERS[code].book, expect: ['location.zipPrompt'] },
        { say: outside, expect: ['location.countryPrompt'] },
        { say: country, expect: ['location.office'] },
      ]);
      assert.match(turns[turns.length - 1].map((r) => r.text ?? '').join('\n'), office);
    });
  }

  it('knows the everyday names people type for their country', () => {
    const typed: ReadonlyArray<readonly [string, string, string]> = [
      ['ko', '한국', 'KR'],
      ['ar', 'امريكا', 'US'],
      ['ar', 'أمريكا', 'US'],
      ['pl', 'Ameryka', 'US'],
      ['pt', 'EUA', 'US'],
      ['es', 'Méjico', 'MX'],
      ['ht', 'Lend', 'IN'],
      ['ht', 'Ondiras', 'HN'],
    ];
    for (const [language, name, code] of typed) assert.equal(resolveCountry(name, language), code, `${language}: ${name}`);
  });
});

describe('typed answers in Chinese (Traditional and Cantonese), Arabic, Korean and Russian (dialogs)', () => {
  before(function () {
    this.timeout(60_000);
    warmUpDateParsers(new Date(TEST_NOW));
  });

  /** From the first message to the question "is this your office?", in the language's own words. */
  function toTheOffice(code: string): Step[] {
    const a = ANSWERS[code];
    return [
      { say: a.languageName, expect: ['welcome.greeting', 'understanding.languageUsed', 'menu.prompt'] },
      { say: a.book, expect: ['location.zipPrompt'] },
      { say: '10001', expect: ['location.office'] },
    ];
  }

  // A yes at the office question asks for the reason; a no asks for the ZIP code again.
  const yesNo: ReadonlyArray<{ code: string; typed: string; means: 'yes' | 'no' }> = [
    { code: 'zh', typed: '係', means: 'yes' },
    { code: 'zh', typed: '對', means: 'yes' },
    { code: 'zh', typed: '確認', means: 'yes' },
    { code: 'zh', typed: '唔係', means: 'no' },
    { code: 'zh', typed: '不對', means: 'no' },
    { code: 'ar', typed: 'اوكي', means: 'yes' },
    { code: 'ar', typed: 'اوك', means: 'yes' },
    { code: 'ar', typed: 'ماشي', means: 'yes' },
    { code: 'ar', typed: 'إي', means: 'yes' },
    { code: 'ar', typed: 'يب', means: 'yes' },
    { code: 'ar', typed: 'لاء', means: 'no' },
    { code: 'ar', typed: 'مش عايز', means: 'no' },
    { code: 'ko', typed: 'ㅇㅋ', means: 'yes' },
    { code: 'ko', typed: '오케이', means: 'yes' },
    { code: 'ko', typed: '넵', means: 'yes' },
    { code: 'ru', typed: 'da', means: 'yes' },
    { code: 'ru', typed: 'Da', means: 'yes' },
    { code: 'ru', typed: 'net', means: 'no' },
    { code: 'ru', typed: 'не надо', means: 'no' },
    { code: 'ru', typed: 'Не нужно', means: 'no' },
  ];
  for (const { code, typed, means } of yesNo) {
    it(`${code}: "${typed}" is ${means} at a yes/no question`, async () => {
      const conversation = new DialogConversation();
      await play(conversation, code, [
        ...toTheOffice(code),
        { say: typed, expect: [means === 'yes' ? 'booking.reasonPrompt' : 'location.zipPrompt'] },
      ]);
    });
  }

  // Traditional characters at the menu and as commands in the middle of a booking.
  const zhTraditional: ReadonlyArray<{ typed: string; at: 'menu' | 'office'; expect: string }> = [
    { typed: '預約', at: 'menu', expect: 'location.zipPrompt' },
    { typed: '取消預約', at: 'menu', expect: 'cancel.receiptPrompt' },
    { typed: '幫助', at: 'office', expect: 'help.text' },
    { typed: '語言', at: 'office', expect: 'language.prompt' },
  ];
  for (const { typed, at, expect } of zhTraditional) {
    it(`zh: "${typed}" typed at the ${at === 'menu' ? 'menu' : 'office question'} → ${expect}`, async () => {
      const conversation = new DialogConversation();
      const steps = at === 'menu' ? toTheOffice('zh').slice(0, 1) : toTheOffice('zh');
      await play(conversation, 'zh', [...steps, { say: typed, expect: [expect] }]);
    });
  }

  it('zh: books with Traditional and Cantonese answers: 係, 綠卡, 禮拜四上午十點, 1980年3月4號, 確認', async () => {
    const a = ANSWERS.zh;
    const conversation = new DialogConversation();
    const turns = await play(conversation, 'zh', [
      ...toTheOffice('zh'),
      { say: '係', expect: ['booking.reasonPrompt'] },
      { say: '綠卡', expect: ['details.namePrompt'] },
      { say: a.name, expect: ['details.dobPrompt'] },
      { say: '1980年3月4號', expect: ['details.phonePrompt'] },
      { say: a.phone, expect: ['slots.prompt'] },
      { say: '禮拜四上午十點', expect: ['slots.offerExact'] },
      { clickMatching: /10:00/, expect: ['booking.summary'] },
      { say: '確認', expect: ['notice.text'] },
    ]);
    const booked = await conversation.store.get(receiptFrom(turns[turns.length - 1]).replace(/-/g, ''));
    assert.equal(booked?.reason, 'green_card_not_received');
    assert.equal(new Date(booked.slotStart).toISOString(), THURSDAY_10AM_NEW_YORK);
    const summary = turns[turns.length - 2].map((r) => r.text ?? '').join('\n');
    assert.ok(
      summary.includes(formatCalendarDate(DATE_OF_BIRTH, 'zh-CN')),
      `the summary reads 1980年3月4號 back as 4 March 1980:\n${summary}`,
    );
  });

  it('ar: خلاص ("OK, settled") at the summary no longer stops the booking; نعم then books it', async () => {
    const a = ANSWERS.ar;
    const conversation = new DialogConversation();
    const steps: Step[] = [
      ...toTheOffice('ar'),
      { say: a.yes, expect: ['booking.reasonPrompt'] },
      { say: '8', expect: ['details.namePrompt'] },
      { say: a.name, expect: ['details.dobPrompt'] },
      { say: a.dateOfBirth, expect: ['details.phonePrompt'] },
      { say: a.phone, expect: ['slots.prompt'] },
      { say: a.when, expect: ['slots.offerExact'] },
      { clickMatching: /10:00/, expect: ['booking.summary'] },
      { say: 'خلاص', expect: ['common.yesNoRetry'] },
    ];
    const turns = await play(conversation, 'ar', steps);
    assert.ok(!saysKey(turns[turns.length - 1], 'ar', 'flow.stopped'), describeReplies(turns[turns.length - 1]));
    const [done] = await play(conversation, 'ar', [{ say: 'نعم', expect: ['notice.text'] }]);
    assert.equal((await conversation.store.get(receiptFrom(done).replace(/-/g, '')))?.status, 'booked');
  });
});

describe('a Polish yes at the summary, and a Vietnamese start over typed without accents (dialogs)', () => {
  it('pl: "no tak" at the summary books the appointment (yes is matched before any word of it is read as English "no")', async () => {
    const { conversation, receipt } = await book('pl', { ...ANSWERS.pl, yes: 'no jasne', confirm: 'no tak' });
    assert.equal((await conversation.store.get(receipt.replace(/-/g, '')))?.status, 'booked');
  });

  it('vi: "lam lai tu dau" (làm lại từ đầu without accents, đ typed as d) starts over in the middle of a booking', async () => {
    const a = ANSWERS.vi;
    const conversation = new DialogConversation();
    await play(conversation, 'vi', [
      { say: a.languageName, expect: ['welcome.greeting', 'understanding.languageUsed', 'menu.prompt'] },
      { say: a.book, expect: ['location.zipPrompt'] },
      { say: '10001', expect: ['location.office'] },
      { say: 'lam lai tu dau', expect: ['welcome.greeting', 'language.prompt'] },
    ]);
  });
});
