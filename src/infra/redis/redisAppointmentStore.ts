/**
 * Appointments in Redis.
 *
 * Key layout (P = keyPrefix, "ip" by default). Every key carries the hash tag {P}, so all of
 * them live in one cluster slot and the Lua scripts stay legal on Redis Cluster:
 *
 *   {P}:appointment:<receipt number>  hash   the Appointment's fields (all strings)
 *   {P}:slot:<office>:<UTC ISO start> string how many seats of that slot are taken: booked or
 *                                            held (deleted when it falls to 0)
 *   {P}:person:<personKey>            hash   receipt, slotMs: the person's latest booking,
 *                                            active while booked and slotMs is in the future
 *   {P}:request:<requestId>           string the receipt number that booking request made
 *   {P}:holds                         hash   hold id → "<office>:<UTC ISO start>|<end (ms)>": seats held
 *                                            for a waitlist offer, counted in their slot's key
 *   {P}:appointments-by-slot          zset   receipt numbers scored by slot start (ms), for purging and
 *                                            for an office's appointments of a day (listBetween)
 *   {P}:audit                         stream the operators' audit log (redisAuditLog.ts): a check-in
 *                                            appends its entry in the check-in's script
 *   {P}:freed-seats                   stream one entry per seat a cancel or a move freed, appended by
 *                                            the same script (redisFreedSeatFeed.ts reads it)
 *
 * Booking, cancelling and moving are each one Lua script (EVALSHA, EVAL when the server lost it),
 * so capacity, one-active-appointment-per-person, one appointment per request and the seat
 * counts hold under any concurrency. "Now" comes from the store's clock (passed to the scripts),
 * not from the Redis server. A script's keys are named before it runs, from the appointment's
 * office and slot read just before; a move can change the slot in between, so cancel, move and
 * purge pass the slot start they read and the script answers 'moved' if it is no longer so
 * (then the fields are read again). Appointments leave only through purgeBefore() (see
 * retention.ts), which the composition root runs periodically; it removes their request keys too.
 * docs/appointments.md has the whole story.
 */
import { z } from 'zod/v4';
import type { Clock } from '../../domain/clock';
import { LuaScript, type ScriptClient } from './luaScript';
import { bookedPersonSchema } from './bookedPersonSchema';
import {
  assertCapacity,
  assertMaxMoves,
  assertRequestId,
  MAX_RECEIPT_ATTEMPTS,
  ReceiptNumberExhaustedError,
  RequestIdConflictError,
  slotId,
  slotStartMs,
} from '../../domain/appointments/bookingRules';
import { generateReceiptNumber } from '../../domain/appointments/receiptNumber';
import type {
  Appointment,
  AppointmentStore,
  BookResult,
  CancelCause,
  CancelResult,
  CheckInResult,
  MoveOptions,
  MoveResult,
  NewAppointment,
} from '../../domain/appointments/types';
import { assertHoldId, type HoldResult, type SeatHold, type SeatHolds } from '../../domain/appointments/seatHolds';
import type { FreedSeatFeed } from '../../domain/appointments/freedSeats';
import { RedisFreedSeatFeed } from './redisFreedSeatFeed';
import { auditFields, auditLogKey } from './redisAuditLog';
import type { AuditRecord } from '../../domain/operations/types';

