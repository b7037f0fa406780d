import assert from 'node:assert/strict';
import { generateLoad, thinkTimes } from '../../scripts/bench/loadgen';
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
        thinkMs: 0,
        runId: `${transport}-${process.pid}`,
      });
      assert.deepEqual(result.firstErrors, []);
      assert.ok(result.turns > 0, 'no turn completed');
      assert.ok(result.conversations > 0, 'no conversation completed');
      assert.equal(result.replies.unmatched, 0, 'replies that answered no post');
      assert.ok(result.replies.matched >= result.turns, `${result.replies.matched} replies matched for ${result.turns} turns`);
    });
  }

  it('paced people wait between messages, and the wait is not counted in a turn’s latency', async function () {
    this.timeout(20_000);
    const thinkMs = 400;
    const result = await generateLoad({
      url: bot.url,
      kind: 'ours',
      transport: 'messages',
      users: 2,
      durationMs: 2000,
      cancelShare: 0,
      thinkMs,
      runId: `paced-${process.pid}`,
    });
    assert.deepEqual(result.firstErrors, []);
    assert.ok(result.turns > 0, 'no turn completed');
    // Each person pauses at least thinkMs / 2 before each message.
    const mostTurns = 2 * Math.ceil((result.seconds * 1000) / (thinkMs / 2));
    assert.ok(result.turns <= mostTurns, `${result.turns} turns in ${result.seconds} s: more than pausing allows (${mostTurns})`);
    assert.ok(result.latencyMs.p50 < thinkMs / 2, `p50 ${result.latencyMs.p50} ms includes the pause`);
  });
});

describe('thinkTimes', () => {
  it('draws evenly between half and one and a half times the mean, the same for the same seed', () => {
    const draws = Array.from({ length: 10_000 }, thinkTimes(2000, 7));
    assert.ok(Math.min(...draws) >= 1000 && Math.max(...draws) < 3000, 'a pause outside 1–3 s');
    const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
    assert.ok(Math.abs(mean - 2000) < 40, `mean ${mean}`);
    assert.ok(draws.filter((d) => d < 1500).length > 2000, 'the lower quarter is drawn about a quarter of the time');
    assert.deepEqual(Array.from({ length: 5 }, thinkTimes(2000, 7)), draws.slice(0, 5));
    assert.notDeepEqual(Array.from({ length: 5 }, thinkTimes(2000, 8)), draws.slice(0, 5));
  });
});
