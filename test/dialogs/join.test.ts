import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { BotConversation, type ChannelSide, TEST_NOW } from '../support/dialogHarness';
import { describeReplies, saysKey, suggestedTitles, translator } from '../support/replies';
import { warmUpDateParsers } from '../../src/domain/dates/parseWhen';
import { LANGUAGES, languageByCode } from '../../src/domain/languages';

/** The locale each language's people's clients send, as browsers and Teams write them (regional, not the bot's own). */
const CLIENT_LOCALES: Readonly<Record<string, string>> = {
  en: 'en-US',
  es: 'es-MX',
  eo: 'eo',
  vi: 'vi-VN',
  zh: 'zh-CN',
  tl: 'tl-PH',
  ru: 'ru-RU',
  pt: 'pt-BR',
  fr: 'fr-CA',
  ko: 'ko-KR',
  pl: 'pl-PL',
  ar: 'ar-EG',
  ht: 'ht-HT',
};

function transcriptOf(conversation: BotConversation): string {
  return conversation.transcript.join('\n');
}

function expectSays(replies: Partial<Activity>[], language: string, keys: string[], conversation: BotConversation): void {
  for (const key of keys) assert.ok(saysKey(replies, language, key), `expected ${language}:${key}:\n${transcriptOf(conversation)}`);
}

describe('joining with a channel locale we speak: greeted in it, told how to change it, no language list (dialogs, issue 21)', () => {
  before(function () {
    this.timeout(60_000);
    warmUpDateParsers(new Date(TEST_NOW));
  });

  for (const { code, nativeName } of LANGUAGES) {
    const locale = CLIENT_LOCALES[code];
    it(`Web Chat's join with locale ${locale}: ${nativeName} at once, and the menu answers in it`, async () => {
      const conversation = new BotConversation(undefined, { channelId: 'webchat', locale });
      const welcome = await conversation.join();
      expectSays(welcome, code, ['welcome.greeting', 'understanding.languageUsed', 'menu.prompt'], conversation);
      assert.ok(!saysKey(welcome, code, 'language.prompt'), transcriptOf(conversation));
      assert.ok(
        welcome.every((r) => r.locale === languageByCode(code).intlLocale),
        describeReplies(welcome),
      );
      const t = translator.for(code);
      assert.deepEqual(suggestedTitles(welcome), [
        t('menu.book'),
        t('menu.cancel'),
        t('menu.documents'),
        t('menu.about'),
        t('menu.lookup'),
        t('menu.reschedule'),
      ]);
      expectSays(await conversation.send(t('menu.book')), code, ['location.zipPrompt'], conversation);
    });
  }

  const LIST: readonly { label: string; side: ChannelSide }[] = [
    { label: 'no locale', side: { channelId: 'webchat' } },
    { label: 'a locale we do not speak (ja-JP)', side: { channelId: 'webchat', locale: 'ja-JP' } },
    { label: "Teams' install with no locale", side: { channelId: 'msteams' } },
  ];
  for (const { label, side } of LIST) {
    it(`with ${label}: the greeting and the list of languages, as before`, async () => {
      const conversation = new BotConversation(undefined, side);
      const welcome = await conversation.join();
      expectSays(welcome, 'en', ['welcome.greeting', 'language.prompt'], conversation);
      assert.equal(suggestedTitles(welcome).length, LANGUAGES.length, describeReplies(welcome));
      expectSays(await conversation.send('Español'), 'es', ['language.chosen', 'menu.prompt'], conversation);
    });
  }

  it("Teams' install with the client's locale in its clientInfo entity (fr-FR): French at once", async () => {
    const conversation = new BotConversation(undefined, { channelId: 'msteams', clientInfoLocale: 'fr-FR' });
    const welcome = await conversation.join();
    expectSays(welcome, 'fr', ['welcome.greeting', 'understanding.languageUsed', 'menu.prompt'], conversation);
  });

  it('a Traditional Chinese client (zh-TW) is greeted in our Chinese, the language it would pick from the list', async () => {
    const conversation = new BotConversation(undefined, { channelId: 'webchat', locale: 'zh-TW' });
    const welcome = await conversation.join();
    expectSays(welcome, 'zh', ['welcome.greeting', 'understanding.languageUsed', 'menu.prompt'], conversation);
    expectSays(await conversation.send('預約'), 'zh', ['location.zipPrompt'], conversation);
  });

  it('the bot itself joining (Teams adds the bot first) greets no one', async () => {
    const conversation = new BotConversation(undefined, { channelId: 'msteams', locale: 'es-MX' });
    const replies = await conversation.sendActivity({ type: 'conversationUpdate', membersAdded: [{ id: 'bot', name: '' }] });
    assert.deepEqual(replies, []);
  });

  describe('the first message typed after such a greeting may still be in another of our languages', () => {
    it('English browser, "Hola, necesito una cita": Spanish from then on, and the booking begins', async () => {
      const conversation = new BotConversation(undefined, { channelId: 'webchat', locale: 'en-US' });
      await conversation.join();
      const replies = await conversation.send('Hola, necesito una cita');
      expectSays(replies, 'es', ['understanding.languageUsed', 'location.zipPrompt'], conversation);
      assert.ok(!saysKey(replies, 'es', 'welcome.greeting'), 'greeted once');
    });

    it('Spanish browser, "hi i need an appointment for my green card, i live in 10001": English, with what it said', async () => {
      const conversation = new BotConversation(undefined, { channelId: 'webchat', locale: 'es-MX' });
      await conversation.join();
      const replies = await conversation.send('hi i need an appointment for my green card, i live in 10001');
      expectSays(replies, 'en', ['understanding.languageUsed', 'recap.office', 'recap.reason', 'details.namePrompt'], conversation);
    });

    it('a greeting in the language already used asks the menu again; a ZIP code begins the booking in it', async () => {
      const conversation = new BotConversation(undefined, { channelId: 'webchat', locale: 'es-MX' });
      await conversation.join();
      const hello = await conversation.send('hola');
      expectSays(hello, 'es', ['menu.prompt'], conversation);
      assert.ok(!saysKey(hello, 'es', 'menu.retry'), transcriptOf(conversation));
      expectSays(await conversation.send('10001'), 'es', ['recap.office', 'booking.reasonPrompt'], conversation);
    });

    it('only the first message: later ones in another language are read in the one chosen', async () => {
      const conversation = new BotConversation(undefined, { channelId: 'webchat', locale: 'es-MX' });
      await conversation.join();
      await conversation.send('1');
      const replies = await conversation.send('I live outside the United States');
      assert.ok(!saysKey(replies, 'en', 'understanding.languageUsed'), transcriptOf(conversation));
    });
  });
});
