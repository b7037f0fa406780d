import assert from 'node:assert/strict';
import { CheckedActivityAdapter } from '../../src/framework/checkedActivityAdapter';
import { createBotAuthentication } from '../../src/http/strictAuthentication';
import { ConnectorClientCache } from '../../src/http/connectorClientCache';
import { DirectLine } from '../../src/http/directLine/directLine';
import { ownDirectLine, ProactiveChatSender } from '../../src/channels/proactive';
import { SendFailed, SendRefused } from '../../src/domain/outreach/delivery';
import { TEST_CLOCK } from '../support/dialogHarness';
import { connectorReference, startBotConnectorStandIn, type BotConnectorStandIn } from '../support/botConnectorStandIn';

describe('proactive chat messages', () => {
  let connector: BotConnectorStandIn;
  let directLine: DirectLine;
  let sender: ProactiveChatSender;

  before(async () => {
    connector = await startBotConnectorStandIn();
    directLine = new DirectLine(async () => undefined, { clock: TEST_CLOCK });
    const adapter = new CheckedActivityAdapter(createBotAuthentication({}, { connectorClients: new ConnectorClientCache() }));
    sender = new ProactiveChatSender({ adapter, botAppId: '', directLine: ownDirectLine(directLine) });
  });
  after(() => connector.close());

  describe('through the Bot Connector (Teams, Azure channels)', () => {
    it('posts a new message into the conversation, as plain text in the given locale', async () => {
      await sender.sendChat(connectorReference(connector.serviceUrl, 'teams-1'), 'Reminder: tomorrow at 9:00', 'es-US');
      const posted = connector.activities.at(-1);
      assert.equal(posted?.conversationId, 'teams-1');
      assert.equal(posted?.replyTo, undefined, 'POST /v3/conversations/{id}/activities, not a reply to an old message');
      assert.deepEqual(
        {
          type: posted?.activity.type,
          text: posted?.activity.text,
          textFormat: posted?.activity.textFormat,
          locale: posted?.activity.locale,
          replyToId: posted?.activity.replyToId,
        },
        { type: 'message', text: 'Reminder: tomorrow at 9:00', textFormat: 'plain', locale: 'es-US', replyToId: undefined },
      );
    });

    it('reads 429 as "later", and a conversation the bot is no longer in as unreachable', async () => {
      connector.failNext('teams-2', 429);
      await assert.rejects(
        sender.sendChat(connectorReference(connector.serviceUrl, 'teams-2'), 'hi'),
        (err) => err instanceof SendFailed && err.detail === 'connector 429',
      );
      connector.forget('teams-3');
      await assert.rejects(
        sender.sendChat(connectorReference(connector.serviceUrl, 'teams-3'), 'hi'),
        (err) => err instanceof SendRefused && err.refusal === 'unreachable',
      );
    });

    it('refuses a reference that is not one', async () => {
      for (const bad of ['not json', '{}', JSON.stringify({ serviceUrl: 'nowhere', conversation: { id: 'x' }, channelId: 'msteams' })]) {
        await assert.rejects(sender.sendChat(bad, 'hi'), (err) => err instanceof SendRefused && err.refusal === 'unreachable', bad);
      }
    });
  });

  describe("into our own Direct Line (the Web Chat page's conversation log)", () => {
    function webChatReference(conversationId: string): string {
      return JSON.stringify({
        activityId: `${conversationId}|0000003`,
        user: { id: 'u_person', name: '', role: 'user' },
        bot: { id: 'infopass-bot', name: 'InfoPass', role: 'bot' },
        conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
        channelId: 'webchat',
        serviceUrl: 'http://127.0.0.1:3978/v3/directline',
      });
    }

    it('appends the message to the conversation, where the open page polls for it', async () => {
      const { conversationId } = directLine.generateToken({ locale: 'ar-EG' });
      const conversation = directLine.conversations.byId(conversationId);
      assert.ok(conversation);
      const { watermark } = directLine.activities(conversation, undefined);
      await sender.sendChat(webChatReference(conversationId), 'تذكير', 'ar-EG');
      const after = directLine.activities(conversation, Number(watermark));
      assert.deepEqual(
        after.activities.map((a) => [a.type, a.text, a.textFormat, a.locale, a.from?.id]),
        [['message', 'تذكير', 'plain', 'ar-EG', 'infopass-bot']],
      );
      assert.equal(connector.activities.filter((a) => a.activity.text === 'تذكير').length, 0, 'no Bot Connector call');
    });

    it('reads a conversation that expired (or lives in another process) as unreachable', async () => {
      await assert.rejects(
        sender.sendChat(webChatReference('gone-conversation'), 'hi'),
        (err) => err instanceof SendRefused && err.refusal === 'unreachable',
      );
    });
  });
});
