import * as chrono from 'chrono-node';
import type { DateTime } from 'luxon';
import { chronoReader, type ChronoLanguage, type CustomRule } from './chronoParser';
import { lastWeekdayOfMonth, nextHoursRange, weekendRange } from './grammars/calendar';
import { accented, rewrite, word, type Rewrite } from './normalizeText';
import type { Piece, WhenReader } from './reading';

/**
 * English, Spanish and French on chrono-node, with our own rewrites. Chosen over the Microsoft
 * Recognizers by measurement (npm run bench:dates): as accurate or more on both sets, a parse in
 * about a millisecond instead of tens, and nothing to build at start-up (the French recognizer
 * took seconds).
 *
 * Two layers:
 * - date rules, which need "now" ("wednesday next week", "lundi en huit", "the 20th of next
 *   month"): the phrase is replaced by the date it names, spelled so that chrono reads it;
 * - text rewrites (ChronoLanguage.normalize): hours in words ("half past three", "las doce menos
 *   cinco", "midi et demi") to digits, and parts of the day chrono lacks ("late afternoon",
 *   "en fin d'après-midi") to explicit ranges of hours.
 */

const MAX_TEXT_LENGTH = 200;

const compiled = new Map<string, RegExp>();

/** `word(pattern)` or `new RegExp(pattern, 'giu')`, compiled once: the rewrites below build long patterns from word lists. */
function once(pattern: string, asWord = true): RegExp {
  const key = `${asWord ? 'w' : 'r'}${pattern}`;
  let regex = compiled.get(key);
  if (!regex) {
    regex = asWord ? word(pattern) : new RegExp(pattern, 'giu');
    compiled.set(key, regex);
  }
  return regex;
}

/** A phrase naming a day relative to today; `resolve` gets the match's groups. */
type DateRule = readonly [pattern: RegExp, resolve: (today: DateTime, ...groups: string[]) => DateTime | undefined];

interface LatinLanguage extends ChronoLanguage {
  /** Misspellings and words typed without accents, put right before anything else reads the text. */
  spelling: ReadonlyArray<Rewrite>;
  dateRules: ReadonlyArray<DateRule>;
  /** A day spelled so that chrono reads it without doubt ("february 20 2027"). */
  spellDate: (day: DateTime) => string;
}

function latinReader(language: LatinLanguage): WhenReader {
  const parse = chronoReader(language);
  return (text, now) => parse(spellDates(rewrite(text.slice(0, MAX_TEXT_LENGTH).toLowerCase(), language.spelling), language, now), now);
}

function spellDates(text: string, language: LatinLanguage, now: DateTime): string {
  const today = now.startOf('day');
  return language.dateRules.reduce(
    (result, [pattern, resolve]) =>
      result.replace(pattern, (whole: string, ...args: unknown[]) => {
        // args: the groups, then the offset and the whole text ('' for a group that did not match).
        const groups = args.slice(0, -2).map((group) => (typeof group === 'string' ? group : ''));
        const day = resolve(today, ...groups);
        return day?.isValid ? ` ${language.spellDate(day)} ` : whole;
      }),
    text,
  );
}

// ── Helpers shared by the three languages ────────────────────────────────────────────────────

/** The coming `weekday` (1 = Monday): a week from today when today is that weekday. */
function coming(today: DateTime, weekday: number): DateTime {
  return today.plus({ days: (weekday - today.weekday + 7) % 7 || 7 });
}

/** The `weekday` of this week if not yet over, today included; otherwise next week's. */
function nextOrToday(today: DateTime, weekday: number): DateTime {
  return today.plus({ days: (weekday - today.weekday + 7) % 7 });
}

function ofNextWeek(today: DateTime, weekday: number): DateTime {
  return today.startOf('week').plus({ weeks: 1, days: weekday - 1 });
}

function ofThisWeek(today: DateTime, weekday: number): DateTime {
  return today.startOf('week').plus({ days: weekday - 1 });
}

function dayOfMonth(today: DateTime, monthsAhead: number, day: number): DateTime | undefined {
  const month = today.startOf('month').plus({ months: monthsAhead });
  return day >= 1 && day <= (month.daysInMonth ?? 28) ? month.set({ day }) : undefined;
}

function firstWeekdayOfMonth(today: DateTime, monthsAhead: number, weekday: number): DateTime {
  const first = today.startOf('month').plus({ months: monthsAhead });
  return first.plus({ days: (weekday - first.weekday + 7) % 7 });
}

/** `names` lists words with the number each stands for; returns [alternation, lookup]. */
function lexicon(names: Readonly<Record<string, number>>): [string, (text: string) => number | undefined] {
  const keys = Object.keys(names).sort((a, b) => b.length - a.length);
  const lookup = (text: string): number | undefined => {
    const clean = text.trim().replace(/\s+/g, ' ');
    return /^\d+$/.test(clean) ? Number(clean) : names[clean];
  };
  return [keys.map((k) => k.replace(/[.]/g, '\\.').replace(/ /g, '\\s+')).join('|'), lookup];
}

/** "this weekend" (`weeks` 0), "next weekend" (1): Saturday and Sunday. */
function weekendRule(pattern: RegExp, weeks: number): CustomRule {
  return { pattern, read: (_groups, now) => ({ kind: 'reading', reading: weekendRange(now, weeks) }) };
}

/** "the next 3 hours": from now on; the first group matched is the count, read by `count`. */
function nextHoursRule(pattern: RegExp, count: (text: string) => number | undefined): CustomRule {
  return {
    pattern,
    read: (groups, now): Piece | undefined => {
      const hours = count(groups.find((group) => group !== '') ?? '');
      const reading = hours === undefined ? undefined : nextHoursRange(now, hours);
      return reading && { kind: 'reading', reading };
    },
  };
}

/** "last monday of march": group 1 the weekday, group 2 the month, read by the two functions. */
function lastWeekdayRule(pattern: RegExp, weekdayOf: (text: string) => number | undefined, monthOf: (text: string) => number): DateRule {
  return [pattern, (today, weekday, month) => lastWeekdayOfMonth(today, weekdayOf(weekday) ?? 0, monthOf(month))];
}

function clock(minutes: number, separator = ':'): string {
  const wrapped = ((minutes % 1440) + 1440) % 1440;
  return `${Math.floor(wrapped / 60)}${separator}${String(wrapped % 60).padStart(2, '0')}`;
}

/**
 * "between 2 and 4": an hour range said without AM/PM is read inside office hours, as a bare
 * hour is (14:00–16:00, not 02:00–04:00). Returns "14:00 - 16:00", which chrono reads as a range.
 */
function officeSpan(fromHour: number, fromMinute: number, toHour: number, toMinute: number, meridiem?: string): string {
  let from = fromHour;
  let to = toHour;
  if (meridiem === 'pm') {
    if (to < 12) to += 12;
    if (from < 12 && from + 12 <= to) from += 12;
  } else if (meridiem !== 'am') {
    if (from >= 1 && from < 7) from += 12;
    if (to >= 1 && to <= 12 && to * 60 + toMinute <= from * 60 + fromMinute) to += 12;
  }
  return `${clock(from * 60 + fromMinute)} - ${clock(to * 60 + toMinute)}`;
}

