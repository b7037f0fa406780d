/**
 * Section 508 (WCAG 2.1 AA) of the pages the bot serves, in headless Chromium: axe-core on the
 * Web Chat page and the printable notice page, a booking made with the keyboard alone, and the
 * printed notice on one page of Letter and of A4.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Activity } from 'botbuilder';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { RunningBot } from '../../src/composition/startBot';
import { buildNotice } from '../../src/domain/appointments/notice';
import { noticePage } from '../../src/http/noticePage';
import { formatOfficeAddress } from '../../src/domain/offices/address';
import { loadOfficeDirectory } from '../../src/domain/offices/officeDirectory';
import { sharedZipTable } from '../../src/infra/zipcodes/zipTable';
import { LANGUAGES } from '../../src/domain/languages';
import { MAX_NAME_LENGTH } from '../../src/domain/personName';
import { REASON_CODES, ADVISORY_ONLY, type ReasonCode } from '../../src/domain/reasons';
import type { Appointment } from '../../src/domain/appointments/types';
import { HttpConversation } from '../support/httpConversation';
import { describeReplies, saysKey, suggestedTitles, translator } from '../support/replies';
import { type AxeFigures, expectNoAxeViolations } from './axe';
import { ARTIFACTS, PUBLIC_BASE_URL, WebChatPerson, launchChromium, localUrl, startTestBot } from './browser';

/** What a person answers at each step of a booking over HTTP, in their language. */
interface Booking {
  language: string;
  /** The language as typed to choose it. */
  languageName: string;
  yes: string;
  zip: string;
  reason: ReasonCode;
  name: string;
  dob: string;
  when: string;
}

/**
 * The longest notice a booking makes today: Tagalog is the longest translation, Anchorage's the
 * longest address (the last test recomputes both from the locales and the office data).
 */
const LONGEST_BOOKING: Booking = {
  language: 'tl',
  languageName: 'Tagalog',
  yes: 'opo',
  zip: '99501',
  reason: 'contact_center_followup',
  name: 'Maria Concepcion Esperanza Dela Cruz-Bautista de los Santos y Villanueva',
  dob: 'Marso 4, 1980',
  when: 'Huwebes ng alas-10 ng umaga',
};

const BOOKINGS: readonly Booking[] = [
  {
    language: 'en',
    languageName: 'English',
    yes: 'yes',
    zip: '10001',
    reason: 'pending_case',
    // Not the keyboard test's person: the bot keeps one active appointment per person.
    name: 'Mary Johnson',
    dob: '03/14/1980',
    when: 'next Thursday at 2pm',
  },
  {
    language: 'ar',
    languageName: 'العربية',
    yes: 'نعم',
    zip: '10001',
    reason: 'ead_inquiry',
    name: 'محمد عبد الرحمن الهاشمي',
    // Numeric, so that this check of the page does not wait on month names.
    dob: '14/03/1980',
    when: 'الخميس الساعة 10 صباحا',
  },
  LONGEST_BOOKING,
];

const PAPER_FORMATS = ['Letter', 'A4'] as const;

/** Pages of a PDF: its page objects (`/Type /Page`), not the page tree nodes (`/Type /Pages`). */
function pdfPageCount(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type\s*\/Page(?![A-Za-z])/g)?.length ?? 0;
}

/** Books over the Bot Framework protocol; returns the notice's printable page on the test server. */
async function bookForNotice(bot: RunningBot, b: Booking): Promise<string> {
  const t = translator.for(b.language);
  const c = new HttpConversation(bot.url);
  const turn = async (text: string, keys: string[]): Promise<Partial<Activity>[]> => {
    const replies = await c.send(text);
    for (const key of keys) {
      assert.ok(
        saysKey(replies, b.language, key),
        `after "${text}" expected ${b.language}:${key}, got:\n${describeReplies(replies)}\n${c.transcript.join('\n')}`,
      );
    }
    return replies;
  };
  await c.join();
  await turn(b.languageName, ['language.chosen', 'menu.prompt']);
  await turn(t('menu.book'), ['location.zipPrompt']);
  await turn(b.zip, ['location.office']);
  await turn(b.yes, ['booking.reasonPrompt']);
  await turn(t(`reasons.${b.reason}`), ['details.namePrompt']);
  await turn(b.name, ['details.dobPrompt']);
  await turn(b.dob, ['details.phonePrompt']);
  await turn('212-736-5000', ['slots.prompt']);
  const offer = await turn(b.when, ['slots.offerExact']);
  await turn(suggestedTitles(offer)[0], ['booking.summary']);
  const notice = (await turn(b.yes, ['notice.text'])).find((a) => a.attachments?.length);
  const actions = (notice?.attachments?.[0]?.content as { actions?: { url: string }[] } | undefined)?.actions;
  const print = actions?.[0]?.url;
  assert.ok(print, `the notice card links to its printable page:\n${c.transcript.join('\n')}`);
  return localUrl(bot, print);
}

