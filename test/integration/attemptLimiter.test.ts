import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { RedisClientType } from 'redis';
import type { Clock } from '../../src/domain/clock';
import { connectRedis } from '../../src/infra/redis/connect';
import {
  type AttemptLimiter,
  type AttemptPolicy,
  DEFAULT_ATTEMPT_POLICY,
  verificationSubjects,
} from '../../src/domain/security/attemptLimiter';
import { MemoryAttemptLimiter } from '../../src/infra/memory/memoryAttemptLimiter';
import { RedisAttemptLimiter } from '../../src/infra/redis/redisAttemptLimiter';
import { type MemoryAppointmentStore } from '../../src/infra/memory/memoryAppointmentStore';
import { makeDobVerifier } from '../../src/domain/appointments/personIdentity';
import { formatReceiptNumber, generateReceiptNumber } from '../../src/domain/appointments/receiptNumber';
import { DialogConversation, TEST_NOW, TEST_PERSON_SECRET, testServices, testStore, TEST_CLOCK } from '../support/dialogHarness';
import { describeReplies, saysKey } from '../support/replies';
import { sharedTestRedisUrl } from '../support/redisServer';

class ManualClock implements Clock {
  private ms: number;
  constructor(iso: string) {
    this.ms = new Date(iso).getTime();
  }
  now(): Date {
    return new Date(this.ms);
  }
  advanceSeconds(seconds: number): void {
    this.ms += seconds * 1000;
  }
}

const POLICY: AttemptPolicy = { maxFailures: 5, windowSeconds: 600, lockoutSeconds: 3600 };

async function fail(limiter: AttemptLimiter, subjects: string[], times: number): Promise<void> {
  for (let i = 0; i < times; i++) await limiter.recordFailure(subjects);
}

function limiterContract(name: string, make: () => AttemptLimiter): void {
  describe(`${name} (AttemptLimiter contract)`, () => {
    let limiter: AttemptLimiter;
    beforeEach(() => {
      limiter = make();
    });
    afterEach(async () => {
      await limiter.close();
    });

    it('lets a subject with no failures try', async () => {
      assert.equal(await limiter.isBlocked(['receipt:IP000']), false);
      assert.equal(await limiter.isBlocked([]), false);
    });

    it('allows four failures and blocks after the fifth', async () => {
      await fail(limiter, ['receipt:A'], 4);
      assert.equal(await limiter.isBlocked(['receipt:A']), false);
      await fail(limiter, ['receipt:A'], 1);
      assert.equal(await limiter.isBlocked(['receipt:A']), true);
    });

    it('blocks when any one of the subjects is blocked, and only those that failed', async () => {
      await fail(limiter, ['receipt:A', 'conversation:1'], 5);
      assert.equal(await limiter.isBlocked(['receipt:B', 'conversation:1']), true);
      assert.equal(await limiter.isBlocked(['receipt:A', 'conversation:2']), true);
      assert.equal(await limiter.isBlocked(['receipt:B', 'conversation:2']), false);
    });

    it('counts a subject named twice in one failure once', async () => {
      await fail(limiter, ['receipt:A', 'receipt:A'], 3);
      assert.equal(await limiter.isBlocked(['receipt:A']), false);
    });
  });
}

