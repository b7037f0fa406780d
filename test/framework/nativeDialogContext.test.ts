import assert from 'node:assert/strict';
import { ConversationState, MemoryStorage, type StoreItems, TestAdapter, type TurnContext } from 'botbuilder';
import {
  type ComponentDialog,
  Dialog,
  type DialogContext,
  DialogContextError,
  type DialogEvent,
  DialogSet,
  type DialogState,
  DialogTurnStatus,
  TextPrompt,
  TurnPath,
  WaterfallDialog,
} from 'botbuilder-dialogs';
import { NativeComponentDialog } from '../../src/framework/nativeComponentDialog';
import { NativeDialogContext } from '../../src/framework/nativeDialogContext';
import { testMessage } from '../support/testMessage';

type ContextClass = typeof NativeDialogContext | typeof import('botbuilder-dialogs').DialogContext;

/** Fails as it begins: with a plain Error, or with a string. */
class Failing extends Dialog {
  constructor(
    id: string,
    private readonly thrown: unknown,
  ) {
    super(id);
  }

  override async beginDialog(): Promise<never> {
    throw this.thrown;
  }
}

/**
 * A root component (flows in one set, as RootDialog holds them) whose flow asks a name and an age;
 * typed words begin other dialogs: "fail", "fail-string", "missing" (an id no dialog has), "nested"
 * (a flow that asks once and ends into the first). Every event it sees is noted.
 */
function rootDialog(events: string[]): ComponentDialog {
  class Root extends NativeComponentDialog {
    constructor() {
      super('root');
      this.addDialog(
        new WaterfallDialog('flow', [
          async (step) => step.prompt('ask', { prompt: 'name?' }),
          async (step) => {
            (step.values as Record<string, unknown>).name = step.result;
            const typed = String(step.result);
            if (typed === 'fail') return step.beginDialog('fails');
            if (typed === 'fail-string') return step.beginDialog('fails-string');
            if (typed === 'missing') return step.beginDialog('nowhere');
            if (typed === 'nested') return step.beginDialog('inner');
            return step.prompt('ask', { prompt: 'age?' });
          },
          async (step) => step.endDialog(`${String((step.values as Record<string, unknown>).name)}/${String(step.result)}`),
        ]),
      );
      this.addDialog(
        new WaterfallDialog('inner', [
          async (step) => step.prompt('ask', { prompt: 'inner?' }),
          async (step) => step.endDialog(`inner:${String(step.result)}`),
        ]),
      );
      this.addDialog(new TextPrompt('ask'));
      this.addDialog(new Failing('fails', new Error('broken')));
      this.addDialog(new Failing('fails-string', 'broken string'));
      this.initialDialogId = 'flow';
    }

    override async onDialogEvent(dc: DialogContext, event: DialogEvent): Promise<boolean> {
      events.push(`${event.name}@${dc.activeDialog?.id ?? '-'}`);
      return super.onDialogEvent(dc, event);
    }
  }
  return new Root();
}

interface TurnRecord {
  replies: string[];
  status?: DialogTurnStatus;
  result?: unknown;
  lastResult?: unknown;
  error?: { name: string; message: string; dialogContext: unknown };
}

class Harness {
  readonly adapter = new TestAdapter();
  readonly storage = new MemoryStorage();
  readonly events: string[] = [];
  readonly contexts: DialogContext[] = [];
  /** Each turn's inner context, as the turn ends. */
  readonly children: (DialogContext | undefined)[] = [];
  private readonly state = new ConversationState(this.storage);
  private readonly accessor = this.state.createProperty<DialogState>('dialogState');
  private readonly dialogs = new DialogSet(this.accessor);
  private sequence = 0;

  constructor(private readonly Context: ContextClass) {
    this.dialogs.add(rootDialog(this.events));
  }

