import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import type { RedisClientType } from 'redis';
import { runOperatorCli, EXIT } from '../../scripts/operator/cli';
import { connectRedis } from '../../src/infra/redis/connect';
import { RedisAppointmentStore } from '../../src/infra/redis/redisAppointmentStore';
import { fixedClock } from '../../src/domain/clock';
import { formatReceiptNumber } from '../../src/domain/appointments/receiptNumber';
import { projectRoot } from '../../src/domain/projectPaths';
import { freePort, realTimeEnvironment, sharedTestRedisUrl } from '../support/redisServer';
import { TEST_NOW } from '../support/dialogHarness';
import { appointmentRequest } from '../support/appointmentFixtures';
import { startTestIssuer, type TestIssuer } from './support/oidcIssuer';
import { startOperatorBot, type OperatorBot } from './support/operatorBot';
import { RecordingOutreach } from './support/recordingOutreach';

interface Run {
  code: number;
  out: string;
  err: string;
}

function localIso(local: string): string {
  return DateTime.fromISO(local, { zone: 'America/New_York' }).toISO() ?? '';
}

describe('the operator CLI against the real server', function () {
  this.timeout(120_000);
  let client: RedisClientType;
  let issuer: TestIssuer;
  let running: OperatorBot;
  let outreach: RecordingOutreach;
  let store: RedisAppointmentStore;
  let env: NodeJS.ProcessEnv;

  before(async () => {
    const redisUrl = await sharedTestRedisUrl();
    client = await connectRedis(redisUrl);
    issuer = await startTestIssuer(() => new Date(TEST_NOW));
    const keyPrefix = `operator-cli-${randomUUID()}`;
    outreach = new RecordingOutreach();
    running = await startOperatorBot({ redisUrl, keyPrefix, issuer, outreach });
    store = new RedisAppointmentStore(client, { keyPrefix, clock: fixedClock(TEST_NOW) });
    env = { OPERATOR_API_URL: running.bot.url, OPERATOR_TOKEN: await issuer.token() };
  });

  after(async () => {
    await running.bot.close();
    await client.close();
    await issuer.close();
  });

  async function cli(argv: string[], environment: NodeJS.ProcessEnv = env): Promise<Run> {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runOperatorCli(argv, environment, { out: (t) => out.push(t), err: (t) => err.push(t) });
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('sets, shows and resets a day’s capacity', async () => {
    assert.deepEqual(await cli(['capacity', 'NYC', '2026-12-10']), {
      code: 0,
      out: 'NYC 2026-12-10: 2 people per slot (the default).',
      err: '',
    });
    assert.deepEqual(await cli(['capacity', 'nyc', '2026-12-10', '5']), {
      code: 0,
      out: 'NYC 2026-12-10: 5 people per slot (set by an operator).',
      err: '',
    });
    assert.equal((await cli(['capacity', 'NYC', '2026-12-10', '--default'])).out, 'NYC 2026-12-10: 2 people per slot (the default).');
  });

  it('closes part of a day, cancelling and telling the people inside; a repeat tells nobody twice; lists, then reopens it', async () => {
    const inside = await store.book(appointmentRequest('ana', localIso('2026-12-03T10:00'), { language: 'ko' }), 2);
    const outside = await store.book(appointmentRequest('ben', localIso('2026-12-03T13:00')), 2);
    assert.ok(inside.ok && outside.ok);

    const closed = await cli([
      'close',
      'NYC',
      '2026-12-03',
      '--reason',
      'weather',
      '--from',
      '09:00',
      '--to',
      '12:00',
      '--note',
      'ice storm',
    ]);
    assert.equal(closed.code, EXIT.ok, closed.err);
    assert.equal(
      closed.out,
      'Closed NYC on 2026-12-03, 09:00–12:00, weather (closure NYC-2026-12-03-0900-1200).\n' +
        '1 appointment(s) cancelled now; 1 person(s) handed the message (nobody is told twice).',
    );
    const again = await cli(['close', 'NYC', '2026-12-03', '--reason', 'weather', '--from', '09:00', '--to', '12:00']);
    assert.equal(again.code, EXIT.ok);
    assert.match(
      again.out,
      /^Already closed: NYC on 2026-12-03, 09:00–12:00, weather \(closure NYC-2026-12-03-0900-1200, by Dana Operator \(operator-dana\)\)\.\n0 appointment/,
    );
    assert.equal(outreach.delivered.size, 1);
    assert.ok([...outreach.delivered.values()][0].text.includes('예약'));
    assert.equal((await store.get(outside.appointment.receiptNumber))?.status, 'booked');

    const listed = await cli(['closures', 'NYC', '--from', '2026-12-01', '--to', '2026-12-31']);
    assert.equal(listed.code, EXIT.ok);
    assert.match(
      listed.out,
      /^ID +DATE +HOURS +REASON +BY +NOTE\nNYC-2026-12-03-0900-1200 +2026-12-03 +09:00–12:00 +weather +Dana Operator \(operator-dana\) +ice storm$/,
    );

    const day = await cli(['appointments', 'NYC', '2026-12-03']);
    assert.match(day.out, new RegExp(`10:00 +Person ana +${formatReceiptNumber(inside.appointment.receiptNumber)} +cancelled`));
    assert.match(day.out, new RegExp(`13:00 +Person ben +${formatReceiptNumber(outside.appointment.receiptNumber)} +booked`));

    assert.equal(
      (await cli(['reopen', 'NYC-2026-12-03-0900-1200'])).out,
      'Reopened NYC on 2026-12-03, 09:00–12:00, weather. Appointments it cancelled stay cancelled.',
    );
    const gone = await cli(['reopen', 'NYC-2026-12-03-0900-1200']);
    assert.equal(gone.code, EXIT.refused);
    assert.equal(gone.err, 'operator: no closure NYC-2026-12-03-0900-1200 (HTTP 404, not_found)');
  });

  it('checks a person in by receipt number, and shows the audit log page by page', async () => {
    const today = await store.book(appointmentRequest('cy', localIso('2026-12-01T15:00'), { name: 'Cy Twombly' }), 2);
    assert.ok(today.ok);
    const receipt = formatReceiptNumber(today.appointment.receiptNumber);
    assert.deepEqual(await cli(['check-in', receipt]), { code: 0, out: `Checked in: Cy Twombly (${receipt}, 15:00).`, err: '' });
    assert.equal((await cli(['check-in', receipt])).out, `Cy Twombly (${receipt}, 15:00) was already checked in at ${TEST_NOW}.`);

    const audit = await cli(['audit', '--limit', '1']);
    assert.equal(audit.code, EXIT.ok);
    const [header, row, more] = audit.out.split('\n');
    assert.match(header, /^WHEN +ACTION +WHO +DETAILS$/);
    assert.match(
      row,
      new RegExp(`^${TEST_NOW} +appointment\\.checkedIn +Dana Operator \\(operator-dana\\) +receiptNumber=${receipt} office=NYC$`),
    );
    assert.match(more, /^Older entries: --before \d+-\d+$/);
    const older = await cli(['audit', '--limit', '1', '--before', more.split(' ').at(-1) ?? '']);
    assert.match(older.out.split('\n')[1], /(closure|capacity)\./);

    const json = await cli(['audit', '--limit', '2', '--json']);
    assert.equal((JSON.parse(json.out) as { entries: unknown[] }).entries.length, 2);
  });

  it('explains what went wrong, with exit codes to script with', async () => {
    const refused = await cli(['close', 'XYZ', '2026-12-03', '--reason', 'weather']);
    assert.deepEqual(refused, { code: EXIT.refused, out: '', err: 'operator: no field office XYZ (HTTP 404, unknown_office)' });
    const unknown = await cli(['check-in', 'IP-M8H0-EY4P-FC76-N']);
    assert.equal(unknown.code, EXIT.refused);

    const usage = [
      ['close', 'NYC', '2026-12-03'],
      ['close', 'NYC', '12/03/2026', '--reason', 'weather'],
      ['capacity', 'NYC', '2026-12-03', 'five'],
      ['appointments', 'NEWYORK'],
      ['snow', 'NYC'],
      ['audit', '--verbose'],
      [],
    ];
    for (const argv of usage) {
      const run = await cli(argv);
      assert.equal(run.code, EXIT.usage, argv.join(' '));
      assert.match(run.err, /usage: npm run operator/);
    }
    assert.equal((await cli(['audit'], { OPERATOR_TOKEN: 'x' })).code, EXIT.usage);
    assert.equal((await cli(['audit'], { OPERATOR_API_URL: running.bot.url })).code, EXIT.usage);

    const expired = await cli(['audit'], {
      ...env,
      OPERATOR_TOKEN: await issuer.token({ issuedAt: new Date(Date.parse(TEST_NOW) - 7_200_000) }),
    });
    assert.equal(expired.code, EXIT.unauthorised);
    assert.match(expired.err, /the token has expired \(HTTP 401, invalid_token\) — OPERATOR_TOKEN is missing, expired/);
    const viewer = await cli(['audit'], { ...env, OPERATOR_TOKEN: await issuer.token({ roles: [] }) });
    assert.equal(viewer.code, EXIT.unauthorised);
    assert.match(viewer.err, /lacks the operator role/);

    const nobody = await cli(['audit'], { ...env, OPERATOR_API_URL: `http://127.0.0.1:${await freePort()}` });
    assert.equal(nobody.code, EXIT.unavailable);
    assert.match(nobody.err, /^operator: could not reach http:\/\/127\.0\.0\.1:\d+/);
  });

  it('runs as `npm run operator`, with its exit code', async () => {
    const run = (args: string[], environment: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> =>
      new Promise((resolve) => {
        execFile('npm', ['run', '-s', 'operator', '--', ...args], { cwd: projectRoot(), env: environment }, (error, stdout, stderr) => {
          const code = error && typeof error.code === 'number' ? error.code : 0;
          resolve({ code, stdout, stderr });
        });
      });
    const base = realTimeEnvironment();
    const help = await run(['--help'], base);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^usage: npm run operator -- <command>/);
    const closed = await run(['close', 'NYC', '2026-12-04', '--reason', 'emergency'], { ...base, ...env });
    assert.equal(closed.code, 0, closed.stderr);
    assert.match(
      closed.stdout,
      /^Closed NYC on 2026-12-04, all day, emergency \(closure NYC-2026-12-04\)\.\n0 appointment\(s\) cancelled now/,
    );
    const unauthorised = await run(['audit'], { ...base, ...env, OPERATOR_TOKEN: 'not-a-token' });
    assert.equal(unauthorised.code, EXIT.unauthorised);
  });
});
