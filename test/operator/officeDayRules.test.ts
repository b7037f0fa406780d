import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { findFreeSlots, type SlotSearch } from '../../src/domain/slots/availability';
import { DEFAULT_SLOT_POLICY } from '../../src/domain/slots/schedule';
import type { OfficeDayRules, SlotPolicy } from '../../src/domain/slots/types';
import { GuardedAppointmentStore } from '../../src/domain/operations/guardedAppointmentStore';
import { MemoryAppointmentStore } from '../../src/infra/memory/memoryAppointmentStore';
import { fixedClock } from '../../src/domain/clock';
import { appointmentRequest } from '../support/appointmentFixtures';
import { at, NY, testOffice } from '../support/timeFixtures';

const NEW_YORK = testOffice('NYC', NY);
/** Tuesday 1 December 2026, 09:00 in New York. */
const NOW = at('2026-12-01T09:00');

function iso(local: string): string {
  return DateTime.fromISO(local, { zone: NY }).toISO() ?? '';
}

function span(fromLocal: string, toLocal: string): { from: number; to: number } {
  return { from: at(fromLocal).getTime(), to: at(toLocal).getTime() };
}

/** Rules served for NYC only, recording what was asked. */
function rules(closed: OfficeDayRules['closed'], capacityByDate: Record<string, number> = {}) {
  const asked: { office: string; from: Date; to: Date }[] = [];
  return {
    asked,
    rulesFor: async (office: string, from: Date, to: Date): Promise<OfficeDayRules> => {
      asked.push({ office, from, to });
      return office === 'NYC'
        ? { closed, capacityByDate: new Map(Object.entries(capacityByDate)) }
        : { closed: [], capacityByDate: new Map() };
    },
  };
}

function starts(search: SlotSearch): string[] {
  assert.equal(search.kind, 'slots', JSON.stringify(search));
  return search.kind === 'slots' ? search.slots.map((s) => s.start.slice(0, 16)) : [];
}

function counts(booked: Record<string, number> = {}) {
  return async (_office: string, slotStarts: readonly string[]) => slotStarts.map((s) => booked[s.slice(0, 16)] ?? 0);
}

describe('slot search with operators’ rules (closures, capacity per day)', () => {
  it('leaves out every slot that overlaps a closure, and says the office had to close then', async () => {
    const source = rules([span('2026-12-03T09:15', '2026-12-03T12:00')]);
    const policy: SlotPolicy = { ...DEFAULT_SLOT_POLICY, officeDays: source };
    const search = await findFreeSlots({
      office: NEW_YORK,
      policy,
      now: NOW,
      wanted: [{ start: iso('2026-12-03T10:00'), precision: 'hour', past: false }],
      countBooked: counts(),
    });
    // 09:00–09:30 overlaps 09:15: closed too. Nearest open ones to 10:00: 08:30 (1.5 h), then 08:00 and 12:00 (2 h).
    assert.deepEqual(starts(search), ['2026-12-03T08:00', '2026-12-03T08:30', '2026-12-03T12:00']);
    assert.equal(search.kind === 'slots' && search.notice, 'closed_that_time');
    assert.equal(source.asked.length, 1);
    assert.equal(source.asked[0].office, 'NYC');
  });

  it('offers nothing of a day closed from start to end, and the neighbouring days instead', async () => {
    const policy: SlotPolicy = { ...DEFAULT_SLOT_POLICY, officeDays: rules([span('2026-12-03T00:00', '2026-12-04T00:00')]) };
    const day = DateTime.fromISO('2026-12-03', { zone: NY });
    const search = await findFreeSlots({
      office: NEW_YORK,
      policy,
      now: NOW,
      wanted: [{ start: day.toISO() ?? '', end: day.plus({ days: 1 }).toISO() ?? '', precision: 'day', past: false }],
      countBooked: counts(),
    });
    assert.ok(
      starts(search).every((start) => !start.startsWith('2026-12-03')),
      starts(search).join(),
    );
    assert.equal(search.kind === 'slots' && search.notice, 'closed_that_time');
  });

  it("uses a day's capacity set by an operator, above or below the default", async () => {
    const booked = { '2026-12-03T10:00': 2, '2026-12-04T10:00': 1 };
    const policy: SlotPolicy = { ...DEFAULT_SLOT_POLICY, capacity: 2, officeDays: rules([], { '2026-12-03': 3, '2026-12-04': 1 }) };
    const ask = (local: string) =>
      findFreeSlots({
        office: NEW_YORK,
        policy,
        now: NOW,
        wanted: [{ start: iso(local), precision: 'minute', past: false }],
        countBooked: counts(booked),
        limit: 1,
      });
    // Two booked of three: still free. One booked of one: full.
    assert.deepEqual(starts(await ask('2026-12-03T10:00')), ['2026-12-03T10:00']);
    const full = await ask('2026-12-04T10:00');
    assert.notDeepEqual(starts(full), ['2026-12-04T10:00']);
    assert.equal(full.kind === 'slots' && full.notice, 'full_that_time');
  });

  it('without rules, searches as before', async () => {
    const search = await findFreeSlots({ office: NEW_YORK, policy: DEFAULT_SLOT_POLICY, now: NOW, wanted: [], countBooked: counts() });
    assert.deepEqual(starts(search), ['2026-12-01T10:00', '2026-12-01T10:30', '2026-12-01T11:00']);
  });
});

