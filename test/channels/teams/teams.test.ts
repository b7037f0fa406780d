import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { CardFactory, type Activity, type Attachment } from 'botbuilder';
import { startBot, type RunningBot } from '../../../src/composition/startBot';
import { loadConfig } from '../../../src/config';
import { createLogger } from '../../../src/logger';
import { fixedClock } from '../../../src/domain/clock';
import {
  answerFromValue,
  readTeamsMessage,
  renderTeamsActivity,
  TEAMS_MAX_SUGGESTED_ACTIONS,
} from '../../../src/channels/teams/teamsMiddleware';
import { sharedTestRedisUrl } from '../../support/redisServer';
import { TEST_NOW } from '../../support/dialogHarness';
import { HttpConversation } from '../../support/httpConversation';
import { describeReplies, saysKey, suggestedTitles, translator } from '../../support/replies';

const BOT = { id: '28:11111111-2222-3333-4444-555555555555', name: 'InfoPass' };
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const MENTION_TEXT = `<at>${BOT.name}</at>`;
const ADAPTIVE = 'application/vnd.microsoft.card.adaptive';

interface CardContent {
  version?: string;
  body?: { type: string; actions?: { type: string; title: string; data?: { text?: string } }[] }[];
  msteams?: { width?: string };
}

function adaptiveCards(replies: Partial<Activity>[]): CardContent[] {
  return replies
    .flatMap((r) => r.attachments ?? [])
    .filter((a) => a.contentType === ADAPTIVE)
    .map((a) => a.content as CardContent);
}

/** The answers offered on an answer card (Action.Submit buttons), of the last reply that has one. */
function cardAnswers(replies: Partial<Activity>[]): string[] {
  for (const card of adaptiveCards(replies).reverse()) {
    const answers = (card.body ?? [])
      .flatMap((e) => (e.type === 'ActionSet' ? (e.actions ?? []) : []))
      .filter((a) => a.type === 'Action.Submit');
    if (answers.length > 0) return answers.map((a) => a.data?.text ?? '');
  }
  return [];
}

/** A person in Teams: a 1:1 chat with the bot, or a channel where they @mention it. */
class TeamsChat {
  private readonly http: HttpConversation;
  private readonly conversation: Partial<Activity>['conversation'];
  readonly transcript: string[] = [];
  /** Every reply of the conversation, to check what Teams was sent. */
  readonly allReplies: Partial<Activity>[] = [];
  last: Partial<Activity>[] = [];

  constructor(
    baseUrl: string,
    private readonly kind: 'personal' | 'channel',
    private readonly client: { locale?: string; clientInfoLocale?: string } = {},
  ) {
    this.http = new HttpConversation(baseUrl, 'msteams');
    this.conversation =
      kind === 'personal'
        ? { id: `a:1${randomUUID().replace(/-/g, '')}`, conversationType: 'personal', tenantId: TENANT, isGroup: false, name: '' }
        : {
            id: `19:${randomUUID().replace(/-/g, '')}@thread.tacv2;messageid=1764597600000`,
            conversationType: 'channel',
            tenantId: TENANT,
            isGroup: true,
            name: '',
          };
  }

  private activity(partial: Partial<Activity>): Partial<Activity> {
    const clientInfo = {
      type: 'clientInfo',
      locale: this.client.clientInfoLocale ?? this.client.locale ?? 'en-US',
      country: 'US',
      platform: 'Web',
      timezone: 'America/New_York',
    };
    return this.http.activity({
      serviceUrl: 'https://smba.trafficmanager.net/amer/',
      from: { id: `29:${this.http.userId}`, name: 'Ana Pérez', aadObjectId: randomUUID() },
      recipient: BOT,
      conversation: this.conversation as Activity['conversation'],
      channelData: {
        tenant: { id: TENANT },
        ...(this.kind === 'channel'
          ? { teamsChannelId: '19:general@thread.tacv2', teamsTeamId: '19:team@thread.tacv2', channel: { id: '19:general@thread.tacv2' } }
          : {}),
      },
      entities: [clientInfo, ...(partial.entities ?? [])],
      ...(this.client.locale ? { locale: this.client.locale } : {}),
      ...partial,
      ...(partial.entities ? { entities: [clientInfo, ...partial.entities] } : {}),
    });
  }

  private async post(activity: Partial<Activity>, label: string): Promise<Partial<Activity>[]> {
    const { status, replies } = await this.http.post(activity);
    assert.equal(status, 200, `POST /api/messages answered ${status}`);
    this.transcript.push(`> ${label}`, describeReplies(replies));
    this.allReplies.push(...replies);
    this.last = replies;
    return replies;
  }

  /** The app is installed in the personal scope: Teams sends conversationUpdate. */
  install(): Promise<Partial<Activity>[]> {
    return this.post(
      this.activity({
        type: 'conversationUpdate',
        membersAdded: [BOT, { id: `29:${this.http.userId}`, name: 'Ana Pérez' }],
        text: undefined,
      }),
      '(installs the app)',
    );
  }

