import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Activity } from 'botbuilder';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startBot, type RunningBot } from '../../src/index';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { fixedClock } from '../../src/domain/clock';
import { projectRoot } from '../../src/domain/projectPaths';
import { TEST_NOW } from '../support/dialogHarness';
import { describeReplies, saysKey, suggestedTitles, translator } from '../support/replies';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];
const ARTIFACTS = path.join(projectRoot(), 'test-artifacts');
const RECEIPT = /IP-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]/;
const REPLY_TIMEOUT_MS = 30_000;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * One person on the Web Chat page. What the bot says is read from the activities the page
 * itself polled (so the test checks the sentences by locale key, whatever their wording);
 * what the person does goes through the page: typing in Web Chat's send box and pressing
 * Enter, or clicking the buttons Web Chat rendered.
 */
class WebChatPerson {
  readonly received: Partial<Activity>[] = [];
  readonly problems: string[] = [];
  readonly transcript: string[] = [];

  constructor(readonly page: Page) {
    page.on('response', (response) => {
      const isPoll = response.request().method() === 'GET' && /\/v3\/directline\/conversations\/[^/]+\/activities/.test(response.url());
      if (!isPoll || response.status() !== 200) return;
      void response.json().then(
        (body: { activities: Partial<Activity>[] }) => this.received.push(...body.activities.filter((a) => a.from?.role === 'bot')),
        () => undefined,
      );
    });
    page.on('console', (message) => {
      if (message.type() === 'error' || /Content.Security.Policy/i.test(message.text())) this.problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => this.problems.push(`page error: ${error.message}`));
  }

  get sendBox() {
    return this.page.locator('[data-id="webchat-sendbox-input"]');
  }

  /** Waits until the bot has said every sentence of `keys` since `from`; returns the bot's activities since then. */
  async expect(language: string, keys: string[], from: number): Promise<Partial<Activity>[]> {
    const deadline = Date.now() + REPLY_TIMEOUT_MS;
    for (;;) {
      const replies = this.received.slice(from);
      if (keys.every((key) => saysKey(replies, language, key))) {
        this.transcript.push(describeReplies(replies));
        return replies;
      }
      if (Date.now() > deadline) {
        assert.fail(`expected ${language}:${keys.join(', ')}; the page got:\n${describeReplies(replies)}\n--- transcript ---\n${this.transcript.join('\n')}\n${this.problems.join('\n')}`);
      }
      await sleep(100);
    }
  }

  async type(text: string, language: string, keys: string[]): Promise<Partial<Activity>[]> {
    const from = this.received.length;
    this.transcript.push(`> ${text} (typed)`);
    await this.sendBox.fill(text);
    await this.sendBox.press('Enter');
    return this.expect(language, keys, from);
  }

  /** A suggested action as Web Chat shows it (its screen-reader live region holds hidden copies). */
  suggestedAction(title: string) {
    return this.page.locator('.webchat__suggested-actions').getByRole('button', { name: title, exact: true });
  }

  /** Clicks the suggested action Web Chat shows with this title. */
  async click(title: string, language: string, keys: string[]): Promise<Partial<Activity>[]> {
    const from = this.received.length;
    this.transcript.push(`> ${title} (clicked)`);
    await this.suggestedAction(title).click();
    return this.expect(language, keys, from);
  }

  /** The notice as Web Chat rendered it: an Adaptive Card showing the receipt number. */
  async noticeCard(): Promise<{ receiptNumber: string }> {
    const card = this.page.locator('.ac-adaptiveCard').filter({ hasText: RECEIPT }).last();
    await card.waitFor({ state: 'visible', timeout: REPLY_TIMEOUT_MS });
    await card.scrollIntoViewIfNeeded();
    const receiptNumber = RECEIPT.exec(await card.innerText())?.[0];
    assert.ok(receiptNumber, 'the card shows the receipt number');
    return { receiptNumber };
  }

  async pageLanguage(): Promise<{ lang: string; dir: string }> {
    const html = this.page.locator('html');
    return { lang: (await html.getAttribute('lang')) ?? '', dir: (await html.getAttribute('dir')) ?? '' };
  }
}

function chromiumOrExplain(): string {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: the end-to-end test drives Debian's Chromium (it never downloads a browser). Install it with: apt-get install chromium`);
  }
  return CHROMIUM;
}

describe('the Web Chat page, in headless Chromium', function () {
  this.timeout(180_000);
  let bot: RunningBot;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  before(async () => {
    const executablePath = chromiumOrExplain();
    mkdirSync(ARTIFACTS, { recursive: true });
    const config = loadConfig({ PORT: '0', LOG_LEVEL: 'silent', PERSON_KEY_SECRET: 'e2e-test' });
    bot = await startBot(config, { clock: fixedClock(TEST_NOW), logger: createLogger('silent') });
    browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  });

  after(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await bot?.close();
  });

  async function open(locale: string): Promise<WebChatPerson> {
    const context = await browser.newContext({ locale, viewport: { width: 900, height: 1400 } });
    contexts.push(context);
    const person = new WebChatPerson(await context.newPage());
    await person.page.goto(bot.url);
    return person;
  }

  it('books by typing and clicking, shows the notice card, and cancels by the receipt number (English)', async () => {
    const en = translator.for('en');
    const p = await open('en-US');
    assert.deepEqual(await p.pageLanguage(), { lang: 'en', dir: 'ltr' });

    // The welcome and the language menu come before anything is typed.
    await p.expect('en', ['welcome.greeting', 'language.prompt'], 0);
    await p.suggestedAction('Español').waitFor();
    await p.click('English', 'en', ['language.chosen', 'menu.prompt']);
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
    await p.page.screenshot({ path: path.join(ARTIFACTS, 'notice.png') });

    await p.type(receiptNumber, 'en', ['cancel.dobPrompt']);
    const confirm = await p.type('July 15, 1975', 'en', ['cancel.confirm']);
    await p.type(suggestedTitles(confirm)[0], 'en', ['cancel.done']);
    assert.deepEqual(p.problems, [], 'no CSP violation, console error or page error');
  });

  it('follows the browser, then the bot, into Arabic, right to left, and books in Arabic', async () => {
    const ar = translator.for('ar');
    const p = await open('es-MX');
    assert.deepEqual(await p.pageLanguage(), { lang: 'es', dir: 'ltr' }, 'the page starts in the browser language');
    await p.expect('es', ['welcome.greeting', 'language.prompt'], 0);

    await p.click('العربية', 'ar', ['language.chosen', 'menu.prompt']);
    await p.page.locator('html[dir="rtl"]').waitFor({ state: 'attached' });
    assert.deepEqual(await p.pageLanguage(), { lang: 'ar', dir: 'rtl' });
    assert.equal(await p.page.locator('#webchat [dir="rtl"]').count() > 0, true, 'Web Chat itself renders right to left');

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
    await p.page.screenshot({ path: path.join(ARTIFACTS, 'notice-ar.png') });
    assert.deepEqual(await p.pageLanguage(), { lang: 'ar', dir: 'rtl' });
    assert.deepEqual(p.problems, [], 'no CSP violation, console error or page error');
  });
});
