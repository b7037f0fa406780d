import type { Chrono, ParsedComponents, ParsedResult } from 'chrono-node';
import { DateTime, FixedOffsetZone } from 'luxon';
import { assemble, blank, PARTS_OF_DAY, parserOf, type PartOfDay, type Piece, type WhenParser, type WhenReader } from './reading';

/** What a language needs on top of a chrono-node locale. */
export interface ChronoLanguage {
  /** The locale's casual parser, e.g. chrono.ru.casual. */
  chrono: Chrono;
  /** Rewrites phrasings chrono misses into ones it knows ("amanha" → "amanhã", "05.12" → "5 декабря"). */
  normalize: (text: string) => string;
  /**
   * Words for parts of the day, read by us rather than by chrono (whose "morning" is 06:00):
   * alone they are a range ("утром" 08–12); beside an hour they set AM/PM ("в 3 часа дня" 15:00).
   * They are cut from the text before chrono reads it.
   */
  partsOfDay: ReadonlyArray<readonly [RegExp, PartOfDay | 'noon']>;
  /** Phrases chrono lacks, read by us and cut from the text (see OwnRule). */
  ownRules?: ReadonlyArray<OwnRule>;
  /**
   * Also give the last occurrence of a weekday or of a date said without its year ("Tuesday":
   * last Tuesday too; "Dec 3": last year's too), as the recognizers do; parseWhen marks it past
   * and puts it last, so a reply can say the date is over rather than "not understood".
   */
  pastReadings?: boolean;
}

/**
 * A phrase chrono does not know, read by us:
 * - 'nextWeek': "na próxima semana" → Monday to Monday of next week;
 * - 'dayOfMonth': "dia 15" (group 1) → the next 15th;
 * - 'daysFromNow' / 'weeksFromNow': "daqui a duas semanas" (group 1, a number or a word in
 *   `numbers`) → that day.
 */
export type OwnRule = BuiltInRule | CustomRule;

export interface BuiltInRule {
  kind: 'nextWeek' | 'dayOfMonth' | 'daysFromNow' | 'weeksFromNow';
  pattern: RegExp;
  numbers?: Readonly<Record<string, number>>;
}

/** A phrase read by the language's own function: `groups` are the match's groups ('' when unmatched). */
export interface CustomRule {
  pattern: RegExp;
  read: (groups: readonly string[], now: DateTime) => Piece | Piece[] | undefined;
}

/** Longer text is cut: nobody types a date in more. */
const MAX_TEXT_LENGTH = 200;

type DayPart = PartOfDay | 'noon';

/**
 * A WhenReader on chrono-node. Chrono is given the office's UTC offset at `now` (it ignores IANA
 * zones) and `forwardDate`; we keep only what the text said for certain (day, weekday, hour,
 * minute) and rebuild each reading in the office's zone, so DST changes between now and the
 * reading are honoured. What our own rules, the parts of the day and chrono read is blanked out
 * of `rest`.
 */
export function chronoReader(language: ChronoLanguage): WhenReader {
  return (text, now) => {
    const normalized = language.normalize(text.slice(0, MAX_TEXT_LENGTH).toLowerCase());
    const own = readOwnRules(normalized, language.ownRules ?? [], now);
    const { part, rest } = cutPartOfDay(own.rest, language);
    let results: ParsedResult[];
    try {
      results = language.chrono.parse(rest, { instant: now.toJSDate(), timezone: now.offset }, { forwardDate: true });
    } catch {
      return { readings: [], rest: normalized }; // a parser failure on odd input means "no date understood"
    }
    let left = rest;
    const chronoPieces = results.flatMap((result) => {
      const pieces = piecesOf(result, part, now, language.pastReadings === true);
      if (pieces.length > 0) left = blank(left, result.index, result.index + result.text.length);
      return pieces;
    });
    const pieces = [...own.pieces, ...chronoPieces];
    const hasTime = pieces.some((p) => p.kind === 'clock' || p.kind === 'span' || (p.kind === 'reading' && p.reading.precision !== 'day'));
    if (part && !hasTime) pieces.push(partPiece(part));
    return { readings: assemble(pieces, now), rest: left };
  };
}

