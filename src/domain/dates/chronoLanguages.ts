import * as chrono from 'chrono-node';
import type { DateTime } from 'luxon';
import type { ChronoLanguage, CustomRule } from './chronoParser';
import { accented, numericDates, rewrite, word, type Rewrite } from './normalizeText';
import { lastWeekdayOfMonth, nextHoursRange, weekdayOfWeek as weekdaysOfWeek, weekendRange } from './grammars/calendar';
import type { Piece } from './reading';

/** "в 3 часа дня", "às 3 da tarde": the hour of the afternoon written as a 24-hour one. */
function afternoonHour(hour: string): string {
  const value = Number(hour);
  return String(value >= 1 && value < 12 ? value + 12 : value);
}

// ── Phrases chrono lacks in every language, read by our own rules ───────────────────────────

/** The weekday (1 = Monday … 7 = Sunday) of this week (`weeks` 0), next week (1), …; calendar.ts says why a past one comes second. */
function weekdayOfWeek(now: DateTime, weekday: number, weeks: number): Piece[] {
  return weekdaysOfWeek(now, weekday, weeks).map((day): Piece => ({ kind: 'day', day }));
}

function weekend(now: DateTime, weeks: number): Piece {
  return { kind: 'reading', reading: weekendRange(now, weeks) };
}

function nextHours(now: DateTime, hours: number): Piece | undefined {
  const reading = nextHoursRange(now, hours);
  return reading && { kind: 'reading', reading };
}

/** A day of a month (1–12): this year's if still ahead, otherwise next year's. */
function dayOfMonthIn(now: DateTime, day: number, month: number): Piece | undefined {
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= 31)) return undefined;
  const today = now.startOf('day');
  for (const year of [today.year, today.year + 1]) {
    const date = today.set({ year, month, day: 1 }).set({ day });
    if (date.month === month && date >= today) return { kind: 'day', day: date };
  }
  return undefined;
}

/** The number a word or digits stand for, through `table`. */
function valueOf(text: string | undefined, table: Readonly<Record<string, number>>): number | undefined {
  if (text === undefined || text === '') return undefined;
  if (/^\d+$/.test(text)) return Number(text);
  return Object.prototype.hasOwnProperty.call(table, text) ? table[text] : undefined;
}

/** The weekday a word names: the first of `stems` (index 0 = Monday) it starts with. */
function weekdayOf(text: string | undefined, stems: readonly string[]): number | undefined {
  if (!text) return undefined;
  const said = text.replace(/\s+/g, ' ');
  const index = stems.findIndex((stem) => said.startsWith(stem));
  return index < 0 ? undefined : index + 1;
}

function rule(pattern: RegExp, read: CustomRule['read']): CustomRule {
  return { pattern, read };
}

/** Alternation of literal words, longest first. */
function alternation(words: readonly string[]): string {
  return [...words].sort((a, b) => b.length - a.length).join('|');
}

/**
 * "вторник на следующей неделе", "на следующей неделе во вторник": that weekday of that week.
 * `weekday` is a pattern with one group, read through `stems`; `weeks` pairs a week's pattern
 * (no groups) with its offset from this week; `before` may stand between the week and the weekday.
 */
function weekdayOfWeekRules(
  weekday: string,
  stems: readonly string[],
  weeks: ReadonlyArray<readonly [pattern: string, offset: number]>,
  before = '',
): CustomRule[] {
  return weeks.flatMap(([week, offset]) => {
    const read: CustomRule['read'] = ([name], now) => {
      const day = weekdayOf(name, stems);
      return day === undefined ? undefined : weekdayOfWeek(now, day, offset);
    };
    return [rule(word(`(?:${before})?${weekday},?\\s+(?:${week})`), read), rule(word(`(?:${week}),?\\s+(?:${before})?${weekday}`), read)];
  });
}

// ── Russian ─────────────────────────────────────────────────────────────────────────────────

const RUSSIAN_MONTHS = [
  'января',
  'февраля',
  'марта',
  'апреля',
  'мая',
  'июня',
  'июля',
  'августа',
  'сентября',
  'октября',
  'ноября',
  'декабря',
];
const RUSSIAN_NUMBERS: Readonly<Record<string, number>> = {
  одну: 1,
  один: 1,
  одна: 1,
  два: 2,
  две: 2,
  три: 3,
  четыре: 4,
  пять: 5,
  шесть: 6,
  семь: 7,
  десять: 10,
};

/** Cardinal hours ("в девять", "в пятнадцать часов"); "в час" is one o'clock. */
const RUSSIAN_HOURS: Readonly<Record<string, number>> = {
  час: 1,
  один: 1,
  два: 2,
  три: 3,
  четыре: 4,
  пять: 5,
  шесть: 6,
  семь: 7,
  восемь: 8,
  девять: 9,
  десять: 10,
  одиннадцать: 11,
  двенадцать: 12,
  тринадцать: 13,
  четырнадцать: 14,
  пятнадцать: 15,
  шестнадцать: 16,
  семнадцать: 17,
  восемнадцать: 18,
  девятнадцать: 19,
  двадцать: 20,
};
const RUSSIAN_MINUTES: Readonly<Record<string, number>> = {
  десять: 10,
  пятнадцать: 15,
  двадцать: 20,
  тридцать: 30,
  сорок: 40,
  'сорок пять': 45,
  пятьдесят: 50,
};
/** "без четверти три": minutes before the hour, in the genitive. */
const RUSSIAN_MINUTES_BEFORE: Readonly<Record<string, number>> = {
  пяти: 5,
  десяти: 10,
  четверти: 15,
  пятнадцати: 15,
  двадцати: 20,
  'двадцати пяти': 25,
};
/** Ordinal stems: days ("двадцать четвёртое февраля") and hours ("в половине третьего"). */
const RUSSIAN_ORDINALS: Readonly<Record<string, number>> = {
  перв: 1,
  втор: 2,
  трет: 3,
  четверт: 4,
  пят: 5,
  шест: 6,
  седьм: 7,
  восьм: 8,
  девят: 9,
  десят: 10,
  одиннадцат: 11,
  двенадцат: 12,
  тринадцат: 13,
  четырнадцат: 14,
  пятнадцат: 15,
  шестнадцат: 16,
  семнадцат: 17,
  восемнадцат: 18,
  девятнадцат: 19,
  двадцат: 20,
  тридцат: 30,
};
const RUSSIAN_ORDINAL = `(?:(двадцать|тридцать)\\s+)?(${alternation(Object.keys(RUSSIAN_ORDINALS))})(?:ьего|ьему|ье|ого|ому|ое|ый|ий|ой|ья|ая)`;
const RUSSIAN_MONTH_START = '(?=\\s+(?:янв|фев|мар|апр|ма[яй]|июн|июл|авг|сен|окт|ноя|дек|числа))';
const RUSSIAN_WEEKDAY_STEMS = ['понедельн', 'вторн', 'сред', 'четверг', 'пятниц', 'суббот', 'воскресен'];
const RUSSIAN_WEEKDAY = `((?:${RUSSIAN_WEEKDAY_STEMS.join('|')})\\p{L}*)`;

function russianOrdinal(tens: string | undefined, stem: string): number {
  return (tens === 'двадцать' ? 20 : tens === 'тридцать' ? 30 : 0) + (RUSSIAN_ORDINALS[stem.replace('ё', 'е')] ?? NaN);
}

