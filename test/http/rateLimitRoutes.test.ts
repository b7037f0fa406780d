import assert from 'node:assert/strict';
import { startBot, type RunningBot } from '../../src/composition/startBot';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { fixedClock } from '../../src/domain/clock';
import { TEST_NOW } from '../support/dialogHarness';
import { DirectLineConversation, DirectLineError } from '../support/directLineConversation';
import { saysKey } from '../support/replies';

const START_TIMEOUT_MS = 120_000;

async function startTestBot(settings: Record<string, string>): Promise<RunningBot> {
  const config = loadConfig({ PORT: '0', LOG_LEVEL: 'silent', PERSON_KEY_SECRET: 'rate-limit-routes-test', ...settings });
  return startBot(config, { clock: fixedClock(TEST_NOW), logger: createLogger('silent') });
}

interface Answer {
  status: number;
  retryAfter: string | null;
  body: { error?: { code?: string; message?: string } } & Record<string, unknown>;
}

async function call(bot: RunningBot, path: string, headers: Record<string, string> = {}, body: unknown = {}): Promise<Answer> {
  const response = await fetch(`${bot.url}/v3/directline${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: text ? JSON.parse(text) : {} };
}

function assertTooMany(answer: Answer): void {
  assert.equal(answer.status, 429, JSON.stringify(answer.body));
  assert.match(answer.retryAfter ?? '', /^\d+$/, 'Retry-After in whole seconds');
  const seconds = Number(answer.retryAfter);
  assert.ok(seconds >= 1 && seconds <= 60, `Retry-After ${seconds}`);
  assert.equal(answer.body.error?.code, 'TooManyRequests', 'a Direct Line error body');
  assert.equal(typeof answer.body.error?.message, 'string');
}

describe('rate limits on the Direct Line routes, through the real server', function () {
  this.timeout(START_TIMEOUT_MS);

  describe('behind a trusted proxy (TRUSTED_PROXIES=loopback)', () => {
    let bot: RunningBot;

    before(async () => {
      bot = await startTestBot({
        TRUSTED_PROXIES: 'loopback',
        RATE_LIMIT_NEW_CONVERSATIONS_PER_CLIENT: '3',
        RATE_LIMIT_NEW_CONVERSATIONS_OVERALL: '0',
        RATE_LIMIT_REQUESTS_PER_CLIENT: '4',
        RATE_LIMIT_MESSAGES_PER_CONVERSATION: '5',
        RATE_LIMIT_POLLS_PER_CLIENT: '8',
      });
    });

    after(async () => {
      await bot?.close();
    });

    it('answers 429 with Retry-After and a Direct Line error once a client has started its budget of conversations', async () => {
      const client = { 'x-forwarded-for': '203.0.113.1' };
      for (let i = 0; i < 2; i++) assert.equal((await call(bot, '/tokens/generate', client)).status, 200);
      // A conversation started without a token is a new conversation too.
      assert.equal((await call(bot, '/conversations', client, undefined)).status, 201);
      assertTooMany(await call(bot, '/tokens/generate', client));
      assertTooMany(await call(bot, '/conversations', client, undefined));
      assert.equal((await call(bot, '/tokens/generate', { 'x-forwarded-for': '203.0.113.2' })).status, 200, 'another client still can');
    });

    it('reads the client from the entry the proxy added, not from what the client wrote before it', async () => {
      for (let i = 0; i < 3; i++) {
        // Each request claims another address; the proxy's own entry (the last) is the same client.
        const spoofed = { 'x-forwarded-for': `198.18.0.${i}, 203.0.113.3` };
        assert.equal((await call(bot, '/tokens/generate', spoofed)).status, 200);
      }
      assertTooMany(await call(bot, '/tokens/generate', { 'x-forwarded-for': '198.18.0.99, 203.0.113.3' }));
    });

    it('counts an IPv6 /64 as one client', async () => {
      for (let i = 1; i <= 3; i++)
        assert.equal((await call(bot, '/tokens/generate', { 'x-forwarded-for': `2001:db8:5:6::${i}` })).status, 200);
      assertTooMany(await call(bot, '/tokens/generate', { 'x-forwarded-for': '2001:db8:5:6:ffff::1' }));
      assert.equal((await call(bot, '/tokens/generate', { 'x-forwarded-for': '2001:db8:5:7::1' })).status, 200, 'the next /64');
    });

    it('refuses a conversation more messages than its budget, with Retry-After', async () => {
      const person = new DirectLineConversation(bot.url, { forwardedFor: '192.0.2.60' });
      await person.join();
      for (const text of ['English', 'help', 'help', 'help', 'help']) await person.send(text);
      await assert.rejects(
        person.send('help'),
        (err: unknown) => err instanceof DirectLineError && err.status === 429 && err.code === 'TooManyRequests',
      );
      const answer = await person.request('POST', `/conversations/${person.directLineId}/activities`, { type: 'message', text: 'hi' });
      assert.equal(answer.status, 429);
      assert.match(answer.headers.get('retry-after') ?? '', /^\d+$/);
    });

    it('refuses a client that polls more than its budget (RATE_LIMIT_POLLS_PER_CLIENT), with Retry-After', async () => {
      const person = new DirectLineConversation(bot.url, { forwardedFor: '192.0.2.80' });
      await person.join(); // its first poll: 1 of 8
      const poll = (): Promise<Awaited<ReturnType<DirectLineConversation['request']>>> =>
        person.request('GET', `/conversations/${person.directLineId}/activities`);
      for (let i = 0; i < 7; i++) assert.equal((await poll()).status, 200);
      const refused = await poll();
      assertTooMany({ status: refused.status, retryAfter: refused.headers.get('retry-after'), body: refused.json });
      const other = new DirectLineConversation(bot.url, { forwardedFor: '192.0.2.81' });
      assert.ok(saysKey(await other.join(), 'en', 'language.prompt'), 'another client still polls');
    });

    it('refuses a client more token refreshes and starts than its budget', async () => {
      const person = new DirectLineConversation(bot.url, { forwardedFor: '192.0.2.70' });
      await person.join(); // the start with a token counts: 1 of 4
      const refresh = (): Promise<Answer> =>
        call(bot, '/tokens/refresh', { 'x-forwarded-for': '192.0.2.70', authorization: `Bearer ${person.token}` });
      for (let i = 0; i < 3; i++) assert.equal((await refresh()).status, 200);
      assertTooMany(await refresh());
    });
    it('refuses a client more reconnects (GET /conversations/:id) than its budget of requests, with Retry-After', async () => {
      const person = new DirectLineConversation(bot.url, { forwardedFor: '192.0.2.90' });
      await person.join(); // the start with a token counts: 1 of 4
      const reconnect = (): Promise<Awaited<ReturnType<DirectLineConversation['request']>>> =>
        person.request('GET', `/conversations/${person.directLineId}?watermark=0`);
      for (let i = 0; i < 3; i++) {
        const answer = await reconnect();
        assert.equal(answer.status, 200);
        assert.match(String(answer.json.streamUrl), /^ws:\/\//, 'a new stream URL');
      }
      const refused = await reconnect();
      assertTooMany({ status: refused.status, retryAfter: refused.headers.get('retry-after'), body: refused.json });
      const other = new DirectLineConversation(bot.url, { forwardedFor: '192.0.2.91' });
      await other.join();
      assert.equal((await other.request('GET', `/conversations/${other.directLineId}`)).status, 200, 'another client still reconnects');
    });
  });

  describe('with an overall budget of new conversations', () => {
    let bot: RunningBot;

    before(async () => {
      bot = await startTestBot({ TRUSTED_PROXIES: 'loopback', RATE_LIMIT_NEW_CONVERSATIONS_OVERALL: '5' });
    });

    after(async () => {
      await bot?.close();
    });

    it('keeps an open conversation going, token refresh included, while new conversations are refused to everyone', async () => {
      const person = new DirectLineConversation(bot.url, { forwardedFor: '192.0.2.50' });
      await person.join();
      // Many clients, one new conversation each: the overall budget runs out.
      let refusedOverall = 0;
      for (let i = 0; i < 10; i++) {
        const answer = await call(bot, '/tokens/generate', { 'x-forwarded-for': `10.9.0.${i}` });
        if (answer.status === 429) refusedOverall += 1;
      }
      assert.ok(refusedOverall > 0, 'the overall budget ran out');
      assertTooMany(await call(bot, '/tokens/generate', { 'x-forwarded-for': '10.9.1.1' }));

      const menu = await person.send('English');
      assert.ok(saysKey(menu, 'en', 'menu.prompt'), 'the conversation carries on');
      const refreshed = await call(bot, '/tokens/refresh', { 'x-forwarded-for': '192.0.2.50', authorization: `Bearer ${person.token}` });
      assert.equal(refreshed.status, 200, JSON.stringify(refreshed.body));
    });
  });

  describe('with an overall budget of polls', () => {
    let bot: RunningBot;

    before(async () => {
      bot = await startTestBot({ TRUSTED_PROXIES: 'loopback', RATE_LIMIT_POLLS_PER_CLIENT: '4', RATE_LIMIT_POLLS_OVERALL: '7' });
    });

    after(async () => {
      await bot?.close();
    });

    /** A started conversation of a client at `address`, and its polls. */
    async function pollerAt(address: string): Promise<() => Promise<Answer>> {
      const issued = await call(bot, '/tokens/generate', { 'x-forwarded-for': address });
      const token = String(issued.body.token);
      const started = await call(bot, '/conversations', { 'x-forwarded-for': address, authorization: `Bearer ${token}` });
      assert.equal(started.status, 201, JSON.stringify(started.body));
      return async () => {
        const response = await fetch(`${bot.url}/v3/directline/conversations/${String(issued.body.conversationId)}/activities`, {
          headers: { 'x-forwarded-for': address, authorization: `Bearer ${token}` },
        });
        const text = await response.text();
        return { status: response.status, retryAfter: response.headers.get('retry-after'), body: text ? JSON.parse(text) : {} };
      };
    }

    it("refuses everybody's polls past it, though it is asked while the poll reads; a client past its own budget spends none of it", async () => {
      const greedy = await pollerAt('10.8.0.1');
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push((await greedy()).status);
      assert.deepEqual(statuses, [200, 200, 200, 200, 429, 429], 'its own budget: 4');
      const other = await pollerAt('10.8.0.2');
      const answers: Answer[] = [];
      for (let i = 0; i < 4; i++) answers.push(await other());
      assert.deepEqual(
        answers.map((a) => a.status),
        [200, 200, 200, 429],
        'the overall budget, 7: 4 spent by the first client, 3 left',
      );
      const read = answers[0].body as { activities?: unknown[]; watermark?: string };
      assert.ok(Array.isArray(read.activities) && typeof read.watermark === 'string', 'a poll let on reads the log');
      assertTooMany(answers[3]);
    });
  });

  describe('without a trusted proxy', () => {
    let bot: RunningBot;

    before(async () => {
      bot = await startTestBot({ RATE_LIMIT_NEW_CONVERSATIONS_PER_CLIENT: '2' });
    });

    after(async () => {
      await bot?.close();
    });

    it('ignores X-Forwarded-For: every request counts against the socket peer', async () => {
      assert.equal((await call(bot, '/tokens/generate', { 'x-forwarded-for': '203.0.113.10' })).status, 200);
      assert.equal((await call(bot, '/tokens/generate', { 'x-forwarded-for': '203.0.113.11' })).status, 200);
      assertTooMany(await call(bot, '/tokens/generate', { 'x-forwarded-for': '203.0.113.12' }));
      assertTooMany(await call(bot, '/tokens/generate'));
    });
  });
});
