/**
 * npx tsx scripts/flood.ts — does a Web Chat conversation survive a flood of token requests?
 *
 * Starts the bot as a child process (its clock fixed, as in the tests; with --redis on its own
 * redis-server), opens a real Web Chat conversation over Direct Line and takes it to the menu,
 * then sends --requests unauthenticated `POST /v3/directline/tokens/generate`, --concurrency at
 * a time. With --addresses N each request carries `X-Forwarded-For: <one of N addresses>` and the
 * bot trusts the loopback proxy (TRUSTED_PROXIES=loopback): many clients behind one proxy.
 * --no-limits turns every Direct Line rate limit off (each RATE_LIMIT_* = 0): the bot as it was without them.
 * Afterwards the conversation sends its next message. Prints the answers to the flood by status,
 * the time it took, whether the conversation carried on (or what it was answered), the bot's
 * resident memory, and with --redis Redis's used_memory before and after.
 *
 *   npx tsx scripts/flood.ts [--requests 10050] [--concurrency 64] [--addresses 0] [--redis] [--no-limits] [--json FILE]
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startBotProcess } from '../test/support/botProcess';
import { DirectLineConversation, DirectLineError } from '../test/support/directLineConversation';
import { startRedisServer } from '../test/support/redisServer';
import { floodTokenRequests, redisUsedMemory, residentMegabytes } from '../test/support/tokenFlood';
import { saysKey, suggestedTitles } from '../test/support/replies';
import { RATE_LIMIT_SETTINGS } from '../src/config';

const { values: flags } = parseArgs({
  options: {
    requests: { type: 'string', default: '10050' },
    concurrency: { type: 'string', default: '64' },
    addresses: { type: 'string', default: '0' },
    redis: { type: 'boolean', default: false },
    'no-limits': { type: 'boolean', default: false },
    json: { type: 'string' },
  },
});

const requests = Number(flags.requests);
const concurrency = Number(flags.concurrency);
const addresses = Number(flags.addresses);
if (![requests, concurrency, addresses].every((n) => Number.isInteger(n) && n >= 0) || concurrency === 0) {
  console.error('usage: npx tsx scripts/flood.ts [--requests N] [--concurrency N] [--addresses N] [--redis] [--no-limits] [--json FILE]');
  process.exit(2);
}

const NO_LIMITS = Object.fromEntries(RATE_LIMIT_SETTINGS.map((name) => [name, '0']));

async function main(): Promise<void> {
  const redis = flags.redis ? await startRedisServer() : undefined;
  const bot = await startBotProcess({
    ...(redis ? { redisUrl: redis.url } : {}),
    env: { TRUSTED_PROXIES: 'loopback', ...(flags['no-limits'] ? NO_LIMITS : {}) },
  });
  try {
    const person = new DirectLineConversation(bot.url, addresses > 0 ? { forwardedFor: '192.0.2.10' } : {});
    await person.join();
    const menu = await person.send('English');
    if (!saysKey(menu, 'en', 'menu.prompt')) throw new Error('the conversation did not reach the menu');
    const memoryBefore = redis ? await redisUsedMemory(redis.url) : undefined;
    const rssBefore = residentMegabytes(bot.pid);

    const result = await floodTokenRequests(bot.url, { requests, concurrency, addresses });

    let conversation: string;
    try {
      const next = await person.send(suggestedTitles(menu)[0] ?? 'Make an appointment');
      conversation = saysKey(next, 'en', 'location.zipPrompt') ? 'carried on (the next step was asked)' : 'answered, but not the next step';
    } catch (err) {
      conversation = err instanceof DirectLineError ? `lost: ${err.message}` : `failed: ${String(err)}`;
    }
    const memoryAfter = redis ? await redisUsedMemory(redis.url) : undefined;
    const report = {
      requests,
      concurrency,
      clientAddresses: addresses > 0 ? addresses : 'one (loopback, no X-Forwarded-For)',
      store: redis ? 'redis' : 'memory',
      rateLimits: flags['no-limits'] ? 'off' : 'default budgets',
      statuses: result.statuses,
      seconds: Number(result.seconds.toFixed(2)),
      requestsPerSecond: Math.round(requests / result.seconds),
      retryAfterSeconds: result.retryAfter,
      conversation,
      botRssMegabytes: { before: rssBefore, after: residentMegabytes(bot.pid) },
      ...(memoryBefore !== undefined && memoryAfter !== undefined
        ? { redisUsedMemoryBytes: { before: memoryBefore, after: memoryAfter, growth: memoryAfter - memoryBefore } }
        : {}),
    };
    console.log(JSON.stringify(report, null, 2));
    if (flags.json) writeFileSync(flags.json, JSON.stringify(report, null, 2));
  } finally {
    await bot.stop();
    await redis?.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
