import { createHash, timingSafeEqual } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Server } from 'restify';

/** What /metrics serves: the registry's text exposition. */
export interface MetricsSource {
  exposition(): Promise<string>;
  readonly contentType: string;
}

const METRICS_PATH = '/metrics';

/** `Authorization: Bearer <token>`, compared in constant time (digests of equal length). */
export function bearerTokenMatches(authorization: string | undefined, token: string): boolean {
  const presented = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
  if (presented === undefined) return false;
  const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(presented), digest(token));
}

/** GET /metrics on the public server, only with the bearer token: 401 (and WWW-Authenticate) without it, and `onRefused` is told. */
export function registerMetricsRoute(server: Server, source: MetricsSource, token: string, onRefused: () => void = () => undefined): void {
  server.get(METRICS_PATH, async (req, res) => {
    if (!bearerTokenMatches(req.header('authorization'), token)) {
      onRefused();
      res.setHeader('www-authenticate', 'Bearer realm="metrics"');
      res.send(401, { error: 'unauthorized' });
      return;
    }
    const body = await source.exposition();
    res.setHeader('content-type', source.contentType);
    res.sendRaw(200, body);
  });
}

export interface MetricsListener {
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * /metrics on a port of its own (a private interface, 127.0.0.1 by default), for a Prometheus
 * that can reach it where the public cannot. With a token, that port asks for it too.
 */
export async function listenForMetrics(
  source: MetricsSource,
  options: { port: number; host: string; token?: string },
): Promise<MetricsListener> {
  // Not writeHead(…).end(…): restify, loaded in the same process, replaces ServerResponse's writeHead with one that returns nothing.
  const reply = (res: ServerResponse, status: number, headers: Record<string, string>, body?: string): void => {
    res.writeHead(status, headers);
    res.end(body);
  };
  const answer = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '').split('?')[0];
    if (path !== METRICS_PATH) reply(res, 404, { 'content-type': 'text/plain' }, 'not found\n');
    else if (req.method !== 'GET' && req.method !== 'HEAD') reply(res, 405, { allow: 'GET, HEAD' });
    else if (options.token !== undefined && !bearerTokenMatches(req.headers.authorization, options.token))
      reply(res, 401, { 'www-authenticate': 'Bearer realm="metrics"', 'content-type': 'text/plain' }, 'unauthorized\n');
    else {
      const body = await source.exposition();
      reply(res, 200, { 'content-type': source.contentType }, req.method === 'HEAD' ? undefined : body);
    }
  };
  const server = createServer((req, res) => {
    answer(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end();
    });
  });
  server.listen(options.port, options.host);
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}${METRICS_PATH}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
