import assert from 'node:assert/strict';
import { MemoryStorage, type StoreItems, TestAdapter, TurnContext } from 'botbuilder';
import { ComponentDialog, WaterfallDialog } from 'botbuilder-dialogs';
import { InfoPassBot } from '../../src/bot/infoPassBot';
import { FencedConversationState } from '../../src/framework/fencedConversationState';
import { testMessage } from '../support/testMessage';

/** A store whose writes wait until let go, or fail. */
class HeldStorage extends MemoryStorage {
  writes = 0;
  written = 0;
  private release: (() => void) | undefined;
  failWith: Error | undefined;

  override async write(changes: StoreItems): Promise<void> {
    this.writes += 1;
    await new Promise<void>((resolve) => (this.release = resolve));
    if (this.failWith) throw this.failWith;
    await super.write(changes);
    this.written += 1;
  }

  letGo(): void {
    this.release?.();
  }
}

class Echo extends ComponentDialog {
  constructor() {
    super('echo');
    this.addDialog(new WaterfallDialog('steps', [async (step) => step.endDialog()]));
    this.initialDialogId = 'steps';
  }
}

function turnContext(): TurnContext {
  return new TurnContext(new TestAdapter(), testMessage(1, 'hola'));
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('InfoPassBot: the work that goes with the state save', () => {
  it('is started with the save, not after it', async () => {
    const storage = new HeldStorage();
    let startedWhileSaving = false;
    const bot = new InfoPassBot(new FencedConversationState(storage), new Echo(), async () => {
      startedWhileSaving = storage.writes === 1 && storage.written === 0;
    });
    const turn = bot.run(turnContext());
    await tick();
    assert.equal(storage.writes, 1, 'the save is under way');
    assert.equal(startedWhileSaving, true);
    storage.letGo();
    await turn;
  });

  it('still runs when the save fails, and the turn fails with the save’s error', async () => {
    const storage = new HeldStorage();
    storage.failWith = new Error('the store failed');
    let ran = false;
    const bot = new InfoPassBot(new FencedConversationState(storage), new Echo(), async () => {
      ran = true;
    });
    const turn = bot.run(turnContext());
    await tick();
    storage.letGo();
    await assert.rejects(turn, /the store failed/);
    assert.equal(ran, true);
  });

  it('fails the turn when it fails, once the state is saved', async () => {
    const storage = new HeldStorage();
    const bot = new InfoPassBot(new FencedConversationState(storage), new Echo(), async () => {
      throw new Error('the log failed');
    });
    const turn = bot.run(turnContext());
    await tick();
    storage.letGo();
    await assert.rejects(turn, /the log failed/);
    assert.ok(Object.keys(await storage.read(['test/conversations/c/'])).length > 0, 'the state was saved');
  });
});
