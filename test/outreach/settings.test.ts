import assert from 'node:assert/strict';
import { checkedRoute, rateWindow, retryDelayMs } from '../../src/outreach/settings';
import { jobIds } from '../../src/outreach/jobs';

describe('outreach settings', () => {
  it('turns a rate per second into a number of sends per window', () => {
    assert.deepEqual(rateWindow(1), { max: 1, durationMs: 1000 });
    assert.deepEqual(rateWindow(30), { max: 30, durationMs: 1000 });
    assert.deepEqual(rateWindow(2.5), { max: 2, durationMs: 800 });
    assert.deepEqual(rateWindow(0.5), { max: 1, durationMs: 2000 });
    assert.throws(() => rateWindow(0), RangeError);
  });

  it('doubles the delay between tries', () => {
    assert.deepEqual(
      [1, 2, 3, 4].map((retry) => retryDelayMs(retry, 5000)),
      [5000, 10_000, 20_000, 40_000],
    );
  });

  it('takes a route only as E.164 or a conversation reference', () => {
    assert.deepEqual(checkedRoute({ channel: 'sms', phone: '+12025550147' }), { channel: 'sms', phone: '+12025550147' });
    assert.throws(() => checkedRoute({ channel: 'sms', phone: '2025550147' }));
    assert.throws(() => checkedRoute({ channel: 'chat', conversationReference: '{"serviceUrl":"x"}' }));
    assert.throws(() => checkedRoute({ channel: 'fax', phone: '+12025550147' }));
  });

  it('makes job ids BullMQ takes (no colon, never a whole number), one per dedupe id', () => {
    const ids = ['closure:42:IPABC', 'closure_42_IPABC', '42', 'a%3Ab'].map(jobIds.send);
    assert.equal(new Set(ids).size, 4);
    for (const id of ids) {
      assert.ok(!id.includes(':'), id);
      assert.notEqual(String(parseInt(id, 10)), id);
    }
  });
});
