import assert from 'node:assert/strict';
import { checkSecrets, loadConfig } from '../src/config';

const PRODUCTION = {
  NODE_ENV: 'production',
  PERSON_KEY_SECRET: 'person',
  NOTICE_LINK_SECRET: 'links',
  TWILIO_AUTH_TOKEN: 'twilio',
  MicrosoftAppId: '00000000-0000-0000-0000-000000000001',
};

describe('configuration', () => {
  it('reads every bad setting into one error', () => {
    assert.throws(() => loadConfig({ PORT: 'eighty', SLOT_MINUTES: '1' }), /Bad configuration: PORT: .*; SLOT_MINUTES: /);
  });

  it('lets an appointment be moved 3 times unless MAX_RESCHEDULES says otherwise (0 turns moving off)', () => {
    assert.equal(loadConfig({}).MAX_RESCHEDULES, 3);
    assert.equal(loadConfig({ MAX_RESCHEDULES: '0' }).MAX_RESCHEDULES, 0);
    assert.equal(loadConfig({ MAX_RESCHEDULES: '5' }).MAX_RESCHEDULES, 5);
    for (const bad of ['-1', '1.5', 'three', '21']) assert.throws(() => loadConfig({ MAX_RESCHEDULES: bad }), /MAX_RESCHEDULES/, bad);
  });

  it('keeps appointments out of a Redis that may evict: REDIS_STATE_URL needs REDIS_URL or REDIS_CLUSTER_NODES', () => {
    assert.throws(() => loadConfig({ REDIS_STATE_URL: 'redis://state:6380' }), /REDIS_STATE_URL: needs REDIS_URL or REDIS_CLUSTER_NODES/);
    const both = loadConfig({ REDIS_URL: 'redis://durable:6379', REDIS_STATE_URL: 'redis://state:6380' });
    assert.equal(both.REDIS_STATE_URL, 'redis://state:6380');
    assert.equal(
      loadConfig({ REDIS_CLUSTER_NODES: 'a:7000', REDIS_STATE_URL: 'redis://state:6380' }).REDIS_STATE_URL,
      'redis://state:6380',
    );
    assert.equal(loadConfig({ REDIS_URL: 'redis://durable:6379', REDIS_STATE_URL: ' ' }).REDIS_STATE_URL, undefined);
  });

  it("reads Web Chat's Direct Line settings, with their defaults", () => {
    const defaults = loadConfig({});
    assert.deepEqual(
      [defaults.DIRECTLINE_TOKEN_SECONDS, defaults.DIRECTLINE_IDLE_SECONDS, defaults.WEBCHAT_TRANSPORT],
      [1800, 3600, 'websocket'],
    );
    const set = loadConfig({ DIRECTLINE_TOKEN_SECONDS: '1200', DIRECTLINE_IDLE_SECONDS: '7200', WEBCHAT_TRANSPORT: 'polling' });
    assert.deepEqual([set.DIRECTLINE_TOKEN_SECONDS, set.DIRECTLINE_IDLE_SECONDS, set.WEBCHAT_TRANSPORT], [1200, 7200, 'polling']);
    assert.throws(() => loadConfig({ WEBCHAT_TRANSPORT: 'carrier-pigeon' }), /WEBCHAT_TRANSPORT/);
    assert.throws(() => loadConfig({ DIRECTLINE_TOKEN_SECONDS: '900' }), /DIRECTLINE_TOKEN_SECONDS/, 'Web Chat refreshes at 15 minutes');
    assert.throws(() => loadConfig({ DIRECTLINE_IDLE_SECONDS: '60' }), /DIRECTLINE_IDLE_SECONDS/);
  });

  describe("texts of the bot's own (Twilio REST API)", () => {
    const ACCOUNT = { TWILIO_ACCOUNT_SID: `AC${'0'.repeat(32)}`, TWILIO_AUTH_TOKEN: 'token' };

    it('takes an account with its token and a sender (a number, or a Messaging Service)', () => {
      assert.equal(loadConfig({ ...ACCOUNT, TWILIO_FROM: '+12025550100' }).TWILIO_FROM, '+12025550100');
      assert.equal(loadConfig({ ...ACCOUNT, TWILIO_MESSAGING_SERVICE_SID: `MG${'a'.repeat(32)}` }).TWILIO_FROM, undefined);
    });

    it('refuses an account without its token or without a sender, and values of the wrong shape', () => {
      assert.throws(
        () => loadConfig({ TWILIO_ACCOUNT_SID: ACCOUNT.TWILIO_ACCOUNT_SID, TWILIO_FROM: '+12025550100' }),
        /TWILIO_AUTH_TOKEN: must be set with TWILIO_ACCOUNT_SID/,
      );
      assert.throws(() => loadConfig(ACCOUNT), /TWILIO_FROM: TWILIO_FROM or TWILIO_MESSAGING_SERVICE_SID must be set/);
      assert.throws(() => loadConfig({ ...ACCOUNT, TWILIO_FROM: '202-555-0100' }), /TWILIO_FROM: must be an E.164 number/);
      assert.throws(() => loadConfig({ TWILIO_ACCOUNT_SID: 'AC123' }), /TWILIO_ACCOUNT_SID: must be a Twilio account SID/);
    });

    it('sends one text a second and reminds 24 hours ahead unless told otherwise', () => {
      const config = loadConfig({});
      assert.equal(config.SMS_SENDS_PER_SECOND, 1);
      assert.equal(config.REMINDER_HOURS_BEFORE, 24);
      assert.equal(loadConfig({ SMS_SENDS_PER_SECOND: '0.5' }).SMS_SENDS_PER_SECOND, 0.5);
      assert.throws(() => loadConfig({ SMS_SENDS_PER_SECOND: '0' }), /SMS_SENDS_PER_SECOND/);
    });
  });

  describe('checkSecrets', () => {
    it('runs production with every secret set, and nothing to warn about', () => {
      const { secrets, warnings } = checkSecrets(loadConfig(PRODUCTION));
      assert.deepEqual(secrets, { personSecret: 'person', noticeLinkSecret: 'links' });
      assert.deepEqual(warnings, []);
    });

    for (const name of ['PERSON_KEY_SECRET', 'NOTICE_LINK_SECRET', 'TWILIO_AUTH_TOKEN'] as const) {
      it(`refuses production without ${name}`, () => {
        assert.throws(
          () => checkSecrets(loadConfig({ ...PRODUCTION, [name]: '' })),
          new RegExp(`^Error: ${name} must be set in production`),
        );
      });
    }

    it('outside production, runs on development secrets and says which, without a real one ever being replaced', () => {
      const { secrets, warnings } = checkSecrets(loadConfig({ NODE_ENV: 'development' }));
      assert.notEqual(secrets.personSecret, secrets.noticeLinkSecret);
      assert.deepEqual(
        warnings.map((w) => w.split(' ')[0]),
        ['TWILIO_AUTH_TOKEN', 'PERSON_KEY_SECRET', 'NOTICE_LINK_SECRET', 'MicrosoftAppId'],
      );
      const own = checkSecrets(loadConfig({ NODE_ENV: 'development', PERSON_KEY_SECRET: 'mine' }));
      assert.equal(own.secrets.personSecret, 'mine');
    });
  });
});
