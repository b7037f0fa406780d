import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { formatCalendarDate, formatSlot, isDaylightTime, zoneNameAt } from '../../../src/domain/dates/format';
import { localeDates, parseLocaleDates } from '../../../src/domain/dates/localeDates';
import { LANGUAGES } from '../../../src/domain/languages';
import { projectRoot } from '../../../src/domain/projectPaths';

const KREYOL_MONTHS = localeDates('ht').months ?? [];
const KREYOL_WEEKDAYS = localeDates('ht').weekdays ?? [];

describe('formatSlot', () => {
  it('writes a New York slot for an English reader', () => {
    assert.deepEqual(formatSlot('2026-12-01T10:30:00.000-05:00', 'America/New_York', 'en-US'), {
      date: 'Tuesday, December 1, 2026',
      time: '10:30 AM',
      zone: 'Eastern Standard Time',
      weekday: 'Tuesday',
    });
  });

  it('writes it for a Spanish reader, with the locale’s own clock', () => {
    const spain = formatSlot('2026-12-01T14:30:00.000-05:00', 'America/New_York', 'es');
    assert.equal(spain.date, 'martes, 1 de diciembre de 2026');
    assert.equal(spain.time, '14:30');
    assert.equal(spain.weekday, 'martes');
    assert.match(spain.zone, /^hora estándar/);

    const us = formatSlot('2026-12-01T14:30:00.000-05:00', 'America/New_York', 'es-US');
    assert.equal(us.date, 'martes, 1 de diciembre de 2026');
    assert.match(us.time, /^2:30 p\. ?m\.$/);
  });

  it('shows the office’s local time, whatever offset the ISO string carries', () => {
    const slot = formatSlot('2026-12-01T15:30:00.000Z', 'America/Los_Angeles', 'en-US');
    assert.equal(slot.time, '7:30 AM');
    assert.equal(slot.zone, 'Pacific Standard Time');
  });

  it('names the zone in force at that instant: daylight time in summer', () => {
    assert.equal(zoneNameAt(new Date('2026-07-01T14:00:00Z'), 'America/New_York', 'en-US'), 'Eastern Daylight Time');
    assert.equal(zoneNameAt(new Date('2026-12-01T14:00:00Z'), 'America/Phoenix', 'es-US'), 'hora estándar de las Montañas Rocosas');
    assert.equal(formatSlot('2026-07-01T10:00:00.000-04:00', 'America/New_York', 'en-US').zone, 'Eastern Daylight Time');
    assert.equal(formatSlot('2026-03-09T10:00:00.000-04:00', 'America/New_York', 'en-US').zone, 'Eastern Daylight Time');
    assert.equal(formatSlot('2026-03-06T10:00:00.000-05:00', 'America/New_York', 'en-US').zone, 'Eastern Standard Time');
  });

  it('names the zone of the very minute, asked again and again across a change (remembered per quarter hour)', () => {
    const intlName = (ms: number, zone: string, locale: string): string =>
      (
        new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: 'long' }).formatToParts(ms).find((p) => p.type === 'timeZoneName')
          ?.value ?? ''
      ).replace(/[\u00a0\u202f]/g, ' ');
    // New York's two changes of 2026, and Indiana/Knox moving from Eastern Standard to Central
    // Daylight Time on 2 April 2006 at the same offset (-5): a name change with no offset change.
    const changes: Array<[string, string]> = [
      ['2026-03-08T07:00:00Z', 'America/New_York'],
      ['2026-11-01T06:00:00Z', 'America/New_York'],
      ['2006-04-02T07:00:00Z', 'America/Indiana/Knox'],
    ];
    for (const [at, zone] of changes) {
      const change = Date.parse(at);
      const names = new Set<string>();
      for (let ms = change - 40 * 60_000; ms <= change + 40 * 60_000; ms += 61_000) {
        for (const locale of ['en-US', 'es-US']) {
          const expected = intlName(ms, zone, locale);
          names.add(expected);
          assert.equal(zoneNameAt(new Date(ms), zone, locale), expected, `${zone} ${locale} at ${new Date(ms).toISOString()}`);
          assert.equal(zoneNameAt(new Date(ms), zone, locale), expected, `${zone} ${locale} at ${new Date(ms).toISOString()}, again`);
        }
      }
      assert.equal(names.size, 4, `${zone}: two names in each of two locales around ${at}`);
    }
    // Monrovia's change of 7 January 1972 came at 00:44:30 UTC, inside a quarter hour.
    const monrovia = Date.UTC(1972, 0, 7, 0, 44, 30);
    for (const ms of [monrovia - 60_000, monrovia - 1000, monrovia, monrovia + 1000, monrovia - 1000]) {
      assert.equal(
        zoneNameAt(new Date(ms), 'Africa/Monrovia', 'en-US'),
        intlName(ms, 'Africa/Monrovia', 'en-US'),
        new Date(ms).toISOString(),
      );
    }
  });

  it('keeps standard time all year in Phoenix', () => {
    const slot = formatSlot('2026-07-01T08:00:00.000-07:00', 'America/Phoenix', 'en-US');
    assert.equal(slot.time, '8:00 AM');
    assert.equal(slot.zone, 'Mountain Standard Time');
  });

  it('writes Guam’s date, a day ahead of the US mainland', () => {
    const slot = formatSlot('2026-11-30T22:00:00.000Z', 'Pacific/Guam', 'en-US');
    assert.equal(slot.date, 'Tuesday, December 1, 2026');
    assert.equal(slot.time, '8:00 AM');
    assert.equal(slot.zone, 'Chamorro Standard Time');
  });

  it('uses plain spaces only (no narrow or non-breaking ones)', () => {
    for (const locale of ['en-US', 'es-US', 'es']) {
      const slot = formatSlot('2026-12-01T15:30:00.000Z', 'America/New_York', locale);
      assert.doesNotMatch(Object.values(slot).join('|'), /[\u00a0\u202f]/);
    }
  });

  it('gives the same answer from its cached formatters', () => {
    const first = formatSlot('2026-12-01T10:30:00.000-05:00', 'America/Chicago', 'en-US');
    const again = formatSlot('2026-12-01T10:30:00.000-05:00', 'America/Chicago', 'en-US');
    assert.deepEqual(again, first);
    assert.equal(first.time, '9:30 AM');
  });

  it('rejects a string that is not a date', () => {
    assert.throws(() => formatSlot('next tuesday', 'America/New_York', 'en-US'), /not a date/);
  });
});

