/** One appointment time at one office. */
export interface Slot {
  officeCode: string;
  /** ISO 8601 start with the office's UTC offset, e.g. "2026-12-01T10:30:00.000-05:00". */
  start: string;
}

/** How an office's days are cut into appointments. */
export interface SlotPolicy {
  /** Minutes per appointment. */
  slotMinutes: number;
  /** People one slot can take (officers on duty). */
  capacity: number;
  /** How many days ahead people may book. */
  windowDays: number;
  /** Hours for offices whose data names none. */
  defaultHours: import('../offices/types').OfficeHours;
  /** Operators' decisions about an office's days (closures, seats per day); absent: none. */
  officeDays?: OfficeDaySource;
}

/** A span of time, epoch milliseconds, `to` exclusive. */
export interface TimeSpan {
  from: number;
  to: number;
}

/** What operators decided about some of an office's days. */
export interface OfficeDayRules {
  /** Closed spans: no slot overlapping one is offered or booked. */
  closed: readonly TimeSpan[];
  /** People per slot by office-local date (YYYY-MM-DD), where it differs from the policy's capacity. */
  capacityByDate: ReadonlyMap<string, number>;
}

export interface OfficeDaySource {
  /** The rules touching [from, to) at one office. */
  rulesFor(officeCode: string, from: Date, to: Date): Promise<OfficeDayRules>;
}