/** Hours and days said in words, and "half past" / "quarter to" forms, as digits chrono reads. */
const RUSSIAN_HOUR = alternation(Object.keys(RUSSIAN_HOURS));
const RUSSIAN_HOUR_ORDINAL = `(${alternation(Object.keys(RUSSIAN_ORDINALS).filter((stem) => RUSSIAN_ORDINALS[stem] <= 12))})(?:ьего|ого)`;
const RUSSIAN_WORD_PATTERNS = {
  ordinalDay: word(RUSSIAN_ORDINAL + RUSSIAN_MONTH_START),
  halfPast: word(`(?:в\\s+)?(?:половин[аеу]\\s+|пол-?\\s?)${RUSSIAN_HOUR_ORDINAL}`),
  quarterPast: word(`(?:в\\s+)?четверть\\s+${RUSSIAN_HOUR_ORDINAL}`),
  before: word(`(?:в\\s+)?без\\s+(${alternation(Object.keys(RUSSIAN_MINUTES_BEFORE))})\\s+(${RUSSIAN_HOUR}|\\d{1,2})`),
  at: word(`(в|к|около)\\s+(${RUSSIAN_HOUR})(?:\\s+(${alternation(Object.keys(RUSSIAN_MINUTES))}))?`),
  hours: word(`(?<!(?:через|на|за|следующие|ближайшие|течение)\\s+)(${RUSSIAN_HOUR})(\\s+час(?:а|ов))`),
};

function russianNumberWords(text: string): string {
  const previousHour = (stem: string): number => ((RUSSIAN_ORDINALS[stem] + 10) % 12) + 1;
  return text
    .replace(/ё/g, 'е')
    .replace(RUSSIAN_WORD_PATTERNS.ordinalDay, (_, tens: string | undefined, stem: string) => String(russianOrdinal(tens, stem)))
    .replace(RUSSIAN_WORD_PATTERNS.halfPast, (_, stem: string) => `в ${previousHour(stem)}:30`)
    .replace(RUSSIAN_WORD_PATTERNS.quarterPast, (_, stem: string) => `в ${previousHour(stem)}:15`)
    .replace(RUSSIAN_WORD_PATTERNS.before, (whole, before: string, hour: string) => {
      const value = valueOf(hour, RUSSIAN_HOURS);
      if (value === undefined) return whole;
      const previous = value === 1 ? 12 : value - 1;
      return `в ${previous}:${String(60 - RUSSIAN_MINUTES_BEFORE[before]).padStart(2, '0')}`;
    })
    .replace(
      RUSSIAN_WORD_PATTERNS.at,
      (_, at: string, hour: string, minute: string | undefined) =>
        `${at} ${RUSSIAN_HOURS[hour]}${minute ? `:${RUSSIAN_MINUTES[minute]}` : ''}`,
    )
    .replace(RUSSIAN_WORD_PATTERNS.hours, (_, hour: string, unit: string) => `в ${RUSSIAN_HOURS[hour]}${unit}`);
}

const RUSSIAN_REWRITES: ReadonlyArray<Rewrite> = [
  [word('tomorrow'), 'завтра'],
  // "18-го февраля", "24-е февраля": chrono reads the day without its ending.
  [new RegExp(`(?<![\\p{L}\\d])(\\d{1,2})-?(?:ого|ому|ое|го|е|му)${RUSSIAN_MONTH_START}`, 'giu'), '$1'],
  [/(?<![\p{L}\d])(\d{1,2})\s*ч\s*(\d{2})(?![\p{L}\d])/giu, '$1:$2'],
  // "3 часа", "15 часов" said as the answer to "when?": the hour ("через 3 часа" stays a duration).
  [/(?<!(?:в|к|около|через|на|за|следующие|ближайшие|течение)\s*)(?<![\p{L}\d:.])(\d{1,2})(\s*час(?:а|ов)?)(?![\p{L}])/giu, 'в $1$2'],
  // "на 10 утра", "на 7 вечера": "на" before an hour of the morning or evening is "в" (at); "на 3 дня" stays "for 3 days".
  [/(?<![\p{L}])на\s+(?=\d{1,2}(?::\d{2})?\s*(?:утра|вечера)(?![\p{L}]))/giu, 'в '],
  // Typed in Latin letters or without ё.
  [word('zavtra'), 'завтра'],
  [word('poslezavtra'), 'послезавтра'],
  [word('сегодн[яи]'), 'сегодня'],
  [word('днем'), 'днём'],
  // "в 3 часа дня" / "в 7 вечера": chrono reads "3 часа" as three hours from now.
  [/(?<![\p{L}])(в|к|около)\s*(\d{1,2})(?:[:.](\d{2}))?\s*(?:час(?:а|ов)?|ч)?\s+(?:дня|вечера)(?![\p{L}])/giu, '$1 §$2§$3'],
  [/(?<![\p{L}])(в|к|около)\s*(\d{1,2})(?:\s*(?:час(?:а|ов)?|ч))?\s+(утра|ночи)(?![\p{L}])/giu, '$1 $2 $3'],
  [/(?<![\p{L}])(в|к|около)\s*(\d{1,2})\s*(?:час(?:а|ов)?|ч)(?![\p{L}])/giu, '$1 $2'],
  [/(?<![\p{L}])к\s+(\d{1,2})/giu, 'в $1'],
];

export const RUSSIAN: ChronoLanguage = {
  chrono: chrono.ru.casual,
  normalize: (text) =>
    numericDates(
      rewrite(russianNumberWords(text), RUSSIAN_REWRITES),
      'dmy',
      (day, month, year) => `${day} ${RUSSIAN_MONTHS[month - 1]}${year ? ` ${year}` : ''}`,
    ).replace(
      /§(\d{1,2})§(\d{2})?/g,
      (_, hour: string, minute: string | undefined) => `${afternoonHour(hour)}${minute ? `:${minute}` : ''}`,
    ),
  partsOfDay: [
    [word('с\\s+утра|утром|утра'), 'morning'],
    [word('после\\s+обеда|днём|пополудни'), 'afternoon'],
    [word('вечером|вечера'), 'evening'],
    [word('в\\s+полдень|полдень|в\\s+обед'), 'noon'],
  ],
  ownRules: [
    ...weekdayOfWeekRules(
      RUSSIAN_WEEKDAY,
      RUSSIAN_WEEKDAY_STEMS,
      [
        ['(?:на\\s+)?следующ\\p{L}*\\s+недел\\p{L}*', 1],
        ['(?:на\\s+)?(?:этой|этой\\s+же)\\s+недел\\p{L}*', 0],
      ],
      '(?:в|во)\\s+',
    ),
    // "в следующую среду": the Wednesday of next week, as English reads "next Wednesday".
    rule(word(`(?:(?:в|во)\\s+)?следующ\\p{L}*\\s+${RUSSIAN_WEEKDAY}`), ([name], now) => {
      const day = weekdayOf(name, RUSSIAN_WEEKDAY_STEMS);
      return day === undefined ? undefined : weekdayOfWeek(now, day, 1);
    }),
    rule(word('(?:в|на)\\s+(?:эти|этих)\\s+выходн\\p{L}*|(?:в|на)\\s+выходн\\p{L}*|выходные'), (_g, now) => weekend(now, 0)),
    rule(word('(?:в|на)\\s+следующи[ех]\\s+выходн\\p{L}*'), (_g, now) => weekend(now, 1)),
    rule(word('(?:в\\s+)?(?:следующие|ближайшие|в\\s+течение)\\s+(\\d+|\\p{L}+)\\s+час\\p{L}*'), ([count], now) => {
      const hours = valueOf(count, RUSSIAN_HOURS);
      return hours === undefined ? undefined : nextHours(now, hours);
    }),
    { kind: 'nextWeek', pattern: word('на\\s+следующей\\s+неделе|на\\s+след\\.?\\s+неделе|следующая\\s+неделя') },
    { kind: 'dayOfMonth', pattern: /(?<![\p{L}\d])(\d{1,2})-(?:го|ого|е)(?![\p{L}\d])/giu },
    { kind: 'weeksFromNow', pattern: word('через\\s+(\\d+|\\p{L}+)\\s+недел[юиь]'), numbers: RUSSIAN_NUMBERS },
    { kind: 'weeksFromNow', pattern: word('через\\s+()недел[юи]'), numbers: { '': 1 } },
    { kind: 'daysFromNow', pattern: word('через\\s+(\\d+|\\p{L}+)\\s+(?:дня|дней|день)'), numbers: RUSSIAN_NUMBERS },
    { kind: 'dayOfMonth', pattern: /(?<![\p{L}\d])(\d{1,2})(?:-?го)?\s+числа(?![\p{L}])/giu },
  ],
};

