/**
 * Every language's months and weekdays, typed as written and typed without their accents (pt "15 de marco
 * de 2027", fr "15 fevrier 2027", pl "sroda", eo "jaudo", ht "mekredi"), are read, and read whole.
 */
import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { readWhen, warmUpDateParsers } from '../../../src/domain/dates/parseWhen';
import { LANGUAGES } from '../../../src/domain/languages';

const ZONE = 'America/New_York';
/** Tuesday 1 December 2026, 09:00 in New York. */
const NOW = new Date('2026-12-01T14:00:00Z');

/** What people type on a keyboard without accents: the marks dropped (Polish ł and Vietnamese đ as l and d). */
function withoutAccents(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .normalize('NFC')
    .replace(/ł/g, 'l')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D');
}

/** Names the runtime's ICU data has not (Esperanto, Haitian Creole), as the locales write them. */
const OWN_NAMES: Readonly<Record<string, { months: readonly string[]; weekdays: readonly string[] }>> = {
  eo: {
    months: ['januaro', 'februaro', 'marto', 'aprilo', 'majo', 'junio', 'julio', 'aŭgusto', 'septembro', 'oktobro', 'novembro', 'decembro'],
    weekdays: ['lundo', 'mardo', 'merkredo', 'ĵaŭdo', 'vendredo', 'sabato', 'dimanĉo'],
  },
  ht: {
    months: ['janvye', 'fevriye', 'mas', 'avril', 'me', 'jen', 'jiyè', 'out', 'septanm', 'oktòb', 'novanm', 'desanm'],
    weekdays: ['lendi', 'madi', 'mèkredi', 'jedi', 'vandredi', 'samdi', 'dimanch'],
  },
};

/** The 15th of a month of 2027, as each language writes a date with the month's name. */
const ON_THE_15TH: Readonly<Record<string, (month: string) => string>> = {
  en: (m) => `${m} 15, 2027`,
  es: (m) => `15 de ${m} de 2027`,
  eo: (m) => `la 15-an de ${m} 2027`,
  vi: (m) => `15 ${m} năm 2027`,
  zh: (m) => `2027年${m}15日`,
  tl: (m) => `${m} 15, 2027`,
  ru: (m) => `15 ${m} 2027`,
  pt: (m) => `15 de ${m} de 2027`,
  fr: (m) => `15 ${m} 2027`,
  ko: (m) => `2027년 ${m} 15일`,
  pl: (m) => `15 ${m} 2027`,
  ar: (m) => `15 ${m} 2027`,
  ht: (m) => `15 ${m} 2027`,
};

/** The month's name as written after a day (ru "марта", pl "marca"; zh "3月", ko "3월"). */
function monthName(code: string, intlLocale: string, month: number): string {
  const own = OWN_NAMES[code];
  if (own) return own.months[month - 1];
  const date = Date.UTC(2027, month - 1, 15, 12);
  const parts = new Intl.DateTimeFormat(intlLocale, { day: 'numeric', month: 'long', timeZone: 'UTC' }).formatToParts(date);
  const name = parts.find((p) => p.type === 'month')?.value ?? '';
  return /^\d+$/.test(name) ? `${name}${code === 'ko' ? '월' : '月'}` : name;
}

function weekdayName(code: string, intlLocale: string, date: DateTime): string {
  return (
    OWN_NAMES[code]?.weekdays[date.weekday - 1] ??
    new Intl.DateTimeFormat(intlLocale, { weekday: 'long', timeZone: ZONE }).format(date.toJSDate())
  );
}

function readDay(text: string, code: string): { date: string | undefined; status: string } {
  const reading = readWhen(text, code, NOW, ZONE);
  return { date: reading.candidates[0]?.start.slice(0, 10), status: reading.status };
}

describe('months and weekdays typed without accents, in every language (readWhen)', () => {
  before(function () {
    this.timeout(60_000);
    warmUpDateParsers(NOW);
  });

  for (const { code, intlLocale } of LANGUAGES) {
    it(`${code}: the 15th of each month of 2027, with and without accents`, () => {
      const wrong: string[] = [];
      for (let month = 1; month <= 12; month++) {
        const typed = ON_THE_15TH[code](monthName(code, intlLocale, month));
        const expected = DateTime.fromObject({ year: 2027, month, day: 15 }).toISODate();
        for (const text of new Set([typed, withoutAccents(typed)])) {
          const { date, status } = readDay(text, code);
          if (date !== expected || status !== 'complete') wrong.push(`"${text}" → ${date ?? 'nothing'} (${status}), expected ${expected}`);
        }
      }
      assert.deepEqual(wrong, []);
    });

    it(`${code}: each weekday, with and without accents, is the coming one`, () => {
      const wrong: string[] = [];
      for (let ahead = 1; ahead <= 7; ahead++) {
        const day = DateTime.fromObject({ year: 2026, month: 12, day: 1 }, { zone: ZONE }).plus({ days: ahead });
        const name = weekdayName(code, intlLocale, day);
        for (const text of new Set([name, withoutAccents(name)])) {
          const { date, status } = readDay(text, code);
          if (date !== day.toISODate() || status !== 'complete')
            wrong.push(`"${text}" → ${date ?? 'nothing'} (${status}), expected ${day.toISODate()}`);
        }
      }
      assert.deepEqual(wrong, []);
    });
  }

  it('pt: a name like a month typed without accents gives no date where nothing else does ("meu nome é Marco")', () => {
    assert.equal(readWhen('meu nome é Marco Silva', 'pt', NOW, ZONE).candidates.length, 0);
  });
});
