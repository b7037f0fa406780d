import type { BotState, TurnContext } from 'botbuilder';
import { loadedState } from '../framework/loadedState';

/** The conversation state's property that holds them. */
const PROPERTY = 'handledActivityIds';

/** How many recent activity ids a conversation remembers; redeliveries come within seconds. */
export const REMEMBERED_ACTIVITIES = 20;

/**
 * An activity id as the state remembers it. Most channels' ids begin with the conversation id
 * (Direct Line: "<conversation id>|0000012"), which the state's key already names: such an id is
 * kept as "~" and the rest, any other as "=" and the whole id (the two never meet). The state is
 * read, parsed, written out and saved on every turn: twenty whole ids were a quarter of it.
 */
export function rememberedId(activityId: string, conversationId: string | undefined): string {
  return conversationId && activityId.length > conversationId.length && activityId.startsWith(conversationId)
    ? `~${activityId.slice(conversationId.length)}`
    : `=${activityId}`;
}

/**
 * Whether a remembered entry equal to this id is the id itself, as a bot from before rememberedId
 * kept them (conversations expire after a day; until then their redeliveries are still known).
 * Not for an id that begins with "~" or "=": an entry like that is a remembered form of another.
 */
function couldBeWholeId(activityId: string): boolean {
  return !activityId.startsWith('~') && !activityId.startsWith('=');
}

/**
 * The ids of the conversation's last activities, kept in the conversation state itself so that
 * "this activity was handled" is saved in the same write as the turn's effects: a turn that
 * failed (and saved nothing) is not marked, and its redelivery runs again; a turn that was saved
 * is marked, and its redelivery is skipped. Turns are serialised per conversation, so a
 * redelivery that arrives while the first delivery still runs waits for it, then finds the id.
 */
export class HandledActivities {
  constructor(
    private readonly conversationState: BotState,
    private readonly remembered = REMEMBERED_ACTIVITIES,
  ) {}

  async isRepeat(context: TurnContext): Promise<boolean> {
    const id = context.activity.id;
    if (!id) return false;
    const ids = (await loadedState(this.conversationState, context))[PROPERTY];
    if (!Array.isArray(ids)) return false;
    return ids.includes(rememberedId(id, context.activity.conversation?.id)) || (couldBeWholeId(id) && ids.includes(id));
  }

  async remember(context: TurnContext): Promise<void> {
    const id = context.activity.id;
    if (!id) return;
    const remembered = rememberedId(id, context.activity.conversation?.id);
    const state = await loadedState(this.conversationState, context);
    const known: unknown = state[PROPERTY];
    const ids = Array.isArray(known) ? (known as unknown[]) : [];
    state[PROPERTY] = [...ids.filter((entry) => entry !== remembered), remembered].slice(-this.remembered);
  }
}
