import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { parseWhen, type WhenCandidate } from '../../../src/domain/dates/parseWhen';
import { findFreeSlots, type SlotSearch } from '../../../src/domain/slots/availability';
import { DEFAULT_SLOT_POLICY } from '../../../src/domain/slots/schedule';
import { testOffice, at, NY } from '../../support/timeFixtures';

const NEW_YORK = testOffice('NYC', NY);

/** ISO start of a New York wall-clock time, as slots carry it. */
function iso(local: string, zone = NY): string {
  return DateTime.fromISO(local, { zone }).toISO() ?? '';
}

function point(local: string, precision: 'hour' | 'minute' = 'hour', zone = NY): WhenCandidate {
  return { start: iso(local, zone), precision, past: false };
}

function range(startLocal: string, endLocal: string, precision: 'day' | 'partOfDay', zone = NY): WhenCandidate {
  return { start: iso(startLocal, zone), end: iso(endLocal, zone), precision, past: false };
}

function day(date: string, zone = NY): WhenCandidate {
  const start = DateTime.fromISO(date, { zone });
  return { start: start.toISO() ?? '', end: start.plus({ days: 1 }).toISO() ?? '', precision: 'day', past: false };
}

/** A fake store: booked counts by slot start; records every call. */
function store(booked: Record<string, number> = {}, everything?: number) {
  const calls: string[][] = [];
  const offices: string[] = [];
  return {
    calls,
    offices,
    countBooked: async (officeCode: string, starts: readonly string[]): Promise<number[]> => {
      offices.push(officeCode);
      calls.push([...starts]);
      return starts.map((start) => everything ?? booked[start] ?? 0);
    },
  };
}

function localStarts(search: SlotSearch): string[] {
  assert.equal(search.kind, 'slots');
  return search.kind === 'slots' ? search.slots.map((s) => s.start.slice(0, 16)) : [];
}

/** The Friday after Thanksgiving, 09:00 in New York. */
const NOW = at('2026-11-27T09:00');

