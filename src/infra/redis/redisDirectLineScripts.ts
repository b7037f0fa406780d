/**
 * The Lua scripts of RedisDirectLineStore. Every script touches one conversation's keys only
 * (they share its hash tag), and each one that finds the conversation refreshes the idle expiry
 * of its record (KEYS[1]) and its log (KEYS[2]).
 */
import { LuaScript } from './luaScript';

const TOUCH = `
local function touch(idleMs)
  redis.call('PEXPIRE', KEYS[1], idleMs)
  redis.call('PEXPIRE', KEYS[2], idleMs)
end
`;

/** KEYS: record, log, token, live; ARGV: user id, locale ('' for none), idle ms, token ms. */
export const CREATE = new LuaScript(`${TOUCH}
redis.call('HSET', KEYS[1], 'u', ARGV[1], 'l', ARGV[2], 's', '0', 'n', '0', 't', '0')
touch(ARGV[3])
redis.call('SET', KEYS[3], '1', 'PX', ARGV[4])
redis.call('SET', KEYS[4], '1', 'PX', ARGV[4])
return 1
`);

/**
 * A new token. Every token lives as long, so the newest expires last: "live" is set with each
 * one and says whether the conversation still has a valid token.
 * KEYS: record, log, token, live; ARGV: idle ms, token ms. Returns 0 when the conversation is gone.
 */
export const ISSUE = new LuaScript(`${TOUCH}
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
touch(ARGV[1])
redis.call('SET', KEYS[3], '1', 'PX', ARGV[2])
redis.call('SET', KEYS[4], '1', 'PX', ARGV[2])
return 1
`);

/**
 * KEYS: record, log, token; ARGV: idle ms.
 * Returns {0} unknown conversation, {1} bad token, or {2, user id, locale, started, token ms left}.
 */
export const ACCESS = new LuaScript(`${TOUCH}
local fields = redis.call('HMGET', KEYS[1], 'u', 'l', 's')
if not fields[1] then return {0} end
local left = redis.call('PTTL', KEYS[3])
if left < 0 then return {1} end
touch(ARGV[1])
return {2, fields[1], fields[2], fields[3], left}
`);

/** KEYS: record, log; ARGV: idle ms. Returns 1 for the one caller that starts the conversation, else 0. */
export const MARK_STARTED = new LuaScript(`${TOUCH}
local started = redis.call('HGET', KEYS[1], 's')
if not started then return 0 end
touch(ARGV[1])
if started == '1' then return 0 end
redis.call('HSET', KEYS[1], 's', '1')
return 1
`);

/**
 * Appends activities in order, each with the next sequence as stream id "0-<sequence>" and a
 * timestamp after the last one, and trims the log to about the limit (MAXLEN ~: whole stream
 * nodes, cheap). When a process other than the appender's watches the conversation (WATCH), it
 * publishes "<last sequence> <appender>" on the conversation's channel, once: the appender tells
 * its own streams itself. An entry whose JSON is as clients get it but for the timestamp (an id,
 * no timestamp) is marked r=1, so that a read sends it without parsing it.
 * KEYS: record, log, watchers; ARGV: now ms, max activities, idle ms, channel, one character per
 * activity ('1' marked, '0' not), the appender's watcher id, then one activity JSON each.
 * Returns {first sequence, {timestamp ms of each}}, or nil when the conversation is gone.
 */
export const APPEND = new LuaScript(`${TOUCH}
local record = redis.call('HMGET', KEYS[1], 'n', 't')
if not record[1] then return false end
local count = #ARGV - 6
local first = tonumber(record[1]) + 1
local last = first + count - 1
local now = tonumber(ARGV[1])
local stamp = tonumber(record[2]) or 0
local stamps = {}
for i = 1, count do
  stamp = math.max(now, stamp + 1)
  stamps[i] = string.format('%.0f', stamp)
  local id = '0-' .. string.format('%.0f', first + i - 1)
  if string.sub(ARGV[5], i, i) == '1' then
    redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[2], id, 'a', ARGV[6 + i], 't', stamps[i], 'r', '1')
  else
    redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[2], id, 'a', ARGV[6 + i], 't', stamps[i])
  end
end
redis.call('HSET', KEYS[1], 'n', string.format('%.0f', last), 't', string.format('%.0f', stamp))
touch(ARGV[3])
redis.call('PEXPIRE', KEYS[3], ARGV[3])
if count > 0 then
  for _, watcher in ipairs(redis.call('SMEMBERS', KEYS[3])) do
    if watcher ~= ARGV[6] then
      redis.call('PUBLISH', ARGV[4], string.format('%.0f', last) .. ' ' .. ARGV[6])
      break
    end
  end
end
return {first, stamps}
`);

/**
 * The entries after a sequence, at most the latest ARGV[2].
 * KEYS: record, log; ARGV: after sequence, max activities, idle ms.
 * Returns {latest sequence, XRANGE entries}, or nil when the conversation is gone.
 */
export const READ = new LuaScript(`${TOUCH}
local latest = redis.call('HGET', KEYS[1], 'n')
if not latest then return false end
latest = tonumber(latest)
touch(ARGV[3])
local from = math.max(tonumber(ARGV[1]), latest - tonumber(ARGV[2]))
if from >= latest then return {latest, {}} end
return {latest, redis.call('XRANGE', KEYS[2], '(0-' .. string.format('%.0f', from), '+')}
`);

/** KEYS: record, log, live; ARGV: idle ms. Returns 0 gone, 1 no valid token left, 2 open. */
export const CHECK_STREAM = new LuaScript(`${TOUCH}
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
touch(ARGV[1])
if redis.call('EXISTS', KEYS[3]) == 0 then return 1 end
return 2
`);

/**
 * A process watches the conversation (its streams follow it): appends by any other process
 * publish their notice. KEYS: record, log, watchers; ARGV: watcher id, idle ms. Returns 0 when
 * the conversation is gone (nothing is watched), else 1.
 */
export const WATCH = new LuaScript(`${TOUCH}
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
touch(ARGV[2])
redis.call('SADD', KEYS[3], ARGV[1])
redis.call('PEXPIRE', KEYS[3], ARGV[2])
return 1
`);

/** The process no longer watches the conversation. KEYS: watchers; ARGV: watcher id. */
export const UNWATCH = new LuaScript(`
redis.call('SREM', KEYS[1], ARGV[1])
return 1
`);
