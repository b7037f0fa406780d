/**
 * The per-conversation turn lock shared by every bot process: a Redis key set with
 * SET NX PX and a random token, renewed while the turn runs, and deleted on release only if it
 * still holds our token (a compare-and-delete script). A process that dies holding it blocks that
 * conversation for at most ttlMs. The lock alone is not a guarantee (a process stalled longer
 * than ttlMs loses it without knowing): the state write is fenced, and refused when stale.
 *
 * With the state's RedisStorage (`state`), the lock key is hash-tagged with the state's key, and
 * the lock is taken together with reading the conversation's state (one script), and given back
 * together with writing it (one script, fenced on the eTag read with the lock): two round trips
 * per turn instead of four.
 */
import { randomUUID } from 'node:crypto';
import { LuaScript, type ScriptClient } from './luaScript';
import type { LockedStateStorage } from './redisStorage';
import type { TurnLease, TurnLock } from '../../reliability/serialTurns';

export interface LockRedisClient extends ScriptClient {
  set(key: string, value: string, options: { condition: 'NX'; expiration: { type: 'PX'; value: number } }): Promise<unknown>;
}

export interface RedisTurnLockOptions {
  /** Goes in front of the lock key: "<keyPrefix>turn-lock:<conversation key>" ("…:{<state key>}" with `state`). */
  keyPrefix?: string;
  /** The storage of the conversation state, whose key is the conversation key: read and written with the lock. */
  state?: LockedStateStorage;
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
  private readonly state: LockedStateStorage | undefined;

  constructor(
    private readonly client: LockRedisClient,
    options: RedisTurnLockOptions = {},
  ) {
    this.keyPrefix = options.keyPrefix ?? '';
    this.ttlMs = options.ttlMs ?? DEFAULT_LOCK_TTL_MS;
    this.waitMs = options.waitMs ?? DEFAULT_LOCK_WAIT_MS;
    this.onError = options.onError ?? (() => undefined);
    this.state = options.state;
  }

  lockKey(conversationKey: string): string {
    // The state key as hash tag puts the lock in the state's cluster slot (unless the key has braces of its own).
    if (this.state) return `${this.keyPrefix}turn-lock:{${this.state.redisKey(conversationKey)}}`;
    return `${this.keyPrefix}turn-lock:${conversationKey}`;
  }

  async acquire(conversationKey: string): Promise<TurnLease> {
    const key = this.lockKey(conversationKey);
    const token = randomUUID();
    const state = this.state?.canHoldWith(conversationKey, key) ? this.state : undefined;
    const deadline = Date.now() + this.waitMs;
    for (let retry = 0; ; retry++) {
      if (state) {
        if (await state.lockAndRead(conversationKey, key, token, this.ttlMs))
          return this.lease(key, token, () => state.releaseHeld(conversationKey));
      } else {
        const reply = await this.client.set(key, token, { condition: 'NX', expiration: { type: 'PX', value: this.ttlMs } });
        if (reply === 'OK') return this.lease(key, token);
      }
      if (Date.now() >= deadline) throw new TurnLockTimeoutError(conversationKey);
      const backoff = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.min(retry, 10));
      await sleep(backoff * (0.5 + Math.random() / 2));
    }
  }

  /** `releaseWithState` gives the lock back together with the state write; it throws when that write fails. */
  private lease(key: string, token: string, releaseWithState?: () => Promise<void>): TurnLease {
    const renew = setInterval(
      () => {
        RENEW.run(this.client, [key], [token, String(this.ttlMs)]).catch((err: unknown) => this.onError(asError(err)));
      },
      Math.max(1, Math.floor(this.ttlMs / 3)),
    );
    renew.unref();
    return {
      release: async () => {
        clearInterval(renew);
        if (releaseWithState) return releaseWithState();
        await RELEASE.run(this.client, [key], [token]).catch((err: unknown) => this.onError(asError(err)));
      },
    };
  }
}

function asError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}
