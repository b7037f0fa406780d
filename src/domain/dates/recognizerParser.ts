import { DateTimeRecognizer, type IDateTimeModel } from '@microsoft/recognizers-text-date-time';
import { DateTime, Duration } from 'luxon';
import { clockInZone, readOwnRules, type CustomRule } from './chronoParser';
import { ZONE_OFFSETS } from './grammars/calendar';
import {
  assemble,
  blank,
  clockOf,
  dayReading,
  PARTS_OF_DAY,
  parserOf,
  partOfDayReading,
  type PartOfDay,
  type Piece,
  type Reading,
  type WhenParser,
  type WhenReader,
} from './reading';

/** What a language needs on top of a Microsoft Recognizers culture. */
export interface RecognizerLanguage {
  /** Recognizers culture code, e.g. "en-us". */
  culture: string;
  /** Rewrites phrasings the model misses into ones it knows ("manana" → "mañana"). */
  normalize: (text: string) => string;
  /** Matches the end of the text before a duration that makes it "from now" ("in", "dentro de"). */
  durationFromNow: RegExp;
  /** Words whose part of day differs from the model's ("tarde" is afternoon, the model says evening). */
  partOfDayWords: ReadonlyArray<readonly [RegExp, PartOfDay]>;
  /** Phrases the model misreads, read by us and cut from the text first ("这周末": the whole weekend). */
  ownRules?: ReadonlyArray<CustomRule>;
  /**
   * Phrases parsed once when the model is built: the model compiles its patterns lazily, by kind
   * of phrase (weekdays, durations, parts of the day…), and a first phrase of a kind took up to
   * 50 ms instead of 2.
   */
  warmUpPhrases?: readonly string[];
}

/** "16:00 CET", "4pm GMT": a zone abbreviation after the time; group 1 is the abbreviation. */
const ZONE_AFTER_TIME = new RegExp(`(?<=[\\d\\p{L}]\\s*)(?<![a-z])(${Object.keys(ZONE_OFFSETS).join('|')})(?![a-z])`, 'iu');

/** Longer text is cut: nobody types a date in more, and the model's cost grows with length. */
const MAX_TEXT_LENGTH = 200;

const PART_OF_DAY_TIMEX: Readonly<Record<string, PartOfDay>> = {
  MO: 'morning',
  AF: 'afternoon',
  EV: 'evening',
  NI: 'evening',
};

// One model per culture for the life of the process: building one takes ~100 ms.
const models = new Map<string, IDateTimeModel>();

function modelFor(language: RecognizerLanguage): IDateTimeModel {
  let model = models.get(language.culture);
  if (!model) {
    model = new DateTimeRecognizer(language.culture).getDateTimeModel(language.culture, false);
    models.set(language.culture, model);
    const reference = new Date(2026, 0, 1, 9, 0, 0);
    for (const phrase of language.warmUpPhrases ?? []) model.parse(language.normalize(phrase), reference);
  }
  return model;
}

export function recognizerReader(language: RecognizerLanguage): WhenReader {
  return (text, now) => {
    const own = readOwnRules(language.normalize(text.slice(0, MAX_TEXT_LENGTH)), language.ownRules ?? [], now);
    const zone = ZONE_AFTER_TIME.exec(own.rest);
    const normalized = zone ? own.rest.replace(ZONE_AFTER_TIME, ' ') : own.rest;
    const context: Context = { language, now, model: modelFor(language) };
    const found = normalized.trim() === '' ? [] : recognize(normalized, context);
    let rest = normalized;
    const pieces = found.flatMap((result) => {
      const read =
        result.values.length === 0
          ? splitAndRecognize(result.text, context)
          : result.values.flatMap((value) => piecesOf(value, result, normalized, context));
      if (read.length > 0) rest = blank(rest, result.start, result.start + result.text.length);
      return read;
    });
    const offset = zone ? ZONE_OFFSETS[zone[1].toLowerCase()] : undefined;
    return { readings: assemble([...own.pieces, ...(offset === undefined ? pieces : inZone(pieces, offset, now))], now), rest };
  };
}

