import * as chrono from 'chrono-node';
import type { DateTime } from 'luxon';
import type { ChronoLanguage, CustomRule } from './chronoParser';
import { accented, numericDates, rewrite, word, type Rewrite } from './normalizeText';
import type { Piece } from './reading';

/** "в 3 часа дня", "às 3 da tarde": the hour of the afternoon written as a 24-hour one. */
function afternoonHour(hour: string): string {
  const value = Number(hour);
  return String(value >= 1 && value < 12 ? value + 12 : value);
}

// ── Phrases chrono lacks in every language, read by our own rules ───────────────────────────

/** The weekday (1 = Monday … 7 = Sunday) of this week (`weeks` 0), next week (1), … */
function weekdayOfWeek(now: DateTime, weekday: number, weeks: number): Piece {
  return { kind: 'day', day: now.startOf('day').startOf('week').plus({ weeks, days: weekday - 1 }) };
}

/** Saturday and Sunday of this week (`weeks` 0) or a later one, as a range of days. */
function weekend(now: DateTime, weeks: number): Piece {
  const saturday = now.startOf('day').startOf('week').plus({ weeks, days: 5 });
  return { kind: 'reading', reading: { start: saturday, end: saturday.plus({ days: 2 }), precision: 'day' } };
}

/** "the next 3 hours": from now to that many hours ahead. */
function nextHours(now: DateTime, hours: number): Piece | undefined {
  if (!(hours > 0 && hours <= 12)) return undefined;
  const start = now.startOf('minute');
  return { kind: 'reading', reading: { start, end: start.plus({ hours }), precision: 'partOfDay' } };
}

/** The last such weekday of a month (1–12): this year's if still ahead, otherwise next year's. */
function lastWeekdayOfMonth(now: DateTime, weekday: number, month: number): Piece | undefined {
  if (!(month >= 1 && month <= 12)) return undefined;
  const today = now.startOf('day');
  for (const year of [today.year, today.year + 1]) {
    const lastDay = today.set({ year, month, day: 1 }).endOf('month').startOf('day');
    const day = lastDay.minus({ days: (lastDay.weekday - weekday + 7) % 7 });
    if (day >= today) return { kind: 'day', day };
  }
  return undefined;
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
  const index = stems.findIndex((stem) => text.startsWith(stem));
  return index < 0 ? undefined : index + 1;
}

function rule(pattern: RegExp, read: CustomRule['read']): CustomRule {
  return { pattern, read };
}

// ── Russian ─────────────────────────────────────────────────────────────────────────────────

const RUSSIAN_MONTHS = ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'];
const RUSSIAN_NUMBERS: Readonly<Record<string, number>> = {
  одну: 1, один: 1, одна: 1, два: 2, две: 2, три: 3, четыре: 4, пять: 5, шесть: 6, семь: 7, десять: 10,
};

const RUSSIAN_REWRITES: ReadonlyArray<Rewrite> = [
  [word('tomorrow'), 'завтра'],
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
    numericDates(rewrite(text, RUSSIAN_REWRITES), 'dmy', (day, month, year) => `${day} ${RUSSIAN_MONTHS[month - 1]}${year ? ` ${year}` : ''}`)
      .replace(/§(\d{1,2})§(\d{2})?/g, (_, hour: string, minute: string | undefined) => `${afternoonHour(hour)}${minute ? `:${minute}` : ''}`),
  partsOfDay: [
    [word('с\\s+утра|утром|утра'), 'morning'],
    [word('после\\s+обеда|днём'), 'afternoon'],
    [word('вечером|вечера'), 'evening'],
    [word('в\\s+полдень|полдень|в\\s+обед'), 'noon'],
  ],
  ownRules: [
    { kind: 'nextWeek', pattern: word('на\\s+следующей\\s+неделе|на\\s+след\\.?\\s+неделе|следующая\\s+неделя') },
    { kind: 'weeksFromNow', pattern: word('через\\s+(\\d+|\\p{L}+)\\s+недел[юиь]'), numbers: RUSSIAN_NUMBERS },
    { kind: 'weeksFromNow', pattern: word('через\\s+()недел[юи]'), numbers: { '': 1 } },
    { kind: 'daysFromNow', pattern: word('через\\s+(\\d+|\\p{L}+)\\s+(?:дня|дней|день)'), numbers: RUSSIAN_NUMBERS },
    { kind: 'dayOfMonth', pattern: /(?<![\p{L}\d])(\d{1,2})(?:-?го)?\s+числа(?![\p{L}])/giu },
  ],
};

