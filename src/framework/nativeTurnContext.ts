import {
  type Activity,
  ActivityTypes,
  DeliveryModes,
  INVOKE_RESPONSE_KEY,
  InputHints,
  type ResourceResponse,
  type SendActivitiesHandler,
  TurnContext,
} from 'botbuilder';

/**
 * TurnContext whose sendActivity and sendActivities are native async functions. botbuilder's
 * sendActivity is a generator driven by a helper (docs/botbuilder-overrides.md), and its
 * sendActivities hands the send to its handlers as another: two per message a turn sends. Same
 * activities, same handlers in the same order, same responses, the same replies buffered for
 * "expectReplies" and the same `responded` flag.
 *
 * The send handlers are kept here as they are registered (TurnContext's own list is private);
 * they are registered with TurnContext too, so that anything reading its list sees them.
 */
export class NativeTurnContext extends TurnContext {
  private readonly sendHandlers: SendActivitiesHandler[] = [];

  override onSendActivities(handler: SendActivitiesHandler): this {
    this.sendHandlers.push(handler);
    super.onSendActivities(handler);
    return this;
  }

  override async sendActivity(
    activityOrText: string | Partial<Activity>,
    speak?: string,
    inputHint?: string,
  ): Promise<ResourceResponse | undefined> {
    let activity: Partial<Activity>;
    if (typeof activityOrText === 'string') {
      activity = { text: activityOrText, inputHint: inputHint || InputHints.AcceptingInput };
      if (speak) activity.speak = speak;
    } else {
      activity = activityOrText;
    }
    const responses = (await this.sendActivities([activity])) || [];
    return responses[0];
  }

  override sendActivities(activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    let sentNonTraceActivity = false;
    const reference = TurnContext.getConversationReference(this.activity);
    const output = activities.map((activity) => {
      const result = TurnContext.applyConversationReference({ ...activity }, reference);
      if (!result.type) result.type = ActivityTypes.Message;
      if (result.type !== ActivityTypes.Trace) sentNonTraceActivity = true;
      if (result.id) delete result.id;
      return result;
    });
    const send = async (): Promise<ResourceResponse[]> => {
      if (this.activity.deliveryMode === DeliveryModes.ExpectReplies) {
        const buffered = this.buffer(output);
        if (sentNonTraceActivity) this.responded = true;
        return buffered;
      }
      const responses = await this.adapter.sendActivities(this, output);
      for (let index = 0; index < responses?.length; index++) (output[index] as Partial<Activity>).id = responses[index]?.id;
      if (sentNonTraceActivity) this.responded = true;
      return responses;
    };
    return this.runSendHandlers(0, output, send);
  }

  /** "expectReplies": the replies go back in the response; each gets an empty resource response. */
  private buffer(output: Partial<Activity>[]): ResourceResponse[] {
    return output.map((activity) => {
      this.bufferedReplyActivities.push(activity);
      // Not sent through the adapter, which would put an invoke response in the turn's state.
      if (activity.type === ActivityTypes.InvokeResponse) this.turnState.set(INVOKE_RESPONSE_KEY, activity);
      // botbuilder's own: a response without an id (its type says there is one).
      return { id: undefined } as unknown as ResourceResponse;
    });
  }

  /** TurnContext's private emit: each handler in turn, the send last; a handler's synchronous throw is a rejection. */
  private runSendHandlers(
    index: number,
    activities: Partial<Activity>[],
    send: () => Promise<ResourceResponse[]>,
  ): Promise<ResourceResponse[]> {
    const handler = this.sendHandlers[index];
    try {
      return handler ? handler(this, activities, () => this.runSendHandlers(index + 1, activities, send)) : Promise.resolve(send());
    } catch (err) {
      return Promise.reject(err);
    }
  }
}
