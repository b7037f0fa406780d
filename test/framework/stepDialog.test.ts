import assert from 'node:assert/strict';
import { ConversationState, MemoryStorage, TestAdapter, type TurnContext } from 'botbuilder';
import { DialogSet, type DialogState, DialogTurnStatus, TextPrompt, WaterfallDialog, type WaterfallStep } from 'botbuilder-dialogs';
import { STEP_OBSERVER, type Step, StepDialog, type StepObserver } from '../../src/framework/stepDialog';
import { testMessage } from '../support/testMessage';

interface Options {
  greeting: string;
}

/** Asks a name, then an age; ends with both, greeted as the options say. */
function steps(seen: Step<Options>[] = []): Array<(step: Step<Options>) => ReturnType<Step['next']>> {
  return [
    async (step) => {
      seen.push(step);
      return step.prompt('ask', { prompt: 'name?' });
    },
    async (step) => {
      seen.push(step);
      step.values.name = step.result;
      return step.prompt('ask', { prompt: 'age?' });
    },
    async (step) => {
      seen.push(step);
      await step.context.sendActivity(`${step.options.greeting} ${String(step.values.name)}, ${String(step.result)}`);
      return step.endDialog(`${String(step.values.name)}/${String(step.result)}`);
    },
  ];
}

class Harness {
  readonly adapter = new TestAdapter();
  readonly storage = new MemoryStorage();
  private readonly state = new ConversationState(this.storage);
  private readonly dialogs = new DialogSet(this.state.createProperty<DialogState>('dialogState'));
  results: unknown[] = [];
  private sequence = 0;

  constructor(
    dialog: StepDialog<Options> | WaterfallDialog<Options>,
    private readonly observer?: StepObserver,
  ) {
    this.dialogs.add(new TextPrompt('ask'));
    this.dialogs.add(dialog);
  }

  async say(text: string, type: string = 'message'): Promise<string[]> {
    this.adapter.activeQueue.splice(0);
    this.sequence += 1;
    const activity = testMessage(this.sequence, text, type);
    await this.adapter.processActivity(activity, async (context: TurnContext) => {
      if (this.observer) context.turnState.set(STEP_OBSERVER, this.observer);
      const dc = await this.dialogs.createContext(context);
      let result = await dc.continueDialog();
      if (result.status === DialogTurnStatus.empty && type === 'message') result = await dc.beginDialog('greet', { greeting: 'Hello' });
      if (result.status === DialogTurnStatus.complete) this.results.push(result.result);
      await this.state.saveChanges(context);
    });
    return this.adapter.activeQueue.map((reply) => reply.text ?? '');
  }
}

describe('StepDialog: steps in order, as a WaterfallDialog runs them', () => {
  it('hands each step the answer before it, keeps values and options between turns, and ends with the last step’s result', async () => {
    const seen: Step<Options>[] = [];
    const harness = new Harness(new StepDialog<Options>('greet', steps(seen)));
    assert.deepEqual(await harness.say('hi'), ['name?']);
    assert.deepEqual(await harness.say('Ana'), ['age?']);
    assert.deepEqual(await harness.say('34'), ['Hello Ana, 34']);
    assert.deepEqual(harness.results, ['Ana/34']);
    assert.deepEqual(
      seen.map((step) => step.index),
      [0, 1, 2],
    );
    assert.deepEqual(
      seen.map((step) => step.result),
      [undefined, 'Ana', '34'],
    );
  });

  it('leaves a step waiting when a non-message activity comes', async () => {
    const harness = new Harness(new StepDialog<Options>('greet', steps()));
    await harness.say('hi');
    assert.deepEqual(await harness.say('', 'typing'), []);
    assert.deepEqual(await harness.say('Ana'), ['age?']);
  });

  it('goes on to the next step in the same turn with next(), once', async () => {
    const results: unknown[] = [];
    const dialog = new StepDialog<Options>('greet', [
      async (step) => step.next('skipped ahead'),
      async (step) => {
        results.push(step.result);
        await step.next('first');
        return step.next('second');
      },
      async (step) => step.endDialog(step.result),
    ]);
    const harness = new Harness(dialog);
    await assert.rejects(harness.say('hi'), /next\(\) called twice in step 1 of "greet"/);
    assert.deepEqual(results, ['skipped ahead']);
  });

  it('ends with the result of the last step’s next()', async () => {
    const harness = new Harness(new StepDialog<Options>('greet', [async (step) => step.next('done early')]));
    await harness.say('hi');
    assert.deepEqual(harness.results, ['done early']);
  });

  it('has the version a WaterfallDialog of as many steps has, and a new one when a step is added', () => {
    const own = new StepDialog<Options>('greet', steps());
    const waterfall = new WaterfallDialog<Options>('greet', steps() as unknown as WaterfallStep<Options>[]);
    assert.equal(own.getVersion(), waterfall.getVersion());
    const before = own.getVersion();
    own.addStep(async (step) => step.endDialog());
    assert.notEqual(own.getVersion(), before);
  });

  it('continues a conversation a WaterfallDialog saved mid-way, and the other way round', async () => {
    const waterfallFirst = new Harness(new WaterfallDialog<Options>('greet', steps() as unknown as WaterfallStep<Options>[]));
    await waterfallFirst.say('hi');
    await waterfallFirst.say('Ana');
    const saved = await waterfallFirst.storage.read(['test/conversations/c/']);
    const stepsAfter = new Harness(new StepDialog<Options>('greet', steps()));
    await stepsAfter.storage.write(saved);
    assert.deepEqual(await stepsAfter.say('34'), ['Hello Ana, 34']);

    const stepsFirst = new Harness(new StepDialog<Options>('greet', steps()));
    await stepsFirst.say('hi');
    await stepsFirst.say('Bo');
    const waterfallAfter = new Harness(new WaterfallDialog<Options>('greet', steps() as unknown as WaterfallStep<Options>[]));
    await waterfallAfter.storage.write(await stepsFirst.storage.read(['test/conversations/c/']));
    assert.deepEqual(await waterfallAfter.say('7'), ['Hello Bo, 7']);
  });

  it('tells the turn’s step observer each step a conversation reaches: the dialog’s id and "<index>:<name>"', async () => {
    class Greeter {
      readonly dialog = new StepDialog<Options>('greet', [this.askName.bind(this), async (step) => step.next(step.result)]);
      constructor() {
        this.dialog.addStep(this.thank.bind(this));
      }
      private async askName(step: Step<Options>) {
        return step.prompt('ask', { prompt: 'name?' });
      }
      private async thank(step: Step<Options>) {
        await step.context.sendActivity(`thanks ${String(step.result)}`);
        return step.endDialog();
      }
    }
    const reached: string[] = [];
    const harness = new Harness(new Greeter().dialog, (context, dialogId, step) => {
      reached.push(`${context.activity.text ?? ''} → ${dialogId} ${step}`);
    });
    await harness.say('hi');
    assert.deepEqual(reached, ['hi → greet 0:askName']);
    assert.deepEqual(await harness.say('Ana'), ['thanks Ana']);
    // An anonymous step is named by its index alone; the prompt waiting in between is no step.
    assert.deepEqual(reached, ['hi → greet 0:askName', 'Ana → greet 1', 'Ana → greet 2:thank']);
  });
});
