import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { startBot, type RunningBot } from '../../src/composition/startBot';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { fixedClock } from '../../src/domain/clock';
import { sharedTestRedisUrl } from '../support/redisServer';
import { HttpConversation } from '../support/httpConversation';
import { TEST_NOW } from '../support/dialogHarness';
import { describeReplies, saysKey, suggestedTitles } from '../support/replies';

let prefixCounter = 0;

async function startTestBot(redisUrl: string | undefined, keyPrefix: string): Promise<RunningBot> {
  const config = loadConfig({
    PORT: '0',
    LOG_LEVEL: 'silent',
    REDIS_URL: redisUrl,
    REDIS_KEY_PREFIX: keyPrefix,
    PERSON_KEY_SECRET: 'http-test',
  });
  return startBot(config, { clock: fixedClock(TEST_NOW), logger: createLogger('silent') });
}

async function expectTurn(
  conversation: HttpConversation,
  language: string,
  text: string | { click: number; after: Partial<Activity>[] },
  keys: string[],
): Promise<Partial<Activity>[]> {
  const typed = typeof text === 'string' ? text : suggestedTitles(text.after)[text.click];
  assert.ok(typed !== undefined, 'nothing to click');
  const replies = await conversation.send(typed);
  for (const key of keys) {
    assert.ok(
      saysKey(replies, language, key),
      `after "${typed}" expected ${language}:${key}, got:\n${describeReplies(replies)}\n${conversation.transcript.join('\n')}`,
    );
  }
  return replies;
}

describe('over HTTP, through the real server and Redis', function () {
  let redisUrl: string;
  let bot: RunningBot;
  let prefix: string;

  before(async () => {
    redisUrl = await sharedTestRedisUrl();
  });

  beforeEach(async () => {
    prefixCounter += 1;
    prefix = `http${prefixCounter}-${process.pid}`;
    bot = await startTestBot(redisUrl, prefix);
  });

  afterEach(async () => {
    await bot.close();
  });

  it('answers /healthz', async () => {
    const response = await fetch(`${bot.url}/healthz`);
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { status: 'ok' });
  });

  const scripts = [
    {
      name: 'English',
      language: 'en',
      pick: 'English',
      yes: 'yes',
      reason: 'Question about a pending case',
      name_: 'John Smith',
      dob: '07/15/1975',
      phone: '212-736-5000',
      when: 'next Thursday at 2pm',
      cancelDob: 'July 15, 1975',
    },
    {
      name: 'Spanish',
      language: 'es',
      pick: 'Español',
      yes: 'sí',
      reason: '8',
      name_: 'José Martínez',
      dob: '15/07/1975',
      phone: '(212) 736-5000',
      when: 'el jueves a las 2 de la tarde',
      cancelDob: '15 de julio de 1975',
    },
  ];

  for (const s of scripts) {
    it(`books an appointment and cancels it by typing the receipt number, in ${s.name}`, async () => {
      const c = new HttpConversation(bot.url);
      const welcome = await c.join();
      assert.ok(saysKey(welcome, 'en', 'language.prompt'), describeReplies(welcome));
      const menu = await expectTurn(c, s.language, s.pick, ['language.chosen', 'menu.prompt']);
      await expectTurn(c, s.language, { click: 0, after: menu }, ['location.zipPrompt']);
      await expectTurn(c, s.language, '10001', ['location.office']);
      await expectTurn(c, s.language, s.yes, ['booking.reasonPrompt']);
      await expectTurn(c, s.language, s.reason, ['details.namePrompt']);
      await expectTurn(c, s.language, s.name_, ['details.dobPrompt']);
      await expectTurn(c, s.language, s.dob, ['details.phonePrompt']);
      await expectTurn(c, s.language, s.phone, ['slots.prompt']);
      const offer = await expectTurn(c, s.language, s.when, ['slots.offerExact']);
      await expectTurn(c, s.language, { click: 0, after: offer }, ['booking.summary']);
      const notice = await expectTurn(c, s.language, s.yes, ['notice.text', 'menu.prompt']);
      const card = notice.find((a) => a.attachments?.length);
      assert.equal(card?.attachments?.[0].contentType, 'application/vnd.microsoft.card.adaptive');
      const receipt = /IP-[0-9A-Z-]{16}/.exec(card?.text ?? '')?.[0];
      assert.deepEqual([...new Set(notice.map((a) => a.type))], ['message'], 'no trace or other activity leaks state to the caller');
      assert.ok(receipt, 'the notice text carries the receipt number');

      const later = new HttpConversation(bot.url);
      await expectTurn(later, 'en', receipt, ['cancel.dobPrompt']);
      const confirm = await expectTurn(later, 'en', s.name === 'English' ? s.cancelDob : '1975-07-15', ['cancel.confirm']);
      await expectTurn(later, 'en', { click: 0, after: confirm }, ['cancel.done']);
    });
  }

  it('carries on a conversation after the bot process restarts (state in Redis)', async () => {
    const c = new HttpConversation(bot.url);
    await c.join();
    const menu = await expectTurn(c, 'es', 'Español', ['menu.prompt']);
    await expectTurn(c, 'es', { click: 0, after: menu }, ['location.zipPrompt']);
    await bot.close();
    bot = await startTestBot(redisUrl, prefix);
    c.baseUrl = bot.url;
    await expectTurn(c, 'es', '87102', ['location.office']);
  });
});
