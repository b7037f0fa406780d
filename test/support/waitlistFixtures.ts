/**
 * The waitlist's parts for tests, over the embedded stores or a real redis-server: the appointment
 * store (its holds, its freed-seat outbox and the relay reading it), the waitlist store, its jobs,
 * and an Outreach stand-in that records what would be sent.
 */
import { randomUUID } from 'node:crypto';
import { createClient, type RedisClientType } from 'redis';
import type { Clock } from '../../src/domain/clock';
import type { AppointmentStore } from '../../src/domain/appointments/types';
import type { SeatHolds } from '../../src/domain/appointments/seatHolds';
import type { ContactRoute, Outreach } from '../../src/domain/outreach/types';
import type { WaitlistJobs, WaitlistStore, WaitlistWork } from '../../src/domain/waitlist/types';
import { Waitlist, type WaitlistOptions } from '../../src/domain/waitlist/waitlist';
import { startFreedSeatRelay, type FreedSeatRelay } from '../../src/domain/waitlist/freedSeatRelay';
import type { FreedSeatFeed } from '../../src/domain/appointments/freedSeats';
import { DEFAULT_SLOT_POLICY } from '../../src/domain/slots/schedule';
import type { OfficeDaySource } from '../../src/domain/slots/types';
import { loadOfficeDirectory } from '../../src/domain/offices/officeDirectory';
import { sharedZipTable } from '../../src/infra/zipcodes/zipTable';
import { MemoryAppointmentStore } from '../../src/infra/memory/memoryAppointmentStore';
import { MemoryWaitlistStore } from '../../src/infra/memory/memoryWaitlistStore';
import { MemoryWaitlistJobs } from '../../src/infra/memory/memoryWaitlistJobs';
import { RedisAppointmentStore } from '../../src/infra/redis/redisAppointmentStore';
import { RedisWaitlistStore } from '../../src/infra/redis/redisWaitlistStore';
import { RedisWaitlistJobs } from '../../src/infra/redis/redisWaitlistJobs';
import { translator } from './replies';

export const offices = loadOfficeDirectory(sharedZipTable);

export interface SentMessage {
  route: ContactRoute;
  text: string;
  dedupeId: string;
}

/** The Outreach port, recorded: each text once per dedupe id, as the port promises; routes kept, reminders listed. */
export class RecordingOutreach implements Outreach {
  readonly sent: SentMessage[] = [];
  readonly reminders = new Map<string, Date>();
  private readonly ids = new Set<string>();
  private readonly routes = new Map<string, ContactRoute>();

  async send(route: ContactRoute, text: string, dedupeId: string): Promise<void> {
    if (this.ids.has(dedupeId)) return;
    this.ids.add(dedupeId);
    this.sent.push({ route, text, dedupeId });
  }

  async saveRoute(receiptNumber: string, route: ContactRoute): Promise<void> {
    this.routes.set(receiptNumber, route);
  }

  async routeOf(receiptNumber: string): Promise<ContactRoute | undefined> {
    return this.routes.get(receiptNumber);
  }

  async scheduleReminder(receiptNumber: string, dueAt: Date): Promise<void> {
    this.reminders.set(receiptNumber, dueAt);
  }

  async cancelReminder(receiptNumber: string): Promise<void> {
    this.reminders.delete(receiptNumber);
  }
}

/** Replies to an SMS come back in the conversation of that number; to a chat, in that chat. */
export function testReplyKeyOf(route: ContactRoute): string {
  if (route.channel === 'sms') return `sms/conversations/${route.phone}/`;
  const reference = JSON.parse(route.conversationReference) as { channelId?: string; conversation?: { id?: string } };
  return `${reference.channelId ?? ''}/conversations/${reference.conversation?.id ?? ''}/`;
}

/** One bot process's waitlist: its stores, jobs and outreach. */
export interface WaitlistProcess {
  store: AppointmentStore & SeatHolds & { freedSeats: FreedSeatFeed };
  /** The Redis key prefix its stores use ("memory" in memory). */
  keyPrefix: string;
  /** Hands the seats the store frees (its outbox) to the jobs, as each bot process does; absent when the test starts its own. */
  relay?: FreedSeatRelay;
  entries: WaitlistStore;
  jobs: WaitlistJobs;
  waitlist: Waitlist;
  outreach: RecordingOutreach;
  errors: Error[];
  close(): Promise<void>;
}

export interface WaitlistBackend {
  name: string;
  /** A new process on fresh storage, or (`shareWith`) on the storage of a process made before. */
  process(options: ProcessOptions, shareWith?: WaitlistProcess): Promise<WaitlistProcess>;
  close(): Promise<void>;
}

