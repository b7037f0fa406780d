/** How often each bot process sweeps the waitlist. */
export const SWEEP_INTERVAL_MS = 60 * 1000;

export interface SweptWaitlist {
  releaseOverdueHolds(): Promise<number>;
  purgeEnded(): Promise<number>;
}

export interface WaitlistSweepOptions {
  waitlist: SweptWaitlist;
  intervalMs?: number;
  onSwept?: (released: number, purged: number) => void;
  onError?: (err: Error) => void;
}

export interface WaitlistSweep {
  /** Resolves when the sweep in progress (if any) has finished. */
  stop(): Promise<void>;
}

/**
 * Every intervalMs: ends the holds whose timer was lost (their seat is offered again) and removes
 * the entries whose days have passed. The timer does not keep the process alive; a failed sweep
 * (Redis down) is reported and tried again at the next tick.
 */
export function startWaitlistSweep(options: WaitlistSweepOptions): WaitlistSweep {
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  const tick = (): void => {
    if (stopped) return;
    running = running.then(async () => {
      try {
        const released = await options.waitlist.releaseOverdueHolds();
        const purged = await options.waitlist.purgeEnded();
        options.onSwept?.(released, purged);
      } catch (err) {
        options.onError?.(err instanceof Error ? err : new Error(String(err)));
      }
    });
  };
  const timer = setInterval(tick, options.intervalMs ?? SWEEP_INTERVAL_MS);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
