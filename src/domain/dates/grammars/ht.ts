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
  lookup,
  monthDay,
  numberOf,
  numericDateRules,
  wordRule,
} from './patterns';

// Tables are written folded ("mèkredi" as "mekredi", "10è" as "10e"). Many people write
// French words among Kreyòl ones (months, "prochain", "midi"): both are here.

const WEEKDAYS: Readonly<Record<string, number>> = {
  lendi: 1,
  lundi: 1,
  madi: 2,
  mardi: 2,
  mekredi: 3,
  mercredi: 3,
  jedi: 4,
  jeudi: 4,
  vandredi: 5,
  vendredi: 5,
  samdi: 6,
  samedi: 6,
  dimanch: 7,
  dimanche: 7,
};

const MONTHS: Readonly<Record<string, number>> = {
  janvye: 1,
  janvie: 1,
  janvier: 1,
  jan: 1,
  fevriye: 2,
  fevrie: 2,
  fevrier: 2,
  fev: 2,
  mas: 3,
  mars: 3,
  avril: 4,
  avr: 4,
  me: 5,
  mai: 5,
  jen: 6,
  juin: 6,
  jiye: 7,
  jiyet: 7,
  juillet: 7,
  jiy: 7,
  out: 8,
  dout: 8,
  aout: 8,
  septanm: 9,
  septembre: 9,
  sept: 9,
  sep: 9,
  oktob: 10,
  oktobr: 10,
  octobre: 10,
  okt: 10,
  oct: 10,
  novanm: 11,
  novembre: 11,
  nov: 11,
  desanm: 12,
  decembre: 12,
  des: 12,
  dec: 12,
};

/** "10è": the hour words people write out ("dizè", "twazè"); "è" is folded to "e". */
const HOUR_WORDS: Readonly<Record<string, number>> = {
  ine: 1,
  deze: 2,
  twaze: 3,
  katre: 4,
  senke: 5,
  size: 6,
  sete: 7,
  uite: 8,
  wite: 8,
  neve: 9,
  dize: 10,
  onze: 11,
  douze: 12,
};

const COUNTS: Readonly<Record<string, number>> = {
  yon: 1,
  youn: 1,
  en: 1,
  de: 2,
  twa: 3,
  kat: 4,
  senk: 5,
  sis: 6,
  set: 7,
  uit: 8,
  wit: 8,
  nef: 9,
  dis: 10,
};

const PARTS: Readonly<Record<string, PartOfDay>> = {
  maten: 'morning',
  matin: 'morning',
  apremidi: 'afternoon',
  'apre midi': 'afternoon',
  lapremidi: 'afternoon',
  'apres midi': 'afternoon',
  aprem: 'afternoon',
  aswe: 'evening',
  leswa: 'evening',
  swa: 'evening',
  nwit: 'evening',
  soir: 'evening',
};

/** "that is coming": the coming day, not next week's. */
const COMING = 'kap vini|k ap vini|ki ap vini|kape vini|ki pral vini';
const NEXT = `pwochen|pwochenn|prochen|prochain|prochenn|${COMING}`;
const WEEK = 'semenn|semen|seman|semaine';
const TODAY = 'jodi a|jodia|jodi|jodiya|jodi la|aujourd ?hui';
const TOMORROW = 'demen|denmen|demain|dem';
const AFTER_TOMORROW = 'apre demen|apredemen|apre denmen|apres demain';
/** "a 10è", "vè 3è", "pou 10è", "a 10h". */
const HOUR_MARK = '(?:a|ve|pou|ale|a le|vers)\\s';
const HOUR_SUFFIX = '(?:\\s?(?:e|h|ze|de)(?![\\p{L}]))?';
const MINUTES = '(?:\\s?(?:e\\s?)?(edmi|e demi|demi|ekat|e ka|kat|\\d{2}))?';
const PART = alt(Object.keys(PARTS));

function minutesOf(word: string | undefined): number | undefined {
  if (word === undefined) return undefined;
  if (/^\d{2}$/.test(word)) return Number(word);
  return /d[e]?mi/.test(word) ? 30 : 15;
}

