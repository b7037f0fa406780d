import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { GRAMMAR_PARSERS } from '../../../src/domain/dates/grammars';
import { parseWhen, whenLanguages } from '../../../src/domain/dates/parseWhen';
import type { Reading } from '../../../src/domain/dates/reading';

const NY = 'America/New_York';
/** Friday 2026-11-27, 09:00 in New York. */
const NOW = DateTime.fromISO('2026-11-27T09:00', { zone: NY });

function readings(language: string, text: string, now: DateTime = NOW): Reading[] {
  const parser = GRAMMAR_PARSERS[language];
  assert.ok(parser, `no grammar for ${language}`);
  return parser(text, now);
}

/** "2026-12-03T10:00 hour", or "2026-12-03 day" for a day, or "2026-11-30..2026-12-07 day" for a range of days. */
function describeReading(reading: Reading): string {
  const start = reading.start.toFormat("yyyy-MM-dd'T'HH:mm");
  if (reading.precision === 'day') {
    const days = reading.end ? reading.end.diff(reading.start, 'days').days : 1;
    return days === 1 ? `${start.slice(0, 10)} day` : `${start.slice(0, 10)}..${reading.end?.toISODate()} day`;
  }
  if (reading.precision === 'partOfDay') return `${start}..${reading.end?.toFormat('HH:mm')} partOfDay`;
  return `${start} ${reading.precision}`;
}

function firstOf(language: string, text: string, now?: DateTime): string | undefined {
  const [first] = readings(language, text, now);
  return first ? describeReading(first) : undefined;
}

function table(language: string, rows: ReadonlyArray<readonly [string, string | undefined]>): void {
  for (const [text, expected] of rows) {
    it(`"${text}" → ${expected ?? 'nothing'}`, () => assert.equal(firstOf(language, text), expected));
  }
}

describe('date grammars: shared behaviour (now Fri 2026-11-27 09:00 New York)', () => {
  it('are what parseWhen uses for ko, pl, tl, eo and ht', () => {
    for (const language of ['ko', 'pl', 'tl', 'eo', 'ht']) assert.ok(whenLanguages().includes(language), language);
    const [first] = parseWhen('jutro o 10', 'pl', NOW.toJSDate(), NY);
    assert.equal(first.start, '2026-11-28T10:00:00.000-05:00');
  });

  it('give every meaning of an hour with no AM/PM, the one in office hours first', () => {
    assert.deepEqual(readings('pl', 'jutro o 10').map(describeReading), ['2026-11-28T10:00 hour', '2026-11-28T22:00 hour']);
    assert.deepEqual(readings('ko', '내일 세 시').map(describeReading), ['2026-11-28T15:00 hour', '2026-11-28T03:00 hour']);
  });

  it('read a bare weekday said on that weekday as next week’s, and with a time as today’s and next week’s', () => {
    assert.deepEqual(readings('ht', 'vandredi').map(describeReading), ['2026-12-04 day']);
    assert.deepEqual(readings('ht', 'vandredi a 3è').map(describeReading).slice(0, 2), ['2026-11-27T15:00 hour', '2026-12-04T15:00 hour']);
  });

  it('read this week’s weekday already past as the coming one, with this week’s after it', () => {
    assert.deepEqual(readings('ko', '이번주 월요일').map(describeReading), ['2026-11-30 day', '2026-11-23 day']);
    assert.deepEqual(readings('pl', 'w poniedziałek w tym tygodniu').map(describeReading), ['2026-11-30 day', '2026-11-23 day']);
    assert.deepEqual(readings('ko', '이번 주 금요일').map(describeReading), ['2026-11-27 day']);
    assert.deepEqual(readings('ko', '이번주 토요일').map(describeReading), ['2026-11-28 day']);
    const [first, second] = parseWhen('이번주 월요일', 'ko', NOW.toJSDate(), NY);
    assert.deepEqual([first.past, second.past], [false, true]);
  });

  it('never read "next Friday" as today', () => {
    for (const [language, text] of [
      ['pl', 'następny piątek o 10'],
      ['eo', 'venontan vendredon je la 10-a'],
      ['ht', 'vandredi pwochen a 10è'],
      ['tl', 'sa susunod na Biyernes alas 10'],
      ['ko', '다음 금요일 10시'],
    ] as const) {
      assert.equal(firstOf(language, text), '2026-12-04T10:00 hour', `${language}: ${text}`);
    }
  });

  it('read a date already past this year as next year’s, with this year’s after it', () => {
    assert.deepEqual(readings('pl', '3 marca').map(describeReading), ['2027-03-03 day', '2026-03-03 day']);
  });

  it('read nothing into impossible dates or text with no date', () => {
    for (const [language, text] of [
      ['pl', '31 listopada'],
      ['ko', '2월 30일'],
      ['tl', 'magandang umaga po, salamat'],
      ['eo', 'mi volas rendevuon'],
      ['ht', 'mwen vle pran yon randevou'],
      ['pl', 'dzień dobry'],
    ] as const) {
      const found = readings(language, text).filter((r) => r.precision !== 'partOfDay');
      assert.deepEqual(found.map(describeReading), [], `${language}: ${text}`);
    }
  });

  it('keep the office’s zone, across a DST change', () => {
    const march = DateTime.fromISO('2027-03-12T09:00', { zone: NY });
    const [first] = readings('pl', 'w poniedziałek o 10', march);
    assert.equal(first.start.toISO(), '2027-03-15T10:00:00.000-04:00');
  });
});

