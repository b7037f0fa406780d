/**
 * Streams of the process that appended get the entries without reading the log; a stream on
 * another process (sharing the Redis) reads on the notice, and both show the same log.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TurnContext } from 'botbuilder';
import { fixedClock } from '../../../src/domain/clock';
import { DirectLine } from '../../../src/http/directLine/directLine';
import type { ConversationRecord, DirectLineStore, LogSlice } from '../../../src/http/directLine/directLineStore';
import { MemoryDirectLineStore } from '../../../src/http/directLine/memoryDirectLineStore';
import { ActivityStreams } from '../../../src/http/directLine/streams';
import { flushTurnOutput } from '../../../src/http/directLine/turnOutput';
import { openRedis, type RedisConnection } from '../../../src/infra/redis/connect';
import { RedisDirectLineStore } from '../../../src/infra/redis/redisDirectLineStore';
import { TEST_NOW } from '../../support/dialogHarness';
import { ActivityStream } from '../../support/directLineClient';
import { sharedTestRedisUrl } from '../../support/redisServer';

const SERVICE_URL = 'http://localhost/v3/directline';
const clock = fixedClock(TEST_NOW);

/** Counts the reads of a store: a stream that reads the log shows here. */
function countingReads(store: DirectLineStore): { store: DirectLineStore; reads: () => number } {
  let reads = 0;
  const counted: DirectLineStore = Object.create(store) as DirectLineStore;
  counted.read = (conversationId: string, afterSequence: number | undefined): Promise<LogSlice | undefined> => {
    reads += 1;
    return store.read(conversationId, afterSequence);
  };
  return { store: counted, reads: () => reads };
}

/** A bot process as far as Direct Line goes: its DirectLine, its streams on an HTTP server. */
interface Process {
  directLine: DirectLine;
  url: string;
  reads: () => number;
  close(): Promise<void>;
}

async function startProcess(store: DirectLineStore): Promise<Process> {
  const counting = countingReads(store);
  const turn = async (context: TurnContext): Promise<void> => {
    await context.sendActivities([
      { type: 'message', text: `you said ${String(context.activity.text)}` },
      { type: 'message', text: 'anything else?' },
    ]);
    await flushTurnOutput(context);
  };
  const directLine = new DirectLine(turn, { store: counting.store, clock });
  const streams = new ActivityStreams(directLine, { pingMs: 60_000 });
  const server: Server = createServer();
  server.on('upgrade', streams.handleUpgrade);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    directLine,
    url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}`,
    reads: counting.reads,
    async close() {
      await streams.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

async function openConversation(bot: Process): Promise<{ conversation: ConversationRecord; token: string }> {
  const issued = await bot.directLine.generateToken({ id: 'u_local' });
  const access = await bot.directLine.access(issued.token);
  assert.ok(access.ok);
  return { conversation: { ...access.conversation, started: true }, token: issued.token };
}

function streamOf(bot: Process, conversationId: string, token: string): Promise<ActivityStream> {
  return ActivityStream.open(`${bot.url}/v3/directline/conversations/${conversationId}/stream?t=${encodeURIComponent(token)}`);
}

const texts = (activities: ReadonlyArray<{ text?: string }>): Array<string | undefined> => activities.map((a) => a.text);

async function settled(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 50));
}

/** Waits until each socket's first read (when it opened) is done. */
async function opened(...bots: Process[]): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (bots.some((bot) => bot.reads() < 1) && Date.now() < deadline) await settled();
  await settled();
}

describe('Direct Line streams: what this process appends, sent without reading the log', function () {
  this.timeout(20_000);

  it('sends each turn to a stream of the same process in one set, reading the log only when the socket opens (in memory)', async () => {
    const bot = await startProcess(new MemoryDirectLineStore(clock));
    try {
      const { conversation, token } = await openConversation(bot);
      const stream = await streamOf(bot, conversation.id, token);
      await opened(bot);
      const readsAtOpen = bot.reads();
      assert.equal(readsAtOpen, 1, 'the log read once, when the socket opened');
      for (const text of ['one', 'two', 'three']) {
        const result = await bot.directLine.post(conversation, { type: 'message', text }, SERVICE_URL);
        assert.ok(result.ok);
      }
      await stream.waitFor((activities) => activities.length === 9);
      await settled();
      assert.equal(bot.reads(), readsAtOpen, 'no read for what this process appended');
      assert.deepEqual(
        stream.sets.map((set) => [set.watermark, texts(set.activities)]),
        [
          ['3', ['one', 'you said one', 'anything else?']],
          ['6', ['two', 'you said two', 'anything else?']],
          ['9', ['three', 'you said three', 'anything else?']],
        ],
      );
      stream.close();
    } finally {
      await bot.close();
    }
  });

  describe('two processes on one Redis', function () {
    const connections: RedisConnection[] = [];
    let here: Process;
    let there: Process;

    before(async () => {
      const keyPrefix = `dl-local-${process.pid}-${Date.now()}:`;
      const open = async (): Promise<Process> => {
        const connection = await openRedis({ url: await sharedTestRedisUrl() });
        assert.ok(connection);
        connections.push(connection);
        return startProcess(new RedisDirectLineStore(connection.client, () => connection.subscriber(), { keyPrefix }));
      };
      here = await open();
      there = await open();
    });

    after(async () => {
      await Promise.all([here, there].map((p) => p?.close()));
      await Promise.all(connections.splice(0).map((connection) => connection.close()));
    });

    it("skips the read on the process that appended, reads on the other's notice, and both streams show the log as it is", async () => {
      const { conversation, token } = await openConversation(here);
      const near = await streamOf(here, conversation.id, token);
      const far = await streamOf(there, conversation.id, token);
      await opened(here, there);
      const [nearAtOpen, farAtOpen] = [here.reads(), there.reads()];
      const turns = [
        [here, 'one'],
        [there, 'two'],
        [here, 'three'],
      ] as const;
      for (const [i, [poster, text]] of turns.entries()) {
        const result = await poster.directLine.post(conversation, { type: 'message', text }, SERVICE_URL);
        assert.ok(result.ok);
        // Each turn seen on both before the next: entries that arrive while a read is under way are read again instead.
        await near.waitFor((activities) => activities.length === 3 * (i + 1));
        await far.waitFor((activities) => activities.length === 3 * (i + 1));
      }
      await near.waitFor((activities) => activities.length === 9);
      await far.waitFor((activities) => activities.length === 9);
      await settled();
      assert.equal(here.reads() - nearAtOpen, 1, 'here read only for the turn the other process ran');
      assert.equal(there.reads() - farAtOpen, 2, 'there read only for the two turns this process ran');
      const log = (await here.directLine.activities(conversation.id, undefined))?.activities ?? [];
      assert.deepEqual(
        near.activities.map((a) => a.id),
        log.map((a) => a.id),
      );
      assert.deepEqual(
        far.activities.map((a) => a.id),
        log.map((a) => a.id),
      );
      assert.deepEqual(texts(log), [
        'one',
        'you said one',
        'anything else?',
        'two',
        'you said two',
        'anything else?',
        'three',
        'you said three',
        'anything else?',
      ]);
      near.close();
      far.close();
    });
  });
});
