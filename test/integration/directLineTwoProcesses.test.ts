/**
 * Web Chat's Direct Line on two bot processes sharing one Redis, with no session affinity: a
 * conversation started on one is served by the other — tokens, posting, polling, streams.
 */
import assert from 'node:assert/strict';
import { startBotProcess, type BotProcess } from '../support/botProcess';
import { sharedTestRedisUrl } from '../support/redisServer';
import { DirectLineClient } from '../support/directLineClient';
import { bookOverDirectLine, fromStream } from '../support/directLineBooking';
import { ENGLISH_BOOKING, SPANISH_BOOKING } from '../support/httpBooking';
import { saysKey } from '../support/replies';

/** The stream URL a process gave, pointed at another process. */
function on(baseUrl: string, streamUrl: string): string {
  const url = new URL(streamUrl);
  url.host = new URL(baseUrl).host;
  return url.toString();
}

describe('Direct Line on two bot processes sharing one Redis', function () {
  this.timeout(120_000);
  let bots: BotProcess[] = [];
  let urls: string[] = [];
  /** A third process, stopped by the last test. */
  let extra: BotProcess;

  before(async function () {
    this.timeout(240_000);
    const redisUrl = await sharedTestRedisUrl();
    const keyPrefix = `direct-line-two-${process.pid}`;
    [extra, ...bots] = await Promise.all([0, 1, 2].map(() => startBotProcess({ redisUrl, keyPrefix })));
    urls = bots.map((bot) => bot.url);
  });

  after(async () => {
    await Promise.all([...bots, extra].map((bot) => bot?.stop()));
  });

  it('takes a token from one process, and starts, refreshes, posts and polls on both in turn', async () => {
    const client = new DirectLineClient(urls);
    // No locale: the welcome is the list of languages.
    const generated = await client.generate(); // process 0
    const { status } = await client.start(); // process 1
    assert.equal(status, 201);
    assert.equal(client.token, generated.token);
    assert.equal((await client.start()).status, 200, 'process 0 knows it was started and does not greet again');
    const welcome = await client.poll(); // process 1
    assert.ok(saysKey(welcome, 'en', 'language.prompt'));
    assert.equal(welcome.length, 2, 'greeted once');
    await client.refresh(); // process 0
    const receipt = await bookOverDirectLine(client, ENGLISH_BOOKING);
    assert.match(receipt, /^IP-/);
    assert.deepEqual(new Set(client.servedBy), new Set(urls));
    const everything = await client.request('GET', `/conversations/${client.conversationId}/activities`);
    const ids = (everything.json.activities as Array<{ id: string }>).map((a) => a.id);
    assert.equal(new Set(ids).size, ids.length, 'one log: no activity twice');
  });

  it("streams from one process what the other's turns send", async () => {
    const client = new DirectLineClient(urls);
    await client.generate();
    await client.start();
    const here = await client.openStream(on(urls[0], client.streamUrl));
    const there = await client.openStream(on(urls[1], client.streamUrl));
    await here.waitFor((activities) => saysKey(activities, 'en', 'language.prompt'));
    // Posts go to both processes in turn; the replies reach the streams on each.
    const receipt = await bookOverDirectLine(client, SPANISH_BOOKING, fromStream(here));
    assert.match(receipt, /^IP-/);
    const polled = await client.request('GET', `/conversations/${client.conversationId}/activities`);
    const ids = (polled.json.activities as Array<{ id: string }>).map((a) => a.id);
    await there.waitFor((activities) => activities.length === ids.length);
    assert.deepEqual(
      here.activities.map((a) => a.id),
      ids,
    );
    assert.deepEqual(
      there.activities.map((a) => a.id),
      ids,
    );
    here.close();
    there.close();
  });

  it('carries on when one process stops: the stream reconnects to the other from its watermark', async () => {
    const client = new DirectLineClient([extra.url, urls[0]]);
    await client.generate();
    await client.start();
    const stream = await client.openStream(on(extra.url, client.streamUrl));
    await stream.waitFor((activities) => saysKey(activities, 'en', 'language.prompt'));
    const watermark = stream.watermark;
    extra.kill('SIGTERM');
    assert.equal((await stream.closed).code, 1001, 'told to go away');
    await extra.exited;

    const survivor = new DirectLineClient(urls[0]);
    survivor.token = client.token;
    survivor.conversationId = client.conversationId;
    const reconnect = await survivor.request('GET', `/conversations/${client.conversationId}?watermark=${watermark}`);
    assert.equal(reconnect.status, 200);
    const again = await survivor.openStream(String(reconnect.json.streamUrl));
    await survivor.send('English');
    const after = await again.waitFor((activities) => saysKey(activities, 'en', 'menu.prompt'));
    assert.ok(!saysKey(after, 'en', 'language.prompt'), 'nothing from before the watermark again');
    again.close();
  });
});
