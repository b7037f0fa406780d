/**
 * The whole path, through the bot as the composition root builds it (startBot, Redis, Twilio's
 * settings pointing at the stand-in): a person books, says yes to the reminder, and the reminder
 * is a BullMQ delayed job due 24 hours before the appointment; brought forward, the bot's own
 * worker texts it. Without Twilio's settings no reminder is offered on Web Chat (dialogs/laterReach.ts).
 */
import assert from 'node:assert/strict';
import { Queue } from 'bullmq';
import type { RedisClientType } from 'redis';
import { startBot, type RunningBot } from '../../src/composition/startBot';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { connectRedis } from '../../src/infra/redis/connect';
import { TEST_CLOCK } from '../support/dialogHarness';
import { HttpConversation } from '../support/httpConversation';
import { describeReplies, saysKey } from '../support/replies';
import { sharedTestRedisUrl } from '../support/redisServer';
import { STAND_IN_ACCOUNT_SID, STAND_IN_AUTH_TOKEN, STAND_IN_FROM, startTwilioStandIn, type TwilioStandIn } from '../support/twilioStandIn';
import { eventually } from '../support/outreachRig';

const HOUR_MS = 3_600_000;

async function expect(conversation: HttpConversation, text: string, key: string): Promise<string> {
  const replies = await conversation.send(text);
  assert.ok(saysKey(replies, 'en', key), `after "${text}" expected en:${key}, got:\n${describeReplies(replies)}`);
  return replies.map((r) => r.text ?? '').join('\n');
}

/** Books 'next Thursday at 2pm' (Thursday 10 December 2026, 1:30 PM in New York) in English, up to the notice. */
async function bookUpToNotice(conversation: HttpConversation): Promise<{ receipt: string; afterNotice: string }> {
  await conversation.join();
  await expect(conversation, 'English', 'menu.prompt');
  await expect(conversation, 'Make an appointment', 'location.zipPrompt');
  await expect(conversation, '10001', 'location.office');
  await expect(conversation, 'yes', 'booking.reasonPrompt');
  await expect(conversation, 'Question about a pending case', 'details.namePrompt');
  await expect(conversation, 'John Smith', 'details.dobPrompt');
  await expect(conversation, '07/15/1975', 'details.phonePrompt');
  await expect(conversation, '212-736-5000', 'slots.prompt');
  await expect(conversation, 'next Thursday at 2pm', 'slots.offerExact');
  await expect(conversation, '1', 'booking.summary');
  const afterNotice = await conversation.send('yes').then((replies) => replies.map((r) => r.text ?? '').join('\n'));
  const receipt = /IP-[0-9A-Z-]{16}/.exec(afterNotice)?.[0];
  assert.ok(receipt, afterNotice);
  return { receipt, afterNotice };
}

describe('a booking with a reminder, through the running bot', function () {
  this.timeout(60_000);
  let redisUrl: string;
  let client: RedisClientType;
  let twilio: TwilioStandIn;
  let prefixes = 0;
  const bots: RunningBot[] = [];

  before(async () => {
    redisUrl = await sharedTestRedisUrl();
    client = await connectRedis(redisUrl);
    twilio = await startTwilioStandIn();
  });
  afterEach(async () => {
    await Promise.all(bots.splice(0).map((bot) => bot.close()));
  });
  after(async () => {
    await client.close();
    await twilio.close();
  });

  async function start(withTwilio: boolean): Promise<{ bot: RunningBot; prefix: string }> {
    const prefix = `booking-reminder-${process.pid}-${++prefixes}`;
    const config = loadConfig({
      PORT: '0',
      LOG_LEVEL: 'silent',
      REDIS_URL: redisUrl,
      REDIS_KEY_PREFIX: prefix,
      PERSON_KEY_SECRET: 'booking-reminder-test',
      ...(withTwilio
        ? {
            TWILIO_ACCOUNT_SID: STAND_IN_ACCOUNT_SID,
            TWILIO_AUTH_TOKEN: STAND_IN_AUTH_TOKEN,
            TWILIO_FROM: STAND_IN_FROM,
            TWILIO_API_BASE_URL: twilio.url,
          }
        : {}),
    });
    const bot = await startBot(config, { clock: TEST_CLOCK, logger: createLogger('silent') });
    bots.push(bot);
    return { bot, prefix };
  }

  it('schedules the reminder the person asked for, by text, and the worker sends it in English', async () => {
    const { bot, prefix } = await start(true);
    const conversation = new HttpConversation(bot.url);
    const { receipt, afterNotice } = await bookUpToNotice(conversation);
    assert.ok(afterNotice.includes('Shall I remind you the day before?'), afterNotice);
    await expect(conversation, 'a text', 'reminder.setSms');

    const canonical = receipt.replace(/-/g, '');
    const tag = `{${prefix}}`;
    assert.deepEqual({ ...(await client.hGetAll(`${tag}:outreach:route:${canonical}`)) }, { channel: 'sms', phone: '+12127365000' });
    const queue = new Queue('reminders', { connection: client, prefix: `${tag}:outreach` });
    try {
      const job = await queue.getJob(`reminder-${canonical}`);
      assert.ok(job, 'a delayed reminder job');
      assert.equal(await job.getState(), 'delayed');
      const slot = Date.parse('2026-12-10T18:30:00.000Z');
      assert.equal(job.delay, slot - 24 * HOUR_MS - TEST_CLOCK.now().getTime());
      // Brought forward instead of waiting eight days: the bot's own worker sends it.
      await job.promote();
      await eventually(() => twilio.messages.some((m) => m.body.includes(receipt)), 'the reminder text', 30_000);
    } finally {
      await queue.close();
    }
    const text = twilio.messages.find((m) => m.body.includes(receipt));
    assert.equal(text?.to, '+12127365000');
    assert.match(
      text?.body ?? '',
      /^InfoPass: reminder of your USCIS appointment\.\nDate: Thursday, December 10, 2026\nTime: 1:30 PM \(Eastern Standard Time\)/,
    );
    assert.match(text?.body ?? '', /To cancel, reply to this message with your receipt number\.$/);
  });

  it('offers no reminder on Web Chat when no text could be sent (no Twilio account set)', async () => {
    const { bot, prefix } = await start(false);
    const { receipt, afterNotice } = await bookUpToNotice(new HttpConversation(bot.url));
    assert.ok(!afterNotice.includes('remind'), afterNotice);
    assert.equal(await client.exists(`{${prefix}}:outreach:route:${receipt.replace(/-/g, '')}`), 0);
  });
});
