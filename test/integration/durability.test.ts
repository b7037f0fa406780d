import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RedisClientType } from 'redis';
import { startBot, type RunningBot } from '../../src/composition/startBot';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { fixedClock } from '../../src/domain/clock';
import { connectRedis } from '../../src/infra/redis/connect';
import { projectRoot } from '../../src/domain/projectPaths';
import { RedisAppointmentStore } from '../../src/infra/redis/redisAppointmentStore';
import { parseReceiptNumber } from '../../src/domain/appointments/receiptNumber';
import { startRedisServer, type RunningRedisServer } from '../support/redisServer';
import { HttpConversation } from '../support/httpConversation';
import { TEST_NOW } from '../support/dialogHarness';
import { describeReplies, saysKey } from '../support/replies';
import { receiptFrom } from '../support/script';
import { driveToSummary, personNumber } from '../support/bookingSteps';

function canonical(receipt: string): string {
  const match = parseReceiptNumber(receipt);
  assert.equal(match.kind, 'valid', receipt);
  return match.receiptNumber;
}

const PRODUCTION_CONF = join(projectRoot(), 'redis', 'production.conf');
const BOOKINGS = 8;
const PREFIX = 'durable';

describe('durability: the production Redis configuration keeps every confirmed appointment through kill -9', function () {
  this.timeout(180_000);
  let dir: string;
  let redis: RunningRedisServer | undefined;
  let bot: RunningBot | undefined;
  let client: RedisClientType | undefined;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'infopass-durable-'));
  });

  after(async () => {
    await bot?.close();
    await client?.close();
    await redis?.stop('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  });

  it(`books ${BOOKINGS} appointments through the bot, kills redis-server with SIGKILL, restarts it from its directory and finds them all`, async () => {
    redis = await startRedisServer({ configFile: PRODUCTION_CONF, dir });
    const config = loadConfig({
      PORT: '0',
      LOG_LEVEL: 'silent',
      REDIS_URL: redis.url,
      REDIS_KEY_PREFIX: PREFIX,
      PERSON_KEY_SECRET: 'durability-test',
    });
    bot = await startBot(config, { clock: fixedClock(TEST_NOW), logger: createLogger('silent') });

    const receipts: string[] = [];
    for (let i = 0; i < BOOKINGS; i++) {
      const conversation = new HttpConversation(bot.url);
      await driveToSummary(conversation, personNumber(1000 + i));
      const notice = await conversation.send('yes');
      assert.ok(saysKey(notice, 'en', 'notice.text'), describeReplies(notice));
      receipts.push(receiptFrom(notice));
    }
    assert.equal(new Set(receipts).size, BOOKINGS);

    // The moment the last notice was shown, redis-server dies without a chance to save anything.
    await redis.stop('SIGKILL');
    await bot.close();
    bot = undefined;

    redis = await startRedisServer({ configFile: PRODUCTION_CONF, dir });
    client = await connectRedis(redis.url);
    assert.equal((await client.configGet('appendfsync')).appendfsync, 'always', 'started from redis/production.conf');
    const store = new RedisAppointmentStore(client, { keyPrefix: PREFIX, clock: fixedClock(TEST_NOW) });
    const found = await Promise.all(receipts.map((receipt) => store.get(canonical(receipt))));
    assert.deepEqual(
      found.map((appointment) => appointment?.status),
      receipts.map(() => 'booked'),
      'every confirmed appointment is there, still booked',
    );
    const stored = await client.keys(`{${PREFIX}}:appointment:*`);
    assert.equal(stored.length, BOOKINGS);
    const seats = await client.keys(`{${PREFIX}}:slot:*`);
    const seatCount = (await Promise.all(seats.map((key) => client!.get(key)))).reduce((sum, n) => sum + Number(n), 0);
    assert.equal(seatCount, BOOKINGS, 'the seat counters came back with them');
    console.log(`      figures: ${BOOKINGS} appointments confirmed, ${stored.length} found after kill -9 and restart`);
  });
});
