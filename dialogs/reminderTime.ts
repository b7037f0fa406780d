const HOUR_MS = 60 * 60 * 1000;

/** REMINDER_HOURS_BEFORE's default: the day before. */
const DEFAULT_HOURS_BEFORE = 24;

/** When the reminder of an appointment at `slotStart` is due; undefined when that moment has passed (no reminder is offered). */
export function reminderDueAt(slotStart: string, now: Date, hoursBefore: number = DEFAULT_HOURS_BEFORE): Date | undefined {
  const due = Date.parse(slotStart) - hoursBefore * HOUR_MS;
  return due > now.getTime() ? new Date(due) : undefined;
}
