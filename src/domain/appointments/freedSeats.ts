import type { FreedSeatCause } from './types';

/**
 * The freed-seat outbox. A cancel or a move records "this seat was freed" in the same atomic step
 * that frees it (the same Lua script in Redis), so a freed seat and its event exist together or not
 * at all; a relay (src/domain/waitlist/freedSeatRelay.ts) hands each event to the waitlist.
 */

export interface FreedSeatEvent {
  /** The event's own id (a Redis stream id): orders the events, and names the waitlist job it becomes. */
  id: string;
  officeCode: string;
  /** ISO start of the slot whose seat was freed, as the appointment had it. */
  slotStart: string;
  cause: FreedSeatCause;
}

/**
 * Read side of the outbox, shared by every process: an event is delivered to one consumer at a time
 * and stays pending for it until acknowledged; a consumer that died leaves it pending, and another
 * claims it once it has been idle long enough.
 */
export interface FreedSeatFeed {
  /** Up to `count` events never delivered before, oldest first; now pending for `consumer`. */
  readNew(consumer: string, count: number): Promise<FreedSeatEvent[]>;
  /** Up to `count` events delivered and not acknowledged for at least `minIdleMs`; now pending for `consumer`. */
  claimStale(consumer: string, minIdleMs: number, count: number): Promise<FreedSeatEvent[]>;
  /** The events are handled: they are never delivered again, and leave the outbox. */
  ack(ids: readonly string[]): Promise<void>;
}
