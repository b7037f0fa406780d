import assert from 'node:assert/strict';
import { parseWhen, warmUpDateParsers } from '../../../src/domain/dates/parseWhen';
import { at, wallClock, NY } from '../../support/timeFixtures';

/** The Friday after Thanksgiving, 09:00 in New York. */
const NOW = at('2026-11-27T09:00', NY);

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
        readings.map((r) => wallClock(r.start)),
        ['2026-11-27T15:00', '2026-11-28T03:00'],
        `${language} "${phrase}"`,
      );
    }
  });

  it('sets the half of the day from the part of the day said beside the hour', () => {
    assert.deepEqual(
      parseWhen('в 9 вечера', 'ru', NOW, NY).map((r) => wallClock(r.start)),
      ['2026-11-27T21:00'],
    );
    assert.deepEqual(
      parseWhen('8 giờ tối', 'vi', NOW, NY).map((r) => wallClock(r.start)),
      ['2026-11-27T20:00'],
    );
  });

  it('reads the weekday of today with a time still ahead as today, then a week from today (chrono languages)', () => {
    const readings = parseWhen('sexta às 15h', 'pt', NOW, NY);
    assert.deepEqual(
      readings.map((r) => wallClock(r.start)),
      ['2026-11-27T15:00', '2026-12-04T15:00'],
    );
  });

  it('puts a bare time that is over today on tomorrow', () => {
    assert.equal(wallClock(parseWhen('в 8:30', 'ru', NOW, NY)[0].start), '2026-11-28T08:30');
    assert.equal(wallClock(parseWhen('8点半', 'zh', NOW, NY)[0].start), '2026-11-28T08:30');
  });

  it('reads "de 14h" with no end as that hour, "de 14h à 16h" as a range (fr)', () => {
    assert.deepEqual(
      parseWhen('celui de 14h', 'fr', NOW, NY).map((r) => [wallClock(r.start), r.precision]),
      [['2026-11-27T14:00', 'hour']],
    );
    const [range] = parseWhen('de 14h à 16h', 'fr', NOW, NY);
    assert.deepEqual([wallClock(range.start), wallClock(range.end ?? '')], ['2026-11-27T14:00', '2026-11-27T16:00']);
  });

  it('reads Russian typed in Latin letters ("zavtra v 11", "v pyatnicu")', () => {
    assert.equal(wallClock(parseWhen('zavtra v 11', 'ru', NOW, NY)[0].start), '2026-11-28T11:00');
    assert.equal(wallClock(parseWhen('v pyatnicu', 'ru', NOW, NY)[0].start), '2026-12-04T00:00');
  });

  it('reads Arabic typed in Latin letters and digits ("bokra ba3d el dohr")', () => {
    const [first] = parseWhen('bokra ba3d el dohr', 'ar', NOW, NY);
    assert.deepEqual([wallClock(first.start), first.precision], ['2026-11-28T12:00', 'partOfDay']);
  });

  it('returns [] when there is no date or time', () => {
    assert.deepEqual(parseWhen('Здравствуйте, мне нужна запись', 'ru', NOW, NY), []);
    assert.deepEqual(parseWhen('Olá, preciso de uma consulta', 'pt', NOW, NY), []);
    assert.deepEqual(parseWhen('Tôi muốn đặt lịch hẹn', 'vi', NOW, NY), []);
  });
});

