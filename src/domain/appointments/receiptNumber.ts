import { randomBytes } from 'node:crypto';

/**
 * Appointment receipt numbers: "IP" + 12 random Crockford base32 characters + 1 check
 * character (Luhn mod 32 over the 12), 15 characters in all, shown as "IP-XXXX-XXXX-XXXX-C".
 * A USCIS case receipt number is 3 letters + 10 digits (13 characters), so the two never
 * look alike.
 *
 * Two rules on top of the plain scheme, both enforced when generating:
 * - Luhn mod 32 misses exactly one adjacent transposition: "0Z" <-> "Z0" (both sides have
 *   the same weighted sum). We never issue a number holding either pair, so a number that
 *   holds one was mistyped: every single substitution and every adjacent swap is caught.
 * - Every number holds at least one digit among its 12 random characters, which lets the
 *   free-text search ignore runs of ordinary words that happen to start with "ip".
 * Together they cost less than 0.06 bits of the 60.
 */

export type ReceiptNumberMatch = { kind: 'valid'; receiptNumber: string } | { kind: 'mistyped' } | { kind: 'none' };

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const BASE = ALPHABET.length;
const PREFIX = 'IP';
const RANDOM_LENGTH = 12;
/** Random characters plus the check character. */
const BODY_LENGTH = RANDOM_LENGTH + 1;
export const RECEIPT_NUMBER_LENGTH = PREFIX.length + BODY_LENGTH;

/** Crockford's decoding aliases for characters people confuse. */
const ALIASES: Readonly<Record<string, string>> = { O: '0', I: '1', L: '1' };
const UNDETECTED_SWAP = /0Z|Z0/;
const CANONICAL = new RegExp(`^${PREFIX}[${ALPHABET}]{${BODY_LENGTH}}$`);
const MAX_GENERATION_ATTEMPTS = 1000;

function valueOf(character: string): number {
  return ALPHABET.indexOf(character);
}

/**
 * Luhn mod 32 over Crockford base32 characters: double every second value from the right,
 * fold, and pick the character that makes the sum 0 mod 32.
 */
export function checkCharacter(payload: string): string {
  if (![...payload].every((c) => valueOf(c) >= 0)) throw new Error(`checkCharacter: not Crockford base32: ${payload}`);
  let sum = 0;
  let double = true;
  for (let i = payload.length - 1; i >= 0; i--) {
    sum += weighted(valueOf(payload[i]), double);
    double = !double;
  }
  return ALPHABET[(BASE - (sum % BASE)) % BASE];
}

function weighted(value: number, double: boolean): number {
  if (!double) return value;
  const doubled = value * 2;
  return Math.floor(doubled / BASE) + (doubled % BASE);
}

function hasValidCheck(body: string): boolean {
  return checkCharacter(body.slice(0, -1)) === body[body.length - 1];
}

function isIssuable(body: string): boolean {
  return /[0-9]/.test(body.slice(0, RANDOM_LENGTH)) && !UNDETECTED_SWAP.test(body);
}

/** A fresh canonical receipt number; `random` is crypto.randomBytes unless a test injects its own. */
export function generateReceiptNumber(random: (bytes: number) => Buffer = randomBytes): string {
  for (let attempt = 0; attempt < MAX_GENERATION_ATTEMPTS; attempt++) {
    const bytes = random(8);
    if (bytes.length < 8) throw new Error('generateReceiptNumber: the random source returned too few bytes');
    let bits = bytes.readBigUInt64BE(0);
    let payload = '';
    for (let i = 0; i < RANDOM_LENGTH; i++) {
      payload += ALPHABET[Number(bits & 31n)];
      bits >>= 5n;
    }
    const body = payload + checkCharacter(payload);
    if (isIssuable(body)) return PREFIX + body;
  }
  throw new Error('generateReceiptNumber: the random source keeps producing numbers that cannot be issued');
}

export function isCanonicalReceiptNumber(text: string): boolean {
  return CANONICAL.test(text) && hasValidCheck(text.slice(PREFIX.length)) && isIssuable(text.slice(PREFIX.length));
}

/** "IP7K3MQ9XD2HBWT" → "IP-7K3M-Q9XD-2HBW-T". Throws on anything but a canonical number. */
export function formatReceiptNumber(receiptNumber: string): string {
  if (!CANONICAL.test(receiptNumber)) throw new Error(`formatReceiptNumber: not a canonical receipt number: ${receiptNumber}`);
  const body = receiptNumber.slice(PREFIX.length);
  return [PREFIX, body.slice(0, 4), body.slice(4, 8), body.slice(8, 12), body.slice(12)].join('-');
}

interface Token {
  text: string;
  /** Whether the gap to the previous token may sit inside one receipt number. */
  joinsPrevious: boolean;
}

/**
 * Runs of Latin letters and digits, and runs of letters of other scripts: a number glued to Chinese or
 * Korean words ("号码IPC5KKEX1N9SP7V", "예약번호IP…") is a token of its own.
 */
