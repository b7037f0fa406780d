import assert from 'node:assert/strict';
import { reminderDueAt, reminderSkipReason } from '../../src/domain/outreach/reminderTiming';
import { at } from '../support/timeFixtures';

describe('reminder timing', () => {
  const slot = at('2026-12-10T09:30').toISOString();

  it('is due the given hours before the appointment (24 by default)', () => {
    const now = at('2026-12-01T12:00');
    assert.equal(reminderDueAt(slot, now)?.toISOString(), at('2026-12-09T09:30').toISOString());
    assert.equal(reminderDueAt(slot, now, 48)?.toISOString(), at('2026-12-08T09:30').toISOString());
    assert.equal(reminderDueAt(slot, now, 1)?.toISOString(), at('2026-12-10T08:30').toISOString());
  });

  it('is 24 hours of real time across a change of the clocks, whatever the wall clock says', () => {
    // 2026-11-01: New York goes back from EDT to EST at 02:00.
    const afterChange = at('2026-11-01T15:00').toISOString();
    const due = reminderDueAt(afterChange, at('2026-10-20T12:00'));
    assert.equal(Date.parse(afterChange) - (due?.getTime() ?? 0), 24 * 3_600_000);
    assert.equal(due?.toISOString(), at('2026-10-31T16:00').toISOString());
  });

  it('offers no reminder once its due time has passed (booked less than a day ahead)', () => {
    assert.equal(reminderDueAt(slot, at('2026-12-09T09:30')), undefined);
    assert.equal(reminderDueAt(slot, at('2026-12-09T20:00')), undefined);
    assert.ok(reminderDueAt(slot, at('2026-12-09T09:29')));
  });

  it('refuses what is not a time or a positive number of hours', () => {
    assert.throws(() => reminderDueAt('next week', at('2026-12-01T12:00')), /not a date/);
    assert.throws(() => reminderDueAt(slot, at('2026-12-01T12:00'), 0), RangeError);
  });

  describe('when it falls due', () => {
    const now = at('2026-12-09T09:30');
    const booked = { status: 'booked' as const, slotStart: slot };

    it('goes out for a booked appointment still at the slot it was scheduled for', () => {
      assert.equal(reminderSkipReason(booked, slot, now), undefined);
      // The same instant written with another offset is the same slot.
      assert.equal(reminderSkipReason(booked, '2026-12-10T14:30:00.000Z', now), undefined);
    });

    it('is skipped for an appointment gone, cancelled, moved or already started', () => {
      assert.equal(reminderSkipReason(undefined, slot, now), 'notFound');
      assert.equal(reminderSkipReason({ ...booked, status: 'cancelled' }, slot, now), 'cancelled');
      assert.equal(reminderSkipReason({ ...booked, slotStart: at('2026-12-11T09:30').toISOString() }, slot, now), 'moved');
      assert.equal(reminderSkipReason(booked, slot, at('2026-12-10T09:30')), 'past');
    });
  });
});