  /** Types a message; in a channel it starts with the bot's @mention, as Teams sends it. */
  say(text: string): Promise<Partial<Activity>[]> {
    if (this.kind === 'personal') return this.post(this.activity({ text, textFormat: 'plain' }), text);
    const mention = { type: 'mention', mentioned: BOT, text: MENTION_TEXT };
    return this.post(this.activity({ text: `${MENTION_TEXT} ${text}\n`, textFormat: 'plain', entities: [mention] }), `@InfoPass ${text}`);
  }

  /** Clicks an Action.Submit button: Teams sends a message with the button's data as `value` and no text. */
  click(answer: string): Promise<Partial<Activity>[]> {
    const offered = [...cardAnswers(this.last), ...suggestedTitles(this.last)];
    assert.ok(offered.includes(answer), `no button "${answer}" in:\n${describeReplies(this.last)}\n${JSON.stringify(offered)}`);
    return this.post(
      this.activity({ text: undefined, value: { text: answer }, channelData: { postBack: true, tenant: { id: TENANT } } }),
      `(clicks "${answer}")`,
    );
  }

  expect(language: string, keys: string[]): void {
    for (const key of keys) assert.ok(saysKey(this.last, language, key), `expected ${language}:${key}\n${this.transcript.join('\n')}`);
  }
}

describe('Teams (activities shaped as Teams sends them)', function () {
  let bot: RunningBot;
  let prefixCounter = 0;

  beforeEach(async () => {
    prefixCounter += 1;
    const config = loadConfig({
      PORT: '0',
      LOG_LEVEL: 'silent',
      REDIS_URL: await sharedTestRedisUrl(),
      REDIS_KEY_PREFIX: `teams${prefixCounter}-${process.pid}`,
      PERSON_KEY_SECRET: 'teams-test',
    });
    bot = await startBot(config, { clock: fixedClock(TEST_NOW), logger: createLogger('silent') });
  });

  afterEach(async () => {
    await bot.close();
  });

  it('books in a 1:1 chat by card buttons and typing, in the language of the Teams client, then cancels in a channel by @mention', async () => {
    const es = translator.for('es');
    const chat = new TeamsChat(bot.url, 'personal', { locale: 'es-MX' });
    await chat.install();
    // The client's locale is one of ours: greeted in it, with the menu (issue 21), not the language list.
    chat.expect('es', ['welcome.greeting', 'understanding.languageUsed', 'menu.prompt']);
    assert.ok(
      cardAnswers(chat.last).includes(es('menu.book')),
      'the 4 choices are buttons on a card (Teams shows only 3 suggested actions)',
    );
    assert.ok(chat.last.every((r) => !r.suggestedActions || r.suggestedActions.actions.length <= TEAMS_MAX_SUGGESTED_ACTIONS));

    await chat.click(es('menu.book'));
    chat.expect('es', ['location.zipPrompt']);
    assert.deepEqual(suggestedTitles(chat.last), [es('location.outside')], 'one suggestion stays a suggested action');
    await chat.say('10001');
    chat.expect('es', ['location.office']);
    await chat.click(es('common.yes'));
    chat.expect('es', ['booking.reasonPrompt']);
    await chat.click(es('reasons.pending_case'));
    chat.expect('es', ['details.namePrompt']);
    await chat.say('José Martínez');
    await chat.say('15/07/1975');
    chat.expect('es', ['details.phonePrompt']);
    await chat.say('(212) 736-5000');
    chat.expect('es', ['slots.prompt']);
    await chat.say('el jueves a las 2 de la tarde');
    chat.expect('es', ['slots.offerExact']);
    const slots = [...cardAnswers(chat.last), ...suggestedTitles(chat.last)];
    assert.ok(slots.length >= 2, chat.transcript.join('\n'));
    await chat.click(slots[0]);
    chat.expect('es', ['booking.summary']);
    await chat.click(es('common.yes'));
    chat.expect('es', ['notice.text']);

    const noticeReply = chat.last.find((r) => r.attachments?.some((a) => a.contentType === ADAPTIVE));
    assert.ok(noticeReply, chat.transcript.join('\n'));
    const notice = adaptiveCards([noticeReply])[0];
    assert.equal(notice.msteams?.width, 'Full');
    const receipt = /IP-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]/.exec(noticeReply.text ?? '')?.[0];
    assert.ok(receipt, 'the notice message carries the receipt number');

    for (const card of adaptiveCards(chat.allReplies)) {
      const [major, minor] = (card.version ?? '').split('.').map(Number);
      assert.ok(major === 1 && minor <= 5, `card schema ${card.version} is within 1.5`);
    }

    // In a team channel, every message to the bot starts with its @mention.
    const channel = new TeamsChat(bot.url, 'channel', { locale: 'en-US' });
    await channel.say(receipt);
    channel.expect('en', ['cancel.dobPrompt']);
    await channel.say('July 15, 1975');
    channel.expect('en', ['cancel.confirm']);
    await channel.say('yes');
    channel.expect('en', ['cancel.done']);
  });

  it('takes the language from the clientInfo entity when the activity has no locale', async () => {
    const chat = new TeamsChat(bot.url, 'personal', { clientInfoLocale: 'fr-FR' });
    await chat.install();
    chat.expect('fr', ['welcome.greeting', 'understanding.languageUsed', 'menu.prompt']);
  });

  it('shows the 13 languages as buttons on a card when the client says no language of ours', async () => {
    const chat = new TeamsChat(bot.url, 'personal', { locale: 'ja-JP' });
    await chat.install();
    chat.expect('en', ['welcome.greeting', 'language.prompt']);
    assert.ok(cardAnswers(chat.last).includes('Español'), 'the 13 languages are buttons on a card (Teams shows only 3 suggested actions)');
    assert.ok(chat.last.every((r) => !r.suggestedActions || r.suggestedActions.actions.length <= TEAMS_MAX_SUGGESTED_ACTIONS));
    await chat.click('Español');
    chat.expect('es', ['language.chosen', 'menu.prompt']);
  });

  it('strips the @mention in a channel before reading what was typed', async () => {
    const en = translator.for('en');
    const chat = new TeamsChat(bot.url, 'channel', { locale: 'en-US' });
    await chat.say('hello');
    // A channel locale we speak: no language list (issue 21), the menu at once.
    chat.expect('en', ['understanding.languageUsed', 'menu.prompt']);
    await chat.say('English');
    chat.expect('en', ['language.chosen', 'menu.prompt']);
    await chat.say(en('menu.book'));
    chat.expect('en', ['location.zipPrompt']);
    await chat.say('10001');
    chat.expect('en', ['location.office']);
  });
});

