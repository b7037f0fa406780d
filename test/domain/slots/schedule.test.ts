import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { federalHolidayDates, isFederalHoliday } from '../../../src/domain/slots/holidays';
import { bookingWindow, dayStatus, DEFAULT_SLOT_POLICY, MIN_LEAD_MINUTES, slotsInRange } from '../../../src/domain/slots/schedule';
import { testOffice, at } from '../../support/timeFixtures';

const NEW_YORK = testOffice('NYC', 'America/New_York');
const PHOENIX = testOffice('PHO', 'America/Phoenix');
const GUAM = testOffice('AGA', 'Pacific/Guam');
const MEXICO_CITY = testOffice('MEX', 'America/Mexico_City', {
  kind: 'international',
  address: { street: 'Paseo de la Reforma 305', city: 'Ciudad de México', country: 'MX' },
});

function weekdaysOf(dates: Iterable<string>): string[] {
  return [...dates].filter((d) => DateTime.fromISO(d).weekday <= 5).sort();
}

describe('US federal holidays', () => {
  it('are the 11 federal holidays on their observed dates in 2026 (July 4th on a Saturday → July 3rd)', () => {
    assert.deepEqual(weekdaysOf(federalHolidayDates(2026)), [
      '2026-01-01',
      '2026-01-19',
      '2026-02-16',
      '2026-05-25',
      '2026-06-19',
      '2026-07-03',
      '2026-09-07',
      '2026-10-12',
      '2026-11-11',
      '2026-11-26',
      '2026-12-25',
    ]);
  });

  it('observe Sunday holidays on Monday and next New Year’s Day on December 31st (2027)', () => {
    assert.deepEqual(weekdaysOf(federalHolidayDates(2027)), [
      '2027-01-01',
      '2027-01-18',
      '2027-02-15',
      '2027-05-31',
      '2027-06-18',
      '2027-07-05',
      '2027-09-06',
      '2027-10-11',
      '2027-11-11',
      '2027-11-25',
      '2027-12-24',
      '2027-12-31', // New Year's Day 2028 is a Saturday
    ]);
  });

  it('observe Veterans Day on a Saturday on the Friday before (date-holidays gives no substitute)', () => {
    assert.equal(isFederalHoliday('2028-11-10'), true);
    assert.equal(isFederalHoliday('2023-11-10'), true);
    assert.equal(isFederalHoliday('2029-11-12'), true); // Sunday → Monday
  });

  it('count the holiday’s own date too, and nothing that is not a federal holiday', () => {
    assert.equal(isFederalHoliday('2026-07-04'), true);
    assert.equal(isFederalHoliday('2026-11-27'), false); // day after Thanksgiving
    assert.equal(isFederalHoliday('2026-12-24'), false);
    assert.equal(isFederalHoliday('2026-02-14'), false);
    assert.equal(isFederalHoliday('2026-04-15'), false);
    assert.equal(isFederalHoliday('2026-12-01'), false);
  });
});

describe('DEFAULT_SLOT_POLICY', () => {
  it('is 30-minute slots for 2 people, 14 days ahead, Monday–Friday 08:00–16:00', () => {
    assert.deepEqual(DEFAULT_SLOT_POLICY, {
      slotMinutes: 30,
      capacity: 2,
      windowDays: 14,
      defaultHours: { days: [1, 2, 3, 4, 5], open: '08:00', close: '16:00' },
    });
  });
});

describe('dayStatus', () => {
  it('is open on the office days, closed on the others, a holiday on a federal holiday', () => {
    const status = (date: string) => dayStatus(NEW_YORK, DEFAULT_SLOT_POLICY, date);
    assert.deepEqual(['2026-11-30', '2026-12-04', '2026-12-05', '2026-12-06', '2026-11-26', '2026-12-25'].map(status), [
      'open',
      'open',
      'closed',
      'closed',
      'holiday',
      'holiday',
    ]);
    const saturdays = { ...DEFAULT_SLOT_POLICY, defaultHours: { ...DEFAULT_SLOT_POLICY.defaultHours, days: [6, 7] } };
    assert.equal(dayStatus(NEW_YORK, saturdays, '2026-12-05'), 'open');
    assert.equal(dayStatus(NEW_YORK, saturdays, '2026-12-06'), 'open', 'Sunday is 7');
    assert.equal(dayStatus(NEW_YORK, saturdays, '2026-12-07'), 'closed');
  });

  it('refuses what is not a date', () => {
    assert.throws(() => dayStatus(NEW_YORK, DEFAULT_SLOT_POLICY, 'next monday'), RangeError);
  });
});

