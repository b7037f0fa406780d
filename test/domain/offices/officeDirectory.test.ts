import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOfficeDirectory, normalizeZip, parseOffices } from '../../../src/domain/offices/officeDirectory';
import { sharedZipTable } from '../../../src/infra/zipcodes/zipTable';
import { isTimeZoneOfState, isValidTimeZone, STATE_TIME_ZONES, timeZonesForState } from '../../../src/domain/offices/stateTimeZones';
import type { FieldOffice } from '../../../src/domain/offices/types';
import { projectRoot } from '../../../src/domain/projectPaths';

const DATA_PATH = join(projectRoot(), 'data', 'field-offices.json');
const directory = loadOfficeDirectory(sharedZipTable);
const domestic = directory.all().filter((o) => o.kind === 'domestic');
const international = directory.all().filter((o) => o.kind === 'international');

function rawOffices(): FieldOffice[] {
  return JSON.parse(readFileSync(DATA_PATH, 'utf8')) as FieldOffice[];
}

describe('field office data', () => {
  it('loads from the default path and from an explicit path alike', () => {
    assert.equal(loadOfficeDirectory(sharedZipTable, DATA_PATH).all().length, directory.all().length);
  });

  it('has at least 85 domestic and the 11 international offices USCIS listed by mid-2024', () => {
    assert.ok(domestic.length >= 85, `only ${domestic.length} domestic offices`);
    assert.deepEqual(international.map((o) => o.address.city).sort(), [
      'Ankara',
      'Beijing',
      'Doha',
      'Guangzhou',
      'Guatemala City',
      'Havana',
      'La Libertad',
      'Mexico City',
      'Nairobi',
      'New Delhi',
      'Tegucigalpa',
    ]);
  });

  it('has unique three-letter codes', () => {
    const codes = directory.all().map((o) => o.code);
    assert.equal(new Set(codes).size, codes.length);
    for (const code of codes) assert.match(code, /^[A-Z]{3}$/);
  });

  it('gives every domestic office a time zone of its state', () => {
    for (const office of domestic) {
      const state = office.address.state ?? '';
      assert.ok(
        isTimeZoneOfState(office.timeZone, state),
        `${office.code}: ${office.timeZone} is not among ${state}'s zones ${timeZonesForState(state).join(', ')}`,
      );
    }
  });

  it('gives every office a source and a time zone Intl knows', () => {
    for (const office of directory.all()) {
      assert.ok(office.source.length > 20, `${office.code} has no real source`);
      assert.ok(isValidTimeZone(office.timeZone), `${office.code}: ${office.timeZone}`);
    }
  });

  it('says of every office when it was last checked and how sure it is', () => {
    for (const office of directory.all()) {
      assert.ok(/^\d{4}-\d{2}-\d{2}$/.test(office.checked) && office.checked >= '2026-11-27', `${office.code}: ${office.checked}`);
      assert.ok(['official', 'secondary', 'unverified'].includes(office.verification), office.code);
    }
    // Only what a source confirmed is marked so; recalled addresses stay unverified.
    const checkedToday = directory
      .all()
      .filter((o) => o.checked === '2026-12-07')
      .map((o) => o.code);
    assert.ok(checkedToday.includes('HLG') && checkedToday.includes('HAV'), checkedToday.join(' '));
    assert.equal(directory.byCode('PHO')?.verification, 'unverified');
  });

  it('has the Rio Grande Valley office in Edinburg where Harlingen was', () => {
    const office = directory.byCode('HLG');
    assert.equal(office?.name, 'Rio Grande Valley Field Office');
    assert.deepEqual(office?.address, {
      street: '2800 West Trenton Road, Suite 3000',
      city: 'Edinburg',
      state: 'TX',
      postalCode: '78539',
      country: 'US',
    });
    assert.ok(!directory.all().some((o) => o.address.city === 'Harlingen'));
  });

  it('no longer sends anyone to ICE’s Phoenix building, and has the current suites and street names', () => {
    assert.ok(!directory.all().some((o) => /2035 North Central/.test(o.address.street)));
    assert.equal(directory.byCode('HOU')?.address.street, '810 Gears Road, Suite 100');
    assert.equal(directory.byCode('SFR')?.address.street, '630 Sansome Street, Suite 1080');
    assert.equal(directory.byCode('HHW')?.address.street, '500 Ala Moana Boulevard, Suite 2-403');
    assert.equal(directory.byCode('CHI')?.address.street, '101 West Ida B. Wells Drive');
  });

  it('includes the territories', () => {
    for (const [code, state] of [
      ['AGA', 'GU'],
      ['SAJ', 'PR'],
      ['CHA', 'VI'],
      ['CHR', 'VI'],
      ['SPN', 'MP'],
      ['HHW', 'HI'],
    ]) {
      assert.equal(directory.byCode(code)?.address.state, state, code);
    }
  });

  it('finds offices by code, whatever the case', () => {
    assert.equal(directory.byCode('abq')?.name, 'Albuquerque Field Office');
    assert.equal(directory.byCode(' YAK ')?.address.state, 'WA');
    assert.equal(directory.byCode('ZZZ'), undefined);
  });
});

