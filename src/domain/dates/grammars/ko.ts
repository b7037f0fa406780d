import type { PartOfDay } from '../reading';
import { grammarReader, type Grammar, type Meridiem, type Piece } from './engine';
import {
  alt,
  clock,
  COMMON_RULES,
  dayOfMonth,
  daysFromToday,
  freeRule,
  fromNow,
  lastWeekdayOf,
  lookup,
  monthDay,
  nextHours,
  numericDateRules,
  weekend,
} from './patterns';

const WEEKDAYS: Readonly<Record<string, number>> = { 월: 1, 화: 2, 수: 3, 목: 4, 금: 5, 토: 6, 일: 7 };

const RELATIVE_DAYS: Readonly<Record<string, number>> = {
  오늘: 0,
  금일: 0,
  내일: 1,
  낼: 1,
  명일: 1,
  모레: 2,
  내일모레: 2,
  낼모레: 2,
  글피: 3,
};

/** Week words: 다음 주 is next week, 이번 주 this week. */
const WEEKS: Readonly<Record<string, number>> = { 이번: 0, 금: 0, 다음: 1, 담: 1, 오는: 1, 다다음: 2 };

/** Native Korean numbers count hours ("세 시") and days ("이틀"). */
const NATIVE_HOURS: Readonly<Record<string, number>> = {
  한: 1,
  두: 2,
  세: 3,
  석: 3,
  네: 4,
  넉: 4,
  다섯: 5,
  여섯: 6,
  일곱: 7,
  여덟: 8,
  아홉: 9,
  열: 10,
  열한: 11,
  열두: 12,
};
const NATIVE_DAYS: Readonly<Record<string, number>> = {
  하루: 1,
  이틀: 2,
  사흘: 3,
  나흘: 4,
  닷새: 5,
  엿새: 6,
  이레: 7,
  열흘: 10,
};

/** Sino-Korean digits count minutes ("이십 분"), days and weeks ("일주일", "이 주"). */
const SINO_DIGITS: Readonly<Record<string, number>> = { 일: 1, 이: 2, 삼: 3, 사: 4, 오: 5, 육: 6, 칠: 7, 팔: 8, 구: 9 };
const SINO_NUMBER = '(?:[이삼사오]?십)?[일이삼사오육칠팔구]?';

/** Parts of the day; before an hour they say AM or PM ("오후 3시"). */
const PARTS: Readonly<Record<string, PartOfDay>> = {
  오전: 'morning',
  아침: 'morning',
  새벽: 'morning',
  오후: 'afternoon',
  낮: 'afternoon',
  점심: 'afternoon',
  점심때: 'afternoon',
  저녁: 'evening',
  밤: 'evening',
};

function sino(text: string): number | undefined {
  if (text === '') return undefined;
  const tens = /^([이삼사오]?)십(.?)$/.exec(text);
  if (tens) return (tens[1] === '' ? 1 : (SINO_DIGITS[tens[1]] ?? 0)) * 10 + (tens[2] === '' ? 0 : (SINO_DIGITS[tens[2]] ?? 0));
  return lookup(SINO_DIGITS, text);
}

function count(text: string | undefined): number | undefined {
  if (text === undefined || text === '') return undefined;
  if (/^\d+$/.test(text)) return Number(text);
  if (text === '몇') return 3; // "몇 시간 안에": a few
  return lookup(NATIVE_HOURS, text) ?? lookup(NATIVE_DAYS, text) ?? sino(text);
}

/**
 * Digits and Latin letters are set apart from Hangul, so that "12월3일에" reads as words
 * "12 월 3 일 에" and the shared rules for "10:30" or "3pm" see whole words.
 */
function fold(text: string): string {
  return (
    text
      .normalize('NFC')
      .toLowerCase()
      .replace(/(?<=[\p{Script=Hangul}])(?=[^\p{Script=Hangul}\s])|(?<=[^\p{Script=Hangul}\s])(?=[\p{Script=Hangul}])/gu, ' ')
      .replace(/\s+/g, ' ')
      // Phone typos of 요일 after a weekday: ㅛ and ㅕ, ㅣ and ㅏ are neighbours on the keyboard ("금여일", "목요알").
      .replace(/([월화수목금토일]) ?(?:여일|요알|여알)/gu, '$1요일')
      .trim()
  );
}

const NUMBER_WORD = `\\d{1,2}|${alt(Object.keys(NATIVE_HOURS))}`;
const PART = alt(Object.keys(PARTS));

function meridiemOf(part: string | undefined): Meridiem | undefined {
  const found = lookup(PARTS, part);
  return found === undefined ? undefined : found === 'morning' ? 'am' : 'pm';
}

