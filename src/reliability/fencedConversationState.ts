import { ConversationState, type StoreItem, type TurnContext } from 'botbuilder';
import { ABSENT_ETAG, storedJsonOf, withJson } from '../storage/redisStorage';

interface ReadVersion {
  /** The eTag the state had when this turn read it; ABSENT_ETAG when there was none. */
  eTag: string;
  hash: string;
}

/**
 * The state as JSON, without its eTag: what the storage would write. Native JSON.stringify, not
 * botbuilder's calculateChangeHash (a replacer-based stringify several times slower): the state is
 * stored as JSON, so it holds nothing JSON cannot say, and change detection needs no more.
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
 */
export class FencedConversationState extends ConversationState {
  private readonly readVersion = Symbol('readVersion');

  override async load(context: TurnContext, force = false): Promise<Record<string, unknown>> {
    const state = (await super.load(context, force)) as StoreItem;
    if (force || !context.turnState.has(this.readVersion)) {
      // The JSON the storage read is the state's hash as read: no need to write it out again.
      const hash = storedJsonOf(state) ?? changeHash(state);
      const version: ReadVersion = { eTag: typeof state.eTag === 'string' && state.eTag !== '*' ? state.eTag : ABSENT_ETAG, hash };
      context.turnState.set(this.readVersion, version);
    }
    return state;
  }

  override async saveChanges(context: TurnContext, force = false): Promise<void> {
    const version = context.turnState.get(this.readVersion) as ReadVersion | undefined;
    const state = this.get(context) as StoreItem | undefined;
    if (!version || !state) return super.saveChanges(context, force);
    const hash = changeHash(state);
    if (!force && hash === version.hash) return;
    const key = this.getStorageKey(context);
    if (key === undefined) throw new Error('FencedConversationState: the activity has no conversation id');
    await this.storage.write({ [key]: withJson({ ...state, eTag: version.eTag }, hash) });
    // The storage does not hand back the new eTag: a second save in the same turn overwrites.
    context.turnState.set(this.readVersion, { eTag: '*', hash } satisfies ReadVersion);
  }
}
