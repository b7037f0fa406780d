/**
 * The freed-seat outbox on Redis: a stream, "{P}:freed-seats", that the appointment store's cancel
 * and move scripts append to (XADD) in the same script that frees the seat; its entries have the
 * fields officeCode, slotStart, cause. Every bot process reads it in one consumer group, "waitlist"
 * (XREADGROUP), acknowledges an entry once it is handed to the waitlist (XACK), and claims the
 * entries another consumer left pending too long (XAUTOCLAIM). An acknowledged entry is trimmed at
 * once (XTRIM MINID to the oldest entry still pending or not yet delivered), so the stream holds
 * the events not yet handled, plus at most one. Each command is a Lua script, as in the other
 * stores: non-blocking, legal on Redis Cluster (one key).
 */
import { z } from 'zod/v4';
import type { FreedSeatEvent, FreedSeatFeed } from '../../domain/appointments/freedSeats';
import { LuaScript, type ScriptClient } from './luaScript';

/** The consumer group every bot process reads the stream in. */
export const FREED_SEATS_GROUP = 'waitlist';

/** KEYS: stream. ARGV: group, consumer, count. Makes the group (from the first entry) on first use. */
const READ_NEW = new LuaScript(`
redis.pcall('XGROUP', 'CREATE', KEYS[1], ARGV[1], '0', 'MKSTREAM')
return redis.call('XREADGROUP', 'GROUP', ARGV[1], ARGV[2], 'COUNT', ARGV[3], 'STREAMS', KEYS[1], '>')
`);

/**
 * KEYS: stream. ARGV: group, consumer, min idle ms, cursor, count, forget after ms. Also forgets the
 * consumers (processes gone since) with nothing pending and idle longer than the last argument; one
 * still running comes back with its next read.
 */
const CLAIM_STALE = new LuaScript(`
redis.pcall('XGROUP', 'CREATE', KEYS[1], ARGV[1], '0', 'MKSTREAM')
local claimed = redis.call('XAUTOCLAIM', KEYS[1], ARGV[1], ARGV[2], ARGV[3], ARGV[4], 'COUNT', ARGV[5])
for _, consumer in ipairs(redis.call('XINFO', 'CONSUMERS', KEYS[1], ARGV[1])) do
  local fields = {}
  for i = 1, #consumer, 2 do
    fields[consumer[i]] = consumer[i + 1]
  end
  if fields['pending'] == 0 and fields['idle'] > tonumber(ARGV[6]) then
    redis.call('XGROUP', 'DELCONSUMER', KEYS[1], ARGV[1], fields['name'])
  end
end
return claimed
`);

/** A consumer (a bot process) silent this long with nothing pending is forgotten. */
export const FORGET_CONSUMER_MS = 60 * 60 * 1000;

/**
 * KEYS: stream. ARGV: group, ids…. Acknowledges, then trims every entry older than the oldest one
 * pending, or (none pending) than the last one delivered: entries not yet delivered are newer still.
 */
const ACK = new LuaScript(`
redis.call('XACK', KEYS[1], ARGV[1], unpack(ARGV, 2))
local keep = redis.call('XPENDING', KEYS[1], ARGV[1])[2]
if not keep then
  for _, group in ipairs(redis.call('XINFO', 'GROUPS', KEYS[1])) do
    local fields = {}
    for i = 1, #group, 2 do
      fields[group[i]] = group[i + 1]
    end
    if fields['name'] == ARGV[1] then
      keep = fields['last-delivered-id']
    end
  end
end
if keep then
  redis.call('XTRIM', KEYS[1], 'MINID', keep)
end
return 1
`);

const entrySchema = z.tuple([z.string(), z.array(z.string())]);
const readReplySchema = z.array(z.tuple([z.string(), z.array(entrySchema)])).nullable();
const claimReplySchema = z.tuple([z.string(), z.array(z.unknown())]).rest(z.unknown());
const eventFieldsSchema = z.object({
  officeCode: z.string(),
  slotStart: z.string(),
  cause: z.enum(['cancel', 'move', 'closure']),
});

function eventOf([id, flat]: z.infer<typeof entrySchema>): FreedSeatEvent {
  const fields: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) fields[flat[i]] = flat[i + 1];
  return { id, ...eventFieldsSchema.parse(fields) };
}

export class RedisFreedSeatFeed implements FreedSeatFeed {
  /** Where the next XAUTOCLAIM scan of the pending entries starts. */
  private claimCursor = '0-0';

  constructor(
    private readonly client: ScriptClient,
    private readonly streamKey: string,
    private readonly forgetConsumerMs: number = FORGET_CONSUMER_MS,
  ) {}

  async readNew(consumer: string, count: number): Promise<FreedSeatEvent[]> {
    const reply = readReplySchema.parse(await READ_NEW.run(this.client, [this.streamKey], [FREED_SEATS_GROUP, consumer, String(count)]));
    return (reply ?? []).flatMap(([, entries]) => entries.map(eventOf));
  }

  async claimStale(consumer: string, minIdleMs: number, count: number): Promise<FreedSeatEvent[]> {
    const [cursor, entries] = claimReplySchema.parse(
      await CLAIM_STALE.run(
        this.client,
        [this.streamKey],
        [
          FREED_SEATS_GROUP,
          consumer,
          String(Math.max(0, Math.round(minIdleMs))),
          this.claimCursor,
          String(count),
          String(this.forgetConsumerMs),
        ],
      ),
    );
    this.claimCursor = cursor;
    // An entry trimmed while pending comes back empty (Redis 6.2) or is only named (7.0): nothing to hand on.
    return entries.flatMap((entry) => {
      const parsed = entrySchema.safeParse(entry);
      return parsed.success ? [eventOf(parsed.data)] : [];
    });
  }

  async ack(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await ACK.run(this.client, [this.streamKey], [FREED_SEATS_GROUP, ...ids]);
  }
}
