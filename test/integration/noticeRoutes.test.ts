import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { startBot, type RunningBot } from '../../src/composition/startBot';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { fixedClock } from '../../src/domain/clock';
import { connectRedis } from '../../src/infra/redis/connect';
import { RedisAppointmentStore } from '../../src/infra/redis/redisAppointmentStore';
import { NoticeLinkSigner } from '../../src/domain/appointments/noticeLinks';
import type { Appointment } from '../../src/domain/appointments/types';
import { sharedTestRedisUrl } from '../support/redisServer';
import { HttpConversation } from '../support/httpConversation';
import { TEST_NOW } from '../support/dialogHarness';
import { describeReplies, saysKey, suggestedTitles } from '../support/replies';

const SECRET = 'notice-routes-test';
const TTL_DAYS = 30;
const PUBLIC_BASE_URL = 'https://infopass.example.org';
const signer = new NoticeLinkSigner(SECRET, TTL_DAYS);
let prefixCounter = 0;

interface CardAction {
  type: string;
  title: string;
  url: string;
}

async function startTestBot(redisUrl: string, keyPrefix: string, publicBaseUrl?: string): Promise<RunningBot> {
  const config = loadConfig({
    PORT: '0',
    LOG_LEVEL: 'silent',
    REDIS_URL: redisUrl,
    REDIS_KEY_PREFIX: keyPrefix,
    PERSON_KEY_SECRET: 'notice-routes-person',
    NOTICE_LINK_SECRET: SECRET,
    NOTICE_LINK_TTL_DAYS: String(TTL_DAYS),
    ...(publicBaseUrl ? { PUBLIC_BASE_URL: publicBaseUrl } : {}),
  });
  return startBot(config, { clock: fixedClock(TEST_NOW), logger: createLogger('silent') });
}

async function turn(c: HttpConversation, text: string, key: string): Promise<Partial<Activity>[]> {
  const replies = await c.send(text);
  assert.ok(
    saysKey(replies, 'en', key),
    `after "${text}" expected en:${key}, got:\n${describeReplies(replies)}\n${c.transcript.join('\n')}`,
  );
  return replies;
}

/** Books an appointment in English over HTTP; returns the notice message. */
async function bookInEnglish(baseUrl: string): Promise<Partial<Activity>> {
  const c = new HttpConversation(baseUrl);
  await c.join();
  const menu = await turn(c, 'English', 'menu.prompt');
  await turn(c, suggestedTitles(menu)[0], 'location.zipPrompt');
  await turn(c, '10001', 'location.office');
  await turn(c, 'yes', 'booking.reasonPrompt');
  await turn(c, 'Question about a pending case', 'details.namePrompt');
  await turn(c, 'John Smith', 'details.dobPrompt');
  await turn(c, '07/15/1975', 'details.phonePrompt');
  await turn(c, '212-736-5000', 'slots.prompt');
  const offer = await turn(c, 'tomorrow at 10am', 'slots.offerExact');
  const tenAm = suggestedTitles(offer).find((title) => /10:00/.test(title));
  assert.ok(tenAm, `a 10:00 slot is offered: ${suggestedTitles(offer).join(' | ')}`);
  await turn(c, tenAm, 'booking.summary');
  const notice = (await turn(c, 'yes', 'notice.text')).find((a) => a.attachments?.length);
  assert.ok(notice, 'the notice card was sent');
  return notice;
}

function cardActions(notice: Partial<Activity>): CardAction[] | undefined {
  return (notice.attachments?.[0]?.content as { actions?: CardAction[] }).actions;
}

function receiptOf(notice: Partial<Activity>): string {
  const shown = /IP-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]/.exec(notice.text ?? '')?.[0];
  assert.ok(shown, 'the notice text carries the receipt number');
  return shown;
}

/** The path of a public link, fetched from the test server instead of the public host. */
function local(bot: RunningBot, publicUrl: string): string {
  return `${bot.url}${new URL(publicUrl).pathname}`;
}

function unfold(ics: string): string[] {
  return ics
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter((l) => l !== '');
}

async function expectNotFound(url: string): Promise<void> {
  const response = await fetch(url);
  assert.equal(response.status, 404, url);
  assert.equal(await response.text(), 'Not found\n');
  assert.equal(response.headers.get('cache-control'), 'no-store');
}