/** recognizerReader's readings alone. */
export function recognizerParser(language: RecognizerLanguage): WhenParser {
  return parserOf(recognizerReader(language));
}

/** Times said with a zone ("4pm CET") moved to the office's clock; days and ranges stay. */
function inZone(pieces: Piece[], offset: number, now: DateTime): Piece[] {
  return pieces.map((piece) => {
    if (piece.kind === 'clock') return clockInZone(piece, offset, undefined, now);
    if (piece.kind === 'reading' && (piece.reading.precision === 'hour' || piece.reading.precision === 'minute')) {
      return clockInZone(piece.reading.start, offset, piece.reading.start.startOf('day'), now);
    }
    return piece;
  });
}

interface Context {
  language: RecognizerLanguage;
  now: DateTime;
  model: IDateTimeModel;
}

interface RecognizedValue {
  type: string;
  timex: string;
  value?: string;
  start?: string;
  end?: string;
}

interface Recognized {
  text: string;
  start: number;
  values: RecognizedValue[];
}

function recognize(text: string, { model, now }: Context): Recognized[] {
  // The model knows no zones: give it the office's wall-clock time as a local Date.
  const reference = new Date(now.year, now.month - 1, now.day, now.hour, now.minute, now.second);
  let results;
  try {
    results = model.parse(text, reference);
  } catch {
    return []; // a model failure on odd input means "no date understood"
  }
  return results.map((result) => ({ text: result.text, start: result.start, values: valuesOf(result.resolution) }));
}

function valuesOf(resolution: unknown): RecognizedValue[] {
  if (!isRecord(resolution) || !Array.isArray(resolution.values)) return [];
  return resolution.values.flatMap((value: unknown): RecognizedValue[] => {
    if (!isRecord(value) || typeof value.type !== 'string') return [];
    return [
      {
        type: value.type,
        timex: stringOr(value.timex, ''),
        value: stringOr(value.value, undefined),
        start: stringOr(value.start, undefined),
        end: stringOr(value.end, undefined),
      },
    ];
  });
}

/**
 * The model sometimes finds a phrase it then cannot resolve ("pasado mañana por la
 * tarde"). Read it as two halves, a day and a time of day, cut between two words.
 */
function splitAndRecognize(text: string, context: Context): Piece[] {
  const words = text.trim().split(/\s+/);
  for (let cut = 1; cut < words.length; cut++) {
    const halves = [words.slice(0, cut).join(' '), words.slice(cut).join(' ')];
    const pieces = halves.flatMap((half) =>
      recognize(half, context).flatMap((result) => result.values.flatMap((value) => piecesOf(value, result, half, context))),
    );
    const hasDay = pieces.some((p) => p.kind === 'day');
    const hasTime = pieces.some((p) => p.kind === 'clock' || p.kind === 'span');
    if (hasDay && hasTime) return pieces;
  }
  return [];
}

function piecesOf(value: RecognizedValue, result: Recognized, text: string, context: Context): Piece[] {
  const { now } = context;
  const zone = now.zone;
  const pieces: Piece[] = [];
  switch (value.type) {
    case 'date': {
      const day = parseWallClock(value.value, zone);
      if (day) pieces.push({ kind: 'day', day });
      break;
    }
    case 'datetime': {
      const start = parseWallClock(value.value, zone);
      if (start) pieces.push({ kind: 'reading', reading: { start, precision: clockPrecision(value.timex, start.minute) } });
      break;
    }
    case 'time': {
      const minute = minuteOfDay(value.value);
      if (minute !== undefined) {
        pieces.push({ kind: 'clock', ...clockOf(minute), precision: clockPrecision(value.timex, minute % 60) });
      }
      break;
    }
    case 'datetimerange': {
      const start = parseWallClock(value.start, zone);
      const part = partOfDay(value.timex, result.text, context.language);
      if (start && part) {
        pieces.push({ kind: 'reading', reading: partOfDayReading(start.startOf('day'), part) });
      } else {
        const end = parseWallClock(value.end, zone);
        if (start && end && end > start) pieces.push({ kind: 'reading', reading: { start, end, precision: 'partOfDay' } });
      }
      break;
    }
    case 'timerange': {
      const part = partOfDay(value.timex, result.text, context.language);
      if (part) {
        const { startHour, endHour } = PARTS_OF_DAY[part];
        pieces.push({ kind: 'span', startMinute: startHour * 60, endMinute: endHour * 60 });
      } else {
        const startMinute = minuteOfDay(value.start);
        const endMinute = minuteOfDay(value.end);
        if (startMinute !== undefined && endMinute !== undefined && endMinute > startMinute) {
          pieces.push({ kind: 'span', startMinute, endMinute });
        }
      }
      break;
    }
    case 'daterange': {
      const start = parseWallClock(value.start, zone);
      const end = parseWallClock(value.end, zone);
      if (start && end && end > start) pieces.push({ kind: 'reading', reading: { start, end, precision: 'day' } });
      break;
    }
    case 'duration': {
      const reading = durationFromNow(value.timex, text.slice(0, result.start), context);
      if (reading) pieces.push({ kind: 'reading', reading });
      break;
    }
    default:
      break; // sets ("every Monday") and other kinds name no appointment time
  }
  return pieces.flatMap((piece) => withNextWeek(piece, value.timex, now));
}