// ── Portuguese ──────────────────────────────────────────────────────────────────────────────

const PORTUGUESE_MONTHS = [
  'janeiro',
  'fevereiro',
  'março',
  'abril',
  'maio',
  'junho',
  'julho',
  'agosto',
  'setembro',
  'outubro',
  'novembro',
  'dezembro',
];
const PORTUGUESE_NUMBERS: Readonly<Record<string, number>> = {
  um: 1,
  uma: 1,
  dois: 2,
  duas: 2,
  três: 3,
  tres: 3,
  quatro: 4,
  cinco: 5,
  seis: 6,
  sete: 7,
  dez: 10,
  quinze: 15,
};

/** Weekdays and their short forms, after the rewrites above have put accents back ("terca" → "terça"). */
const PORTUGUESE_WEEKDAY_NAMES = 'segunda|terça|quarta|quinta|sexta|sábado|domingo|seg|ter|qua|qui|sex|dom';

const PORTUGUESE_REWRITES: ReadonlyArray<Rewrite> = [
  [word('tomorrow'), 'amanhã'],
  // "até agora nada" (so far nothing) tells a story: no time is asked for.
  [word('at[eé]\\s+agora'), ' '],
  ...accented([
    ['amanha', 'amanhã'],
    ['manha', 'manhã'],
    ['terca', 'terça'],
    ['sabado', 'sábado'],
    ['proxima', 'próxima'],
    ['proximo', 'próximo'],
    ['as', 'às'],
    ['meio dia', 'meio-dia'],
    ['meiodia', 'meio-dia'],
    ['sáb|sab', 'sábado'],
    ['dom', 'domingo'],
  ]),
  // "neste momento": today.
  [word('n?(?:este|esse)\\s+momento'), 'hoje'],
  // "ter uma consulta": the verb, not Tuesday's short form ("ter 10h", "ter de manhã").
  [word('ter(?=\\s+(?:uma?|o|os|as|que|minha|meu|hora|horário|horario|consulta|agendamento|atendimento|vaga)(?![\\p{L}]))'), 'possuir'],
  // "quarta feira": chrono knows "quarta-feira".
  [word(`(${PORTUGUESE_WEEKDAY_NAMES})\\s+feira`), '$1-feira'],
  // "quarta 15h30", "sexta 9h", "qua 10:00": a weekday, then its time (chrono reads "quarta às 15:30",
  // and without "às" found "a 15:30" inside "quarta", today). Not before a bare number: "sexta 15" is the 15th.
  [
    new RegExp(
      `(?<![\\p{L}])((?:${PORTUGUESE_WEEKDAY_NAMES})(?:-feira)?)\\s+(?=\\d{1,2}(?::\\d{2}|\\s*(?:h|hs|hrs?|horas?)(?:\\s*\\d{2})?)(?![\\p{L}\\d]))`,
      'giu',
    ),
    '$1 às ',
  ],
  // "às 3 da tarde" / "às 8 da noite".
  [/(\d{1,2})(?::(\d{2}))?\s*(?:h\s*)?(?:da|de)\s+(?:tarde|noite)(?![\p{L}])/giu, '§$1§$2'],
];

/** 1–31 in words: days of the month ("três de março"), counts ("em vinte e quatro horas"). */
const PORTUGUESE_COUNTS: Readonly<Record<string, number>> = (() => {
  const units: Record<string, number> = {
    um: 1,
    uma: 1,
    dois: 2,
    duas: 2,
    três: 3,
    tres: 3,
    quatro: 4,
    cinco: 5,
    seis: 6,
    sete: 7,
    oito: 8,
    nove: 9,
  };
  const table: Record<string, number> = {
    ...units,
    primeiro: 1,
    dez: 10,
    onze: 11,
    doze: 12,
    treze: 13,
    catorze: 14,
    quatorze: 14,
    quinze: 15,
    dezesseis: 16,
    dezasseis: 16,
    dezessete: 17,
    dezassete: 17,
    dezoito: 18,
    dezenove: 19,
    dezanove: 19,
    vinte: 20,
    trinta: 30,
    'trinta e um': 31,
  };
  for (const [unit, value] of Object.entries(units)) table[`vinte e ${unit}`] = 20 + value;
  return table;
})();
const PORTUGUESE_COUNT = alternation(Object.keys(PORTUGUESE_COUNTS));
const PORTUGUESE_WEEKDAY_STEMS = ['segunda', 'terça', 'quarta', 'quinta', 'sexta', 'sábado', 'domingo'];
const PORTUGUESE_WEEKDAY = `((?:${PORTUGUESE_WEEKDAY_STEMS.join('|')})(?:-feira|\\s+feira)?)`;

const PORTUGUESE_HOUR_WORDS: Readonly<Record<string, number>> = {
  uma: 1,
  duas: 2,
  três: 3,
  tres: 3,
  quatro: 4,
  cinco: 5,
  seis: 6,
  sete: 7,
  oito: 8,
  nove: 9,
  dez: 10,
  onze: 11,
  doze: 12,
  treze: 13,
  catorze: 14,
  quatorze: 14,
  quinze: 15,
  dezesseis: 16,
  dezessete: 17,
  dezoito: 18,
  dezenove: 19,
  vinte: 20,
};
const PORTUGUESE_MINUTE_WORDS: Readonly<Record<string, number>> = {
  meia: 30,
  cinco: 5,
  dez: 10,
  quinze: 15,
  vinte: 20,
  'vinte e cinco': 25,
  trinta: 30,
  'trinta e cinco': 35,
  quarenta: 40,
  'quarenta e cinco': 45,
  cinquenta: 50,
  'cinquenta e cinco': 55,
  'um quarto': 15,
  quarto: 15,
};

/** "às três e meia" → "às 3:30", "quinze para o meio-dia" → "às 11:45": chrono reads hours in digits only. */
const PORTUGUESE_HOUR = alternation(Object.keys(PORTUGUESE_HOUR_WORDS));
const PORTUGUESE_MINUTE = alternation(Object.keys(PORTUGUESE_MINUTE_WORDS));
const PORTUGUESE_NOON = 'meio[\\s-]?dia';
const PORTUGUESE_CLOCK_PATTERNS = {
  midnight: word('meia[\\s-]?noite'),
  before: word(
    `(${PORTUGUESE_MINUTE}|\\d{1,2})\\s+(?:minutos\\s+)?para\\s+(?:o\\s+|as\\s+|às\\s+|a\\s+)?(${PORTUGUESE_NOON}|${PORTUGUESE_HOUR}|\\d{1,2})`,
  ),
  after: word(`(?:(às|as|das|pelas|ao)\\s+)?(${PORTUGUESE_NOON}|${PORTUGUESE_HOUR}|\\d{1,2})\\s+e\\s+(${PORTUGUESE_MINUTE})`),
  at: word(`(?:às|as|das|pelas)\\s+(${PORTUGUESE_HOUR}|\\d{1,2})(?:\\s+e\\s+(\\d{1,2}))?`),
};

