import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { createClient } from 'redis';
import twilio from 'twilio';
import { startBot, type RunningBot } from '../../../src/composition/startBot';
import { loadConfig } from '../../../src/config';
import { createLogger } from '../../../src/logger';
import { fixedClock } from '../../../src/domain/clock';
import { smsSegments } from '../../../src/channels/sms/segments';
import { sharedTestRedisUrl } from '../../support/redisServer';
import { TEST_NOW } from '../../support/dialogHarness';
import { HttpConversation } from '../../support/httpConversation';
import { plainSmsText } from '../../../src/channels/sms/smsText';
import { translator } from '../../support/replies';

const TOKEN = 'test-twilio-auth-token';
const PUBLIC_BASE_URL = 'https://infopass.example.org';
const BOT_NUMBER = '+12025550100';

let prefixCounter = 0;
let phoneCounter = 0;

/** A fresh US number for each conversation (555-01xx numbers are reserved for fiction). */
function newPhone(): string {
  phoneCounter += 1;
  return `+1212555${String(1000 + phoneCounter).slice(-4)}`;
}

function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

function messagesOf(twiml: string): string[] {
  return [...twiml.matchAll(/<Message>([\s\S]*?)<\/Message>/g)].map((m) => unescapeXml(m[1]));
}

/** A pattern for a locale sentence as it reads in an SMS (bullets and typographic marks made plain). */
function smsKeyPattern(language: string, key: string): RegExp {
  const t = translator.for(language);
  const variants = [key, `${key}_one`, `${key}_other`].filter((k) => t(k) !== k).map((k) => plainSmsText(t(k)));
  assert.ok(variants.length > 0, `no sentence for ${language}:${key}`);
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(variants.map((v) => `(?:${escape(v).replace(/\\\{\\\{[a-zA-Z]+\\\}\\\}/g, '[\\s\\S]*?')})`).join('|'));
}

/** The numbered answers offered in a message ("1. English" …), in order. */
function numberedAnswers(message: string): string[] {
  return [...message.matchAll(/^(\d+)\. (.+)$/gm)].map((m) => m[2]);
}

type Signing = 'valid' | 'none' | 'wrong-token' | 'other-body';

/** A phone texting the bot through Twilio's webhook. */
class Phone {
  transcript: string[] = [];
  last: string[] = [];

  constructor(
    private readonly bot: RunningBot,
    readonly number: string = newPhone(),
    /** The URL Twilio would sign: the public address, or the bot's own when unset. */
    private readonly signedUrl: string = `${bot.url}/api/sms`,
  ) {}

  async post(
    text: string,
    signing: Signing = 'valid',
    extra: Record<string, string> = {},
  ): Promise<{ status: number; body: string; contentType: string | null }> {
    const params: Record<string, string> = {
      MessageSid: `SM${Math.random().toString(16).slice(2).padEnd(32, '0')}`,
      AccountSid: 'AC00000000000000000000000000000000',
      From: this.number,
      To: BOT_NUMBER,
      Body: text,
      NumMedia: '0',
      ...extra,
    };
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
    if (signing === 'valid') headers['x-twilio-signature'] = twilio.getExpectedTwilioSignature(TOKEN, this.signedUrl, params);
    if (signing === 'wrong-token')
      headers['x-twilio-signature'] = twilio.getExpectedTwilioSignature('not-the-token', this.signedUrl, params);
    if (signing === 'other-body')
      headers['x-twilio-signature'] = twilio.getExpectedTwilioSignature(TOKEN, this.signedUrl, { ...params, Body: 'something else' });
    const response = await fetch(`${this.bot.url}/api/sms`, { method: 'POST', headers, body: new URLSearchParams(params).toString() });
    return { status: response.status, body: await response.text(), contentType: response.headers.get('content-type') };
  }

  async send(text: string): Promise<string[]> {
    const { status, body, contentType } = await this.post(text);
    assert.equal(status, 200, `POST /api/sms answered ${status}: ${body}`);
    assert.match(contentType ?? '', /^text\/xml/);
    this.last = messagesOf(body);
    this.transcript.push(`> ${text}`, ...this.last.map((m) => `  < ${m.replace(/\n/g, ' ⏎ ')}`));
    return this.last;
  }

