/**
 * Bot Framework state (botbuilder Storage) in Redis.
 *
 * Each item is one string key, `${keyPrefix}${botbuilder key}` (botbuilder keys look like
 * "<channel>/conversations/<conversation id>" and "<channel>/users/<user id>"), whose value is
 * "<eTag>\n<JSON of the item without its eTag>".
 *
 * - Optimistic concurrency: every write stores a fresh eTag. A write whose item carries an eTag
 *   other than '*' succeeds only if the stored eTag is the same (or nothing is stored), checked
 *   and written in one Lua script; '*' or no eTag overwrites; ABSENT_ETAG writes only when
 *   nothing is stored.
 * - Expiry: a key gets the TTL `ttlSeconds(key)` gives (by default conversations 24 h, users
 *   90 days), refreshed on every write and every read (GETEX: Redis 6.2 or later): state
 *   expires after inactivity.
 * - Cluster: no hash tags. Items of one call may live in different slots, so there is no MGET:
 *   read issues one GET/GETEX per key in the same tick, which node-redis pipelines into one
 *   round trip on a single connection (and routes per slot on a cluster client). WRITE touches
 *   one key.
 * - Held items: a turn lock (RedisTurnLock) whose key lies in the item's slot takes the lock and
 *   reads the item in one script; the turn then reads and writes the item in memory, and its
 *   release writes it back (fenced on the eTag read with the lock) and deletes the lock in one
 *   script. Two round trips per turn instead of four, and one write however often the turn saves.
 */
import { randomUUID } from 'node:crypto';
import type { Storage, StoreItem, StoreItems } from 'botbuilder';
import calculateSlot from 'cluster-key-slot';
import type { ScriptClient } from './luaScript';
import { LOCK_AND_READ, UNLOCK_AND_WRITE, WRITE } from './redisStorageScripts';

/** The commands this storage uses; a node-redis v5 RedisClientType fits. */
export interface StorageRedisClient extends ScriptClient {
  get(key: string): Promise<unknown>;
  getEx(key: string, options: { type: 'PX'; value: number }): Promise<unknown>;
  del(key: string): Promise<unknown>;
}

export const DEFAULT_CONVERSATION_TTL_SECONDS = 24 * 60 * 60;
export const DEFAULT_USER_TTL_SECONDS = 90 * 24 * 60 * 60;

export interface RedisStorageOptions {
  /** Put in front of every botbuilder key, e.g. "infopass:state:". */
  keyPrefix?: string;
  /** Seconds a key lives after its last read or write; undefined: no expiry. */
  ttlSeconds?: (key: string) => number | undefined;
}

/** TTL by the kind of botbuilder key: "…/conversations/…", "…/users/…", anything else. */
export function ttlByStateKind(ttl: {
  conversationSeconds?: number;
  userSeconds?: number;
  otherSeconds?: number;
}): (key: string) => number | undefined {
  return (key) => {
    const kind = key.split('/')[1];
    if (kind === 'conversations') return ttl.conversationSeconds;
    if (kind === 'users') return ttl.userSeconds;
    return ttl.otherSeconds;
  };
}

export class ETagConflictError extends Error {
  constructor(readonly key: string) {
    super(`RedisStorage: eTag conflict writing "${key}"`);
    this.name = 'ETagConflictError';
  }
}

/**
 * An eTag meaning "only if nothing is stored": a writer that read no item can make sure it does
 * not overwrite one another writer created meanwhile (a turn's fencing check on a new conversation).
 */
export const ABSENT_ETAG = '#absent';

const SEPARATOR = '\n';

/** The JSON (without the eTag) each item read was stored as. */
const storedJson = new WeakMap<object, string>();
/** The JSON (without the eTag) callers handed with items to write; kept apart, as read items get changed and written back. */
const jsonToWrite = new WeakMap<object, string>();

/**
 * Hands write() an item together with its JSON without the eTag, already written out by the
 * caller (to see whether it changed): the item is then not serialised a second time. The item
 * must not change before it is written.
 */
export function withJson<T extends StoreItem>(item: T, json: string): T {
  jsonToWrite.set(item, json);
  return item;
}

/**
 * The JSON an item returned by RedisStorage.read was stored as, without its eTag: what
 * JSON.stringify of the item without its eTag gives, unless the item was changed since (or
 * has integer-like keys, which JSON.parse reorders). Undefined for an object it did not read.
 */
export function storedJsonOf(item: object): string | undefined {
  return storedJson.get(item);
}

function decode(key: string, value: unknown): StoreItem | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value !== 'string') throw new Error(`RedisStorage: unexpected value type for "${key}"`);
  const at = value.indexOf(SEPARATOR);
  if (at < 0) throw new Error(`RedisStorage: malformed value for "${key}"`);
  const json = value.slice(at + 1);
  const item: unknown = JSON.parse(json);
  if (typeof item !== 'object' || item === null || Array.isArray(item)) throw new Error(`RedisStorage: malformed value for "${key}"`);
  // The parsed object is new and ours: it takes its eTag in place rather than being copied.
  const decoded = item as StoreItem;
  decoded.eTag = value.slice(0, at);
  storedJson.set(decoded, json);
  return decoded;
}

/**
 * An item a turn lock holds: taken with the item read in one script (LOCK_AND_READ), then read and
 * written by the turn in memory, and written back with the lock's release in one script.
 */
interface HeldItem {
  lockKey: string;
  token: string;
  /** The eTag stored when the lock was taken; null when nothing was stored. The write back is fenced on it. */
  readETag: string | null;
  /** The stored value ("<eTag>\n<JSON>") as read, or as the turn last wrote it; null: none. */
  value: string | null;
  written: boolean;
  /** Deleted in the turn: from then on reads and writes go to Redis, and the release only gives the lock back. */
  passThrough: boolean;
}

