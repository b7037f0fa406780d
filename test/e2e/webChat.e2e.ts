import assert from 'node:assert/strict';
import path from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { connectRedis } from '../../src/infra/redis/connect';
import { startBotProcess, type BotProcess } from '../support/botProcess';
import { sharedTestRedisUrl } from '../support/redisServer';
import { startRoundRobinProxy, type RoundRobinProxy } from '../support/roundRobinProxy';
import { suggestedTitles, translator } from '../support/replies';
import { ARTIFACTS, WebChatPerson, launchChromium, startTestBot } from './browser';

/** Where the page is served from, and how it listens. */
interface Topology {
  name: string;
  /** Added to the page's address. */
  query: string;
  transport: 'streamed' | 'polled';
  /** Screenshot names end with it ("" for the first). */
  artifactSuffix: string;
  start(): Promise<{ url: string; proxy?: RoundRobinProxy; close(): Promise<void> }>;
}

const KEY_PREFIX = `e2e-two-processes-${process.pid}`;

/** Two bot processes on one Redis, started once for the topologies that share them. */
let pair: Promise<BotProcess[]> | undefined;
function twoProcesses(): Promise<BotProcess[]> {
  pair ??= sharedTestRedisUrl().then((redisUrl) =>
    Promise.all(
      [0, 1].map(() =>
        startBotProcess({
          redisUrl,
          keyPrefix: KEY_PREFIX,
          env: { NOTICE_LINK_SECRET: 'e2e-test-notice-links' },
        }),
      ),
    ),
  );
  return pair;
}

/** Each topology books the same people: it starts with no appointments, as a fresh deployment would. */
async function deleteAppointments(): Promise<void> {
  const client = await connectRedis(await sharedTestRedisUrl());
  try {
    for await (const keys of client.scanIterator({ MATCH: `{${KEY_PREFIX}}:*`, COUNT: 1000 })) if (keys.length > 0) await client.del(keys);
  } finally {
    await client.close();
  }
}

async function behindProxy(): Promise<{ url: string; proxy: RoundRobinProxy; close(): Promise<void> }> {
  await deleteAppointments();
  const proxy = await startRoundRobinProxy((await twoProcesses()).map((bot) => bot.url));
  return { url: proxy.url, proxy, close: () => proxy.close() };
}

const TOPOLOGIES: Topology[] = [
  {
    name: 'one process, in memory, WebSocket',
    query: '',
    transport: 'streamed',
    artifactSuffix: '',
    async start() {
      const bot = await startTestBot();
      return { url: bot.url, close: () => bot.close() };
    },
  },
  {
    name: 'two processes on one Redis behind a round-robin proxy, WebSocket',
    query: '',
    transport: 'streamed',
    artifactSuffix: '-two-processes-websocket',
    start: behindProxy,
  },
  {
    name: 'two processes on one Redis behind a round-robin proxy, polling',
    query: '?transport=polling',
    transport: 'polled',
    artifactSuffix: '-two-processes-polling',
    start: behindProxy,
  },
];

