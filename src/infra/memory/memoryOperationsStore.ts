import type { AuditEntry, AuditPage, AuditRecord, Closure, OperationsStore } from '../../domain/operations/types';
import { MemoryAuditLog } from './memoryAuditLog';
import type { OfficeDayRules } from '../../domain/slots/types';

/**
 * Closures, capacities and the audit log of the embedded (no Redis) bot; lost on restart. Each
 * operation runs without awaiting in between, so a change and its audit entry cannot be split.
 */
export class MemoryOperationsStore implements OperationsStore {
  private readonly closures = new Map<string, Closure>();
  /** "<office>|<date>" → people per slot. */
  private readonly capacities = new Map<string, number>();

  /** `audit`: the log the appointment store's check-ins append to as well (MemoryAppointmentStore's). */
  constructor(private readonly audit: MemoryAuditLog = new MemoryAuditLog()) {}

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
    return this.audit.list(options);
  }

  private append(audit: AuditRecord): AuditEntry {
    return this.audit.append(audit);
  }
}

function copy(closure: Closure): Closure {
  return { ...closure, createdBy: { ...closure.createdBy } };
}
