import assert from 'node:assert/strict';
import { startBot, type RunningBot } from '../../src/composition/startBot';
import { loadConfig } from '../../src/config';
import { createLogger, type Logger } from '../../src/logger';
import { fixedClock } from '../../src/domain/clock';
import { sharedTestRedisUrl, startRedisServer } from '../support/redisServer';
import { TEST_NOW } from '../support/dialogHarness';
import { HttpConversation } from '../support/httpConversation';
import { ENGLISH_BOOKING, bookThenCancel } from '../support/httpBooking';
import { ActivityStream, DirectLineClient, StreamRefused } from '../support/directLineClient';
import { parseExposition, valueOf, type Sample } from './exposition';

const TOKEN = 'metrics-test-token-0123456789';
let prefixCounter = 0;

function capturedLogger(): { lines: string[]; logger: Logger } {
  const lines: string[] = [];
  return { lines, logger: createLogger('info', { write: (line: string) => void lines.push(line) }) };
}

async function startTestBot(settings: Record<string, string>, logger: Logger = createLogger('silent')): Promise<RunningBot> {
  prefixCounter += 1;
  const config = loadConfig({
    PORT: '0',
    REDIS_KEY_PREFIX: `metrics${prefixCounter}-${Date.now()}`,
    PERSON_KEY_SECRET: 'metrics-test-person',
    ...settings,
  });
  return startBot(config, { clock: fixedClock(TEST_NOW), logger });
}

