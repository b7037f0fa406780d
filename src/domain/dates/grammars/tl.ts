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

// Tables are written folded (no accents). Filipino texting mixes Tagalog, Spanish loans and English.

const WEEKDAYS: Readonly<Record<string, number>> = {
  lunes: 1,
  monday: 1,
  mon: 1,
  martes: 2,
  tuesday: 2,
  tues: 2,
  tue: 2,
  miyerkules: 3,
  miyerkoles: 3,
  myerkules: 3,
  mierkoles: 3,
  miercoles: 3,
  wednesday: 3,
  wed: 3,
  huwebes: 4,
  hwebes: 4,
  huebes: 4,
  jueves: 4,
  thursday: 4,
  thurs: 4,
  thu: 4,
  biyernes: 5,
  byernes: 5,
  biernes: 5,
  viernes: 5,
  friday: 5,
  fri: 5,
  sabado: 6,
  saturday: 6,
  sat: 6,
  linggo: 7,
  domingo: 7,
  sunday: 7,
  sun: 7,
};

/** Tagalog, Spanish-loan and English month names with their abbreviations. */
const MONTHS: Readonly<Record<string, number>> = {
  enero: 1,
  january: 1,
  jan: 1,
  ene: 1,
  pebrero: 2,
  febrero: 2,
  february: 2,
  feb: 2,
  peb: 2,
  marso: 3,
  marzo: 3,
  march: 3,
  mar: 3,
  abril: 4,
  april: 4,
  apr: 4,
  abr: 4,
  mayo: 5,
  may: 5,
  hunyo: 6,
  junio: 6,
  june: 6,
  jun: 6,
  hun: 6,
  hulyo: 7,
  julio: 7,
  july: 7,
  jul: 7,
  hul: 7,
  agosto: 8,
  august: 8,
  aug: 8,
  ago: 8,
  setyembre: 9,
  septyembre: 9,
  septiyembre: 9,
  setiyembre: 9,
  septiembre: 9,
  setiembre: 9,
  september: 9,
  sept: 9,
  sep: 9,
  set: 9,
  oktubre: 10,
  octubre: 10,
  october: 10,
  okt: 10,
  oct: 10,
  nobyembre: 11,
  nobiyembre: 11,
  noviembre: 11,
  november: 11,
  nob: 11,
  nov: 11,
  disyembre: 12,
  disiyembre: 12,
  diciembre: 12,
  december: 12,
  dis: 12,
  dec: 12,
};

/** Tagalog numbers (with the linker: "dalawang linggo") for counting days and weeks. */
const TAGALOG_NUMBERS: Readonly<Record<string, number>> = {
  isa: 1,
  isang: 1,
  dalawa: 2,
  dalawang: 2,
  tatlo: 3,
  tatlong: 3,
  apat: 4,
  'apat na': 4,
  lima: 5,
  limang: 5,
  anim: 6,
  'anim na': 6,
  pito: 7,
  pitong: 7,
  walo: 8,
  walong: 8,
  siyam: 9,
  'siyam na': 9,
  sampu: 10,
  sampung: 10,
};

/** Clock hours are told with Spanish numbers: "alas dos", "alas-diyes y medya". */
const SPANISH_HOURS: Readonly<Record<string, number>> = {
  una: 1,
  dos: 2,
  tres: 3,
  kwatro: 4,
  kuwatro: 4,
  cuatro: 4,
  singko: 5,
  sinko: 5,
  cinco: 5,
  sais: 6,
  seis: 6,
  siyete: 7,
  syete: 7,
  siete: 7,
  otso: 8,
  ocho: 8,
  nuwebe: 9,
  nueve: 9,
  diyes: 10,
  dyes: 10,
  diez: 10,
  onse: 11,
  once: 11,
  dose: 12,
  doce: 12,
};
const SPANISH_MINUTES: Readonly<Record<string, number>> = {
  'y medya': 30,
  'y media': 30,
  'y kinse': 15,
  'y quince': 15,
  'y beynte': 20,
  'y bente': 20,
  'menos kinse': -15,
};

const PARTS: Readonly<Record<string, PartOfDay>> = {
  umaga: 'morning',
  'madaling araw': 'morning',
  madaling: 'morning',
  hapon: 'afternoon',
  tanghali: 'afternoon',
  gabi: 'evening',
};

// "mamaya" (later today): today.
const TODAY = 'ngayong araw|ngayon|ngaun|ngayun|ngayung araw|mamayang|mamaya';
const TOMORROW = 'bukas';
const AFTER_TOMORROW = 'sa makalawa|samakalawa|makalawa|kinabukasan ng bukas';
const NEXT = '(?:sa\\s)?(?:susunod|sunod|darating|next)(?:\\s?na|ng)?';
const WEEK = 'linggo|week|lingo';
const COUNT = `\\d+|${alt(Object.keys(TAGALOG_NUMBERS))}`;
/** "alas", "alas-", "ala", "a las" before a clock hour; "ng"/"sa"/"@" too. */
const HOUR_MARK = '(?:(?:sa\\s|mga\\s|bandang\\s)?(?:alas|ala|a las)(?:\\s?-\\s?|\\s)|(?:ng|sa|@|at)\\s?)';
const PART = alt(Object.keys(PARTS));

