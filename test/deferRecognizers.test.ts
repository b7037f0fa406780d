import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { projectRoot } from '../src/domain/projectPaths';

const RECOGNIZERS = ['suite', 'date-time', 'choice', 'number'].map((name) => `@microsoft/recognizers-text-${name}`);

interface Observed {
  standIns: string[];
  cultures: unknown;
  cultureCodes: Record<string, string>;
  /** The index each typed answer picks (null: none). */
  picks: (number | null)[];
  /** After the picks, or with `warmUpFirst` after `loadChoiceRecognizer` and before them. */
  standInsAfter: string[];
}

/**
 * Loads botbuilder-dialogs in a fresh process, with or without our stand-ins for the recognizers
 * first, and reports what its prompts see: which recognizers are still stand-ins, the cultures
 * PromptCultureModels built, the culture codes of the suite's `Culture` as botbuilder-dialogs reads
 * it, and the choices typed answers pick.
 */
function observe(withStandIns: boolean, warmUpFirst = false): Observed {
  const script = `
    const { types } = require('node:util');
    const deferRecognizers = ${withStandIns} ? require(${JSON.stringify(path.join(projectRoot(), 'src/startup/deferRecognizers.ts'))}) : undefined;
    const dialogs = require('botbuilder-dialogs');
    const fromDialogs = require('node:module').createRequire(require.resolve('botbuilder-dialogs'));
    const ids = ${JSON.stringify(RECOGNIZERS)};
    const standIns = () => ids.filter((id) => types.isProxy(require.cache[fromDialogs.resolve(id)]?.exports));
    const before = standIns();
    const cultures = dialogs.PromptCultureModels.getSupportedCultures();
    const Culture = fromDialogs('@microsoft/recognizers-text-suite').Culture;
    const cultureCodes = {};
    for (let c = Culture; c && c !== Function.prototype; c = Object.getPrototypeOf(c))
      for (const key of Object.getOwnPropertyNames(c)) if (typeof Culture[key] === 'string' && key !== 'name') cultureCodes[key] = Culture[key];
    if (${warmUpFirst}) deferRecognizers.loadChoiceRecognizer();
    const after = ${warmUpFirst} ? standIns() : undefined;
    const choices = ['red', 'green', 'blue'];
    const picks = ['2', 'the third one', 'green', 'purple'].map((text) => dialogs.recognizeChoices(text, choices)[0]?.resolution.index ?? null);
    console.log(JSON.stringify({ standIns: before, cultures, cultureCodes, picks, standInsAfter: after ?? standIns() }));
  `;
  const run = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: projectRoot(), encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}') as Observed;
}

describe('start-up: the recognizers botbuilder-dialogs requires load on first use', function () {
  this.timeout(60_000);
  let real: Observed;
  let deferred: Observed;
  let warmedUp: Observed;
  before(() => {
    real = observe(false);
    deferred = observe(true);
    warmedUp = observe(true, true);
  });

  it('loads none of them with botbuilder-dialogs', () => {
    assert.deepEqual(real.standIns, []);
    assert.deepEqual(deferred.standIns, RECOGNIZERS);
  });

  it('gives the prompts the same cultures and culture codes as the real recognizers do', () => {
    assert.deepEqual(deferred.cultures, real.cultures);
    assert.ok(Object.keys(real.cultureCodes).length >= 9, JSON.stringify(real.cultureCodes));
    for (const [key, code] of Object.entries(real.cultureCodes)) assert.equal(deferred.cultureCodes[key], code, key);
  });

  it('recognises typed choices as the real recognizers do, loading the number recognizer for it', () => {
    assert.deepEqual(real.picks, [1, 2, 1, null]);
    assert.deepEqual(deferred.picks, real.picks);
    assert.deepEqual(deferred.standInsAfter, RECOGNIZERS.filter((id) => !id.endsWith('-number')));
  });

  it('the warm-up loads the number recognizer; the suite, date-time and yes/no recognizers stay unloaded', () => {
    assert.deepEqual(warmedUp.standInsAfter, RECOGNIZERS.filter((id) => !id.endsWith('-number')));
    assert.deepEqual(warmedUp.picks, real.picks);
  });
});
