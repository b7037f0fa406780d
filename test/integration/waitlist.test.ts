/**
 * The waitlist through the running bot as the composition root builds it (startBot, Redis, the SMS
 * webhook, the bot's own outreach texting through Twilio's loopback stand-in): a person texting
 * finds no time on the day they want and joins; someone else cancels by text; the seat is held and
 * the first person is texted; their "YES" books it. Without Twilio's settings nobody texting is
 * offered to wait, and a Web Chat person is told in their chat.
 */
import assert from 'node:assert/strict';
import { createClient, type RedisClientType } from 'redis';
import { startBot, type RunningBot } from '../../src/composition/startBot';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { fixedClock } from '../../src/domain/clock';
import { makeDobVerifier, personKey } from '../../src/domain/appointments/personIdentity';
import { formatReceiptNumber } from '../../src/domain/appointments/receiptNumber';
import { RedisAppointmentStore } from '../../src/infra/redis/redisAppointmentStore';
import { plainSmsText } from '../../src/channels/sms/smsText';
import { sharedTestRedisUrl } from '../support/redisServer';
import { TEST_NOW } from '../support/dialogHarness';
import { translator } from '../support/replies';
import { eventually } from '../support/waitlistFixtures';
import { STAND_IN_ACCOUNT_SID, STAND_IN_AUTH_TOKEN, STAND_IN_FROM, startTwilioStandIn, type TwilioStandIn } from '../support/twilioStandIn';
import twilio from 'twilio';
import { appointmentRequest } from '../support/appointmentFixtures';
import { DirectLineConversation } from '../support/directLineConversation';

const SECRET = 'waitlist-integration-secret';
/** Thursday 3 December 2026, 10:00 in New York (TEST_NOW is Tuesday 1 December, 09:00). */
const THURSDAY_10 = '2026-12-03T10:00:00.000-05:00';

function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** A locale sentence as an SMS reads it, any values in its placeholders. */
function smsPattern(key: string): RegExp {
  const t = translator.for('en');
  const variants = [key, `${key}_one`, `${key}_other`].filter((k) => t(k) !== k).map((k) => plainSmsText(t(k)));
  const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(variants.map((v) => `(?:${escape(v).replace(/\\\{\\\{[a-zA-Z]+\\\}\\\}/g, '[\\s\\S]*?')})`).join('|'));
}

/** A phone texting the bot through Twilio's webhook, each request signed with the auth token. */
class Phone {
  transcript: string[] = [];
  last = '';
  constructor(
    private readonly bot: RunningBot,
    readonly number: string,
  ) {}

  async send(text: string, keys: string[] = []): Promise<string> {
    const params = {
      MessageSid: `SM${Math.random().toString(16).slice(2).padEnd(32, '0')}`,
      From: this.number,
      To: STAND_IN_FROM,
      Body: text,
    };
    const url = `${this.bot.url}/api/sms`;
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': twilio.getExpectedTwilioSignature(STAND_IN_AUTH_TOKEN, url, params),
      },
      body: new URLSearchParams(params).toString(),
    });
    const body = await response.text();
    assert.equal(response.status, 200, body);
    this.last = [...body.matchAll(/<Message>([\s\S]*?)<\/Message>/g)].map((m) => unescapeXml(m[1])).join('\n---\n');
    this.transcript.push(`> ${text}`, `< ${this.last.replace(/\n/g, ' ⏎ ')}`);
    for (const key of keys) assert.match(this.last, smsPattern(key), `expected en:${key}\n${this.transcript.join('\n')}`);
    return this.last;
  }

  /** The number under which the last reply offered an answer matching `pattern`. */
  numberOf(pattern: RegExp): string {
    const offered = [...this.last.matchAll(/^(\d+)\. (.+)$/gm)];
    const found = offered.find((m) => pattern.test(m[2]));
    assert.ok(found, `no answer matching ${pattern} in:\n${this.last}`);
    return found[1];
  }
}