/** What a turn lock needs from the storage to take the lock and read the state in one round trip, and write it and give the lock back in another. */
export interface LockedStateStorage {
  /** Whether `lockKey` hashes to the cluster slot of the item's key, so that one script can touch both. */
  canHoldWith(key: string, lockKey: string): boolean;
  /** The Redis key of a botbuilder key. */
  redisKey(key: string): string;
  /**
   * Takes the lock (SET NX PX with `token`) and reads `key` in the same script; false when
   * someone else holds the lock. Until releaseHeld(key), reads of `key` come from memory and
   * writes stay in memory (checked as the store would check them).
   */
  lockAndRead(key: string, lockKey: string, token: string, lockTtlMs: number): Promise<boolean>;
  /**
   * Writes what the turn wrote to `key`, unless the stored item changed since lockAndRead
   * (ETagConflictError: the lock was lost and another turn wrote), and deletes the lock if it
   * still holds the token; one script.
   */
  releaseHeld(key: string): Promise<void>;
}

function eTagOf(key: string, value: string): string {
  const at = value.indexOf(SEPARATOR);
  if (at < 0) throw new Error(`RedisStorage: malformed value for "${key}"`);
  return value.slice(0, at);
}

export class RedisStorage implements Storage, LockedStateStorage {
  private readonly keyPrefix: string;
  private readonly ttlSeconds: (key: string) => number | undefined;
  private readonly held = new Map<string, HeldItem>();

  constructor(
    private readonly client: StorageRedisClient,
    options: RedisStorageOptions = {},
  ) {
    this.keyPrefix = options.keyPrefix ?? '';
    this.ttlSeconds =
      options.ttlSeconds ??
      ttlByStateKind({ conversationSeconds: DEFAULT_CONVERSATION_TTL_SECONDS, userSeconds: DEFAULT_USER_TTL_SECONDS });
  }

  async read(keys: string[]): Promise<StoreItems> {
    const values = await Promise.all(
      keys.map((key) => {
        const held = this.held.get(key);
        if (held && !held.passThrough) return held.value;
        const ttlMs = this.ttlMs(key);
        const redisKey = this.keyPrefix + key;
        return ttlMs > 0 ? this.client.getEx(redisKey, { type: 'PX', value: ttlMs }) : this.client.get(redisKey);
      }),
    );
    const items: StoreItems = {};
    keys.forEach((key, i) => {
      const item = decode(key, values[i]);
      if (item) items[key] = item;
    });
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    await Promise.all(
      Object.keys(changes).map(async (key) => {
        const item = changes[key] as StoreItem;
        const { eTag, ...document } = item;
        const createOnly = eTag === ABSENT_ETAG;
        const expected = eTag === undefined || eTag === '*' || createOnly ? '' : eTag;
        const given = jsonToWrite.get(item);
        jsonToWrite.delete(item);
        const value = randomUUID() + SEPARATOR + (given ?? JSON.stringify(document));
        const held = this.held.get(key);
        if (held && !held.passThrough) return this.writeHeld(key, held, { expected, createOnly, value });
        const written = await WRITE.run(
          this.client,
          [this.keyPrefix + key],
          [expected, value, String(this.ttlMs(key)), createOnly ? '1' : '0'],
        );
        if (written !== 1) throw new ETagConflictError(key);
      }),
    );
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) {
      const held = this.held.get(key);
      if (held) held.passThrough = true;
    }
    await Promise.all(keys.map((key) => this.client.del(this.keyPrefix + key)));
  }

  redisKey(key: string): string {
    return this.keyPrefix + key;
  }

  canHoldWith(key: string, lockKey: string): boolean {
    return calculateSlot(lockKey) === calculateSlot(this.redisKey(key));
  }

  async lockAndRead(key: string, lockKey: string, token: string, lockTtlMs: number): Promise<boolean> {
    if (this.held.has(key)) throw new Error('RedisStorage: the item is already held by a turn of this process');
    const reply = await LOCK_AND_READ.run(this.client, [lockKey, this.redisKey(key)], [token, String(lockTtlMs), String(this.ttlMs(key))]);
    if (!Array.isArray(reply)) return false;
    const value: unknown = reply[1];
    if (value !== null && typeof value !== 'string') throw new Error(`RedisStorage: unexpected value type for "${key}"`);
    this.held.set(key, { lockKey, token, readETag: value === null ? null : eTagOf(key, value), value, written: false, passThrough: false });
    return true;
  }

  async releaseHeld(key: string): Promise<void> {
    const held = this.held.get(key);
    if (!held) return;
    this.held.delete(key);
    const write = held.written && !held.passThrough && held.value !== null;
    const args = write
      ? [held.readETag ?? '', held.value ?? '', String(this.ttlMs(key)), held.readETag === null ? '1' : '0']
      : ['', '', '0', '0'];
    const written = await UNLOCK_AND_WRITE.run(this.client, [this.redisKey(key), held.lockKey], [...args, held.token]);
    if (written !== 1) throw new ETagConflictError(key);
  }

  /** A write of a held item, checked against what the turn has read and written so far; sent on release. */
  private writeHeld(key: string, held: HeldItem, write: { expected: string; createOnly: boolean; value: string }): void {
    const current = held.value === null ? null : eTagOf(key, held.value);
    const ok = write.createOnly ? current === null : write.expected === '' || write.expected === current;
    if (!ok) throw new ETagConflictError(key);
    held.value = write.value;
    held.written = true;
  }

  private ttlMs(key: string): number {
    const seconds = this.ttlSeconds(key);
    return seconds !== undefined && seconds > 0 ? Math.round(seconds * 1000) : 0;
  }
}
