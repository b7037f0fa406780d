/**
 * What an Outreach does, on Redis (BullMQ on a real redis-server) and in memory (timers) alike:
 * reminders at their due time, re-read before they go; sends once per dedupe id; retries on 429
 * and 5xx; STOP honoured for good; the send rate held. Texts go through the real twilio client to
 * a stand-in of Twilio's REST API, chat messages through botbuilder's CloudAdapter to a stand-in
 * of the Bot Connector. BullMQ delays run on real time: the delays here are fractions of a second,
 * computed from the fixed test clock, so no test depends on today's date.
 */
import assert from 'node:assert/strict';
import type { RedisClientType } from 'redis';
import { formatReceiptNumber } from '../../src/domain/appointments/receiptNumber';
import type { AppointmentStore } from '../../src/domain/appointments/types';
import { Translator } from '../../src/domain/i18n/translator';
import { connectRedis } from '../../src/infra/redis/connect';
import { RedisAppointmentStore } from '../../src/infra/redis/redisAppointmentStore';
import { MemoryAppointmentStore } from '../../src/infra/memory/memoryAppointmentStore';
import type { OutreachPolicy } from '../../src/outreach/settings';
import { TEST_CLOCK } from '../support/dialogHarness';
import { sharedTestRedisUrl } from '../support/redisServer';
import { startTwilioStandIn, type TwilioStandIn } from '../support/twilioStandIn';
import { connectorReference, startBotConnectorStandIn, type BotConnectorStandIn } from '../support/botConnectorStandIn';
import {
  type AnyOutreach,
  book,
  eventually,
  memoryOutreach,
  move,
  RecordingMetrics,
  redisOutreach,
  sleep,
  startWorkers,
  testPhone,
} from '../support/outreachRig';

const t = new Translator();
/** Thursday 3 December 2026, 10:00 and 14:00 in New York: after TEST_NOW (1 December). */
const SLOT = '2026-12-03T15:00:00.000Z';
const LATER_SLOT = '2026-12-03T19:00:00.000Z';

/** An instant `ms` after the test clock's now: what a dialog would pass as dueAt. */
function inMs(ms: number): Date {
  return new Date(TEST_CLOCK.now().getTime() + ms);
}

interface Made {
  outreach: AnyOutreach;
  client?: RedisClientType;
  /** Another process's workers on the same queues (Redis only). */
  second?: AnyOutreach;
  store: AppointmentStore;
}

interface Implementation {
  name: string;
  make(
    twilioUrl: string,
    policy?: Partial<OutreachPolicy>,
    options?: { secondWorker?: boolean; metrics?: RecordingMetrics },
  ): Promise<Made>;
  /** Stops what `make` started. */
  stop(made: Made): Promise<void>;
}

let prefixes = 0;

const IMPLEMENTATIONS: Implementation[] = [
  {
    name: 'RedisOutreach (BullMQ)',
    async make(twilioUrl, policy, options) {
      const redisClient = await connectRedis(await sharedTestRedisUrl());
      const keyPrefix = `outreach-${process.pid}-${++prefixes}`;
      const store = new RedisAppointmentStore(redisClient, { keyPrefix, clock: TEST_CLOCK });
      const parts = {
        store,
        clock: TEST_CLOCK,
        twilioUrl,
        ...(policy ? { policy } : {}),
        ...(options?.metrics ? { metrics: options.metrics } : {}),
      };
      const outreach = redisOutreach(redisClient, keyPrefix, parts);
      startWorkers(outreach, parts);
      if (!options?.secondWorker) return { outreach, store, client: redisClient };
      const second = redisOutreach(redisClient, keyPrefix, parts);
      startWorkers(second, parts);
      return { outreach, second, store, client: redisClient };
    },
    async stop(made) {
      await Promise.all([made.outreach.close(), made.second?.close()]);
      await made.client?.close();
    },
  },
  {
    name: 'MemoryOutreach (timers)',
    async make(twilioUrl, policy, options) {
      const store = new MemoryAppointmentStore({ clock: TEST_CLOCK });
      const parts = {
        store,
        clock: TEST_CLOCK,
        twilioUrl,
        ...(policy ? { policy } : {}),
        ...(options?.metrics ? { metrics: options.metrics } : {}),
      };
      const outreach = memoryOutreach(parts);
      startWorkers(outreach, parts);
      return { outreach, store };
    },
    async stop(made) {
      await made.outreach.close();
    },
  },
];

let phones = 0;
function newPhone(): string {
  return testPhone(1000 + ++phones);
}

