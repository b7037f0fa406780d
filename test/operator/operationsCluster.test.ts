import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { RedisClusterType } from 'redis';
import { fixedClock } from '../../src/domain/clock';
import { connectRedisCluster } from '../../src/infra/redis/connect';
import { RedisAppointmentStore } from '../../src/infra/redis/redisAppointmentStore';
import { RedisOperationsStore } from '../../src/infra/redis/redisOperationsStore';
import { closureFor } from '../../src/domain/operations/closureRequest';
import { startRedisCluster, type RunningRedisCluster } from '../support/redisCluster';
import { appointmentRequest } from '../support/appointmentFixtures';
import { at, NY, testOffice } from '../support/timeFixtures';

const NOW = '2026-12-01T14:00:00.000Z';
const ACTOR = { sub: 'op-1', name: 'Dana' };

/** The operator scripts build some keys from the members they read: all under one hash tag, so in one slot. */
describe('operator stores on a three-master Redis Cluster', function () {
  this.timeout(60_000);
  let cluster: RunningRedisCluster;
  let client: RedisClusterType;

  before(async () => {
    cluster = await startRedisCluster();
    client = await connectRedisCluster(cluster.nodes);
  });

  after(async () => {
    await client?.close();
    await cluster?.stop();
  });

  it('stores and reads closures, capacities, the audit log, a day’s appointments, check-ins and freed seats', async () => {
    const keyPrefix = `cluster-op-${randomUUID()}`;
    const operations = new RedisOperationsStore(client, { keyPrefix });
    const appointments = new RedisAppointmentStore(client, { keyPrefix, clock: fixedClock(NOW) });
    const audit = { at: NOW, actor: ACTOR, action: 'closure.created' as const, params: {} };

    const check = closureFor(
      { date: '2026-12-03', from: '09:00', to: '12:00', reason: 'weather' },
      testOffice('NYC', NY),
      new Date(NOW),
      ACTOR,
    );
    assert.ok(check.ok);
    assert.ok((await operations.addClosure(check.closure, audit)).created);
    await operations.setCapacity('NYC', '2026-12-03', 4, { ...audit, action: 'capacity.set' });
    const rules = await operations.rulesFor('NYC', at('2026-12-03T00:00'), at('2026-12-04T00:00'));
    assert.equal(rules.closed.length, 1);
    assert.equal(rules.capacityByDate.get('2026-12-03'), 4);
    assert.deepEqual(
      (await operations.listClosures('NYC', at('2026-12-03T00:00'), at('2026-12-04T00:00'))).map((c) => c.id),
      [check.closure.id],
    );
    assert.equal((await operations.listAudit({ limit: 10 })).entries.length, 2);

    const booked = await appointments.book(appointmentRequest('ana', '2026-12-01T10:00:00.000-05:00'), 2);
    assert.ok(booked.ok);
    assert.equal((await appointments.listBetween('NYC', at('2026-12-01T00:00'), at('2026-12-02T00:00'))).length, 1);
    const checkIn = { ...audit, action: 'appointment.checkedIn' as const, params: { receiptNumber: booked.appointment.receiptNumber } };
    assert.ok((await appointments.checkIn(booked.appointment.receiptNumber, checkIn)).ok);
    assert.ok(await operations.removeClosure(check.closure.id, { ...audit, action: 'closure.removed' }));
    assert.deepEqual(
      (await operations.listAudit({ limit: 10 })).entries.map((e) => e.action),
      ['closure.removed', 'appointment.checkedIn', 'capacity.set', 'closure.created'],
      "the check-in's entry, written by the appointment store's script, is in the same log",
    );

    // The freed-seat outbox's scripts on a cluster: appended by the cancel, read, claimed, acknowledged.
    assert.ok((await appointments.cancel(booked.appointment.receiptNumber)).ok);
    const [event] = await appointments.freedSeats.readNew('relay', 10);
    assert.deepEqual(
      { ...event, id: undefined },
      { id: undefined, officeCode: 'NYC', slotStart: booked.appointment.slotStart, cause: 'cancel' },
    );
    assert.deepEqual(await appointments.freedSeats.claimStale('other', 0, 10), [event]);
    await appointments.freedSeats.ack([event.id]);
    assert.deepEqual(await appointments.freedSeats.claimStale('other', 0, 10), []);
  });
});
