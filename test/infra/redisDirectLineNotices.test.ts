import assert from 'node:assert/strict';
import type { RedisClientType } from 'redis';
import { connectRedis, openRedis, type RedisConnection } from '../../src/infra/redis/connect';
import { RedisDirectLineStore } from '../../src/infra/redis/redisDirectLineStore';
import { TEST_NOW } from '../support/dialogHarness';
import { sharedTestRedisUrl } from '../support/redisServer';

const NOW_MS = Date.parse(TEST_NOW);
const MARKER_CHANNEL = `dl-notices-${process.pid}:marker`;

describe('Direct Line in Redis: append notices go only to other processes', function () {
  this.timeout(20_000);
  const connections: RedisConnection[] = [];
  let admin: RedisClientType;
  let listener: RedisClientType;
  let here: RedisDirectLineStore;
  let there: RedisDirectLineStore;
  const keyPrefix = `dl-notices-${process.pid}:`;

  const open = async (watcherId: string): Promise<RedisDirectLineStore> => {
    const connection = await openRedis({ url: await sharedTestRedisUrl() });
    assert.ok(connection);
    connections.push(connection);
    return new RedisDirectLineStore(connection.client, () => connection.subscriber(), { keyPrefix, watcherId });
  };

  /**
   * What was published on the conversation's channel during `during`. A marker published on
   * another channel afterwards reaches each subscriber (ours, and both stores') after all of that:
   * Redis sends a connection the messages in the order they were published.
   */
  async function publishedOn(channel: string, during: () => Promise<void>): Promise<string[]> {
    const messages: string[] = [];
    const take = (message: string): void => void messages.push(message);
    const subscribers = [listener, ...(await Promise.all(connections.map((connection) => connection.subscriber())))];
    const markers = subscribers.map(() => {
      let seen: () => void = () => undefined;
      const arrived = new Promise<void>((resolve) => (seen = resolve));
      return { seen, arrived };
    });
    await listener.subscribe(channel, take);
    await Promise.all(subscribers.map((subscriber, i) => subscriber.subscribe(MARKER_CHANNEL, markers[i].seen)));
    try {
      await during();
      await admin.publish(MARKER_CHANNEL, 'after');
      await Promise.all(markers.map((marker) => marker.arrived));
    } finally {
      await listener.unsubscribe(channel, take);
      await Promise.all(subscribers.map((subscriber, i) => subscriber.unsubscribe(MARKER_CHANNEL, markers[i].seen)));
    }
    return messages;
  }

  const settled = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

  before(async () => {
    const url = await sharedTestRedisUrl();
    admin = await connectRedis(url);
    listener = await connectRedis(url);
    here = await open('here');
    there = await open('there');
  });

  after(async () => {
    await Promise.all(connections.splice(0).map((connection) => connection.close()));
    await Promise.all([admin.close(), listener.close()]);
  });

  it("publishes nothing while only the appending process watches, and tells that process's listeners in memory", async () => {
    const { conversationId } = await here.create({});
    const heard: Array<number | undefined> = [];
    const stop = await here.subscribe(conversationId, (sequence) => heard.push(sequence));
    const published = await publishedOn(here.channelOf(conversationId), async () => {
      await here.append(conversationId, [{ type: 'message', text: 'one' }], NOW_MS);
      await here.append(conversationId, [{ type: 'message', text: 'two' }, { type: 'typing' }], NOW_MS);
    });
    await settled();
    assert.deepEqual(published, []);
    assert.deepEqual(heard, [1, 3]);
    assert.deepEqual(await admin.sMembers(here.keysOf(conversationId).watchers), ['here']);
    await stop();
    assert.deepEqual(await admin.sMembers(here.keysOf(conversationId).watchers), []);
  });

  it('publishes once, naming the appender, when another process watches; each process hears each append once', async () => {
    const { conversationId } = await here.create({});
    const heardHere: Array<number | undefined> = [];
    const heardThere: Array<number | undefined> = [];
    const stopHere = await here.subscribe(conversationId, (sequence) => heardHere.push(sequence));
    const stopThere = await there.subscribe(conversationId, (sequence) => heardThere.push(sequence));
    const published = await publishedOn(here.channelOf(conversationId), async () => {
      await here.append(conversationId, [{ type: 'message', text: 'from here' }], NOW_MS);
      await there.append(conversationId, [{ type: 'message', text: 'from there' }], NOW_MS);
    });
    await settled();
    assert.deepEqual(published, ['1 here', '2 there']);
    assert.deepEqual(heardHere, [1, 2]);
    assert.deepEqual(heardThere, [1, 2]);

    await stopThere();
    const afterThereLeft = await publishedOn(here.channelOf(conversationId), async () => {
      await here.append(conversationId, [{ type: 'message', text: 'alone again' }], NOW_MS);
    });
    await settled();
    assert.deepEqual(afterThereLeft, [], 'nobody else watches: nothing is published');
    assert.deepEqual(heardHere, [1, 2, 3]);
    assert.deepEqual(heardThere, [1, 2], 'a stopped listener hears nothing more');
    await stopHere();
  });

  it('keeps watching while one of two listeners of the conversation in the process is left', async () => {
    const { conversationId } = await there.create({});
    const heard: number[] = [];
    const stopFirst = await here.subscribe(conversationId, () => heard.push(1));
    const stopSecond = await here.subscribe(conversationId, () => heard.push(2));
    await stopFirst();
    assert.deepEqual(await admin.sMembers(here.keysOf(conversationId).watchers), ['here']);
    const published = await publishedOn(here.channelOf(conversationId), async () => {
      await there.append(conversationId, [{ type: 'message', text: 'hello' }], NOW_MS);
    });
    await settled();
    assert.deepEqual(published, ['1 there']);
    assert.deepEqual(heard, [2]);
    await stopSecond();
    assert.deepEqual(await admin.sMembers(here.keysOf(conversationId).watchers), []);
  });

  it('watches nothing of a conversation that is gone', async () => {
    await assert.doesNotReject(here.subscribe('no-such-conversation', () => undefined).then((stop) => stop()));
    assert.equal(await admin.exists(here.keysOf('no-such-conversation').watchers), 0);
  });
});
