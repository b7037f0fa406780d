import assert from 'node:assert/strict';
import { type Activity, BotAdapter, TurnContext } from 'botbuilder';
import { ConversationLogAdapter, type Delivery } from '../../src/http/directLine/conversationLogAdapter';

type RunMiddleware = (this: BotAdapter, context: TurnContext, next: (context: TurnContext) => Promise<void>) => Promise<void>;
const botbuilderRunMiddleware = (BotAdapter.prototype as unknown as { runMiddleware: RunMiddleware }).runMiddleware;

/** NativeBotAdapter's user, the Direct Line adapter, with botbuilder's own turn: its TurnContext through BotAdapter.runMiddleware. */
class BotbuilderTurnAdapter extends ConversationLogAdapter {
  override async runTurn(
    activity: Partial<Activity>,
    logic: (context: TurnContext) => Promise<void>,
    prepare?: (context: TurnContext) => void,
  ): Promise<void> {
    const context = new TurnContext(this, activity);
    prepare?.(context);
    await botbuilderRunMiddleware.call(this, context, logic);
  }
}

type Make = (deliver: Delivery) => ConversationLogAdapter;
const ADAPTERS: ReadonlyArray<[string, Make]> = [
  ['ours', (deliver) => new ConversationLogAdapter(deliver)],
  ["botbuilder's runMiddleware", (deliver) => new BotbuilderTurnAdapter(deliver)],
];

const incoming: Partial<Activity> = {
  type: 'message',
  id: 'in-1',
  text: 'hola',
  locale: 'es-MX',
  channelId: 'webchat',
  serviceUrl: 'http://127.0.0.1:1/v3/directline',
  from: { id: 'person', name: '' },
  recipient: { id: 'bot', name: 'InfoPass' },
  conversation: { id: 'c1', name: '', isGroup: false, conversationType: 'personal' },
};

/** Everything a turn shows: the middleware's and the bot's steps, what was delivered, the ids handed back. */
async function traceOf(make: Make, logic: (context: TurnContext, trace: string[]) => Promise<void>, withErrorHandler: boolean) {
  const trace: string[] = [];
  let count = 0;
  const adapter = make(async (activity) => {
    trace.push(`deliver ${activity.type}:${activity.text ?? ''} to ${activity.conversation?.id ?? ''} replyTo ${activity.replyToId ?? ''}`);
    count += 1;
    return `id-${count}`;
  });
  adapter.use(async (context, next) => {
    trace.push(`first before, locale ${context.locale ?? ''}`);
    await next();
    trace.push(`first after, responded ${String(context.responded)}`);
  });
  adapter.use({
    onTurn: async (context, next) => {
      context.turnState.set('seen-by-second', true);
      trace.push('second before');
      await next();
    },
  });
  if (withErrorHandler) {
    adapter.onTurnError = async (context, error) => {
      trace.push(`onTurnError ${error.message}, same activity ${String(context.activity.id === 'in-1')}`);
      await context.sendActivity('sorry');
    };
  }
  let outcome = 'resolved';
  try {
    await adapter.runTurn(
      { ...incoming },
      (context) => logic(context, trace),
      (context) => context.turnState.set('prepared', 'yes'),
    );
  } catch (err) {
    outcome = `rejected: ${(err as Error).message}`;
  }
  trace.push(outcome);
  return trace;
}

const TURNS: ReadonlyArray<[string, (context: TurnContext, trace: string[]) => Promise<void>]> = [
  [
    'replies one by one and together, the ids the log gave',
    async (context, trace) => {
      trace.push(`prepared ${String(context.turnState.get('prepared'))}, second ${String(context.turnState.get('seen-by-second'))}`);
      const one = await context.sendActivity('uno');
      const more = await context.sendActivities([{ text: 'dos' }, { type: 'typing' }, { type: 'trace', name: 'debug' }]);
      trace.push(`ids ${one?.id ?? ''} ${more.map((r) => r.id).join(',')}, responded ${String(context.responded)}`);
    },
  ],
  [
    'a failing turn',
    async (context) => {
      await context.sendActivity('antes');
      throw new Error('boom');
    },
  ],
  [
    'a send handler that changes what is sent',
    async (context) => {
      context.onSendActivities(async (_context, activities, next) => {
        for (const activity of activities) activity.text = `${activity.text ?? ''}!`;
        return next();
      });
      await context.sendActivity('hola');
    },
  ],
];

describe('NativeBotAdapter (the Direct Line adapter): a turn as botbuilder runs it', () => {
  for (const [name, logic] of TURNS) {
    for (const withErrorHandler of [true, false]) {
      it(`${name}, ${withErrorHandler ? 'with' : 'without'} onTurnError: the same as BotAdapter.runMiddleware`, async () => {
        const [ours, theirs] = await Promise.all(ADAPTERS.map(([, make]) => traceOf(make, logic, withErrorHandler)));
        assert.deepEqual(ours, theirs);
        assert.ok(ours.length > 3);
      });
    }
  }

  it('shows the turn its own context, not a proxy that is revoked after the turn', async () => {
    let kept: TurnContext | undefined;
    const adapter = new ConversationLogAdapter(async () => 'id');
    await adapter.runTurn({ ...incoming }, async (context) => {
      kept = context;
    });
    assert.equal(kept?.activity.text, 'hola');
  });
});
