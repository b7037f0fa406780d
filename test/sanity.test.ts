import assert from 'node:assert/strict';
describe('sanity', () => { it('adds', () => { assert.equal(1 + 1, 2); }); });
