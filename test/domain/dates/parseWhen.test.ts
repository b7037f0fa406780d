import assert from 'node:assert/strict';
import path from 'node:path';
import { parseWhen, PARTS_OF_DAY, type WhenCandidate, whenLanguages } from '../../../src/domain/dates/parseWhen';
import { GRAMMAR_PARSERS } from '../../../src/domain/dates/grammars';
import { projectRoot } from '../../../src/domain/projectPaths';
import { at, wallClock, NY } from '../../support/timeFixtures';
import { runInFreshProcess } from '../../support/freshProcess';

/** The Friday after Thanksgiving, 09:00 in New York. */
const NOW = at('2026-11-27T09:00', NY);

type Row = [phrase: string, start: string, precision: WhenCandidate['precision'], end?: string];

function checkTable(language: string, rows: readonly Row[]): void {
  for (const [phrase, start, precision, end] of rows) {
    it(`"${phrase}" → ${start} (${precision})`, () => {
      const [first] = parseWhen(phrase, language, NOW, NY);
      assert.ok(first, `no reading for "${phrase}"`);
      assert.equal(wallClock(first.start), start);
      assert.equal(first.precision, precision);
      assert.equal(first.past, false);
      if (end !== undefined) assert.equal(wallClock(first.end), end);
      if (precision === 'day' || precision === 'partOfDay') assert.ok(first.end, 'a range has an end');
      else assert.equal(first.end, undefined);
    });
  }
}

describe('parseWhen — English (now: Fri 2026-11-27 09:00 New York)', () => {
  checkTable('en', [
    ['tomorrow at 10', '2026-11-28T10:00', 'hour'],
    ['next Tuesday morning', '2026-12-01T08:00', 'partOfDay', '2026-12-01T12:00'],
    ['Dec 3 at 2pm', '2026-12-03T14:00', 'hour'],
    ['12/3', '2026-12-03T00:00', 'day', '2026-12-04T00:00'],
    ['10:30', '2026-11-27T10:30', 'minute'],
    ['in two weeks', '2026-12-11T00:00', 'day', '2026-12-12T00:00'],
    ['the 15th', '2026-12-15T00:00', 'day', '2026-12-16T00:00'],
    ['noon', '2026-11-27T12:00', 'hour'],
    ['Tuesday', '2026-12-01T00:00', 'day', '2026-12-02T00:00'],
    ['tomorrow', '2026-11-28T00:00', 'day', '2026-11-29T00:00'],
    ['monday afternoon', '2026-11-30T12:00', 'partOfDay', '2026-11-30T17:00'],
    ['at 3', '2026-11-27T15:00', 'hour'],
    ['next week', '2026-11-30T00:00', 'day', '2026-12-07T00:00'],
    ['tonight', '2026-11-27T17:00', 'partOfDay', '2026-11-27T21:00'],
    ['this evening', '2026-11-27T17:00', 'partOfDay', '2026-11-27T21:00'],
    ['the day after tomorrow', '2026-11-29T00:00', 'day'],
    ['wednesday 2:15pm', '2026-12-02T14:15', 'minute'],
    ['the 15th at 10', '2026-12-15T10:00', 'hour'],
    ['December 3rd', '2026-12-03T00:00', 'day'],
    ['12/3/2026', '2026-12-03T00:00', 'day'],
    ['2 weeks from now', '2026-12-11T00:00', 'day'],
    ['in 3 days', '2026-11-30T00:00', 'day'],
    ['next monday at 9', '2026-11-30T09:00', 'hour'],
    ['ten thirty', '2026-11-27T10:30', 'minute'],
    ['at noon on thursday', '2026-12-03T12:00', 'hour'],
    ['in the morning', '2026-11-27T08:00', 'partOfDay', '2026-11-27T12:00'],
    ['tomorrow between 2 and 4', '2026-11-28T14:00', 'partOfDay', '2026-11-28T16:00'],
    ['on the 1st', '2026-12-01T00:00', 'day'],
    ['this afternoon', '2026-11-27T12:00', 'partOfDay', '2026-11-27T17:00'],
    ['10am tomorrow', '2026-11-28T10:00', 'hour'],
    ['Can I come Tuesday at 10:30am please?', '2026-12-01T10:30', 'minute'],
    ['this monday', '2026-11-30T00:00', 'day'],
    ['Tuesday the 1st', '2026-12-01T00:00', 'day'],
    ['february the 15th', '2027-02-15T00:00', 'day'],
    ['friday', '2026-12-04T00:00', 'day'],
    ['at 1030', '2026-11-27T10:30', 'minute'],
    ['dec 10 in the afternoon', '2026-12-10T12:00', 'partOfDay', '2026-12-10T17:00'],
    ['December 3rd in the morning', '2026-12-03T08:00', 'partOfDay', '2026-12-03T12:00'],
    ['8 in the evening', '2026-11-27T20:00', 'hour'],
  ]);
});

