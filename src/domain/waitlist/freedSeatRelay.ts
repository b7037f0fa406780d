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
/** How often a relay looks for events a dead consumer left (more often when claimIdleMs is shorter). */
export const CLAIM_EVERY_MS = 5_000;

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

  const handOn = async (events: FreedSeatEvent[]): Promise<void> => {
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
  };

  // Stale events are looked for less often than new ones: only a dead consumer leaves any.
  const claimEveryMs = Math.min(claimIdleMs, CLAIM_EVERY_MS);
  let lastClaimMs = -Infinity;

  /** The stale events claimed (when due), then the new ones read, each handed on; again at once while batches come full. */
  const pass = async (): Promise<void> => {
    let full = false;
    if (Date.now() - lastClaimMs >= claimEveryMs) {
      const stale = await options.feed.claimStale(options.consumer, claimIdleMs, batch);
      await handOn(stale);
      // A full batch: more may wait, so look again at the next pass.
      if (stale.length < batch) lastClaimMs = Date.now();
      full = stale.length === batch;
    }
    const fresh = await options.feed.readNew(options.consumer, batch);
    await handOn(fresh);
    if (!stopped && (full || fresh.length === batch)) await pass();
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
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
