import assert from 'node:assert/strict';
import { scryptSync } from 'node:crypto';
import { makeDobVerifier, normalisePersonName, personKey, verifyDob } from '../../../src/domain/appointments/personIdentity';

const SECRET = 'test-secret';

describe('person identity', () => {
  describe('normalisePersonName', () => {
    const cases: Array<[string, string]> = [
      ['José  GARCÍA', 'jose garcia'],
      ['  jose garcia  ', 'jose garcia'],
      ['García-López, María', 'garcia lopez maria'],
      ["O'Brien", 'obrien'],
      ['O’Brien', 'obrien'],
      ['Nguyễn Văn An', 'nguyen van an'],
      ['WEISS', 'weiss'],
      ['Weiß', 'weiss'],
      ['Ｊｏｓé', 'jose'],
      ['王 小明', '王 小明'],
      ['Zoë\tSaldaña\n', 'zoe saldana'],
    ];
    for (const [input, expected] of cases) {
      it(`"${input}" → "${expected}"`, () => {
        assert.equal(normalisePersonName(input), expected);
      });
    }
  });

  describe('personKey', () => {
    it('is the same for spellings of one name', () => {
      const key = personKey('José  GARCÍA', '1980-02-29', SECRET);
      assert.equal(personKey('jose garcia', '1980-02-29', SECRET), key);
      assert.equal(personKey(' Jose García. ', '1980-02-29', SECRET), key);
      assert.match(key, /^[0-9a-f]{64}$/);
    });

    it('differs by name, date of birth and secret', () => {
      const key = personKey('Jose Garcia', '1980-02-29', SECRET);
      assert.notEqual(personKey('Josefa Garcia', '1980-02-29', SECRET), key);
      assert.notEqual(personKey('Jose Garcia', '1980-03-01', SECRET), key);
      assert.notEqual(personKey('Jose Garcia', '1980-02-29', 'another-secret'), key);
    });

    it('holds neither the name nor the date', () => {
      const key = personKey('Jose Garcia', '1980-02-29', SECRET);
      assert.ok(!key.includes('1980') && !key.includes('jose'));
    });

    it('refuses an invalid date, an empty name or an empty secret', () => {
      assert.throws(() => personKey('Jose Garcia', '1981-02-29', SECRET), RangeError);
      assert.throws(() => personKey('Jose Garcia', '29/02/1980', SECRET), RangeError);
      assert.throws(() => personKey(' -- ', '1980-02-29', SECRET), RangeError);
      assert.throws(() => personKey('Jose Garcia', '1980-02-29', ''), /secret/);
    });
  });

  describe('date of birth verifier', () => {
    it('is "h1$<salt>$<hash>" and never holds the date', () => {
      const verifier = makeDobVerifier('1980-02-29', SECRET);
      assert.match(verifier, /^h1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/);
      assert.ok(!verifier.includes('1980'));
    });

    it('salts every verifier', () => {
      assert.notEqual(makeDobVerifier('1980-02-29', SECRET), makeDobVerifier('1980-02-29', SECRET));
    });

    it('accepts the date it was made from and refuses any other', async () => {
      const verifier = makeDobVerifier('1980-02-29', SECRET);
      assert.equal(await verifyDob(verifier, '1980-02-29', SECRET), true);
      assert.equal(await verifyDob(verifier, '1980-02-28', SECRET), false);
      assert.equal(await verifyDob(verifier, '1908-02-29', SECRET), false);
    });

    it('needs the secret it was made with: a copy of Redis alone cannot test dates against it', async () => {
      const verifier = makeDobVerifier('1980-02-29', SECRET);
      assert.equal(await verifyDob(verifier, '1980-02-29', 'another secret'), false);
      assert.equal(await verifyDob(verifier, '1980-02-29', ''), false);
    });

    it('still verifies the scrypt verifiers ("s1") written before the keyed ones', async () => {
      const salt = Buffer.from('0123456789abcdef');
      const hash = scryptSync('1975-07-15', salt, 32, { N: 4096, r: 8, p: 1 });
      const verifier = `s1$${salt.toString('base64')}$${hash.toString('base64')}`;
      assert.equal(await verifyDob(verifier, '1975-07-15', SECRET), true);
      assert.equal(await verifyDob(verifier, '1975-07-16', SECRET), false);
    });

    it('says false, without throwing, for a malformed verifier or date', async () => {
      const verifier = makeDobVerifier('1980-02-29', SECRET);
      assert.equal(await verifyDob(verifier, '29/02/1980', SECRET), false);
      assert.equal(await verifyDob('', '1980-02-29', SECRET), false);
      assert.equal(await verifyDob(verifier.replace('h1$', 'h2$'), '1980-02-29', SECRET), false);
      assert.equal(await verifyDob(verifier.slice(0, -8), '1980-02-29', SECRET), false);
      assert.equal(await verifyDob('h1$abc$def', '1980-02-29', SECRET), false);
    });

    it('refuses to make a verifier of an invalid date or without a secret', () => {
      assert.throws(() => makeDobVerifier('1980-13-01', SECRET), RangeError);
      assert.throws(() => makeDobVerifier('1980-02-29', ''), /secret/);
    });
  });
});
