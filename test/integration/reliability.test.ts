import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { type ConversationState, MemoryStorage, TestAdapter, TurnContext, type Activity, type Storage, type StoreItem } from 'botbuilder';
import { ComponentDialog, WaterfallDialog } from 'botbuilder-dialogs';
import { ClientOfflineError, type RedisClientType } from 'redis';
import { startBot, type RunningBot } from '../../src/composition/startBot';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { fixedClock } from '../../src/domain/clock';
import { connectRedis } from '../../src/infra/redis/connect';
import { ETagConflictError, RedisStorage } from '../../src/infra/redis/redisStorage';
import { InfoPassBot } from '../../src/bot/infoPassBot';
import { SerialTurns, conversationKeyOf } from '../../src/reliability/serialTurns';
import { RedisTurnLock } from '../../src/infra/redis/redisTurnLock';
import { FencedConversationState } from '../../src/framework/fencedConversationState';
import { isStoreUnavailable, turnErrorMessageKey } from '../../src/reliability/turnErrors';
import { RequestDrain } from '../../src/reliability/requestDrain';
import { rememberedId } from '../../src/reliability/handledActivities';
import { sharedTestRedisUrl } from '../support/redisServer';
import { HttpConversation } from '../support/httpConversation';
import { TEST_NOW } from '../support/dialogHarness';
import { describeReplies, saysKey } from '../support/replies';
import { driveToSummary, personNumber } from '../support/bookingSteps';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function turnContext(adapter: TestAdapter, conversationId: string, id: string, text = 'hi'): TurnContext {
  const activity: Partial<Activity> = {
    type: 'message',
    id,
    text,
    channelId: 'test',
    conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
    from: { id: 'person', name: 'Person' },
    recipient: { id: 'bot', name: 'Bot' },
  };
  return new TurnContext(adapter, activity);
}

/** A turn that appends its activity id to a list in the conversation state, with a pause between read and write. */
async function appendTurn(state: ConversationState, context: TurnContext, pauseMs: number): Promise<void> {
  const list = state.createProperty<string[]>('list');
  const seen = (await list.get(context)) ?? [];
  await sleep(pauseMs);
  await list.set(context, [...seen, String(context.activity.id)]);
  await state.saveChanges(context, false);
}

async function storedList(storage: Storage, conversationId: string): Promise<string[]> {
  const key = `test/conversations/${conversationId}/`;
  const items = await storage.read([key]);
  const list = (items[key] as { list?: string[] } | undefined)?.list;
  return list ?? [];
}

