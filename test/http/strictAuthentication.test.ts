/**
 * Who may talk to the bot: with MicrosoftAppId set, /api/messages takes only requests carrying a
 * Bot Framework token signed with Microsoft's keys. The machine has no network, so Microsoft's
 * OpenID metadata is served here, from 127.0.0.1, holding one "Microsoft" key; botbuilder's own
 * setting (ToBotFromChannelOpenIdMetadataUrl) points the bot at it. A token signed with that key
 * is accepted (the control that shows the others are refused for the right reason).
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { Activity } from 'botbuilder';
import {
  AuthenticationError,
  BotFrameworkAuthentication,
  type AuthenticateRequestResult,
  type ClaimsIdentity,
  type ConnectorFactory,
  type UserTokenClient,
} from 'botframework-connector';
import { StrictAuthentication } from '../../src/http/strictAuthentication';
import { startBot, type RunningBot } from '../../src/composition/startBot';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { fixedClock } from '../../src/domain/clock';
import { TEST_NOW } from '../support/dialogHarness';
import { HttpConversation } from '../support/httpConversation';
import { saysKey } from '../support/replies';

const APP_ID = '6d1c3f0e-5b7a-4a8e-9c2d-1f0e9a8b7c6d';
const CHANNEL_ISSUER = 'https://api.botframework.com';
/** Fixed instants: valid until 2099, or expired since 2020. */
const FAR_FUTURE = Date.parse('2099-01-01T00:00:00Z') / 1000;
const LONG_AGO = Date.parse('2020-01-01T00:00:00Z') / 1000;

interface KeyPair {
  publicKey: KeyObject;
  privateKey: KeyObject;
}

function rsaKeyPair(): KeyPair {
  return generateKeyPairSync('rsa', { modulusLength: 2048 });
}

function base64url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function jwt(privateKey: KeyObject, kid: string, claims: Record<string, unknown>): string {
  const signingInput = `${base64url({ alg: 'RS256', typ: 'JWT', kid })}.${base64url(claims)}`;
  return `${signingInput}.${sign('RSA-SHA256', Buffer.from(signingInput), privateKey).toString('base64url')}`;
}

function channelClaims(serviceUrl: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { iss: CHANNEL_ISSUER, aud: APP_ID, serviceurl: serviceUrl, nbf: LONG_AGO, iat: LONG_AGO, exp: FAR_FUTURE, ...overrides };
}