describe('Teams rendering and reading', () => {
  const activity = (partial: Partial<Activity>): Activity =>
    ({ type: 'message', channelId: 'msteams', recipient: BOT, ...partial }) as Activity;

  it("removes the bot's @mention, and only the bot's", () => {
    const a = activity({
      text: `${MENTION_TEXT} cancel for <at>Maria</at>`,
      entities: [
        { type: 'mention', mentioned: BOT, text: MENTION_TEXT },
        { type: 'mention', mentioned: { id: '29:maria', name: 'Maria' }, text: '<at>Maria</at>' },
      ],
    });
    readTeamsMessage(a);
    assert.equal(a.text, 'cancel for <at>Maria</at>');
  });

  it("reads a card button's value as the answer when there is no text", () => {
    const a = activity({ text: undefined, value: { text: 'Español' } });
    readTeamsMessage(a);
    assert.equal(a.text, 'Español');
    const typed = activity({ text: 'yes', value: { text: 'no' } });
    readTeamsMessage(typed);
    assert.equal(typed.text, 'yes', 'typed text wins over a value');
  });

  it('reads a submitted field as the answer when it is the only one', () => {
    assert.equal(answerFromValue({ zip: '10001' }), '10001');
    assert.equal(answerFromValue({ choice: 2 }), '2');
    assert.equal(answerFromValue({ text: ' sí ' }), 'sí');
    assert.equal(answerFromValue({ a: 'x', b: 'y' }), undefined);
    assert.equal(answerFromValue({ msteams: { type: 'imBack' } }), undefined);
    assert.equal(answerFromValue(undefined), undefined);
  });

  it('keeps up to three suggested actions, and puts more on a card of buttons', () => {
    const suggest = (titles: string[]): Partial<Activity> => ({
      type: 'message',
      text: 'Choose',
      suggestedActions: { to: [], actions: titles.map((t) => ({ type: 'imBack', title: t, value: t })) },
    });
    const three = renderTeamsActivity(suggest(['A', 'B', 'C']));
    assert.equal(three.suggestedActions?.actions.length, 3);
    assert.equal(three.attachments, undefined);
    const four = renderTeamsActivity({ ...suggest(['A', 'B', 'C', 'D']), locale: 'ar-u-nu-latn' });
    assert.equal(four.suggestedActions, undefined);
    assert.equal(four.text, 'Choose');
    assert.deepEqual(cardAnswers([four]), ['A', 'B', 'C', 'D']);
    const card = four.attachments?.[0].content as { version: string; rtl: boolean };
    assert.equal(card.version, '1.5');
    assert.equal(card.rtl, true, 'Arabic buttons read right to left');
  });

  it('gives way to the text of a card newer than Teams renders', () => {
    const newer: Attachment = CardFactory.adaptiveCard({
      type: 'AdaptiveCard',
      version: '1.6',
      body: [{ type: 'TextBlock', text: 'Hello' }],
    });
    const rendered = renderTeamsActivity({ type: 'message', attachments: [newer] });
    assert.equal(rendered.attachments, undefined);
    assert.equal(rendered.text, 'Hello');
  });
});