describe('parseWhen — phrases chrono lacks (ru, pt, ar, vi)', () => {
  const first = (text: string, language: string): string | undefined => {
    const [reading] = parseWhen(text, language, NOW, NY);
    return reading && `${wallClock(reading.start)} ${reading.precision}${reading.end ? ` ..${wallClock(reading.end)}` : ''}`;
  };

  it('reads hours said in words, with "half past" and "quarter to"', () => {
    assert.equal(first('в половине одиннадцатого', 'ru'), '2026-11-27T10:30 minute');
    assert.equal(first('без четверти три', 'ru'), '2026-11-27T14:45 minute');
    assert.equal(first('в пятнадцать часов', 'ru'), '2026-11-27T15:00 hour');
    assert.equal(first('quinze para o meio-dia', 'pt'), '2026-11-27T11:45 minute');
    assert.equal(first('às onze e quarenta e cinco', 'pt'), '2026-11-27T11:45 minute');
    assert.equal(first('الساعة الثالثة الا ثلث بعد الظهر', 'ar'), '2026-11-27T14:40 minute');
    assert.equal(first('ba giờ rưỡi chiều', 'vi'), '2026-11-27T15:30 minute');
  });

  it('reads ar hours written "10h", "14h30" (French-style), alone and after a day', () => {
    assert.equal(first('10h', 'ar'), '2026-11-27T10:00 hour');
    assert.equal(first('14h30', 'ar'), '2026-11-27T14:30 minute');
    assert.equal(first('bokra 14h', 'ar'), '2026-11-28T14:00 hour');
  });

  it('reads midnight as the coming midnight, not as the evening', () => {
    assert.equal(first('meia-noite', 'pt'), '2026-11-28T00:00 hour');
  });

  it('reads a weekday of this or next week', () => {
    assert.equal(first('среда на следующей неделе', 'ru'), '2026-12-02T00:00 day ..2026-12-03T00:00');
    assert.equal(first('terça da semana que vem', 'pt'), '2026-12-01T00:00 day ..2026-12-02T00:00');
    assert.equal(first('thứ sáu tuần này', 'vi'), '2026-11-27T00:00 day ..2026-11-28T00:00');
  });

  it('reads days of the month said in words, and the middle, start and last weekday of a month', () => {
    assert.equal(first('двадцать пятое декабря', 'ru'), '2026-12-25T00:00 day ..2026-12-26T00:00');
    assert.equal(first('cinco de dezembro', 'pt'), '2026-12-05T00:00 day ..2026-12-06T00:00');
    assert.equal(first('منتصف شهر 1', 'ar'), '2027-01-15T00:00 day ..2027-01-16T00:00');
    assert.equal(first('اخر اثنين من الشهر القادم', 'ar'), '2026-12-28T00:00 day ..2026-12-29T00:00');
    assert.equal(first('ngày 7 tháng chạp', 'vi'), '2026-12-07T00:00 day ..2026-12-08T00:00');
  });

  it('reads the weekend as Saturday and Sunday, and "the next hours" as a span from now', () => {
    assert.equal(first('в эти выходные', 'ru'), '2026-11-28T00:00 day ..2026-11-30T00:00');
    assert.equal(first('no próximo fim de semana', 'pt'), '2026-12-05T00:00 day ..2026-12-07T00:00');
    assert.equal(first('ближайшие три часа', 'ru'), '2026-11-27T09:00 partOfDay ..2026-11-27T12:00');
  });

  it('reads a time said in another zone on the office’s clock, DST on both sides', () => {
    assert.equal(first('16:00 CET', 'ru'), '2026-11-27T10:00 minute');
    const june = at('2026-06-05T09:00', NY);
    assert.equal(wallClock(parseWhen('завтра в 16:00 CEST', 'ru', june, NY)[0].start), '2026-06-06T10:00');
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

describe('parseWhen — English, Spanish, French and Chinese phrasings (now: Fri 2026-11-27 09:00 New York)', () => {
  const cases: ReadonlyArray<readonly [language: string, phrase: string, start: string, precision: string, end?: string]> = [
    // Clock times in words.
    ['en', 'half past two tomorrow', '2026-11-28T14:30', 'minute'],
    ['en', 'a quarter to noon', '2026-11-27T11:45', 'minute'],
    ['en', 'twenty after 3pm', '2026-11-27T15:20', 'minute'],
    ['en', 'at three pm', '2026-11-27T15:00', 'hour'],
    ['es', 'las doce menos cinco', '2026-11-27T11:55', 'minute'],
    ['es', 'mañana a las tres y media de la tarde', '2026-11-28T15:30', 'minute'],
    ['es', 'nueve de la mañana', '2026-11-28T09:00', 'hour'],
    ['fr', 'midi et demi', '2026-11-27T12:30', 'minute'],
    ['fr', "demain à trois heures et demie de l'après-midi", '2026-11-28T15:30', 'minute'],
    ['fr', 'midi moins le quart', '2026-11-27T11:45', 'minute'],
    ['fr', 'vers 15 heures', '2026-11-27T15:00', 'hour'],
    ['zh', '下午三点零五', '2026-11-27T15:05', 'minute'],
    // Weekdays of next week, "en huit".
    ['en', 'wednesday next week', '2026-12-02T00:00', 'day'],
    ['es', 'el miercoles de la semana que viene', '2026-12-02T00:00', 'day'],
    ['fr', 'mercredi de la semaine prochaine', '2026-12-02T00:00', 'day'],
    ['fr', 'lundi en huit', '2026-12-07T00:00', 'day'],
    // Parts of the day the libraries lack.
    ['en', 'late afternoon', '2026-11-27T15:00', 'partOfDay', '2026-11-27T18:00'],
    ['en', 'tomorrow at lunch', '2026-11-28T12:00', 'partOfDay', '2026-11-28T14:00'],
    ['fr', "lundi en fin d'après-midi", '2026-11-30T15:00', 'partOfDay', '2026-11-30T18:00'],
    // Hour ranges said without AM/PM are read inside office hours.
    ['en', 'between 11 and 1', '2026-11-27T11:00', 'partOfDay', '2026-11-27T13:00'],
    ['es', 'mañana de 2 a 4', '2026-11-28T14:00', 'partOfDay', '2026-11-28T16:00'],
    // Traditional characters and Cantonese words.
    ['zh', '明天下午三點', '2026-11-28T15:00', 'hour'],
    ['zh', '聽日', '2026-11-28T00:00', 'day'],
    ['zh', '後日上午十點', '2026-11-29T10:00', 'hour'],
    ['zh', '禮拜一下午兩點', '2026-11-30T14:00', 'hour'],
    ['zh', '下個禮拜三上午十點', '2026-12-02T10:00', 'hour'],
    ['zh', '十二月三號上午十點', '2026-12-03T10:00', 'hour'],
    ['zh', '兩個禮拜後', '2026-12-11T00:00', 'day', '2026-12-12T00:00'],
    ['zh', '一個鐘頭後', '2026-11-27T10:00', 'hour'],
    ['zh', '聽朝十點', '2026-11-28T10:00', 'hour'],
    ['zh', '聽晚', '2026-11-28T17:00', 'partOfDay', '2026-11-28T21:00'],
    ['zh', '下晝兩點', '2026-11-27T14:00', 'hour'],
    // Weekends (Saturday and Sunday), "the next hours" (a span from now), times in another zone.
    ['en', 'this weekend', '2026-11-28T00:00', 'day', '2026-11-30T00:00'],
    ['es', 'el próximo fin de semana', '2026-12-05T00:00', 'day', '2026-12-07T00:00'],
    ['fr', 'ce week-end', '2026-11-28T00:00', 'day', '2026-11-30T00:00'],
    ['zh', '這週末', '2026-11-28T00:00', 'day', '2026-11-30T00:00'],
    ['zh', '下周末', '2026-12-05T00:00', 'day', '2026-12-07T00:00'],
    ['en', 'the next three hours', '2026-11-27T09:00', 'partOfDay', '2026-11-27T12:00'],
    ['es', 'las proximas 3 horas', '2026-11-27T09:00', 'partOfDay', '2026-11-27T12:00'],
    ['fr', '2 heures suivantes', '2026-11-27T09:00', 'partOfDay', '2026-11-27T11:00'],
    ['fr', 'les 3 prochaines heures', '2026-11-27T09:00', 'partOfDay', '2026-11-27T12:00'],
    ['zh', '4pm CET', '2026-11-27T10:00', 'minute'],
    ['zh', '明天上午10点 GMT', '2026-11-28T05:00', 'minute'],
    ['zh', '三個鐘之後', '2026-11-27T12:00', 'hour'],
    // Spanish weekday abbreviations said alone; a French day and month with a space.
    ['es', 'lu', '2026-11-30T00:00', 'day'],
    ['es', 'mx', '2026-12-02T00:00', 'day'],
    ['fr', 'le 17 12', '2026-12-17T00:00', 'day'],
    // Cantonese minutes counted in fives: "三點三" is 3:15.
    ['zh', '晏晝三點三', '2026-11-27T15:15', 'minute'],
    ['en', 'last friday of march', '2027-03-26T00:00', 'day'],
    ['fr', 'dans vingt quatre heures', '2026-11-28T09:00', 'minute'],
    ['fr', 'deux jours plus tard', '2026-11-29T00:00', 'day'],
  ];
  for (const [language, phrase, start, precision, end] of cases) {
    it(`${language} "${phrase}" → ${start} (${precision})`, () => {
      const [first] = parseWhen(phrase, language, NOW, NY);
      assert.ok(first, `no reading for "${phrase}"`);
      assert.equal(wallClock(first.start), start);
      assert.equal(first.precision, precision);
      if (end !== undefined) assert.equal(wallClock(first.end), end);
    });
  }

  it('reads Traditional characters as their Simplified twins (zh): the same readings, in the same order', () => {
    const twins: ReadonlyArray<readonly [traditional: string, simplified: string]> = [
      ['兩點', '两点'],
      ['兩點半', '两点半'],
      ['禮拜一', '礼拜一'],
      ['下週二上午', '下周二上午'],
      ['這個禮拜四', '这个礼拜四'],
      ['十二月三號', '十二月三号'],
      ['明天下午兩點鐘', '明天下午两点钟'],
      ['兩週後', '两周后'],
      ['現在', '现在'],
      ['後天晚上', '后天晚上'],
      ['下個月三號', '下个月三号'],
    ];
    for (const [traditional, simplified] of twins) {
      const expected = parseWhen(simplified, 'zh', NOW, NY);
      assert.ok(expected.length > 0, `no reading for "${simplified}"`);
      assert.deepEqual(parseWhen(traditional, 'zh', NOW, NY), expected, `"${traditional}" reads as "${simplified}"`);
    }
  });

  it('reads a weekday of today with a part of the day still ahead as today first (es, fr)', () => {
    assert.deepEqual(
      parseWhen('viernes por la tarde', 'es', NOW, NY)
        .filter((r) => !r.past)
        .map((r) => wallClock(r.start)),
      ['2026-11-27T12:00', '2026-12-04T12:00'],
    );
    assert.equal(wallClock(parseWhen('vendredi à midi', 'fr', NOW, NY)[0].start), '2026-11-27T12:00');
  });

  it('reads a weekday abbreviation only when it is the whole message (es)', () => {
    assert.deepEqual(parseWhen('mi casa', 'es', NOW, NY), []);
    assert.deepEqual(parseWhen('lu y ma', 'es', NOW, NY), []);
  });

  it('keeps last year’s date and last week’s weekday as past readings (en, es, fr)', () => {
    assert.deepEqual(
      parseWhen('3 de diciembre', 'es', NOW, NY).map((r) => [wallClock(r.start), r.past]),
      [
        ['2026-12-03T00:00', false],
        ['2025-12-03T00:00', true],
      ],
    );
    assert.deepEqual(
      parseWhen('mardi', 'fr', NOW, NY).map((r) => [wallClock(r.start), r.past]),
      [
        ['2026-12-01T00:00', false],
        ['2026-11-24T00:00', true],
      ],
    );
  });
});
