import assert from 'node:assert/strict';
import { CheckedActivityAdapter } from '../../src/framework/checkedActivityAdapter';
import { createBotAuthentication } from '../../src/http/strictAuthentication';
import { ConnectorClientCache } from '../../src/http/connectorClientCache';
import type { DirectLineStore } from '../../src/http/directLine/directLineStore';
import { MemoryDirectLineStore } from '../../src/http/directLine/memoryDirectLineStore';
import { RedisDirectLineStore } from '../../src/infra/redis/redisDirectLineStore';
import { openRedis, type RedisConnection } from '../../src/infra/redis/connect';
import { sharedTestRedisUrl } from '../support/redisServer';
import { ownDirectLine, ProactiveChatSender } from '../../src/channels/proactive';
import { SendFailed, SendRefused } from '../../src/domain/outreach/delivery';
import { TEST_CLOCK } from '../support/dialogHarness';
import { connectorReference, startBotConnectorStandIn, type BotConnectorStandIn } from '../support/botConnectorStandIn';

describe('proactive chat messages', () => {
  let connector: BotConnectorStandIn;
  let sender: ProactiveChatSender;

  before(async () => {
    connector = await startBotConnectorStandIn();
    const adapter = new CheckedActivityAdapter(createBotAuthentication({}, { connectorClients: new ConnectorClientCache() }));
    sender = new ProactiveChatSender({ adapter, botAppId: '' });
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

  for (const kind of ['memory', 'Redis'] as const) {
    describe(`into our own Direct Line (the Web Chat page's conversation log), in ${kind}`, () => {
      let store: DirectLineStore;
      let connection: RedisConnection | undefined;
      let toOurDirectLine: ProactiveChatSender;

      before(async () => {
        if (kind === 'memory') store = new MemoryDirectLineStore(TEST_CLOCK);
        else {
          connection = await openRedis({ url: await sharedTestRedisUrl() });
          assert.ok(connection);
          const opened = connection;
          store = new RedisDirectLineStore(opened.client, () => opened.subscriber(), { keyPrefix: `proactive-${process.pid}:dl:` });
        }
        const adapter = new CheckedActivityAdapter(createBotAuthentication({}, { connectorClients: new ConnectorClientCache() }));
        toOurDirectLine = new ProactiveChatSender({ adapter, botAppId: '', directLine: ownDirectLine(store, TEST_CLOCK) });
      });
      after(async () => {
        await store.close();
        await connection?.close();
      });

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

      it('appends the message to the conversation, where the open page reads it', async () => {
        const { conversationId } = await store.create({ locale: 'ar-EG' });
        const before = await store.read(conversationId, undefined);
        await toOurDirectLine.sendChat(webChatReference(conversationId), 'تذكير', 'ar-EG');
        const after = await store.read(conversationId, before?.watermark);
        assert.deepEqual(
          after?.entries.map(({ activity: a }) => [
            a.type,
            a.text,
            a.textFormat,
            a.locale,
            a.from?.id,
            a.conversation,
            'recipient' in a,
            a.channelId,
            a.replyToId,
          ]),
          [['message', 'تذكير', 'plain', 'ar-EG', 'infopass-bot', { id: conversationId }, false, 'webchat', undefined]],
        );
        assert.equal(connector.activities.filter((a) => a.activity.text === 'تذكير').length, 0, 'no Bot Connector call');
      });

      it('reads a conversation that expired as unreachable', async () => {
        await assert.rejects(
          toOurDirectLine.sendChat(webChatReference('gone-conversation'), 'hi'),
          (err) => err instanceof SendRefused && err.refusal === 'unreachable',
        );
      });
    });
  }
});
