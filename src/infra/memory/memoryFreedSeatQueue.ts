import type { FreedSeatEvent, FreedSeatFeed } from '../../domain/appointments/freedSeats';
import type { FreedSeatCause } from '../../domain/appointments/types';

interface Entry {
  event: FreedSeatEvent;
  /** The consumer it was delivered to, and when (real time, ms), until it is acknowledged. */
  delivered?: { consumer: string; atMs: number };
}

/**
 * The freed-seat outbox of the embedded store: an in-process queue with the stream's semantics
 * (delivered to one consumer, pending until acknowledged, claimable once idle), so the same relay
 * reads it. Lost on restart, with the appointments themselves. An acknowledged event leaves it.
 */
export class MemoryFreedSeatQueue implements FreedSeatFeed {
  private readonly entries = new Map<string, Entry>();
  private lastId = 0;

  constructor(private readonly nowMs: () => number = () => Date.now()) {}

  /** Called by the store in the same synchronous step that frees the seat. */
  append(officeCode: string, slotStart: string, cause: FreedSeatCause): void {
    this.lastId += 1;
    const id = `${this.lastId}-0`;
    this.entries.set(id, { event: { id, officeCode, slotStart, cause } });
  }

  async readNew(consumer: string, count: number): Promise<FreedSeatEvent[]> {
    const found: FreedSeatEvent[] = [];
    for (const entry of this.entries.values()) {
      if (found.length >= count) break;
      if (entry.delivered) continue;
      entry.delivered = { consumer, atMs: this.nowMs() };
      found.push({ ...entry.event });
    }
    return found;
  }

  async claimStale(consumer: string, minIdleMs: number, count: number): Promise<FreedSeatEvent[]> {
    const now = this.nowMs();
    const found: FreedSeatEvent[] = [];
    for (const entry of this.entries.values()) {
      if (found.length >= count) break;
      if (!entry.delivered || now - entry.delivered.atMs < minIdleMs) continue;
      entry.delivered = { consumer, atMs: now };
      found.push({ ...entry.event });
    }
    return found;
  }

  async ack(ids: readonly string[]): Promise<void> {
    for (const id of ids) this.entries.delete(id);
  }

  /** Events not yet acknowledged (tests watch it). */
  get size(): number {
    return this.entries.size;
  }
}