describe('state time zone table', () => {
  it('lists only zones Intl knows', () => {
    for (const [state, zones] of Object.entries(STATE_TIME_ZONES)) {
      assert.ok(zones.length > 0, state);
      for (const zone of zones) assert.ok(isValidTimeZone(zone), `${state}: ${zone}`);
    }
  });

  it('covers the 50 states, DC and the inhabited territories', () => {
    assert.equal(['PR', 'GU', 'VI', 'MP', 'AS', 'DC'].filter((s) => !(s in STATE_TIME_ZONES)).length, 0);
    const states = Object.keys(STATE_TIME_ZONES).filter((s) => !['PR', 'GU', 'VI', 'MP', 'AS', 'DC', 'FM', 'MH', 'PW'].includes(s));
    assert.equal(states.length, 50);
  });

  it('lists both zones of states that span two', () => {
    assert.ok(isTimeZoneOfState('America/Denver', 'TX'), 'El Paso');
    assert.ok(isTimeZoneOfState('America/Chicago', 'FL'), 'the Panhandle');
    assert.ok(isTimeZoneOfState('America/Los_Angeles', 'ID'), 'northern Idaho');
    assert.ok(!isTimeZoneOfState('America/Chicago', 'CA'));
    assert.deepEqual(timeZonesForState('pr'), ['America/Puerto_Rico']);
    assert.deepEqual(timeZonesForState('XX'), []);
  });

  it('rejects names that are not zones', () => {
    assert.equal(isValidTimeZone('America/Atlantis'), false);
    assert.equal(isValidTimeZone(''), false);
  });
});

describe('normalizeZip', () => {
  const cases: Array<[string, string | undefined]> = [
    ['12345', '12345'],
    [' 12345 ', '12345'],
    ['12345-6789', '12345'],
    ['1234', undefined],
    ['123456', undefined],
    ['12345-678', undefined],
    ['abcde', undefined],
    ['12 345', undefined],
    ['', undefined],
  ];
  for (const [text, expected] of cases) {
    it(`${JSON.stringify(text)} → ${String(expected)}`, () => assert.equal(normalizeZip(text), expected));
  }
});

describe('office for a ZIP code', () => {
  const cases: Array<[string, string]> = [
    ['10001', 'NYC'],
    ['87102', 'ABQ'],
    ['96910', 'AGA'],
    ['00901', 'SAJ'],
    ['99501', 'ANC'],
    ['96813', 'HHW'],
    ['33130', 'MIA'],
    ['90012', 'LOS'],
    ['60601', 'CHI'],
    ['98101', 'SEA'],
    ['96950', 'SPN'],
    ['00802', 'CHA'],
    ['00820', 'CHR'],
    ['79901', 'ELP'],
    ['02108', 'BOS'],
    ['20001', 'WAS'],
    ['12345-6789', 'ALB'],
  ];
  for (const [zip, code] of cases) {
    it(`${zip} → ${code}`, () => {
      const found = directory.forZip(zip);
      assert.equal(found?.office.code, code);
      assert.equal(found?.office.kind, 'domestic');
    });
  }

  it('reports the ZIP code it used, the distance and why', () => {
    const found = directory.forZip(' 87102 ');
    assert.equal(found?.zip.zip, '87102');
    assert.equal(found?.zip.state, 'NM');
    assert.equal(found?.zip.city, 'Albuquerque');
    assert.ok(found && found.distanceKm >= 0 && found.distanceKm < 20, `distance ${found?.distanceKm}`);
    assert.equal(found?.basis.kind, 'nearest-in-state');
  });

  it('never answers with an international office, even far from every domestic one', () => {
    const samoa = directory.forZip('96799');
    assert.equal(samoa?.office.code, 'HHW');
    assert.equal(samoa?.basis.kind, 'state');
    assert.ok(samoa && samoa.distanceKm > 3000);
  });

  for (const zip of ['1234', 'abcde', '00000', '99999', '12345-', '', '09001']) {
    it(`${JSON.stringify(zip)} → undefined`, () => assert.equal(directory.forZip(zip), undefined));
  }
});