function portugueseHourWords(text: string): string {
  const hourOf = (hour: string): number => (/^meio/.test(hour) ? 12 : (PORTUGUESE_HOUR_WORDS[hour] ?? Number(hour)));
  const minuteOf = (minute: string): number => PORTUGUESE_MINUTE_WORDS[minute] ?? Number(minute);
  const clock = (hour: number, minute: number): string => `às ${hour}${minute ? `:${String(minute).padStart(2, '0')}` : ''}`;
  return text
    .replace(PORTUGUESE_CLOCK_PATTERNS.midnight, 'às 0')
    .replace(PORTUGUESE_CLOCK_PATTERNS.before, (whole, minute: string, hour: string) => {
      const [h, m] = [hourOf(hour), minuteOf(minute)];
      if (!(h >= 1 && h <= 24 && m > 0 && m < 60)) return whole;
      return h === 12 && /^meio/.test(hour) ? `${clock(11, 60 - m)} da manhã` : clock(h - 1 === 0 ? 12 : h - 1, 60 - m);
    })
    .replace(PORTUGUESE_CLOCK_PATTERNS.after, (whole, at: string | undefined, hour: string, minute: string) =>
      at || !/^\d/.test(hour) || Number(hour) <= 24 ? clock(hourOf(hour), minuteOf(minute)) : whole,
    )
    .replace(PORTUGUESE_CLOCK_PATTERNS.at, (_, hour: string, minute: string | undefined) =>
      clock(hourOf(hour), minute ? Number(minute) : 0),
    );
}

/** "três de março", "1º de março", "dia quinze": days in digits, as chrono reads them. */
const PORTUGUESE_DAY_PATTERNS = {
  ofMonth: word(
    `(${PORTUGUESE_COUNT}|\\d{1,2})(?:o|º|°)?(\\s+de\\s+(?:janeiro|fevereiro|março|marco|abril|maio|junho|julho|agosto|setembro|outubro|novembro|dezembro))`,
  ),
  day: word(`dia\\s+(${PORTUGUESE_COUNT})`),
};

function portugueseDayWords(text: string): string {
  return text
    .replace(PORTUGUESE_DAY_PATTERNS.ofMonth, (_, day: string, rest: string) => `${valueOf(day, PORTUGUESE_COUNTS)}${rest}`)
    .replace(PORTUGUESE_DAY_PATTERNS.day, (_, day: string) => `dia ${PORTUGUESE_COUNTS[day]}`);
}

/** "15h", "15h30", "15 horas", "15.30": chrono knows "15:30" and "às 15". */
function portugueseHours(text: string): string {
  return (
    text
      .replace(/(?<![\d.])(\d{1,2})\.([0-5]\d)(?![\d.])/g, (whole, hour: string, minute: string) =>
        Number(minute) > 12 || minute === '00' ? `${hour}:${minute}` : whole,
      )
      // "6 da manhã": the hour, in the morning.
      .replace(
        /(?<![\p{L}\d:]\s?|às\s)(\d{1,2})(?::(\d{2}))?\s*(?:h\s*)?(?=(?:da|de)\s+manhã)/giu,
        (_, hour: string, minute: string | undefined) => `às ${hour}${minute ? `:${minute}` : ''} `,
      )
      .replace(
        /(?<!(?<![\p{L}])(?:em|a|de|próximas|proximas)\s)(?<![\p{L}\d:])(\d{1,2})\s*(?:h|hs|hrs?|horas?)\s*(\d{2})?(?![\p{L}\d])/giu,
        (_, hour: string, minute: string | undefined) => (minute ? `${hour}:${minute}` : `às ${hour}`),
      )
      .replace(
        /§(\d{1,2})§(\d{2})?/g,
        (_, hour: string, minute: string | undefined) => `às ${afternoonHour(hour)}${minute ? `:${minute}` : ''}`,
      )
      .replace(/(\d{1,2}):(?![\d])/g, 'às $1')
      .replace(/às\s+às/g, 'às')
  );
}

export const PORTUGUESE: ChronoLanguage = {
  chrono: chrono.pt.casual,
  normalize: (text) =>
    numericDates(
      portugueseHours(portugueseHourWords(portugueseDayWords(rewrite(text, PORTUGUESE_REWRITES)))),
      'dmy',
      (day, month, year) => `${day} de ${PORTUGUESE_MONTHS[month - 1]}${year ? ` de ${year}` : ''}`,
    ),
  partsOfDay: [
    // "amanhã cedo", "bem cedo": early, in the morning ("o mais cedo possível" is as soon as possible).
    [word('(?:de|pela|na|da)\\s+manhã(?:\\s+cedo)?|manhã|(?<!mais\\s)(?:bem\\s+)?cedo(?!\\s+poss[ií]vel)'), 'morning'],
    [word('(?:de|pela|à|a|na|da)\\s+tarde|tarde'), 'afternoon'],
    [word('(?:de|à|a|na|da)\\s+noite|noite'), 'evening'],
    [word('(?:ao|no|de)\\s+meio-dia|meio-dia'), 'noon'],
  ],
  ownRules: [
    // "depois de amanhã": chrono reads only "amanhã".
    { kind: 'daysFromNow', pattern: word('depois\\s+de\\s+amanhã()'), numbers: { '': 2 } },
    ...weekdayOfWeekRules(
      PORTUGUESE_WEEKDAY,
      PORTUGUESE_WEEKDAY_STEMS,
      [
        ['(?:da|na)\\s+(?:semana\\s+que\\s+vem|próxima\\s+semana)', 1],
        ['(?:desta|dessa|nesta|nessa)\\s+semana', 0],
      ],
      '(?:na|no)\\s+',
    ),
    // "na próxima quarta": the Wednesday of next week, as English reads "next Wednesday".
    rule(word(`(?:n[ao]\\s+)?pr[óo]xim[ao]\\s+${PORTUGUESE_WEEKDAY}`), ([name], now) => {
      const day = weekdayOf(name, PORTUGUESE_WEEKDAY_STEMS);
      return day === undefined ? undefined : weekdayOfWeek(now, day, 1);
    }),
    // "quarta que vem": next week's, as "quarta da semana que vem" (this week's is "nesta quarta",
    // "quarta agora"); the coming one, if still this week, follows as a second reading.
    rule(word(`${PORTUGUESE_WEEKDAY}\\s+que\\s+vem`), ([name], now) => {
      const day = weekdayOf(name, PORTUGUESE_WEEKDAY_STEMS);
      if (day === undefined) return undefined;
      const thisWeek = weekdaysOfWeek(now, day, 0).filter((date) => date > now.startOf('day'));
      return [...weekdayOfWeek(now, day, 1), ...thisWeek.map((date): Piece => ({ kind: 'day', day: date }))];
    }),
    // "(essa) terça agora": this week's, today included (chrono would read "agora" as now).
    rule(word(`(?:(?:n?essa|n?esta|n?esse|n?este)\\s+)?${PORTUGUESE_WEEKDAY}\\s+agora`), ([name], now) => {
      const day = weekdayOf(name, PORTUGUESE_WEEKDAY_STEMS);
      return day === undefined ? undefined : weekdayOfWeek(now, day, 0);
    }),
    rule(word('(?:no\\s+)?(?:próximo\\s+(?:fim|final)\\s+de\\s+semana|(?:fim|final)\\s+de\\s+semana\\s+que\\s+vem)'), (_g, now) =>
      weekend(now, 1),
    ),
    rule(word('(?:(?:n?este|n?esse|no|para\\s+o)\\s+)?(?:fim|final)\\s+de\\s+semana'), (_g, now) => weekend(now, 0)),
    rule(word(`(?:nas\\s+)?pr[óo]xim[ao]s\\s+(\\d+|${PORTUGUESE_COUNT})\\s+horas`), ([count], now) => {
      const hours = valueOf(count, PORTUGUESE_COUNTS);
      return hours === undefined ? undefined : nextHours(now, hours);
    }),
    rule(word(`(?:daqui\\s+a|em|dentro\\s+de)\\s+(\\d+|${PORTUGUESE_COUNT}|meia)\\s+(horas?|meses|mês|mes)`), ([count, unit], now) => {
      const amount = count === 'meia' ? 0.5 : valueOf(count, PORTUGUESE_COUNTS);
      if (amount === undefined || amount <= 0) return undefined;
      if (unit.startsWith('hora'))
        return { kind: 'reading', reading: { start: now.plus({ minutes: amount * 60 }).startOf('minute'), precision: 'minute' } };
      return Number.isInteger(amount) ? { kind: 'day', day: now.startOf('day').plus({ months: amount }) } : undefined;
    }),
    { kind: 'nextWeek', pattern: word('(?:na\\s+)?(?:próxima\\s+semana|semana\\s+que\\s+vem)') },
    {
      kind: 'weeksFromNow',
      pattern: word('(?:daqui\\s+a|em|dentro\\s+de|depois\\s+de)\\s+(\\d+|\\p{L}+)\\s+semanas?'),
      numbers: PORTUGUESE_NUMBERS,
    },
    {
      kind: 'daysFromNow',
      pattern: word('(?:daqui\\s+a|em|dentro\\s+de|depois\\s+de)\\s+(\\d+|\\p{L}+)\\s+dias?'),
      numbers: PORTUGUESE_NUMBERS,
    },
    // "dia 11", "dia 11 de manhã" (not "dia 11 de dezembro", chrono's).
    { kind: 'dayOfMonth', pattern: word('(?:no\\s+)?dia\\s+(\\d{1,2})(?!\\s*(?:de(?!\\s+(?:manhã|tarde|noite|madrugada))|/))') },
  ],
};

