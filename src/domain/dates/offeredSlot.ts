import { DateTime } from 'luxon';
import { officeZone } from './officeZone';
import type { WhenReading } from './parseWhen';

/** A time offered at the list of times: its button's title, shown in the office's wall-clock time, and its start. */
export interface OfferedSlot {
  title: string;
  /** ISO 8601 */
  start: string;
}

/** As parseWhen: a reading further than this from now is dropped, so the title is left to the parsers. */
const MAX_YEARS_AWAY = 2;

/**
 * The reading of a message that is, exactly, the title of an offered time still ahead (its button
 * was pressed), without parsing it: that one minute in the office's zone, every word read. A title
 * gives the day, month, year and time ("Tuesday, December 15, 2026, 8:00 AM"); the parsers read it
 * so, though in some languages they add the same clock's other half of the day ("8:00" as 20:00
 * too) or, where a weekday outweighs the date, another day. Undefined for any other text, and for
 * a time already over or too far away (the parsers read those as they always have).
 * `timeZone` must be the zone the titles were written in.
 */
export function offeredSlotReading(text: string, offered: readonly OfferedSlot[], now: Date, timeZone: string): WhenReading | undefined {
  const slot = offered.find((o) => o.title === text);
  if (!slot) return undefined;
  const start = DateTime.fromISO(slot.start, { zone: officeZone(timeZone) });
  const zonedNow = DateTime.fromJSDate(now, { zone: officeZone(timeZone) });
  if (!start.isValid || start <= zonedNow || start.diff(zonedNow, 'years').years > MAX_YEARS_AWAY) return undefined;
  const iso = start.toISO();
  if (!iso) return undefined;
  return { candidates: [{ start: iso, precision: 'minute', past: false }], unread: [], unreadDateLike: [], status: 'complete' };
}
