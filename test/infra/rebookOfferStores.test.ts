import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RedisClientType } from 'redis';
import { MemoryRebookOffers } from '../../src/infra/memory/memoryRebookOffers';
import { RedisRebookOffers } from '../../src/infra/redis/redisRebookOffers';
import { connectRedis } from '../../src/infra/redis/connect';
import { sharedTestRedisUrl } from '../support/redisServer';
import { ManualClock } from '../support/manualClock';
import { CLAIM_KEPT_MS, rebookOfferStoreContract } from './rebookOfferStoreContract';

rebookOfferStoreContract('MemoryRebookOffers', () => {
  const clock = new ManualClock('2026-12-01T14:00:00Z');
  return {
    offers: new MemoryRebookOffers(clock, { claimKeptMs: CLAIM_KEPT_MS }),
    pass: async (ms) => clock.advanceSeconds(ms / 1000),
  };
});

describe('rebooking offers on the shared test redis-server', () => {
  let client: RedisClientType;

  before(async () => {
    client = await connectRedis(await sharedTestRedisUrl());
  });

  after(async () => {
    await client.close();
  });

  // Redis expires keys by its own clock: the expiry test waits for real.
  rebookOfferStoreContract('RedisRebookOffers', () => ({
    offers: new RedisRebookOffers(client, { keyPrefix: `test-${randomUUID()}`, claimKeptMs: CLAIM_KEPT_MS }),
    pass: (ms) => sleep(ms),
  }));
});
