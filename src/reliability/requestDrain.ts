/**
 * Counts the requests being served, and after stop() refuses new ones and lets the caller
 * wait until the last one has been answered: the first half of a graceful shutdown.
 */
export class RequestDrain {
  private active = 0;
  private stopped = false;
  private idleWaiters: Array<() => void> = [];

  get accepting(): boolean {
    return !this.stopped;
  }

  get inFlight(): number {
    return this.active;
  }

  /** A request starts; call the function returned when it has been answered (calls after the first do nothing). */
  begin(): () => void {
    this.active += 1;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.active -= 1;
      if (this.active === 0) this.wakeIdleWaiters();
    };
  }

  stop(): void {
    this.stopped = true;
  }

  /** Resolves true once no request is in flight, or false after timeoutMs with some still running. */
  idle(timeoutMs: number): Promise<boolean> {
    if (this.active === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.idleWaiters = this.idleWaiters.filter((waiter) => waiter !== done);
        resolve(false);
      }, timeoutMs);
      this.idleWaiters.push(done);
    });
  }

  private wakeIdleWaiters(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const wake of waiters) wake();
  }
}
