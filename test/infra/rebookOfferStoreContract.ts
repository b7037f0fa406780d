import assert from 'node:assert/strict';
import type { RebookOffer, RebookOfferStore } from '../../src/domain/operations/rebookOffer';

/**
 * A store under test, and how to let `ms` pass for its expiry (the memory store's clock, or real
 * time for Redis). Its claimed offers are kept CLAIM_KEPT_MS.
 */
export interface RebookOfferWorld {
  offers: RebookOfferStore;
  pass(ms: number): Promise<void>;
}

export const CLAIM_KEPT_MS = 300;

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
      assert.equal(await offers.claim('sms/b', rebookOffer('c:1').slots[0]), undefined);
    });

    it('is claimed for one of its times: of 20 callers at once, only those claiming the first time claimed get it', async () => {
      const { offers } = make();
      const offer = rebookOffer('c:1');
      const [a, b] = offer.slots;
      await offers.put('sms/a', offer, 60_000, 'keep');
      const claims = await Promise.all(
        Array.from({ length: 20 }, async (_, i) => {
          const slot = i % 2 === 0 ? a : b;
          return { slot, got: await offers.claim('sms/a', slot) };
        }),
      );
      const winners = claims.filter((c) => c.got !== undefined);
      assert.equal(new Set(winners.map((w) => w.slot)).size, 1, 'one time claimed');
      assert.equal(winners.length, 10);
      const won = winners[0].slot;
      // The same claim again (a redelivered answer) gets it; another time does not.
      assert.deepEqual(await offers.claim('sms/a', won), offer);
      assert.equal(await offers.claim('sms/a', won === a ? b : a), undefined);
      assert.deepEqual(await offers.peek('sms/a'), offer);
    });

    it('a claimed offer stays only a short while for a repeat of its claim; "replace" puts a new one, unclaimed', async () => {
      const world = make();
      const { offers } = world;
      const offer = rebookOffer('c:1');
      await offers.put('sms/a', offer, 60_000, 'keep');
      assert.ok(await offers.claim('sms/a', offer.slots[0]));
      await offers.put('sms/a', rebookOffer('c:1', ['2026-12-05T09:00:00.000-05:00']), 60_000, 'replace');
      assert.ok(await offers.claim('sms/a', '2026-12-05T09:00:00.000-05:00'), 'the new offer is claimed afresh');
      await world.pass(CLAIM_KEPT_MS + 100);
      assert.equal(await offers.peek('sms/a'), undefined);
      assert.equal(await offers.claim('sms/a', '2026-12-05T09:00:00.000-05:00'), undefined);
    });

    it('"keep" leaves an offer already there; "replace" replaces it', async () => {
      const { offers } = make();
      await offers.put('sms/a', rebookOffer('c:1'), 60_000, 'keep');
      assert.equal(await offers.put('sms/a', rebookOffer('c:1', ['2026-12-05T09:00:00.000-05:00']), 60_000, 'keep'), false);
      assert.deepEqual((await offers.peek('sms/a'))?.slots, rebookOffer('c:1').slots);
      assert.equal(await offers.put('sms/a', rebookOffer('c:1', ['2026-12-05T09:00:00.000-05:00']), 60_000, 'replace'), true);
      assert.deepEqual((await offers.peek('sms/a'))?.slots, ['2026-12-05T09:00:00.000-05:00']);
    });

    it('expires: gone for peek, claim and keep after its time', async () => {
      const world = make();
      const { offers } = world;
      await offers.put('sms/a', rebookOffer('c:1'), 300, 'keep');
      await offers.put('sms/b', rebookOffer('c:2'), 60_000, 'keep');
      await world.pass(400);
      assert.equal(await offers.peek('sms/a'), undefined);
      assert.equal(await offers.claim('sms/a', rebookOffer('c:1').slots[0]), undefined);
      assert.deepEqual(await offers.peek('sms/b'), rebookOffer('c:2'));
      assert.equal(await offers.put('sms/a', rebookOffer('c:3'), 60_000, 'keep'), true);
      assert.equal((await offers.claim('sms/a', rebookOffer('c:3').slots[1]))?.id, 'c:3');
    });

    it('keeps nothing with no time left', async () => {
      const { offers } = make();
      assert.equal(await offers.put('sms/a', rebookOffer('c:1'), 0, 'replace'), false);
      assert.equal(await offers.peek('sms/a'), undefined);
    });
  });
}
