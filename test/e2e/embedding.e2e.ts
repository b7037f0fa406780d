/**
 * The chat on an agency's own site, in headless Chromium: a page served by a second loopback
 * origin (its own tiny HTTP server) embeds it both ways the README shows — an iframe of the bot's
 * page, and Web Chat's own script with a token from the bot's /v3/directline/tokens/generate — and
 * a person books through each. The same pages from an origin not listed in
 * WEBCHAT_ALLOWED_ORIGINS can neither frame the page nor read a token.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, BrowserContext, FrameLocator, Page } from 'playwright-core';
import { startBot, type RunningBot } from '../../src/composition/startBot';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { fixedClock } from '../../src/domain/clock';
import { webChatScriptPath } from '../../src/http/webChat';
import { TEST_NOW } from '../support/dialogHarness';
import { suggestedTitles, translator } from '../support/replies';
import { ARTIFACTS, WebChatPerson, launchChromium } from './browser';

/** The iframe way: the agency page shows the bot's own page. */
function iframePage(botUrl: string): string {
  return `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><title>Agency: make an appointment</title><link rel="icon" href="data:,"></head>
  <body>
    <h1>Make an appointment</h1>
    <iframe src="${botUrl}/" title="InfoPass chat" style="width: 100%; height: 1100px; border: 0"></iframe>
  </body>
</html>`;
}

/**
 * The script way: Web Chat's own bundle on the agency page, a token from the bot's route, the bot's
 * Direct Line — streamed over its WebSocket, Web Chat's default, from the agency's origin.
 */
function scriptPage(botUrl: string): string {
  return `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><title>Agency: make an appointment</title><link rel="icon" href="data:,"></head>
  <body>
    <h1>Make an appointment</h1>
    <div id="webchat" role="main" style="height: 1100px"></div>
    <script src="${botUrl}${webChatScriptPath()}"></script>
    <script>
      (async function () {
        const directLine = '${botUrl}/v3/directline';
        const response = await fetch(directLine + '/tokens/generate', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ locale: navigator.language }),
        });
        const { token } = await response.json();
        window.WebChat.renderWebChat(
          { directLine: window.WebChat.createDirectLine({ token, domain: directLine }), locale: navigator.language },
          document.getElementById('webchat'),
        );
      })().catch((error) => {
        document.body.setAttribute('data-token-error', String(error));
        console.error(error);
      });
    </script>
  </body>
</html>`;
}

/** The agency's site: the two pages, on its own port. */
async function startAgencySite(botUrl: () => string): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    const pages: Record<string, (url: string) => string> = { '/iframe.html': iframePage, '/script.html': scriptPage };
    const page = pages[req.url ?? ''];
    // Separate calls: restify, loaded in this process, replaces ServerResponse's writeHead with one that returns nothing.
    if (!page) {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(page(botUrl()));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, port: (server.address() as AddressInfo).port };
}

/** A person using Web Chat inside the iframe: the same steps, on the frame's elements. */
class FramedWebChatPerson extends WebChatPerson {
  constructor(
    page: Page,
    private readonly frame: FrameLocator,
  ) {
    super(page);
  }

  override get sendBox() {
    return this.frame.locator('[data-id="webchat-sendbox-input"]');
  }

  override suggestedAction(title: string) {
    return this.frame.locator('.webchat__suggested-actions').getByRole('button', { name: title, exact: true });
  }
}

/** A booking in English by typing and clicking, up to the notice (one appointment per person: a name each). */
async function bookInEnglish(p: WebChatPerson, name: string, when: string): Promise<void> {
  const en = translator.for('en');
  // Both ways send the browser's locale (en-US): the bot greets in English, with the menu.
  await p.expect('en', ['welcome.greeting', 'understanding.languageUsed', 'menu.prompt'], 0);
  await p.click(en('menu.book'), 'en', ['location.zipPrompt']);
  await p.type('10001', 'en', ['location.office']);
  await p.click(en('common.yes'), 'en', ['booking.reasonPrompt']);
  await p.type('Question about a pending case', 'en', ['details.namePrompt']);
  await p.type(name, 'en', ['details.dobPrompt']);
  await p.type('07/15/1975', 'en', ['details.phonePrompt']);
  await p.type('212-736-5000', 'en', ['slots.prompt']);
  const offer = await p.type(when, 'en', ['slots.offerExact']);
  await p.click(suggestedTitles(offer)[0], 'en', ['booking.summary']);
  await p.click(en('common.yes'), 'en', ['notice.text', 'menu.prompt']);
}

