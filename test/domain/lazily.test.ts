import assert from 'node:assert/strict';
import { lazily } from '../../src/domain/lazily';

describe('lazily', () => {
  it('makes the value on the first call, not before, and hands the same one after', () => {
    let made = 0;
    const value = lazily(() => ({ made: ++made }));
    assert.equal(made, 0);
    const first = value();
    assert.equal(made, 1);
    assert.equal(value(), first);
    assert.equal(made, 1);
  });

  it('keeps a value that is undefined, and tries again after a failure', () => {
    let calls = 0;
    const nothing = lazily(() => {
      calls += 1;
      return undefined;
    });
    nothing();
    nothing();
    assert.equal(calls, 1);

    let attempts = 0;
    const flaky = lazily(() => {
      attempts += 1;
      if (attempts === 1) throw new Error('not yet');
      return 'ready';
    });
    assert.throws(() => flaky(), /not yet/);
    assert.equal(flaky(), 'ready');
    assert.equal(attempts, 2);
  });
});
