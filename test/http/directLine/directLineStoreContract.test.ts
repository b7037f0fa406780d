/**
 * What every Direct Line store must do, run over both: the in-memory store (its clock moved by
 * hand) and the Redis store, on a real redis-server and on a three-master Redis Cluster (whose
 * TTLs run on Redis's own clock: the lifetimes here are a few seconds, and the tests wait for them).
 */
import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import type { RedisClientType } from 'redis';
import { connectRedis, openRedis, type RedisConnection } from '../../../src/infra/redis/connect';
import { RedisDirectLineStore } from '../../../src/infra/redis/redisDirectLineStore';
import { MemoryDirectLineStore } from '../../../src/http/directLine/memoryDirectLineStore';
import { type DirectLineLimits, type DirectLineStore, isClientReady } from '../../../src/http/directLine/directLineStore';
import { sharedTestRedisUrl } from '../../support/redisServer';
import { startRedisCluster, type RunningRedisCluster } from '../../support/redisCluster';
import { ManualClock } from '../../support/manualClock';

interface Implementation {
  name: string;
  /** A store; stores made by one implementation share their data, as processes on one Redis do. */
  open(limits: Partial<DirectLineLimits>): Promise<DirectLineStore>;
  /** Lets time pass for expiry. */
  elapse(seconds: number): Promise<void>;
  /** Every key the stores left in Redis (Redis only). */
  keys?(): Promise<string[]>;
  close(): Promise<void>;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function memoryImplementation(): Implementation {
  const clock = new ManualClock('2026-12-01T15:00:00Z');
  let shared: MemoryDirectLineStore | undefined;
  return {
    name: 'in memory',
    async open(limits) {
      // One process: every "other process" of the contract is the same store.
      shared ??= new MemoryDirectLineStore(clock, limits);
      return shared;
    },
    async elapse(seconds) {
      clock.advanceSeconds(seconds);
    },
    async close() {
      await shared?.close();
      shared = undefined;
    },
  };
}

function redisImplementation(): Implementation {
  const keyPrefix = `dl-contract-${process.pid}-${Date.now()}:`;
  const connections: RedisConnection[] = [];
  let admin: RedisClientType | undefined;
  return {
    name: 'in Redis',
    async open(limits) {
      const connection = await openRedis({ url: await sharedTestRedisUrl() });
      assert.ok(connection);
      connections.push(connection);
      return new RedisDirectLineStore(connection.client, () => connection.subscriber(), { keyPrefix, limits });
    },
    elapse: (seconds) => sleep(seconds * 1000),
    async keys() {
      admin ??= await connectRedis(await sharedTestRedisUrl());
      const found: string[] = [];
      for await (const batch of admin.scanIterator({ MATCH: `${keyPrefix}*`, COUNT: 1000 })) found.push(...batch);
      return found;
    },
    async close() {
      await Promise.all(connections.splice(0).map((connection) => connection.close()));
      await admin?.close();
      admin = undefined;
    },
  };
}

/** A Redis Cluster of three masters: a conversation's keys share a slot, its notices reach every node. */
function clusterImplementation(): Implementation {
  const keyPrefix = 'dl-contract:';
  const connections: RedisConnection[] = [];
  let cluster: Promise<RunningRedisCluster> | undefined;
  return {
    name: 'in a Redis Cluster',
    async open(limits) {
      cluster ??= startRedisCluster();
      const connection = await openRedis({ clusterNodes: (await cluster).nodes });
      assert.ok(connection);
      connections.push(connection);
      return new RedisDirectLineStore(connection.client, () => connection.subscriber(), { keyPrefix, limits });
    },
    elapse: (seconds) => sleep(seconds * 1000),
    async close() {
      await Promise.all(connections.splice(0).map((connection) => connection.close()));
      await (await cluster)?.stop();
      cluster = undefined;
    },
  };
}

/** Short lifetimes, so that Redis's own expiry can be waited for. */
const LIMITS: DirectLineLimits = { tokenSeconds: 3, idleSeconds: 4, maxActivities: 5 };

for (const implementation of [memoryImplementation(), redisImplementation(), clusterImplementation()]) {
  describe(`Direct Line store contract (${implementation.name})`, function () {
    this.timeout(30_000);
    let store: DirectLineStore;
    /** The same data, as another bot process sees it. */
    let other: DirectLineStore;

    before(async () => {
      store = await implementation.open(LIMITS);
      other = await implementation.open(LIMITS);
    });

    after(() => implementation.close());

    it('creates a conversation that its token opens, from any process', async () => {
      const issued = await store.create({ id: 'u_contract', locale: 'es-MX' });
      assert.equal(issued.expiresInSeconds, LIMITS.tokenSeconds);
      assert.match(issued.token, new RegExp(`^${issued.conversationId}\\.`), 'the token names its conversation');
      const expected = { id: issued.conversationId, userId: 'u_contract', locale: 'es-MX', started: false };
      assert.deepEqual(await other.access(issued.token), { ok: true, conversation: expected });
      assert.deepEqual(await other.access(issued.token, issued.conversationId), { ok: true, conversation: expected });
      const anonymous = await store.create({});
      const opened = await other.access(anonymous.token);
      assert.ok(opened.ok);
      assert.match(opened.conversation.userId, /^u_[A-Za-z0-9_-]{16}$/);
      assert.equal(opened.conversation.locale, undefined);
    });

    it('refuses an unknown conversation first, then a missing, made-up or other conversation’s token', async () => {
      const a = await store.create({});
      const b = await store.create({});
      const unknown = 'NoSuchConversation123';
      assert.deepEqual(await store.access(a.token, unknown), { ok: false, reason: 'unknownConversation' });
      assert.deepEqual(await store.access(undefined, unknown), { ok: false, reason: 'unknownConversation' });
      assert.deepEqual(await store.access(b.token, a.conversationId), { ok: false, reason: 'badToken' });
      assert.deepEqual(await store.access(undefined, a.conversationId), { ok: false, reason: 'badToken' });
      assert.deepEqual(await store.access('not-a-token', a.conversationId), { ok: false, reason: 'badToken' });
      const forged = `${a.conversationId}.${'A'.repeat(43)}`;
      assert.deepEqual(await store.access(forged, a.conversationId), { ok: false, reason: 'badToken' });
      assert.deepEqual(await store.access(forged), { ok: false, reason: 'badToken' });
      assert.deepEqual(await store.access(`${unknown}.${'A'.repeat(43)}`), { ok: false, reason: 'badToken' });
      assert.deepEqual(await store.access(undefined), { ok: false, reason: 'badToken' });
    });

    it('starts a conversation once, whichever process asks first', async () => {
      const issued = await store.create({});
      const attempts = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? store : other).markStarted(issued.conversationId)));
      assert.equal(attempts.filter(Boolean).length, 1);
      assert.equal(await store.markStarted(issued.conversationId), false);
      const access = await other.access(issued.token);
      assert.ok(access.ok && access.conversation.started);
      assert.equal(await store.markStarted('NoSuchConversation123'), false);
    });

