import { createHmac } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Request, RequestHandler, Response } from 'restify';
import type { UpgradeCheck } from './directLine/streams';

/** Every budget counts requests in a fixed window of one minute. */
export const RATE_WINDOW_SECONDS = 60;

/** Requests allowed per minute; 0 turns a budget off. */
export interface DirectLineRateBudgets {
  /** New conversations (a token from /tokens/generate, or /conversations without one) from one client. */
  newConversationsPerClient: number;
  /** New conversations from everyone together: the only overall budget, so a flood cannot starve conversations already open. */
  newConversationsOverall: number;
  /** Starting a conversation with its token, refreshing a token, and reconnecting to a conversation (GET /conversations/:id), from one client. */
  requestsPerClient: number;
  /** Messages posted from one client. */
  messagesPerClient: number;
  /** Messages posted to one conversation. */
  messagesPerConversation: number;
  /** Polls (GET …/activities) from one client: the bot's page, when it polls, reads twice a second (120 a minute per conversation). */
  pollsPerClient: number;
  /** Polls from everyone together. */
  pollsOverall: number;
  /** WebSocket streams opened (upgrades of a stream URL) from one client: one per conversation, and one per reconnect. */
  streamsPerClient: number;
  /** WebSocket streams opened by everyone together. */
  streamsOverall: number;
}

export const DEFAULT_RATE_BUDGETS: DirectLineRateBudgets = {
  newConversationsPerClient: 20,
  newConversationsOverall: 120,
  requestsPerClient: 120,
  messagesPerClient: 120,
  messagesPerConversation: 30,
  // The bot's page polls twice a second: ten people polling behind one address (an office, a library); 250 overall.
  pollsPerClient: 1_200,
  pollsOverall: 30_000,
  streamsPerClient: 60,
  streamsOverall: 1_200,
};

/**
 * What a budget needs of rate-limiter-flexible's limiters (RateLimiterRedis, RateLimiterMemory):
 * `consume` resolves within the budget, and rejects with a result that says how long until the
 * window ends (`msBeforeNext`) beyond it — or with an Error when its store failed.
 */
export interface Limiter {
  consume(key: string): Promise<unknown>;
}

function overBudget(rejection: unknown): rejection is { msBeforeNext: number } {
  return (
    typeof rejection === 'object' &&
    rejection !== null &&
    !(rejection instanceof Error) &&
    'msBeforeNext' in rejection &&
    typeof rejection.msBeforeNext === 'number'
  );
}

/** Makes the limiter of one budget: `name` tells budgets apart in the store; `points` per `windowSeconds`. */
export type LimiterFactory = (name: string, points: number, windowSeconds: number) => Limiter;

export type Scope = 'client' | 'overall' | 'conversation';

/** How many subjects' digests are kept in memory (about 100 bytes each). */
const MAX_KEPT_DIGESTS = 4_096;

interface Budget {
  name: string;
  scope: Scope;
  limiter: Limiter;
}

export interface RateLimitOptions {
  budgets: DirectLineRateBudgets;
  makeLimiter: LimiterFactory;
  /** The client a request (or a WebSocket upgrade) counts against (src/http/clientAddress.ts: an address, or an IPv6 /64). */
  clientOf: (req: IncomingMessage) => string;
  /** Keys the digests that stand for clients and conversations in the store: no address is kept as such. */
  keySecret: string;
  /** Told of every refused request: which budget and scope. */
  onRefused?: (budget: string, scope: Scope) => void;
  /** Told when a limiter fails (its store down and no fallback): the request is let through. */
  onError?: (err: unknown) => void;
}

export interface Refusal {
  budget: string;
  scope: Scope;
  retryAfterSeconds: number;
}

/** A Direct Line error body (`{ error: { code, message } }`), with `Retry-After` in seconds. */
export function refuseTooMany(res: Response, retryAfterSeconds: number): void {
  res.header('retry-after', String(retryAfterSeconds));
  res.json(429, { error: { code: 'TooManyRequests', message: `Too many requests; try again in ${retryAfterSeconds} s.` } });
}

