import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import type { FieldOffice } from '../../src/domain/offices/types';

export const NY = 'America/New_York';

/** The instant of a wall-clock time ("2026-11-27T09:00") in a zone (New York by default). */
export function at(local: string, zone: string = NY): Date {
  const time = DateTime.fromISO(local, { zone });
  assert.ok(time.isValid, local);
  return time.toJSDate();
}

/** Local wall-clock of an ISO string with offset: "2026-11-28T10:00". */
export function wallClock(iso: string | undefined): string | undefined {
  return iso?.slice(0, 16);
}

/** A made-up office in a zone, with the default hours unless `extra` says otherwise. */
export function testOffice(code: string, timeZone: string, extra: Partial<FieldOffice> = {}): FieldOffice {
  return {
    code,
    name: `${code} Field Office`,
    kind: 'domestic',
    address: { street: '1 Main St', city: 'Somewhere', country: 'US' },
    location: { lat: 0, lon: 0 },
    timeZone,
    source: 'test fixture',
    checked: '2026-01-01',
    verification: 'unverified',
    ...extra,
  };
}
