import assert from 'node:assert/strict';
import { type Activity, ConversationState, MemoryStorage, TestAdapter, type TurnContext } from 'botbuilder';
import { DialogSet, DialogTurnStatus } from 'botbuilder-dialogs';
import { createRootDialog } from '../../dialogs/createRootDialog';
import { ROOT_DIALOG } from '../../dialogs/rootDialog';
import { testServices } from '../support/dialogHarness';
import { saysKey } from '../support/replies';

describe('RootDialog: one inner dialog context per turn', () => {
  const message = (text: string, id: string): Partial<Activity> => ({
    type: 'message',
    id,
    text,
    channelId: 'test',
    conversation: { id: 'inner', isGroup: false, conversationType: 'personal', name: '' },
    from: { id: 'person', name: '' },
    recipient: { id: 'bot', name: '' },
  });

  it('hands out the same inner context while the root instance is the same, and a new one for a new instance', async () => {
    const state = new ConversationState(new MemoryStorage());
    const dialogs = new DialogSet(state.createProperty('dialogState'));
    const root = createRootDialog(testServices());
    dialogs.add(root);
    const adapter = new TestAdapter();
    const run = (text: string, id: string, inspect: (context: TurnContext, dialogs: DialogSet) => Promise<void>): Promise<void> =>
      adapter.processActivity(message(text, id), async (context) => {
        await inspect(context, dialogs);
        await state.saveChanges(context);
      });

    await run('hello', 'm1', async (context) => {
      const dc = await dialogs.createContext(context);
      assert.equal((await dc.beginDialog(ROOT_DIALOG)).status, DialogTurnStatus.waiting);
    });
    await run('English', 'm2', async (context) => {
      const dc = await dialogs.createContext(context);
      const first = dc.child;
      assert.ok(first, 'the root holds an inner stack');
      assert.ok(dc.child === first, 'asked again: the same context');
      assert.ok(root.createChildContext(dc) === first, 'continuing asks for it too');
      assert.ok(first.parent === dc, 'its parent is the outer context');
      // Continuing uses it too: the language prompt in the inner stack takes the answer.
      assert.equal((await dc.continueDialog()).status, DialogTurnStatus.waiting);
      assert.ok(saysKey(adapter.activeQueue, 'en', 'menu.prompt'));

      // Another root instance (the root begun again) gets its own inner context.
      await dc.replaceDialog(ROOT_DIALOG, { language: 'en', chooseLanguage: false, welcome: false });
      const second = dc.child;
      assert.ok(second);
      assert.ok(second !== first, 'a new root instance: a new inner context');
      assert.ok(dc.child === second, 'and that one is kept');
    });

    // A new turn is a new outer context, so a new inner one.
    let before: unknown;
    await run('help', 'm3', async (context) => {
      before = (await dialogs.createContext(context)).child;
    });
    await run('help', 'm4', async (context) => {
      const child = (await dialogs.createContext(context)).child;
      assert.ok(child);
      assert.ok(child !== before, 'a new turn: a new inner context');
    });
  });
});