/** The kinds of request that have budgets. */
export type RequestKind = 'newConversation' | 'startConversation' | 'refreshToken' | 'reconnect' | 'message' | 'poll' | 'stream';

/** Who a request counts against: its client (an address, or an IPv6 /64) and, for a message, its conversation. */
export interface Requester {
  client: string;
  conversationId?: string;
}

/**
 * The rate limits of the Direct Line routes, one restify handler per route, each placed before the
 * route's own handler: it answers 429 with Retry-After when a budget is spent, else passes on.
 */
export class DirectLineRateLimits {
  /** POST /tokens/generate. */
  readonly generateToken: RequestHandler;
  /** POST /conversations: with a token, that conversation starts; without one, a new conversation. */
  readonly startConversation: RequestHandler;
  /** POST /tokens/refresh. */
  readonly refreshToken: RequestHandler;
  /** GET /conversations/:conversationId: a client reconnecting, for a new stream URL. */
  readonly reconnect: RequestHandler;
  /** POST /conversations/:conversationId/activities. */
  readonly postActivity: RequestHandler;
  /**
   * GET /conversations/:conversationId/activities: polling. The client's budget is asked here; the
   * overall one while the route reads (overallVerdict), since a read changes nothing: one round
   * trip to the store fewer for every poll, the commonest request of a polling page.
   */
  readonly pollActivities: RequestHandler;
  /** Each kind's budgets: its client's and conversation's, asked together, and the overall ones, asked after. */
  private readonly staged: Record<RequestKind, { own: readonly Budget[]; overall: readonly Budget[] }>;
  /** Digests of recent subjects: the same clients and conversations ask again and again (a poll, a post). */
  private readonly digests = new Map<string, string>();
  /** The overall budgets' answers still to come, of requests let on by their own budgets (pollActivities). */
  private readonly overallVerdicts = new WeakMap<IncomingMessage, Promise<Refusal | undefined>>();

  constructor(private readonly options: RateLimitOptions) {
    const { budgets } = options;
    const budget = (name: string, scope: Scope, points: number): Budget[] =>
      points > 0 ? [{ name, scope, limiter: options.makeLimiter(`${name}:${scope}`, points, RATE_WINDOW_SECONDS) }] : [];
    // An overall budget is asked after the client's (check()): one client must not spend the budget everybody shares.
    const newConversation = [
      ...budget('new-conversation', 'client', budgets.newConversationsPerClient),
      ...budget('new-conversation', 'overall', budgets.newConversationsOverall),
    ];
    const request = budget('request', 'client', budgets.requestsPerClient);
    const byKind: Record<RequestKind, readonly Budget[]> = {
      newConversation,
      startConversation: request,
      refreshToken: request,
      reconnect: request,
      message: [
        ...budget('message', 'client', budgets.messagesPerClient),
        ...budget('message', 'conversation', budgets.messagesPerConversation),
      ],
      poll: [...budget('poll', 'client', budgets.pollsPerClient), ...budget('poll', 'overall', budgets.pollsOverall)],
      stream: [...budget('stream', 'client', budgets.streamsPerClient), ...budget('stream', 'overall', budgets.streamsOverall)],
    };
    const stage = (list: readonly Budget[]) => ({
      own: list.filter((b) => b.scope !== 'overall'),
      overall: list.filter((b) => b.scope === 'overall'),
    });
    this.staged = {
      newConversation: stage(byKind.newConversation),
      startConversation: stage(byKind.startConversation),
      refreshToken: stage(byKind.refreshToken),
      reconnect: stage(byKind.reconnect),
      message: stage(byKind.message),
      poll: stage(byKind.poll),
      stream: stage(byKind.stream),
    };
    this.generateToken = this.handler(() => 'newConversation');
    this.startConversation = this.handler((req) =>
      /^Bearer\s+\S/i.test(req.header('authorization') ?? '') ? 'startConversation' : 'newConversation',
    );
    this.refreshToken = this.handler(() => 'refreshToken');
    this.reconnect = this.handler(() => 'reconnect');
    this.postActivity = this.handler(() => 'message');
    this.pollActivities = this.handler(() => 'poll', { overallLater: true });
  }