// ── Arabic ──────────────────────────────────────────────────────────────────────────────────

/**
 * Arabic words are looked up by a key that ignores the spellings people mix: hamza on alef or
 * not, "ة" or "ه", "ى" or "ي", spaces ("وخمس واربعون"). Tables are written in that key's letters.
 */
function arabicKey(text: string): string {
  return text.replace(/[أإآ]/g, 'ا').replace(/ة/g, 'ه').replace(/ى/g, 'ي').replace(/\s+/g, '');
}

/** A pattern that matches a table's key however its letters are spelled. */
function arabicPattern(keys: readonly string[]): string {
  const letters: Readonly<Record<string, string>> = { ا: '[اأإآ]', ه: '[هة]', ي: '[يى]', ' ': '\\s*' };
  return alternation(keys.map((key) => [...key].map((letter) => letters[letter] ?? letter).join('')));
}

function arabicTable(entries: Readonly<Record<string, number>>): Readonly<Record<string, number>> {
  return Object.fromEntries(Object.entries(entries).map(([key, value]) => [arabicKey(key), value]));
}

/** Hours: ordinals ("الثالثة") alone or after "الساعة"; cardinals ("ثلاثه") after "الساعة" only. */
const ARABIC_ORDINAL_HOURS: Readonly<Record<string, number>> = {
  'الحاديه عشره': 11,
  'الحاديه عشر': 11,
  'الثانيه عشره': 12,
  'الثانيه عشر': 12,
  الواحده: 1,
  الثانيه: 2,
  الثالثه: 3,
  الرابعه: 4,
  الخامسه: 5,
  السادسه: 6,
  السابعه: 7,
  الثامنه: 8,
  التاسعه: 9,
  العاشره: 10,
};
const ARABIC_CARDINAL_HOURS: Readonly<Record<string, number>> = {
  'احدي عشره': 11,
  'احدي عشر': 11,
  'اثنا عشر': 12,
  'اثني عشر': 12,
  'اثنتا عشره': 12,
  واحده: 1,
  اثنين: 2,
  اثنتين: 2,
  ثلاثه: 3,
  ثلاث: 3,
  اربعه: 4,
  اربع: 4,
  خمسه: 5,
  خمس: 5,
  سته: 6,
  ست: 6,
  سبعه: 7,
  سبع: 7,
  ثمانيه: 8,
  ثمان: 8,
  تسعه: 9,
  تسع: 9,
  عشره: 10,
  عشر: 10,
  // As they are said in Egypt and the Levant (ث said ت, ن doubled).
  حداشر: 11,
  اتناشر: 12,
  اتنين: 2,
  تلاته: 3,
  تلات: 3,
  تمانيه: 8,
  تمن: 8,
};
const ARABIC_MINUTES: Readonly<Record<string, number>> = {
  'خمسه عشر': 15,
  'خمس عشره': 15,
  'خمسه وعشرين': 25,
  'خمس وعشرون': 25,
  'خمسه وثلاثين': 35,
  'خمس وثلاثون': 35,
  'خمسه واربعين': 45,
  'خمس واربعون': 45,
  'خمس واربعين': 45,
  'خمسه واربعون': 45,
  خمس: 5,
  خمسه: 5,
  عشر: 10,
  عشره: 10,
  ربع: 15,
  الربع: 15,
  ربعا: 15,
  ثلث: 20,
  الثلث: 20,
  تلت: 20,
  التلت: 20,
  ثلثا: 20,
  عشرين: 20,
  عشرون: 20,
  نص: 30,
  نصف: 30,
  النص: 30,
  النصف: 30,
  ثلاثين: 30,
  ثلاثون: 30,
  اربعين: 40,
  اربعون: 40,
  خمسين: 50,
  خمسون: 50,
};
const ARABIC_HOUR_TABLE = arabicTable({ ...ARABIC_CARDINAL_HOURS, ...ARABIC_ORDINAL_HOURS });
const ARABIC_MINUTE_TABLE = arabicTable(ARABIC_MINUTES);

/** "الساعة الثالثة وربع" → "الساعة 3:15", "الساعة 12 الا ربع" → "الساعة 11:45": chrono reads digits. */
const ARABIC_CLOCK_PATTERN = (() => {
  const ordinal = arabicPattern(Object.keys(ARABIC_ORDINAL_HOURS));
  const cardinal = arabicPattern(Object.keys(ARABIC_CARDINAL_HOURS));
  const minutes = `(?:${arabicPattern(Object.keys(ARABIC_MINUTES))}|\\d{1,2})(?:\\s*(?:دقيقة|دقيقه|دقائق))?`;
  return word(`(الساعة\\s+(?:${ordinal}|${cardinal}|\\d{1,2})|${ordinal})(?:\\s+و\\s?(${minutes})|\\s+(?:إلا|الا)\\s+(${minutes}))?`);
})();

function arabicClock(text: string): string {
  const number = (said: string, table: Readonly<Record<string, number>>): number | undefined => {
    const bare = said.replace(/^الساعة\s+/, '').replace(/\s*(?:دقيقة|دقيقه|دقائق)$/, '');
    return /^\d+$/.test(bare) ? Number(bare) : table[arabicKey(bare)];
  };
  return text.replace(ARABIC_CLOCK_PATTERN, (whole, hourSaid: string, after: string | undefined, before: string | undefined) => {
    const hour = number(hourSaid, ARABIC_HOUR_TABLE);
    const minute = after ? number(after, ARABIC_MINUTE_TABLE) : before ? number(before, ARABIC_MINUTE_TABLE) : 0;
    if (hour === undefined || minute === undefined || hour > 24 || minute >= 60) return whole;
    const [h, m] = before && minute > 0 ? [hour === 1 ? 12 : hour - 1, 60 - minute] : [hour, minute];
    return `الساعة ${h}${m ? `:${String(m).padStart(2, '0')}` : ''}`;
  });
}

const ARABIC_NUMBERS: Readonly<Record<string, number>> = { يوم: 1, أسبوع: 1, اسبوع: 1, ثلاثة: 3, ثلاث: 3, أربعة: 4, خمسة: 5 };