describe('attempt limits', () => {
  limiterContract('MemoryAttemptLimiter', () => new MemoryAttemptLimiter({ policy: POLICY, clock: new ManualClock(TEST_NOW) }));

  describe('MemoryAttemptLimiter over time', () => {
    it('forgets failures after the window, and lifts a lock after the lockout', async () => {
      const clock = new ManualClock(TEST_NOW);
      const limiter = new MemoryAttemptLimiter({ policy: POLICY, clock });
      await fail(limiter, ['receipt:A'], 4);
      clock.advanceSeconds(POLICY.windowSeconds);
      await fail(limiter, ['receipt:A'], 4);
      assert.equal(await limiter.isBlocked(['receipt:A']), false, 'the first four fell out of the window');
      await fail(limiter, ['receipt:A'], 1);
      assert.equal(await limiter.isBlocked(['receipt:A']), true);
      clock.advanceSeconds(POLICY.lockoutSeconds - 1);
      assert.equal(await limiter.isBlocked(['receipt:A']), true, 'still locked one second before the end');
      clock.advanceSeconds(1);
      assert.equal(await limiter.isBlocked(['receipt:A']), false);
    });

    it('refuses a policy that is not whole numbers ≥ 1', () => {
      assert.throws(() => new MemoryAttemptLimiter({ policy: { ...POLICY, maxFailures: 0 }, clock: TEST_CLOCK }), RangeError);
      assert.throws(() => new MemoryAttemptLimiter({ policy: { ...POLICY, windowSeconds: 1.5 }, clock: TEST_CLOCK }), RangeError);
    });

    it('defaults to 5 failures within an hour, locked for an hour', () => {
      assert.deepEqual(DEFAULT_ATTEMPT_POLICY, { maxFailures: 5, windowSeconds: 3600, lockoutSeconds: 3600 });
    });
  });

  describe('RedisAttemptLimiter on the shared test redis-server', () => {
    let client: RedisClientType;
    before(async () => {
      client = await connectRedis(await sharedTestRedisUrl());
    });
    after(async () => {
      await client.close();
    });

    limiterContract('RedisAttemptLimiter', () => new RedisAttemptLimiter(client, { keyPrefix: `test-${randomUUID()}`, policy: POLICY }));

    it('keeps one counter per subject under the hash tag, expiring after the window, then after the lockout', async () => {
      const keyPrefix = `test-${randomUUID()}`;
      const limiter = new RedisAttemptLimiter(client, { keyPrefix, policy: POLICY });
      await fail(limiter, ['receipt:A', 'conversation:1'], 1);
      assert.deepEqual((await client.keys(`{${keyPrefix}}:*`)).sort(), [
        `{${keyPrefix}}:attempts:conversation:1`,
        `{${keyPrefix}}:attempts:receipt:A`,
      ]);
      const key = `{${keyPrefix}}:attempts:receipt:A`;
      const windowTtl = await client.ttl(key);
      assert.ok(windowTtl > 0 && windowTtl <= POLICY.windowSeconds, `TTL ${windowTtl}`);
      await fail(limiter, ['receipt:A'], 4);
      assert.equal(await client.get(key), '5');
      const lockTtl = await client.ttl(key);
      assert.ok(lockTtl > POLICY.windowSeconds && lockTtl <= POLICY.lockoutSeconds, `TTL ${lockTtl}`);
      await client.del(key);
      assert.equal(await limiter.isBlocked(['receipt:A']), false, 'an expired counter blocks nothing');
    });

    it('two limiters (two bot processes) share the count', async () => {
      const keyPrefix = `test-${randomUUID()}`;
      const first = new RedisAttemptLimiter(client, { keyPrefix, policy: POLICY });
      const second = new RedisAttemptLimiter(client, { keyPrefix, policy: POLICY });
      await fail(first, ['receipt:A'], 3);
      await fail(second, ['receipt:A'], 2);
      assert.equal(await first.isBlocked(['receipt:A']), true);
    });
  });

  describe('verificationSubjects', () => {
    it('names the receipt number and a digest of the conversation, never the raw conversation id', () => {
      const conversationId = 'a:very/long{conversation}id '.repeat(20);
      const [receipt, conversation] = verificationSubjects('IP200000000000Y', 'webchat', conversationId);
      assert.equal(receipt, 'receipt:IP200000000000Y');
      assert.match(conversation, /^conversation:[A-Za-z0-9_-]{22}$/);
      assert.notEqual(verificationSubjects('IP200000000000Y', 'sms', conversationId)[1], conversation, 'channels are kept apart');
    });
  });
});

