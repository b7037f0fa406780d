const HOUR_MS = 60 * 60 * 1000;

/** How long before the appointment its reminder goes out, unless REMINDER_HOURS_BEFORE says otherwise: the day before. */
export const DEFAULT_REMINDER_HOURS_BEFORE = 24;

/**
 * When the reminder of an appointment starting at `slotStart` is due: `hoursBefore` hours before
 * it. Undefined when that moment is already past (an appointment booked for the next few hours
 * gets no reminder: its notice has just been sent), so a dialog knows not to offer one.
 */
export function reminderDueAt(slotStart: string, now: Date, hoursBefore: number = DEFAULT_REMINDER_HOURS_BEFORE): Date | undefined {
  const start = Date.parse(slotStart);
  if (Number.isNaN(start)) throw new Error(`reminderDueAt: not a date: ${slotStart}`);
  if (!(hoursBefore > 0)) throw new RangeError(`reminderDueAt: hoursBefore must be positive: ${hoursBefore}`);
  const due = start - hoursBefore * HOUR_MS;
  return due > now.getTime() ? new Date(due) : undefined;
}

/** Why a reminder that fell due is not sent. */
export type ReminderSkip = 'notFound' | 'cancelled' | 'moved' | 'past';

/**
 * Whether a reminder scheduled for the slot starting at `scheduledSlotStart` still applies, given
 * the appointment as it is now: it must exist, be booked, still start at that instant (a moved
 * appointment has a reminder of its own) and not have started yet.
 */
export function reminderSkipReason(
  appointment: { status: 'booked' | 'cancelled'; slotStart: string } | undefined,
  scheduledSlotStart: string,
  now: Date,
): ReminderSkip | undefined {
  if (!appointment) return 'notFound';
  if (appointment.status !== 'booked') return 'cancelled';
  const start = Date.parse(appointment.slotStart);
  if (start !== Date.parse(scheduledSlotStart)) return 'moved';
  if (start <= now.getTime()) return 'past';
  return undefined;
}
