import type { Clock } from '../../domain/clock';
import type { RebookOffer, RebookOfferStore } from '../../domain/operations/rebookOffer';

/** Rebooking offers of the embedded mode: in this process, gone on restart; each expires by the bot's clock. */
export class MemoryRebookOffers implements RebookOfferStore {
  private readonly offers = new Map<string, { json: string; untilMs: number }>();

  constructor(private readonly clock: Clock) {}

  async put(replyKey: string, offer: RebookOffer, ttlMs: number, mode: 'keep' | 'replace'): Promise<boolean> {
    if (ttlMs <= 0) return false;
    if (mode === 'keep' && this.live(replyKey)) return false;
    this.offers.set(replyKey, { json: JSON.stringify(offer), untilMs: this.clock.now().getTime() + ttlMs });
    return true;
  }

  async peek(replyKey: string): Promise<RebookOffer | undefined> {
    const kept = this.live(replyKey);
    return kept === undefined ? undefined : (JSON.parse(kept) as RebookOffer);
  }

  async take(replyKey: string): Promise<RebookOffer | undefined> {
    const kept = this.live(replyKey);
    this.offers.delete(replyKey);
    return kept === undefined ? undefined : (JSON.parse(kept) as RebookOffer);
  }

  private live(replyKey: string): string | undefined {
    const kept = this.offers.get(replyKey);
    if (kept && kept.untilMs > this.clock.now().getTime()) return kept.json;
    this.offers.delete(replyKey);
    return undefined;
  }
}
