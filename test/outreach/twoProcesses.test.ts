/**
 * Reminders across real bot processes on one Redis (each runs a BullMQ worker of every queue):
 * 1,000 reminders due at the same instant go out exactly once each, shared between the two
 * processes; reminders scheduled before both processes die are all sent by the ones started
 * after. Texts go to a stand-in of Twilio's REST API, chat messages to a stand-in of the Bot
 * Connector. The bot processes' clocks are fixed (TEST_NOW); delays are seconds of real time.
 */
import assert from 'node:assert/strict';
import type { RedisClientType } from 'redis';
import { formatReceiptNumber } from '../../src/domain/appointments/receiptNumber';
import { connectRedis } from '../../src/infra/redis/connect';
import { RedisAppointmentStore } from '../../src/infra/redis/redisAppointmentStore';
import { RedisOutreach } from '../../src/infra/redis/redisOutreach';
import { createLogger } from '../../src/logger';
import { TEST_CLOCK, TEST_NOW } from '../support/dialogHarness';
import { startBotProcess, type BotProcess } from '../support/botProcess';
import { sharedTestRedisUrl } from '../support/redisServer';
import { STAND_IN_ACCOUNT_SID, STAND_IN_AUTH_TOKEN, STAND_IN_FROM, startTwilioStandIn, type TwilioStandIn } from '../support/twilioStandIn';
import { connectorReference, startBotConnectorStandIn, type BotConnectorStandIn } from '../support/botConnectorStandIn';
import { scheduleInRealTimeProcess } from '../support/scheduleReminders';
import { book, eventually, sleep, testPhone } from '../support/outreachRig';

const RECEIPT = /IP-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]/;
const SLOTS = ['2026-12-03T15:00:00.000Z', '2026-12-03T15:30:00.000Z', '2026-12-04T16:00:00.000Z', '2026-12-07T20:00:00.000Z'];

