/**
 * npm run bench:reminders — how fast reminders falling due at the same instant reach the provider.
 *
 * Starts its own redis-server, a stand-in for Twilio's REST API and one for the Bot Connector on
 * loopback, and N bot processes (test/support/botProcess.ts: the real entry point with the test
 * clock) on that Redis, each running the BullMQ workers. Books the appointments, schedules every
 * reminder to fall due at the same instant (from a process of its own, as a bot would), then
 * prints how many reminders the stand-ins were handed per second and each one's lag behind the
 * due time (p50, p99, max), and how the sends were shared between the processes.
 *
 * The SMS rate limit is lifted (SMS_SENDS_PER_SECOND=1000): with the production default of 1 a
 * second, 1,000 texts take 1,000 s whatever the code does. --rate R measures with R instead.
 *
 *   npm run bench:reminders -- [--reminders 1000] [--processes 2] [--chat-share 0.2] [--due-in 10] [--rate 1000]
 *
 * A benchmark, not a test: it always exits 0 when it ran, printing the figures.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { formatReceiptNumber } from '../src/domain/appointments/receiptNumber';
import { connectRedis } from '../src/infra/redis/connect';
import { RedisAppointmentStore } from '../src/infra/redis/redisAppointmentStore';
import { RedisOutreach } from '../src/infra/redis/redisOutreach';
import { createLogger } from '../src/logger';
import { TEST_CLOCK, TEST_NOW } from '../test/support/dialogHarness';
import { startBotProcess, type BotProcess } from '../test/support/botProcess';
import { startRedisServer } from '../test/support/redisServer';
import { STAND_IN_ACCOUNT_SID, STAND_IN_AUTH_TOKEN, STAND_IN_FROM, startTwilioStandIn } from '../test/support/twilioStandIn';
import { connectorReference, startBotConnectorStandIn } from '../test/support/botConnectorStandIn';
import { scheduleInRealTimeProcess } from '../test/support/scheduleReminders';
import { book, eventually, testPhone } from '../test/support/outreachRig';

const OPTIONS = {
  reminders: { type: 'string', default: '1000' },
  processes: { type: 'string', default: '2' },
  'chat-share': { type: 'string', default: '0.2' },
  'due-in': { type: 'string', default: '10' },
  rate: { type: 'string', default: '1000' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

const SLOTS = ['2026-12-03T15:00:00.000Z', '2026-12-03T15:30:00.000Z', '2026-12-04T16:00:00.000Z', '2026-12-07T20:00:00.000Z'];
const LANGUAGES = ['en', 'es', 'zh', 'vi', 'ar', 'ht', 'ko', 'ru', 'pt', 'fr', 'pl', 'tl', 'eo'];

/** CPU time (user + system) a process has used so far, in ms, from /proc (Linux); undefined elsewhere. */
function cpuMs(pid: number): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    // utime and stime are fields 14 and 15 of stat, 12 and 13 after the command name; in clock ticks (100 a second).
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return undefined;
  }
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: OPTIONS });
  if (values.help) {
    console.log('usage: npm run bench:reminders -- [--reminders 1000] [--processes 2] [--chat-share 0.2] [--due-in 10] [--rate 1000]');
    return;
  }
  const count = Number(values.reminders);
  const processCount = Number(values.processes);
  const chatShare = Number(values['chat-share']);
  const dueInMs = Number(values['due-in']) * 1000;
  const rate = Number(values.rate);
  if (![count, processCount, dueInMs, rate].every((n) => Number.isFinite(n) && n > 0) || !(chatShare >= 0 && chatShare <= 1)) {
    throw new Error('--reminders, --processes, --due-in and --rate take positive numbers, --chat-share a share from 0 to 1');
  }

  const redis = await startRedisServer();
  const [twilio, connector] = await Promise.all([startTwilioStandIn(), startBotConnectorStandIn()]);
  const keyPrefix = 'bench-reminders';
  const client = await connectRedis(redis.url);
  const store = new RedisAppointmentStore(client, { keyPrefix, clock: TEST_CLOCK });
  const outreach = new RedisOutreach(client, {
    keyPrefix,
    clock: TEST_CLOCK,
    store,
    personSecret: 'bot-process-test',
    logger: createLogger('silent'),
  });
  const bots: BotProcess[] = [];
  try {
    console.log(`starting ${processCount} bot processes on one redis-server…`);
    bots.push(
      ...(await Promise.all(
        Array.from({ length: processCount }, () =>
          startBotProcess({
            redisUrl: redis.url,
            keyPrefix,
            env: {
              LOG_LEVEL: 'debug',
              TWILIO_ACCOUNT_SID: STAND_IN_ACCOUNT_SID,
              TWILIO_AUTH_TOKEN: STAND_IN_AUTH_TOKEN,
              TWILIO_FROM: STAND_IN_FROM,
              TWILIO_API_BASE_URL: twilio.url,
              SMS_SENDS_PER_SECOND: String(rate),
            },
          }),
        ),
      )),
    );
    await Promise.all(bots.map((bot) => bot.waitForLog('outreach workers started', 120_000)));

    const receipts: string[] = [];
    const chatEvery = chatShare > 0 ? Math.round(1 / chatShare) : 0;
    for (let i = 0; i < count; i += 1) {
      const appointment = await book(store, `bench-${i}`, SLOTS[i % SLOTS.length], {
        phone: testPhone(i),
        language: LANGUAGES[i % LANGUAGES.length],
      });
      if (chatEvery > 0 && i % chatEvery === 0) {
        await outreach.saveRoute(appointment.receiptNumber, {
          channel: 'chat',
          conversationReference: connectorReference(connector.serviceUrl, `bench-${i}`),
        });
      }
      receipts.push(appointment.receiptNumber);
    }
    const cpuBefore = [...bots.map((bot) => cpuMs(bot.pid)), cpuMs(redis.pid)];
    const scheduled = await scheduleInRealTimeProcess({ redisUrl: redis.url, keyPrefix, now: TEST_NOW, dueInMs, receipts });
    if (scheduled.scheduledAtMs > scheduled.dueAtMs)
      console.log('warning: scheduling took longer than --due-in; some fell due while others were scheduled');

    const handed = (): number => twilio.messages.length + connector.activities.length;
    await eventually(() => handed() >= count, `${count} reminders handed over`, dueInMs + 600_000);
    // The last workers log their job done a moment after the stand-in has the message.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const cpuAfter = [...bots.map((bot) => cpuMs(bot.pid)), cpuMs(redis.pid)];
    const cpuUsed = cpuAfter.map((after, i) =>
      after === undefined || cpuBefore[i] === undefined ? undefined : after - (cpuBefore[i] ?? 0),
    );
    const arrivals = [...twilio.messages.map((m) => m.receivedAt), ...connector.activities.map((a) => a.receivedAt)].sort((a, b) => a - b);
    const lags = arrivals.map((at) => at - scheduled.dueAtMs);
    const spanS = (arrivals[arrivals.length - 1] - arrivals[0]) / 1000;
    const receiptsSeen = new Set(
      [...twilio.messages.map((m) => m.body), ...connector.activities.map((a) => a.activity.text ?? '')].map(
        (t) => /IP-[-0-9A-Z]{16}/.exec(t)?.[0],
      ),
    );
    const missing = receipts.filter((r) => !receiptsSeen.has(formatReceiptNumber(r))).length;
    const shares = bots.map((bot) => bot.logs.filter((line) => line.msg === 'outreach job done' && line.outcome === 'sent').length);

    console.log('');
    console.log(
      `reminders due at the same instant: ${count} (${twilio.messages.length} texts, ${connector.activities.length} chat messages), ${processCount} bot processes, one Redis`,
    );
    console.log(`rate limit ${rate >= 1000 ? 'LIFTED for the bench' : 'as given'}: SMS_SENDS_PER_SECOND=${rate} (production default 1)`);
    console.log(
      `handed to the stand-ins: ${(count / spanS).toFixed(0)}/s from first to last (${spanS.toFixed(2)} s), ${(count / (lags[lags.length - 1] / 1000)).toFixed(0)}/s from the due time`,
    );
    console.log(
      `lag behind the due time: p50 ${(percentile(lags, 50) / 1000).toFixed(2)} s, p99 ${(percentile(lags, 99) / 1000).toFixed(2)} s, max ${(lags[lags.length - 1] / 1000).toFixed(2)} s, first ${(lags[0] / 1000).toFixed(2)} s`,
    );
    console.log(`sends per process: ${shares.join(' + ')}; duplicates: ${handed() - count}; missing: ${missing}`);
    if (cpuUsed.every((ms) => ms !== undefined)) {
      const botCpu = cpuUsed.slice(0, -1).reduce((sum: number, ms) => sum + (ms ?? 0), 0);
      console.log(
        `CPU while they went out: bot processes ${cpuUsed
          .slice(0, -1)
          .map((ms) => `${Math.round(ms ?? 0)} ms`)
          .join(
            ' + ',
          )} (${(botCpu / count).toFixed(2)} ms a reminder), redis-server ${Math.round(cpuUsed.at(-1) ?? 0)} ms (${((cpuUsed.at(-1) ?? 0) / count).toFixed(2)} ms a reminder)`,
      );
    }
    console.log(
      `machine load average (1 min): ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores — a loaded machine stretches the lag; the CPU figures do not depend on it`,
    );
  } finally {
    await Promise.all(bots.map((bot) => bot.stop()));
    await outreach.close();
    await client.close();
    await Promise.all([twilio.close(), connector.close()]);
    await redis.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
