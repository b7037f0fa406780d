import assert from 'node:assert/strict';
import { DATE_ORDER, parseDateOfBirth, type DobResult } from '../../../src/domain/dates/dateOfBirth';
import { LANGUAGES } from '../../../src/domain/languages';

const TODAY = '2026-11-27';

function date(value: string, alternatives: string[] = []): DobResult {
  return { kind: 'date', date: value, alternatives };
}

type Row = [text: string, language: string, expected: DobResult];

const ROWS: readonly Row[] = [
  // numeric, in the language's order
  ['03/14/1980', 'en', date('1980-03-14')],
  ['14/03/1980', 'es', date('1980-03-14')],
  ['3-14-1980', 'en', date('1980-03-14')],
  ['14.3.1980', 'es', date('1980-03-14')],
  ['1980-03-04', 'en', date('1980-03-04')],
  ['1980-03-04', 'es', date('1980-03-04')],
  [' 1980/3/4 ', 'es', date('1980-03-04')],
  // ambiguous: the language's reading first, the other to confirm
  ['03/04/1980', 'en', date('1980-03-04', ['1980-04-03'])],
  ['03/04/1980', 'es', date('1980-04-03', ['1980-03-04'])],
  ['05/05/1980', 'en', date('1980-05-05')],
  // a day where the month should be: the other order
  ['25/12/1980', 'en', date('1980-12-25')],
  ['12/25/1980', 'es', date('1980-12-25')],
  // month names, English and Spanish, accents optional
  ['March 4, 1980', 'en', date('1980-03-04')],
  ['march 4th 1980', 'en', date('1980-03-04')],
  ['4 March 1980', 'en', date('1980-03-04')],
  ['Mar 4 1980', 'en', date('1980-03-04')],
  ['Sept. 21, 1975', 'en', date('1975-09-21')],
  ['4 de marzo de 1980', 'es', date('1980-03-04')],
  ['4 marzo 1980', 'es', date('1980-03-04')],
  ['1º de enero de 1990', 'es', date('1990-01-01')],
  ['15 de septiembre del 2001', 'es', date('2001-09-15')],
  ['15 setiembre 2001', 'es', date('2001-09-15')],
  ['Marzo 4, 1980', 'es', date('1980-03-04')],
  ['4 de MARZO de 1980', 'en', date('1980-03-04')],
  ['the 4th of March 1980', 'en', date('1980-03-04')],
  // two-digit years: 20yy unless that is in the future
  ['03/14/80', 'en', date('1980-03-14')],
  ['14/03/05', 'es', date('2005-03-14')],
  ['11/26/26', 'en', date('2026-11-26')],
  ['11/28/26', 'en', date('1926-11-28')],
  ['March 4, 80', 'en', date('1980-03-04')],
  // impossible dates
  ['02/30/1980', 'en', { kind: 'invalid' }],
  ['31/04/1980', 'es', { kind: 'invalid' }],
  ['13/13/1980', 'en', { kind: 'invalid' }],
  ['1980-02-30', 'en', { kind: 'invalid' }],
  ['February 29, 1981', 'en', { kind: 'invalid' }],
  ['February 29, 1980', 'en', date('1980-02-29')],
  ['yesterday', 'en', { kind: 'invalid' }],
  ['', 'es', { kind: 'invalid' }],
  ['1980', 'en', { kind: 'invalid' }],
  ['03/04', 'en', { kind: 'invalid' }],
  ['4 de foo de 1980', 'es', { kind: 'invalid' }],
  ['03/04-1980', 'en', { kind: 'invalid' }],
  // not a date of birth
  ['12/31/2026', 'en', { kind: 'future' }],
  ['12/12/2026', 'en', { kind: 'future' }],
  // December 1st, 2026 would be in the future: only January 12th can be meant
  ['12/01/2026', 'en', date('2026-01-12')],
  ['2030-01-01', 'es', { kind: 'future' }],
  ['01/01/1900', 'en', { kind: 'too_old' }],
  ['November 28, 1906', 'en', date('1906-11-28')],
  ['November 26, 1906', 'en', { kind: 'too_old' }],
  ['11/27/2026', 'en', date('2026-11-27')],
  // month names in each language, as ICU writes them or as people type them
  ['4 марта 1980', 'ru', date('1980-03-04')],
  ['4 март 1980', 'ru', date('1980-03-04')],
  ['4 марта 1980 г.', 'ru', date('1980-03-04')],
  ['4 сент. 1980', 'ru', date('1980-09-04')],
  ['4 marca 1980', 'pl', date('1980-03-04')],
  ['4 marzec 1980 r.', 'pl', date('1980-03-04')],
  ['4 wrzesnia 1980', 'pl', date('1980-09-04')],
  ['1980年3月4日', 'zh', date('1980-03-04')],
  ['1980年十二月4日', 'zh', date('1980-12-04')],
  // the day written with 号 (or Traditional 號), as people say it
  ['1980年3月4号', 'zh', date('1980-03-04')],
  ['1980年3月4號', 'zh', date('1980-03-04')],
  ['1980년 3월 4일', 'ko', date('1980-03-04')],
  ['1980년12월4일', 'ko', date('1980-12-04')],
  ['4 tháng 3 năm 1980', 'vi', date('1980-03-04')],
  ['ngay 4 thang 3 nam 1980', 'vi', date('1980-03-04')],
  ['4 tháng 12, 1980', 'vi', date('1980-12-04')],
  ['4 mas 1980', 'ht', date('1980-03-04')],
  ['4 me 1980', 'ht', date('1980-05-04')],
  ['4 desanm 1980', 'ht', date('1980-12-04')],
  ['4 jiyè 1980', 'ht', date('1980-07-04')],
  ['Marso 4, 1980', 'tl', date('1980-03-04')],
  ['Disyembre 4, 1980', 'tl', date('1980-12-04')],
  ['Setyembre 4 1980', 'tl', date('1980-09-04')],
  ['la 4-an de marto 1980', 'eo', date('1980-03-04')],
  ['4a de aŭgusto 1980', 'eo', date('1980-08-04')],
  ['4 مارس 1980', 'ar', date('1980-03-04')],
  ['٤ مارس ١٩٨٠', 'ar', date('1980-03-04')],
  ['4 آذار 1980', 'ar', date('1980-03-04')],
  ['4 de março de 1980', 'pt', date('1980-03-04')],
  ['4 de marco de 1980', 'pt', date('1980-03-04')],
  ['1er mars 1980', 'fr', date('1980-03-01')],
  ['4 décembre 1980', 'fr', date('1980-12-04')],
  ['4 decembre 1980', 'fr', date('1980-12-04')],
  // English month names are understood in every language; another language's are not
  ['March 4, 1980', 'ko', date('1980-03-04')],
  ['4 marca 1980', 'ru', { kind: 'invalid' }],
  ['4 desanm 1980', 'pl', { kind: 'invalid' }],
  // a name that is a month only as a whole word
  ['4 marcaa 1980', 'pl', { kind: 'invalid' }],
  ['13월 4일 1980', 'ko', { kind: 'invalid' }],
];

