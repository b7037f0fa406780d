/**
 * What the end-to-end tests share: Debian's headless Chromium, the bot they start, and a person
 * on the Web Chat page.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Activity } from 'botbuilder';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startBot, type RunningBot } from '../../src/composition/startBot';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { fixedClock } from '../../src/domain/clock';
import { projectRoot } from '../../src/domain/projectPaths';
import { TEST_NOW } from '../support/dialogHarness';
import { realTimeEnvironment } from '../support/redisServer';
import { describeReplies, saysKey } from '../support/replies';

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
export const ARTIFACTS = path.join(projectRoot(), 'test-artifacts');
export const RECEIPT = /IP-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]/;
const REPLY_TIMEOUT_MS = 30_000;

/**
 * The address the bot writes into notice links. Nothing answers there: tests open a link's path
 * on the local server (`localUrl`), as the noticeRoutes test does.
 */
export const PUBLIC_BASE_URL = 'https://infopass.example.org';

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: the end-to-end test drives Debian's Chromium (it never downloads a browser). Install it with: apt-get install chromium`,
    );
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  // Chromium under libfaketime (a run with the clock moved ahead) takes minutes per page: it runs
  // on the real clock, and the bot's fixed clock is what the tests read.
  const env = Object.fromEntries(Object.entries(realTimeEnvironment()).filter((e): e is [string, string] => e[1] !== undefined));
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, env });
}

/** The bot on a free port, in-memory store, its clock fixed at TEST_NOW (Tuesday 1 December 2026). */
export function startTestBot(options: { publicBaseUrl?: string } = {}): Promise<RunningBot> {
  const config = loadConfig({
    PORT: '0',
    LOG_LEVEL: 'silent',
    PERSON_KEY_SECRET: 'e2e-test',
    NOTICE_LINK_SECRET: 'e2e-test-notice-links',
    ...(options.publicBaseUrl ? { PUBLIC_BASE_URL: options.publicBaseUrl } : {}),
  });
  return startBot(config, { clock: fixedClock(TEST_NOW), logger: createLogger('silent') });
}

/** A public notice link, opened on the test's own server. */
export function localUrl(bot: RunningBot, publicUrl: string): string {
  return `${bot.url}${new URL(publicUrl).pathname}`;
}

/**
 * One person on the Web Chat page. What the bot says is read from the activities the page
 * itself received, from its WebSocket stream or by polling (so the test checks the sentences by
 * locale key, whatever their wording); what the person does goes through the page: typing in
 * Web Chat's send box and pressing Enter, or clicking the buttons Web Chat rendered.
 */
export class WebChatPerson {
  readonly received: Partial<Activity>[] = [];
  readonly problems: string[] = [];
  readonly transcript: string[] = [];

  /** How the page received activity sets: over its WebSocket stream, or by polling. */
  readonly transport = { streamed: 0, polled: 0 };

  constructor(readonly page: Page) {
    page.on('response', (response) => {
      const isPoll = response.request().method() === 'GET' && /\/v3\/directline\/conversations\/[^/]+\/activities/.test(response.url());
      if (!isPoll || response.status() !== 200) return;
      this.transport.polled += 1;
      void response.json().then(
        (body: { activities: Partial<Activity>[] }) => this.receive(body.activities),
        () => undefined,
      );
    });
    page.on('websocket', (socket) => {
      if (!/\/v3\/directline\/conversations\/[^/]+\/stream/.test(socket.url())) return;
      socket.on('framereceived', (frame) => {
        const text = typeof frame.payload === 'string' ? frame.payload : frame.payload.toString('utf8');
        if (!text) return;
        this.transport.streamed += 1;
        this.receive((JSON.parse(text) as { activities: Partial<Activity>[] }).activities);
      });
    });
    page.on('console', (message) => {
      if (message.type() === 'error' || /Content.Security.Policy/i.test(message.text())) this.problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => this.problems.push(`page error: ${error.message}`));
  }

  private receive(activities: Partial<Activity>[]): void {
    this.received.push(...activities.filter((a) => a.from?.role === 'bot'));
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
        assert.fail(
          `expected ${language}:${keys.join(', ')}; the page got:\n${describeReplies(replies)}\n--- transcript ---\n${this.transcript.join('\n')}\n${this.problems.join('\n')}`,
        );
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