describe('the notice page and calendar file, through the real server and Redis', function () {
  let redisUrl: string;
  let bot: RunningBot;
  let prefix: string;

  before(async () => {
    redisUrl = await sharedTestRedisUrl();
  });

  beforeEach(() => {
    prefixCounter += 1;
    prefix = `notice${prefixCounter}-${process.pid}`;
  });

  afterEach(async () => {
    await bot.close();
  });

  it('links the card and the text to a printable page and a calendar file that are served', async () => {
    bot = await startTestBot(redisUrl, prefix, PUBLIC_BASE_URL);
    const notice = await bookInEnglish(bot.url);
    const receipt = receiptOf(notice);
    const actions = cardActions(notice);
    assert.deepEqual(
      actions?.map((a) => [a.type, a.title]),
      [
        ['Action.OpenUrl', 'Print notice'],
        ['Action.OpenUrl', 'Add to calendar'],
      ],
    );
    const [print, calendar] = actions ?? [];
    assert.match(print.url, /^https:\/\/infopass\.example\.org\/notice\/[A-Za-z0-9_-]{48}$/);
    assert.equal(calendar.url, `${print.url}.ics`);
    assert.ok(!print.url.includes(receipt.replace(/-/g, '')), 'the receipt number is not readable in the address');
    assert.ok(saysKey([notice], 'en', 'notice.link'));
    assert.ok((notice.text ?? '').trimEnd().endsWith(print.url), 'the SMS text ends with the page link');

    const page = await fetch(local(bot, print.url));
    assert.equal(page.status, 200);
    assert.equal(page.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.match(page.headers.get('content-security-policy') ?? '', /^default-src 'none'; style-src 'sha256-/);
    assert.equal(page.headers.get('cache-control'), 'no-store');
    assert.equal(page.headers.get('referrer-policy'), 'no-referrer');
    const html = await page.text();
    assert.ok(html.includes(receipt));
    assert.ok(html.includes('John Smith'));
    assert.match(html, /Wednesday, December 2, 2026/);
    assert.match(html, /10:00 AM \(Eastern Standard Time\)/);
    assert.match(html, /<html lang="en" dir="ltr">/);
    assert.ok(!/<script/i.test(html), 'no script on the page');

    const ics = await fetch(local(bot, calendar.url));
    assert.equal(ics.status, 200);
    assert.equal(ics.headers.get('content-type'), 'text/calendar; charset=utf-8');
    const text = await ics.text();
    for (const physical of text.split('\r\n')) assert.ok(Buffer.byteLength(physical, 'utf8') <= 75, physical);
    const lines = unfold(text);
    assert.equal(lines[0], 'BEGIN:VCALENDAR');
    assert.ok(lines.includes(`UID:${receipt.replace(/-/g, '')}@infopass`));
    assert.ok(lines.includes('DTSTAMP:20261201T140000Z'));
    assert.ok(lines.includes('DTSTART:20261202T150000Z'), lines.join('\n'));
    assert.ok(lines.includes('DTEND:20261202T153000Z'));
    assert.ok(lines.includes('SUMMARY;LANGUAGE=en:USCIS appointment\\, New York City Field Office'));
    assert.ok(lines.some((l) => l.startsWith('LOCATION:New York City Field Office\\, ')));
    assert.ok(lines.includes(`URL:${print.url}`));
    assert.equal(lines[lines.length - 1], 'END:VCALENDAR');
  });

  it('answers 404, all alike, to tampered, wrong-secret, expired and unknown tokens, and to a cancelled appointment', async () => {
    bot = await startTestBot(redisUrl, prefix, PUBLIC_BASE_URL);
    const notice = await bookInEnglish(bot.url);
    const receipt = receiptOf(notice);
    const canonical = receipt.replace(/-/g, '');
    const [print] = cardActions(notice) ?? [];
    const token = new URL(print.url).pathname.split('/').pop() ?? '';
    assert.equal(signer.verify(token, new Date(TEST_NOW)), canonical, 'the bot signs with the configured secret');

    const flipped = token.slice(0, 20) + (token[20] === 'A' ? 'B' : 'A') + token.slice(21);
    const wrongSecret = new NoticeLinkSigner('some-other-secret', TTL_DAYS).sign(canonical, new Date('2027-01-01T00:00:00Z'));
    const expired = signer.sign(canonical, new Date(new Date(TEST_NOW).getTime() - 1000));
    const unknown = signer.sign('IP7K3MQ9XD2HBWX', new Date('2027-01-01T00:00:00Z'));
    for (const bad of [flipped, wrongSecret, expired, unknown, 'not-a-token', `${token}x`]) {
      await expectNotFound(`${bot.url}/notice/${bad}`);
      await expectNotFound(`${bot.url}/notice/${bad}.ics`);
    }

    const c = new HttpConversation(bot.url);
    await turn(c, receipt, 'cancel.dobPrompt');
    const confirm = await turn(c, 'July 15, 1975', 'cancel.confirm');
    await turn(c, suggestedTitles(confirm)[0], 'cancel.done');
    await expectNotFound(local(bot, print.url));
    await expectNotFound(`${local(bot, print.url)}.ics`);
  });

  it('sends no links without a public base URL, and still serves a signed page in the language booked, right to left in Arabic', async () => {
    bot = await startTestBot(redisUrl, prefix);
    const notice = await bookInEnglish(bot.url);
    assert.equal(cardActions(notice), undefined, 'no card actions');
    assert.ok(!/https?:/.test(notice.text ?? ''), 'no link in the text');

    const client = await connectRedis(redisUrl);
    const store = new RedisAppointmentStore(client, { keyPrefix: prefix, clock: fixedClock(TEST_NOW) });
    try {
      const booked = await store.book(
        {
          officeCode: 'NYC',
          slotStart: '2026-12-03T11:00:00.000-05:00',
          reason: 'green_card_not_received',
          name: 'Ahmad Haddad',
          dobVerifier: 'unused',
          phone: '+12127365001',
          language: 'ar',
          personKey: 'notice-routes-arabic',
        },
        2,
      );
      assert.ok(booked.ok);
      const appointment: Appointment = booked.appointment;
      const response = await fetch(`${bot.url}/notice/${signer.tokenFor(appointment)}`);
      assert.equal(response.status, 200);
      const html = await response.text();
      assert.match(html, /<html lang="ar" dir="rtl">/);
      assert.ok(html.includes('إشعار الموعد الإلكتروني'));
      assert.ok(html.includes('Ahmad Haddad'));
      const ics = await (await fetch(`${bot.url}/notice/${signer.tokenFor(appointment)}.ics`)).text();
      assert.ok(unfold(ics).includes('DTSTART:20261203T160000Z'));
      assert.ok(!unfold(ics).some((l) => l.startsWith('URL:')), 'no public address to link back to');
    } finally {
      await client.quit();
    }
  });
});