describe('GuardedAppointmentStore: booking through operators’ rules', () => {
  const slot = (local: string) => iso(local);

  it('refuses a slot inside a closure as full, and books the others', async () => {
    const inner = new MemoryAppointmentStore({ clock: fixedClock(NOW.toISOString()) });
    const store = new GuardedAppointmentStore(inner, rules([span('2026-12-03T09:00', '2026-12-03T12:00')]), DEFAULT_SLOT_POLICY);
    assert.deepEqual(await store.book(appointmentRequest('a', slot('2026-12-03T11:30')), 2), { ok: false, reason: 'slot_full' });
    assert.ok((await store.book(appointmentRequest('b', slot('2026-12-03T12:00')), 2)).ok);
    assert.deepEqual(await inner.countBooked('NYC', [slot('2026-12-03T11:30'), slot('2026-12-03T12:00')]), [0, 1]);
  });

  it("books with the day's capacity when an operator set one, the caller's otherwise", async () => {
    const inner = new MemoryAppointmentStore({ clock: fixedClock(NOW.toISOString()) });
    const store = new GuardedAppointmentStore(inner, rules([], { '2026-12-03': 1 }), DEFAULT_SLOT_POLICY);
    assert.ok((await store.book(appointmentRequest('a', slot('2026-12-03T10:00')), 2)).ok);
    assert.deepEqual(await store.book(appointmentRequest('b', slot('2026-12-03T10:00')), 2), { ok: false, reason: 'slot_full' });
    assert.ok((await store.book(appointmentRequest('c', slot('2026-12-04T10:00')), 2)).ok);
    assert.ok((await store.book(appointmentRequest('d', slot('2026-12-04T10:00')), 2)).ok);
  });

  it('cancels its own booking when a closure was stored while it booked', async () => {
    const inner = new MemoryAppointmentStore({ clock: fixedClock(NOW.toISOString()) });
    let calls = 0;
    // The closure appears between the check before booking and the one after.
    const source = {
      rulesFor: async (): Promise<OfficeDayRules> => ({
        closed: calls++ === 0 ? [] : [span('2026-12-03T09:00', '2026-12-03T12:00')],
        capacityByDate: new Map(),
      }),
    };
    const store = new GuardedAppointmentStore(inner, source, DEFAULT_SLOT_POLICY);
    assert.deepEqual(await store.book(appointmentRequest('a', slot('2026-12-03T10:00')), 2), { ok: false, reason: 'slot_full' });
    assert.deepEqual(await inner.countBooked('NYC', [slot('2026-12-03T10:00')]), [0]);
    const [left] = await inner.listBetween('NYC', at('2026-12-03T00:00'), at('2026-12-04T00:00'));
    assert.equal(left.status, 'cancelled');
  });

  it('refuses to move an appointment into a closed slot, and moves it with the day’s capacity elsewhere', async () => {
    const inner = new MemoryAppointmentStore({ clock: fixedClock(NOW.toISOString()) });
    const store = new GuardedAppointmentStore(
      inner,
      rules([span('2026-12-03T09:00', '2026-12-03T12:00')], { '2026-12-04': 1 }),
      DEFAULT_SLOT_POLICY,
    );
    const booked = await store.book(appointmentRequest('a', slot('2026-12-02T10:00')), 2);
    const other = await store.book(appointmentRequest('b', slot('2026-12-04T10:00')), 2);
    assert.ok(booked.ok && other.ok);
    const receipt = booked.appointment.receiptNumber;
    assert.deepEqual(await store.move(receipt, slot('2026-12-03T10:00'), 2, 3), { ok: false, reason: 'slot_full' });
    // 4 December takes one person per slot, and 10:00 has one.
    assert.deepEqual(await store.move(receipt, slot('2026-12-04T10:00'), 2, 3), { ok: false, reason: 'slot_full' });
    const moved = await store.move(receipt, slot('2026-12-04T10:30'), 2, 3);
    assert.ok(moved.ok);
    assert.equal((await inner.get(receipt))?.slotStart, slot('2026-12-04T10:30'));
    assert.deepEqual(await store.move('IP0000000000000', slot('2026-12-04T11:00'), 2, 3), { ok: false, reason: 'not_found' });
  });

  it('moves an appointment back when a closure of its new slot was stored while it moved', async () => {
    const inner = new MemoryAppointmentStore({ clock: fixedClock(NOW.toISOString()) });
    let calls = 0;
    const source = {
      rulesFor: async (): Promise<OfficeDayRules> => ({
        // Calls 0 and 1: the booking's checks; 2: the move's check before, 3: after it.
        closed: calls++ < 3 ? [] : [span('2026-12-03T09:00', '2026-12-03T12:00')],
        capacityByDate: new Map(),
      }),
    };
    const store = new GuardedAppointmentStore(inner, source, DEFAULT_SLOT_POLICY);
    const booked = await store.book(appointmentRequest('a', slot('2026-12-02T10:00')), 2);
    assert.ok(booked.ok);
    assert.deepEqual(await store.move(booked.appointment.receiptNumber, slot('2026-12-03T10:00'), 2, 3), {
      ok: false,
      reason: 'slot_full',
    });
    const after = await inner.get(booked.appointment.receiptNumber);
    assert.equal(after?.slotStart, slot('2026-12-02T10:00'));
    assert.equal(after?.status, 'booked');
    assert.equal(after?.rescheduleCount, 2);
    assert.equal(calls, 4);
    assert.deepEqual(await inner.countBooked('NYC', [slot('2026-12-02T10:00'), slot('2026-12-03T10:00')]), [1, 0]);
  });
});
