import type { OfferedSlot } from '../dates/offeredSlot';
import type { WhenReading } from '../dates/parseWhen';
import type { ReasonCode } from '../reasons';

/** What the bot just asked, so that a short answer can be read in its context. */
export const EXPECTING = [
  'menu',
  'zip',
  'country',
  'officeConfirm',
  'reason',
  'name',
  'dob',
  'phone',
  'when',
  'slot',
  'yesno',
  'summary',
  'cancelConfirm',
  'receipt',
] as const;
export type Expecting = (typeof EXPECTING)[number];

/** What the person wants; `none` when the message only answers the question (or says nothing we act on). */
export const INTENTS = [
  'book',
  'cancel',
  'lookup',
  'reschedule',
  'documents',
  'about',
  'help',
  'changeLanguage',
  'yes',
  'no',
  'quit',
  'startOver',
  'none',
] as const;
export type Intent = (typeof INTENTS)[number];

export type PartOfDay = 'morning' | 'afternoon' | 'evening';

/** A preferred date and/or time, in the office's wall-clock time: only the parts the person gave. */
export interface WhenEntity {
  /** YYYY-MM-DD */
  date?: string;
  /** HH:mm */
  time?: string;
  partOfDay?: PartOfDay;
}

export interface Entities {
  /** Five digits. */
  zip?: string;
  /** ISO 3166-1 alpha-2, for a person living abroad. */
  country?: string;
  /** Three-letter field office code of a city or office named. */
  office?: string;
  reason?: ReasonCode;
  when?: WhenEntity;
  /** Our appointment receipt number, canonical ("IPHW30T8VNF9QBN"). */
  receiptNumber?: string;
  /** Almost one of our receipt numbers (a character missing, extra or wrong): say so, do not guess. */
  receiptNearMiss?: true;
  /** A USCIS case receipt number, canonical ("EAC2212345678"): not an appointment. */
  caseNumber?: string;
  /** YYYY-MM-DD */
  dateOfBirth?: string;
  /** E.164 */
  phone?: string;
  /** As typed, tidied. */
  name?: string;
}

export interface Understanding {
  intent: Intent;
  /** 0–1: how sure the intent is (see docs/understanding.md#confidence). */
  confidence: number;
  entities: Entities;
  /**
   * readWhen's reading of the message as typed (its candidates, the words left unread, a status), the
   * same as readWhen(text, language, now, timeZone) returns, so a dialog acts on it without reading the
   * text a second time. Always present at the date question; elsewhere when the message was read for
   * dates and held no number or code blanked out before (a ZIP code, a receipt number).
   */
  dates?: WhenReading;
}

export interface UnderstandContext {
  expecting?: Expecting;
  now: Date;
  /** The office's IANA zone (dates are its wall-clock time); America/New_York before an office is known. */
  timeZone: string;
  /**
   * The times offered at the list of times (expecting 'slot'), their titles written in `timeZone`:
   * a message that is one of the titles is read as that time without parsing it (the same reading).
   */
  offered?: readonly OfferedSlot[];
}
