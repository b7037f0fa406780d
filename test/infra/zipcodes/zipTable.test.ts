import assert from 'node:assert/strict';
import zipcodes from 'zipcodes';
import { ZipTable } from '../../../src/infra/zipcodes/zipTable';

describe('ZipTable: the zipcodes package’s table, read in a child process', () => {
  // Read in before(), not when mocha loads the file: a run that selects other tests skips the child process.
  let table: ZipTable;
  before(() => {
    table = ZipTable.load();
  });

  it('gives a ZIP code’s centroid, city, state and country', () => {
    const found = table.get('87102');
    assert.equal(found?.zip, '87102');
    assert.equal(found?.city, 'Albuquerque');
    assert.equal(found?.state, 'NM');
    assert.equal(found?.country, 'US');
    assert.ok(found && Math.abs(found.lat - 35.08) < 0.1 && Math.abs(found.lon + 106.65) < 0.1, `${found?.lat}, ${found?.lon}`);
  });

  it('holds every five-digit code of the package, each as the package gives it', () => {
    const fiveDigit = Object.keys(zipcodes.codes).filter((code) => /^\d{5}$/.test(code));
    assert.ok(fiveDigit.length > 40_000, `${fiveDigit.length} codes`);
    assert.equal(table.size, fiveDigit.length);
    for (const code of fiveDigit) {
      const expected = zipcodes.lookup(code);
      assert.deepEqual(
        table.get(code),
        {
          zip: code,
          lat: expected?.latitude,
          lon: expected?.longitude,
          city: expected?.city,
          state: expected?.state,
          country: expected?.country,
        },
        code,
      );
    }
  });

  it('knows nothing of codes the package lacks, nor of Canadian postal codes', () => {
    assert.equal(table.get('00000'), undefined);
    assert.equal(table.get('K1A'), undefined);
    assert.equal(table.get('constructor'), undefined);
  });

  it('says which module it could not read', () => {
    assert.throws(
      () => ZipTable.load('/nonexistent/zipcodes.js'),
      /cannot read the ZIP code table from \/nonexistent\/zipcodes\.js: .*Cannot find module/s,
    );
  });
});
