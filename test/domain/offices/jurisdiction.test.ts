import assert from 'node:assert/strict';
import { JurisdictionAssigner } from '../../../src/domain/offices/assignment';
import { parseJurisdictions } from '../../../src/domain/offices/jurisdictions';
import { loadJurisdictions, loadOfficeDirectory } from '../../../src/domain/offices/officeDirectory';
import { sharedZipTable } from '../../../src/infra/zipcodes/zipTable';
import type { FieldOffice, OfficeForZip } from '../../../src/domain/offices/types';
import { countyKey, ZipCounties } from '../../../src/domain/offices/zipCounties';
import { testOffice } from '../../support/timeFixtures';

const directory = loadOfficeDirectory(sharedZipTable);
const jurisdictions = loadJurisdictions(directory.all());

/** Every ZIP code with its office, walked once on first use: a run that selects other tests skips it. */
let walked: Array<[string, OfficeForZip | undefined]> | undefined;
function assignments(): Array<[string, OfficeForZip | undefined]> {
  walked ??= directory.zipCodes().map((zip) => [zip, directory.forZip(zip)]);
  return walked;
}

describe('jurisdiction: every ZIP code', () => {
  let assigned: Array<[string, OfficeForZip | undefined]>;
  before(() => {
    assigned = assignments();
  });

  it('walks the whole zipcodes table', () => {
    assert.ok(assigned.length > 41_000, `${assigned.length} ZIP codes`);
  });

  it('gets a domestic office', () => {
    const without = assigned.filter(([, found]) => found?.office.kind !== 'domestic').map(([zip]) => zip);
    assert.deepEqual(without.slice(0, 20), []);
  });

  it('crosses a state line only through a rule of data/jurisdictions.json that names the office and its source', () => {
    const unexplained: string[] = [];
    for (const [zip, found] of assigned) {
      if (!found || found.office.address.state === found.zip.state) continue;
      const { basis } = found;
      const named =
        basis.kind === 'county'
          ? basis.rule.office === found.office.code
          : basis.kind === 'state' && basis.rule.offices.includes(found.office.code);
      if (!named || basis.kind === 'nearest-in-state' || basis.rule.source.length < 20) {
        unexplained.push(`${zip} (${found.zip.state}) → ${found.office.code} (${found.office.address.state}) by ${basis.kind}`);
      }
    }
    assert.deepEqual(unexplained.slice(0, 20), [], `${unexplained.length} unexplained cross-state assignments`);
  });

  it('uses the nearest office only inside the ZIP code’s own state', () => {
    for (const [zip, found] of assigned) {
      if (found?.basis.kind === 'nearest-in-state') assert.equal(found.office.address.state, found.zip.state, zip);
    }
  });
});

describe('jurisdiction: the cases that went wrong by distance', () => {
  const cases: Array<[string, string, string]> = [
    ['49503', 'DET', 'Grand Rapids, MI: Detroit, not Milwaukee across the lake'],
    ['12901', 'ALB', 'Plattsburgh, NY: a New York office, not St. Albans, VT'],
    ['06830', 'HAR', 'Greenwich, CT: Hartford, not Holtsville, NY'],
    ['20910', 'BAL', 'Silver Spring, MD: Baltimore, not Fairfax, VA'],
    ['07030', 'NEW', 'Hoboken, NJ: a New Jersey office, not New York City'],
    ['25301', 'PIT', 'Charleston, WV: no office in the state; the state rule, not Columbus, OH'],
    ['20001', 'WAS', 'Washington, DC: the Washington Field Office in Fairfax, VA'],
    ['85705', 'TUC', 'Tucson, AZ (Pima County): Tucson by the county table'],
    ['85122', 'TUC', 'Casa Grande, AZ (Pinal County): Tucson by the county table, though nearer Phoenix'],
    ['77002', 'HOU', 'Houston, TX (Harris County)'],
    ['78501', 'HLG', 'McAllen, TX: the Rio Grande Valley office'],
    ['46320', 'CHI', 'Hammond, IN (Lake County): Chicago by the county table'],
    ['46204', 'INP', 'Indianapolis, IN: no rule, the nearest Indiana office'],
    ['39201', 'NOL', 'Jackson, MS (Hinds County): New Orleans by the county table'],
    ['38655', 'MEM', 'Oxford, MS (Lafayette County): Memphis'],
  ];
  for (const [zip, code, what] of cases) {
    it(`${zip} → ${code}: ${what}`, () => assert.equal(directory.forZip(zip)?.office.code, code));
  }
});