describe('the Web Chat page, in headless Chromium', function () {
  this.timeout(180_000);
  let browser: Browser;

  before(async () => {
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    const bots = await pair;
    pair = undefined;
    await Promise.all((bots ?? []).map((bot) => bot.stop()));
  });

  for (const topology of TOPOLOGIES) {
    describe(topology.name, function () {
      let server: Awaited<ReturnType<Topology['start']>>;
      const contexts: BrowserContext[] = [];

      before(async function () {
        this.timeout(240_000);
        server = await topology.start();
      });

      after(async () => {
        for (const context of contexts) await context.close().catch(() => undefined);
        await server?.close();
      });

      /** The page listened the way this topology says, and (behind the proxy) both processes served its messages. */
      function checkTopology(p: WebChatPerson, { bothProcesses } = { bothProcesses: true }): void {
        const other = topology.transport === 'streamed' ? 'polled' : 'streamed';
        assert.ok(p.transport[topology.transport] > 0, `the page ${topology.transport}`);
        assert.equal(p.transport[other], 0, `the page never ${other}`);
        if (!server.proxy || !bothProcesses) return;
        const posts = server.proxy.served.filter(
          (r) => r.method === 'POST' && /\/v3\/directline\/conversations\/[^/]+\/activities/.test(r.path),
        );
        assert.equal(new Set(posts.map((r) => r.target)).size, 2, 'messages went to both processes');
      }

      async function open(locale: string): Promise<WebChatPerson> {
        const context = await browser.newContext({ locale, viewport: { width: 900, height: 1400 } });
        contexts.push(context);
        const person = new WebChatPerson(await context.newPage());
        await person.page.goto(`${server.url}/${topology.query}`);
        return person;
      }

      it('books by typing and clicking, shows the notice card, and cancels by the receipt number (English)', async () => {
        const en = translator.for('en');
        const p = await open('en-US');
        assert.deepEqual(await p.pageLanguage(), { lang: 'en', dir: 'ltr' });

        // The welcome comes before anything is typed: in the browser's language, one of ours, with the menu (issue 21).
        await p.expect('en', ['welcome.greeting', 'understanding.languageUsed', 'menu.prompt'], 0);
        await p.click(en('menu.book'), 'en', ['location.zipPrompt']);
        await p.type('10001', 'en', ['location.office']);
        await p.click(en('common.yes'), 'en', ['booking.reasonPrompt']);
        await p.type('Question about a pending case', 'en', ['details.namePrompt']);
        await p.type('John Smith', 'en', ['details.dobPrompt']);
        await p.type('07/15/1975', 'en', ['details.phonePrompt']);
        await p.type('212-736-5000', 'en', ['slots.prompt']);
        const offer = await p.type('next Thursday at 2pm', 'en', ['slots.offerExact']);
        await p.click(suggestedTitles(offer)[0], 'en', ['booking.summary']);
        await p.click(en('common.yes'), 'en', ['notice.text', 'menu.prompt']);

        const { receiptNumber } = await p.noticeCard();
        await p.page.screenshot({ path: path.join(ARTIFACTS, `notice${topology.artifactSuffix}.png`) });

        await p.type(receiptNumber, 'en', ['cancel.dobPrompt']);
        const confirm = await p.type('July 15, 1975', 'en', ['cancel.confirm']);
        await p.type(suggestedTitles(confirm)[0], 'en', ['cancel.done']);
        assert.deepEqual(p.problems, [], 'no CSP violation, console error or page error');
        checkTopology(p);
      });

      it('follows the browser, then the bot, into Arabic, right to left, and books in Arabic', async () => {
        const ar = translator.for('ar');
        const p = await open('es-MX');
        assert.deepEqual(await p.pageLanguage(), { lang: 'es', dir: 'ltr' }, 'the page starts in the browser language');
        await p.expect('es', ['welcome.greeting', 'understanding.languageUsed', 'menu.prompt'], 0);

        await p.type('العربية', 'ar', ['language.chosen', 'menu.prompt']);
        await p.page.locator('html[dir="rtl"]').waitFor({ state: 'attached' });
        assert.deepEqual(await p.pageLanguage(), { lang: 'ar', dir: 'rtl' });
        assert.equal((await p.page.locator('#webchat [dir="rtl"]').count()) > 0, true, 'Web Chat itself renders right to left');

        await p.click(ar('menu.book'), 'ar', ['location.zipPrompt']);
        await p.type('10001', 'ar', ['location.office']);
        await p.type('نعم', 'ar', ['booking.reasonPrompt']);
        await p.click(ar('reasons.pending_case'), 'ar', ['details.namePrompt']);
        await p.type('أحمد علي', 'ar', ['details.dobPrompt']);
        await p.type('15/07/1975', 'ar', ['details.phonePrompt']);
        await p.type('212-736-5000', 'ar', ['slots.prompt']);
        const offer = await p.type('3 ديسمبر الساعة 10 صباحًا', 'ar', ['slots.offerExact']);
        await p.click(suggestedTitles(offer)[0], 'ar', ['booking.summary']);
        await p.click(ar('common.yes'), 'ar', ['notice.text']);
        await p.noticeCard();
        await p.page.screenshot({ path: path.join(ARTIFACTS, `notice-ar${topology.artifactSuffix}.png`) });
        assert.deepEqual(await p.pageLanguage(), { lang: 'ar', dir: 'rtl' });
        assert.deepEqual(p.problems, [], 'no CSP violation, console error or page error');
        checkTopology(p);
      });

      it('greets with the list of languages when the browser speaks none of ours, and the page follows the one picked', async () => {
        const p = await open('ja-JP');
        assert.deepEqual(await p.pageLanguage(), { lang: 'en', dir: 'ltr' }, "the page's own default");
        await p.expect('en', ['welcome.greeting', 'language.prompt'], 0);
        await p.click('Español', 'es', ['language.chosen', 'menu.prompt']);
        await p.page.locator('html[lang="es"]').waitFor({ state: 'attached' });
        assert.deepEqual(p.problems, []);
        checkTopology(p, { bothProcesses: false });
      });
    });
  }
});
