import assert from 'node:assert/strict';
import { COUNTRY_NAME_LANGUAGES, countryName, resolveCountry } from '../../../src/domain/offices/countries';

type Case = [text: string, language: string, expected: string | undefined];

function table(title: string, cases: readonly Case[]): void {
  describe(title, () => {
    for (const [text, language, expected] of cases) {
      it(`${JSON.stringify(text)} (${language}) → ${String(expected)}`, () => {
        assert.equal(resolveCountry(text, language), expected);
      });
    }
  });
}

table('resolveCountry in English', [
  ['Mexico', 'en', 'MX'],
  ['MEXICO', 'en', 'MX'],
  ['  mexico. ', 'en', 'MX'],
  ['El Salvador', 'en', 'SV'],
  ['Salvador', 'en', 'SV'],
  ['Guatemala', 'en', 'GT'],
  ['India', 'en', 'IN'],
  ['China', 'en', 'CN'],
  ['Kenya', 'en', 'KE'],
  ['United States', 'en', 'US'],
  ['the United States', 'en', 'US'],
  ['U.S.A.', 'en', 'US'],
  ['Viet Nam', 'en', 'VN'],
  ['the Gambia', 'en', 'GM'],
  ['Dominican', 'en', 'DO'],
  ['Dominica', 'en', 'DM'],
  ['Guat', 'en', 'GT'],
  ['Congo', 'en', undefined],
  ['Gua', 'en', undefined],
  ['Guin', 'en', undefined],
  ['asdfgh', 'en', undefined],
  ['', 'en', undefined],
  ['!!!', 'en', undefined],
]);

table('resolveCountry in Spanish', [
  ['México', 'es', 'MX'],
  ['mexico', 'es', 'MX'],
  ['MÉXICO', 'es', 'MX'],
  ['el Perú', 'es', 'PE'],
  ['Kenia', 'es', 'KE'],
  ['Estados Unidos', 'es', 'US'],
  ['los Estados Unidos', 'es', 'US'],
  ['EE. UU.', 'es', 'US'],
  ['EEUU', 'es', 'US'],
  ['Estados Unidos de América', 'es', 'US'],
  ['Republica Dominicana', 'es', 'DO'],
  ['Haití', 'es', 'HT'],
  ['haiti', 'es', 'HT'],
  ['Guate', 'es', 'GT'],
  ['El Salvador', 'es', 'SV'],
  ['la china', 'es', 'CN'],
  ['qwerty', 'es', undefined],
]);

table('resolveCountry across languages and codes', [
  ['Kenia', 'en', 'KE'],
  ['mx', 'en', 'MX'],
  ['MX', 'es', 'MX'],
  ['mex', 'en', 'MX'],
  ['Ind', 'en', 'IN'],
  ['SLV', 'es', 'SV'],
  ['Việt Nam', 'vi', 'VN'],
  ['中国', 'zh', 'CN'],
  ['美国', 'zh', 'US'],
  ['미국', 'ko', 'US'],
  ['Россия', 'ru', 'RU'],
  ['Brasil', 'pt', 'BR'],
  ["l'Inde", 'fr', 'IN'],
  ['Polska', 'pl', 'PL'],
  ['المكسيك', 'ar', 'MX'],
  ['Usono', 'eo', 'US'],
  ['Meksiko', 'eo', 'MX'],
  ['Pilipinas', 'tl', 'PH'],
  ['Etazini', 'ht', 'US'],
  ['Ayiti', 'ht', 'HT'],
  ['Mexico', 'es-MX', 'MX'],
  ['no', 'es', undefined],
  ['si', 'es', undefined],
  ['NO', 'en', 'NO'],
  ['zz', 'en', undefined],
]);

describe('countryName', () => {
  it('names the country in the language', () => {
    assert.equal(countryName('MX', 'es'), 'México');
    assert.equal(countryName('CN', 'zh'), '中国');
    assert.equal(countryName('mx', 'es-MX'), 'México');
  });

  it('falls back to English for languages without names', () => {
    assert.equal(countryName('KE', 'ht'), 'Kenya');
    assert.equal(countryName('KE', 'eo'), 'Kenya');
    assert.equal(countryName('KE', 'tl'), 'Kenya');
  });

  it('returns the code when it names no country', () => {
    assert.equal(countryName('zz', 'en'), 'ZZ');
  });

  it('has names in ten of our thirteen languages', () => {
    assert.deepEqual([...COUNTRY_NAME_LANGUAGES].sort(), ['ar', 'en', 'es', 'fr', 'ko', 'pl', 'pt', 'ru', 'vi', 'zh']);
  });
});

table('resolveCountry: "in" before the name, as people answer "where do you live?"', [
  ['au Sénégal', 'fr', 'SN'],
  ['en France', 'fr', 'FR'],
  ['no Brasil', 'pt', 'BR'],
  ['nước Úc', 'vi', 'AU'],
  ['sa Canada', 'tl', 'CA'],
  ['Pinas', 'tl', 'PH'],
  ['台湾', 'zh', 'TW'],
  ['臺灣', 'zh', 'TW'],
  // "I don't know" is no Sweden: a word is left out only before a name of three letters or more.
  ['no se', 'es', undefined],
  ['no sé', 'pt', undefined],
]);
