import type { AuditEntry, AuditPage, AuditRecord, Closure, OperationsStore } from '../../domain/operations/types';
import type { OfficeDayRules } from '../../domain/slots/types';

/**
 * Closures, capacities and the audit log of the embedded (no Redis) bot; lost on restart. Each
 * operation runs without awaiting in between, so a change and its audit entry cannot be split.
 */
export class MemoryOperationsStore implements OperationsStore {
  private readonly closures = new Map<string, Closure>();
  /** "<office>|<date>" → people per slot. */
  private readonly capacities = new Map<string, number>();
  private readonly audit: AuditEntry[] = [];

  async addClosure(closure: Closure, audit: AuditRecord): Promise<{ created: boolean; closure: Closure }> {
    const existing = this.closures.get(closure.id);
    if (existing) return { created: false, closure: copy(existing) };
    this.closures.set(closure.id, copy(closure));
    this.append(audit);
    return { created: true, closure: copy(closure) };
  }

  async removeClosure(id: string, audit: AuditRecord): Promise<Closure | undefined> {
    const existing = this.closures.get(id);
    if (!existing) return undefined;
    this.closures.delete(id);
    this.append(audit);
    return copy(existing);
  }

  async getClosure(id: string): Promise<Closure | undefined> {
    const closure = this.closures.get(id);
    return closure && copy(closure);
  }

  async listClosures(officeCode: string, from: Date, to: Date): Promise<Closure[]> {
    return [...this.closures.values()]
      .filter(
        (closure) =>
          closure.officeCode === officeCode && Date.parse(closure.start) < to.getTime() && Date.parse(closure.end) > from.getTime(),
      )
      .sort((a, b) => Date.parse(a.start) - Date.parse(b.start) || (a.id < b.id ? -1 : 1))
      .map(copy);
  }

  async rulesFor(officeCode: string, from: Date, to: Date): Promise<OfficeDayRules> {
    const closed = (await this.listClosures(officeCode, from, to)).map((closure) => ({
      from: Date.parse(closure.start),
      to: Date.parse(closure.end),
    }));
    const prefix = `${officeCode}|`;
    const capacityByDate = new Map<string, number>();
    for (const [key, capacity] of this.capacities) if (key.startsWith(prefix)) capacityByDate.set(key.slice(prefix.length), capacity);
    return { closed, capacityByDate };
  }

  async setCapacity(officeCode: string, date: string, capacity: number | undefined, audit: AuditRecord): Promise<void> {
    if (capacity === undefined) this.capacities.delete(`${officeCode}|${date}`);
    else this.capacities.set(`${officeCode}|${date}`, capacity);
    this.append(audit);
  }

  async capacityOn(officeCode: string, date: string): Promise<number | undefined> {
    return this.capacities.get(`${officeCode}|${date}`);
  }

  async appendAudit(audit: AuditRecord): Promise<AuditEntry> {
    return this.append(audit);
  }

  async listAudit(options: { limit: number; before?: string }): Promise<AuditPage> {
    // Ids are "<position>-0", positions from 1, shaped like Redis stream ids: older entries have smaller ones.
    const before = options.before === undefined ? this.audit.length + 1 : Number(options.before.split('-')[0]);
    const end = Number.isInteger(before) ? Math.min(this.audit.length, Math.max(0, before - 1)) : 0;
    const start = Math.max(0, end - options.limit);
    const entries = this.audit.slice(start, end).reverse().map(copyEntry);
    const last = entries.at(-1);
    return start > 0 && last ? { entries, next: last.id } : { entries };
  }

  private append(audit: AuditRecord): AuditEntry {
    const entry = copyEntry({ ...audit, id: `${this.audit.length + 1}-0` });
    this.audit.push(entry);
    return copyEntry(entry);
  }
}

function copy(closure: Closure): Closure {
  return { ...closure, createdBy: { ...closure.createdBy } };
}

function copyEntry(entry: AuditEntry): AuditEntry {
  return { ...entry, actor: { ...entry.actor }, params: { ...entry.params } };
}
