/**
 * Direct Line conversations, tokens and activity logs in Redis, so that any bot process serves
 * any Web Chat conversation: no sticky sessions.
 *
 * Key layout (P = keyPrefix, "ip:dl:" by default; C = conversation id, whose hash tag keeps all of
 * a conversation's keys in one cluster slot, so each call is one script):
 *
 *   P{C}:c          hash     u user id, l locale, s started (0/1), n last sequence, t last timestamp (ms)
 *   P{C}:l          stream   the activity log: id "0-<sequence>", fields a (activity JSON), t (timestamp ms);
 *                            trimmed with MAXLEN ~ (whole stream nodes) to about maxActivities
 *   P{C}:t:<hash>   string   a token, by the SHA-256 of it; PX = the token lifetime
 *   P{C}:live       string   set with every token, PX = the token lifetime: the conversation has a valid token
 *   P{C}:w          set      the watcher ids of the processes whose streams follow the conversation
 *
 * The record and the log expire after idleSeconds without use; every call that finds the
 * conversation refreshes both. Expiry runs on the Redis server's clock. A process tells its own
 * streams of its appends itself, in memory; an append publishes "<last sequence> <watcher id>" on
 * the channel "P new:C" (classic pub/sub: on a cluster it reaches every node) only when another
 * process watches the conversation. A process that dies watching leaves its id until the set
 * expires with the conversation: its appenders publish to nobody meanwhile, as they all did before.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod/v4';
import type { ScriptClient } from './luaScript';
import type { RedisSubscriber } from './connect';
import { RecentAccess } from './recentAccess';
import { ACCESS, APPEND, CHECK_STREAM, CREATE, ISSUE, MARK_STARTED, READ, UNWATCH, WATCH } from './redisDirectLineScripts';
import {
  type Access,
  type AppendListener,
  conversationIdOfToken,
  DEFAULT_DIRECT_LINE_LIMITS,
  type DirectLineLimits,
  isClientReady,
  type DirectLineStore,
  type IssuedToken,
  type LogEntry,
  type LoggedActivity,
  type LogSlice,
  newConversationId,
  newToken,
  newUserId,
  type StreamCheck,
  tokenHash,
} from '../../http/directLine/directLineStore';

export interface RedisDirectLineStoreOptions {
  keyPrefix?: string;
  limits?: Partial<DirectLineLimits>;
  /** How long a granted token access is taken again without asking Redis (RecentAccess); 0: always asked. */
  accessRememberedMs?: number;
  /** This process among those that watch conversations (a random UUID by default): one per store, never shared. */
  watcherId?: string;
}

const accessReply = z.union([
  z.tuple([z.literal(0)]),
  z.tuple([z.literal(1)]),
  z.tuple([z.literal(2), z.string(), z.string(), z.enum(['0', '1']), z.number().int()]),
]);
const appendReply = z.union([z.null(), z.tuple([z.number().int(), z.array(z.string().regex(/^\d+$/))])]);
const streamEntry = z.tuple([z.string().regex(/^0-\d+$/), z.array(z.string())]);
const readReply = z.union([z.null(), z.tuple([z.number().int(), z.array(streamEntry)])]);

export class RedisDirectLineStore implements DirectLineStore {
  readonly limits: DirectLineLimits;
  private readonly keyPrefix: string;
  private readonly recentAccess: RecentAccess;
  private readonly watcherId: string;
  /** This process's listeners, by conversation: told of its own appends without Redis. */
  private readonly listeners = new Map<string, Set<AppendListener>>();

  constructor(
    private readonly client: ScriptClient,
    /** Opened on the first subscription: a process that streams nothing needs no pub/sub connection. */
    private readonly subscriber: () => Promise<RedisSubscriber>,
    options: RedisDirectLineStoreOptions = {},
  ) {
    this.keyPrefix = options.keyPrefix ?? 'ip:dl:';
    this.limits = { ...DEFAULT_DIRECT_LINE_LIMITS, ...options.limits };
    this.recentAccess = new RecentAccess(options.accessRememberedMs);
    this.watcherId = options.watcherId ?? randomUUID();
  }

