import type { Clock } from '../../domain/clock';
import { REBOOK_CLAIM_KEPT_MS, type RebookOffer, type RebookOfferStore } from '../../domain/operations/rebookOffer';

interface Kept {
  json: string;
  untilMs: number;
  claimed?: string;
}

/** Rebooking offers of the embedded mode: in this process, gone on restart; each expires by the bot's clock. */
export class MemoryRebookOffers implements RebookOfferStore {
  private readonly offers = new Map<string, Kept>();

  private readonly claimKeptMs: number;

  constructor(
    private readonly clock: Clock,
    /** How long a claimed offer stays for a repeat of its claim (tests make it short). */
    options: { claimKeptMs?: number } = {},
  ) {
    this.claimKeptMs = options.claimKeptMs ?? REBOOK_CLAIM_KEPT_MS;
  }

  async put(replyKey: string, offer: RebookOffer, ttlMs: number, mode: 'keep' | 'replace'): Promise<boolean> {
    if (ttlMs <= 0) return false;
    if (mode === 'keep' && this.live(replyKey)) return false;
    this.offers.set(replyKey, { json: JSON.stringify(offer), untilMs: this.clock.now().getTime() + ttlMs });
    return true;
  }

  async peek(replyKey: string): Promise<RebookOffer | undefined> {
    const kept = this.live(replyKey);
    return kept && (JSON.parse(kept.json) as RebookOffer);
  }

  async claim(replyKey: string, slotStart: string): Promise<RebookOffer | undefined> {
    const kept = this.live(replyKey);
    if (!kept || (kept.claimed !== undefined && kept.claimed !== slotStart)) return undefined;
    if (kept.claimed === undefined) {
      kept.claimed = slotStart;
      kept.untilMs = Math.min(kept.untilMs, this.clock.now().getTime() + this.claimKeptMs);
    }
    return JSON.parse(kept.json) as RebookOffer;
  }

  private live(replyKey: string): Kept | undefined {
    const kept = this.offers.get(replyKey);
    if (kept && kept.untilMs > this.clock.now().getTime()) return kept;
    this.offers.delete(replyKey);
    return undefined;
  }
}