/** The commands this store uses; a node-redis v5 RedisClientType fits. */
export interface AppointmentRedisClient extends ScriptClient {
  hGet(key: string, field: string): Promise<unknown>;
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

/**
 * KEYS: slot, person, appointment, index, then the request (when ARGV[5] has "r") and the holds
 * (when it has "h"). ARGV: capacity, now (ms), slot start (ms), receipt number, which optional keys
 * ("", "r", "h", "rh"), hold id, slot id, then the appointment's field-value pairs. A request seen
 * before answers with the receipt number it made, before any other check. A booking into a hold
 * takes the held seat (already counted) instead of a free one.
 */
const BOOK = new LuaScript(`
local optional = ARGV[5]
local requestKey, holdsKey
local index = 5
if string.find(optional, 'r', 1, true) then
  requestKey = KEYS[index]
  index = index + 1
end
if string.find(optional, 'h', 1, true) then
  holdsKey = KEYS[index]
end
if requestKey then
  local made = redis.call('GET', requestKey)
  if made then
    return {'replayed', made}
  end
end
local active = redis.call('HMGET', KEYS[2], 'receipt', 'slotMs')
if active[1] and tonumber(active[2]) > tonumber(ARGV[2]) then
  return {'already_booked', active[1]}
end
if holdsKey then
  local held = redis.call('HGET', holdsKey, ARGV[6])
  if not held or string.sub(held, 1, #ARGV[7] + 1) ~= ARGV[7] .. '|' then
    return {'hold_gone'}
  end
elseif tonumber(redis.call('GET', KEYS[1]) or '0') >= tonumber(ARGV[1]) then
  return {'slot_full'}
end
if redis.call('EXISTS', KEYS[3]) == 1 then
  return {'collision'}
end
redis.call('HSET', KEYS[3], unpack(ARGV, 8))
if holdsKey then
  redis.call('HDEL', holdsKey, ARGV[6])
else
  redis.call('INCR', KEYS[1])
end
redis.call('HSET', KEYS[2], 'receipt', ARGV[4], 'slotMs', ARGV[3])
redis.call('ZADD', KEYS[4], ARGV[3], ARGV[4])
if requestKey then
  redis.call('SET', requestKey, ARGV[4])
end
return {'ok'}
`);

/**
 * KEYS: slot, holds. ARGV: capacity, hold id, "<slot id>|<end (ms)>". A hold id seen before takes
 * nothing more.
 */
const HOLD = new LuaScript(`
if redis.call('HEXISTS', KEYS[2], ARGV[2]) == 1 then
  return 'ok'
end
if tonumber(redis.call('GET', KEYS[1]) or '0') >= tonumber(ARGV[1]) then
  return 'slot_full'
end
redis.call('INCR', KEYS[1])
redis.call('HSET', KEYS[2], ARGV[2], ARGV[3])
return 'ok'
`);

/** KEYS: holds, slot. ARGV: hold id, the hold as read before. Answers 1 when the seat was freed. */
const RELEASE = new LuaScript(`
if redis.call('HGET', KEYS[1], ARGV[1]) ~= ARGV[2] then
  return 0
end
redis.call('HDEL', KEYS[1], ARGV[1])
if redis.call('DECR', KEYS[2]) <= 0 then
  redis.call('DEL', KEYS[2])
end
return 1
`);

/**
 * KEYS: appointment, slot, person, freed seats. ARGV: receipt number, now (ISO), the slot start read
 * before, cause. The freed seat's event is appended in the same script.
 */
const CANCEL = new LuaScript(`
local current = redis.call('HMGET', KEYS[1], 'status', 'slotStart', 'officeCode')
if not current[1] then
  return {'not_found'}
end
if current[1] ~= 'booked' then
  return {'already_cancelled'}
end
if current[2] ~= ARGV[3] then
  return {'moved'}
end
redis.call('HSET', KEYS[1], 'status', 'cancelled', 'cancelledAt', ARGV[2])
if redis.call('DECR', KEYS[2]) <= 0 then
  redis.call('DEL', KEYS[2])
end
if redis.call('HGET', KEYS[3], 'receipt') == ARGV[1] then
  redis.call('DEL', KEYS[3])
end
redis.call('XADD', KEYS[4], '*', 'officeCode', current[3], 'slotStart', current[2], 'cause', ARGV[4])
local fields = redis.call('HGETALL', KEYS[1])
table.insert(fields, 1, 'ok')
return fields
`);

/**
 * KEYS: appointment, its slot, the new slot, person, index, freed seats[, holds]. ARGV: receipt
 * number, the slot start read before, the new slot start, the new slot start (ms), capacity, most
 * moves, now (ms), now (ISO), the slot start read before (ms)[, hold id, the new slot's id].
 * Refusals in the order the AppointmentStore documents; then the new seat is taken, the old one
 * freed and its event appended in the same script. A move into a hold takes the held seat (already
 * counted) instead of a free one; the seat it leaves is freed and appended all the same.
 */
const MOVE = new LuaScript(`
local current = redis.call('HMGET', KEYS[1], 'status', 'slotStart', 'rescheduleCount', 'officeCode')
if not current[1] then
  return {'not_found'}
end
if current[2] ~= ARGV[2] then
  return {'moved'}
end
if current[1] ~= 'booked' or tonumber(ARGV[9]) <= tonumber(ARGV[7]) then
  return {'not_booked'}
end
if KEYS[2] == KEYS[3] then
  return {'same_slot'}
end
local moves = tonumber(current[3] or '0')
if moves >= tonumber(ARGV[6]) then
  return {'too_many_moves'}
end
if KEYS[7] then
  local held = redis.call('HGET', KEYS[7], ARGV[10])
  if not held or string.sub(held, 1, #ARGV[11] + 1) ~= ARGV[11] .. '|' then
    return {'hold_gone'}
  end
  redis.call('HDEL', KEYS[7], ARGV[10])
else
  if tonumber(redis.call('GET', KEYS[3]) or '0') >= tonumber(ARGV[5]) then
    return {'slot_full'}
  end
  redis.call('INCR', KEYS[3])
end
if redis.call('DECR', KEYS[2]) <= 0 then
  redis.call('DEL', KEYS[2])
end
redis.call('HSET', KEYS[1], 'slotStart', ARGV[3], 'rescheduleCount', tostring(moves + 1), 'movedAt', ARGV[8])
if redis.call('HGET', KEYS[4], 'receipt') == ARGV[1] then
  redis.call('HSET', KEYS[4], 'slotMs', ARGV[4])
end
redis.call('ZADD', KEYS[5], ARGV[4], ARGV[1])
redis.call('XADD', KEYS[6], '*', 'officeCode', current[4], 'slotStart', ARGV[2], 'cause', 'move')
local fields = redis.call('HGETALL', KEYS[1])
table.insert(fields, 1, 'ok')
return fields
`);

const OLDER_THAN = new LuaScript(`
return redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[1], 'LIMIT', 0, ARGV[2])
`);

/**
 * KEYS: index, appointment, slot count, person[, request]. ARGV: receipt number, the slot start
 * read before, cutoff (ms). The slot has passed, so its count goes too. Answers 1 when purged,
 * 0 when the appointment is gone or no longer before the cutoff, -1 when it moved since it was read.
 */
const PURGE = new LuaScript(`
local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
if not score or tonumber(score) >= tonumber(ARGV[3]) then
  return 0
end
if redis.call('HGET', KEYS[2], 'slotStart') ~= ARGV[2] then
  return -1
end
redis.call('DEL', KEYS[2], KEYS[3])
if redis.call('HGET', KEYS[4], 'receipt') == ARGV[1] then
  redis.call('DEL', KEYS[4])
end
if KEYS[5] and redis.call('GET', KEYS[5]) == ARGV[1] then
  redis.call('DEL', KEYS[5])
end
return redis.call('ZREM', KEYS[1], ARGV[1])
`);

const FORGET = new LuaScript(`
return redis.call('ZREM', KEYS[1], ARGV[1])
`);

/**
 * KEYS: the index. ARGV: from ms, to ms (exclusive), the appointment key prefix, office code. The
 * appointments' keys are built here from the index's members; they carry the same hash tag, so they
 * live in the index's cluster slot.
 */
const LIST_BETWEEN = new LuaScript(`
local receipts = redis.call('ZRANGEBYSCORE', KEYS[1], ARGV[1], '(' .. ARGV[2])
local found = {}
for _, receipt in ipairs(receipts) do
  local key = ARGV[3] .. receipt
  if redis.call('HGET', key, 'officeCode') == ARGV[4] then
    table.insert(found, redis.call('HGETALL', key))
  end
end
return found
`);

/**
 * KEYS: the appointment[, the audit log]. ARGV: now (ISO), then the audit entry's fields. Only the
 * call that checks the person in appends the entry; a repeat answers 'already'.
 */
const CHECK_IN = new LuaScript(`
local status = redis.call('HGET', KEYS[1], 'status')
if not status then
  return {'not_found'}
end
if status ~= 'booked' then
  return {'not_booked'}
end
local first = redis.call('HSETNX', KEYS[1], 'checkedInAt', ARGV[1]) == 1
if first and KEYS[2] then
  redis.call('XADD', KEYS[2], '*', unpack(ARGV, 2))
end
local fields = redis.call('HGETALL', KEYS[1])
table.insert(fields, 1, first and 'ok' or 'already')
return fields
`);

/** Appointments purged per round trip for the list of candidates. */
const PURGE_BATCH = 100;
/**
 * Reads of an appointment's slot before giving up on cancelling or moving it: each retry means
 * it moved in between, which only a person's own few reschedules can do.
 */
const MAX_STALE_READS = 10;

const APPOINTMENT_FIELDS = [
  'receiptNumber',
  'status',
  'createdAt',
  'cancelledAt',
  'checkedInAt',
  'officeCode',
  'slotStart',
  'reason',
  'name',
  'dobVerifier',
  'phone',
  'language',
  'personKey',
  'requestId',
  'rescheduleCount',
  'movedAt',
] as const satisfies readonly (keyof Appointment)[];

const appointmentSchema = bookedPersonSchema.extend({
  receiptNumber: z.string(),
  status: z.enum(['booked', 'cancelled']),
  createdAt: z.string(),
  cancelledAt: z.string().optional(),
  checkedInAt: z.string().optional(),
  slotStart: z.string(),
  requestId: z.string().optional(),
  // Records written before moves existed have no count.
  rescheduleCount: z.string().regex(/^\d+$/).transform(Number).default(0),
  movedAt: z.string().optional(),
}) satisfies z.ZodType<Appointment>;

const scriptReplySchema = z.array(z.string()).nonempty();
const countsSchema = z.array(z.string().nullable());
const keyFieldsSchema = z.tuple([z.string().nullable(), z.string().nullable(), z.string().nullable(), z.string().nullable()]);

/** The fields that name an appointment's keys, as read just before a script runs. */
interface KeyFields {
  officeCode: string;
  slotStart: string;
  personKey: string;
  requestId?: string;
}

function withoutHold(request: NewAppointment): Omit<NewAppointment, 'holdId'> {
  const { holdId: _holdId, ...fields } = request;
  return fields;
}

/** A hold as kept in the holds hash: "<office>:<UTC ISO start>|<end (ms)>". */
function parseHold(holdId: string, value: string): SeatHold | undefined {
  const match = /^([^:|]+):([^|]+)\|(\d+)$/.exec(value);
  if (!match) return undefined;
  return { holdId, officeCode: match[1], slotStart: match[2], endsAt: new Date(Number(match[3])) };
}

function toFieldValues(appointment: Appointment): string[] {
  const pairs: string[] = [];
  for (const field of APPOINTMENT_FIELDS) {
    const value = appointment[field];
    if (value !== undefined) pairs.push(field, String(value));
  }
  return pairs;
}

function fromFieldValues(flat: readonly string[]): Appointment {
  const record: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) record[flat[i]] = flat[i + 1];
  return appointmentSchema.parse(record);
}

