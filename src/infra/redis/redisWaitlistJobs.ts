/**
 * The waitlist's jobs on Redis: one BullMQ queue, "{P}:waitlist-jobs", on the bot's own node-redis
 * client (BullMQ 6 takes it as it is). A freed seat is a job run at once by any bot process's
 * worker (id "freed-<dedupe id>", so a seat reported twice is offered once); a hold's end is a
 * delayed job (id "hold-<hold id>") that survives a restart and runs once across processes.
 * BullMQ takes ~0.5 s to load: it loads with the first job queued or with the worker, which the
 * composition root starts after the warm-up, never before the first reply.
 */
import type { Job, JobsOptions, Queue, Worker } from 'bullmq';
import type { RedisClientType } from 'redis';
import { z } from 'zod/v4';
import type { FreedSeat, HoldTimer, WaitlistJobs, WaitlistWork } from '../../domain/waitlist/types';

export interface RedisWaitlistJobsOptions {
  keyPrefix?: string;
  onError: (err: Error, job?: string) => void;
}

const QUEUE = 'waitlist-jobs';
/** Jobs each process's worker runs at once. */
const CONCURRENCY = 5;
/** How long finished jobs are kept: a freed seat reported again within it is not offered twice. */
const KEEP_SECONDS = 24 * 60 * 60;

const JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: KEEP_SECONDS },
  removeOnFail: { age: KEEP_SECONDS },
};

const seatSchema = z.object({ officeCode: z.string(), slotStart: z.string() });
const holdSchema = seatSchema.extend({ holdId: z.string(), personKey: z.string() });

export class RedisWaitlistJobs implements WaitlistJobs {
  private queueMade?: Queue;
  private worker?: Worker;
  private readonly prefix: string;

  constructor(
    private readonly client: RedisClientType,
    private readonly options: RedisWaitlistJobsOptions,
  ) {
    const keyPrefix = options.keyPrefix ?? 'ip';
    if (keyPrefix === '' || /[{}]/.test(keyPrefix))
      throw new Error(`RedisWaitlistJobs: keyPrefix must be non-empty, without braces: ${keyPrefix}`);
    this.prefix = `{${keyPrefix}}`;
  }

  /** Starts this process's worker. */
  start(work: WaitlistWork): void {
    if (this.worker) throw new Error('RedisWaitlistJobs: already started');
    const { Worker: BullWorker } = require('bullmq') as typeof import('bullmq');
    this.worker = new BullWorker(QUEUE, (job: Job) => this.run(work, job), {
      connection: this.client,
      prefix: this.prefix,
      concurrency: CONCURRENCY,
    });
    this.worker.on('failed', (job, err) => this.options.onError(err, job?.name));
    this.worker.on('error', (err) => this.options.onError(err));
  }

  async seatFreed(seat: FreedSeat, dedupeId: string): Promise<void> {
    const data: FreedSeat = { officeCode: seat.officeCode, slotStart: seat.slotStart };
    await this.queue().add('seatFreed', data, { ...JOB_OPTIONS, jobId: `freed-${dedupeId}` });
  }

  async expireHoldAfter(hold: HoldTimer, delayMs: number): Promise<void> {
    const data: HoldTimer = { officeCode: hold.officeCode, slotStart: hold.slotStart, holdId: hold.holdId, personKey: hold.personKey };
    await this.queue().add('holdExpired', data, { ...JOB_OPTIONS, jobId: holdJobId(hold.holdId), delay: Math.max(0, delayMs) });
  }

  async cancelHoldExpiry(holdId: string): Promise<void> {
    try {
      await this.queue().remove(holdJobId(holdId));
    } catch {
      // Running now (locked by a worker): it finds the hold booked or released, and does nothing.
    }
  }

  /** Jobs not yet run (the tests and the bench watch it). */
  pending(): Promise<number> {
    return this.queue().count();
  }

  /** Lets the jobs running finish, then stops the worker and the queue; the client stays open (it is the caller's). */
  async close(): Promise<void> {
    await this.worker?.close();
    await this.queueMade?.close();
  }

  private queue(): Queue {
    if (!this.queueMade) {
      const { Queue: BullQueue } = require('bullmq') as typeof import('bullmq');
      this.queueMade = new BullQueue(QUEUE, { connection: this.client, prefix: this.prefix });
      this.queueMade.on('error', (err) => this.options.onError(err));
    }
    return this.queueMade;
  }

  private async run(work: WaitlistWork, job: Job): Promise<void> {
    switch (job.name) {
      case 'seatFreed':
        await work.seatFreed(seatSchema.parse(job.data));
        return;
      case 'holdExpired':
        await work.holdExpired(holdSchema.parse(job.data));
        return;
      default:
        throw new Error(`RedisWaitlistJobs: unknown job ${job.name}`);
    }
  }
}

function holdJobId(holdId: string): string {
  return `hold-${holdId}`;
}
