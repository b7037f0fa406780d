import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import calculateSlot from 'cluster-key-slot';
import { ConversationState, MemoryStorage, TestAdapter, TurnContext, type StoreItem } from 'botbuilder';
import type { RedisClientType } from 'redis';
import { connectRedis } from '../../src/infra/redis/connect';
import { ABSENT_ETAG, ETagConflictError, RedisStorage } from '../../src/infra/redis/redisStorage';
import { RedisTurnLock } from '../../src/infra/redis/redisTurnLock';
import { SerialTurns, conversationKeyOf } from '../../src/reliability/serialTurns';
import { FencedConversationState } from '../../src/framework/fencedConversationState';
import { sharedTestRedisUrl } from '../support/redisServer';

const LOCK_TTL_MS = 5_000;

/** The stored JSON of a key (without its eTag), or null. */
async function storedJson(client: RedisClientType, redisKey: string): Promise<string | null> {
  const value = await client.get(redisKey);
  return value === null ? null : value.slice(value.indexOf('\n') + 1);
}

describe('RedisStorage: an item held by a turn lock', () => {
  let client: RedisClientType;
  let other: RedisClientType;
  let prefix: string;
  let storage: RedisStorage;
  let key: string;
  let lockKey: string;

  before(async () => {
    client = await connectRedis(await sharedTestRedisUrl());
    other = await connectRedis(await sharedTestRedisUrl());
  });

  after(async () => {
    await client.close();
    await other.close();
  });

  beforeEach(() => {
    prefix = `held-${randomUUID()}:`;
    storage = new RedisStorage(client, { keyPrefix: `${prefix}state:` });
    key = `test/conversations/${randomUUID()}/`;
    lockKey = `${prefix}turn-lock:{${storage.redisKey(key)}}`;
  });

  it('takes the lock and reads the item together; nobody else gets the lock until it is released', async () => {
    await storage.write({ [key]: { step: 1 } });
    assert.equal(await storage.lockAndRead(key, lockKey, 'token-a', LOCK_TTL_MS), true);
    assert.equal(await client.get(lockKey), 'token-a');
    const rival = new RedisStorage(other, { keyPrefix: `${prefix}state:` });
    assert.equal(await rival.lockAndRead(key, lockKey, 'token-b', LOCK_TTL_MS), false, 'held by the first');
    const { eTag, ...item } = (await storage.read([key]))[key] as StoreItem;
    assert.deepEqual(item, { step: 1 });
    assert.equal(typeof eTag, 'string');
    await storage.releaseHeld(key);
    assert.equal(await client.exists(lockKey), 0);
    assert.equal(await rival.lockAndRead(key, lockKey, 'token-b', LOCK_TTL_MS), true, 'free again');
    await rival.releaseHeld(key);
  });

  it('keeps the turn’s writes until the release, which writes the last of them and gives the lock back', async () => {
    await storage.write({ [key]: { step: 1 } });
    await storage.lockAndRead(key, lockKey, 'token', LOCK_TTL_MS);
    const read = (await storage.read([key]))[key] as StoreItem;
    await storage.write({ [key]: { ...read, step: 2 } });
    const second = (await storage.read([key]))[key] as StoreItem;
    assert.equal(second.step, 2, 'the turn reads its own write');
    await storage.write({ [key]: { step: 3, eTag: '*' } });
    assert.equal(await storedJson(client, storage.redisKey(key)), '{"step":1}', 'nothing written before the release');
    await storage.releaseHeld(key);
    assert.equal(await storedJson(client, storage.redisKey(key)), '{"step":3}');
    assert.equal(await client.exists(lockKey), 0);
    assert.ok((await client.pTTL(storage.redisKey(key))) > 0, 'the conversation TTL is set');
  });

  it('gives the lock back and writes nothing when the turn wrote nothing', async () => {
    await storage.write({ [key]: { step: 1 } });
    const before = await client.get(storage.redisKey(key));
    await storage.lockAndRead(key, lockKey, 'token', LOCK_TTL_MS);
    await storage.read([key]);
    await storage.releaseHeld(key);
    assert.equal(await client.get(storage.redisKey(key)), before);
    assert.equal(await client.exists(lockKey), 0);
  });

  it('refuses at once a write the store would refuse: a stale eTag, or "only if absent" over an item', async () => {
    await storage.write({ [key]: { step: 1 } });
    await storage.lockAndRead(key, lockKey, 'token', LOCK_TTL_MS);
    await assert.rejects(storage.write({ [key]: { step: 2, eTag: 'not-the-stored-one' } }), ETagConflictError);
    await assert.rejects(storage.write({ [key]: { step: 2, eTag: ABSENT_ETAG } }), ETagConflictError);
    const read = (await storage.read([key]))[key] as StoreItem;
    await storage.write({ [key]: { ...read, step: 2 } });
    await assert.rejects(
      storage.write({ [key]: { ...read, step: 3 } }),
      ETagConflictError,
      'the eTag read before the turn’s own write is stale',
    );
    await storage.releaseHeld(key);
    assert.equal(await storedJson(client, storage.redisKey(key)), '{"step":2}');
  });

  for (const existing of [true, false]) {
    it(`fences the release: a holder that lost its lock and was overtaken writes nothing (${existing ? 'existing item' : 'new item'})`, async () => {
      if (existing) await storage.write({ [key]: { step: 1 } });
      await storage.lockAndRead(key, lockKey, 'stalled', LOCK_TTL_MS);
      await storage.write({ [key]: { step: 'stale' } });
      // The stalled holder's lock expires; another process takes it and saves.
      await client.del(lockKey);
      const rival = new RedisStorage(other, { keyPrefix: `${prefix}state:` });
      assert.equal(await rival.lockAndRead(key, lockKey, 'rival', LOCK_TTL_MS), true);
      await rival.write({ [key]: { step: 'newer' } });
      await rival.releaseHeld(key);
      assert.equal(await rival.lockAndRead(key, lockKey, 'rival-again', LOCK_TTL_MS), true);

      await assert.rejects(storage.releaseHeld(key), ETagConflictError);
      assert.equal(await storedJson(client, storage.redisKey(key)), '{"step":"newer"}');
      assert.equal(await client.get(lockKey), 'rival-again', 'a lock that is not ours stays');
      await rival.releaseHeld(key);
    });
  }

  it('deleted in its turn: the item is gone, later reads and writes go to Redis, and the release only gives the lock back', async () => {
    await storage.write({ [key]: { step: 1 } });
    await storage.lockAndRead(key, lockKey, 'token', LOCK_TTL_MS);
    await storage.delete([key]);
    assert.deepEqual(await storage.read([key]), {});
    await storage.write({ [key]: { step: 'after' } });
    assert.equal(await storedJson(client, storage.redisKey(key)), '{"step":"after"}');
    await storage.releaseHeld(key);
    assert.equal(await storedJson(client, storage.redisKey(key)), '{"step":"after"}');
    assert.equal(await client.exists(lockKey), 0);
  });

  it('tells whether a lock key shares the item’s cluster slot', () => {
    assert.equal(storage.canHoldWith(key, lockKey), true);
    assert.equal(calculateSlot(lockKey), calculateSlot(storage.redisKey(key)));
    const braced = 'test/conversations/{a}b/';
    assert.equal(storage.canHoldWith(braced, `${prefix}turn-lock:{${storage.redisKey(braced)}}`), false);
  });
});

