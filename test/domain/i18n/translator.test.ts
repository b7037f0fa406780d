import assert from 'node:assert/strict';
import i18next from 'i18next';
import { LANGUAGES } from '../../../src/domain/languages';
import { Translator, i18nextOptions, loadResources } from '../../../src/domain/i18n/translator';

/** Every key of a resource tree whose value is a string, dotted. */
function stringKeys(tree: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) => {
    const path = prefix + key;
    if (typeof value === 'string') return [path];
    if (value && typeof value === 'object' && !Array.isArray(value)) return stringKeys(value as Record<string, unknown>, `${path}.`);
    return [];
  });
}

describe('Translator: sentences with values', () => {
  const resources = loadResources();
  const reference = i18next.createInstance();
  void reference.init(i18nextOptions(resources));
  const translator = new Translator(resources);
  const english = resources.en.translation as Record<string, unknown>;
  // Plural keys ("offerExact_one") are asked for by their base name with a count.
  const keys = [...new Set(stringKeys(english).map((key) => key.replace(/_(zero|one|two|few|many|other)$/, '')))];
  // Values that a naive replace would mangle ("$&", "$1"), that look like markup or like a placeholder.
  const tricky = 'Ana <b>&amp;</b> "O\'Brien" $& $1 {{zone}} 1980-03-04';

  it('gives, for every key in every language, what i18next’s own t() gives', () => {
    let compared = 0;
    for (const { code } of LANGUAGES) {
      const ours = translator.for(code);
      const theirs = reference.getFixedT(code);
      for (const key of keys) {
        const names = [
          ...new Set([...(reference.t(key, { lng: code }) + reference.t(key, { lng: 'en' })).matchAll(/{{(\w+)}}/g)].map((m) => m[1])),
        ];
        const values: Record<string, string | number> = Object.fromEntries(names.map((name) => [name, `${tricky} (${name})`]));
        assert.equal(ours(key, values), theirs(key, values), `${code} ${key}`);
        for (const count of [0, 1, 2, 5, 21])
          assert.equal(ours(key, { ...values, count }), theirs(key, { ...values, count }), `${code} ${key} count ${count}`);
        compared += 1;
      }
    }
    assert.ok(compared > 13 * 100, `${compared} sentences compared`);
  });

  it('fills a language’s missing sentence with English, and says the key of an unknown one', () => {
    const onlyEnglish = new Translator({ en: { translation: { greet: 'Hello {{name}}' } }, es: { translation: {} } });
    assert.equal(onlyEnglish.for('es')('greet', { name: 'Ana' }), 'Hello Ana');
    assert.equal(onlyEnglish.for('es')('nothing.here', { name: 'Ana' }), 'nothing.here');
  });
});
