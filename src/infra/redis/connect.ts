import { createClient, createCluster, type RedisClientType, type RedisClusterType } from 'redis';

/** Reconnect delays: 100 ms doubling up to 10 s, with up to 20% jitter so many processes do not retry in step. */
export const RECONNECT_BASE_MS = 100;
export const RECONNECT_MAX_MS = 10_000;

export function reconnectDelayMs(retries: number, random: () => number = Math.random): number {
  const exponential = RECONNECT_BASE_MS * 2 ** Math.min(retries, 20);
  const capped = Math.min(exponential, RECONNECT_MAX_MS);
  return Math.round(capped * (0.8 + 0.2 * random()));
}

export interface ConnectRedisOptions {
  /** Called for every client error (lost connection, refused reconnect…); the client keeps retrying. */
  onError?: (err: Error) => void;
}

/**
 * A connected node-redis client that never crashes the process on an 'error' event (node's
 * EventEmitter throws when 'error' has no listener) and reconnects forever with capped
 * exponential backoff. The first connection is retried the same way, so the returned promise
 * waits until Redis answers. Commands sent while disconnected are rejected, not queued.
 */
export async function connectRedis(url: string, options: ConnectRedisOptions = {}): Promise<RedisClientType> {
  const onError = options.onError ?? (() => undefined);
  const client: RedisClientType = createClient({
    url,
    socket: { reconnectStrategy: (retries: number) => reconnectDelayMs(retries) },
    // While Redis is unreachable, fail commands at once (the person hears "try again") instead
    // of queueing them until it comes back and leaving requests hanging.
    disableOfflineQueue: true,
  });
  client.on('error', (err: unknown) => onError(err instanceof Error ? err : new Error(String(err))));
  await client.connect();
  return client;
}

/** A single Redis server's client or a Redis Cluster client: the bot's stores use the commands both have. */
export type BotRedisClient = RedisClientType | RedisClusterType;

/** Where Redis is: a URL, or (winning over it) a Redis Cluster's seed nodes "host:port,host:port". */
export interface RedisTarget {
  url?: string;
  clusterNodes?: string;
}

/** A pub/sub message listener: the message is a string (node-redis types it string | Buffer for unsubscribe). */
export type MessageListener = (message: unknown) => void;

/** Pub/sub listening: node-redis's subscribe and unsubscribe (removing a listener; the channel with its last one). */
export interface RedisSubscriber {
  subscribe(channel: string, listener: MessageListener): Promise<void>;
  unsubscribe(channel: string, listener: MessageListener): Promise<void>;
}

export interface RedisConnection {
  client: BotRedisClient;
  kind: 'server' | 'cluster';
  /** True when Redis answers PING (on a cluster: some node does, and the client is open). */
  isReady(): Promise<boolean>;
  /**
   * Where to SUBSCRIBE, opened on first use: on a server a second connection (a subscribed
   * connection runs no other command), with the same reconnects (node-redis subscribes again
   * after one); on a cluster the client's own pub/sub connection. Closed by close().
   */
  subscriber(): Promise<RedisSubscriber>;
  /** Flushes what is in flight and closes; drops the sockets when Redis is unreachable. */
  close(): Promise<void>;
}

/** "host:port,host:port" → node-redis root nodes; throws on an entry that is not host:port. */
export function parseClusterNodes(list: string): { url: string }[] {
  const entries = list
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  if (entries.length === 0) throw new Error('REDIS_CLUSTER_NODES: no node given');
  return entries.map((entry) => {
    const match = /^(?:redis:\/\/)?([^\s:/]+|\[[0-9a-fA-F:]+\]):(\d{1,5})$/.exec(entry);
    if (!match || Number(match[2]) > 65535) throw new Error(`REDIS_CLUSTER_NODES: "${entry}" is not host:port`);
    return { url: `redis://${match[1]}:${match[2]}` };
  });
}

/**
 * A connected Redis Cluster client, with the same error and reconnect behaviour as connectRedis
 * for every node it opens. It learns the topology from any reachable seed node and follows
 * MOVED/ASK redirections; the bot's multi-key scripts keep their keys in one hash tag.
 */
export async function connectRedisCluster(nodes: string, options: ConnectRedisOptions = {}): Promise<RedisClusterType> {
  const onError = options.onError ?? (() => undefined);
  const cluster: RedisClusterType = createCluster({
    rootNodes: parseClusterNodes(nodes),
    defaults: {
      socket: { reconnectStrategy: (retries: number) => reconnectDelayMs(retries) },
      disableOfflineQueue: true,
    },
  });
  cluster.on('error', (err: unknown) => onError(err instanceof Error ? err : new Error(String(err))));
  await cluster.connect();
  return cluster;
}

/** Connects to the configured Redis (cluster when clusterNodes is set); undefined when neither is set. */
export async function openRedis(target: RedisTarget, options: ConnectRedisOptions = {}): Promise<RedisConnection | undefined> {
  if (target.clusterNodes) {
    const cluster = await connectRedisCluster(target.clusterNodes, options);
    const subscriber: RedisSubscriber = {
      subscribe: (channel, listener) => cluster.subscribe(channel, listener),
      unsubscribe: (channel, listener) => cluster.unsubscribe(channel, listener),
    };
    return {
      client: cluster,
      kind: 'cluster',
      isReady: async () => cluster.isOpen && (await cluster.sendCommand<unknown>(undefined, true, ['PING'])) === 'PONG',
      subscriber: async () => subscriber,
      close: async () => {
        await cluster.close().catch(() => cluster.destroy());
      },
    };
  }
  if (target.url) {
    const client = await connectRedis(target.url, options);
    let subscriber: Promise<RedisClientType> | undefined;
    const closeQuietly = async (each: RedisClientType): Promise<void> => {
      await each.close().catch(() => each.destroy());
    };
    return {
      client,
      kind: 'server',
      isReady: async () => client.isReady && (await client.ping()) === 'PONG',
      subscriber: async () => {
        subscriber ??= connectRedis(target.url ?? '', options);
        const connection = await subscriber;
        return {
          subscribe: (channel, listener) => connection.subscribe(channel, listener),
          unsubscribe: (channel, listener) => connection.unsubscribe(channel, listener),
        };
      },
      close: async () => {
        const opened = subscriber;
        subscriber = undefined;
        if (opened) await closeQuietly(await opened);
        await closeQuietly(client);
      },
    };
  }
  return undefined;
}
