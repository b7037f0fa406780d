import type * as Countries from 'i18n-iso-countries';
import { lazily } from '../lazily';

/**
 * Languages whose own country names are known; all others use English names (i18n-iso-countries
 * 7.x has none for Esperanto, Tagalog or Haitian Creole).
 */
export const COUNTRY_NAME_LANGUAGES: readonly string[] = ['en', 'es', 'vi', 'zh', 'ru', 'pt', 'fr', 'ko', 'pl', 'ar'];

/**
 * i18n-iso-countries and its name lists load on first use (~15 ms), not at start-up: the
 * server's warm-up loads them after it listens.
 */
const countries = lazily((): typeof Countries => {
  const library = require('i18n-iso-countries') as typeof Countries;
  for (const language of COUNTRY_NAME_LANGUAGES)
    library.registerLocale(require(`i18n-iso-countries/langs/${language}.json`) as Countries.LocaleData);
  return library;
});

const FALLBACK_LANGUAGE = 'en';

/**
 * Spellings the library's name lists lack: a few common variants, and the names most likely
 * to be typed in the three languages it has no names for (Esperanto, Tagalog, Haitian Creole).
 * Written naturally here; folded when the index is built.
 */
const EXTRA_NAMES: ReadonlyArray<readonly [string, string]> = [
  ['Viet Nam', 'VN'],
  ['EE. UU.', 'US'],
  ['EEUU', 'US'],
  ['Estados Unidos de América', 'US'],
  ['Burma', 'MM'],
  // Esperanto
  ['Usono', 'US'],
  ['Meksiko', 'MX'],
  ['Gvatemalo', 'GT'],
  ['Salvadoro', 'SV'],
  ['Hindio', 'IN'],
  ['Barato', 'IN'],
  ['Ĉinio', 'CN'],
  ['Ĉinujo', 'CN'],
  ['Kenjo', 'KE'],
  ['Haitio', 'HT'],
  ['Filipinoj', 'PH'],
  ['Kubo', 'CU'],
  ['Vjetnamio', 'VN'],
  ['Kanado', 'CA'],
  ['Honduro', 'HN'],
  ['Nikaragvo', 'NI'],
  ['Kostariko', 'CR'],
  ['Panamo', 'PA'],
  ['Belizo', 'BZ'],
  // Tagalog
  ['Estados Unidos', 'US'],
  ['Amerika', 'US'],
  ['Pilipinas', 'PH'],
  ['Pinas', 'PH'],
  ['Mehiko', 'MX'],
  ['Tsina', 'CN'],
  // Haitian Creole
  ['Etazini', 'US'],
  ['Ayiti', 'HT'],
  ['Meksik', 'MX'],
  ['Lachin', 'CN'],
  ['Kiba', 'CU'],
  ['Gwatemala', 'GT'],
  ['Repiblik Dominikèn', 'DO'],
  ['Lend', 'IN'],
  ['Ondiras', 'HN'],
  // Everyday names the library lacks: Korean "Korea" (not 대한민국), Arabic and Polish "America",
  // Portuguese "EUA", the older Spanish spelling of Mexico.
  ['한국', 'KR'],
  ['남한', 'KR'],
  ['أمريكا', 'US'],
  ['Ameryka', 'US'],
  ['EUA', 'US'],
  ['Méjico', 'MX'],
  // The library's Chinese name for Taiwan is "中国台湾省": people write 台湾 / 臺灣.
  ['台湾', 'TW'],
  ['臺灣', 'TW'],
];

/**
 * Words a person may put before a country name: articles ("the Gambia", "el Perú", "l'Inde", "o
 * Brasil") and the "in" that answers "where do you live?" ("au Sénégal", "en France", "no Brasil",
 * "nước Úc", "sa Canada", "nan Kanada", "في مصر").
 */
const LEADING_ARTICLES = new Set([
  'the',
  'el',
  'la',
  'los',
  'las',
  'le',
  'les',
  'l',
  'o',
  'os',
  'a',
  'as',
  'in',
  'en',
  'au',
  'aux',
  'em',
  'no',
  'na',
  'nos',
  'nas',
  'tai',
  'ben',
  'sa',
  'nasa',
  'nan',
  'an',
  'في',
  'فى',
]);

/** "Country" before its name, as Vietnamese says it ("nước Úc", "xứ Mỹ"): never anything else. */
const COUNTRY_WORDS = new Set(['nuoc', 'xu']);

/**
 * Two-letter codes that are also everyday words in our languages ("no", "si", "la", "in"…):
 * typed in lower case they are read as words, not as Norway, Slovenia, Laos or India.
 */
const WORD_LIKE_CODES = new Set([
  'no',
  'si',
  'ne',
  'la',
  'de',
  'es',
  'in',
  'it',
  'me',
  'my',
  'to',
  'so',
  'be',
  'am',
  'is',
  'at',
  'as',
  'pa',
  'ma',
  'na',
  'ni',
  'do',
]);

