import type { TurnContext } from 'botbuilder';
import type { Entities, Expecting, Understanding, WhenEntity } from '../src/domain/understanding';
import { readWhen } from '../src/domain/dates/parseWhen';
import { whenOfCandidate } from '../src/domain/dates/whenEntity';
import { calendarDateIn } from '../src/domain/dates/calendarDate';
import { parseDateOfBirth } from '../src/domain/dates/dateOfBirth';
import { holdsOneOf } from '../src/domain/text';
import type { DialogServices } from './services';
import { DEFAULT_UNDERSTANDING_ZONE, understandTurn } from './understanding';
import { incomingText, turnLanguage } from './turnLanguage';

/** Dates said before an office is known are read in this zone's wall-clock time (docs/understanding.md). */
export const BEFORE_OFFICE_ZONE = DEFAULT_UNDERSTANDING_ZONE;

/**
 * The incoming message read by the understanding, as the answer to `expecting`: once per message
 * (the root dialog reads it first, in the context of the same prompt, and the reading is kept for
 * the turn). `timeZone` is the office's when it is known (dates are its wall-clock time).
 */
export function hear(context: TurnContext, services: DialogServices, expecting: Expecting, timeZone?: string): Understanding {
  return understandTurn(context, services, expecting, timeZone);
}

/** The entities of a booking that answer its questions (an appointment receipt number or a case number answer none). */
export const BOOKING_KEYS = ['zip', 'country', 'office', 'reason', 'name', 'dateOfBirth', 'phone', 'when'] as const;
export type BookingKey = (typeof BOOKING_KEYS)[number];

/** What the booking keeps of a message that answers questions not asked yet (or corrects answers given). */
export interface Heard extends Entities {
  /**
   * A date of birth that reads two ways ("03/04/1990": March 4 or 3 April): every reading, the one
   * the language's order gives first. It is asked about before it is used, as at its own question.
   */
  dateOfBirthReadings?: string[];
  /**
   * Words like a day that the date parser could not read ("juevs"), in a message that gave a time
   * or a part of the day but no day: the day is asked about, naming them, instead of guessing it;
   * `when` then holds the time or part of the day, for the day given in answer.
   */
  whenUnread?: string[];
}

/** Name, date of birth and phone known before they are asked (a date of birth that reads two ways with its readings). */
export interface KnownDetails {
  name?: string;
  /** YYYY-MM-DD */
  dateOfBirth?: string;
  dateOfBirthReadings?: string[];
  /** As typed, or E.164. */
  phone?: string;
}

/** What goes with a key: kept, copied and forgotten with it. */
const COMPANIONS: Partial<Record<BookingKey, 'dateOfBirthReadings' | 'whenUnread'>> = {
  dateOfBirth: 'dateOfBirthReadings',
  when: 'whenUnread',
};

/** Whether `heard` says something for `key` (its value, or what goes with it). */
export function holds(heard: Heard, key: BookingKey): boolean {
  const companion = COMPANIONS[key];
  return heard[key] !== undefined || (companion !== undefined && heard[companion] !== undefined);
}

/** Copies `key` and what goes with it from `from` to `to`. */
export function copyKey(to: Heard, from: Heard, key: BookingKey): void {
  const companion = COMPANIONS[key];
  if (from[key] !== undefined) (to as Record<BookingKey, unknown>)[key] = from[key];
  if (companion && from[companion] !== undefined) to[companion] = from[companion];
}

/** Forgets `key` and what goes with it. */
export function forgetKey(heard: Heard, key: BookingKey): void {
  const companion = COMPANIONS[key];
  delete heard[key];
  if (companion) delete heard[companion];
}

/** `heard` with what `entities` add for questions still open (a key already held keeps its value). */
export function heardMore(heard: Heard | undefined, entities: Heard, except: readonly BookingKey[] = []): Heard {
  const merged: Heard = { ...(heard ?? {}) };
  for (const key of BOOKING_KEYS) {
    if (except.includes(key) || holds(merged, key) || !holds(entities, key)) continue;
    copyKey(merged, entities, key);
  }
  return merged;
}

/** Whether the message holds one of the phrases of the word list `key` (whole words, or anywhere in Chinese and Korean). */
export function holdsPhrase(text: string, language: string, key: string, services: DialogServices): boolean {
  const glued = language === 'zh' || language === 'ko';
  return holdsOneOf(text, services.translator.words(language, key), glued);
}