  /** Every key of a conversation (tokens aside), for tests and operators. */
  keysOf(conversationId: string): { record: string; log: string; live: string; watchers: string } {
    const base = `${this.keyPrefix}{${conversationId}}`;
    return { record: `${base}:c`, log: `${base}:l`, live: `${base}:live`, watchers: `${base}:w` };
  }

  channelOf(conversationId: string): string {
    return `${this.keyPrefix}new:${conversationId}`;
  }

  async create(user: { id?: string; locale?: string }): Promise<IssuedToken> {
    const conversationId = newConversationId();
    const token = newToken(conversationId);
    const keys = this.keysOf(conversationId);
    await CREATE.run(
      this.client,
      [keys.record, keys.log, this.tokenKey(token), keys.live],
      [user.id ?? newUserId(), user.locale ?? '', this.idleMs(), this.tokenMs()],
    );
    return this.issued(conversationId, token);
  }

  async access(token: string | undefined, conversationId?: string): Promise<Access> {
    const fromToken = conversationIdOfToken(token);
    // A token of another conversation (or none) only leaves whether the named one exists to find out.
    const id = conversationId !== undefined && fromToken !== conversationId ? conversationId : fromToken;
    if (id === undefined) return { ok: false, reason: 'badToken' };
    const ownToken = id === fromToken ? token : undefined;
    const recalled = ownToken === undefined ? undefined : this.recentAccess.recall(ownToken, id);
    if (recalled) return { ok: true, conversation: { id, ...recalled } };
    const hash = ownToken === undefined ? undefined : tokenHash(ownToken);
    const keys = this.keysOf(id);
    const tokenKey = `${this.keyPrefix}{${id}}:t:${hash ?? 'none'}`;
    const reply = accessReply.parse(await ACCESS.run(this.client, [keys.record, keys.log, tokenKey], [this.idleMs()]));
    if (reply[0] === 0) return { ok: false, reason: conversationId === undefined ? 'badToken' : 'unknownConversation' };
    if (reply[0] === 1 || ownToken === undefined) return { ok: false, reason: 'badToken' };
    const conversation = { userId: reply[1], locale: reply[2] === '' ? undefined : reply[2], started: reply[3] === '1' };
    this.recentAccess.remember(ownToken, id, conversation, reply[4]);
    return { ok: true, conversation: { id, ...conversation } };
  }

  async issueToken(conversationId: string): Promise<IssuedToken | undefined> {
    const token = newToken(conversationId);
    const keys = this.keysOf(conversationId);
    const found = await ISSUE.run(this.client, [keys.record, keys.log, this.tokenKey(token), keys.live], [this.idleMs(), this.tokenMs()]);
    return found === 1 ? this.issued(conversationId, token) : undefined;
  }

  async markStarted(conversationId: string): Promise<boolean> {
    const keys = this.keysOf(conversationId);
    return (await MARK_STARTED.run(this.client, [keys.record, keys.log], [this.idleMs()])) === 1;
  }

  async append(conversationId: string, activities: readonly LoggedActivity[], nowMs: number): Promise<LogEntry[] | undefined> {
    const keys = this.keysOf(conversationId);
    const jsons = activities.map((activity) => JSON.stringify(activity));
    const ready = activities.map((activity) => (isClientReady(activity) ? '1' : '0')).join('');
    const reply = appendReply.parse(
      await APPEND.run(
        this.client,
        [keys.record, keys.log, keys.watchers],
        [
          String(Math.floor(nowMs)),
          String(this.limits.maxActivities),
          this.idleMs(),
          this.channelOf(conversationId),
          ready,
          this.watcherId,
          ...jsons,
        ],
      ),
    );
    if (!reply) return undefined;
    const [first, stamps] = reply;
    if (activities.length > 0) this.tellListeners(conversationId, first + activities.length - 1);
    return activities.map((activity, i) => ({ sequence: first + i, timestampMs: Number(stamps[i]), activity, json: jsons[i] }));
  }

  async read(conversationId: string, afterSequence: number | undefined): Promise<LogSlice | undefined> {
    const keys = this.keysOf(conversationId);
    const reply = readReply.parse(
      await READ.run(this.client, [keys.record, keys.log], [String(afterSequence ?? 0), String(this.limits.maxActivities), this.idleMs()]),
    );
    if (!reply) return undefined;
    return { watermark: reply[0], entries: reply[1].map(toLogEntry) };
  }