const TOKEN = /[\p{Script=Latin}\p{N}]+|[^\P{L}\p{Script=Latin}]+/gu;
const ASCII_ALPHANUMERIC = /^[A-Z0-9]+$/;
/** Spaces, hyphens and dashes, at most three in a row ("IP - 7K3M"). */
const JOINING_GAP = /^[\s\-\u2010-\u2015\u2212]{1,3}$/u;

function tokenize(text: string): Token[] {
  const normalised = text.normalize('NFKC').toUpperCase();
  const tokens: Token[] = [];
  let previousEnd = -1;
  for (const match of normalised.matchAll(TOKEN)) {
    const start = match.index ?? 0;
    const gap = previousEnd < 0 ? '' : normalised.slice(previousEnd, start);
    tokens.push({ text: match[0], joinsPrevious: previousEnd >= 0 && JOINING_GAP.test(gap) });
    previousEnd = start + match[0].length;
  }
  return tokens;
}

const RANK: Readonly<Record<ReceiptNumberMatch['kind'], number>> = { none: 0, mistyped: 1, valid: 2 };

function better(a: ReceiptNumberMatch, b: ReceiptNumberMatch): ReceiptNumberMatch {
  return RANK[b.kind] > RANK[a.kind] ? b : a;
}

/** Shortest group people split a number into when typing it: the display form has groups of 4. */
const MIN_INNER_GROUP = 3;

/**
 * A number typed in several pieces must look typed, not like a run of words: "IP" alone or
 * glued to a group holding a digit, a digit somewhere, and no piece but the last shorter than
 * 3 characters. "iPhone 12 pro max 2" and "my ip is 10 20 30 40 50 6" stay out.
 */
function looksTypedInPieces(tokens: readonly Token[], first: number, last: number): boolean {
  const groups = tokens.slice(first, last + 1).map((t) => t.text);
  groups[0] = groups[0].slice(PREFIX.length);
  if (groups[0] !== '' && !/[0-9]/.test(groups[0])) return false;
  const pieces = groups.filter((g) => g !== '');
  return /[0-9]/.test(pieces.join('')) && pieces.slice(0, -1).every((g) => g.length >= MIN_INNER_GROUP);
}

/** Judges the characters of tokens[first..last] joined, as a receipt number. */
function judge(tokens: readonly Token[], first: number, last: number): ReceiptNumberMatch {
  const joined = tokens
    .slice(first, last + 1)
    .map((t) => t.text)
    .join('');
  if (!ASCII_ALPHANUMERIC.test(joined) || !joined.startsWith(PREFIX)) return { kind: 'none' };
  if (first !== last && !looksTypedInPieces(tokens, first, last)) return { kind: 'none' };
  const typedBody = joined.slice(PREFIX.length);
  const hasDigit = /[0-9]/.test(typedBody);
  if (typedBody.length === BODY_LENGTH) {
    const body = [...typedBody].map((c) => ALIASES[c] ?? c).join('');
    const wellFormed = [...body].every((c) => valueOf(c) >= 0);
    return wellFormed && hasValidCheck(body) && isIssuable(body) ? { kind: 'valid', receiptNumber: PREFIX + body } : { kind: 'mistyped' };
  }
  // One character missing or one too many, typed whole or in pieces that look typed ("ip harq aety k8hh"):
  // still recognisably ours, a near miss to point out.
  const offByOne = Math.abs(typedBody.length - BODY_LENGTH) === 1;
  return offByOne && hasDigit ? { kind: 'mistyped' } : { kind: 'none' };
}

/** All ways tokens[first..] can be joined into something no longer than a receipt number plus one. */
function judgeFrom(tokens: readonly Token[], first: number, mustEndAt?: number): ReceiptNumberMatch {
  let best: ReceiptNumberMatch = { kind: 'none' };
  let length = 0;
  for (let last = first; last < tokens.length; last++) {
    if (last > first && !tokens[last].joinsPrevious) break;
    length += tokens[last].text.length;
    if (length > RECEIPT_NUMBER_LENGTH + 1) break;
    if (mustEndAt === undefined || last === mustEndAt) best = better(best, judge(tokens, first, last));
  }
  return best;
}

/**
 * The whole text as a receipt number: any case, with or without spaces or dashes, Crockford
 * aliases (O → 0, I/L → 1), surrounding punctuation ignored.
 */
export function parseReceiptNumber(text: string): ReceiptNumberMatch {
  const tokens = tokenize(text);
  if (tokens.length === 0) return { kind: 'none' };
  return judgeFrom(tokens, 0, tokens.length - 1);
}

/** A receipt number anywhere in free text: the first valid one, else 'mistyped' if something of ours failed its check. */
export function findReceiptNumber(text: string): ReceiptNumberMatch {
  const tokens = tokenize(text);
  let best: ReceiptNumberMatch = { kind: 'none' };
  for (let first = 0; first < tokens.length; first++) {
    if (!tokens[first].text.startsWith(PREFIX)) continue;
    best = better(best, judgeFrom(tokens, first));
    if (best.kind === 'valid') return best;
  }
  return best;
}
