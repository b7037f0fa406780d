/**
 * Property-based fuzzing of /api/messages through the real server (memory store, anonymous):
 * random bodies and mutated activities must get a 4xx or a 2xx, never a 5xx or a crash, and
 * the server must still hold a normal conversation afterwards.
 *
 * deliveryMode and serviceUrl are never mutated into other valid values: an activity with normal
 * delivery makes botbuilder POST the replies to its serviceUrl (retrying with backoff), which
 * would send the fuzzer's traffic to the network instead of testing our input handling.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { startBot, type RunningBot } from '../../src/composition/startBot';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { fixedClock } from '../../src/domain/clock';
import { ACCEPTED_ACTIVITY_TYPES } from '../../src/http/activityValidation';
import { TEST_NOW } from '../support/dialogHarness';
import { HttpConversation } from '../support/httpConversation';
import { describeReplies, saysKey, suggestedTitles } from '../support/replies';

const RUNS = 1000;
const MAX_BODY_BYTES = 16 * 1024;

/** Text people (and attackers) might type: any Unicode, control characters, markup, numbers, receipt-like strings. */
const text = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    'help',
    'cancel',
    'English',
    'Español',
    '1',
    '10001',
    'yes',
    'no',
    'IP-M8H0-EY4P-FC76-N',
    'EAC2212345678',
    '<b>x</b>',
    '**x**',
    '\u202e\u200f',
    '\u0000',
    '😀'.repeat(50),
  ),
  fc.string({ unit: fc.constantFrom('a', ' ', '\u0000', '\u202e', '<', '*', '😀', 'é', 'ا'), maxLength: 3000 }),
);

const junk = fc.anything({ maxDepth: 2, maxKeys: 4, withNullPrototype: false });

/** A well-formed activity the mutations start from; each run is its own conversation or one of a few shared ones. */
const baseActivity = fc.record({
  type: fc.constantFrom(...ACCEPTED_ACTIVITY_TYPES),
  activityId: fc.uuid(),
  conversationId: fc.constantFrom('fuzz-1', 'fuzz-2', 'fuzz-3').chain((shared) => fc.oneof(fc.constant(shared), fc.uuid())),
  text,
  locale: fc.oneof(fc.constantFrom('en-US', 'es', 'ar-EG', 'zh-Hans', 'xx', ''), fc.string({ maxLength: 10 })),
});

const FIELDS = [
  'type',
  'id',
  'channelId',
  'conversation',
  'from',
  'recipient',
  'text',
  'locale',
  'timestamp',
  'membersAdded',
  'attachments',
  'entities',
  'value',
  'channelData',
  'textFormat',
  'name',
] as const;

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), field: fc.constantFrom(...FIELDS) }),
  fc.record({ kind: fc.constant('replace' as const), field: fc.constantFrom(...FIELDS), value: junk }),
  fc.record({ kind: fc.constant('add' as const), field: fc.string({ maxLength: 12 }), value: junk }),
);

type Body = { kind: 'json'; value: unknown } | { kind: 'raw'; value: string };

const activityBody: fc.Arbitrary<Body> = fc.tuple(baseActivity, fc.array(mutation, { maxLength: 3 })).map(([base, mutations]) => {
  const activity: Record<string, unknown> = {
    type: base.type,
    id: base.activityId,
    channelId: 'webchat',
    serviceUrl: 'http://127.0.0.1:1/no-callbacks',
    deliveryMode: 'expectReplies',
    from: { id: `user-${base.conversationId}`, name: 'Person' },
    recipient: { id: 'infopass-bot', name: 'InfoPass' },
    conversation: { id: base.conversationId },
    text: base.text,
    locale: base.locale,
    ...(base.type === 'conversationUpdate' ? { membersAdded: [{ id: `user-${base.conversationId}` }] } : {}),
  };
  for (const m of mutations) {
    if (m.kind === 'delete') delete activity[m.field];
    else if (m.field !== 'deliveryMode' && m.field !== 'serviceUrl') activity[m.field] = m.value;
  }
  return { kind: 'json', value: activity };
});

const body: fc.Arbitrary<Body> = fc.oneof(
  { weight: 6, arbitrary: activityBody },
  { weight: 2, arbitrary: junk.map((value): Body => ({ kind: 'json', value })) },
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }).map((value): Body => ({ kind: 'raw', value })) },
);

describe('fuzzing /api/messages', function () {
  this.timeout(300_000);
  let bot: RunningBot;

  before(async () => {
    const config = loadConfig({ PORT: '0', LOG_LEVEL: 'silent', PERSON_KEY_SECRET: 'fuzz-test', MAX_BODY_BYTES: String(MAX_BODY_BYTES) });
    bot = await startBot(config, { clock: fixedClock(TEST_NOW), logger: createLogger('silent') });
  });

  after(async () => {
    await bot.close();
  });

  it(`answers ${RUNS} random activities with no 5xx, then still holds a normal conversation`, async () => {
    const statuses = new Map<number, number>();
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        const payload = b.kind === 'json' ? (JSON.stringify(b.value) ?? 'undefined') : b.value;
        const response = await fetch(`${bot.url}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: payload,
        });
        await response.arrayBuffer();
        sent += 1;
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        assert.ok(response.status < 500, `${response.status} for ${payload.slice(0, 300)}`);
      }),
      { numRuns: RUNS, seed: 20261201, endOnFailure: true },
    );
    const serverErrors = [...statuses].filter(([status]) => status >= 500).reduce((n, [, count]) => n + count, 0);
    console.log(`      fuzzed ${sent} requests: ${JSON.stringify(Object.fromEntries([...statuses].sort()))}, 5xx: ${serverErrors}`);
    assert.equal(sent, RUNS);
    assert.equal(serverErrors, 0);
    assert.ok((statuses.get(200) ?? 0) > RUNS / 10, 'a good share of the activities reached the bot');

    const c = new HttpConversation(bot.url);
    const welcome = await c.join();
    assert.ok(saysKey(welcome, 'en', 'language.prompt'), describeReplies(welcome));
    const menu = await c.send('English');
    assert.ok(saysKey(menu, 'en', 'menu.prompt'), describeReplies(menu));
    const zip = await c.send(suggestedTitles(menu)[0]);
    assert.ok(saysKey(zip, 'en', 'location.zipPrompt'), describeReplies(zip));
    assert.ok(saysKey(await c.send('10001'), 'en', 'location.office'), c.transcript.join('\n'));
  });
});