/** chronoReader's readings alone. */
export function chronoParser(language: ChronoLanguage): WhenParser {
  return parserOf(chronoReader(language));
}

/** Reads `rules` in `text`, cutting what they read; also used by the recognizer languages (recognizerParser.ts). */
export function readOwnRules(text: string, rules: ReadonlyArray<OwnRule>, now: DateTime): { pieces: Piece[]; rest: string } {
  const pieces: Piece[] = [];
  let rest = text;
  for (const rule of rules) {
    rest = rest.replace(rule.pattern, (...args: unknown[]) => {
      const groups: string[] = [];
      for (const arg of args.slice(1)) {
        if (typeof arg === 'number') break; // the match's offset follows its groups
        groups.push(typeof arg === 'string' ? arg : '');
      }
      const piece = 'read' in rule ? rule.read(groups, now) : ownRulePiece(rule, groups[0] ?? '', now);
      if (!piece || (Array.isArray(piece) && piece.length === 0)) return String(args[0]);
      pieces.push(...(Array.isArray(piece) ? piece : [piece]));
      return ' ';
    });
  }
  return { pieces, rest };
}

function ownRulePiece(rule: BuiltInRule, group: string, now: DateTime): Piece | undefined {
  const today = now.startOf('day');
  switch (rule.kind) {
    case 'nextWeek': {
      const monday = today.plus({ weeks: 1 }).startOf('week');
      return { kind: 'reading', reading: { start: monday, end: monday.plus({ weeks: 1 }), precision: 'day' } };
    }
    case 'dayOfMonth': {
      const dayOfMonth = Number(group);
      if (!(dayOfMonth >= 1 && dayOfMonth <= 31)) return undefined;
      for (let month = 0; month < 3; month++) {
        const candidate = today.plus({ months: month }).set({ day: dayOfMonth });
        if (candidate.day === dayOfMonth && candidate >= today) return { kind: 'day', day: candidate };
      }
      return undefined;
    }
    case 'daysFromNow':
    case 'weeksFromNow': {
      const count = /^\d+$/.test(group) ? Number(group) : rule.numbers?.[group];
      if (count === undefined || count <= 0) return undefined;
      return { kind: 'day', day: today.plus(rule.kind === 'daysFromNow' ? { days: count } : { weeks: count }) };
    }
  }
}

function cutPartOfDay(text: string, language: ChronoLanguage): { part?: DayPart; rest: string } {
  let part: DayPart | undefined;
  let rest = text;
  for (const [pattern, name] of language.partsOfDay) {
    const cut = rest.replace(pattern, ' ');
    if (cut !== rest) {
      part ??= name;
      rest = cut;
    }
  }
  return { part, rest };
}

function partPiece(part: DayPart): Piece {
  if (part === 'noon') return { kind: 'clock', hour: 12, minute: 0, precision: 'hour' };
  const { startHour, endHour } = PARTS_OF_DAY[part];
  return { kind: 'span', startMinute: startHour * 60, endMinute: endHour * 60 };
}

function piecesOf(result: ParsedResult, part: DayPart | undefined, now: DateTime, pastReadings = false): Piece[] {
  const { start, end } = result;
  const day = namedDay(start, now);
  const sameWeekdayAsToday = day !== undefined && start.isCertain('weekday') && !start.isCertain('day') && day.hasSame(now, 'day');

  if (!start.isCertain('hour')) {
    if (!day) return [];
    // "пятница" said on a Friday is next Friday, as a bare weekday is in every language; with a
    // part of the day ("viernes a mediodía") it may also be today, as with an hour.
    const days = sameWeekdayAsToday ? (part ? [day, day.plus({ days: 7 })] : [day.plus({ days: 7 })]) : [day];
    if (pastReadings) days.push(...lastOccurrence(start, day));
    return days.map((d): Piece => ({ kind: 'day', day: d }));
  }

  const endHour = end?.isCertain('hour') ? end.get('hour') : null;
  if (end && endHour !== null) {
    const startMinute = (start.get('hour') ?? 0) * 60 + (start.get('minute') ?? 0);
    const endMinute = endHour * 60 + (end.get('minute') ?? 0);
    if (endMinute > startMinute) {
      const span: Piece = { kind: 'span', startMinute, endMinute };
      return day ? [{ kind: 'day', day }, span] : [span];
    }
  }

  const clocks = clocksOf(start, result.text, part);
  if (start.isCertain('timezoneOffset')) return clocksInZone(clocks, start, day !== undefined, now);
  if (!day) return clocks;
  const days = sameWeekdayAsToday ? [day, day.plus({ days: 7 })] : [day];
  if (pastReadings) days.push(...lastOccurrence(start, day));
  return days.flatMap((d) =>
    clocks.map((clock): Piece => ({
      kind: 'reading',
      reading: { start: d.set({ hour: clock.hour, minute: clock.minute }), precision: clock.precision },
    })),
  );
}

