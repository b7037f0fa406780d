import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { fixedClock } from '../../../src/domain/clock';
import { DirectLine } from '../../../src/http/directLine/directLine';
import type { LogEntry } from '../../../src/http/directLine/directLineStore';
import { MemoryDirectLineStore } from '../../../src/http/directLine/memoryDirectLineStore';
import { TEST_NOW } from '../../support/dialogHarness';

const NOW = new Date(TEST_NOW);
const clock = fixedClock(TEST_NOW);

const directLine = new DirectLine(async () => undefined, { store: new MemoryDirectLineStore(clock), clock });
const CONVERSATION = 'conv-1';

const ACTIVITIES: ReadonlyArray<[string, Partial<Activity>]> = [
  [
    'an echo',
    {
      type: 'message',
      id: 'conv-1|a',
      text: 'hola, ¿mañana a las 10?',
      channelData: { clientActivityID: 'x"1' },
      from: { id: 'u', name: '', role: 'user' },
    },
  ],
  [
    'a reply with a card and suggested actions',
    {
      type: 'message',
      id: 'conv-1|a.1',
      text: 'Elija una hora:\n"8:00" — 中文 — العربية',
      attachments: [{ contentType: 'application/vnd.microsoft.card.hero', content: { buttons: [{ type: 'imBack', value: '8:00' }] } }],
      suggestedActions: { to: [], actions: [{ type: 'imBack', title: 'Sí', value: 'sí' }] },
      replyToId: 'conv-1|a',
    },
  ],
  ['an activity with no field', { id: 'conv-1|b' }],
  ['without an id (a proactive message): the sequence makes it', { type: 'message', text: 'reminder' }],
  ['with a timestamp of its own: the log’s replaces it', { type: 'message', id: 'conv-1|c', timestamp: new Date(0) }],
  ['with an undefined field', { type: 'typing', id: 'conv-1|d', text: undefined }],
];

/** Entries as an append returns them: the activity and the JSON the store wrote of it. */
function appended(activities: readonly Partial<Activity>[], withJson: boolean): LogEntry[] {
  return activities.map((activity, i) => ({
    sequence: 41 + i,
    timestampMs: NOW.getTime() + i,
    activity,
    ...(withJson ? { json: JSON.stringify(activity) } : {}),
  }));
}

describe('Direct Line: an activity set as the stream sends it', () => {
  for (const [name, activity] of ACTIVITIES) {
    for (const withJson of [true, false]) {
      it(`${name} (${withJson ? "the store's JSON at hand" : 'read back'}): the text of JSON.stringify(activitySet)`, () => {
        const entries = appended([activity, { type: 'message', id: 'conv-1|z', text: 'después' }], withJson);
        const expected = JSON.stringify(directLine.activitySet(CONVERSATION, entries, 42));
        assert.equal(directLine.activitySetJson(CONVERSATION, entries, 42), expected);
        const parsed = JSON.parse(expected) as { activities: Array<{ id?: string; timestamp?: string }>; watermark: string };
        assert.equal(parsed.watermark, '42');
        assert.equal(parsed.activities[0]?.timestamp, NOW.toISOString());
        assert.ok(parsed.activities[0]?.id);
      });
    }
  }

  it("sends the store's JSON as it is, not a new serialisation of the activity", () => {
    const entry: LogEntry = {
      sequence: 1,
      timestampMs: NOW.getTime(),
      activity: { id: 'x', text: 'object' },
      json: '{"id":"x","text":"stored"}',
    };
    assert.equal(
      directLine.activitySetJson(CONVERSATION, [entry], 1),
      `{"activities":[{"id":"x","text":"stored","timestamp":"${NOW.toISOString()}"}],"watermark":"1"}`,
    );
  });

  it('an empty set', () => {
    assert.equal(directLine.activitySetJson(CONVERSATION, [], 7), JSON.stringify({ activities: [], watermark: '7' }));
  });

  it('what the memory store appends carries its JSON, and is sent as the full serialisation would send it', async () => {
    const store = new MemoryDirectLineStore(clock);
    const { conversationId } = await store.create({});
    const activity = ACTIVITIES[1]?.[1] ?? {};
    const entries = (await store.append(conversationId, [activity], NOW.getTime())) ?? [];
    assert.equal(entries[0]?.json, JSON.stringify(activity));
    assert.equal(
      directLine.activitySetJson(conversationId, entries, 1),
      JSON.stringify(directLine.activitySet(conversationId, entries, 1)),
    );
  });
});
