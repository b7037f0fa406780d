/**
 * The waitlist in Redis.
 *
 * Key layout (P = keyPrefix, "ip" by default; the hash tag keeps every key in the appointment
 * store's cluster slot):
 *
 *   {P}:waitlist:<office>               hash   per person key k: k → the entry (JSON); k|w → "<from ms> <until ms>";
 *                                              k|c → the offer, "<offered|booked> <hold id> <until ms> <slot ms> <slot start>";
 *                                              k|p → "|<slot ms>|…|": slots the person let go or let run out
 *   {P}:waitlist:<office>:order         zset   person keys waiting or offered, scored by joining order
 *   {P}:waitlist:seq                    string the joining order's counter
 *   {P}:waitlist:reply:<reply key>      set    "<office>|<person key>" of the entries made from that conversation
 *                                              (a member whose entry moved to another conversation, or left, is
 *                                              removed when read)
 *   {P}:waitlist:offices                set    offices with entries, for the purge
 *
 * Claiming the next person for a freed seat is one Lua script over the office's two keys, so two
 * processes never offer one entry two seats, nor skip its turn. An entry leaves when its days have
 * passed (the purge, or a claim that walks past it), when its person leaves, or once the seat they
 * took stops being theirs to answer for (the offer's end).
 */
import { z } from 'zod/v4';
import type { FreedSeat, JoinResult, Offer, WaitlistEntry, WaitlistStore } from '../../domain/waitlist/types';
import { REASON_CODES } from '../../domain/reasons';
import { assertHoldId } from '../../domain/appointments/seatHolds';
import { LuaScript, type ScriptClient } from './luaScript';

/** The commands this store uses; a node-redis v5 client (or cluster client) fits. */
export interface WaitlistRedisClient extends ScriptClient {
  hmGet(key: string, fields: string[]): Promise<unknown>;
  hGet(key: string, field: string): Promise<unknown>;
  sMembers(key: string): Promise<unknown>;
  sRem(key: string, members: string | string[]): Promise<unknown>;
}

export interface RedisWaitlistStoreOptions {
  /** The appointment store's prefix: "ip" gives keys "{ip}:waitlist:…". No braces. */
  keyPrefix?: string;
}

/** KEYS: office hash, order, seq, reply set, offices. ARGV: person key, entry JSON, window, office, reply member. */
const JOIN = new LuaScript(`
local k = ARGV[1]
local claim = redis.call('HGET', KEYS[1], k .. '|c')
local booked = claim and string.sub(claim, 1, 7) == 'booked '
if redis.call('HEXISTS', KEYS[1], k) == 1 and not booked then
  redis.call('HSET', KEYS[1], k, ARGV[2], k .. '|w', ARGV[3])
  redis.call('SADD', KEYS[4], ARGV[5])
  return 'updated'
end
redis.call('HDEL', KEYS[1], k .. '|c', k .. '|p')
redis.call('HSET', KEYS[1], k, ARGV[2], k .. '|w', ARGV[3])
redis.call('ZADD', KEYS[2], redis.call('INCR', KEYS[3]), k)
redis.call('SADD', KEYS[4], ARGV[5])
redis.call('SADD', KEYS[5], ARGV[4])
return 'joined'
`);

/**
 * KEYS: office hash, order. ARGV: slot ms, hold id, now ms, claim until ms, slot start. The first
 * person in order whose days hold the slot, with no offer running and who has not let this slot
 * go, is marked as offered; entries whose days have passed are removed on the way.
 */
const CLAIM = new LuaScript(`
local slotMs = tonumber(ARGV[1])
local now = tonumber(ARGV[3])
for _, k in ipairs(redis.call('ZRANGE', KEYS[2], 0, -1)) do
  local f = redis.call('HMGET', KEYS[1], k .. '|w', k .. '|c', k .. '|p')
  if not f[1] then
    redis.call('ZREM', KEYS[2], k)
  else
    local from, till = string.match(f[1], '^(%d+) (%d+)$')
    from = tonumber(from)
    till = tonumber(till)
    local claimed = false
    if f[2] then
      local status, ends = string.match(f[2], '^(%a+) %S+ (%d+)')
      claimed = status == 'booked' or tonumber(ends) > now
    end
    if till <= now and not claimed then
      redis.call('HDEL', KEYS[1], k, k .. '|w', k .. '|c', k .. '|p')
      redis.call('ZREM', KEYS[2], k)
    elseif not claimed and slotMs >= from and slotMs < till and not (f[3] and string.find(f[3], '|' .. ARGV[1] .. '|', 1, true)) then
      redis.call('HSET', KEYS[1], k .. '|c', 'offered ' .. ARGV[2] .. ' ' .. ARGV[4] .. ' ' .. ARGV[1] .. ' ' .. ARGV[5])
      return {k, redis.call('HGET', KEYS[1], k)}
    end
  end
end
return {}
`);

