import type { OfficeDaySource } from '../slots/types';

/** What the people who run the offices decide: closures, seats per day, check-ins; and the log of it. */

export const CLOSURE_REASONS = ['weather', 'emergency', 'other'] as const;
export type ClosureReason = (typeof CLOSURE_REASONS)[number];

/** Who did something through the operator API: the token's subject and a readable name or e-mail. */
export interface Actor {
  sub: string;
  name?: string;
}

/** An office closed for a day or part of one. */
export interface Closure {
  /** "NYC-2026-12-15" for the whole day, "NYC-2026-12-15-0900-1200" for part of it: the same request gives the same id. */
  id: string;
  officeCode: string;
  /** The office-local date. */
  date: string;
  /** Office-local "HH:mm"; a whole day is "00:00" to "24:00". */
  from: string;
  to: string;
  /** The span as ISO instants with the office's offset; `end` exclusive. */
  start: string;
  end: string;
  reason: ClosureReason;
  /** The operator's own words, for other operators; never shown to the people affected. */
  note: string;
  createdAt: string;
  createdBy: Actor;
}

export const AUDIT_ACTIONS = ['closure.created', 'closure.removed', 'capacity.set', 'capacity.cleared', 'appointment.checkedIn'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export type AuditValue = string | number | boolean | null;

/** One change, as it is appended to the audit log. */
export interface AuditRecord {
  /** ISO instant, from the bot's clock. */
  at: string;
  actor: Actor;
  action: AuditAction;
  params: Readonly<Record<string, AuditValue>>;
}

/** An audit record as stored: with the log's own id, which orders the log. */
export interface AuditEntry extends AuditRecord {
  id: string;
}

export interface AuditPage {
  /** Newest first. */
  entries: AuditEntry[];
  /** Pass as `before` for the next (older) page; absent on the last page. */
  next?: string;
}

/**
 * Where closures, capacities and the audit log are kept. Each change is stored together with its
 * audit record (one atomic step), so the log never misses a change nor records one that did not happen.
 * The audit log is append-only: nothing here edits or removes an entry.
 */
export interface OperationsStore extends OfficeDaySource {
  /** Stores the closure and its audit record, unless a closure with that id exists: then neither, and that one is returned. */
  addClosure(closure: Closure, audit: AuditRecord): Promise<{ created: boolean; closure: Closure }>;
  /** Removes the closure and appends its audit record; undefined (nothing appended) when there is none. */
  removeClosure(id: string, audit: AuditRecord): Promise<Closure | undefined>;
  getClosure(id: string): Promise<Closure | undefined>;
  /** An office's closures overlapping [from, to), by start. */
  listClosures(officeCode: string, from: Date, to: Date): Promise<Closure[]>;
  /** Sets (a number) or clears (undefined) an office's capacity on a local date, with its audit record. */
  setCapacity(officeCode: string, date: string, capacity: number | undefined, audit: AuditRecord): Promise<void>;
  capacityOn(officeCode: string, date: string): Promise<number | undefined>;
  appendAudit(audit: AuditRecord): Promise<AuditEntry>;
  /** Newest first, at most `limit`, older than the entry `before` when given. */
  listAudit(options: { limit: number; before?: string }): Promise<AuditPage>;
}