function textsTo(twilio: TwilioStandIn, phone: string): string[] {
  return twilio.messages.filter((m) => m.to === phone).map((m) => m.body);
}

for (const implementation of IMPLEMENTATIONS) {
  describe(`outreach contract: ${implementation.name}`, function () {
    this.timeout(30_000);
    let twilio: TwilioStandIn;
    let connector: BotConnectorStandIn;
    const running: Made[] = [];

    before(async () => {
      [twilio, connector] = await Promise.all([startTwilioStandIn(), startBotConnectorStandIn()]);
    });
    afterEach(async () => {
      await Promise.all(running.splice(0).map((made) => implementation.stop(made)));
    });
    after(async () => {
      await Promise.all([twilio.close(), connector.close()]);
    });

    async function make(policy?: Partial<OutreachPolicy>, options?: { secondWorker?: boolean; metrics?: RecordingMetrics }): Promise<Made> {
      const made = await implementation.make(twilio.url, policy, options);
      running.push(made);
      return made;
    }

    async function booked(store: AppointmentStore, language = 'en', slot = SLOT): Promise<{ receipt: string; phone: string }> {
      const phone = newPhone();
      const appointment = await book(store, `${implementation.name}-${phone}`, slot, { phone, language });
      return { receipt: appointment.receiptNumber, phone };
    }

    it('sends a reminder once, at its due time, by text to the saved number, in the language of the appointment', async () => {
      const { outreach, store } = await make();
      const { receipt, phone } = await booked(store, 'es');
      const routePhone = newPhone();
      await outreach.saveRoute(receipt, { channel: 'sms', phone: routePhone });
      const scheduledAt = performance.now();
      await outreach.scheduleReminder(receipt, inMs(400));
      await eventually(() => textsTo(twilio, routePhone).length > 0, 'the reminder');
      const [text] = textsTo(twilio, routePhone);
      const arrived = twilio.messages.find((m) => m.to === routePhone)?.monotonicMs ?? 0;
      assert.ok(arrived - scheduledAt >= 350, `sent ${Math.round(arrived - scheduledAt)} ms after scheduling, before its due time`);
      assert.ok(text.includes(formatReceiptNumber(receipt)));
      assert.ok(text.startsWith('InfoPass: recordatorio de su cita con USCIS.'), text);
      assert.ok(text.endsWith(t.for('es')('reminder.cancelBySms')));
      assert.match(text, /Hora: 10:00 a\.\s?m\. \(hora estándar oriental\)/);
      await sleep(300);
      assert.deepEqual(textsTo(twilio, routePhone).length, 1);
      assert.deepEqual(textsTo(twilio, phone), [], "not to the appointment's own number as well");
    });

    it("texts the appointment's phone when no route was saved", async () => {
      const { outreach, store } = await make();
      const { receipt, phone } = await booked(store);
      await outreach.scheduleReminder(receipt, inMs(50));
      await eventually(() => textsTo(twilio, phone).length === 1, 'the reminder');
    });

    it("never sends a cancelled appointment's reminder, whether or not the reminder was cancelled too", async () => {
      const { outreach, store } = await make();
      const cancelledInStoreOnly = await booked(store);
      const cancelledBoth = await booked(store);
      const control = await booked(store);
      await outreach.scheduleReminder(cancelledInStoreOnly.receipt, inMs(100));
      await outreach.scheduleReminder(cancelledBoth.receipt, inMs(100));
      await outreach.scheduleReminder(control.receipt, inMs(400));
      await store.cancel(cancelledInStoreOnly.receipt);
      await store.cancel(cancelledBoth.receipt);
      await outreach.cancelReminder(cancelledBoth.receipt);
      await eventually(() => textsTo(twilio, control.phone).length === 1, 'the reminder due after the cancelled ones');
      await sleep(200);
      assert.deepEqual(textsTo(twilio, cancelledInStoreOnly.phone), []);
      assert.deepEqual(textsTo(twilio, cancelledBoth.phone), []);
    });

    it('sends a moved appointment its reminder at the new due time, of the new time, once', async () => {
      const { outreach, store } = await make();
      const { receipt, phone } = await booked(store);
      await outreach.scheduleReminder(receipt, inMs(100));
      await move(store, receipt, LATER_SLOT);
      const movedAt = performance.now();
      await outreach.scheduleReminder(receipt, inMs(700));
      await eventually(() => textsTo(twilio, phone).length === 1, 'the reminder of the new time');
      const arrived = twilio.messages.find((m) => m.to === phone)?.monotonicMs ?? 0;
      assert.ok(arrived - movedAt >= 600, `sent ${Math.round(arrived - movedAt)} ms after the move: the old due time`);
      assert.match(textsTo(twilio, phone)[0], /Time: 2:00 PM \(Eastern Standard Time\)/);
      await sleep(300);
      assert.equal(textsTo(twilio, phone).length, 1);
    });

    it('sends nothing for a reminder of a slot the appointment has left (moved, not scheduled again)', async () => {
      const { outreach, store } = await make();
      const stale = await booked(store);
      const control = await booked(store);
      await outreach.scheduleReminder(stale.receipt, inMs(100));
      await outreach.scheduleReminder(control.receipt, inMs(400));
      await move(store, stale.receipt, LATER_SLOT);
      await eventually(() => textsTo(twilio, control.phone).length === 1, 'the control reminder');
      await sleep(100);
      assert.deepEqual(textsTo(twilio, stale.phone), []);
    });

    it('never texts again a number that replied STOP (Twilio error 21610), and does not retry it', async () => {
      const { outreach, store } = await make();
      const phone = newPhone();
      twilio.optOut(phone);
      const before = twilio.requests;
      await outreach.send({ channel: 'sms', phone }, 'first', 'stop-1');
      await eventually(() => outreach.optOuts.has(phone), 'the number on the opt-out list');
      const { receipt } = await booked(store);
      await outreach.saveRoute(receipt, { channel: 'sms', phone });
      await outreach.scheduleReminder(receipt, inMs(50));
      await outreach.send({ channel: 'sms', phone }, 'second', 'stop-2');
      const control = newPhone();
      await sleep(200);
      await outreach.send({ channel: 'sms', phone: control }, 'control', 'stop-control');
      await eventually(() => textsTo(twilio, control).length === 1, 'the control text');
      await sleep(100);
      assert.equal(twilio.requests - before, 2, 'one refused request for the opted-out number, none after it; one for the control');
      assert.deepEqual(textsTo(twilio, phone), []);
    });

    it('texts again a number that opted back in (START)', async () => {
      const { outreach } = await make();
      const phone = newPhone();
      await outreach.optOuts.add(phone);
      await outreach.optOuts.remove(phone);
      await outreach.send({ channel: 'sms', phone }, 'welcome back', 'start-1');
      await eventually(() => textsTo(twilio, phone).length === 1, 'the text');
    });

    it('tries a text again after 429 and 500 from Twilio, then delivers it once', async () => {
      const { outreach } = await make();
      const phone = newPhone();
      twilio.failNext(phone, { status: 429 }, { status: 500 });
      const before = twilio.requests;
      await outreach.send({ channel: 'sms', phone }, 'after a while', 'retry-sms');
      await eventually(() => textsTo(twilio, phone).length === 1, 'the text after two failures');
      await sleep(200);
      assert.equal(twilio.requests - before, 3);
      assert.deepEqual(textsTo(twilio, phone), ['after a while']);
    });

    it('tries a chat message again after 429 and 503 from the Bot Connector, then delivers it once', async () => {
      const { outreach } = await make();
      connector.failNext('retry-chat', 429, 503);
      await outreach.send(
        { channel: 'chat', conversationReference: connectorReference(connector.serviceUrl, 'retry-chat') },
        'hello again',
        'retry-chat',
      );
      await eventually(() => connector.activities.some((a) => a.conversationId === 'retry-chat'), 'the chat message', 20_000);
      await sleep(200);
      assert.deepEqual(
        connector.activities.filter((a) => a.conversationId === 'retry-chat').map((a) => a.activity.text),
        ['hello again'],
      );
    });

    it('sends once per dedupe id, however often and however concurrently it is asked', async () => {
      const { outreach } = await make();
      const phone = newPhone();
      const route = { channel: 'sms', phone } as const;
      await Promise.all([1, 2, 3, 4, 5].map(() => outreach.send(route, 'only once', 'closure:42:IPABC')));
      await eventually(() => textsTo(twilio, phone).length === 1, 'the text');
      await outreach.send(route, 'only once', 'closure:42:IPABC');
      await outreach.send(route, 'another message', 'closure:43:IPABC');
      await eventually(() => textsTo(twilio, phone).length === 2, 'the other text');
      await sleep(200);
      assert.deepEqual(textsTo(twilio, phone), ['only once', 'another message']);
    });

    it('reminds in the chat the person chose, and by text when that chat can no longer be reached', async () => {
      const { outreach, store } = await make();
      const inChat = await booked(store, 'fr');
      const chatGone = await booked(store, 'fr');
      await outreach.saveRoute(inChat.receipt, {
        channel: 'chat',
        conversationReference: connectorReference(connector.serviceUrl, inChat.receipt),
      });
      await outreach.saveRoute(chatGone.receipt, {
        channel: 'chat',
        conversationReference: connectorReference(connector.serviceUrl, chatGone.receipt),
      });
      connector.forget(chatGone.receipt);
      await outreach.scheduleReminder(inChat.receipt, inMs(50));
      await outreach.scheduleReminder(chatGone.receipt, inMs(50));
      await eventually(() => connector.activities.some((a) => a.conversationId === inChat.receipt), 'the chat reminder');
      await eventually(() => textsTo(twilio, chatGone.phone).length === 1, 'the text instead of the chat');
      const chat = connector.activities.find((a) => a.conversationId === inChat.receipt)?.activity;
      assert.ok(chat?.text?.endsWith(t.for('fr')('reminder.cancelInChat')));
      assert.equal(chat?.locale, 'fr-FR');
      assert.ok(textsTo(twilio, chatGone.phone)[0].endsWith(t.for('fr')('reminder.cancelBySms')));
      assert.deepEqual(textsTo(twilio, inChat.phone), [], 'the chat reminder is not texted as well');
    });

    it(`holds the send rate${implementation.name.startsWith('Redis') ? ' across two workers' : ''}: 4 texts a second`, async () => {
      const { outreach } = await make({ smsPerSecond: 4 }, { secondWorker: true });
      const batch = Array.from({ length: 12 }, () => newPhone());
      await Promise.all(batch.map((phone, i) => outreach.send({ channel: 'sms', phone }, `rate ${i}`, `rate-${phone}`)));
      await eventually(() => batch.every((phone) => textsTo(twilio, phone).length === 1), 'the 12 texts');
      const arrivals = twilio.messages
        .filter((m) => batch.includes(m.to))
        .map((m) => m.monotonicMs)
        .sort((a, b) => a - b);
      // Any 5 texts in a row span at least a second (less the jitter of a local HTTP round trip).
      const tightest = Math.min(...arrivals.slice(4).map((at, i) => at - arrivals[i]));
      assert.ok(tightest >= 900, `5 texts within ${Math.round(tightest)} ms`);
      assert.ok(arrivals[11] - arrivals[0] >= 1900, `12 texts in ${Math.round(arrivals[11] - arrivals[0])} ms`);
    });

    it('counts reminders sent and refused by channel (a chat that fell back counts as a text), and no one-off message', async () => {
      const metrics = new RecordingMetrics();
      const { outreach, store } = await make(undefined, { metrics });
      const [byText, optedOut, inChat, chatGone] = [await booked(store), await booked(store), await booked(store), await booked(store)];
      twilio.optOut(optedOut.phone);
      await outreach.saveRoute(inChat.receipt, {
        channel: 'chat',
        conversationReference: connectorReference(connector.serviceUrl, `count-${inChat.receipt}`),
      });
      await outreach.saveRoute(chatGone.receipt, {
        channel: 'chat',
        conversationReference: connectorReference(connector.serviceUrl, `count-${chatGone.receipt}`),
      });
      connector.forget(`count-${chatGone.receipt}`);
      for (const { receipt } of [byText, optedOut, inChat, chatGone]) await outreach.scheduleReminder(receipt, inMs(50));
      await outreach.send({ channel: 'sms', phone: newPhone() }, 'one-off', 'count-one-off');
      await eventually(() => metrics.sent.length + metrics.failed.length === 4, 'four reminders counted');
      await sleep(200);
      assert.deepEqual([...metrics.sent].sort(), ['chat', 'sms', 'sms']);
      assert.deepEqual(metrics.failed, ['sms']);
    });

    it('keeps routes, and refuses one that cannot be used', async () => {
      const { outreach, store } = await make();
      const { receipt } = await booked(store);
      assert.equal(await outreach.routeOf(receipt), undefined);
      const chat = { channel: 'chat', conversationReference: connectorReference(connector.serviceUrl, 'kept') } as const;
      await outreach.saveRoute(receipt, chat);
      assert.deepEqual(await outreach.routeOf(receipt), chat);
      await outreach.saveRoute(receipt, { channel: 'sms', phone: '+12025550147' });
      assert.deepEqual(await outreach.routeOf(receipt), { channel: 'sms', phone: '+12025550147' });
      await assert.rejects(outreach.saveRoute(receipt, { channel: 'sms', phone: '202-555-0147' }));
      await assert.rejects(outreach.saveRoute(receipt, { channel: 'chat', conversationReference: 'not a reference' }));
    });
  });
}
