import assert from 'node:assert/strict';
import path from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import type { RunningBot } from '../../src/composition/startBot';
import { suggestedTitles, translator } from '../support/replies';
import { ARTIFACTS, WebChatPerson, launchChromium, startTestBot } from './browser';

describe('the Web Chat page, in headless Chromium', function () {
  this.timeout(180_000);
  let bot: RunningBot;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  before(async () => {
    bot = await startTestBot();
    browser = await launchChromium();
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
    await p.page.screenshot({ path: path.join(ARTIFACTS, 'notice-ar.png') });
    assert.deepEqual(await p.pageLanguage(), { lang: 'ar', dir: 'rtl' });
    assert.deepEqual(p.problems, [], 'no CSP violation, console error or page error');
  });

  it('greets with the list of languages when the browser speaks none of ours, and the page follows the one picked', async () => {
    const p = await open('ja-JP');
    assert.deepEqual(await p.pageLanguage(), { lang: 'en', dir: 'ltr' }, "the page's own default");
    await p.expect('en', ['welcome.greeting', 'language.prompt'], 0);
    await p.click('Español', 'es', ['language.chosen', 'menu.prompt']);
    await p.page.locator('html[lang="es"]').waitFor({ state: 'attached' });
    assert.deepEqual(p.problems, []);
  });
});