describe('parseDateOfBirth (today 2026-11-27)', () => {
  for (const [text, language, expected] of ROWS) {
    it(`${language}: "${text}" → ${expected.kind === 'date' ? expected.date + (expected.alternatives.length ? ` or ${expected.alternatives.join(', ')}` : '') : expected.kind}`, () => {
      assert.deepEqual(parseDateOfBirth(text, language, TODAY), expected);
    });
  }

  it('drops a reading that cannot be a date of birth from the alternatives', () => {
    // 11/10/2026 (November 10th) is fine; October 11th too; 12/11/2026 as December 11th is in the future.
    assert.deepEqual(parseDateOfBirth('11/10/2026', 'en', TODAY), date('2026-11-10', ['2026-10-11']));
    assert.deepEqual(parseDateOfBirth('12/11/2026', 'en', TODAY), date('2026-11-12'));
  });

  it('reads numeric dates in the order of languages it has no month names for', () => {
    assert.deepEqual(parseDateOfBirth('80/03/14', 'ko', TODAY), date('1980-03-14'));
    assert.deepEqual(parseDateOfBirth('14/03/1980', 'fr', TODAY), date('1980-03-14'));
    assert.deepEqual(parseDateOfBirth('03/14/1980', 'tl', TODAY), date('1980-03-14'));
  });

  it("reads digits with nothing between them, year first or in the language's order", () => {
    assert.deepEqual(parseDateOfBirth('780902', 'ko', TODAY), date('1978-09-02'));
    assert.deepEqual(parseDateOfBirth('19800314', 'en', TODAY), date('1980-03-14'));
    assert.deepEqual(parseDateOfBirth('03141980', 'en', TODAY), date('1980-03-14'));
    assert.deepEqual(parseDateOfBirth('14031980', 'es', TODAY), date('1980-03-14'));
    assert.deepEqual(parseDateOfBirth('140380', 'fr', TODAY), date('1980-03-14'));
  });

  it('reads a two-digit year first where the language writes it first ("78年9月2号", "78년 9월 2일")', () => {
    assert.deepEqual(parseDateOfBirth('78年9月2号', 'zh', TODAY), date('1978-09-02'));
    assert.deepEqual(parseDateOfBirth('78년 9월 2일', 'ko', TODAY), date('1978-09-02'));
  });

  it('rejects a malformed `today`', () => {
    assert.throws(() => parseDateOfBirth('03/14/1980', 'en', 'today'), /today/);
  });
});

describe('DATE_ORDER', () => {
  /**
   * Where we depart from the locale data on purpose. Esperanto: CLDR's short pattern is
   * year-first, but Esperanto speakers write the day first in everyday use, as our translation's
   * example does (04.03.1980). Haitian Creole: ICU has no data and falls back to en-US; Haitians
   * write day/month/year, as in French.
   */
  const DEPARTURES: Readonly<Record<string, string>> = { eo: 'DMY', ht: 'DMY' };

  function cldrOrder(intlLocale: string): string {
    const parts = new Intl.DateTimeFormat(intlLocale, { dateStyle: 'short', timeZone: 'UTC' }).formatToParts(
      new Date(Date.UTC(2026, 11, 24)),
    );
    return parts
      .filter((p) => p.type === 'year' || p.type === 'month' || p.type === 'day')
      .map((p) => p.type[0].toUpperCase())
      .join('');
  }

  it('has an order for every language we speak, and no other', () => {
    assert.deepEqual(Object.keys(DATE_ORDER).sort(), LANGUAGES.map((l) => l.code).sort());
  });

  for (const language of LANGUAGES) {
    it(`reads ${language.code} numeric dates in the order people there write them`, () => {
      assert.equal(DATE_ORDER[language.code], DEPARTURES[language.code] ?? cldrOrder(language.intlLocale));
    });
  }
});
