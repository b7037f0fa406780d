import { DateTime } from 'luxon';
import { officeZone } from './officeZone';

interface LocalDay {
  date: string;
  /** The instants (ms) the day begins and the next begins, in its zone. */
  fromMs: number;
  untilMs: number;
}

/**
 * Days recently asked for, per zone, each until its zone's next midnight: "today" is asked for on
 * every date-of-birth answer and every slot search, and a search asks for the last bookable day
 * too; each luxon zone conversion formats the instant through Intl to find the zone's offset.
 * Bounded: a few days per zone in use, the newest first.
 */
const recentDaysByZone = new Map<string, LocalDay[]>();
const DAYS_KEPT_PER_ZONE = 8;

/** The calendar date (YYYY-MM-DD) in `zone` at `instant`; throws on an unknown zone. */
export function calendarDateIn(instant: Date, zone: string): string {
  const ms = instant.getTime();
  const days = recentDaysByZone.get(zone) ?? [];
  for (const day of days) if (ms >= day.fromMs && ms < day.untilMs) return day.date;
  const local = DateTime.fromMillis(ms, { zone: officeZone(zone) });
  if (!local.isValid) throw new Error(`Unknown time zone: ${zone}`);
  const start = local.startOf('day');
  // Not start + 1 day: a day whose midnight was skipped begins at 01:00, and the next one at 00:00.
  const next = start.plus({ days: 1 }).startOf('day');
  const day: LocalDay = { date: start.toISODate() ?? '', fromMs: start.toMillis(), untilMs: next.toMillis() };
  recentDaysByZone.set(zone, [day, ...days.slice(0, DAYS_KEPT_PER_ZONE - 1)]);
  return day.date;
}
