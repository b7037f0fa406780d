import { randomUUID } from 'node:crypto';
import type { RedisClientType } from 'redis';
import { MemoryAppointmentStore } from '../../src/infra/memory/memoryAppointmentStore';
import { MemoryWaitlistStore } from '../../src/infra/memory/memoryWaitlistStore';
import { RedisAppointmentStore } from '../../src/infra/redis/redisAppointmentStore';
import { RedisWaitlistStore } from '../../src/infra/redis/redisWaitlistStore';
import { connectRedis } from '../../src/infra/redis/connect';
import { sharedTestRedisUrl } from '../support/redisServer';
import { seatHoldContract } from './waitlistSeatHoldContract';
import { waitlistStoreContract } from './waitlistStoreContract';

seatHoldContract('MemoryAppointmentStore', () => (clock) => new MemoryAppointmentStore({ clock }));
waitlistStoreContract('MemoryWaitlistStore', () => () => new MemoryWaitlistStore());

describe('waitlist on the shared test redis-server', () => {
  let client: RedisClientType;

  before(async () => {
    client = await connectRedis(await sharedTestRedisUrl());
  });

  after(async () => {
    await client.close();
  });

  seatHoldContract(
    'RedisAppointmentStore',
    () => (clock) => new RedisAppointmentStore(client, { clock, keyPrefix: `test-${randomUUID()}` }),
  );
  waitlistStoreContract('RedisWaitlistStore', () => () => new RedisWaitlistStore(client, { keyPrefix: `test-${randomUUID()}` }));
});