export class RedisAppointmentStore implements AppointmentStore, SeatHolds {
  private readonly tag: string;
  private readonly ownsClient: boolean;
  private readonly clock: Clock;
  private readonly newReceiptNumber: () => string;
  /** The seats its cancels and moves freed, for the waitlist (redisFreedSeatFeed.ts). */
  readonly freedSeats: FreedSeatFeed;

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
    this.freedSeats = new RedisFreedSeatFeed(client, this.freedSeatsKey());
  }

  async book(request: NewAppointment, capacity: number): Promise<BookResult> {
    assertCapacity(capacity);
    assertRequestId(request.requestId);
    if (request.holdId !== undefined) assertHoldId(request.holdId);
    const slotMs = slotStartMs(request.slotStart);
    const now = this.clock.now();
    for (let attempt = 0; attempt < MAX_RECEIPT_ATTEMPTS; attempt++) {
      const appointment: Appointment = {
        ...withoutHold(request),
        receiptNumber: this.newReceiptNumber(),
        status: 'booked',
        createdAt: now.toISOString(),
        rescheduleCount: 0,
      };
      const keys = [
        this.slotKey(request.officeCode, request.slotStart),
        this.personKey(request.personKey),
        this.appointmentKey(appointment.receiptNumber),
        this.bySlotKey(),
      ];
      let optional = '';
      if (request.requestId !== undefined) {
        keys.push(this.requestKey(request.requestId));
        optional += 'r';
      }
      if (request.holdId !== undefined) {
        keys.push(this.holdsKey());
        optional += 'h';
      }
      const reply = scriptReplySchema.parse(
        await BOOK.run(this.client, keys, [
          String(capacity),
          String(now.getTime()),
          String(slotMs),
          appointment.receiptNumber,
          optional,
          request.holdId ?? '',
          slotId(request.officeCode, request.slotStart),
          ...toFieldValues(appointment),
        ]),
      );
      switch (reply[0]) {
        case 'ok':
          return { ok: true, appointment, replayed: false };
        case 'replayed':
          return { ok: true, appointment: await this.madeBy(request, z.string().parse(reply[1])), replayed: true };
        case 'slot_full':
        case 'hold_gone':
          return { ok: false, reason: reply[0] };
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

  async cancel(receiptNumber: string, cause: CancelCause = 'cancel'): Promise<CancelResult> {
    for (let read = 0; read < MAX_STALE_READS; read++) {
      const fields = await this.keyFields(receiptNumber);
      if (!fields) return { ok: false, reason: 'not_found' };
      const reply = scriptReplySchema.parse(
        await CANCEL.run(
          this.client,
          [
            this.appointmentKey(receiptNumber),
            this.slotKey(fields.officeCode, fields.slotStart),
            this.personKey(fields.personKey),
            this.freedSeatsKey(),
          ],
          [receiptNumber, this.clock.now().toISOString(), fields.slotStart, cause],
        ),
      );
      switch (reply[0]) {
        case 'ok':
          return { ok: true, appointment: fromFieldValues(reply.slice(1)) };
        case 'not_found':
        case 'already_cancelled':
          return { ok: false, reason: reply[0] };
        case 'moved':
          continue;
        default:
          throw new Error(`RedisAppointmentStore: unexpected reply from the cancel script: ${reply[0]}`);
      }
    }
    throw new Error(`RedisAppointmentStore: the appointment kept moving while it was being cancelled`);
  }

  async move(
    receiptNumber: string,
    newSlotStart: string,
    capacity: number,
    maxMoves: number,
    options: MoveOptions = {},
  ): Promise<MoveResult> {
    assertCapacity(capacity);
    assertMaxMoves(maxMoves);
    const { holdId } = options;
    if (holdId !== undefined) assertHoldId(holdId);
    const newSlotMs = slotStartMs(newSlotStart);
    for (let read = 0; read < MAX_STALE_READS; read++) {
      const fields = await this.keyFields(receiptNumber);
      if (!fields) return { ok: false, reason: 'not_found' };
      const now = this.clock.now();
      const reply = scriptReplySchema.parse(
        await MOVE.run(
          this.client,
          [
            this.appointmentKey(receiptNumber),
            this.slotKey(fields.officeCode, fields.slotStart),
            this.slotKey(fields.officeCode, newSlotStart),
            this.personKey(fields.personKey),
            this.bySlotKey(),
            this.freedSeatsKey(),
            ...(holdId === undefined ? [] : [this.holdsKey()]),
          ],
          [
            receiptNumber,
            fields.slotStart,
            newSlotStart,
            String(newSlotMs),
            String(capacity),
            String(maxMoves),
            String(now.getTime()),
            now.toISOString(),
            String(slotStartMs(fields.slotStart)),
            ...(holdId === undefined ? [] : [holdId, slotId(fields.officeCode, newSlotStart)]),
          ],
        ),
      );
      switch (reply[0]) {
        case 'ok':
          return { ok: true, appointment: fromFieldValues(reply.slice(1)), previousSlotStart: fields.slotStart };
        case 'not_found':
        case 'not_booked':
        case 'same_slot':
        case 'too_many_moves':
        case 'slot_full':
        case 'hold_gone':
          return { ok: false, reason: reply[0] };
        case 'moved':
          continue;
        default:
          throw new Error(`RedisAppointmentStore: unexpected reply from the move script: ${reply[0]}`);
      }
    }
    throw new Error(`RedisAppointmentStore: the appointment kept moving while it was being moved`);
  }

  async holdSeat(hold: SeatHold, capacity: number): Promise<HoldResult> {
    assertCapacity(capacity);
    assertHoldId(hold.holdId);
    const reply = await HOLD.run(
      this.client,
      [this.slotKey(hold.officeCode, hold.slotStart), this.holdsKey()],
      [String(capacity), hold.holdId, `${slotId(hold.officeCode, hold.slotStart)}|${hold.endsAt.getTime()}`],
    );
    return reply === 'ok' ? { ok: true } : { ok: false, reason: 'slot_full' };
  }

  async releaseHold(holdId: string): Promise<boolean> {
    const value = z
      .string()
      .nullable()
      .parse(await this.client.hGet(this.holdsKey(), holdId));
    const hold = value === null ? undefined : parseHold(holdId, value);
    if (!hold) return false;
    const released = await RELEASE.run(
      this.client,
      [this.holdsKey(), this.slotKey(hold.officeCode, hold.slotStart)],
      [holdId, value ?? ''],
    );
    return released === 1;
  }

  async holdsEndedBefore(before: Date): Promise<SeatHold[]> {
    const all = z.record(z.string(), z.string()).parse(await this.client.hGetAll(this.holdsKey()));
    return Object.entries(all)
      .map(([holdId, value]) => parseHold(holdId, value))
      .filter((hold): hold is SeatHold => hold !== undefined && hold.endsAt.getTime() < before.getTime());
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
      for (const receiptNumber of receipts) purged += await this.purgeOne(receiptNumber, cutoff);
    }
  }

  async listBetween(officeCode: string, from: Date, to: Date): Promise<Appointment[]> {
    const found = z
      .array(z.array(z.string()))
      .parse(
        await LIST_BETWEEN.run(
          this.client,
          [this.bySlotKey()],
          [String(from.getTime()), String(to.getTime()), this.appointmentKey(''), officeCode],
        ),
      );
    return found.map(fromFieldValues);
  }

  async checkIn(receiptNumber: string, audit?: AuditRecord): Promise<CheckInResult> {
    const keys = [this.appointmentKey(receiptNumber)];
    if (audit) keys.push(auditLogKey(this.tag));
    const reply = scriptReplySchema.parse(
      await CHECK_IN.run(this.client, keys, [this.clock.now().toISOString(), ...(audit ? auditFields(audit) : [])]),
    );
    switch (reply[0]) {
      case 'ok':
      case 'already':
        return { ok: true, appointment: fromFieldValues(reply.slice(1)), alreadyCheckedIn: reply[0] === 'already' };
      case 'not_found':
      case 'not_booked':
        return { ok: false, reason: reply[0] };
      default:
        throw new Error(`RedisAppointmentStore: unexpected reply from the check-in script: ${reply[0]}`);
    }
  }

  async close(): Promise<void> {
    if (this.ownsClient) await this.client.close();
  }

  /** The appointment a request made before, as it is now; throws if it was another person's. */
  private async madeBy(request: NewAppointment, receiptNumber: string): Promise<Appointment> {
    const appointment = await this.get(receiptNumber);
    // purgeBefore removes an appointment's request key with it: a request key without its
    // appointment means the keys were changed by hand.
    if (!appointment) throw new Error(`RedisAppointmentStore: a booking request names an appointment that does not exist`);
    if (appointment.personKey !== request.personKey) throw new RequestIdConflictError();
    return appointment;
  }

  private async keyFields(receiptNumber: string): Promise<KeyFields | undefined> {
    const [officeCode, slotStart, personKey, requestId] = keyFieldsSchema.parse(
      await this.client.hmGet(this.appointmentKey(receiptNumber), ['officeCode', 'slotStart', 'personKey', 'requestId']),
    );
    if (officeCode === null || slotStart === null || personKey === null) return undefined;
    return { officeCode, slotStart, personKey, ...(requestId === null ? {} : { requestId }) };
  }

  /** 1 when purged; 0 when it is gone, or moved past the cutoff, or moved just now (the next batch reads it again). */
  private async purgeOne(receiptNumber: string, cutoff: Date): Promise<number> {
    const fields = await this.keyFields(receiptNumber);
    if (!fields) {
      await FORGET.run(this.client, [this.bySlotKey()], [receiptNumber]);
      return 0;
    }
    const keys = [
      this.bySlotKey(),
      this.appointmentKey(receiptNumber),
      this.slotKey(fields.officeCode, fields.slotStart),
      this.personKey(fields.personKey),
    ];
    if (fields.requestId !== undefined) keys.push(this.requestKey(fields.requestId));
    const removed = await PURGE.run(this.client, keys, [receiptNumber, fields.slotStart, String(cutoff.getTime())]);
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

  private holdsKey(): string {
    return `${this.tag}:holds`;
  }

  private freedSeatsKey(): string {
    return `${this.tag}:freed-seats`;
  }

  private requestKey(requestId: string): string {
    return `${this.tag}:request:${requestId}`;
  }
}
