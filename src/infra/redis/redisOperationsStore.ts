/**
 * Closures, capacities per day and the audit log in Redis.
 *
 * Key layout (P = keyPrefix, "ip" by default; the hash tag {P} keeps every key in the appointment
 * keys' cluster slot):
 *
 *   {P}:closure:<id>           hash    the Closure's fields (createdBy as createdBySub / createdByName)
 *   {P}:closures:<office>      zset    closure ids scored by start (ms)
 *   {P}:capacity:<office>      hash    office-local date → people per slot
 *   {P}:audit                  stream  one entry per change: at, sub, name, action, params (JSON)
 *
 * Each change and its audit entry are one Lua script, so neither is ever written without the other
 * (a check-in is the appointment store's: its script appends its entry, redisAuditLog.ts).
 * Nothing here trims, edits or deletes an audit entry: the stream is kept like appointments (AOF,
 * noeviction; see docs/operations.md).
 */
import { z } from 'zod/v4';
import { LuaScript, type ScriptClient } from './luaScript';
import { auditFields, auditLogKey } from './redisAuditLog';
import {
  AUDIT_ACTIONS,
  CLOSURE_REASONS,
  type AuditEntry,
  type AuditPage,
  type AuditRecord,
  type Closure,
  type OperationsStore,
} from '../../domain/operations/types';
import type { OfficeDayRules } from '../../domain/slots/types';

export interface RedisOperationsStoreOptions {
  /** Goes inside the hash tag: "ip" gives keys "{ip}:…". No braces. */
  keyPrefix?: string;
}

/** KEYS: closure, the office's closures, audit. ARGV: start ms, id, audit field count, audit fields…, closure fields…. */
const ADD_CLOSURE = new LuaScript(`
if redis.call('EXISTS', KEYS[1]) == 1 then
  local fields = redis.call('HGETALL', KEYS[1])
  table.insert(fields, 1, 'exists')
  return fields
end
local count = tonumber(ARGV[3])
redis.call('XADD', KEYS[3], '*', unpack(ARGV, 4, 3 + count))
redis.call('HSET', KEYS[1], unpack(ARGV, 4 + count))
redis.call('ZADD', KEYS[2], ARGV[1], ARGV[2])
return {'created'}
`);

/** KEYS: closure, the office's closures, audit. ARGV: id, audit fields…. */
const REMOVE_CLOSURE = new LuaScript(`
local fields = redis.call('HGETALL', KEYS[1])
if #fields == 0 then
  return {'none'}
end
redis.call('DEL', KEYS[1])
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('XADD', KEYS[3], '*', unpack(ARGV, 2))
table.insert(fields, 1, 'removed')
return fields
`);

/**
 * KEYS: the office's closures. ARGV: lowest start ms, start ms before which (exclusive), closure key prefix.
 * The closures' keys are built from the set's members: they carry the same hash tag.
 */
const LIST_CLOSURES = new LuaScript(`
local found = {}
for _, id in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], ARGV[1], '(' .. ARGV[2])) do
  local fields = redis.call('HGETALL', ARGV[3] .. id)
  if #fields > 0 then
    table.insert(found, fields)
  end
end
return found
`);

/** KEYS: the office's closures, its capacities. ARGV: as LIST_CLOSURES, then the dates whose capacity is wanted. */
const RULES = new LuaScript(`
local spans = {}
for _, id in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], ARGV[1], '(' .. ARGV[2])) do
  local span = redis.call('HMGET', ARGV[3] .. id, 'start', 'end')
  if span[1] and span[2] then
    table.insert(spans, span[1])
    table.insert(spans, span[2])
  end
end
local capacities = {}
if #ARGV > 3 then
  capacities = redis.call('HMGET', KEYS[2], unpack(ARGV, 4))
end
return {spans, capacities}
`);

/** KEYS: the office's capacities, audit. ARGV: date, capacity ('' clears it), audit fields…. */
const SET_CAPACITY = new LuaScript(`
if ARGV[2] == '' then
  redis.call('HDEL', KEYS[1], ARGV[1])
else
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
end
redis.call('XADD', KEYS[2], '*', unpack(ARGV, 3))
return 1
`);

const GET_ALL = new LuaScript(`
return redis.call('HGETALL', KEYS[1])
`);

