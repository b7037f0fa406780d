import assert from 'node:assert/strict';
import path from 'node:path';
import { projectRoot } from '../../../src/domain/projectPaths';
import { runInFreshProcess } from '../../support/freshProcess';

/**
 * What a new process loads before it can answer is most of its time to first reply: the libraries
 * only later turns use (dates, phone numbers, country names, language guessing, SMS) load on first
 * use or in the warm-up after the server listens, never with the composition root; the modules
 * our dependencies require but no first reply uses are stand-ins until used
 * (src/framework/startup/deferDependencies.ts, test/framework/startup/deferDependencies.test.ts).
 */
describe('start-up: modules loaded with the composition root', () => {
  it('leaves the libraries of later turns unloaded until they are used', function () {
    this.timeout(30_000);
    const later = ['chrono-node', 'franc', 'libphonenumber-js', 'i18n-iso-countries', 'twilio', 'date-holidays', 'bullmq'];
    const script = `
      require(${JSON.stringify(path.join(projectRoot(), 'src/main.ts'))});
      const files = Object.keys(require.cache);
      const loaded = (name) => files.some((file) => file.includes('/node_modules/' + name + '/'));
      const deferred = [
        ...['suite', 'date-time', 'choice', 'number'].map((name) => ['botbuilder-dialogs', '@microsoft/recognizers-text-' + name]),
        ['restify', 'spdy'],
        ['restify', 'http-signature'],
        ['botframework-connector', '@azure/identity'],
      ];
      const realModule = ([from, id]) => {
        const cached = require.cache[require('node:module').createRequire(require.resolve(from)).resolve(id)];
        return cached !== undefined && !require('node:util').types.isProxy(cached.exports);
      };
      console.log(JSON.stringify({
        botbuilder: loaded('botbuilder'),
        dialogs: loaded('botbuilder-dialogs'),
        restify: loaded('restify'),
        later: ${JSON.stringify(later)}.filter(loaded),
        loadedThoughDeferred: deferred.filter(realModule).map(([, id]) => id),
      }));
    `;
    // botbuilder: the check sees what the composition root loads.
    assert.deepEqual(runInFreshProcess(script), { botbuilder: true, dialogs: true, restify: true, later: [], loadedThoughDeferred: [] });
  });
});
