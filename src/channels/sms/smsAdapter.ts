import { BotAdapter, type Activity, type ConversationReference, type ResourceResponse, TurnContext } from 'botbuilder';

const OUTBOX = Symbol('infopass.sms.outbox');

/**
 * Runs a turn in process for an SMS that arrived by webhook, through the same middleware and
 * bot logic as /api/messages; the turn's replies are collected and answered in the webhook's
 * response (TwiML), so nothing is ever sent outside a reply.
 */
export class SmsAdapter extends BotAdapter {
  /** Runs the turn; resolves to the activities the bot sent, in order. */
  async processActivity(activity: Partial<Activity>, logic: (context: TurnContext) => Promise<void>): Promise<Partial<Activity>[]> {
    const outbox: Partial<Activity>[] = [];
    const context = new TurnContext(this, activity);
    context.turnState.set(OUTBOX, outbox);
    await this.runMiddleware(context, logic);
    return outbox;
  }

  override async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const outbox: unknown = context.turnState.get(OUTBOX);
    if (!Array.isArray(outbox)) throw new Error('SMS replies can only answer an incoming SMS');
    return activities.map((activity) => {
      if (activity.type === 'delay') return { id: '' };
      outbox.push(activity);
      return { id: `${context.activity.id ?? 'sms'}-reply-${outbox.length}` };
    });
  }

  override async updateActivity(): Promise<void> {
    throw new Error('an SMS cannot be changed once sent');
  }

  override async deleteActivity(): Promise<void> {
    throw new Error('an SMS cannot be deleted once sent');
  }

  override async continueConversation(_reference: Partial<ConversationReference>): Promise<void> {
    throw new Error('proactive SMS are not supported: replies go only in answer to an incoming SMS');
  }
}
