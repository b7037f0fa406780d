import assert from 'node:assert/strict';
import {
  type Activity,
  ActivityTypes,
  INVOKE_RESPONSE_KEY,
  type ResourceResponse,
  TestAdapter,
  TurnContext,
  type SendActivitiesHandler,
} from 'botbuilder';
import { NativeTurnContext } from '../../src/framework/nativeTurnContext';

type ContextClass = typeof TurnContext | typeof NativeTurnContext;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** What TestAdapter makes up on each send (a random id, the time) made the same. */
function comparable(observed: Observed): unknown {
  return JSON.parse(
    JSON.stringify(observed, (key, value: unknown) => {
      if (key === 'timestamp') return 'sent-at';
      if (key === 'id' && typeof value === 'string' && UUID.test(value)) return 'random-id';
      return value;
    }),
  );
}

const incoming = (deliveryMode?: string): Partial<Activity> => ({
  type: 'message',
  id: 'in1',
  text: 'hola',
  channelId: 'test',
  serviceUrl: 'http://127.0.0.1:1/unused',
  locale: 'es-MX',
  conversation: { id: 'c', isGroup: false, conversationType: 'personal', name: '' },
  from: { id: 'person', name: 'P' },
  recipient: { id: 'bot', name: 'B' },
  ...(deliveryMode ? { deliveryMode } : {}),
});

interface Observed {
  responses: unknown[];
  sent: Partial<Activity>[];
  buffered: Partial<Activity>[];
  respondedAfter: boolean[];
  handlerLog: string[];
  invokeResponse: unknown;
  error?: string;
}

/** One turn's sends through a context of the given class: a string, a string with speak and hint, a trace, an activity with an id, a batch, an invoke response. */
async function observe(Context: ContextClass, deliveryMode?: string, failingHandler = false): Promise<Observed> {
  const adapter = new TestAdapter();
  const context = new Context(adapter, incoming(deliveryMode));
  const observed: Observed = { responses: [], sent: [], buffered: [], respondedAfter: [], handlerLog: [], invokeResponse: undefined };
  const first: SendActivitiesHandler = async (_context, activities, next) => {
    observed.handlerLog.push(`first:${activities.map((a) => a.type ?? '').join(',')}`);
    // A handler may change what is sent, in place.
    for (const activity of activities) if (activity.text) activity.text = activity.text.toUpperCase();
    const responses = await next();
    observed.handlerLog.push(`first after:${responses.length}`);
    return responses;
  };
  const second: SendActivitiesHandler = (_context, activities, next) => {
    observed.handlerLog.push(`second:${activities.length}`);
    if (failingHandler && activities.some((a) => a.text === 'FAIL')) throw new Error('handler failed');
    return next();
  };
  context.onSendActivities(first).onSendActivities(second);
  const record = (response: ResourceResponse | ResourceResponse[] | undefined): void => {
    observed.responses.push(response);
    observed.respondedAfter.push(context.responded);
  };
  try {
    record(await context.sendActivity({ type: ActivityTypes.Trace, name: 'trace', value: 1 }));
    record(await context.sendActivity('hello'));
    record(await context.sendActivity('spoken', 'say this', 'ignoringInput'));
    record(await context.sendActivity({ id: 'own-id', text: 'with an id', locale: 'fr-FR' }));
    record(await context.sendActivities([{ text: 'one' }, { type: ActivityTypes.Typing }, { text: 'two' }]));
    record(await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200 } }));
    record(await context.sendActivity('fail'));
  } catch (err) {
    observed.error = err instanceof Error ? err.message : String(err);
  }
  observed.sent = adapter.activeQueue.map((a) => ({ ...a }));
  observed.buffered = context.bufferedReplyActivities.map((a) => ({ ...a }));
  observed.invokeResponse = context.turnState.get(INVOKE_RESPONSE_KEY);
  return observed;
}

describe('NativeTurnContext: sends as botbuilder’s TurnContext does', () => {
  for (const deliveryMode of [undefined, 'expectReplies']) {
    for (const failingHandler of [false, true]) {
      it(`the same activities, responses, handler calls and responded flag (${deliveryMode ?? 'normal'}${failingHandler ? ', a handler throwing' : ''})`, async () => {
        const expected = await observe(TurnContext, deliveryMode, failingHandler);
        const actual = await observe(NativeTurnContext, deliveryMode, failingHandler);
        assert.deepEqual(comparable(actual), comparable(expected));
        // Not vacuous: something was sent (or buffered), the trace alone left `responded` false, and the handlers ran.
        assert.ok(actual.sent.length + actual.buffered.length >= 7);
        assert.equal(actual.respondedAfter[0], false);
        assert.equal(actual.respondedAfter[1], true);
        assert.ok(actual.handlerLog.includes('second:3'));
        assert.equal(actual.error, failingHandler ? 'handler failed' : undefined);
      });
    }
  }
});
