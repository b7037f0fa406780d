import type { CountryCode, PhoneNumber } from 'libphonenumber-js/max';
import { lazily } from './lazily';

/**
 * libphonenumber-js with its full metadata loads on first use (~20 ms), not at start-up: the
 * server's warm-up loads it after it listens.
 */
const libphonenumber = lazily(() => require('libphonenumber-js/max') as typeof import('libphonenumber-js/max'));

export type PhoneResult = { ok: true; e164: string; national: string } | { ok: false; reason: 'invalid' | 'not_us' };

/** The US and the territories that share its +1 numbering plan. */
const US_NUMBERING: ReadonlySet<CountryCode> = new Set<CountryCode>(['US', 'PR', 'GU', 'VI', 'MP', 'AS']);

/**
 * Reads a phone number typed any common way: "(212) 736-5000", "212.736.5000",
 * "1-212-736-5000", "+1 212 736 5000". Validated against the full numbering metadata
 * ('max'), so a number of the right length in an unassigned range is invalid.
 *
 * Without `allowInternational`, only US numbers (territories included) are accepted; a
 * valid number elsewhere (Canada's +1 too) is 'not_us'. With it, any valid number given
 * with its country code: "+52 55 5080 2000", "0052 …", "011 52 …" or "52 55 5080 2000".
 * `national` is the number as written in its own country, for reading back.
 */
export function parsePhone(text: string, options: { allowInternational: boolean }): PhoneResult {
  const number = readNumber(text);
  if (!number) return { ok: false, reason: 'invalid' };
  if (!options.allowInternational && !(number.country && US_NUMBERING.has(number.country))) {
    return { ok: false, reason: 'not_us' };
  }
  return { ok: true, e164: number.number, national: number.formatNational() };
}

/**
 * A message is read for a phone number up to three times in a turn (the understanding, the phone
 * question's check, its step): the numbers read lately are kept, by the text read.
 */
const readLately = new Map<string, PhoneNumber | undefined>();
const MAX_READ_LATELY = 64;

function readNumber(text: string): PhoneNumber | undefined {
  if (readLately.has(text)) return readLately.get(text);
  const number = readNumberAnew(text);
  if (readLately.size >= MAX_READ_LATELY) readLately.clear();
  readLately.set(text, number);
  return number;
}

function readNumberAnew(text: string): PhoneNumber | undefined {
  const asUs = libphonenumber().parsePhoneNumberFromString(text, 'US');
  if (asUs?.isValid()) return asUs;
  const digits = text.replace(/\D/g, '');
  // A country code typed without "+": "0052…" (the international prefix outside North
  // America) or more digits than a US number has, not starting with its 1.
  const withCountryCode = digits.startsWith('00')
    ? `+${digits.slice(2)}`
    : digits.length > 10 && !digits.startsWith('1') && !text.trim().startsWith('+')
      ? `+${digits}`
      : undefined;
  if (!withCountryCode) return undefined;
  const international = libphonenumber().parsePhoneNumberFromString(withCountryCode);
  return international?.isValid() ? international : undefined;
}

/** A stored E.164 number as people read it: "(212) 736-5000" for US numbers, "+52 55 5080 2000" otherwise. */
export function formatPhoneForDisplay(e164: string): string {
  const number = libphonenumber().parsePhoneNumberFromString(e164);
  if (!number) return e164;
  return number.country && US_NUMBERING.has(number.country) ? number.formatNational() : number.formatInternational();
}