  /**
   * The overall budgets' answer for a request whose handler left them to be asked alongside the
   * route's own work (pollActivities); undefined (let on) for any other request. The route answers
   * 429 itself with a refusal (refuseTooMany).
   */
  overallVerdict(req: IncomingMessage): Promise<Refusal | undefined> {
    return this.overallVerdicts.get(req) ?? Promise.resolve(undefined);
  }

  /** A WebSocket upgrade of a stream URL, before its handshake (ActivityStreams' check): 429 with Retry-After once a budget of streams is spent. */
  readonly streamUpgrade: UpgradeCheck = async (req: IncomingMessage) => {
    const refusal = await this.check('stream', { client: this.options.clientOf(req) });
    return refusal && { status: 429, headers: { 'retry-after': String(refusal.retryAfterSeconds) } };
  };

  /**
   * The first budget of `kind` the request overspends. Its client's and its conversation's budgets
   * are asked together (one round trip to the store) and each counts the request; the overall
   * budget is asked only once they let it on, so that a client refused its own cannot spend
   * everybody's.
   */
  async check(kind: RequestKind, requester: Requester): Promise<Refusal | undefined> {
    return (await this.checkOwn(kind, requester)) ?? (await this.checkOverall(kind, requester));
  }

  /** The client's and the conversation's budgets of `kind`, asked together. */
  private async checkOwn(kind: RequestKind, requester: Requester): Promise<Refusal | undefined> {
    const refusals = await Promise.all(this.staged[kind].own.map((budget) => this.consume(budget, requester)));
    return refusals.find((refusal) => refusal !== undefined);
  }

  /** The overall budgets of `kind`, in turn: only asked of a request its own budgets let on. */
  private async checkOverall(kind: RequestKind, requester: Requester): Promise<Refusal | undefined> {
    for (const budget of this.staged[kind].overall) {
      const refusal = await this.consume(budget, requester);
      if (refusal) return refusal;
    }
    return undefined;
  }

  /** Counts the request against one budget: its refusal when that budget is spent; nothing when the store fails (onError). */
  private async consume(budget: Budget, requester: Requester): Promise<Refusal | undefined> {
    try {
      await budget.limiter.consume(this.subject(requester, budget.scope));
      return undefined;
    } catch (err) {
      if (!overBudget(err)) {
        this.options.onError?.(err);
        return undefined;
      }
      this.options.onRefused?.(budget.name, budget.scope);
      return { budget: budget.name, scope: budget.scope, retryAfterSeconds: Math.max(1, Math.ceil(err.msBeforeNext / 1000)) };
    }
  }

  /** A keyed digest: the store never holds an address or a conversation id. */
  private subject(requester: Requester, scope: Scope): string {
    if (scope === 'overall') return 'all';
    const who = scope === 'client' ? `client:${requester.client}` : `conversation:${requester.conversationId ?? ''}`;
    const known = this.digests.get(who);
    if (known !== undefined) return known;
    const digest = createHmac('sha256', this.options.keySecret).update(who).digest('base64url').slice(0, 22);
    // Bounded: the oldest goes first (a flood from many addresses only churns it).
    if (this.digests.size >= MAX_KEPT_DIGESTS) this.digests.delete(this.digests.keys().next().value ?? '');
    this.digests.set(who, digest);
    return digest;
  }

  private handler(kindOf: (req: Request) => RequestKind, { overallLater = false } = {}): RequestHandler {
    return (req, res, next) => {
      const conversationId: unknown = req.params?.conversationId;
      const requester = { client: this.options.clientOf(req), ...(typeof conversationId === 'string' ? { conversationId } : {}) };
      const kind = kindOf(req);
      const verdict = overallLater
        ? this.checkOwn(kind, requester).then((refusal) => {
            if (!refusal && this.staged[kind].overall.length > 0) this.overallVerdicts.set(req, this.checkOverall(kind, requester));
            return refusal;
          })
        : this.check(kind, requester);
      verdict.then(
        (refusal) => {
          if (!refusal) return next();
          refuseTooMany(res, refusal.retryAfterSeconds);
          return next(false);
        },
        (err: unknown) => next(err instanceof Error ? err : new Error(String(err))),
      );
    };
  }
}
