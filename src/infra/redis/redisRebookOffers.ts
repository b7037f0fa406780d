/**
 * Rebooking offers in Redis, on the appointments' server (durable: the answer may come days later).
 *
 * Key layout (P = keyPrefix, "ip" by default; the hash tag keeps every key in the appointment store's cluster slot):
 *
 *   {P}:rebook:<reply key>   string   the offer (JSON); expires with it (PX)
 *
 * `take` is GETDEL: of two turns answering at once, one gets the offer. Expiry runs on the Redis server's clock.
 */
import { z } from 'zod/v4';
import type { RebookOffer, RebookOfferStore } from '../../domain/operations/rebookOffer';
import { REASON_CODES } from '../../domain/reasons';

/** The commands this store uses; a node-redis v5 client (or cluster client) fits. */
export interface RebookRedisClient {
  set(key: string, value: string, options: { expiration: { type: 'PX'; value: number }; condition?: 'NX' }): Promise<unknown>;
  get(key: string): Promise<unknown>;
  getDel(key: string): Promise<unknown>;
}

const offerSchema = z.object({
  id: z.string(),
  person: z.object({
    officeCode: z.string(),
    reason: z.enum(REASON_CODES),
    name: z.string(),
    dobVerifier: z.string(),
    phone: z.string(),
    language: z.string(),
    personKey: z.string(),
  }),
  slots: z.array(z.string()),
  channel: z.enum(['sms', 'chat']),
});

export class RedisRebookOffers implements RebookOfferStore {
  private readonly tag: string;

  constructor(
    private readonly client: RebookRedisClient,
    options: { keyPrefix?: string } = {},
  ) {
    const prefix = options.keyPrefix ?? 'ip';
    if (prefix === '' || /[{}]/.test(prefix)) throw new Error(`RedisRebookOffers: keyPrefix must be non-empty, without braces: ${prefix}`);
    this.tag = `{${prefix}}`;
  }

  async put(replyKey: string, offer: RebookOffer, ttlMs: number, mode: 'keep' | 'replace'): Promise<boolean> {
    const ms = Math.floor(ttlMs);
    if (ms <= 0) return false;
    const reply = await this.client.set(this.key(replyKey), JSON.stringify(offer), {
      expiration: { type: 'PX', value: ms },
      ...(mode === 'keep' ? { condition: 'NX' as const } : {}),
    });
    return reply === 'OK';
  }

  async peek(replyKey: string): Promise<RebookOffer | undefined> {
    return parse(await this.client.get(this.key(replyKey)));
  }

  async take(replyKey: string): Promise<RebookOffer | undefined> {
    return parse(await this.client.getDel(this.key(replyKey)));
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
