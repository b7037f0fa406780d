import assert from 'node:assert/strict';
import { generateLoad } from '../../scripts/bench/loadgen';
import { BENCH_RATE_LIMIT_SETTINGS, TRANSPORTS } from '../../scripts/bench/transports';
import { startBot, type RunningBot } from '../../src/composition/startBot';
import { loadConfig } from '../../src/config';
import { fixedClock } from '../../src/domain/clock';
import { createLogger } from '../../src/logger';
import { TEST_NOW } from '../support/dialogHarness';
import { sharedTestRedisUrl } from '../support/redisServer';

const SECONDS_PER_TRANSPORT = 2;

describe('the bench’s transports (npm run bench -- --webchat)', function () {
  let bot: RunningBot;

  before(async function () {
    this.timeout(60_000);
    const config = loadConfig({
      PORT: '0',
      LOG_LEVEL: 'silent',
      PERSON_KEY_SECRET: 'bench-transports-test',
      REDIS_URL: await sharedTestRedisUrl(),
      REDIS_KEY_PREFIX: `bench-transports-${process.pid}`,
      ...BENCH_RATE_LIMIT_SETTINGS,
    });
    bot = await startBot(config, { clock: fixedClock(TEST_NOW), logger: createLogger('silent') });
  });

  after(async () => {
    await bot?.close();
  });

  for (const transport of TRANSPORTS) {
    it(`${transport}: whole booking conversations, each reply matched to the post it answers`, async function () {
      this.timeout(20_000);
      const result = await generateLoad({
        url: bot.url,
        kind: 'ours',
        transport,
        users: 2,
        durationMs: SECONDS_PER_TRANSPORT * 1000,
        // Every other person cancels: the cancellation's conversation starts with a message, not a join.
        cancelShare: 0.5,
        runId: `${transport}-${process.pid}`,
      });
      assert.deepEqual(result.firstErrors, []);
      assert.ok(result.turns > 0, 'no turn completed');
      assert.ok(result.conversations > 0, 'no conversation completed');
      assert.equal(result.replies.unmatched, 0, 'replies that answered no post');
      assert.ok(result.replies.matched >= result.turns, `${result.replies.matched} replies matched for ${result.turns} turns`);
    });
  }
});