// ── Portuguese ──────────────────────────────────────────────────────────────────────────────

const PORTUGUESE_MONTHS = ['janeiro', 'fevereiro', 'março', 'abril', 'maio', 'junho', 'julho', 'agosto', 'setembro', 'outubro', 'novembro', 'dezembro'];
const PORTUGUESE_NUMBERS: Readonly<Record<string, number>> = {
  um: 1, uma: 1, dois: 2, duas: 2, três: 3, tres: 3, quatro: 4, cinco: 5, seis: 6, sete: 7, dez: 10, quinze: 15,
};

const PORTUGUESE_REWRITES: ReadonlyArray<Rewrite> = [
  [word('tomorrow'), 'amanhã'],
  ...accented([
    ['amanha', 'amanhã'],
    ['manha', 'manhã'],
    ['terca', 'terça'],
    ['sabado', 'sábado'],
    ['proxima', 'próxima'],
    ['proximo', 'próximo'],
    ['as', 'às'],
    ['meio dia', 'meio-dia'],
  ]),
  // "às 3 da tarde" / "às 8 da noite".
  [/(\d{1,2})(?::(\d{2}))?\s*(?:h\s*)?(?:da|de)\s+(?:tarde|noite)(?![\p{L}])/giu, '§$1§$2'],
  // "segunda que vem" / "na próxima terça": the coming one, as a bare weekday is.
  [word('(segunda|terça|quarta|quinta|sexta|sábado|domingo)((?:-feira)?)\\s+que\\s+vem'), '$1$2'],
];

const PORTUGUESE_HOUR_WORDS: Readonly<Record<string, number>> = {
  uma: 1, duas: 2, três: 3, tres: 3, quatro: 4, cinco: 5, seis: 6, sete: 7, oito: 8, nove: 9, dez: 10, onze: 11, doze: 12,
  treze: 13, catorze: 14, quatorze: 14, quinze: 15, dezesseis: 16, dezessete: 17, dezoito: 18, dezenove: 19, vinte: 20,
};
const PORTUGUESE_MINUTE_WORDS: Readonly<Record<string, string>> = { meia: '30', quinze: '15', trinta: '30', dez: '10', vinte: '20' };

/** "às três e meia" → "às 3:30": chrono reads hours in digits only. */
function portugueseHourWords(text: string): string {
  const hours = Object.keys(PORTUGUESE_HOUR_WORDS).join('|');
  const minutes = Object.keys(PORTUGUESE_MINUTE_WORDS).join('|');
  return text.replace(
    word(`(às|as|das|pelas)\\s+(${hours}|\\d{1,2})(?:\\s+e\\s+(${minutes}|\\d{1,2}))?`),
    (_, at: string, hour: string, minute: string | undefined) =>
      `${at} ${PORTUGUESE_HOUR_WORDS[hour] ?? hour}${minute ? `:${(PORTUGUESE_MINUTE_WORDS[minute] ?? minute).padStart(2, '0')}` : ''}`,
  );
}

