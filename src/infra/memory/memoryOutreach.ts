/**
 * Reaching people later without Redis (the embedded mode of `npm start`): reminders are timers,
 * sends run in this process under the same rate limit, retries and dedupe as on Redis. Nothing
 * survives a restart: a reminder scheduled before one is never sent.
 */
import type { Logger } from '../../logger';
import type { AppointmentStore } from '../../domain/appointments/types';
import type { Clock } from '../../domain/clock';
import { SendFailed } from '../../domain/outreach/delivery';
import type { ReminderMetrics } from '../../metrics/types';
import type { ContactRoute, Outreach } from '../../domain/outreach/types';
import { type ChatJob, type SendQueues, type SmsJob, jobIds, jobTag } from '../../outreach/jobs';
import { type JobOutcome, type OptOutList, type OutreachWork, queueOnRoute } from '../../outreach/outreachWork';
import { checkedRoute, DEFAULT_OUTREACH_POLICY, type OutreachPolicy, rateWindow, retryDelayMs } from '../../outreach/settings';

export interface MemoryOutreachOptions {
  clock: Clock;
  store: AppointmentStore;
  policy?: Partial<OutreachPolicy>;
  logger: Logger;
  /** Reminders given up after their last try. */
  metrics?: ReminderMetrics;
}

