import fs from 'node:fs';
import path from 'node:path';
import { traditionalToSimplified } from '../chineseScript';
import { LANGUAGES } from '../languages';
import { projectRoot } from '../projectPaths';
import { localeDates } from './localeDates';

/**
 * The words a language's date answers are made of, besides what its parser reads:
 * `locales/<code>/dateWords.json`, read on first use (format: docs in DateWordsFile below).
 * readWhen (parseWhen.ts) uses them to say which words of a phrase no parser read.
 */
export interface DateWords {
  /** Keys (wordKey) of words that say nothing about a date ("please", "quiero", "on", "at"): never reported unread. */
  readonly fillers: ReadonlySet<string>;
  /** Keys of endings that say nothing about a date (Korean particles "에", "요"), cut from the end of an unread word. */
  readonly fillerSuffixes: readonly string[];
  /** Keys of phrases that say nothing about a date, cut from anywhere in an unread word (Chinese "我想", "请"). */
  readonly fillerParts: readonly string[];
  /** Short forms (keys, one to three words) → what the parser reads ("tues" → "tuesday", "mñn" → "mañana"). */
  readonly shortForms: ReadonlyMap<string, string>;
  /**
   * Short forms that are other words too ("ma" in Esperanto, "화" in Korean): read as dates only
   * when a number follows somewhere in the text, or when they are all the text says.
   */
  readonly shortFormsBeforeTime: ReadonlyMap<string, string>;
  /** Keys of the words dates are said with: weekdays and months (ICU's and dates.json's), the file's dateWords, and English's. */
  readonly dateWords: readonly string[];
  /**
   * For scripts written without spaces (Chinese) or with endings glued on (Korean): an unread
   * word holding a date word at least this long is date-like ("星期" in "下星期", "요일" in "화요일에").
   */
  readonly containedDateWordLength?: number;
  /** Keys of phrases that refuse the day said beside them ("can't", "no puedo", "nie dam rady"): refusedDays.ts. */
  readonly refusals: readonly string[];
  /** Keys of the words of `refusals` ("nie", "pas", "can't"): understood, they are never taken for a date cut short. */
  readonly refusalWords: ReadonlySet<string>;
  /** Keys of words that open another clause ("but", "maybe", "może"): a refusal reaches no further. */
  readonly clauseOpeners: readonly string[];
}

/** locales/<code>/dateWords.json as written. Every field is optional. */
interface DateWordsFile {
  fillers?: string[];
  fillerSuffixes?: string[];
  fillerParts?: string[];
  shortForms?: Record<string, string>;
  shortFormsBeforeTime?: Record<string, string>;
  dateWords?: string[];
  containedDateWordLength?: number;
  refusals?: string[];
  clauseOpeners?: string[];
}

const FIELDS: ReadonlyArray<keyof DateWordsFile> = [
  'fillers',
  'fillerSuffixes',
  'fillerParts',
  'shortForms',
  'shortFormsBeforeTime',
  'dateWords',
  'containedDateWordLength',
  'refusals',
  'clauseOpeners',
];

/**
 * How words are compared: lower case, no accents (Vietnamese đ as d, Polish ł as l), Traditional
 * Chinese as Simplified, the Esperanto x-system as its letters ("morgaux" as "morgau"),
 * compatibility forms as plain ones ("ª" as "a", full-width digits as digits).
 */
export function wordKey(word: string, language?: string): string {
  const cacheKey = language === 'eo' ? `eo ${word}` : word;
  let key = keys.get(cacheKey);
  if (key === undefined) {
    if (keys.size >= KEYS_LIMIT) keys.clear();
    key = foldWord(word, language);
    keys.set(cacheKey, key);
  }
  return key;
}

/** wordKey of a whole text, not kept: texts, unlike words, seldom come twice. */
export function textKey(text: string, language?: string): string {
  return foldWord(text, language);
}

/** Every phrase parsed folds its words, mostly the same few hundred: each is folded once. */
const keys = new Map<string, string>();
const KEYS_LIMIT = 10_000;

function foldWord(word: string, language: string | undefined): string {
  const key = traditionalToSimplified(
    word
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .normalize('NFC')
      .toLowerCase()
      .replace(/đ/g, 'd')
      .replace(/ł/g, 'l'),
  );
  return language === 'eo' ? key.replace(/([cghjsu])x/g, '$1') : key;
}

const EMPTY: DateWords = Object.freeze({
  fillers: new Set<string>(),
  fillerSuffixes: [],
  fillerParts: [],
  shortForms: new Map<string, string>(),
  shortFormsBeforeTime: new Map<string, string>(),
  dateWords: [],
  refusals: [],
  refusalWords: new Set<string>(),
  clauseOpeners: [],
});

const loaded = new Map<string, DateWords>();

/** The date words of one of our languages (with ICU's and English's), read once; empty for another code. */
export function dateWords(code: string): DateWords {
  let words = loaded.get(code);
  if (!words) {
    words = LANGUAGES.some((l) => l.code === code) ? build(code) : EMPTY;
    loaded.set(code, words);
  }
  return words;
}

