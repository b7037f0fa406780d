import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { Translator } from '../../src/domain/i18n/translator';
import { LANGUAGES, languageByCode } from '../../src/domain/languages';
import { formatSlot } from '../../src/domain/dates/format';
import { formatReceiptNumber } from '../../src/domain/appointments/receiptNumber';
import { foldText } from '../../src/domain/text';
import { closureMessage, type ClosureMessageArgs } from '../../src/domain/operations/closureMessage';
import { closureFor, type ClosureRequest } from '../../src/domain/operations/closureRequest';
import { DEFAULT_SLOT_POLICY } from '../../src/domain/slots/schedule';
import type { Appointment } from '../../src/domain/appointments/types';
import { at, NY, testOffice } from '../support/timeFixtures';

const translator = new Translator();
const OFFICE = testOffice('NYC', NY, { name: 'New York City Field Office' });
const NOW = at('2026-12-01T09:00');
const RECEIPT = 'IPM8H0EY4PFC76N';

function iso(local: string): string {
  return DateTime.fromISO(local, { zone: NY }).toISO() ?? '';
}

function appointment(language: string, slotStart = iso('2026-12-03T10:00')): Appointment {
  return {
    officeCode: 'NYC',
    slotStart,
    reason: 'pending_case',
    name: 'Ana Pérez',
    dobVerifier: 'x',
    phone: '+12125550123',
    language,
    personKey: 'p',
    receiptNumber: RECEIPT,
    status: 'cancelled',
    createdAt: NOW.toISOString(),
    rescheduleCount: 0,
  };
}

function message(language: string, request: Partial<ClosureRequest> = {}, extra: Partial<ClosureMessageArgs> = {}): string {
  const check = closureFor({ date: '2026-12-03', reason: 'weather', ...request }, OFFICE, NOW, { sub: 'op' });
  assert.ok(check.ok);
  return closureMessage({
    closure: check.closure,
    office: OFFICE,
    hours: DEFAULT_SLOT_POLICY.defaultHours,
    appointment: appointment(language),
    alternatives: [
      { officeCode: 'NYC', start: iso('2026-12-04T10:00') },
      { officeCode: 'NYC', start: iso('2026-12-04T10:30') },
    ],
    channel: 'sms',
    answerable: true,
    t: translator.for(language),
    intlLocale: languageByCode(language).intlLocale,
    ...extra,
  });
}

describe('what the holder of an appointment in a closure is told', () => {
  for (const { code, intlLocale } of LANGUAGES) {
    it(`${code}: the cancelled appointment with its zone and receipt number, the closure, why, the nearest times and how to book again`, () => {
      const t = translator.for(code);
      const text = message(code);
      const when = formatSlot(iso('2026-12-03T10:00'), NY, intlLocale);
      const alternative = formatSlot(iso('2026-12-04T10:30'), NY, intlLocale);
      for (const part of [
        formatReceiptNumber(RECEIPT),
        when.date,
        when.time,
        when.zone,
        OFFICE.name,
        t('closure.reason_weather'),
        alternative.date,
        alternative.time,
        t('closure.rebookWord'),
      ]) {
        assert.ok(text.includes(part), `${code}: "${part}" missing from:\n${text}`);
      }
      assert.ok(!/\{\{|\}\}/.test(text), text);
      // The times are numbered, and one answer books one of them.
      assert.ok(
        text.includes(`1. ${t('slots.label', { date: alternative.date, time: formatSlot(iso('2026-12-04T10:00'), NY, intlLocale).time })}`),
        text,
      );
      assert.ok(text.includes(`2. ${t('slots.label', { date: alternative.date, time: alternative.time })}`), text);
      assert.ok(text.endsWith(t('closure.replyTwo', { word: t('closure.rebookWord') })), text);
    });

    it(`${code}: one time offered is booked with a yes, three with their numbers`, () => {
      const t = translator.for(code);
      const word = t('closure.rebookWord');
      const one = message(code, {}, { alternatives: [{ officeCode: 'NYC', start: iso('2026-12-04T10:00') }] });
      assert.ok(one.endsWith(t('closure.replyYes', { yes: t('common.yes'), word })), one);
      const three = message(code, {}, { alternatives: [0, 1, 2].map((i) => ({ officeCode: 'NYC', start: iso(`2026-12-04T1${i}:00`) })) });
      assert.ok(three.endsWith(t('closure.replyThree', { word })), three);
      assert.ok(!/\{\{|\}\}/.test(one + three));
    });

    it(`${code}: the word it asks people to reply is one the bot reads as "book"`, () => {
      const word = foldText(translator.for(code)('closure.rebookWord'));
      assert.ok(
        translator.words(code, 'menu.bookWords').some((w) => foldText(w) === word),
        `${code}: ${word} is not among menu.bookWords`,
      );
    });
  }

  it('names the hours of a partial closure as far as the office is open, and says "that day" for one covering its hours', () => {
    const t = translator.for('en');
    assert.ok(
      message('en', { from: '09:00', to: '12:00' }).includes(
        t('closure.closedHours', { office: OFFICE.name, from: '9:00 AM', to: '12:00 PM' }),
      ),
    );
    // 12:00 to midnight: the office closes at 16:00.
    assert.ok(
      message('en', { from: '12:00' }).includes(t('closure.closedHours', { office: OFFICE.name, from: '12:00 PM', to: '4:00 PM' })),
    );
    assert.ok(message('en', { from: '07:00', to: '17:00' }).includes(t('closure.closedDay', { office: OFFICE.name })));
  });

  it('gives no reason line for "other" (the operator’s note is not for the public), and says when no time is free', () => {
    const text = message('es', { reason: 'other', note: 'burst pipe on the 3rd floor' }, { alternatives: [] });
    const t = translator.for('es');
    assert.ok(!text.includes('burst pipe'));
    assert.ok(!text.includes(t('closure.reason_weather')) && !text.includes(t('closure.reason_emergency')));
    assert.ok(text.includes(t('closure.noneFree')), text);
  });

  it('when the times could not be kept for an answer, lists them and tells how to book again', () => {
    const t = translator.for('pt');
    const text = message('pt', {}, { answerable: false });
    assert.ok(
      text.includes(
        `- ${t('slots.label', { date: formatSlot(iso('2026-12-04T10:30'), NY, 'pt-BR').date, time: formatSlot(iso('2026-12-04T10:30'), NY, 'pt-BR').time })}`,
      ),
      text,
    );
    assert.ok(!text.includes('1. '), text);
    assert.ok(text.endsWith(t('closure.rebookSms', { word: t('closure.rebookWord') })), text);
  });

  it('with no time free, tells a person reached by text to reply the word, and one reached in a chat to type it there', () => {
    const t = translator.for('fr');
    const word = t('closure.rebookWord');
    assert.ok(message('fr', {}, { alternatives: [] }).endsWith(t('closure.rebookSms', { word })));
    assert.ok(message('fr', {}, { channel: 'chat', alternatives: [] }).endsWith(t('closure.rebookChat', { word })));
  });

  it('keeps an English SMS in the GSM alphabet, in at most three segments', () => {
    const text = message(
      'en',
      { from: '09:00', to: '12:00' },
      { alternatives: [0, 1, 2].map((i) => ({ officeCode: 'NYC', start: iso(`2026-12-04T1${i}:00`) })) },
    );
    assert.ok(/^[\n\r A-Za-z0-9@£$¥!"#%&'()*+,\-./:;<=>?]*$/.test(text), text);
    assert.ok(text.length <= 3 * 153, `${text.length} characters`);
  });
});
