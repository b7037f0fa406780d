import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { calendarDateIn } from '../../../src/domain/dates/calendarDate';

describe('calendarDateIn: the calendar date in a zone at an instant', () => {
  it('changes at the zone’s own midnight, not at UTC’s', () => {
    assert.equal(calendarDateIn(new Date('2026-12-02T04:59:59.999Z'), 'America/New_York'), '2026-12-01');
    assert.equal(calendarDateIn(new Date('2026-12-02T05:00:00.000Z'), 'America/New_York'), '2026-12-02');
    assert.equal(calendarDateIn(new Date('2026-12-02T05:00:00.000Z'), 'Pacific/Pago_Pago'), '2026-12-01');
    assert.equal(calendarDateIn(new Date('2026-12-02T05:00:00.000Z'), 'Asia/Manila'), '2026-12-02');
  });

  it('gives the right day whatever order instants come in (a remembered day is only reused inside it)', () => {
    const zone = 'America/Chicago';
    const instants: [string, string][] = [
      ['2026-12-01T18:00:00Z', '2026-12-01'],
      ['2026-12-02T05:59:59Z', '2026-12-01'],
      ['2026-12-02T06:00:00Z', '2026-12-02'],
      ['2026-11-30T12:00:00Z', '2026-11-30'],
      ['2026-12-01T06:00:00Z', '2026-12-01'],
      ['2026-12-01T05:59:59.999Z', '2026-11-30'],
    ];
    for (const [instant, date] of instants) assert.equal(calendarDateIn(new Date(instant), zone), date, instant);
  });

  it('gives each of several remembered days back inside it, as a slot search asks for today and its last bookable day in turn', () => {
    const zone = 'America/Denver';
    for (let round = 0; round < 3; round++) {
      assert.equal(calendarDateIn(new Date('2026-12-07T19:00:00Z'), zone), '2026-12-07');
      assert.equal(calendarDateIn(new Date('2026-12-22T06:59:59Z'), zone), '2026-12-21');
      assert.equal(calendarDateIn(new Date('2026-12-22T07:00:00Z'), zone), '2026-12-22');
      assert.equal(calendarDateIn(new Date('2026-12-08T06:59:59Z'), zone), '2026-12-07');
    }
  });

  it('handles days of 23 and 25 hours (DST changes) and a zone whose midnight was skipped', () => {
    // New York, 8 March 2026 (23 hours) and 1 November 2026 (25 hours).
    assert.equal(calendarDateIn(new Date('2026-03-09T03:59:59Z'), 'America/New_York'), '2026-03-08');
    assert.equal(calendarDateIn(new Date('2026-03-09T04:00:00Z'), 'America/New_York'), '2026-03-09');
    assert.equal(calendarDateIn(new Date('2026-11-02T04:59:59Z'), 'America/New_York'), '2026-11-01');
    assert.equal(calendarDateIn(new Date('2026-11-02T05:00:00Z'), 'America/New_York'), '2026-11-02');
    // Santiago moved its clocks from 00:00 to 01:00 on 7 September 2025: that day began at 01:00 local (04:00Z).
    assert.equal(calendarDateIn(new Date('2025-09-07T03:59:59Z'), 'America/Santiago'), '2025-09-06');
    assert.equal(calendarDateIn(new Date('2025-09-07T04:00:00Z'), 'America/Santiago'), '2025-09-07');
    assert.equal(calendarDateIn(new Date('2025-09-08T02:59:59Z'), 'America/Santiago'), '2025-09-07');
    assert.equal(calendarDateIn(new Date('2025-09-08T03:00:00Z'), 'America/Santiago'), '2025-09-08');
  });

  it('agrees with luxon for 20,000 instants in random order across zones with DST, half-hour shifts and skipped midnights', () => {
    const zones = [
      'America/New_York',
      'America/Santiago',
      'America/Havana',
      'Australia/Lord_Howe',
      'Pacific/Chatham',
      'Asia/Kolkata',
      'Europe/London',
      'Pacific/Apia',
      'UTC',
    ];
    // A fixed linear congruential sequence: the same instants on every run.
    let seed = 20_261_127;
    const next = (): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    const from = Date.parse('2024-01-01T00:00:00Z');
    const span = Date.parse('2028-01-01T00:00:00Z') - from;
    let ms = from;
    for (let i = 0; i < 20_000; i++) {
      const zone = zones[Math.floor(next() * zones.length)];
      // Half the instants within a day and a half of the one before (the remembered day's edges), half anywhere.
      ms =
        i % 2 === 0 ? from + Math.floor(next() * span) : ms + Math.round((next() - 0.5) * 72) * 1_800_000 + Math.floor(next() * 3) * 60_000;
      const expected = DateTime.fromMillis(ms, { zone }).toISODate();
      assert.equal(calendarDateIn(new Date(ms), zone), expected, `${new Date(ms).toISOString()} in ${zone}`);
    }
  });

  it('refuses an unknown zone', () => {
    assert.throws(() => calendarDateIn(new Date('2026-12-01T12:00:00Z'), 'Mars/Olympus_Mons'), /Unknown time zone: Mars\/Olympus_Mons/);
  });
});
