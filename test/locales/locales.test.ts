import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_LANGUAGE, LANGUAGES } from '../../src/domain/languages';
import { LOCALES_DIR } from '../../src/domain/i18n/translator';
import { foldText } from '../../src/domain/text';

type Value = string | string[];

/** locales/<code>/translation.json as "a.b.c" → string or list of words. */
function flatten(node: unknown, prefix = '', out: Record<string, Value> = {}): Record<string, Value> {
  assert.ok(node !== null && typeof node === 'object' && !Array.isArray(node), `${prefix || 'root'} must be an object`);
  for (const [key, value] of Object.entries(node)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out[name] = value;
    else if (Array.isArray(value)) {
      assert.ok(value.every((w) => typeof w === 'string'), `${name} must be a list of strings`);
      out[name] = value as string[];
    } else flatten(value, name, out);
  }
  return out;
}

function load(code: string): Record<string, Value> {
  return flatten(JSON.parse(fs.readFileSync(path.join(LOCALES_DIR, code, 'translation.json'), 'utf8')) as unknown);
}

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

/** The plural forms i18next picks from; languages Node's ICU does not know (Haitian Creole) get English's one/other. */
function pluralCategories(code: string): string[] {
  if (Intl.PluralRules.supportedLocalesOf([code]).length === 0) return ['one', 'other'];
  return new Intl.PluralRules(code).resolvedOptions().pluralCategories;
}

/** The keys a language must have: English's, with each plural key in that language's own plural forms. */
function expectedKeys(english: Record<string, Value>, code: string): Set<string> {
  const keys = new Set<string>();
  for (const key of Object.keys(english)) {
    if (!PLURAL_SUFFIX.test(key)) keys.add(key);
    else for (const category of pluralCategories(code)) keys.add(key.replace(PLURAL_SUFFIX, `_${category}`));
  }
  return keys;
}

/** The English key a (possibly plural) key is checked against: "x_few" → "x_other". */
function englishKeyFor(english: Record<string, Value>, key: string): string {
  return key in english ? key : key.replace(PLURAL_SUFFIX, '_other');
}

function placeholders(text: string): string[] {
  return [...new Set(text.match(/\{\{\s*[\w.]+\s*\}\}/g) ?? [])].map((p) => p.replace(/\s/g, '')).sort();
}

/**
 * Strings that are rightly the same as English in one language. Keep this tiny: every entry
 * is a word that is spelled the same in that language, not a missing translation.
 */
const SAME_AS_ENGLISH: Readonly<Record<string, readonly string[]>> = {
  // "No" is the Spanish word for no.
  es: ['common.no'],
  // "Date" is the French word for date; "minute(s)" for minute(s).
  fr: ['notice.date', 'waitlist.minutes_one', 'waitlist.minutes_many', 'waitlist.minutes_other'],
};

/** A string with no letters outside its placeholders ("{{date}}, {{time}}") has nothing to translate. */
function hasWords(text: string): boolean {
  return /\p{L}/u.test(text.replace(/\{\{[^}]*\}\}/g, ''));
}

/** Word lists: the choices' synonyms and the commands typed at any time. */
function isWordList(key: string): boolean {
  return key.endsWith('Words') || key.startsWith('commands.');
}

/** What the dialogs match for a list: the language's words, then English's (Translator.words). */
function matchedWords(locale: Record<string, Value>, english: Record<string, Value>, key: string, code: string): Set<string> {
  const own = locale[key];
  const fallback = code === DEFAULT_LANGUAGE ? [] : english[key];
  return new Set([...(Array.isArray(own) ? own : []), ...(Array.isArray(fallback) ? fallback : [])].map(foldText));
}

const english = load(DEFAULT_LANGUAGE);