describe('cancelling: failed verifications are limited', () => {
  const DOB = '1975-07-15';
  const WRONG_DOB = '1980-01-02';

  async function bookedReceipt(store: MemoryAppointmentStore): Promise<string> {
    const booked = await store.book(
      {
        officeCode: 'NYC',
        slotStart: '2026-12-03T10:00:00.000-05:00',
        reason: 'pending_case',
        name: 'Ana Diaz',
        dobVerifier: makeDobVerifier(DOB, TEST_PERSON_SECRET),
        phone: '+12127365000',
        language: 'en',
        personKey: `person-${randomUUID()}`,
      },
      2,
    );
    assert.ok(booked.ok);
    return booked.appointment.receiptNumber;
  }

  async function tryCancel(c: DialogConversation, receiptNumber: string, dob: string): Promise<string[]> {
    const keys: string[] = [];
    const asked = await c.send(formatReceiptNumber(receiptNumber));
    for (const key of ['cancel.dobPrompt', 'cancel.tooManyAttempts']) if (saysKey(asked, 'en', key)) keys.push(key);
    if (!keys.includes('cancel.dobPrompt')) return keys;
    const answered = await c.send(dob);
    for (const key of ['cancel.notFound', 'cancel.confirm', 'cancel.tooManyAttempts']) if (saysKey(answered, 'en', key)) keys.push(key);
    return keys;
  }

  it('after 5 wrong dates of birth for a receipt number, refuses further attempts, even with the right date', async () => {
    const store = testStore();
    const c = new DialogConversation(testServices({ store }));
    const receipt = await bookedReceipt(store);
    for (let i = 0; i < 5; i++)
      assert.deepEqual(await tryCancel(c, receipt, WRONG_DOB), ['cancel.dobPrompt', 'cancel.notFound'], c.transcript.join('\n'));
    const refused = await c.send(formatReceiptNumber(receipt));
    assert.ok(saysKey(refused, 'en', 'cancel.tooManyAttempts'), describeReplies(refused));
    assert.ok(!saysKey(refused, 'en', 'cancel.dobPrompt'), 'no date of birth is asked for');
    assert.equal((await store.get(receipt))?.status, 'booked');
  });

  it('answers an unknown receipt number exactly as a known one, up to and after the limit', async () => {
    const store = testStore();
    const known = new DialogConversation(testServices({ store }));
    const unknown = new DialogConversation(testServices({ store }));
    const receipt = await bookedReceipt(store);
    const missing = generateReceiptNumber();
    for (let i = 0; i < 6; i++) {
      assert.deepEqual(await tryCancel(unknown, missing, WRONG_DOB), await tryCancel(known, receipt, WRONG_DOB), `attempt ${i + 1}`);
    }
    assert.deepEqual(await tryCancel(unknown, missing, WRONG_DOB), ['cancel.tooManyAttempts']);
  });

  it('refuses a conversation that failed 5 times, whatever receipt number it tries next (no enumeration)', async () => {
    const store = testStore();
    const c = new DialogConversation(testServices({ store }));
    for (let i = 0; i < 5; i++) await tryCancel(c, generateReceiptNumber(), WRONG_DOB);
    const receipt = await bookedReceipt(store);
    assert.deepEqual(await tryCancel(c, receipt, DOB), ['cancel.tooManyAttempts'], c.transcript.join('\n'));
  });

  it('refuses a receipt number that failed 5 times from other conversations, and checks before looking it up', async () => {
    const services = testServices({ store: testStore() });
    const receipt = await bookedReceipt(services.store as MemoryAppointmentStore);
    for (let i = 0; i < 5; i++) await services.attempts.recordFailure(verificationSubjects(receipt, 'sms', `+1202555010${i}`));
    let lookups = 0;
    const get = services.store.get.bind(services.store);
    services.store.get = async (n: string) => {
      lookups += 1;
      return get(n);
    };
    const c = new DialogConversation(services);
    assert.deepEqual(await tryCancel(c, receipt, DOB), ['cancel.tooManyAttempts']);
    assert.equal(lookups, 0, 'the store was not asked');
  });

  it('lets the owner cancel after fewer than 5 failures', async () => {
    const store = testStore();
    const c = new DialogConversation(testServices({ store }));
    const receipt = await bookedReceipt(store);
    for (let i = 0; i < 4; i++) await tryCancel(c, receipt, WRONG_DOB);
    assert.deepEqual(await tryCancel(c, receipt, DOB), ['cancel.dobPrompt', 'cancel.confirm'], c.transcript.join('\n'));
  });
});
