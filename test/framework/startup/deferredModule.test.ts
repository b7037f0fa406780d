import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { types } from 'node:util';
import { deferModule } from '../../../src/framework/startup/deferredModule';

/** A package `heavy` under a new directory, and a consumer beside it that requires it: neither is in this process's module cache. */
function makePackages(): { dir: string; consumer: string; heavyFile: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'deferred-module-'));
  const heavyDir = path.join(dir, 'node_modules', 'heavy');
  mkdirSync(heavyDir, { recursive: true });
  const heavyFile = path.join(heavyDir, 'index.js');
  writeFileSync(
    heavyFile,
    `globalThis.heavyLoads = (globalThis.heavyLoads ?? 0) + 1;
     Object.defineProperty(exports, '__esModule', { value: true });
     exports.codes = { English: 'en-us' };
     exports.count = 0;
     exports.add = function (n) { return n + 1; };`,
  );
  const consumer = path.join(dir, 'consumer.js');
  writeFileSync(consumer, `const heavy = require('heavy'); exports.heavy = heavy; exports.codeAtLoad = heavy.codes.English;`);
  return { dir, consumer, heavyFile };
}

function loads(): number {
  return (globalThis as { heavyLoads?: number }).heavyLoads ?? 0;
}

describe('deferModule: a module loaded on first use', () => {
  let dir: string;
  let consumer: string;
  let heavyFile: string;
  let loadsBefore: number;

  beforeEach(() => {
    ({ dir, consumer, heavyFile } = makePackages());
    loadsBefore = loads();
  });
  afterEach(() => {
    for (const file of [consumer, heavyFile]) delete require.cache[file];
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives the consumer a stand-in, serves the early values without loading, and loads once on the first other read', () => {
    const realCodes = { English: 'en-us' };
    const deferred = deferModule(consumer, 'heavy', { __esModule: true, codes: realCodes });
    assert.ok(deferred);
    assert.equal(deferred.file, heavyFile);

    const { heavy, codeAtLoad } = require(consumer) as {
      heavy: { __esModule: boolean; codes: object; add(n: number): number };
      codeAtLoad: string;
    };
    assert.equal(codeAtLoad, 'en-us');
    assert.equal(heavy.__esModule, true);
    assert.ok(types.isProxy(heavy));
    assert.equal(loads(), loadsBefore, 'not loaded by the early reads');
    assert.equal(deferred.loaded, false);

    assert.equal(heavy.add(1), 2);
    assert.equal(loads(), loadsBefore + 1);
    assert.equal(deferred.loaded, true);
    assert.equal(heavy.add(2), 3);
    assert.equal(loads(), loadsBefore + 1, 'loaded once');

    const real = require(heavyFile) as { codes: object; count: number };
    assert.ok(!types.isProxy(real), 'later requires get the real module');
    assert.equal(heavy.codes, real.codes, 'after the load, even early keys read the real module');
    assert.equal(deferred.load(), real);
  });

  it('loads on enumeration, `in` and writes, and writes reach the real module', () => {
    deferModule(consumer, 'heavy');
    const { heavy } = require(consumer) as { heavy: Record<string, unknown> };
    assert.equal(loads(), loadsBefore + 1, 'without early values the consumer’s first read loads it');
    assert.deepEqual(Object.keys(heavy).sort(), ['add', 'codes', 'count']);
    assert.ok('add' in heavy);
    heavy.count = 5;
    assert.equal((require(heavyFile) as { count: number }).count, 5);
    assert.equal(loads(), loadsBefore + 1);
  });

  it('loads when `load()` is called, without any read', () => {
    const deferred = deferModule(consumer, 'heavy', { __esModule: true });
    assert.ok(deferred);
    assert.equal(loads(), loadsBefore);
    const real = deferred.load();
    assert.equal(loads(), loadsBefore + 1);
    assert.equal(deferred.load(), real);
    assert.equal(require(heavyFile), real);
  });

  it('changes nothing when the module is already loaded', () => {
    const real: unknown = require(heavyFile);
    assert.equal(deferModule(consumer, 'heavy'), undefined);
    assert.equal((require(consumer) as { heavy: unknown }).heavy, real);
  });

  it('throws as require would for a module that does not exist', () => {
    assert.throws(() => deferModule(consumer, 'no-such-package'), { code: 'MODULE_NOT_FOUND' });
  });
});