const GET_FIELD = new LuaScript(`
return redis.call('HGET', KEYS[1], ARGV[1])
`);

/** KEYS: audit. ARGV: audit fields…. */
const APPEND_AUDIT = new LuaScript(`
return redis.call('XADD', KEYS[1], '*', unpack(ARGV))
`);

/** KEYS: audit. ARGV: newest id to include ('+' or '(' .. id), count. */
const READ_AUDIT = new LuaScript(`
return redis.call('XREVRANGE', KEYS[1], ARGV[1], '-', 'COUNT', ARGV[2])
`);

/** A closure lasts at most a calendar day, which a DST change makes 25 hours long. */
const LONGEST_CLOSURE_MS = 26 * 3_600_000;
const DAY_MS = 86_400_000;

const closureSchema = z
  .object({
    id: z.string(),
    officeCode: z.string(),
    date: z.string(),
    from: z.string(),
    to: z.string(),
    start: z.string(),
    end: z.string(),
    reason: z.enum(CLOSURE_REASONS),
    note: z.string(),
    createdAt: z.string(),
    createdBySub: z.string(),
    createdByName: z.string().optional(),
  })
  .transform(({ createdBySub, createdByName, ...rest }): Closure => ({
    ...rest,
    createdBy: createdByName === undefined ? { sub: createdBySub } : { sub: createdBySub, name: createdByName },
  }));

const auditValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const auditFieldsSchema = z.object({
  at: z.string(),
  sub: z.string(),
  name: z.string().optional(),
  action: z.enum(AUDIT_ACTIONS),
  params: z.string(),
});
const streamEntriesSchema = z.array(z.tuple([z.string(), z.array(z.string())]));
const replySchema = z.array(z.unknown()).nonempty();
const rulesReplySchema = z.tuple([z.array(z.string()), z.array(z.string().nullable())]);

function record(flat: readonly unknown[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) fields[String(flat[i])] = String(flat[i + 1]);
  return fields;
}

function closureFields(closure: Closure): string[] {
  const { createdBy, ...rest } = closure;
  const fields: string[] = Object.entries(rest).flatMap(([name, value]) => [name, value]);
  fields.push('createdBySub', createdBy.sub);
  if (createdBy.name !== undefined) fields.push('createdByName', createdBy.name);
  return fields;
}

function auditEntryOf(id: string, flat: readonly string[]): AuditEntry {
  const { at, sub, name, action, params } = auditFieldsSchema.parse(record(flat));
  return {
    id,
    at,
    actor: name === undefined ? { sub } : { sub, name },
    action,
    params: z.record(z.string(), auditValueSchema).parse(JSON.parse(params)),
  };
}

/** The UTC dates from the day before `from` to the day after `to`: every office-local date in between is among them. */
function datesAround(from: Date, to: Date): string[] {
  const dates: string[] = [];
  for (let ms = Math.floor(from.getTime() / DAY_MS) * DAY_MS - DAY_MS; ms <= to.getTime() + DAY_MS; ms += DAY_MS) {
    dates.push(new Date(ms).toISOString().slice(0, 10));
  }
  return dates;
}

export class RedisOperationsStore implements OperationsStore {
  private readonly tag: string;

  constructor(
    private readonly client: ScriptClient,
    options: RedisOperationsStoreOptions = {},
  ) {
    const prefix = options.keyPrefix ?? 'ip';
    if (prefix === '' || /[{}]/.test(prefix))
      throw new Error(`RedisOperationsStore: keyPrefix must be non-empty, without braces: ${prefix}`);
    this.tag = `{${prefix}}`;
  }

  async addClosure(closure: Closure, audit: AuditRecord): Promise<{ created: boolean; closure: Closure }> {
    const auditPart = auditFields(audit);
    const reply = replySchema.parse(
      await ADD_CLOSURE.run(
        this.client,
        [this.closureKey(closure.id), this.closuresKey(closure.officeCode), this.auditKey()],
        [String(Date.parse(closure.start)), closure.id, String(auditPart.length), ...auditPart, ...closureFields(closure)],
      ),
    );
    if (reply[0] === 'created') return { created: true, closure };
    return { created: false, closure: closureSchema.parse(record(reply.slice(1))) };
  }

