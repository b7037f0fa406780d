import assert from 'node:assert/strict';
import { type Activity, ConversationState, MemoryStorage, TestAdapter } from 'botbuilder';
import {
  ComponentDialog,
  type DialogContext,
  type DialogStateManagerConfiguration,
  type DialogTurnResult,
  TextPrompt,
  WaterfallDialog,
} from 'botbuilder-dialogs';
import { InfoPassBot } from '../../src/bot/infoPassBot';

/** A component dialog (two dialog contexts per turn) that notes the configuration each context's state manager uses. */
class NotingDialog extends ComponentDialog {
  readonly seen: DialogStateManagerConfiguration[] = [];

  constructor() {
    super('noting');
    this.addDialog(new TextPrompt('noting.ask'));
    this.addDialog(
      new WaterfallDialog('noting.flow', [
        async (step) => {
          this.seen.push(step.state.configuration);
          return step.prompt('noting.ask', { prompt: 'name?' });
        },
        async (step) => {
          this.seen.push(step.state.configuration);
          await step.context.sendActivity(`hello ${String(step.result)}`);
          return step.endDialog();
        },
      ]),
    );
    this.initialDialogId = 'noting.flow';
  }

  override async beginDialog(outerDc: DialogContext, options?: object): Promise<DialogTurnResult> {
    this.seen.push(outerDc.state.configuration);
    return super.beginDialog(outerDc, options);
  }

  override async continueDialog(outerDc: DialogContext): Promise<DialogTurnResult> {
    this.seen.push(outerDc.state.configuration);
    return super.continueDialog(outerDc);
  }
}

async function turn(adapter: TestAdapter, bot: InfoPassBot, text: string, id: string): Promise<string[]> {
  adapter.activeQueue.splice(0);
  const activity: Partial<Activity> = {
    type: 'message',
    id,
    text,
    channelId: 'test',
    conversation: { id: 'c', isGroup: false, conversationType: 'personal', name: '' },
    from: { id: 'person', name: '' },
    recipient: { id: 'bot', name: '' },
  };
  await adapter.processActivity(activity, (context) => bot.run(context));
  return adapter.activeQueue.map((reply) => reply.text ?? '');
}

describe('the dialog state configuration kept from the first turn', () => {
  it('is what every dialog context of every later turn uses', async () => {
    const dialog = new NotingDialog();
    const bot = new InfoPassBot(new ConversationState(new MemoryStorage()), dialog);
    const adapter = new TestAdapter();
    const beforeAnyTurn = bot.dialogStateConfiguration.configuration;
    assert.equal(beforeAnyTurn, undefined);
    assert.deepEqual(await turn(adapter, bot, 'hi', 'a1'), ['name?']);
    const kept = bot.dialogStateConfiguration.configuration;
    assert.ok(kept && kept.memoryScopes.length > 0 && kept.pathResolvers.length > 0);
    assert.deepEqual(await turn(adapter, bot, 'Ana', 'a2'), ['hello Ana']);
    assert.deepEqual(await turn(adapter, bot, 'again', 'a3'), ['name?']);
    // Each turn: the outer context, then the inner one.
    assert.equal(dialog.seen.length, 6);
    dialog.seen.forEach((configuration, i) => assert.ok(configuration === kept, `dialog context ${i} built its own`));
  });
});
