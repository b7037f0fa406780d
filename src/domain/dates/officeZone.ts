import { IANAZone } from 'luxon';

/** Zones change offset (and name) at whole quarter hours of UTC time, but for a few historical local mean times. */
export const QUARTER_HOUR_MS = 15 * 60_000;
/** Quarter hours remembered per zone before its memo starts over: over a year's worth. */
const MEMO_LIMIT = 40_000;

/**
 * An IANA zone that remembers its UTC offset per quarter hour of UTC time. luxon's IANAZone
 * asks Intl for the offset (formatToParts) on every conversion, which was ~2% of a turn's CPU
 * (slot search, date parsing, "today" in the office); an office's offset changes a few times a
 * year. A quarter hour is remembered only when its first and last millisecond have the same
 * offset, so one with a change inside it (none in today's tzdata, some in history: local mean
 * times) is asked for each time.
 */
class RememberingIANAZone extends IANAZone {
  private readonly offsets = new Map<number, number>();

  override offset(ts: number): number {
    const quarter = Math.floor(ts / QUARTER_HOUR_MS);
    const known = this.offsets.get(quarter);
    if (known !== undefined) return known;
    const from = quarter * QUARTER_HOUR_MS;
    const atStart = super.offset(from);
    if (atStart !== super.offset(from + QUARTER_HOUR_MS - 1)) return super.offset(ts);
    // NaN (an invalid zone or instant) is never equal to itself: never remembered.
    if (this.offsets.size >= MEMO_LIMIT) this.offsets.clear();
    this.offsets.set(quarter, atStart);
    return atStart;
  }
}

const zones = new Map<string, IANAZone>();

/**
 * The luxon zone to use for an office's IANA zone name ("America/New_York"): one instance per
 * name, remembering offsets. Invalid names give an invalid zone, as a name given to luxon does.
 */
export function officeZone(name: string): IANAZone {
  let zone = zones.get(name);
  if (!zone) {
    zone = new RememberingIANAZone(name);
    if (zone.isValid) zones.set(name, zone);
  }
  return zone;
}
