import type { ContactRoute } from '../domain/outreach/types';
import { z } from 'zod/v4';

/** How sends and reminders are retried, and how long a sent message's id keeps a repeat from going out. */
export interface OutreachPolicy {
  /** Texts per second, across every bot process (a long-code number takes about one). */
  smsPerSecond: number;
  /** Tries per job, the first included. */
  attempts: number;
  /** The first retry's delay; each next one doubles. */
  backoffMs: number;
  /** How long a finished send is kept, so that `send` with its dedupe id again is a no-op. */
  dedupeSeconds: number;
  /** Days a saved route is kept after its appointment (as the appointment is: APPOINTMENT_RETENTION_DAYS). */
  routeRetentionDays: number;
}

/**
 * 12 tries, 5 s doubling: the last one ~2.8 hours after the first failure (5 s × (2^11 − 1) in all),
 * long enough to ride out a provider's outage on the day before an appointment.
 */
export const DEFAULT_OUTREACH_POLICY: OutreachPolicy = {
  smsPerSecond: 1,
  attempts: 12,
  backoffMs: 5_000,
  dedupeSeconds: 7 * 24 * 60 * 60,
  routeRetentionDays: 30,
};

/**
 * A send rate as a number of jobs per window (BullMQ's limiter, and ours in memory): 2.5 a second is
 * 2 every 800 ms, 0.5 a second is 1 every 2 s.
 */
export function rateWindow(perSecond: number): { max: number; durationMs: number } {
  if (!(perSecond > 0) || !Number.isFinite(perSecond)) throw new RangeError(`rateWindow: not a positive rate: ${perSecond}`);
  const max = Math.max(1, Math.floor(perSecond));
  return { max, durationMs: Math.max(1, Math.round((1000 * max) / perSecond)) };
}

/** The delay before the n-th retry (1-based): backoffMs doubling, as BullMQ's exponential backoff. */
export function retryDelayMs(retry: number, backoffMs: number): number {
  return backoffMs * 2 ** Math.max(0, retry - 1);
}

const E164 = /^\+[1-9]\d{6,14}$/;

const routeSchema = z.discriminatedUnion('channel', [
  z.object({ channel: z.literal('sms'), phone: z.string().regex(E164) }),
  z.object({
    channel: z.literal('chat'),
    conversationReference: z.string().refine(isConversationReferenceJson, 'not a conversation reference'),
  }),
]);

function isConversationReferenceJson(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return z.object({ serviceUrl: z.string(), conversation: z.object({ id: z.string() }) }).safeParse(value).success;
  } catch {
    return false;
  }
}

/** A route as given by a dialog or read back from storage; throws on anything else (a number not in E.164, a reference that is not one). */
export function checkedRoute(value: unknown): ContactRoute {
  return routeSchema.parse(value);
}
