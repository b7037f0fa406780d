import assert from 'node:assert/strict';
import { SendFailed, SendRefused } from '../../src/domain/outreach/delivery';
import { TwilioSender } from '../../src/channels/sms/twilioSender';
import { freePort } from '../support/redisServer';
import { STAND_IN_ACCOUNT_SID, STAND_IN_AUTH_TOKEN, STAND_IN_FROM, startTwilioStandIn, type TwilioStandIn } from '../support/twilioStandIn';

const TO = '+14155550123';

describe("TwilioSender: the twilio package's messages.create against a stand-in for Twilio's REST API", () => {
  let twilio: TwilioStandIn;
  let sender: TwilioSender;

  before(async () => {
    twilio = await startTwilioStandIn();
    sender = new TwilioSender({
      accountSid: STAND_IN_ACCOUNT_SID,
      authToken: STAND_IN_AUTH_TOKEN,
      from: STAND_IN_FROM,
      apiBaseUrl: twilio.url,
    });
  });
  after(() => twilio.close());

  it('posts the text from our number, as plain GSM text where the alphabet allows', async () => {
    await sender.sendSms(TO, 'Time: 2:30\u202fPM \u2014 “soon”');
    const sent = twilio.messages.at(-1);
    assert.deepEqual({ to: sent?.to, from: sent?.from, body: sent?.body }, { to: TO, from: STAND_IN_FROM, body: 'Time: 2:30 PM - "soon"' });
  });

  it('sends through a Messaging Service when one is set, with no From', async () => {
    const messagingServiceSid = `MG${'a'.repeat(32)}`;
    const viaService = new TwilioSender({
      accountSid: STAND_IN_ACCOUNT_SID,
      authToken: STAND_IN_AUTH_TOKEN,
      messagingServiceSid,
      apiBaseUrl: twilio.url,
    });
    await viaService.sendSms(TO, 'hello');
    const sent = twilio.messages.at(-1);
    assert.equal(sent?.messagingServiceSid, messagingServiceSid);
    assert.equal(sent?.from, undefined);
  });

  it('reads error 21610 (the person replied STOP) as opted out, for good', async () => {
    const number = '+14155550124';
    twilio.optOut(number);
    await assert.rejects(
      sender.sendSms(number, 'hello'),
      (err) => err instanceof SendRefused && err.refusal === 'optedOut' && err.detail === 'twilio 400 21610',
    );
  });

  it('reads 429 and 5xx as "try again later", and sends nothing twice on its own', async () => {
    const number = '+14155550125';
    twilio.failNext(number, { status: 429 }, { status: 500 });
    const before = twilio.requests;
    await assert.rejects(sender.sendSms(number, 'hello'), (err) => err instanceof SendFailed && err.detail === 'twilio 429 20429');
    await assert.rejects(sender.sendSms(number, 'hello'), (err) => err instanceof SendFailed && err.detail === 'twilio 500 20500');
    assert.equal(twilio.requests - before, 2, "the twilio client's own retry is off: the queue retries");
    await sender.sendSms(number, 'hello');
    assert.equal(twilio.messages.at(-1)?.to, number);
  });

  it('reads a number that cannot take texts as a refusal, and bad credentials as "later" (a deployment fixes them)', async () => {
    await assert.rejects(sender.sendSms('+1', 'hello'), (err) => err instanceof SendRefused && err.refusal === 'rejected');
    const wrongToken = new TwilioSender({
      accountSid: STAND_IN_ACCOUNT_SID,
      authToken: 'wrong',
      from: STAND_IN_FROM,
      apiBaseUrl: twilio.url,
    });
    await assert.rejects(wrongToken.sendSms(TO, 'hello'), (err) => err instanceof SendFailed && err.detail === 'twilio 401 20003');
  });

  it('reads no answer at all as "try again later"', async () => {
    const nobody = new TwilioSender({
      accountSid: STAND_IN_ACCOUNT_SID,
      authToken: STAND_IN_AUTH_TOKEN,
      from: STAND_IN_FROM,
      apiBaseUrl: `http://127.0.0.1:${await freePort()}`,
    });
    await assert.rejects(nobody.sendSms(TO, 'hello'), (err) => err instanceof SendFailed && err.detail === 'network ECONNREFUSED');
  });
});
