import { createHmac, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Who a person is, without keeping what they typed: a keyed hash of name + date of birth
 * (one active appointment per person) and a salted scrypt verifier of the date of birth
 * (proof that a cancellation comes from the person who booked). The date itself is never stored.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isIsoDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function assertIsoDate(text: string, caller: string): void {
  if (!isIsoDate(text)) throw new RangeError(`${caller}: not a YYYY-MM-DD date: ${text}`);
}

/**
 * "  José  GARCÍA-López " → "jose garcia lopez": NFKC, case-folded, accents and other marks
 * removed, apostrophes dropped (O'Brien = OBrien), other punctuation turned into a space,
 * spaces collapsed.
 */
export function normalisePersonName(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/['’ʼ‘`´]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .normalize('NFC');
}

/** HMAC-SHA256 (hex) of the normalised name and the date of birth, keyed with a server secret. */
export function personKey(name: string, dateOfBirth: string, secret: string): string {
  if (secret.length === 0) throw new Error('personKey: the secret is empty');
  assertIsoDate(dateOfBirth, 'personKey');
  const normalisedName = normalisePersonName(name);
  if (normalisedName === '') throw new RangeError('personKey: the name has no letters or digits');
  return createHmac('sha256', secret).update(`${normalisedName}\n${dateOfBirth}`).digest('hex');
}

const SALT_BYTES = 16;
const HASH_BYTES = 32;
/** Keyed: HMAC-SHA256 under the server secret of the salt and the date. What the bot writes. */
const KEYED_VERSION = 'h1';
/**
 * Unkeyed: scrypt (N=4096, r=8, p=1) of the date. Written before h1 and still verified. It cost
 * ~6 ms of CPU per booking and per cancellation, yet bought little: dates of birth are so few
 * that whoever reads a verifier tests them all in minutes. The secret, kept out of Redis, is what
 * stops that, and an HMAC costs microseconds.
 */
const SCRYPT_VERSION = 's1';
const SCRYPT_PARAMS: ScryptOptions = { N: 4096, r: 8, p: 1 };

function scryptAsync(secret: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(secret, salt, HASH_BYTES, SCRYPT_PARAMS, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

function keyedHash(dateOfBirth: string, salt: Buffer, secret: string): Buffer {
  return createHmac('sha256', secret).update(salt).update(dateOfBirth).digest();
}

/** "h1$<salt base64>$<HMAC base64>" for a YYYY-MM-DD date of birth, keyed with a server secret. */
export function makeDobVerifier(dateOfBirth: string, secret: string): string {
  assertIsoDate(dateOfBirth, 'makeDobVerifier');
  if (secret.length === 0) throw new Error('makeDobVerifier: the secret is empty');
  const salt = randomBytes(SALT_BYTES);
  return [KEYED_VERSION, salt.toString('base64'), keyedHash(dateOfBirth, salt, secret).toString('base64')].join('$');
}

/** Whether the date matches the verifier (h1 or s1); false (never a throw) for a malformed verifier or date. */
export async function verifyDob(verifier: string, dateOfBirth: string, secret: string): Promise<boolean> {
  const parts = verifier.split('$');
  if (parts.length !== 3 || !isIsoDate(dateOfBirth)) return false;
  const salt = Buffer.from(parts[1], 'base64');
  const expected = Buffer.from(parts[2], 'base64');
  if (salt.length !== SALT_BYTES || expected.length !== HASH_BYTES) return false;
  if (parts[0] === KEYED_VERSION) return secret.length > 0 && timingSafeEqual(keyedHash(dateOfBirth, salt, secret), expected);
  if (parts[0] === SCRYPT_VERSION) return timingSafeEqual(await scryptAsync(dateOfBirth, salt), expected);
  return false;
}