/** Gregorian (Egypt, Gulf) and Levantine month names, and "شهر 3" / "شهر ثلاثة". */
const ARABIC_MONTHS = arabicTable({
  يناير: 1,
  فبراير: 2,
  مارس: 3,
  ابريل: 4,
  مايو: 5,
  يونيو: 6,
  يونيه: 6,
  يوليو: 7,
  يوليه: 7,
  اغسطس: 8,
  سبتمبر: 9,
  اكتوبر: 10,
  نوفمبر: 11,
  ديسمبر: 12,
  'كانون الثاني': 1,
  شباط: 2,
  اذار: 3,
  نيسان: 4,
  ايار: 5,
  حزيران: 6,
  تموز: 7,
  اب: 8,
  ايلول: 9,
  'تشرين الاول': 10,
  'تشرين الثاني': 11,
  'كانون الاول': 12,
});
const ARABIC_MONTH_NUMBERS = arabicTable({
  واحد: 1,
  اثنين: 2,
  ثلاثه: 3,
  ثلاث: 3,
  اربعه: 4,
  اربع: 4,
  خمسه: 5,
  خمس: 5,
  سته: 6,
  ست: 6,
  سبعه: 7,
  سبع: 7,
  ثمانيه: 8,
  ثمان: 8,
  تسعه: 9,
  تسع: 9,
  عشره: 10,
  عشر: 10,
  'احدي عشر': 11,
  'اثنا عشر': 12,
  'اثني عشر': 12,
});
/** A month: group 1 its name or number; "الشهر القادم" is next month. */
const ARABIC_MONTH = `(?:من\\s+)?(?:شهر\\s+)?(${arabicPattern(Object.keys(ARABIC_MONTHS))}|${arabicPattern(Object.keys(ARABIC_MONTH_NUMBERS))}|\\d{1,2}|الشهر\\s+(?:القادم|المقبل|الجاي))`;
const ARABIC_DAY_ORDINALS = arabicTable({
  الاول: 1,
  الثاني: 2,
  الثالث: 3,
  الرابع: 4,
  الخامس: 5,
  السادس: 6,
  السابع: 7,
  الثامن: 8,
  التاسع: 9,
  العاشر: 10,
  الحادي: 1,
  العشرين: 20,
  العشرون: 20,
  الثلاثين: 30,
  الثلاثون: 30,
});
const ARABIC_WEEKDAYS = arabicTable({
  الاثنين: 1,
  اثنين: 1,
  الثلاثاء: 2,
  ثلاثاء: 2,
  الاربعاء: 3,
  اربعاء: 3,
  الخميس: 4,
  خميس: 4,
  الجمعه: 5,
  جمعه: 5,
  السبت: 6,
  سبت: 6,
  الاحد: 7,
  احد: 7,
});
const ARABIC_WEEKDAY = `(${arabicPattern(Object.keys(ARABIC_WEEKDAYS))})`;

function arabicMonth(said: string, now: DateTime): number | undefined {
  if (/^الشهر/.test(said)) return now.plus({ months: 1 }).month;
  if (/^\d+$/.test(said)) return Number(said);
  const key = arabicKey(said);
  return ARABIC_MONTHS[key] ?? ARABIC_MONTH_NUMBERS[key];
}

/** A day of a month said as "منتصف اذار", "بداية شهر 3", "الثالث عشرة من شباط". */
function arabicDayOfMonth(day: number): CustomRule['read'] {
  return ([month], now) => {
    const value = arabicMonth(month, now);
    return value === undefined ? undefined : dayOfMonthIn(now, day, value);
  };
}

const ARABIC_REWRITES: ReadonlyArray<Rewrite> = [
  [word('tomorrow'), 'غدا'],
  // "لبكرة", "لبعد بكرة", "ليوم الخميس" (to/for …): the preposition glued to the date word is left out,
  // and "للخميس" is "ل" + "الخميس".
  [/(?<![\p{L}])[وف]?ل(?=(?:بكر|بعد\s+(?:بكر|غد)|غد|يوم\s)\p{L}*)/gu, ''],
  [/(?<![\p{L}])[وف]?ل(?=ل(?:[اإ]ثنين|اتنين|ثلاثاء|تلات|[اأ]ربع|خميس|جمع|سبت|[اأ]حد))/gu, 'ا'],
  // Spoken weekdays: "الاتنين" (Monday, ث said ت), "التلات" (Tuesday), "الاربع" (Wednesday), "الحد" (Sunday).
  [word('الاتنين'), 'الاثنين'],
  [word('التلات(?:اء?|ه)?'), 'الثلاثاء'],
  [word('ال[أا]ربع'), 'الأربعاء'],
  [word('يوم\\s+الحد'), 'يوم الأحد'],
  // "الجاي" / "الجاية" (colloquial): "القادم", next.
  [word('ال(?:جاي|جايه|جاية)'), 'القادم'],
  // "الضهر" is "الظهر" as it is said.
  [word('(ال|بعد\\s+ال)ضهر'), '$1ظهر'],
  // Spoken forms: "بكرة" (tomorrow), "بعد بكرة".
  [word('بكر[ةه]|بكرا'), 'غدا'],
  [word('غداً|غدًا'), 'غدا'],
  [word('(?:اليوم\\s+(?:الذي|الذى|اللي|الي)\\s+|يوم\\s+)?بعد\\s+(?:ال)?غدا?'), 'بعد غد'],
  [word('يوم\\s+(?:ال)?غد|الغد'), 'غدا'],
  [word('الجمعه'), 'الجمعة'],
  // "10h", "14h30" (Maghreb, French-style): a clock time.
  [/(?<![\p{L}\d])([01]?\d|2[0-3])h([0-5]\d)(?![\p{L}\d])/gu, '$1:$2'],
  [/(?<![\p{L}\d])([01]?\d|2[0-3])h(?![\p{L}\d])/gu, 'الساعة $1'],
  // "بتوقيت GMT": chrono reads the zone's abbreviation alone.
  [word('بتوقيت'), ' '],
];

