import assert from 'node:assert/strict';
import type { RebookOffer, RebookOfferStore } from '../../src/domain/operations/rebookOffer';

/** A store under test, and how to let `ms` pass for its expiry (the memory store's clock, or real time for Redis). */
export interface RebookOfferWorld {
  offers: RebookOfferStore;
  pass(ms: number): Promise<void>;
}

export function rebookOffer(id: string, slots: string[] = ['2026-12-04T10:00:00.000-05:00', '2026-12-04T10:30:00.000-05:00']): RebookOffer {
  return {
    id,
    person: {
      officeCode: 'NYC',
      reason: 'pending_case',
      name: 'Ana Pérez',
      dobVerifier: 'v',
      phone: '+12125550123',
      language: 'es',
      personKey: `person-${id}`,
    },
    slots,
    channel: 'sms',
  };
}

/** What every RebookOfferStore does: keeps an offer per conversation until it expires, and hands it out once. */
export function rebookOfferStoreContract(name: string, make: () => RebookOfferWorld): void {
  describe(`${name}: the times offered to a closure's people`, () => {
    it('keeps an offer for its conversation only, and peeking leaves it there', async () => {
      const { offers } = make();
      assert.equal(await offers.put('sms/a', rebookOffer('c:1'), 60_000, 'keep'), true);
      assert.deepEqual(await offers.peek('sms/a'), rebookOffer('c:1'));
      assert.deepEqual(await offers.peek('sms/a'), rebookOffer('c:1'));
      assert.equal(await offers.peek('sms/b'), undefined);
      assert.equal(await offers.take('sms/b'), undefined);
    });

    it('hands an offer out once, to one of many callers at once', async () => {
      const { offers } = make();
      await offers.put('sms/a', rebookOffer('c:1'), 60_000, 'keep');
      const taken = await Promise.all(Array.from({ length: 20 }, () => offers.take('sms/a')));
      assert.equal(taken.filter((offer) => offer !== undefined).length, 1);
      assert.deepEqual(
        taken.find((offer) => offer !== undefined),
        rebookOffer('c:1'),
      );
      assert.equal(await offers.peek('sms/a'), undefined);
      assert.equal(await offers.take('sms/a'), undefined);
    });

    it('"keep" leaves an offer already there; "replace" replaces it', async () => {
      const { offers } = make();
      await offers.put('sms/a', rebookOffer('c:1'), 60_000, 'keep');
      assert.equal(await offers.put('sms/a', rebookOffer('c:1', ['2026-12-05T09:00:00.000-05:00']), 60_000, 'keep'), false);
      assert.deepEqual((await offers.peek('sms/a'))?.slots, rebookOffer('c:1').slots);
      assert.equal(await offers.put('sms/a', rebookOffer('c:1', ['2026-12-05T09:00:00.000-05:00']), 60_000, 'replace'), true);
      assert.deepEqual((await offers.peek('sms/a'))?.slots, ['2026-12-05T09:00:00.000-05:00']);
    });

    it('expires: gone for peek, take and keep after its time', async () => {
      const world = make();
      const { offers } = world;
      await offers.put('sms/a', rebookOffer('c:1'), 300, 'keep');
      await offers.put('sms/b', rebookOffer('c:2'), 60_000, 'keep');
      await world.pass(400);
      assert.equal(await offers.peek('sms/a'), undefined);
      assert.equal(await offers.take('sms/a'), undefined);
      assert.deepEqual(await offers.peek('sms/b'), rebookOffer('c:2'));
      assert.equal(await offers.put('sms/a', rebookOffer('c:3'), 60_000, 'keep'), true);
      assert.equal((await offers.take('sms/a'))?.id, 'c:3');
    });

    it('keeps nothing with no time left', async () => {
      const { offers } = make();
      assert.equal(await offers.put('sms/a', rebookOffer('c:1'), 0, 'replace'), false);
      assert.equal(await offers.peek('sms/a'), undefined);
    });
  });
}
