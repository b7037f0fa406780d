/**
 * Appointments in Redis.
 *
 * Key layout (P = keyPrefix, "ip" by default). Every key carries the hash tag {P}, so all of
 * them live in one cluster slot and the Lua scripts stay legal on Redis Cluster:
 *
 *   {P}:appointment:<receipt number>  hash   the Appointment's fields (all strings)
 *   {P}:slot:<office>:<UTC ISO start> string how many appointments of that slot are booked
 *   {P}:person:<personKey>            hash   receipt, slotMs: the person's latest booking,
 *                                            active while booked and slotMs is in the future
 *   {P}:appointments-by-slot          zset   receipt numbers scored by slot start (ms), for purging
 *
 * Booking and cancelling are each one Lua script (EVALSHA, EVAL when the server lost it),
 * so capacity, one-active-appointment-per-person and the seat count hold under any concurrency.
 * "Now" comes from the store's clock (passed to the scripts), not from the Redis server.
 * Appointments leave only through purgeBefore() (see retention.ts), which the composition root
 * runs periodically.
 */
import { z } from 'zod/v4';
import type { Clock } from '../../domain/clock';
import { REASON_CODES } from '../../domain/reasons';
import { LuaScript, type ScriptClient } from './luaScript';
import {
  assertCapacity,
  MAX_RECEIPT_ATTEMPTS,
  ReceiptNumberExhaustedError,
  slotId,
  slotStartMs,
} from '../../domain/appointments/bookingRules';
import { generateReceiptNumber } from '../../domain/appointments/receiptNumber';
import type { Appointment, AppointmentStore, BookResult, CancelResult, NewAppointment } from '../../domain/appointments/types';

/** The commands this store uses; a node-redis v5 RedisClientType fits. */
export interface AppointmentRedisClient extends ScriptClient {
  hGetAll(key: string): Promise<unknown>;
  hmGet(key: string, fields: string[]): Promise<unknown>;
  mGet(keys: string[]): Promise<unknown>;
  close(): Promise<void>;
}

export interface RedisAppointmentStoreOptions {
  /** Goes inside the hash tag: "ip" gives keys "{ip}:…". No braces. */
  keyPrefix?: string;
  /** Whether close() closes the client too; false (the default) leaves it to whoever created it. */
  ownsClient?: boolean;
  /** "Now" for every operation; pass the same clock the dialogs use. */
  clock: Clock;
  /** Source of receipt numbers (tests inject collisions). */
  newReceiptNumber?: () => string;
}

const BOOK = new LuaScript(`
local active = redis.call('HMGET', KEYS[2], 'receipt', 'slotMs')
if active[1] and tonumber(active[2]) > tonumber(ARGV[2]) then
  return {'already_booked', active[1]}
end
if tonumber(redis.call('GET', KEYS[1]) or '0') >= tonumber(ARGV[1]) then
  return {'slot_full'}
end
if redis.call('EXISTS', KEYS[3]) == 1 then
  return {'collision'}
end
redis.call('HSET', KEYS[3], unpack(ARGV, 5))
redis.call('INCR', KEYS[1])
redis.call('HSET', KEYS[2], 'receipt', ARGV[4], 'slotMs', ARGV[3])
redis.call('ZADD', KEYS[4], ARGV[3], ARGV[4])
return {'ok'}
`);

const CANCEL = new LuaScript(`
local status = redis.call('HGET', KEYS[1], 'status')
if not status then
  return {'not_found'}
end
if status ~= 'booked' then
  return {'already_cancelled'}
end
redis.call('HSET', KEYS[1], 'status', 'cancelled', 'cancelledAt', ARGV[2])
if tonumber(redis.call('GET', KEYS[2]) or '0') > 0 then
  redis.call('DECR', KEYS[2])
end
if redis.call('HGET', KEYS[3], 'receipt') == ARGV[1] then
  redis.call('DEL', KEYS[3])
end
local fields = redis.call('HGETALL', KEYS[1])
table.insert(fields, 1, 'ok')
return fields
`);

