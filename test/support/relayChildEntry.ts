/**
 * A bot process's freed-seat relay alone, as a child process that stops at a fault point so a test
 * can SIGKILL it there (test/support/relayChild.ts starts it). Environment: REDIS_URL,
 * REDIS_KEY_PREFIX, RELAY_CONSUMER, and RELAY_HANG: "before-handoff" (the event read, its waitlist
 * job not queued) or "before-ack" (the job queued, the event not acknowledged). At that point it
 * prints "stopped <event id>" and waits forever.
 */
import { createClient, type RedisClientType } from 'redis';
import { fixedClock } from '../../src/domain/clock';
import type { FreedSeatFeed } from '../../src/domain/appointments/freedSeats';
import type { WaitlistJobs } from '../../src/domain/waitlist/types';
import { startFreedSeatRelay } from '../../src/domain/waitlist/freedSeatRelay';
import { RedisAppointmentStore } from '../../src/infra/redis/redisAppointmentStore';
import { RedisWaitlistJobs } from '../../src/infra/redis/redisWaitlistJobs';

const forever = new Promise<never>(() => undefined);

async function main(): Promise<void> {
  const { REDIS_URL, REDIS_KEY_PREFIX, RELAY_CONSUMER, RELAY_HANG } = process.env;
  if (!REDIS_URL || !REDIS_KEY_PREFIX || !RELAY_CONSUMER) throw new Error('REDIS_URL, REDIS_KEY_PREFIX and RELAY_CONSUMER are needed');
  const client: RedisClientType = createClient({ url: REDIS_URL });
  await client.connect();
  const store = new RedisAppointmentStore(client, { keyPrefix: REDIS_KEY_PREFIX, clock: fixedClock('2026-12-01T15:00:00.000Z') });
  const queue = new RedisWaitlistJobs(client, { keyPrefix: REDIS_KEY_PREFIX, onError: (err) => console.error(err) });
  const stopAt = (id: string): Promise<never> => {
    process.stdout.write(`stopped ${id}\n`);
    return forever;
  };
  const jobs: Pick<WaitlistJobs, 'seatFreed'> = {
    seatFreed: async (seat, jobId) => {
      if (RELAY_HANG === 'before-handoff') await stopAt(jobId);
      await queue.seatFreed(seat, jobId);
    },
  };
  const feed: FreedSeatFeed = {
    readNew: (consumer, count) => store.freedSeats.readNew(consumer, count),
    claimStale: (consumer, minIdleMs, count) => store.freedSeats.claimStale(consumer, minIdleMs, count),
    ack: async (ids) => {
      if (RELAY_HANG === 'before-ack') await stopAt(ids.join(','));
      await store.freedSeats.ack(ids);
    },
  };
  startFreedSeatRelay({ feed, jobs, consumer: RELAY_CONSUMER, pollMs: 20, onError: (err) => console.error(err) });
  await forever;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
