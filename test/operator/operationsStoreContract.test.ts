import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { RedisClientType } from 'redis';
import { connectRedis } from '../../src/infra/redis/connect';
import { MemoryOperationsStore } from '../../src/infra/memory/memoryOperationsStore';
import { RedisOperationsStore } from '../../src/infra/redis/redisOperationsStore';
import type { Actor, AuditRecord, Closure, OperationsStore } from '../../src/domain/operations/types';
import { closureFor } from '../../src/domain/operations/closureRequest';
import { sharedTestRedisUrl } from '../support/redisServer';
import { at, NY, testOffice } from '../support/timeFixtures';

const NOW = at('2026-12-01T09:00');
const DANA: Actor = { sub: 'op-1', name: 'Dana' };
const LEE: Actor = { sub: 'op-2' };

function closure(officeCode: string, date: string, hours?: { from: string; to: string }, reason: Closure['reason'] = 'weather'): Closure {
  const result = closureFor({ date, reason, ...hours, note: 'roads closed' }, testOffice(officeCode, NY), NOW, DANA);
  assert.ok(result.ok);
  return result.closure;
}

function audit(action: AuditRecord['action'], params: AuditRecord['params'], actor = DANA): AuditRecord {
  return { at: NOW.toISOString(), actor, action, params };
}

function operationsStoreContract(name: string, factory: () => OperationsStore): void {
  describe(`${name} (OperationsStore contract)`, () => {
    let store: OperationsStore;

    beforeEach(() => {
      store = factory();
    });

    it('stores a closure with its audit entry, and a repeat of it stores and logs nothing', async () => {
      const snow = closure('NYC', '2026-12-15');
      const first = await store.addClosure(snow, audit('closure.created', { id: snow.id }));
      assert.deepEqual(first, { created: true, closure: snow });
      const repeat = await store.addClosure({ ...snow, reason: 'other', createdBy: LEE }, audit('closure.created', { id: snow.id }, LEE));
      assert.deepEqual(repeat, { created: false, closure: snow });
      assert.deepEqual(await store.getClosure(snow.id), snow);
      const log = await store.listAudit({ limit: 10 });
      assert.equal(log.entries.length, 1);
      assert.deepEqual(log.entries[0].actor, DANA);
    });

    it("lists an office's closures overlapping a span, by start, and serves them as rules", async () => {
      const morning = closure('NYC', '2026-12-15', { from: '09:00', to: '12:00' });
      const day = closure('NYC', '2026-12-14');
      const elsewhere = closure('LOS', '2026-12-15');
      const later = closure('NYC', '2026-12-20');
      for (const c of [morning, day, elsewhere, later]) await store.addClosure(c, audit('closure.created', { id: c.id }));

      const from = at('2026-12-14T12:00');
      const to = at('2026-12-15T10:00');
      assert.deepEqual(
        (await store.listClosures('NYC', from, to)).map((c) => c.id),
        [day.id, morning.id],
      );
      // A closure ending exactly where the span starts does not overlap it.
      assert.deepEqual(await store.listClosures('NYC', at('2026-12-15T12:00'), at('2026-12-15T13:00')), []);

      const rules = await store.rulesFor('NYC', from, to);
      assert.deepEqual(
        [...rules.closed].sort((a, b) => a.from - b.from),
        [
          { from: Date.parse(day.start), to: Date.parse(day.end) },
          { from: Date.parse(morning.start), to: Date.parse(morning.end) },
        ],
      );
    });

    it('removes a closure with its audit entry; removing it again finds nothing and logs nothing', async () => {
      const snow = closure('NYC', '2026-12-15');
      await store.addClosure(snow, audit('closure.created', { id: snow.id }));
      assert.deepEqual(await store.removeClosure(snow.id, audit('closure.removed', { id: snow.id }, LEE)), snow);
      assert.equal(await store.removeClosure(snow.id, audit('closure.removed', { id: snow.id }, LEE)), undefined);
      assert.equal(await store.getClosure(snow.id), undefined);
      assert.deepEqual(await store.listClosures('NYC', at('2026-12-15T00:00'), at('2026-12-16T00:00')), []);
      assert.deepEqual((await store.rulesFor('NYC', at('2026-12-15T00:00'), at('2026-12-16T00:00'))).closed, []);
      const log = await store.listAudit({ limit: 10 });
      assert.deepEqual(
        log.entries.map((e) => [e.action, e.actor.sub]),
        [
          ['closure.removed', 'op-2'],
          ['closure.created', 'op-1'],
        ],
      );
    });

    it('sets and clears a capacity per office and date, each with an audit entry', async () => {
      await store.setCapacity('NYC', '2026-12-15', 5, audit('capacity.set', { office: 'NYC', date: '2026-12-15', capacity: 5 }));
      await store.setCapacity('NYC', '2026-12-16', 0, audit('capacity.set', { office: 'NYC', date: '2026-12-16', capacity: 0 }));
      await store.setCapacity('LOS', '2026-12-15', 9, audit('capacity.set', { office: 'LOS', date: '2026-12-15', capacity: 9 }));
      assert.equal(await store.capacityOn('NYC', '2026-12-15'), 5);
      assert.equal(await store.capacityOn('NYC', '2026-12-16'), 0);
      assert.equal(await store.capacityOn('NYC', '2026-12-17'), undefined);
      const rules = await store.rulesFor('NYC', at('2026-12-15T08:00'), at('2026-12-17T08:00'));
      assert.equal(rules.capacityByDate.get('2026-12-15'), 5);
      assert.equal(rules.capacityByDate.get('2026-12-16'), 0);
      assert.equal(rules.capacityByDate.has('2026-12-17'), false);

      await store.setCapacity('NYC', '2026-12-15', undefined, audit('capacity.cleared', { office: 'NYC', date: '2026-12-15' }));
      assert.equal(await store.capacityOn('NYC', '2026-12-15'), undefined);
      assert.equal(await store.capacityOn('LOS', '2026-12-15'), 9);
      assert.equal((await store.listAudit({ limit: 10 })).entries[0].action, 'capacity.cleared');
    });

    it('appends audit entries and pages through them newest first', async () => {
      for (let i = 1; i <= 5; i++)
        await store.appendAudit(audit('appointment.checkedIn', { receiptNumber: `R${i}`, n: i, flag: i % 2 === 0, none: null }));
      const first = await store.listAudit({ limit: 2 });
      assert.deepEqual(
        first.entries.map((e) => e.params.receiptNumber),
        ['R5', 'R4'],
      );
      assert.deepEqual(first.entries[0].params, { receiptNumber: 'R5', n: 5, flag: false, none: null });
      assert.equal(first.entries[0].at, NOW.toISOString());
      assert.ok(first.next);
      const second = await store.listAudit({ limit: 2, before: first.next });
      assert.deepEqual(
        second.entries.map((e) => e.params.receiptNumber),
        ['R3', 'R2'],
      );
      const last = await store.listAudit({ limit: 2, before: second.next });
      assert.deepEqual(
        last.entries.map((e) => e.params.receiptNumber),
        ['R1'],
      );
      assert.equal(last.next, undefined);
      const ids = [...first.entries, ...second.entries, ...last.entries].map((e) => e.id);
      assert.equal(new Set(ids).size, 5);
    });

    it('returns an appended entry as it will be listed', async () => {
      const entry = await store.appendAudit(audit('appointment.checkedIn', { receiptNumber: 'R1' }, LEE));
      assert.deepEqual((await store.listAudit({ limit: 1 })).entries, [entry]);
      assert.deepEqual(entry.actor, LEE);
    });
  });
}

