/**
 * npx tsx scripts/flood.ts — does a Web Chat conversation survive a flood of token requests?
 *
 * Starts the bot as a child process (its clock fixed, as in the tests; with --redis on its own
 * redis-server), opens a real Web Chat conversation over Direct Line and takes it to the menu,
 * then sends --requests unauthenticated `POST /v3/directline/tokens/generate`, --concurrency at
 * a time. With --addresses N each request carries `X-Forwarded-For: <one of N addresses>` and the
 * bot trusts the loopback proxy (TRUSTED_PROXIES=loopback): many clients behind one proxy.
 * Afterwards the conversation sends its next message. Prints the answers to the flood by status,
 * the time it took, whether the conversation carried on (or what it was answered), the bot's
 * resident memory, and with --redis Redis's used_memory before and after.
 *
 *   npx tsx scripts/flood.ts [--requests 10050] [--concurrency 64] [--addresses 0] [--redis] [--json FILE]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createClient } from 'redis';
import { startBotProcess } from '../test/support/botProcess';
import { DirectLineConversation, DirectLineError } from '../test/support/directLineConversation';
import { startRedisServer, type RunningRedisServer } from '../test/support/redisServer';
import { saysKey, suggestedTitles } from '../test/support/replies';

const { values: flags } = parseArgs({
  options: {
    requests: { type: 'string', default: '10050' },
    concurrency: { type: 'string', default: '64' },
    addresses: { type: 'string', default: '0' },
    redis: { type: 'boolean', default: false },
    json: { type: 'string' },
  },
});

const requests = Number(flags.requests);
const concurrency = Number(flags.concurrency);
const addresses = Number(flags.addresses);
if (![requests, concurrency, addresses].every((n) => Number.isInteger(n) && n >= 0) || concurrency === 0) {
  console.error('usage: npx tsx scripts/flood.ts [--requests N] [--concurrency N] [--addresses N] [--redis] [--json FILE]');
  process.exit(2);
}

/** Address number n of a documentation-free range (10.0.0.0/8 private space), spread over the /8. */
function addressNumber(n: number): string {
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

function residentMegabytes(pid: number): number | undefined {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Math.round(Number(match[1]) / 1024) : undefined;
}

async function usedMemory(redis: RunningRedisServer): Promise<number> {
  const client = createClient({ url: redis.url });
  await client.connect();
  const info = await client.info('memory');
  await client.close();
  return Number(/used_memory:(\d+)/.exec(info)?.[1]);
}

interface FloodResult {
  statuses: Record<string, number>;
  seconds: number;
  retryAfter: { min: number; max: number } | undefined;
}

async function flood(baseUrl: string): Promise<FloodResult> {
  const statuses: Record<string, number> = {};
  const retryAfter: number[] = [];
  let next = 0;
  const started = performance.now();
  const worker = async (): Promise<void> => {
    while (next < requests) {
      const n = next++;
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (addresses > 0) headers['x-forwarded-for'] = addressNumber(n % addresses);
      try {
        const response = await fetch(`${baseUrl}/v3/directline/tokens/generate`, { method: 'POST', headers, body: '{}' });
        await response.arrayBuffer();
        statuses[response.status] = (statuses[response.status] ?? 0) + 1;
        const retry = response.headers.get('retry-after');
        if (retry !== null) retryAfter.push(Number(retry));
      } catch (err) {
        const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
        const name = `${err instanceof Error ? err.name : 'error'}${cause}`;
        statuses[name] = (statuses[name] ?? 0) + 1;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  return {
    statuses,
    seconds,
    retryAfter: retryAfter.length > 0 ? { min: Math.min(...retryAfter), max: Math.max(...retryAfter) } : undefined,
  };
}

async function main(): Promise<void> {
  const redis = flags.redis ? await startRedisServer() : undefined;
  const bot = await startBotProcess({
    ...(redis ? { redisUrl: redis.url } : {}),
    env: { TRUSTED_PROXIES: 'loopback' },
  });
  try {
    const person = new DirectLineConversation(bot.url, addresses > 0 ? { forwardedFor: '192.0.2.10' } : {});
    await person.join();
    const menu = await person.send('English');
    if (!saysKey(menu, 'en', 'menu.prompt')) throw new Error('the conversation did not reach the menu');
    const memoryBefore = redis ? await usedMemory(redis) : undefined;
    const rssBefore = residentMegabytes(bot.pid);

    const result = await flood(bot.url);

    let conversation: string;
    try {
      const next = await person.send(suggestedTitles(menu)[0] ?? 'Make an appointment');
      conversation = saysKey(next, 'en', 'location.zipPrompt') ? 'carried on (the next step was asked)' : 'answered, but not the next step';
    } catch (err) {
      conversation = err instanceof DirectLineError ? `lost: ${err.message}` : `failed: ${String(err)}`;
    }
    const memoryAfter = redis ? await usedMemory(redis) : undefined;
    const report = {
      requests,
      concurrency,
      clientAddresses: addresses > 0 ? addresses : 'one (loopback, no X-Forwarded-For)',
      store: redis ? 'redis' : 'memory',
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
