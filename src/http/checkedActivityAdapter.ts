import { type Activity, CloudAdapter, type InvokeResponse, type TurnContext } from 'botbuilder';
import type { IncomingActivity } from './activityValidation';

/**
 * CloudAdapter for activities our route has already read and checked (activityValidation).
 * CloudAdapter.process would parse the request again with zod schemas it builds on every call
 * (about 4% of a turn's CPU in the benchmark); this goes straight to what process() calls next:
 * authentication, then the turn.
 */
export class CheckedActivityAdapter extends CloudAdapter {
  /**
   * Authenticates the request and runs the turn; the invoke response (expectReplies: the replies)
   * when there is one. The turn takes `activity` over (its times become Dates).
   */
  runChecked(authHeader: string, activity: IncomingActivity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(authHeader, asBotActivity(activity), logic);
  }
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
