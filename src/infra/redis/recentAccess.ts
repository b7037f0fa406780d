/** How long a granted access is taken again without asking Redis. */
export const ACCESS_REMEMBERED_MS = 3_000;
const MAX_REMEMBERED = 10_000;

/** What a granted access found: the conversation's record as the store read it. */
export interface GrantedConversation {
  userId: string;
  locale: string | undefined;
  started: boolean;
}

interface Granted {
  conversationId: string;
  conversation: GrantedConversation;
  /** When this is asked of Redis again (ms of `now`). */
  untilMs: number;
}

/**
 * Redis's recent yeses to a token, so that a client's polls and posts a few seconds apart cost
 * one ACCESS script, not one each. Why it is safe:
 *
 * - Never past the token's own life: each is kept at most as long as Redis said the token has
 *   left (its PTTL), timed on this process's monotonic clock as Redis times its TTLs; and a token
 *   is never revoked before it expires (a refresh leaves the old one valid).
 * - Only a started conversation, whose record cannot change any more (`started` never goes back).
 * - A conversation that leaves Redis meanwhile (idle expiry, which that ACCESS had just put off by
 *   the idle time; eviction from a full state Redis) is still found gone by what the request does
 *   next: a post's append and a poll's read answer 404, as they would have a moment later anyway.
 *   A reconnect (GET /conversations/:id) may be given a stream URL whose stream is then refused.
 * - Skipping ACCESS skips its touch of the idle expiry: posts and polls touch it themselves.
 *
 * Kept by the token itself (hashing it for every request cost more than the lookup), bounded
 * (the oldest out first), in this process's memory, for no longer than the above.
 */
export class RecentAccess {
  private readonly granted = new Map<string, Granted>();

  constructor(
    private readonly rememberMs: number = ACCESS_REMEMBERED_MS,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** The conversation a token was recently granted, when it is `conversationId`'s. */
  recall(token: string, conversationId: string): GrantedConversation | undefined {
    const known = this.granted.get(token);
    if (!known) return undefined;
    if (known.untilMs <= this.now()) {
      this.granted.delete(token);
      return undefined;
    }
    return known.conversationId === conversationId ? known.conversation : undefined;
  }

  remember(token: string, conversationId: string, conversation: GrantedConversation, tokenValidMs: number): void {
    if (!conversation.started || this.rememberMs <= 0 || tokenValidMs <= 0) return;
    if (this.granted.size >= MAX_REMEMBERED && !this.granted.has(token)) this.granted.delete(this.granted.keys().next().value ?? '');
    this.granted.set(token, { conversationId, conversation, untilMs: this.now() + Math.min(this.rememberMs, tokenValidMs) });
  }
}
