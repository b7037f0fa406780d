import assert from 'node:assert/strict';
import type { TurnContext } from 'botbuilder';
import { checkIncomingActivity } from '../src/http/activityValidation';
import { CheckedActivityAdapter } from '../src/http/checkedActivityAdapter';
import { createBotAuthentication } from '../src/http/strictAuthentication';

function checked(body: object) {
  const check = checkIncomingActivity(body);
  assert.ok(check.ok);
  return check.activity;
}

const activity = {
  type: 'message',
  id: 'a1',
  text: 'hola',
  channelId: 'webchat',
  serviceUrl: 'http://127.0.0.1:1/unused',
  from: { id: 'person' },
  recipient: { id: 'bot' },
  conversation: { id: 'c1' },
  deliveryMode: 'expectReplies',
  timestamp: '2026-11-27T15:04:05.000Z',
  localTimestamp: '2026-11-27T10:04:05.000-05:00',
};

describe('CheckedActivityAdapter', () => {
  it('runs the turn on the checked activity, times as Dates (raw strings kept), and returns the replies', async () => {
    const adapter = new CheckedActivityAdapter(createBotAuthentication({}));
    let seen: TurnContext['activity'] | undefined;
    const response = await adapter.runChecked('', checked(activity), async (context) => {
      seen = context.activity;
      await context.sendActivity(`you said ${context.activity.text}`);
    });
    assert.ok(seen);
    assert.ok(seen.timestamp instanceof Date);
    assert.equal(seen.timestamp.toISOString(), '2026-11-27T15:04:05.000Z');
    const raw = seen as unknown as { rawTimestamp?: string; rawLocalTimestamp?: string };
    assert.equal(raw.rawTimestamp, '2026-11-27T15:04:05.000Z');
    assert.equal(raw.rawLocalTimestamp, '2026-11-27T10:04:05.000-05:00');
    assert.equal(response?.status, 200);
    const body = response?.body as { activities?: { text?: string }[] };
    assert.deepEqual(body.activities?.map((a) => a.text), ['you said hola']);
  });

  it('refuses a request without a valid token once the bot has an app id', async () => {
    const adapter = new CheckedActivityAdapter(createBotAuthentication({ MicrosoftAppId: 'app-id', MicrosoftAppPassword: 'secret' }));
    let ran = false;
    await assert.rejects(
      adapter.runChecked('Bearer not-a-token', checked(activity), async () => {
        ran = true;
      }),
      (err: Error) => err.name === 'AuthenticationError' || /Unauthorized/.test(err.message),
    );
    assert.equal(ran, false);
  });
});
