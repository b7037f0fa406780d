/**
 * Two Redis roles: appointments in the durable Redis (redis/production.conf: AOF, noeviction),
 * conversation state, turn locks and Direct Line in the state Redis (REDIS_STATE_URL,
 * redis/state.conf: evicts when full). A state Redis full to its limit evicts idle conversations
 * and never refuses a booking.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import type { RedisClientType } from 'redis';
import { startBot, type RunningBot } from '../../src/composition/startBot';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { fixedClock } from '../../src/domain/clock';
import { projectRoot } from '../../src/domain/projectPaths';
import { connectRedis } from '../../src/infra/redis/connect';
import { TEST_NOW } from '../support/dialogHarness';
import { DirectLineClient } from '../support/directLineClient';
import { bookOverDirectLine } from '../support/directLineBooking';
import { ENGLISH_BOOKING, SPANISH_BOOKING } from '../support/httpBooking';
import { startRedisServer, type RunningRedisServer } from '../support/redisServer';

const PREFIX = 'two-roles';

/** The appointment's key: its receipt number as stored, without the dashes it is shown with. */
const appointmentKey = (receipt: string): string => `{${PREFIX}}:appointment:${receipt.replace(/-/g, '')}`;

async function allKeys(client: RedisClientType): Promise<string[]> {
  const keys: string[] = [];
  for await (const batch of client.scanIterator({ COUNT: 1000 })) keys.push(...batch);
  return keys;
}

describe('two Redis roles: durable appointments, ephemeral conversations (REDIS_STATE_URL)', function () {
  this.timeout(120_000);
  let durableServer: RunningRedisServer;
  let stateServer: RunningRedisServer;
  let durable: RedisClientType;
  let state: RedisClientType;
  let bot: RunningBot;

  before(async () => {
    [durableServer, stateServer] = await Promise.all([
      startRedisServer({ configFile: path.join(projectRoot(), 'redis/production.conf') }),
      startRedisServer({ configFile: path.join(projectRoot(), 'redis/state.conf') }),
    ]);
    [durable, state] = await Promise.all([connectRedis(durableServer.url), connectRedis(stateServer.url)]);
    const config = loadConfig({
      PORT: '0',
      LOG_LEVEL: 'silent',
      PERSON_KEY_SECRET: 'two-roles-test',
      REDIS_URL: durableServer.url,
      REDIS_STATE_URL: stateServer.url,
      REDIS_KEY_PREFIX: PREFIX,
    });
    bot = await startBot(config, { clock: fixedClock(TEST_NOW), logger: createLogger('silent') });
  });

  after(async () => {
    await bot?.close();
    await Promise.all([durable?.close(), state?.close()]);
    await Promise.all([durableServer?.stop(), stateServer?.stop()]);
  });

  it('runs each Redis with its own configuration file', async () => {
    const setting = async (client: RedisClientType, name: string): Promise<string | undefined> => (await client.configGet(name))[name];
    assert.equal(await setting(durable, 'maxmemory-policy'), 'noeviction');
    assert.equal(await setting(durable, 'appendonly'), 'yes');
    assert.equal(await setting(state, 'maxmemory-policy'), 'allkeys-lru');
    assert.equal(await setting(state, 'appendonly'), 'no');
  });

  it('books through Web Chat: the appointment in the durable Redis, the conversation in the state Redis', async () => {
    const client = new DirectLineClient(bot.url);
    await client.generate({ locale: 'en-US' });
    await client.start();
    const receipt = await bookOverDirectLine(client, ENGLISH_BOOKING);

    const durableKeys = await allKeys(durable);
    assert.ok(durableKeys.includes(appointmentKey(receipt)), durableKeys.join('\n'));
    assert.deepEqual(
      durableKeys.filter((key) => !key.startsWith(`{${PREFIX}}:`)),
      [],
      'nothing but appointments and their indexes',
    );
    const stateKeys = await allKeys(state);
    assert.ok(stateKeys.includes(`${PREFIX}:dl:{${client.conversationId}}:l`), 'the Direct Line log');
    assert.ok(
      stateKeys.some((key) => key.startsWith(`${PREFIX}:state:webchat/conversations/${client.conversationId}`)),
      'the conversation state',
    );
    assert.deepEqual(
      stateKeys.filter((key) => key.startsWith(`{${PREFIX}}`)),
      [],
      'no appointment in the Redis that may evict',
    );
    assert.deepEqual(await state.sendCommand(['TTL', `${PREFIX}:dl:{${client.conversationId}}:l`]).then((ttl) => Number(ttl) > 0), true);
  });

  it('evicts idle conversations when the state Redis is full, and still books', async () => {
    // A flood of conversations, as many as fit: the state Redis fills to its limit.
    const used = Number(/used_memory:(\d+)/.exec(await state.info('memory'))?.[1]);
    const limitBytes = used + 4 * 1024 * 1024;
    await state.configSet('maxmemory', String(limitBytes));
    const filler = 'x'.repeat(1024);
    for (let batch = 0; batch < 12; batch++) {
      const writes = [];
      for (let i = 0; i < 500; i++)
        writes.push(state.set(`${PREFIX}:dl:{flood-${batch}-${i}}:c`, filler, { expiration: { type: 'EX', value: 3600 } }));
      await Promise.all(writes);
    }
    const evictedBefore = Number(/evicted_keys:(\d+)/.exec(await state.info('stats'))?.[1]);
    assert.ok(evictedBefore > 0, 'Redis evicted keys to make room');

    const client = new DirectLineClient(bot.url);
    await client.generate({ locale: 'es-US' });
    await client.start();
    const receipt = await bookOverDirectLine(client, SPANISH_BOOKING);
    assert.equal(await durable.hGet(appointmentKey(receipt), 'status'), 'booked');
    const memory = Number(/used_memory:(\d+)/.exec(await state.info('memory'))?.[1]);
    assert.ok(memory <= limitBytes * 1.05, `state Redis within its limit: ${memory} of ${limitBytes} bytes`);
  });
});
