import { Culture } from '@microsoft/recognizers-text-date-time';
import type { RecognizerLanguage } from './recognizerParser';

/** `word` as a whole word, letters with accents included (JavaScript's \b knows ASCII only). */
function word(pattern: string): RegExp {
  return new RegExp(`(?<![\\p{L}\\d])(?:${pattern})(?![\\p{L}\\d])`, 'giu');
}

function rewrite(text: string, rules: ReadonlyArray<readonly [RegExp, string]>): string {
  return rules.reduce((result, [pattern, replacement]) => result.replace(pattern, replacement), text);
}

const ENGLISH_WEEKDAY = '(?:mon|tues|wednes|thurs|fri|satur|sun)day';
const ENGLISH_MONTH =
  'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';

const ENGLISH_REWRITES: ReadonlyArray<readonly [RegExp, string]> = [
  // "Tuesday the 19th": the model keeps the weekday and drops the date; the date says more.
  [new RegExp(`\\b${ENGLISH_WEEKDAY},?\\s+(?:the\\s+)?(\\d{1,2}(?:st|nd|rd|th))\\b`, 'gi'), 'on the $1'],
  // "this Monday" said on a Tuesday is the coming Monday, as a bare weekday is (the model: yesterday's).
  [new RegExp(`\\bthis\\s+(${ENGLISH_WEEKDAY})\\b`, 'gi'), '$1'],
  // The model finds "on the 15th" but not "the 15th".
  [new RegExp(`(?<!\\b(?:on|${ENGLISH_MONTH})\\s+)\\bthe\\s+(\\d{1,2}(?:st|nd|rd|th))\\b`, 'gi'), 'on the $1'],
  // "at 1030" is 10:30, not the year 1030.
  [/\b(at|around|by|@)\s*([01]?\d|2[0-3])([0-5]\d)\b/gi, '$1 $2:$3'],
];

export const ENGLISH: RecognizerLanguage = {
  culture: Culture.English,
  normalize: (text) => rewrite(text, ENGLISH_REWRITES),
  durationFromNow: /\b(?:in|within|after)\s*$/i,
  partOfDayWords: [],
};

/** Spellings people type without accents that the Spanish model does not know. */
const SPANISH_ACCENTS: ReadonlyArray<readonly [RegExp, string]> = [
  [word('manana'), 'mañana'],
  [word('miercoles'), 'miércoles'],
  [word('sabado'), 'sábado'],
  [word('proxima'), 'próxima'],
  [word('proximo'), 'próximo'],
  [word('despues'), 'después'],
  [word('dias'), 'días'],
  [word('dia'), 'día'],
  [word('medio d[ií]a'), 'mediodía'],
];

const SPANISH_REWRITES: ReadonlyArray<readonly [RegExp, string]> = [
  // "este lunes" said on a martes is the coming Monday, as a bare weekday is.
  [word('este\\s+(lunes|martes|miércoles|jueves|viernes|sábado|domingo)'), '$1'],
  // "a las 1030" is 10:30.
  [word('(a|sobre|para)\\s+las\\s+([01]?\\d|2[0-3])([0-5]\\d)'), '$1 las $2:$3'],
  // The model reads "la semana que viene" as the current month.
  [word('semana que viene'), 'próxima semana'],
  [word('mes que viene'), 'próximo mes'],
  // "el 15 a las 10" is read as a range "from 15 to 10"; "el día 15 a las 10" is not.
  [/(?<![\p{L}\d])el\s+(\d{1,2})(?!\s*(?:de(?![\p{L}])|[:/.-]\d|\d))/giu, 'el día $1'],
];

export const SPANISH: RecognizerLanguage = {
  culture: Culture.Spanish,
  normalize: (text) => rewrite(text, [...SPANISH_ACCENTS, ...SPANISH_REWRITES]),
  durationFromNow: /(?<![\p{L}])(?:en|dentro\s+de|de\s+aqu[ií]\s+a|despu[eé]s\s+de)\s*$/iu,
  // The model makes "la tarde" evening (16–20); in Spanish it is the afternoon.
  partOfDayWords: [
    [/tarde/i, 'afternoon'],
    [/noche/i, 'evening'],
  ],
};