export const ARABIC: ChronoLanguage = {
  chrono: chrono.ar.casual,
  // Arabic punctuation as chrono knows it: "الثلاثاء، 15 ديسمبر" is one date, as "الثلاثاء, 15 ديسمبر" is
  // (with "،" chrono read the weekday apart, and the coming Tuesday outweighed the 15th).
  normalize: (text) =>
    arabicClock(
      rewrite(
        text
          .replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x660))
          .replace(/[٫:]/g, ':')
          .replace(/،/g, ',')
          .replace(/؛/g, ';')
          .replace(/؟/g, '?'),
        ARABIC_REWRITES,
      ),
    ),
  partsOfDay: [
    // "الصبح", "بالصبح", "الصبحية": the morning as it is said (Levant, Egypt, Gulf).
    [word('(?:في\\s+)?(?:هذا\\s+)?(?:ال)?صباحا?ً?|صباحًا|قبل\\s+الظهر|(?:في\\s+)?(?:ال|بال|عال)صبح(?:ي[ةه])?|صبحا'), 'morning'],
    [word('(?:في\\s+)?(?:بعد\\s+الظهر|بعد\\s+الظهيرة|بعد\\s+العصر|العصر|عصرا|قبل\\s+المغرب|بالعصر|عالعصر)'), 'afternoon'],
    [word('(?:في\\s+)?(?:ال)?مساءً?|مساءا|ليلا|(?:هذه\\s+)?الليلة|بعد\\s+المغرب|المغرب|العشاء|(?:ال|بال|عال)مسا|بالليل'), 'evening'],
    [word('(?:عند\\s+|في\\s+)?(?:الظهر|الظهيرة|ظهرا|ظهراً)'), 'noon'],
  ],
  ownRules: [
    { kind: 'daysFromNow', pattern: word('بعد\\s+غدا?()'), numbers: { '': 2 } },
    rule(word(`(?:في\\s+)?(?:منتصف|نص|نصف|[أا]واسط)\\s+${ARABIC_MONTH}`), arabicDayOfMonth(15)),
    rule(word(`(?:في\\s+)?(?:بداية|مطلع|[أا]وائل|اليوم\\s+ال[أا]ول\\s+من|ال[أا]ول\\s+من)\\s+${ARABIC_MONTH}`), arabicDayOfMonth(1)),
    rule(
      word(
        `(?:في\\s+)?(?:اليوم\\s+)?(${arabicPattern(Object.keys(ARABIC_DAY_ORDINALS))})(?:\\s+(عشر[ةه]?)|\\s+و\\s?(العشرين|العشرون))?\\s+من\\s+${ARABIC_MONTH}`,
      ),
      ([ordinal, teen, twenty, month], now) => {
        const unit = ARABIC_DAY_ORDINALS[arabicKey(ordinal)];
        const value = arabicMonth(month, now);
        if (unit === undefined || value === undefined) return undefined;
        return dayOfMonthIn(now, unit + (teen ? 10 : 0) + (twenty ? 20 : 0), value);
      },
    ),
    rule(
      word(`(?:[أا]خر|آخر)\\s+${ARABIC_WEEKDAY}\\s+${ARABIC_MONTH}|${ARABIC_WEEKDAY}\\s+ال[أا]خير\\s+${ARABIC_MONTH}`),
      ([first, month, second, month2], now) => {
        const weekday = ARABIC_WEEKDAYS[arabicKey(first || second)];
        const value = arabicMonth(month || month2, now);
        const day = weekday === undefined || value === undefined ? undefined : lastWeekdayOfMonth(now, weekday, value);
        return day && { kind: 'day', day };
      },
    ),
    // "الأسبوع القادم يوم الأربعاء", "الأربعاء من الأسبوع القادم": that weekday of next week, not the week.
    rule(
      word(
        `(?:في\\s+)?ال[أا]سبوع\\s+(?:القادم|المقبل)\\s+(?:(?:في\\s+)?يوم\\s+)?${ARABIC_WEEKDAY}|(?:يوم\\s+)?${ARABIC_WEEKDAY}\\s+(?:من\\s+|في\\s+)?ال[أا]سبوع\\s+(?:القادم|المقبل)`,
      ),
      ([first, second], now) => {
        const weekday = ARABIC_WEEKDAYS[arabicKey(first || second)];
        return weekday === undefined
          ? undefined
          : {
              kind: 'day',
              day: now
                .startOf('day')
                .plus({ weeks: 1 })
                .startOf('week')
                .plus({ days: weekday - 1 }),
            };
      },
    ),
    { kind: 'nextWeek', pattern: word('(?:في\\s+)?ال[أا]سبوع\\s+(?:القادم|المقبل|الجاي)') },
    { kind: 'weeksFromNow', pattern: word('بعد\\s+(\\d+)\\s+(?:أسابيع|اسابيع|أسبوع|اسبوع)'), numbers: ARABIC_NUMBERS },
    // "يوم 8", and "يوم 8 الساعة 9", "يوم 8 الصبح" (not "يوم 8 ديسمبر", chrono's, nor "في 3 ايام").
    {
      kind: 'dayOfMonth',
      pattern: word(
        '(?:يوم|في)\\s+(\\d{1,2})(?=\\s*(?:[^\\s/\\p{L}\\d]|$)|\\s+(?:(?:ال)?ساع|(?:ال|بال)?صب|(?:ال)?مسا|(?:ال)?عصر|(?:ال)?[ظض]هر|بعد\\s+ال[ظض]هر))',
      ),
    },
  ],
};

// ── Vietnamese ──────────────────────────────────────────────────────────────────────────────

const VIETNAMESE_NUMBERS: Readonly<Record<string, number>> = { một: 1, hai: 2, ba: 3, bốn: 4, năm: 5, mười: 10 };
/** Hours ("ba giờ rưỡi") and months ("tháng ba", "tháng chạp") in words. */
const VIETNAMESE_HOURS: Readonly<Record<string, number>> = {
  'mười một': 11,
  'mười hai': 12,
  một: 1,
  hai: 2,
  ba: 3,
  bốn: 4,
  tư: 4,
  năm: 5,
  sáu: 6,
  bảy: 7,
  tám: 8,
  chín: 9,
  mười: 10,
};
const VIETNAMESE_MONTHS: Readonly<Record<string, number>> = { ...VIETNAMESE_HOURS, giêng: 1, chạp: 12 };
const VIETNAMESE_WEEKDAY_STEMS = ['thứ hai', 'thứ ba', 'thứ tư', 'thứ năm', 'thứ sáu', 'thứ bảy', 'chủ nhật'];
const VIETNAMESE_WEEKDAY = '(thứ\\s+(?:hai|ba|tư|năm|sáu|bảy)|chủ\\s+nhật)';

/** "ba giờ rưỡi" → "3 giờ rưỡi", "tháng ba" → "tháng 3", "11 giờ kém 15" → "10:45". */
const VIETNAMESE_WORD_PATTERNS = {
  hour: word(`(${alternation(Object.keys(VIETNAMESE_HOURS))})(\\s+giờ)`),
  month: word(`tháng\\s+(${alternation(Object.keys(VIETNAMESE_MONTHS))})`),
};

function vietnameseNumberWords(text: string): string {
  return text
    .replace(VIETNAMESE_WORD_PATTERNS.hour, (_, hour: string, rest: string) => `${VIETNAMESE_HOURS[hour]}${rest}`)
    .replace(/(?<![\p{L}\d:])(\d{1,2})\s*giờ\s*rưỡi(?![\p{L}])/giu, '$1:30')
    .replace(VIETNAMESE_WORD_PATTERNS.month, (_, month: string) => `tháng ${VIETNAMESE_MONTHS[month]}`)
    .replace(
      /(?<![\p{L}\d:])(\d{1,2})\s*(?:giờ|h|g)\s*kém\s*(\d{1,2})(?:\s*phút)?(?![\p{L}\d])/giu,
      (whole, hour: string, minute: string) => {
        const [h, m] = [Number(hour), Number(minute)];
        if (!(h >= 1 && h <= 24 && m > 0 && m < 60)) return whole;
        return `${h === 1 ? 12 : h - 1}:${String(60 - m).padStart(2, '0')}`;
      },
    );
}

