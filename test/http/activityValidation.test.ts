import assert from 'node:assert/strict';
import { MAX_TEXT_CHARS, checkIncomingActivity, incomingActivitySchema } from '../../src/http/activityValidation';

type Body = Record<string, unknown>;

const message: Body = {
  type: 'message',
  id: 'a1',
  text: 'hola',
  channelId: 'webchat',
  serviceUrl: 'https://webchat.botframework.com/',
  from: { id: 'person', name: 'Ana', role: 'user' },
  recipient: { id: 'bot' },
  conversation: { id: 'c1', isGroup: false, tenantId: 't' },
  locale: 'es-US',
  textFormat: 'plain',
  deliveryMode: 'expectReplies',
  timestamp: '2026-11-27T15:04:05.000Z',
  localTimestamp: '2026-11-27T10:04:05.000-05:00',
  entities: [{ type: 'ClientCapabilities', requiresBotState: true }],
  attachments: [{ contentType: 'image/png', contentUrl: 'https://example.org/a.png' }],
  channelData: { clientActivityID: 'x1' },
};

/** What the schema alone makes of a body. */
function bySchema(body: unknown): ReturnType<typeof checkIncomingActivity> {
  const parsed = incomingActivitySchema.safeParse(body);
  if (parsed.success) return { ok: true, activity: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, error: `invalid activity: ${issue.path.length > 0 ? issue.path.join('.') : 'body'} (${issue.code})` };
}

const valid: Array<[string, Body]> = [
  ['a message with every field', message],
  ['a bare message', { type: 'message', channelId: 'c', from: { id: 'u' }, conversation: { id: 'c' } }],
  ['a message without text or serviceUrl', { ...message, text: undefined, serviceUrl: undefined }],
  ['text longer than read', { ...message, text: 'a'.repeat(MAX_TEXT_CHARS + 50) }],
  ['a conversation update', { ...message, type: 'conversationUpdate', membersAdded: [{ id: 'bot' }], membersRemoved: [] }],
  ['strings at their longest', { ...message, channelId: 'c'.repeat(64), locale: 'l'.repeat(64), id: 'i'.repeat(512) }],
  ['an http serviceUrl', { ...message, serviceUrl: 'http://127.0.0.1:3978/' }],
];

const invalid: Array<[string, unknown]> = [
  ['no object', 'message'],
  ['an array', [message]],
  ['an unknown type', { ...message, type: 'rm -rf' }],
  ['no channelId', { ...message, channelId: undefined }],
  ['an empty channelId', { ...message, channelId: '' }],
  ['a channelId too long', { ...message, channelId: 'c'.repeat(65) }],
  ['a serviceUrl that is not http(s)', { ...message, serviceUrl: 'file:///etc/passwd' }],
  ['a serviceUrl that is no URL', { ...message, serviceUrl: 'webchat' }],
  ['an id that is null', { ...message, id: null }],
  ['no conversation id', { ...message, conversation: {} }],
  ['isGroup as a string', { ...message, conversation: { id: 'c', isGroup: 'no' } }],
  ['no from', { ...message, from: undefined }],
  ['a from name too long', { ...message, from: { id: 'u', name: 'n'.repeat(513) } }],
  ['a recipient without id', { ...message, recipient: {} }],
  ['text as a number', { ...message, text: 5 }],
  ['a locale that is an array', { ...message, locale: ['en'] }],
  ['membersAdded as a string', { ...message, membersAdded: 'everyone' }],
  ['too many members', { ...message, membersAdded: Array.from({ length: 101 }, (_, i) => ({ id: `m${i}` })) }],
  ['an attachment without contentType', { ...message, attachments: [{ contentUrl: 'x' }] }],
  ['an entity that is a string', { ...message, entities: ['mention'] }],
];

describe('checkIncomingActivity', () => {
  for (const [what, body] of valid) {
    it(`${what}: the activity the schema gives`, () => {
      const check = checkIncomingActivity(body);
      assert.deepEqual(check, bySchema(body));
      assert.ok(check.ok);
    });
  }

  for (const [what, body] of invalid) {
    it(`${what}: refused with the schema's error`, () => {
      const check = checkIncomingActivity(body);
      assert.equal(check.ok, false);
      assert.deepEqual(check, bySchema(body));
    });
  }

  it('a bad serviceUrl is refused right after a good one was accepted', () => {
    assert.ok(checkIncomingActivity(message).ok);
    assert.equal(checkIncomingActivity({ ...message, serviceUrl: 'javascript:alert(1)' }).ok, false);
    assert.ok(checkIncomingActivity(message).ok);
  });

  it('leaves the body as it was', () => {
    const body = { ...message, text: 'b'.repeat(MAX_TEXT_CHARS + 1) };
    const check = checkIncomingActivity(body);
    assert.ok(check.ok);
    assert.equal(check.activity.text?.length, MAX_TEXT_CHARS);
    assert.equal((body.text as string).length, MAX_TEXT_CHARS + 1);
  });
});
