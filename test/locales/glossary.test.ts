import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_LANGUAGE, LANGUAGES } from '../../src/domain/languages';
import { LOCALES_DIR } from '../../src/domain/i18n/translator';

/**
 * One term per concept, in every language (issue 19, part 4).
 *
 * locales/<code>/glossary.json:
 *   {
 *     "terms": { "<concept>": ["preferred form", "other accepted form", …], … },
 *     "exceptKeys": { "<concept>": ["<translation key>", …] },   (optional, keep it rare)
 *     "why": { "<translation key>": "why this key cannot use the term" }   (one for each excepted key)
 *   }
 * The forms of a term are its inflections, plural, with or without an article: never synonyms.
 *
 * The rule: for every concept, every key of locales/en/translation.json whose English text holds
 * one of the English forms (case-insensitive, whole words, placeholders left out) must hold one of
 * the language's forms in that language's file (case-insensitive, after Unicode NFC). A word list
 * is read as all its words together. For advanceParole and caseStatusOnline the text must also keep
 * the Latin name ("Advance Parole", "Case Status Online") beside the translation.
 */

const CONCEPTS = [
  'receiptNumber',
  'fieldOffice',
  'appointment',
  'appointmentNotice',
  'dateOfBirth',
  'advanceParole',
  'greenCard',
  'workPermit',
  'caseStatusOnline',
] as const;
type Concept = (typeof CONCEPTS)[number];

/** Names kept in Latin letters in every language, beside the translation. */
const LATIN_NAMES: Partial<Record<Concept, string>> = {
  advanceParole: 'Advance Parole',
  caseStatusOnline: 'Case Status Online',
};

interface Glossary {
  terms: Record<string, string[]>;
  exceptKeys?: Record<string, string[]>;
  why?: Record<string, string>;
}

type Value = string | string[];

function flatten(node: unknown, prefix = '', out: Record<string, Value> = {}): Record<string, Value> {
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string' || Array.isArray(value)) out[name] = value as Value;
    else flatten(value, name, out);
  }
  return out;
}

function readJson(code: string, file: string): unknown {
  return JSON.parse(fs.readFileSync(path.join(LOCALES_DIR, code, file), 'utf8')) as unknown;
}

function glossaryPath(code: string): string {
  return path.join(LOCALES_DIR, code, 'glossary.json');
}

/** A sentence, or a word list read as its words together, without placeholders ({{office}} is not the word "office"). */
function textOf(value: Value): string {
  return (Array.isArray(value) ? value.join('\n') : value).replace(/\{\{[^}]*\}\}/g, ' ');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** English: whole words, case-insensitive ("office" matches "office's", not "officer"). */
function englishHas(text: string, forms: readonly string[]): boolean {
  return forms.some((form) => new RegExp(`(?<![\\p{L}\\p{N}_])${escapeRegExp(form)}(?![\\p{L}\\p{N}_])`, 'iu').test(text));
}

function fold(text: string): string {
  return text.normalize('NFC').toLowerCase();
}

/** Other languages: the form anywhere in the text (no word boundaries in Chinese, Korean particles, Arabic clitics). */
function languageHas(text: string, forms: readonly string[]): boolean {
  const folded = fold(text);
  return forms.some((form) => folded.includes(fold(form)));
}

/** Checks the file's shape and returns it; the messages name the file and the concept. */
function loadGlossary(code: string): Glossary {
  const raw = readJson(code, 'glossary.json') as Partial<Glossary>;
  const file = `locales/${code}/glossary.json`;
  assert.ok(raw && typeof raw === 'object' && raw.terms && typeof raw.terms === 'object', `${file}: needs a "terms" object`);
  const unknown = Object.keys(raw.terms).filter((c) => !(CONCEPTS as readonly string[]).includes(c));
  assert.deepEqual(unknown, [], `${file}: unknown concepts (the ids are ${CONCEPTS.join(', ')})`);
  for (const concept of CONCEPTS) {
    const forms = raw.terms[concept];
    assert.ok(
      Array.isArray(forms) && forms.length > 0 && forms.every((f) => typeof f === 'string' && f.trim().length > 0),
      `${file}: "${concept}" needs a non-empty list of forms, the preferred one first`,
    );
  }
  for (const [concept, keys] of Object.entries(raw.exceptKeys ?? {})) {
    assert.ok((CONCEPTS as readonly string[]).includes(concept), `${file}: exceptKeys names an unknown concept "${concept}"`);
    assert.ok(Array.isArray(keys), `${file}: exceptKeys.${concept} must be a list of keys`);
    for (const key of keys) {
      assert.ok(typeof raw.why?.[key] === 'string' && raw.why[key].trim().length > 0, `${file}: exceptKeys.${concept} lists "${key}" with no reason in "why"`);
    }
  }
  return raw as Glossary;
}

