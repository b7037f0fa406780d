import assert from 'node:assert/strict';
import { CardFactory, type Activity } from 'botbuilder';
import { countSegments } from '../../../src/channels/sms/segments';
import { numberedList, plainSmsText, renderSmsActivity } from '../../../src/channels/sms/smsText';
import { MAX_SMS_BODY_CHARS, smsMessages, splitLongMessage, twimlReply } from '../../../src/channels/sms/twimlReply';
import { answerForNumber, isCarrierKeyword } from '../../../src/channels/sms/smsMiddleware';
import { smsConversationId } from '../../../src/channels/sms/smsConversation';

describe('SMS rendering', () => {
  describe('segments', () => {
    const cases: { name: string; text: string; encoding: 'GSM-7' | 'UCS-2'; segments: number }[] = [
      { name: 'empty', text: '', encoding: 'GSM-7', segments: 0 },
      { name: '160 GSM characters', text: 'a'.repeat(160), encoding: 'GSM-7', segments: 1 },
      { name: '161 GSM characters', text: 'a'.repeat(161), encoding: 'GSM-7', segments: 2 },
      { name: '306 GSM characters', text: 'a'.repeat(306), encoding: 'GSM-7', segments: 2 },
      { name: 'extension characters count twice', text: '€'.repeat(80) + 'a', encoding: 'GSM-7', segments: 2 },
      { name: 'Spanish with ñ and é stays GSM', text: 'España, café', encoding: 'GSM-7', segments: 1 },
      { name: 'one á makes it UCS-2', text: 'a'.repeat(69) + 'á', encoding: 'UCS-2', segments: 1 },
      { name: '71 UCS-2 units', text: 'á'.repeat(71), encoding: 'UCS-2', segments: 2 },
      { name: 'Chinese', text: '预约'.repeat(40), encoding: 'UCS-2', segments: 2 },
    ];
    for (const c of cases) {
      it(c.name, () => {
        const count = countSegments(c.text);
        assert.equal(count.encoding, c.encoding);
        assert.equal(count.segments, c.segments);
      });
    }
  });

  it('replaces typography that would make an SMS UCS-2 (Intl puts U+202F before PM)', () => {
    const text = plainSmsText('• Time: 2:00\u202fPM – “soon”…');
    assert.equal(text, '- Time: 2:00 PM - "soon"...');
    assert.equal(countSegments(text).encoding, 'GSM-7');
  });

  it('numbers suggested actions under the text, and drops the buttons', () => {
    const activity: Partial<Activity> = {
      type: 'message',
      text: 'Please choose your language.',
      suggestedActions: { to: [], actions: ['English', 'Español', 'Kreyòl ayisyen'].map((t) => ({ type: 'imBack', title: t, value: t })) },
    };
    const rendered = renderSmsActivity(activity);
    assert.equal(rendered.text, 'Please choose your language.\n1. English\n2. Español\n3. Kreyòl ayisyen');
    assert.equal(rendered.suggestedActions, undefined);
    assert.equal(numberedList([]), '');
  });

  it('drops a card for the text sent with it, and reads a card sent alone', () => {
    const card = CardFactory.adaptiveCard({
      type: 'AdaptiveCard',
      version: '1.5',
      body: [
        { type: 'TextBlock', text: 'Electronic Appointment Notice' },
        { type: 'Container', items: [{ type: 'TextBlock', text: 'IP-AAAA-BBBB-CCCC-D' }] },
        { type: 'FactSet', facts: [{ title: 'Date', value: 'Thursday' }] },
      ],
    });
    const withText = renderSmsActivity({ type: 'message', text: 'Receipt number: IP-AAAA-BBBB-CCCC-D', attachments: [card] });
    assert.equal(withText.text, 'Receipt number: IP-AAAA-BBBB-CCCC-D');
    assert.equal(withText.attachments, undefined);
    const alone = renderSmsActivity({ type: 'message', attachments: [card] });
    assert.equal(alone.text, 'Electronic Appointment Notice\nIP-AAAA-BBBB-CCCC-D\nDate: Thursday');
  });

  it('leaves activities other than messages alone', () => {
    const typing: Partial<Activity> = { type: 'typing' };
    assert.equal(renderSmsActivity(typing), typing);
  });

  it('joins short consecutive replies, keeps long ones apart, sends nothing empty', () => {
    assert.deepEqual(smsMessages(['Thank you.', '', '  ', 'What would you like to do?\n1. Book']), [
      'Thank you.\n\nWhat would you like to do?\n1. Book',
    ]);
    const long = 'x'.repeat(300);
    assert.deepEqual(smsMessages(['Hello.', long]), ['Hello.', long]);
    assert.deepEqual(smsMessages([]), []);
  });

  it('splits a message longer than Twilio accepts at line breaks', () => {
    const line = 'y'.repeat(999);
    const parts = splitLongMessage(`${line}\n${line}`);
    assert.deepEqual(parts, [line, line]);
    assert.ok(splitLongMessage('z'.repeat(4000)).every((p) => p.length <= MAX_SMS_BODY_CHARS));
    assert.equal(splitLongMessage('z'.repeat(4000)).join(''), 'z'.repeat(4000));
  });

  it('writes TwiML with the text escaped, and nothing for no replies', () => {
    const xml = twimlReply(['Tom & Jerry <3 "quotes"', '', 'bell\u0007 gone']);
    assert.equal(
      xml,
      '<?xml version="1.0" encoding="UTF-8"?><Response><Message>Tom &amp; Jerry &lt;3 "quotes"</Message><Message>bell gone</Message></Response>',
    );
    assert.equal(twimlReply([]), '<?xml version="1.0" encoding="UTF-8"?><Response/>');
  });

  it('reads a bare number as the answer it numbers, and nothing else', () => {
    const offered = ['Yes', 'No'];
    assert.equal(answerForNumber('2', offered), 'No');
    assert.equal(answerForNumber(' 1. ', offered), 'Yes');
    assert.equal(answerForNumber('3', offered), undefined);
    assert.equal(answerForNumber('0', offered), undefined);
    assert.equal(answerForNumber('10001', offered), undefined);
    assert.equal(answerForNumber('2 people', offered), undefined);
    assert.equal(answerForNumber('1', undefined), undefined);
  });

  it('knows the carrier keywords, not our own words', () => {
    for (const word of ['STOP', 'stop', ' Start ', 'UNSUBSCRIBE', 'stopall', 'unstop']) assert.ok(isCarrierKeyword(word), word);
    for (const word of ['cancel', 'yes', 'stop it', 'help']) assert.ok(!isCarrierKeyword(word), word);
  });

  it('names a conversation by a keyed hash of the number, never the number', () => {
    const id = smsConversationId('+12125551234', 'secret');
    assert.equal(id, smsConversationId('+12125551234', 'secret'));
    assert.notEqual(id, smsConversationId('+12125551235', 'secret'));
    assert.notEqual(id, smsConversationId('+12125551234', 'other secret'));
    assert.doesNotMatch(id, /5551234/);
  });
});
