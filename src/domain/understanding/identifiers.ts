import { findReceiptNumber, parseReceiptNumber, RECEIPT_NUMBER_LENGTH } from '../appointments/receiptNumber';
import { findCaseReceiptNumber } from '../appointments/caseReceiptNumber';
import { parseDateOfBirth, type DobResult } from '../dates/dateOfBirth';
import { parsePhone } from '../phone';
import type { Entities } from './types';

/** Numbers and codes in a message, and the message with them blanked out for the date parser. */
export interface Identifiers {
  entities: Pick<Entities, 'receiptNumber' | 'receiptNearMiss' | 'caseNumber' | 'phone' | 'zip'>;
  /** The text with receipt, case and phone numbers and ZIP codes replaced by spaces. */
  rest: string;
}

/** A piece of a receipt number as people type it, and the gap before the next (spaces, hyphens, dashes). */
const RECEIPT_PIECE = /[A-Za-z0-9]+/y;
const RECEIPT_GAP = /[\s\-\u2010-\u2015\u2212]{1,3}/y;
const RECEIPT_START = /(?<![\p{L}\p{N}])ip/giu;
const CASE_LIKE = /(?<![\p{L}\p{N}])[a-z]{3}[\s\-*]{0,3}(?:\d[\s-]{0,3}){9}\d(?!\d)/giu;
/** A run of digits and the signs phone numbers are written with; a phone number when it holds ten digits or more. */
const PHONE_LIKE = /(?<![A-Za-z\p{N}])\+?\(?\d[\d\s().\-\u2010-\u2015]{8,}\d(?!\d)/gu;
/**
 * Five digits alone: next to Chinese or Korean letters too ("住在90012", "90012에"), not to Latin ones;
 * after a label and its colon ("zip:90012", "邮编：11354"), not after a time's ("10:30"); after a comma
 * that ends a clause ("要預約，11220", "I am 35, 10002"), not one inside a number ("1,23456").
 */
const ZIP = /(?<![\p{N}A-Za-z/.$-])(?<!\d\s*:\s*)(?<!\d,)(\d{5})(?:-\d{4})?(?![\p{N}/:A-Za-z]|[.,]\d)/gu;
const MIN_PHONE_DIGITS = 10;

function blank(text: string, pattern: RegExp, keep: (match: string) => boolean = () => true): string {
  return text.replace(pattern, (match) => (keep(match) ? ' '.repeat(match.length) : match));
}

/**
 * The text with what reads as a receipt number (or a near miss) blanked out: from each "IP", the
 * longest run of pieces that parseReceiptNumber still reads as one, and no further, so that the words
 * after it stay for the date parser ("IP-128V-AEHK-FADK-7 to dec 10", "IPYN5VJTV9ZJPN2 到礼拜五").
 */
function blankReceipts(text: string): string {
  let out = text;
  for (const start of text.matchAll(RECEIPT_START)) {
    let at = start.index ?? 0;
    let end = -1;
    let length = 0;
    for (;;) {
      RECEIPT_PIECE.lastIndex = at;
      const piece = RECEIPT_PIECE.exec(text);
      if (!piece) break;
      length += piece[0].length;
      if (length > RECEIPT_NUMBER_LENGTH + 1) break;
      at += piece[0].length;
      if (parseReceiptNumber(text.slice(start.index, at)).kind !== 'none') end = at;
      RECEIPT_GAP.lastIndex = at;
      const gap = RECEIPT_GAP.exec(text);
      if (!gap) break;
      at += gap[0].length;
    }
    if (end > 0) out = out.slice(0, start.index) + ' '.repeat(end - (start.index ?? 0)) + out.slice(end);
  }
  return out;
}

function digitCount(text: string): number {
  return text.replace(/\D/g, '').length;
}

/**
 * @param phoneQuestion the bot asked for a phone number: the whole message is tried first.
 */
export function findIdentifiers(text: string, phoneQuestion: boolean): Identifiers {
  const entities: Identifiers['entities'] = {};
  // Chinese and Korean glue a number to the word before it ("预约号IP…", "案件号EAC…"): it starts a word of its own.
  const spaced = /[\p{Script=Han}\p{Script=Hangul}][A-Za-z]/u.test(text)
    ? text.replace(/([\p{Script=Han}\p{Script=Hangul}])(?=[A-Za-z])/gu, '$1 ')
    : text;
  let rest = spaced.normalize('NFKC');

  // Most messages hold no number: ours start with "IP", and the others are digits.
  if (/ip/i.test(rest)) {
    const receipt = findReceiptNumber(spaced);
    if (receipt.kind === 'valid') entities.receiptNumber = receipt.receiptNumber;
    else if (receipt.kind === 'mistyped') entities.receiptNearMiss = true;
    if (receipt.kind !== 'none') rest = blankReceipts(rest);
  }
  if (!/\d/.test(rest)) return { entities, rest };

  const caseNumber = findCaseReceiptNumber(spaced);
  if (caseNumber) {
    entities.caseNumber = caseNumber;
    rest = blank(rest, CASE_LIKE);
  }

  const phone = findPhone(rest, phoneQuestion);
  if (phone) entities.phone = phone;
  rest = blank(rest, PHONE_LIKE, (m) => digitCount(m) >= MIN_PHONE_DIGITS);

  ZIP.lastIndex = 0;
  const zip = ZIP.exec(rest);
  // At the phone question five digits may be a piece of a phone number ("212 55501"); they are a ZIP
  // code when no other digit stands beside them ("no, my ZIP is 94103"; a whole phone is blanked already).
  if (zip && (!phoneQuestion || digitCount(rest) === zip[1].length)) entities.zip = zip[1];
  rest = blank(rest, ZIP);
  return { entities, rest };
}

function findPhone(text: string, phoneQuestion: boolean): string | undefined {
  if (phoneQuestion) {
    const whole = parsePhone(text, { allowInternational: true });
    if (whole.ok) return whole.e164;
  }
  if (digitCount(text) < MIN_PHONE_DIGITS) return undefined;
  for (const match of text.matchAll(PHONE_LIKE)) {
    if (digitCount(match[0]) < MIN_PHONE_DIGITS) continue;
    const phone = parsePhone(match[0], { allowInternational: true });
    if (phone.ok) return phone.e164;
  }
  return undefined;
}

/** Numeric dates ("03/04/1980", "1980-03-04", "4.3.1980"). */
const NUMERIC_DATE = /\d{1,4}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{1,4}/gu;
const MAX_WINDOW = 7;

/** A date of birth, and the words of the message that say it. */
export interface DateOfBirthFound {
  /** YYYY-MM-DD */
  date: string;
  /** The words as typed. */
  said: string;
}

/**
 * A date of birth in the message: the whole of it, a numeric date in it, or a few words in a row
 * naming a month ("el 4 de marzo de 1980", "born March 4, 1980").
 */
export function findDateOfBirth(text: string, language: string, today: string): DateOfBirthFound | undefined {
  const found = findFullDate(text, language, today, (result) => result.kind === 'date');
  return found?.result.kind === 'date' ? { date: found.result.date, said: found.said } : undefined;
}

/** Any day: only whether a date is whole (day, month, year) is asked, not whether it can be a birth date. */
const ANY_TODAY = '2000-01-01';

/**
 * Whether the message holds a whole date, day, month and year ("4 de marzo de 1980", "03/04/1980"):
 * a number in it is part of the date, not a choice from a list ("4" is no fourth reason).
 */
export function holdsWholeDate(text: string, language: string): boolean {
  return /\d/.test(text) && findFullDate(text, language, ANY_TODAY, (result) => result.kind !== 'invalid') !== undefined;
}

function findFullDate(
  text: string,
  language: string,
  today: string,
  accept: (result: DobResult) => boolean,
): { result: DobResult; said: string } | undefined {
  const whole = parseDateOfBirth(text, language, today);
  if (accept(whole)) return { result: whole, said: text };
  for (const match of text.matchAll(NUMERIC_DATE)) {
    const result = parseDateOfBirth(match[0], language, today);
    if (accept(result)) return { result, said: match[0] };
  }
  const words = text.split(/\s+/).filter((w) => w !== '');
  for (let size = Math.min(MAX_WINDOW, words.length); size >= 2; size--) {
    for (let start = 0; start + size <= words.length; start++) {
      const window = words.slice(start, start + size).join(' ');
      if (!/\d/.test(window)) continue;
      const result = parseDateOfBirth(window, language, today);
      if (accept(result)) return { result, said: window };
    }
  }
  return undefined;
}
