import { createClient, type RedisClientType } from 'redis';

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
 * waits until Redis answers.
 */
export async function connectRedis(url: string, options: ConnectRedisOptions = {}): Promise<RedisClientType> {
  const onError = options.onError ?? (() => undefined);
  const client: RedisClientType = createClient({
    url,
    socket: { reconnectStrategy: (retries: number) => reconnectDelayMs(retries) },
  });
  client.on('error', (err: unknown) => onError(err instanceof Error ? err : new Error(String(err))));
  await client.connect();
  return client;
}
