import { DateTime } from 'luxon';
import type { Clock } from '../clock';
import { officeZone } from '../dates/officeZone';
import { languageByCode } from '../languages';
import type { Translator } from '../i18n/translator';
import type { Appointment, AppointmentStore } from '../appointments/types';
import { formatReceiptNumber, parseReceiptNumber } from '../appointments/receiptNumber';
import type { FieldOffice, OfficeDirectory } from '../offices/types';
import type { ContactRoute, Outreach } from '../outreach/types';
import { officeHours } from '../slots/schedule';
import type { Slot, SlotPolicy } from '../slots/types';
import { closureFor, type ClosureRequest, type ClosureRequestError } from './closureRequest';
import { closureMessage } from './closureMessage';
import { nearestFreeSlots, rebookOfferFor, rebookOfferTtlMs, type RebookOfferStore } from './rebookOffer';
import type { Actor, AuditAction, AuditPage, AuditRecord, AuditValue, Closure, OperationsStore } from './types';

export interface OfficeOperationsParts {
  /** The stores themselves, not the guarded one: a closure's own cancellations must not be refused. */
  appointments: AppointmentStore;
  operations: OperationsStore;
  /** How people are told; absent, a closure that would cancel appointments is refused (nobody could be told). */
  outreach?: Outreach;
  offices: OfficeDirectory;
  translator: Translator;
  clock: Clock;
  /** With `officeDays`, so the times offered to the people of a closure leave it out. */
  policy: SlotPolicy;
  /** Where the times offered are kept for the person's answer (it books one); absent, they are only told. */
  rebook?: RebookParts;
}

export interface RebookParts {
  offers: RebookOfferStore;
  /** The conversation an answer to a message sent on this route comes back in. */
  replyKeyOf: (route: ContactRoute) => string;
}

export type Refusal<E extends string> = { ok: false; error: E; message: string };

export interface ClosureOutcome {
  ok: true;
  /** False when the same closure existed already (a repeated request): nothing new was stored or logged. */
  created: boolean;
  closure: Closure;
  /** Appointments this request cancelled. */
  cancelled: number;
  /** People handed to the outreach (a repeat hands them again; the outreach tells each once). */
  notified: number;
  /** Receipt numbers whose holder could not be handed to the outreach: repeat the request. */
  failed: string[];
}

export interface CapacityView {
  officeCode: string;
  date: string;
  /** People per slot that day. */
  capacity: number;
  /** Whether an operator set it (else it is the default, SLOT_CAPACITY). */
  overridden: boolean;
}

export interface DayAppointment {
  receiptNumber: string;
  name: string;
  /** ISO start with the office's offset. */
  start: string;
  /** Office-local "HH:mm". */
  time: string;
  status: Appointment['status'];
  checkedIn: boolean;
  checkedInAt?: string;
  reason: Appointment['reason'];
  language: string;
}

export type CheckInOutcome =
  | { ok: true; appointment: DayAppointment; alreadyCheckedIn: boolean }
  | Refusal<'bad_receipt_number' | 'not_found' | 'not_booked' | 'not_today'>;

/** People handed to the outreach at once while a closure tells them. */
const TELL_CONCURRENCY = 8;
const MAX_CAPACITY = 100;

/**
 * What operators do through the operator API: close an office for a day or part of one (its
 * appointments cancelled and their holders told), reopen it, set a day's capacity, list a day's
 * appointments, check people in, read the audit log. Every change is logged with who made it.
 */
export class OfficeOperations {
  constructor(private readonly parts: OfficeOperationsParts) {}

