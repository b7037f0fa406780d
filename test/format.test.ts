import assert from 'node:assert/strict';
import { formatCalendarDate, formatSlot } from '../src/domain/dates/format';

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
    assert.equal(formatSlot('2026-07-01T10:00:00.000-04:00', 'America/New_York', 'en-US').zone, 'Eastern Daylight Time');
    assert.equal(formatSlot('2026-03-09T10:00:00.000-04:00', 'America/New_York', 'en-US').zone, 'Eastern Daylight Time');
    assert.equal(formatSlot('2026-03-06T10:00:00.000-05:00', 'America/New_York', 'en-US').zone, 'Eastern Standard Time');
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