  async removeClosure(id: string, audit: AuditRecord): Promise<Closure | undefined> {
    const existing = await this.getClosure(id);
    if (!existing) return undefined;
    const reply = replySchema.parse(
      await REMOVE_CLOSURE.run(
        this.client,
        [this.closureKey(id), this.closuresKey(existing.officeCode), this.auditKey()],
        [id, ...auditFields(audit)],
      ),
    );
    return reply[0] === 'removed' ? closureSchema.parse(record(reply.slice(1))) : undefined;
  }

  async getClosure(id: string): Promise<Closure | undefined> {
    const flat = z.array(z.string()).parse(await GET_ALL.run(this.client, [this.closureKey(id)], []));
    return flat.length === 0 ? undefined : closureSchema.parse(record(flat));
  }

  async listClosures(officeCode: string, from: Date, to: Date): Promise<Closure[]> {
    const closures = await this.closuresOf(officeCode, [String(from.getTime() - LONGEST_CLOSURE_MS), String(to.getTime())]);
    return closures.filter((closure) => Date.parse(closure.end) > from.getTime());
  }

  async rulesFor(officeCode: string, from: Date, to: Date): Promise<OfficeDayRules> {
    const dates = datesAround(from, to);
    const [spans, capacities] = rulesReplySchema.parse(
      await RULES.run(
        this.client,
        [this.closuresKey(officeCode), this.capacityKey(officeCode)],
        [String(from.getTime() - LONGEST_CLOSURE_MS), String(to.getTime()), this.closureKey(''), ...dates],
      ),
    );
    const closed = [];
    for (let i = 0; i + 1 < spans.length; i += 2) {
      const span = { from: Date.parse(spans[i]), to: Date.parse(spans[i + 1]) };
      if (span.to > from.getTime()) closed.push(span);
    }
    const capacityByDate = new Map<string, number>();
    dates.forEach((date, i) => {
      const capacity = capacities[i];
      if (capacity !== null && capacity !== undefined) capacityByDate.set(date, Number(capacity));
    });
    return { closed, capacityByDate };
  }

  async setCapacity(officeCode: string, date: string, capacity: number | undefined, audit: AuditRecord): Promise<void> {
    await SET_CAPACITY.run(
      this.client,
      [this.capacityKey(officeCode), this.auditKey()],
      [date, capacity === undefined ? '' : String(capacity), ...auditFields(audit)],
    );
  }

  async capacityOn(officeCode: string, date: string): Promise<number | undefined> {
    const value = z
      .string()
      .nullable()
      .parse(await GET_FIELD.run(this.client, [this.capacityKey(officeCode)], [date]));
    return value === null ? undefined : Number(value);
  }

  async appendAudit(audit: AuditRecord): Promise<AuditEntry> {
    const fields = auditFields(audit);
    const id = z.string().parse(await APPEND_AUDIT.run(this.client, [this.auditKey()], fields));
    return auditEntryOf(id, fields);
  }

  async listAudit(options: { limit: number; before?: string }): Promise<AuditPage> {
    const newest = options.before === undefined ? '+' : `(${options.before}`;
    // One more than asked: whether an older page exists.
    const raw = streamEntriesSchema.parse(await READ_AUDIT.run(this.client, [this.auditKey()], [newest, String(options.limit + 1)]));
    const entries = raw.slice(0, options.limit).map(([id, fields]) => auditEntryOf(id, fields));
    const last = entries.at(-1);
    return raw.length > options.limit && last ? { entries, next: last.id } : { entries };
  }

  private async closuresOf(officeCode: string, [min, max]: [string, string]): Promise<Closure[]> {
    const found = z
      .array(z.array(z.string()))
      .parse(await LIST_CLOSURES.run(this.client, [this.closuresKey(officeCode)], [min, max, this.closureKey('')]));
    return found.map((flat) => closureSchema.parse(record(flat)));
  }

  private closureKey(id: string): string {
    return `${this.tag}:closure:${id}`;
  }

  private closuresKey(officeCode: string): string {
    return `${this.tag}:closures:${officeCode}`;
  }

  private capacityKey(officeCode: string): string {
    return `${this.tag}:capacity:${officeCode}`;
  }

  private auditKey(): string {
    return auditLogKey(this.tag);
  }
}