// ── English ─────────────────────────────────────────────────────────────────────────────────

const ENGLISH_WEEKDAYS: Readonly<Record<string, number>> = {
  monday: 1,
  mon: 1,
  tuesday: 2,
  tues: 2,
  tue: 2,
  wednesday: 3,
  wed: 3,
  thursday: 4,
  thurs: 4,
  thu: 4,
  friday: 5,
  fri: 5,
  saturday: 6,
  sat: 6,
  sunday: 7,
  sun: 7,
};
const [EN_WEEKDAY, enWeekday] = lexicon(ENGLISH_WEEKDAYS);
const ENGLISH_MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

const ENGLISH_UNITS: Readonly<Record<string, number>> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
};
const ENGLISH_TENS: Readonly<Record<string, number>> = { twenty: 20, thirty: 30, forty: 40, fifty: 50 };
const EN_UNIT = 'one|two|three|four|five|six|seven|eight|nine';
/** Numbers in words up to 59 ("a", "twenty-five"), kept short: a long alternation is slow to compile. */
const EN_NUMBER = `(?:twenty|thirty|forty|fifty)(?:[- ]?(?:${EN_UNIT}))?|(?:${Object.keys(ENGLISH_UNITS)
  .sort((a, b) => b.length - a.length)
  .join('|')})|an?`;

function enNumber(text: string): number | undefined {
  const clean = text.trim().toLowerCase();
  if (/^\d+$/.test(clean)) return Number(clean);
  if (clean === 'a' || clean === 'an') return 1;
  const compound = /^(twenty|thirty|forty|fifty)(?:[- ]?(\p{L}+))?$/u.exec(clean);
  if (!compound) return ENGLISH_UNITS[clean];
  const unit = compound[2] ? ENGLISH_UNITS[compound[2]] : 0;
  return unit === undefined || unit > 9 ? undefined : ENGLISH_TENS[compound[1]] + unit;
}
const EN_HOUR = `\\d{1,2}|${Object.keys(ENGLISH_UNITS).slice(0, 12).join('|')}|noon|midnight|midday`;
const EN_MERIDIEM = '\\s*(a\\.?m\\.?|p\\.?m\\.?)(?![\\p{L}])';

function englishHour(text: string): number | undefined {
  if (text === 'noon' || text === 'midday') return 12;
  if (text === 'midnight') return 0;
  return enNumber(text);
}