interface FocusedElement {
  dataId: string;
  className: string;
  text: string;
}

async function focusedElement(page: Page): Promise<FocusedElement> {
  const el = page.locator(':focus');
  if ((await el.count()) === 0) return { dataId: '', className: '', text: '' };
  return {
    dataId: (await el.getAttribute('data-id')) ?? '',
    className: (await el.getAttribute('class')) ?? '',
    text: ((await el.textContent()) ?? '').trim(),
  };
}

const isSendBox = (f: FocusedElement) => f.dataId === 'webchat-sendbox-input';
const isTranscript = (f: FocusedElement) => f.className.split(/\s+/).includes('webchat__basic-transcript');
const isSuggestedAction = (f: FocusedElement) => /\bwebchat__suggested-action\b/.test(f.className);

/**
 * A person who uses only the keyboard: Tab and Shift+Tab move between Web Chat's parts, the arrow
 * keys between the suggested actions (Web Chat gives the row one tab stop), Enter sends or picks.
 */
class KeyboardPerson {
  readonly keys: string[] = [];

  constructor(readonly person: WebChatPerson) {}

  get page(): Page {
    return this.person.page;
  }

  private async press(key: string): Promise<void> {
    this.keys.push(key);
    await this.page.keyboard.press(key);
  }

  /** Presses `key` until the focus is where `wanted` says; fails after `max` presses. */
  async moveFocus(key: string, wanted: (f: FocusedElement) => boolean, what: string, max = 15): Promise<void> {
    for (let presses = 0; !wanted(await focusedElement(this.page)); presses++) {
      assert.ok(
        presses < max,
        `${what} is not reached with ${key} (${max} presses); the focus is on ${JSON.stringify(await focusedElement(this.page))}`,
      );
      await this.press(key);
    }
  }

  async type(text: string, language: string, keys: string[]): Promise<Partial<Activity>[]> {
    await this.moveFocus('Tab', isSendBox, 'the send box');
    const from = this.person.received.length;
    this.person.transcript.push(`> ${text} (typed)`);
    this.keys.push(`"${text}"`);
    await this.page.keyboard.type(text);
    await this.press('Enter');
    return this.person.expect(language, keys, from);
  }

  /**
   * Into the transcript (Shift+Tab), up its messages (Web Chat's arrow keys) to the one that
   * shows `text`, and into that message (Enter), whose buttons Tab then reaches.
   */
  async enterMessage(text: string): Promise<void> {
    await this.moveFocus('Shift+Tab', isTranscript, 'the transcript');
    const activeMessage = async () => {
      const id = await this.page.locator(':focus').getAttribute('aria-activedescendant');
      return id ? ((await this.page.locator(`[id="${id}"]`).textContent()) ?? '') : '';
    };
    for (let presses = 0; !(await activeMessage()).includes(text); presses++) {
      assert.ok(presses < 30, `no message showing "${text}" is reached with ArrowUp`);
      await this.press('ArrowUp');
    }
    await this.press('Enter');
  }

  /** Tab to the button or link named `label`, then Enter. */
  async activate(label: string): Promise<void> {
    await this.moveFocus('Tab', (f) => f.text === label, `"${label}"`);
    await this.press('Enter');
  }

  /** From the send box back to the row of suggested actions, along it to `title`, and Enter. */
  async choose(title: string, language: string, keys: string[]): Promise<Partial<Activity>[]> {
    await this.person.suggestedAction(title).waitFor();
    await this.moveFocus('Tab', isSendBox, 'the send box');
    await this.moveFocus('Shift+Tab', isSuggestedAction, 'the suggested actions');
    const next = (await this.page.locator('html').getAttribute('dir')) === 'rtl' ? 'ArrowLeft' : 'ArrowRight';
    await this.moveFocus(next, (f) => isSuggestedAction(f) && f.text === title, `the suggested action "${title}"`, 20);
    const from = this.person.received.length;
    this.person.transcript.push(`> ${title} (chosen with the keyboard)`);
    await this.press('Enter');
    return this.person.expect(language, keys, from);
  }
}

