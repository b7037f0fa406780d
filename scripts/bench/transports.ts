/**
 * How the load generator reaches the bot. `messages`: POST /api/messages with deliveryMode
 * expectReplies, the replies in the answer (the bench's reference). `polling` and `stream`: the
 * bot's own Direct Line as Web Chat uses it — a token (/tokens/generate), the conversation started
 * with it (the bot greets), each message POSTed to …/activities, and the bot's replies read either by
 * GET …/activities?watermark= (polling) or from the conversation's WebSocket `streamUrl` (stream).
 *
 * A Direct Line turn is over when the bot's replies to the posted message are seen — the activities
 * whose replyToId is the id the post was given — and satisfy the turn's `expected` (by default: at
 * least one reply), not when the POST answers.
 */
import { type Agent, request } from 'node:http';
import type { Activity } from 'botbuilder';
import WebSocket from 'ws';
import { RATE_LIMIT_SETTINGS } from '../../src/config';

export const TRANSPORTS = ['messages', 'polling', 'stream'] as const;
export type TransportName = (typeof TRANSPORTS)[number];

export type Replies = Partial<Activity>[];

/** Sends one activity of a conversation; resolves with the bot's replies to it once `expected` holds of them (or it gave up waiting). */
export type Exchange = (
  activity: Partial<Activity>,
  expected?: (replies: Replies) => boolean,
) => Promise<{ status: number; replies: Replies }>;

export interface ReplyCounts {
  /** Bot activities whose replyToId is a post (or the start) of their conversation. */
  matched: number;
  /** Bot activities that answered nothing this client posted. */
  unmatched: number;
}

export interface Transport {
  exchange: Exchange;
  /** Lets go of a conversation once it is over (its socket, its log). */
  end(conversationId: string): void;
  counts(): ReplyCounts;
  close(): void;
}

/**
 * The Direct Line rate budgets (src/http/rateLimit.ts) raised for the bench, through the settings:
 * 50 people on one address post far beyond a person's budget. The limiters still run (and cost).
 */
export const BENCH_RATE_LIMIT_SETTINGS: Readonly<Record<string, string>> = Object.fromEntries(
  RATE_LIMIT_SETTINGS.map((name) => [name, '1000000']),
);

/** After the POST answered (the bot's turn is over), how long replies may still take to show up before the turn counts as answered by what came. */
const REPLY_GRACE_MS = 2_000;
/** Polling: the pause between GETs while the reply is not in the log yet. */
const POLL_PAUSE_MS = 10;

interface HttpAnswer {
  status: number;
  json: Record<string, unknown>;
}