/**
 * "16:00 CET", "8:00 GMT": the time in the zone said, on the office's clock (a bare time: the next
 * one). Precision 'minute': a zone half an hour off (India's) moves the hour off the hour.
 */
function clocksInZone(clocks: Clock[], start: ParsedComponents, dayNamed: boolean, now: DateTime): Piece[] {
  const offset = start.get('timezoneOffset') ?? 0;
  const day = dayNamed ? DateTime.fromJSDate(start.date(), { zone: FixedOffsetZone.instance(offset) }) : undefined;
  return clocks.map((clock) => clockInZone(clock, offset, day, now));
}

/**
 * A time said in a zone `offset` minutes from UTC, on the office's clock: on `day` (a date in that
 * zone) if one was said, otherwise the next such time. Also used by recognizerParser.ts.
 */
export function clockInZone(clock: { hour: number; minute: number }, offset: number, day: DateTime | undefined, now: DateTime): Piece {
  const zone = FixedOffsetZone.instance(offset);
  let at = (day ? day.setZone(zone, { keepLocalTime: true }) : now.setZone(zone)).set({
    hour: clock.hour,
    minute: clock.minute,
    second: 0,
    millisecond: 0,
  });
  if (!day && at < now) at = at.plus({ days: 1 });
  return { kind: 'reading', reading: { start: at.setZone(now.zone), precision: 'minute' } };
}

/** The last occurrence, before `day`, of a weekday said alone or of a date said without its year. */
function lastOccurrence(components: ParsedComponents, day: DateTime): DateTime[] {
  if (components.isCertain('weekday') && !components.isCertain('day')) return [day.minus({ weeks: 1 })];
  if (components.isCertain('day') && components.isCertain('month') && !components.isCertain('year')) return [day.minus({ years: 1 })];
  return [];
}

/** The day the text named (a date, a weekday, "tomorrow", "in two weeks"), if it named one. */
function namedDay(components: ParsedComponents, now: DateTime): DateTime | undefined {
  const named = components.isCertain('day') || components.isCertain('weekday') || components.isCertain('month');
  if (!named) return undefined;
  const day = DateTime.fromObject(
    { year: components.get('year') ?? now.year, month: components.get('month') ?? now.month, day: components.get('day') ?? now.day },
    { zone: now.zone },
  );
  return day.isValid ? day : undefined;
}

type Clock = Extract<Piece, { kind: 'clock' }>;

/**
 * The hour said, and its other half of the day when nothing says which ("в 10": 10:00 and
 * 22:00; parseWhen puts the one inside office hours first).
 */
function clocksOf(components: ParsedComponents, matched: string, part: DayPart | undefined): Clock[] {
  const hour = components.get('hour') ?? 0;
  const minute = components.get('minute') ?? 0;
  const precision = minute !== 0 || /\d[:.h]\d{2}/.test(matched) ? 'minute' : 'hour';
  const clock = (h: number): Clock => ({ kind: 'clock', hour: h, minute, precision });
  if (part === 'afternoon' || part === 'evening') return [clock(hour < 12 ? hour + 12 : hour)];
  if (part === 'morning') return [clock(hour)];
  if (part === 'noon') return [clock(hour >= 1 && hour <= 3 ? hour + 12 : hour)]; // "1 giờ trưa" is 13:00
  if (components.isCertain('meridiem') || hour === 0 || hour >= 12 || /(?<!\d)0\d[:.h]/.test(matched)) return [clock(hour)];
  return [clock(hour), clock(hour + 12)];
}