describe('Polish grammar', () => {
  table('pl', [
    ['jutro o 10', '2026-11-28T10:00 hour'],
    ['jutro o 10 rano', '2026-11-28T10:00 hour'],
    ['3 grudnia', '2026-12-03 day'],
    ['3 grudzień', '2026-12-03 day'],
    ['3-go grudnia o 15:30', '2026-12-03T15:30 minute'],
    ['trzeciego grudnia', '2026-12-03 day'],
    ['3.12', '2026-12-03 day'],
    ['3/12/2026', '2026-12-03 day'],
    ['w środę', '2026-12-02 day'],
    ['w srode', '2026-12-02 day'],
    ['we wtorek po południu', '2026-12-01T12:00..17:00 partOfDay'],
    ['wtorek w przyszłym tygodniu', '2026-12-01 day'],
    ['w przyszłym tygodniu', '2026-11-30..2026-12-07 day'],
    ['za tydzień', '2026-12-04 day'],
    ['za dwa tygodnie', '2026-12-11 day'],
    ['za 3 dni', '2026-11-30 day'],
    ['pojutrze', '2026-11-29 day'],
    ['godz. 15', '2026-11-27T15:00 hour'],
    ['o dziesiątej', '2026-11-27T10:00 hour'],
    ['o dziesiatej', '2026-11-27T10:00 hour'],
    ['o piętnastej trzydzieści', '2026-11-27T15:30 minute'],
    ['o 10.30', '2026-11-27T10:30 minute'],
    ['kwadrans po 3', '2026-11-27T15:15 minute'],
    ['wpół do jedenastej', '2026-11-27T10:30 minute'],
    ['o trzeciej po południu', '2026-11-27T15:00 hour'],
    ['w południe', '2026-11-27T12:00 hour'],
    ['dziś wieczorem', '2026-11-27T17:00..21:00 partOfDay'],
    ['Łódź', undefined],
    ['piątek po następnym', '2026-12-11 day'],
    ['ostatni poniedziałek grudnia', '2026-12-28 day'],
    ['w ten weekend', '2026-11-28..2026-11-30 day'],
    ['w przyszły weekend', '2026-12-05..2026-12-07 day'],
    ['kolejne trzy godziny', '2026-11-27T09:00..12:00 partOfDay'],
    ['jutro o 16 CET', '2026-11-28T10:00 minute'],
    // a bare hour after a day, as typed on phones; not a day of a month, an ordinal or a count
    ['sr 10', '2026-12-02T10:00 hour'],
    ['śr. 10', '2026-12-02T10:00 hour'],
    ['w czwartek 9', '2026-12-03T09:00 hour'],
    ['jutro 14', '2026-11-28T14:00 hour'],
    ['pt 10 grudnia', '2026-12-10 day'],
    ['sr 10.12', '2026-12-10 day'],
    ['pon 10-go', '2026-12-10 day'],
    ['sr 10h', '2026-12-02T10:00 hour'],
  ]);

  it('reads a time said in a European zone on the office’s clock, summer time included', () => {
    const june = DateTime.fromISO('2026-06-05T09:00', { zone: NY }); // New York on EDT (−4)
    assert.equal(firstOf('pl', 'jutro o 16 CEST', june), '2026-06-06T10:00 minute');
    assert.equal(firstOf('pl', 'jutro o 16 CET', june), '2026-06-06T11:00 minute');
  });
});