describe('reliability: turns of one conversation', function () {
  let redisUrl: string;
  let clients: RedisClientType[];

  before(async () => {
    redisUrl = await sharedTestRedisUrl();
    clients = [await connectRedis(redisUrl), await connectRedis(redisUrl)];
  });

  after(async () => {
    for (const client of clients) await client.close();
  });

  for (const [how, lockHoldsState, conversationId] of [
    ['a lock of its own', false, randomUUID()],
    ['the lock taken with the state read and given back with the state write', true, randomUUID()],
    ['a conversation id with braces (lock and state in different cluster slots: taken apart)', true, `{${randomUUID()}}x`],
  ] as const) {
    it(`serialises concurrent turns of one conversation across two processes: every turn is in the final state (${how})`, async () => {
      const prefix = `rel-${randomUUID()}:`;
      // Two "processes": each its own Redis connection, storage, state, lock and local queue.
      const processes = clients.map((client) => {
        const storage = new RedisStorage(client, { keyPrefix: `${prefix}state:` });
        return {
          storage,
          state: new FencedConversationState(storage),
          turns: new SerialTurns(new RedisTurnLock(client, { keyPrefix: prefix, ...(lockHoldsState ? { state: storage } : {}) })),
        };
      });
      const adapter = new TestAdapter();
      const ids = Array.from({ length: 12 }, (_, i) => `a${i}`);
      await Promise.all(
        ids.map((id, i) => {
          const process = processes[i % 2];
          const context = turnContext(adapter, conversationId, id);
          return process.turns.run(conversationKeyOf(context.activity), () => appendTurn(process.state, context, 5));
        }),
      );
      assert.deepEqual([...(await storedList(processes[0].storage, conversationId))].sort(), [...ids].sort());
      assert.deepEqual(await clients[0].keys(`${prefix}turn-lock:*`), [], 'every lock given back');
    });
  }

  it('fences off a stale save: a turn whose state changed since it read it fails and overwrites nothing', async () => {
    const storage = new RedisStorage(clients[0], { keyPrefix: `rel-${randomUUID()}:state:` });
    const state = new FencedConversationState(storage);
    const adapter = new TestAdapter();
    for (const existing of [false, true]) {
      const conversationId = randomUUID();
      if (existing) await appendTurn(state, turnContext(adapter, conversationId, 'first'), 0);
      const stale = turnContext(adapter, conversationId, 'stale');
      const list = state.createProperty<string[]>('list');
      const seen = (await list.get(stale)) ?? [];
      // Meanwhile another turn (whose lock was taken after ours expired) saves.
      await appendTurn(state, turnContext(adapter, conversationId, 'newer'), 0);
      await list.set(stale, [...seen, 'stale']);
      await assert.rejects(state.saveChanges(stale, false), ETagConflictError, existing ? 'existing state' : 'new conversation');
      assert.deepEqual(await storedList(storage, conversationId), existing ? ['first', 'newer'] : ['newer']);
    }
  });

  it('saves a turn that changed the state, and writes nothing for a turn that changed nothing', async () => {
    const storage = new RedisStorage(clients[0], { keyPrefix: `rel-${randomUUID()}:state:` });
    const state = new FencedConversationState(storage);
    const adapter = new TestAdapter();
    const conversationId = randomUUID();
    await appendTurn(state, turnContext(adapter, conversationId, 'first'), 0);
    const eTagOf = async (): Promise<string | undefined> => {
      const key = `test/conversations/${conversationId}/`;
      return (await storage.read([key]))[key]?.eTag;
    };
    const written = await eTagOf();
    assert.ok(written);

    const idle = turnContext(adapter, conversationId, 'idle');
    await state.load(idle);
    await state.createProperty<string[]>('list').get(idle);
    await state.saveChanges(idle, false);
    assert.equal(await eTagOf(), written, 'unchanged: not written');

    await appendTurn(state, turnContext(adapter, conversationId, 'second'), 0);
    assert.notEqual(await eTagOf(), written, 'changed: written');
    assert.deepEqual(await storedList(storage, conversationId), ['first', 'second']);
  });

  it('keeps its own turn cache: clear saves an empty state, delete removes it, a forced load reads the newer version', async () => {
    const storage = new RedisStorage(clients[0], { keyPrefix: `rel-${randomUUID()}:state:` });
    const state = new FencedConversationState(storage);
    const adapter = new TestAdapter();
    const conversationId = randomUUID();
    const key = `test/conversations/${conversationId}/`;
    await appendTurn(state, turnContext(adapter, conversationId, 'first'), 0);

    const turn = turnContext(adapter, conversationId, 'clearing');
    assert.equal(state.get(turn), undefined, 'nothing cached before the first load');
    assert.deepEqual((await state.load(turn)).list, ['first']);
    await state.clear(turn);
    assert.deepEqual(state.get(turn), {});
    await state.saveChanges(turn, false);
    const { eTag: _cleared, ...cleared } = (await storage.read([key]))[key] as StoreItem;
    assert.deepEqual(cleared, {}, 'a cleared state is saved, though it was not changed after the clear');

    // Saved twice in one turn: the second save overwrites the first.
    await appendTurn(state, turnContext(adapter, conversationId, 'second'), 0);
    const twice = turnContext(adapter, conversationId, 'twice');
    await appendTurn(state, twice, 0);
    await state.createProperty<string[]>('list').set(twice, ['replaced']);
    await state.saveChanges(twice, false);
    assert.deepEqual(await storedList(storage, conversationId), ['replaced']);

    const reader = turnContext(adapter, conversationId, 'reader');
    await state.load(reader);
    await appendTurn(state, turnContext(adapter, conversationId, 'elsewhere'), 0);
    assert.deepEqual(state.get(reader)?.list, ['replaced'], 'cached for the turn');
    assert.deepEqual((await state.load(reader, true)).list, ['replaced', 'elsewhere'], 'forced: read again');
    await state.createProperty<string[]>('list').set(reader, ['after forced load']);
    await state.saveChanges(reader, false);
    assert.deepEqual(await storedList(storage, conversationId), ['after forced load'], 'fenced on the version read by the forced load');

    await state.delete(reader);
    assert.equal(state.get(reader), undefined);
    assert.equal((await storage.read([key]))[key], undefined);
  });

  it('renews the lock while a long turn runs, and waits out a lock left by a dead process', async () => {
    const prefix = `rel-${randomUUID()}:`;
    const ttlMs = 150;
    const [one, two] = clients.map((client) => new SerialTurns(new RedisTurnLock(client, { keyPrefix: prefix, ttlMs, waitMs: 5_000 })));
    const events: string[] = [];
    const slow = one.run('test/conversations/long', async () => {
      events.push('slow start');
      await sleep(ttlMs * 4);
      events.push('slow end');
    });
    await sleep(ttlMs / 3);
    const other = two.run('test/conversations/long', async () => {
      events.push('other');
    });
    await Promise.all([slow, other]);
    assert.deepEqual(events, ['slow start', 'slow end', 'other']);

    // A process died holding the lock: the key stays until it expires, then the turn runs.
    const lock = new RedisTurnLock(clients[0], { keyPrefix: prefix, ttlMs, waitMs: 5_000 });
    await clients[0].set(lock.lockKey('test/conversations/orphan'), 'dead-process-token', { expiration: { type: 'PX', value: ttlMs } });
    let ran = false;
    await two.run('test/conversations/orphan', async () => {
      ran = true;
    });
    assert.ok(ran);
    assert.equal(await clients[0].exists(lock.lockKey('test/conversations/orphan')), 0, 'released after the turn');
  });

  it('runs the turns of one conversation in arrival order within a process, and others freely', async () => {
    const turns = new SerialTurns();
    const order: string[] = [];
    const run = (conversation: string, name: string, ms: number) =>
      turns.run(conversation, async () => {
        order.push(`${name} start`);
        await sleep(ms);
        order.push(`${name} end`);
      });
    await Promise.all([run('c1', 'first', 30), run('c1', 'second', 0), run('c2', 'other', 0)]);
    assert.deepEqual(
      order.filter((e) => !e.startsWith('other')),
      ['first start', 'first end', 'second start', 'second end'],
    );
    assert.ok(order.indexOf('other end') < order.indexOf('first end'), 'another conversation does not wait');
    await assert.rejects(
      turns.run('c1', async () => Promise.reject(new Error('boom'))),
      /boom/,
    );
    let after = false;
    await turns.run('c1', async () => {
      after = true;
    });
    assert.ok(after, 'a failed turn does not block the next one');
    assert.equal(turns.busyConversations, 0);
  });

  it('saves nothing of a turn that failed half-way', async () => {
    const storage = new MemoryStorage();
    const state = new FencedConversationState(storage);
    class HalfWay extends ComponentDialog {
      constructor() {
        super('halfWay');
        this.addDialog(
          new WaterfallDialog('steps', [
            async (step) => {
              (step.values as { progress?: string }).progress = 'asked';
              return step.next();
            },
            async (step) => {
              if (step.context.activity.text === 'fail') {
                (step.values as { progress?: string }).progress = 'half-written';
                throw new Error('the store failed');
              }
              return step.endDialog();
            },
          ]),
        );
        this.initialDialogId = 'steps';
      }
    }
    const bot = new InfoPassBot(state, new HalfWay());
    const adapter = new TestAdapter();
    const key = 'test/conversations/half/';
    await assert.rejects(bot.run(turnContext(adapter, 'half', 'm1', 'fail')), /the store failed/);
    assert.deepEqual(await storage.read([key]), {}, 'nothing written');
    await bot.run(turnContext(adapter, 'half', 'm2', 'fine'));
    const saved = JSON.stringify(await storage.read([key]));
    assert.ok(!saved.includes('half-written'), saved);
    assert.ok(saved.includes('m2') && !saved.includes('m1'), 'only the turn that succeeded is recorded as handled');
  });

  it('tells a store outage from other failures', () => {
    const offline = new ClientOfflineError();
    assert.equal(isStoreUnavailable(offline), true);
    assert.equal(turnErrorMessageKey(offline), 'errors.unavailable');
    assert.equal(isStoreUnavailable(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })), true);
    assert.equal(turnErrorMessageKey(new TypeError('x is undefined')), 'errors.generic');
    assert.equal(isStoreUnavailable('not an error'), false);
  });

  it('drains: counts requests in flight, refuses after stop, and says when the last one is done', async () => {
    const drain = new RequestDrain();
    const done = drain.begin();
    drain.stop();
    assert.equal(drain.accepting, false);
    assert.equal(await drain.idle(10), false, 'one still running');
    const idle = drain.idle(5_000);
    done();
    done();
    assert.equal(await idle, true);
    assert.equal(drain.inFlight, 0);
  });
});

