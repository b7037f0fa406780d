import { Culture } from '@microsoft/recognizers-text-date-time';
import { rewrite, word, type Rewrite } from './normalizeText';
import type { RecognizerLanguage } from './recognizerParser';

const ENGLISH_WEEKDAY = '(?:mon|tues|wednes|thurs|fri|satur|sun)day';
const ENGLISH_MONTH =
  'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';

const ENGLISH_REWRITES: ReadonlyArray<Rewrite> = [
  // Common misspellings and shorthands.
  [word('tmrw?|tmw|tomm?orr?ow|tomorow'), 'tomorrow'],
  [word('wen(?:d|e)?s?day|wednsday|wensday'), 'wednesday'],
  [word('tu?esdy|tusday|teusday'), 'tuesday'],
  [word('thurs?dy|thurday'), 'thursday'],
  [word('firday|fryday'), 'friday'],
  [word('saterday'), 'saturday'],
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
const SPANISH_ACCENTS: ReadonlyArray<Rewrite> = [
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

const SPANISH_REWRITES: ReadonlyArray<Rewrite> = [
  // Mixed English.
  [word('tomorrow'), 'mañana'],
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

/** Spellings people type without accents or hyphens that the French model does not know. */
const FRENCH_ACCENTS: ReadonlyArray<Rewrite> = [
  [word('apres[- ]?midi|après[ ]midi|aprem|aprèm'), 'après-midi'],
  [word('apres[- ]demain|après demain'), 'après-demain'],
  [word('decembre'), 'décembre'],
  [word('fevrier'), 'février'],
  [word('aout'), 'août'],
];

/** "3h de l'après-midi", "8h du soir": the hour of the afternoon as a 24-hour one. */
function frenchAfternoonHours(text: string): string {
  return text.replace(
    /(?<![\p{L}\d])(\d{1,2})\s*(?:h|heures?)\s*(\d{2})?\s+(?:de\s+l['’]\s?après-midi|du\s+soir|de\s+l['’]\s?aprem)(?![\p{L}])/giu,
    (_, hour: string, minute: string | undefined) => `${Number(hour) < 12 ? Number(hour) + 12 : hour}h${minute ?? ''}`,
  );
}

const FRENCH_REWRITES: ReadonlyArray<Rewrite> = [
  // Mixed English.
  [word('tomorrow'), 'demain'],
  // "midi" alone: the model finds no time in it.
  [/(?<![\p{L}-])(?:à\s+|a\s+|vers\s+)?midi(?![\p{L}])/giu, ' à 12h'],
  // "le 1er mars": the model knows "le 1 mars".
  [/(?<![\p{L}\d])(1)(?:er|ère|re)(?![\p{L}])/giu, '$1'],
  // "le 16 à 18h" is read as a range "from 16 to 18h"; "le 16, à 18h" is not.
  [/(?<![\p{L}\d])((?:le|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+\d{1,2})(?=\s+(?:à|a|vers)\s+\d)/giu, '$1,'],
  // "a 10h": "à" typed without its accent.
  [word('a\\s+(?=\\d)'), 'à '],
];

export const FRENCH: RecognizerLanguage = {
  culture: Culture.French,
  normalize: (text) => rewrite(frenchAfternoonHours(rewrite(text, FRENCH_ACCENTS)), FRENCH_REWRITES),
  durationFromNow: /(?<![\p{L}])(?:dans|d'ici|d’ici)\s*$/iu,
  partOfDayWords: [],
};

const CHINESE_REWRITES: ReadonlyArray<Rewrite> = [
  // "15号" alone: the model knows "15日".
  [/(?<![月\d])(\d{1,2})[号號](?!\d)/gu, '$1日'],
  // "中午" alone: the model makes it 11–13; we read noon as 12:00.
  [/中午(?![\d一二三四五六七八九十两]+[点時时:])/gu, '中午12点'],
  [/(\d+|[一二三四五六七八九十两]+)个?(?:星期|礼拜|禮拜)(?=后|後|以后)/gu, '$1周'],
];

export const CHINESE: RecognizerLanguage = {
  culture: Culture.Chinese,
  normalize: (text) => rewrite(text, CHINESE_REWRITES),
  durationFromNow: /(?:再过|过)\s*$/u,
  partOfDayWords: [],
};
