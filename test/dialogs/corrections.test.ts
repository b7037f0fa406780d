import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { DialogConversation, TEST_NOW } from '../support/dialogHarness';
import { play, receiptFrom, type Step } from '../support/script';
import { describeReplies, saysKey, suggestedTitles, translator } from '../support/replies';
import { warmUpDateParsers } from '../../src/domain/dates/parseWhen';
import { formatCalendarDate } from '../../src/domain/dates/format';
import { languageByCode } from '../../src/domain/languages';
import { PEOPLE } from './people';

/** Thursday 3 December 2026, 10:00 in San Francisco (the test clock is Tuesday 1 December, 09:00 in New York). */
const THURSDAY_10AM_SAN_FRANCISCO = '2026-12-03T18:00:00.000Z';

/** Per language: "no, my ZIP code is 94103" (San Francisco), and "no, it is about my work permit". */
const CORRECTIONS: Readonly<Record<string, { zip: string; reason: string }>> = {
  en: { zip: 'no, my ZIP is 94103', reason: 'no, it is for my work permit' },
  es: { zip: 'no, mi código postal es 94103', reason: 'no, es por mi permiso de trabajo' },
  eo: { zip: 'ne, mia poŝtkodo estas 94103', reason: 'ne, temas pri mia laborpermeso' },
  vi: { zip: 'không, mã bưu điện của tôi là 94103', reason: 'không, tôi cần hỏi về giấy phép làm việc' },
  zh: { zip: '不对，我的邮编是94103', reason: '不对，是工作许可的事' },
  tl: { zip: 'hindi po, ang ZIP code ko ay 94103', reason: 'hindi po, tungkol sa work permit ko' },
  ru: { zip: 'нет, мой индекс 94103', reason: 'нет, это по поводу разрешения на работу' },
  pt: { zip: 'não, meu CEP é 94103', reason: 'não, é sobre minha autorização de trabalho' },
  fr: { zip: 'non, mon code postal est 94103', reason: "non, c'est pour mon permis de travail" },
  ko: { zip: '아니요, 우편번호는 94103이에요', reason: '아니요, 취업허가 때문이에요' },
  pl: { zip: 'nie, mój kod pocztowy to 94103', reason: 'nie, chodzi o pozwolenie na pracę' },
  ar: { zip: 'لا، الرمز البريدي 94103', reason: 'لا، بخصوص تصريح العمل' },
  ht: { zip: 'non, kòd postal mwen se 94103', reason: 'non, se pou otorizasyon travay mwen' },
};

function textOf(replies: Partial<Activity>[]): string {
  return replies.map((r) => r.text ?? '').join('\n');
}

function nameOf(code: string): string {
  return `${languageByCode(code).nativeName} (${code})`;
}

/** A conversation in the language `code` (its channel locale, so no language list), the first message saying everything but the person's details. */
function conversationIn(code: string): DialogConversation {
  return new DialogConversation(undefined, languageByCode(code).intlLocale);
}

describe('corrections at any question change only what they name, say it back, and ask the same question again (dialogs)', () => {
  before(function () {
    this.timeout(60_000);
    warmUpDateParsers(new Date(TEST_NOW));
  });

  for (const [code, fix] of Object.entries(CORRECTIONS)) {
    const person = PEOPLE[code];
    const t = translator.for(code);

    it(`${nameOf(code)}: a new ZIP code at the phone question changes the office, keeps the rest, and the day is looked up at the new office`, async () => {
      const conversation = conversationIn(code);
      const turns = await play(conversation, code, [
        { say: person.first, expect: ['recap.office', 'details.namePrompt'] },
        { say: person.name, expect: ['details.dobPrompt'] },
        { say: person.dateOfBirth, expect: ['details.phonePrompt'] },
        { say: fix.zip, expect: ['recap.changed', 'recap.office', 'details.phonePrompt'] },
        { say: person.phone, expect: ['booking.summary'] },
      ]);
      const corrected = textOf(turns[3]);
      assert.match(corrected, /San Francisco Field Office/);
      assert.ok(!saysKey(turns[3], code, 'details.phoneInvalid'), `the ZIP code is not read as a wrong phone number:\n${corrected}`);
      const summary = textOf(turns[4]);
      for (const kept of [
        person.name,
        t('reasons.green_card_not_received'),
        formatCalendarDate('1980-03-04', languageByCode(code).intlLocale),
      ]) {
        assert.ok(summary.includes(kept), `${kept} is kept:\n${summary}`);
      }
      assert.match(summary, /San Francisco Field Office/);
      const [notice] = await play(conversation, code, [{ say: person.confirm, expect: ['notice.text'] }]);
      const booked = await conversation.store.get(receiptFrom(notice).replace(/-/g, ''));
      assert.equal(booked?.officeCode, 'SFR');
      assert.equal(new Date(booked.slotStart).toISOString(), THURSDAY_10AM_SAN_FRANCISCO, 'Thursday at 10, in San Francisco time');
      assert.equal(booked.name, person.name);
    });

    it(`${nameOf(code)}: a new reason at the date of birth question changes the reason and keeps the office, the name and the day`, async () => {
      const conversation = conversationIn(code);
      const turns = await play(conversation, code, [
        { say: person.first, expect: ['details.namePrompt'] },
        { say: person.name, expect: ['details.dobPrompt'] },
        { say: fix.reason, expect: ['recap.changed', 'recap.reason', 'details.dobPrompt'] },
        { say: person.dateOfBirth, expect: ['details.phonePrompt'] },
        { say: person.phone, expect: ['booking.summary'] },
      ]);
      assert.ok(textOf(turns[2]).includes(t('reasons.ead_inquiry')), textOf(turns[2]));
      assert.ok(!saysKey(turns[2], code, 'details.dob_invalid'), textOf(turns[2]));
      const summary = textOf(turns[4]);
      assert.ok(summary.includes(t('reasons.ead_inquiry')), summary);
      assert.ok(!summary.includes(t('reasons.green_card_not_received')), summary);
      assert.match(summary, /New York City Field Office/);
      assert.ok(summary.includes(person.name), summary);
    });
  }
});

