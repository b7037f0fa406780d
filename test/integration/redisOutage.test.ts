import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RedisClientType } from 'redis';
import { connectRedis } from '../../src/infra/redis/connect';
import { startRedisServer, type RunningRedisServer } from '../support/redisServer';
import { startBotProcess, waitForHealth, type BotProcess } from '../support/botProcess';
import { HttpConversation } from '../support/httpConversation';
import { describeReplies, keyPattern, saysKey, suggestedTitles } from '../support/replies';
import { rememberedId } from '../../src/reliability/handledActivities';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function expectTurn(conversation: HttpConversation, language: string, text: string, keys: string[]) {
  const replies = await conversation.send(text);
  for (const key of keys)
    assert.ok(saysKey(replies, language, key), `after "${text}" expected ${language}:${key}, got:\n${describeReplies(replies)}`);
  return replies;
}

function stillRunning(bot: BotProcess): Promise<boolean> {
  return Promise.race([bot.exited.then(() => false), sleep(50).then(() => true)]);
}

/** Polls until `check` is true (the bot has reached a point the test waits for). */
async function until(what: string, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await sleep(25);
  }
}

async function statusOf(request: Promise<Response>): Promise<number | 'refused'> {
  try {
    const response = await request;
    await response.body?.cancel();
    return response.status;
  } catch {
    return 'refused';
  }
}

/**
 * The bot as a child process on its own redis-server (AOF on, so a restart on the same
 * directory keeps the conversation state): Redis goes away and comes back; then SIGTERM.
 */
describe('reliability: Redis outage and graceful shutdown (bot as a child process)', function () {
  this.timeout(180_000);
  let dir: string;
  let redis: RunningRedisServer;
  let bot: BotProcess;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'infopass-outage-'));
    redis = await startRedisServer({ appendOnly: true, dir });
    bot = await startBotProcess({ redisUrl: redis.url, keyPrefix: 'outage' });
    await waitForHealth(bot.url, 200);
  });

  after(async () => {
    await bot?.stop();
    await redis?.stop('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  });

  it('Redis down: a polite "try again" in the person\'s language (web and SMS), /healthz 503, the process stays up; Redis back: it reconnects and the conversation goes on', async () => {
    const conversation = new HttpConversation(bot.url, 'webchat', 'es-ES');
    await conversation.join();
    const menu = await expectTurn(conversation, 'es', 'Español', ['menu.prompt']);
    await expectTurn(conversation, 'es', suggestedTitles(menu)[0], ['location.zipPrompt']);

    await redis.stop('SIGKILL');
    const during = await conversation.post(conversation.activity({ text: '10001' }));
    assert.equal(during.status, 200);
    assert.ok(saysKey(during.replies, 'es', 'errors.unavailable'), describeReplies(during.replies));

    const sms = await fetch(`${bot.url}/api/sms`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        From: '+12125550123',
        To: '+12125550100',
        Body: 'Hola, quiero hacer una cita por favor',
        MessageSid: `SM${randomUUID().replace(/-/g, '')}`,
      }).toString(),
    });
    assert.equal(sms.status, 200);
    const twiml = await sms.text();
    assert.match(twiml, /<Response>\s*<Message>/);
    assert.match(twiml, keyPattern('es', 'errors.unavailable'));

    await waitForHealth(bot.url, 503);
    assert.ok(await stillRunning(bot), 'the bot process is still up');

    redis = await startRedisServer({ appendOnly: true, dir, port: redis.port });
    await waitForHealth(bot.url, 200, 30_000);
    // The turn that failed changed nothing: the same answer is taken now.
    await expectTurn(conversation, 'es', '10001', ['location.office']);
  });

  it('SIGTERM: refuses new requests, finishes the turn in flight, closes Redis and exits 0', async () => {
    const conversation = new HttpConversation(bot.url);
    await conversation.join();
    const admin: RedisClientType = await connectRedis(redis.url);
    try {
      // A natural slow path: Redis stops answering writes, so the next turn waits on its turn lock.
      await admin.sendCommand(['CLIENT', 'PAUSE', '60000', 'WRITE']);
      const english = conversation.activity({ text: 'English' });
      const inFlight = conversation.post(english);
      await until('the turn is waiting on Redis', async () => {
        const clients = String(await admin.sendCommand(['CLIENT', 'LIST']));
        // The lock is taken by SET NX or, with the state read in the same step, by a script.
        return clients.split('\n').some((line) => / flags=\S*b/.test(line) && / cmd=(set|evalsha|eval) /.test(line));
      });

      bot.kill('SIGTERM');
      await bot.waitForLog(/^shutting down/, 10_000);
      const refused = await statusOf(
        fetch(`${bot.url}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(conversation.activity({ text: 'help' })),
        }),
      );
      assert.ok(refused === 503 || refused === 'refused', `a new request is refused (got ${refused})`);
      assert.ok(await stillRunning(bot), 'waits for the turn in flight');

      await admin.sendCommand(['CLIENT', 'UNPAUSE']);
      const answered = await inFlight;
      assert.equal(answered.status, 200);
      assert.ok(saysKey(answered.replies, 'en', 'menu.prompt'), describeReplies(answered.replies));
      assert.deepEqual(await bot.exited, { code: 0, signal: null });
      assert.ok(
        bot.logs.some((line) => line.msg === 'stopped'),
        'closed everything before exiting',
      );

      const state = await admin.get('outage:state:webchat/conversations/' + conversation.conversationId + '/');
      assert.ok(
        state?.includes(JSON.stringify(rememberedId(String(english.id), conversation.conversationId))),
        'the finished turn was saved before Redis was closed',
      );
    } finally {
      await admin.sendCommand(['CLIENT', 'UNPAUSE']).catch(() => undefined);
      await admin.close();
    }
  });
});
