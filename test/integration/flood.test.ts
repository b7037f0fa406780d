/**
 * A flood of token requests from many addresses, through a trusted proxy, while 20 people book
 * on Web Chat: the bot as a child process on its own Redis, with the default budgets.
 */
import assert from 'node:assert/strict';
import { startBotProcess, type BotProcess } from '../support/botProcess';
import { driveToSummary, expectKeys, offeredSlots, personNumber } from '../support/bookingSteps';
import { DirectLineConversation } from '../support/directLineConversation';
import { startRedisServer, type RunningRedisServer } from '../support/redisServer';
import { floodTokenRequests, redisUsedMemory } from '../support/tokenFlood';
import { describeReplies, saysKey } from '../support/replies';
import { DEFAULT_RATE_BUDGETS, RATE_WINDOW_SECONDS } from '../../src/http/rateLimit';

const PEOPLE = 20;
const FLOOD = { requests: 20_000, concurrency: 32, addresses: 10_000 };
/**
 * What the flood may add to Redis: the rate-limit counters (one per client address and window,
 * ~100 bytes each: ~1 MB for 10,000 addresses) and the few conversations the overall budget lets
 * through. Measured: see docs/channels/webchat.md#rate-limits.
 */
const REDIS_GROWTH_BOUND_BYTES = 8 * 1024 * 1024;

/**
 * A time of person n's own, Monday 7 to Friday 11 December 2026 (TEST_NOW is Tuesday 1 December),
 * 9 AM to noon: no two people want the same one.
 */
function ownTime(n: number): string {
  const hour = 9 + Math.floor(n / 5);
  return `December ${7 + (n % 5)} at ${hour < 12 ? `${hour}am` : `${hour - 12 || 12}pm`}`;
}

/**
 * Books from joining to the notice. Everyone first asks for the same time (WANTED_TIME) and all
 * 20 confirm about together, so most are told "someone just took that time"; they then ask for a
 * time of their own, as people would.
 */
async function book(person: DirectLineConversation, n: number): Promise<string> {
  await driveToSummary(person, personNumber(n));
  for (let attempt = 1; attempt <= 3; attempt++) {
    const replies = await person.send('yes');
    const receipt = replies.map((a) => /IP-[0-9A-Z-]{16}/.exec(a.text ?? '')?.[0]).find((r) => r !== undefined);
    if (saysKey(replies, 'en', 'notice.text') && receipt) return receipt;
    assert.ok(saysKey(replies, 'en', 'booking.slotTaken'), `neither a notice nor "slot taken":\n${describeReplies(replies)}`);
    const offer = await expectKeys(person, ownTime(n), ['slots.offerExact']);
    await expectKeys(person, offeredSlots(offer)[0] ?? 'no slot offered', ['booking.summary']);
  }
  throw new Error(`person ${n} did not book in 3 attempts`);
}

describe('a flood of token requests while 20 people book on Web Chat', function () {
  this.timeout(600_000);
  let redis: RunningRedisServer;
  let bot: BotProcess;

  before(async () => {
    redis = await startRedisServer();
    bot = await startBotProcess({ redisUrl: redis.url, keyPrefix: 'flood', env: { TRUSTED_PROXIES: 'loopback' } });
  });

  after(async () => {
    await bot?.stop();
    await redis?.stop();
  });

  it('refuses the flood past the overall budget, evicts nobody, and all 20 book, with Redis memory bounded', async () => {
    // Each person behind the proxy with an address of their own; their conversations open before the flood.
    const people = Array.from({ length: PEOPLE }, (_, i) => new DirectLineConversation(bot.url, { forwardedFor: `192.0.2.${i + 1}` }));
    for (const person of people) await person.join();
    const memoryBefore = await redisUsedMemory(redis.url);

    const started = performance.now();
    const [flood, receipts] = await Promise.all([
      floodTokenRequests(bot.url, FLOOD),
      Promise.all(people.map((person, i) => book(person, i))),
    ]);
    const seconds = (performance.now() - started) / 1000;
    const memoryAfter = await redisUsedMemory(redis.url);

    assert.equal(new Set(receipts).size, PEOPLE, 'all 20 booked, each with a receipt number of their own');
    assert.deepEqual(Object.keys(flood.statuses).sort(), ['200', '429'], JSON.stringify(flood.statuses));
    // Each fixed window lets the overall budget through once; the flood and the bookings span a few.
    const windows = Math.ceil(seconds / RATE_WINDOW_SECONDS) + 1;
    assert.ok(
      flood.statuses['200'] <= DEFAULT_RATE_BUDGETS.newConversationsOverall * windows,
      `${flood.statuses['200']} tokens issued in ${seconds.toFixed(0)} s (${windows} windows)`,
    );
    assert.ok(flood.retryAfter && flood.retryAfter.min >= 1 && flood.retryAfter.max <= RATE_WINDOW_SECONDS);
    const growth = memoryAfter - memoryBefore;
    assert.ok(growth < REDIS_GROWTH_BOUND_BYTES, `Redis used_memory grew by ${growth} bytes`);

    // None evicted: every conversation still answers.
    for (const person of people) await expectKeys(person, 'help', []);
    console.log(
      `      flood: ${JSON.stringify(flood.statuses)} in ${flood.seconds.toFixed(1)} s; ` +
        `Redis used_memory ${memoryBefore} → ${memoryAfter} bytes (+${(growth / 1024).toFixed(0)} KiB)`,
    );
  });
});
