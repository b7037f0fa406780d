import { ConversationState, type StoreItem, type TurnContext } from 'botbuilder';
import { ABSENT_ETAG, storedJsonOf, withJson } from '../infra/redis/redisStorage';

/** A turn's copy of the state, with the version it read. */
interface CachedState {
  state: StoreItem;
  /** The eTag the state had when this turn read it; ABSENT_ETAG when there was none, '*' after this turn saved. */
  eTag: string;
  /** The state's JSON (without eTag) as read or last saved; '' when it must be saved (cleared). */
  hash: string;
}

/**
 * The state as JSON, without its eTag: what the storage would write. Native JSON.stringify, not
 * botbuilder's calculateChangeHash (a replacer-based stringify and a SHA-256, several times
 * slower): the state is stored as JSON, so it holds nothing JSON cannot say, and change detection
 * needs no more.
 */
function changeHash(state: StoreItem): string {
  const { eTag: _eTag, ...document } = state;
  return JSON.stringify(document);
}

/**
 * ConversationState whose save is conditional on the version this turn read.
 *
 * botbuilder's BotState.saveChanges always writes with eTag '*', so of two turns that read the
 * same state the later save silently wins. This one writes with the eTag it read (or "only if
 * nothing is stored" for a new conversation): a turn whose view is stale — it lost its turn
 * lock while stalled and another turn saved meanwhile — fails with the storage's eTag conflict
 * instead of overwriting. That is the fencing check behind the per-conversation turn lock.
 *
 * It keeps its own per-turn cache (load, get, clear, delete, saveChanges all use it) rather than
 * BotState's: BotState.load hashes the whole state with calculateChangeHash on every read, which
 * was ~3% of a turn's CPU, while the JSON the storage read is already the state's hash here.
 */
export class FencedConversationState extends ConversationState {
  private readonly cacheKey = Symbol('fencedConversationState');

  override async load(context: TurnContext, force = false): Promise<Record<string, unknown>> {
    const cached = this.cached(context);
    if (cached && !force) return cached.state;
    const key = this.keyOf(context);
    const state: StoreItem = (await this.storage.read([key]))[key] ?? {};
    const eTag = typeof state.eTag === 'string' && state.eTag !== '*' ? state.eTag : ABSENT_ETAG;
    // The JSON the storage read is the state's hash as read: no need to write it out again.
    context.turnState.set(this.cacheKey, { state, eTag, hash: storedJsonOf(state) ?? changeHash(state) } satisfies CachedState);
    return state;
  }

  override get(context: TurnContext): Record<string, unknown> | undefined {
    return this.cached(context)?.state;
  }

  /** Empties the state for this turn; the next save writes it (fenced on the version read, if any). */
  override async clear(context: TurnContext): Promise<void> {
    const eTag = this.cached(context)?.eTag ?? '*';
    context.turnState.set(this.cacheKey, { state: {}, eTag, hash: '' } satisfies CachedState);
  }

  override async delete(context: TurnContext): Promise<void> {
    context.turnState.delete(this.cacheKey);
    await this.storage.delete([this.keyOf(context)]);
  }

  override async saveChanges(context: TurnContext, force = false): Promise<void> {
    const cached = this.cached(context) ?? (force ? { state: {}, eTag: '*', hash: '' } : undefined);
    if (!cached) return;
    const hash = changeHash(cached.state);
    if (!force && hash === cached.hash) return;
    await this.storage.write({ [this.keyOf(context)]: withJson({ ...cached.state, eTag: cached.eTag }, hash) });
    // The storage does not hand back the new eTag: a second save in the same turn overwrites.
    context.turnState.set(this.cacheKey, { state: cached.state, eTag: '*', hash } satisfies CachedState);
  }

  private cached(context: TurnContext): CachedState | undefined {
    return context.turnState.get(this.cacheKey) as CachedState | undefined;
  }

  private keyOf(context: TurnContext): string {
    const key = this.getStorageKey(context);
    if (key === undefined) throw new Error('FencedConversationState: the activity has no conversation id');
    return key;
  }
}
