import { createHash } from 'node:crypto';

/** A reminder waiting for its due time: which appointment, and the slot it was scheduled for. */
export interface ReminderJob {
  receiptNumber: string;
  /** The appointment's slot start when the reminder was scheduled; a moved appointment is not reminded of its old slot. */
  slotStart: string;
}

export interface SmsJob {
  /** E.164. */
  phone: string;
  text: string;
  /** A reminder's text (counted as one in the metrics), not a one-off message. */
  reminder?: true;
}

export interface ChatJob {
  /** botbuilder's ConversationReference as JSON (ContactRoute). */
  conversationReference: string;
  text: string;
  /** Intl locale of the text (Web Chat sets the direction of right-to-left languages from it). */
  locale?: string;
  /** Sent instead when the chat can no longer be reached (a reminder's text for SMS, to the appointment's phone). */
  fallback?: SmsJob;
  reminder?: true;
}

/** Queues sends, once per id: queuing an id again while its job is kept is a no-op. */
export interface SendQueues {
  queueSms(job: SmsJob, id: string): Promise<void>;
  queueChat(job: ChatJob, id: string): Promise<void>;
}

/**
 * Job ids. BullMQ takes no ':' in a custom id (nor an id that is a whole number): the person's
 * dedupe id is percent-encoded, which keeps two different ids apart.
 */
export const jobIds = {
  reminder: (receiptNumber: string): string => `reminder-${receiptNumber}`,
  /** One reminder per appointment and slot: a retry of the due job queues nothing new; a moved appointment's reminder is new. */
  reminderSend: (receiptNumber: string, slotStart: string): string => `reminder-${receiptNumber}-${Date.parse(slotStart)}`,
  /** The SMS sent instead of a chat message that could not be delivered. */
  fallback: (id: string): string => `${id}-sms`,
  send: (dedupeId: string): string => `send-${encodeURIComponent(dedupeId)}`,
};

/** What the log shows of a job id: a digest, since ids hold receipt numbers (docs/privacy.md). */
export function jobTag(id: string): string {
  return createHash('sha256').update(id).digest('base64url').slice(0, 12);
}