describe("the chat embedded on an agency's own site, in headless Chromium", function () {
  this.timeout(180_000);
  let bot: RunningBot;
  let agency: { server: Server; port: number };
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  /** The agency's origin, as listed in WEBCHAT_ALLOWED_ORIGINS; the same server as 127.0.0.1 is an origin not listed. */
  let allowedOrigin: string;
  let otherOrigin: string;

  before(async () => {
    agency = await startAgencySite(() => bot.url);
    allowedOrigin = `http://localhost:${agency.port}`;
    otherOrigin = `http://127.0.0.1:${agency.port}`;
    const config = loadConfig({
      PORT: '0',
      LOG_LEVEL: 'silent',
      PERSON_KEY_SECRET: 'e2e-embedding',
      WEBCHAT_ALLOWED_ORIGINS: allowedOrigin,
    });
    bot = await startBot(config, { clock: fixedClock(TEST_NOW), logger: createLogger('silent') });
    browser = await launchChromium();
  });

  after(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await bot?.close();
    agency?.server.close();
  });

  async function open(url: string): Promise<Page> {
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 900, height: 1400 } });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(url);
    return page;
  }

  it('books through an iframe of the bot page on the agency page', async () => {
    const page = await open(`${allowedOrigin}/iframe.html`);
    const p = new FramedWebChatPerson(page, page.frameLocator('iframe[title="InfoPass chat"]'));
    await bookInEnglish(p, 'Ana Lopez', 'next Thursday at 2pm');
    await page.screenshot({ path: path.join(ARTIFACTS, 'embedded-iframe.png') });
    assert.deepEqual(p.problems, [], 'no CSP violation (frame-ancestors), console error or page error');
  });

  it("books through Web Chat's own script on the agency page, with a token from the bot's route, over the WebSocket stream", async () => {
    const page = await open(`${allowedOrigin}/script.html`);
    const p = new WebChatPerson(page);
    await bookInEnglish(p, 'Jean Baptiste', 'next Wednesday at 10am');
    const { receiptNumber } = await p.noticeCard();
    assert.ok(receiptNumber);
    assert.ok(p.transport.streamed > 0, 'the bot’s messages came over the WebSocket stream (its Origin, the agency’s, allowed)');
    assert.equal(p.transport.polled, 0, 'the page never polled');
    await page.screenshot({ path: path.join(ARTIFACTS, 'embedded-script.png') });
    assert.deepEqual(p.problems, [], 'no CORS refusal, console error or page error');
  });

  it('an origin not listed can neither frame the page nor read a token', async () => {
    const framed = await open(`${otherOrigin}/iframe.html`);
    const refusals: string[] = [];
    framed.on('console', (message) => refusals.push(message.text()));
    await framed.reload();
    await framed.waitForTimeout(1_000);
    assert.equal(await framed.frameLocator('iframe').locator('#webchat').count(), 0, 'the bot page is not shown in the frame');
    assert.ok(
      refusals.some((text) => /frame-ancestors/.test(text)),
      `Chromium names the frame-ancestors refusal:\n${refusals.join('\n')}`,
    );

    const scripted = await open(`${otherOrigin}/script.html`);
    await scripted.locator('body[data-token-error]').waitFor({ state: 'attached' });
    assert.match(
      (await scripted.locator('body').getAttribute('data-token-error')) ?? '',
      /TypeError/,
      'CORS keeps the token from the page',
    );
  });
});