describe('parseWhen — Spanish (now: Fri 2026-11-27 09:00 New York)', () => {
  checkTable('es', [
    ['mañana a las 10', '2026-11-28T10:00', 'hour'],
    ['manana a las 10', '2026-11-28T10:00', 'hour'],
    ['el martes por la tarde', '2026-12-01T12:00', 'partOfDay', '2026-12-01T17:00'],
    ['3 de diciembre a las 10', '2026-12-03T10:00', 'hour'],
    ['pasado mañana', '2026-11-29T00:00', 'day', '2026-11-30T00:00'],
    ['pasado manana', '2026-11-29T00:00', 'day'],
    ['dentro de dos semanas', '2026-12-11T00:00', 'day'],
    ['en una semana', '2026-12-04T00:00', 'day'],
    ['el miercoles', '2026-12-02T00:00', 'day'],
    ['el miércoles', '2026-12-02T00:00', 'day'],
    ['mediodía', '2026-11-27T12:00', 'hour'],
    ['mediodia', '2026-11-27T12:00', 'hour'],
    ['el 15', '2026-12-15T00:00', 'day'],
    ['el 15 a las 10', '2026-12-15T10:00', 'hour'],
    ['la semana que viene', '2026-11-30T00:00', 'day', '2026-12-07T00:00'],
    ['la próxima semana', '2026-11-30T00:00', 'day', '2026-12-07T00:00'],
    ['el lunes, por la mañana', '2026-11-30T08:00', 'partOfDay', '2026-11-30T12:00'],
    ['pasado mañana por la tarde', '2026-11-29T12:00', 'partOfDay', '2026-11-29T17:00'],
    ['hoy por la noche', '2026-11-27T17:00', 'partOfDay', '2026-11-27T21:00'],
    ['12/3', '2027-03-12T00:00', 'day'],
    ['a las 10:30', '2026-11-27T10:30', 'minute'],
    ['el viernes a mediodía', '2026-11-27T12:00', 'hour'],
    ['manana en la manana', '2026-11-28T08:00', 'partOfDay', '2026-11-28T12:00'],
    ['el proximo martes', '2026-12-01T00:00', 'day'],
    ['sabado', '2026-11-28T00:00', 'day'],
    ['el 15 de diciembre', '2026-12-15T00:00', 'day'],
    ['a las 3 de la tarde', '2026-11-27T15:00', 'hour'],
    ['mañana por la mañana', '2026-11-28T08:00', 'partOfDay', '2026-11-28T12:00'],
    ['dentro de 3 días', '2026-11-30T00:00', 'day'],
    ['el jueves a las 9:30', '2026-12-03T09:30', 'minute'],
    ['Mañana a las 10 por favor', '2026-11-28T10:00', 'hour'],
    ['este lunes', '2026-11-30T00:00', 'day'],
    ['a las 1030', '2026-11-27T10:30', 'minute'],
  ]);
});

