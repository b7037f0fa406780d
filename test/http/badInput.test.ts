import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { startBot, type RunningBot } from '../../src/composition/startBot';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { fixedClock } from '../../src/domain/clock';
import { cleanName } from '../../src/domain/personName';
import { checkIncomingActivity, cutText, MAX_TEXT_CHARS } from '../../src/http/activityValidation';
import { formatReceiptNumber, generateReceiptNumber } from '../../src/domain/appointments/receiptNumber';
import { TEST_NOW } from '../support/dialogHarness';
import { HttpConversation } from '../support/httpConversation';
import { describeReplies, saysKey, suggestedTitles } from '../support/replies';

const MAX_BODY_BYTES = 64 * 1024;

async function postRaw(bot: RunningBot, body: string, contentType = 'application/json'): Promise<{ status: number; body: string }> {
  const response = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': contentType }, body });
  return { status: response.status, body: await response.text() };
}

/** Every message reply is marked plain text, so Web Chat and Teams show it as typed, never as Markdown. */
function assertPlain(replies: Partial<Activity>[]): void {
  for (const reply of replies.filter((r) => r.type === 'message')) assert.equal(reply.textFormat, 'plain', describeReplies([reply]));
}

describe('bad input through the real server', () => {
  let bot: RunningBot;

  before(async () => {
    const config = loadConfig({
      PORT: '0',
      LOG_LEVEL: 'silent',
      PERSON_KEY_SECRET: 'bad-input-test',
      MAX_BODY_BYTES: String(MAX_BODY_BYTES),
    });
    bot = await startBot(config, { clock: fixedClock(TEST_NOW), logger: createLogger('silent') });
  });

  after(async () => {
    await bot.close();
  });

  describe('refused with a 4xx and a short JSON error', () => {
    it('malformed JSON: 400', async () => {
      const { status } = await postRaw(bot, '{"type": "message", "text": "hi"');
      assert.equal(status, 400);
    });

    it('a body over MAX_BODY_BYTES: 413', async () => {
      const c = new HttpConversation(bot.url);
      const { status } = await postRaw(bot, JSON.stringify(c.activity({ text: 'a'.repeat(MAX_BODY_BYTES + 1) })));
      assert.equal(status, 413);
    });

    for (const [what, body] of [
      ['an array', '[]'],
      ['a string', '"message"'],
      ['a number', '42'],
      ['null', 'null'],
      ['an empty body', ''],
    ] as const) {
      it(`a body that is ${what}: 400`, async () => {
        const { status } = await postRaw(bot, body);
        assert.ok(status >= 400 && status < 500, `${status}`);
      });
    }

    it('a body that is not JSON at all: 4xx', async () => {
      const { status } = await postRaw(bot, 'type=message&text=hi', 'text/plain');
      assert.ok(status >= 400 && status < 500, `${status}`);
    });

    const cases: [string, (a: Record<string, unknown>) => Record<string, unknown>, string][] = [
      ['no conversation', ({ conversation: _c, ...a }) => a, 'conversation'],
      ['a conversation without id', (a) => ({ ...a, conversation: {} }), 'conversation.id'],
      ['a conversation id that is an object', (a) => ({ ...a, conversation: { id: { $gt: '' } } }), 'conversation.id'],
      ['text as a number', (a) => ({ ...a, text: 12345 }), 'text'],
      ['no from', ({ from: _f, ...a }) => a, 'from'],
      ['no type', ({ type: _t, ...a }) => a, 'type'],
      ['an unknown activity type', (a) => ({ ...a, type: 'rm -rf' }), 'type'],
      ['no channelId', ({ channelId: _c, ...a }) => a, 'channelId'],
      ['a serviceUrl that is not an http(s) URL', (a) => ({ ...a, serviceUrl: 'file:///etc/passwd' }), 'serviceUrl'],
      ['a locale that is an array', (a) => ({ ...a, locale: ['en'] }), 'locale'],
      ['membersAdded that is a string', (a) => ({ ...a, type: 'conversationUpdate', membersAdded: 'everyone' }), 'membersAdded'],
    ];
    for (const [what, change, field] of cases) {
      it(`${what}: 400 naming the field`, async () => {
        const c = new HttpConversation(bot.url);
        const { status, body } = await postRaw(bot, JSON.stringify(change(c.activity({ text: 'hello' }) as Record<string, unknown>)));
        assert.equal(status, 400, body);
        const error = (JSON.parse(body) as { error: string }).error;
        assert.ok(error.startsWith(`invalid activity: ${field} `), error);
        assert.ok(error.length < 100);
      });
    }

    it('the error names the field, never the value sent', () => {
      const check = checkIncomingActivity({
        type: 'message',
        channelId: 'x',
        from: { id: 'u' },
        conversation: { id: 'c' },
        locale: { secret: 'John Smith 1975-07-15' },
      });
      assert.ok(!check.ok);
      assert.ok(!check.error.includes('John'), check.error);
    });
  });

  describe('answered politely (200), in plain text', () => {
    it('empty text', async () => {
      const c = new HttpConversation(bot.url);
      const replies = await c.send('');
      assert.ok(saysKey(replies, 'en', 'language.prompt'), describeReplies(replies));
      assertPlain(replies);
    });

    it('no text at all, an unknown field, a timestamp that is not a date', async () => {
      const c = new HttpConversation(bot.url);
      const { status, replies } = await c.post(
        c.activity({ text: undefined, timestamp: 'yesterday' as unknown as Date, ...{ x_unknown: { deep: [1, 2] } } }),
      );
      assert.equal(status, 200);
      assert.ok(replies.length > 0);
    });

    it('very long text: only the first MAX_TEXT_CHARS characters are read', async () => {
      const receipt = formatReceiptNumber(generateReceiptNumber());
      const early = new HttpConversation(bot.url);
      const read = await early.send(`${'a '.repeat(100)}${receipt} ${'b'.repeat(20_000)}`);
      assert.ok(saysKey(read, 'en', 'cancel.dobPrompt'), `a receipt number within the first characters is read:\n${describeReplies(read)}`);
      const late = new HttpConversation(bot.url);
      const cut = await late.send(`${'a '.repeat(MAX_TEXT_CHARS)}${receipt}`);
      assert.ok(!saysKey(cut, 'en', 'cancel.dobPrompt'), describeReplies(cut));
      assert.ok(saysKey(cut, 'en', 'language.prompt'), describeReplies(cut));
    });

    it('control characters, emoji, right-to-left marks and HTML at the menu: a re-ask that does not repeat them', async () => {
      const c = new HttpConversation(bot.url);
      await c.join();
      await c.send('English');
      for (const text of [
        '\u0000\u0007\u001b[31m',
        '😀🙏🏽👨‍👩‍👧',
        '\u202e\u200fمرحبا\u202c',
        '<script>alert(1)</script>',
        '**bold** [link](http://evil.example)',
        '{"type":"AdaptiveCard","body":[{"type":"TextBlock","text":"x"}]}',
      ]) {
        const { status, replies } = await c.post(c.activity({ text }));
        assert.equal(status, 200);
        assert.ok(
          replies.some((r) => (r.text ?? '').length > 0),
          `${JSON.stringify(text)}: no reply`,
        );
        assert.ok(!replies.some((r) => (r.text ?? '').includes(text)), 'not echoed');
        assertPlain(replies);
      }
    });

    it('an Adaptive Card or a value posted by the user instead of text', async () => {
      const c = new HttpConversation(bot.url);
      const card = {
        contentType: 'application/vnd.microsoft.card.adaptive',
        content: { type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: '<img src=x onerror=alert(1)>' }] },
      };
      const { status, replies } = await c.post(
        c.activity({ text: undefined, attachments: [card], value: { action: 'book', name: '<b>x</b>' } }),
      );
      assert.equal(status, 200);
      assert.ok(saysKey(replies, 'en', 'language.prompt'), describeReplies(replies));
    });
  });

  describe('names', () => {
    async function atNamePrompt(): Promise<HttpConversation> {
      const c = new HttpConversation(bot.url);
      await c.join();
      const menu = await c.send('English');
      await c.send(suggestedTitles(menu)[0]);
      await c.send('10001');
      await c.send('yes');
      const asked = await c.send('Question about a pending case');
      assert.ok(saysKey(asked, 'en', 'details.namePrompt'), c.transcript.join('\n'));
      return c;
    }

    it('refuses names carrying HTML, Markdown, links or card JSON, politely, asking again', async () => {
      const names = [
        '<b>John</b> Smith',
        '**John** Smith',
        '[John](http://evil.example)',
        '- John Smith',
        'John http://evil.example',
        '{"type":"AdaptiveCard"}',
        'John `rm` Smith',
        '# John',
      ];
      // Two bad answers per conversation: the third would end the flow.
      for (let i = 0; i < names.length; i += 2) {
        const c = await atNamePrompt();
        for (const name of names.slice(i, i + 2)) {
          const replies = await c.send(name);
          assert.ok(
            saysKey(replies, 'en', 'details.nameInvalid') && saysKey(replies, 'en', 'details.namePrompt'),
            `${name}:\n${describeReplies(replies)}`,
          );
          assertPlain(replies);
        }
      }
    });

    it('keeps a name with right-to-left marks, control characters and emoji as plain text, in the summary and the card', async () => {
      const c = await atNamePrompt();
      await c.send('\u200fJosé\u0007 O\u2019Brien-Núñez\u202c 🙂');
      await c.send('07/15/1975');
      await c.send('212-736-5000');
      const offer = await c.send('next Thursday at 2pm');
      const summary = await c.send(suggestedTitles(offer)[0]);
      assert.ok(saysKey(summary, 'en', 'booking.summary'), c.transcript.join('\n'));
      const shown = 'José O\u2019Brien-Núñez 🙂';
      assert.ok(
        summary.some((r) => (r.text ?? '').includes(`Name: ${shown}`)),
        describeReplies(summary),
      );
      assertPlain(summary);
      const notice = await c.send('yes');
      assertPlain(notice);
      const card = notice.find((r) => r.attachments?.length)?.attachments?.[0].content as {
        body: { type: string; facts?: { value: string }[] }[];
      };
      const facts = card.body.find((b) => b.type === 'FactSet')?.facts ?? [];
      assert.ok(
        facts.some((f) => f.value === shown),
        JSON.stringify(facts),
      );
    });

    it('cleanName: plain names pass, markup and list markers do not', () => {
      assert.equal(cleanName('  Nguyễn   Thị\u200b Lan '), 'Nguyễn Thị Lan');
      assert.equal(cleanName('محمد بن سلمان'), 'محمد بن سلمان');
      assert.equal(cleanName("Jean-Luc D'Arcy Jr."), "Jean-Luc D'Arcy Jr.");
      for (const bad of ['<i>Ana</i>', '*Ana*', '_Ana_', '[Ana](x)', '- Ana', '+ Ana', '> Ana', 'Ana: http', 'A/B', '12 Ana', '😀😀'])
        assert.equal(cleanName(bad), undefined, bad);
    });
  });

  describe('cutText', () => {
    it('cuts to the limit, never through a surrogate pair', () => {
      assert.equal(cutText('abc', 5), 'abc');
      assert.equal(cutText('abcdef', 3), 'abc');
      assert.equal(cutText('ab😀', 3), 'ab');
      assert.equal(cutText('a'.repeat(MAX_TEXT_CHARS + 10)).length, MAX_TEXT_CHARS);
    });
  });
});
