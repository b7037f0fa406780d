import assert from 'node:assert/strict';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { RedisClientType } from 'redis';
import { connectRedis } from '../../src/infra/redis/connect';
import { DEFAULT_RATE_BUDGETS, DirectLineRateLimits, RATE_WINDOW_SECONDS, type DirectLineRateBudgets } from '../../src/http/rateLimit';
import { rateLimiterFactory } from '../../src/composition/rateLimiters';
import { projectRoot } from '../../src/domain/projectPaths';
import { runInFreshProcess } from '../support/freshProcess';
import { startRedisServer, type RunningRedisServer } from '../support/redisServer';

const OFF: DirectLineRateBudgets = {
  newConversationsPerClient: 0,
  newConversationsOverall: 0,
  requestsPerClient: 0,
  messagesPerClient: 0,
  messagesPerConversation: 0,
  pollsPerClient: 0,
  pollsOverall: 0,
  streamsPerClient: 0,
  streamsOverall: 0,
};

function limits(budgets: Partial<DirectLineRateBudgets>, redis?: RedisClientType, keyPrefix = 'rl-test'): DirectLineRateLimits {
  return new DirectLineRateLimits({
    budgets: { ...OFF, ...budgets },
    makeLimiter: rateLimiterFactory(redis, keyPrefix),
    clientOf: () => 'unused: the tests call check() with the client',
    keySecret: 'rate-limit-test',
  });
}

/** How many of `times` requests of one kind pass. */
async function passing(
  rateLimits: DirectLineRateLimits,
  kind: Parameters<DirectLineRateLimits['check']>[0],
  requester: (i: number) => { client: string; conversationId?: string },
  times: number,
): Promise<number> {
  let passed = 0;
  for (let i = 0; i < times; i++) if (!(await rateLimits.check(kind, requester(i)))) passed += 1;
  return passed;
}

