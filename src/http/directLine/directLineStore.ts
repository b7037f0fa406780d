import { createHash, randomBytes } from 'node:crypto';
import type { Activity } from 'botbuilder';

export interface DirectLineLimits {
  /** How long a token is valid. Web Chat refreshes its token every 15 minutes, whatever this is. */
  tokenSeconds: number;
  /** A conversation nobody has touched (posted to, read, refreshed, streamed) for this long is forgotten. */
  idleSeconds: number;
  /** A read gives at most this many of the latest activities; older ones are trimmed from the log. */
  maxActivities: number;
}

export const DEFAULT_DIRECT_LINE_LIMITS: DirectLineLimits = {
  tokenSeconds: 30 * 60,
  idleSeconds: 60 * 60,
  maxActivities: 500,
};

export interface ConversationRecord {
  readonly id: string;
  readonly userId: string;
  readonly locale: string | undefined;
  /** True once the bot has been told the person joined. */
  readonly started: boolean;
}

export interface IssuedToken {
  token: string;
  conversationId: string;
  expiresInSeconds: number;
}

/**
 * An activity as a conversation's log keeps it and clients read it. Direct Line gives clients the
 * conversation's id alone, and neither the bot's service URL nor a recipient: the bot's turn has
 * those; the log, what is sent and what Redis holds are about a quarter smaller without them (a
 * plain reply: 475 bytes, not 646).
 */
export type LoggedActivity = Omit<Partial<Activity>, 'conversation' | 'serviceUrl' | 'recipient'> & { conversation?: { id: string } };

/** One activity of a conversation's log, as stored: its id only when the bot gave one (an update). */
export interface LogEntry {
  /** 1, 2, 3… in the conversation: the watermark a client is given. */
  sequence: number;
  /** Strictly increasing in the conversation, so clients that order by timestamp keep the order of the log. */
  timestampMs: number;
  activity: LoggedActivity;
  /** The activity's JSON as the store wrote it, when it is at hand (an append's own entries): clients are sent it as it is. */
  json?: string;
  /** Whether `json` is what clients get but for the timestamp (it has an id and no timestamp); worked out from `activity` when not told. */
  clientReady?: boolean;
}

/** Whether an activity's JSON is what clients get of it but for the timestamp: it has an id and no timestamp. */
export function isClientReady(activity: LoggedActivity): boolean {
  return activity.id !== undefined && !Object.hasOwn(activity, 'timestamp');
}

/** Told of an append: the last sequence it reached, when the notice says. */
export type AppendListener = (lastSequence: number | undefined) => void;

export type Access = { ok: true; conversation: ConversationRecord } | { ok: false; reason: 'unknownConversation' | 'badToken' };

/** Whether a stream may stay open: while the conversation's newest token is valid. */
export type StreamCheck = 'open' | 'tokenExpired' | 'gone';

export interface LogSlice {
  entries: LogEntry[];
  /** The sequence of the latest activity (0 before any). */
  watermark: number;
}

/**
 * Where Direct Line keeps its conversations, their tokens and activity logs: in this process's
 * memory (the embedded mode) or in Redis, where every bot process serves every conversation.
 * Every call that names a conversation and finds it also touches it: its idle expiry starts again.
 */
export interface DirectLineStore {
  readonly limits: DirectLineLimits;
  /** A new conversation, not started, and its first token. */
  create(user: { id?: string; locale?: string }): Promise<IssuedToken>;
  /**
   * The conversation a valid token belongs to. With `conversationId` (a route naming one), an
   * unknown conversation comes first, then a token that is missing, wrong, expired or another
   * conversation's.
   */
  access(token: string | undefined, conversationId?: string): Promise<Access>;
  /** A new token for a conversation (refresh); undefined when the conversation is gone. */
  issueToken(conversationId: string): Promise<IssuedToken | undefined>;
  /** True for the one caller, in any process, that starts the conversation; false after that or when it is gone. */
  markStarted(conversationId: string): Promise<boolean>;
  /**
   * Adds activities to the log in one step, in order, each with the next sequence and a timestamp
   * after the last (`nowMs` is the earliest one may get), and sends listeners one notice carrying
   * the last sequence. Resolves with the entries (the activities as given, or the log's copies);
   * undefined when the conversation is gone. Each activity is read when it is called, not later.
   */
  append(conversationId: string, activities: readonly LoggedActivity[], nowMs: number): Promise<LogEntry[] | undefined>;
  /** The entries after `afterSequence` (all that are kept without one), at most the latest `maxActivities`; undefined when gone. */
  read(conversationId: string, afterSequence: number | undefined): Promise<LogSlice | undefined>;
  /** Touches the conversation and says whether a stream of it may stay open. */
  checkStream(conversationId: string): Promise<StreamCheck>;
  /**
   * Calls `listener` after activities are appended to the conversation, in this process or
   * (Redis) any other, with the last sequence appended (undefined when a notice does not carry
   * one). Notices can be lost (a reconnecting subscriber): a reader also reads on a timer.
   * Resolves, once listening, with the function that stops it.
   */
  subscribe(conversationId: string, listener: AppendListener): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export function randomId(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

/** Conversation ids: random, base64url (no "." and no braces). */
export function newConversationId(): string {
  return randomId(18);
}

/** A user id for a client that names none. Not "dl_": Web Chat reserves that prefix for user ids embedded in a signed token. */
export function newUserId(): string {
  return `u_${randomId(12)}`;
}

/**
 * A token is "<conversation id>.<random>": the conversation it opens can be found without a
 * lookup (so Redis keeps all of a conversation's keys in one slot), and only the random part,
 * kept as a hash, makes it valid.
 */
export function newToken(conversationId: string): string {
  return `${conversationId}.${randomId(32)}`;
}

const TOKEN = /^([A-Za-z0-9_-]{1,64})\.[A-Za-z0-9_-]{16,128}$/;

export function conversationIdOfToken(token: string | undefined): string | undefined {
  return token ? TOKEN.exec(token)?.[1] : undefined;
}

/** Tokens are kept by their hash: what is stored opens nothing, and a lookup reveals nothing through its timing. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
