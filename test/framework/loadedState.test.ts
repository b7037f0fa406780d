import assert from 'node:assert/strict';
import { ConversationState, MemoryStorage, TestAdapter, TurnContext } from 'botbuilder';
import { loadedState } from '../../src/framework/loadedState';
import { testMessage } from '../support/testMessage';

const activity = testMessage(1, 'hi');

describe('loadedState: a property read and written in place, as through a StatePropertyAccessor', () => {
  it('reads what an accessor wrote in an earlier turn, and an accessor reads what it wrote', async () => {
    const storage = new MemoryStorage();
    const adapter = new TestAdapter();
    const turn = async (work: (state: ConversationState, context: TurnContext) => Promise<void>): Promise<void> => {
      const state = new ConversationState(storage);
      const context = new TurnContext(adapter, activity);
      await work(state, context);
      await state.saveChanges(context);
    };

    await turn(async (state, context) => state.createProperty<number>('count').set(context, 1));
    await turn(async (state, context) => {
      const loaded = await loadedState(state, context);
      assert.equal(loaded.count, 1);
      loaded.count = 2;
    });
    await turn(async (state, context) => assert.equal(await state.createProperty<number>('count').get(context), 2));
  });

  it('hands the same object to every call in a turn, so writes are seen by the accessors of that turn', async () => {
    const state = new ConversationState(new MemoryStorage());
    const context = new TurnContext(new TestAdapter(), activity);
    const first = await loadedState(state, context);
    first.answer = 'yes';
    assert.equal(await loadedState(state, context), first);
    assert.equal(await state.createProperty<string>('answer').get(context), 'yes');
  });
});