/** Words people type without diacritics, and other spellings chrono does not know. */
const VIETNAMESE_REWRITES: ReadonlyArray<Rewrite> = [
  [word('tomorrow'), 'ngày mai'],
  // "toi" without accents is "tối" (evening) beside a day or an hour ("toi nay", "8 gio toi", "toi thu 6"),
  // but "tôi" (I) before a verb ("toi muon hen ngay mai luc 10 gio"), where "tối" made 10 o'clock 22:00.
  [
    /(?<![\p{L}])toi(?=\s+(?:nay|mai|thứ|thu|chủ|chu|hôm|hom|ngày|ngay|mốt|mot|kia|qua|t[2-7]|cn|\d)(?![\p{L}]))|(?<=(?:buổi|buoi|giờ|gio|\dh|\d)\s*)toi(?![\p{L}])|^\s*toi\s*$/giu,
    'tối',
  ],
  [/(?<![\p{L}])toi(?=\s+\p{L})/giu, 'tôi'],
  ...accented([
    ['ngay mai', 'ngày mai'],
    ['ngay kia', 'ngày kia'],
    ['ngay mot', 'ngày mốt'],
    ['hom nay', 'hôm nay'],
    ['thu hai', 'thứ hai'],
    ['thu ba', 'thứ ba'],
    ['thu tu', 'thứ tư'],
    ['thu nam', 'thứ năm'],
    ['thu sau', 'thứ sáu'],
    ['thu bay', 'thứ bảy'],
    ['chu nhat', 'chủ nhật'],
    ['tuan sau', 'tuần sau'],
    ['tuan nay', 'tuần này'],
    ['tuan toi', 'tuần tới'],
    ['tuan', 'tuần'],
    ['gio', 'giờ'],
    ['ruoi', 'rưỡi'],
    ['luc', 'lúc'],
    ['thang', 'tháng'],
    ['ngay', 'ngày'],
    ['sang', 'sáng'],
    ['chieu', 'chiều'],
    ['toi', 'tối'],
    ['trua', 'trưa'],
    ['nua', 'nữa'],
    ['chua nhat', 'chủ nhật'],
    ['bua nay', 'hôm nay'],
    ['mong', 'mồng'],
    ['kem', 'kém'],
    ['tieng', 'tiếng'],
    ['tiep theo', 'tiếp theo'],
  ]),
  [word('chúa\\s+nhật'), 'chủ nhật'],
  [word('bữa\\s+nay'), 'hôm nay'],
  [word('(?:ngày\\s+)?mồng'), 'ngày'],
  // "4pm", "9am": chrono's Vietnamese knows "4 giờ chiều".
  [/(?<![\p{L}\d:])(\d{1,2})(?::(\d{2}))?\s*p\.?m\.?(?![\p{L}\d])/giu, 'lúc $1 giờ $2 chiều'],
  [/(?<![\p{L}\d:])(\d{1,2})(?::(\d{2}))?\s*a\.?m\.?(?![\p{L}\d])/giu, 'lúc $1 giờ $2 sáng'],
  [/(?<![\p{L}\d:])(\d{1,2})g(\d{2})?(?![\p{L}\d])/giu, '$1 giờ $2'],
  // "ngày mốt" (southern) is the day after tomorrow, "ngày kia" to chrono.
  [word('ngày\\s+mốt|mốt'), 'ngày kia'],
  // "thứ 3" / "t3" is Tuesday; "thứ hai tuần sau": the weekday, not "two weeks later".
  [word('th[uứ]\\s*2|t2'), 'thứ hai'],
  [word('th[uứ]\\s*3|t3'), 'thứ ba'],
  [word('th[uứ]\\s*4|t4'), 'thứ tư'],
  [word('th[uứ]\\s*5|t5'), 'thứ năm'],
  [word('th[uứ]\\s*6|t6'), 'thứ sáu'],
  [word('th[uứ]\\s*7|t7'), 'thứ bảy'],
  // "sáng mai": "mai" alone is tomorrow.
  [/(?<![\p{L}]|ngày\s)mai(?![\p{L}])/giu, 'ngày mai'],
  // "thứ sáu tới", "thứ năm này": the coming one, as a bare weekday is (with "tuần", our own rules read the week).
  [word('(thứ\\s+(?:hai|ba|tư|năm|sáu|bảy)|chủ\\s+nhật)\\s+(?:tới|này)'), '$1'],
  // "10h", "10h30", "10 giờ 30", "10 giờ rưỡi" → "10:30" / "lúc 10 giờ".
  [/(?<![\p{L}\d:])(\d{1,2})\s*(?:h|giờ)\s*(\d{2})(?:\s*phút)?(?![\p{L}\d])/giu, '$1:$2'],
  [/(?<![\p{L}\d:])(\d{1,2})\s*(?:h|giờ)\s*rưỡi(?![\p{L}])/giu, '$1:30'],
  [/(?<![\p{L}\d:])(?:lúc\s+)?(\d{1,2})\s*(?:h|giờ)(?![\p{L}\d])/giu, 'lúc $1 giờ'],
];

/** A verb of moving an appointment ("đổi hẹn sang thứ 2", "dời qua ngày mốt"), with up to three words after it. */
const VIETNAMESE_MOVE = '(?:đổi|doi|dời|dòi|chuyển|chuyen|hoãn|hoan|lùi|lui|dịch|dich)(?:\\s+\\p{L}+){0,3}?\\s+';
/** Words a date starts with, accented or not. */
const VIETNAMESE_DATE_START =
  '(?:ngày|ngay|thứ|thu|th\\d|t[2-7]|cn|chủ|chu|tuần|tuan|tháng|thang|mai|mốt|mot|hôm|hom|sáng|sang|chiều|chieu|tối|toi|trưa|trua|\\d)';
/** Vietnamese letters with their marks: a text typed with them writes the morning "sáng", not "sang". */
const VIETNAMESE_MARKED = /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/u;

/**
 * Words typed without their marks that look like a part of the day but are not. "sang" and "qua" are
 * also "to" ("đổi hẹn sang thứ 2": move it to Monday; "qua ngày mốt"): after a verb of moving, or,
 * for "sang", in a text typed with its marks, "sang" is the word "to", not the morning ("sáng"), and
 * "qua" before a date is not "yesterday" ("hôm qua"). "ho chieu" is "hộ chiếu" (passport), not "chiều".
 */
function vietnamesePrepositions(text: string): string {
  const marked = VIETNAMESE_MARKED.test(text.replace(/sang|qua/gu, ''));
  return (
    text
      // "hộ chiếu" (passport) typed "ho chieu" is no afternoon ("chiều").
      .replace(/(?<![\p{L}])h[oộ]\s+chi[eế]u(?![\p{L}])/giu, ' ')
      .replace(new RegExp(`(?<=${VIETNAMESE_MOVE})(?:sang|qua)(?=\\s+${VIETNAMESE_DATE_START})`, 'giu'), ' ')
      .replace(new RegExp(`(?<![\\p{L}])(?<!(?:hôm|hom|bữa|bua)\\s+)qua(?=\\s+${VIETNAMESE_DATE_START})`, 'giu'), ' ')
      .replace(marked ? new RegExp(`(?<![\\p{L}])sang(?=\\s+${VIETNAMESE_DATE_START})`, 'giu') : /(?!)/u, ' ')
  );
}

/**
 * "15 tháng 12, 2026", "15 tháng 12 2026", "15 thang 12 nam 2026" (as dates are written, the bot's own
 * too): the year of that date, as chrono reads it ("15 tháng 12 năm 2026"). Applied last, once every
 * spelling of the month ("thang", "tháng mười hai") has been written as "tháng 12".
 */
const VIETNAMESE_DATE_YEAR: Rewrite = [
  /(?<![\p{L}\d])(\d{1,2}\s+tháng\s+\d{1,2})(?:,?\s+(?:năm|nam))?,?\s+(\d{4})(?![\p{L}\d])/giu,
  '$1 năm $2',
];

export const VIETNAMESE: ChronoLanguage = {
  chrono: chrono.vi.casual,
  normalize: (text) => rewrite(vietnameseNumberWords(rewrite(vietnamesePrepositions(text), VIETNAMESE_REWRITES)), [VIETNAMESE_DATE_YEAR]),
  partsOfDay: [
    // "sáng nay", "tối nay": this morning, tonight ("nay" is today; the day is today unless another is said).
    [word('(?:buổi\\s+)?sáng(?:\\s+nay)?'), 'morning'],
    [word('(?:buổi\\s+)?chiều(?:\\s+nay)?|sau\\s+(?:bữa\\s+)?trưa'), 'afternoon'],
    [word('(?:buổi\\s+)?tối(?:\\s+nay)?'), 'evening'],
    [word('(?:buổi\\s+)?trưa(?:\\s+nay)?'), 'noon'],
  ],
  ownRules: [
    ...weekdayOfWeekRules(VIETNAMESE_WEEKDAY, VIETNAMESE_WEEKDAY_STEMS, [
      ['(?:của\\s+)?tuần\\s+(?:sau|tới)', 1],
      ['(?:của\\s+)?tuần\\s+này', 0],
    ]),
    rule(word('(\\d+|\\p{L}+)\\s+(?:tiếng|giờ)\\s+(?:tiếp\\s+theo|tới)'), ([count], now) => {
      const hours = valueOf(count, VIETNAMESE_HOURS);
      return hours === undefined ? undefined : nextHours(now, hours);
    }),
    { kind: 'nextWeek', pattern: word('tuần\\s+(?:sau|tới)(?!\\s*\\p{L})') },
    { kind: 'weeksFromNow', pattern: word('(?:trong|sau)?\\s*(\\d+|\\p{L}+)\\s+tuần\\s+(?:nữa|sau|tới)'), numbers: VIETNAMESE_NUMBERS },
    { kind: 'daysFromNow', pattern: word('(?:trong|sau)?\\s*(\\d+|\\p{L}+)\\s+ngày\\s+(?:nữa|sau|tới)'), numbers: VIETNAMESE_NUMBERS },
    { kind: 'dayOfMonth', pattern: word('(?:vào\\s+)?ngày\\s+(\\d{1,2})(?!\\s*(?:tháng|/|-|\\.))') },
  ],
};
