import type { PartOfDay } from '../reading';
import { grammarReader, type Grammar, type Piece } from './engine';
import {
  alt,
  clock,
  COMMON_RULES,
  dayOfMonth,
  daysFromToday,
  foldLatin,
  fromNow,
  lastWeekdayOf,
  lookup,
  monthDay,
  nextHours,
  numberOf,
  numericDateRules,
  weekdayAfterNext,
  weekend,
  wordRule,
} from './patterns';

// Tables are written folded: no diacritics, "ł" as "l".

/** Stems of weekday names; any ending follows ("wtorek", "we wtorek", "wtorku", "środowy"). */
const WEEKDAY_STEMS: ReadonlyArray<readonly [string, number]> = [
  ['poniedzial(?:ek|ku|kowy|kowa|kowe)|pon|pn', 1],
  ['wtor(?:ek|ku|kowy|kowa)|wt|wtr', 2],
  ['srod(?:a|e|y|owy|owa|zie)|sr|sro', 3],
  ['czwart(?:ek|ku|kowy|kowa)|czw', 4],
  ['piat(?:ek|ku|kowy|kowa)|pt|pia', 5],
  ['sobot(?:a|e|y|ni|nia)|sob', 6],
  ['niedziel(?:a|e|i|ny|na)|niedz|ndz|nd', 7],
];

/** Nominative and genitive month names ("grudzień", "3 grudnia") and their abbreviations. */
const MONTHS: Readonly<Record<string, number>> = {
  styczen: 1,
  stycznia: 1,
  sty: 1,
  luty: 2,
  lutego: 2,
  lut: 2,
  marzec: 3,
  marca: 3,
  mar: 3,
  kwiecien: 4,
  kwietnia: 4,
  kwi: 4,
  maj: 5,
  maja: 5,
  czerwiec: 6,
  czerwca: 6,
  cze: 6,
  lipiec: 7,
  lipca: 7,
  lip: 7,
  sierpien: 8,
  sierpnia: 8,
  sie: 8,
  wrzesien: 9,
  wrzesnia: 9,
  wrz: 9,
  pazdziernik: 10,
  pazdziernika: 10,
  paz: 10,
  listopad: 11,
  listopada: 11,
  lis: 11,
  grudzien: 12,
  grudnia: 12,
  gru: 12,
};

/** Ordinal stems: hours are feminine ordinals ("o dziesiątej"), days masculine ("trzeciego grudnia"). */
const ORDINAL_STEMS: Readonly<Record<string, number>> = {
  pierwsz: 1,
  drug: 2,
  trzec: 3,
  czwart: 4,
  piat: 5,
  szost: 6,
  siodm: 7,
  osm: 8,
  dziewiat: 9,
  dziesiat: 10,
  jedenast: 11,
  dwunast: 12,
  trzynast: 13,
  czternast: 14,
  pietnast: 15,
  szesnast: 16,
  siedemnast: 17,
  osiemnast: 18,
  dziewietnast: 19,
  dwudziest: 20,
  trzydziest: 30,
};
const ORDINAL_ENDING = '(?:iej|iego|ia|ie|ej|ego|a|y|i)';
const ORDINAL = `(?:${alt(Object.keys(ORDINAL_STEMS))})${ORDINAL_ENDING}`;
const COMPOUND_ORDINAL = `(${ORDINAL})(?:\\s?(${ORDINAL}))?`;

const CARDINALS: Readonly<Record<string, number>> = {
  jeden: 1,
  jedna: 1,
  jednego: 1,
  dwa: 2,
  dwie: 2,
  dwoch: 2,
  trzy: 3,
  trzech: 3,
  cztery: 4,
  czterech: 4,
  piec: 5,
  pieciu: 5,
  szesc: 6,
  siedem: 7,
  osiem: 8,
  dziewiec: 9,
  dziesiec: 10,
  kilka: 3,
};

const MINUTE_WORDS: Readonly<Record<string, number>> = {
  kwadrans: 15,
  pol: 30,
  piec: 5,
  dziesiec: 10,
  pietnascie: 15,
  dwadziescia: 20,
  'dwadziescia piec': 25,
};