describe('Korean grammar', () => {
  table('ko', [
    ['내일 오전 10시', '2026-11-28T10:00 hour'],
    ['내일오전10시', '2026-11-28T10:00 hour'],
    ['오후 3시 30분', '2026-11-27T15:30 minute'],
    ['오후세시반', '2026-11-27T15:30 minute'],
    ['열한시', '2026-11-27T11:00 hour'],
    ['오후 두시 이십분', '2026-11-27T14:20 minute'],
    ['12월 3일', '2026-12-03 day'],
    ['2026년 12월 3일', '2026-12-03 day'],
    ['2026.12.3', '2026-12-03 day'],
    ['2026. 12. 3.', '2026-12-03 day'],
    ['12/3', '2026-12-03 day'],
    ['3일', '2026-12-03 day'],
    ['다음주 화요일', '2026-12-01 day'],
    ['다음 주 목요일 오후', '2026-12-03T12:00..17:00 partOfDay'],
    ['다음 주', '2026-11-30..2026-12-07 day'],
    ['모레', '2026-11-29 day'],
    ['2주 후', '2026-12-11 day'],
    ['이틀 뒤', '2026-11-29 day'],
    ['정오', '2026-11-27T12:00 hour'],
    ['저녁에', '2026-11-27T17:00..21:00 partOfDay'],
    ['오후 10:30', '2026-11-27T22:30 minute'],
    ['안녕하세요', undefined],
    ['3월 마지막 월요일', '2027-03-29 day'],
    ['이번주말', '2026-11-28..2026-11-30 day'],
    ['다음 주말', '2026-12-05..2026-12-07 day'],
    ['다음 3시간', '2026-11-27T09:00..12:00 partOfDay'],
    ['몇시간 안에', '2026-11-27T12:00 minute'],
    ['목요일 8:00 GMT', '2026-12-03T15:00 minute'], // 20:00 GMT: 08:00 GMT is 03:00 in New York, outside office hours
  ]);
});

describe('Tagalog grammar', () => {
  table('tl', [
    ['bukas ng 10am', '2026-11-28T10:00 hour'],
    ['bukas ng umaga', '2026-11-28T08:00..12:00 partOfDay'],
    ['lunes afternoon', '2026-11-30T12:00..17:00 partOfDay'],
    ['sa Lunes', '2026-11-30 day'],
    ['Disyembre 3', '2026-12-03 day'],
    ['Diciembre 3', '2026-12-03 day'],
    ['Dec 3', '2026-12-03 day'],
    ['ika-3 ng Disyembre', '2026-12-03 day'],
    ['12/3', '2026-12-03 day'],
    ['alas diyes', '2026-11-27T10:00 hour'],
    ['alas-dos y medya ng hapon', '2026-11-27T14:30 minute'],
    ['10 ng umaga', '2026-11-27T10:00 hour'],
    ['3 ng hapon', '2026-11-27T15:00 hour'],
    ['sa makalawa', '2026-11-29 day'],
    ['sa loob ng dalawang linggo', '2026-12-11 day'],
    ['sa susunod na linggo', '2026-11-30..2026-12-07 day'],
    ['sa Linggo', '2026-11-29 day'],
    ['ngayong gabi', '2026-11-27T17:00..21:00 partOfDay'],
    ['may tanong po ako', undefined],
  ]);
});

describe('Esperanto grammar', () => {
  table('eo', [
    ['morgaŭ je la 10-a', '2026-11-28T10:00 hour'],
    ['morgaux je la 10a', '2026-11-28T10:00 hour'],
    ['morgau je la deka', '2026-11-28T10:00 hour'],
    ['la 3-an de decembro', '2026-12-03 day'],
    ['la tria de decembro', '2026-12-03 day'],
    ['la dudek-kvina de decembro', '2026-12-25 day'],
    ['3.12', '2026-12-03 day'],
    ['ĵaŭdon', '2026-12-03 day'],
    ['jxauxdon', '2026-12-03 day'],
    ['jaudon posttagmeze', '2026-12-03T12:00..17:00 partOfDay'],
    ['venontan semajnon', '2026-11-30..2026-12-07 day'],
    ['post du semajnoj', '2026-12-11 day'],
    ['postmorgaŭ', '2026-11-29 day'],
    ['je la deka kaj duono', '2026-11-27T10:30 minute'],
    ['je la tria posttagmeze', '2026-11-27T15:00 hour'],
    ['je tagmezo', '2026-11-27T12:00 hour'],
    ['dankon', undefined],
  ]);
});

describe('Haitian Creole grammar', () => {
  table('ht', [
    ['demen a 10è', '2026-11-28T10:00 hour'],
    ['demen a 10e', '2026-11-28T10:00 hour'],
    ['demen a dizè', '2026-11-28T10:00 hour'],
    ['10 è di maten', '2026-11-27T10:00 hour'],
    ['a 3è nan apremidi', '2026-11-27T15:00 hour'],
    ['a 3è edmi', '2026-11-27T15:30 minute'],
    ['a 10h30', '2026-11-27T10:30 minute'],
    ['3 desanm', '2026-12-03 day'],
    ['3 decembre', '2026-12-03 day'],
    ['3/12', '2026-12-03 day'],
    ['mèkredi', '2026-12-02 day'],
    ['mekredi apremidi', '2026-12-02T12:00..17:00 partOfDay'],
    ['madi pwochen', '2026-12-01 day'],
    ['semenn pwochen', '2026-11-30..2026-12-07 day'],
    ['nan de semenn', '2026-12-11 day'],
    ['apre demen', '2026-11-29 day'],
    ['jodi a aswè', '2026-11-27T17:00..21:00 partOfDay'],
    ['a midi', '2026-11-27T12:00 hour'],
    ['mèsi anpil', undefined],
  ]);
});