/**
 * Whether a message says a name as a name ("my name is", "me llamo", "je m'appelle", "меня зовут"):
 * words that may only open a sentence ("soy", "я", "this is") are no reason to take what follows
 * for a name (ru "я так и не получила…" is no name "так").
 */
export function saysName(text: string, language: string, services: DialogServices): boolean {
  return holdsPhrase(text, language, 'details.nameSaidWords', services);
}

/** Numeric dates as people type them ("03/04/1990", "3.4.90", "1990-03-04"). */
const NUMERIC_DATE = /\d{1,4}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{1,4}/gu;

/**
 * Every reading of the date of birth `date` found in `text`, when it reads more than one way; the
 * date alone otherwise. Only numeric dates are ambiguous (a month said in words is not).
 */
export function dateOfBirthReadings(text: string, language: string, today: string, date: string): string[] {
  for (const typed of [text, ...(text.match(NUMERIC_DATE) ?? [])]) {
    const result = parseDateOfBirth(typed, language, today);
    if (result.kind !== 'date' || result.alternatives.length === 0) continue;
    const readings = [result.date, ...result.alternatives];
    if (readings.includes(date)) return readings;
  }
  return [date];
}

/**
 * What a message says for the booking's questions, as the booking keeps it: a name only when it
 * is said as one (`saysName`), a date of birth with its readings when it reads two ways, and a
 * time or part of the day without a day, next to a word like a day that was not read, as that word
 * (`whenUnread`) rather than as today. `reading`: the understanding of `text` (its entities, and its
 * date reading when it made one: the words left unread are taken from it, not read again).
 * `timeZone`: the office's, when it is known.
 */
export function heardIn(
  text: string,
  language: string,
  reading: Pick<Understanding, 'entities' | 'dates'>,
  services: DialogServices,
  timeZone?: string,
): Heard {
  const heard: Heard = {};
  for (const key of BOOKING_KEYS) copyKey(heard, reading.entities, key);
  if (heard.name && !saysName(text, language, services)) delete heard.name;
  const zone = timeZone ?? BEFORE_OFFICE_ZONE;
  const now = services.clock.now();
  if (heard.dateOfBirth) {
    const readings = dateOfBirthReadings(text, language, calendarDateIn(now, zone), heard.dateOfBirth);
    if (readings.length > 1) heard.dateOfBirthReadings = readings;
  }
  if (heard.when && heard.when.date === undefined) {
    // Which words were read does not hang on the zone: the understanding's reading serves whatever zone it was made in.
    const unread = (reading.dates ?? readWhen(text, language, now, zone)).unreadDateLike;
    if (unread.length > 0) heard.whenUnread = unread;
  }
  return heard;
}

/** This turn's message as `heardIn` keeps it, read as the answer to `expecting`. */
export function heardNow(context: TurnContext, services: DialogServices, expecting: Expecting, timeZone?: string): Heard {
  return heardIn(incomingText(context), turnLanguage(context), hear(context, services, expecting, timeZone), services, timeZone);
}

/**
 * A day and time said in a sentence answering another question ("green card, and I can come
 * Tuesday morning"): the understanding reads no dates there (a date in a reason is part of a
 * story), so a sentence of a few words is read for one, and kept only when it was read whole and
 * is ahead. Answers of one or two words cost nothing.
 */
export function whenAhead(context: TurnContext, services: DialogServices, timeZone?: string): WhenEntity | undefined {
  const text = incomingText(context);
  if (text.trim().split(/\s+/).length < 3 && !/[\u3400-\u9fff\uac00-\ud7af]/.test(text)) return undefined;
  const reading = readWhen(text, turnLanguage(context), services.clock.now(), timeZone ?? BEFORE_OFFICE_ZONE);
  if (reading.status !== 'complete' && reading.status !== 'partial') return undefined;
  const ahead = reading.candidates.filter((c) => !c.past);
  const first = ahead[0];
  if (!first) return undefined;
  // As the understanding reads it: a weekday is never today ("Tuesday morning", said on a Tuesday, is next week's).
  const today = calendarDateIn(services.clock.now(), timeZone ?? BEFORE_OFFICE_ZONE);
  const other =
    first.start.slice(0, 10) === today ? ahead.find((c) => c.start.slice(0, 10) !== today && c.precision === first.precision) : undefined;
  return whenOfCandidate(other ?? first);
}