describe('the waitlist through the running bot (Redis, SMS, Twilio stand-in)', function () {
  this.timeout(60_000);
  let redisUrl: string;
  let redis: RedisClientType;
  let twilioStandIn: TwilioStandIn;
  let prefixes = 0;
  const bots: RunningBot[] = [];

  before(async () => {
    redisUrl = await sharedTestRedisUrl();
    redis = createClient({ url: redisUrl });
    await redis.connect();
    twilioStandIn = await startTwilioStandIn();
  });

  afterEach(async () => {
    await Promise.all(bots.splice(0).map((bot) => bot.close()));
  });

  after(async () => {
    await redis.close();
    await twilioStandIn.close();
  });

  async function start(withTwilio: boolean): Promise<{ bot: RunningBot; store: RedisAppointmentStore }> {
    const prefix = `waitlist-it-${process.pid}-${++prefixes}`;
    const config = loadConfig({
      PORT: '0',
      LOG_LEVEL: 'silent',
      REDIS_URL: redisUrl,
      REDIS_KEY_PREFIX: prefix,
      PERSON_KEY_SECRET: SECRET,
      TWILIO_AUTH_TOKEN: STAND_IN_AUTH_TOKEN,
      ...(withTwilio
        ? { TWILIO_ACCOUNT_SID: STAND_IN_ACCOUNT_SID, TWILIO_FROM: STAND_IN_FROM, TWILIO_API_BASE_URL: twilioStandIn.url }
        : {}),
    });
    const bot = await startBot(config, { clock: fixedClock(TEST_NOW), logger: createLogger('silent') });
    bots.push(bot);
    return { bot, store: new RedisAppointmentStore(redis, { keyPrefix: prefix, clock: fixedClock(TEST_NOW) }) };
  }

  /** Thursday 10:00 full: two people booked it; the first can cancel with their date of birth. */
  async function fullThursday(store: RedisAppointmentStore): Promise<string> {
    const leaving = await store.book(
      {
        ...appointmentRequest('leaving', THURSDAY_10),
        name: 'Ana Leaving',
        dobVerifier: makeDobVerifier('1970-01-02', SECRET),
        personKey: personKey('Ana Leaving', '1970-01-02', SECRET),
      },
      2,
    );
    assert.ok(leaving.ok && (await store.book(appointmentRequest('staying', THURSDAY_10), 2)).ok);
    return leaving.appointment.receiptNumber;
  }

  async function toTheTime(mary: Phone): Promise<string> {
    await mary.send('I need an appointment about my green card that never arrived. I live in 10001', ['details.namePrompt']);
    await mary.send('Mary Johnson', ['details.dobPrompt']);
    await mary.send('March 4, 1980', ['details.phonePrompt']);
    await mary.send('212 736 5000', ['slots.prompt']);
    return mary.send('Thursday at 10am', ['slots.notice_full_that_time']);
  }

  it('joins by text, is texted when a cancellation frees the seat, and books it with YES', async () => {
    const { bot, store } = await start(true);
    const leaving = await fullThursday(store);
    const mary = new Phone(bot, '+12127365000');
    await toTheTime(mary);
    await mary.send(mary.numberOf(/^Tell me if a time opens on December 3, 2026$/), ['waitlist.joined', 'waitlist.howSmsSaid']);

    const ana = new Phone(bot, '+12025550123');
    await ana.send(formatReceiptNumber(leaving), ['cancel.dobPrompt']);
    await ana.send('January 2, 1970', ['cancel.confirm']);
    await ana.send('yes', ['cancel.done']);

    await eventually(() => twilioStandIn.messages.some((m) => m.to === mary.number), 'Mary is texted', 30_000);
    const offer = twilioStandIn.messages.find((m) => m.to === mary.number);
    assert.match(offer?.body ?? '', smsPattern('waitlist.offer'));
    assert.match(offer?.body ?? '', /Thursday, December 3, 2026 at 10:00\sAM \(Eastern Standard Time\)/);
    assert.deepEqual(await store.countBooked('NYC', [THURSDAY_10]), [2], 'held for Mary');

    const taken = await mary.send('YES', ['waitlist.taken', 'notice.text']);
    const receipt = /IP-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]/.exec(taken)?.[0] ?? '';
    const booked = await store.get(receipt.replace(/-/g, ''));
    assert.equal(booked?.name, 'Mary Johnson');
    assert.equal(Date.parse(booked.slotStart), Date.parse(THURSDAY_10));
    assert.deepEqual(await store.countBooked('NYC', [THURSDAY_10]), [2]);
    assert.equal(twilioStandIn.messages.filter((m) => m.to === mary.number).length, 1, 'texted once');
  });

  it("without Twilio's settings, a Web Chat person joins in the chat and is told there, by the bot's own proactive message", async () => {
    const { bot, store } = await start(false);
    const textsBefore = twilioStandIn.messages.length;
    const leaving = await fullThursday(store);
    const mary = new DirectLineConversation(bot.url);
    await mary.join();
    const say = async (text: string, expected: RegExp): Promise<string> => {
      const replies = (await mary.send(text))
        .flatMap((r) => [r.text ?? '', ...(r.suggestedActions?.actions ?? []).map((a) => a.title ?? '')])
        .join('\n');
      assert.match(replies, expected, `after "${text}": ${replies}`);
      return replies;
    };
    await say('I need an appointment about my green card that never arrived. I live in 10001', /full name/);
    await say('Mary Johnson', /date of birth/);
    await say('March 4, 1980', /phone number/);
    await say('212 736 5000', /When would you like to come/);
    await say('Thursday at 10am', /Tell me if a time opens on December 3, 2026/);
    // No text can be sent: the chat is the only way, so it is not asked.
    await say('Tell me if a time opens on December 3, 2026', /When a time opens, I will write to you here/);

    const ana = new Phone(bot, '+12025550123');
    await ana.send(formatReceiptNumber(leaving), ['cancel.dobPrompt']);
    await ana.send('January 2, 1970', ['cancel.confirm']);
    await ana.send('yes', ['cancel.done']);
    let told = '';
    await eventually(
      async () => {
        told += (await mary.poll()).map((r) => r.text ?? '').join('\n');
        return /A time has opened for you/.test(told);
      },
      'Mary is told in her chat',
      30_000,
    );
    assert.match(told, /Thursday, December 3, 2026 at 10:00\sAM \(Eastern Standard Time\)/);
    await say('yes', /The time is yours/);
    assert.deepEqual(await store.countBooked('NYC', [THURSDAY_10]), [2]);
    assert.equal(twilioStandIn.messages.length, textsBefore, 'no text');
  });

  it("without Twilio's settings, nobody texting is offered to wait", async () => {
    const { bot, store } = await start(false);
    await fullThursday(store);
    const mary = new Phone(bot, '+12127365001');
    const offered = await toTheTime(mary);
    assert.doesNotMatch(offered, /Tell me if a time opens/);
  });
});