const PARTS: Readonly<Record<string, PartOfDay>> = {
  rano: 'morning',
  'z rana': 'morning',
  'nad ranem': 'morning',
  ranem: 'morning',
  ranek: 'morning',
  ranku: 'morning',
  poranek: 'morning',
  'przed poludniem': 'morning',
  przedpoludniem: 'morning',
  przedpoludnie: 'morning',
  'po poludniu': 'afternoon',
  popoludniu: 'afternoon',
  popoludnie: 'afternoon',
  'w poludnie': 'afternoon',
  wieczorem: 'evening',
  wieczor: 'evening',
  wieczora: 'evening',
  'tego wieczora': 'evening',
  noc: 'evening',
  wieczorkiem: 'evening',
  'w nocy': 'evening',
  noca: 'evening',
};

const NEXT = 'nastepn(?:y|a|e|ego|ej)|przyszl(?:y|a|e|ego|ej|ym)|kolejn(?:y|a|e|ego|ej)';
const THIS = 'ten|ta|to|tego|tej|w ten|w te|w ta|w tym|w to|we';
const TODAY = 'dzis|dzisiaj|dzisiejsz(?:y|a|e|ego)|tego dnia|obecnego dnia';
const TOMORROW = 'jutro|jutrzejsz(?:y|a|e|ego)';
const AFTER_TOMORROW = 'pojutrze|po jutrze|dzien po jutrze';
const HOUR_MARK = '(?:o|na|od|okolo|kolo|kolo godziny|ok\\.?|godz\\.?|godzina|godzinie|o godz\\.?|o godzinie|na godz\\.?|na godzine)';
const ORDINAL_SUFFIX = '(?:-?(?:go|ego|tego|szy|ci|ga|ej|stej|tej|sta|ta))?';

function ordinal(first: string | undefined, second: string | undefined): number | undefined {
  const value = (word: string | undefined): number =>
    word === undefined ? 0 : (lookup(ORDINAL_STEMS, word.replace(new RegExp(`${ORDINAL_ENDING}$`), '')) ?? NaN);
  const total = value(first) + value(second);
  return Number.isNaN(total) || total === 0 ? undefined : total;
}

const weekdayRules = WEEKDAY_STEMS.map(([stem, weekday]) =>
  wordRule(`(?:(${NEXT})\\s|(?:${THIS}|w|we)\\s)?(?:${stem})\\.?`, (m): Piece => ({
    kind: 'weekday',
    weekday,
    nextWeek: m[1] !== undefined,
  })),
);

const MONTH = alt(Object.keys(MONTHS));
const DAY_NUMBER = `(\\d{1,2})${ORDINAL_SUFFIX}`;

/**
 * A bare hour right after a day ("śr 10", "jutro 14", "w piątek 9"): not a day of a month ("pt 10 grudnia",
 * "sr 10.12"), an ordinal ("10-go") or a count ("jutro 2 dni").
 */
const BARE_HOUR = `,?\\s(\\d{1,2})(?![.:/-]\\d|-|\\s?(?:${MONTH}|dni|dnia|dzien|tydz\\p{L}*|tygod\\p{L}*|min\\p{L}*|godzin\\p{L}*)(?!\\p{L}))`;
const hourAfterDay = (hour: string): Piece | undefined => (Number(hour) <= 23 ? clock(Number(hour)) : undefined);
const weekdayHourRules = WEEKDAY_STEMS.map(([stem, weekday]) =>
  wordRule(`(?:(${NEXT})\\s|(?:${THIS}|w|we)\\s)?(?:${stem})\\.?${BARE_HOUR}`, (m): Piece[] | undefined => {
    const time = hourAfterDay(m[2]);
    return time && [{ kind: 'weekday', weekday, nextWeek: m[1] !== undefined }, time];
  }),
);
const dayHourRules = (
  [
    [TODAY, 0],
    [TOMORROW, 1],
    [AFTER_TOMORROW, 2],
  ] as const
).map(([words, days]) =>
  wordRule(`(?:${words})${BARE_HOUR}`, (m, now): Piece[] | undefined => {
    const time = hourAfterDay(m[1]);
    return time && [daysFromToday(now, days), time];
  }),
);

/** "piątek po następnym": the Friday after the coming one; "ostatni poniedziałek marca". */
const weekdayPhraseRules = WEEKDAY_STEMS.flatMap(([stem, weekday]) => [
  wordRule(`(?:w\\s|we\\s)?(?:${stem})\\.?\\s(?:po\\s(?:nastepnym|przyszlym|kolejnym|najblizszym)|za\\s(?:dwa|2)\\stygodnie)`, (_m, now) =>
    weekdayAfterNext(now, weekday),
  ),
  wordRule(`(?:w\\s|we\\s)?ostatni\\p{L}*\\s(?:${stem})\\.?\\s(${MONTH})`, (m, now) => lastWeekdayOf(now, weekday, MONTHS[m[1]])),
]);

