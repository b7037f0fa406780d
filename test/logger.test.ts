import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { startBot } from '../src/composition/startBot';
import { loadConfig } from '../src/config';
import { createLogger, errorForLog } from '../src/logger';
import { fixedClock } from '../src/domain/clock';
import { TEST_NOW } from './support/dialogHarness';
import { HttpConversation } from './support/httpConversation';
import { describeReplies, saysKey, suggestedTitles } from './support/replies';

/** A logger writing every line (down to trace) into memory. */
function memoryLogger(): { lines: string[]; logger: ReturnType<typeof createLogger> } {
  const lines: string[] = [];
  return { lines, logger: createLogger('trace', { write: (line: string) => void lines.push(line) }) };
}

const NAME = 'Zebulon Quintavalle';
const DOB = '07/15/1975';
const CANCEL_DOB = 'July 15, 1975';
const PHONE = '212-736-5000';
const REASON = 'Question about a pending case';
const WHEN = 'next Thursday at 2pm';

/** Every form in which what the person typed could show up. */
const SECRETS = [
  NAME,
  'Zebulon',
  'Quintavalle',
  DOB,
  '1975-07-15',
  CANCEL_DOB,
  PHONE,
  '2127365000',
  '+12127365000',
  '736-5000',
  REASON,
  WHEN,
];

describe('logs carry no personal data', () => {
  it('a whole booking and cancellation through the real server logs none of what the person typed', async () => {
    const { lines, logger } = memoryLogger();
    const config = loadConfig({ PORT: '0', PERSON_KEY_SECRET: 'log-test' });
    const bot = await startBot(config, { clock: fixedClock(TEST_NOW), logger });
    let receipt: string;
    try {
      const c = new HttpConversation(bot.url);
      const step = async (text: string, key: string): Promise<Partial<Activity>[]> => {
        const replies = await c.send(text);
        assert.ok(saysKey(replies, 'en', key), `after "${text}" expected ${key}:\n${describeReplies(replies)}`);
        return replies;
      };
      await c.join();
      const menu = await step('English', 'menu.prompt');
      await step(suggestedTitles(menu)[0], 'location.zipPrompt');
      await step('10001', 'location.office');
      await step('yes', 'booking.reasonPrompt');
      await step(REASON, 'details.namePrompt');
      await step(NAME, 'details.dobPrompt');
      await step(DOB, 'details.phonePrompt');
      const offer = await step(PHONE, 'slots.prompt').then(() => step(WHEN, 'slots.offerExact'));
      await step(suggestedTitles(offer)[0], 'booking.summary');
      const notice = await step('yes', 'notice.text');
      receipt = /IP-[0-9A-Z-]{16}/.exec(notice.map((r) => r.text ?? '').join(' '))?.[0] ?? '';
      assert.ok(receipt);

      const later = new HttpConversation(bot.url);
      await later.send(receipt);
      await later.send('1 January 1990'); // a wrong date of birth first
      await later.send(receipt);
      const confirm = await later.send(CANCEL_DOB);
      assert.ok(saysKey(confirm, 'en', 'cancel.confirm'), describeReplies(confirm));
      assert.ok(saysKey(await later.send(suggestedTitles(confirm)[0]), 'en', 'cancel.done'));
      // Malformed requests are logged too.
      await fetch(`${bot.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'message', text: NAME, from: { name: NAME } }),
      });
    } finally {
      await bot.close();
    }
    const log = lines.join('');
    assert.ok(lines.length > 3, 'the bot logged something');
    for (const line of lines) assert.doesNotThrow(() => JSON.parse(line), `structured JSON: ${line}`);
    for (const secret of [...SECRETS, receipt, receipt.replace(/-/g, '')])
      assert.ok(!log.includes(secret), `the log holds "${secret}":\n${log}`);
  });

  it('redacts personal fields handed to the logger by mistake, up to two levels down', () => {
    const { lines, logger } = memoryLogger();
    logger.info(
      { text: NAME, activity: { text: NAME, from: { id: 'u1', name: NAME }, value: { dob: DOB } }, phone: PHONE, Body: NAME, From: PHONE },
      'oops',
    );
    const line = lines.join('');
    for (const secret of [NAME, DOB, PHONE]) assert.ok(!line.includes(secret), line);
    assert.ok(line.includes('"id":"u1"'), 'other fields stay');
  });

  it('logs an error by name, code and frames, never by its message', () => {
    const error = Object.assign(new Error(`Invalid enum value, received '${NAME}'`), { code: 'E_PARSE' });
    const fields = errorForLog(error);
    assert.equal(fields.errName, 'Error');
    assert.equal(fields.errCode, 'E_PARSE');
    assert.ok(fields.stack?.includes('logger.test'), fields.stack);
    assert.ok(!JSON.stringify(fields).includes(NAME));
  });
});