/** setTimeout takes at most 2^31 − 1 ms (~24.8 days); longer waits are chained. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export class MemoryOutreach implements Outreach, SendQueues {
  private readonly policy: OutreachPolicy;
  private readonly routes = new Map<string, ContactRoute>();
  private readonly optedOut = new Set<string>();
  private readonly reminders = new Map<string, NodeJS.Timeout>();
  /** Send ids already taken, and when each may be taken again. */
  private readonly sendIds = new Map<string, number>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly running = new Set<Promise<unknown>>();
  /** When each SMS of the current rate window started (rateWindow: at most `max` per `durationMs`). */
  private smsStarts: number[] = [];
  private smsSlots: Promise<void> = Promise.resolve();
  /** Rate-limit waits, woken (with an error) on close. */
  private readonly sleepers = new Set<() => void>();
  private work: OutreachWork | undefined;
  /** Jobs that fell due before the workers started. */
  private readonly waiting: Array<() => void> = [];
  private closed = false;

  constructor(private readonly options: MemoryOutreachOptions) {
    this.policy = { ...DEFAULT_OUTREACH_POLICY, ...options.policy };
  }

  startWorkers(work: OutreachWork): void {
    if (this.work) throw new Error('MemoryOutreach: workers already started');
    if (this.closed) return;
    this.work = work;
    for (const run of this.waiting.splice(0)) run();
  }

  async saveRoute(receiptNumber: string, route: ContactRoute): Promise<void> {
    this.routes.set(receiptNumber, checkedRoute(route));
  }

  async routeOf(receiptNumber: string): Promise<ContactRoute | undefined> {
    return this.routes.get(receiptNumber);
  }

  async scheduleReminder(receiptNumber: string, dueAt: Date): Promise<void> {
    const appointment = await this.options.store.get(receiptNumber);
    // No await from here on: two calls at once leave one timer.
    this.clearReminder(receiptNumber);
    if (!appointment || appointment.status !== 'booked') return;
    const job = { receiptNumber, slotStart: appointment.slotStart };
    const id = jobIds.reminder(receiptNumber);
    const at = (delayMs: number): void => {
      const timer = this.timer(Math.min(delayMs, MAX_TIMER_MS), () => {
        this.reminders.delete(receiptNumber);
        if (delayMs > MAX_TIMER_MS) at(delayMs - MAX_TIMER_MS);
        else this.run('reminders', id, (work) => work.reminderDue(job), false);
      });
      if (timer) this.reminders.set(receiptNumber, timer);
    };
    at(Math.max(0, dueAt.getTime() - this.options.clock.now().getTime()));
  }

  async cancelReminder(receiptNumber: string): Promise<void> {
    this.clearReminder(receiptNumber);
  }

  private clearReminder(receiptNumber: string): void {
    const timer = this.reminders.get(receiptNumber);
    if (!timer) return;
    clearTimeout(timer);
    this.timers.delete(timer);
    this.reminders.delete(receiptNumber);
  }

  send(route: ContactRoute, text: string, dedupeId: string): Promise<void> {
    return queueOnRoute(this, checkedRoute(route), text, dedupeId);
  }

  async queueSms(job: SmsJob, id: string): Promise<void> {
    if (this.takeId(id)) this.run('sms', id, (work) => this.rateLimited(() => work.sendSms(job)), job.reminder === true);
  }

  async queueChat(job: ChatJob, id: string): Promise<void> {
    if (this.takeId(id)) this.run('chat', id, (work) => work.sendChat(job, id), job.reminder === true);
  }

  readonly optOuts: OptOutList = {
    has: async (phone) => this.optedOut.has(phone.trim()),
    add: async (phone) => {
      this.optedOut.add(phone.trim());
    },
    remove: async (phone) => {
      this.optedOut.delete(phone.trim());
    },
  };

  /** Stops every timer; the jobs being run finish first. */
  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.reminders.clear();
    for (const stop of [...this.sleepers]) stop();
    await Promise.allSettled([...this.running]);
  }

  private takeId(id: string): boolean {
    const now = Date.now();
    const free = this.sendIds.get(id);
    if (free !== undefined && free > now) return false;
    this.sendIds.set(id, now + this.policy.dedupeSeconds * 1000);
    if (this.sendIds.size % 1000 === 0) for (const [key, until] of this.sendIds) if (until <= now) this.sendIds.delete(key);
    return true;
  }

  /** Runs a job now, and again after a growing delay while it throws, up to policy.attempts tries. */
  private run(
    queue: 'reminders' | 'sms' | 'chat',
    id: string,
    job: (work: OutreachWork) => Promise<JobOutcome>,
    reminder: boolean,
    attempt = 1,
  ): void {
    const work = this.work;
    if (this.closed) return;
    if (!work) {
      this.waiting.push(() => this.run(queue, id, job, reminder, attempt));
      return;
    }
    const { logger } = this.options;
    const running = job(work).then(
      (outcome) => {
        const details = { queue, job: jobTag(id), outcome, attempts: attempt };
        if (outcome === 'sent' || outcome.startsWith('queued')) logger.debug(details, 'outreach job done');
        else logger.info(details, 'outreach job done');
      },
      (err: unknown) => {
        const details = {
          queue,
          job: jobTag(id),
          attempts: attempt,
          errName: err instanceof Error ? err.name : 'unknown',
          ...(err instanceof SendFailed ? { errDetail: err.detail } : {}),
        };
        if (this.closed) return;
        if (attempt >= this.policy.attempts) {
          logger.error(details, 'outreach job gave up');
          if (reminder && queue !== 'reminders') this.options.metrics?.reminderFailed(queue);
          return;
        }
        logger.warn(details, 'outreach job failed; it will be tried again');
        this.timer(retryDelayMs(attempt, this.policy.backoffMs), () => this.run(queue, id, job, reminder, attempt + 1));
      },
    );
    this.running.add(running);
    void running.finally(() => this.running.delete(running));
  }

  /** At most `max` texts start in any window of `durationMs` (as BullMQ's limiter, here in one process). */
  private async rateLimited(send: () => Promise<JobOutcome>): Promise<JobOutcome> {
    const slot = this.smsSlots.then(() => this.nextSmsSlot());
    this.smsSlots = slot.catch(() => undefined);
    await slot;
    return send();
  }

  private async nextSmsSlot(): Promise<void> {
    const { max, durationMs } = rateWindow(this.policy.smsPerSecond);
    let now = Date.now();
    this.smsStarts = this.smsStarts.filter((start) => start > now - durationMs);
    if (this.smsStarts.length >= max) {
      await this.sleep(this.smsStarts[0] + durationMs - now);
      now = Date.now();
    }
    this.smsStarts.push(now);
  }

  /** Resolves after `ms`, or rejects as soon as the outreach closes. */
  private sleep(ms: number): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.closed) return reject(new Error('outreach closed'));
      const wake = (): void => {
        this.sleepers.delete(stop);
        resolve();
      };
      const stop = (): void => {
        this.sleepers.delete(stop);
        reject(new Error('outreach closed'));
      };
      this.sleepers.add(stop);
      this.timer(ms, wake);
    });
  }

  private timer(ms: number, fire: () => void): NodeJS.Timeout | undefined {
    if (this.closed) return undefined;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fire();
    }, ms);
    timer.unref();
    this.timers.add(timer);
    return timer;
  }
}
