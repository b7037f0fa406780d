import assert from 'node:assert/strict';
import type { RedisClientType } from 'redis';
import { fixedClock } from '../../src/domain/clock';
import { DirectLine } from '../../src/http/directLine/directLine';
import { connectRedis, openRedis, type RedisConnection } from '../../src/infra/redis/connect';
import { RedisDirectLineStore } from '../../src/infra/redis/redisDirectLineStore';
import { TEST_NOW } from '../support/dialogHarness';
import { sharedTestRedisUrl } from '../support/redisServer';

describe('Direct Line in Redis: entries as clients get them', () => {
  let connection: RedisConnection;
  let admin: RedisClientType;
  let store: RedisDirectLineStore;
  let directLine: DirectLine;

  before(async () => {
    const url = await sharedTestRedisUrl();
    const opened = await openRedis({ url });
    assert.ok(opened);
    connection = opened;
    admin = await connectRedis(url);
    store = new RedisDirectLineStore(connection.client, () => connection.subscriber(), { keyPrefix: `dl-log-${process.pid}:` });
    directLine = new DirectLine(async () => undefined, { store, clock: fixedClock(TEST_NOW) });
  });

  after(async () => {
    await connection.close();
    await admin.close();
  });

  it('sends an entry written without the mark (as before it existed) as the marked ones: the same text as the full serialisation', async () => {
    const { conversationId } = await store.create({});
    await store.append(conversationId, [{ type: 'message', id: `${conversationId}|a`, text: 'marked' }], Date.parse(TEST_NOW));
    const keys = store.keysOf(conversationId);
    const unmarked = { type: 'message', id: `${conversationId}|b`, text: 'unmarked, ¿sí?' };
    await admin.xAdd(keys.log, '0-2', { a: JSON.stringify(unmarked), t: String(Date.parse(TEST_NOW) + 1) });
    await admin.hSet(keys.record, { n: '2', t: String(Date.parse(TEST_NOW) + 1) });

    const slice = await store.read(conversationId, undefined);
    assert.ok(slice);
    assert.deepEqual(
      slice.entries.map((e) => e.clientReady),
      [true, undefined],
      'only what append() wrote is marked',
    );
    const sent = await directLine.activitiesJson(conversationId, undefined);
    assert.equal(sent?.json, JSON.stringify(directLine.activitySet(conversationId, slice.entries, slice.watermark)));
    assert.equal(sent?.count, 2);
    const texts = (JSON.parse(sent?.json ?? '{}') as { activities: Array<{ text: string; timestamp: string }> }).activities;
    assert.deepEqual(
      texts.map((a) => a.text),
      ['marked', 'unmarked, ¿sí?'],
    );
    assert.ok(texts.every((a) => !Number.isNaN(Date.parse(a.timestamp))));
  });
});