describe('reliability: redelivered activities, over HTTP', function () {
  this.timeout(60_000);
  let bots: RunningBot[] = [];

  async function startTestBot(prefix: string): Promise<RunningBot> {
    const config = loadConfig({
      PORT: '0',
      LOG_LEVEL: 'silent',
      REDIS_URL: await sharedTestRedisUrl(),
      REDIS_KEY_PREFIX: prefix,
      PERSON_KEY_SECRET: 'reliability-test',
    });
    const bot = await startBot(config, { clock: fixedClock(TEST_NOW), logger: createLogger('silent') });
    bots.push(bot);
    return bot;
  }

  afterEach(async () => {
    for (const bot of bots) await bot.close();
    bots = [];
  });

  async function appointmentKeys(prefix: string): Promise<number> {
    const client = await connectRedis(await sharedTestRedisUrl());
    try {
      return (await client.keys(`{${prefix}}:appointment:*`)).length;
    } finally {
      await client.close();
    }
  }

  it('handles a redelivered "yes" once: one booking, and no second set of replies, even while the first still runs', async () => {
    const prefix = `redeliver-${randomUUID()}`;
    const bot = await startTestBot(prefix);

    const later = new HttpConversation(bot.url);
    await driveToSummary(later, personNumber(1));
    const yes = later.activity({ text: 'yes' });
    const first = await later.post(yes);
    assert.ok(saysKey(first.replies, 'en', 'notice.text'), describeReplies(first.replies));
    const again = await later.post(yes);
    assert.equal(again.status, 200);
    assert.deepEqual(again.replies, [], `a redelivery answers nothing, got:\n${describeReplies(again.replies)}`);

    const together = new HttpConversation(bot.url);
    await driveToSummary(together, personNumber(2));
    const both = together.activity({ text: 'yes' });
    const answers = await Promise.all([together.post(both), together.post(both)]);
    assert.deepEqual(
      answers.map((a) => a.status),
      [200, 200],
    );
    const withNotice = answers.filter((a) => saysKey(a.replies, 'en', 'notice.text'));
    const empty = answers.filter((a) => a.replies.length === 0);
    assert.equal(withNotice.length, 1, answers.map((a) => describeReplies(a.replies)).join('\n--\n'));
    assert.equal(empty.length, 1);

    assert.equal(await appointmentKeys(prefix), 2, 'one appointment per person');
    // The conversation goes on normally after the redelivery.
    const next = await together.send('help');
    assert.ok(next.length > 0);
  });

  it('two turns of one conversation at once on two bot processes: both are handled and saved', async () => {
    const prefix = `two-${randomUUID()}`;
    const [one, two] = [await startTestBot(prefix), await startTestBot(prefix)];
    const client = await connectRedis(await sharedTestRedisUrl());
    try {
      for (let round = 0; round < 3; round++) {
        const c = new HttpConversation(one.url);
        await c.join();
        const a = c.activity({ text: 'English' });
        const b = c.activity({ text: 'help' });
        const [ra, rb] = await Promise.all([postTo(one.url, a), postTo(two.url, b)]);
        assert.equal(ra.status, 200);
        assert.equal(rb.status, 200);
        const raw = await client.get(`${prefix}:state:webchat/conversations/${c.conversationId}/`);
        assert.ok(raw, 'state saved');
        const handled = (JSON.parse(raw.slice(raw.indexOf('\n') + 1)) as { handledActivityIds?: string[] }).handledActivityIds ?? [];
        const remembered = (activity: Partial<Activity>): string => rememberedId(String(activity.id), c.conversationId);
        assert.ok(
          handled.includes(remembered(a)) && handled.includes(remembered(b)),
          `both turns in the final state, got ${JSON.stringify(handled)}`,
        );
      }
    } finally {
      await client.close();
    }
  });
});

async function postTo(baseUrl: string, activity: Partial<Activity>): Promise<{ status: number; replies: Partial<Activity>[] }> {
  const response = await fetch(`${baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity),
  });
  const body = await response.text();
  return { status: response.status, replies: body ? ((JSON.parse(body) as { activities?: Partial<Activity>[] }).activities ?? []) : [] };
}
