import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { ConversationState, TestAdapter, UserState } from 'botbuilder';
import type { RedisClientType } from 'redis';
import { connectRedis } from '../../src/infra/redis/connect';
import {
  DEFAULT_CONVERSATION_TTL_SECONDS,
  DEFAULT_USER_TTL_SECONDS,
  ETagConflictError,
  RedisStorage,
  storedJsonOf,
  ttlByStateKind,
  withJson,
} from '../../src/infra/redis/redisStorage';
import { sharedTestRedisUrl } from '../support/redisServer';

const CONVERSATION = 'msteams/conversations/a:1xyz';
const USER = 'msteams/users/29:abc';

describe('RedisStorage', () => {
  let client: RedisClientType;
  let prefix: string;
  let storage: RedisStorage;

  before(async () => {
    client = await connectRedis(await sharedTestRedisUrl());
  });

  after(async () => {
    await client.close();
  });

  beforeEach(() => {
    prefix = `test:${randomUUID()}:`;
    storage = new RedisStorage(client, { keyPrefix: prefix });
  });

  it('reads back what it wrote, with an eTag, and nothing for unknown keys', async () => {
    const state = { dialogStack: [{ id: 'book', state: { step: 2, name: 'José García' } }], language: 'es' };
    await storage.write({ [CONVERSATION]: state });
    const items = await storage.read([CONVERSATION, 'msteams/conversations/unknown']);
    assert.deepEqual(Object.keys(items), [CONVERSATION]);
    const { eTag, ...rest } = items[CONVERSATION];
    assert.equal(typeof eTag, 'string');
    assert.deepEqual(rest, state);
    assert.deepEqual(await storage.read([]), {});
  });

  it('tells the JSON an item it read was stored as: the item without its eTag, written out', async () => {
    const state = { dialogStack: [{ id: 'book', state: { step: 2, name: 'Nguyễn Văn An' } }], language: 'vi' };
    await storage.write({ [CONVERSATION]: state });
    const item = (await storage.read([CONVERSATION]))[CONVERSATION];
    const { eTag: _eTag, ...document } = item;
    assert.equal(storedJsonOf(item), JSON.stringify(state));
    assert.equal(storedJsonOf(item), JSON.stringify(document));
    assert.equal(storedJsonOf({ ...item }), undefined, 'an object it did not read');
  });

  it('writes the JSON handed with an item as it is, instead of serialising the item again', async () => {
    const item = withJson({ language: 'ko', eTag: '*' }, JSON.stringify({ language: 'ko', step: 3 }));
    await storage.write({ [CONVERSATION]: item });
    const read = (await storage.read([CONVERSATION]))[CONVERSATION];
    assert.equal(read.step, 3, 'the JSON given was written, not the item');
    await storage.write({ [CONVERSATION]: { language: 'ko', eTag: '*' } });
    assert.equal((await storage.read([CONVERSATION]))[CONVERSATION].step, undefined, 'without it, the item is written');

    // botbuilder's own BotState changes the object it read and writes that object back.
    const readBack = (await storage.read([CONVERSATION]))[CONVERSATION];
    readBack.step = 4;
    readBack.eTag = '*';
    await storage.write({ [CONVERSATION]: readBack });
    assert.equal(
      (await storage.read([CONVERSATION]))[CONVERSATION].step,
      4,
      'an item read, changed and written back is written as changed',
    );
  });

  it('gives every write a fresh eTag and never stores the eTag inside the item', async () => {
    await storage.write({ [CONVERSATION]: { n: 1 } });
    const first = (await storage.read([CONVERSATION]))[CONVERSATION];
    await storage.write({ [CONVERSATION]: { ...first, n: 2 } });
    const second = (await storage.read([CONVERSATION]))[CONVERSATION];
    assert.notEqual(second.eTag, first.eTag);
    assert.deepEqual(second, { n: 2, eTag: second.eTag });
  });

  it('throws on an eTag that is not the stored one, and keeps the stored item', async () => {
    await storage.write({ [CONVERSATION]: { n: 1 } });
    const stale = (await storage.read([CONVERSATION]))[CONVERSATION];
    await storage.write({ [CONVERSATION]: { ...stale, n: 2 } });
    await assert.rejects(storage.write({ [CONVERSATION]: { ...stale, n: 3 } }), ETagConflictError);
    assert.equal((await storage.read([CONVERSATION]))[CONVERSATION].n, 2);
  });

  it("overwrites with eTag '*' or with no eTag", async () => {
    await storage.write({ [CONVERSATION]: { n: 1 } });
    await storage.write({ [CONVERSATION]: { n: 2, eTag: '*' } });
    assert.equal((await storage.read([CONVERSATION]))[CONVERSATION].n, 2);
    await storage.write({ [CONVERSATION]: { n: 3 } });
    assert.equal((await storage.read([CONVERSATION]))[CONVERSATION].n, 3);
  });

  it('writes an item carrying an eTag when nothing is stored (as MemoryStorage does)', async () => {
    await storage.write({ [CONVERSATION]: { n: 1, eTag: 'from-an-expired-item' } });
    assert.equal((await storage.read([CONVERSATION]))[CONVERSATION].n, 1);
  });

  it('lets exactly one of two concurrent writes from the same read win', async () => {
    await storage.write({ [CONVERSATION]: { n: 0 } });
    const read = (await storage.read([CONVERSATION]))[CONVERSATION];
    const results = await Promise.allSettled([1, 2, 3, 4].map((n) => storage.write({ [CONVERSATION]: { ...read, n } })));
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
    assert.equal(results.filter((r) => r.status === 'rejected' && r.reason instanceof ETagConflictError).length, 3);
  });

  it('writes and reads several keys in one call', async () => {
    await storage.write({ [CONVERSATION]: { a: 1 }, [USER]: { b: 2 } });
    const items = await storage.read([USER, CONVERSATION]);
    assert.equal(items[CONVERSATION].a, 1);
    assert.equal(items[USER].b, 2);
  });

  it('deletes, and deleting a missing key is fine', async () => {
    await storage.write({ [CONVERSATION]: { n: 1 }, [USER]: { n: 2 } });
    await storage.delete([CONVERSATION, 'msteams/conversations/never-written']);
    assert.deepEqual(Object.keys(await storage.read([CONVERSATION, USER])), [USER]);
  });

  it('stores under the key prefix', async () => {
    await storage.write({ [CONVERSATION]: { n: 1 } });
    assert.equal(await client.exists(prefix + CONVERSATION), 1);
  });

  describe('expiry', () => {
    const pttl = (key: string): Promise<number> => client.pTTL(prefix + key);

    it('sets the default TTLs: conversations a day, users 90 days, other keys none', async () => {
      await storage.write({ [CONVERSATION]: { n: 1 }, [USER]: { n: 1 }, 'settings/global': { n: 1 } });
      const conversationTtl = await pttl(CONVERSATION);
      assert.ok(conversationTtl > 0 && conversationTtl <= DEFAULT_CONVERSATION_TTL_SECONDS * 1000, String(conversationTtl));
      const userTtl = await pttl(USER);
      assert.ok(userTtl > DEFAULT_CONVERSATION_TTL_SECONDS * 1000 && userTtl <= DEFAULT_USER_TTL_SECONDS * 1000, String(userTtl));
      assert.equal(await pttl('settings/global'), -1);
    });

    it('refreshes the TTL on every write', async () => {
      await storage.write({ [CONVERSATION]: { n: 1 } });
      await client.pExpire(prefix + CONVERSATION, 5000);
      await storage.write({ [CONVERSATION]: { n: 2 } });
      assert.ok((await pttl(CONVERSATION)) > 60_000);
    });

    it('refreshes the TTL on every read', async () => {
      await storage.write({ [CONVERSATION]: { n: 1 } });
      await client.pExpire(prefix + CONVERSATION, 5000);
      await storage.read([CONVERSATION]);
      assert.ok((await pttl(CONVERSATION)) > 60_000);
    });

    it('takes TTLs from options, and drops an old TTL when a key gets none', async () => {
      storage = new RedisStorage(client, { keyPrefix: prefix, ttlSeconds: ttlByStateKind({ conversationSeconds: 600 }) });
      await storage.write({ [CONVERSATION]: { n: 1 } });
      const ttl = await pttl(CONVERSATION);
      assert.ok(ttl > 0 && ttl <= 600_000, String(ttl));
      await storage.write({ [USER]: { n: 1 } });
      await client.pExpire(prefix + USER, 5000);
      await storage.write({ [USER]: { n: 2 } });
      assert.equal(await pttl(USER), -1);
    });
  });

  it('keeps botbuilder conversation and user state across turns', async () => {
    const conversationState = new ConversationState(storage);
    const userState = new UserState(storage);
    const turns = conversationState.createProperty<number>('turns');
    const language = userState.createProperty<string>('language');
    const adapter = new TestAdapter(async (context) => {
      const count = (await turns.get(context, 0)) + 1;
      await turns.set(context, count);
      if (context.activity.text === 'es') await language.set(context, 'es');
      await conversationState.saveChanges(context);
      await userState.saveChanges(context);
      await context.sendActivity(`${count} ${await language.get(context, 'en')}`);
    });
    await adapter.send('hi').assertReply('1 en').send('es').assertReply('2 es').send('again').assertReply('3 es');

    const keys = await client.keys(`${prefix}*`);
    const conversationKey = keys.find((k) => k.includes('/conversations/'));
    assert.ok(conversationKey, keys.join(', '));
    assert.ok((await client.pTTL(conversationKey)) > 0);
  });
});