/** "15h", "15h30", "15 horas", "15.30": chrono knows "15:30" and "às 15". */
function portugueseHours(text: string): string {
  return text
    .replace(/(?<![\d.])(\d{1,2})\.([0-5]\d)(?![\d.])/g, (whole, hour: string, minute: string) => (Number(minute) > 12 ? `${hour}:${minute}` : whole))
    .replace(/(?<![\p{L}\d:])(\d{1,2})\s*(?:h|hs|hrs?|horas?)\s*(\d{2})?(?![\p{L}\d])/giu, (_, hour: string, minute: string | undefined) =>
      minute ? `${hour}:${minute}` : `às ${hour}`,
    )
    .replace(/§(\d{1,2})§(\d{2})?/g, (_, hour: string, minute: string | undefined) => `às ${afternoonHour(hour)}${minute ? `:${minute}` : ''}`)
    .replace(/(\d{1,2}):(?![\d])/g, 'às $1')
    .replace(/às\s+às/g, 'às');
}

export const PORTUGUESE: ChronoLanguage = {
  chrono: chrono.pt.casual,
  normalize: (text) =>
    numericDates(
      portugueseHours(rewrite(portugueseHourWords(text), PORTUGUESE_REWRITES)),
      'dmy',
      (day, month, year) => `${day} de ${PORTUGUESE_MONTHS[month - 1]}${year ? ` de ${year}` : ''}`,
    ),
  partsOfDay: [
    [word('(?:de|pela|na|da)\\s+manhã|manhã'), 'morning'],
    [word('(?:de|pela|à|a|na|da)\\s+tarde|tarde'), 'afternoon'],
    [word('(?:de|à|a|na|da)\\s+noite|noite'), 'evening'],
    [word('(?:ao|no|de)\\s+meio-dia|meio-dia'), 'noon'],
  ],
  ownRules: [
    // "depois de amanhã": chrono reads only "amanhã".
    { kind: 'daysFromNow', pattern: word('depois\\s+de\\s+amanhã()'), numbers: { '': 2 } },
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
    { kind: 'dayOfMonth', pattern: word('(?:no\\s+)?dia\\s+(\\d{1,2})(?!\\s*(?:de|/))') },
  ],
};

// ── Arabic ──────────────────────────────────────────────────────────────────────────────────

const ARABIC_HOUR_WORDS: Readonly<Record<string, number>> = {
  الواحدة: 1, الثانية: 2, الثالثة: 3, الرابعة: 4, الخامسة: 5, السادسة: 6, السابعة: 7, الثامنة: 8, التاسعة: 9, العاشرة: 10,
};
const ARABIC_NUMBERS: Readonly<Record<string, number>> = { يوم: 1, أسبوع: 1, اسبوع: 1, ثلاثة: 3, ثلاث: 3, أربعة: 4, خمسة: 5 };

const ARABIC_REWRITES: ReadonlyArray<Rewrite> = [
  [word('tomorrow'), 'غدا'],
  // Spoken forms: "بكرة" (tomorrow), "بعد بكرة".
  [word('بكر[ةه]|بكرا'), 'غدا'],
  [word('غداً|غدًا'), 'غدا'],
  [word('الحادية\\s+عشرة?'), '11'],
  [word('الثانية\\s+عشرة?'), '12'],
  // "الساعة العاشرة والنصف" → "الساعة 10:30"
  [word('(الساعة\\s+)?(\\d{1,2})\\s+و\\s?النصف'), '$1$2:30'],
  [word('(الساعة\\s+)?(\\d{1,2})\\s+و\\s?الربع'), '$1$2:15'],
];

function arabicHourWords(text: string): string {
  return text.replace(word(`(?:الساعة\\s+)?(${Object.keys(ARABIC_HOUR_WORDS).join('|')})`), (_, name: string) => `الساعة ${ARABIC_HOUR_WORDS[name]}`);
}

