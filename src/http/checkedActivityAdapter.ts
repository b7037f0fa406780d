import { type Activity, CloudAdapter, type InvokeResponse, type TurnContext } from 'botbuilder';
import type { IncomingActivity } from './activityValidation';

/**
 * CloudAdapter for activities our route has already read and checked (activityValidation).
 * CloudAdapter.process would parse the request again with zod schemas it builds on every call
 * (about 4% of a turn's CPU in the benchmark); this goes straight to what process() calls next:
 * authentication, then the turn.
 */
export class CheckedActivityAdapter extends CloudAdapter {
  /** Authenticates the request and runs the turn; the invoke response (expectReplies: the replies) when there is one. */
  runChecked(authHeader: string, activity: IncomingActivity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(authHeader, asBotActivity(activity), logic);
  }
}

/**
 * The activity as botbuilder types it, with its times as Dates (the raw strings kept), which is
 * all CloudAdapter.process adds to a parsed body. The checks were ours: the cast only restates
 * botbuilder's own (its process() takes any object as an Activity).
 */
function asBotActivity(activity: IncomingActivity): Activity {
  const times: Record<string, unknown> = {};
  for (const [field, raw] of [['timestamp', 'rawTimestamp'], ['localTimestamp', 'rawLocalTimestamp'], ['expiration', 'rawExpiration']] as const) {
    const value: unknown = activity[field];
    if (typeof value === 'string') {
      times[raw] = value;
      times[field] = new Date(value);
    }
  }
  return { ...activity, ...times } as unknown as Activity;
}