describe('locale files', () => {
  it('exist for exactly the languages the bot speaks', () => {
    const dirs = fs.readdirSync(LOCALES_DIR, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
    assert.deepEqual(dirs, LANGUAGES.map((l) => l.code).sort());
  });

  it('plural forms follow each language (Haitian Creole, unknown to ICU, takes one/other)', () => {
    assert.deepEqual(pluralCategories('ht'), ['one', 'other']);
    assert.deepEqual([...pluralCategories('ar')].sort(), ['few', 'many', 'one', 'other', 'two', 'zero']);
    assert.deepEqual(pluralCategories('ko'), ['other']);
  });

  for (const { code } of LANGUAGES) {
    describe(code, () => {
      const locale = load(code);

      it('has every key English has, in its own plural forms, and no other key', () => {
        const expected = expectedKeys(english, code);
        const actual = new Set(Object.keys(locale));
        assert.deepEqual([...expected].filter((k) => !actual.has(k)), [], 'missing keys');
        assert.deepEqual([...actual].filter((k) => !expected.has(k)), [], 'extra keys');
      });

      it('keeps the kind of each value (sentence or word list) and the placeholders of English', () => {
        for (const [key, value] of Object.entries(locale)) {
          const reference = english[englishKeyFor(english, key)];
          if (reference === undefined) continue;
          assert.equal(Array.isArray(value), Array.isArray(reference), `${key}: a sentence in one file, a list in the other`);
          if (typeof value === 'string' && typeof reference === 'string') {
            assert.deepEqual(placeholders(value), placeholders(reference), `${key}: placeholders differ from English`);
          }
        }
      });

      if (code !== DEFAULT_LANGUAGE) {
        it('carries no untranslated copy of the English text', () => {
          const allowed = new Set(SAME_AS_ENGLISH[code] ?? []);
          const copies = Object.entries(locale)
            .filter(([key, value]) => typeof value === 'string' && hasWords(value) && !allowed.has(key))
            .filter(([key, value]) => {
              const reference = english[englishKeyFor(english, key)];
              return typeof reference === 'string' && foldText(reference) === foldText(value as string);
            })
            .map(([key]) => key);
          assert.deepEqual(copies, [], 'strings still in English');
          const copiedLists = Object.entries(locale)
            .filter(([key, value]) => Array.isArray(value) && JSON.stringify(value) === JSON.stringify(english[key]))
            .map(([key]) => key);
          assert.deepEqual(copiedLists, [], 'word lists that are only the English list');
        });

        it('uses each allowed English-identical string only where it still is identical', () => {
          for (const key of SAME_AS_ENGLISH[code] ?? []) assert.equal(locale[key], english[englishKeyFor(english, key)], `${key} is no longer the same as English: drop it from the list`);
        });
      }

      it('has a non-empty list for every word list and command, each word typeable', () => {
        for (const [key, value] of Object.entries(locale)) {
          if (!isWordList(key)) continue;
          assert.ok(Array.isArray(value) && value.length > 0, `${key} is empty`);
          // Words are matched after folding; one that folds to nothing ("?") can never match.
          for (const word of value) assert.ok(foldText(word).length > 0, `${key}: "${word}" can never be matched`);
        }
      });

      it('never reads the same word as both "quit" and yes/no, nor as both yes and no', () => {
        const words = (key: string) => matchedWords(locale, english, key, code);
        const quit = words('commands.quit');
        const yes = words('common.yesWords');
        const no = words('common.noWords');
        assert.deepEqual([...yes].filter((w) => quit.has(w) || no.has(w)), [], 'yes words that also mean quit or no');
        assert.deepEqual([...no].filter((w) => quit.has(w)), [], 'no words that also mean quit');
      });

      it('gives each command its own words; only "cancel" is both a command and a menu choice', () => {
        const words = (key: string) => matchedWords(locale, english, key, code);
        const commands = ['help', 'quit', 'restart', 'language'];
        for (const a of commands) {
          for (const b of commands) {
            if (a < b) assert.deepEqual([...words(`commands.${a}`)].filter((w) => words(`commands.${b}`).has(w)), [], `${a} and ${b} share words`);
          }
        }
        // Intended: "cancel" at the menu picks "cancel an appointment"; inside a flow it stops the flow
        // (RootDialog lets the menu handle it). Any other overlap would make a menu choice unreachable.
        for (const command of commands) {
          for (const item of ['book', 'cancel', 'documents', 'about']) {
            if (command === 'quit' && item === 'cancel') continue;
            const shared = [...words(`commands.${command}`)].filter((w) => words(`menu.${item}Words`).has(w));
            assert.deepEqual(shared, [], `command ${command} and menu choice ${item} share words`);
          }
        }
      });
    });
  }
});
