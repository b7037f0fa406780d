import type { AuditEntry, AuditPage, AuditRecord } from '../../domain/operations/types';

/**
 * The operators' audit log of the embedded bot, shared by the operations store and the appointment
 * store (a check-in appends its entry in the same synchronous step). Lost on restart.
 */
export class MemoryAuditLog {
  private readonly entries: AuditEntry[] = [];

  append(audit: AuditRecord): AuditEntry {
    const entry = copyEntry({ ...audit, id: `${this.entries.length + 1}-0` });
    this.entries.push(entry);
    return copyEntry(entry);
  }

  list(options: { limit: number; before?: string }): AuditPage {
    // Ids are "<position>-0", positions from 1, shaped like Redis stream ids: older entries have smaller ones.
    const before = options.before === undefined ? this.entries.length + 1 : Number(options.before.split('-')[0]);
    const end = Number.isInteger(before) ? Math.min(this.entries.length, Math.max(0, before - 1)) : 0;
    const start = Math.max(0, end - options.limit);
    const entries = this.entries.slice(start, end).reverse().map(copyEntry);
    const last = entries.at(-1);
    return start > 0 && last ? { entries, next: last.id } : { entries };
  }
}

function copyEntry(entry: AuditEntry): AuditEntry {
  return { ...entry, actor: { ...entry.actor }, params: { ...entry.params } };
}
