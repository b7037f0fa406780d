import type { Clock } from '../../domain/clock';
import {
  type Access,
  type AppendListener,
  conversationIdOfToken,
  DEFAULT_DIRECT_LINE_LIMITS,
  type DirectLineLimits,
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
} from './directLineStore';

export interface MemoryDirectLineLimits extends DirectLineLimits {
  /** Beyond this many conversations, the least recently used is forgotten (memory has no eviction of its own). */
  maxConversations: number;
}

export const DEFAULT_MAX_MEMORY_CONVERSATIONS = 10_000;

interface Conversation {
  id: string;
  userId: string;
  locale: string | undefined;
  started: boolean;
  lastUsedMs: number;
  /** When the newest token expires. */
  tokenUntilMs: number;
  lastSequence: number;
  lastTimestampMs: number;
  log: LogEntry[];
  listeners: Set<AppendListener>;
}

const ONE_MINUTE_MS = 60_000;

/**
 * Direct Line conversations in this process's memory: the embedded mode, with no Redis. Expiry
 * reads the injected clock; idle conversations and expired tokens are swept on use, at most once
 * a minute.
 */
export class MemoryDirectLineStore implements DirectLineStore {
  readonly limits: MemoryDirectLineLimits;
  private readonly conversations = new Map<string, Conversation>();
  private readonly tokens = new Map<string, { conversationId: string; expiresAtMs: number }>();
  private lastSweepMs = 0;

  constructor(
    private readonly clock: Clock,
    limits: Partial<MemoryDirectLineLimits> = {},
  ) {
    this.limits = { ...DEFAULT_DIRECT_LINE_LIMITS, maxConversations: DEFAULT_MAX_MEMORY_CONVERSATIONS, ...limits };
  }

  get size(): number {
    return this.conversations.size;
  }

  async create(user: { id?: string; locale?: string }): Promise<IssuedToken> {
    this.sweep();
    const conversation: Conversation = {
      id: newConversationId(),
      userId: user.id ?? newUserId(),
      locale: user.locale,
      started: false,
      lastUsedMs: this.nowMs(),
      tokenUntilMs: 0,
      lastSequence: 0,
      lastTimestampMs: 0,
      log: [],
      listeners: new Set(),
    };
    this.conversations.set(conversation.id, conversation);
    while (this.conversations.size > this.limits.maxConversations) {
      const oldest = this.conversations.keys().next().value;
      if (oldest === undefined) break;
      this.conversations.delete(oldest);
    }
    return this.issue(conversation);
  }

  async access(token: string | undefined, conversationId?: string): Promise<Access> {
    this.sweep();
    const id = conversationId ?? conversationIdOfToken(token);
    if (conversationId !== undefined && !this.conversations.has(conversationId)) return { ok: false, reason: 'unknownConversation' };
    const entry = token ? this.tokens.get(tokenHash(token)) : undefined;
    if (!entry || entry.conversationId !== id || entry.expiresAtMs <= this.nowMs()) return { ok: false, reason: 'badToken' };
    const conversation = this.touch(entry.conversationId);
    if (!conversation) return { ok: false, reason: 'badToken' };
    return {
      ok: true,
      conversation: { id: conversation.id, userId: conversation.userId, locale: conversation.locale, started: conversation.started },
    };
  }

  async issueToken(conversationId: string): Promise<IssuedToken | undefined> {
    const conversation = this.touch(conversationId);
    return conversation ? this.issue(conversation) : undefined;
  }

  async markStarted(conversationId: string): Promise<boolean> {
    const conversation = this.touch(conversationId);
    if (!conversation || conversation.started) return false;
    conversation.started = true;
    return true;
  }

  async append(conversationId: string, activities: readonly LoggedActivity[], nowMs: number): Promise<LogEntry[] | undefined> {
    const conversation = this.touch(conversationId);
    if (!conversation) return undefined;
    const entries = activities.map((activity): LogEntry => {
      conversation.lastSequence += 1;
      conversation.lastTimestampMs = Math.max(nowMs, conversation.lastTimestampMs + 1);
      // Stored as JSON, as in Redis: nothing the caller does to its object later changes the log.
      const json = JSON.stringify(activity);
      const stored = JSON.parse(json) as LoggedActivity;
      return { sequence: conversation.lastSequence, timestampMs: conversation.lastTimestampMs, activity: stored, json };
    });
    conversation.log.push(...entries);
    const excess = conversation.log.length - this.limits.maxActivities;
    if (excess > 0) conversation.log.splice(0, excess);
    const last = conversation.lastSequence;
    if (entries.length > 0) for (const listener of conversation.listeners) queueMicrotask(() => listener(last));
    return entries;
  }

  async read(conversationId: string, afterSequence: number | undefined): Promise<LogSlice | undefined> {
    const conversation = this.touch(conversationId);
    if (!conversation) return undefined;
    const from = afterSequence ?? 0;
    return { entries: conversation.log.filter((entry) => entry.sequence > from), watermark: conversation.lastSequence };
  }

  async checkStream(conversationId: string): Promise<StreamCheck> {
    this.sweep();
    const conversation = this.touch(conversationId);
    if (!conversation) return 'gone';
    return conversation.tokenUntilMs > this.nowMs() ? 'open' : 'tokenExpired';
  }

  async subscribe(conversationId: string, listener: AppendListener): Promise<() => Promise<void>> {
    const conversation = this.conversations.get(conversationId);
    // Wrapped, so one listener given twice is two subscriptions.
    const own: AppendListener = (lastSequence) => listener(lastSequence);
    conversation?.listeners.add(own);
    return async () => {
      conversation?.listeners.delete(own);
    };
  }

  async close(): Promise<void> {
    this.conversations.clear();
    this.tokens.clear();
  }

  private issue(conversation: Conversation): IssuedToken {
    const token = newToken(conversation.id);
    const expiresAtMs = this.nowMs() + this.limits.tokenSeconds * 1000;
    this.tokens.set(tokenHash(token), { conversationId: conversation.id, expiresAtMs });
    conversation.tokenUntilMs = Math.max(conversation.tokenUntilMs, expiresAtMs);
    return { token, conversationId: conversation.id, expiresInSeconds: this.limits.tokenSeconds };
  }

  private touch(conversationId: string): Conversation | undefined {
    const conversation = this.conversations.get(conversationId);
    if (!conversation) return undefined;
    if (this.nowMs() - conversation.lastUsedMs >= this.limits.idleSeconds * 1000) {
      this.conversations.delete(conversationId);
      return undefined;
    }
    conversation.lastUsedMs = this.nowMs();
    // Map order is insertion order: re-inserting keeps the least recently used first.
    this.conversations.delete(conversationId);
    this.conversations.set(conversationId, conversation);
    return conversation;
  }

  private sweep(): void {
    const now = this.nowMs();
    if (now - this.lastSweepMs < ONE_MINUTE_MS && now >= this.lastSweepMs) return;
    this.lastSweepMs = now;
    const idleMs = this.limits.idleSeconds * 1000;
    for (const [id, conversation] of this.conversations) {
      if (now - conversation.lastUsedMs >= idleMs) this.conversations.delete(id);
    }
    for (const [key, entry] of this.tokens) {
      if (entry.expiresAtMs <= now || !this.conversations.has(entry.conversationId)) this.tokens.delete(key);
    }
  }

  private nowMs(): number {
    return this.clock.now().getTime();
  }
}
