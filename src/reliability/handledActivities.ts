import type { BotState, StatePropertyAccessor, TurnContext } from 'botbuilder';

/** How many recent activity ids a conversation remembers; redeliveries come within seconds. */
export const REMEMBERED_ACTIVITIES = 20;

/**
 * The ids of the conversation's last activities, kept in the conversation state itself so that
 * "this activity was handled" is saved in the same write as the turn's effects: a turn that
 * failed (and saved nothing) is not marked, and its redelivery runs again; a turn that was saved
 * is marked, and its redelivery is skipped. Turns are serialised per conversation, so a
 * redelivery that arrives while the first delivery still runs waits for it, then finds the id.
 */
export class HandledActivities {
  private readonly ids: StatePropertyAccessor<string[]>;

  constructor(
    conversationState: BotState,
    private readonly remembered = REMEMBERED_ACTIVITIES,
  ) {
    this.ids = conversationState.createProperty<string[]>('handledActivityIds');
  }

  async isRepeat(context: TurnContext): Promise<boolean> {
    const id = context.activity.id;
    if (!id) return false;
    const ids = await this.ids.get(context);
    return Array.isArray(ids) && ids.includes(id);
  }

  async remember(context: TurnContext): Promise<void> {
    const id = context.activity.id;
    if (!id) return;
    const ids = (await this.ids.get(context)) ?? [];
    await this.ids.set(context, [...ids.filter((known) => known !== id), id].slice(-this.remembered));
  }
}