const grammar: Grammar = {
  fold: foldLatin,
  rules: [
    ...COMMON_RULES,
    ...numericDateRules('DMY'),
    wordRule(TODAY, (_m, now) => daysFromToday(now, 0)),
    wordRule(TOMORROW, (_m, now) => daysFromToday(now, 1)),
    wordRule(AFTER_TOMORROW, (_m, now) => daysFromToday(now, 2)),
    wordRule(`(?:(?:${NEXT})\\s)?(?:(?:${WEEK})\\s(?:(?:${NEXT})|lot|pwochen)|lot\\s(?:${WEEK}))`, (): Piece => ({
      kind: 'week',
      offset: 1,
    })),
    wordRule(`(?:${WEEK})\\s(?:sa|a|la)|(?:${WEEK})\\sa\\sa`, (): Piece => ({ kind: 'week', offset: 0 })),
    // "pwochen madi", "madi pwochen": next week's Tuesday, as English reads "next Tuesday"; "madi k ap vini": the coming one.
    wordRule(`(?:(${NEXT})\\s)?(${alt(Object.keys(WEEKDAYS))})(?:\\s(${NEXT})|\\ssa)?`, (m): Piece => {
      const said = m[1] ?? m[3];
      const coming = said !== undefined && new RegExp(`^(?:${COMING})$`, 'u').test(said);
      return { kind: 'weekday', weekday: WEEKDAYS[m[2]], next: coming, nextWeek: said !== undefined && !coming };
    }),
    // "nan 3 jou", "nan de semenn", "apre 3 jou", "3 jou apre"
    wordRule(`(?:nan|apre|dans|pandan)\\s(\\d+|${alt(Object.keys(COUNTS))})\\s(jou|jour|jours|${WEEK}|semaines|edtan|heures?)`, (m, now) =>
      amountFromNow(m[1], m[2], now),
    ),
    wordRule(`(\\d+|${alt(Object.keys(COUNTS))})\\s(jou|${WEEK})\\s(?:apre|pita|de kounya)`, (m, now) => amountFromNow(m[1], m[2], now)),
    // "3 desanm", "le 3 desanm 2026", "desanm 3", "premye desanm"
    wordRule(`(?:le\\s|jou\\s)?(\\d{1,2}|premye|1e|1er)\\s(?:de\\s)?(${alt(Object.keys(MONTHS))})\\.?(?:,?\\s(\\d{4}))?`, (m, now) =>
      monthDay(now, MONTHS[m[2]], /^\d+$/.test(m[1]) ? Number(m[1]) : 1, m[3] === undefined ? undefined : Number(m[3])),
    ),
    wordRule(`(${alt(Object.keys(MONTHS))})\\s(\\d{1,2})(?:,?\\s(\\d{4}))?`, (m, now) =>
      monthDay(now, MONTHS[m[1]], Number(m[2]), m[3] === undefined ? undefined : Number(m[3])),
    ),
    wordRule('(?:le|jou)\\s(\\d{1,2})(?!\\s?[:he]\\d)', (m, now) => dayOfMonth(now, Number(m[1]))),
    // "a 10è", "10è di maten", "a 3è edmi", "a 10h30", "a dizè"
    wordRule(`(?:${HOUR_MARK})?(\\d{1,2})(?:\\s?(?:e|h)(?![\\p{L}]))(?:\\s?(?:e\\s)?(edmi|e demi|demi|ekat|e ka|\\d{2}))?`, (m) =>
      clock(Number(m[1]), minutesOf(m[2])),
    ),
    wordRule(`(?:${HOUR_MARK})(\\d{1,2})(?::(\\d{2}))?${HOUR_SUFFIX}(?![/.-]\\d)`, (m) =>
      clock(Number(m[1]), m[2] === undefined ? undefined : Number(m[2])),
    ),
    wordRule(`(?:${HOUR_MARK})?(${alt(Object.keys(HOUR_WORDS))})${MINUTES}`, (m) => clock(HOUR_WORDS[m[1]], minutesOf(m[2]))),
    wordRule(`(\\d{1,2})(?::(\\d{2}))?(?=\\s(?:(?:di|nan|la|dan)\\s)?(?:${PART}))`, (m) =>
      clock(Number(m[1]), m[2] === undefined ? undefined : Number(m[2])),
    ),
    wordRule('(?:a\\s|ve\\s)?midi', () => clock(12)),
    wordRule('(?:a\\s)?minwi|minuit', () => clock(0)),
    wordRule(`(?:di\\s|nan\\s|dan\\s|la\\s|dans\\sl\\s?|ce\\s|aswe\\sa\\s)?(${PART})`, (m): Piece | undefined => {
      const part = lookup(PARTS, m[1]);
      return part ? { kind: 'part', part } : undefined;
    }),
  ],
};

function amountFromNow(count: string, unit: string, now: Parameters<typeof fromNow>[0]): Piece | undefined {
  const amount = numberOf(count, COUNTS);
  if (amount === undefined) return undefined;
  if (unit.startsWith('jou')) return fromNow(now, amount, 'days');
  if (unit.startsWith('edtan') || unit.startsWith('heure')) return fromNow(now, amount, 'hours');
  return fromNow(now, amount, 'weeks');
}

export const readHaitianCreole = grammarReader(grammar);
