import type { Clock } from '../clock';
import type { AppointmentStore } from './types';

const DAY_MS = 24 * 60 * 60 * 1000;

/** How often the composition root purges. */
export const PURGE_INTERVAL_MS = 60 * 60 * 1000;

/** Appointments whose slot started before this instant are past their retention. */
export function retentionCutoff(now: Date, retentionDays: number): Date {
  if (!Number.isInteger(retentionDays) || retentionDays < 1)
    throw new RangeError(`retentionDays must be a whole number ≥ 1: ${retentionDays}`);
  return new Date(now.getTime() - retentionDays * DAY_MS);
}

/** Deletes the appointments past their retention; returns how many. */
export function purgeExpiredAppointments(store: AppointmentStore, clock: Clock, retentionDays: number): Promise<number> {
  return store.purgeBefore(retentionCutoff(clock.now(), retentionDays));
}

export interface RetentionPurgeOptions {
  store: AppointmentStore;
  clock: Clock;
  retentionDays: number;
  intervalMs?: number;
  onPurged?: (count: number) => void;
  onError?: (err: Error) => void;
}

export interface RetentionPurge {
  /** Resolves when the purge in progress (if any) has finished. */
  stop(): Promise<void>;
}

/**
 * Purges now and then every intervalMs. The timer does not keep the process alive, and a
 * failed purge (Redis down) is reported and retried at the next tick.
 */
export function startRetentionPurge(options: RetentionPurgeOptions): RetentionPurge {
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  const tick = (): void => {
    if (stopped) return;
    running = running.then(async () => {
      try {
        const count = await purgeExpiredAppointments(options.store, options.clock, options.retentionDays);
        options.onPurged?.(count);
      } catch (err) {
        options.onError?.(err instanceof Error ? err : new Error(String(err)));
      }
    });
  };
  const timer = setInterval(tick, options.intervalMs ?? PURGE_INTERVAL_MS);
  timer.unref();
  tick();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