describe('parseWhen — readings and their order', () => {
  it('puts the office-hours reading of an ambiguous hour first, and keeps the other', () => {
    const readings = parseWhen('at 10', 'en', NOW, NY);
    assert.deepEqual(
      readings.map((r) => [wallClock(r.start), r.precision, r.past]),
      [
        ['2026-11-27T10:00', 'hour', false],
        ['2026-11-27T22:00', 'hour', false],
      ],
    );
  });

  it('puts a bare time that is over today on tomorrow', () => {
    const readings = parseWhen('8:30', 'en', NOW, NY);
    assert.equal(wallClock(readings[0].start), '2026-11-28T08:30');
  });

  it('gives future readings before past ones, marking the past ones', () => {
    const readings = parseWhen('Dec 3', 'en', NOW, NY);
    assert.deepEqual(
      readings.map((r) => [wallClock(r.start), r.past]),
      [
        ['2026-12-03T00:00', false],
        ['2025-12-03T00:00', true],
      ],
    );
  });

  it('reads a bare weekday as the coming one, the past one last', () => {
    const readings = parseWhen('Tuesday', 'en', NOW, NY);
    assert.equal(wallClock(readings[0].start), '2026-12-01T00:00');
    assert.deepEqual(
      readings.slice(1).map((r) => r.past),
      [true],
    );
  });

  it('reads the weekday of today as a week from today', () => {
    const readings = parseWhen('viernes', 'es', NOW, NY).filter((r) => !r.past);
    assert.deepEqual(
      readings.map((r) => wallClock(r.start)),
      ['2026-12-04T00:00'],
    );
  });

  it('reads the weekday of today with a time still ahead as today, then a week from today', () => {
    const readings = parseWhen('friday at 3pm', 'en', NOW, NY).filter((r) => !r.past);
    assert.deepEqual(
      readings.map((r) => wallClock(r.start)),
      ['2026-11-27T15:00', '2026-12-04T15:00'],
    );
  });

  it('drops readings years away ("at 1030" is not the year 1030)', () => {
    for (const candidate of parseWhen('around 1030 maybe, or 1999', 'en', NOW, NY)) {
      assert.ok(candidate.start.startsWith('2026') || candidate.start.startsWith('2027'), candidate.start);
    }
  });

  it('keeps every day named ("monday or tuesday")', () => {
    const future = parseWhen('monday or tuesday', 'en', NOW, NY).filter((r) => !r.past);
    assert.deepEqual(
      future.map((r) => wallClock(r.start)),
      ['2026-11-30T00:00', '2026-12-01T00:00'],
    );
  });

  it('uses our parts of the day, not the recognizer’s', () => {
    assert.deepEqual(PARTS_OF_DAY, {
      morning: { startHour: 8, endHour: 12 },
      afternoon: { startHour: 12, endHour: 17 },
      evening: { startHour: 17, endHour: 21 },
    });
  });

  it('returns [] when there is no date or time', () => {
    assert.deepEqual(parseWhen('hello', 'en', NOW, NY), []);
    assert.deepEqual(parseWhen('hola, ¿qué tal?', 'es', NOW, NY), []);
    assert.deepEqual(parseWhen('   ', 'en', NOW, NY), []);
  });

  it('has parsers for en, es, fr, zh, ru, pt, ar, vi and returns [] for a language it does not know', () => {
    for (const code of ['ar', 'en', 'es', 'fr', 'pt', 'ru', 'vi', 'zh']) assert.ok(whenLanguages().includes(code), code);
    assert.ok(!whenLanguages().includes('de'));
    assert.deepEqual(parseWhen('morgen um 10', 'de', NOW, NY), []);
  });

  it('has a parser for every language with a grammar of our own', () => {
    for (const code of Object.keys(GRAMMAR_PARSERS)) assert.ok(whenLanguages().includes(code), code);
  });

  it('loads a language’s date library on that language’s first parse, not on import nor for another language', function () {
    this.timeout(30_000);
    // A fresh process: this one has loaded every parser already.
    const script = `
      const loaded = (name) => Object.keys(require.cache).some((file) => file.includes('/node_modules/' + name + '/'));
      const { parseWhen, whenLanguages } = require(${JSON.stringify(path.join(projectRoot(), 'src/domain/dates/parseWhen.ts'))});
      const now = new Date('2026-11-27T15:00:00Z');
      const steps = [['import', whenLanguages().length]];
      steps.push(['chrono', loaded('chrono-node')], ['recognizers', loaded('@microsoft/recognizers-text-date-time')]);
      parseWhen('jutro o 10', 'pl', now, 'America/New_York');
      steps.push(['chrono after pl', loaded('chrono-node')]);
      parseWhen('明天上午10点', 'zh', now, 'America/New_York');
      steps.push(['recognizers after zh', loaded('@microsoft/recognizers-text-date-time')], ['chrono after zh', loaded('chrono-node')]);
      parseWhen('tomorrow at 10', 'en', now, 'America/New_York');
      steps.push(['chrono after en', loaded('chrono-node')]);
      console.log(JSON.stringify(steps));
    `;
    assert.deepEqual(runInFreshProcess(script), [
      ['import', 13],
      ['chrono', false],
      ['recognizers', false],
      ['chrono after pl', false],
      ['recognizers after zh', true],
      ['chrono after zh', false],
      ['chrono after en', true],
    ]);
  });

  it('rejects an unknown time zone', () => {
    assert.throws(() => parseWhen('tomorrow', 'en', NOW, 'Nowhere/Special'), /time zone/);
  });
});

