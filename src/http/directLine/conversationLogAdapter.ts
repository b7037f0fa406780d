import { type Activity, ActivityTypes, type ConversationReference, type ResourceResponse, TurnContext } from 'botbuilder';
import { NativeBotAdapter } from '../../framework/nativeBotAdapter';
import { NativeTurnContext } from '../../framework/nativeTurnContext';

/** Receives what the bot sends into a conversation, in the turn of `context`; resolves with the id given to the activity. */
export type Delivery = (activity: Partial<Activity>, context: TurnContext) => Promise<string>;

/** Sent by the bot but never shown to a person: botbuilder's internals, or debugging aids that may carry state. */
const NOT_DELIVERED: ReadonlySet<string> = new Set([ActivityTypes.Trace, ActivityTypes.InvokeResponse, 'delay']);

/**
 * A botbuilder adapter for channels served by this process: a turn runs in process, and
 * whatever the bot sends is handed to `deliver` (an activity log) instead of being
 * POSTed to a channel's service URL. Its turns run natively (src/framework/), as /api/messages' do.
 */
export class ConversationLogAdapter extends NativeBotAdapter {
  constructor(private readonly deliver: Delivery) {
    super();
  }

  /** Runs one turn of the bot (through the adapter's middleware and onTurnError) for an incoming activity. */
  async runTurn(
    activity: Partial<Activity>,
    logic: (context: TurnContext) => Promise<void>,
    prepare?: (context: TurnContext) => void,
  ): Promise<void> {
    const context = new NativeTurnContext(this, activity);
    prepare?.(context);
    await this.runMiddleware(context, logic);
  }

  /** One after the other, so the log keeps the order the bot sent them in. */
  async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      responses.push({ id: activity.type && NOT_DELIVERED.has(activity.type) ? '' : await this.deliver(activity, context) });
    }
    return responses;
  }

  /** Direct Line has no edit: the new version is delivered again with the same id, and clients replace it. */
  async updateActivity(context: TurnContext, activity: Partial<Activity>): Promise<ResourceResponse | void> {
    await this.deliver(activity, context);
  }

  async deleteActivity(): Promise<void> {
    throw new Error('deleting an activity is not supported on this channel');
  }

  async continueConversation(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const activity = TurnContext.applyConversationReference({ type: ActivityTypes.Event, name: 'continueConversation' }, reference, true);
    await this.runTurn(activity, logic);
  }
}
