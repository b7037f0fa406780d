import assert from 'node:assert/strict';
import { Translator } from '../../../src/domain/i18n/translator';
import { LANGUAGES } from '../../../src/domain/languages';
import { formatSlot } from '../../../src/domain/dates/format';
import { movedMessage } from '../../../src/domain/appointments/moveMessage';
import { NY, testOffice } from '../../support/timeFixtures';

const translator = new Translator();
const OFFICE = testOffice('NYC', NY, { name: 'New York City Field Office' });
/** Thursday 3 December 2026, 10:00, in standard time, to Monday 15 March 2027, 14:30, in daylight time (New York). */
const FROM = '2026-12-03T10:00:00.000-05:00';
const TO = '2027-03-15T14:30:00.000-04:00';

describe('what a moved appointment says', () => {
  for (const { code, intlLocale } of LANGUAGES) {
    it(`${code}: both times with their date, time and zone, in the office's time zone`, () => {
      const text = movedMessage(translator.for(code), OFFICE, FROM, TO, intlLocale);
      const from = formatSlot(FROM, NY, intlLocale);
      const to = formatSlot(TO, NY, intlLocale);
      assert.notEqual(from.zone, to.zone, 'standard and daylight time are named apart');
      for (const part of [from.date, from.time, from.zone, to.date, to.time, to.zone])
        assert.ok(text.includes(part), `${code}: "${part}" in ${text}`);
      assert.ok(text.indexOf(from.date) < text.indexOf(to.date), `${code}: from before to: ${text}`);
      assert.ok(!/\{\{|\}\}/.test(text), text);
    });
  }
});