export interface ProcessOptions {
  clock: Clock;
  /** Operators' closures and capacities per day. */
  officeDays?: OfficeDaySource;
  holdTimerMs?: number;
  holdMinutes?: number;
  capacity?: number;
  outreach?: RecordingOutreach;
  /** false: no relay of freed seats runs in this process (the test runs its own). */
  relay?: false;
}

function waitlistOf(
  parts: Pick<WaitlistOptions, 'entries' | 'seats' | 'appointments' | 'jobs'>,
  options: ProcessOptions,
  outreach: RecordingOutreach,
): Waitlist {
  return new Waitlist({
    ...parts,
    outreach,
    clock: options.clock,
    offices,
    policy: {
      ...DEFAULT_SLOT_POLICY,
      capacity: options.capacity ?? DEFAULT_SLOT_POLICY.capacity,
      ...(options.officeDays ? { officeDays: options.officeDays } : {}),
    },
    translator,
    holdMinutes: options.holdMinutes ?? 15,
    holdTimerMs: options.holdTimerMs ?? 60_000,
    maxMoves: 3,
    replyKeyOf: testReplyKeyOf,
  });
}

/** The relay a bot process runs, polling often so tests need not wait. */
export function relayFreedSeats(
  feed: FreedSeatFeed,
  jobs: Pick<WaitlistJobs, 'seatFreed'>,
  errors: Error[],
  options: { consumer?: string; claimIdleMs?: number } = {},
): FreedSeatRelay {
  return startFreedSeatRelay({
    feed,
    jobs,
    consumer: options.consumer ?? `test-${randomUUID()}`,
    pollMs: 20,
    ...(options.claimIdleMs === undefined ? {} : { claimIdleMs: options.claimIdleMs }),
    onError: (err) => errors.push(err),
  });
}

/** What a bot process runs over its stores: the waitlist on its jobs, and the relay of the store's freed seats. */
function startProcess(
  parts: Pick<WaitlistProcess, 'store' | 'keyPrefix' | 'entries' | 'errors'> & { jobs: MemoryWaitlistJobs | RedisWaitlistJobs },
  options: ProcessOptions,
  closeStorage: () => Promise<void>,
): WaitlistProcess {
  const { store, entries, jobs, errors } = parts;
  const outreach = options.outreach ?? new RecordingOutreach();
  const waitlist = waitlistOf({ entries, seats: store, appointments: store, jobs }, options, outreach);
  jobs.start(waitlist);
  const relay = options.relay === false ? undefined : relayFreedSeats(store.freedSeats, jobs, errors);
  return {
    ...parts,
    ...(relay ? { relay } : {}),
    waitlist,
    outreach,
    async close() {
      await relay?.stop();
      await jobs.close();
      await closeStorage();
    },
  };
}

/** The embedded mode: one process only (its storage is its own memory). */
export const memoryBackend: WaitlistBackend = {
  name: 'in memory',
  async process(options) {
    const errors: Error[] = [];
    const store = new MemoryAppointmentStore({ clock: options.clock });
    const entries = new MemoryWaitlistStore();
    const jobs = new MemoryWaitlistJobs((err) => errors.push(err));
    return startProcess({ store, keyPrefix: 'memory', entries, jobs, errors }, options, async () => {});
  },
  async close() {},
};

/** Processes on one redis-server, each with its own connection and BullMQ worker, sharing a key prefix when asked. */
export function redisBackend(url: () => Promise<string>): WaitlistBackend {
  return {
    name: 'on Redis',
    async process(options, shareWith) {
      const keyPrefix = shareWith?.keyPrefix ?? `test-${randomUUID()}`;
      const errors: Error[] = [];
      const client: RedisClientType = createClient({ url: await url() });
      client.on('error', (err: unknown) => errors.push(err instanceof Error ? err : new Error(String(err))));
      await client.connect();
      const store = new RedisAppointmentStore(client, { keyPrefix, clock: options.clock });
      const entries = new RedisWaitlistStore(client, { keyPrefix });
      const jobs = new RedisWaitlistJobs(client, { keyPrefix, onError: (err) => errors.push(err) });
      return startProcess({ store, keyPrefix, entries, jobs, errors }, options, () => client.close());
    },
    async close() {},
  };
}

/** Resolves once `check` holds; fails after `timeoutMs`. */
export async function eventually(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Work that records what it was asked to do, for the jobs' own tests. */
export class RecordingWork implements WaitlistWork {
  readonly freed: string[] = [];
  readonly expired: string[] = [];
  async seatFreed(seat: { officeCode: string; slotStart: string }): Promise<void> {
    this.freed.push(`${seat.officeCode} ${seat.slotStart}`);
  }
  async holdExpired(hold: { holdId: string }): Promise<void> {
    this.expired.push(hold.holdId);
  }
}
