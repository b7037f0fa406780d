import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { parseWhen, warmUpDateParsers } from '../src/domain/dates/parseWhen';

const NY = 'America/New_York';

function at(local: string, zone: string): Date {
  const time = DateTime.fromISO(local, { zone });
  assert.ok(time.isValid, local);
  return time.toJSDate();
}

/** The Friday after Thanksgiving, 09:00 in New York. */
const NOW = at('2026-11-27T09:00', NY);

function local(iso: string | undefined): string | undefined {
  return iso?.slice(0, 16);
}

describe('parseWhen — French, Chinese, Russian, Portuguese, Arabic, Vietnamese', () => {
  it('answers in French right after warmUpDateParsers, the French model already built', () => {
    warmUpDateParsers(NOW);
    const [first] = parseWhen('jeudi prochain à 10h', 'fr', NOW, NY);
    assert.equal(first.start, '2026-12-03T10:00:00.000-05:00');
    assert.equal(first.precision, 'hour');
  });

  it('keeps both halves of the day for an hour said alone, office hours first (ru, pt, ar, vi)', () => {
    for (const [language, phrase] of [
      ['ru', 'в 3'],
      ['pt', 'às 3'],
      ['ar', 'الساعة 3'],
      ['vi', 'lúc 3 giờ'],
    ] as const) {
      const readings = parseWhen(phrase, language, NOW, NY).filter((r) => !r.past);
      assert.deepEqual(
        readings.map((r) => local(r.start)),
        ['2026-11-27T15:00', '2026-11-28T03:00'],
        `${language} "${phrase}"`,
      );
    }
  });

  it('sets the half of the day from the part of the day said beside the hour', () => {
    assert.deepEqual(
      parseWhen('в 9 вечера', 'ru', NOW, NY).map((r) => local(r.start)),
      ['2026-11-27T21:00'],
    );
    assert.deepEqual(
      parseWhen('8 giờ tối', 'vi', NOW, NY).map((r) => local(r.start)),
      ['2026-11-27T20:00'],
    );
  });

  it('reads the weekday of today with a time still ahead as today, then a week from today (chrono languages)', () => {
    const readings = parseWhen('sexta às 15h', 'pt', NOW, NY);
    assert.deepEqual(readings.map((r) => local(r.start)), ['2026-11-27T15:00', '2026-12-04T15:00']);
  });

  it('puts a bare time that is over today on tomorrow', () => {
    assert.equal(local(parseWhen('в 8:30', 'ru', NOW, NY)[0].start), '2026-11-28T08:30');
    assert.equal(local(parseWhen('8点半', 'zh', NOW, NY)[0].start), '2026-11-28T08:30');
  });

  it('returns [] when there is no date or time', () => {
    assert.deepEqual(parseWhen('Здравствуйте, мне нужна запись', 'ru', NOW, NY), []);
    assert.deepEqual(parseWhen('Olá, preciso de uma consulta', 'pt', NOW, NY), []);
    assert.deepEqual(parseWhen('Tôi muốn đặt lịch hẹn', 'vi', NOW, NY), []);
  });
});

describe('parseWhen — zones and DST in the new languages', () => {
  const SATURDAY_BEFORE_SPRING_CHANGE = at('2026-03-07T09:00', NY);

  it('writes the summer offset after the spring DST change (New York, 2026-03-08)', () => {
    for (const [language, phrase] of [
      ['ru', 'завтра в 10'],
      ['pt', 'amanhã às 10'],
      ['ar', 'غدا الساعة 10'],
      ['vi', 'ngày mai lúc 10 giờ'],
      ['fr', 'demain à 10h'],
      ['zh', '明天上午10点'],
    ] as const) {
      assert.equal(parseWhen(phrase, language, SATURDAY_BEFORE_SPRING_CHANGE, NY)[0].start, '2026-03-08T10:00:00.000-04:00', language);
    }
  });

  it('gives a day across the DST change its two offsets (chrono languages)', () => {
    const [day] = parseWhen('завтра', 'ru', SATURDAY_BEFORE_SPRING_CHANGE, NY);
    assert.equal(day.start, '2026-03-08T00:00:00.000-05:00');
    assert.equal(day.end, '2026-03-09T00:00:00.000-04:00');
  });

  it('counts "in two weeks" in calendar days across the DST change', () => {
    const [day] = parseWhen('daqui a duas semanas', 'pt', SATURDAY_BEFORE_SPRING_CHANGE, NY);
    assert.equal(day.start, '2026-03-21T00:00:00.000-04:00');
  });

  it('takes "now" in the office’s zone: the same instant is another day in Guam', () => {
    const instant = at('2026-11-27T22:00', NY); // 2026-11-28 13:00 in Guam
    assert.equal(parseWhen('amanhã às 10', 'pt', instant, 'Pacific/Guam')[0].start, '2026-11-29T10:00:00.000+10:00');
    assert.equal(parseWhen('завтра в 10', 'ru', instant, NY)[0].start, '2026-11-28T10:00:00.000-05:00');
  });

  it('does not depend on the server’s own time zone', () => {
    const before = process.env.TZ;
    try {
      process.env.TZ = 'Asia/Kolkata';
      assert.equal(parseWhen('ngày mai lúc 10 giờ', 'vi', NOW, NY)[0].start, '2026-11-28T10:00:00.000-05:00');
      assert.equal(parseWhen('بعد غد', 'ar', NOW, NY)[0].start, '2026-11-29T00:00:00.000-05:00');
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });
});