/**
 * A weekday that is today: bare ("Friday", said on a Friday) it means the same day next
 * week; with a time still ahead ("Friday at 3pm") it may be today or next week: both.
 */
function withNextWeek(piece: Piece, timex: string, now: DateTime): Piece[] {
  if (!timex.startsWith('XXXX-WXX')) return [piece];
  const today = now.startOf('day');
  if (piece.kind === 'day' && piece.day.hasSame(today, 'day')) {
    return [{ kind: 'day', day: piece.day.plus({ days: 7 }) }];
  }
  if (piece.kind === 'reading' && piece.reading.start.hasSame(today, 'day')) {
    const { start, end, precision } = piece.reading;
    return [piece, { kind: 'reading', reading: { start: start.plus({ days: 7 }), end: end?.plus({ days: 7 }), precision } }];
  }
  return [piece];
}

function durationFromNow(timex: string, textBefore: string, { language, now }: Context): Reading | undefined {
  if (!language.durationFromNow.test(textBefore)) return undefined;
  const duration = Duration.fromISO(timex);
  if (!duration.isValid || duration.toMillis() <= 0) return undefined;
  const target = now.plus(duration);
  if (duration.as('hours') >= 24) return dayReading(target.startOf('day'));
  return { start: target.startOf('minute'), precision: 'minute' };
}

function partOfDay(timex: string, matchedText: string, language: RecognizerLanguage): PartOfDay | undefined {
  const code = /T(MO|AF|EV|NI)$/.exec(timex)?.[1];
  if (!code) return undefined;
  const byWord = language.partOfDayWords.find(([pattern]) => pattern.test(matchedText));
  return byWord ? byWord[1] : PART_OF_DAY_TIMEX[code];
}

function clockPrecision(timex: string, minute: number): 'hour' | 'minute' {
  return minute !== 0 || /T\d{1,2}:\d{2}/.test(timex) ? 'minute' : 'hour';
}

/** The model's values are wall-clock times with no offset ("2026-11-28" or "2026-11-28 10:00:00"): read them in the office's zone. */
function parseWallClock(text: string | undefined, zone: DateTime['zone']): DateTime | undefined {
  const match = text ? WALL_CLOCK.exec(text) : null;
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second] = match.map(Number);
  // DateTime.fromFormat parses its format on every call: a third of our time per parse.
  const parsed = DateTime.fromObject({ year, month, day, hour: hour || 0, minute: minute || 0, second: second || 0 }, { zone });
  return parsed.isValid ? parsed : undefined;
}

const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2}):(\d{2}))?$/;

/** "HH:mm:ss" → minutes after midnight. */
function minuteOfDay(text: string | undefined): number | undefined {
  const match = text ? /^(\d{2}):(\d{2}):\d{2}$/.exec(text) : null;
  return match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function stringOr<T>(value: unknown, fallback: T): string | T {
  return typeof value === 'string' ? value : fallback;
}