/** KEYS: office hash. ARGV: person key, hold id, "1" to remember the slot as let go. */
const UNCLAIM = new LuaScript(`
local k = ARGV[1]
local claim = redis.call('HGET', KEYS[1], k .. '|c')
if not claim then
  return 0
end
local status, hold, ends, slotMs = string.match(claim, '^(%a+) (%S+) (%d+) (%d+)')
if status ~= 'offered' or hold ~= ARGV[2] then
  return 0
end
redis.call('HDEL', KEYS[1], k .. '|c')
if ARGV[3] == '1' then
  local passed = redis.call('HGET', KEYS[1], k .. '|p') or '|'
  redis.call('HSET', KEYS[1], k .. '|p', passed .. slotMs .. '|')
end
return 1
`);

/** KEYS: office hash, order. ARGV: person key, hold id. */
const MARK_BOOKED = new LuaScript(`
local k = ARGV[1]
local claim = redis.call('HGET', KEYS[1], k .. '|c')
if not claim then
  return 0
end
local status, hold = string.match(claim, '^(%a+) (%S+)')
if status ~= 'offered' or hold ~= ARGV[2] then
  return 0
end
redis.call('HSET', KEYS[1], k .. '|c', 'booked ' .. string.sub(claim, 9))
redis.call('ZREM', KEYS[2], k)
return 1
`);

/**
 * KEYS: office hash, order, reply set. ARGV: person key, the reply key the entry must have ("" for
 * any), reply member. Answers the entry and its offer ("" for none), or nothing.
 */
const REMOVE = new LuaScript(`
local k = ARGV[1]
redis.call('SREM', KEYS[3], ARGV[3])
local json = redis.call('HGET', KEYS[1], k)
if not json then
  return {}
end
if ARGV[2] ~= '' and cjson.decode(json).replyKey ~= ARGV[2] then
  return {}
end
local claim = redis.call('HGET', KEYS[1], k .. '|c') or ''
redis.call('HDEL', KEYS[1], k, k .. '|w', k .. '|c', k .. '|p')
redis.call('ZREM', KEYS[2], k)
return {json, claim}
`);

/**
 * KEYS: office hash, order, offices. ARGV: now ms, office. Removes entries whose days have passed and
 * booked entries, unless an offer of theirs is still running; answers how many.
 */
const PURGE = new LuaScript(`
local now = tonumber(ARGV[1])
local all = redis.call('HGETALL', KEYS[1])
local removed = 0
for i = 1, #all, 2 do
  local field = all[i]
  if string.sub(field, -2) == '|w' then
    local k = string.sub(field, 1, -3)
    local till = tonumber(string.match(all[i + 1], '^%d+ (%d+)$'))
    local claim = redis.call('HGET', KEYS[1], k .. '|c')
    local inOffer, booked = false, false
    if claim then
      local status, ends = string.match(claim, '^(%a+) %S+ (%d+)')
      inOffer = tonumber(ends) > now
      booked = status == 'booked'
    end
    if (till <= now or booked) and not inOffer then
      redis.call('HDEL', KEYS[1], k, k .. '|w', k .. '|c', k .. '|p')
      redis.call('ZREM', KEYS[2], k)
      removed = removed + 1
    end
  end
end
if redis.call('HLEN', KEYS[1]) == 0 then
  redis.call('SREM', KEYS[3], ARGV[2])
end
return removed
`);

