import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { RedisClientType } from 'redis';
import { connectRedis } from '../../src/infra/redis/connect';
import { fixedClock } from '../../src/domain/clock';
import { RedisAppointmentStore } from '../../src/infra/redis/redisAppointmentStore';
import { sharedTestRedisUrl } from '../support/redisServer';
import { startBotProcess, waitForHealth, type BotProcess } from '../support/botProcess';
import { HttpConversation } from '../support/httpConversation';
import { TEST_NOW } from '../support/dialogHarness';
import { describeReplies, saysKey } from '../support/replies';
import { receiptFrom } from '../support/script';
import { driveToSummary, personNumber } from '../support/bookingSteps';

/**
 * Issue 22: a process killed after the booking script wrote the appointment and before the turn's
 * state was saved. The channel redelivers the same activity to another process: the person gets
 * the appointment that was booked, once, instead of "there is already an appointment".
 */
describe('a booking is never lost between Redis and the person (child processes, SIGKILL after book)', function () {
  this.timeout(180_000);
  const prefix = `crash-${randomUUID().slice(0, 8)}`;
  const bots: BotProcess[] = [];
  let redis: RedisClientType;
  let redisUrl: string;

  before(async () => {
    redisUrl = await sharedTestRedisUrl();
    redis = await connectRedis(redisUrl);
  });

  after(async () => {
    await Promise.all(bots.map((bot) => bot.stop()));
    await redis?.close();
  });

  async function start(env: Record<string, string> = {}): Promise<BotProcess> {
    const bot = await startBotProcess({ redisUrl, keyPrefix: prefix, env });
    bots.push(bot);
    await waitForHealth(bot.url, 200);
    return bot;
  }

  it('the "yes" that booked, redelivered to a second process, shows the same receipt number, and one appointment exists', async () => {
    const dying = await start({ INFOPASS_TEST_KILL_AFTER_BOOK: '1' });
    const conversation = new HttpConversation(dying.url);
    await driveToSummary(conversation, personNumber(7));
    const yes = conversation.activity({ text: 'yes' });

    const first = await conversation.post(yes).then(
      (answer) => answer,
      () => undefined,
    );
    assert.ok(!first || !saysKey(first.replies, 'en', 'notice.text'), 'the first process died before replying');
    assert.equal((await dying.exited).signal, 'SIGKILL');

    const appointmentKeys = (): Promise<string[]> => redis.keys(`{${prefix}}:appointment:*`);
    const written = await appointmentKeys();
    assert.equal(written.length, 1, 'the booking was written before the kill');
    assert.equal((await redis.keys(`{${prefix}}:request:*`)).length, 1, 'with its request id');

    const second = await start();
    conversation.baseUrl = second.url;
    const again = await conversation.post(yes);
    assert.equal(again.status, 200);
    assert.ok(saysKey(again.replies, 'en', 'notice.text'), `the notice, not "already booked":\n${describeReplies(again.replies)}`);
    assert.ok(
      !saysKey(again.replies, 'en', 'booking.alreadyBooked') && !saysKey(again.replies, 'en', 'booking.alreadyYours'),
      'a replay, not a second try',
    );
    const receipt = receiptFrom(again.replies).replace(/-/g, '');
    assert.deepEqual(await appointmentKeys(), written, 'still one appointment');
    assert.ok(written[0].endsWith(`:${receipt}`), 'the receipt number shown is the one booked before the kill');
    const store = new RedisAppointmentStore(redis, { keyPrefix: prefix, clock: fixedClock(TEST_NOW) });
    const appointment = await store.get(receipt);
    assert.equal(appointment?.status, 'booked');
    assert.deepEqual(await store.countBooked('NYC', [appointment.slotStart]), [1], 'one seat taken');

    // Delivered a third time: the turn was handled and saved; nothing is booked or said again.
    const third = await conversation.post(yes);
    assert.equal(third.status, 200);
    assert.ok(!saysKey(third.replies, 'en', 'notice.text'), describeReplies(third.replies));
    assert.deepEqual(await appointmentKeys(), written);
  });
});
