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
}
