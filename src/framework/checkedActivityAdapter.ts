import {
  type Activity,
  ActivityTypes,
  BotCallbackHandlerKey,
  CloudAdapter,
  DeliveryModes,
  INVOKE_RESPONSE_KEY,
  type InvokeResponse,
  StatusCodes,
  type TurnContext,
} from 'botbuilder';
import type { IncomingActivity } from '../http/activityValidation';
import { NativeTurnContext } from './nativeTurnContext';

/**
 * CloudAdapter for activities our route has already read and checked (activityValidation).
 * CloudAdapter.process would parse the request again with zod schemas it builds on every call
 * (about 4% of a turn's CPU in the benchmark); this goes straight to what process() calls next:
 * authentication, then the turn.
 *
 * The turn itself runs as CloudAdapterBase.processActivity and BotAdapter.runMiddleware run it —
 * authenticate, the connector and user-token clients, the turn context with the same turnState
 * keys, the middleware, onTurnError, the invoke response — written here as one native async
 * function. botbuilder's two are generators (its TypeScript output targets ES2015) that stay
 * suspended for the whole turn, and runMiddleware hands the turn a revocable Proxy of its
 * context, through which every property read of the turn went. The Proxy only made a context
 * used after its turn throw; nothing here keeps one past its turn.
 */
export class CheckedActivityAdapter extends CloudAdapter {
  /**
   * Authenticates the request and runs the turn; the invoke response (expectReplies: the replies)
   * when there is one. The turn takes `checked` over (its times become Dates).
   */
  async runChecked(
    authHeader: string,
    checked: IncomingActivity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    const activity = asBotActivity(checked);
    const auth = await this.botFrameworkAuthentication.authenticateRequest(activity, authHeader);
    (activity as { callerId?: string }).callerId = auth.callerId;
    const connectorClient = await auth.connectorFactory?.create(activity.serviceUrl, auth.audience);
    if (!connectorClient) throw new Error('Unable to extract ConnectorClient from turn context.');
    const userTokenClient = await this.botFrameworkAuthentication.createUserTokenClient(auth.claimsIdentity);

    const context = new NativeTurnContext(this, activity);
    context.turnState.set(this.BotIdentityKey, auth.claimsIdentity);
    context.turnState.set(this.ConnectorClientKey, connectorClient);
    context.turnState.set(this.UserTokenClientKey, userTokenClient);
    context.turnState.set(BotCallbackHandlerKey, logic);
    context.turnState.set(this.ConnectorFactoryKey, auth.connectorFactory);
    context.turnState.set(this.OAuthScopeKey, auth.audience);
    if (activity.locale) context.locale = activity.locale;
    try {
      await this.middleware.run(context, () => logic(context));
    } catch (err) {
      if (!this.onTurnError) throw err;
      await this.onTurnError(context, err instanceof Error ? err : new Error(String(err)));
    }
    return turnResults(context);
  }
}

/** What the request answers after the turn, as CloudAdapterBase.processTurnResults says it. */
function turnResults(context: TurnContext): InvokeResponse | undefined {
  if (context.activity.deliveryMode === DeliveryModes.ExpectReplies) {
    return { status: StatusCodes.OK, body: { activities: context.bufferedReplyActivities } };
  }
  if (context.activity.type === ActivityTypes.Invoke) {
    const response = context.turnState.get(INVOKE_RESPONSE_KEY) as { value?: InvokeResponse } | undefined;
    return response?.value ?? { status: StatusCodes.NOT_IMPLEMENTED };
  }
  return undefined;
}

const TIMES = [
  ['timestamp', 'rawTimestamp'],
  ['localTimestamp', 'rawLocalTimestamp'],
  ['expiration', 'rawExpiration'],
] as const;

/**
 * The activity as botbuilder types it, with its times as Dates (the raw strings kept), which is
 * all CloudAdapter.process adds to a parsed body. The checks were ours: the cast only restates
 * botbuilder's own (its process() takes any object as an Activity). The checked activity is the
 * validation's own new object, handed over to the turn: its times are converted in place.
 */
function asBotActivity(activity: IncomingActivity): Activity {
  const fields = activity as Record<string, unknown>;
  for (const [field, raw] of TIMES) {
    const value = fields[field];
    if (typeof value === 'string') {
      fields[raw] = value;
      fields[field] = new Date(value);
    }
  }
  return activity as unknown as Activity;
}