describe('formatCalendarDate', () => {
  it('writes a date of birth in English and Spanish', () => {
    assert.equal(formatCalendarDate('1980-03-04', 'en-US'), 'March 4, 1980');
    assert.equal(formatCalendarDate('1980-03-04', 'es-US'), '4 de marzo de 1980');
  });

  it('never moves to another day, whatever the server’s zone', () => {
    const before = process.env.TZ;
    try {
      for (const zone of ['Pacific/Pago_Pago', 'Pacific/Kiritimati', 'America/New_York']) {
        process.env.TZ = zone;
        assert.equal(formatCalendarDate('1980-01-01', 'en-US'), 'January 1, 1980');
        assert.equal(formatCalendarDate('2000-12-31', 'en-US'), 'December 31, 2000');
      }
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });

  it('rejects anything but YYYY-MM-DD', () => {
    assert.throws(() => formatCalendarDate('03/04/1980', 'en-US'), /YYYY-MM-DD/);
  });
});

const ENGLISH_NAMES =
  /january|february|march|april|may|june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday/i;

/** Tuesday 1 December 2026, 15:30 in New York, as each language writes it. */
const EXPECTED_SLOT_DATES: Readonly<Record<string, string>> = {
  en: 'Tuesday, December 1, 2026',
  es: 'martes, 1 de diciembre de 2026',
  eo: 'mardo, la 1-a de decembro 2026',
  vi: 'Thứ Ba, 1 tháng 12, 2026',
  zh: '2026年12月1日星期二',
  tl: 'Martes, Disyembre 1, 2026',
  ru: 'вторник, 1 декабря 2026 г.',
  pt: 'terça-feira, 1 de dezembro de 2026',
  fr: 'mardi 1 décembre 2026',
  ko: '2026년 12월 1일 화요일',
  pl: 'wtorek, 1 grudnia 2026',
  ar: 'الثلاثاء، 1 ديسمبر 2026',
  ht: 'madi 1 desanm 2026',
};

const EXPECTED_BIRTH_DATES: Readonly<Record<string, string>> = {
  en: 'March 4, 1980',
  es: '4 de marzo de 1980',
  eo: 'la 4-a de marto 1980',
  vi: '4 tháng 3, 1980',
  zh: '1980年3月4日',
  tl: 'Marso 4, 1980',
  ru: '4 марта 1980 г.',
  pt: '4 de março de 1980',
  fr: '4 mars 1980',
  ko: '1980년 3월 4일',
  pl: '4 marca 1980',
  ar: '4 مارس 1980',
  ht: '4 mas 1980',
};

describe('formatting in each of the 13 languages', () => {
  for (const language of LANGUAGES) {
    it(`${language.code} (${language.intlLocale}): a slot and a date of birth in its own words`, () => {
      const slot = formatSlot('2026-12-01T15:30:00.000-05:00', 'America/New_York', language.intlLocale);
      assert.equal(slot.date, EXPECTED_SLOT_DATES[language.code]);
      assert.equal(formatCalendarDate('1980-03-04', language.intlLocale), EXPECTED_BIRTH_DATES[language.code]);
      assert.match(slot.time, /3:30|15:30/);
      assert.ok(slot.zone.length > 0);
      if (language.code !== 'en') {
        assert.doesNotMatch(`${slot.date} ${slot.weekday} ${slot.time}`, ENGLISH_NAMES);
        assert.doesNotMatch(formatCalendarDate('1980-03-04', language.intlLocale), ENGLISH_NAMES);
        // Filipino writes "3:30 PM" (CLDR and usage agree); the others have their own words or a 24-hour clock.
        if (language.code !== 'tl') assert.doesNotMatch(slot.time, /AM|PM/);
      }
    });
  }

  it('writes every Kreyòl weekday and month with our own names (Node has no ht data)', () => {
    // 2026-11-30 is a Monday: it and the six days after it give the seven weekdays in order.
    const monday = Date.parse('2026-11-30T12:00:00.000-05:00');
    for (let offset = 0; offset < 7; offset++) {
      const iso = new Date(monday + offset * 86_400_000).toISOString();
      assert.equal(formatSlot(iso, 'America/New_York', 'ht').weekday, KREYOL_WEEKDAYS[offset]);
    }
    for (let month = 1; month <= 12; month++) {
      const iso = `2026-${String(month).padStart(2, '0')}-15`;
      assert.equal(formatCalendarDate(iso, 'ht'), `15 ${KREYOL_MONTHS[month - 1]} 2026`);
    }
  });

  it('writes Kreyòl times on a 24-hour clock, in the office’s zone', () => {
    assert.equal(formatSlot('2026-12-01T14:05:00.000Z', 'America/New_York', 'ht').time, '9:05');
    assert.equal(formatSlot('2026-12-01T20:30:00.000Z', 'America/Chicago', 'ht').time, '14:30');
    assert.equal(formatSlot('2026-12-01T05:00:00.000Z', 'America/New_York', 'ht').time, '0:00');
    // Guam is a day ahead of the mainland.
    assert.equal(formatSlot('2026-11-30T22:00:00.000Z', 'Pacific/Guam', 'ht').date, 'madi 1 desanm 2026');
  });

  it('names the zone in Kreyòl (ICU has no Haitian Creole names)', () => {
    assert.equal(formatSlot('2026-12-01T15:30:00.000Z', 'America/New_York', 'ht').zone, 'lè nòmal Lès Amerik di Nò');
  });

  it('writes Korean times with 오전/오후, not AM/PM', () => {
    assert.equal(formatSlot('2026-12-01T10:30:00.000-05:00', 'America/New_York', 'ko-KR').time, '오전 10:30');
    assert.equal(formatSlot('2026-12-01T15:30:00.000-05:00', 'America/New_York', 'ko-KR').time, '오후 3:30');
  });

  it('writes Esperanto month names in lower case', () => {
    assert.equal(formatSlot('2026-08-04T10:00:00.000-04:00', 'America/New_York', 'eo').date, 'mardo, la 4-a de aŭgusto 2026');
    assert.equal(formatCalendarDate('1999-12-31', 'eo'), 'la 31-a de decembro 1999');
  });
});

describe('formatSlot against Intl in the office’s zone, across clock changes', () => {
  /** What Intl writes for the instant in the zone, with the fixes formatSlot makes (plain spaces, eo months, ko day periods). */
  const formats = new Map<string, Intl.DateTimeFormat>();
  function inZone(options: Intl.DateTimeFormatOptions, instant: Date, timeZone: string, locale: string): string {
    const language = locale.split('-')[0];
    const key = `${JSON.stringify(options)}|${timeZone}|${locale}`;
    let format = formats.get(key);
    if (!format) {
      format = new Intl.DateTimeFormat(locale, { ...options, timeZone });
      formats.set(key, format);
    }
    return format
      .formatToParts(instant)
      .map((part) => {
        if (language === 'eo' && part.type === 'month') return part.value.toLowerCase();
        if (language === 'ko' && part.type === 'dayPeriod')
          return ({ AM: '오전', PM: '오후' } as Record<string, string>)[part.value] ?? part.value;
        return part.value;
      })
      .join('')
      .replace(/[\u00a0\u202f]/g, ' ');
  }

  const zones = [
    'America/New_York',
    'America/Chicago',
    'America/Denver',
    'America/Phoenix',
    'America/Los_Angeles',
    'America/Anchorage',
    'Pacific/Honolulu',
    'America/Puerto_Rico',
    'Pacific/Guam',
    'Europe/Rome',
    'Asia/Kolkata',
  ];
  // Every 97 minutes across both 2026 US clock changes (March 8, November 1) and Europe's (March 29, October 25).
  const instants: Date[] = [];
  for (const [from, to] of [
    ['2026-03-06T00:00:00Z', '2026-03-31T00:00:00Z'],
    ['2026-10-23T00:00:00Z', '2026-11-03T00:00:00Z'],
  ]) {
    for (let ms = Date.parse(from); ms < Date.parse(to); ms += 97 * 60_000) instants.push(new Date(ms));
  }

  /** The language's own zone name (locales/<code>/dates.json) where it has one, daylight when English Intl says so. */
  const english = new Map<string, Intl.DateTimeFormat>();
  function ownZoneName(instant: Date, timeZone: string, code: string): string | undefined {
    const names = localeDates(code).timeZones?.[timeZone];
    if (!names) return undefined;
    let format = english.get(timeZone);
    if (!format) {
      format = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'long' });
      english.set(timeZone, format);
    }
    return / Daylight /.test(format.format(instant)) ? names.daylight : names.standard;
  }

  for (const language of LANGUAGES.filter((l) => l.code !== 'ht')) {
    it(`${language.code}: writes the date, time, weekday and zone name Intl writes in each zone (or its own zone name), at ${instants.length} instants`, () => {
      for (const timeZone of zones) {
        for (const instant of instants) {
          const slot = formatSlot(instant.toISOString(), timeZone, language.intlLocale);
          const where = `${instant.toISOString()} in ${timeZone}`;
          assert.equal(
            slot.date,
            inZone({ weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' }, instant, timeZone, language.intlLocale),
            where,
          );
          assert.equal(slot.time, inZone({ hour: 'numeric', minute: '2-digit' }, instant, timeZone, language.intlLocale), where);
          assert.equal(slot.weekday, inZone({ weekday: 'long' }, instant, timeZone, language.intlLocale), where);
          const zoneName =
            formats.get(`zone|${timeZone}|${language.intlLocale}`) ??
            new Intl.DateTimeFormat(language.intlLocale, { timeZoneName: 'long', timeZone });
          formats.set(`zone|${timeZone}|${language.intlLocale}`, zoneName);
          const expectedZone =
            ownZoneName(instant, timeZone, language.code) ??
            zoneName
              .formatToParts(instant)
              .find((part) => part.type === 'timeZoneName')
              ?.value.replace(/[\u00a0\u202f]/g, ' ');
          assert.equal(slot.zone, expectedZone, where);
        }
      }
    });
  }
});

describe('zone names in every language, for every office’s zone (ours where ICU has none or is wrong)', () => {
  /** The zones of data/field-offices.json, and those of the offices abroad being added (Havana, Tegucigalpa, Doha, Ankara). */
  const officeZones = [
    ...new Set([
      ...(JSON.parse(fs.readFileSync(path.join(projectRoot(), 'data', 'field-offices.json'), 'utf8')) as Array<{ timeZone: string }>).map(
        (o) => o.timeZone,
      ),
      'America/Havana',
      'America/Tegucigalpa',
      'Asia/Qatar',
      'Europe/Istanbul',
    ]),
  ].sort();
  /** Fixed instants: mid-January (standard time everywhere in the north) and mid-July (daylight time where kept). */
  const WINTER = new Date('2026-01-15T17:00:00Z');
  const SUMMER = new Date('2026-07-15T16:00:00Z');
  const englishName = (instant: Date, timeZone: string): string =>
    new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'long' }).formatToParts(instant).find((part) => part.type === 'timeZoneName')
      ?.value ?? '';

  it('Kreyòl: lè nòmal in winter, lè ete in summer (New York, Chicago, Denver, Los Angeles, Havana), lè nòmal all year where no clock changes', () => {
    const expected: ReadonlyArray<readonly [string, string, string]> = [
      ['America/New_York', 'lè nòmal Lès Amerik di Nò', 'lè ete Lès Amerik di Nò'],
      ['America/Chicago', 'lè nòmal Santral Amerik di Nò', 'lè ete Santral Amerik di Nò'],
      ['America/Denver', 'lè nòmal Mòn Wòch yo', 'lè ete Mòn Wòch yo'],
      ['America/Los_Angeles', 'lè nòmal Pasifik Amerik di Nò', 'lè ete Pasifik Amerik di Nò'],
      ['America/Havana', 'lè nòmal Kiba', 'lè ete Kiba'],
      ['America/Phoenix', 'lè nòmal Mòn Wòch yo', 'lè nòmal Mòn Wòch yo'],
      ['America/Puerto_Rico', 'lè nòmal Atlantik', 'lè nòmal Atlantik'],
      ['America/Tegucigalpa', 'lè nòmal Santral Amerik di Nò', 'lè nòmal Santral Amerik di Nò'],
      ['Asia/Qatar', 'lè nòmal Arabi', 'lè nòmal Arabi'],
      ['Europe/Istanbul', 'lè nòmal Latiki', 'lè nòmal Latiki'],
    ];
    for (const [zone, winter, summer] of expected) {
      assert.equal(zoneNameAt(WINTER, zone, 'ht'), winter, `${zone} in January`);
      assert.equal(zoneNameAt(SUMMER, zone, 'ht'), summer, `${zone} in July`);
    }
    assert.equal(formatSlot('2026-07-01T14:00:00.000Z', 'America/New_York', 'ht').zone, 'lè ete Lès Amerik di Nò');
  });

  it('Tagalog: "Hilagang Amerika" (not ICU’s "Hilangang" or English "North America") in New York, Chicago and Tegucigalpa', () => {
    assert.equal(zoneNameAt(WINTER, 'America/New_York', 'fil-PH'), 'Standard na Oras sa Silangan ng Hilagang Amerika');
    assert.equal(zoneNameAt(SUMMER, 'America/New_York', 'fil-PH'), 'Daylight na Oras sa Silangan ng Hilagang Amerika');
    assert.equal(zoneNameAt(WINTER, 'America/Chicago', 'fil-PH'), 'Sentral na Standard na Oras sa Hilagang Amerika');
    assert.equal(zoneNameAt(SUMMER, 'America/Chicago', 'fil-PH'), 'Sentral na Daylight na Oras sa Hilagang Amerika');
    assert.equal(zoneNameAt(SUMMER, 'America/Tegucigalpa', 'fil-PH'), 'Sentral na Standard na Oras sa Hilagang Amerika');
    // ICU's own Tagalog names stay where they are right.
    assert.equal(zoneNameAt(SUMMER, 'America/Los_Angeles', 'fil-PH'), 'Daylight na Oras sa Pasipiko sa Hilagang Amerika');
  });

  for (const { code, intlLocale } of LANGUAGES) {
    it(`${code}: names each of the ${officeZones.length} office zones in its own words, winter and summer, the summer name changing only where the clock does`, () => {
      const problems: string[] = [];
      for (const zone of officeZones) {
        const winter = zoneNameAt(WINTER, zone, intlLocale);
        const summer = zoneNameAt(SUMMER, zone, intlLocale);
        for (const [season, name] of [
          ['winter', winter],
          ['summer', summer],
        ] as const) {
          // An offset is not a name; "Hilangang" is ICU's Tagalog misspelling; a Kreyòl name is never English.
          if (/GMT|UTC|غرينتش|\d:\d\d/.test(name)) problems.push(`${zone} (${season}): an offset, not a name: ${name}`);
          if (/Hilangang|North America/.test(name)) problems.push(`${zone} (${season}): ${name}`);
          if (code === 'ht' && name === englishName(season === 'winter' ? WINTER : SUMMER, zone))
            problems.push(`${zone} (${season}): English: ${name}`);
        }
        const clockChanges = englishName(WINTER, zone) !== englishName(SUMMER, zone);
        if (clockChanges === (winter === summer)) problems.push(`${zone}: "${winter}" in winter, "${summer}" in summer`);
      }
      assert.deepEqual(problems, []);
    });
  }

  it('keeps locales/<code>/dates.json well formed: real zones, a daylight name exactly where the zone keeps daylight time', () => {
    for (const { code } of LANGUAGES) {
      const file = path.join(projectRoot(), 'locales', code, 'dates.json');
      if (!fs.existsSync(file)) continue;
      const dates = parseLocaleDates(JSON.parse(fs.readFileSync(file, 'utf8')) as unknown, file);
      for (const [zone, names] of Object.entries(dates.timeZones ?? {})) {
        assert.doesNotThrow(() => new Intl.DateTimeFormat('en-US', { timeZone: zone }), `${code}: ${zone} is not an IANA zone`);
        const keepsDaylight = [2026, 2027].some(
          (year) => englishName(new Date(Date.UTC(year, 6, 15)), zone) !== englishName(new Date(Date.UTC(year, 0, 15)), zone),
        );
        assert.equal(
          names.daylight !== undefined,
          keepsDaylight,
          `${code}: ${zone} ${keepsDaylight ? 'needs' : 'has no use for'} a daylight name`,
        );
      }
    }
    assert.throws(() => parseLocaleDates({ months: ['janvye'] }, 'x.json'), /x\.json: "months" must be 12 names/);
    assert.throws(
      () => parseLocaleDates({ timeZones: { 'America/New_York': { daylight: 'x' } } }, 'x.json'),
      /timeZones\.America\/New_York/,
    );
    assert.throws(() => parseLocaleDates({ zones: {} }, 'x.json'), /unknown fields zones/);
  });

  it('tells daylight time from standard time by the offset, at the very minute of each 2026 change in New York and Havana', () => {
    // New York: 8 March 07:00 UTC and 1 November 06:00 UTC. Havana: 8 March 05:00 UTC and 1 November 05:00 UTC.
    const changes: ReadonlyArray<readonly [string, string, boolean]> = [
      ['America/New_York', '2026-03-08T07:00:00Z', true],
      ['America/New_York', '2026-11-01T06:00:00Z', false],
      ['America/Havana', '2026-03-08T05:00:00Z', true],
      ['America/Havana', '2026-11-01T05:00:00Z', false],
    ];
    for (const [zone, at, daylightAfter] of changes) {
      const ms = Date.parse(at);
      assert.equal(isDaylightTime(ms - 60_000, zone), !daylightAfter, `${zone} just before ${at}`);
      assert.equal(isDaylightTime(ms, zone), daylightAfter, `${zone} at ${at}`);
      assert.equal(
        zoneNameAt(new Date(ms), zone, 'ht'),
        localeDates('ht').timeZones?.[zone]?.[daylightAfter ? 'daylight' : 'standard'],
        `${zone} ht at ${at}`,
      );
    }
    assert.equal(isDaylightTime(Date.parse('2026-07-15T12:00:00Z'), 'America/Phoenix'), false);
    // The southern hemisphere: Santiago's daylight time is in January.
    assert.equal(isDaylightTime(Date.parse('2026-01-15T12:00:00Z'), 'America/Santiago'), true);
    assert.equal(isDaylightTime(Date.parse('2026-07-15T12:00:00Z'), 'America/Santiago'), false);
  });
});
