import { type IncomingMessage, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import type { DirectLine } from './directLine';
import type { LogEntry, StreamCheck } from './directLineStore';
import { bearerToken, DIRECT_LINE_BASE, watermarkOf } from './routes';

export interface ActivityStreamOptions {
  /**
   * How often each socket is pinged (one that has not answered the last ping is dropped), its
   * conversation's token checked, and its log read again in case a notice was lost.
   */
  pingMs?: number;
  onError?: (err: Error) => void;
  /** Asked in turn before a socket's token is read (its origin, its rate limit); the first refusal answers the upgrade. */
  checks?: readonly UpgradeCheck[];
  /** Told how each upgrade was answered: 101 (a stream opened), or the status it was refused with. */
  onUpgradeAnswered?: (status: number) => void;
}

/** An upgrade refused before the handshake: its HTTP status, with headers such as Retry-After. */
export interface UpgradeRefusal {
  status: number;
  headers?: Readonly<Record<string, string>>;
}

/** Looks at an upgrade request: a refusal, or undefined to let it on. */
export type UpgradeCheck = (req: IncomingMessage) => UpgradeRefusal | undefined | Promise<UpgradeRefusal | undefined>;

export const DEFAULT_STREAM_PING_MS = 30_000;
/** Web Chat sends only empty messages (its own keep-alive); anything bigger closes the socket. */
const MAX_CLIENT_MESSAGE_BYTES = 1024;
/** A client that reads slower than the bot writes, this far behind, is dropped (it reconnects from its watermark). */
const MAX_BUFFERED_BYTES = 1024 * 1024;

/** Close codes: the client reconnects after any of them (GET /conversations/:id), and learns there what is wrong. */
const CLOSE = {
  goingAway: { code: 1001, reason: 'server shutting down' },
  tokenExpired: { code: 4001, reason: 'token expired' },
  gone: { code: 4004, reason: 'conversation ended' },
} as const;

const STREAM_PATH = new RegExp(`^${DIRECT_LINE_BASE}/conversations/([A-Za-z0-9_-]{1,64})/stream$`);

interface StreamClient {
  readonly socket: WebSocket;
  readonly conversationId: string;
  watermark: number | undefined;
  alive: boolean;
  reading: boolean;
  readAgain: boolean;
}

interface WatchedConversation {
  clients: Set<StreamClient>;
  /** Resolves once notices of new activities arrive; to the function that stops them. */
  subscription: Promise<() => Promise<void>>;
}

function refuseUpgrade(socket: Duplex, status: number, headers: Readonly<Record<string, string>> = {}): void {
  const extra = Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n${extra}Connection: close\r\nContent-Length: 0\r\n\r\n`);
  socket.destroy();
}

/** The first refusal of `checks`, asked in turn. */
async function firstRefusal(checks: readonly UpgradeCheck[], req: IncomingMessage): Promise<UpgradeRefusal | undefined> {
  for (const check of checks) {
    const refusal = await check(req);
    if (refusal) return refusal;
  }
  return undefined;
}

function asError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}

/**
 * Direct Line's WebSocket streams (`streamUrl`): each socket gets the conversation's activity
 * sets `{ activities, watermark }` as they are appended — by this process or, through the store's
 * notices (Redis pub/sub), by any other — starting after the watermark of its URL (the whole kept
 * log without one). One subscription per conversation, however many sockets follow it here.
 * Clients keep polling as a fallback (GET …/activities) when a socket cannot open.
 */
export class ActivityStreams {
  private readonly server = new WebSocketServer({ noServer: true, maxPayload: MAX_CLIENT_MESSAGE_BYTES });
  private readonly watched = new Map<string, WatchedConversation>();
  private readonly timer: NodeJS.Timeout;
  private readonly onError: (err: Error) => void;
  private readonly checks: readonly UpgradeCheck[];
  private readonly onUpgradeAnswered: (status: number) => void;
  private accepting = true;
  private readonly stopLocalDelivery: () => void;

  constructor(
    private readonly directLine: DirectLine,
    options: ActivityStreamOptions = {},
  ) {
    this.onError = options.onError ?? (() => undefined);
    this.checks = options.checks ?? [];
    this.onUpgradeAnswered = options.onUpgradeAnswered ?? (() => undefined);
    this.timer = setInterval(() => void this.tick(), options.pingMs ?? DEFAULT_STREAM_PING_MS);
    this.timer.unref();
    this.stopLocalDelivery = directLine.onAppended((conversationId, entries) => this.deliverLocally(conversationId, entries));
  }

  /** Open sockets in this process. */
  get size(): number {
    let count = 0;
    for (const watched of this.watched.values()) count += watched.clients.size;
    return count;
  }

  /** The HTTP server's 'upgrade' listener: a stream URL that passes the checks, with a valid token, becomes a socket; anything else is refused. */
  readonly handleUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    socket.on('error', () => socket.destroy());
    const url = new URL(req.url ?? '/', 'http://localhost');
    const conversationId = STREAM_PATH.exec(url.pathname)?.[1];
    if (conversationId === undefined) return this.refuse(socket, 404);
    if (!this.accepting) return this.refuse(socket, 503);
    const watermark = watermarkOf(url.searchParams.get('watermark'));
    if (watermark === 'bad') return this.refuse(socket, 400);
    const token = url.searchParams.get('t') ?? bearerToken(req);
    const refusalOf = async (): Promise<UpgradeRefusal | undefined> => {
      const refusal = await firstRefusal(this.checks, req);
      if (refusal) return refusal;
      const access = await this.directLine.access(token ?? undefined, conversationId);
      return access.ok ? undefined : { status: access.reason === 'unknownConversation' ? 404 : 403 };
    };
    refusalOf().then(
      (refusal) => {
        if (refusal) return this.refuse(socket, refusal.status, refusal.headers);
        if (!this.accepting) return this.refuse(socket, 503);
        this.server.handleUpgrade(req, socket, head, (ws) => {
          this.onUpgradeAnswered(101);
          this.attach(ws, conversationId, watermark);
        });
      },
      (err: unknown) => {
        this.onError(asError(err));
        this.refuse(socket, 503);
      },
    );
  };

  private refuse(socket: Duplex, status: number, headers?: Readonly<Record<string, string>>): void {
    this.onUpgradeAnswered(status);
    refuseUpgrade(socket, status, headers);
  }

  /** Refuses new sockets, and closes the open ones (1001: clients reconnect, to another process). */
  async close(): Promise<void> {
    this.accepting = false;
    clearInterval(this.timer);
    this.stopLocalDelivery();
    const stops: Array<Promise<void>> = [];
    for (const [conversationId, watched] of this.watched) {
      for (const client of watched.clients) client.socket.close(CLOSE.goingAway.code, CLOSE.goingAway.reason);
      this.watched.delete(conversationId);
      stops.push(watched.subscription.then((stop) => stop()).catch((err: unknown) => this.onError(asError(err))));
    }
    await Promise.all(stops);
    this.server.close();
  }

  private attach(socket: WebSocket, conversationId: string, watermark: number | undefined): void {
    const client: StreamClient = { socket, conversationId, watermark, alive: true, reading: false, readAgain: false };
    socket.on('pong', () => (client.alive = true));
    // Web Chat's keep-alive: empty messages, to be ignored.
    socket.on('message', () => undefined);
    socket.on('error', () => socket.terminate());
    socket.on('close', () => this.detach(client));
    let watched = this.watched.get(conversationId);
    if (!watched) {
      const subscription = this.directLine.store.subscribe(conversationId, (lastSequence) => this.noticed(conversationId, lastSequence));
      watched = { clients: new Set(), subscription };
      this.watched.set(conversationId, watched);
      subscription.catch((err: unknown) => this.onError(asError(err)));
    }
    watched.clients.add(client);
    // Reads what is already there once notices of what comes next can arrive.
    watched.subscription.then(
      () => this.read(client),
      () => this.read(client),
    );
  }

  private detach(client: StreamClient): void {
    const watched = this.watched.get(client.conversationId);
    if (!watched?.clients.delete(client) || watched.clients.size > 0) return;
    this.watched.delete(client.conversationId);
    watched.subscription.then((stop) => stop()).catch((err: unknown) => this.onError(asError(err)));
  }

  /**
   * A notice of an append, from any process. When this process has an append to the conversation
   * under way, it is waited for: it is most likely the one noticed, and its entries are sent
   * without a read (deliverLocally). Only sockets still behind the noticed sequence read.
   */
  private noticed(conversationId: string, lastSequence: number | undefined): void {
    const underWay = this.directLine.appendsUnderWay(conversationId);
    if (underWay) void underWay.then(() => this.readBehind(conversationId, lastSequence));
    else this.readBehind(conversationId, lastSequence);
  }

  private readBehind(conversationId: string, lastSequence: number | undefined): void {
    for (const client of this.watched.get(conversationId)?.clients ?? []) {
      if (lastSequence !== undefined && client.watermark !== undefined && client.watermark >= lastSequence) continue;
      void this.read(client);
    }
  }

  /**
   * What this process appended, sent to its sockets of the conversation whose watermark is just
   * before it, without reading the log; a socket further behind (it missed something) reads.
   */
  private deliverLocally(conversationId: string, entries: readonly LogEntry[]): void {
    const first = entries[0]?.sequence;
    const last = entries.at(-1)?.sequence;
    if (first === undefined || last === undefined) return;
    let text: string | undefined;
    for (const client of this.watched.get(conversationId)?.clients ?? []) {
      // Before its first read (which brings these too), or with a read under way that may have missed them.
      if (client.watermark === undefined || client.reading) {
        if (client.reading) client.readAgain = true;
        continue;
      }
      if (client.watermark >= last) continue;
      if (client.watermark !== first - 1) {
        void this.read(client);
        continue;
      }
      if (client.socket.readyState !== client.socket.OPEN) continue;
      text ??= this.directLine.activitySetJson(conversationId, entries, last);
      client.socket.send(text);
      client.watermark = last;
      if (client.socket.bufferedAmount > MAX_BUFFERED_BYTES) client.socket.terminate();
    }
  }

  /** Sends what the log has after the client's watermark; one read at a time per client, again if notified meanwhile. */
  private async read(client: StreamClient): Promise<void> {
    if (client.reading) {
      client.readAgain = true;
      return;
    }
    client.reading = true;
    try {
      do {
        client.readAgain = false;
        const set = await this.directLine.activitiesJson(client.conversationId, client.watermark);
        if (client.socket.readyState !== client.socket.OPEN) return;
        if (!set) return client.socket.close(CLOSE.gone.code, CLOSE.gone.reason);
        if (set.count > 0) client.socket.send(set.json);
        client.watermark = set.watermark;
        if (client.socket.bufferedAmount > MAX_BUFFERED_BYTES) return client.socket.terminate();
      } while (client.readAgain);
    } catch (err) {
      // Redis unreachable: the next tick reads again.
      this.onError(asError(err));
    } finally {
      client.reading = false;
    }
  }

  private async tick(): Promise<void> {
    await Promise.all(
      [...this.watched].map(async ([conversationId, watched]) => {
        let check: StreamCheck;
        try {
          check = await this.directLine.store.checkStream(conversationId);
        } catch (err) {
          this.onError(asError(err));
          return;
        }
        for (const client of watched.clients) {
          if (check !== 'open') {
            const close = check === 'gone' ? CLOSE.gone : CLOSE.tokenExpired;
            client.socket.close(close.code, close.reason);
          } else if (!client.alive) {
            client.socket.terminate();
          } else {
            client.alive = false;
            client.socket.ping();
            void this.read(client);
          }
        }
      }),
    );
  }
}