    it('numbers the log 1, 2, 3…, with timestamps that always move forward, and reads after a watermark', async () => {
      const { conversationId } = await store.create({});
      assert.deepEqual(await store.read(conversationId, undefined), { entries: [], watermark: 0 });
      const now = Date.parse('2026-12-01T15:00:00Z');
      const appended = [];
      for (let i = 1; i <= 3; i++)
        appended.push(await (i % 2 ? store : other).append(conversationId, [{ type: 'message', text: `m${i}` }], now));
      assert.deepEqual(
        appended.map((a) => a?.[0]?.sequence),
        [1, 2, 3],
      );
      assert.deepEqual(
        appended.map((a) => a?.[0]?.timestampMs),
        [now, now + 1, now + 2],
        'never the same timestamp twice, even on a fixed clock',
      );
      const later = await store.append(conversationId, [{ type: 'message', text: 'm4' }], now + 60_000);
      assert.equal(later?.[0]?.timestampMs, now + 60_000);

      const all = await other.read(conversationId, undefined);
      assert.equal(all?.watermark, 4);
      assert.deepEqual(
        all?.entries.map((e) => [e.sequence, e.activity.text]),
        [
          [1, 'm1'],
          [2, 'm2'],
          [3, 'm3'],
          [4, 'm4'],
        ],
      );
      const after = await store.read(conversationId, 2);
      assert.deepEqual(
        after?.entries.map((e) => e.sequence),
        [3, 4],
      );
      assert.deepEqual(await store.read(conversationId, 4), { entries: [], watermark: 4 });
      assert.deepEqual(await store.read(conversationId, 99), { entries: [], watermark: 4 }, 'a watermark from the future reads nothing');
    });

