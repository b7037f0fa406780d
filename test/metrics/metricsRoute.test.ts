import assert from 'node:assert/strict';
import { request } from 'node:http';
import { BotMetrics } from '../../src/metrics/botMetrics';
import { bearerTokenMatches, listenForMetrics, type MetricsListener } from '../../src/http/metricsRoute';
import { loadConfig } from '../../src/config';

const TOKEN = 'a-metrics-token-of-length';

/** One request with node:http (fetch cannot send a HEAD and read that no body came). */
function call(
  url: string,
  method: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('metrics route: the bearer token', () => {
  it('takes exactly "Bearer <token>" (scheme in any case), nothing else', () => {
    assert.equal(bearerTokenMatches(`Bearer ${TOKEN}`, TOKEN), true);
    assert.equal(bearerTokenMatches(`bearer ${TOKEN}`, TOKEN), true);
    for (const header of [
      undefined,
      '',
      'Bearer',
      `Bearer ${TOKEN}x`,
      `Bearer ${TOKEN.slice(1)}`,
      `Basic ${TOKEN}`,
      TOKEN,
      `Bearer ${TOKEN} extra`,
    ]) {
      assert.equal(bearerTokenMatches(header, TOKEN), false, String(header));
    }
  });
});

describe('metrics route: a port of its own', () => {
  let listener: MetricsListener | undefined;
  afterEach(async () => {
    await listener?.close();
    listener = undefined;
  });

  it('answers GET and HEAD /metrics, 405 to other methods, 404 elsewhere', async () => {
    const metrics = new BotMetrics();
    metrics.turnFinished('msteams', 0.01, false);
    listener = await listenForMetrics(metrics, { port: 0, host: '127.0.0.1' });
    assert.equal(listener.url, `http://127.0.0.1:${listener.port}/metrics`);
    const got = await call(listener.url, 'GET');
    assert.equal(got.status, 200);
    assert.match(got.body, /^infopass_turns_total\{channel="msteams"\} 1$/m);
    const head = await call(listener.url, 'HEAD');
    assert.equal(head.status, 200);
    assert.equal(head.body, '');
    assert.match(String(head.headers['content-type']), /^text\/plain; version=0\.0\.4/);
    const post = await call(listener.url, 'POST');
    assert.equal(post.status, 405);
    assert.equal(post.headers.allow, 'GET, HEAD');
    assert.equal((await call(`http://127.0.0.1:${listener.port}/healthz`, 'GET')).status, 404);
    assert.equal((await call(`${listener.url}?x=1`, 'GET')).status, 200);
  });

  it('with a token, asks for it there too', async () => {
    listener = await listenForMetrics(new BotMetrics(), { port: 0, host: '127.0.0.1', token: TOKEN });
    const refused = await call(listener.url, 'GET');
    assert.equal(refused.status, 401);
    assert.match(String(refused.headers['www-authenticate']), /^Bearer/);
    assert.doesNotMatch(refused.body, /infopass_/);
    assert.equal((await call(listener.url, 'GET', { authorization: 'Bearer wrong-token-of-some-length' })).status, 401);
    assert.equal((await call(listener.url, 'GET', { authorization: `Bearer ${TOKEN}` })).status, 200);
  });
});

describe('metrics settings', () => {
  it('METRICS_PORT is a port; METRICS_HOST is loopback by default; METRICS_TOKEN has at least 16 characters', () => {
    const none = loadConfig({});
    assert.equal(none.METRICS_PORT, undefined);
    assert.equal(none.METRICS_TOKEN, undefined);
    assert.equal(none.METRICS_HOST, '127.0.0.1');
    assert.equal(loadConfig({ METRICS_PORT: ' ' }).METRICS_PORT, undefined, 'an empty line of .env sets nothing');
    const set = loadConfig({ METRICS_PORT: '9464', METRICS_HOST: '10.0.0.5', METRICS_TOKEN: ` ${TOKEN} ` });
    assert.deepEqual([set.METRICS_PORT, set.METRICS_HOST, set.METRICS_TOKEN], [9464, '10.0.0.5', TOKEN]);
    assert.throws(() => loadConfig({ METRICS_TOKEN: 'short' }), /METRICS_TOKEN: must be at least 16 characters/);
    assert.throws(() => loadConfig({ METRICS_PORT: '70000' }), /METRICS_PORT/);
    assert.throws(() => loadConfig({ METRICS_PORT: 'nine' }), /METRICS_PORT/);
  });
});
