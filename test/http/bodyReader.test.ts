import assert from 'node:assert/strict';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import restify, { type RequestHandler, type Server } from 'restify';
import { bodyParser } from '../../src/http/bodyReader';

const MAX_BODY = 64;

interface Seen {
  status: number;
  /** What the route saw: the body's type and value, and the raw body restify's parsers keep. */
  body: string;
}

async function serve(parser: RequestHandler[]): Promise<{ server: Server; port: number }> {
  const server = restify.createServer({ handleUncaughtExceptions: false });
  server.use(parser);
  server.post('/echo', async (req, res) => {
    const rawBody: unknown = req.rawBody;
    const body: unknown = req.body;
    res.send(200, {
      bodyType: Buffer.isBuffer(body) ? 'buffer' : typeof body,
      body: Buffer.isBuffer(body) ? body.toString('base64') : body,
      rawBodyType: Buffer.isBuffer(rawBody) ? 'buffer' : typeof rawBody,
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

function post(port: number, body: Buffer, headers: Record<string, string>): Promise<Seen> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/echo', method: 'POST', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    // Two writes: the body reaches the server in more than one chunk when it can.
    const half = Math.floor(body.length / 2);
    req.write(body.subarray(0, half));
    req.end(body.subarray(half));
  });
}

const json = (text: string): Buffer => Buffer.from(text, 'utf8');
const CASES: { name: string; body: Buffer; headers: Record<string, string> }[] = [
  { name: 'JSON', body: json('{"text":"hola, ¿qué tal? 你好"}'), headers: { 'content-type': 'application/json' } },
  { name: 'JSON with a charset', body: json('{"a":1}'), headers: { 'content-type': 'application/json; charset=utf-8' } },
  { name: 'malformed JSON', body: json('{"a":'), headers: { 'content-type': 'application/json' } },
  { name: 'a form', body: json('From=%2B12125550123&Body=hi'), headers: { 'content-type': 'application/x-www-form-urlencoded' } },
  { name: 'plain text', body: json('hello'), headers: { 'content-type': 'text/plain' } },
  { name: 'no content type', body: json('hello'), headers: {} },
  { name: 'binary', body: Buffer.from([1, 2, 3, 250]), headers: { 'content-type': 'application/pdf' } },
  { name: 'octet-stream', body: Buffer.from([1, 2, 3]), headers: { 'content-type': 'application/octet-stream' } },
  { name: 'over the limit', body: json(`{"a":"${'x'.repeat(MAX_BODY)}"}`), headers: { 'content-type': 'application/json' } },
  { name: 'empty', body: Buffer.alloc(0), headers: { 'content-type': 'application/json' } },
  {
    name: 'gzip',
    body: gzipSync(json('{"a":"zipped"}')),
    headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
  },
  { name: 'an unknown encoding', body: json('{"a":1}'), headers: { 'content-type': 'application/json', 'content-encoding': 'br' } },
  { name: 'a wrong Content-MD5', body: json('{"a":1}'), headers: { 'content-type': 'application/json', 'content-md5': 'AAAA' } },
  {
    name: 'chunked',
    body: json('{"a":"chunks"}'),
    headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
  },
];

describe('bodyParser (restify bodyParser with a plain reader)', () => {
  let ours: { server: Server; port: number };
  let theirs: { server: Server; port: number };

  before(async () => {
    ours = await serve(bodyParser({ maxBodySize: MAX_BODY, mapParams: false }));
    theirs = await serve(restify.plugins.bodyParser({ maxBodySize: MAX_BODY, mapParams: false }));
  });

  after(() => {
    ours.server.close();
    theirs.server.close();
  });

  for (const { name, body, headers } of CASES) {
    it(`answers ${name} as restify's bodyParser does`, async () => {
      const withLength = headers['transfer-encoding'] ? headers : { ...headers, 'content-length': String(body.length) };
      const expected = await post(theirs.port, body, withLength);
      const actual = await post(ours.port, body, withLength);
      assert.deepEqual(actual, expected);
    });
  }

  it('hands the route the parsed JSON of a plain body', async () => {
    const body = json('{"text":"hola"}');
    const seen = await post(ours.port, body, { 'content-type': 'application/json', 'content-length': String(body.length) });
    assert.deepEqual(JSON.parse(seen.body), { bodyType: 'object', body: { text: 'hola' }, rawBodyType: 'string' });
  });
});
