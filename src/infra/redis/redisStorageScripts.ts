/** The Lua scripts of RedisStorage. Each touches only keys of one cluster slot. */
import { LuaScript } from './luaScript';

/**
 * write(key, expected eTag or '', "<eTag>\n<JSON>", ttl ms or 0, '1' for "only if nothing is
 * stored"): 1 when written, 0 on an eTag conflict. The stored value starts with its eTag, so
 * the check reads only that many bytes.
 */
const WRITE_FUNCTION = `
local function write(key, expected, value, ttlMs, createOnly)
  if createOnly == '1' then
    if redis.call('EXISTS', key) == 1 then
      return 0
    end
  elseif expected ~= '' then
    local stored = redis.call('GETRANGE', key, 0, string.len(expected))
    if stored ~= '' and stored ~= expected .. '\\n' then
      return 0
    end
  end
  local ttl = tonumber(ttlMs)
  if ttl > 0 then
    redis.call('SET', key, value, 'PX', ttl)
  else
    redis.call('SET', key, value)
  end
  return 1
end
`;

/** KEYS: item. ARGV: expected eTag, value, ttl ms, createOnly. */
export const WRITE = new LuaScript(`${WRITE_FUNCTION}
return write(KEYS[1], ARGV[1], ARGV[2], ARGV[3], ARGV[4])
`);

/**
 * KEYS: lock, item. ARGV: token, lock ttl ms, item ttl ms (0: none).
 * 0 when the lock is held by someone else; else {1, the item's value or nil}, its TTL refreshed.
 */
export const LOCK_AND_READ = new LuaScript(`
if not redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  return 0
end
if tonumber(ARGV[3]) > 0 then
  return {1, redis.call('GETEX', KEYS[2], 'PX', ARGV[3])}
end
return {1, redis.call('GET', KEYS[2])}
`);

/**
 * KEYS: item, lock. ARGV: expected eTag, value ('' for nothing to write), ttl ms, createOnly, token.
 * Writes as WRITE does, then deletes the lock if it still holds the token; returns what write returned (1 when nothing to write).
 */
export const UNLOCK_AND_WRITE = new LuaScript(`${WRITE_FUNCTION}
local written = 1
if ARGV[2] ~= '' then
  written = write(KEYS[1], ARGV[1], ARGV[2], ARGV[3], ARGV[4])
end
if redis.call('GET', KEYS[2]) == ARGV[5] then
  redis.call('DEL', KEYS[2])
end
return written
`);