/** "half past 3", "a quarter to noon", "twenty after 3pm", "15 minutes past noon" → "3:30" … */
function englishClockWords(text: string): string {
  const minutesWord = `half|(?:a\\s+)?quarter|\\d{1,2}|${EN_NUMBER}`;
  return text
    .replace(
      once(`(${minutesWord})\\s*(minutes?\\s+)?(past|after|from|to|till|til|before|of)\\s+(${EN_HOUR})h?(?:${EN_MERIDIEM})?`),
      (whole, minutes: string, unit: string | undefined, direction: string, hourText: string, meridiem: string | undefined) => {
        const hour = englishHour(hourText);
        const count = minutes === 'half' ? 30 : /quarter/.test(minutes) ? 15 : enNumber(minutes);
        if (hour === undefined || count === undefined || count >= 60) return whole;
        // "from 3 to 4": two hours, not 3 minutes to 4.
        if (/^\d+$/.test(minutes) && !unit && !/^(?:past|after)$/.test(direction) && !/^(?:noon|midnight|midday)$/.test(hourText))
          return whole;
        const before = /^(?:to|till|til|before|of)$/.test(direction);
        const minute = hour * 60 + (before ? -count : count);
        const half = /^(?:noon|midnight|midday)$/.test(hourText) ? ((minute + 1440) % 1440 < 720 ? 'am' : 'pm') : '';
        return `${clock(minute)}${meridiem ?? half}`;
      },
    )
    .replace(once(`half\\s+(${EN_HOUR})(?:${EN_MERIDIEM})?`), (whole, hourText: string, meridiem: string | undefined) => {
      const hour = englishHour(hourText);
      return hour === undefined ? whole : `${clock(hour * 60 + 30)}${meridiem ?? ''}`;
    })
    .replace(
      once(`(${Object.keys(ENGLISH_UNITS).slice(0, 12).join('|')})\\s+(o['’]?\\s*(?:${EN_NUMBER})|${EN_NUMBER})(?:${EN_MERIDIEM})?`),
      (whole, hourText: string, minutesText: string, meridiem: string | undefined) => {
        const hour = enNumber(hourText);
        const minutes = enNumber(minutesText.replace(/^o['’]?\s*/, ''));
        if (hour === undefined || minutes === undefined || minutes < 1 || minutes >= 60) return whole;
        return `${clock(hour * 60 + minutes)}${meridiem ?? ''}`;
      },
    );
}

function englishRanges(text: string): string {
  return text.replace(
    once(
      `(?:between|from)\\s+(\\d{1,2})(?::(\\d{2}))?(?:${EN_MERIDIEM})?\\s*(?:and|to|till|until|-)\\s*(\\d{1,2})(?::(\\d{2}))?(?:${EN_MERIDIEM})?`,
    ),
    (whole, h1: string, m1: string | undefined, mer1: string | undefined, h2: string, m2: string | undefined, mer2: string | undefined) => {
      const meridiem = (mer2 ?? mer1)?.startsWith('p') ? 'pm' : (mer2 ?? mer1) ? 'am' : undefined;
      if (mer1 && mer2 && mer1[0] !== mer2[0]) return whole;
      return officeSpan(Number(h1), Number(m1 ?? 0), Number(h2), Number(m2 ?? 0), meridiem);
    },
  );
}

const ORDINAL_UNITS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth'];
const ENGLISH_ORDINALS: Readonly<Record<string, number>> = Object.fromEntries(
  [
    ...ORDINAL_UNITS,
    'tenth',
    'eleventh',
    'twelfth',
    'thirteenth',
    'fourteenth',
    'fifteenth',
    'sixteenth',
    'seventeenth',
    'eighteenth',
    'nineteenth',
    'twentieth',
  ]
    .map((name, i): [string, number] => [name, i + 1])
    .concat(ORDINAL_UNITS.map((name, i): [string, number] => [`twenty-${name}`, 21 + i]))
    .concat([
      ['thirtieth', 30],
      ['thirty-first', 31],
    ]),
);
const EN_ORDINAL = word(
  `the\\s+(${Object.keys(ENGLISH_ORDINALS)
    .sort((a, b) => b.length - a.length)
    .map((name) => name.replace('-', '[- ]?'))
    .join('|')})`,
);

/** Hours in words: "at three am", "eight tonight", "at eight". */
function englishHourWords(text: string): string {
  return text
    .replace(
      once(
        `(${EN_HOUR_WORD})(?=\\s*(?:a\\.?m\\.?|p\\.?m\\.?|o['’]?clock|tonight|this\\s+(?:morning|afternoon|evening)|in\\s+the\\s+(?:morning|afternoon|evening))(?![\\p{L}]))`,
      ),
      (name: string) => String(enNumber(name) ?? name),
    )
    .replace(
      once(`(at|around|by|about)\\s+(${EN_HOUR_WORD})(?!\\s+(?:${EN_NUMBER}|o['’]))`),
      (whole, at: string, name: string) => `${at} ${enNumber(name) ?? name}`,
    );
}

/** "on the first", "the twenty-third": ordinals in words, as digits. */
function englishOrdinals(text: string): string {
  return text.replace(EN_ORDINAL, (whole, name: string) => {
    const value = ENGLISH_ORDINALS[name.replace(/^(twenty|thirty)[- ]?/, '$1-')];
    return value === undefined ? whole : `the ${value}th`;
  });
}

const EN_HOUR_WORD = Object.keys(ENGLISH_UNITS).slice(0, 12).join('|');

/** Common misspellings and shorthands. */
const ENGLISH_SPELLING: ReadonlyArray<Rewrite> = [
  [word('tmrw?|tmw|tomm?orr?ows?|tomorow|tomorrows'), 'tomorrow'],
  [word('wen(?:d|e)?s?day|wednsday|wensday'), 'wednesday'],
  [word('tu?esdy|tusday|teusday'), 'tuesday'],
  [word('thurs?dy|thurday'), 'thursday'],
  [word('firday|fryday'), 'friday'],
  [word('saterday'), 'saturday'],
  [word('tonite'), 'tonight'],
  // "at this time", said alone: today.
  [/^\s*(?:at\s+this\s+time|right\s+now)\s*$/giu, 'today'],
  // "today in one hour": the hour says more than the day.
  [/(?<![\p{L}])today\s+(?=in\s+(?:an?|one|\d+)\s+hours?(?![\p{L}]))/giu, ''],
];

const ENGLISH_REWRITES: ReadonlyArray<Rewrite> = [
  [word('mid\\s+day'), 'midday'],
  [/(?<![\p{L}])(?<!the\s+)day\s+after\s+tomorrow/giu, 'the day after tomorrow'],
  // "change the day to friday": the day is what is changed, not a day (chrono reads "the day" as today).
  [/(?<![\p{L}])the\s+(?:day|date)(?=\s+(?:to|for)\s)/giu, ''],
  [word('in\\s+(\\d+)\\s*(?:h|hrs?)'), 'in $1 hours'],

  [word('@'), ' at '],
  [/@/g, ' at '],
  [word('(?:approximately|approx\\.?|about|around|at|by)\\s+(\\d{1,2})(?:ish)?\\s*(am|pm)?\\s+approximately'), 'at $1$2'],
  [word('(\\d{1,2})\\s*ish'), '$1'],
  [/(?<![\p{L}])(?:around|about|approximately|approx\.?)\s+(?=\d)/giu, 'at '],
  [word('(morning|afternoon|evening)ish'), '$1'],
  [word('in\\s+the\\s+(am|pm)'), '$1'],
  [/(?<![\p{L}\d])(\d{1,2})(?::(\d{2}))?([ap])(?![\p{L}\d])/giu, '$1:$2$3m'],
  [/(\d{1,2}):([ap]m)/g, '$1$2'],
  // "at 1030" is 10:30, not the year 1030; "at 3 15" is 3:15.
  [word('(at|around|by|about|approximately|approx\\.?)\\s*([01]?\\d|2[0-3])([0-5]\\d)'), '$1 $2:$3'],
  [word('(at|around|by|about)\\s+([01]?\\d|2[0-3])\\s+([0-5]\\d)'), '$1 $2:$3'],
  // "15h", "3h18": the French way, common among people writing English as a second language.
  [word('([01]?\\d|2[0-3])h([0-5]\\d)?'), '$1:$2'],
  [/(\d):(?!\d)/g, '$1:00'],
  // "dec 10 in the afternoon": after a month's name the number is the day, the part of the day its own.
  [
    new RegExp(
      `(?<![\\p{L}])(${ENGLISH_MONTHS.join('|')}|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:in\\s+the\\s+)?(morning|afternoon|evening)(?![\\p{L}])`,
      'giu',
    ),
    '$1 $2 $3',
  ],
  // Hours beside a part of the day: "10 in the morning", "8 this evening", "9 tomorrow".
  [word("(\\d{1,2}(?::\\d{2})?)\\s+(?:o['’]?clock\\s+)?(?:in\\s+the|this)\\s+morning"), '$1am'],
  [
    word(
      "(\\d{1,2}(?::\\d{2})?)\\s+(?:o['’]?clock\\s+)?(?:in\\s+the\\s+(?:afternoon|evening)|this\\s+(?:afternoon|evening)|at\\s+night|tonight)",
    ),
    '$1pm',
  ],
  [word('(\\d{1,2}(?::\\d{2})?(?:am|pm)?)\\s+(tomorrow|today)'), '$2 at $1'],
  [word('(tomorrow|today)\\s+(\\d{1,2}(?::\\d{2})?(?:am|pm)?)(?!\\s*(?:st|nd|rd|th|/|\\d))'), '$1 at $2'],
  [word("o['’]?clock"), ''],
  // Durations chrono does not know.
  [word('hence'), 'from now'],
  [word('a\\s+fortnight'), '2 weeks'],
  [word('fortnight'), '2 weeks'],
  // "february the 15th", "tuesday the 1st": the date says more than the weekday.
  [
    new RegExp(
      `(?<![\\p{L}])(${ENGLISH_MONTHS.join('|')}|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\\s+the\\s+(\\d{1,2})(?:st|nd|rd|th)`,
      'giu',
    ),
    '$1 $2',
  ],
  [
    new RegExp(
      `(?<![\\p{L}])(?:${EN_WEEKDAY})\\.?,?\\s+(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)(?![\\p{L}])(?!\\s+(?:of\\s+)?(?:${ENGLISH_MONTHS.join('|')}))`,
      'giu',
    ),
    'the $1th',
  ],
  // "this monday" said on a Tuesday is the coming Monday, as a bare weekday is.
  [new RegExp(`(?<![\\p{L}])this\\s+(${EN_WEEKDAY})(?![\\p{L}])`, 'giu'), '$1'],
  [word('(sat|sun|mon|tue|wed|thu|fri)\\.'), '$1'],
  // Parts of the day chrono lacks, as explicit ranges (our parts of the day: PARTS_OF_DAY).
  [word('(?:in\\s+the\\s+)?late\\s+(?:in\\s+the\\s+)?afternoon'), '15:00 - 18:00'],
  // "after lunch" before "lunch": read the other way, "after" was left over and "after lunch" was 12–14.
  [word('after\\s+lunch'), '13:00 - 17:00'],
  [word('(?:at\\s+|for\\s+|during\\s+)?lunch(?:\\s*time)?'), '12:00 - 14:00'],
  [word('after\\s+(?:school|work)'), '15:00 - 21:00'],
  [word('late\\s+(?:tonight|in\\s+the\\s+evening|this\\s+evening|evening)'), '20:00 - 23:00'],
];

export const englishReader: WhenReader = latinReader({
  chrono: chrono.en.casual,
  pastReadings: true,
  spelling: ENGLISH_SPELLING,
  normalize: (text) => englishRanges(rewrite(englishHourWords(englishOrdinals(englishClockWords(text))), ENGLISH_REWRITES)),
  spellDate: (day) => `${ENGLISH_MONTHS[day.month - 1]} ${day.day} ${day.year}`,
  dateRules: [
    [
      new RegExp(
        `(?<![\\p{L}])(?:the\\s+)?(${EN_WEEKDAY})\\s+(?:of\\s+)?next\\s+week|next\\s+week(?:['’]s)?\\s+(?:on\\s+)?(${EN_WEEKDAY})(?![\\p{L}])`,
        'giu',
      ),
      (today, a, b) => ofNextWeek(today, enWeekday(a || b) ?? 0),
    ],
    [
      new RegExp(`(?<![\\p{L}])(${EN_WEEKDAY})\\s+(?:of\\s+)?this\\s+week(?![\\p{L}])`, 'giu'),
      (today, a) => ofThisWeek(today, enWeekday(a) ?? 0),
    ],
    [
      new RegExp(`(?<![\\p{L}])(${EN_WEEKDAY})\\s+after\\s+next(?![\\p{L}])`, 'giu'),
      (today, a) => coming(today, enWeekday(a) ?? 0).plus({ weeks: 1 }),
    ],
    // "next Wednesday" is the Wednesday of next week ("this Wednesday" is the coming one).
    [new RegExp(`(?<![\\p{L}])next\\s+(${EN_WEEKDAY})(?![\\p{L}])`, 'giu'), (today, a) => ofNextWeek(today, enWeekday(a) ?? 0)],
    [
      new RegExp(`(?<![\\p{L}])(${EN_NUMBER}|\\d{1,2})\\s+(${EN_WEEKDAY})s\\s+from\\s+(?:now|today)(?![\\p{L}])`, 'giu'),
      (today, n, a) => coming(today, enWeekday(a) ?? 0).plus({ weeks: (enNumber(n) ?? 1) - 1 }),
    ],
    [
      /(?<![\p{L}\d])(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+(?:day\s+)?of\s+(?:the\s+)?(next|this|current|the\s+current)\s+month(?![\p{L}])/giu,
      (today, n, which) => dayOfMonth(today, which === 'next' ? 1 : 0, Number(n)),
    ],
    [
      new RegExp(`(?<![\\p{L}])(?:the\\s+)?first\\s+(${EN_WEEKDAY})\\s+of\\s+(?:the\\s+)?next\\s+month(?![\\p{L}])`, 'giu'),
      (today, a) => firstWeekdayOfMonth(today, 1, enWeekday(a) ?? 0),
    ],
    lastWeekdayRule(
      new RegExp(`(?<![\\p{L}])(?:the\\s+)?last\\s+(${EN_WEEKDAY})\\s+(?:of|in)\\s+(${ENGLISH_MONTHS.join('|')})(?![\\p{L}])`, 'giu'),
      enWeekday,
      (month) => ENGLISH_MONTHS.indexOf(month) + 1,
    ),
  ],
  partsOfDay: [
    [word('(?:early\\s+)?(?:in\\s+the\\s+|this\\s+)?morning'), 'morning'],
    [word('(?:in\\s+the\\s+|this\\s+)?afternoon'), 'afternoon'],
    [word('(?:in\\s+the\\s+|this\\s+)?evening|tonight|(?:at\\s+)?night'), 'evening'],
    [word('(?:at\\s+)?(?:noon|midday)'), 'noon'],
  ],
  ownRules: [
    { kind: 'nextWeek', pattern: word('next\\s+week') },
    { kind: 'dayOfMonth', pattern: /(?<![\p{L}\d])(?:on\s+)?the\s+(\d{1,2})(?:st|nd|rd|th)(?![\p{L}])/giu },
    { kind: 'dayOfMonth', pattern: /(?<![\p{L}\d])on\s+(\d{1,2})(?:st|nd|rd|th)(?![\p{L}])/giu },
    weekendRule(word('(?:on\\s+|for\\s+)?next\\s+week[- ]?end'), 1),
    weekendRule(word('(?:on\\s+|for\\s+|during\\s+)?(?:this|the)\\s+(?:coming\\s+)?week[- ]?end|week[- ]?end'), 0),
    nextHoursRule(word(`(?:(?:in|within|during|for)\\s+)?(?:the\\s+)?next\\s+(${EN_NUMBER}|\\d{1,2})\\s*(?:hours?|hrs?)`), enNumber),
    { kind: 'daysFromNow', pattern: word('(\\d{1,2}|one|two|three|four|five|six|seven)\\s+upcoming\\s+days?'), numbers: ENGLISH_UNITS },
  ],
});

// ── Spanish ─────────────────────────────────────────────────────────────────────────────────

const SPANISH_WEEKDAYS: Readonly<Record<string, number>> = {
  lunes: 1,
  martes: 2,
  miércoles: 3,
  miercoles: 3,
  jueves: 4,
  viernes: 5,
  sábado: 6,
  sabado: 6,
  domingo: 7,
};
const [ES_WEEKDAY, esWeekday] = lexicon(SPANISH_WEEKDAYS);
const SPANISH_MONTHS = [
  'enero',
  'febrero',
  'marzo',
  'abril',
  'mayo',
  'junio',
  'julio',
  'agosto',
  'septiembre',
  'octubre',
  'noviembre',
  'diciembre',
];
const SPANISH_NUMBERS: Readonly<Record<string, number>> = {
  un: 1,
  uno: 1,
  una: 1,
  dos: 2,
  tres: 3,
  cuatro: 4,
  cinco: 5,
  seis: 6,
  siete: 7,
  ocho: 8,
  nueve: 9,
  diez: 10,
  once: 11,
  doce: 12,
  trece: 13,
  catorce: 14,
  quince: 15,
  dieciséis: 16,
  dieciseis: 16,
  diecisiete: 17,
  dieciocho: 18,
  diecinueve: 19,
  veinte: 20,
  veintiuno: 21,
  veintidós: 22,
  veintidos: 22,
  veintitrés: 23,
  veintitres: 23,
  veinticuatro: 24,
  veinticinco: 25,
  veintiséis: 26,
  veintiseis: 26,
  veintisiete: 27,
  veintiocho: 28,
  veintinueve: 29,
  treinta: 30,
  'treinta y uno': 31,
  cuarenta: 40,
  'cuarenta y cinco': 45,
  cincuenta: 50,
  'cincuenta y cinco': 55,
  cero: 0,
  zero: 0,
};
const [ES_NUMBER, esNumber] = lexicon(SPANISH_NUMBERS);
const ES_MERIDIEM = '\\s*(a\\.?\\s?m\\.?|p\\.?\\s?m\\.?)(?![\\p{L}])';

/**
 * "las doce menos cinco", "a las 3 y media", "las seis cero dos pm", "5 y cuarto" → "las 11:55" …:
 * chrono reads hours in digits, and no minutes after "y".
 */
function spanishClockWords(text: string): string {
  const minutes = `media|cuarto|\\d{1,2}|${ES_NUMBER}`;
  return text
    .replace(
      once(`(las?\\s+)?(\\d{1,2}|${ES_NUMBER})\\s+(y|menos)\\s+(${minutes})(?:\\s+minutos)?(?:${ES_MERIDIEM})?`),
      (whole, at: string | undefined, hourText: string, sign: string, minuteText: string, meridiem: string | undefined) => {
        const hour = esNumber(hourText);
        const count = minuteText === 'media' ? 30 : minuteText === 'cuarto' ? 15 : esNumber(minuteText);
        if (hour === undefined || hour > 23 || count === undefined || count >= 60) return whole;
        if (!at && !/^\d+$/.test(hourText)) return whole;
        return `${at ?? ''}${clock(hour * 60 + (sign === 'menos' ? -count : count))}${meridiem ? ` ${meridiem}` : ''}`;
      },
    )
    .replace(
      once(`(las?\\s+)?(\\d{1,2}|${ES_NUMBER})\\s+(?:cero|zero|0)\\s+(\\d|${ES_NUMBER})(?:${ES_MERIDIEM})`),
      (whole, at: string | undefined, hourText: string, minuteText: string, meridiem: string) => {
        const hour = esNumber(hourText);
        const minute = esNumber(minuteText);
        if (hour === undefined || minute === undefined || minute > 9) return whole;
        return `${at ?? ''}${hour}:0${minute} ${meridiem}`;
      },
    )
    .replace(once(`(las?)\\s+(${ES_NUMBER})(?![\\p{L}]|\\s+(?:días?|semanas?)(?![\\p{L}]))`), (whole, at: string, hourText: string) => {
      const hour = esNumber(hourText);
      return hour !== undefined && hour >= 1 && hour <= 24 ? `${at} ${hour}` : whole;
    });
}

function spanishRanges(text: string): string {
  return text.replace(
    once(
      `(?:entre|de|desde)\\s+(?:las?\\s+)?(\\d{1,2})(?::(\\d{2}))?\\s*(?:h|hs)?\\s*(?:y|a|hasta)\\s+(?:las?\\s+)?(\\d{1,2})(?::(\\d{2}))?(?:\\s*(?:h|hs))?(?:${ES_MERIDIEM})?`,
    ),
    (whole, h1: string, m1: string | undefined, h2: string, m2: string | undefined, meridiem: string | undefined) =>
      ` ${officeSpan(Number(h1), Number(m1 ?? 0), Number(h2), Number(m2 ?? 0), meridiem ? (meridiem.startsWith('p') ? 'pm' : 'am') : undefined)} `,
  );
}

/** Spellings people type without accents that chrono does not know. */
const SPANISH_ACCENTS: ReadonlyArray<Rewrite> = accented([
  ['manana', 'mañana'],
  ['miercoles', 'miércoles'],
  ['sabado', 'sábado'],
  ['proxima', 'próxima'],
  ['proximo', 'próximo'],
  ['despues', 'después'],
  ['dias', 'días'],
  ['dia', 'día'],
  ['medio\\s+d[ií]a|mediodia', 'mediodía'],
  ['aqui', 'aquí'],
]);

const SPANISH_REWRITES: ReadonlyArray<Rewrite> = [
  // Mixed English.
  [word('tomorrow'), 'mañana'],
  // A weekday's abbreviation ("lu", "ma.", "mx"), only when it is the whole message: "ma" and "mi" are words too.
  [/^\s*lu\.?\s*$/iu, 'lunes'],
  [/^\s*ma\.?\s*$/iu, 'martes'],
  [/^\s*(?:mi|mx)\.?\s*$/iu, 'miércoles'],
  [/^\s*ju\.?\s*$/iu, 'jueves'],
  [/^\s*vi\.?\s*$/iu, 'viernes'],
  [/^\s*(?:en\s+este\s+momento|ahora\s+mismo)\s*$/iu, 'hoy'],
  // "el jueves 3 a las 10": the day of the month says more than the weekday, and chrono would
  // otherwise read "jueves 3" as Thursday 03:00 and "a las 10" as today.
  [
    new RegExp(
      `(?<![\\p{L}])(?:el\\s+)?(?:${ES_WEEKDAY})\\s+(\\d{1,2})(?![\\d:.h]|\\s*(?:am|pm|a\\.\\s?m|p\\.\\s?m|de\\s+la|del|horas?)(?![\\p{L}]))`,
      'giu',
    ),
    'el $1',
  ],
  // "este lunes" said on a martes is the coming Monday, as a bare weekday is; "el martes que viene" too.
  [new RegExp(`(?<![\\p{L}])este\\s+(${ES_WEEKDAY})(?![\\p{L}])`, 'giu'), '$1'],
  // "a las 1030" is 10:30; "15.30", "15h30", "a las 15 horas" are times.
  [word('(a|sobre|para|al?)\\s+las\\s+([01]?\\d|2[0-3])([0-5]\\d)'), '$1 las $2:$3'],
  [/(?<![\d.:/-])([01]?\d|2[0-3])\.([0-5]\d)(?![\d.:/-])/g, '$1:$2'],
  [word('([01]?\\d|2[0-3])\\s*(?:h|hs|hrs)\\s*([0-5]\\d)'), '$1:$2'],
  [word('([01]?\\d|2[0-3])\\s*(?:h|hs|hrs|horas)'), '$1'],
  [word('al\\s+las'), 'a las'],
  [word('(?:a\\s+la\\s+)?medianoche'), 'a las 12 am'],
  [word(`(?<!las?\\s|:)(\\d{1,2}|${ES_NUMBER})(?=\\s+(?:de\\s+la\\s+(?:mañana|tarde|noche)|del\\s+mediodía))`), 'a las §$1'],
  [word(`(${SPANISH_MONTHS.join('|')})\\s+(\\d{1,2})(?![\\d:])`), '$2 de $1'],
  [word(`en\\s+(${ES_NUMBER})\\s+(horas?|días?|semanas?|minutos?)`), 'en §$1 $2'],
  // "mañana a 11": "a las 11".
  [
    /(?<![\p{L}])(a|para)\s+(\d{1,2}(?::\d{2})?)(?![\d:/.]|\s*(?:de|del)\s+(?:la\s+)?(?:\d|[\p{L}]+bre|enero|febrero|marzo|abril|mayo|junio|julio|agosto))/giu,
    '$1 las $2',
  ],
  // "del mediodía" beside an hour is afternoon ("las 3 y treinta del mediodía").
  [word('del\\s+mediodía'), 'de la tarde'],
  // Dates with numbers: "17-2", "día quince".
  [/(?<![\d:.,/-])(\d{1,2})-(\d{1,2})(?![\d:/-])/g, '$1/$2'],
  [word(`(d[ií]a|el)\\s+(${ES_NUMBER})(?!\\s+(?:de|días?|semanas?)(?![\\p{L}]))`), '$1 §$2'],
];

export const spanishReader: WhenReader = latinReader({
  chrono: chrono.es.casual,
  pastReadings: true,
  spelling: SPANISH_ACCENTS,
  normalize: (text) =>
    spanishRanges(rewrite(spanishClockWords(text), SPANISH_REWRITES)).replace(/§([\p{L}\d]+)/gu, (whole, name: string) =>
      String(esNumber(name) ?? whole),
    ),
  spellDate: (day) => `${day.day} de ${SPANISH_MONTHS[day.month - 1]} de ${day.year}`,
  dateRules: [
    [
      new RegExp(
        `(?<![\\p{L}])(?:el\\s+)?(${ES_WEEKDAY})\\s+(?:de\\s+)?(?:la\\s+)?(?:semana\\s+que\\s+viene|pr[oó]xima\\s+semana|semana\\s+pr[oó]xima|siguiente\\s+semana)(?![\\p{L}])`,
        'giu',
      ),
      (today, a) => ofNextWeek(today, esWeekday(a) ?? 0),
    ],
    [
      new RegExp(`(?<![\\p{L}])(?:el\\s+)?(${ES_WEEKDAY})\\s+de\\s+esta\\s+semana(?![\\p{L}])`, 'giu'),
      (today, a) => ofThisWeek(today, esWeekday(a) ?? 0),
    ],
    // "el próximo viernes", "el viernes que viene": the Friday of next week.
    [
      new RegExp(
        `(?<![\\p{L}])(?:el\\s+)?(?:pr[oó]xim[oa]\\s+(${ES_WEEKDAY})|(${ES_WEEKDAY})\\s+(?:pr[oó]xim[oa]|que\\s+viene))(?![\\p{L}])`,
        'giu',
      ),
      (today, a, b) => ofNextWeek(today, esWeekday(a || b) ?? 0),
    ],
  ],
  partsOfDay: [
    [word('(?:por|en|de|a)\\s+la\\s+mañana|(?:esta|la)\\s+mañana|temprano'), 'morning'],
    [word('(?:por|en|de|a)\\s+la\\s+tarde|(?:esta|la)\\s+tarde|tarde'), 'afternoon'],
    [word('(?:por|en|de|a)\\s+la\\s+noche|(?:esta|la)\\s+noche|noche'), 'evening'],
    [word('(?:al|a|el|para\\s+el)\\s+mediodía|mediodía'), 'noon'],
  ],
  ownRules: [
    { kind: 'daysFromNow', pattern: word('pasado\\s+mañana()'), numbers: { '': 2 } },
    { kind: 'nextWeek', pattern: word('(?:la\\s+)?(?:semana\\s+que\\s+viene|pr[oó]xima\\s+semana|semana\\s+pr[oó]xima)') },
    weekendRule(
      word(
        '(?:el\\s+|para\\s+el\\s+)?(?:pr[oó]ximo\\s+(?:fin\\s+de\\s+semana|finde|weekend)|(?:fin\\s+de\\s+semana|finde|weekend)\\s+(?:que\\s+viene|pr[oó]ximo))',
      ),
      1,
    ),
    weekendRule(word('(?:(?:este|el|para\\s+el)\\s+)?(?:fin\\s+de\\s+semana|finde|weekend)'), 0),
    // "las próximas 3 horas" ("3 horas" is already "3": a rewrite above reads "15 horas" as an hour).
    nextHoursRule(word(`(?:(?:en|durante)\\s+)?(?:las\\s+)?pr[oó]ximas\\s+(\\d{1,2}|${ES_NUMBER})(?:\\s+horas)?`), esNumber),
    {
      kind: 'dayOfMonth',
      pattern: /(?<![\p{L}\d])(?:el\s+)?(?:d[ií]a\s+)?(?<=(?:el|d[ií]a)\s+)(\d{1,2})(?!\s*(?:de(?![\p{L}])|[:/.-]\d|\d|h(?![\p{L}])))/giu,
    },
  ],
});

// ── French ──────────────────────────────────────────────────────────────────────────────────

const FRENCH_WEEKDAYS: Readonly<Record<string, number>> = {
  lundi: 1,
  mardi: 2,
  mercredi: 3,
  jeudi: 4,
  vendredi: 5,
  samedi: 6,
  dimanche: 7,
};
const [FR_WEEKDAY, frWeekday] = lexicon(FRENCH_WEEKDAYS);
const FRENCH_MONTHS = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
];
const FRENCH_MONTH_PATTERN =
  'janv(?:ier)?|f[ée]v(?:rier)?|mars|avr(?:il)?|mai|juin|juil(?:let)?|ao[uû]t|sept(?:embre)?|oct(?:obre)?|nov(?:embre)?|d[ée]c(?:embre)?';
const FRENCH_NUMBERS: Readonly<Record<string, number>> = {
  un: 1,
  une: 1,
  deux: 2,
  trois: 3,
  quatre: 4,
  cinq: 5,
  six: 6,
  sept: 7,
  huit: 8,
  neuf: 9,
  dix: 10,
  onze: 11,
  douze: 12,
  treize: 13,
  quatorze: 14,
  quinze: 15,
  seize: 16,
  'dix-sept': 17,
  'dix-huit': 18,
  'dix-neuf': 19,
  vingt: 20,
  'vingt et un': 21,
  'vingt et une': 21,
  'vingt-et-un': 21,
  'vingt-deux': 22,
  'vingt-trois': 23,
  'vingt-quatre': 24,
  'vingt-cinq': 25,
  trente: 30,
  'trente et un': 31,
  quarante: 40,
  'quarante-cinq': 45,
  cinquante: 50,
  'cinquante-cinq': 55,
};
const [FR_NUMBER, frNumber] = lexicon(FRENCH_NUMBERS);

/** An hour of the clock: "15", "quinze", "midi", "minuit". */
function frenchHour(text: string): number | undefined {
  if (text === 'midi') return 12;
  if (text === 'minuit') return 0;
  return frNumber(text);
}

/**
 * "trois heures et demie", "midi moins le quart", "15h passé de 15 minutes", "minuit trois",
 * "seize heures" → "15h30", "11h45" …: chrono reads hours in digits, and no "midi".
 */
function frenchClockWords(text: string): string {
  const hour = `\\d{1,2}|${FR_NUMBER}`;
  const minutes = `et\\s+demie?|et\\s+quart|trois\\s+quarts|et\\s+(?:\\d{1,2}|${FR_NUMBER})\\s+minutes?|moins\\s+(?:le\\s+)?quart|moins\\s+(?:\\d{1,2}|${FR_NUMBER})|pass[ée]e?s?\\s+de\\s+(?:\\d{1,2}|${FR_NUMBER})(?:\\s+minutes?)?|\\d{2}|${FR_NUMBER}`;
  const minutesOf = (text: string | undefined): number | undefined => {
    if (!text) return 0;
    const clean = text.replace(/\s+minutes?$/, '');
    if (/^et\s+demie?$/.test(clean)) return 30;
    if (/^et\s+quart$/.test(clean)) return 15;
    if (/^trois\s+quarts$/.test(clean)) return 45;
    const and = /^et\s+(.+)$/.exec(clean);
    if (and) return frNumber(and[1]);
    if (/^moins\s+(?:le\s+)?quart$/.test(clean)) return -15;
    const less = /^moins\s+(.+)$/.exec(clean);
    if (less) return -(frNumber(less[1]) ?? NaN);
    const past = /^pass[ée]e?s?\s+de\s+(.+)$/.exec(clean);
    return frNumber(past ? past[1] : clean);
  };
  return text
    .replace(
      once(`(?<![\\p{L}\\d]|dans\\s)(${hour})\\s*(?:h|heures?)\\s*(${minutes})?(?![\\p{L}\\d])`, false),
      (whole, hourText: string, minuteText: string | undefined) => {
        const value = frNumber(hourText);
        const minute = minutesOf(minuteText);
        if (value === undefined || value > 24 || minute === undefined || Number.isNaN(minute) || Math.abs(minute) >= 60) return whole;
        const written = clock(value * 60 + minute, 'h');
        return minuteText && /^\d{2}$/.test(minuteText) ? written : written.replace(/h00$/, 'h');
      },
    )
    .replace(
      once(`(?<![\\p{L}\\d-])(midi|minuit)(?:\\s+(${minutes}))?(?![\\p{L}\\d])`, false),
      (whole, hourText: string, minuteText: string | undefined) => {
        const value = frenchHour(hourText) ?? 12;
        const minute = minutesOf(minuteText);
        if (minute === undefined || Number.isNaN(minute) || Math.abs(minute) >= 60) return whole;
        return ` à ${clock(value * 60 + minute, 'h')}`.replace(/h00$/, 'h');
      },
    );
}

function frenchRanges(text: string): string {
  return text.replace(
    word('(?:entre|de)\\s+(\\d{1,2})\\s*h\\s*(\\d{2})?\\s*(?:et|à|a|-)\\s+(\\d{1,2})\\s*h\\s*(\\d{2})?'),
    (whole, h1: string, m1: string | undefined, h2: string, m2: string | undefined) =>
      ` ${officeSpan(Number(h1), Number(m1 ?? 0), Number(h2), Number(m2 ?? 0))} `,
  );
}

/** "vendredi quinze", "le quinze": a day of the month in words. */
function frenchDayWords(text: string): string {
  return text.replace(
    once(
      `(?<![\\p{L}])(le|${FR_WEEKDAY})\\s+(${FR_NUMBER}|premier)(?=\\s|$|,)(?!\\s+(?:heures?|h|jours?|semaines?|minutes?)(?![\\p{L}]))`,
      false,
    ),
    (whole, before: string, name: string) => `${before} ${name === 'premier' ? 1 : (frNumber(name) ?? name)}`,
  );
}

/** "dans vingt-quatre heures": chrono knows numbers in words up to twelve only. */
function frenchDurations(text: string): string {
  return text.replace(
    once(`(dans\\s+)(${FR_NUMBER})(?=\\s+(?:heures?|jours?|semaines?|minutes?)(?![\\p{L}]))`),
    (whole, before: string, name: string) => `${before}${frNumber(name) ?? name}`,
  );
}

/** Spellings people type without accents or hyphens that chrono does not know. */
const FRENCH_ACCENTS: ReadonlyArray<Rewrite> = [
  [word('apres[- ]?midi|après[ ]midi|aprem|aprèm'), 'après-midi'],
  [word('apres[- ]demain|après demain'), 'après-demain'],
  [word('decembre'), 'décembre'],
  [word('fevrier'), 'février'],
  [word('aout'), 'août'],
  [word('journee'), 'journée'],
  [word('matinee'), 'matinée'],
  [word('soiree'), 'soirée'],
  [word('dejeuner'), 'déjeuner'],
  [word('debut'), 'début'],
  [word('apres'), 'après'],
  [word('a(?=\\s+(?:\\d|midi|minuit|partir))'), 'à'],
  [word('vingt\\s+(deux|trois|quatre|cinq)'), 'vingt-$1'],
  // "17 02", "le 17 2" alone: a day and a month.
  [/^\s*(le\s+)?(0?[1-9]|[12]\d|3[01])\s+(0?[1-9]|1[0-2])\s*$/iu, '$1$2/$3'],
  [/^\s*(?:en\s+ce\s+moment|ce\s+jour|maintenant)\s*$/iu, "aujourd'hui"],
  [word('entre\\s+midi\\s+et\\s+(?:deux|2)(?:\\s*h(?:eures)?)?'), ' 12:00 - 14:00 '],
];

const FRENCH_REWRITES: ReadonlyArray<Rewrite> = [
  // "le 1er mars", "premier mars": chrono knows "le 1 mars".
  [/(?<![\p{L}\d])(1)(?:er|ère|re)(?![\p{L}])/giu, '$1'],
  [new RegExp(`(?<![\\p{L}])premier\\s+(?=(?:${FRENCH_MONTH_PATTERN})(?![\\p{L}]))`, 'giu'), '1 '],
  // Mixed English.
  [word('tomorrow'), 'demain'],
  [word('aux\\s+alentours\\s+de|autour\\s+de|à\\s+environ|environ|à\\s+peu\\s+près\\s+à'), 'vers'],
  // "le 16 à 18h" is read as a range "from 16 to 18h"; "le 16, à 18h" is not.
  [new RegExp(`(?<![\\p{L}\\d])((?:le|${FR_WEEKDAY})\\s+\\d{1,2})(?=\\s+(?:à|vers)\\s+\\d)`, 'giu'), '$1,'],
  // "celui de 14h" (the one at 2 pm): "de" before an hour that no other follows is no range.
  [/(?<![\p{L}])de\s+(\d{1,2}\s*h(?:\s*\d{2})?)(?!\s*\d)(?!\s*(?:à|a|et|-|jusqu))/giu, 'à $1'],
  // "mercredi 13": the 13th, not 13:00.
  [new RegExp(`(?<![\\p{L}])(${FR_WEEKDAY})\\s+(\\d{1,2})(?!\\s*(?:h|:|heures?|\\d|/|${FRENCH_MONTH_PATTERN}))`, 'giu'), '$1 le $2'],
  // Parts of the day chrono lacks, as explicit ranges (our parts of the day: PARTS_OF_DAY).
  [word("(?:en\\s+|à\\s+la\\s+)?fin\\s+(?:de\\s+l['’]\\s?|d['’]\\s?)après-midi"), ' 15:00 - 18:00 '],
  [word("(?:en\\s+|au\\s+)?milieu\\s+(?:de\\s+l['’]\\s?|d['’]\\s?)après-midi"), ' 14:00 - 16:00 '],
  [word('(?:en\\s+|au\\s+)?d[ée]but\\s+(?:de\\s+(?:la\\s+)?)?journée'), ' 8:00 - 12:00 '],
  [word('(?:en\\s+|au\\s+)?milieu\\s+(?:de\\s+(?:la\\s+)?)?journée'), ' 11:00 - 14:00 '],
  [word('(?:en\\s+|à\\s+la\\s+)?fin\\s+(?:de\\s+(?:la\\s+)?)?journée'), ' 16:00 - 18:00 '],
  [word('(?:en\\s+|à\\s+la\\s+)?fin\\s+(?:de\\s+(?:la\\s+)?)?soirée'), ' 20:00 - 23:00 '],
  // "en fin de matinée", "en début d'aprem": the morning, the afternoon (no part of them is offered apart).
  [
    word(
      '(?:en\\s+|à\\s+la\\s+|dans\\s+la\\s+)?(?:fin|milieu)\\s+de\\s+(?:la\\s+)?matinée|(?:en\\s+)?matinée|t[oô]t\\s+le\\s+matin|de\\s+bonne\\s+heure',
    ),
    ' le matin ',
  ],
  [word("(?:en\\s+|au\\s+)?d[ée]but\\s+(?:de\\s+l['’]\\s?|d['’]\\s?)après-midi"), " l'après-midi "],
  [word('après\\s+(?:le\\s+)?déjeuner'), ' 13:00 - 17:00 '],
  [word('avant\\s+(?:le\\s+)?déjeuner'), ' 10:00 - 12:00 '],
  [
    word(
      "(?:pendant\\s+le|à\\s+l['’]\\s?heure\\s+du|au\\s+moment\\s+(?:du|de)|à\\s+l['’]\\s?heure\\s+de)\\s+déjeuner|(?:au|le)\\s+déjeuner",
    ),
    ' 12:00 - 14:00 ',
  ],
  [word('après\\s+le\\s+travail'), ' 17:00 - 21:00 '],
  [word('dans\\s+la\\s+journée'), " aujourd'hui "],
];

export const frenchReader: WhenReader = latinReader({
  chrono: chrono.fr.casual,
  pastReadings: true,
  spelling: FRENCH_ACCENTS,
  normalize: (text) => frenchRanges(rewrite(frenchClockWords(frenchDayWords(frenchDurations(text))), FRENCH_REWRITES)),
  spellDate: (day) => `${day.day} ${FRENCH_MONTHS[day.month - 1]} ${day.year}`,
  dateRules: [
    [
      new RegExp(`(?<![\\p{L}])(${FR_WEEKDAY})\\s+(?:de\\s+)?la\\s+semaine\\s+(?:prochaine|suivante|d['’]après)(?![\\p{L}])`, 'giu'),
      (today, a) => ofNextWeek(today, frWeekday(a) ?? 0),
    ],
    [
      new RegExp(`(?<![\\p{L}])(${FR_WEEKDAY})\\s+(?:de\\s+)?cette\\s+semaine(?![\\p{L}])`, 'giu'),
      (today, a) => ofThisWeek(today, frWeekday(a) ?? 0),
    ],
    // "mardi en huit", "mardi suivant": a week after the coming Tuesday, counting today ("en quinze": two).
    [
      new RegExp(`(?<![\\p{L}])(${FR_WEEKDAY})\\s+(?:suivant|d['’]après)(?![\\p{L}])`, 'giu'),
      (today, a) => nextOrToday(today, frWeekday(a) ?? 0).plus({ weeks: 1 }),
    ],
    [
      new RegExp(`(?<![\\p{L}])(${FR_WEEKDAY})\\s+en\\s+(huit|8|quinze|15)(?![\\p{L}\\d])`, 'giu'),
      (today, a, n) => nextOrToday(today, frWeekday(a) ?? 0).plus({ weeks: /huit|8/.test(n) ? 1 : 2 }),
    ],
    // "mercredi prochain" is the Wednesday of next week, as English reads "next Wednesday".
    [
      new RegExp(`(?<![\\p{L}])(?:(${FR_WEEKDAY})\\s+prochain|prochain\\s+(${FR_WEEKDAY}))(?![\\p{L}])`, 'giu'),
      (today, a, b) => ofNextWeek(today, frWeekday(a || b) ?? 0),
    ],
    [
      new RegExp(`(?<![\\p{L}])(?:le\\s+)?(?:premier|1er)\\s+(${FR_WEEKDAY})\\s+(?:du|de)\\s+(?:mois\\s+prochain)(?![\\p{L}])`, 'giu'),
      (today, a) => firstWeekdayOfMonth(today, 1, frWeekday(a) ?? 0),
    ],
    [/(?<![\p{L}])(?:le\s+)?(?:jour\s+suivant|lendemain|jour\s+d['’]après)(?![\p{L}])/giu, (today) => today.plus({ days: 1 })],
  ],
  partsOfDay: [
    [word('(?:du|le|au|ce|dans\\s+la)\\s+mat(?:in(?:ée)?)?|mat(?:in(?:ée)?)'), 'morning'],
    [word("(?:de\\s+l['’]\\s?|l['’]\\s?|cet\\s+|dans\\s+l['’]\\s?)?après-midi"), 'afternoon'],
    [word('(?:du|le|ce|dans\\s+la)\\s+soir(?:ée)?|soir(?:ée)?'), 'evening'],
  ],
  ownRules: [
    { kind: 'daysFromNow', pattern: word('après-demain()'), numbers: { '': 2 } },
    { kind: 'nextWeek', pattern: word('(?:la\\s+)?semaine\\s+(?:prochaine|pro)') },
    weekendRule(
      word(
        '(?:le\\s+|ce\\s+)?(?:week-?end|fin\\s+de\\s+semaine)\\s+(?:prochain|suivant)|(?:le\\s+)?prochain\\s+(?:week-?end|fin\\s+de\\s+semaine)',
      ),
      1,
    ),
    weekendRule(word('(?:(?:ce|le|pour\\s+le)\\s+)?(?:week-?end|fin\\s+de\\s+semaine)'), 0),
    // "3 heures suivantes" is already "3h suivantes" (frenchClockWords).
    nextHoursRule(
      word(
        `(?:(?:dans|pendant)\\s+)?(?:les\\s+)?(?:(\\d{1,2}|${FR_NUMBER})\\s+prochaines\\s+heures|prochaines\\s+(\\d{1,2}|${FR_NUMBER})\\s+heures|(\\d{1,2}|${FR_NUMBER})\\s*(?:h|heures)\\s+suivantes)`,
      ),
      frNumber,
    ),
    {
      kind: 'daysFromNow',
      pattern: word(`(\\d{1,2}|${FR_NUMBER})\\s+jours?\\s+(?:plus\\s+tard|après)(?!\\s+(?:le|la|l['’]|du|de|d['’])(?![\\p{L}]))`),
      numbers: FRENCH_NUMBERS,
    },
    {
      kind: 'dayOfMonth',
      pattern: new RegExp(`(?<![\\p{L}\\d])le\\s+(\\d{1,2})(?!\\s*(?:${FRENCH_MONTH_PATTERN}|[:/.-]\\d|\\d|h(?![\\p{L}])|heures?))`, 'giu'),
    },
  ],
});
