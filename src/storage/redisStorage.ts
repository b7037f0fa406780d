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
 *   round trip on a single connection (and routes per slot on a cluster client). Each script
 *   touches one key.
 */
import { randomUUID } from 'node:crypto';
import type { Storage, StoreItem, StoreItems } from 'botbuilder';
import { LuaScript, type ScriptClient } from '../domain/redis/luaScript';

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
export function ttlByStateKind(ttl: { conversationSeconds?: number; userSeconds?: number; otherSeconds?: number }): (key: string) => number | undefined {
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

const WRITE = new LuaScript(`
local expected = ARGV[1]
if ARGV[4] == '1' then
  if redis.call('EXISTS', KEYS[1]) == 1 then
    return 0
  end
elseif expected ~= '' then
  local stored = redis.call('GETRANGE', KEYS[1], 0, string.len(expected))
  if stored ~= '' and stored ~= expected .. '\\n' then
    return 0
  end
end
local ttl = tonumber(ARGV[3])
if ttl > 0 then
  redis.call('SET', KEYS[1], ARGV[2], 'PX', ttl)
else
  redis.call('SET', KEYS[1], ARGV[2])
end
return 1
`);

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
  const decoded: StoreItem = { ...item, eTag: value.slice(0, at) };
  storedJson.set(decoded, json);
  return decoded;
}

export class RedisStorage implements Storage {
  private readonly keyPrefix: string;
  private readonly ttlSeconds: (key: string) => number | undefined;

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
        const written = await WRITE.run(this.client, [this.keyPrefix + key], [expected, value, String(this.ttlMs(key)), createOnly ? '1' : '0']);
        if (written !== 1) throw new ETagConflictError(key);
      }),
    );
  }

  async delete(keys: string[]): Promise<void> {
    await Promise.all(keys.map((key) => this.client.del(this.keyPrefix + key)));
  }

  private ttlMs(key: string): number {
    const seconds = this.ttlSeconds(key);
    return seconds !== undefined && seconds > 0 ? Math.round(seconds * 1000) : 0;
  }
}