const entrySchema = z.object({
  name: z.string(),
  dobVerifier: z.string(),
  personKey: z.string(),
  phone: z.string(),
  reason: z.enum(REASON_CODES),
  language: z.string(),
  receiptNumber: z.string().optional(),
  officeCode: z.string(),
  window: z.object({ fromDate: z.string(), toDate: z.string(), fromMs: z.number(), untilMs: z.number() }),
  route: z.discriminatedUnion('channel', [
    z.object({ channel: z.literal('sms'), phone: z.string() }),
    z.object({ channel: z.literal('chat'), conversationReference: z.string() }),
  ]),
  replyKey: z.string(),
  joinedAt: z.string(),
}) satisfies z.ZodType<WaitlistEntry>;

const CLAIM_FORMAT = /^(offered|booked) (\S+) (\d+) (\d+) (\S+)$/;

function parseEntry(json: string): WaitlistEntry {
  return entrySchema.parse(JSON.parse(json));
}

function parseOffer(entry: WaitlistEntry, claim: string): Offer | undefined {
  const match = CLAIM_FORMAT.exec(claim);
  if (!match) return undefined;
  const status = match[1] === 'booked' ? 'booked' : 'offered';
  return { holdId: match[2], entry, slotStart: match[5], untilMs: Number(match[3]), status };
}

const fieldsSchema = z.array(z.string().nullable());

export class RedisWaitlistStore implements WaitlistStore {
  private readonly tag: string;

  constructor(
    private readonly client: WaitlistRedisClient,
    options: RedisWaitlistStoreOptions = {},
  ) {
    const prefix = options.keyPrefix ?? 'ip';
    if (prefix === '' || /[{}]/.test(prefix)) throw new Error(`RedisWaitlistStore: keyPrefix must be non-empty, without braces: ${prefix}`);
    this.tag = `{${prefix}}`;
  }

  async join(entry: WaitlistEntry): Promise<JoinResult> {
    const { officeCode, personKey, window } = entry;
    const known = await this.entry(officeCode, personKey);
    const reply = await JOIN.run(
      this.client,
      [this.officeKey(officeCode), this.orderKey(officeCode), this.seqKey(), this.replyKey(entry.replyKey), this.officesKey()],
      [personKey, JSON.stringify(entry), `${window.fromMs} ${window.untilMs}`, officeCode, member(officeCode, personKey)],
    );
    // The conversation the person joined from before no longer answers for this entry.
    if (known && known.replyKey !== entry.replyKey) await this.client.sRem(this.replyKey(known.replyKey), member(officeCode, personKey));
    return reply === 'updated' ? 'updated' : 'joined';
  }

  async claimNext(seat: FreedSeat, holdId: string, now: Date, claimUntil: Date): Promise<WaitlistEntry | undefined> {
    assertHoldId(holdId);
    const slotMs = Date.parse(seat.slotStart);
    if (Number.isNaN(slotMs)) throw new RangeError(`not an ISO slot start: ${seat.slotStart}`);
    const reply = z
      .array(z.string())
      .parse(
        await CLAIM.run(
          this.client,
          [this.officeKey(seat.officeCode), this.orderKey(seat.officeCode)],
          [String(slotMs), holdId, String(now.getTime()), String(claimUntil.getTime()), seat.slotStart],
        ),
      );
    return reply.length === 2 ? parseEntry(reply[1]) : undefined;
  }

  async unclaim(officeCode: string, personKey: string, holdId: string, passed: boolean): Promise<boolean> {
    return (await UNCLAIM.run(this.client, [this.officeKey(officeCode)], [personKey, holdId, passed ? '1' : '0'])) === 1;
  }

  async markBooked(officeCode: string, personKey: string, holdId: string): Promise<boolean> {
    return (await MARK_BOOKED.run(this.client, [this.officeKey(officeCode), this.orderKey(officeCode)], [personKey, holdId])) === 1;
  }

  async leave(replyKey: string): Promise<{ entry: WaitlistEntry; offer?: Offer }[]> {
    const left: { entry: WaitlistEntry; offer?: Offer }[] = [];
    for (const item of await this.members(replyKey)) {
      const removed = await this.removeEntry(item.officeCode, item.personKey, replyKey, replyKey);
      if (removed) left.push(removed);
    }
    return left;
  }

