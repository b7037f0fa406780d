import assert from 'node:assert/strict';
import { type Activity, ConversationState, MemoryStorage, TestAdapter, TurnContext } from 'botbuilder';
import { HandledActivities, REMEMBERED_ACTIVITIES, rememberedId } from '../../src/reliability/handledActivities';

const CONVERSATION = 'a1b2c3-conversation';

function contextFor(adapter: TestAdapter, id: string | undefined, conversationId = CONVERSATION): TurnContext {
  const activity: Partial<Activity> = {
    type: 'message',
    text: 'x',
    channelId: 'directline',
    conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
    from: { id: 'person', name: '' },
    recipient: { id: 'bot', name: '' },
    ...(id ? { id } : {}),
  };
  return new TurnContext(adapter, activity);
}

describe('handled activities', () => {
  let state: ConversationState;
  let handled: HandledActivities;
  let adapter: TestAdapter;
  /** One turn: was it a repeat, then remember it and save, as the bot does. */
  async function turn(id: string | undefined, conversationId = CONVERSATION): Promise<boolean> {
    const context = contextFor(adapter, id, conversationId);
    await state.load(context);
    const repeat = await handled.isRepeat(context);
    if (!repeat) await handled.remember(context);
    await state.saveChanges(context);
    return repeat;
  }
  async function stored(conversationId = CONVERSATION): Promise<unknown> {
    const context = contextFor(adapter, undefined, conversationId);
    return (await state.load(context, true)).handledActivityIds;
  }

  beforeEach(() => {
    state = new ConversationState(new MemoryStorage());
    handled = new HandledActivities(state);
    adapter = new TestAdapter();
  });

  it('knows an activity it handled, and no other', async () => {
    assert.equal(await turn(`${CONVERSATION}|0000001`), false);
    assert.equal(await turn(`${CONVERSATION}|0000001`), true);
    assert.equal(await turn(`${CONVERSATION}|0000002`), false);
    assert.equal(await turn('SM0123456789abcdef0123456789abcdef'), false);
    assert.equal(await turn('SM0123456789abcdef0123456789abcdef'), true);
    assert.equal(await turn(undefined), false, 'an activity without an id is never a repeat');
    assert.equal(await turn(undefined), false);
  });

  it('remembers an id that begins with the conversation id by the rest of it only', async () => {
    await turn(`${CONVERSATION}|0000001`);
    await turn('1:1x7aQ');
    assert.deepEqual(await stored(), ['~|0000001', '=1:1x7aQ']);
  });

  it('never takes an id for another that its remembered form could be confused with', async () => {
    assert.notEqual(rememberedId(`${CONVERSATION}x`, CONVERSATION), rememberedId('~x', CONVERSATION));
    assert.notEqual(rememberedId(`${CONVERSATION}x`, CONVERSATION), rememberedId('x', CONVERSATION));
    await turn(`${CONVERSATION}x`);
    assert.equal(await turn('x'), false);
    assert.equal(await turn('~x'), false);
    assert.equal(await turn(CONVERSATION), false, 'the conversation id itself is an id like any other');
    assert.equal(await turn(CONVERSATION), true);
  });

  it('still knows the whole ids a bot from before remembered', async () => {
    const context = contextFor(adapter, undefined);
    await state.load(context);
    await state.createProperty<string[]>('handledActivityIds').set(context, [`${CONVERSATION}|0000007`]);
    await state.saveChanges(context);
    assert.equal(await turn(`${CONVERSATION}|0000007`), true);
    assert.equal(await turn(`${CONVERSATION}|0000008`), false);
    assert.deepEqual(await stored(), [`${CONVERSATION}|0000007`, '~|0000008']);
  });

  it(`keeps the last ${REMEMBERED_ACTIVITIES}`, async () => {
    for (let i = 1; i <= REMEMBERED_ACTIVITIES + 5; i++) await turn(`${CONVERSATION}|${i}`);
    const ids = (await stored()) as string[];
    assert.equal(ids.length, REMEMBERED_ACTIVITIES);
    assert.equal(ids[ids.length - 1], `~|${REMEMBERED_ACTIVITIES + 5}`);
    assert.equal(await turn(`${CONVERSATION}|5`), false, 'forgotten');
    assert.equal(await turn(`${CONVERSATION}|${REMEMBERED_ACTIVITIES + 5}`), true);
  });
});