  async say(text: string): Promise<TurnRecord> {
    this.adapter.activeQueue.splice(0);
    this.sequence += 1;
    const activity = testMessage(this.sequence, text);
    const record: TurnRecord = { replies: [] };
    await this.adapter.processActivity(activity, async (context: TurnContext) => {
      const dc = new this.Context(this.dialogs, context, await this.accessor.get(context, { dialogStack: [] }));
      this.contexts.push(dc);
      try {
        let result = await dc.continueDialog();
        if (result.status === DialogTurnStatus.empty) result = await dc.beginDialog('root');
        record.status = result.status;
        record.result = result.result;
        record.lastResult = dc.state.getValue(TurnPath.lastResult);
        this.children.push(dc.child);
      } catch (err) {
        assert.ok(err instanceof DialogContextError, `a DialogContextError, not ${String(err)}`);
        record.error = { name: err.name, message: err.message, dialogContext: err.dialogContext };
        await dc.cancelAllDialogs(true);
      }
      await this.state.saveChanges(context);
    });
    record.replies = this.adapter.activeQueue.map((reply) => reply.text ?? '');
    return record;
  }

  /** The stored conversation state, without what is random (the eTag, a waterfall's instance id). */
  async stored(): Promise<unknown> {
    const items: StoreItems = await this.storage.read(['test/conversations/c/']);
    const { eTag: _eTag, ...rest } = items['test/conversations/c/'] as Record<string, unknown>;
    return JSON.parse(JSON.stringify(rest, (key, value: unknown) => (key === 'instanceId' ? 'random' : value)));
  }
}

describe('NativeDialogContext: runs dialogs as botbuilder’s DialogContext does', () => {
  const script = ['hi', 'Ana', '34', 'hello', 'nested', 'deep', '7', 'fail', 'x', 'fail-string', 'y', 'missing', 'z', 'Bo', '5'];

  it('the same replies, results, turn.lastresult, errors, events and stored state, turn by turn', async () => {
    const theirs = new Harness((await import('botbuilder-dialogs')).DialogContext);
    const ours = new Harness(NativeDialogContext);
    const outcomes: TurnRecord[] = [];
    for (const text of script) {
      const expected = await theirs.say(text);
      const actual = await ours.say(text);
      assert.deepEqual(actual, expected, `the turn "${text}"`);
      assert.deepEqual(await ours.stored(), await theirs.stored(), `stored state after "${text}"`);
      outcomes.push(actual);
    }
    assert.deepEqual(ours.events, theirs.events);

    // The scenario covers what it means to: completions, an inner flow's result, and each error.
    const results = outcomes.filter((o) => o.status === DialogTurnStatus.complete).map((o) => o.result);
    assert.deepEqual(results, ['Ana/34', 'nested/inner:deep', 'Bo/5']);
    assert.ok(
      outcomes.some((o) => o.lastResult === 'inner:deep' || o.lastResult === 'Ana/34'),
      'turn.lastresult is set',
    );
    const errors = outcomes.flatMap((o) => (o.error ? [o.error.message] : []));
    assert.equal(errors.length, 3);
    assert.ok(errors[0]?.includes('broken'));
    assert.ok(errors[2]?.includes("'nowhere' wasn't found"));
    assert.ok(
      ours.events.some((e) => e.startsWith('activityReceived')),
      'activityReceived raised',
    );
    // Every context of our turns was native, the inner ones too.
    assert.ok(ours.contexts.every((dc) => dc instanceof NativeDialogContext));
    assert.ok(ours.children.some((dc) => dc !== undefined));
    assert.ok(ours.children.every((dc) => dc === undefined || dc instanceof NativeDialogContext));
    assert.ok(
      theirs.children.every((dc) => !(dc instanceof NativeDialogContext)),
      'under botbuilder’s context, botbuilder’s',
    );
  });

  it('raises activityReceived once a turn, from the leaf', async () => {
    const ours = new Harness(NativeDialogContext);
    await ours.say('hi');
    ours.events.splice(0);
    await ours.say('Ana');
    assert.deepEqual(
      ours.events.filter((e) => e.startsWith('activityReceived')),
      ['activityReceived@root'],
    );
    const inner = ours.children.at(-1);
    assert.ok(inner instanceof NativeDialogContext, 'the inner context of a native one is native');
  });
});