const grammar: Grammar = {
  fold: foldLatin,
  rules: [
    ...COMMON_RULES,
    ...numericDateRules('DMY'),
    wordRule(TODAY, (_m, now) => daysFromToday(now, 0)),
    wordRule(TOMORROW, (_m, now) => daysFromToday(now, 1)),
    wordRule(AFTER_TOMORROW, (_m, now) => daysFromToday(now, 2)),
    ...weekdayRules,
    ...weekdayPhraseRules,
    ...weekdayHourRules,
    ...dayHourRules,
    // "ten weekend", "w przyszły weekend"
    wordRule(
      `(?:(?:w|na|przez)\\s)?(?:(ten|tym|najblizszy|najblizszym|${NEXT})\\s)?(?:week-?endzie|week-?end|wekendzie|wekend|weekendu)`,
      (m, now) => weekend(now, m[1] === undefined || /^(?:ten|tym|najbliz)/.test(m[1]) ? 0 : 1),
    ),
    // "kolejne 3 godziny", "w ciągu najbliższych dwóch godzin"
    wordRule(
      `(?:(?:przez|w|w ciagu)\\s)?(?:kolejne|kolejnych|nastepne|nastepnych|najblizsze|najblizszych)\\s(\\d+|${alt(Object.keys(CARDINALS))})\\s(?:godziny|godzin|godzine)`,
      (m, now) => nextHours(now, numberOf(m[1], CARDINALS)),
    ),
    wordRule(`(?:w|we)?\\s?(?:${NEXT})\\s(?:tydzien|tygodniu|tygodnia)`, () => ({ kind: 'week', offset: 1 })),
    wordRule('(?:w|we)?\\s?(?:tym|tego|ten)\\s(?:tygodniu|tygodnia|tydzien)', () => ({ kind: 'week', offset: 0 })),
    // "za 3 dni", "za dwa tygodnie", "w 7 dni", "3 dni pozniej"
    wordRule(`(?:za|w|po)\\s(\\d+|${alt(Object.keys(CARDINALS))})\\s(dni|dzien|dnia|tygodnie|tygodni|godziny|godzin|godzine)`, (m, now) => {
      const amount = numberOf(m[1], CARDINALS);
      return amount === undefined ? undefined : fromNow(now, amount, unitOf(m[2]));
    }),
    wordRule(`(\\d+|${alt(Object.keys(CARDINALS))})\\s(dni|tygodnie|tygodni)\\s(?:pozniej|potem)`, (m, now) => {
      const amount = numberOf(m[1], CARDINALS);
      return amount === undefined ? undefined : fromNow(now, amount, unitOf(m[2]));
    }),
    wordRule('za dzien|dzien od dzis', (_m, now) => daysFromToday(now, 1)),
    wordRule('(?:jeden |1 )?tydzien pozniej|(?:w|za) (?:jeden |1 )?tydzien', (_m, now) => fromNow(now, 1, 'weeks')),
    wordRule('(?:za|w|w przeciagu) (?:1\\s?|jedna )?(?:godzine|godziny|h)', (_m, now) => fromNow(now, 1, 'hours')),
    // "3 grudnia", "3-go grudnia 2026", "grudzień 3", "trzeciego grudnia"
    wordRule(`${DAY_NUMBER}\\s?(${MONTH})\\.?(?:\\s(\\d{4}))?(?:\\s?r\\.?)?`, (m, now) =>
      monthDay(now, MONTHS[m[2]], Number(m[1]), m[3] === undefined ? undefined : Number(m[3])),
    ),
    wordRule(`(${MONTH})\\s${DAY_NUMBER}(?:,?\\s(\\d{4}))?`, (m, now) =>
      monthDay(now, MONTHS[m[1]], Number(m[2]), m[3] === undefined ? undefined : Number(m[3])),
    ),
    wordRule(`(${MONTH})\\s${COMPOUND_ORDINAL}`, (m, now) => {
      const day = ordinal(m[2], m[3]);
      return day === undefined ? undefined : monthDay(now, MONTHS[m[1]], day);
    }),
    wordRule(`${COMPOUND_ORDINAL}\\s(${MONTH})`, (m, now) => {
      const day = ordinal(m[1], m[2]);
      return day === undefined ? undefined : monthDay(now, MONTHS[m[3]], day);
    }),
    wordRule(`(?:${THIS}\\s)?(\\d{1,2})-?(?:go|ego|tego)(?:\\sdnia)?|dnia\\s(\\d{1,2})`, (m, now) => dayOfMonth(now, Number(m[1] ?? m[2]))),
    // times: "o 10", "godz. 15", "o 10.30", "o 15-stej", "o dziesiątej", "wpół do jedenastej";
    // "na 15.12" is a day and month (a booking "for" the 15th of December), not 15:12
    wordRule(
      `(?!na\\s?(?:[12]\\d|3[01]|0?[1-9])\\.(?:0?[1-9]|1[0-2])(?![\\d:]))${HOUR_MARK}\\s?(\\d{1,2})(?:[:.](\\d{2})|\\s(\\d{2})(?!\\s?\\p{L}))?${ORDINAL_SUFFIX}`,
      (m) => {
        const minute = m[2] ?? m[3];
        return clock(Number(m[1]), minute === undefined ? undefined : Number(minute));
      },
    ),
    wordRule(
      `(?:${HOUR_MARK}\\s)?${COMPOUND_ORDINAL}(?:\\s(?:godzina|godz\\.?))?(?:\\s(pietnascie|trzydziesci|czterdziesci piec|dwadziescia))?`,
      (m) => {
        const hour = ordinal(m[1], m[2]);
        const minute = m[3] === undefined ? undefined : { pietnascie: 15, dwadziescia: 20, trzydziesci: 30, 'czterdziesci piec': 45 }[m[3]];
        return hour === undefined || hour > 24 ? undefined : clock(hour, minute);
      },
    ),
    // "kwadrans po 3", "20 po trzeciej", "pół po trzeciej", "kwadrans do 12-stej", "kwadrans przed południem"
    wordRule(
      `(?:o\\s)?(\\d{1,2}|${alt(Object.keys(MINUTE_WORDS))})\\s(po|do|przed)\\s(?:(\\d{1,2})${ORDINAL_SUFFIX}|${COMPOUND_ORDINAL}|(poludni(?:a|em)))`,
      (m) => {
        const minutes = /^\d+$/.test(m[1]) ? Number(m[1]) : MINUTE_WORDS[m[1]];
        const hour = m[6] !== undefined ? 12 : m[3] !== undefined ? Number(m[3]) : ordinal(m[4], m[5]);
        if (hour === undefined || minutes === undefined || minutes >= 60) return undefined;
        return m[2] === 'po' ? clock(hour, minutes) : clock(hour === 0 ? 23 : hour - 1, 60 - minutes);
      },
    ),
    wordRule(`(?:o\\s)?(?:w\\s?pol|pol)\\sdo\\s${COMPOUND_ORDINAL}`, (m) => {
      const hour = ordinal(m[1], m[2]);
      return hour === undefined ? undefined : clock(hour - 1, 30);
    }),
    wordRule('(\\d{1,2})-?(?:ej|stej|tej|sta)', (m) => clock(Number(m[1]))),
    wordRule('([01]?\\d|2[0-3])\\.([0-5]\\d)', (m) => clock(Number(m[1]), Number(m[2]))),
    wordRule('(?:o |w |na )?poludni(?:e|u)|(?:o |w |na )?samo poludnie', () => clock(12)),
    wordRule('(?:o )?polnocy?', () => clock(0)),
    wordRule(alt(Object.keys(PARTS)), (m) => {
      const part = lookup(PARTS, m[0]);
      return part ? { kind: 'part', part } : undefined;
    }),
    // "9 rano", "3 po południu": the hour before a part of the day
    wordRule(`(\\d{1,2})(?=\\s(?:${alt(Object.keys(PARTS))}))`, (m) => clock(Number(m[1]))),
  ],
};

function unitOf(word: string): 'days' | 'weeks' | 'hours' {
  if (word.startsWith('tydz') || word.startsWith('tygod')) return 'weeks';
  if (word.startsWith('godz')) return 'hours';
  return 'days';
}

export const readPolish = grammarReader(grammar);