  /**
   * Closes the office, cancels every booked appointment whose slot overlaps the closure and has not
   * started, and tells each holder in their language. The same request again (same office, day and
   * hours) finds the stored closure and tells again everyone whose appointment it cancelled: the
   * outreach's dedupe id (closure id + receipt number) makes sure nobody hears it twice.
   */
  async close(
    actor: Actor,
    officeCode: string,
    request: ClosureRequest,
  ): Promise<ClosureOutcome | Refusal<'unknown_office' | 'cannot_notify' | ClosureRequestError>> {
    const office = this.parts.offices.byCode(officeCode);
    if (!office) return unknownOffice(officeCode);
    const now = this.parts.clock.now();
    const check = closureFor(request, office, now, actor);
    if (!check.ok) return check;
    const draft = check.closure;
    if (!this.parts.outreach && (await this.appointmentsInside(draft, now)).length > 0) {
      return {
        ok: false,
        error: 'cannot_notify',
        message: 'appointments would be cancelled, and no outreach is configured to tell their holders',
      };
    }
    const { created, closure } = await this.parts.operations.addClosure(
      draft,
      this.record(actor, 'closure.created', {
        id: draft.id,
        office: draft.officeCode,
        date: draft.date,
        from: draft.from,
        to: draft.to,
        reason: draft.reason,
        note: draft.note,
      }),
    );
    const outcome: ClosureOutcome = { ok: true, created, closure, cancelled: 0, notified: 0, failed: [] };
    const concerned = await this.appointmentsInside(closure, now);
    const alternatives = new Map<string, Promise<Slot[]>>();
    await inBatches(concerned, TELL_CONCURRENCY, async (appointment) => {
      try {
        if (appointment.status === 'booked') {
          const cancelled = await this.parts.appointments.cancel(appointment.receiptNumber, 'closure');
          if (cancelled.ok) outcome.cancelled += 1;
        }
        await this.outreach().cancelReminder(appointment.receiptNumber);
        let offered = alternatives.get(appointment.slotStart);
        if (!offered) {
          offered = this.nearestFree(office, appointment.slotStart);
          alternatives.set(appointment.slotStart, offered);
        }
        await this.tell(closure, office, appointment, await offered);
        outcome.notified += 1;
      } catch {
        outcome.failed.push(formatReceiptNumber(appointment.receiptNumber));
      }
    });
    return outcome;
  }

  /** Reopens the slots of a closure. Appointments it cancelled stay cancelled: their holders were told to book again. */
  async reopen(actor: Actor, id: string): Promise<{ ok: true; closure: Closure } | Refusal<'not_found'>> {
    const existing = await this.parts.operations.getClosure(id);
    if (!existing) return { ok: false, error: 'not_found', message: `no closure ${id}` };
    const removed = await this.parts.operations.removeClosure(
      id,
      this.record(actor, 'closure.removed', { id, office: existing.officeCode, date: existing.date, from: existing.from, to: existing.to }),
    );
    return removed ? { ok: true, closure: removed } : { ok: false, error: 'not_found', message: `no closure ${id}` };
  }

  /** The office's closures overlapping the office-local dates `from` to `to` (both included). */
  async closures(
    officeCode: string,
    from: string,
    to: string,
  ): Promise<{ ok: true; closures: Closure[] } | Refusal<'unknown_office' | 'bad_date'>> {
    const office = this.parts.offices.byCode(officeCode);
    if (!office) return unknownOffice(officeCode);
    const first = localDay(office, from);
    const last = localDay(office, to);
    if (!first || !last || last < first) return badDate(`${from} … ${to}`);
    return {
      ok: true,
      closures: await this.parts.operations.listClosures(office.code, first.toJSDate(), last.plus({ days: 1 }).toJSDate()),
    };
  }

  async capacity(officeCode: string, date: string): Promise<({ ok: true } & CapacityView) | Refusal<'unknown_office' | 'bad_date'>> {
    const office = this.parts.offices.byCode(officeCode);
    if (!office) return unknownOffice(officeCode);
    if (!localDay(office, date)) return badDate(date);
    const set = await this.parts.operations.capacityOn(office.code, date);
    return { ok: true, officeCode: office.code, date, capacity: set ?? this.parts.policy.capacity, overridden: set !== undefined };
  }

