import type { FreedSeatEvent, FreedSeatFeed } from '../appointments/freedSeats';
import type { WaitlistJobs } from './types';

/** Events read (and claimed) per round trip. */
export const RELAY_BATCH = 50;
/** How often an idle relay looks for new events. */
export const RELAY_POLL_MS = 250;
/**
 * How long an event may stay pending with its consumer before another relay claims it: far longer
 * than queueing one job takes, so only a consumer that died (or lost Redis) leaves one this long.
 */
export const RELAY_CLAIM_IDLE_MS = 30_000;

export interface FreedSeatRelayOptions {
  feed: FreedSeatFeed;
  jobs: Pick<WaitlistJobs, 'seatFreed'>;
  /** This process's name in the feed's consumer group: unique per process. */
  consumer: string;
  pollMs?: number;
  claimIdleMs?: number;
  batch?: number;
  onError?: (err: Error) => void;
}

export interface FreedSeatRelay {
  /**
   * One pass now, besides the timer's: the stale events claimed, then the new ones read, each handed
   * on; returns how many were. Two passes at once are safe (an event is delivered to one of them).
   */
  pass(): Promise<number>;
  /** Resolves when the pass in progress (if any) has finished; no pass starts after. */
  stop(): Promise<void>;
}

/** The waitlist job an event becomes: its id comes from the event's, so an event handed on twice is one job. */
export function offerJobId(event: Pick<FreedSeatEvent, 'id'>): string {
  return `seat-${event.id}`;
}

/**
 * Hands each freed-seat event to the waitlist's jobs, then acknowledges it. Several processes run
 * one each: the feed delivers an event to one of them, and one that dies between reading and
 * acknowledging leaves it pending, to be claimed by another after `claimIdleMs`; the job's id,
 * derived from the event's, makes an event handed on twice one offer.
 */
export function startFreedSeatRelay(options: FreedSeatRelayOptions): FreedSeatRelay {
  const batch = options.batch ?? RELAY_BATCH;
  const claimIdleMs = options.claimIdleMs ?? RELAY_CLAIM_IDLE_MS;
  const pollMs = options.pollMs ?? RELAY_POLL_MS;
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;

  const handOn = async (events: FreedSeatEvent[]): Promise<number> => {
    const handled: string[] = [];
    for (const event of events) {
      try {
        await options.jobs.seatFreed({ officeCode: event.officeCode, slotStart: event.slotStart }, offerJobId(event));
        handled.push(event.id);
      } catch (err) {
        // Left pending: claimed again after claimIdleMs.
        options.onError?.(err instanceof Error ? err : new Error(String(err)));
      }
    }
    if (handled.length > 0) await options.feed.ack(handled);
    return handled.length;
  };

  const pass = async (): Promise<number> => {
    const stale = await options.feed.claimStale(options.consumer, claimIdleMs, batch);
    let handed = await handOn(stale);
    const fresh = await options.feed.readNew(options.consumer, batch);
    handed += await handOn(fresh);
    return fresh.length === batch || stale.length === batch ? handed + (await pass()) : handed;
  };

  const tick = (): void => {
    timer = undefined;
    if (stopped) return;
    running = pass()
      .catch((err: unknown) => options.onError?.(err instanceof Error ? err : new Error(String(err))))
      .finally(() => {
        if (stopped) return;
        timer = setTimeout(tick, pollMs);
        timer.unref();
      });
  };
  tick();

  return {
    pass,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
