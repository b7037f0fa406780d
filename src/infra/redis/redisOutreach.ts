/**
 * Reaching people later, on Redis: reminders are BullMQ delayed jobs, sends go through two BullMQ
 * queues (SMS under a rate limit shared by every process, chat without one), and every bot process
 * runs a worker of each. BullMQ takes our node-redis client as it is (its own adapter; no ioredis).
 *
 * Key layout (P = keyPrefix, "ip" by default; the hash tag keeps every key in one cluster slot):
 *
 *   {P}:outreach:route:<receipt>       hash    how to reach the holder: channel, phone | conversationReference;
 *                                              expires routeRetentionDays after the appointment
 *   {P}:outreach:opted-out             set     HMAC-SHA256 (PERSON_KEY_SECRET) of each number that replied STOP;
 *                                              never expires, and holds no number
 *   {P}:outreach:reminders:*           BullMQ  one delayed job per appointment, id "reminder-<receipt>"
 *   {P}:outreach:sms:*, …:chat:*       BullMQ  sends, id = the dedupe id; kept dedupeSeconds after they finish
 */
import { createHmac } from 'node:crypto';
import type * as BullMQ from 'bullmq';
import type { Job, JobsOptions, Queue, Worker } from 'bullmq';
import type { RedisClientType } from 'redis';
import type { Logger } from '../../logger';
import { lazily } from '../../domain/lazily';
import type { AppointmentStore } from '../../domain/appointments/types';
import type { Clock } from '../../domain/clock';
import { SendFailed } from '../../domain/outreach/delivery';
import type { RedisErrorMetrics, ReminderMetrics } from '../../metrics/types';
import type { ContactRoute, Outreach } from '../../domain/outreach/types';
import { type ChatJob, type ReminderJob, type SendQueues, type SmsJob, jobIds, jobTag } from '../../outreach/jobs';
import { type JobOutcome, type OptOutList, type OutreachWork, queueOnRoute } from '../../outreach/outreachWork';
import { checkedRoute, DEFAULT_OUTREACH_POLICY, type OutreachPolicy, rateWindow } from '../../outreach/settings';

export interface RedisOutreachOptions {
  keyPrefix?: string;
  clock: Clock;
  /** Read when a reminder is scheduled (its slot, and how long to keep the route). */
  store: AppointmentStore;
  /** Keys the opt-out set's digests of phone numbers. */
  personSecret: string;
  policy?: Partial<OutreachPolicy>;
  logger: Logger;
  /** Reminders given up after their last try; errors of BullMQ's connections. */
  metrics?: ReminderMetrics & RedisErrorMetrics;
}

type Kind = 'reminders' | 'sms' | 'chat';

function isReminder(data: unknown): boolean {
  return typeof data === 'object' && data !== null && 'reminder' in data && data.reminder === true;
}

/** BullMQ loads on first use (~0.3 s): after the server listens, with the workers, or with the first reminder scheduled. */
const bullmq = lazily(() => require('bullmq') as typeof BullMQ);

const DAY_MS = 24 * 60 * 60 * 1000;
/** Jobs each worker runs at once; the SMS rate limit holds whatever this is. */
const CONCURRENCY = 10;
/** A job being run cannot be removed: scheduling again waits for it this long at most. */
const REMOVE_ATTEMPTS = 50;
const REMOVE_RETRY_MS = 100;
/**
 * How long close() waits for the jobs being run. A job cut short (a text still waiting for Twilio's
 * answer) is run again by another process once its lock expires, so its text may go out twice.
 */
const CLOSE_GRACE_MS = 10_000;

export class RedisOutreach implements Outreach, SendQueues {
  private readonly tag: string;
  private readonly policy: OutreachPolicy;
  private queuesMade: Record<Kind, Queue> | undefined;
  /** BullMQ's adapter of our client, made once: each adapter adds its listeners to the client and never removes them. */
  private connectionMade: ReturnType<typeof BullMQ.createNodeRedisClient> | undefined;
  private readonly workers: Worker[] = [];
  private closed = false;

  constructor(
    private readonly client: RedisClientType,
    private readonly options: RedisOutreachOptions,
  ) {
    const prefix = options.keyPrefix ?? 'ip';
    if (prefix === '' || /[{}]/.test(prefix)) throw new Error(`RedisOutreach: keyPrefix must be non-empty, without braces: ${prefix}`);
    this.tag = `{${prefix}}`;
    this.policy = { ...DEFAULT_OUTREACH_POLICY, ...options.policy };
  }

