/**
 * RedisDirectLineStore takes a token it granted moments ago again without its ACCESS script
 * (RecentAccess), never past the token's life, and a conversation gone meanwhile is still found
 * gone by what comes next.
 */
import assert from 'node:assert/strict';
import { connectRedis } from '../../src/infra/redis/connect';
import type { ScriptClient } from '../../src/infra/redis/luaScript';
import { ACCESS } from '../../src/infra/redis/redisDirectLineScripts';
import { RedisDirectLineStore } from '../../src/infra/redis/redisDirectLineStore';
import { sharedTestRedisUrl } from '../support/redisServer';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('Direct Line in Redis: recent token accesses', function () {
  this.timeout(20_000);
  let redis: Awaited<ReturnType<typeof connectRedis>>;
  let accessScripts = 0;
  let prefixes = 0;

  /** The client, counting the ACCESS scripts it runs (an EVALSHA refused NOSCRIPT is not a run: the EVAL after it is). */
  const counting = (): ScriptClient => ({
    evalSha: async (sha1, options) => {
      const reply = await redis.evalSha(sha1, options);
      if (sha1 === ACCESS.sha1) accessScripts += 1;
      return reply;
    },
    eval: (script, options) => {
      if (script === ACCESS.source) accessScripts += 1;
      return redis.eval(script, options);
    },
  });

  function storeWith(options: { tokenSeconds?: number; accessRememberedMs?: number } = {}): RedisDirectLineStore {
    prefixes += 1;
    return new RedisDirectLineStore(counting(), () => Promise.reject(new Error('no pub/sub here')), {
      keyPrefix: `dl-access-${process.pid}-${prefixes}:`,
      limits: { tokenSeconds: options.tokenSeconds ?? 60 },
      ...(options.accessRememberedMs === undefined ? {} : { accessRememberedMs: options.accessRememberedMs }),
    });
  }

  before(async () => {
    redis = await connectRedis(await sharedTestRedisUrl());
  });

  after(async () => {
    await redis?.close();
  });

  beforeEach(() => {
    accessScripts = 0;
  });

  it('asks Redis once for a started conversation’s token used again within seconds', async () => {
    const store = storeWith();
    const issued = await store.create({ id: 'u_access', locale: 'es-MX' });
    assert.ok(await store.markStarted(issued.conversationId));
    const expected = { ok: true, conversation: { id: issued.conversationId, userId: 'u_access', locale: 'es-MX', started: true } };
    for (let i = 0; i < 5; i++) assert.deepEqual(await store.access(issued.token, issued.conversationId), expected);
    assert.deepEqual(await store.access(issued.token), expected, 'with or without the conversation named');
    assert.equal(accessScripts, 1);
  });

  it('asks every time for a conversation not started yet, and for a token of another conversation', async () => {
    const store = storeWith();
    const issued = await store.create({});
    for (let i = 0; i < 3; i++) assert.ok((await store.access(issued.token, issued.conversationId)).ok);
    assert.equal(accessScripts, 3, 'not started: its record may still change');
    assert.ok(await store.markStarted(issued.conversationId));
    assert.ok((await store.access(issued.token)).ok);
    const other = await store.create({});
    assert.deepEqual(await store.access(issued.token, other.conversationId), { ok: false, reason: 'badToken' });
    assert.equal(accessScripts, 5, 'the token named another conversation: Redis asked');
  });

  it('never takes a token again past its life, however long accesses are remembered', async () => {
    const store = storeWith({ tokenSeconds: 1, accessRememberedMs: 60_000 });
    const issued = await store.create({});
    assert.ok(await store.markStarted(issued.conversationId));
    assert.ok((await store.access(issued.token, issued.conversationId)).ok);
    assert.ok((await store.access(issued.token, issued.conversationId)).ok);
    assert.equal(accessScripts, 1);
    await sleep(1_100);
    assert.deepEqual(await store.access(issued.token, issued.conversationId), { ok: false, reason: 'badToken' });
  });

  it('asks Redis every time with remembering off (0)', async () => {
    const store = storeWith({ accessRememberedMs: 0 });
    const issued = await store.create({});
    assert.ok(await store.markStarted(issued.conversationId));
    for (let i = 0; i < 3; i++) assert.ok((await store.access(issued.token)).ok);
    assert.equal(accessScripts, 3, 'none remembered');
  });

  it('still finds a conversation gone (deleted, evicted) by a read or an append after a remembered access', async () => {
    const store = storeWith();
    const issued = await store.create({});
    assert.ok(await store.markStarted(issued.conversationId));
    assert.ok((await store.access(issued.token)).ok);
    const keys = store.keysOf(issued.conversationId);
    await redis.del([keys.record, keys.log, keys.live]);
    assert.ok((await store.access(issued.token, issued.conversationId)).ok, 'remembered for a few seconds');
    assert.equal(await store.read(issued.conversationId, undefined), undefined);
    assert.equal(await store.append(issued.conversationId, [{ type: 'message', text: 'hi' }], 0), undefined);
  });
});
