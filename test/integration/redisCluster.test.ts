import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { RedisClusterType } from 'redis';
import { startBot, type RunningBot } from '../../src/composition/startBot';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { fixedClock } from '../../src/domain/clock';
import { connectRedisCluster, parseClusterNodes } from '../../src/infra/redis/connect';
import { RedisAppointmentStore } from '../../src/infra/redis/redisAppointmentStore';
import { parseReceiptNumber } from '../../src/domain/appointments/receiptNumber';
import type { NewAppointment } from '../../src/domain/appointments/types';
import { startRedisCluster, type RunningRedisCluster } from '../support/redisCluster';
import { HttpConversation } from '../support/httpConversation';
import { bookThenCancel, ENGLISH_BOOKING } from '../support/httpBooking';
import { TEST_NOW } from '../support/dialogHarness';
import { appointmentRequest } from '../support/appointmentFixtures';

const SLOT = '2026-12-02T10:00:00.000-05:00';

function request(person: string): NewAppointment {
  return appointmentRequest(person, SLOT);
}

describe('REDIS_CLUSTER_NODES', () => {
  it('reads host:port lists, and refuses anything else', () => {
    assert.deepEqual(parseClusterNodes(' 10.0.0.1:7000, redis-b:7001 ,'), [
      { url: 'redis://10.0.0.1:7000' },
      { url: 'redis://redis-b:7001' },
    ]);
    assert.throws(() => parseClusterNodes(''), /no node/);
    assert.throws(() => parseClusterNodes('10.0.0.1'), /not host:port/);
    assert.throws(() => parseClusterNodes('10.0.0.1:99999'), /not host:port/);
  });
});

describe('on a three-master Redis Cluster', function () {
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

  it('spreads keys over three masters', () => {
    assert.equal(client.masters.length, 3);
  });

  describe('RedisAppointmentStore', () => {
    let store: RedisAppointmentStore;

    beforeEach(() => {
      store = new RedisAppointmentStore(client, { keyPrefix: `cluster-${randomUUID()}`, clock: fixedClock('2026-12-01T15:00:00.000Z') });
    });

    it('books, then gets the appointment by its receipt number', async () => {
      const result = await store.book(request('ana'), 2);
      assert.ok(result.ok);
      assert.deepEqual(await store.get(result.appointment.receiptNumber), result.appointment);
      assert.deepEqual(await store.countBooked('NYC', [SLOT]), [1]);
      assert.ok((await store.cancel(result.appointment.receiptNumber)).ok);
      assert.deepEqual(await store.countBooked('NYC', [SLOT]), [0]);
    });

    it('50 people booking one slot of capacity 2 at once: exactly 2 get it', async () => {
      const results = await Promise.all(Array.from({ length: 50 }, (_, i) => store.book(request(`p${i}`), 2)));
      assert.equal(results.filter((r) => r.ok).length, 2);
      assert.equal(results.filter((r) => !r.ok && r.reason === 'slot_full').length, 48);
      assert.deepEqual(await store.countBooked('NYC', [SLOT]), [2]);
    });
  });

  describe('the bot', () => {
    let bot: RunningBot;

    before(async () => {
      const config = loadConfig({
        PORT: '0',
        LOG_LEVEL: 'silent',
        REDIS_CLUSTER_NODES: cluster.nodes,
        REDIS_KEY_PREFIX: `cluster-bot-${process.pid}`,
        PERSON_KEY_SECRET: 'cluster-test',
      });
      bot = await startBot(config, { clock: fixedClock(TEST_NOW), logger: createLogger('silent') });
    });

    after(async () => {
      await bot?.close();
    });

    it('answers /healthz when the cluster answers', async () => {
      const response = await fetch(`${bot.url}/healthz`);
      assert.equal(response.status, 200);
    });

    it('books an appointment and cancels it by receipt number over HTTP', async () => {
      const receipt = await bookThenCancel(new HttpConversation(bot.url), new HttpConversation(bot.url), ENGLISH_BOOKING);
      const parsed = parseReceiptNumber(receipt);
      assert.equal(parsed.kind, 'valid');
      const stored =
        parsed.kind === 'valid'
          ? await new RedisAppointmentStore(client, { keyPrefix: `cluster-bot-${process.pid}`, clock: fixedClock(TEST_NOW) }).get(
              parsed.receiptNumber,
            )
          : undefined;
      assert.equal(stored?.status, 'cancelled');
    });
  });
});