describe('jurisdiction: data/jurisdictions.json', () => {
  it('names its source, checked date and verification for every exception', () => {
    for (const rule of [...jurisdictions.states, ...jurisdictions.counties]) {
      assert.ok(rule.source.length > 40, rule.state);
      assert.match(rule.checked, /^\d{4}-\d{2}-\d{2}$/, rule.state);
      assert.ok(['official', 'secondary', 'unverified'].includes(rule.verification), rule.state);
    }
  });

  it('has a rule for every state or territory without an office of its own', () => {
    const withOffice = new Set(directory.all().map((o) => o.address.state));
    const withRule = new Set(jurisdictions.states.map((r) => r.state));
    const zipStates = new Set(assignments().map(([, found]) => found?.zip.state));
    for (const state of zipStates) {
      if (state && !withOffice.has(state)) assert.ok(withRule.has(state), `${state} has no office and no rule`);
    }
  });

  it('names only counties the ZIP → county table knows, and each table assigns some ZIP code', () => {
    const states = new Set(jurisdictions.counties.map((r) => r.state));
    const counties = ZipCounties.load(states);
    const known = new Set([...counties.names()].map(countyKey));
    for (const rule of jurisdictions.counties) {
      for (const county of rule.counties) assert.ok(known.has(countyKey(county)), `${county}, ${rule.state} is not in the table`);
    }
    const used = new Set(
      assignments().flatMap(([, found]) =>
        found?.basis.kind === 'county' ? [`${found.basis.rule.state} → ${found.basis.rule.office}`] : [],
      ),
    );
    for (const rule of jurisdictions.counties)
      assert.ok(used.has(`${rule.state} → ${rule.office}`), `${rule.state} → ${rule.office} assigns nothing`);
  });
});

describe('jurisdiction rules (unit)', () => {
  const office = (code: string, state: string, lat: number, lon: number): FieldOffice => ({
    ...testOffice(code, 'America/New_York'),
    address: { street: '1 Main St', city: code, state, country: 'US' },
    location: { lat, lon },
  });
  const near = office('AAA', 'AA', 40, -75);
  const far = office('BBB', 'AA', 45, -75);
  const across = office('CCC', 'BB', 40.1, -75);
  const offices = [near, far, across];
  const source = { source: 'a source that says so, for the test', checked: '2026-12-07', verification: 'secondary' as const };

  it('picks the nearest office of the own state, never a nearer one across the line', () => {
    const assigner = new JurisdictionAssigner(offices, { states: [], counties: [] });
    assert.equal(assigner.assign({ state: 'AA', lat: 40.1, lon: -75 })?.office.code, 'AAA');
    assert.equal(assigner.assign({ state: 'AA', lat: 44.9, lon: -75 })?.office.code, 'BBB');
    assert.equal(assigner.assign({ state: 'ZZ', lat: 40, lon: -75 }), undefined);
  });

  it('follows a state rule, and a county table before it', () => {
    const assigner = new JurisdictionAssigner(offices, {
      states: [{ state: 'ZZ', offices: ['CCC', 'BBB'], ...source }],
      counties: [{ state: 'AA', office: 'CCC', counties: ['Saint Louis City'], ...source }],
    });
    assert.deepEqual(assigner.statesWithCountyTables(), new Set(['AA']));
    const ruled = assigner.assign({ state: 'ZZ', lat: 44, lon: -75 });
    assert.equal(ruled?.office.code, 'BBB');
    assert.equal(ruled?.basis.kind, 'state');
    const county = assigner.assign({ state: 'AA', lat: 45, lon: -75, county: 'St. Louis (city)' });
    assert.equal(county?.office.code, 'CCC');
    assert.equal(county?.basis.kind, 'county');
    assert.equal(assigner.assign({ state: 'AA', lat: 45, lon: -75, county: 'St. Louis' })?.office.code, 'BBB');
  });

  it('rejects rules that name an unknown or international office, a county twice, or no source', () => {
    const rule = { state: 'AA', offices: ['AAA'], ...source };
    assert.throws(() => parseJurisdictions({ states: [{ ...rule, offices: ['XYZ'] }], counties: [] }, offices), /no domestic office "XYZ"/);
    assert.throws(() => parseJurisdictions({ states: [rule, rule], counties: [] }, offices), /two state rules/);
    const table = { state: 'AA', office: 'AAA', counties: ['Caddo Parish'], ...source };
    assert.throws(
      () => parseJurisdictions({ states: [], counties: [table, { ...table, office: 'BBB', counties: ['Caddo'] }] }, offices),
      /served by both AAA and BBB/,
    );
    assert.throws(() => parseJurisdictions({ states: [{ ...rule, source: '' }], counties: [] }, offices), /source/);
    assert.throws(() => parseJurisdictions({ states: [{ ...rule, checked: '2026-13-01' }], counties: [] }, offices), /checked/);
    assert.equal(parseJurisdictions({ states: [rule], counties: [table] }, offices).states.length, 1);
  });
});

describe('countyKey', () => {
  const same: Array<[string, string]> = [
    ['St. Louis', 'Saint Louis'],
    ['Caddo Parish', 'Caddo'],
    ['City of Alexandria', 'Alexandria (city)'],
    ['Doña Ana', 'Dona Ana'],
    ['City and County of San Francisco', 'San Francisco'],
    ['LaPorte', 'laporte'],
  ];
  for (const [a, b] of same) it(`${a} = ${b}`, () => assert.equal(countyKey(a), countyKey(b)));
  it('keeps a county and the independent city of the same name apart', () =>
    assert.notEqual(countyKey('Fairfax'), countyKey('Fairfax (city)')));
});
