/**
 * The per-conversation turn lock shared by every bot process: a Redis key set with
 * SET NX PX and a random token, renewed while the turn runs, and deleted on release only if it
 * still holds our token (a compare-and-delete script). A process that dies holding it blocks that
 * conversation for at most ttlMs. The lock alone is not a guarantee (a process stalled longer
 * than ttlMs loses it without knowing): FencedConversationState refuses the stale state write.
 */
import { randomUUID } from 'node:crypto';
import { LuaScript, type ScriptClient } from '../domain/redis/luaScript';
import type { TurnLease, TurnLock } from './serialTurns';

export interface LockRedisClient extends ScriptClient {
  set(key: string, value: string, options: { condition: 'NX'; expiration: { type: 'PX'; value: number } }): Promise<unknown>;
}

export interface RedisTurnLockOptions {
  /** Goes in front of the lock key: "<keyPrefix>turn-lock:<conversation key>". */
  keyPrefix?: string;
  /** How long a lock lives without renewal. */
  ttlMs?: number;
  /** How long a turn waits for the lock before giving up. Longer than ttlMs, so a dead holder's lock expires first. */
  waitMs?: number;
  onError?: (err: Error) => void;
}

export const DEFAULT_LOCK_TTL_MS = 5_000;
export const DEFAULT_LOCK_WAIT_MS = 15_000;
const FIRST_RETRY_MS = 5;
const MAX_RETRY_MS = 100;

export class TurnLockTimeoutError extends Error {
  constructor(readonly conversationKey: string) {
    super('timed out waiting for the turn lock of a conversation');
    this.name = 'TurnLockTimeoutError';
  }
}

const RENEW = new LuaScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
`);

const RELEASE = new LuaScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
`);

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export class RedisTurnLock implements TurnLock {
  private readonly keyPrefix: string;
  private readonly ttlMs: number;
  private readonly waitMs: number;
  private readonly onError: (err: Error) => void;

  constructor(
    private readonly client: LockRedisClient,
    options: RedisTurnLockOptions = {},
  ) {
    this.keyPrefix = options.keyPrefix ?? '';
    this.ttlMs = options.ttlMs ?? DEFAULT_LOCK_TTL_MS;
    this.waitMs = options.waitMs ?? DEFAULT_LOCK_WAIT_MS;
    this.onError = options.onError ?? (() => undefined);
  }

  lockKey(conversationKey: string): string {
    return `${this.keyPrefix}turn-lock:${conversationKey}`;
  }

  async acquire(conversationKey: string): Promise<TurnLease> {
    const key = this.lockKey(conversationKey);
    const token = randomUUID();
    const deadline = Date.now() + this.waitMs;
    for (let retry = 0; ; retry++) {
      const reply = await this.client.set(key, token, { condition: 'NX', expiration: { type: 'PX', value: this.ttlMs } });
      if (reply === 'OK') return this.lease(key, token);
      if (Date.now() >= deadline) throw new TurnLockTimeoutError(conversationKey);
      const backoff = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.min(retry, 10));
      await sleep(backoff * (0.5 + Math.random() / 2));
    }
  }

  private lease(key: string, token: string): TurnLease {
    const renew = setInterval(() => {
      RENEW.run(this.client, [key], [token, String(this.ttlMs)]).catch((err: unknown) => this.onError(asError(err)));
    }, Math.max(1, Math.floor(this.ttlMs / 3)));
    renew.unref();
    return {
      release: async () => {
        clearInterval(renew);
        await RELEASE.run(this.client, [key], [token]).catch((err: unknown) => this.onError(asError(err)));
      },
    };
  }
}

function asError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}
