import type { ContactRoute } from '../domain/outreach/types';

/**
 * What other parts of the bot count, as small interfaces: the reminders, the rate limiter, the
 * dialogs and the Redis connections are handed one of these by the composition root and never
 * see prom-client. `noMetrics` counts nothing, for tests and tools that run those parts alone.
 */

export interface ReminderMetrics {
  /** A reminder reached the channel (Twilio accepted the SMS, the Bot Connector the message). */
  reminderSent(channel: ContactRoute['channel']): void;
  /** A reminder could not be sent (after its last retry). */
  reminderFailed(channel: ContactRoute['channel']): void;
}

/**
 * What was asked when a reply could not be read: a date (the appointment's), a ZIP code, a country
 * abroad, a name, a phone number, a date of birth, a receipt number, one of the offered choices,
 * or what the person wants (a message at the menu that is neither a choice nor a wish the bot reads).
 */
export const MISREAD_KINDS = ['date', 'zip', 'country', 'name', 'phone', 'dob', 'receipt', 'choice', 'intent'] as const;
export type MisreadKind = (typeof MISREAD_KINDS)[number];

export interface MisreadMetrics {
  /** A message the bot could not read for what it asked (a date it could not place, a reply it did not understand). */
  misread(kind: MisreadKind, language: string): void;
}

export interface RateLimitMetrics {
  /** A request answered 429; `route` is a fixed name or route template, never a path with ids in it. */
  rateLimited(route: string): void;
}

export interface StreamMetrics {
  /** A WebSocket upgrade of a Direct Line stream URL, answered `status` (101: the stream opened; 403, 404, 429, …: refused). */
  streamUpgradeAnswered(status: number): void;
}

/** Which Redis: the AOF `noeviction` one (appointments, reminders; the only one without REDIS_STATE_URL), the evicting one, BullMQ's. */
export type RedisRole = 'durable' | 'state' | 'queue';

export interface RedisErrorMetrics {
  /** An 'error' event of a Redis connection (a lost connection, each failed reconnect). */
  redisError(role: RedisRole): void;
}

export type PartMetrics = ReminderMetrics & MisreadMetrics & RateLimitMetrics & RedisErrorMetrics;

export const noMetrics: PartMetrics = {
  reminderSent: () => undefined,
  reminderFailed: () => undefined,
  misread: () => undefined,
  rateLimited: () => undefined,
  redisError: () => undefined,
};
