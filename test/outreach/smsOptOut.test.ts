import assert from 'node:assert/strict';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { Server } from 'restify';
import { optKeyword } from '../../src/channels/sms/optOutKeywords';
import { SmsAdapter } from '../../src/channels/sms/smsAdapter';
import { registerSmsWebhook } from '../../src/channels/sms/smsWebhook';
import { CheckedActivityAdapter } from '../../src/framework/checkedActivityAdapter';
import { createBotAuthentication } from '../../src/http/strictAuthentication';
import { createServer } from '../../src/http/server';
import { MemoryOutreach } from '../../src/infra/memory/memoryOutreach';
import { MemoryAppointmentStore } from '../../src/infra/memory/memoryAppointmentStore';
import { createLogger } from '../../src/logger';
import { TEST_CLOCK } from '../support/dialogHarness';

describe('SMS keywords and the opt-out list', () => {
  it("reads Twilio's unambiguous opt-out and opt-in keywords, whatever the case and spacing", () => {
    assert.deepEqual(
      ['STOP', ' stop ', 'StopAll', 'UNSUBSCRIBE', 'START', 'unstop', 'Yes', 'cancel', 'stop please', 'hola'].map((body) =>
        optKeyword(body),
      ),
      ['optOut', 'optOut', 'optOut', 'optOut', 'optIn', 'optIn', 'optIn', undefined, undefined, undefined],
    );
  });

  it("takes Twilio's own word (OptOutType, sent with Advanced Opt-Out) over the keyword list", () => {
    assert.equal(optKeyword('cancel', 'STOP'), 'optOut', 'an operator who kept CANCEL as an opt-out word');
    assert.equal(optKeyword('STOP', ''), undefined, 'a STOP the operator removed from the list');
    assert.equal(optKeyword('arret', 'stop'), 'optOut', 'a keyword the operator added');
    assert.equal(optKeyword('unstop', 'START'), 'optIn');
    assert.equal(optKeyword('help', 'HELP'), undefined);
  });

  describe('the SMS webhook', () => {
    let server: Server;
    let url: string;
    const outreach = new MemoryOutreach({
      clock: TEST_CLOCK,
      store: new MemoryAppointmentStore({ clock: TEST_CLOCK }),
      logger: createLogger('silent'),
    });
    const turns: string[] = [];

    before(async () => {
      const logger = createLogger('silent');
      server = createServer({
        adapter: new CheckedActivityAdapter(createBotAuthentication({})),
        onTurn: async () => undefined,
        ready: async () => true,
        logger,
        maxBodyBytes: 65_536,
      });
      registerSmsWebhook(server, {
        adapter: new SmsAdapter(),
        onTurn: async (context) => {
          turns.push(String(context.activity.text));
        },
        conversationSecret: 'opt-out-test',
        logger,
        optOuts: outreach.optOuts,
      });
      server.listen(0, '127.0.0.1');
      await once(server.server, 'listening');
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/sms`;
    });
    after(() => new Promise<void>((resolve) => server.close(() => resolve())));

    async function text(from: string, body: string, extra: Record<string, string> = {}): Promise<number> {
      const response = await fetch(url, {
        method: 'POST',
        body: new URLSearchParams({ From: from, Body: body, MessageSid: `SM${turns.length}`, ...extra }),
      });
      await response.text();
      return response.status;
    }

    it('puts a number that texts STOP on the list and takes it off when it texts START', async () => {
      const phone = '+14155550190';
      assert.equal(await text(phone, 'STOP'), 200);
      assert.ok(await outreach.optOuts.has(phone));
      assert.equal(await text(phone, 'hello'), 200);
      assert.ok(await outreach.optOuts.has(phone), 'another message changes nothing');
      assert.equal(await text(phone, 'Start'), 200);
      assert.ok(!(await outreach.optOuts.has(phone)));
      assert.deepEqual(turns.slice(-3), ['STOP', 'hello', 'Start'], 'the turn still runs (its middleware ignores the keyword)');
    });

    it("follows Twilio's OptOutType when the Messaging Service sends it", async () => {
      const phone = '+14155550191';
      assert.equal(await text(phone, 'cancel', { OptOutType: 'STOP' }), 200);
      assert.ok(await outreach.optOuts.has(phone), 'Twilio opted the number out on CANCEL');
      assert.equal(await text(phone, 'yes', { OptOutType: 'START' }), 200);
      assert.ok(!(await outreach.optOuts.has(phone)));
      assert.equal(await text(phone, 'cancel'), 200);
      assert.ok(!(await outreach.optOuts.has(phone)), 'without OptOutType, CANCEL is a word for the bot');
    });
  });
});