function httpJson(agent: Agent, base: URL, method: string, path: string, body?: unknown, token?: string): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = request(
      {
        host: base.hostname,
        port: base.port,
        path,
        method,
        agent,
        headers: {
          ...(payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: Record<string, unknown> = {};
          try {
            json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
          } catch {
            // not JSON: the status says what went wrong
          }
          resolve({ status: res.statusCode ?? 0, json });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** /api/messages with expectReplies: the answer holds the replies. */
function messagesTransport(agent: Agent, base: URL): Transport {
  let replies = 0;
  return {
    exchange: async (activity) => {
      const { status, json } = await httpJson(agent, base, 'POST', '/api/messages', activity);
      const got = (json.activities as Replies | undefined) ?? [];
      replies += got.length;
      return { status, replies: got };
    },
    end: () => undefined,
    counts: () => ({ matched: replies, unmatched: 0 }),
    close: () => undefined,
  };
}

const isBot = (activity: Partial<Activity>): boolean => activity.from?.role === 'bot';

/**
 * What the greeting answers: botbuilder gives no replyToId to replies to a conversationUpdate on
 * Direct Line (TurnContext's getReplyToId), so the bot's activities without one are the start's.
 */
const START = '(start)';
const answered = (activity: Partial<Activity>): string => activity.replyToId ?? START;

/** One Direct Line conversation as its Web Chat page holds it. */
class DirectLineSession {
  token = '';
  id = '';
  watermark = '';
  socket: WebSocket | undefined;
  /** Every activity the client has read, in order. */
  readonly seen: Replies = [];
  /** Ids the bot may answer: each post's, and the start's (the greeting). */
  readonly posted = new Set<string>([START]);
  /** clientActivityID → the id Direct Line gave the post, learned from its echo on the stream. */
  readonly echoed = new Map<string, string>();
  private wake: (() => void) | undefined;

  take(activities: Replies): void {
    for (const activity of activities) {
      this.seen.push(activity);
      const clientId = (activity.channelData as { clientActivityID?: unknown } | undefined)?.clientActivityID;
      if (!isBot(activity) && typeof clientId === 'string' && activity.id) this.echoed.set(clientId, activity.id);
    }
    this.wakeUp();
  }

  /** Ends the wait of next(): something arrived (activities, or the POST's answer). */
  wakeUp(): void {
    this.wake?.();
  }

  repliesTo(id: string): Replies {
    return this.seen.filter((a) => isBot(a) && answered(a) === id);
  }

  /** Resolves at the next activity read, or after `ms`. */
  next(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = undefined;
        done();
      };
    });
  }

  counts(): ReplyCounts {
    const bot = this.seen.filter(isBot);
    const matched = bot.filter((a) => this.posted.has(answered(a))).length;
    return { matched, unmatched: bot.length - matched };
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The bot's own Direct Line, its replies read by polling or from the WebSocket stream. */
function directLineTransport(agent: Agent, base: URL, mode: 'polling' | 'stream'): Transport {
  const sessions = new Map<string, DirectLineSession>();
  const totals: ReplyCounts = { matched: 0, unmatched: 0 };
  const api = (method: string, path: string, session: DirectLineSession, body?: unknown): Promise<HttpAnswer> =>
    httpJson(agent, base, method, `/v3/directline${path}`, body, session.token);

  const poll = async (session: DirectLineSession): Promise<void> => {
    const { status, json } = await api('GET', `/conversations/${session.id}/activities?watermark=${session.watermark}`, session);
    if (status !== 200) throw new Error(`Direct Line GET activities answered ${status}`);
    session.watermark = String(json.watermark);
    session.take(json.activities as Replies);
  };

  /** A token for this person, the conversation started (the bot greets), and, streaming, its socket open. */
  const open = async (session: DirectLineSession, userId: string): Promise<number> => {
    const generated = await httpJson(agent, base, 'POST', '/v3/directline/tokens/generate', { user: { id: userId } });
    if (generated.status !== 200) return generated.status;
    session.token = String(generated.json.token);
    session.id = String(generated.json.conversationId);
    const started = await api('POST', '/conversations', session);
    if (started.status !== 201 && started.status !== 200) return started.status;
    if (mode === 'stream') session.socket = await openSocket(String(started.json.streamUrl), session);
    return 200;
  };

  /** Waits until the replies to the post (its id once known) satisfy `expected`, or the grace after the turn is over has passed. */
  const awaitReplies = async (
    session: DirectLineSession,
    idOf: () => string | undefined,
    turnOverAt: () => number | undefined,
    expected: (replies: Replies) => boolean,
  ): Promise<Replies> => {
    for (;;) {
      const id = idOf();
      const replies = id === undefined ? [] : session.repliesTo(id);
      if (id !== undefined && expected(replies)) return replies;
      const over = turnOverAt();
      if (over !== undefined && performance.now() - over > REPLY_GRACE_MS) return replies;
      if (mode === 'polling') {
        if (id !== undefined) {
          await poll(session);
          if (expected(session.repliesTo(id))) continue;
        }
        await sleep(POLL_PAUSE_MS);
      } else {
        await session.next(over === undefined ? 1_000 : REPLY_GRACE_MS);
      }
    }
  };

  const exchange: Exchange = async (activity, expected = (replies) => replies.length > 0) => {
    const key = activity.conversation?.id ?? '';
    let session = sessions.get(key);
    if (!session) {
      session = new DirectLineSession();
      sessions.set(key, session);
      const status = await open(session, activity.from?.id ?? 'bench-user');
      if (status !== 200) return { status, replies: [] };
    }
    const s = session;
    if (activity.type === 'conversationUpdate') {
      // Joining is the start: the greeting answers it.
      const startedAt = performance.now();
      return {
        status: 200,
        replies: await awaitReplies(
          s,
          () => START,
          () => startedAt,
          expected,
        ),
      };
    }
    const clientId = activity.id ?? `post-${s.posted.size}`;
    let postedId: string | undefined;
    let answeredAt: number | undefined;
    let failed: number | undefined;
    const posting = api('POST', `/conversations/${s.id}/activities`, s, {
      type: 'message',
      text: activity.text,
      channelData: { clientActivityID: clientId },
    }).then(
      ({ status, json }) => {
        answeredAt = performance.now();
        if (status !== 200) failed = status;
        else postedId = String(json.id);
        s.wakeUp();
      },
      () => {
        answeredAt = performance.now();
        failed = 0;
        s.wakeUp();
      },
    );
    // Polling reads once the POST has answered; the stream may bring the replies before that.
    if (mode === 'polling') await posting;
    const idOf = (): string | undefined => {
      const id = postedId ?? s.echoed.get(clientId);
      if (id) s.posted.add(id);
      return id;
    };
    // A refused post ends the wait at once.
    const turnOverAt = (): number | undefined => (failed === undefined ? answeredAt : -Infinity);
    const replies = await awaitReplies(s, idOf, turnOverAt, (r) => failed === undefined && expected(r));
    return { status: failed ?? 200, replies };
  };

  return {
    exchange,
    end(conversationId) {
      const session = sessions.get(conversationId);
      if (!session) return;
      sessions.delete(conversationId);
      session.socket?.close();
      const counts = session.counts();
      totals.matched += counts.matched;
      totals.unmatched += counts.unmatched;
    },
    counts: () => totals,
    close() {
      for (const id of [...sessions.keys()]) this.end(id);
    },
  };
}

function openSocket(url: string, session: DirectLineSession): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    // As a browser's socket: no compression offered (Web Chat's server side has none), and the
    // UTF-8 check a browser does natively is not done again in JavaScript on the bot's cores.
    const socket = new WebSocket(url, { perMessageDeflate: false, skipUTF8Validation: true });
    socket.on('message', (data) => {
      const text = String(data);
      if (text) session.take((JSON.parse(text) as { activities: Replies }).activities);
    });
    socket.once('open', () => resolve(socket));
    // A socket that fails later leaves the turn to its grace: the wait ends without the replies.
    socket.on('error', () => socket.terminate());
    socket.once('unexpected-response', (_req, res) => reject(new Error(`stream refused: HTTP ${res.statusCode}`)));
    socket.once('error', reject);
  });
}

export function makeTransport(name: TransportName, baseUrl: string, agent: Agent): Transport {
  const base = new URL(baseUrl);
  return name === 'messages' ? messagesTransport(agent, base) : directLineTransport(agent, base, name);
}