  /** Sets the office's capacity on a date, or (undefined) returns it to the default. */
  async setCapacity(
    actor: Actor,
    officeCode: string,
    date: string,
    capacity: number | undefined,
  ): Promise<({ ok: true } & CapacityView) | Refusal<'unknown_office' | 'bad_date' | 'bad_capacity'>> {
    const office = this.parts.offices.byCode(officeCode);
    if (!office) return unknownOffice(officeCode);
    if (!localDay(office, date)) return badDate(date);
    if (capacity !== undefined && !(Number.isInteger(capacity) && capacity >= 0 && capacity <= MAX_CAPACITY)) {
      return { ok: false, error: 'bad_capacity', message: `capacity must be a whole number from 0 to ${MAX_CAPACITY}` };
    }
    const audit =
      capacity === undefined
        ? this.record(actor, 'capacity.cleared', { office: office.code, date })
        : this.record(actor, 'capacity.set', { office: office.code, date, capacity });
    await this.parts.operations.setCapacity(office.code, date, capacity, audit);
    return this.capacity(office.code, date);
  }

  /** Every appointment of the office on a local date (booked and cancelled), by time. */
  async dayAppointments(
    officeCode: string,
    date: string,
  ): Promise<{ ok: true; appointments: DayAppointment[] } | Refusal<'unknown_office' | 'bad_date'>> {
    const office = this.parts.offices.byCode(officeCode);
    if (!office) return unknownOffice(officeCode);
    const day = localDay(office, date);
    if (!day) return badDate(date);
    const found = await this.parts.appointments.listBetween(office.code, day.toJSDate(), day.plus({ days: 1 }).toJSDate());
    return { ok: true, appointments: found.map((appointment) => dayAppointment(appointment, office)) };
  }

  /** Checks a person in at the desk: only a booked appointment, and only on its own day at its office's clock. */
  async checkIn(actor: Actor, typed: string): Promise<CheckInOutcome> {
    const parsed = parseReceiptNumber(typed);
    if (parsed.kind !== 'valid')
      return { ok: false, error: 'bad_receipt_number', message: 'not an appointment receipt number (IP-XXXX-XXXX-XXXX-X)' };
    const { receiptNumber } = parsed;
    const appointment = await this.parts.appointments.get(receiptNumber);
    if (!appointment) return { ok: false, error: 'not_found', message: 'no appointment with that receipt number' };
    const office = this.parts.offices.byCode(appointment.officeCode);
    if (!office) return { ok: false, error: 'not_found', message: 'no appointment with that receipt number' };
    const today = DateTime.fromJSDate(this.parts.clock.now(), { zone: officeZone(office.timeZone) }).toISODate();
    if (appointment.status === 'booked' && appointment.slotStart.slice(0, 10) !== today) {
      return {
        ok: false,
        error: 'not_today',
        message: `the appointment is on ${appointment.slotStart.slice(0, 10)}, not today (${today})`,
      };
    }
    // The check-in and its audit entry are one atomic step of the store: neither is written without the other.
    const result = await this.parts.appointments.checkIn(
      receiptNumber,
      this.record(actor, 'appointment.checkedIn', { receiptNumber: formatReceiptNumber(receiptNumber), office: office.code }),
    );
    if (!result.ok) {
      return result.reason === 'not_found'
        ? { ok: false, error: 'not_found', message: 'no appointment with that receipt number' }
        : { ok: false, error: 'not_booked', message: 'the appointment is cancelled' };
    }
    return { ok: true, appointment: dayAppointment(result.appointment, office), alreadyCheckedIn: result.alreadyCheckedIn };
  }

  /** The audit log, newest first. */
  auditLog(limit: number, before?: string): Promise<AuditPage> {
    return this.parts.operations.listAudit(before === undefined ? { limit } : { limit, before });
  }

  private record(actor: Actor, action: AuditAction, params: Record<string, AuditValue>): AuditRecord {
    return { at: this.parts.clock.now().toISOString(), actor, action, params };
  }

  private outreach(): Outreach {
    if (!this.parts.outreach) throw new Error('OfficeOperations: no outreach configured');
    return this.parts.outreach;
  }