describe('reminders across two bot processes on one Redis', function () {
  this.timeout(240_000);
  const keyPrefix = `reminders-2p-${process.pid}`;
  let redisUrl: string;
  let client: RedisClientType;
  let store: RedisAppointmentStore;
  let outreach: RedisOutreach;
  let twilio: TwilioStandIn;
  let connector: BotConnectorStandIn;
  const processes: BotProcess[] = [];
  let people = 0;

  async function startBots(count: number): Promise<BotProcess[]> {
    const started = await Promise.all(
      Array.from({ length: count }, () =>
        startBotProcess({
          redisUrl,
          keyPrefix,
          env: {
            LOG_LEVEL: 'debug',
            TWILIO_ACCOUNT_SID: STAND_IN_ACCOUNT_SID,
            TWILIO_AUTH_TOKEN: STAND_IN_AUTH_TOKEN,
            TWILIO_FROM: STAND_IN_FROM,
            TWILIO_API_BASE_URL: twilio.url,
            // The rate limit is measured in the contract test; here 1,000 texts must not take 17 minutes.
            SMS_SENDS_PER_SECOND: '1000',
          },
        }),
      ),
    );
    processes.push(...started);
    await Promise.all(started.map((bot) => bot.waitForLog('outreach workers started', 120_000)));
    return started;
  }

  /** Books `count` appointments; every `chatEvery`-th is reminded in a chat (Bot Connector), the rest by text. */
  async function bookMany(count: number, chatEvery: number): Promise<{ receipt: string; phone: string; chat: boolean }[]> {
    const booked = [];
    for (let i = 0; i < count; i += 1) {
      people += 1;
      const phone = testPhone(people);
      const appointment = await book(store, `two-processes-${people}`, SLOTS[i % SLOTS.length], {
        phone,
        language: ['en', 'es', 'zh', 'ar'][i % 4],
      });
      const chat = i % chatEvery === 0;
      if (chat)
        await outreach.saveRoute(appointment.receiptNumber, {
          channel: 'chat',
          conversationReference: connectorReference(connector.serviceUrl, appointment.receiptNumber),
        });
      booked.push({ receipt: appointment.receiptNumber, phone, chat });
    }
    return booked;
  }

  /** How many times each receipt number was delivered, by text or in a chat. */
  function deliveries(): Map<string, number> {
    const counts = new Map<string, number>();
    const texts = [...twilio.messages.map((m) => m.body), ...connector.activities.map((a) => a.activity.text ?? '')];
    for (const text of texts) {
      const receipt = RECEIPT.exec(text)?.[0];
      if (receipt) counts.set(receipt, (counts.get(receipt) ?? 0) + 1);
    }
    return counts;
  }

  function delivered(): number {
    return twilio.messages.length + connector.activities.length;
  }

  before(async () => {
    redisUrl = await sharedTestRedisUrl();
    client = await connectRedis(redisUrl);
    store = new RedisAppointmentStore(client, { keyPrefix, clock: TEST_CLOCK });
    outreach = new RedisOutreach(client, {
      keyPrefix,
      clock: TEST_CLOCK,
      store,
      personSecret: 'bot-process-test',
      logger: createLogger('silent'),
    });
    [twilio, connector] = await Promise.all([startTwilioStandIn(), startBotConnectorStandIn()]);
  });

  after(async () => {
    await Promise.all(processes.map((bot) => bot.stop()));
    await outreach.close();
    await client.close();
    await Promise.all([twilio.close(), connector.close()]);
  });

  it('sends 1,000 reminders due at the same instant exactly once each, from both processes; none for the 50 cancelled', async () => {
    const bots = await startBots(2);
    const booked = await bookMany(1000, 7);
    const scheduled = await scheduleInRealTimeProcess({
      redisUrl,
      keyPrefix,
      now: TEST_NOW,
      dueInMs: 8_000,
      receipts: booked.map((b) => b.receipt),
    });
    assert.ok(scheduled.scheduledAtMs < scheduled.dueAtMs, 'all were scheduled before they fell due');
    const cancelled = booked.filter((_, i) => i % 20 === 19);
    for (const { receipt } of cancelled) await store.cancel(receipt);

    await eventually(() => delivered() >= 950, `950 deliveries (now ${delivered()})`, 120_000);
    await sleep(2_000);
    const counts = deliveries();
    const cancelledReceipts = new Set(cancelled.map((c) => formatReceiptNumber(c.receipt)));
    const expected = booked.map((b) => formatReceiptNumber(b.receipt)).filter((r) => !cancelledReceipts.has(r));
    assert.equal(delivered(), 950);
    assert.deepEqual(
      expected.filter((receipt) => counts.get(receipt) !== 1),
      [],
      'each reminder exactly once',
    );
    assert.deepEqual(
      [...cancelledReceipts].filter((receipt) => counts.has(receipt)),
      [],
      'no reminder of a cancelled appointment',
    );
    const inChat = new Set(booked.filter((b) => b.chat).map((b) => formatReceiptNumber(b.receipt)));
    assert.ok(
      connector.activities.every((a) => inChat.has(RECEIPT.exec(a.activity.text ?? '')?.[0] ?? '')),
      'chat reminders only to chat routes',
    );
    assert.equal(connector.activities.length, [...inChat].filter((r) => !cancelledReceipts.has(r)).length);

    const sentBy = bots.map((bot) => bot.logs.filter((line) => line.msg === 'outreach job done' && line.outcome === 'sent').length);
    assert.equal(sentBy[0] + sentBy[1], 950);
    assert.ok(
      sentBy.every((n) => n > 0),
      `both workers sent: ${sentBy.join(' + ')}`,
    );
  });

  it('loses no reminder when every bot process dies between scheduling and the due time', async () => {
    const before = delivered();
    const booked = await bookMany(100, 5);
    await scheduleInRealTimeProcess({ redisUrl, keyPrefix, now: TEST_NOW, dueInMs: 2_000, receipts: booked.map((b) => b.receipt) });
    for (const bot of processes) bot.kill('SIGKILL');
    await Promise.all(processes.map((bot) => bot.exited));
    processes.splice(0);
    // The due time passes with no bot process running.
    await sleep(3_000);
    assert.equal(delivered(), before);
    await startBots(2);
    await eventually(() => delivered() >= before + 100, `100 more deliveries (now ${delivered() - before})`, 60_000);
    await sleep(1_500);
    const counts = deliveries();
    assert.equal(delivered(), before + 100);
    assert.deepEqual(
      booked.map((b) => formatReceiptNumber(b.receipt)).filter((receipt) => counts.get(receipt) !== 1),
      [],
    );
  });
});
