import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import type { Clock } from '../../src/domain/clock';
import { Translator } from '../../src/domain/i18n/translator';
import type { FieldOffice, OfficeDirectory } from '../../src/domain/offices/types';
import { OfficeOperations } from '../../src/domain/operations/officeOperations';
import { DEFAULT_SLOT_POLICY } from '../../src/domain/slots/schedule';
import { findFreeSlots } from '../../src/domain/slots/availability';
import type { SlotPolicy } from '../../src/domain/slots/types';
import { formatReceiptNumber } from '../../src/domain/appointments/receiptNumber';
import { formatSlot } from '../../src/domain/dates/format';
import { MemoryAppointmentStore } from '../../src/infra/memory/memoryAppointmentStore';
import { MemoryAuditLog } from '../../src/infra/memory/memoryAuditLog';
import { MemoryOperationsStore } from '../../src/infra/memory/memoryOperationsStore';
import { appointmentRequest } from '../support/appointmentFixtures';
import { at, NY, testOffice } from '../support/timeFixtures';
import { RecordingOutreach } from './support/recordingOutreach';
import { MemoryRebookOffers } from '../../src/infra/memory/memoryRebookOffers';
import type { ContactRoute } from '../../src/domain/outreach/types';

const translator = new Translator();
const NYC = testOffice('NYC', NY);
const LOS = testOffice('LOS', 'America/Los_Angeles');
const DANA = { sub: 'op-1', name: 'Dana' };

function directory(...offices: FieldOffice[]): OfficeDirectory {
  return {
    all: () => offices,
    byCode: (code) => offices.find((o) => o.code === code),
    forZip: () => undefined,
    forCountry: () => undefined,
    zipCodes: () => [],
  };
}

function iso(local: string, zone = NY): string {
  return DateTime.fromISO(local, { zone }).toISO() ?? '';
}

/** The conversation an answer comes back in: the phone's SMS conversation, or the chat's id. */
function replyKeyOfRoute(route: ContactRoute): string {
  return route.channel === 'sms' ? `sms/${route.phone}` : `chat/${route.conversationReference}`;
}

class SettableClock implements Clock {
  constructor(public current: Date) {}
  now(): Date {
    return new Date(this.current.getTime());
  }
}

function setUp(options: { outreach?: boolean; rebook?: boolean } = {}) {
  const clock = new SettableClock(at('2026-12-01T09:00'));
  const auditLog = new MemoryAuditLog();
  const appointments = new MemoryAppointmentStore({ clock, auditLog });
  const operations = new MemoryOperationsStore(auditLog);
  const outreach = new RecordingOutreach();
  const policy: SlotPolicy = { ...DEFAULT_SLOT_POLICY, officeDays: operations };
  const offers = new MemoryRebookOffers(clock);
  const desk = new OfficeOperations({
    ...(options.rebook === false ? {} : { rebook: { offers, replyKeyOf: replyKeyOfRoute } }),
    appointments,
    operations,
    offices: directory(NYC, LOS),
    translator,
    clock,
    policy,
    ...(options.outreach === false ? {} : { outreach }),
  });
  const book = async (person: string, local: string, extra: Parameters<typeof appointmentRequest>[2] = {}) => {
    const result = await appointments.book(appointmentRequest(person, iso(local), { personKey: person, ...extra }), 10);
    assert.ok(result.ok, person);
    return result.appointment;
  };
  return { clock, appointments, operations, outreach, policy, desk, book, offers };
}

