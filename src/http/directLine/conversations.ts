import { createHash, randomBytes } from 'node:crypto';
import type { Activity } from 'botbuilder';
import type { Clock } from '../../domain/clock';

export interface DirectLineLimits {
  /** How long a token is valid; Direct Line clients refresh theirs at half this. */
  tokenSeconds: number;
  /** A conversation nobody has touched (posted to, polled, refreshed) for this long is forgotten. */
  idleSeconds: number;
  /** The activity log keeps this many of the latest activities per conversation. */
  maxActivities: number;
  /** Beyond this many conversations in memory, the least recently used is forgotten. */
  maxConversations: number;
}

export const DEFAULT_DIRECT_LINE_LIMITS: DirectLineLimits = {
  tokenSeconds: 30 * 60,
  idleSeconds: 60 * 60,
  maxActivities: 500,
  maxConversations: 10_000,
};

export interface Conversation {
  readonly id: string;
  readonly userId: string;
  readonly locale: string | undefined;
  /** True once the bot has been told the person joined. */
  started: boolean;
  lastUsedMs: number;
  /** Sequence number of the latest activity: the watermark a client is given. */
  lastSequence: number;
  log: Array<{ sequence: number; activity: Partial<Activity> }>;
  /** Turns of one conversation run one after the other (conversation state is saved with eTag '*'). */
  turns: Promise<void>;
  pendingTurns: number;
}

export interface IssuedToken {
  token: string;
  conversationId: string;
  expiresInSeconds: number;
}

export type TokenCheck = { ok: true; conversation: Conversation } | { ok: false; reason: 'unknownConversation' | 'badToken' };

const ONE_MINUTE_MS = 60_000;

function randomId(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

/** Tokens are kept by their hash: a lookup then reveals nothing about a token through its timing. */
function tokenKey(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/**
 * The Direct Line conversations of this process: their tokens and activity logs, in memory.
 * Idle conversations and expired tokens are swept on use, at most once a minute.
 */
export class DirectLineConversations {
  private readonly conversations = new Map<string, Conversation>();
  private readonly tokens = new Map<string, { conversationId: string; expiresAtMs: number }>();
  private lastSweepMs = 0;

  constructor(
    private readonly clock: Clock,
    readonly limits: DirectLineLimits = DEFAULT_DIRECT_LINE_LIMITS,
  ) {}

  get size(): number {
    return this.conversations.size;
  }

  create(user: { id?: string; locale?: string }): Conversation {
    this.sweep();
    const conversation: Conversation = {
      id: randomId(18),
      // Not "dl_": Web Chat reserves that prefix for user ids embedded in a signed token.
      userId: user.id ?? `u_${randomId(12)}`,
      locale: user.locale,
      started: false,
      lastUsedMs: this.nowMs(),
      lastSequence: 0,
      log: [],
      turns: Promise.resolve(),
      pendingTurns: 0,
    };
    this.conversations.set(conversation.id, conversation);
    while (this.conversations.size > this.limits.maxConversations) {
      const oldest = this.conversations.keys().next().value;
      if (oldest === undefined) break;
      this.conversations.delete(oldest);
    }
    return conversation;
  }

  issueToken(conversation: Conversation): IssuedToken {
    const token = randomId(32);
    this.tokens.set(tokenKey(token), { conversationId: conversation.id, expiresAtMs: this.nowMs() + this.limits.tokenSeconds * 1000 });
    return { token, conversationId: conversation.id, expiresInSeconds: this.limits.tokenSeconds };
  }

  byId(conversationId: string): Conversation | undefined {
    return this.conversations.get(conversationId);
  }

  /** The conversation a valid, unexpired token belongs to. */
  byToken(token: string | undefined): Conversation | undefined {
    if (!token) return undefined;
    this.sweep();
    const entry = this.tokens.get(tokenKey(token));
    if (!entry || entry.expiresAtMs <= this.nowMs()) return undefined;
    return this.touch(entry.conversationId);
  }

  /** Unknown conversation first (404), then a missing, wrong, expired or other conversation's token (403). */
  check(conversationId: string, token: string | undefined): TokenCheck {
    this.sweep();
    if (!this.conversations.has(conversationId)) return { ok: false, reason: 'unknownConversation' };
    const conversation = this.byToken(token);
    if (!conversation || conversation.id !== conversationId) return { ok: false, reason: 'badToken' };
    return { ok: true, conversation };
  }

  append(conversation: Conversation, activity: Partial<Activity>): number {
    conversation.lastSequence += 1;
    conversation.log.push({ sequence: conversation.lastSequence, activity });
    const excess = conversation.log.length - this.limits.maxActivities;
    if (excess > 0) conversation.log.splice(0, excess);
    return conversation.lastSequence;
  }

  /** Activities after the watermark (all that are kept when there is none), and the new watermark. */
  after(conversation: Conversation, watermark: number | undefined): { activities: Partial<Activity>[]; watermark: number } {
    const from = watermark ?? 0;
    return {
      activities: conversation.log.filter((entry) => entry.sequence > from).map((entry) => entry.activity),
      watermark: conversation.lastSequence,
    };
  }

  private touch(conversationId: string): Conversation | undefined {
    const conversation = this.conversations.get(conversationId);
    if (!conversation) return undefined;
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
      if (now - conversation.lastUsedMs >= idleMs && conversation.pendingTurns === 0) this.conversations.delete(id);
    }
    for (const [key, entry] of this.tokens) {
      if (entry.expiresAtMs <= now || !this.conversations.has(entry.conversationId)) this.tokens.delete(key);
    }
  }

  private nowMs(): number {
    return this.clock.now().getTime();
  }
}
