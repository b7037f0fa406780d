import type { FreedSeat, HoldTimer, WaitlistJobs, WaitlistWork } from '../../domain/waitlist/types';

/** Dedupe ids remembered before the oldest are forgotten. */
const MAX_REMEMBERED = 10_000;

/**
 * The waitlist's jobs in this process (the embedded mode, and Redis Cluster, which BullMQ does not
 * support): a freed seat is offered on the next turn of the event loop, a hold ends on a timer;
 * what falls due before start() waits for it.
 * Nothing survives a restart; with Redis Cluster the periodic sweep (Waitlist.releaseOverdueHolds)
 * ends the holds whose timer died with its process.
 */
export class MemoryWaitlistJobs implements WaitlistJobs {
  private work?: WaitlistWork;
  /** Jobs that fell due before start(): they run once it is called. */
  private readonly waiting: ((work: WaitlistWork) => Promise<unknown>)[] = [];
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly seen = new Set<string>();
  private readonly running = new Set<Promise<void>>();
  private closed = false;

  constructor(private readonly onError: (err: Error) => void) {}

  start(work: WaitlistWork): void {
    if (this.work) throw new Error('MemoryWaitlistJobs: already started');
    this.work = work;
    for (const job of this.waiting.splice(0)) this.run(job);
  }

  async seatFreed(seat: FreedSeat, dedupeId: string): Promise<void> {
    if (this.seen.has(dedupeId)) return;
    if (this.seen.size >= MAX_REMEMBERED) this.seen.clear();
    this.seen.add(dedupeId);
    const freed: FreedSeat = { officeCode: seat.officeCode, slotStart: seat.slotStart };
    setImmediate(() => this.run((work) => work.seatFreed(freed)));
  }

  async expireHoldAfter(hold: HoldTimer, delayMs: number): Promise<void> {
    clearTimeout(this.timers.get(hold.holdId));
    const timer = setTimeout(() => {
      this.timers.delete(hold.holdId);
      this.run((work) => work.holdExpired({ ...hold }));
    }, delayMs);
    timer.unref();
    this.timers.set(hold.holdId, timer);
  }

  async cancelHoldExpiry(holdId: string): Promise<void> {
    clearTimeout(this.timers.get(holdId));
    this.timers.delete(holdId);
  }

  /** Resolves when no job is running (tests wait on it). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }

  /** Drops the timers; lets the jobs running finish. */
  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    await this.idle();
  }

  private run(job: (work: WaitlistWork) => Promise<unknown>): void {
    if (this.closed) return;
    const work = this.work;
    if (!work) {
      this.waiting.push(job);
      return;
    }
    const running: Promise<void> = job(work).then(
      () => undefined,
      (err: unknown) => this.onError(err instanceof Error ? err : new Error(String(err))),
    );
    this.running.add(running);
    void running.finally(() => this.running.delete(running));
  }
}