describe('office for a country', () => {
  const cases: Array<[string, string]> = [
    ['MX', 'MEX'],
    ['GT', 'GUA'],
    ['SV', 'SSA'],
    ['KE', 'NAI'],
    ['IN', 'NDL'],
    ['CN', 'GUZ'],
    ['MN', 'BEJ'],
    ['hn', 'TEG'],
    [' cu ', 'HAV'],
    ['QA', 'DOH'],
    ['TR', 'ANK'],
    ['NI', 'SSA'],
    ['CA', 'MEX'],
  ];
  for (const [country, code] of cases) {
    it(`${country} → ${code}`, () => {
      const office = directory.forCountry(country);
      assert.equal(office?.code, code);
      assert.equal(office?.kind, 'international');
    });
  }

  it('serves every international office from at least one country', () => {
    for (const office of international) {
      assert.ok(office.countries && office.countries.length > 0, office.code);
      for (const country of office.countries ?? []) assert.equal(directory.forCountry(country)?.code, office.code);
    }
  });

  for (const country of ['FR', 'BR', 'US', 'ZZ', '']) {
    it(`${JSON.stringify(country)} → undefined`, () => assert.equal(directory.forCountry(country), undefined));
  }
});

describe('validation at load', () => {
  const valid = (): FieldOffice[] => rawOffices().slice(0, 3);

  it('accepts a well-formed list', () => {
    assert.equal(parseOffices(valid()).length, 3);
  });

  it('names the bad entry', () => {
    const offices = valid();
    offices[1] = { ...offices[1], timeZone: 'Mars/Olympus_Mons' };
    assert.throws(
      () => parseOffices(offices),
      (e: Error) => e.message.includes(`entry 1 ("${offices[1].code}")`) && e.message.includes('timeZone'),
    );
  });

  it('rejects duplicate codes', () => {
    const offices = valid();
    offices[2] = { ...offices[2], code: offices[0].code };
    assert.throws(() => parseOffices(offices), /duplicate office code/);
  });

  it('rejects a domestic office whose zone is not its state’s', () => {
    const offices = valid();
    offices[0] = { ...offices[0], timeZone: 'Pacific/Guam', address: { ...offices[0].address, state: 'NM' } };
    assert.throws(() => parseOffices(offices), /not a zone of NM/);
  });

  it('rejects an international office without countries, and a country served twice', () => {
    const intl = rawOffices().filter((o) => o.kind === 'international');
    const { countries: _dropped, ...withoutCountries } = intl[0];
    assert.throws(() => parseOffices([withoutCountries]), /countries/);
    assert.throws(() => parseOffices([intl[0], { ...intl[1], countries: intl[0].countries }]), /already served/);
  });

  it('rejects an entry without a checked date or verification, or with a date that is no day', () => {
    const { checked: _checked, ...withoutChecked } = valid()[0];
    assert.throws(() => parseOffices([withoutChecked]), /checked/);
    assert.throws(() => parseOffices([{ ...valid()[0], checked: '2026-02-30' }]), /checked: not a calendar date/);
    assert.throws(() => parseOffices([{ ...valid()[0], checked: '7 Dec 2026' }]), /checked/);
    assert.throws(() => parseOffices([{ ...valid()[0], verification: 'yes' }]), /verification/);
  });

  it('rejects unknown fields and malformed hours', () => {
    const offices = valid();
    assert.throws(() => parseOffices([{ ...offices[0], phone: '555' }]), /entry 0/);
    assert.throws(() => parseOffices([{ ...offices[0], hours: { days: [1], open: '16:00', close: '08:00' } }]), /opens after it closes/);
    assert.throws(() => parseOffices([{ ...offices[0], hours: { days: [8], open: '08:00', close: '16:00' } }]), /hours\.days/);
  });

  it('reports a file that is not a list, or not JSON, with its path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'offices-'));
    try {
      const notList = join(dir, 'object.json');
      writeFileSync(notList, '{"code":"ABQ"}');
      assert.throws(() => loadOfficeDirectory(sharedZipTable, notList), /expected a JSON array/);
      const notJson = join(dir, 'broken.json');
      writeFileSync(notJson, '[{');
      assert.throws(
        () => loadOfficeDirectory(sharedZipTable, notJson),
        (e: Error) => e.message.startsWith(notJson),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