    it('appends several activities in one call, in order, and tells listeners once, with the last sequence', async () => {
      const { conversationId } = await store.create({});
      const heard: Array<number | undefined> = [];
      const stop = await other.subscribe(conversationId, (sequence) => heard.push(sequence));
      const now = Date.parse('2026-12-01T15:00:00Z');
      await store.append(conversationId, [{ type: 'message', text: 'm1' }], now);
      const appended = await store.append(
        conversationId,
        [{ type: 'message', text: 'm2' }, { type: 'typing' }, { type: 'message', text: 'm4' }],
        now,
      );
      assert.deepEqual(
        appended?.map((e) => [e.sequence, e.timestampMs, e.activity.type, e.activity.text]),
        [
          [2, now + 1, 'message', 'm2'],
          [3, now + 2, 'typing', undefined],
          [4, now + 3, 'message', 'm4'],
        ],
      );
      assert.deepEqual(
        (await other.read(conversationId, 1))?.entries.map((e) => [e.sequence, e.timestampMs, e.activity.text]),
        [
          [2, now + 1, 'm2'],
          [3, now + 2, undefined],
          [4, now + 3, 'm4'],
        ],
      );
      await waitFor(() => heard.length === 2);
      await sleep(50);
      assert.deepEqual(heard, [1, 4], 'one notice per append, carrying its last sequence');
      await stop();
      assert.equal(await store.append('NoSuchConversation123', [{ type: 'message' }, { type: 'message' }], now), undefined);
    });

    it('keeps what was appended as it was then, ids only when the bot gave one', async () => {
      const { conversationId } = await store.create({});
      const activity = { type: 'message', text: 'before', id: undefined as string | undefined };
      await store.append(conversationId, [activity], 0);
      activity.text = 'after';
      await store.append(conversationId, [{ type: 'message', id: 'bot-given', text: 'updated' }], 0);
      const log = await store.read(conversationId, undefined);
      assert.deepEqual(
        log?.entries.map((e) => e.activity),
        [
          { type: 'message', text: 'before' },
          { type: 'message', id: 'bot-given', text: 'updated' },
        ],
      );
    });

    it('reads back each activity with its JSON, and whether that JSON is what clients get but for the timestamp', async () => {
      const { conversationId } = await store.create({});
      const activities: Partial<Activity>[] = [
        { type: 'message', id: 'conv|a', text: 'ready: an id, no timestamp' },
        { type: 'message', text: 'no id: its sequence makes one' },
        { type: 'message', id: 'conv|b', timestamp: new Date('2026-12-01T15:00:00.000Z') },
      ];
      await store.append(conversationId, activities, 0);
      const stored = JSON.parse(JSON.stringify(activities)) as unknown;
      for (const reader of [store, other]) {
        const entries = (await reader.read(conversationId, undefined))?.entries ?? [];
        assert.deepEqual(
          entries.map((e) => e.activity),
          stored,
        );
        assert.deepEqual(
          entries.map((e) => (e.json === undefined ? undefined : (JSON.parse(e.json) as unknown))),
          stored,
        );
        assert.deepEqual(
          entries.map((e) => e.clientReady ?? isClientReady(e.activity)),
          [true, false, false],
        );
      }
    });