const grammar: Grammar = {
  fold,
  rules: [
    ...COMMON_RULES,
    ...numericDateRules('YMD'),
    freeRule(alt(Object.keys(RELATIVE_DAYS)), (m, now) => daysFromToday(now, RELATIVE_DAYS[m[0]])),
    // "다음 수요일": next week's Wednesday, as English reads "next Wednesday"; "오는 수요일": the coming one.
    freeRule('(?:(다음|오는)\\s)?([월화수목금토일])\\s?(?:요일|욜)', (m): Piece => ({
      kind: 'weekday',
      weekday: WEEKDAYS[m[2]],
      next: m[1] === '오는',
      nextWeek: m[1] === '다음',
    })),
    freeRule(`(${alt(Object.keys(WEEKS))})\\s?주(?!말|일)`, (m): Piece => ({ kind: 'week', offset: WEEKS[m[1]] })),
    // "3일 후", "2주 뒤", "일주일 후", "이틀 뒤", "세 시간 후"
    freeRule(
      `(\\d+|몇|${SINO_NUMBER}|${alt(Object.keys(NATIVE_HOURS))})\\s?(주일|주|일|시간)\\s?(?:후|뒤|있다가|이내|안에|안|내|만에|지나서)`,
      (m, now) => {
        const amount = count(m[1]) ?? (m[2] === '주일' ? 1 : undefined);
        const unit = m[2] === '일' ? 'days' : m[2] === '시간' ? 'hours' : 'weeks';
        return amount === undefined ? undefined : fromNow(now, amount, unit);
      },
    ),
    freeRule(`(${alt(Object.keys(NATIVE_DAYS))})\\s?(?:후|뒤|있다가|이내|안에|내|만에|지나서)`, (m, now) =>
      fromNow(now, NATIVE_DAYS[m[1]], 'days'),
    ),
    // "다음 3시간", "앞으로 두 시간 동안": from now to then
    freeRule(`(?:다음|앞으로|향후)\\s?(\\d+|몇|${alt(Object.keys(NATIVE_HOURS))})\\s?시간(?:\\s?(?:동안|안에|안|내|이내))?`, (m, now) =>
      nextHours(now, count(m[1])),
    ),
    freeRule('(이번|금|다음|담|오는|다다음)?\\s?주말', (m, now) => weekend(now, m[1] === undefined ? 0 : (WEEKS[m[1]] ?? 0))),
    freeRule('(\\d{1,2})\\s?월\\s?(?:의\\s?)?마지막\\s?(?:주\\s?)?([월화수목금토일])\\s?(?:요일|욜)', (m, now) =>
      lastWeekdayOf(now, WEEKDAYS[m[2]], Number(m[1])),
    ),
    // "2026년 12월 3일", "12월 3일", "3일"
    freeRule('(?:(\\d{4})\\s?년\\s?)?(\\d{1,2})\\s?월\\s?(\\d{1,2})\\s?일', (m, now) =>
      monthDay(now, Number(m[2]), Number(m[3]), m[1] === undefined ? undefined : Number(m[1])),
    ),
    freeRule('(?<!(?:\\d|월)\\s?)(\\d{1,2})\\s?일(?!\\s?(?:후|뒤|동안|간))', (m, now) => dayOfMonth(now, Number(m[1]))),
    // "오후 3시 30분", "세시반", "오전 10시", "네시 십오분 전"
    freeRule(`(?:(${PART})\\s?)?(${NUMBER_WORD})\\s?시(?!간)(?:\\s?(?:(\\d{1,2}|${SINO_NUMBER})\\s?분|(반)))?(?:\\s?(전))?`, (m) => {
      const hour = count(m[2]);
      if (hour === undefined) return undefined;
      const minute = m[4] ? 30 : m[3] ? count(m[3]) : undefined;
      if (m[3] && minute === undefined) return undefined;
      const meridiem = meridiemOf(m[1]);
      if (m[5] && minute !== undefined) return clock(hour === 0 ? 23 : hour - 1, 60 - minute, meridiem);
      return clock(hour, minute, meridiem);
    }),
    freeRule(`(${PART})\\s?(?=\\d{1,2}:\\d{2})`, (m): Piece | undefined => {
      const meridiem = meridiemOf(m[1]);
      return meridiem === undefined ? undefined : { kind: 'meridiem', meridiem };
    }),
    freeRule('정오|낮\\s?12\\s?시', () => clock(12)),
    freeRule('자정|밤\\s?12\\s?시', () => clock(0)),
    freeRule(`(?:이번\\s?)?(${PART})`, (m): Piece | undefined => {
      const part = lookup(PARTS, m[1]);
      return part ? { kind: 'part', part } : undefined;
    }),
  ],
};

export const readKorean = grammarReader(grammar);