  /** Starts this process's workers: reminders falling due, texts (rate limited across processes) and chat messages. */
  startWorkers(work: OutreachWork): void {
    if (this.workers.length > 0) throw new Error('RedisOutreach: workers already started');
    if (this.closed) return;
    const { max, durationMs } = rateWindow(this.policy.smsPerSecond);
    this.workers.push(
      this.worker('reminders', (job: Job<ReminderJob>) => work.reminderDue(job.data)),
      this.worker('sms', (job: Job<SmsJob>) => work.sendSms(job.data), { max, duration: durationMs }),
      this.worker('chat', (job: Job<ChatJob>) => work.sendChat(job.data, job.id ?? '')),
    );
  }

  async saveRoute(receiptNumber: string, route: ContactRoute): Promise<void> {
    const checked = checkedRoute(route);
    const key = this.routeKey(receiptNumber);
    const fields: Record<string, string> =
      checked.channel === 'sms'
        ? { channel: 'sms', phone: checked.phone }
        : { channel: 'chat', conversationReference: checked.conversationReference };
    const ttl = this.routeTtlSeconds((await this.options.store.get(receiptNumber))?.slotStart);
    await this.client.multi().del(key).hSet(key, fields).expire(key, ttl).exec();
  }

  async routeOf(receiptNumber: string): Promise<ContactRoute | undefined> {
    const fields = await this.client.hGetAll(this.routeKey(receiptNumber));
    if (Object.keys(fields).length === 0) return undefined;
    try {
      return checkedRoute(fields);
    } catch {
      return undefined;
    }
  }

  async scheduleReminder(receiptNumber: string, dueAt: Date): Promise<void> {
    const appointment = await this.options.store.get(receiptNumber);
    await this.removeJob('reminders', jobIds.reminder(receiptNumber));
    if (!appointment || appointment.status !== 'booked') return;
    const data: ReminderJob = { receiptNumber, slotStart: appointment.slotStart };
    const delay = Math.max(0, dueAt.getTime() - this.options.clock.now().getTime());
    await this.queues.reminders.add('reminder', data, {
      ...this.jobOptions(),
      jobId: jobIds.reminder(receiptNumber),
      delay,
      removeOnComplete: true,
    });
    // A moved appointment keeps its route until after its new date.
    await this.client.expire(this.routeKey(receiptNumber), this.routeTtlSeconds(appointment.slotStart));
  }

  async cancelReminder(receiptNumber: string): Promise<void> {
    await this.removeJob('reminders', jobIds.reminder(receiptNumber));
  }

  send(route: ContactRoute, text: string, dedupeId: string): Promise<void> {
    return queueOnRoute(this, checkedRoute(route), text, dedupeId);
  }

  async queueSms(job: SmsJob, id: string): Promise<void> {
    await this.queues.sms.add('sms', job, { ...this.jobOptions(), jobId: id });
  }

  async queueChat(job: ChatJob, id: string): Promise<void> {
    await this.queues.chat.add('chat', job, { ...this.jobOptions(), jobId: id });
  }

  /** Numbers that replied STOP, kept as keyed digests. */
  readonly optOuts: OptOutList = {
    has: async (phone) => (await this.client.sIsMember(this.optOutKey, this.phoneDigest(phone))) === 1,
    add: async (phone) => {
      await this.client.sAdd(this.optOutKey, this.phoneDigest(phone));
    },
    remove: async (phone) => {
      await this.client.sRem(this.optOutKey, this.phoneDigest(phone));
    },
  };

  /** Jobs waiting or delayed, per queue (the bench and tests watch these). */
  async pending(): Promise<Record<Kind, number>> {
    const count = async (kind: Kind): Promise<number> => {
      const counts = await this.queues[kind].getJobCounts('waiting', 'delayed', 'active', 'prioritized');
      return Object.values(counts).reduce((sum, n) => sum + n, 0);
    };
    return { reminders: await count('reminders'), sms: await count('sms'), chat: await count('chat') };
  }

