import type { NoticeContent } from './notice';
import type { Appointment } from './types';

/**
 * An appointment as an iCalendar file (RFC 5545): one VEVENT with its start and end in UTC,
 * which every calendar shows in the reader's own zone; the description names the office's
 * local time and zone, as the notice does.
 */

export interface CalendarEvent {
  uid: string;
  /** When this calendar object was made (DTSTAMP). */
  stamp: Date;
  start: Date;
  end: Date;
  summary: string;
  location: string;
  description: string;
  /** BCP 47 tag of the summary and description. */
  language: string;
  url?: string;
}

const CRLF = '\r\n';
const MAX_LINE_OCTETS = 75;
const PRODUCT_ID = '-//InfoPass Bot//Appointment Notice//EN';

/** The event of a booked appointment, its texts taken from the notice already in the person's language. */
export function appointmentEvent(
  appointment: Appointment,
  notice: NoticeContent,
  details: { summary: string; slotMinutes: number; stamp: Date; language: string; url?: string },
): CalendarEvent {
  const start = new Date(appointment.slotStart);
  if (Number.isNaN(start.getTime())) throw new Error(`appointmentEvent: not a date: ${appointment.slotStart}`);
  const fact = (key: NoticeContent['facts'][number]['key']) => notice.facts.find((f) => f.key === key);
  const office = fact('office')?.value ?? appointment.officeCode;
  const address = fact('address')?.value;
  // The person's name and reason stay out: calendars are often shared or synced to work accounts.
  const shown = (['date', 'time', 'office', 'address'] as const).map(fact).filter((f) => f !== undefined);
  const description = [
    `${notice.receiptLabel}: ${notice.receiptNumber}`,
    ...shown.map((f) => `${f.label}: ${f.value}`),
    '',
    `${notice.documentsTitle}:`,
    ...notice.documents.map((d) => `- ${d}`),
    '',
    `${notice.instructionsTitle}:`,
    ...notice.instructions.map((d) => `- ${d}`),
  ].join('\n');
  return {
    uid: `${appointment.receiptNumber}@infopass`,
    stamp: details.stamp,
    start,
    end: new Date(start.getTime() + details.slotMinutes * 60_000),
    summary: details.summary,
    location: address ? `${office}, ${address}` : office,
    description,
    language: details.language,
    ...(details.url ? { url: details.url } : {}),
  };
}

/** The .ics text: CRLF line ends, TEXT values escaped, lines folded at 75 octets. */
export function calendarFile(event: CalendarEvent): string {
  const language = `LANGUAGE=${parameterValue(event.language)}`;
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${PRODUCT_ID}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${escapeText(event.uid)}`,
    `DTSTAMP:${utcDateTime(event.stamp)}`,
    `DTSTART:${utcDateTime(event.start)}`,
    `DTEND:${utcDateTime(event.end)}`,
    `SUMMARY;${language}:${escapeText(event.summary)}`,
    `LOCATION:${escapeText(event.location)}`,
    `DESCRIPTION;${language}:${escapeText(event.description)}`,
    ...(event.url ? [`URL:${uriValue(event.url)}`] : []),
    'STATUS:CONFIRMED',
    'TRANSP:OPAQUE',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join(CRLF) + CRLF;
}

/** "20261202T150000Z". */
export function utcDateTime(instant: Date): string {
  if (Number.isNaN(instant.getTime())) throw new Error('utcDateTime: invalid date');
  return instant
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

/** RFC 5545 §3.3.11: backslash, semicolon, comma and newlines escaped; other control characters dropped. */
export function escapeText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\x00-\x08\x0b-\x1f\x7f]/g, '')
    .replace(/[\\;,]/g, (c) => `\\${c}`)
    .replace(/\n/g, '\\n');
}

/** A parameter value may not hold ";", ":", "," or quotes unquoted; a language tag never needs them. */
function parameterValue(value: string): string {
  if (!/^[A-Za-z0-9-]+$/.test(value)) throw new Error(`calendarFile: not a language tag: ${value}`);
  return value;
}

function uriValue(url: string): string {
  if (/[\x00-\x20\x7f]/.test(url)) throw new Error('calendarFile: a URL may not hold spaces or control characters');
  return url;
}

/**
 * RFC 5545 §3.1: a line longer than 75 octets continues on the next line after CRLF and one
 * space; never inside a UTF-8 sequence.
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const character of line) {
    const size = Buffer.byteLength(character, 'utf8');
    // A continuation line's leading space counts towards its 75 octets.
    const limit = parts.length === 0 ? MAX_LINE_OCTETS : MAX_LINE_OCTETS - 1;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += character;
    octets += size;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}