operationsStoreContract('MemoryOperationsStore', () => new MemoryOperationsStore());

describe('RedisOperationsStore on the shared test redis-server', () => {
  let client: RedisClientType;

  before(async () => {
    client = await connectRedis(await sharedTestRedisUrl());
  });

  after(async () => {
    await client.close();
  });

  operationsStoreContract('RedisOperationsStore', () => new RedisOperationsStore(client, { keyPrefix: `test-${randomUUID()}` }));

  it('keeps every key under the prefix hash tag, the audit log in a stream', async () => {
    const keyPrefix = `test-${randomUUID()}`;
    const store = new RedisOperationsStore(client, { keyPrefix });
    const snow = closure('NYC', '2026-12-15');
    await store.addClosure(snow, audit('closure.created', { id: snow.id }));
    await store.setCapacity('NYC', '2026-12-16', 4, audit('capacity.set', { capacity: 4 }));
    assert.deepEqual((await client.keys(`{${keyPrefix}}:*`)).sort(), [
      `{${keyPrefix}}:audit`,
      `{${keyPrefix}}:capacity:NYC`,
      `{${keyPrefix}}:closure:NYC-2026-12-15`,
      `{${keyPrefix}}:closures:NYC`,
    ]);
    assert.equal(await client.type(`{${keyPrefix}}:audit`), 'stream');
    assert.equal(await client.xLen(`{${keyPrefix}}:audit`), 2);
  });
});