    it(`gives at most the latest ${LIMITS.maxActivities} activities, the watermark still counting`, async () => {
      const { conversationId } = await store.create({});
      for (let i = 1; i <= 8; i++) await store.append(conversationId, [{ type: 'message', text: `m${i}` }], 0);
      const latest = await store.read(conversationId, undefined);
      assert.equal(latest?.watermark, 8);
      assert.deepEqual(
        latest?.entries.map((e) => e.sequence),
        [4, 5, 6, 7, 8],
      );
      assert.deepEqual(
        (await store.read(conversationId, 6))?.entries.map((e) => e.sequence),
        [7, 8],
      );
    });

    it('tells every process’s listener of new activities, until it stops listening', async () => {
      const { conversationId } = await store.create({});
      let heardHere = 0;
      let heardThere = 0;
      const stopHere = await store.subscribe(conversationId, () => (heardHere += 1));
      const stopThere = await other.subscribe(conversationId, () => (heardThere += 1));
      await store.append(conversationId, [{ type: 'message', text: 'one' }], 0);
      await waitFor(() => heardHere === 1 && heardThere === 1);
      await stopThere();
      await other.append(conversationId, [{ type: 'message', text: 'two' }], 0);
      await waitFor(() => heardHere === 2);
      await stopHere();
      await store.append(conversationId, [{ type: 'message', text: 'three' }], 0);
      await sleep(100);
      assert.deepEqual([heardHere, heardThere], [2, 1]);
    });

    it('lets a token expire; a refreshed one carries on, and keeps streams open', async () => {
      const first = await store.create({});
      const { conversationId } = first;
      assert.equal(await store.checkStream(conversationId), 'open');
      await implementation.elapse(LIMITS.tokenSeconds / 2);
      const refreshed = await other.issueToken(conversationId);
      assert.ok(refreshed);
      assert.notEqual(refreshed.token, first.token);
      assert.ok((await store.access(first.token, conversationId)).ok, 'the first token until it expires');
      await implementation.elapse(LIMITS.tokenSeconds / 2 + 0.5);
      assert.deepEqual(await store.access(first.token, conversationId), { ok: false, reason: 'badToken' }, 'the first token expired');
      assert.ok((await store.access(refreshed.token, conversationId)).ok, 'the refreshed one still works');
      assert.equal(await store.checkStream(conversationId), 'open', 'the newest token is valid');
      await implementation.elapse(LIMITS.tokenSeconds / 2);
      assert.deepEqual(await store.access(refreshed.token), { ok: false, reason: 'badToken' });
      assert.equal(await store.checkStream(conversationId), 'tokenExpired');
      assert.equal(await store.issueToken('NoSuchConversation123'), undefined);
    });

    it('forgets a conversation nobody has used, and keeps one in use', async () => {
      const idle = await store.create({});
      const active = await store.create({});
      await store.append(idle.conversationId, [{ type: 'message', text: 'hello' }], 0);
      for (let elapsed = 0; elapsed <= LIMITS.idleSeconds; elapsed += 1) {
        await implementation.elapse(1);
        await other.read(active.conversationId, undefined);
      }
      assert.equal(await store.read(idle.conversationId, undefined), undefined);
      assert.equal(await store.append(idle.conversationId, [{ type: 'message' }], 0), undefined);
      assert.equal(await store.checkStream(idle.conversationId), 'gone');
      assert.deepEqual(await store.access(undefined, idle.conversationId), { ok: false, reason: 'unknownConversation' });
      assert.ok(await store.read(active.conversationId, undefined), 'reading keeps a conversation');
      if (implementation.keys) {
        await implementation.elapse(LIMITS.idleSeconds + 0.5);
        assert.deepEqual(await implementation.keys(), [], 'every key of every conversation has left Redis by its TTL');
      }
    });
  });
}

async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail('timed out waiting');
    await sleep(10);
  }
}