  async checkStream(conversationId: string): Promise<StreamCheck> {
    const keys = this.keysOf(conversationId);
    const reply = await CHECK_STREAM.run(this.client, [keys.record, keys.log, keys.live], [this.idleMs()]);
    return reply === 2 ? 'open' : reply === 1 ? 'tokenExpired' : 'gone';
  }

  /**
   * This process's appends are told in memory; other processes' through the channel, once this
   * process is among the conversation's watchers. The channel and the watchers are asked at once
   * (two connections, no order between them): an append before both are in place is what the
   * caller's first read, after this resolves, finds in the log; one after, both see.
   */
  async subscribe(conversationId: string, listener: AppendListener): Promise<() => Promise<void>> {
    const channel = this.channelOf(conversationId);
    // Wrapped, so one listener given twice is two subscriptions.
    const local: AppendListener = (lastSequence) => listener(lastSequence);
    let listening = this.listeners.get(conversationId);
    if (!listening) {
      listening = new Set();
      this.listeners.set(conversationId, listening);
    }
    listening.add(local);
    const remote = (message: unknown): void => {
      const [sequence, appender] = String(message).split(' ');
      if (appender === this.watcherId) return;
      const last = Number(sequence);
      listener(Number.isSafeInteger(last) ? last : undefined);
    };
    const keys = this.keysOf(conversationId);
    let subscriber: RedisSubscriber | undefined;
    const stop = async (): Promise<void> => {
      const set = this.listeners.get(conversationId);
      const last = set?.delete(local) === true && set.size === 0;
      if (last) this.listeners.delete(conversationId);
      await Promise.all([
        last ? UNWATCH.run(this.client, [keys.watchers], [this.watcherId]) : undefined,
        subscriber?.unsubscribe(channel, remote),
      ]);
    };
    try {
      subscriber = await this.subscriber();
      await Promise.all([
        subscriber.subscribe(channel, remote),
        WATCH.run(this.client, [keys.record, keys.log, keys.watchers], [this.watcherId, this.idleMs()]),
      ]);
    } catch (err) {
      await stop().catch(() => undefined);
      throw err;
    }
    return stop;
  }

  private tellListeners(conversationId: string, lastSequence: number): void {
    for (const listener of this.listeners.get(conversationId) ?? []) queueMicrotask(() => listener(lastSequence));
  }

  /** The connections belong to the caller. */
  async close(): Promise<void> {}

  private tokenKey(token: string): string {
    const conversationId = conversationIdOfToken(token) ?? '';
    return `${this.keyPrefix}{${conversationId}}:t:${tokenHash(token)}`;
  }

  private issued(conversationId: string, token: string): IssuedToken {
    return { token, conversationId, expiresInSeconds: this.limits.tokenSeconds };
  }

  private idleMs(): string {
    return String(Math.round(this.limits.idleSeconds * 1000));
  }

  private tokenMs(): string {
    return String(Math.round(this.limits.tokenSeconds * 1000));
  }
}

function toLogEntry([id, fields]: z.infer<typeof streamEntry>): LogEntry {
  const field = (name: string): string | undefined => {
    const at = fields.indexOf(name);
    return at >= 0 && at % 2 === 0 ? fields[at + 1] : undefined;
  };
  const json = field('a') ?? '{}';
  const sequence = Number(id.slice(2));
  const timestampMs = Number(field('t') ?? 0);
  // Marked by append(): sent as it is, parsed only if something asks for the activity.
  if (field('r') === '1') return lazilyParsed(sequence, timestampMs, json);
  return { sequence, timestampMs, activity: parsedActivity(json), json };
}

function lazilyParsed(sequence: number, timestampMs: number, json: string): LogEntry {
  let activity: LoggedActivity | undefined;
  return {
    sequence,
    timestampMs,
    json,
    clientReady: true,
    get activity(): LoggedActivity {
      activity ??= parsedActivity(json);
      return activity;
    },
  };
}

/** Written by append() as an activity's JSON: an object is all there is to check. */
function parsedActivity(json: string): LoggedActivity {
  const activity: unknown = JSON.parse(json);
  if (typeof activity !== 'object' || activity === null || Array.isArray(activity))
    throw new Error('a Direct Line log entry that is not an activity');
  return activity as LoggedActivity;
}
