import type { FreedSeat, JoinResult, Offer, WaitlistEntry, WaitlistStore } from '../../domain/waitlist/types';

interface Claim {
  status: 'offered' | 'booked';
  holdId: string;
  untilMs: number;
  slotStart: string;
}

interface Kept {
  entry: WaitlistEntry;
  claim?: Claim;
  /** Slot starts (ms) this entry let go or let run out. */
  passed: Set<number>;
}

/**
 * The waitlist of the embedded mode; lost on restart. Each operation runs without awaiting in
 * between, so concurrent calls cannot interleave. Per office, entries in joining order (a Map keeps
 * insertion order; a person who joins again after booking goes to the end).
 */
export class MemoryWaitlistStore implements WaitlistStore {
  private readonly offices = new Map<string, Map<string, Kept>>();
  /** replyKey → "<office>|<personKey>" of the entries made from that conversation. */
  private readonly byReply = new Map<string, Set<string>>();

  async join(entry: WaitlistEntry): Promise<JoinResult> {
    const office = this.office(entry.officeCode);
    const known = office.get(entry.personKey);
    if (known && known.claim?.status !== 'booked') {
      this.unindex(known.entry);
      known.entry = copy(entry);
      this.index(entry);
      return 'updated';
    }
    if (known) {
      this.unindex(known.entry);
      office.delete(entry.personKey);
    }
    office.set(entry.personKey, { entry: copy(entry), passed: new Set() });
    this.index(entry);
    return 'joined';
  }

  async claimNext(seat: FreedSeat, holdId: string, now: Date, claimUntil: Date): Promise<WaitlistEntry | undefined> {
    const office = this.offices.get(seat.officeCode);
    if (!office) return undefined;
    const slotMs = Date.parse(seat.slotStart);
    const nowMs = now.getTime();
    for (const [personKey, kept] of office) {
      const claimed = kept.claim !== undefined && (kept.claim.status === 'booked' || kept.claim.untilMs > nowMs);
      if (kept.entry.window.untilMs <= nowMs && !claimed) {
        this.drop(seat.officeCode, personKey);
        continue;
      }
      const { fromMs, untilMs } = kept.entry.window;
      if (claimed || slotMs < fromMs || slotMs >= untilMs || kept.passed.has(slotMs)) continue;
      kept.claim = { status: 'offered', holdId, untilMs: claimUntil.getTime(), slotStart: seat.slotStart };
      return copy(kept.entry);
    }
    return undefined;
  }

  async unclaim(officeCode: string, personKey: string, holdId: string, passed: boolean): Promise<boolean> {
    const kept = this.offices.get(officeCode)?.get(personKey);
    if (kept?.claim?.status !== 'offered' || kept.claim.holdId !== holdId) return false;
    if (passed) kept.passed.add(Date.parse(kept.claim.slotStart));
    delete kept.claim;
    return true;
  }

  async markBooked(officeCode: string, personKey: string, holdId: string): Promise<boolean> {
    const kept = this.offices.get(officeCode)?.get(personKey);
    if (kept?.claim?.status !== 'offered' || kept.claim.holdId !== holdId) return false;
    kept.claim.status = 'booked';
    return true;
  }

  async leave(replyKey: string): Promise<{ entry: WaitlistEntry; offer?: Offer }[]> {
    const left: { entry: WaitlistEntry; offer?: Offer }[] = [];
    for (const kept of this.keptOf(replyKey)) {
      const offer = offerOf(kept);
      left.push(offer ? { entry: copy(kept.entry), offer } : { entry: copy(kept.entry) });
      this.drop(kept.entry.officeCode, kept.entry.personKey);
    }
    return left;
  }

  async remove(officeCode: string, personKey: string, receiptNumber?: string): Promise<boolean> {
    const kept = this.offices.get(officeCode)?.get(personKey);
    if (receiptNumber !== undefined && kept?.entry.receiptNumber !== receiptNumber) return false;
    return this.drop(officeCode, personKey);
  }

  async offerFor(replyKey: string, now: Date): Promise<Offer | undefined> {
    const offers = this.keptOf(replyKey)
      .map(offerOf)
      .filter((offer): offer is Offer => offer !== undefined && (offer.status === 'offered' || offer.untilMs > now.getTime()));
    return offers.find((offer) => offer.status === 'offered') ?? offers[0];
  }

  async entriesOf(replyKey: string): Promise<WaitlistEntry[]> {
    return this.keptOf(replyKey)
      .filter((kept) => kept.claim?.status !== 'booked')
      .map((kept) => copy(kept.entry));
  }

  async purgeEnded(now: Date): Promise<number> {
    const nowMs = now.getTime();
    let purged = 0;
    for (const [officeCode, office] of this.offices) {
      for (const [personKey, kept] of office) {
        const inOffer = kept.claim !== undefined && kept.claim.untilMs > nowMs;
        const booked = kept.claim?.status === 'booked';
        if ((kept.entry.window.untilMs <= nowMs || booked) && !inOffer && this.drop(officeCode, personKey)) purged += 1;
      }
    }
    return purged;
  }

  private office(officeCode: string): Map<string, Kept> {
    let office = this.offices.get(officeCode);
    if (!office) {
      office = new Map();
      this.offices.set(officeCode, office);
    }
    return office;
  }

  private keptOf(replyKey: string): Kept[] {
    const kept: Kept[] = [];
    for (const member of this.byReply.get(replyKey) ?? []) {
      const [officeCode, personKey] = member.split('|');
      const found = this.offices.get(officeCode)?.get(personKey);
      if (found?.entry.replyKey === replyKey) kept.push(found);
    }
    return kept;
  }

  private drop(officeCode: string, personKey: string): boolean {
    const office = this.offices.get(officeCode);
    const kept = office?.get(personKey);
    if (!office || !kept) return false;
    office.delete(personKey);
    this.unindex(kept.entry);
    if (office.size === 0) this.offices.delete(officeCode);
    return true;
  }

  private index(entry: WaitlistEntry): void {
    let members = this.byReply.get(entry.replyKey);
    if (!members) {
      members = new Set();
      this.byReply.set(entry.replyKey, members);
    }
    members.add(`${entry.officeCode}|${entry.personKey}`);
  }

  private unindex(entry: WaitlistEntry): void {
    const members = this.byReply.get(entry.replyKey);
    members?.delete(`${entry.officeCode}|${entry.personKey}`);
    if (members?.size === 0) this.byReply.delete(entry.replyKey);
  }
}

function offerOf(kept: Kept): Offer | undefined {
  const { claim } = kept;
  if (!claim) return undefined;
  return { holdId: claim.holdId, entry: copy(kept.entry), slotStart: claim.slotStart, untilMs: claim.untilMs, status: claim.status };
}

function copy(entry: WaitlistEntry): WaitlistEntry {
  return { ...entry, window: { ...entry.window }, route: { ...entry.route } };
}
