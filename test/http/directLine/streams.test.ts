import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { startBot, type RunningBot, type StartOptions } from '../../../src/composition/startBot';
import { loadConfig } from '../../../src/config';
import { createLogger } from '../../../src/logger';
import { fixedClock } from '../../../src/domain/clock';
import { TEST_NOW } from '../../support/dialogHarness';
import { ActivityStream, DirectLineClient, StreamRefused } from '../../support/directLineClient';
import { ManualClock } from '../../support/manualClock';
import { sharedTestRedisUrl } from '../../support/redisServer';
import { saysKey } from '../../support/replies';

const START_TIMEOUT_MS = 120_000;
/** Streams are pinged, their token checked and their log read again this often here (30 s by default). */
const PING_MS = 100;

async function startTestBot(directLine: StartOptions['directLine'], env: Record<string, string> = {}): Promise<RunningBot> {
  const config = loadConfig({ PORT: '0', LOG_LEVEL: 'silent', PERSON_KEY_SECRET: 'stream-test', ...env });
  return startBot(config, {
    clock: fixedClock(TEST_NOW),
    logger: createLogger('silent'),
    directLine: { streamPingMs: PING_MS, ...directLine },
  });
}

const idsOf = (activities: Partial<Activity>[]): Array<string | undefined> => activities.map((a) => a.id);

/** The HTTP status a refused upgrade answers. */
async function refusal(url: string): Promise<string> {
  return ActivityStream.open(url).then(
    (stream) => {
      stream.close();
      return 'opened';
    },
    (err: unknown) => (err instanceof Error ? err.message : String(err)),
  );
}

const BACKENDS = [
  { name: 'in memory', env: async (): Promise<Record<string, string>> => ({}) },
  {
    name: 'in Redis',
    env: async (): Promise<Record<string, string>> => ({
      REDIS_URL: await sharedTestRedisUrl(),
      REDIS_KEY_PREFIX: `streams-${process.pid}`,
    }),
  },
];