  async remove(officeCode: string, personKey: string, receiptNumber?: string): Promise<boolean> {
    const known = await this.entry(officeCode, personKey);
    if (!known || (receiptNumber !== undefined && known.receiptNumber !== receiptNumber)) return false;
    return (await this.removeEntry(officeCode, personKey, known.replyKey, '')) !== undefined;
  }

  async offerFor(replyKey: string, now: Date): Promise<Offer | undefined> {
    const offers: Offer[] = [];
    for (const { entry, claim } of await this.keptOf(replyKey)) {
      const offer = claim === null ? undefined : parseOffer(entry, claim);
      if (offer && (offer.status === 'offered' || offer.untilMs > now.getTime())) offers.push(offer);
    }
    return offers.find((offer) => offer.status === 'offered') ?? offers[0];
  }

  async entriesOf(replyKey: string): Promise<WaitlistEntry[]> {
    return (await this.keptOf(replyKey)).filter(({ claim }) => !claim?.startsWith('booked ')).map(({ entry }) => entry);
  }

  async purgeEnded(now: Date): Promise<number> {
    const offices = z.array(z.string()).parse(await this.client.sMembers(this.officesKey()));
    let purged = 0;
    for (const officeCode of offices) {
      const removed = await PURGE.run(
        this.client,
        [this.officeKey(officeCode), this.orderKey(officeCode), this.officesKey()],
        [String(now.getTime()), officeCode],
      );
      purged += typeof removed === 'number' ? removed : 0;
    }
    return purged;
  }

  private async entry(officeCode: string, personKey: string): Promise<WaitlistEntry | undefined> {
    const json = z
      .string()
      .nullable()
      .parse(await this.client.hGet(this.officeKey(officeCode), personKey));
    return json === null ? undefined : parseEntry(json);
  }

  private async removeEntry(
    officeCode: string,
    personKey: string,
    replyKey: string,
    mustHaveReplyKey: string,
  ): Promise<{ entry: WaitlistEntry; offer?: Offer } | undefined> {
    const reply = z
      .array(z.string())
      .parse(
        await REMOVE.run(
          this.client,
          [this.officeKey(officeCode), this.orderKey(officeCode), this.replyKey(replyKey)],
          [personKey, mustHaveReplyKey, member(officeCode, personKey)],
        ),
      );
    if (reply.length !== 2) return undefined;
    const entry = parseEntry(reply[0]);
    const offer = reply[1] === '' ? undefined : parseOffer(entry, reply[1]);
    return offer ? { entry, offer } : { entry };
  }

  /** The entries of this conversation with their offers; members that no longer answer for an entry are removed. */
  private async keptOf(replyKey: string): Promise<{ entry: WaitlistEntry; claim: string | null }[]> {
    const kept: { entry: WaitlistEntry; claim: string | null }[] = [];
    for (const item of await this.members(replyKey)) {
      const [json, claim] = fieldsSchema.parse(
        await this.client.hmGet(this.officeKey(item.officeCode), [item.personKey, `${item.personKey}|c`]),
      );
      const entry = json ? parseEntry(json) : undefined;
      if (entry?.replyKey === replyKey) kept.push({ entry, claim: claim ?? null });
      else await this.client.sRem(this.replyKey(replyKey), member(item.officeCode, item.personKey));
    }
    return kept;
  }

  private async members(replyKey: string): Promise<{ officeCode: string; personKey: string }[]> {
    const members = z.array(z.string()).parse(await this.client.sMembers(this.replyKey(replyKey)));
    return members.flatMap((value) => {
      const [officeCode, personKey] = value.split('|');
      return officeCode && personKey ? [{ officeCode, personKey }] : [];
    });
  }

  private officeKey(officeCode: string): string {
    return `${this.tag}:waitlist:${officeCode}`;
  }

  private orderKey(officeCode: string): string {
    return `${this.tag}:waitlist:${officeCode}:order`;
  }

  private seqKey(): string {
    return `${this.tag}:waitlist:seq`;
  }

  private replyKey(replyKey: string): string {
    return `${this.tag}:waitlist:reply:${replyKey}`;
  }

  private officesKey(): string {
    return `${this.tag}:waitlist:offices`;
  }
}

function member(officeCode: string, personKey: string): string {
  return `${officeCode}|${personKey}`;
}