const OLDER_THAN = new LuaScript(`
return redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[1], 'LIMIT', 0, ARGV[2])
`);

/** KEYS: index, appointment, slot count, person record. The slot has passed, so its count goes too. */
const PURGE = new LuaScript(`
redis.call('DEL', KEYS[2], KEYS[3])
if redis.call('HGET', KEYS[4], 'receipt') == ARGV[1] then
  redis.call('DEL', KEYS[4])
end
return redis.call('ZREM', KEYS[1], ARGV[1])
`);

const FORGET = new LuaScript(`
return redis.call('ZREM', KEYS[1], ARGV[1])
`);

/** Appointments purged per round trip for the list of candidates. */
const PURGE_BATCH = 100;

const APPOINTMENT_FIELDS = [
  'receiptNumber',
  'status',
  'createdAt',
  'cancelledAt',
  'officeCode',
  'slotStart',
  'reason',
  'name',
  'dobVerifier',
  'phone',
  'language',
  'personKey',
] as const satisfies readonly (keyof Appointment)[];

const appointmentSchema = z.object({
  receiptNumber: z.string(),
  status: z.enum(['booked', 'cancelled']),
  createdAt: z.string(),
  cancelledAt: z.string().optional(),
  officeCode: z.string(),
  slotStart: z.string(),
  reason: z.enum(REASON_CODES),
  name: z.string(),
  dobVerifier: z.string(),
  phone: z.string(),
  language: z.string(),
  personKey: z.string(),
}) satisfies z.ZodType<Appointment>;

const scriptReplySchema = z.array(z.string()).nonempty();
const countsSchema = z.array(z.string().nullable());
const keyFieldsSchema = z.tuple([z.string().nullable(), z.string().nullable(), z.string().nullable()]);

function toFieldValues(appointment: Appointment): string[] {
  const pairs: string[] = [];
  for (const field of APPOINTMENT_FIELDS) {
    const value = appointment[field];
    if (value !== undefined) pairs.push(field, value);
  }
  return pairs;
}

function fromFieldValues(flat: readonly string[]): Appointment {
  const record: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) record[flat[i]] = flat[i + 1];
  return appointmentSchema.parse(record);
}

export class RedisAppointmentStore implements AppointmentStore {
  private readonly tag: string;
  private readonly ownsClient: boolean;
  private readonly clock: Clock;
  private readonly newReceiptNumber: () => string;

  constructor(
    private readonly client: AppointmentRedisClient,
    options: RedisAppointmentStoreOptions,
  ) {
    const prefix = options.keyPrefix ?? 'ip';
    if (prefix === '' || /[{}]/.test(prefix))
      throw new Error(`RedisAppointmentStore: keyPrefix must be non-empty, without braces: ${prefix}`);
    this.tag = `{${prefix}}`;
    this.ownsClient = options.ownsClient ?? false;
    this.clock = options.clock;
    this.newReceiptNumber = options.newReceiptNumber ?? (() => generateReceiptNumber());
  }

  async book(request: NewAppointment, capacity: number): Promise<BookResult> {
    assertCapacity(capacity);
    const slotMs = slotStartMs(request.slotStart);
    const now = this.clock.now();
    for (let attempt = 0; attempt < MAX_RECEIPT_ATTEMPTS; attempt++) {
      const appointment: Appointment = {
        ...request,
        receiptNumber: this.newReceiptNumber(),
        status: 'booked',
        createdAt: now.toISOString(),
      };
      const reply = scriptReplySchema.parse(
        await BOOK.run(
          this.client,
          [
            this.slotKey(request.officeCode, request.slotStart),
            this.personKey(request.personKey),
            this.appointmentKey(appointment.receiptNumber),
            this.bySlotKey(),
          ],
          [String(capacity), String(now.getTime()), String(slotMs), appointment.receiptNumber, ...toFieldValues(appointment)],
        ),
      );
      switch (reply[0]) {
        case 'ok':
          return { ok: true, appointment };
        case 'slot_full':
          return { ok: false, reason: 'slot_full' };
        case 'already_booked':
          return { ok: false, reason: 'already_booked', receiptNumber: z.string().parse(reply[1]) };
        case 'collision':
          continue;
        default:
          throw new Error(`RedisAppointmentStore: unexpected reply from the booking script: ${reply[0]}`);
      }
    }
    throw new ReceiptNumberExhaustedError();
  }

