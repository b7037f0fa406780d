import type { TurnContext } from 'botbuilder';
import type { Entities, Expecting, Understanding, WhenEntity } from '../src/domain/understanding';
import { readWhen } from '../src/domain/dates/parseWhen';
import { whenOfCandidate } from '../src/domain/dates/whenEntity';
import { calendarDateIn } from '../src/domain/dates/calendarDate';
import { foldText } from '../src/domain/text';
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

/** `heard` with what `entities` add for questions still open (a key already held keeps its value). */
export function heardMore(heard: Entities | undefined, entities: Entities, except: readonly BookingKey[] = []): Entities {
  const merged: Entities = { ...(heard ?? {}) };
  for (const key of BOOKING_KEYS) {
    if (except.includes(key) || merged[key] !== undefined || entities[key] === undefined) continue;
    (merged as Record<BookingKey, unknown>)[key] = entities[key];
  }
  return merged;
}

/** What the person named to change, by the field words of locales/<code>/translation.json (recap.fieldWords_*). */
export const FIELDS = ['location', 'reason', 'name', 'dateOfBirth', 'phone', 'slot'] as const;
export type Field = (typeof FIELDS)[number];

/** The first field whose words the message holds ("wrong phone", "el nombre está mal", "change the date"), or undefined. */
export function namedField(context: TurnContext, services: DialogServices): Field | undefined {
  const language = turnLanguage(context);
  const text = ` ${foldText(incomingText(context))} `;
  const glued = language === 'zh' || language === 'ko';
  return FIELDS.find((field) =>
    services.translator.words(language, `recap.fieldWords_${field}`).some((word) => {
      const folded = foldText(word);
      return folded.length > 0 && (glued ? text.includes(folded) : text.includes(` ${folded} `));
    }),
  );
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

/**
 * What a message corrects of an earlier answer: a ZIP code typed at a later question ("no, my ZIP
 * is 10002" at the name question), or, when the understanding reads a no, any value for another
 * question than `own` (what this question asks). Undefined when the message is no correction.
 * Only the ZIP code counts without a no, said in words ("my ZIP is 10002"): five digits answer no
 * other question of these, whereas a city or a country may be part of an answer ("born in Houston").
 */
export function correctionIn(u: Understanding, own: readonly BookingKey[], text: string): Entities | undefined {
  // Five digits alone are a wrong answer to this question ("12345" as a name), not a new ZIP code.
  const saysZip = u.entities.zip !== undefined && !own.includes('zip') && /\p{L}/u.test(text);
  if (u.intent !== 'no') return saysZip ? { zip: u.entities.zip } : undefined;
  const corrected: Entities = {};
  for (const key of BOOKING_KEYS) {
    if (own.includes(key) || u.entities[key] === undefined) continue;
    (corrected as Record<BookingKey, unknown>)[key] = u.entities[key];
  }
  return Object.keys(corrected).length > 0 ? corrected : undefined;
}

/** A sub-flow ends with this when the person corrected an earlier answer: the booking applies it and goes on. */
export interface Correction {
  correction: Entities;
  /** What the sub-flow had gathered already (the name, before the date of birth was asked). */
  known?: Record<string, string>;
}

export function isCorrection(result: unknown): result is Correction {
  return typeof result === 'object' && result !== null && 'correction' in result;
}