describe('slotsInRange', () => {
  const policy = DEFAULT_SLOT_POLICY;

  it('cuts a working day into 16 half-hour slots in the office’s zone, the last ending at closing', () => {
    const slots = slotsInRange(NEW_YORK, policy, at('2026-11-30T00:00', 'America/New_York'), at('2026-12-01T00:00', 'America/New_York'));
    assert.equal(slots.length, 16);
    assert.deepEqual(slots[0], { officeCode: 'NYC', start: '2026-11-30T08:00:00.000-05:00' });
    assert.equal(slots[1].start, '2026-11-30T08:30:00.000-05:00');
    assert.equal(slots[15].start, '2026-11-30T15:30:00.000-05:00');
  });

  it('skips weekends and Thanksgiving', () => {
    const slots = slotsInRange(NEW_YORK, policy, at('2026-11-23T00:00', 'America/New_York'), at('2026-11-30T00:00', 'America/New_York'));
    const days = [...new Set(slots.map((s) => s.start.slice(0, 10)))];
    assert.deepEqual(days, ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-27']);
    assert.equal(slots.length, 4 * 16);
  });

  it('keeps starts at or after `from` and before `to`', () => {
    const slots = slotsInRange(NEW_YORK, policy, at('2026-12-01T10:15', 'America/New_York'), at('2026-12-01T11:30', 'America/New_York'));
    assert.deepEqual(
      slots.map((s) => s.start),
      ['2026-12-01T10:30:00.000-05:00', '2026-12-01T11:00:00.000-05:00'],
    );
  });

  it('changes the offset across the spring DST change (America/New_York, 2026-03-08)', () => {
    const slots = slotsInRange(NEW_YORK, policy, at('2026-03-06T15:00', 'America/New_York'), at('2026-03-09T08:31', 'America/New_York'));
    assert.deepEqual(
      slots.map((s) => s.start),
      ['2026-03-06T15:00:00.000-05:00', '2026-03-06T15:30:00.000-05:00', '2026-03-09T08:00:00.000-04:00', '2026-03-09T08:30:00.000-04:00'],
    );
  });

  it('changes the offset back in November (2026-11-01)', () => {
    const slots = slotsInRange(NEW_YORK, policy, at('2026-10-30T15:30', 'America/New_York'), at('2026-11-02T08:01', 'America/New_York'));
    assert.deepEqual(
      slots.map((s) => s.start),
      ['2026-10-30T15:30:00.000-04:00', '2026-11-02T08:00:00.000-05:00'],
    );
  });

  it('keeps UTC−7 all year in America/Phoenix', () => {
    const july = slotsInRange(PHOENIX, policy, at('2026-07-01T00:00', 'America/Phoenix'), at('2026-07-02T00:00', 'America/Phoenix'));
    const december = slotsInRange(PHOENIX, policy, at('2026-12-01T00:00', 'America/Phoenix'), at('2026-12-02T00:00', 'America/Phoenix'));
    assert.equal(july[0].start, '2026-07-01T08:00:00.000-07:00');
    assert.equal(december[0].start, '2026-12-01T08:00:00.000-07:00');
  });

  it('uses Guam’s own calendar day and closes on federal holidays there', () => {
    const slots = slotsInRange(GUAM, policy, at('2026-11-25T00:00', 'Pacific/Guam'), at('2026-11-28T00:00', 'Pacific/Guam'));
    const days = [...new Set(slots.map((s) => s.start.slice(0, 10)))];
    assert.deepEqual(days, ['2026-11-25', '2026-11-27']);
    assert.equal(slots[0].start, '2026-11-25T08:00:00.000+10:00');
  });

  it('closes international offices on US federal holidays too (observed July 3rd, 2026)', () => {
    const slots = slotsInRange(
      MEXICO_CITY,
      policy,
      at('2026-07-02T00:00', 'America/Mexico_City'),
      at('2026-07-04T00:00', 'America/Mexico_City'),
    );
    assert.deepEqual([...new Set(slots.map((s) => s.start.slice(0, 10)))], ['2026-07-02']);
    assert.equal(slots[0].start, '2026-07-02T08:00:00.000-06:00');
  });

  it('uses the office’s own hours when it has them, Saturdays included, but not on a holiday', () => {
    const saturdays = testOffice('SAT', 'America/Chicago', { hours: { days: [1, 2, 3, 4, 5, 6], open: '07:30', close: '15:00' } });
    const slots = slotsInRange(saturdays, policy, at('2026-06-27T00:00', 'America/Chicago'), at('2026-06-28T00:00', 'America/Chicago'));
    assert.equal(slots.length, 15);
    assert.equal(slots[0].start, '2026-06-27T07:30:00.000-05:00');
    assert.equal(slots[14].start, '2026-06-27T14:30:00.000-05:00');
    const july4th = slotsInRange(saturdays, policy, at('2026-07-04T00:00', 'America/Chicago'), at('2026-07-05T00:00', 'America/Chicago'));
    assert.deepEqual(july4th, []);
  });

  it('follows the policy’s slot length', () => {
    const hourly = { ...policy, slotMinutes: 60 };
    const slots = slotsInRange(NEW_YORK, hourly, at('2026-12-01T00:00', 'America/New_York'), at('2026-12-02T00:00', 'America/New_York'));
    assert.equal(slots.length, 8);
    assert.equal(slots[7].start, '2026-12-01T15:00:00.000-05:00');
  });

  it('rejects an unknown time zone', () => {
    assert.throws(() => slotsInRange(testOffice('BAD', 'Mars/Olympus'), policy, new Date(0), new Date(86_400_000)), /time zone/);
  });
});

describe('bookingWindow', () => {
  it('runs from an hour after now to the end of the office day 14 days after today', () => {
    const now = at('2026-11-27T09:00', 'America/New_York');
    const window = bookingWindow(now, NEW_YORK, DEFAULT_SLOT_POLICY);
    assert.equal(MIN_LEAD_MINUTES, 60);
    assert.equal(window.from.toISOString(), '2026-11-27T15:00:00.000Z'); // 10:00 in New York
    assert.equal(window.to.toISOString(), at('2026-12-12T00:00', 'America/New_York').toISOString());
  });

  it('counts days in the office’s zone: the same instant is already tomorrow in Guam', () => {
    const now = at('2026-11-27T09:00', 'America/New_York'); // 2026-11-28 00:00 in Guam
    const window = bookingWindow(now, GUAM, DEFAULT_SLOT_POLICY);
    assert.equal(window.to.toISOString(), at('2026-12-13T00:00', 'Pacific/Guam').toISOString());
  });

  it('gives the slots a person can book: 172 from the Friday after Thanksgiving', () => {
    const now = at('2026-11-27T09:00', 'America/New_York');
    const window = bookingWindow(now, NEW_YORK, DEFAULT_SLOT_POLICY);
    const slots = slotsInRange(NEW_YORK, DEFAULT_SLOT_POLICY, window.from, window.to);
    assert.equal(slots[0].start, '2026-11-27T10:00:00.000-05:00');
    assert.equal(slots[slots.length - 1].start, '2026-12-11T15:30:00.000-05:00');
    assert.equal(slots.length, 12 + 10 * 16);
  });

  it('ends on the office-local day across a DST change', () => {
    const now = at('2026-02-27T09:00', 'America/New_York');
    const window = bookingWindow(now, NEW_YORK, DEFAULT_SLOT_POLICY);
    assert.equal(DateTime.fromJSDate(window.to, { zone: 'America/New_York' }).toISO(), '2026-03-14T00:00:00.000-04:00');
  });
});