describe('RedisTurnLock with the state storage, through SerialTurns and FencedConversationState', () => {
  let client: RedisClientType;

  before(async () => {
    client = await connectRedis(await sharedTestRedisUrl());
  });

  after(async () => {
    await client.close();
  });

  function turnContext(conversationId: string, id: string): TurnContext {
    return new TurnContext(new TestAdapter(), {
      type: 'message',
      id,
      channelId: 'test',
      conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
      from: { id: 'person', name: 'Person' },
      recipient: { id: 'bot', name: 'Bot' },
    });
  }

  /** A fresh key prefix, the state over it, a lock that holds the state, and one turn's context. */
  function oneTurn() {
    const prefix = `locked-${randomUUID()}:`;
    const storage = new RedisStorage(client, { keyPrefix: `${prefix}state:` });
    const lock = new RedisTurnLock(client, { keyPrefix: prefix, state: storage });
    const context = turnContext(randomUUID(), 'm1');
    const key = conversationKeyOf(context.activity) ?? '';
    return { prefix, storage, state: new FencedConversationState(storage), lock, turns: new SerialTurns(lock), context, key };
  }

  it('keys the lock by the state’s key, in its cluster slot', () => {
    const storage = new RedisStorage(client, { keyPrefix: 'p:state:' });
    const lock = new RedisTurnLock(client, { keyPrefix: 'p:', state: storage });
    const key = 'webchat/conversations/abc/';
    assert.equal(lock.lockKey(key), 'p:turn-lock:{p:state:webchat/conversations/abc/}');
    assert.equal(calculateSlot(lock.lockKey(key)), calculateSlot(storage.redisKey(key)));
  });

  it('conversation keys are the keys botbuilder’s ConversationState stores the state under', () => {
    const context = turnContext('a:1', 'm1');
    assert.equal(conversationKeyOf(context.activity), new ConversationState(new MemoryStorage()).getStorageKey(context));
  });

  it('writes what a turn saved even when the turn fails afterwards, and reports the turn’s error', async () => {
    const { prefix, storage, state, turns, context, key } = oneTurn();
    await assert.rejects(
      turns.run(key, async () => {
        await state.createProperty<string>('progress').set(context, 'saved');
        await state.saveChanges(context);
        throw new Error('after the save');
      }),
      /after the save/,
    );
    assert.equal(await storedJson(client, storage.redisKey(key)), '{"progress":"saved"}');
    assert.deepEqual(await client.keys(`${prefix}turn-lock:*`), []);
  });

  it('fails the turn whose fenced write is refused on release (it lost the lock and another turn saved)', async () => {
    const { storage, state, lock, turns, context, key } = oneTurn();
    await assert.rejects(
      turns.run(key, async () => {
        await state.createProperty<string>('progress').set(context, 'stale');
        await state.saveChanges(context);
        // Meanwhile the lock expired and another process saved.
        await client.del(lock.lockKey(key));
        await client.set(storage.redisKey(key), 'other-etag\n{"progress":"newer"}');
      }),
      ETagConflictError,
    );
    assert.equal(await storedJson(client, storage.redisKey(key)), '{"progress":"newer"}');
  });
});