async function scrape(url: string, token?: string): Promise<Sample[]> {
  const response = await fetch(url, token ? { headers: { authorization: `Bearer ${token}` } } : {});
  assert.equal(response.status, 200, `GET ${url} answered ${response.status}`);
  assert.match(response.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
  return parseExposition(await response.text());
}

async function smsTurn(bot: RunningBot, text: string): Promise<void> {
  const body = new URLSearchParams({ From: '+12125550142', To: '+12025550100', Body: text, MessageSid: `SM${Date.now()}` });
  const response = await fetch(`${bot.url}/api/sms`, { method: 'POST', body });
  assert.equal(response.status, 200);
}

describe('GET /metrics on the running bot (HTTP, Redis)', function () {
  this.timeout(120_000);
  let bot: RunningBot | undefined;

  afterEach(async () => {
    await bot?.close();
    bot = undefined;
  });

  it('after a booking and its cancellation over /api/messages and an SMS, counts turns by channel, the booking, the cancellation and the steps reached', async () => {
    bot = await startTestBot({ REDIS_URL: await sharedTestRedisUrl(), METRICS_TOKEN: TOKEN });
    const booking = new HttpConversation(bot.url);
    const cancelling = new HttpConversation(bot.url);
    await bookThenCancel(booking, cancelling, ENGLISH_BOOKING);
    await smsTurn(bot, 'hola');
    const samples = await scrape(`${bot.url}/metrics`, TOKEN);

    // 1 join + 11 messages to book, 3 to cancel: every one a turn on the webchat channel.
    assert.equal(valueOf(samples, 'infopass_turns_total', { channel: 'webchat' }), 15);
    assert.equal(valueOf(samples, 'infopass_turns_total', { channel: 'sms' }), 1);
    assert.equal(valueOf(samples, 'infopass_turns_total', { channel: 'msteams' }), 0);
    assert.equal(valueOf(samples, 'infopass_turn_duration_seconds_count', { channel: 'webchat' }), 15);
    assert.equal(valueOf(samples, 'infopass_turn_failures_total'), undefined);
    assert.equal(valueOf(samples, 'infopass_bookings_total'), 1);
    assert.equal(valueOf(samples, 'infopass_bookings_total', { language: 'en' }), 1);
    assert.equal(valueOf(samples, 'infopass_cancellations_total', { language: 'en' }), 1);
    assert.equal(valueOf(samples, 'infopass_moves_total'), 0);
    assert.equal(valueOf(samples, 'infopass_misreads_total'), undefined, 'every answer read: no misread counted');

    const reached = (
      dialog: string,
      step: string,
      labels: Record<string, string> = { language: 'en', channel: 'webchat' },
    ): number | undefined => valueOf(samples, 'infopass_dialog_steps_total', { dialog, step, ...labels });
    for (const [dialog, step] of [
      ['booking', '0:location'],
      ['location', '2:showOffice'],
      ['booking', '1:reason'],
      ['personalDetails', '0:askName'],
      ['slot', '0:askWhen'],
      ['booking', '4:confirm'],
      ['booking', '5:book'],
      ['cancel', '0:verify'],
      // Cancelling, looking up and moving ask the receipt number and date of birth in one flow.
      ['verify', '0:askReceipt'],
      ['cancel', '2:finish'],
    ]) {
      assert.equal(reached(dialog, step), 1, `${dialog} ${step}`);
    }
    assert.ok((reached('root.flow', '0:languageStep', { channel: 'sms' }) ?? 0) >= 1, 'the SMS conversation reached the first step');
    for (const sample of samples.filter((s) => s.name === 'infopass_dialog_steps_total')) {
      assert.match(sample.labels.step, /^\d+(:\w+)?$/, 'a step label is "<index>:<name>"');
      assert.ok(['webchat', 'sms'].includes(sample.labels.channel));
    }

    const requests = { route: '/api/messages', method: 'POST', status_class: '2xx' };
    assert.equal(valueOf(samples, 'infopass_http_request_duration_seconds_count', requests), 15);
    assert.equal(valueOf(samples, 'infopass_redis_errors_total'), undefined);
    assert.ok((valueOf(samples, 'infopass_process_cpu_seconds_total') ?? 0) > 0, 'the process metrics, prefixed');
    for (const sample of samples) assert.ok(sample.name.startsWith('infopass_'), `${sample.name} carries the prefix`);
  });

  it('refuses /metrics on the public port without the token, or with another (401), and counts the refusals', async () => {
    const { lines, logger } = capturedLogger();
    bot = await startTestBot({ METRICS_TOKEN: TOKEN }, logger);
    for (const authorization of [undefined, `Bearer ${TOKEN}x`, `Basic ${TOKEN}`, TOKEN, 'Bearer ']) {
      const response = await fetch(`${bot.url}/metrics`, authorization ? { headers: { authorization } } : {});
      assert.equal(response.status, 401, `authorization: ${String(authorization)}`);
      assert.match(response.headers.get('www-authenticate') ?? '', /^Bearer/);
      assert.doesNotMatch(await response.text(), /infopass_/);
    }
    const samples = await scrape(`${bot.url}/metrics`, TOKEN);
    assert.equal(valueOf(samples, 'infopass_http_request_duration_seconds_count', { route: '/metrics', status_class: '4xx' }), 5);
    assert.equal(bot.metricsUrl, undefined);
    assert.equal(lines.filter((line) => /"route":"\/metrics","status":401,"msg":"request refused"/.test(line)).length, 5);
    assert.ok(!lines.some((line) => line.includes(TOKEN)), 'the token is never logged');
  });

  it('counts requests refused by a rate limit, by budget', async () => {
    bot = await startTestBot({ METRICS_TOKEN: TOKEN, RATE_LIMIT_NEW_CONVERSATIONS_PER_CLIENT: '2' });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await fetch(`${bot.url}/v3/directline/tokens/generate`, { method: 'POST' })).status);
    assert.deepEqual(statuses, [200, 200, 429, 429, 429]);
    const samples = await scrape(`${bot.url}/metrics`, TOKEN);
    assert.equal(valueOf(samples, 'infopass_rate_limited_total', { route: 'new-conversation:client' }), 3);
  });

  it('counts Web Chat polls by status, stream upgrades by status, the streams open, and polls and streams refused by their rate limits', async () => {
    bot = await startTestBot({ METRICS_TOKEN: TOKEN, RATE_LIMIT_POLLS_PER_CLIENT: '3', RATE_LIMIT_STREAMS_PER_CLIENT: '2' });
    const client = new DirectLineClient(bot.url);
    await client.generate();
    await client.start();
    const polls: number[] = [];
    for (let i = 0; i < 4; i++) polls.push((await client.request('GET', `/conversations/${client.conversationId}/activities`)).status);
    assert.deepEqual(polls, [200, 200, 200, 429]);
    const refusedStatus = (url: string, headers: Record<string, string> = {}): Promise<number> =>
      ActivityStream.open(url, { headers }).then(
        (stream) => {
          stream.close();
          return 101;
        },
        (err: unknown) => (err instanceof StreamRefused ? err.status : Promise.reject(err)),
      );
    assert.equal(await refusedStatus(client.streamUrl, { origin: 'https://evil.example' }), 403, 'a foreign page, before the budget');
    const streams = [await client.openStream(), await client.openStream()];
    assert.equal(await refusedStatus(client.streamUrl), 429);

    const samples = await scrape(`${bot.url}/metrics`, TOKEN);
    const poll = { route: '/v3/directline/conversations/:conversationId/activities', method: 'GET' };
    assert.equal(valueOf(samples, 'infopass_http_request_duration_seconds_count', { ...poll, status_class: '2xx' }), 3);
    assert.equal(valueOf(samples, 'infopass_http_request_duration_seconds_count', { ...poll, status_class: '4xx' }), 1);
    assert.equal(valueOf(samples, 'infopass_rate_limited_total', { route: 'poll:client' }), 1);
    assert.equal(valueOf(samples, 'infopass_rate_limited_total', { route: 'stream:client' }), 1);
    assert.equal(valueOf(samples, 'infopass_directline_stream_upgrades_total', { status: '101' }), 2);
    assert.equal(valueOf(samples, 'infopass_directline_stream_upgrades_total', { status: '403' }), 1);
    assert.equal(valueOf(samples, 'infopass_directline_stream_upgrades_total', { status: '429' }), 1);
    assert.equal(valueOf(samples, 'infopass_directline_streams_open'), 2);
    for (const stream of streams) stream.close();
  });

  it('with METRICS_PORT: serves /metrics on its own loopback port, not on the public one', async () => {
    const { lines, logger } = capturedLogger();
    bot = await startTestBot({ METRICS_PORT: '0' }, logger);
    const metricsUrl = bot.metricsUrl;
    assert.ok(metricsUrl !== undefined && metricsUrl.startsWith('http://127.0.0.1:'), metricsUrl);
    assert.equal((await fetch(`${bot.url}/metrics`)).status, 404);
    const samples = await scrape(metricsUrl);
    assert.ok(valueOf(samples, 'infopass_turns_total') !== undefined);
    assert.equal((await fetch(new URL('/', metricsUrl))).status, 404, 'the metrics port serves nothing else');
    assert.ok(lines.some((line) => /"msg":"metrics listening"/.test(line) && /"host":"127.0.0.1"/.test(line)));
  });

  it('with METRICS_PORT and METRICS_TOKEN: the metrics port asks for the token too', async () => {
    bot = await startTestBot({ METRICS_PORT: '0', METRICS_TOKEN: TOKEN });
    assert.ok(bot.metricsUrl);
    assert.equal((await fetch(bot.metricsUrl)).status, 401);
    assert.ok((await scrape(bot.metricsUrl, TOKEN)).length > 0);
    assert.ok((await scrape(`${bot.url}/metrics`, TOKEN)).length > 0);
  });

  it('with neither setting: /metrics is not served, and the log says so', async () => {
    const { lines, logger } = capturedLogger();
    bot = await startTestBot({}, logger);
    assert.equal((await fetch(`${bot.url}/metrics`)).status, 404);
    assert.equal(bot.metricsUrl, undefined);
    assert.ok(lines.some((line) => /metrics are not served: set METRICS_PORT .* or METRICS_TOKEN/.test(line)));
  });

  it('counts Redis connection errors by role when Redis goes away', async () => {
    const redis = await startRedisServer();
    try {
      bot = await startTestBot({ REDIS_URL: redis.url, METRICS_PORT: '0' });
      const metricsUrl = bot.metricsUrl;
      assert.ok(metricsUrl);
      assert.equal(valueOf(await scrape(metricsUrl), 'infopass_redis_errors_total'), undefined);
      await redis.stop('SIGKILL');
      const deadline = Date.now() + 10_000;
      let errors: number | undefined;
      while (
        (errors = valueOf(await scrape(metricsUrl), 'infopass_redis_errors_total', { role: 'durable' })) === undefined &&
        Date.now() < deadline
      )
        await new Promise((resolve) => setTimeout(resolve, 100));
      assert.ok((errors ?? 0) >= 1, 'the lost connection was counted');
    } finally {
      await bot?.close();
      bot = undefined;
      await redis.stop().catch(() => undefined);
    }
  });
});