describe('parseWhen — time zones', () => {
  it('writes the zone’s offset on both sides of the spring DST change (New York, 2026-03-08)', () => {
    const saturday = at('2026-03-07T09:00', NY);
    assert.equal(parseWhen('tomorrow at 10', 'en', saturday, NY)[0].start, '2026-03-08T10:00:00.000-04:00');
    const [day] = parseWhen('mañana', 'es', saturday, NY);
    assert.equal(day.start, '2026-03-08T00:00:00.000-05:00');
    assert.equal(day.end, '2026-03-09T00:00:00.000-04:00');
    assert.equal(parseWhen('today at 3pm', 'en', saturday, NY)[0].start, '2026-03-07T15:00:00.000-05:00');
  });

  it('writes the standard offset after the fall DST change (2026-11-01)', () => {
    const saturday = at('2026-10-31T09:00', NY);
    assert.equal(parseWhen('tomorrow at 10', 'en', saturday, NY)[0].start, '2026-11-01T10:00:00.000-05:00');
  });

  it('takes "now" in the office’s zone: the same instant is another day in Guam', () => {
    const instant = at('2026-11-27T22:00', NY); // 2026-11-28 13:00 in Guam
    assert.equal(wallClock(parseWhen('tomorrow', 'en', instant, NY)[0].start), '2026-11-28T00:00');
    const guam = parseWhen('mañana a las 10', 'es', instant, 'Pacific/Guam')[0];
    assert.equal(guam.start, '2026-11-29T10:00:00.000+10:00');
  });

  it('keeps UTC−7 in America/Phoenix in summer', () => {
    const now = at('2026-07-01T09:00', 'America/Phoenix');
    assert.equal(parseWhen('tomorrow at 10', 'en', now, 'America/Phoenix')[0].start, '2026-07-02T10:00:00.000-07:00');
  });

  it('does not depend on the server’s own time zone', () => {
    const before = process.env.TZ;
    try {
      process.env.TZ = 'Asia/Kolkata';
      const readings = parseWhen('tomorrow at 10', 'en', NOW, NY);
      assert.equal(readings[0].start, '2026-11-28T10:00:00.000-05:00');
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });
});