for (const backend of BACKENDS) {
  describe(`Direct Line WebSocket streams (${backend.name})`, function () {
    let bot: RunningBot;

    before(async function () {
      this.timeout(START_TIMEOUT_MS);
      bot = await startTestBot({}, await backend.env());
    });

    after(async () => {
      await bot?.close();
    });

    it('brings what the log already has, then each activity as it is appended, as polling would', async () => {
      const client = new DirectLineClient(bot.url);
      // No locale: the welcome is the list of languages.
      await client.generate();
      await client.start();
      const stream = await client.openStream();
      const welcome = await stream.waitFor((activities) => saysKey(activities, 'en', 'language.prompt'));
      assert.ok(welcome.every((a) => a.from?.role === 'bot'));

      const echoId = await client.send('English');
      const all = await stream.waitFor((activities) => saysKey(activities, 'en', 'menu.prompt'));
      assert.ok(idsOf(all).includes(echoId), 'the echo of what the person sent');
      const polled = await client.poll();
      assert.deepEqual(idsOf(all), idsOf(polled), 'the same activities, in the same order');
      assert.deepEqual(
        all.map((a) => a.timestamp),
        polled.map((a) => String(a.timestamp)),
      );
      assert.equal(stream.watermark, client.watermark, 'the last set carries the watermark polling reaches');
      assert.ok(
        stream.sets.every((set) => set.activities.length > 0 && /^\d+$/.test(set.watermark)),
        'activity sets are never empty',
      );
      stream.close();
    });

    it('starts a reconnecting client after its watermark', async () => {
      const client = new DirectLineClient(bot.url);
      await client.generate();
      await client.start();
      await client.poll();
      const mark = client.watermark;
      await client.send('English');
      const reconnect = await client.request('GET', `/conversations/${client.conversationId}?watermark=${mark}`);
      assert.equal(reconnect.status, 200);
      const streamUrl = String(reconnect.json.streamUrl);
      assert.match(streamUrl, new RegExp(`[?&]watermark=${mark}(&|$)`));
      const stream = await client.openStream(streamUrl);
      const later = await stream.waitFor((activities) => activities.some((a) => a.from?.role === 'bot'));
      assert.deepEqual(idsOf(later), idsOf(await client.poll()), 'only what came after the watermark');
      stream.close();
    });

    it('refuses a stream without the conversation’s token, of an unknown conversation, or at another address', async () => {
      const a = new DirectLineClient(bot.url);
      await a.generate();
      await a.start();
      const b = new DirectLineClient(bot.url);
      await b.generate();
      const url = new URL(a.streamUrl);
      const withToken = (token: string | undefined): string => {
        const copy = new URL(url);
        if (token === undefined) copy.searchParams.delete('t');
        else copy.searchParams.set('t', token);
        return copy.toString();
      };
      assert.equal(await refusal(withToken(undefined)), 'stream refused: 403');
      assert.equal(await refusal(withToken(b.token)), 'stream refused: 403');
      assert.equal(await refusal(withToken('not-a-token')), 'stream refused: 403');
      assert.equal(await refusal(a.streamUrl.replace(a.conversationId, 'NoSuchConversation123')), 'stream refused: 404');
      assert.equal(await refusal(a.streamUrl.replace('/stream', '/streams')), 'stream refused: 404');
      assert.equal(await refusal(`${a.streamUrl}&watermark=abc`), 'stream refused: 400');
      const header = await ActivityStream.open(withToken(undefined), { headers: { authorization: `Bearer ${a.token}` } });
      header.close();
    });

    it('gives wss:// to a client behind a TLS-terminating proxy', async () => {
      const client = new DirectLineClient(bot.url);
      await client.generate();
      const { issued } = await client.start({ 'x-forwarded-proto': 'https', 'x-forwarded-host': 'infopass.example.org' });
      assert.match(issued.streamUrl ?? '', /^wss:\/\/infopass\.example\.org\/v3\/directline\/conversations\//);
    });
  });
}

describe('Direct Line WebSocket streams: who may open one', function () {
  const AGENCY = 'https://www.agency.example';
  let bot: RunningBot;

  before(async function () {
    this.timeout(START_TIMEOUT_MS);
    bot = await startTestBot(
      {},
      {
        WEBCHAT_ALLOWED_ORIGINS: AGENCY,
        PUBLIC_BASE_URL: 'https://infopass.example.org/chat',
        TRUSTED_PROXIES: 'loopback',
        RATE_LIMIT_STREAMS_PER_CLIENT: '3',
        RATE_LIMIT_STREAMS_OVERALL: '0',
      },
    );
  });

  after(async () => {
    await bot?.close();
  });

  /** A started conversation's stream URL. */
  async function streamUrl(): Promise<string> {
    const client = new DirectLineClient(bot.url);
    await client.generate();
    await client.start();
    return client.streamUrl;
  }

  /** Opens a stream as a client at `address` (behind the trusted proxy), with these headers: "opened" or the refusal. */
  async function open(url: string, address: string, headers: Record<string, string> = {}): Promise<string> {
    try {
      const stream = await ActivityStream.open(url, { headers: { 'x-forwarded-for': address, ...headers } });
      stream.close();
      return 'opened';
    } catch (err) {
      if (err instanceof StreamRefused) return `${err.status}${err.retryAfter === undefined ? '' : ` retry-after ${err.retryAfter}`}`;
      throw err;
    }
  }

  it('refuses 403 a page of another site (WEBCHAT_ALLOWED_ORIGINS), and lets on the bot’s own page, an allowed one, and a client that is no browser page', async () => {
    const url = await streamUrl();
    const own = new URL(bot.url).origin;
    assert.equal(await open(url, '192.0.2.1', { origin: 'https://evil.example' }), '403');
    assert.equal(await open(url, '192.0.2.1', { origin: 'null' }), '403', 'a sandboxed frame or a file');
    assert.equal(await open(url, '192.0.2.1', { origin: 'https://www.agency.example.evil.example' }), '403');
    assert.equal(await open(url, '192.0.2.2', { origin: AGENCY }), 'opened');
    assert.equal(await open(url, '192.0.2.3', { origin: own }), 'opened');
    assert.equal(await open(url, '192.0.2.4'), 'opened', 'no Origin');
    const behindProxy = { origin: 'https://chat.uscis.example', 'x-forwarded-host': 'chat.uscis.example' };
    assert.equal(await open(url, '192.0.2.5', behindProxy), 'opened', 'the bot’s own page, as the proxy in front of it tells');
    const rewritten = { origin: 'https://infopass.example.org', host: 'bot-upstream:3978' };
    assert.equal(await open(url, '192.0.2.6', rewritten), 'opened', 'the bot’s page at PUBLIC_BASE_URL, behind a proxy that rewrites Host');
  });

  it('refuses 429 with Retry-After, before the handshake, a client past its budget of streams (RATE_LIMIT_STREAMS_PER_CLIENT)', async () => {
    const url = await streamUrl();
    for (let i = 0; i < 3; i++) assert.equal(await open(url, '198.51.100.7'), 'opened');
    const refused = await open(url, '198.51.100.7');
    assert.match(refused, /^429 retry-after \d+$/);
    const seconds = Number(refused.split(' ').at(-1));
    assert.ok(seconds >= 1 && seconds <= 60, refused);
    assert.equal(await open(url, '198.51.100.8'), 'opened', 'another client still can');
  });

  it('refuses a foreign page without spending the budget of the client it came from', async () => {
    const url = await streamUrl();
    for (let i = 0; i < 5; i++) assert.equal(await open(url, '198.51.100.9', { origin: 'https://evil.example' }), '403');
    for (let i = 0; i < 3; i++) assert.equal(await open(url, '198.51.100.9', { origin: AGENCY }), 'opened');
  });
});

describe('Direct Line WebSocket streams: closing', function () {
  let bot: RunningBot;
  const clock = new ManualClock(TEST_NOW);

  before(async function () {
    this.timeout(START_TIMEOUT_MS);
    bot = await startTestBot({ clock });
  });

  after(async () => {
    await bot?.close();
  });

  it('stays open while the conversation has a valid token, and closes when none is left', async () => {
    const client = new DirectLineClient(bot.url);
    await client.generate();
    await client.start();
    const stream = await client.openStream();
    clock.advanceMinutes(20);
    await client.refresh();
    clock.advanceMinutes(20);
    // The token the stream was opened with has expired; the refreshed one has not.
    await new Promise((resolve) => setTimeout(resolve, 3 * PING_MS));
    assert.equal(stream.socket.readyState, stream.socket.OPEN);
    clock.advanceMinutes(15);
    assert.deepEqual(await stream.closed, { code: 4001, reason: 'token expired' });
  });

  it('closes when the conversation is forgotten', async () => {
    const client = new DirectLineClient(bot.url);
    await client.generate();
    await client.start();
    const stream = await client.openStream();
    clock.advanceMinutes(61);
    assert.deepEqual(await stream.closed, { code: 4004, reason: 'conversation ended' });
  });

  it('drops a client that stops answering pings, and one that sends more than keep-alives', async () => {
    const client = new DirectLineClient(bot.url);
    await client.generate();
    await client.start();
    const silent = await ActivityStream.open(client.streamUrl, { autoPong: false });
    assert.equal((await silent.closed).code, 1006, 'terminated, without a closing handshake');
    const chatty = await client.openStream();
    chatty.socket.send('');
    chatty.socket.send('x'.repeat(2000));
    assert.equal((await chatty.closed).code, 1009, 'message too big');
  });

  it('tells open streams the server is going away when it shuts down', async () => {
    const own = await startTestBot({});
    const client = new DirectLineClient(own.url);
    await client.generate();
    await client.start();
    const stream = await client.openStream();
    await own.close();
    assert.deepEqual(await stream.closed, { code: 1001, reason: 'server shutting down' });
  });
});
