import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { startBot, type RunningBot, type StartOptions } from '../../../src/composition/startBot';
import { loadConfig } from '../../../src/config';
import { createLogger } from '../../../src/logger';
import { fixedClock } from '../../../src/domain/clock';
import { DirectLine } from '../../../src/http/directLine/directLine';
import { MemoryDirectLineStore } from '../../../src/http/directLine/memoryDirectLineStore';
import { webChatScriptPath } from '../../../src/http/webChat';
import { connectRedis } from '../../../src/infra/redis/connect';
import { SerialTurns, conversationKeyOf } from '../../../src/reliability/serialTurns';
import { TEST_NOW } from '../../support/dialogHarness';
import { ActivityStream, DirectLineClient, issuedOf } from '../../support/directLineClient';
import { ManualClock } from '../../support/manualClock';
import { sharedTestRedisUrl, startRedisServer, type RunningRedisServer } from '../../support/redisServer';
import { describeReplies, saysKey, suggestedTitles } from '../../support/replies';
import { receiptFrom } from '../../support/script';

async function startTestBot(options: StartOptions['directLine'] = {}, env: Record<string, string> = {}): Promise<RunningBot> {
  const config = loadConfig({ PORT: '0', LOG_LEVEL: 'silent', PERSON_KEY_SECRET: 'direct-line-test', ...env });
  return startBot(config, { clock: fixedClock(TEST_NOW), logger: createLogger('silent'), directLine: options });
}

/** Where Direct Line keeps its conversations: the memory of the process, or a Redis every process shares. */
interface Backend {
  name: string;
  /** The environment that selects it. */
  env(): Promise<Record<string, string>>;
}

let prefixes = 0;
const BACKENDS: Backend[] = [
  { name: 'in memory', env: async () => ({}) },
  {
    name: 'in Redis',
    env: async () => ({ REDIS_URL: await sharedTestRedisUrl(), REDIS_KEY_PREFIX: `direct-line-${process.pid}-${(prefixes += 1)}` }),
  },
];

