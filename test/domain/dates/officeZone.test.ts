import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DateTime, IANAZone } from 'luxon';
import { officeZone } from '../../../src/domain/dates/officeZone';
import { loadOfficeDirectory } from '../../../src/domain/offices/officeDirectory';
import { sharedZipTable } from '../../../src/infra/zipcodes/zipTable';

const OFFICE_ZONES = [
  ...new Set(
    loadOfficeDirectory(sharedZipTable)
      .all()
      .map((office) => office.timeZone),
  ),
];
/** Half-hour and 45-minute offsets, a half-hour DST, a negative DST, and a change at 00:44:30 UTC (Monrovia, 1972). */
const ODD_ZONES = ['Australia/Lord_Howe', 'Asia/Kathmandu', 'America/St_Johns', 'Pacific/Chatham', 'Europe/Dublin', 'Africa/Monrovia'];
const MINUTE = 60_000;

function luxonOffset(zone: string, ts: number): number {
  return IANAZone.create(zone).offset(ts);
}

describe('officeZone: an IANA zone that remembers its offsets', () => {
  it('gives luxon’s offset at every minute around the DST changes of every office zone, asked twice', () => {
    for (const zone of OFFICE_ZONES) {
      for (const change of ['2026-03-08T02:00', '2026-11-01T01:00', '2027-03-14T02:00']) {
        const around = DateTime.fromISO(change, { zone: 'UTC' }).toMillis();
        for (let ts = around - 24 * 60 * MINUTE; ts <= around + 24 * 60 * MINUTE; ts += 7 * MINUTE + 13_000) {
          const expected = luxonOffset(zone, ts);
          assert.equal(officeZone(zone).offset(ts), expected, `${zone} at ${new Date(ts).toISOString()}`);
          assert.equal(officeZone(zone).offset(ts), expected, `${zone} at ${new Date(ts).toISOString()}, remembered`);
        }
      }
    }
    assert.ok(OFFICE_ZONES.includes('America/New_York') && OFFICE_ZONES.length > 5);
  });

  it('gives luxon’s offset for any instant from 1850 to 2100, odd zones and local mean times included', () => {
    const zones = [...OFFICE_ZONES, ...ODD_ZONES];
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.integer({ min: Date.UTC(1850, 0, 1), max: Date.UTC(2100, 0, 1) }), (zone, ts) => {
        const expected = luxonOffset(zone, ts);
        return officeZone(zone).offset(ts) === expected && officeZone(zone).offset(ts) === expected;
      }),
      { numRuns: 5000 },
    );
  });

  it('is exact in a quarter hour with a change inside it (Monrovia, 7 January 1972, 00:44:30 UTC)', () => {
    const change = Date.UTC(1972, 0, 7, 0, 44, 30);
    for (const ts of [change - 1000, change, change + 1000, change - 1000]) {
      assert.equal(officeZone('Africa/Monrovia').offset(ts), luxonOffset('Africa/Monrovia', ts));
    }
    assert.notEqual(officeZone('Africa/Monrovia').offset(change - 1000), officeZone('Africa/Monrovia').offset(change));
  });

  it('makes the same DateTimes as the zone’s name does', () => {
    const ts = Date.UTC(2026, 10, 1, 5, 30);
    const named = DateTime.fromMillis(ts, { zone: 'America/New_York' });
    const remembered = DateTime.fromMillis(ts, { zone: officeZone('America/New_York') });
    assert.equal(remembered.toISO(), named.toISO());
    assert.equal(remembered.startOf('day').toISO(), named.startOf('day').toISO());
    assert.equal(remembered.toLocaleString(DateTime.DATETIME_FULL), named.toLocaleString(DateTime.DATETIME_FULL));
    assert.ok(remembered.hasSame(named, 'day'));
  });

  it('is one zone per name, and an invalid one for an unknown name', () => {
    assert.ok(officeZone('America/Chicago') === officeZone('America/Chicago'));
    assert.equal(officeZone('Fantasia/Castle').isValid, false);
    assert.equal(DateTime.fromMillis(0, { zone: officeZone('Fantasia/Castle') }).isValid, false);
  });
});