describe('corrections and answers ahead at each question, without a word of correction when the answer cannot be one (dialogs)', () => {
  before(function () {
    this.timeout(60_000);
    warmUpDateParsers(new Date(TEST_NOW));
  });

  const en = PEOPLE.en;
  /** The English first message without a day: the day is asked after the personal details. */
  const NO_DAY = 'Hi, I need an appointment about my green card that never arrived. I live in 10001';
  const TO_PHONE: Step[] = [
    { say: en.first, expect: ['details.namePrompt'] },
    { say: en.name, expect: ['details.dobPrompt'] },
    { say: en.dateOfBirth, expect: ['details.phonePrompt'] },
  ];
  const TO_DAY: Step[] = [
    { say: NO_DAY, expect: ['details.namePrompt'] },
    { say: en.name, expect: ['details.dobPrompt'] },
    { say: en.dateOfBirth, expect: ['details.phonePrompt'] },
    { say: en.phone, expect: ['slots.prompt'] },
  ];

  it('"94103" alone at the name question is a new ZIP code, not a wrong name', async () => {
    const conversation = conversationIn('en');
    const turns = await play(conversation, 'en', [
      { say: en.first, expect: ['details.namePrompt'] },
      { say: '94103', expect: ['recap.changed', 'recap.office', 'details.namePrompt'] },
    ]);
    assert.ok(!saysKey(turns[1], 'en', 'details.nameInvalid'), describeReplies(turns[1]));
    assert.match(textOf(turns[1]), /San Francisco Field Office/);
  });

  it('"born in Houston" at the date of birth question is a wrong date, not a new office', async () => {
    const conversation = conversationIn('en');
    await play(conversation, 'en', [
      ...TO_PHONE.slice(0, 2),
      { say: 'born in Houston', expect: ['details.dob_invalid', 'details.dobPrompt'] },
    ]);
  });

  it('a ZIP code no office serves changes nothing', async () => {
    const conversation = conversationIn('en');
    await play(conversation, 'en', [...TO_PHONE, { say: 'no, my ZIP is 00000', expect: ['details.phoneInvalid', 'details.phonePrompt'] }]);
  });

  it('"no, Friday at 2pm instead" at the phone question changes the day, which is then taken at the summary', async () => {
    const conversation = conversationIn('en');
    const turns = await play(conversation, 'en', [
      ...TO_PHONE,
      { say: 'no, Friday at 2pm instead', expect: ['recap.changed', 'recap.when', 'details.phonePrompt'] },
      { say: en.phone, expect: ['booking.summary'] },
    ]);
    assert.match(textOf(turns[3]), /Friday, December 4, 2026, 2:00\sPM/);
    assert.match(textOf(turns[4]), /Date: Friday, December 4, 2026\n• Time: 2:00\sPM/);
  });

  it('a phone number typed at the date of birth question, not asked yet, is taken and said back; the date of birth is asked again', async () => {
    const conversation = conversationIn('en');
    const turns = await play(conversation, 'en', [
      ...TO_PHONE.slice(0, 2),
      { say: 'my cell is 718 222 3333', expect: ['recap.phone', 'details.dobPrompt'] },
      { say: en.dateOfBirth, expect: ['booking.summary'] },
    ]);
    assert.ok(!saysKey(turns[2], 'en', 'recap.changed'), 'nothing was changed: it was not given before');
    assert.match(textOf(turns[3]), /\(718\) 222-3333/);
  });

  it('at the ZIP code question, "no, it is for my work permit" changes the reason heard in the first message and asks the ZIP code again', async () => {
    const conversation = conversationIn('en');
    const turns = await play(conversation, 'en', [
      { say: 'Hi, I need an appointment about my green card that never arrived', expect: ['location.zipPrompt'] },
      { say: 'no, it is for my work permit', expect: ['recap.changed', 'recap.reason', 'location.zipPrompt'] },
      { say: '10001', expect: ['location.office'] },
      { say: 'yes', expect: ['details.namePrompt'] },
    ]);
    assert.match(textOf(turns[1]), /Work permit \(EAD\)/);
    assert.ok(!saysKey(turns[1], 'en', 'location.zipInvalid'), describeReplies(turns[1]));
  });

  it('a day typed at the reason question is taken and said back, and the reason asked again', async () => {
    const conversation = conversationIn('en');
    const turns = await play(conversation, 'en', [
      { say: 'I need an appointment, I live in 10001', expect: ['booking.reasonPrompt'] },
      { say: 'tomorrow at 10am', expect: ['recap.when', 'booking.reasonPrompt'] },
      { say: 'Question about a pending case', expect: ['details.namePrompt'] },
      { say: en.name, expect: ['details.dobPrompt'] },
      { say: en.dateOfBirth, expect: ['details.phonePrompt'] },
      { say: en.phone, expect: ['booking.summary'] },
    ]);
    assert.match(textOf(turns[1]), /Wednesday, December 2, 2026, 10:00\sAM/);
    assert.match(textOf(turns[5]), /Date: Wednesday, December 2, 2026\n• Time: 10:00\sAM/);
  });

  it('a date typed at the reason question picks no reason by its number ("4 de marzo de 1980" is not reason 4); "4" alone does', async () => {
    const conversation = conversationIn('es');
    const turns = await play(conversation, 'es', [
      { say: 'necesito una cita, vivo en el 10001', expect: ['booking.reasonPrompt'] },
      { say: '4 de marzo de 1980', expect: ['booking.reasonRetry'] },
      { say: '4', expect: ['details.namePrompt'] },
    ]);
    assert.equal(turns.length, 3);
  });

  it('at the day question, "my phone is 718 222 3333" changes the phone and asks the day again', async () => {
    const conversation = conversationIn('en');
    const turns = await play(conversation, 'en', [
      ...TO_DAY,
      { say: 'my phone is 718 222 3333', expect: ['recap.changed', 'recap.phone', 'slots.prompt'] },
      { say: 'Thursday at 10am', expect: ['slots.offerExact'] },
      { clickMatching: /10:00/, expect: ['booking.summary'] },
    ]);
    assert.ok(!saysKey(turns[4], 'en', 'slots.notUnderstood'), describeReplies(turns[4]));
    assert.match(textOf(turns[6]), /\(718\) 222-3333/);
  });

  it('at the list of times, "no, my name is Maria Lopes" changes the name and offers the same times again', async () => {
    const conversation = conversationIn('en');
    const turns = await play(conversation, 'en', [
      ...TO_DAY,
      { say: 'Thursday at 10am', expect: ['slots.offerExact'] },
      { say: 'no, my name is Maria Lopes', expect: ['recap.changed', 'recap.name', 'slots.offerExact'] },
      { clickMatching: /10:00/, expect: ['booking.summary'] },
    ]);
    assert.deepEqual(suggestedTitles(turns[5]), suggestedTitles(turns[4]), 'the same times');
    assert.ok(!saysKey(turns[5], 'en', 'recap.when'), 'the day, unchanged, is not said again');
    assert.match(textOf(turns[6]), /Name: Maria Lopes\n/);
    assert.match(textOf(turns[6]), /Thursday, December 3, 2026/);
  });

  it('at the list of times, another day ("Friday instead") offers that day', async () => {
    const conversation = conversationIn('en');
    const turns = await play(conversation, 'en', [
      ...TO_DAY,
      { say: 'Thursday at 10am', expect: ['slots.offerExact'] },
      { say: 'Friday instead', expect: ['slots.offerExact'] },
      { click: 0, expect: ['booking.summary'] },
    ]);
    const friday = suggestedTitles(turns[5]).slice(0, -1);
    assert.ok(friday.length > 0 && friday.every((title) => title.startsWith('Friday, December 4, 2026')), friday.join(' | '));
    assert.match(textOf(turns[6]), /Date: Friday, December 4, 2026/);
  });

  it('a date of birth corrected to one that reads two ways is asked about before it is used', async () => {
    const conversation = conversationIn('en');
    const turns = await play(conversation, 'en', [
      ...TO_PHONE,
      { say: 'no wait, I was born 03/04/1990', expect: ['recap.changed', 'details.dobWhichAhead'] },
      { clickMatching: /April 3, 1990/, expect: ['details.phonePrompt'] },
      { say: en.phone, expect: ['booking.summary'] },
    ]);
    assert.deepEqual(suggestedTitles(turns[3]), ['March 4, 1990', 'April 3, 1990']);
    assert.match(textOf(turns[5]), /Date of birth: April 3, 1990/);
  });

  it('the same ZIP code again changes nothing and says nothing changed', async () => {
    const conversation = conversationIn('en');
    const turns = await play(conversation, 'en', [...TO_PHONE, { say: 'no, my ZIP is 10001', expect: ['details.phonePrompt'] }]);
    assert.ok(!saysKey(turns[3], 'en', 'recap.changed'), describeReplies(turns[3]));
  });
});
