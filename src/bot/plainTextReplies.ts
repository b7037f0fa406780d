import { ActivityTypes, type Middleware, type TurnContext } from 'botbuilder';

/**
 * Marks every message the bot sends as plain text (unless it says otherwise), so that a name or
 * anything else a person typed and the bot repeats is shown as typed: Web Chat and Teams render
 * messages without a textFormat as Markdown. Our sentences carry no Markdown of their own.
 */
export const plainTextReplies: Middleware = {
  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    context.onSendActivities(async (_context, activities, nextSend) => {
      for (const activity of activities) {
        if (activity.type === ActivityTypes.Message && activity.textFormat === undefined) activity.textFormat = 'plain';
      }
      return nextSend();
    });
    await next();
  },
};