function expectSays(replies: Partial<Activity>[], language: string, keys: string[], transcript: string[]): void {
  for (const key of keys) {
    assert.ok(
      saysKey(replies, language, key),
      `expected ${language}:${key}; got:\n${describeReplies(replies)}\n--- transcript ---\n${transcript.join('\n')}`,
    );
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The first start of a process builds every language's date model: it takes a while. */
const START_TIMEOUT_MS = 120_000;

for (const backend of BACKENDS) {
  describe(`Direct Line 3.0 subset, through the real server (${backend.name})`, function () {
    let bot: RunningBot;

    before(async function () {
      this.timeout(START_TIMEOUT_MS);
      bot = await startTestBot({}, await backend.env());
    });

    after(async () => {
      await bot.close();
    });

    it('starts a conversation from a generated token and greets with the language menu before anything is typed', async () => {
      const client = new DirectLineClient(bot.url);
      const generated = await client.generate({ user: { id: 'u_person1' } });
      assert.equal(generated.expires_in, 30 * 60);
      const { status, issued } = await client.start();
      assert.equal(status, 201);
      const { streamUrl, ...conversation } = issued;
      assert.deepEqual(conversation, generated, 'the conversation of the token, with the same token');
      assert.equal(
        streamUrl,
        `${bot.url.replace('http:', 'ws:')}/v3/directline/conversations/${generated.conversationId}/stream?t=${encodeURIComponent(generated.token)}`,
        'and the address of its WebSocket stream, the token in the query',
      );

      const welcome = await client.poll();
      expectSays(welcome, 'en', ['welcome.greeting', 'language.prompt'], []);
      assert.equal(suggestedTitles(welcome).length, 13);
      assert.ok(welcome.every((a) => a.from?.role === 'bot' && a.channelId === 'webchat' && a.conversation?.id === client.conversationId));
      assert.deepEqual(
        welcome.map((a) => [a.conversation, 'serviceUrl' in a, 'recipient' in a]),
        welcome.map(() => [{ id: client.conversationId }, false, false]),
        'as Direct Line sends them: the conversation by its id, no service URL, no recipient',
      );
      assert.ok(welcome.every((a) => a.type !== 'trace'));
      assert.match(client.watermark, /^\d+$/);

      const again = await client.poll();
      assert.deepEqual(again, [], 'nothing new after the watermark');
      const restart = await client.start();
      assert.equal(restart.status, 200, 'starting again does not greet twice');
      assert.deepEqual(await client.poll(), []);
    });

    it('greets in the locale the page sends, and each bot message says its locale', async () => {
      const client = new DirectLineClient(bot.url);
      await client.generate({ locale: 'es-MX' });
      await client.start();
      const welcome = await client.poll();
      // A locale we speak: greeted in it, told how to change it, and the menu (issue 21), not the language list.
      expectSays(welcome, 'es', ['welcome.greeting', 'understanding.languageUsed', 'menu.prompt'], []);
      assert.ok(
        welcome.every((a) => a.locale === 'es-US'),
        describeReplies(welcome),
      );
    });

    it("takes the browser's Accept-Language when the page names no locale", async () => {
      const client = new DirectLineClient(bot.url);
      const response = await fetch(`${bot.url}/v3/directline/conversations`, {
        method: 'POST',
        headers: { 'accept-language': 'ar-EG,ar;q=0.9,en;q=0.5' },
      });
      assert.equal(response.status, 201);
      const issued = issuedOf((await response.json()) as Record<string, unknown>);
      client.token = issued.token;
      client.conversationId = issued.conversationId;
      const welcome = await client.poll();
      expectSays(welcome, 'ar', ['welcome.greeting'], []);
      assert.ok(welcome.every((a) => a.locale === 'ar-u-nu-latn'));
    });

    it("echoes the person's message (Web Chat matches its clientActivityID) before the bot's replies", async () => {
      const client = new DirectLineClient(bot.url);
      await client.generate({ user: { id: 'u_person2' } });
      await client.start();
      await client.poll();
      const { status, json } = await client.post({
        type: 'message',
        text: 'English',
        from: { id: 'someone-else', name: 'Ana' },
        channelData: { clientActivityID: 'abc123' },
        serviceUrl: 'http://evil.example',
      });
      assert.equal(status, 200);
      const activities = await client.poll();
      const echo = activities[0];
      assert.equal(echo.id, json.id);
      assert.equal(echo.text, 'English');
      assert.deepEqual(echo.from, { id: 'u_person2', name: 'Ana', role: 'user' }, 'the person is the one the token was made for');
      assert.deepEqual(echo.channelData, { clientActivityID: 'abc123' });
      assert.notEqual(echo.serviceUrl, 'http://evil.example', 'fields a client may not set are not taken');
      const replies = activities.slice(1);
      expectSays(replies, 'en', ['language.chosen', 'menu.prompt'], []);
      assert.ok(replies.every((r) => r.replyToId === echo.id));
      const times = activities.map((a) => new Date(String(a.timestamp)).getTime());
      assert.deepEqual(
        [...times].sort((a, b) => a - b),
        times,
        'timestamps keep the order of the log',
      );
      assert.equal(new Set(activities.map((a) => a.id)).size, activities.length, 'every activity has its own id');
    });

    it('books an appointment and cancels it by typing the receipt number', async () => {
      const c = new DirectLineClient(bot.url);
      await c.generate({ locale: 'en-US' });
      await c.start();
      const t = c.transcript;
      const menu = await c.poll();
      expectSays(menu, 'en', ['welcome.greeting', 'understanding.languageUsed', 'menu.prompt'], t);
      expectSays(await c.say(suggestedTitles(menu)[0]), 'en', ['location.zipPrompt'], t);
      expectSays(await c.say('10001'), 'en', ['location.office'], t);
      expectSays(await c.say('yes'), 'en', ['booking.reasonPrompt'], t);
      expectSays(await c.say('Question about a pending case'), 'en', ['details.namePrompt'], t);
      expectSays(await c.say('John Smith'), 'en', ['details.dobPrompt'], t);
      expectSays(await c.say('07/15/1975'), 'en', ['details.phonePrompt'], t);
      expectSays(await c.say('212-736-5000'), 'en', ['slots.prompt'], t);
      const offer = await c.say('next Thursday at 2pm');
      expectSays(offer, 'en', ['slots.offerExact'], t);
      expectSays(await c.say(suggestedTitles(offer)[0]), 'en', ['booking.summary'], t);
      const notice = await c.say('yes');
      expectSays(notice, 'en', ['notice.text', 'menu.prompt'], t);
      const card = notice.find((a) => a.attachments?.length);
      assert.equal(card?.attachments?.[0].contentType, 'application/vnd.microsoft.card.adaptive');
      const receipt = receiptFrom(notice);

      expectSays(await c.say(receipt), 'en', ['cancel.dobPrompt'], t);
      const confirm = await c.say('July 15, 1975');
      expectSays(confirm, 'en', ['cancel.confirm'], t);
      expectSays(await c.say(suggestedTitles(confirm)[0]), 'en', ['cancel.done'], t);
    });

    it("refuses a missing, wrong, or other conversation's token (403) and an unknown conversation (404)", async () => {
      const a = new DirectLineClient(bot.url);
      await a.generate();
      await a.start();
      const b = new DirectLineClient(bot.url);
      await b.generate();

      const path = `/conversations/${a.conversationId}/activities`;
      assert.equal((await a.request('GET', path, undefined, '')).status, 403, 'no token');
      assert.equal((await a.request('GET', path, undefined, 'not-a-token')).status, 403, 'made-up token');
      assert.equal((await a.request('GET', path, undefined, b.token)).status, 403, "another conversation's token");
      assert.equal((await a.request('POST', path, { type: 'message', text: 'hi' }, b.token)).status, 403);
      assert.equal((await a.request('GET', '/conversations/no-such-conversation/activities', undefined, a.token)).status, 404);
      assert.equal(
        (await a.request('POST', '/conversations/no-such-conversation/activities', { type: 'message', text: 'hi' })).status,
        404,
      );
      assert.equal((await a.request('POST', '/conversations', undefined, 'not-a-token')).status, 403);
      assert.equal((await a.request('POST', '/tokens/refresh', undefined, 'not-a-token')).status, 403);
      assert.deepEqual((await a.request('GET', path, undefined, b.token)).json, { error: { code: 'BadToken' } });
    });

    it('answers a post with its id and a poll with JSON that is not cached, lengths given, the greeting in it with an id and timestamp', async () => {
      const c = new DirectLineClient(bot.url);
      await c.generate();
      await c.start();
      const posted = await fetch(`${bot.url}/v3/directline/conversations/${c.conversationId}/activities`, {
        method: 'POST',
        headers: { authorization: `Bearer ${c.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'typing' }),
      });
      const postedText = await posted.text();
      assert.equal(posted.status, 200);
      assert.match(posted.headers.get('content-type') ?? '', /^application\/json/);
      assert.equal(posted.headers.get('content-length'), String(Buffer.byteLength(postedText)));
      assert.match((JSON.parse(postedText) as { id: string }).id, new RegExp(`^${c.conversationId}\\|`));
      const response = await fetch(`${bot.url}/v3/directline/conversations/${c.conversationId}/activities`, {
        headers: { authorization: `Bearer ${c.token}` },
      });
      const text = await response.text();
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
      assert.equal(response.headers.get('cache-control'), 'no-store');
      assert.equal(response.headers.get('content-length'), String(Buffer.byteLength(text)));
      const set = JSON.parse(text) as { activities: Array<Partial<Activity>>; watermark: string };
      assert.ok(set.activities.length > 1);
      assert.equal(set.watermark, String(set.activities.length));
      for (const activity of set.activities) {
        assert.ok(activity.id);
        assert.ok(!Number.isNaN(Date.parse(String(activity.timestamp))));
      }
      assert.equal(set.activities[0]?.from?.role, 'bot', 'the greeting');
      assert.equal(set.activities.at(-1)?.type, 'typing', 'the echo of the post');
    });

    it('refuses malformed requests (400)', async () => {
      const c = new DirectLineClient(bot.url);
      await c.generate();
      await c.start();
      assert.equal((await c.post({ type: 'conversationUpdate', membersAdded: [{ id: 'x' }] })).status, 400, 'a client may not fake a join');
      assert.equal((await c.post({ type: 'message', text: 42 })).status, 400);
      assert.equal((await c.post({ type: 'message', text: 'x'.repeat(5001) })).status, 400);
      assert.equal((await c.request('GET', `/conversations/${c.conversationId}/activities?watermark=abc`)).status, 400);
      assert.equal((await c.request('POST', '/tokens/generate', { user: { id: 'bad id with spaces' } }, '')).status, 400);
      assert.equal((await c.request('POST', '/tokens/generate', { locale: '<script>' }, '')).status, 400);
    });
  });
}

/** How a suite lets time pass: the in-memory store reads the bot's clock; Redis expires keys on its own clock. */
interface Expiry {
  name: string;
  limits: { tokenSeconds: number; idleSeconds: number };
  start(): Promise<RunningBot>;
  elapse(seconds: number): Promise<void>;
  /** Every key the bot left in Redis (Redis only). */
  keysLeft?(): Promise<string[]>;
}

const memoryClock = new ManualClock(TEST_NOW);
const redisPrefix = `direct-line-expiry-${process.pid}`;
const EXPIRIES: Expiry[] = [
  {
    name: 'in memory, its clock moved by hand',
    limits: { tokenSeconds: 30 * 60, idleSeconds: 60 * 60 },
    start: () => startTestBot({ clock: memoryClock }),
    elapse: async (seconds) => memoryClock.advanceSeconds(seconds),
  },
  {
    // Redis's TTLs run on its own clock: lifetimes of a few seconds, waited for.
    name: 'in Redis, lifetimes of seconds',
    limits: { tokenSeconds: 4, idleSeconds: 6 },
    start: async () =>
      startTestBot(
        { tokenSeconds: 4, idleSeconds: 6 },
        { REDIS_URL: await sharedTestRedisUrl(), REDIS_KEY_PREFIX: redisPrefix, CONVERSATION_TTL_SECONDS: '6' },
      ),
    elapse: (seconds) => sleep(seconds * 1000),
    async keysLeft() {
      const client = await connectRedis(await sharedTestRedisUrl());
      try {
        const found: string[] = [];
        for await (const batch of client.scanIterator({ MATCH: `${redisPrefix}*`, COUNT: 1000 })) found.push(...batch);
        // Rate-limit counters belong to clients, not conversations: they leave with their one-minute window.
        return found.filter((key) => !key.startsWith(`${redisPrefix}:rate:`));
      } finally {
        await client.close();
      }
    },
  },
];

for (const expiry of EXPIRIES) {
  describe(`Direct Line expiry (${expiry.name})`, function () {
    this.timeout(60_000);
    let bot: RunningBot;
    const { tokenSeconds, idleSeconds } = expiry.limits;

    before(async function () {
      this.timeout(START_TIMEOUT_MS);
      bot = await expiry.start();
    });

    after(async () => {
      await bot.close();
    });

    it('lets a token expire, and a refreshed token carry on in the same conversation', async () => {
      const c = new DirectLineClient(bot.url);
      const first = await c.generate();
      assert.equal(first.expires_in, tokenSeconds);
      await c.start();
      await c.poll();

      await expiry.elapse(tokenSeconds / 2);
      const refreshed = await c.request('POST', '/tokens/refresh');
      assert.equal(refreshed.status, 200);
      assert.equal(refreshed.json.conversationId, c.conversationId);
      assert.notEqual(refreshed.json.token, first.token);
      assert.equal((await c.request('GET', `/conversations/${c.conversationId}/activities`)).status, 200, 'the old token until it expires');

      await expiry.elapse(tokenSeconds / 2 + 0.5);
      assert.equal((await c.request('GET', `/conversations/${c.conversationId}/activities`)).status, 403, 'the first token expired');
      c.token = String(refreshed.json.token);
      const replies = await c.say('English');
      expectSays(replies, 'en', ['menu.prompt'], c.transcript);

      await expiry.elapse(tokenSeconds + 0.5);
      assert.equal((await c.request('POST', '/tokens/refresh')).status, 403, 'an expired token cannot be refreshed');
    });

    it('forgets a conversation nobody has used, and then every key it had in Redis', async () => {
      const idle = new DirectLineClient(bot.url);
      await idle.generate();
      await idle.start();
      const active = new DirectLineClient(bot.url);
      await active.generate();
      await active.start();

      const step = idleSeconds / 4;
      for (let elapsed = 0; elapsed <= idleSeconds; elapsed += step) {
        await expiry.elapse(step);
        await active.poll();
        await active.refresh();
      }
      assert.equal((await idle.request('GET', `/conversations/${idle.conversationId}/activities`)).status, 404);
      assert.equal(
        (await active.request('GET', `/conversations/${active.conversationId}/activities`)).status,
        200,
        'polling keeps a conversation alive',
      );
      if (expiry.keysLeft) {
        await expiry.elapse(idleSeconds + 0.5);
        assert.deepEqual(await expiry.keysLeft(), [], 'conversations, tokens, logs and conversation state have all expired');
      }
    });
  });
}

describe('Direct Line with its Redis unreachable', function () {
  let bot: RunningBot;
  let redis: RunningRedisServer;

  before(async function () {
    this.timeout(START_TIMEOUT_MS);
    redis = await startRedisServer();
    bot = await startTestBot({}, { REDIS_URL: redis.url });
  });

  after(async () => {
    await bot?.close();
    await redis?.stop();
  });

  it('answers 503 ServiceUnavailable, saying nothing of the error, and refuses streams alike', async () => {
    const client = new DirectLineClient(bot.url);
    await client.generate();
    await client.start();
    const streamUrl = client.streamUrl;
    await redis.stop();
    const unavailable = { status: 503, json: { error: { code: 'ServiceUnavailable' } } };
    assert.deepEqual(await client.request('POST', '/tokens/generate', {}, ''), unavailable);
    assert.deepEqual(await client.request('GET', `/conversations/${client.conversationId}/activities`), unavailable);
    assert.deepEqual(await client.post({ type: 'message', text: 'hello' }), unavailable);
    await assert.rejects(ActivityStream.open(streamUrl), /stream refused: 503/);
  });
});

describe('Direct Line: a bounded activity log', function () {
  let bot: RunningBot;

  before(async function () {
    this.timeout(START_TIMEOUT_MS);
    bot = await startTestBot({ maxActivities: 5 });
  });

  after(async () => {
    await bot.close();
  });

  it('keeps only the latest activities, with watermarks still counting up', async () => {
    const c = new DirectLineClient(bot.url);
    await c.generate();
    await c.start();
    const welcome = await c.poll();
    const firstWatermark = Number(c.watermark);
    assert.equal(welcome.length, 2, describeReplies(welcome));
    for (const text of ['help', 'help', 'help']) await c.say(text);
    const latest = (await c.request('GET', `/conversations/${c.conversationId}/activities`)).json;
    assert.equal((latest.activities as unknown[]).length, 5);
    assert.ok(Number(latest.watermark) > firstWatermark + 5);
    assert.equal(latest.watermark, c.watermark);
  });
});

describe('Direct Line: turns of one conversation', function () {
  it('hands them to the bot in order, and refuses more than ten waiting in one process', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const seen: string[] = [];
    let running = 0;
    // Serialised as the bot's runTurn does (SerialTurns); Direct Line adds no queue of its own.
    const turns = new SerialTurns();
    const clock = fixedClock(TEST_NOW);
    const directLine = new DirectLine(
      (context) =>
        turns.run(conversationKeyOf(context.activity), async () => {
          running += 1;
          assert.equal(running, 1, 'never two turns of one conversation at once');
          await gate;
          seen.push(context.activity.type === 'message' ? String(context.activity.text) : context.activity.type);
          await context.sendActivity(`echo ${seen.length}`);
          running -= 1;
        }),
      { store: new MemoryDirectLineStore(clock), clock },
    );
    const issued = await directLine.generateToken({ id: 'u_turns' });
    const access = await directLine.access(issued.token);
    assert.ok(access.ok);
    const conversation = access.conversation;
    const started = directLine.start(conversation, 'http://localhost/v3/directline');
    const posts = Array.from({ length: 9 }, (_, i) =>
      directLine.post(conversation, { type: 'message', text: `m${i}` }, 'http://localhost/v3/directline'),
    );
    assert.deepEqual(await directLine.post(conversation, { type: 'message', text: 'one too many' }, 'http://localhost/v3/directline'), {
      ok: false,
      reason: 'busy',
    });
    release();
    await started;
    const results = await Promise.all(posts);
    assert.ok(results.every((r) => r.ok));
    assert.deepEqual(seen, ['conversationUpdate', 'm0', 'm1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7', 'm8']);
    const log = (await directLine.activities(conversation.id, undefined))?.activities ?? [];
    assert.equal(log.filter((a) => a.from?.role === 'bot').length, 10);
    assert.ok(!log.some((a) => a.text === 'one too many'), 'a refused message is not echoed');
  });
});

describe('the Web Chat page', function () {
  let bot: RunningBot;

  before(async function () {
    this.timeout(START_TIMEOUT_MS);
    bot = await startTestBot({});
  });

  after(async () => {
    await bot.close();
  });

  it('serves the page with a Content-Security-Policy that allows only this server', async () => {
    const response = await fetch(`${bot.url}/`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
    const csp = response.headers.get('content-security-policy') ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'self'(;|$)/, 'no inline script, no eval');
    assert.match(csp, /connect-src 'self'(;|$)/);
    assert.doesNotMatch(csp, /https?:|\*/, 'no other origin');
    const html = await response.text();
    assert.ok(html.includes(`src="${webChatScriptPath()}"`));
    const config = JSON.parse(/<script type="application\/json" id="infopass-config">([^<]*)<\/script>/.exec(html)?.[1] ?? '{}') as {
      languages?: Array<{ code: string; direction: string }>;
      transport?: string;
    };
    assert.equal(config.languages?.length, 13, 'the page knows our languages');
    assert.equal(config.languages?.find((l) => l.code === 'ar')?.direction, 'rtl');
    assert.equal(config.transport, 'websocket', 'the page streams unless told to poll');
  });

  it('serves Web Chat from node_modules, gzipped and cached for good under its version', async () => {
    const response = await fetch(`${bot.url}${webChatScriptPath()}`, { headers: { 'accept-encoding': 'gzip' } });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-encoding'), 'gzip');
    assert.match(response.headers.get('cache-control') ?? '', /max-age=31536000, immutable/);
    const body = await response.text();
    assert.ok(body.includes('window.WebChat'), 'the UMD bundle');
    const plain = await fetch(`${bot.url}${webChatScriptPath()}`, { headers: { 'accept-encoding': 'identity' } });
    assert.equal(plain.status, 200);
    assert.equal(plain.headers.get('content-encoding'), null);
    assert.equal(await plain.text(), body, 'the same bundle, not gzipped');
    for (const path of ['/webchat/page.js', '/webchat/page.css']) {
      const file = await fetch(`${bot.url}${path}`);
      assert.equal(file.status, 200, path);
      assert.equal(file.headers.get('x-content-type-options'), 'nosniff');
    }
  });
});
