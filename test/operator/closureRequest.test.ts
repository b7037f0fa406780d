import assert from 'node:assert/strict';
import { closureFor, isWholeDay, type ClosureRequest } from '../../src/domain/operations/closureRequest';
import { at, NY, testOffice } from '../support/timeFixtures';

const NEW_YORK = testOffice('NYC', NY);
const HONOLULU = testOffice('HHW', 'Pacific/Honolulu');
const NOW = at('2026-12-01T09:00');
const OPERATOR = { sub: 'op-1', name: 'Dana Operator' };

function check(request: Partial<ClosureRequest>, office = NEW_YORK, now = NOW) {
  return closureFor({ date: '2026-12-15', reason: 'weather', ...request }, office, now, OPERATOR);
}

describe('closureFor: an operator’s closure request', () => {
  it('closes a whole day in the office’s zone when no hours are given', () => {
    const result = check({ note: '  snow  ' });
    assert.ok(result.ok);
    assert.deepEqual(result.closure, {
      id: 'NYC-2026-12-15',
      officeCode: 'NYC',
      date: '2026-12-15',
      from: '00:00',
      to: '24:00',
      start: '2026-12-15T00:00:00.000-05:00',
      end: '2026-12-16T00:00:00.000-05:00',
      reason: 'weather',
      note: 'snow',
      createdAt: NOW.toISOString(),
      createdBy: OPERATOR,
    });
    assert.ok(isWholeDay(result.closure));
  });

  it('closes part of a day, with an id naming the hours; the same request gives the same id', () => {
    const first = check({ from: '09:00', to: '12:00', reason: 'emergency' });
    const again = check({ from: '09:00', to: '12:00', reason: 'emergency' }, NEW_YORK, at('2026-12-01T10:00'));
    assert.ok(first.ok && again.ok);
    assert.equal(first.closure.id, 'NYC-2026-12-15-0900-1200');
    assert.equal(again.closure.id, first.closure.id);
    assert.equal(first.closure.start, '2026-12-15T09:00:00.000-05:00');
    assert.equal(first.closure.end, '2026-12-15T12:00:00.000-05:00');
    assert.equal(isWholeDay(first.closure), false);
  });

  it('takes a missing end as the end of the day and a missing start as its beginning', () => {
    const afternoon = check({ from: '13:00' });
    const morning = check({ to: '10:30' });
    assert.ok(afternoon.ok && morning.ok);
    assert.equal(afternoon.closure.id, 'NYC-2026-12-15-1300-2400');
    assert.equal(afternoon.closure.end, '2026-12-16T00:00:00.000-05:00');
    assert.equal(morning.closure.start, '2026-12-15T00:00:00.000-05:00');
  });

  it('works in each office’s own zone', () => {
    const result = check({ from: '08:00', to: '10:00' }, HONOLULU);
    assert.ok(result.ok);
    assert.equal(result.closure.start, '2026-12-15T08:00:00.000-10:00');
  });

  it('spans a day that a DST change makes 23 hours long to the next midnight', () => {
    const result = check({ date: '2027-03-14' });
    assert.ok(result.ok);
    assert.equal(Date.parse(result.closure.end) - Date.parse(result.closure.start), 23 * 3_600_000);
  });

  for (const [name, request, error] of [
    ['a date that does not exist', { date: '2026-02-30' }, 'bad_date'],
    ['a date in another format', { date: '12/15/2026' }, 'bad_date'],
    ['a time in another format', { from: '9am' }, 'bad_time'],
    ['a time past midnight', { to: '24:30' }, 'bad_time'],
    ['an end before the start', { from: '12:00', to: '09:00' }, 'empty_span'],
    ['an empty span', { from: '12:00', to: '12:00' }, 'empty_span'],
    ['a day that has passed', { date: '2026-11-30' }, 'in_the_past'],
    ['hours of today that have passed', { date: '2026-12-01', from: '07:00', to: '09:00' }, 'in_the_past'],
    ['a day more than a year ahead', { date: '2027-12-15' }, 'too_far_ahead'],
    ['a note longer than 500 characters', { note: 'x'.repeat(501) }, 'note_too_long'],
  ] as const) {
    it(`refuses ${name}`, () => {
      const result = check(request);
      assert.equal(result.ok, false);
      assert.equal(!result.ok && result.error, error);
    });
  }

  it('accepts the rest of today', () => {
    assert.ok(check({ date: '2026-12-01', from: '08:00', to: '16:00' }).ok);
  });
});
