import assert from 'node:assert/strict';
import { formatCalendarDate, formatSlot, KREYOL_MONTHS, KREYOL_WEEKDAYS, zoneNameAt } from '../src/domain/dates/format';
import { LANGUAGES } from '../src/domain/languages';

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
      (new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: 'long' }).formatToParts(ms).find((p) => p.type === 'timeZoneName')?.value ?? '').replace(/[\u00a0\u202f]/g, ' ');
    // New York's two changes of 2026, and Indiana/Knox moving from Eastern Standard to Central
    // Daylight Time on 2 April 2006 at the same offset (-5): a name change with no offset change.
    const changes: Array<[string, string]> = [['2026-03-08T07:00:00Z', 'America/New_York'], ['2026-11-01T06:00:00Z', 'America/New_York'], ['2006-04-02T07:00:00Z', 'America/Indiana/Knox']];
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
      assert.equal(zoneNameAt(new Date(ms), 'Africa/Monrovia', 'en-US'), intlName(ms, 'Africa/Monrovia', 'en-US'), new Date(ms).toISOString());
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

const ENGLISH_NAMES = /january|february|march|april|may|june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday/i;

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

  it('falls back to the English zone name for Haitian Creole, which ICU lacks', () => {
    assert.equal(formatSlot('2026-12-01T15:30:00.000Z', 'America/New_York', 'ht').zone, 'Eastern Standard Time');
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
        if (language === 'ko' && part.type === 'dayPeriod') return ({ AM: '오전', PM: '오후' } as Record<string, string>)[part.value] ?? part.value;
        return part.value;
      })
      .join('')
      .replace(/[\u00a0\u202f]/g, ' ');
  }

  const zones = ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Phoenix', 'America/Los_Angeles', 'America/Anchorage', 'Pacific/Honolulu', 'America/Puerto_Rico', 'Pacific/Guam', 'Europe/Rome', 'Asia/Kolkata'];
  // Every 97 minutes across both 2026 US clock changes (March 8, November 1) and Europe's (March 29, October 25).
  const instants: Date[] = [];
  for (const [from, to] of [['2026-03-06T00:00:00Z', '2026-03-31T00:00:00Z'], ['2026-10-23T00:00:00Z', '2026-11-03T00:00:00Z']]) {
    for (let ms = Date.parse(from); ms < Date.parse(to); ms += 97 * 60_000) instants.push(new Date(ms));
  }

  for (const language of LANGUAGES.filter((l) => l.code !== 'ht')) {
    it(`${language.code}: writes the date, time, weekday and zone name Intl writes in each zone, at ${instants.length} instants`, () => {
      for (const timeZone of zones) {
        for (const instant of instants) {
          const slot = formatSlot(instant.toISOString(), timeZone, language.intlLocale);
          const where = `${instant.toISOString()} in ${timeZone}`;
          assert.equal(slot.date, inZone({ weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' }, instant, timeZone, language.intlLocale), where);
          assert.equal(slot.time, inZone({ hour: 'numeric', minute: '2-digit' }, instant, timeZone, language.intlLocale), where);
          assert.equal(slot.weekday, inZone({ weekday: 'long' }, instant, timeZone, language.intlLocale), where);
          const zoneName = formats.get(`zone|${timeZone}|${language.intlLocale}`) ?? new Intl.DateTimeFormat(language.intlLocale, { timeZoneName: 'long', timeZone });
          formats.set(`zone|${timeZone}|${language.intlLocale}`, zoneName);
          const expectedZone = zoneName.formatToParts(instant).find((part) => part.type === 'timeZoneName')?.value.replace(/[\u00a0\u202f]/g, ' ');
          assert.equal(slot.zone, expectedZone, where);
        }
      }
    });
  }
});
