import assert from 'node:assert/strict';
import { startBot, type RunningBot } from '../../src/composition/startBot';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { fixedClock } from '../../src/domain/clock';
import { parseOrigin, parseOrigins } from '../../src/http/cors';
import { TEST_NOW } from '../support/dialogHarness';

const AGENCY = 'https://www.agency.example';
const OTHER_AGENCY = 'http://localhost:8080';
const STRANGER = 'https://phishing.example';
const START_TIMEOUT_MS = 120_000;

async function startTestBot(settings: Record<string, string>): Promise<RunningBot> {
  const config = loadConfig({ PORT: '0', LOG_LEVEL: 'silent', PERSON_KEY_SECRET: 'cors-test', ...settings });
  return startBot(config, { clock: fixedClock(TEST_NOW), logger: createLogger('silent') });
}

function preflight(bot: RunningBot, path: string, origin: string, method = 'POST'): Promise<Response> {
  return fetch(`${bot.url}${path}`, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': 'authorization,content-type' },
  });
}

describe('embedding: CORS on the Direct Line routes and who may frame the page', function () {
  this.timeout(START_TIMEOUT_MS);

  describe('WEBCHAT_ALLOWED_ORIGINS', () => {
    it('takes origins and refuses anything that is not one', () => {
      assert.deepEqual(parseOrigins(` ${AGENCY}, ${OTHER_AGENCY} ,`), [AGENCY, OTHER_AGENCY]);
      assert.equal(parseOrigin('https://WWW.Agency.example:443/'), AGENCY, 'as a browser would send it');
      assert.deepEqual(parseOrigins(undefined), []);
      for (const bad of [
        '*',
        'www.agency.example',
        'https://agency.example/chat',
        'https://agency.example?x=1',
        'ftp://agency.example',
        'null',
      ]) {
        assert.throws(() => parseOrigin(bad), /is not an origin/, bad);
        assert.throws(() => loadConfig({ WEBCHAT_ALLOWED_ORIGINS: `${AGENCY},${bad}` }), /Bad configuration: WEBCHAT_ALLOWED_ORIGINS: /);
      }
    });
  });

  describe('with two agencies allowed', () => {
    let bot: RunningBot;

    before(async () => {
      bot = await startTestBot({ WEBCHAT_ALLOWED_ORIGINS: `${AGENCY},${OTHER_AGENCY}`, RATE_LIMIT_NEW_CONVERSATIONS_PER_CLIENT: '3' });
    });

    after(async () => {
      await bot?.close();
    });

    it("answers a listed origin's preflight with the methods and headers Web Chat sends, naming that origin, without credentials", async () => {
      for (const path of [
        '/v3/directline/tokens/generate',
        '/v3/directline/conversations',
        '/v3/directline/conversations/abc/activities',
      ]) {
        for (const origin of [AGENCY, OTHER_AGENCY]) {
          const response = await preflight(bot, path, origin);
          assert.equal(response.status, 204, `${path} ${origin}`);
          assert.equal(response.headers.get('access-control-allow-origin'), origin);
          assert.deepEqual(response.headers.get('access-control-allow-methods')?.split(/,\s*/), ['GET', 'POST']);
          const headers = (response.headers.get('access-control-allow-headers') ?? '').toLowerCase().split(/,\s*/);
          for (const header of ['authorization', 'content-type', 'x-ms-bot-agent', 'x-requested-with'])
            assert.ok(headers.includes(header), header);
          assert.equal(response.headers.get('access-control-allow-credentials'), null);
          assert.match(response.headers.get('vary') ?? '', /Origin/);
          assert.match(response.headers.get('access-control-max-age') ?? '', /^\d+$/);
        }
      }
    });

    it("refuses any other origin's preflight (403, no CORS header)", async () => {
      const response = await preflight(bot, '/v3/directline/tokens/generate', STRANGER);
      assert.equal(response.status, 403);
      assert.equal(response.headers.get('access-control-allow-origin'), null);
      const lookalike = await preflight(bot, '/v3/directline/tokens/generate', `${AGENCY}.phishing.example`);
      assert.equal(lookalike.status, 403);
    });

    it('lets a listed origin read the answers (a token, a conversation, a 429 and its Retry-After), and no other origin', async () => {
      const generate = (origin: string): Promise<Response> =>
        fetch(`${bot.url}/v3/directline/tokens/generate`, {
          method: 'POST',
          headers: { origin, 'content-type': 'application/json' },
          body: '{}',
        });
      const allowed = await generate(AGENCY);
      assert.equal(allowed.status, 200);
      assert.equal(allowed.headers.get('access-control-allow-origin'), AGENCY);
      const { token } = (await allowed.json()) as { token: string };
      const started = await fetch(`${bot.url}/v3/directline/conversations`, {
        method: 'POST',
        headers: { origin: AGENCY, authorization: `Bearer ${token}` },
      });
      assert.equal(started.status, 201);
      assert.equal(started.headers.get('access-control-allow-origin'), AGENCY);

      const stranger = await generate(STRANGER);
      assert.equal(stranger.headers.get('access-control-allow-origin'), null, 'the browser keeps the answer from a page of another origin');

      assert.equal((await generate(AGENCY)).status, 200, 'the third new conversation of the loopback client');
      const limited = await generate(AGENCY);
      assert.equal(limited.status, 429, 'the loopback client spent its 3 new conversations');
      assert.equal(limited.headers.get('access-control-allow-origin'), AGENCY);
      assert.match(limited.headers.get('access-control-expose-headers') ?? '', /Retry-After/i);
      assert.match(limited.headers.get('retry-after') ?? '', /^\d+$/);
    });

    it('sends the page with frame-ancestors naming the allowed origins, and no X-Frame-Options', async () => {
      const response = await fetch(`${bot.url}/`);
      assert.equal(response.status, 200);
      const csp = response.headers.get('content-security-policy') ?? '';
      assert.match(csp, new RegExp(`frame-ancestors ${AGENCY} ${OTHER_AGENCY}(;|$)`));
      assert.match(csp, /connect-src 'self'(;|$)/, 'the framed page still talks only to this server');
      assert.equal(response.headers.get('x-frame-options'), null, 'it cannot name origins; frame-ancestors decides');
    });

    it('adds no CORS to routes other than Direct Line', async () => {
      const page = await fetch(`${bot.url}/`, { headers: { origin: AGENCY } });
      assert.equal(page.headers.get('access-control-allow-origin'), null);
      const health = await preflight(bot, '/healthz', AGENCY, 'GET');
      assert.notEqual(health.status, 204);
      assert.equal(health.headers.get('access-control-allow-origin'), null);
    });
  });

  describe('by default (no origin allowed)', () => {
    let bot: RunningBot;

    before(async () => {
      bot = await startTestBot({});
    });

    after(async () => {
      await bot?.close();
    });

    it("refuses every origin's preflight and sends no CORS header", async () => {
      const response = await preflight(bot, '/v3/directline/tokens/generate', AGENCY);
      assert.equal(response.status, 403);
      assert.equal(response.headers.get('access-control-allow-origin'), null);
      const post = await fetch(`${bot.url}/v3/directline/tokens/generate`, { method: 'POST', headers: { origin: AGENCY } });
      assert.equal(post.status, 200);
      assert.equal(post.headers.get('access-control-allow-origin'), null);
    });

    it("lets nobody frame the page: frame-ancestors 'none' and X-Frame-Options DENY", async () => {
      const response = await fetch(`${bot.url}/`);
      assert.match(response.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'(;|$)/);
      assert.equal(response.headers.get('x-frame-options'), 'DENY');
    });
  });
});
