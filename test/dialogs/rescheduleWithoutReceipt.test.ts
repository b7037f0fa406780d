/**
 * A person without an appointment who lands in the reschedule ("can't make it Thursday, maybe Friday" as a
 * first message) is asked for a receipt number; "I don't have one" there starts a booking that keeps the
 * day they offered, in their language.
 */
import assert from 'node:assert/strict';
import { DialogConversation, TEST_NOW } from '../support/dialogHarness';
import { play } from '../support/script';
import { saysKey } from '../support/replies';
import { warmUpDateParsers } from '../../src/domain/dates/parseWhen';
import { LANGUAGES, languageByCode } from '../../src/domain/languages';
import { translator } from '../support/replies';

interface Case {
  code: string;
  first: string;
  none: string;
  yes: string;
  name: string;
  dob: string;
}

const CASES: readonly Case[] = [
  {
    code: 'en',
    first: "can't make it thursday, maybe friday",
    none: "I don't have one",
    yes: 'yes',
    name: 'Mary Johnson',
    dob: 'March 4, 1980',
  },
  {
    code: 'es',
    first: 'necesito cambiar mi cita para el viernes',
    none: 'no tengo',
    yes: 'sí',
    name: 'María López',
    dob: '4 de marzo de 1980',
  },
  { code: 'pl', first: 'nie dam rady w czwartek, może w piątek', none: 'nie mam', yes: 'tak', name: 'Anna Kowalska', dob: '4 marca 1980' },
  { code: 'pt', first: 'preciso remarcar para sexta', none: 'não tenho', yes: 'sim', name: 'João Silva', dob: '4 de março de 1980' },
  {
    code: 'fr',
    first: 'je dois déplacer mon rendez-vous à vendredi',
    none: "je n'en ai pas",
    yes: 'oui',
    name: 'Marie Dubois',
    dob: '4 mars 1980',
  },
];

/** Friday 4 December 2026 as the offered times name it (the test clock is Tuesday 1 December). */
const FRIDAY_TITLE: Readonly<Record<string, string>> = {
  en: 'Friday, December 4',
  es: 'viernes, 4 de diciembre',
  pt: 'sexta-feira, 4 de dezembro',
  pl: 'piątek, 4 grudnia',
  fr: 'vendredi 4 décembre',
};

describe('no receipt number at the reschedule: a booking instead, keeping the day (dialogs)', () => {
  before(function () {
    this.timeout(60_000);
    warmUpDateParsers(new Date(TEST_NOW));
  });

  for (const c of CASES) {
    it(`${c.code}: "${c.first}", then "${c.none}" at the receipt question books, and Friday's times are offered`, async () => {
      const conversation = new DialogConversation();
      await play(conversation, c.code, [
        { say: c.first, expect: ['cancel.receiptPrompt'] },
        { say: c.none, expect: ['reschedule.noReceiptBook', 'location.zipPrompt'] },
        { say: '10001', expect: ['location.office'] },
        { say: c.yes, expect: ['booking.reasonPrompt'] },
        { say: '8', expect: ['details.namePrompt'] },
        { say: c.name, expect: ['details.dobPrompt'] },
      ]);
      const afterDob = await conversation.send(c.dob);
      const replies = saysKey(afterDob, c.code, 'details.phonePrompt') ? await conversation.send('2125550123') : afterDob;
      const transcript = conversation.transcript.join('\n');
      assert.ok(!saysKey(replies, c.code, 'slots.prompt'), `the day was asked again:\n${transcript}`);
      assert.ok(saysKey(replies, c.code, 'slots.offerExact'), `Friday's times expected:\n${transcript}`);
      assert.ok(JSON.stringify(replies).includes(FRIDAY_TITLE[c.code]), `Friday's times expected:\n${transcript}`);
    });
  }

  /** "I don't have one", as people write it in each language (no accents, or a whole sentence, in some). */
  const NONE: Readonly<Record<string, string>> = {
    en: 'i dont have one',
    es: 'no lo tengo',
    eo: 'mi ne havas ĝin',
    vi: 'toi khong co',
    zh: '我没有这个号码',
    tl: 'wala po akong resibo',
    ru: 'у меня его нет',
    pt: 'nao tenho',
    fr: "j'en ai pas",
    ko: '번호 없어요',
    pl: 'nie mam numeru',
    ar: 'ما عندي رقم',
    ht: 'mwen pa genyen',
  };
  for (const { code } of LANGUAGES) {
    it(`${code}: "${NONE[code]}" at the receipt question of "${translator.for(code)('menu.reschedule')}" begins a booking`, async () => {
      const conversation = new DialogConversation();
      await play(conversation, code, [
        { say: languageByCode(code).nativeName, expect: ['menu.prompt'] },
        { say: translator.for(code)('menu.reschedule'), expect: ['cancel.receiptPrompt'] },
        { say: NONE[code], expect: ['reschedule.noReceiptBook', 'location.zipPrompt'] },
      ]);
    });
  }

  it('the receipt question still refuses a sentence that is neither a receipt number nor "none"', async () => {
    const conversation = new DialogConversation();
    await play(conversation, 'en', [
      { say: "can't make it thursday, maybe friday", expect: ['cancel.receiptPrompt'] },
      { say: 'hello there how are you', expect: ['cancel.receiptInvalid'] },
    ]);
  });

  it('cancelling, "I don\'t have one" at the receipt question starts no booking: there is something to cancel only with the number', async () => {
    const conversation = new DialogConversation();
    await play(conversation, 'en', [
      { say: 'I want to cancel my appointment', expect: ['cancel.receiptPrompt'] },
      { say: "I don't have one", expect: ['cancel.receiptInvalid'] },
    ]);
    assert.ok(!conversation.transcript.join('\n').includes('ZIP code'), conversation.transcript.join('\n'));
  });
});