function build(code: string): DateWords {
  const file = readFile(code);
  const english = code === 'en' ? file : readFile('en');
  const key = (word: string): string => wordKey(word, code);
  const keys = (list: readonly string[] | undefined): string[] => (list ?? []).map(key).filter((k) => k.length > 0);
  const map = (table: Record<string, string> | undefined): Map<string, string> =>
    new Map(Object.entries(table ?? {}).map(([short, full]) => [key(short).replace(/\s+/g, ' ').trim(), full]));
  const phraseKeys = (list: readonly string[] | undefined): string[] =>
    keys(list?.map((phrase) => phrase.replace(/[’‘`]/gu, "'"))).map((k) => k.replace(/\s+/gu, ' ').trim());
  const refusals = phraseKeys(file.refusals);
  const shortForms = new Map([...namesWithoutAccents(code), ...map(file.shortForms)]);
  const shortFormsBeforeTime = map(file.shortFormsBeforeTime);
  const vocabulary = new Set<string>();
  const add = (phrase: string): void => {
    for (const word of key(phrase).split(/[\s\-.,]+/u)) if (word.length > 0) vocabulary.add(word);
  };
  for (const name of [...icuNames(code), ...(english.dateWords ?? []), ...(file.dateWords ?? [])]) add(name);
  for (const [short, full] of [...shortForms, ...shortFormsBeforeTime]) {
    add(short);
    add(full);
  }
  return Object.freeze({
    fillers: new Set(keys(file.fillers).flatMap((k) => k.split(/\s+/u))),
    fillerSuffixes: keys(file.fillerSuffixes).sort((a, b) => b.length - a.length),
    fillerParts: keys(file.fillerParts).sort((a, b) => b.length - a.length),
    shortForms,
    shortFormsBeforeTime,
    dateWords: [...vocabulary],
    refusals,
    refusalWords: new Set(refusals.flatMap((phrase) => phrase.split(' '))),
    clauseOpeners: phraseKeys(file.clauseOpeners),
    ...(file.containedDateWordLength === undefined ? {} : { containedDateWordLength: file.containedDateWordLength }),
  });
}

/** Weekday and month names, long and short, from ICU and from locales/<code>/dates.json (Kreyòl, which ICU lacks). */
function icuNames(code: string): string[] {
  const language = LANGUAGES.find((l) => l.code === code);
  if (!language) return [];
  const names: string[] = [];
  for (const width of ['long', 'short'] as const) {
    const weekday = new Intl.DateTimeFormat(language.intlLocale, { weekday: width, timeZone: 'UTC' });
    const month = new Intl.DateTimeFormat(language.intlLocale, { month: width, timeZone: 'UTC' });
    const dayMonth = new Intl.DateTimeFormat(language.intlLocale, { day: 'numeric', month: width, timeZone: 'UTC' });
    for (let day = 0; day < 7; day++) names.push(weekday.format(Date.UTC(2026, 10, 30 + day, 12)));
    for (let m = 0; m < 12; m++) {
      const date = Date.UTC(2026, m, 15, 12);
      names.push(month.format(date));
      names.push(...dayMonth.formatToParts(date).flatMap((part) => (part.type === 'month' ? [part.value] : [])));
    }
  }
  const own = localeDates(code);
  return [...names, ...(own.months ?? []), ...(own.weekdays ?? [])].filter((name) => !/^\d+$/.test(name));
}

/**
 * The language's month and weekday names typed without their accents (pt "marco", fr "fevrier", pl "sroda",
 * eo "jaudo") → the names as written, for the parsers that know only the written form (chrono's Portuguese
 * had no "marco": "15 de marco de 2027" gave no date). Names of one word only, in their long forms; a key
 * that two names share, or that is itself a name as written, is left alone.
 */
function namesWithoutAccents(code: string): Map<string, string> {
  const written = new Set<string>();
  const byKey = new Map<string, Set<string>>();
  for (const name of [...longIcuNames(code), ...(localeDates(code).months ?? []), ...(localeDates(code).weekdays ?? [])]) {
    const lower = name.toLocaleLowerCase(code);
    if (!/^\p{L}+$/u.test(lower)) continue;
    written.add(lower);
    const key = wordKey(lower, code);
    if (key !== lower) byKey.set(key, (byKey.get(key) ?? new Set()).add(lower));
  }
  const table = new Map<string, string>();
  for (const [key, names] of byKey) if (names.size === 1 && !written.has(key)) table.set(key, [...names][0]);
  return table;
}

/** Languages written without spaces between words: their names are short, and no other word. */
const SPACELESS: ReadonlySet<string> = new Set(['zh', 'ko']);

/**
 * The weekday and month names the language's date parser reads, as written: ICU's long forms for its locale,
 * and locales/<code>/dates.json's (Esperanto, Haitian Creole). A message that names one names a day.
 */
export function dayAndMonthNames(code: string): string[] {
  const own = localeDates(code);
  const language = LANGUAGES.find((l) => l.code === code);
  // Without ICU data for the locale (ht), Intl names English's days: not what this language's parser reads.
  const icu = language && Intl.DateTimeFormat.supportedLocalesOf([language.intlLocale]).length > 0 ? longIcuNames(code) : [];
  const names = [...icu, ...(own.months ?? []), ...(own.weekdays ?? [])].map((name) => name.toLocaleLowerCase(code));
  // A number says a date by itself ("tháng 1", "1월"); a name of three letters or fewer is often another word too (ht "me", "out").
  return [
    ...new Set(names.filter((name) => !/\d/u.test(name) && [...name.replace(/\s+/gu, '')].length >= 4 - (SPACELESS.has(code) ? 2 : 0))),
  ];
}

/** The language's weekday and month names in ICU's long forms (a month alone, and as written after a day: ru "марта"). */
function longIcuNames(code: string): string[] {
  const language = LANGUAGES.find((l) => l.code === code);
  if (!language) return [];
  const weekday = new Intl.DateTimeFormat(language.intlLocale, { weekday: 'long', timeZone: 'UTC' });
  const month = new Intl.DateTimeFormat(language.intlLocale, { month: 'long', timeZone: 'UTC' });
  const dayMonth = new Intl.DateTimeFormat(language.intlLocale, { day: 'numeric', month: 'long', timeZone: 'UTC' });
  const names: string[] = [];
  for (let day = 0; day < 7; day++) names.push(weekday.format(Date.UTC(2026, 10, 30 + day, 12)));
  for (let m = 0; m < 12; m++) {
    const date = Date.UTC(2026, m, 15, 12);
    names.push(month.format(date), ...dayMonth.formatToParts(date).flatMap((part) => (part.type === 'month' ? [part.value] : [])));
  }
  return names;
}

function readFile(code: string): DateWordsFile {
  const file = path.join(projectRoot(), 'locales', code, 'dateWords.json');
  if (!fs.existsSync(file)) return {};
  return parseDateWordsFile(JSON.parse(fs.readFileSync(file, 'utf8')) as unknown, file);
}

/** Checks a dateWords.json's shape: a wrong file fails at its first use, naming the file and the field. */
export function parseDateWordsFile(raw: unknown, file: string): DateWordsFile {
  const fail = (what: string): never => {
    throw new Error(`${file}: ${what}`);
  };
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) fail('must be an object');
  const record = raw as Record<string, unknown>;
  const unknown = Object.keys(record).filter((field) => !(FIELDS as readonly string[]).includes(field));
  if (unknown.length > 0) fail(`unknown fields ${unknown.join(', ')} (${FIELDS.join(', ')})`);
  const isWord = (value: unknown): value is string => typeof value === 'string' && value.trim().length > 0;
  const list = (field: keyof DateWordsFile): string[] | undefined => {
    const value = record[field];
    if (value === undefined) return undefined;
    if (!Array.isArray(value) || !value.every(isWord)) fail(`"${field}" must be a list of words`);
    return value as string[];
  };
  const table = (field: keyof DateWordsFile): Record<string, string> | undefined => {
    const value = record[field];
    if (value === undefined) return undefined;
    if (value === null || typeof value !== 'object' || Array.isArray(value) || !Object.values(value).every(isWord)) {
      fail(`"${field}" must map short forms to words`);
    }
    for (const short of Object.keys(value as object)) {
      if (!isWord(short) || short.trim().split(/\s+/).length > 3) fail(`"${field}": "${short}" must be one to three words`);
    }
    return value as Record<string, string>;
  };
  const length = record.containedDateWordLength;
  if (length !== undefined && !(typeof length === 'number' && Number.isInteger(length) && length >= 1)) {
    fail('"containedDateWordLength" must be a whole number of at least 1');
  }
  const parsed: DateWordsFile = {};
  const fillers = list('fillers');
  const fillerSuffixes = list('fillerSuffixes');
  const fillerParts = list('fillerParts');
  const shortForms = table('shortForms');
  const shortFormsBeforeTime = table('shortFormsBeforeTime');
  const words = list('dateWords');
  const refusals = list('refusals');
  const clauseOpeners = list('clauseOpeners');
  if (fillers) parsed.fillers = fillers;
  if (fillerSuffixes) parsed.fillerSuffixes = fillerSuffixes;
  if (fillerParts) parsed.fillerParts = fillerParts;
  if (shortForms) parsed.shortForms = shortForms;
  if (shortFormsBeforeTime) parsed.shortFormsBeforeTime = shortFormsBeforeTime;
  if (words) parsed.dateWords = words;
  if (refusals) parsed.refusals = refusals;
  if (clauseOpeners) parsed.clauseOpeners = clauseOpeners;
  if (typeof length === 'number') parsed.containedDateWordLength = length;
  return parsed;
}