  /**
   * Lets the jobs being run finish, then stops the workers and queues; the Redis client stays open (it
   * is the caller's). With Redis unreachable BullMQ's close never ends: after `graceMs` it is left
   * behind (the process is exiting), and the log says so.
   */
  async close(graceMs = CLOSE_GRACE_MS): Promise<void> {
    this.closed = true;
    const stopping = Promise.all([
      ...this.workers.map((worker) => worker.close()),
      ...Object.values(this.queuesMade ?? {}).map((queue) => queue.close()),
    ]);
    let timer: NodeJS.Timeout | undefined;
    const stopped = await Promise.race([
      stopping.then(
        () => true,
        (err: unknown) => {
          this.options.logger.warn({ errName: err instanceof Error ? err.name : 'unknown' }, 'outreach queues closed with an error');
          return true;
        },
      ),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), graceMs);
      }),
    ]).finally(() => clearTimeout(timer));
    if (!stopped) this.options.logger.warn({ graceMs }, 'outreach queues did not close (Redis unreachable?); left behind');
  }

  private get connection(): ReturnType<typeof BullMQ.createNodeRedisClient> {
    this.connectionMade ??= bullmq().createNodeRedisClient(this.client);
    return this.connectionMade;
  }

  private get queues(): Record<Kind, Queue> {
    if (!this.queuesMade) {
      const { Queue } = bullmq();
      const queue = (name: Kind): Queue => {
        const created = new Queue(name, { connection: this.connection, prefix: this.bullPrefix });
        created.on('error', (err) => {
          this.options.metrics?.redisError('queue');
          this.options.logger.warn({ queue: name, errName: err.name }, 'outreach queue error');
        });
        return created;
      };
      this.queuesMade = { reminders: queue('reminders'), sms: queue('sms'), chat: queue('chat') };
    }
    return this.queuesMade;
  }

  private get bullPrefix(): string {
    return `${this.tag}:outreach`;
  }

  private get optOutKey(): string {
    return `${this.tag}:outreach:opted-out`;
  }

  private routeKey(receiptNumber: string): string {
    return `${this.tag}:outreach:route:${receiptNumber}`;
  }

  private phoneDigest(phone: string): string {
    return createHmac('sha256', this.options.personSecret).update(`opt-out:${phone.trim()}`).digest('base64url');
  }

  /** Until routeRetentionDays after the appointment (or after the longest booking window, when there is none to read). */
  private routeTtlSeconds(slotStart: string | undefined): number {
    const now = this.options.clock.now().getTime();
    const until = slotStart ? Date.parse(slotStart) : now + 60 * DAY_MS;
    return Math.max(60, Math.ceil((until + this.policy.routeRetentionDays * DAY_MS - now) / 1000));
  }

  private jobOptions(): JobsOptions {
    return {
      attempts: this.policy.attempts,
      backoff: { type: 'exponential', delay: this.policy.backoffMs },
      removeOnComplete: { age: this.policy.dedupeSeconds },
      removeOnFail: { age: this.policy.dedupeSeconds },
    };
  }

  /** Removes a job, waiting out a run in progress (a job being run is locked). */
  private async removeJob(kind: Kind, id: string): Promise<void> {
    const queue = this.queues[kind];
    for (let attempt = 0; attempt < REMOVE_ATTEMPTS; attempt++) {
      if ((await queue.remove(id)) === 1 || !(await queue.getJob(id))) return;
      await new Promise((resolve) => setTimeout(resolve, REMOVE_RETRY_MS));
    }
    throw new Error(`RedisOutreach: a ${kind} job stayed locked; it was not replaced`);
  }

  private worker<T>(kind: Kind, run: (job: Job<T>) => Promise<JobOutcome>, limiter?: { max: number; duration: number }): Worker {
    const { logger } = this.options;
    const worker = new (bullmq().Worker)<T, JobOutcome>(kind, run, {
      connection: this.connection,
      prefix: this.bullPrefix,
      concurrency: CONCURRENCY,
      ...(limiter ? { limiter } : {}),
    });
    worker.on('completed', (job, outcome) => {
      const details = { queue: kind, job: jobTag(job.id ?? ''), outcome, attempts: job.attemptsStarted };
      if (outcome === 'sent' || outcome.startsWith('queued')) logger.debug(details, 'outreach job done');
      else logger.info(details, 'outreach job done');
    });
    worker.on('failed', (job, err) => {
      if (!job) return;
      const details = {
        queue: kind,
        job: jobTag(job.id ?? ''),
        attempts: job.attemptsMade,
        errName: err.name,
        // Ours, made of a provider's status and code: no number, no text.
        ...(err instanceof SendFailed ? { errDetail: err.detail } : {}),
      };
      if (job.attemptsMade < (job.opts.attempts ?? 1)) {
        logger.warn(details, 'outreach job failed; it will be tried again');
        return;
      }
      logger.error(details, 'outreach job gave up');
      if (kind !== 'reminders' && isReminder(job.data)) this.options.metrics?.reminderFailed(kind);
    });
    worker.on('error', (err) => {
      this.options.metrics?.redisError('queue');
      logger.warn({ queue: kind, errName: err.name }, 'outreach worker error');
    });
    return worker;
  }
}
