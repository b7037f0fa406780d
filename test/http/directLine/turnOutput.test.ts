import assert from 'node:assert/strict';
import type { Activity, TurnContext } from 'botbuilder';
import { fixedClock } from '../../../src/domain/clock';
import { DirectLine } from '../../../src/http/directLine/directLine';
import type { ConversationRecord, DirectLineStore, LogEntry } from '../../../src/http/directLine/directLineStore';
import { MemoryDirectLineStore } from '../../../src/http/directLine/memoryDirectLineStore';
import { EARLY_WRITE_MS, flushTurnOutput } from '../../../src/http/directLine/turnOutput';
import { TEST_NOW } from '../../support/dialogHarness';

const SERVICE_URL = 'http://localhost/v3/directline';

/** The memory store, counting appends: how many calls, and how many activities each carried. */
class CountingStore extends MemoryDirectLineStore {
  readonly appends: number[] = [];

  override async append(conversationId: string, activities: readonly Partial<Activity>[], nowMs: number): Promise<LogEntry[] | undefined> {
    this.appends.push(activities.length);
    return super.append(conversationId, activities, nowMs);
  }
}

type Turn = (context: TurnContext) => Promise<void>;

async function setUp(turn: Turn): Promise<{ directLine: DirectLine; store: CountingStore; conversation: ConversationRecord }> {
  const clock = fixedClock(TEST_NOW);
  const store = new CountingStore(clock);
  // As the composition root runs turns: the output written at the end of the bot's turn.
  const directLine = new DirectLine((context) => turn(context).finally(() => flushTurnOutput(context)), { store, clock });
  const issued = await directLine.generateToken({ id: 'u_output' });
  const access = await directLine.access(issued.token);
  assert.ok(access.ok);
  // Started already: these tests look at the turns of posts.
  assert.ok(await store.markStarted(issued.conversationId));
  return { directLine, store, conversation: { ...access.conversation, started: true } };
}

async function logOf(store: DirectLineStore, conversationId: string): Promise<LogEntry[]> {
  return (await store.read(conversationId, undefined))?.entries ?? [];
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe("Direct Line: a turn's output in one append", function () {
  it("writes the person's message and the bot's replies in one store call, in order, the replies answering the echo", async () => {
    const { directLine, store, conversation } = await setUp(async (context) => {
      await context.sendActivity('first');
      await context.sendActivities([{ type: 'typing' }, { type: 'message', text: 'second' }]);
    });
    const result = await directLine.post(conversation, { type: 'message', text: 'hello' }, SERVICE_URL);
    assert.ok(result.ok);
    assert.deepEqual(store.appends, [4], 'one append of the echo and three replies');
    const log = await logOf(store, conversation.id);
    assert.deepEqual(
      log.map((e) => [e.sequence, e.activity.type, e.activity.text]),
      [
        [1, 'message', 'hello'],
        [2, 'message', 'first'],
        [3, 'typing', undefined],
        [4, 'message', 'second'],
      ],
    );
    assert.equal(log[0].activity.id, result.id, 'the POST answers the id of the echo');
    assert.ok(log.slice(1).every((e) => e.activity.replyToId === result.id));
    assert.equal(new Set(log.map((e) => e.activity.id)).size, 4, 'every entry its own id');
    const stamps = log.map((e) => e.timestampMs);
    assert.ok(
      stamps.every((stamp, i) => i === 0 || stamp > stamps[i - 1]),
      'strictly increasing timestamps on a fixed clock',
    );
  });

  it('gives every echo of a conversation its own id, not one taken from the log', async () => {
    const { directLine, store, conversation } = await setUp(async (context) => {
      await context.sendActivity('ok');
    });
    const ids = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const result = await directLine.post(conversation, { type: 'message', text: `m${i}` }, SERVICE_URL);
      assert.ok(result.ok);
      ids.add(result.id);
    }
    assert.equal(ids.size, 20);
    assert.deepEqual(store.appends, Array<number>(20).fill(2));
  });

  it('writes early what a slow turn holds, so the person sees it before the turn is over', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { directLine, store, conversation } = await setUp(async (context) => {
      await context.sendActivity('one moment');
      await gate;
      await context.sendActivity('done');
    });
    const posting = directLine.post(conversation, { type: 'message', text: 'slow' }, SERVICE_URL);
    const deadline = Date.now() + 20 * EARLY_WRITE_MS;
    while ((await logOf(store, conversation.id)).length < 2 && Date.now() < deadline) await sleep(5);
    assert.deepEqual(
      (await logOf(store, conversation.id)).map((e) => e.activity.text),
      ['slow', 'one moment'],
      'the echo and the first reply, while the turn still runs',
    );
    release();
    const result = await posting;
    assert.ok(result.ok);
    assert.deepEqual(
      (await logOf(store, conversation.id)).map((e) => e.activity.text),
      ['slow', 'one moment', 'done'],
    );
    assert.deepEqual(store.appends, [2, 1]);
  });

  it("keeps the person's message and the error reply of a failed turn", async () => {
    const { directLine, store, conversation } = await setUp(async () => {
      throw new Error('the bot broke');
    });
    directLine.adapter.onTurnError = async (context) => {
      await context.sendActivity('sorry');
    };
    const result = await directLine.post(conversation, { type: 'message', text: 'break it' }, SERVICE_URL);
    assert.deepEqual(result, { ok: true, id: (await logOf(store, conversation.id))[0]?.activity.id });
    assert.deepEqual(
      (await logOf(store, conversation.id)).map((e) => e.activity.text),
      ['break it', 'sorry'],
    );
  });

  it('answers "gone" when the conversation left the store during the turn', async () => {
    const stores: CountingStore[] = [];
    const { directLine, store, conversation } = await setUp(async (context) => {
      await stores[0]?.close();
      await context.sendActivity('too late');
    });
    stores.push(store);
    assert.deepEqual(await directLine.post(conversation, { type: 'message', text: 'hi' }, SERVICE_URL), { ok: false, reason: 'gone' });
  });

  it('still delivers what a turn without a post sends (continueConversation) straight into the log', async () => {
    const { directLine, store, conversation } = await setUp(async (context) => {
      await context.sendActivity('a reminder');
    });
    await directLine.adapter.continueConversation(
      {
        channelId: 'webchat',
        serviceUrl: SERVICE_URL,
        conversation: { id: conversation.id, isGroup: false, conversationType: 'personal', name: '' },
      },
      async (context) => {
        await context.sendActivity('a reminder');
      },
    );
    assert.deepEqual(
      (await logOf(store, conversation.id)).map((e) => e.activity.text),
      ['a reminder'],
    );
  });
});
