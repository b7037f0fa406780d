import assert from 'node:assert/strict';
import { startBotProcess, type BotProcess } from '../support/botProcess';
import { sharedTestRedisUrl } from '../support/redisServer';
import { bookThenCancel, ENGLISH_BOOKING, RoundRobinConversation, SPANISH_BOOKING } from '../support/httpBooking';

describe('two bot processes sharing one Redis, turns alternating between them', function () {
  this.timeout(90_000);
  let bots: BotProcess[] = [];

  before(async () => {
    const redisUrl = await sharedTestRedisUrl();
    const keyPrefix = `two-processes-${process.pid}`;
    bots = await Promise.all([startBotProcess({ redisUrl, keyPrefix }), startBotProcess({ redisUrl, keyPrefix })]);
  });

  after(async () => {
    await Promise.all(bots.map((bot) => bot.stop()));
  });

  for (const script of [ENGLISH_BOOKING, SPANISH_BOOKING]) {
    it(`books and cancels with every other turn on the other process (${script.language})`, async () => {
      const urls = bots.map((bot) => bot.url);
      const booking = new RoundRobinConversation(urls);
      const cancelling = new RoundRobinConversation([urls[1], urls[0]]);
      await bookThenCancel(booking, cancelling, script);

      for (const conversation of [booking, cancelling]) {
        conversation.servedBy.forEach((url, i) => {
          if (i > 0) assert.notEqual(url, conversation.servedBy[i - 1], 'consecutive turns went to different processes');
        });
        assert.deepEqual(new Set(conversation.servedBy), new Set(urls));
      }
    });
  }

  it('keeps both processes alive', () => {
    for (const bot of bots)
      assert.equal(
        bot.logs.some((line) => line.msg === 'turn failed'),
        false,
        `bot ${bot.pid} logged a failed turn`,
      );
  });
});