export const ARABIC: ChronoLanguage = {
  chrono: chrono.ar.casual,
  normalize: (text) => rewrite(arabicHourWords(text.replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x660)).replace(/[٫:]/g, ':')), ARABIC_REWRITES),
  partsOfDay: [
    [word('(?:في\\s+)?(?:ال)?صباحا?ً?|صباحًا'), 'morning'],
    [word('(?:في\\s+)?(?:بعد\\s+الظهر|بعد\\s+الظهيرة|العصر|عصرا)'), 'afternoon'],
    [word('(?:في\\s+)?(?:ال)?مساءً?|مساءا|ليلا|الليلة'), 'evening'],
    [word('(?:عند\\s+|في\\s+)?(?:الظهر|الظهيرة|ظهرا|ظهراً)'), 'noon'],
  ],
  ownRules: [
    { kind: 'daysFromNow', pattern: word('بعد\\s+غدا?()'), numbers: { '': 2 } },
    { kind: 'nextWeek', pattern: word('(?:في\\s+)?ال[أا]سبوع\\s+(?:القادم|المقبل|الجاي)') },
    { kind: 'weeksFromNow', pattern: word('بعد\\s+(\\d+)\\s+(?:أسابيع|اسابيع|أسبوع|اسبوع)'), numbers: ARABIC_NUMBERS },
    { kind: 'dayOfMonth', pattern: word('(?:يوم|في)\\s+(\\d{1,2})(?!\\s*[/\\p{L}])') },
  ],
};

// ── Vietnamese ──────────────────────────────────────────────────────────────────────────────

const VIETNAMESE_NUMBERS: Readonly<Record<string, number>> = { một: 1, hai: 2, ba: 3, bốn: 4, năm: 5, mười: 10 };

/** Words people type without diacritics, and other spellings chrono does not know. */
const VIETNAMESE_REWRITES: ReadonlyArray<Rewrite> = [
  [word('tomorrow'), 'ngày mai'],
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
  ]),
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
  [word('(thứ\\s+(?:hai|ba|tư|năm|sáu|bảy)|chủ\\s+nhật|cn)\\s+(?:tuần\\s+)?(?:sau|tới)'), '$1 tới'],
  // "10h", "10h30", "10 giờ 30", "10 giờ rưỡi" → "10:30" / "lúc 10 giờ".
  [/(?<![\p{L}\d:])(\d{1,2})\s*(?:h|giờ)\s*(\d{2})(?:\s*phút)?(?![\p{L}\d])/giu, '$1:$2'],
  [/(?<![\p{L}\d:])(\d{1,2})\s*(?:h|giờ)\s*rưỡi(?![\p{L}])/giu, '$1:30'],
  [/(?<![\p{L}\d:])(?:lúc\s+)?(\d{1,2})\s*(?:h|giờ)(?![\p{L}\d])/giu, 'lúc $1 giờ'],
];

export const VIETNAMESE: ChronoLanguage = {
  chrono: chrono.vi.casual,
  normalize: (text) => rewrite(text, VIETNAMESE_REWRITES),
  partsOfDay: [
    [word('(?:buổi\\s+)?sáng'), 'morning'],
    [word('(?:buổi\\s+)?chiều'), 'afternoon'],
    [word('(?:buổi\\s+)?tối'), 'evening'],
    [word('(?:buổi\\s+)?trưa'), 'noon'],
  ],
  ownRules: [
    { kind: 'nextWeek', pattern: word('tuần\\s+(?:sau|tới)(?!\\s*\\p{L})') },
    { kind: 'weeksFromNow', pattern: word('(?:trong|sau)?\\s*(\\d+|\\p{L}+)\\s+tuần\\s+(?:nữa|sau|tới)'), numbers: VIETNAMESE_NUMBERS },
    { kind: 'daysFromNow', pattern: word('(?:trong|sau)?\\s*(\\d+|\\p{L}+)\\s+ngày\\s+(?:nữa|sau|tới)'), numbers: VIETNAMESE_NUMBERS },
    { kind: 'dayOfMonth', pattern: word('(?:vào\\s+)?ngày\\s+(\\d{1,2})(?!\\s*(?:tháng|/|-|\\.))') },
  ],
};