  /** Appointments whose slot overlaps the closure and has not started: booked ones, and those this closure cancelled before. */
  private async appointmentsInside(closure: Closure, now: Date): Promise<Appointment[]> {
    const slotMs = this.parts.policy.slotMinutes * 60_000;
    const from = new Date(Math.max(Date.parse(closure.start) - slotMs + 1, now.getTime() + 1));
    const found = await this.parts.appointments.listBetween(closure.officeCode, from, new Date(closure.end));
    // A cancellation at or after the closure's creation is the closure's (or one that it made moot).
    return found.filter((a) => a.status === 'booked' || (a.cancelledAt !== undefined && a.cancelledAt >= closure.createdAt));
  }

  /** Up to three free times nearest to the cancelled one, the closure left out; the earliest ones if it is beyond the window. */
  private nearestFree(office: FieldOffice, slotStart: string): Promise<Slot[]> {
    const { policy, clock, appointments } = this.parts;
    return nearestFreeSlots({ office, slotStart, policy, now: clock.now(), countBooked: appointments.countBooked.bind(appointments) });
  }

  /**
   * Keeps the times offered for the person's answer, before they are told (an answer may come at
   * once); whether they can answer with one. A repeated request keeps the offer already there: the
   * person was told those times. An offer that cannot be kept (no conversation to key it by, the
   * store failing) leaves the person told how to book again instead: telling them comes first.
   */
  private async keepOffer(id: string, appointment: Appointment, alternatives: Slot[], route: ContactRoute): Promise<boolean> {
    const { rebook } = this.parts;
    const ttlMs = rebookOfferTtlMs(
      alternatives.map((slot) => slot.start),
      this.parts.clock.now(),
    );
    if (!rebook || ttlMs <= 0) return false;
    try {
      const offer = rebookOfferFor(id, appointment, alternatives, route.channel);
      const replyKey = rebook.replyKeyOf(route);
      if (await rebook.offers.put(replyKey, offer, ttlMs, 'keep')) return true;
      // Kept already: by a repeat of this request (the same times), or for someone else sharing the phone.
      return (await rebook.offers.peek(replyKey))?.id === id;
    } catch {
      return false;
    }
  }

  private async tell(closure: Closure, office: FieldOffice, appointment: Appointment, alternatives: Slot[]): Promise<void> {
    const outreach = this.outreach();
    const { translator } = this.parts;
    const route: ContactRoute = (await outreach.routeOf(appointment.receiptNumber)) ?? { channel: 'sms', phone: appointment.phone };
    const id = `${closure.id}:${appointment.receiptNumber}`;
    const answerable = await this.keepOffer(id, appointment, alternatives, route);
    const text = closureMessage({
      answerable,
      closure,
      office,
      hours: officeHours(office, this.parts.policy),
      appointment,
      alternatives,
      channel: route.channel,
      t: translator.for(appointment.language),
      intlLocale: languageByCode(appointment.language).intlLocale,
    });
    await outreach.send(route, text, id);
  }
}

function dayAppointment(appointment: Appointment, office: FieldOffice): DayAppointment {
  const time = DateTime.fromISO(appointment.slotStart, { zone: officeZone(office.timeZone) }).toFormat('HH:mm');
  return {
    receiptNumber: formatReceiptNumber(appointment.receiptNumber),
    name: appointment.name,
    start: appointment.slotStart,
    time,
    status: appointment.status,
    checkedIn: appointment.checkedInAt !== undefined,
    ...(appointment.checkedInAt ? { checkedInAt: appointment.checkedInAt } : {}),
    reason: appointment.reason,
    language: appointment.language,
  };
}

/** The start of an office-local date, or undefined when `date` is not YYYY-MM-DD. */
function localDay(office: FieldOffice, date: string): DateTime | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return undefined;
  const day = DateTime.fromISO(date, { zone: officeZone(office.timeZone) });
  return day.isValid ? day : undefined;
}

function unknownOffice(code: string): Refusal<'unknown_office'> {
  return { ok: false, error: 'unknown_office', message: `no field office ${code}` };
}

function badDate(date: string): Refusal<'bad_date'> {
  return { ok: false, error: 'bad_date', message: `not a calendar date YYYY-MM-DD: ${date}` };
}

async function inBatches<T>(items: readonly T[], size: number, run: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(run));
}