describe('Direct Line rate limits', () => {
  describe('budgets (in memory, without Redis)', () => {
    it('refuses a client past its budget of new conversations, with the seconds until its window ends', async () => {
      const rateLimits = limits({ newConversationsPerClient: 3 });
      assert.equal(await passing(rateLimits, 'newConversation', () => ({ client: '203.0.113.7' }), 3), 3);
      const refusal = await rateLimits.check('newConversation', { client: '203.0.113.7' });
      assert.ok(refusal, 'the fourth is refused');
      assert.equal(refusal.budget, 'new-conversation');
      assert.equal(refusal.scope, 'client');
      assert.ok(refusal.retryAfterSeconds >= 1 && refusal.retryAfterSeconds <= RATE_WINDOW_SECONDS, String(refusal.retryAfterSeconds));
      assert.equal(await rateLimits.check('newConversation', { client: '203.0.113.8' }), undefined, 'another client is not');
    });

    it('refuses everybody past the overall budget of new conversations, whatever their addresses', async () => {
      const rateLimits = limits({ newConversationsPerClient: 5, newConversationsOverall: 10 });
      assert.equal(await passing(rateLimits, 'newConversation', (i) => ({ client: `10.0.0.${i}` }), 25), 10);
      const refusal = await rateLimits.check('newConversation', { client: '198.51.100.1' });
      assert.equal(refusal?.scope, 'overall');
    });

    it("spends nobody else's budget on a client past its own: the overall budget is asked only once the client's lets a request on", async () => {
      const rateLimits = limits({ pollsPerClient: 3, pollsOverall: 10 });
      assert.equal(await passing(rateLimits, 'poll', () => ({ client: '203.0.113.7', conversationId: 'a' }), 50), 3);
      assert.equal(
        await passing(rateLimits, 'poll', (i) => ({ client: `10.0.2.${i}`, conversationId: `c${i}` }), 20),
        7,
        'the 47 refused spent none of the 10',
      );
    });

    it('keeps conversations already open usable when new ones are refused: the overall budget covers creation only', async () => {
      const rateLimits = limits({ ...DEFAULT_RATE_BUDGETS, newConversationsOverall: 2 });
      assert.equal(await passing(rateLimits, 'newConversation', (i) => ({ client: `10.0.1.${i}` }), 50), 2);
      const person = { client: '192.0.2.10', conversationId: 'conversation-of-someone' };
      assert.equal(await passing(rateLimits, 'message', () => person, 20), 20, 'their messages');
      assert.equal(await passing(rateLimits, 'refreshToken', () => person, 5), 5, 'their token refreshes');
      assert.equal(await passing(rateLimits, 'startConversation', () => person, 1), 1, 'starting with a token they hold');
    });

    it('counts messages per client and per conversation', async () => {
      const rateLimits = limits({ messagesPerClient: 8, messagesPerConversation: 4 });
      assert.equal(await passing(rateLimits, 'message', () => ({ client: '203.0.113.7', conversationId: 'a' }), 6), 4);
      const second = await passing(rateLimits, 'message', () => ({ client: '203.0.113.7', conversationId: 'b' }), 6);
      assert.equal(second, 2, 'the client had 2 left: the 2 refused in conversation a counted against it too');
      const third = await passing(rateLimits, 'message', () => ({ client: '198.51.100.9', conversationId: 'b' }), 4);
      assert.equal(
        third,
        0,
        'the 4 the client was refused in conversation b counted against that conversation too: both are asked at once',
      );
      assert.equal((await rateLimits.check('message', { client: '198.51.100.1', conversationId: 'a' }))?.scope, 'conversation');
      assert.equal(await rateLimits.check('message', { client: '198.51.100.1', conversationId: 'c' }), undefined);
    });

    it('shares one budget between starting with a token and refreshing it, apart from new conversations', async () => {
      const rateLimits = limits({ requestsPerClient: 3, newConversationsPerClient: 1 });
      const client = { client: '203.0.113.7' };
      assert.equal(await passing(rateLimits, 'startConversation', () => client, 1), 1);
      assert.equal(await passing(rateLimits, 'refreshToken', () => client, 3), 2);
      assert.equal(await passing(rateLimits, 'newConversation', () => client, 2), 1);
    });

    it('lets everything through when a budget is 0 (off)', async () => {
      const rateLimits = limits(OFF);
      for (const kind of ['newConversation', 'startConversation', 'refreshToken', 'message', 'poll', 'stream'] as const)
        assert.equal(await passing(rateLimits, kind, () => ({ client: '203.0.113.7', conversationId: 'a' }), 500), 500, kind);
    });

    it('uses the defaults the README states', () => {
      assert.deepEqual(DEFAULT_RATE_BUDGETS, {
        newConversationsPerClient: 20,
        newConversationsOverall: 120,
        requestsPerClient: 120,
        messagesPerClient: 120,
        messagesPerConversation: 30,
        pollsPerClient: 1_200,
        pollsOverall: 30_000,
        streamsPerClient: 60,
        streamsOverall: 1_200,
      });
    });

    for (const kind of ['poll', 'stream'] as const) {
      it(`counts ${kind}s per client and overall, apart from the other budgets`, async () => {
        const budgets: Partial<DirectLineRateBudgets> =
          kind === 'poll' ? { pollsPerClient: 4, pollsOverall: 10 } : { streamsPerClient: 4, streamsOverall: 10 };
        const rateLimits = limits({ ...budgets, messagesPerClient: 1 });
        assert.equal(await passing(rateLimits, kind, () => ({ client: '203.0.113.7' }), 6), 4);
        const refusal = await rateLimits.check(kind, { client: '203.0.113.7' });
        assert.deepEqual([refusal?.budget, refusal?.scope], [kind, 'client']);
        assert.equal(
          await passing(rateLimits, kind, (i) => ({ client: `10.0.2.${i}` }), 10),
          6,
          'the overall budget: 10, the client’s 4 spent',
        );
        assert.equal((await rateLimits.check(kind, { client: '198.51.100.1' }))?.scope, 'overall');
        assert.equal(await passing(rateLimits, 'message', () => ({ client: '198.51.100.1', conversationId: 'a' }), 1), 1, 'a message');
      });
    }
  });

  describe('counters in Redis', function () {
    this.timeout(30_000);
    let redis: RunningRedisServer;
    const clients: RedisClientType[] = [];

    before(async () => {
      redis = await startRedisServer();
    });

    after(async () => {
      for (const client of clients) await client.close().catch(() => client.destroy());
      await redis?.stop();
    });

    async function connect(): Promise<RedisClientType> {
      const client = await connectRedis(redis.url);
      clients.push(client);
      return client;
    }

    it('is one budget for every process, kept under keyed digests with the window as their lifetime', async () => {
      const prefix = `p${randomUUID().slice(0, 8)}`;
      // Two processes' limiters, each with its own connection.
      const first = limits({ newConversationsPerClient: 4, newConversationsOverall: 100 }, await connect(), prefix);
      const second = limits({ newConversationsPerClient: 4, newConversationsOverall: 100 }, await connect(), prefix);
      assert.equal(await passing(first, 'newConversation', () => ({ client: '203.0.113.7' }), 2), 2);
      assert.equal(
        await passing(second, 'newConversation', () => ({ client: '203.0.113.7' }), 4),
        2,
        'the second process sees the first one count',
      );
      assert.equal((await first.check('newConversation', { client: '203.0.113.7' }))?.scope, 'client');

      const reader = await connect();
      const keys = await reader.keys(`${prefix}:*`);
      assert.deepEqual(keys.map((k) => k.replace(/:[A-Za-z0-9_-]{22}$/, ':<digest>')).sort(), [
        `${prefix}:rate:new-conversation:client:<digest>`,
        `${prefix}:rate:new-conversation:overall:all`,
      ]);
      assert.ok(
        keys.every((key) => !key.includes('203.0.113.7')),
        'no address in the store',
      );
      for (const key of keys) {
        const ttl = await reader.ttl(key);
        assert.ok(ttl > 0 && ttl <= RATE_WINDOW_SECONDS, `${key} expires with its window (${ttl} s)`);
      }
    });

    it('runs its counting script by its SHA-1 (EVALSHA), sending the script itself only when Redis does not know it', async () => {
      const own = await startRedisServer();
      const client = await connectRedis(own.url);
      try {
        const calls = async (command: string): Promise<number> => {
          const stats = await client.info('commandstats');
          return Number(new RegExp(`cmdstat_${command}:calls=(\\d+)`).exec(stats)?.[1] ?? 0);
        };
        const rateLimits = limits({ pollsPerClient: 100, pollsOverall: 1000 }, client, 'by-sha');
        assert.equal(await passing(rateLimits, 'poll', (i) => ({ client: `203.0.113.${i % 3}` }), 10), 10);
        assert.equal(await calls('eval'), 1, 'the script sent once, when Redis answered NOSCRIPT');
        assert.equal(await calls('evalsha'), 20, 'every count (two budgets a poll) by its SHA-1');
        await client.scriptFlush();
        assert.equal(await passing(rateLimits, 'poll', () => ({ client: '203.0.113.9' }), 2), 2, 'after SCRIPT FLUSH');
        assert.equal(await calls('eval'), 2);
      } finally {
        await client.close();
        await own.stop();
      }
    });

    it('keeps counting in memory, per process, while Redis does not answer', async () => {
      const own = await startRedisServer();
      const client = await connectRedis(own.url, { onError: () => undefined });
      try {
        const rateLimits = limits({ newConversationsPerClient: 3 }, client, 'outage');
        assert.equal(await passing(rateLimits, 'newConversation', () => ({ client: '203.0.113.9' }), 1), 1);
        await own.stop('SIGKILL');
        assert.equal(
          await passing(rateLimits, 'newConversation', () => ({ client: '203.0.113.9' }), 5),
          3,
          'the fallback has its own full budget',
        );
      } finally {
        client.destroy();
        await own.stop();
      }
    });
  });

  it('loads rate-limiter-flexible on first use, not with the composition root', function () {
    this.timeout(30_000);
    const script = `
      require(${JSON.stringify(path.join(projectRoot(), 'src/main.ts'))});
      const loaded = Object.keys(require.cache).some((file) => file.includes('/node_modules/rate-limiter-flexible/'));
      console.log(JSON.stringify({ loaded }));
    `;
    assert.deepEqual(runInFreshProcess(script), { loaded: false });
  });
});