  async get(receiptNumber: string): Promise<Appointment | undefined> {
    const fields = z.record(z.string(), z.string()).parse(await this.client.hGetAll(this.appointmentKey(receiptNumber)));
    return Object.keys(fields).length === 0 ? undefined : appointmentSchema.parse(fields);
  }

  async cancel(receiptNumber: string): Promise<CancelResult> {
    const appointmentKey = this.appointmentKey(receiptNumber);
    const [officeCode, slotStart, personKey] = keyFieldsSchema.parse(
      await this.client.hmGet(appointmentKey, ['officeCode', 'slotStart', 'personKey']),
    );
    if (officeCode === null || slotStart === null || personKey === null) return { ok: false, reason: 'not_found' };
    // The fields read above never change once written, so the keys derived from them stay right.
    const reply = scriptReplySchema.parse(
      await CANCEL.run(
        this.client,
        [appointmentKey, this.slotKey(officeCode, slotStart), this.personKey(personKey)],
        [receiptNumber, this.clock.now().toISOString()],
      ),
    );
    switch (reply[0]) {
      case 'ok':
        return { ok: true, appointment: fromFieldValues(reply.slice(1)) };
      case 'not_found':
      case 'already_cancelled':
        return { ok: false, reason: reply[0] };
      default:
        throw new Error(`RedisAppointmentStore: unexpected reply from the cancel script: ${reply[0]}`);
    }
  }

  async countBooked(officeCode: string, slotStarts: readonly string[]): Promise<number[]> {
    if (slotStarts.length === 0) return [];
    const counts = countsSchema.parse(await this.client.mGet(slotStarts.map((start) => this.slotKey(officeCode, start))));
    return counts.map((count) => (count === null ? 0 : Number(count)));
  }

  async purgeBefore(cutoff: Date): Promise<number> {
    let purged = 0;
    for (;;) {
      const receipts = z
        .array(z.string())
        .parse(await OLDER_THAN.run(this.client, [this.bySlotKey()], [String(cutoff.getTime()), String(PURGE_BATCH)]));
      if (receipts.length === 0) return purged;
      for (const receiptNumber of receipts) purged += await this.purgeOne(receiptNumber);
    }
  }

  async close(): Promise<void> {
    if (this.ownsClient) await this.client.close();
  }

  private async purgeOne(receiptNumber: string): Promise<number> {
    const appointmentKey = this.appointmentKey(receiptNumber);
    const [officeCode, slotStart, personKey] = keyFieldsSchema.parse(
      await this.client.hmGet(appointmentKey, ['officeCode', 'slotStart', 'personKey']),
    );
    if (officeCode === null || slotStart === null || personKey === null) {
      await FORGET.run(this.client, [this.bySlotKey()], [receiptNumber]);
      return 0;
    }
    const removed = await PURGE.run(
      this.client,
      [this.bySlotKey(), appointmentKey, this.slotKey(officeCode, slotStart), this.personKey(personKey)],
      [receiptNumber],
    );
    return removed === 1 ? 1 : 0;
  }

  private bySlotKey(): string {
    return `${this.tag}:appointments-by-slot`;
  }

  private appointmentKey(receiptNumber: string): string {
    return `${this.tag}:appointment:${receiptNumber}`;
  }

  private slotKey(officeCode: string, slotStart: string): string {
    return `${this.tag}:slot:${slotId(officeCode, slotStart)}`;
  }

  private personKey(personKey: string): string {
    return `${this.tag}:person:${personKey}`;
  }
}