const englishTexts = flatten(readJson(DEFAULT_LANGUAGE, 'translation.json'));
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

/** The English key a (possibly plural) key is read against: "x_few" → "x_other". */
function englishKeyFor(key: string): string {
  return key in englishTexts ? key : key.replace(PLURAL_SUFFIX, '_other');
}

const otherLanguages = LANGUAGES.map((l) => l.code).filter((c) => c !== DEFAULT_LANGUAGE);

describe('glossary: one term per concept in every language', () => {
  const englishGlossary = loadGlossary(DEFAULT_LANGUAGE);

  it('English names each concept, and each concept is used somewhere in the English text', () => {
    for (const concept of CONCEPTS) {
      const used = Object.values(englishTexts).some((value) => englishHas(textOf(value), englishGlossary.terms[concept]));
      assert.ok(used, `locales/en/glossary.json: no English key uses "${concept}" (${englishGlossary.terms[concept].join(', ')})`);
    }
    for (const [concept, latin] of Object.entries(LATIN_NAMES)) {
      assert.ok(englishGlossary.terms[concept].includes(latin), `locales/en/glossary.json: "${concept}" must list "${latin}"`);
    }
  });

  // Fails until every language's translator has written its glossary (issue 19 part 4 is shared by three people).
  it('every language has locales/<code>/glossary.json', () => {
    const missing = LANGUAGES.map((l) => l.code).filter((code) => !fs.existsSync(glossaryPath(code)));
    assert.deepEqual(missing, [], `languages with no glossary yet: ${missing.join(', ')}`);
  });

  for (const code of otherLanguages.filter((c) => fs.existsSync(glossaryPath(c)))) {
    describe(code, () => {
      const glossary = loadGlossary(code);
      const texts = flatten(readJson(code, 'translation.json'));

      it('excepts only keys that exist and whose English uses the concept', () => {
        for (const [concept, keys] of Object.entries(glossary.exceptKeys ?? {})) {
          for (const key of keys) {
            const english = englishTexts[englishKeyFor(key)];
            assert.ok(english !== undefined, `locales/${code}/glossary.json: exceptKeys.${concept} names "${key}", which English does not have`);
            assert.ok(
              englishHas(textOf(english), englishGlossary.terms[concept]),
              `locales/${code}/glossary.json: exceptKeys.${concept} names "${key}", whose English does not use the term: drop it`,
            );
          }
        }
      });

      it('translates advanceParole: the Latin "Advance Parole" goes beside a translation, not instead of it', () => {
        const latin = fold(LATIN_NAMES.advanceParole ?? '');
        const translated = glossary.terms.advanceParole.some((form) => fold(form).replace(latin, '').replace(/[\s()]/g, '').length > 0);
        assert.ok(translated, `locales/${code}/glossary.json: "advanceParole" needs the ${code} term, with "Advance Parole" beside it in the text`);
      });

      for (const concept of CONCEPTS) {
        it(`uses its term for ${concept} wherever English uses "${englishGlossary.terms[concept][0]}"`, () => {
          const forms = glossary.terms[concept];
          const latin = LATIN_NAMES[concept];
          const excepted = new Set(glossary.exceptKeys?.[concept] ?? []);
          const problems: string[] = [];
          for (const [key, value] of Object.entries(texts)) {
            const english = englishTexts[englishKeyFor(key)];
            if (english === undefined || excepted.has(key)) continue;
            if (!englishHas(textOf(english), englishGlossary.terms[concept])) continue;
            const text = textOf(value);
            const lacks: string[] = [];
            if (!languageHas(text, forms)) lacks.push(`one of ${forms.map((f) => `"${f}"`).join(', ')}`);
            if (latin && !languageHas(text, [latin])) lacks.push(`the Latin "${latin}" beside the translation`);
            if (lacks.length === 0) continue;
            problems.push(
              `${code} ${key} [${concept}]: needs ${lacks.join(' and ')}\n` +
                `    en: ${JSON.stringify(english)}\n` +
                `    ${code}: ${JSON.stringify(value)}`,
            );
          }
          assert.ok(
            problems.length === 0,
            `${problems.length} key(s) of locales/${code}/translation.json do not use the glossary's term ` +
              `(fix the text, add a form of the same term to locales/${code}/glossary.json, or, rarely, list the key in "exceptKeys" with a "why"):\n` +
              problems.join('\n'),
          );
        });
      }
    });
  }
});
