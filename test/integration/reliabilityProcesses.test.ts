import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { RedisClientType } from 'redis';
import { connectRedis } from '../../src/infra/redis/connect';
import { sharedTestRedisUrl } from '../support/redisServer';
import { startBotProcess, waitForHealth, type BotProcess } from '../support/botProcess';
import { HttpConversation } from '../support/httpConversation';
import { describeReplies, saysKey, suggestedTitles } from '../support/replies';
import { WANTED_TIME, driveToSummary, expectKeys, inBatches, offeredSlots, personNumber } from '../support/bookingSteps';

const PEOPLE = 200;
const CAPACITY = 2;
/** How many conversations are driven at once while getting everyone to the summary (2 cores). */
const SETUP_CONCURRENCY = 8;

/**
 * Two bot processes (child processes: test/support/botProcess.ts) sharing the test Redis, as
 * two replicas behind a load balancer would.
 */
describe('reliability: two bot processes sharing Redis', function () {
  this.timeout(240_000);
  const prefix = `procs-${randomUUID().slice(0, 8)}`;
  let bots: BotProcess[] = [];
  let redis: RedisClientType;

  before(async () => {
    const redisUrl = await sharedTestRedisUrl();
    redis = await connectRedis(redisUrl);
    bots = await Promise.all([0, 1].map(() => startBotProcess({ redisUrl, keyPrefix: prefix, env: { SLOT_CAPACITY: String(CAPACITY) } })));
    await Promise.all(bots.map((bot) => waitForHealth(bot.url, 200)));
  });

  after(async () => {
    await Promise.all(bots.map((bot) => bot.stop()));
    await redis?.close();
  });

  it(`${PEOPLE} people confirm the same slot of capacity ${CAPACITY} at once, over both processes: exactly ${CAPACITY} appointments, everyone else offered other times`, async () => {
    const people = Array.from({ length: PEOPLE }, (_, i) => ({
      person: personNumber(i),
      conversation: new HttpConversation(bots[i % 2].url),
    }));
    const slots = await inBatches(people, SETUP_CONCURRENCY, ({ person, conversation }) => driveToSummary(conversation, person));
    const chosen = slots[0];
    assert.ok(
      slots.every((slot) => slot === chosen),
      'everyone picked the same slot',
    );

    // Everyone says yes at once; conversation i is on process i % 2.
    const answers = await Promise.all(people.map(({ conversation }) => conversation.post(conversation.activity({ text: 'yes' }))));
    assert.deepEqual([...new Set(answers.map((a) => a.status))], [200]);
    const booked = answers.filter((a) => saysKey(a.replies, 'en', 'notice.text'));
    const taken = answers.filter((a) => saysKey(a.replies, 'en', 'booking.slotTaken'));
    assert.equal(booked.length, CAPACITY, 'notices');
    assert.equal(taken.length, PEOPLE - CAPACITY, 'slot taken replies');
    assert.ok(
      taken.every((a) => saysKey(a.replies, 'en', 'slots.prompt')),
      `each is asked for another time:\n${describeReplies(taken[0]?.replies ?? [])}`,
    );

    const appointments = await redis.keys(`{${prefix}}:appointment:*`);
    assert.equal(appointments.length, CAPACITY, 'appointments in the store');
    const seats = await redis.keys(`{${prefix}}:slot:*`);
    assert.equal(seats.length, 1);
    assert.equal(await redis.get(seats[0]), String(CAPACITY));

    // Asking for the same time again, each of the others is offered other slots, never the full one.
    const losers = people.filter((_, i) => saysKey(answers[i].replies, 'en', 'booking.slotTaken'));
    const offers = await inBatches(losers, SETUP_CONCURRENCY * 2, ({ conversation }) => expectKeys(conversation, WANTED_TIME, []));
    for (const offer of offers) {
      const labels = offeredSlots(offer);
      assert.ok(labels.length > 0, `other times offered:\n${describeReplies(offer)}`);
      assert.ok(!labels.includes(chosen), `the full slot is not offered again: ${labels.join(' | ')}`);
    }
    console.log(
      `      figures: ${PEOPLE} concurrent confirmations, ${booked.length} notices, ${taken.length} "slot taken", ${appointments.length} appointments stored`,
    );
  });

  it('a bot process killed (SIGKILL) in mid-conversation: the conversation goes on on the other process', async () => {
    const [doomed, survivor] = bots;
    const conversation = new HttpConversation(doomed.url);
    await conversation.join();
    const menu = await expectKeys(conversation, 'English', ['menu.prompt']);
    await expectKeys(conversation, suggestedTitles(menu)[0], ['location.zipPrompt']);
    await expectKeys(conversation, '10001', ['location.office']);
    doomed.kill('SIGKILL');
    assert.deepEqual(await doomed.exited, { code: null, signal: 'SIGKILL' });
    conversation.baseUrl = survivor.url;
    await expectKeys(conversation, 'yes', ['booking.reasonPrompt']);
    await expectKeys(conversation, 'Question about a pending case', ['details.namePrompt']);
  });
});
