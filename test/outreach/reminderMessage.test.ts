import assert from 'node:assert/strict';
import { formatReceiptNumber, generateReceiptNumber } from '../../src/domain/appointments/receiptNumber';
import type { Appointment } from '../../src/domain/appointments/types';
import { formatSlot } from '../../src/domain/dates/format';
import { Translator } from '../../src/domain/i18n/translator';
import { LANGUAGES } from '../../src/domain/languages';
import { formatOfficeAddress } from '../../src/domain/offices/address';
import { reminderText } from '../../src/domain/outreach/reminderMessage';
import { appointmentRequest } from '../support/appointmentFixtures';
import { at, testOffice } from '../support/timeFixtures';

const translator = new Translator();
const office = testOffice('LOS', 'America/Los_Angeles', {
  name: 'Los Angeles Field Office',
  address: { street: '300 N Los Angeles St', city: 'Los Angeles', state: 'CA', postalCode: '90012', country: 'US' },
});

function appointment(language: string): Appointment {
  const slotStart = at('2026-12-10T14:30', office.timeZone).toISOString();
  return {
    ...appointmentRequest('reminded', slotStart, { officeCode: office.code, language }),
    receiptNumber: generateReceiptNumber(),
    status: 'booked',
    createdAt: '2026-12-01T14:00:00.000Z',
    rescheduleCount: 0,
  };
}

describe('the reminder text', () => {
  for (const { code, intlLocale } of LANGUAGES) {
    it(`${code}: names date, time and the office's zone, the office and its address, the receipt number, and how to cancel`, () => {
      const booked = appointment(code);
      const t = translator.for(code);
      const when = formatSlot(booked.slotStart, office.timeZone, intlLocale);
      const sms = reminderText(booked, office, t, 'sms');
      const chat = reminderText(booked, office, t, 'chat');
      for (const text of [sms, chat]) {
        for (const fact of [
          when.date,
          when.time,
          when.zone,
          office.name,
          formatOfficeAddress(office),
          formatReceiptNumber(booked.receiptNumber),
        ]) {
          assert.ok(text.includes(fact), `${code}: "${fact}" missing from:\n${text}`);
        }
        assert.ok(text.length <= 1600, `${code}: longer than one Twilio message`);
        assert.doesNotMatch(text, /\{\{|\}\}/);
      }
      assert.ok(sms.endsWith(t('reminder.cancelBySms')));
      assert.ok(chat.endsWith(t('reminder.cancelInChat')));
      assert.notEqual(t('reminder.cancelBySms'), t('reminder.cancelInChat'));
    });
  }

  it("is in the office's zone, not the server's nor New York's", () => {
    const text = reminderText(appointment('en'), office, translator.for('en'), 'sms');
    assert.match(text, /2:30 PM \(Pacific Standard Time\)/);
    assert.match(text, /Thursday, December 10, 2026/);
  });

  it('never tells people to text CANCEL, STOP or END: Twilio would unsubscribe them', () => {
    for (const { code } of LANGUAGES) {
      const text = reminderText(appointment(code), office, translator.for(code), 'sms');
      assert.doesNotMatch(text, /\b(CANCEL|STOP|STOPALL|END|QUIT|UNSUBSCRIBE)\b/, code);
    }
  });
});