describe('accessibility (Section 508, WCAG 2.1 AA), in headless Chromium', function () {
  this.timeout(180_000);
  let bot: RunningBot;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const figures: AxeFigures[] = [];
  const noticePages = new Map<string, string>();

  before(async () => {
    bot = await startTestBot({ publicBaseUrl: PUBLIC_BASE_URL });
    browser = await launchChromium();
  });

  after(async () => {
    if (figures.length > 0) writeFileSync(path.join(ARTIFACTS, 'axe.json'), `${JSON.stringify(figures, null, 2)}\n`);
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await bot?.close();
  });

  async function newPage(locale: string): Promise<Page> {
    const context = await browser.newContext({ locale, viewport: { width: 900, height: 1400 } });
    contexts.push(context);
    return context.newPage();
  }

  async function open(locale: string): Promise<WebChatPerson> {
    const person = new WebChatPerson(await newPage(locale));
    await person.page.goto(bot.url);
    return person;
  }

  async function axe(page: Page, label: string): Promise<void> {
    figures.push(await expectNoAxeViolations(page, label));
  }

  /** The printable page of a booking made in `language` (booked once, for every test that needs it). */
  async function noticePageOf(language: string): Promise<string> {
    const known = noticePages.get(language);
    if (known) return known;
    const booking = BOOKINGS.find((b) => b.language === language);
    assert.ok(booking, `no booking script in ${language}`);
    const url = await bookForNotice(bot, booking);
    noticePages.set(language, url);
    return url;
  }

  it('the Web Chat page in English has no violation before and after the first answer', async () => {
    const en = translator.for('en');
    const p = await open('en-US');
    await p.expect('en', ['welcome.greeting', 'understanding.languageUsed', 'menu.prompt'], 0);
    await p.suggestedAction(en('menu.book')).waitFor();
    await axe(p.page, 'Web Chat, English, before the first answer');

    await p.click(en('menu.book'), 'en', ['location.zipPrompt']);
    await p.suggestedAction(en('location.outside')).waitFor();
    await axe(p.page, 'Web Chat, English, after the first answer');
    assert.deepEqual(p.problems, []);
  });

  it('the list of languages, each in its own name and script, has no violation', async () => {
    const p = await open('ja-JP');
    await p.expect('en', ['welcome.greeting', 'language.prompt'], 0);
    await p.suggestedAction('العربية').waitFor();
    await axe(p.page, 'Web Chat, the list of languages');
    assert.deepEqual(p.problems, []);
  });

  it('the Web Chat page in Arabic, right to left, has no violation before and after the first answer', async () => {
    const ar = translator.for('ar');
    const p = await open('ar');
    await p.expect('ar', ['welcome.greeting', 'understanding.languageUsed', 'menu.prompt'], 0);
    await p.suggestedAction(ar('menu.book')).waitFor();
    assert.deepEqual(await p.pageLanguage(), { lang: 'ar', dir: 'rtl' });
    await axe(p.page, 'Web Chat, Arabic, before the first answer');

    await p.click(ar('menu.book'), 'ar', ['location.zipPrompt']);
    await p.suggestedAction(ar('location.outside')).waitFor();
    assert.deepEqual(await p.pageLanguage(), { lang: 'ar', dir: 'rtl' });
    await axe(p.page, 'Web Chat, Arabic, after the first answer');
    assert.deepEqual(p.problems, []);
  });

  it('books a whole appointment with the keyboard alone, from the send box it reaches with Tab and shows focused', async () => {
    const en = translator.for('en');
    const p = await open('en-US');
    const k = new KeyboardPerson(p);
    await p.expect('en', ['welcome.greeting', 'understanding.languageUsed', 'menu.prompt'], 0);
    await p.suggestedAction(en('menu.book')).waitFor();

    // WCAG 2.4.7: the send box looks different when it has the keyboard's focus (the caret,
    // which Playwright hides in screenshots, does not count).
    const sendBoxArea = p.page.locator('.webchat__send-box__main');
    await k.moveFocus('Tab', isSendBox, 'the send box');
    await p.page.waitForTimeout(300); // past any transition
    const focused = await sendBoxArea.screenshot();
    await k.moveFocus('Shift+Tab', (f) => !isSendBox(f), 'another element');
    await p.page.waitForTimeout(300);
    const unfocused = await sendBoxArea.screenshot();
    assert.ok(!focused.equals(unfocused), 'the send box shows a focus indicator');
    writeFileSync(path.join(ARTIFACTS, 'sendbox-focused.png'), focused);

    await k.choose(en('menu.book'), 'en', ['location.zipPrompt']);
    await k.type('10001', 'en', ['location.office']);
    await k.choose(en('common.yes'), 'en', ['booking.reasonPrompt']);
    await k.type('Question about a pending case', 'en', ['details.namePrompt']);
    await k.type('John Smith', 'en', ['details.dobPrompt']);
    await k.type('07/15/1975', 'en', ['details.phonePrompt']);
    await k.type('212-736-5000', 'en', ['slots.prompt']);
    const offer = await k.type('next Thursday at 2pm', 'en', ['slots.offerExact']);
    await k.choose(suggestedTitles(offer)[0], 'en', ['booking.summary']);
    await k.choose(en('common.yes'), 'en', ['notice.text', 'menu.prompt']);

    const { receiptNumber } = await p.noticeCard();
    await p.page.screenshot({ path: path.join(ARTIFACTS, 'notice-keyboard.png') });
    await axe(p.page, 'Web Chat, English, showing the notice card');

    // The card's "Print notice" opens the printable page; its public address is served here.
    await p.page.context().route(`${PUBLIC_BASE_URL}/**`, async (route) => {
      await route.fulfill({ response: await route.fetch({ url: localUrl(bot, route.request().url()) }) });
    });
    await k.enterMessage(receiptNumber);
    const opened = p.page.context().waitForEvent('page');
    await k.activate(en('notice.printAction'));
    const printable = await opened;
    await printable.waitForLoadState();
    assert.ok((await printable.locator('main').innerText()).includes(receiptNumber), 'the printable notice opens from the card');
    assert.deepEqual(p.problems, [], 'no CSP violation, console error or page error');
    writeFileSync(path.join(ARTIFACTS, 'keyboard-booking.txt'), `${k.keys.join(' ')}\n`);
  });

  for (const language of ['en', 'ar']) {
    it(`the printable notice page has no violation (${language})`, async () => {
      const page = await newPage(language);
      const response = await page.goto(await noticePageOf(language));
      assert.equal(response?.status(), 200);
      assert.equal(await page.locator('html').getAttribute('lang'), language);
      await page.screenshot({ path: path.join(ARTIFACTS, `notice-page-${language}.png`), fullPage: true });
      await axe(page, `printable notice, ${language === 'ar' ? 'Arabic' : 'English'}`);
      // WCAG 1.4.10 (reflow), which axe does not check: at 320 CSS pixels nothing scrolls sideways.
      await page.setViewportSize({ width: 320, height: 640 });
      const widths = await page.locator('html').evaluate((html) => ({ content: html.scrollWidth, window: html.clientWidth }));
      assert.ok(widths.content <= widths.window, `at 320 px the page is ${widths.content} px wide`);
    });
  }

  it('prints the longest notice (Tagalog, Anchorage, a long name) on one Letter page and one A4 page', async () => {
    const page = await newPage('tl');
    await page.goto(await noticePageOf(LONGEST_BOOKING.language));
    assert.ok((await page.locator('main').innerText()).includes(LONGEST_BOOKING.name));
    for (const format of PAPER_FORMATS) {
      const pdf = await page.pdf({ format, printBackground: true, path: path.join(ARTIFACTS, `notice-tl-${format}.pdf`) });
      assert.equal(pdfPageCount(pdf), 1, `the Tagalog notice prints on one ${format} page`);
    }
  });

  it('prints every language’s longest notice, with the longest name the bot accepts, on one page of each paper', async () => {
    const offices = loadOfficeDirectory(sharedZipTable).all();
    const longestAddress = (o: (typeof offices)[number]) => o.name.length + formatOfficeAddress(o).length;
    const office = offices.reduce((a, b) => (longestAddress(b) > longestAddress(a) ? b : a));
    const name = 'Maria Concepcion Esperanza Dela Cruz-Bautista de los Santos y Villanueva Macapagal Rodriguez Gonzalez'.slice(
      0,
      MAX_NAME_LENGTH,
    );
    const page = await newPage('en');
    for (const language of LANGUAGES) {
      const t = translator.for(language.code);
      const notices = REASON_CODES.filter((r) => !ADVISORY_ONLY.has(r)).map((reason) => {
        const appointment: Appointment = {
          receiptNumber: 'IP7K3MQ9XD2HBWX',
          officeCode: office.code,
          slotStart: '2026-12-02T15:00:00.000Z',
          reason,
          name,
          dobVerifier: 'not-used-here',
          phone: '+12127365000',
          language: language.code,
          personKey: 'not-used-here',
          status: 'booked',
          createdAt: '2026-12-01T14:00:00.000Z',
          rescheduleCount: 0,
        };
        return buildNotice(appointment, office, t, language.code, { medium: 'page' });
      });
      const size = (n: (typeof notices)[number]) => JSON.stringify([n.facts, n.documents, n.instructions]).length;
      const longest = notices.reduce((a, b) => (size(b) > size(a) ? b : a));
      await page.setContent(
        noticePage(longest, { lang: language.code, calendar: { url: 'token.ics', label: t('notice.calendarAction') } }),
      );
      for (const format of PAPER_FORMATS) {
        const pages = pdfPageCount(await page.pdf({ format, printBackground: true }));
        assert.equal(pages, 1, `${language.code}: the notice at ${office.code} prints on ${pages} ${format} pages`);
      }
    }
  });
});
