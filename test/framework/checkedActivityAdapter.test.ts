import assert from 'node:assert/strict';
import { CloudAdapter, type InvokeResponse, type TurnContext } from 'botbuilder';
import { checkIncomingActivity } from '../../src/http/activityValidation';
import { CheckedActivityAdapter } from '../../src/framework/checkedActivityAdapter';
import { createBotAuthentication } from '../../src/http/strictAuthentication';

function checked(body: object) {
  const check = checkIncomingActivity(body);
  assert.ok(check.ok);
  return check.activity;
}

const activity = {
  type: 'message',
  id: 'a1',
  text: 'hola',
  channelId: 'webchat',
  serviceUrl: 'http://127.0.0.1:1/unused',
  from: { id: 'person' },
  recipient: { id: 'bot' },
  conversation: { id: 'c1' },
  deliveryMode: 'expectReplies',
  timestamp: '2026-11-27T15:04:05.000Z',
  localTimestamp: '2026-11-27T10:04:05.000-05:00',
};

describe('CheckedActivityAdapter', () => {
  it('runs the turn on the checked activity, times as Dates (raw strings kept), and returns the replies', async () => {
    const adapter = new CheckedActivityAdapter(createBotAuthentication({}));
    let seen: TurnContext['activity'] | undefined;
    const response = await adapter.runChecked('', checked(activity), async (context) => {
      seen = context.activity;
      await context.sendActivity(`you said ${context.activity.text}`);
    });
    assert.ok(seen);
    assert.ok(seen.timestamp instanceof Date);
    assert.equal(seen.timestamp.toISOString(), '2026-11-27T15:04:05.000Z');
    const raw = seen as unknown as { rawTimestamp?: string; rawLocalTimestamp?: string };
    assert.equal(raw.rawTimestamp, '2026-11-27T15:04:05.000Z');
    assert.equal(raw.rawLocalTimestamp, '2026-11-27T10:04:05.000-05:00');
    assert.equal(response?.status, 200);
    const body = response?.body as { activities?: { text?: string }[] };
    assert.deepEqual(
      body.activities?.map((a) => a.text),
      ['you said hola'],
    );
  });

  it('refuses a request without a valid token once the bot has an app id', async () => {
    const adapter = new CheckedActivityAdapter(createBotAuthentication({ MicrosoftAppId: 'app-id', MicrosoftAppPassword: 'secret' }));
    let ran = false;
    await assert.rejects(
      adapter.runChecked('Bearer not-a-token', checked(activity), async () => {
        ran = true;
      }),
      (err: Error) => err.name === 'AuthenticationError' || /Unauthorized/.test(err.message),
    );
    assert.equal(ran, false);
  });

  describe('runs the turn as CloudAdapter does', () => {
    /** The same turn through CloudAdapter.processActivity and through runChecked: what each turn saw and answered. */
    async function both(
      body: object,
      logic: (context: TurnContext) => Promise<void>,
      setUp: (adapter: CloudAdapter) => void = () => undefined,
    ) {
      const results: { response: InvokeResponse | undefined; state: Record<string, unknown> }[] = [];
      const reference = new CloudAdapter(createBotAuthentication({}));
      const ours = new CheckedActivityAdapter(createBotAuthentication({}));
      for (const adapter of [reference, ours]) {
        setUp(adapter);
        let state: Record<string, unknown> = {};
        const seeing = async (context: TurnContext): Promise<void> => {
          state = {
            identity: context.turnState.get(adapter.BotIdentityKey) !== undefined,
            connector: context.turnState.get(adapter.ConnectorClientKey) !== undefined,
            userToken: context.turnState.get(adapter.UserTokenClientKey) !== undefined,
            factory: context.turnState.get(adapter.ConnectorFactoryKey) !== undefined,
            scope: context.turnState.get(adapter.OAuthScopeKey),
            callback: context.turnState.get('botCallbackHandler') !== undefined,
            locale: context.activity.locale ? context.locale : undefined,
            callerId: context.activity.callerId,
          };
          await logic(context);
        };
        const checkedBody = checked(body);
        // CloudAdapterBase.processActivity is what CloudAdapter.process calls after reading the request.
        const response =
          adapter instanceof CheckedActivityAdapter
            ? await adapter.runChecked('', checkedBody, seeing)
            : await (
                adapter as unknown as { processActivity(h: string, a: object, l: typeof seeing): Promise<InvokeResponse | undefined> }
              ).processActivity('', checkedBody, seeing);
        results.push({ response, state });
      }
      return { reference: results[0], ours: results[1] };
    }

    it('with the same turn state, locale and replies', async () => {
      const { reference, ours } = await both({ ...activity, locale: 'es-US' }, async (context) => void (await context.sendActivity('ok')));
      assert.deepEqual(ours.state, reference.state);
      assert.equal(ours.state.locale, 'es-US');
      assert.equal(ours.state.connector, true);
      assert.deepEqual(ours.response, reference.response);
    });

    it('through the middleware, and a failing turn through onTurnError', async () => {
      const order: string[] = [];
      const { reference, ours } = await both(
        activity,
        async () => {
          order.push('turn');
          throw new Error('boom');
        },
        (adapter) => {
          adapter.use(async (_context, next) => {
            order.push('middleware');
            await next();
          });
          adapter.onTurnError = async (context, error) => {
            order.push(`onTurnError ${error.message}`);
            await context.sendActivity('sorry');
          };
        },
      );
      assert.deepEqual(order, ['middleware', 'turn', 'onTurnError boom', 'middleware', 'turn', 'onTurnError boom']);
      assert.deepEqual(ours.response, reference.response);
    });

    it('answers an invoke with what the turn set, or 501 when it set nothing', async () => {
      const invoke = { ...activity, type: 'invoke', name: 'test', deliveryMode: undefined };
      const none = await both(invoke, async () => undefined);
      assert.deepEqual(none.ours.response, { status: 501 });
      assert.deepEqual(none.ours.response, none.reference.response);
      const answered = await both(
        invoke,
        async (context) => void (await context.sendActivity({ type: 'invokeResponse', value: { status: 200, body: { done: true } } })),
      );
      assert.deepEqual(answered.ours.response, { status: 200, body: { done: true } });
      assert.deepEqual(answered.ours.response, answered.reference.response);
    });

    it('answers nothing for a normal delivery', async () => {
      const { reference, ours } = await both({ ...activity, deliveryMode: undefined, type: 'typing' }, async () => undefined);
      assert.equal(ours.response, undefined);
      assert.equal(reference.response, undefined);
    });
  });
});
