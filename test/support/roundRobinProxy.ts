/**
 * A load balancer without session affinity, on loopback: each HTTP request, and each WebSocket
 * upgrade, goes to the next of its targets in turn — in turn per method (and for upgrades), so that a
 * page's messages alternate between the targets however many polls fall between them. The Host header passes through, so the bots
 * write the proxy's address into the URLs they give (the stream URL).
 */
import { createServer, request, type IncomingMessage } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';

export interface RoundRobinProxy {
  url: string;
  /** The target each request or upgrade went to, with its method and path. */
  readonly served: Array<{ target: string; method: string; path: string; upgrade: boolean }>;
  close(): Promise<void>;
}

/** The request line and headers as they came, for a raw upgrade request. */
function requestHead(req: IncomingMessage): string {
  const lines = [`${req.method ?? 'GET'} ${req.url ?? '/'} HTTP/${req.httpVersion}`];
  for (let i = 0; i < req.rawHeaders.length; i += 2) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
  return `${lines.join('\r\n')}\r\n\r\n`;
}

export async function startRoundRobinProxy(targets: readonly string[]): Promise<RoundRobinProxy> {
  const nextByKind = new Map<string, number>();
  const served: RoundRobinProxy['served'] = [];
  const upgraded = new Set<Duplex | Socket>();
  const pick = (req: IncomingMessage, upgrade: boolean): URL => {
    const kind = upgrade ? 'upgrade' : (req.method ?? 'GET');
    const turn = nextByKind.get(kind) ?? 0;
    nextByKind.set(kind, turn + 1);
    const target = targets[turn % targets.length];
    served.push({ target, method: req.method ?? '', path: req.url ?? '', upgrade });
    return new URL(target);
  };

  const server = createServer((req, res) => {
    const target = pick(req, false);
    const upstream = request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers, agent: false },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const target = pick(req, true);
    const upstream = connect(Number(target.port), target.hostname, () => {
      upstream.write(requestHead(req));
      if (head.length > 0) upstream.write(head);
      socket.pipe(upstream).pipe(socket);
    });
    upgraded.add(socket);
    upgraded.add(upstream);
    const end = (): void => {
      socket.destroy();
      upstream.destroy();
      upgraded.delete(socket);
      upgraded.delete(upstream);
    };
    socket.on('error', end);
    upstream.on('error', end);
    socket.on('close', end);
    upstream.on('close', end);
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    served,
    async close() {
      for (const socket of upgraded) socket.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
