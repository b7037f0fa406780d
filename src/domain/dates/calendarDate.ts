import { DateTime } from 'luxon';
import { officeZone } from './officeZone';

interface LocalDay {
  date: string;
  /** The instants (ms) the day begins and the next begins, in its zone. */
  fromMs: number;
  untilMs: number;
}

/**
 * A zone's current day, remembered until the zone's next midnight: "today" is asked for on every
 * date-of-birth answer and every slot search, and each luxon zone conversion formats the instant
 * through Intl to find the zone's offset. Bounded by the number of zones in use.
 */
const currentDayByZone = new Map<string, LocalDay>();

/** The calendar date (YYYY-MM-DD) in `zone` at `instant`; throws on an unknown zone. */
export function calendarDateIn(instant: Date, zone: string): string {
  const ms = instant.getTime();
  const known = currentDayByZone.get(zone);
  if (known && ms >= known.fromMs && ms < known.untilMs) return known.date;
  const local = DateTime.fromMillis(ms, { zone: officeZone(zone) });
  if (!local.isValid) throw new Error(`Unknown time zone: ${zone}`);
  const start = local.startOf('day');
  // Not start + 1 day: a day whose midnight was skipped begins at 01:00, and the next one at 00:00.
  const next = start.plus({ days: 1 }).startOf('day');
  const day: LocalDay = { date: start.toISODate() ?? '', fromMs: start.toMillis(), untilMs: next.toMillis() };
  currentDayByZone.set(zone, day);
  return day.date;
}