/** Microsoft's OpenID metadata and signing keys, as login.botframework.com publishes them. */
async function startKeyServer(trusted: {
  kid: string;
  publicKey: KeyObject;
}): Promise<{ url: string; requests: () => number; close(): Promise<void> }> {
  let requests = 0;
  const server: Server = createServer((req, res) => {
    requests += 1;
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    res.setHeader('content-type', 'application/json');
    if (req.url === '/openidconfiguration') {
      res.end(JSON.stringify({ issuer: CHANNEL_ISSUER, jwks_uri: `${base}/keys`, id_token_signing_alg_values_supported: ['RS256'] }));
    } else if (req.url === '/keys') {
      const jwk = trusted.publicKey.export({ format: 'jwk' });
      res.end(JSON.stringify({ keys: [{ kty: 'RSA', use: 'sig', kid: trusted.kid, n: jwk.n, e: jwk.e }] }));
    } else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/openidconfiguration`,
    requests: () => requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Captures the bot's log lines. */
function memoryLog(): { lines: string[]; logger: ReturnType<typeof createLogger> } {
  const lines: string[] = [];
  return { lines, logger: createLogger('info', { write: (line: string) => void lines.push(line) }) };
}

async function post(bot: RunningBot, body: object, authorization?: string): Promise<{ status: number; text: string }> {
  const response = await fetch(`${bot.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify(body),
  });
  return { status: response.status, text: await response.text() };
}

describe('authentication of /api/messages', () => {
  // botbuilder's CloudAdapter prints every refusal with console.error: keep the test output readable.
  const consoleError = console.error;
  before(() => {
    console.error = () => undefined;
  });
  after(() => {
    console.error = consoleError;
  });

  describe('with MicrosoftAppId set', () => {
    const microsoft = { kid: 'microsoft-key-1', ...rsaKeyPair() };
    const attacker = rsaKeyPair();
    let keys: Awaited<ReturnType<typeof startKeyServer>>;
    let bot: RunningBot;
    let log: ReturnType<typeof memoryLog>;
    let conversation: HttpConversation;

    before(async () => {
      keys = await startKeyServer(microsoft);
      log = memoryLog();
      const config = loadConfig({
        PORT: '0',
        PERSON_KEY_SECRET: 'auth-test',
        MicrosoftAppId: APP_ID,
        MicrosoftAppPassword: 'not-used-with-expect-replies',
        ToBotFromChannelOpenIdMetadataUrl: keys.url,
        ToBotFromEmulatorOpenIdMetadataUrl: keys.url,
      });
      bot = await startBot(config, { clock: fixedClock(TEST_NOW), logger: log.logger });
    });

    after(async () => {
      await bot.close();
      await keys.close();
    });

    beforeEach(() => {
      conversation = new HttpConversation(bot.url);
    });

    const hello = () => conversation.activity({ text: 'hello' });

    it('logs no warning about anonymous access', () => {
      assert.ok(!log.lines.some((l) => l.includes('anonymous')), log.lines.join(''));
    });

    it("accepts a token signed with Microsoft's key (the control)", async () => {
      const activity = hello();
      const token = jwt(microsoft.privateKey, microsoft.kid, channelClaims(String(activity.serviceUrl)));
      const { status, text } = await post(bot, activity, `Bearer ${token}`);
      assert.equal(status, 200, text);
      assert.ok(saysKey((JSON.parse(text) as { activities: [] }).activities, 'en', 'language.prompt'), text);
    });

    it('refuses a request with no Authorization header: 401', async () => {
      assert.equal((await post(bot, hello())).status, 401);
    });

    it('refuses a bearer that is not a token: 401', async () => {
      assert.equal((await post(bot, hello(), 'Bearer not-a-jwt')).status, 401);
      assert.equal((await post(bot, hello(), 'Basic dXNlcjpwYXNz')).status, 401);
      assert.equal((await post(bot, hello(), `Bearer ${'x'.repeat(5000)}`)).status, 401);
    });

    it("refuses a token with the right claims signed with a key that is not Microsoft's: 401, not 500", async () => {
      const activity = hello();
      // The forger even names Microsoft's key id.
      const forged = jwt(attacker.privateKey, microsoft.kid, channelClaims(String(activity.serviceUrl)));
      const { status } = await post(bot, activity, `Bearer ${forged}`);
      assert.equal(status, 401);
      const unknownKey = jwt(attacker.privateKey, 'attacker-key', channelClaims(String(activity.serviceUrl)));
      assert.equal((await post(bot, hello(), `Bearer ${unknownKey}`)).status, 401);
    });

    it("refuses an expired token signed with Microsoft's key: 401", async () => {
      const activity = hello();
      const expired = jwt(microsoft.privateKey, microsoft.kid, channelClaims(String(activity.serviceUrl), { exp: LONG_AGO + 3600 }));
      assert.equal((await post(bot, activity, `Bearer ${expired}`)).status, 401);
    });

    it('refuses a token for another bot, or for another service URL: 401', async () => {
      const activity = hello();
      const otherBot = jwt(microsoft.privateKey, microsoft.kid, channelClaims(String(activity.serviceUrl), { aud: randomUUID() }));
      assert.equal((await post(bot, activity, `Bearer ${otherBot}`)).status, 401);
      const otherService = jwt(microsoft.privateKey, microsoft.kid, channelClaims('https://attacker.example/'));
      assert.equal((await post(bot, activity, `Bearer ${otherService}`)).status, 401);
    });

    it('refuses a token from an issuer that is not Microsoft without fetching any key: 401', async () => {
      const before = keys.requests();
      const activity = hello();
      const foreign = jwt(attacker.privateKey, 'k', channelClaims(String(activity.serviceUrl), { iss: 'https://attacker.example/' }));
      assert.equal((await post(bot, activity, `Bearer ${foreign}`)).status, 401);
      assert.equal(keys.requests(), before);
    });

    it('logs why a request was refused, never the token', async () => {
      const activity = hello();
      const forged = jwt(attacker.privateKey, microsoft.kid, channelClaims(String(activity.serviceUrl)));
      await post(bot, activity, `Bearer ${forged}`);
      const refusals = log.lines.filter((l) => l.includes('request not authenticated'));
      assert.ok(refusals.length > 0);
      assert.ok(!log.lines.some((l) => l.includes(forged.split('.')[2])), 'no signature in the log');
    });
  });

  describe("when Microsoft's keys cannot be fetched (no network)", () => {
    let bot: RunningBot;

    before(async () => {
      // A port nothing listens on: the fetch fails at once, as it does on a machine without network.
      const closed = createServer();
      closed.listen(0, '127.0.0.1');
      await once(closed, 'listening');
      const deadPort = (closed.address() as AddressInfo).port;
      await new Promise<void>((resolve) => closed.close(() => resolve()));
      const config = loadConfig({
        PORT: '0',
        LOG_LEVEL: 'silent',
        PERSON_KEY_SECRET: 'auth-test',
        MicrosoftAppId: APP_ID,
        MicrosoftAppPassword: 'unused',
        ToBotFromChannelOpenIdMetadataUrl: `http://127.0.0.1:${deadPort}/openidconfiguration`,
        ToBotFromEmulatorOpenIdMetadataUrl: `http://127.0.0.1:${deadPort}/openidconfiguration`,
      });
      bot = await startBot(config, { clock: fixedClock(TEST_NOW), logger: createLogger('silent') });
    });

    after(async () => {
      await bot.close();
    });

    it('refuses a well-formed token it cannot verify with 401 (botbuilder alone answers 500)', async () => {
      const c = new HttpConversation(bot.url);
      const activity = c.activity({ text: 'hello' });
      const token = jwt(rsaKeyPair().privateKey, 'k1', channelClaims(String(activity.serviceUrl)));
      assert.equal((await post(bot, activity, `Bearer ${token}`)).status, 401);
    });
  });

  describe('without MicrosoftAppId', () => {
    it('accepts anonymous requests, and says so loudly in the log at start', async () => {
      const log = memoryLog();
      const config = loadConfig({ PORT: '0', PERSON_KEY_SECRET: 'auth-test' });
      const bot = await startBot(config, { clock: fixedClock(TEST_NOW), logger: log.logger });
      try {
        const warning = log.lines
          .map((l) => JSON.parse(l) as { level: number; msg: string })
          .find((l) => l.msg.includes('MicrosoftAppId is not set'));
        assert.ok(warning, log.lines.join(''));
        assert.equal(warning.level, 40, 'a warning');
        const c = new HttpConversation(bot.url);
        assert.equal((await post(bot, c.activity({ text: 'hello' }))).status, 200);
      } finally {
        await bot.close();
      }
    });
  });

  describe('StrictAuthentication', () => {
    /** An authentication whose key fetch never answers (a network that drops packets). */
    class HangingAuthentication extends BotFrameworkAuthentication {
      authenticateRequest(_activity: Activity, _authHeader: string): Promise<AuthenticateRequestResult> {
        return new Promise(() => undefined);
      }
      authenticateStreamingRequest(): Promise<AuthenticateRequestResult> {
        return new Promise(() => undefined);
      }
      createConnectorFactory(_claims: ClaimsIdentity): ConnectorFactory {
        throw new Error('not used');
      }
      createUserTokenClient(_claims: ClaimsIdentity): Promise<UserTokenClient> {
        throw new Error('not used');
      }
    }

    it('refuses (401) a request whose verification does not finish in time, instead of hanging', async () => {
      const reasons: string[] = [];
      const strict = new StrictAuthentication(new HangingAuthentication(), { verifyTimeoutMs: 20, onRefused: (r) => reasons.push(r) });
      await assert.rejects(strict.authenticateRequest({ type: 'message' } as Activity, 'Bearer x.y.z'), (err: unknown) => {
        assert.ok(err instanceof AuthenticationError);
        assert.equal(err.statusCode, 401);
        return true;
      });
      assert.deepEqual(reasons, ['VerifyTimeout']);
    });
  });
});