describe('findFreeSlots', () => {
  it('offers the time asked for and its neighbours, counting bookings in one call', async () => {
    const fake = store();
    const search = await findFreeSlots({
      office: NEW_YORK,
      policy: DEFAULT_SLOT_POLICY,
      now: NOW,
      wanted: [point('2026-12-01T10:00')],
      countBooked: fake.countBooked,
    });
    assert.deepEqual(localStarts(search), ['2026-12-01T09:30', '2026-12-01T10:00', '2026-12-01T10:30']);
    assert.ok(search.kind === 'slots' && search.exactMatch && search.notice === undefined);
    assert.deepEqual(fake.offices, ['NYC']);
    assert.equal(fake.calls[0].length, 172);
    assert.equal(fake.calls[0][0], '2026-11-27T10:00:00.000-05:00');
  });

  it('says the time is full and offers the nearest free ones when it is taken', async () => {
    const fake = store({ [iso('2026-12-01T10:00')]: 2 });
    const search = await findFreeSlots({
      office: NEW_YORK,
      policy: DEFAULT_SLOT_POLICY,
      now: NOW,
      wanted: [point('2026-12-01T10:00')],
      countBooked: fake.countBooked,
    });
    assert.deepEqual(localStarts(search), ['2026-12-01T09:00', '2026-12-01T09:30', '2026-12-01T10:30']);
    assert.ok(search.kind === 'slots');
    assert.equal(search.exactMatch, false);
    assert.equal(search.notice, 'full_that_time');
  });

  it('treats a slot with one booking as free (capacity 2)', async () => {
    const fake = store({ [iso('2026-12-01T10:00')]: 1 });
    const search = await findFreeSlots({
      office: NEW_YORK,
      policy: DEFAULT_SLOT_POLICY,
      now: NOW,
      wanted: [point('2026-12-01T10:00')],
      countBooked: fake.countBooked,
    });
    assert.ok(search.kind === 'slots' && search.exactMatch);
  });

  it('offers a part of the day’s earliest free slots', async () => {
    const fake = store({ [iso('2026-12-01T08:00')]: 2 });
    const search = await findFreeSlots({
      office: NEW_YORK,
      policy: DEFAULT_SLOT_POLICY,
      now: NOW,
      wanted: [range('2026-12-01T08:00', '2026-12-01T12:00', 'partOfDay')],
      countBooked: fake.countBooked,
    });
    assert.deepEqual(localStarts(search), ['2026-12-01T08:30', '2026-12-01T09:00', '2026-12-01T09:30']);
    assert.ok(search.kind === 'slots' && search.exactMatch);
  });

  it('offers the slots nearest a full morning, and says it is full', async () => {
    const morning: Record<string, number> = {};
    for (let minute = 8 * 60; minute < 12 * 60; minute += 30) {
      morning[iso(`2026-12-01T${String((minute / 60) | 0).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`)] = 2;
    }
    const search = await findFreeSlots({
      office: NEW_YORK,
      policy: DEFAULT_SLOT_POLICY,
      now: NOW,
      wanted: [range('2026-12-01T08:00', '2026-12-01T12:00', 'partOfDay')],
      countBooked: store(morning).countBooked,
    });
    assert.deepEqual(localStarts(search), ['2026-12-01T12:00', '2026-12-01T12:30', '2026-12-01T13:00']);
    assert.ok(search.kind === 'slots' && !search.exactMatch && search.notice === 'full_that_time');
  });

  it('says the evening is outside office hours and offers the day’s last slots', async () => {
    const search = await findFreeSlots({
      office: NEW_YORK,
      policy: DEFAULT_SLOT_POLICY,
      now: NOW,
      wanted: [range('2026-12-01T17:00', '2026-12-01T21:00', 'partOfDay')],
      countBooked: store().countBooked,
    });
    assert.deepEqual(localStarts(search), ['2026-12-01T14:30', '2026-12-01T15:00', '2026-12-01T15:30']);
    assert.ok(search.kind === 'slots' && !search.exactMatch && search.notice === 'outside_hours');
  });

  it('says a time after closing is outside office hours', async () => {
    const search = await findFreeSlots({
      office: NEW_YORK,
      policy: DEFAULT_SLOT_POLICY,
      now: NOW,
      wanted: [point('2026-12-02T17:00')],
      countBooked: store().countBooked,
    });
    assert.deepEqual(localStarts(search), ['2026-12-02T14:30', '2026-12-02T15:00', '2026-12-02T15:30']);
    assert.ok(search.kind === 'slots' && search.notice === 'outside_hours');
  });

  it('offers a day’s earliest free slots', async () => {
    const fake = store({ [iso('2026-12-02T08:00')]: 2, [iso('2026-12-02T08:30')]: 2 });
    const search = await findFreeSlots({
      office: NEW_YORK,
      policy: DEFAULT_SLOT_POLICY,
      now: NOW,
      wanted: [day('2026-12-02')],
      countBooked: fake.countBooked,
    });
    assert.deepEqual(localStarts(search), ['2026-12-02T09:00', '2026-12-02T09:30', '2026-12-02T10:00']);
    assert.ok(search.kind === 'slots' && search.exactMatch);
  });

  it('offers the nearest days around a holiday, and says it is one (Thanksgiving)', async () => {
    const now = at('2026-11-20T09:00');
    const search = await findFreeSlots({
      office: NEW_YORK,
      policy: DEFAULT_SLOT_POLICY,
      now,
      wanted: [day('2026-11-26')],
      countBooked: store().countBooked,
    });
    assert.deepEqual(localStarts(search), ['2026-11-25T08:00', '2026-11-25T08:30', '2026-11-27T08:00']);
    assert.ok(search.kind === 'slots' && !search.exactMatch && search.notice === 'holiday');
  });

  it('says so for Christmas, a Friday, and offers the day before', async () => {
    const now = at('2026-12-14T09:00');
    const search = await findFreeSlots({
      office: NEW_YORK,
      policy: DEFAULT_SLOT_POLICY,
      now,
      wanted: [point('2026-12-25T10:00')],
      countBooked: store().countBooked,
    });
    assert.ok(search.kind === 'slots' && search.notice === 'holiday');
    assert.deepEqual(localStarts(search), ['2026-12-24T14:30', '2026-12-24T15:00', '2026-12-24T15:30']);
  });

  it('says the office is closed on a Saturday ("tomorrow at 10" said on a Friday)', async () => {
    const wanted = parseWhen('tomorrow at 10', 'en', NOW, NY);
    const search = await findFreeSlots({
      office: NEW_YORK,
      policy: DEFAULT_SLOT_POLICY,
      now: NOW,
      wanted,
      countBooked: store().countBooked,
    });
    assert.deepEqual(localStarts(search), ['2026-11-27T14:30', '2026-11-27T15:00', '2026-11-27T15:30']);
    assert.ok(search.kind === 'slots' && !search.exactMatch && search.notice === 'office_closed_that_day');
  });

  it('merges several wanted days ("monday or tuesday")', async () => {
    const wanted = parseWhen('monday or tuesday', 'en', NOW, NY);
    const search = await findFreeSlots({
      office: NEW_YORK,
      policy: DEFAULT_SLOT_POLICY,
      now: NOW,
      wanted,
      countBooked: store().countBooked,
    });
    assert.deepEqual(localStarts(search), ['2026-11-30T08:00', '2026-11-30T08:30', '2026-12-01T08:00']);
  });

  it('matches the office-hours reading of an ambiguous hour ("el martes a las 10")', async () => {
    const wanted = parseWhen('el martes a las 10', 'es', NOW, NY);
    const search = await findFreeSlots({
      office: NEW_YORK,
      policy: DEFAULT_SLOT_POLICY,
      now: NOW,
      wanted,
      countBooked: store().countBooked,
    });
    assert.deepEqual(localStarts(search), ['2026-12-01T09:30', '2026-12-01T10:00', '2026-12-01T10:30']);
    assert.ok(search.kind === 'slots' && search.exactMatch);
  });

  it('uses the future reading when some readings are past ("Dec 3 at 2pm")', async () => {
    const wanted = parseWhen('Dec 3 at 2pm', 'en', NOW, NY);
    assert.ok(wanted.some((c) => c.past));
    const search = await findFreeSlots({
      office: NEW_YORK,
      policy: DEFAULT_SLOT_POLICY,
      now: NOW,
      wanted,
      countBooked: store().countBooked,
    });
    assert.deepEqual(localStarts(search), ['2026-12-03T13:30', '2026-12-03T14:00', '2026-12-03T14:30']);
  });

  it('offers later slots when the time wanted is too soon to book, with no notice', async () => {
    const search = await findFreeSlots({
      office: NEW_YORK,
      policy: DEFAULT_SLOT_POLICY,
      now: NOW,
      wanted: [point('2026-11-27T09:30', 'minute')],
      countBooked: store().countBooked,
    });
    assert.deepEqual(localStarts(search), ['2026-11-27T10:00', '2026-11-27T10:30', '2026-11-27T11:00']);
    assert.ok(search.kind === 'slots' && !search.exactMatch && search.notice === undefined);
  });

  it('offers the earliest free slots when nothing in particular is wanted', async () => {
    const search = await findFreeSlots({
      office: NEW_YORK,
      policy: DEFAULT_SLOT_POLICY,
      now: NOW,
      wanted: [],
      countBooked: store({ [iso('2026-11-27T10:00')]: 2 }).countBooked,
    });
    assert.deepEqual(localStarts(search), ['2026-11-27T10:30', '2026-11-27T11:00', '2026-11-27T11:30']);
  });

  it('honours `limit` and returns the slots sorted by start', async () => {
    const search = await findFreeSlots({
      office: NEW_YORK,
      policy: DEFAULT_SLOT_POLICY,
      now: NOW,
      wanted: [point('2026-12-01T12:00')],
      countBooked: store().countBooked,
      limit: 5,
    });
    assert.deepEqual(localStarts(search), [
      '2026-12-01T11:00',
      '2026-12-01T11:30',
      '2026-12-01T12:00',
      '2026-12-01T12:30',
      '2026-12-01T13:00',
    ]);
  });

  it('answers "past" for a time that is over, without asking the store', async () => {
    const fake = store();
    const wanted: WhenCandidate[] = [{ ...day('2026-11-20'), past: true }, point('2026-11-26T10:00')];
    const search = await findFreeSlots({ office: NEW_YORK, policy: DEFAULT_SLOT_POLICY, now: NOW, wanted, countBooked: fake.countBooked });
    assert.deepEqual(search, { kind: 'none', reason: 'past' });
    assert.equal(fake.calls.length, 0);
  });

  it('answers "beyond_window" for a date after the booking window', async () => {
    const fake = store();
    const search = await findFreeSlots({
      office: NEW_YORK,
      policy: DEFAULT_SLOT_POLICY,
      now: NOW,
      wanted: [day('2026-12-14'), day('2027-01-05')],
      countBooked: fake.countBooked,
    });
    assert.deepEqual(search, { kind: 'none', reason: 'beyond_window' });
    assert.equal(fake.calls.length, 0);
  });

  it('still offers slots for a range that starts inside the window ("in December")', async () => {
    const search = await findFreeSlots({
      office: NEW_YORK,
      policy: DEFAULT_SLOT_POLICY,
      now: NOW,
      wanted: [range('2026-12-01T00:00', '2027-01-01T00:00', 'day')],
      countBooked: store().countBooked,
    });
    assert.deepEqual(localStarts(search), ['2026-12-01T08:00', '2026-12-01T08:30', '2026-12-01T09:00']);
  });

  it('answers "fully_booked" when nothing in the window is free', async () => {
    const search = await findFreeSlots({
      office: NEW_YORK,
      policy: DEFAULT_SLOT_POLICY,
      now: NOW,
      wanted: [day('2026-12-01')],
      countBooked: store({}, 2).countBooked,
    });
    assert.deepEqual(search, { kind: 'none', reason: 'fully_booked' });
  });

  it('finds slots across the spring DST change with the new offset', async () => {
    const now = at('2026-03-06T09:00');
    const wanted = parseWhen('Monday at 10', 'en', now, NY);
    const search = await findFreeSlots({ office: NEW_YORK, policy: DEFAULT_SLOT_POLICY, now, wanted, countBooked: store().countBooked });
    assert.ok(search.kind === 'slots');
    assert.ok(search.exactMatch);
    assert.deepEqual(
      search.slots.map((s) => s.start),
      ['2026-03-09T09:30:00.000-04:00', '2026-03-09T10:00:00.000-04:00', '2026-03-09T10:30:00.000-04:00'],
    );
  });

  it('works in an office’s own zone: America/Phoenix and Pacific/Guam', async () => {
    const phoenix = testOffice('PHO', 'America/Phoenix');
    const now = at('2026-07-01T09:00', 'America/Phoenix');
    const search = await findFreeSlots({
      office: phoenix,
      policy: DEFAULT_SLOT_POLICY,
      now,
      wanted: parseWhen('tomorrow morning', 'en', now, 'America/Phoenix'),
      countBooked: store().countBooked,
    });
    assert.ok(search.kind === 'slots');
    assert.deepEqual(
      search.slots.map((s) => s.start),
      ['2026-07-02T08:00:00.000-07:00', '2026-07-02T08:30:00.000-07:00', '2026-07-02T09:00:00.000-07:00'],
    );

    const guam = testOffice('AGA', 'Pacific/Guam');
    const guamNow = at('2026-11-25T09:00', 'Pacific/Guam');
    const thanksgiving = await findFreeSlots({
      office: guam,
      policy: DEFAULT_SLOT_POLICY,
      now: guamNow,
      wanted: parseWhen('mañana', 'es', guamNow, 'Pacific/Guam'),
      countBooked: store().countBooked,
    });
    assert.ok(thanksgiving.kind === 'slots');
    assert.equal(thanksgiving.notice, 'holiday');
    // The nearest days are the day before and the day after: their earliest slots (today's start at 10:00).
    assert.deepEqual(
      thanksgiving.slots.map((s) => s.start),
      ['2026-11-27T08:00:00.000+10:00', '2026-11-27T08:30:00.000+10:00', '2026-11-27T09:00:00.000+10:00'],
    );
  });
});
