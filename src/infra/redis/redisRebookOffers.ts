/**
 * Rebooking offers in Redis, on the appointments' server (durable: the answer may come days later).
 *
 * Key layout (P = keyPrefix, "ip" by default; the hash tag keeps every key in the appointment store's cluster slot):
 *
 *   {P}:rebook:<reply key>   hash     offer → the offer (JSON); claimed → the time it was claimed for; expires with the offer
 *
 * A claim is one script: of two turns answering at once with different times, one gets the offer.
 * Expiry runs on the Redis server's clock.
 */
import { z } from 'zod/v4';
import { REBOOK_CLAIM_KEPT_MS, type RebookOffer, type RebookOfferStore } from '../../domain/operations/rebookOffer';
import { bookedPersonSchema } from './bookedPersonSchema';
import { LuaScript, type ScriptClient } from './luaScript';

/** The commands this store uses; a node-redis v5 client (or cluster client) fits. */
export interface RebookRedisClient extends ScriptClient {
  hGet(key: string, field: string): Promise<unknown>;
}

/** KEYS: the offer's hash. ARGV: offer JSON, ttl ms, "keep" or "replace". */
const PUT = new LuaScript(`
if ARGV[3] == 'keep' and redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'offer', ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1
`);

/** KEYS: the offer's hash. ARGV: slot start, how long a claimed offer is kept (ms). */
const CLAIM = new LuaScript(`
local offer = redis.call('HGET', KEYS[1], 'offer')
if not offer then return false end
local claimed = redis.call('HGET', KEYS[1], 'claimed')
if claimed and claimed ~= ARGV[1] then return false end
if not claimed then
  redis.call('HSET', KEYS[1], 'claimed', ARGV[1])
  if redis.call('PTTL', KEYS[1]) > tonumber(ARGV[2]) then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
end
return offer
`);

const offerSchema = z.object({
  id: z.string(),
  person: bookedPersonSchema,
  slots: z.array(z.string()),
  channel: z.enum(['sms', 'chat']),
});

export class RedisRebookOffers implements RebookOfferStore {
  private readonly tag: string;
  private readonly claimKeptMs: number;

  constructor(
    private readonly client: RebookRedisClient,
    /** keyPrefix: the appointment store's ("ip": keys "{ip}:rebook:…"); claimKeptMs: how long a claimed offer stays for a repeat. */
    options: { keyPrefix?: string; claimKeptMs?: number } = {},
  ) {
    this.claimKeptMs = options.claimKeptMs ?? REBOOK_CLAIM_KEPT_MS;
    const prefix = options.keyPrefix ?? 'ip';
    if (prefix === '' || /[{}]/.test(prefix)) throw new Error(`RedisRebookOffers: keyPrefix must be non-empty, without braces: ${prefix}`);
    this.tag = `{${prefix}}`;
  }

  async put(replyKey: string, offer: RebookOffer, ttlMs: number, mode: 'keep' | 'replace'): Promise<boolean> {
    const ms = Math.floor(ttlMs);
    if (ms <= 0) return false;
    return (await PUT.run(this.client, [this.key(replyKey)], [JSON.stringify(offer), String(ms), mode])) === 1;
  }

  async peek(replyKey: string): Promise<RebookOffer | undefined> {
    return parse(await this.client.hGet(this.key(replyKey), 'offer'));
  }

  async claim(replyKey: string, slotStart: string): Promise<RebookOffer | undefined> {
    return parse(await CLAIM.run(this.client, [this.key(replyKey)], [slotStart, String(this.claimKeptMs)]));
  }

  private key(replyKey: string): string {
    return `${this.tag}:rebook:${replyKey}`;
  }
}

function parse(stored: unknown): RebookOffer | undefined {
  if (typeof stored !== 'string') return undefined;
  const parsed = offerSchema.safeParse(JSON.parse(stored));
  return parsed.success ? parsed.data : undefined;
}
