import { createHmac, timingSafeEqual } from 'node:crypto';
import { isCanonicalReceiptNumber, RECEIPT_NUMBER_LENGTH } from './receiptNumber';
import type { Appointment } from './types';

/**
 * Signed, expiring links to an appointment's printable notice and calendar file.
 *
 * A token is base64url(version ‖ receipt number ‖ expiry ‖ MAC), 36 bytes → 48 characters:
 * - version: 1 byte, so the format or the key can change later;
 * - receipt number: its 15 canonical ASCII characters;
 * - expiry: 4 bytes, seconds since the Unix epoch, big-endian;
 * - MAC: HMAC-SHA256 over a purpose label and the bytes before it, truncated to 16 bytes
 *   (128 bits; RFC 2104 allows truncation to half the output). The URL also travels by SMS,
 *   where every character counts.
 */

export interface NoticeLinks {
  /** The printable notice page. */
  page: string;
  /** The .ics calendar file. */
  calendar: string;
}

const VERSION = 1;
const PURPOSE = 'infopass/notice-link/v1';
const EXPIRY_BYTES = 4;
const MAC_BYTES = 16;
const TOKEN_BYTES = 1 + RECEIPT_NUMBER_LENGTH + EXPIRY_BYTES + MAC_BYTES;
/** 36 bytes are 48 base64url characters, with no padding. */
const TOKEN_PATTERN = new RegExp(`^[A-Za-z0-9_-]{${(TOKEN_BYTES / 3) * 4}}$`);
const MAX_EXPIRY_SECONDS = 0xffffffff;
const DAY_MS = 24 * 60 * 60 * 1000;

export const CALENDAR_SUFFIX = '.ics';

export class NoticeLinkSigner {
  constructor(
    private readonly secret: string,
    /** How many days after the appointment's start its links keep working. */
    private readonly validDaysAfter: number,
  ) {
    if (secret.length === 0) throw new Error('NoticeLinkSigner: empty secret');
    if (!Number.isInteger(validDaysAfter) || validDaysAfter < 0)
      throw new Error('NoticeLinkSigner: validDaysAfter must be a whole number of days');
  }

  /** When the links of an appointment stop working. */
  expiryFor(appointment: Pick<Appointment, 'slotStart'>): Date {
    const start = new Date(appointment.slotStart).getTime();
    if (Number.isNaN(start)) throw new Error(`NoticeLinkSigner: not a date: ${appointment.slotStart}`);
    return new Date(start + this.validDaysAfter * DAY_MS);
  }

  tokenFor(appointment: Pick<Appointment, 'receiptNumber' | 'slotStart'>): string {
    return this.sign(appointment.receiptNumber, this.expiryFor(appointment));
  }

  sign(receiptNumber: string, expiresAt: Date): string {
    if (!isCanonicalReceiptNumber(receiptNumber)) throw new Error('NoticeLinkSigner: not a canonical receipt number');
    const seconds = Math.ceil(expiresAt.getTime() / 1000);
    if (!Number.isInteger(seconds) || seconds < 0 || seconds > MAX_EXPIRY_SECONDS) throw new Error('NoticeLinkSigner: expiry out of range');
    const body = Buffer.alloc(TOKEN_BYTES - MAC_BYTES);
    body.writeUInt8(VERSION, 0);
    body.write(receiptNumber, 1, 'ascii');
    body.writeUInt32BE(seconds, 1 + RECEIPT_NUMBER_LENGTH);
    return Buffer.concat([body, this.mac(body)]).toString('base64url');
  }

  /** The receipt number a token was signed for; undefined when it is malformed, forged or expired. */
  verify(token: string, now: Date): string | undefined {
    if (!TOKEN_PATTERN.test(token)) return undefined;
    const bytes = Buffer.from(token, 'base64url');
    if (bytes.length !== TOKEN_BYTES) return undefined;
    const body = bytes.subarray(0, TOKEN_BYTES - MAC_BYTES);
    const mac = bytes.subarray(TOKEN_BYTES - MAC_BYTES);
    if (!timingSafeEqual(mac, this.mac(body))) return undefined;
    if (body.readUInt8(0) !== VERSION) return undefined;
    const expiresAtMs = body.readUInt32BE(1 + RECEIPT_NUMBER_LENGTH) * 1000;
    if (now.getTime() >= expiresAtMs) return undefined;
    const receiptNumber = body.toString('ascii', 1, 1 + RECEIPT_NUMBER_LENGTH);
    return isCanonicalReceiptNumber(receiptNumber) ? receiptNumber : undefined;
  }

  private mac(body: Buffer): Buffer {
    return createHmac('sha256', this.secret).update(PURPOSE).update(body).digest().subarray(0, MAC_BYTES);
  }
}

/** The two addresses of a token under the public base URL ("https://host/prefix", no trailing slash needed). */
export function noticeLinks(publicBaseUrl: string, token: string): NoticeLinks {
  const base = publicBaseUrl.replace(/\/+$/, '');
  return { page: `${base}/notice/${token}`, calendar: `${base}/notice/${token}${CALENDAR_SUFFIX}` };
}

/** Makes the links of an appointment; what the booking flow is given when a public base URL is set. */
export type NoticeLinkMaker = (appointment: Pick<Appointment, 'receiptNumber' | 'slotStart'>) => NoticeLinks;

export function noticeLinkMaker(publicBaseUrl: string, signer: NoticeLinkSigner): NoticeLinkMaker {
  return (appointment) => noticeLinks(publicBaseUrl, signer.tokenFor(appointment));
}
