import assert from 'node:assert/strict';
import path from 'node:path';
import { projectRoot } from '../../../src/domain/projectPaths';
import { runInFreshProcess } from '../../support/freshProcess';

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
    const deferDependencies = ${withStandIns} ? require(${JSON.stringify(path.join(projectRoot(), 'src/framework/startup/deferDependencies.ts'))}) : undefined;
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
    if (${warmUpFirst}) deferDependencies.loadChoiceRecognizer();
    const after = ${warmUpFirst} ? standIns() : undefined;
    const choices = ['red', 'green', 'blue'];
    const picks = ['2', 'the third one', 'green', 'purple'].map((text) => dialogs.recognizeChoices(text, choices)[0]?.resolution.index ?? null);
    console.log(JSON.stringify({ standIns: before, cultures, cultureCodes, picks, standInsAfter: after ?? standIns() }));
  `;
  return runInFreshProcess(script) as Observed;
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
    assert.deepEqual(
      deferred.standInsAfter,
      RECOGNIZERS.filter((id) => !id.endsWith('-number')),
    );
  });

  it('the warm-up loads the number recognizer; the suite, date-time and yes/no recognizers stay unloaded', () => {
    assert.deepEqual(
      warmedUp.standInsAfter,
      RECOGNIZERS.filter((id) => !id.endsWith('-number')),
    );
    assert.deepEqual(warmedUp.picks, real.picks);
  });
});

/** Runs `body` (CommonJS, printing one JSON line last) in a fresh process with our stand-ins in place first. */
function runWithStandIns(body: string): unknown {
  const script = `
    const { types } = require('node:util');
    require(${JSON.stringify(path.join(projectRoot(), 'src/framework/startup/deferDependencies.ts'))});
    const isStandIn = (from, id) => types.isProxy(require.cache[require('node:module').createRequire(require.resolve(from)).resolve(id)]?.exports);
    ${body}
  `;
  return runInFreshProcess(script);
}

describe('start-up: the stand-ins’ early values', () => {
  it('are the real modules’ (each is an ES module compiled to CommonJS, __esModule true)', function () {
    this.timeout(30_000);
    const deferredAsEsModules = [...RECOGNIZERS.map((id) => ['botbuilder-dialogs', id]), ['botframework-connector', '@azure/identity']];
    const script = `
      const modules = ${JSON.stringify(deferredAsEsModules)};
      console.log(JSON.stringify(modules.map(([from, id]) => [id, require('node:module').createRequire(require.resolve(from))(id).__esModule === true])));
    `;
    assert.deepEqual(
      runInFreshProcess(script),
      deferredAsEsModules.map(([, id]) => [id, true]),
    );
  });
});

describe('start-up: the server and auth modules the bot does not use load on first use', function () {
  this.timeout(60_000);

  it('serves HTTP with restify while spdy and http-signature stay unloaded; the authorization parser loads http-signature', () => {
    const observed = runWithStandIns(`
      const restify = require('restify');
      const server = restify.createServer();
      server.use(restify.plugins.authorizationParser());
      server.get('/who', (req, res, next) => { res.send(200, { scheme: req.authorization.scheme ?? null, keyId: req.authorization.signature?.keyId ?? null }); next(); });
      const before = { spdy: isStandIn('restify', 'spdy'), httpSignature: isStandIn('restify', 'http-signature') };
      server.listen(0, '127.0.0.1', async () => {
        const url = 'http://127.0.0.1:' + server.address().port + '/who';
        const plain = await (await fetch(url)).json();
        const afterPlain = { spdy: isStandIn('restify', 'spdy'), httpSignature: isStandIn('restify', 'http-signature') };
        const signed = await (await fetch(url, { headers: {
          date: new Date().toUTCString(),
          authorization: 'Signature keyId="k1",algorithm="rsa-sha256",headers="date",signature="c2lnbmF0dXJl"',
        } })).json();
        const afterSigned = { spdy: isStandIn('restify', 'spdy'), httpSignature: isStandIn('restify', 'http-signature') };
        server.close();
        console.log(JSON.stringify({ before, plain, afterPlain, signed, afterSigned }));
      });
    `);
    assert.deepEqual(observed, {
      before: { spdy: true, httpSignature: true },
      plain: { scheme: null, keyId: null },
      afterPlain: { spdy: true, httpSignature: true },
      signed: { scheme: 'Signature', keyId: 'k1' },
      afterSigned: { spdy: true, httpSignature: false },
    });
  });

  it('loads @azure/identity when a managed identity needs it', () => {
    const observed = runWithStandIns(`
      const { JwtTokenProviderFactory } = require('botframework-connector');
      const before = isStandIn('botframework-connector', '@azure/identity');
      const credential = new JwtTokenProviderFactory().createAzureServiceTokenProvider('00000000-0000-0000-0000-000000000001');
      const { DefaultAzureCredential } = require('node:module').createRequire(require.resolve('botframework-connector'))('@azure/identity');
      console.log(JSON.stringify({ before, after: isStandIn('botframework-connector', '@azure/identity'), real: credential instanceof DefaultAzureCredential }));
    `);
    assert.deepEqual(observed, { before: true, after: false, real: true });
  });
});
