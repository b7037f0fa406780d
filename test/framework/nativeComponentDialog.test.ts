import assert from 'node:assert/strict';
import { type Activity, ConversationState, MemoryStorage, type StoreItems, TestAdapter, type TurnContext } from 'botbuilder';
import {
  ComponentDialog,
  type DialogContext,
  type DialogEvent,
  DialogEvents,
  DialogSet,
  type DialogState,
  DialogTurnStatus,
  TextPrompt,
  WaterfallDialog,
} from 'botbuilder-dialogs';
import { NativeComponentDialog } from '../../src/framework/nativeComponentDialog';
import { testMessage } from '../support/testMessage';

type ComponentClass = new (dialogId: string) => ComponentDialog;

/** A component asking a name then an age, ending with both; it notes the events it sees, and may get one more dialog. */
function component(Base: ComponentClass, events: string[], extraDialog = false): ComponentDialog {
  class Greeter extends Base {
    constructor() {
      super('greeter');
      this.addDialog(new TextPrompt('ask'));
      this.addDialog(
        new WaterfallDialog('steps', [
          async (step) => step.prompt('ask', { prompt: 'name?' }),
          async (step) => {
            (step.values as Record<string, unknown>).name = step.result;
            return step.prompt('ask', { prompt: 'age?' });
          },
          async (step) => step.endDialog(`${String((step.values as Record<string, unknown>).name)}/${String(step.result)}`),
        ]),
      );
      if (extraDialog) this.addDialog(new TextPrompt('another'));
      this.initialDialogId = 'steps';
    }

    override async onDialogEvent(dc: DialogContext, event: DialogEvent): Promise<boolean> {
      events.push(event.name);
      // Handled: botbuilder's own handling of an unhandled one needs a telemetry client on the outer set.
      if (event.name === DialogEvents.versionChanged) return true;
      return super.onDialogEvent(dc, event);
    }
  }
  return new Greeter();
}

class Harness {
  readonly adapter = new TestAdapter();
  readonly storage = new MemoryStorage();
  readonly results: unknown[] = [];
  readonly events: string[] = [];
  private readonly state = new ConversationState(this.storage);
  private sequence = 0;

  constructor(private readonly Base: ComponentClass) {}

  /** One turn; `extraDialog` gives the component another dialog (a new version of it). */
  async say(text: string, extraDialog = false): Promise<string[]> {
    const dialogs = new DialogSet(this.state.createProperty<DialogState>('dialogState'));
    dialogs.add(component(this.Base, this.events, extraDialog));
    this.adapter.activeQueue.splice(0);
    this.sequence += 1;
    const activity = testMessage(this.sequence, text);
    await this.adapter.processActivity(activity, async (context: TurnContext) => {
      const dc = await dialogs.createContext(context);
      let result = await dc.continueDialog();
      if (result.status === DialogTurnStatus.empty) result = await dc.beginDialog('greeter');
      if (result.status === DialogTurnStatus.complete) this.results.push(result.result);
      await this.state.saveChanges(context);
    });
    return this.adapter.activeQueue.map((reply) => reply.text ?? '');
  }

  /** The stored conversation state, without what is random (the eTag, a waterfall's instance id). */
  async stored(): Promise<unknown> {
    const items: StoreItems = await this.storage.read(['test/conversations/c/']);
    const { eTag: _eTag, ...rest } = items['test/conversations/c/'] as Record<string, unknown>;
    return JSON.parse(JSON.stringify(rest, (key, value: unknown) => (key === 'instanceId' ? 'random' : value)));
  }
}

describe('NativeComponentDialog: continues as botbuilder’s ComponentDialog does', () => {
  it('the same replies, results, stored state and events, turn by turn, including a version change', async () => {
    const theirs = new Harness(ComponentDialog);
    const ours = new Harness(NativeComponentDialog);
    const turns: [string, boolean][] = [
      ['hi', false],
      ['Ana', false],
      // The component gained a dialog since the stack was saved: "versionChanged" is raised.
      ['34', true],
      ['again', true],
      ['Bo', true],
    ];
    for (const [text, extra] of turns) {
      const expected = await theirs.say(text, extra);
      assert.deepEqual(await ours.say(text, extra), expected, `replies to "${text}"`);
      assert.deepEqual(await ours.stored(), await theirs.stored(), `stored state after "${text}"`);
    }
    assert.deepEqual(ours.results, ['Ana/34']);
    assert.deepEqual(ours.results, theirs.results);
    assert.ok(theirs.events.includes(DialogEvents.versionChanged), 'the scenario raises versionChanged');
    assert.deepEqual(ours.events, theirs.events);
  });
});

describe('NativeComponentDialog: one inner dialog context per turn', () => {
  it('hands out the same inner context while the outer instance is the same, and a new one for a new instance or turn', async () => {
    const state = new ConversationState(new MemoryStorage());
    const dialogs = new DialogSet(state.createProperty<DialogState>('dialogState'));
    const greeter = component(NativeComponentDialog, []);
    dialogs.add(greeter);
    const adapter = new TestAdapter();
    let sequence = 0;
    const run = (inspect: (dc: DialogContext) => Promise<void>): Promise<void> => {
      sequence += 1;
      const activity: Partial<Activity> = {
        type: 'message',
        id: `m${sequence}`,
        text: 'x',
        channelId: 'test',
        conversation: { id: 'inner', isGroup: false, conversationType: 'personal', name: '' },
        from: { id: 'person', name: '' },
        recipient: { id: 'bot', name: '' },
      };
      return adapter.processActivity(activity, async (context) => {
        await inspect(await dialogs.createContext(context));
        await state.saveChanges(context);
      });
    };

    await run(async (dc) => {
      assert.equal((await dc.beginDialog('greeter')).status, DialogTurnStatus.waiting);
    });
    let before: DialogContext | undefined;
    await run(async (dc) => {
      const first = dc.child;
      assert.ok(first, 'the component holds an inner stack');
      assert.ok(dc.child === first, 'asked again: the same context');
      assert.ok(greeter.createChildContext(dc) === first, 'continuing asks for it too');
      assert.ok(first.parent === dc, 'its parent is the outer context');
      assert.equal((await dc.continueDialog()).status, DialogTurnStatus.waiting);
      assert.ok(dc.child === first, 'after continuing: still the same');

      await dc.replaceDialog('greeter');
      const second = dc.child;
      assert.ok(second);
      assert.ok(second !== first, 'a new instance: a new inner context');
      assert.ok(dc.child === second, 'and that one is kept');
      before = second;
    });
    await run(async (dc) => {
      const child = dc.child;
      assert.ok(child);
      assert.ok(child !== before, 'a new turn: a new inner context');
    });
  });
});
