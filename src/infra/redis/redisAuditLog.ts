import type { AuditRecord } from '../../domain/operations/types';

/**
 * The operators' audit log in Redis: one stream, "{P}:audit" (fields at, sub, name, action, params
 * as JSON). Written by the operations store and, for a check-in, by the appointment store, each in
 * the same script as the change it records.
 */
export function auditLogKey(tag: string): string {
  return `${tag}:audit`;
}

/** An audit record as the stream entry's field-value pairs. */
export function auditFields(audit: AuditRecord): string[] {
  const fields = ['at', audit.at, 'sub', audit.actor.sub];
  if (audit.actor.name !== undefined) fields.push('name', audit.actor.name);
  fields.push('action', audit.action, 'params', JSON.stringify(audit.params));
  return fields;
}