const grammar: Grammar = {
  fold: foldLatin,
  rules: [
    ...COMMON_RULES,
    ...numericDateRules('MDY'),
    wordRule(`(?:sa\\s)?(?:${TODAY})`, (_m, now) => daysFromToday(now, 0)),
    wordRule(`(?:sa\\s)?(?:${TOMORROW})`, (_m, now) => daysFromToday(now, 1)),
    wordRule(AFTER_TOMORROW, (_m, now) => daysFromToday(now, 2)),
    // "sa susunod na linggo" is next week, "sa Linggo" Sunday.
    wordRule(`${NEXT}\\s(?:${WEEK})|(?:${WEEK})\\s(?:na\\s)?(?:susunod|darating)`, (): Piece => ({ kind: 'week', offset: 1 })),
    wordRule(`(?:(${NEXT})\\s|ngayong\\s|this\\s|sa\\s)?(${alt(Object.keys(WEEKDAYS))})`, (m): Piece | undefined => {
      const weekday = lookup(WEEKDAYS, m[2]);
      if (weekday === undefined) return undefined;
      // "susunod na Martes": next week's Tuesday, as English reads "next Tuesday"; "darating na Martes": the coming one.
      const coming = m[1] !== undefined && /darating/u.test(m[1]);
      return { kind: 'weekday', weekday, next: coming, nextWeek: m[1] !== undefined && !coming };
    }),
    // "sa loob ng 3 araw", "pagkalipas ng dalawang linggo", "in 2 weeks", "3 araw mula ngayon"
    wordRule(
      `(?:sa\\sloob\\sng|pagkalipas\\sng|makalipas\\sang|matapos\\sang|pagkatapos\\sng|after|in|sa)\\s(${COUNT})\\s(araw|days?|${WEEK}|weeks?|oras|hours?)`,
      (m, now) => amountFromNow(m[1], m[2], now),
    ),
    wordRule(`(${COUNT})\\s(araw|days?|${WEEK}|weeks?)\\s(?:mula\\sngayon|from\\snow|pa)`, (m, now) => amountFromNow(m[1], m[2], now)),
    // "Disyembre 3", "Dis. 3, 2026", "3 Disyembre", "ika-3 ng Disyembre"
    wordRule(`(${alt(Object.keys(MONTHS))})\\.?\\s?(?:ika-?\\s?)?(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s(\\d{4}))?`, (m, now) =>
      monthDay(now, MONTHS[m[1]], Number(m[2]), m[3] === undefined ? undefined : Number(m[3])),
    ),
    wordRule(`(?:ika-?\\s?)?(\\d{1,2})(?:st|nd|rd|th)?\\s(?:ng\\s|of\\s)?(${alt(Object.keys(MONTHS))})\\.?(?:,?\\s(\\d{4}))?`, (m, now) =>
      monthDay(now, MONTHS[m[2]], Number(m[1]), m[3] === undefined ? undefined : Number(m[3])),
    ),
    wordRule('(?:sa\\s)?ika-?\\s?(\\d{1,2})', (m, now) => dayOfMonth(now, Number(m[1]))),
    // "alas 10", "alas-diyes y medya", "10 ng umaga", "alas tres ng hapon"
    wordRule(`${HOUR_MARK}(\\d{1,2})(?::(\\d{2}))?(?![/.-]\\d)`, (m) => clock(Number(m[1]), m[2] === undefined ? undefined : Number(m[2]))),
    wordRule(`(?:${HOUR_MARK})?(${alt(Object.keys(SPANISH_HOURS))})(?:\\s(${alt(Object.keys(SPANISH_MINUTES))}))?`, (m) => {
      if (m[0] === m[1] && m[1].length <= 4) return undefined; // "dos", "una" alone are not clock times
      const hour = SPANISH_HOURS[m[1]];
      const minutes = m[2] === undefined ? undefined : SPANISH_MINUTES[m[2]];
      if (minutes !== undefined && minutes < 0) return clock(hour - 1, 60 + minutes);
      return clock(hour, minutes);
    }),
    wordRule(`(\\d{1,2})(?::(\\d{2}))?(?=\\s(?:ng|sa)\\s(?:${PART}))`, (m) =>
      clock(Number(m[1]), m[2] === undefined ? undefined : Number(m[2])),
    ),
    wordRule('(?:sa\\s|ng\\s)?(?:tanghaling tapat|tanghaling-tapat|katanghalian|alas dose ng tanghali)', () => clock(12)),
    wordRule('(?:sa\\s|ng\\s)?hatinggabi', () => clock(0)),
    wordRule(`(?:sa\\s|ng\\s|ngayong\\s|mamayang\\s|mamaya\\sng\\s)?(${PART})`, (m): Piece | undefined => {
      const part = lookup(PARTS, m[1]);
      return part ? { kind: 'part', part } : undefined;
    }),
  ],
};

function amountFromNow(count: string, unit: string, now: Parameters<typeof fromNow>[0]): Piece | undefined {
  const amount = numberOf(count, TAGALOG_NUMBERS);
  if (amount === undefined) return undefined;
  if (/^(?:araw|days?)$/.test(unit)) return fromNow(now, amount, 'days');
  if (/^(?:oras|hours?)$/.test(unit)) return fromNow(now, amount, 'hours');
  return fromNow(now, amount, 'weeks');
}

export const readTagalog = grammarReader(grammar);
