import type { TurnContext } from 'botbuilder';
import { understand, type Understanding } from '../src/domain/understanding';
import type { WallClockWhen } from '../src/domain/dates/whenEntity';
import type { DialogServices } from './services';
import {
  BEFORE_OFFICE_ZONE,
  BOOKING_KEYS,
  type BookingKey,
  type Heard,
  type KnownDetails,
  copyKey,
  heardIn,
  holds,
  holdsPhrase,
} from './heard';
import { incomingText, turnLanguage } from './turnLanguage';

/** What the person named to change, by the field words of locales/<code>/translation.json (recap.fieldWords_*). */
export const FIELDS = ['location', 'reason', 'name', 'dateOfBirth', 'phone', 'slot'] as const;
export type Field = (typeof FIELDS)[number];

/** The first field whose words the message holds ("wrong phone", "el nombre está mal", "change the date"), or undefined. */
export function namedField(context: TurnContext, services: DialogServices): Field | undefined {
  const language = turnLanguage(context);
  const text = incomingText(context);
  return FIELDS.find((field) => holdsPhrase(text, language, `recap.fieldWords_${field}`, services));
}

const CORRECTION_READING = Symbol('infopass.correctionReading');

interface KeptReading {
  text: string;
  language: string;
  timeZone: string;
  understanding: Understanding;
}

/**
 * The message read for every answer of the booking, as at the summary (where anything may be
 * corrected): a ZIP code at the phone question, a day at the name question. Once per message.
 */
function correctionReading(context: TurnContext, services: DialogServices, timeZone: string): Understanding {
  const text = incomingText(context);
  const language = turnLanguage(context);
  const kept = context.turnState.get(CORRECTION_READING) as KeptReading | undefined;
  if (kept && kept.text === text && kept.language === language && kept.timeZone === timeZone) return kept.understanding;
  const understanding = understand(text, language, { expecting: 'summary', now: services.clock.now(), timeZone });
  context.turnState.set(CORRECTION_READING, { text, language, timeZone, understanding } satisfies KeptReading);
  return understanding;
}

/**
 * What may change an answer without a word saying so, when the message cannot answer the question
 * asked: values that are plainly one thing (a ZIP code, a reason, a date of birth, a phone number, a
 * day, a name said as one). A city or a country may be part of another answer ("born in Houston"):
 * it changes the office only with a word of correction ("no, I live in Houston").
 */
const PLAIN_KEYS: ReadonlySet<BookingKey> = new Set<BookingKey>(['zip', 'reason', 'name', 'dateOfBirth', 'phone', 'when']);

/** Whether the message holds a word of "no" or of "change", without which no answer is a correction. */
function mayCorrect(context: TurnContext, services: DialogServices): boolean {
  const text = incomingText(context);
  const language = turnLanguage(context);
  return holdsPhrase(text, language, 'common.noWords', services) || holdsPhrase(text, language, 'recap.changeWords', services);
}

/**
 * "No, …", "change …": the message corrects rather than answers. A "no" in a message that also
 * answers the question asked is part of that answer ("No answer from the Contact Center in 45 days").
 */
function saysCorrection(context: TurnContext, services: DialogServices, reading: Understanding, own: readonly BookingKey[]): boolean {
  const answersOwn = own.some((key) => holds(reading.entities, key));
  return (
    (reading.intent === 'no' && !answersOwn) || holdsPhrase(incomingText(context), turnLanguage(context), 'recap.changeWords', services)
  );
}

/**
 * What a message at a booking question changes of the other answers (or gives ahead for questions
 * not asked yet), or undefined when it is no correction. `own`: what this question asks;
 * `answered`: whether the message is a valid answer to it.
 *
 * - With a word of correction ("no, my ZIP is 94103", "change the day to Friday"), any value for
 *   another question is a correction, even when the message could also answer this one.
 * - Without one, only a message that cannot answer this question corrects, and only with plain
 *   values (see PLAIN_KEYS): "94103" at the name question, "March 5, 1980" at the phone question.
 *
 * A day without a date ("at 10") or a ZIP code no office serves corrects nothing. Whether a value
 * differs from the one held is for the booking to tell: it holds them.
 */
export function correctionAt(
  context: TurnContext,
  services: DialogServices,
  own: readonly BookingKey[],
  answered: boolean,
  timeZone: string = BEFORE_OFFICE_ZONE,
): Heard | undefined {
  // An answer with no word of "no" or "change" in it corrects nothing: not read a second time
  // (with a date in it, that is the date parser again: 1–12 ms).
  if (answered && !mayCorrect(context, services)) return undefined;
  const reading = correctionReading(context, services, timeZone);
  const cue = saysCorrection(context, services, reading, own);
  if (answered && !cue) return undefined;
  const heard = heardIn(incomingText(context), turnLanguage(context), reading, services, timeZone);
  const values: Heard = {};
  for (const key of BOOKING_KEYS) {
    if (own.includes(key) || (!cue && !PLAIN_KEYS.has(key))) continue;
    copyKey(values, heard, key);
  }
  delete values.whenUnread;
  if (values.when && values.when.date === undefined) delete values.when;
  if (values.zip && !services.offices.forZip(values.zip)) delete values.zip;
  return Object.keys(values).length > 0 ? values : undefined;
}

/** A sub-flow ends with this when the person corrected an earlier answer: the booking applies it and goes on. */
export interface Correction {
  correction: Heard;
  /** What the sub-flow had gathered already (the name, before the date of birth was asked). */
  known?: KnownDetails;
  /** The day and time the slot flow was offering times for: offered again, with what changed said first. */
  when?: WallClockWhen;
}

export function isCorrection(result: unknown): result is Correction {
  return typeof result === 'object' && result !== null && 'correction' in result;
}
