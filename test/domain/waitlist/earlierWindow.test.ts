/** Waiting for a seat earlier than an appointment held: the days it covers, and when it is offered after a search. */
import assert from 'node:assert/strict';
import { earlierOptionFor, earlierWindow } from '../../../src/domain/waitlist/waitWindow';
import { DEFAULT_SLOT_POLICY } from '../../../src/domain/slots/schedule';
import type { SlotSearch } from '../../../src/domain/slots/availability';
import type { WhenCandidate } from '../../../src/domain/dates/parseWhen';
import { loadOfficeDirectory } from '../../../src/domain/offices/officeDirectory';
import { sharedZipTable } from '../../../src/infra/zipcodes/zipTable';

/** Tuesday 1 December 2026, 09:00 in New York. */
const NOW = new Date('2026-12-01T14:00:00.000Z');
const THURSDAY_10 = '2026-12-03T10:00:00.000-05:00';
const nyc = loadOfficeDirectory(sharedZipTable).byCode('NYC');

function slots(...starts: string[]): SlotSearch {
  return { kind: 'slots', slots: starts.map((start) => ({ officeCode: 'NYC', start })), exactMatch: false };
}

function wanted(start: string): WhenCandidate[] {
  return [{ start, precision: 'hour', past: false }];
}

describe('waiting for an earlier seat (waitWindow.ts)', () => {
  it('covers the first bookable day to the appointment’s, and ends where the appointment starts', () => {
    assert.ok(nyc);
    const window = earlierWindow(NOW, nyc, DEFAULT_SLOT_POLICY, THURSDAY_10);
    assert.deepEqual(window && { from: window.fromDate, to: window.toDate, until: window.untilMs }, {
      from: '2026-12-01',
      to: '2026-12-03',
      until: Date.parse(THURSDAY_10),
    });
    assert.equal(window?.fromMs, Date.parse('2026-12-01T00:00:00.000-05:00'));
  });

  it('is none for an appointment within the hour’s lead', () => {
    assert.ok(nyc);
    assert.equal(earlierWindow(NOW, nyc, DEFAULT_SLOT_POLICY, '2026-12-01T09:30:00.000-05:00'), undefined);
    assert.ok(earlierWindow(NOW, nyc, DEFAULT_SLOT_POLICY, '2026-12-01T11:00:00.000-05:00'));
  });

  it('is offered after a search only when nothing earlier than the appointment was found, and the person did not ask for later', () => {
    assert.ok(nyc);
    const args = { office: nyc, policy: DEFAULT_SLOT_POLICY, now: NOW, appointmentStart: THURSDAY_10 };
    const later = slots('2026-12-03T10:30:00.000-05:00', '2026-12-03T11:00:00.000-05:00');
    assert.equal(earlierOptionFor({ ...args, search: later, wanted: wanted('2026-12-02T10:00:00.000-05:00') })?.reason, 'earlier');
    assert.equal(earlierOptionFor({ ...args, search: later, wanted: [] })?.reason, 'earlier');
    const oneEarlier = slots('2026-12-03T09:30:00.000-05:00', '2026-12-03T10:30:00.000-05:00');
    assert.equal(earlierOptionFor({ ...args, search: oneEarlier, wanted: [] }), undefined, 'an earlier time is free: take it');
    assert.equal(
      earlierOptionFor({ ...args, search: later, wanted: wanted('2026-12-04T10:00:00.000-05:00') }),
      undefined,
      'asked for a later day',
    );
    const none: SlotSearch = { kind: 'none', reason: 'fully_booked' };
    assert.equal(earlierOptionFor({ ...args, search: none, wanted: [] })?.reason, 'anyDay');
    assert.equal(earlierOptionFor({ ...args, search: { kind: 'none', reason: 'past' }, wanted: [] }), undefined);
  });
});
