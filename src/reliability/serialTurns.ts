/**
 * One turn at a time per conversation, in arrival order.
 *
 * Inside one process a per-conversation promise chain queues the turns (first come, first
 * served). With a TurnLock (Redis), the head of that queue also takes a lock shared by every
 * bot process, so two processes never run turns of one conversation at once either.
 */
export interface TurnLease {
  /**
   * Gives the lock back. A lock that also carries the turn's state write (RedisTurnLock with its
   * storage) throws when that write fails; otherwise it never throws (a lease that cannot be
   * released expires by itself).
   */
  release(): Promise<void>;
}

export interface TurnLock {
  /** Waits until the conversation's lock is ours; throws when it cannot get it in time or Redis is unreachable. */
  acquire(conversationKey: string): Promise<TurnLease>;
}

export class SerialTurns {
  private readonly tails = new Map<string, Promise<void>>();

  constructor(private readonly lock?: TurnLock) {}

  /** Runs `turn` after every earlier turn of `conversationKey` has finished; without a key, at once. */
  async run<T>(conversationKey: string | undefined, turn: () => Promise<T>): Promise<T> {
    if (conversationKey === undefined) return turn();
    const previous = this.tails.get(conversationKey) ?? Promise.resolve();
    let finished: () => void = () => undefined;
    const mine = new Promise<void>((resolve) => (finished = resolve));
    const tail = previous.then(() => mine);
    this.tails.set(conversationKey, tail);
    try {
      await previous;
      const lease = this.lock ? await this.lock.acquire(conversationKey) : undefined;
      let result: T;
      try {
        result = await turn();
      } catch (err) {
        // What the turn saved before it failed is still written; the turn's own error is the one to report.
        await lease?.release().catch(() => undefined);
        throw err;
      }
      await lease?.release();
      return result;
    } finally {
      finished();
      if (this.tails.get(conversationKey) === tail) this.tails.delete(conversationKey);
    }
  }

  /** Conversations with a turn running or waiting in this process. */
  get busyConversations(): number {
    return this.tails.size;
  }
}

/** The conversation a turn belongs to: botbuilder's ConversationState storage key (no namespace); undefined without one. */
export function conversationKeyOf(activity: { channelId?: string; conversation?: { id?: string } }): string | undefined {
  const channelId = activity.channelId;
  const conversationId = activity.conversation?.id;
  if (!channelId || !conversationId) return undefined;
  return `${channelId}/conversations/${conversationId}/`;
}