/** Prefix matches need at least this many letters, so "in" or "ma" never guess. */
const MIN_PREFIX_LETTERS = 4;

/** Lower case, no accents, no punctuation, single spaces, no leading article. */
function fold(text: string): string {
  const words = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter((w) => w.length > 0);
  // Only before a name of three letters or more: "no se" ("I don't know") is no Sweden.
  if (words.length > 1 && LEADING_ARTICLES.has(words[0]) && words.slice(1).join(' ').length >= 3) words.shift();
  else if (words.length > 1 && COUNTRY_WORDS.has(words[0])) words.shift();
  return words.join(' ');
}

function primaryLanguage(language: string): string {
  return language.trim().toLowerCase().split(/[-_]/)[0];
}

/** Folded name → the codes it names (a few names, like "Congo", name two countries). */
type NameIndex = ReadonlyMap<string, ReadonlySet<string>>;

function buildIndex(language: string): NameIndex {
  const index = new Map<string, Set<string>>();
  const add = (name: string, code: string): void => {
    const key = fold(name);
    if (key === '') return;
    const codes = index.get(key) ?? new Set<string>();
    codes.add(code);
    index.set(key, codes);
  };
  for (const [code, names] of Object.entries(countries().getNames(language, { select: 'all' }))) {
    for (const name of names) add(name, code);
  }
  return index;
}

const indexes = new Map<string, NameIndex>();

/** Built on first use: most conversations never ask for a country. */
function indexFor(language: string): NameIndex | undefined {
  if (!COUNTRY_NAME_LANGUAGES.includes(language)) return undefined;
  let index = indexes.get(language);
  if (!index) {
    index = buildIndex(language);
    indexes.set(language, index);
  }
  return index;
}
const extraNames = new Map<string, string>(EXTRA_NAMES.map(([name, code]) => [fold(name), code]));

function indexesFor(language: string): NameIndex[] {
  const first = indexFor(primaryLanguage(language));
  const english = indexFor(FALLBACK_LANGUAGE);
  return [first, english].filter((i, pos, all): i is NameIndex => i !== undefined && all.indexOf(i) === pos);
}

function only(codes: Iterable<string>): string | undefined {
  const distinct = new Set(codes);
  return distinct.size === 1 ? [...distinct][0] : undefined;
}

function codeMatch(key: string, typed: string): string | undefined {
  if (WORD_LIKE_CODES.has(key) && typed.trim() === typed.trim().toLowerCase()) return undefined;
  const upper = key.toUpperCase();
  if (/^[A-Z]{2}$/.test(upper)) return countries().isValid(upper) ? upper : undefined;
  if (/^[A-Z]{3}$/.test(upper)) return countries().alpha3ToAlpha2(upper);
  return undefined;
}

function prefixMatch(key: string, searched: readonly NameIndex[]): string | undefined {
  if (key.replace(/ /g, '').length < MIN_PREFIX_LETTERS) return undefined;
  const found: string[] = [];
  for (const index of searched) {
    for (const [name, codes] of index) if (name.startsWith(key)) found.push(...codes);
  }
  return only(found);
}

/**
 * What a person typed ("México", "mexico", "EE. UU.", "mx", "MEX", "the Gambia") → ISO 3166-1
 * alpha-2 code, or undefined. Tries, in order: an exact name in their language, then in English,
 * then in any language we have names for; an extra spelling; an alpha-2 or alpha-3 code (a
 * lower-case code that is also a common word, like "no", is not read as a code); the
 * start (at least four letters) of exactly one country's name in their language or English.
 * A name shared by two countries ("Congo") gives undefined.
 */
export function resolveCountry(text: string, language: string): string | undefined {
  const key = fold(text);
  if (key === '') return undefined;
  const preferred = indexesFor(language);
  for (const index of preferred) {
    // A name the person's language (or English) gives to two countries stays ambiguous.
    const codes = index.get(key);
    if (codes) return only(codes);
  }
  const elsewhere = COUNTRY_NAME_LANGUAGES.map(indexFor)
    .filter((i): i is NameIndex => i !== undefined && !preferred.includes(i))
    .flatMap((i) => [...(i.get(key) ?? [])]);
  return only(elsewhere) ?? extraNames.get(key) ?? codeMatch(key, text) ?? prefixMatch(key, preferred);
}

/** The country's name in the language (English when we have no names in it); the code itself if unknown. */
export function countryName(code: string, language: string): string {
  const upper = code.trim().toUpperCase();
  return countries().getName(upper, primaryLanguage(language)) ?? countries().getName(upper, FALLBACK_LANGUAGE) ?? upper;
}