  says(language: string, key: string, messages: string[] = this.last): boolean {
    const pattern = smsKeyPattern(language, key);
    return messages.some((m) => pattern.test(m));
  }

  expect(language: string, keys: string[]): void {
    for (const key of keys) assert.ok(this.says(language, key), `expected ${language}:${key}\n${this.transcript.join('\n')}`);
  }

  /** The number under which the last reply offered `answer`. */
  numberOf(answer: string): string {
    const offered = numberedAnswers(this.last.join('\n'));
    const index = offered.indexOf(answer);
    assert.ok(index >= 0, `"${answer}" not offered in:\n${this.last.join('\n---\n')}`);
    return String(index + 1);
  }
}

async function startSmsBot(redisUrl: string, prefix: string, extra: Record<string, string> = {}, logs?: Writable): Promise<RunningBot> {
  const config = loadConfig({
    PORT: '0',
    LOG_LEVEL: logs ? 'debug' : 'silent',
    REDIS_URL: redisUrl,
    REDIS_KEY_PREFIX: prefix,
    PERSON_KEY_SECRET: 'sms-test',
    ...extra,
  });
  return startBot(config, { clock: fixedClock(TEST_NOW), logger: createLogger(logs ? 'debug' : 'silent', logs) });
}

function collector(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

describe('SMS through Twilio (POST /api/sms)', function () {
  let redisUrl: string;
  let prefix: string;
  let bot: RunningBot | undefined;
  let redis: ReturnType<typeof createClient>;

  before(async () => {
    redisUrl = await sharedTestRedisUrl();
    redis = createClient({ url: redisUrl });
    await redis.connect();
  });

  after(async () => {
    await redis.quit();
  });

  beforeEach(() => {
    prefixCounter += 1;
    prefix = `sms${prefixCounter}-${process.pid}`;
  });

  afterEach(async () => {
    await bot?.close();
    bot = undefined;
  });

  const keysWritten = async (): Promise<string[]> => redis.keys(`${prefix}:*`);

  describe('with TWILIO_AUTH_TOKEN set', () => {
    beforeEach(async () => {
      bot = await startSmsBot(redisUrl, prefix, { TWILIO_AUTH_TOKEN: TOKEN });
    });

    for (const signing of ['none', 'wrong-token', 'other-body'] as const) {
      it(`refuses a request (${signing === 'none' ? 'no signature' : signing === 'wrong-token' ? 'signed with another token' : 'signature of another body'}) with 403 before the bot sees it`, async () => {
        const phone = new Phone(bot!);
        const { status, body } = await phone.post('hi', signing);
        assert.equal(status, 403);
        assert.doesNotMatch(body, /<Message>/);
        assert.deepEqual(await keysWritten(), [], 'nothing was stored for a refused request');
      });
    }

    it('takes a request signed for its own address and answers with TwiML', async () => {
      const phone = new Phone(bot!);
      const messages = await phone.send('hi');
      assert.ok(messages.length >= 1);
      phone.expect('en', ['welcome.greeting', 'language.prompt']);
      assert.deepEqual(numberedAnswers(messages.join('\n')).slice(0, 2), ['English', 'Español']);
      assert.ok((await keysWritten()).length > 0, 'the conversation is stored');
    });

    it('"2" picks the second language of the numbered list', async () => {
      const phone = new Phone(bot!);
      await phone.send('hello');
      await phone.send('2');
      phone.expect('es', ['language.chosen', 'menu.prompt']);
      assert.ok(numberedAnswers(phone.last.join('\n')).includes(translator.for('es')('menu.book')));
    });

    it('a number picks a suggestion of a free-text question too (the ZIP question\'s "I live outside the United States")', async () => {
      const phone = new Phone(bot!);
      await phone.send('hi');
      await phone.send(phone.numberOf('English'));
      await phone.send(phone.numberOf(translator.for('en')('menu.book')));
      phone.expect('en', ['location.zipPrompt']);
      assert.deepEqual(numberedAnswers(phone.last.join('\n')), [translator.for('en')('location.outside')]);
      await phone.send('1');
      phone.expect('en', ['location.countryPrompt']);
      await phone.send('Mexico');
      phone.expect('en', ['location.office']);
    });

    it('a number beyond the offered list is passed on as typed (a ZIP code)', async () => {
      const phone = new Phone(bot!);
      await phone.send('hi');
      await phone.send('1');
      await phone.send('1');
      phone.expect('en', ['location.zipPrompt']);
      await phone.send('10001');
      phone.expect('en', ['location.office']);
    });

    it('answers HELP (and AYUDA) with what the service does and how to stop, in the right language', async () => {
      const english = new Phone(bot!);
      await english.send('HELP');
      english.expect('en', ['sms.help']);
      assert.match(english.last.join('\n'), /STOP/);

      const spanish = new Phone(bot!);
      await spanish.send('AYUDA');
      spanish.expect('es', ['sms.help']);

      const chosen = new Phone(bot!);
      // "hola" says Spanish (issue 21): the menu at once; the language's name typed there picks it.
      await chosen.send('hola');
      chosen.expect('es', ['menu.prompt']);
      await chosen.send('Polski');
      await chosen.send('help');
      chosen.expect('pl', ['sms.help']);
      // The numbered list offered before HELP still stands.
      await chosen.send('1');
      chosen.expect('pl', ['location.zipPrompt']);
    });

    it('leaves STOP and START to the carrier: no answer, and the bot does not act on them', async () => {
      const phone = new Phone(bot!);
      for (const word of ['STOP', 'start', 'Unsubscribe']) {
        const messages = await phone.send(word);
        assert.deepEqual(messages, [], `no reply to ${word}`);
      }
      assert.deepEqual(await keysWritten(), []);
    });

    it('keeps the phone number out of the logs', async () => {
      await bot!.close();
      const logs = collector();
      bot = await startSmsBot(redisUrl, prefix, { TWILIO_AUTH_TOKEN: TOKEN }, logs.stream);
      const phone = new Phone(bot);
      await phone.send('hi');
      assert.equal((await phone.post('hi', 'none')).status, 403);
      const digits = phone.number.replace(/\D/g, '');
      assert.ok(logs.text().length > 0, 'something was logged');
      assert.ok(!logs.text().replace(/\D/g, ' ').includes(digits.slice(-7)), 'the number is not in the logs');
      assert.ok(logs.text().includes('SMS webhook refused'));
    });
  });

  describe('behind a public address (PUBLIC_BASE_URL)', () => {
    beforeEach(async () => {
      bot = await startSmsBot(redisUrl, prefix, { TWILIO_AUTH_TOKEN: TOKEN, PUBLIC_BASE_URL });
    });

    it('checks the signature against the public URL', async () => {
      const own = new Phone(bot!, newPhone(), `${bot!.url}/api/sms`);
      assert.equal((await own.post('hi')).status, 403, 'a signature for the internal address is refused');
      const phone = new Phone(bot!, newPhone(), `${PUBLIC_BASE_URL}/api/sms`);
      assert.equal((await phone.post('hi')).status, 200);
    });

    it('books an appointment and cancels it, all by SMS', async () => {
      const en = translator.for('en');
      const phone = new Phone(bot!, newPhone(), `${PUBLIC_BASE_URL}/api/sms`);
      await phone.send('Hi');
      phone.expect('en', ['language.prompt']);
      await phone.send(phone.numberOf('English'));
      phone.expect('en', ['language.chosen', 'menu.prompt']);
      await phone.send(phone.numberOf(en('menu.book')));
      phone.expect('en', ['location.zipPrompt']);
      await phone.send('10001');
      phone.expect('en', ['location.office']);
      await phone.send(phone.numberOf(en('common.yes')));
      phone.expect('en', ['booking.reasonPrompt']);
      await phone.send(phone.numberOf(en('reasons.pending_case')));
      phone.expect('en', ['details.namePrompt']);
      await phone.send('John Smith');
      await phone.send('07/15/1975');
      phone.expect('en', ['details.phonePrompt']);
      await phone.send('212-736-5000');
      phone.expect('en', ['slots.prompt']);
      await phone.send('next Thursday at 2pm');
      phone.expect('en', ['slots.offerExact']);
      const slots = numberedAnswers(phone.last.join('\n'));
      assert.ok(slots.length >= 1, phone.transcript.join('\n'));
      await phone.send('1');
      phone.expect('en', ['booking.summary']);
      await phone.send(phone.numberOf(en('common.yes')));
      phone.expect('en', ['notice.text', 'menu.prompt']);

      const notice = phone.last.find((m) => /IP-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]/.test(m));
      assert.ok(notice, phone.transcript.join('\n'));
      const receipt = /IP-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]/.exec(notice)![0];
      assert.match(notice, /Thursday, December 10, 2026/);
      assert.match(notice, /1:30 PM/);
      assert.match(notice, /New York/);
      assert.match(notice, /26 Federal Plaza/);
      assert.ok(notice.includes(`${PUBLIC_BASE_URL}/`), 'the notice carries its link when a public address is set');
      assert.ok(smsSegments(notice) <= 4, `the notice fits in 4 segments (${smsSegments(notice)}): ${notice}`);
      assert.ok(
        phone.last.every((m) => m.trim() !== ''),
        'no empty message',
      );

      // Later, from the same phone: cancel by typing the receipt number.
      await phone.send(receipt);
      phone.expect('en', ['cancel.dobPrompt']);
      await phone.send('July 15, 1975');
      phone.expect('en', ['cancel.confirm']);
      await phone.send(phone.numberOf(en('common.yes')));
      phone.expect('en', ['cancel.done']);
    });
  });

  describe('without TWILIO_AUTH_TOKEN', () => {
    it('takes unsigned requests outside production, and warns at start', async () => {
      const logs = collector();
      bot = await startSmsBot(redisUrl, prefix, {}, logs.stream);
      assert.match(logs.text(), /TWILIO_AUTH_TOKEN is not set/);
      const phone = new Phone(bot);
      assert.equal((await phone.post('hi', 'none')).status, 200);
    });

    it('refuses to start in production', async () => {
      const config = loadConfig({
        NODE_ENV: 'production',
        PORT: '0',
        LOG_LEVEL: 'silent',
        REDIS_URL: redisUrl,
        REDIS_KEY_PREFIX: prefix,
        PERSON_KEY_SECRET: 'sms-test',
        NOTICE_LINK_SECRET: 'sms-test-links',
        MicrosoftAppId: '00000000-0000-0000-0000-000000000001',
        MicrosoftAppPassword: 'not-a-real-password',
      });
      await assert.rejects(startBot(config, { clock: fixedClock(TEST_NOW), logger: createLogger('silent') }), /TWILIO_AUTH_TOKEN/);
    });
  });

  describe('Azure\'s Twilio channel (channelId "sms" on /api/messages)', () => {
    it('gets the same plain-text rendering: numbered answers, no buttons, no cards', async () => {
      bot = await startSmsBot(redisUrl, prefix, { TWILIO_AUTH_TOKEN: TOKEN });
      const c = new HttpConversation(bot.url, 'sms');
      const first = await c.send('hi');
      const list = first.find((a) => /1\. English/.test(a.text ?? ''));
      assert.ok(list, JSON.stringify(first));
      assert.ok(first.every((a) => !a.suggestedActions && !a.attachments?.length));
      const menu = await c.send('2');
      assert.ok(
        menu.some((a) => smsKeyPattern('es', 'menu.prompt').test(a.text ?? '')),
        JSON.stringify(menu),
      );
      assert.ok(menu.some((a) => (a.text ?? '').includes(`1. ${translator.for('es')('menu.book')}`)));
    });
  });
});