describe('OfficeOperations: what operators do', () => {
  describe('closing an office', () => {
    it('cancels the booked appointments overlapping the closure and tells each holder once, in their language', async () => {
      const { desk, book, outreach, appointments } = setUp();
      const inside = await book('ana', '2026-12-03T09:30', { language: 'es', phone: '+12125550101' });
      const chat = await book('bo', '2026-12-03T11:30', { language: 'vi' });
      const after = await book('cy', '2026-12-03T12:00');
      const otherDay = await book('di', '2026-12-04T10:00');
      const otherOffice = await book('ed', '2026-12-03T10:00', { officeCode: 'LOS' });
      await outreach.saveRoute(chat.receiptNumber, { channel: 'chat', conversationReference: '{"conversation":{"id":"c1"}}' });
      await outreach.scheduleReminder(inside.receiptNumber, at('2026-12-02T10:00'));

      const result = await desk.close(DANA, 'NYC', { date: '2026-12-03', from: '09:00', to: '12:00', reason: 'weather' });
      assert.ok(result.ok);
      assert.deepEqual(
        { created: result.created, cancelled: result.cancelled, notified: result.notified, failed: result.failed },
        { created: true, cancelled: 2, notified: 2, failed: [] },
      );
      for (const kept of [after, otherDay, otherOffice]) assert.equal((await appointments.get(kept.receiptNumber))?.status, 'booked');
      for (const gone of [inside, chat]) assert.equal((await appointments.get(gone.receiptNumber))?.status, 'cancelled');
      assert.ok(!outreach.reminders.has(inside.receiptNumber));

      const sms = outreach.delivered.get(`NYC-2026-12-03-0900-1200:${inside.receiptNumber}`);
      assert.deepEqual(sms?.route, { channel: 'sms', phone: '+12125550101' });
      assert.ok(sms.text.includes(translator.for('es')('closure.replyThree', { word: 'CITA' })), sms.text);
      assert.ok(sms.text.includes(formatReceiptNumber(inside.receiptNumber)));
      const proactive = outreach.delivered.get(`NYC-2026-12-03-0900-1200:${chat.receiptNumber}`);
      assert.equal(proactive?.route.channel, 'chat');
      assert.ok(proactive.text.includes(translator.for('vi')('closure.replyThree', { word: translator.for('vi')('closure.rebookWord') })));
      assert.equal(outreach.delivered.size, 2);
    });

    it('offers free times outside the closure, nearest to the cancelled one', async () => {
      const { desk, book, outreach, policy, appointments, clock } = setUp();
      const ana = await book('ana', '2026-12-03T10:00');
      await desk.close(DANA, 'NYC', { date: '2026-12-03', reason: 'emergency' });
      const text = outreach.delivered.get(`NYC-2026-12-03:${ana.receiptNumber}`)?.text ?? '';
      const search = await findFreeSlots({
        office: NYC,
        policy,
        now: clock.now(),
        wanted: [{ start: ana.slotStart, precision: 'minute', past: false }],
        countBooked: (code, starts) => appointments.countBooked(code, starts),
      });
      assert.ok(search.kind === 'slots' && search.slots.length === 3);
      // Nearest in time to Thursday 10:00, Thursday being closed: Wednesday afternoon.
      search.slots.forEach((slot, i) => {
        assert.notEqual(slot.start.slice(0, 10), '2026-12-03');
        const shown = formatSlot(slot.start, NY, 'en-US');
        assert.ok(text.includes(`${i + 1}. ${shown.date}, ${shown.time}`), text);
      });
      assert.match(text, /Reason: an emergency\./);
    });

    it('keeps the times offered for the answer, in the conversation it comes back in, until the first of them starts', async () => {
      const { desk, book, outreach, offers, clock } = setUp();
      const ana = await book('ana', '2026-12-03T10:00', { language: 'es', phone: '+12125550101' });
      await desk.close(DANA, 'NYC', { date: '2026-12-03', reason: 'weather' });
      const offer = await offers.peek('sms/+12125550101');
      assert.ok(offer);
      assert.equal(offer.id, `NYC-2026-12-03:${ana.receiptNumber}`);
      assert.deepEqual(offer.person, {
        officeCode: 'NYC',
        reason: ana.reason,
        name: ana.name,
        dobVerifier: ana.dobVerifier,
        phone: '+12125550101',
        language: 'es',
        personKey: ana.personKey,
      });
      assert.equal(offer.slots.length, 3);
      const text = outreach.delivered.get(offer.id)?.text ?? '';
      offer.slots.forEach((start, i) => {
        const shown = formatSlot(start, NY, 'es-US');
        assert.ok(text.includes(`${i + 1}. `) && text.includes(shown.time), text);
      });
      // A repeated request keeps the offer the person was told, even when other times are nearer now.
      await offers.put('sms/+12125550101', { ...offer, slots: [offer.slots[2]] }, 60_000, 'replace');
      await desk.close(DANA, 'NYC', { date: '2026-12-03', reason: 'weather' });
      assert.deepEqual((await offers.peek('sms/+12125550101'))?.slots, [offer.slots[2]]);
      clock.current = new Date(Date.parse(offer.slots[2]));
      assert.equal(await offers.peek('sms/+12125550101'), undefined);
    });

    it('without a place to keep the times for an answer, still tells everyone, with how to book again', async () => {
      const { desk, book, outreach } = setUp({ rebook: false });
      const ana = await book('ana', '2026-12-03T10:00');
      await desk.close(DANA, 'NYC', { date: '2026-12-03', reason: 'weather' });
      const text = outreach.delivered.get(`NYC-2026-12-03:${ana.receiptNumber}`)?.text ?? '';
      assert.ok(text.endsWith(translator.for('en')('closure.rebookSms', { word: 'BOOK' })), text);
    });

    it('a repeated request stores nothing new, cancels nothing more, and tells nobody twice', async () => {
      const { desk, book, outreach, operations } = setUp();
      for (const person of ['a', 'b', 'c']) await book(person, '2026-12-03T10:00');
      const first = await desk.close(DANA, 'NYC', { date: '2026-12-03', reason: 'weather' });
      const again = await desk.close({ sub: 'op-2' }, 'NYC', { date: '2026-12-03', reason: 'weather' });
      assert.ok(first.ok && again.ok);
      assert.equal(again.created, false);
      assert.equal(again.cancelled, 0);
      assert.equal(again.closure.createdBy.sub, 'op-1');
      assert.equal(outreach.delivered.size, 3);
      // The repeat hands the same three messages again, under the same dedupe ids.
      assert.deepEqual(new Set(outreach.calls.map((c) => c.dedupeId)).size, 3);
      assert.equal((await operations.listAudit({ limit: 10 })).entries.length, 1);
    });

    it('reports whom it could not hand to the outreach, and a repeat of the request tells them', async () => {
      const { desk, book, outreach } = setUp();
      const ana = await book('ana', '2026-12-03T10:00');
      const ben = await book('ben', '2026-12-03T10:30');
      outreach.failing = (id) => id.endsWith(ben.receiptNumber);
      const first = await desk.close(DANA, 'NYC', { date: '2026-12-03', reason: 'weather' });
      assert.ok(first.ok);
      assert.deepEqual(
        { cancelled: first.cancelled, notified: first.notified, failed: first.failed },
        {
          cancelled: 2,
          notified: 1,
          failed: [formatReceiptNumber(ben.receiptNumber)],
        },
      );
      outreach.failing = () => false;
      const again = await desk.close(DANA, 'NYC', { date: '2026-12-03', reason: 'weather' });
      assert.ok(again.ok);
      assert.deepEqual(again.failed, []);
      assert.deepEqual(
        [...outreach.delivered.keys()].sort(),
        [`NYC-2026-12-03:${ana.receiptNumber}`, `NYC-2026-12-03:${ben.receiptNumber}`].sort(),
      );
    });

    it('does not tell people who had cancelled before the closure, nor those whose time has begun', async () => {
      const { desk, book, outreach, appointments, clock } = setUp();
      const cancelledEarlier = await book('early', '2026-12-03T10:00');
      await appointments.cancel(cancelledEarlier.receiptNumber);
      clock.current = at('2026-12-03T10:10');
      const started = await book('started', '2026-12-03T10:00');
      const later = await book('later', '2026-12-03T11:00');
      const result = await desk.close(DANA, 'NYC', { date: '2026-12-03', from: '08:00', to: '16:00', reason: 'emergency' });
      assert.ok(result.ok);
      assert.deepEqual([...outreach.delivered.keys()], [`NYC-2026-12-03-0800-1600:${later.receiptNumber}`]);
      assert.equal((await appointments.get(started.receiptNumber))?.status, 'booked');
    });

    it('without an outreach, refuses a closure that would cancel appointments, and stores nothing', async () => {
      const { desk, book, operations, appointments } = setUp({ outreach: false });
      const ana = await book('ana', '2026-12-03T10:00');
      const refused = await desk.close(DANA, 'NYC', { date: '2026-12-03', reason: 'weather' });
      assert.deepEqual(refused.ok ? undefined : refused.error, 'cannot_notify');
      assert.equal(await operations.getClosure('NYC-2026-12-03'), undefined);
      assert.equal((await appointments.get(ana.receiptNumber))?.status, 'booked');
      const empty = await desk.close(DANA, 'NYC', { date: '2026-12-04', reason: 'weather' });
      assert.ok(empty.ok && empty.created);
    });

    it('refuses an unknown office and a bad request', async () => {
      const { desk } = setUp();
      const unknown = await desk.close(DANA, 'XXX', { date: '2026-12-03', reason: 'weather' });
      assert.equal(!unknown.ok && unknown.error, 'unknown_office');
      const past = await desk.close(DANA, 'NYC', { date: '2026-11-03', reason: 'weather' });
      assert.equal(!past.ok && past.error, 'in_the_past');
    });

    it('reopens: the slots come back, the cancelled appointments stay cancelled, both changes logged with who made them', async () => {
      const { desk, book, appointments, operations, policy, clock } = setUp();
      const ana = await book('ana', '2026-12-03T10:00');
      await desk.close(DANA, 'NYC', { date: '2026-12-03', from: '10:00', to: '11:00', reason: 'weather' });
      const search = () =>
        findFreeSlots({
          office: NYC,
          policy,
          now: clock.now(),
          wanted: [{ start: iso('2026-12-03T10:00'), precision: 'minute', past: false }],
          countBooked: (code, starts) => appointments.countBooked(code, starts),
          limit: 1,
        });
      const before = await search();
      assert.ok(before.kind === 'slots' && before.slots[0].start.slice(11, 16) !== '10:00');
      const reopened = await desk.reopen({ sub: 'op-2', name: 'Lee' }, 'NYC-2026-12-03-1000-1100');
      assert.ok(reopened.ok);
      const after = await search();
      assert.equal(after.kind === 'slots' && after.slots[0].start.slice(11, 16), '10:00');
      assert.equal((await appointments.get(ana.receiptNumber))?.status, 'cancelled');
      assert.deepEqual(await desk.reopen(DANA, 'NYC-2026-12-03-1000-1100'), {
        ok: false,
        error: 'not_found',
        message: 'no closure NYC-2026-12-03-1000-1100',
      });
      const log = await operations.listAudit({ limit: 10 });
      assert.deepEqual(
        log.entries.map((e) => [e.action, e.actor.name, e.params.id]),
        [
          ['closure.removed', 'Lee', 'NYC-2026-12-03-1000-1100'],
          ['closure.created', 'Dana', 'NYC-2026-12-03-1000-1100'],
        ],
      );
    });

    it('lists closures of a range of office-local dates', async () => {
      const { desk } = setUp();
      await desk.close(DANA, 'NYC', { date: '2026-12-03', reason: 'weather' });
      await desk.close(DANA, 'NYC', { date: '2026-12-10', from: '09:00', to: '10:00', reason: 'other', note: 'drill' });
      const listed = await desk.closures('NYC', '2026-12-03', '2026-12-09');
      assert.deepEqual(listed.ok && listed.closures.map((c) => c.id), ['NYC-2026-12-03']);
      const all = await desk.closures('NYC', '2026-12-01', '2026-12-31');
      assert.deepEqual(all.ok && all.closures.map((c) => [c.id, c.note]), [
        ['NYC-2026-12-03', ''],
        ['NYC-2026-12-10-0900-1000', 'drill'],
      ]);
      const bad = await desk.closures('NYC', '2026-12-31', '2026-12-01');
      assert.equal(!bad.ok && bad.error, 'bad_date');
    });
  });

  describe('capacity per day', () => {
    it('sets, reads and clears it, logging each change', async () => {
      const { desk, operations } = setUp();
      assert.deepEqual(await desk.capacity('NYC', '2026-12-15'), {
        ok: true,
        officeCode: 'NYC',
        date: '2026-12-15',
        capacity: 2,
        overridden: false,
      });
      assert.deepEqual(await desk.setCapacity(DANA, 'NYC', '2026-12-15', 6), {
        ok: true,
        officeCode: 'NYC',
        date: '2026-12-15',
        capacity: 6,
        overridden: true,
      });
      assert.deepEqual(await desk.setCapacity(DANA, 'NYC', '2026-12-15', undefined), {
        ok: true,
        officeCode: 'NYC',
        date: '2026-12-15',
        capacity: 2,
        overridden: false,
      });
      const refused = await desk.setCapacity(DANA, 'NYC', '2026-12-15', 101);
      assert.equal(!refused.ok && refused.error, 'bad_capacity');
      const log = await operations.listAudit({ limit: 10 });
      assert.deepEqual(
        log.entries.map((e) => [e.action, e.params.capacity ?? null]),
        [
          ['capacity.cleared', null],
          ['capacity.set', 6],
        ],
      );
    });
  });

  describe('the desk: the day’s appointments and check-in', () => {
    it("lists a day's appointments with names, receipt numbers, status and check-in", async () => {
      const { desk, book, appointments, clock } = setUp();
      const ana = await book('ana', '2026-12-01T10:00');
      const ben = await book('ben', '2026-12-01T11:30');
      await book('cy', '2026-12-02T10:00');
      await appointments.cancel(ben.receiptNumber);
      clock.current = at('2026-12-01T09:50');
      await desk.checkIn(DANA, formatReceiptNumber(ana.receiptNumber));
      const day = await desk.dayAppointments('NYC', '2026-12-01');
      assert.ok(day.ok);
      assert.deepEqual(
        day.appointments.map((a) => [a.time, a.name, a.receiptNumber, a.status, a.checkedIn]),
        [
          ['10:00', 'Person ana', formatReceiptNumber(ana.receiptNumber), 'booked', true],
          ['11:30', 'Person ben', formatReceiptNumber(ben.receiptNumber), 'cancelled', false],
        ],
      );
      assert.equal(day.appointments[0].checkedInAt, at('2026-12-01T09:50').toISOString());
    });

    it('checks in by a receipt number typed any way, once, on the appointment’s day only', async () => {
      const { desk, book, operations, appointments, clock } = setUp();
      const ana = await book('ana', '2026-12-02T10:00');
      const typed = formatReceiptNumber(ana.receiptNumber).toLowerCase().replace(/-/g, ' ');
      const early = await desk.checkIn(DANA, typed);
      assert.equal(!early.ok && early.error, 'not_today');
      clock.current = at('2026-12-02T09:45');
      const first = await desk.checkIn(DANA, typed);
      assert.ok(first.ok && !first.alreadyCheckedIn && first.appointment.checkedIn);
      const second = await desk.checkIn({ sub: 'op-2' }, ana.receiptNumber);
      assert.ok(second.ok && second.alreadyCheckedIn);
      const log = await operations.listAudit({ limit: 10 });
      assert.deepEqual(
        log.entries.map((e) => [e.action, e.actor.sub, e.params.receiptNumber]),
        [['appointment.checkedIn', 'op-1', formatReceiptNumber(ana.receiptNumber)]],
      );
      await appointments.cancel(ana.receiptNumber);
      const cancelled = await desk.checkIn(DANA, ana.receiptNumber);
      assert.equal(!cancelled.ok && cancelled.error, 'not_booked');
      const unknown = await desk.checkIn(DANA, 'IP-M8H0-EY4P-FC76-N');
      assert.equal(!unknown.ok && unknown.error, 'not_found');
      const notOne = await desk.checkIn(DANA, 'EAC2212345678');
      assert.equal(!notOne.ok && notOne.error, 'bad_receipt_number');
    });
  });
});
