import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import type { RedisClientType } from 'redis';
import { z } from 'zod/v4';
import { connectRedis } from '../../src/infra/redis/connect';
import { RedisAppointmentStore } from '../../src/infra/redis/redisAppointmentStore';
import { fixedClock } from '../../src/domain/clock';
import { LANGUAGES } from '../../src/domain/languages';
import { formatReceiptNumber } from '../../src/domain/appointments/receiptNumber';
import type { Appointment } from '../../src/domain/appointments/types';
import { sharedTestRedisUrl } from '../support/redisServer';
import { TEST_NOW } from '../support/dialogHarness';
import { HttpConversation } from '../support/httpConversation';
import { describeReplies, saysKey, suggestedTitles, translator } from '../support/replies';
import { appointmentRequest } from '../support/appointmentFixtures';
import { startTestIssuer, type TestIssuer } from './support/oidcIssuer';
import { callApi, startOperatorBot, type OperatorBot } from './support/operatorBot';
import { RecordingOutreach } from './support/recordingOutreach';

const NY = 'America/New_York';
/** TEST_NOW is Tuesday 1 December 2026, 09:00 in New York; the closed day is the Thursday after. */
const CLOSED_DAY = '2026-12-03';
const PEOPLE = 200;

const closureAnswer = z.object({
  created: z.boolean(),
  closure: z.object({ id: z.string(), createdBy: z.object({ sub: z.string() }) }),
  cancelled: z.number(),
  notified: z.number(),
  failed: z.array(z.string()),
});
const dayAnswer = z.object({
  appointments: z.array(
    z.object({
      receiptNumber: z.string(),
      name: z.string(),
      time: z.string(),
      status: z.string(),
      checkedIn: z.boolean(),
      checkedInAt: z.string().optional(),
    }),
  ),
});
const auditAnswer = z.object({
  entries: z.array(
    z.object({
      id: z.string(),
      at: z.string(),
      action: z.string(),
      actor: z.object({ sub: z.string(), name: z.string().optional() }),
      params: z.record(z.string(), z.unknown()),
    }),
  ),
  next: z.string().optional(),
});

function localIso(local: string): string {
  return DateTime.fromISO(local, { zone: NY }).toISO() ?? '';
}

/** The 16 half-hour slots of an 08:00–16:00 day. */
function slotsOf(date: string): string[] {
  return Array.from({ length: 16 }, (_, i) => localIso(`${date}T${String(8 + Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'}`));
}

describe('the operator API through the real server, on Redis', function () {
  this.timeout(120_000);
  let redisUrl: string;
  let client: RedisClientType;
  let issuer: TestIssuer;
  let outreach: RecordingOutreach;
  let running: OperatorBot;
  let keyPrefix: string;
  let store: RedisAppointmentStore;
  let token: string;

  before(async () => {
    redisUrl = await sharedTestRedisUrl();
    client = await connectRedis(redisUrl);
    issuer = await startTestIssuer(() => new Date(TEST_NOW));
    token = await issuer.token();
  });

  after(async () => {
    await client.close();
    await issuer.close();
  });

  beforeEach(async () => {
    keyPrefix = `operator-${randomUUID()}`;
    outreach = new RecordingOutreach();
    running = await startOperatorBot({ redisUrl, keyPrefix, issuer, outreach });
    store = new RedisAppointmentStore(client, { keyPrefix, clock: fixedClock(TEST_NOW) });
  });

  afterEach(async () => {
    await running.bot.close();
  });

  /** As the operator of `as` (default: a valid operator's token; '' sends none). */
  const api = (method: string, path: string, body?: unknown, as: string = token) =>
    callApi(running.bot.url, method, path, { ...(as ? { token: as } : {}), ...(body === undefined ? {} : { body }) });

  it('refuses requests without an operator’s token: 401 with a Bearer challenge, 403 without the role', async () => {
    const none = await api('GET', '/audit', undefined, '');
    assert.equal(none.status, 401);
    assert.equal(none.headers.get('www-authenticate'), 'Bearer realm="infopass-operator"');
    const expired = await api('GET', '/audit', undefined, await issuer.token({ issuedAt: new Date(Date.parse(TEST_NOW) - 3_600_000) }));
    assert.equal(expired.status, 401);
    assert.match(expired.headers.get('www-authenticate') ?? '', /error="invalid_token"/);
    for (const bad of [
      await issuer.token({ audience: 'api://other' }),
      await issuer.token({ issuer: 'https://elsewhere.example.org' }),
      await issuer.strangerToken(),
    ]) {
      assert.equal((await api('POST', `/offices/NYC/closures`, { date: CLOSED_DAY, reason: 'weather' }, bad)).status, 401);
    }
    const viewer = await api('PUT', `/offices/NYC/capacity/${CLOSED_DAY}`, { capacity: 9 }, await issuer.token({ roles: ['viewer'] }));
    assert.equal(viewer.status, 403);
    assert.match(viewer.headers.get('www-authenticate') ?? '', /error="insufficient_scope"/);
    // Nothing was changed by the refused requests.
    assert.deepEqual(auditAnswer.parse((await api('GET', '/audit')).body).entries, []);
  });

  it(`closes a day with ${PEOPLE} appointments: each person is told once, in their own language; a repeat tells nobody twice`, async () => {
    // 16 slots × 13 seats: the day's capacity set through the API.
    const capacity = await api('PUT', `/offices/NYC/capacity/${CLOSED_DAY}`, { capacity: 13 });
    assert.equal(capacity.status, 200, JSON.stringify(capacity.body));
    assert.deepEqual(capacity.body, { ok: true, officeCode: 'NYC', date: CLOSED_DAY, capacity: 13, overridden: true });

    const slots = slotsOf(CLOSED_DAY);
    const booked: Appointment[] = [];
    for (let i = 0; i < PEOPLE; i++) {
      const language = LANGUAGES[i % LANGUAGES.length].code;
      const result = await store.book(
        appointmentRequest(`p${i}`, slots[i % slots.length], { language, phone: `+1212555${String(1000 + i)}`, personKey: `person-${i}` }),
        13,
      );
      assert.ok(result.ok, `booking ${i}`);
      booked.push(result.appointment);
      // Every third person booked in a chat (Web Chat, Teams): the outreach knows their conversation.
      if (i % 3 === 0)
        await outreach.saveRoute(result.appointment.receiptNumber, {
          channel: 'chat',
          conversationReference: `{"conversation":{"id":"c${i}"}}`,
        });
      await outreach.scheduleReminder(result.appointment.receiptNumber, new Date(Date.parse(slots[i % slots.length]) - 86_400_000));
    }

    const first = await api('POST', '/offices/NYC/closures', {
      date: CLOSED_DAY,
      reason: 'weather',
      note: 'snow emergency declared by the city',
    });
    assert.equal(first.status, 201, JSON.stringify(first.body));
    const closed = closureAnswer.parse(first.body);
    assert.deepEqual(
      { created: closed.created, cancelled: closed.cancelled, notified: closed.notified, failed: closed.failed },
      { created: true, cancelled: PEOPLE, notified: PEOPLE, failed: [] },
    );
    assert.equal(closed.closure.id, `NYC-${CLOSED_DAY}`);
    assert.equal(closed.closure.createdBy.sub, 'operator-dana');

    assert.equal(outreach.delivered.size, PEOPLE);
    for (const [i, appointment] of booked.entries()) {
      const message = outreach.delivered.get(`NYC-${CLOSED_DAY}:${appointment.receiptNumber}`);
      assert.ok(message, `person ${i} was told`);
      const t = translator.for(appointment.language);
      assert.ok(message.text.includes(formatReceiptNumber(appointment.receiptNumber)), message.text);
      assert.ok(message.text.includes(t('closure.reason_weather')), `${appointment.language}: ${message.text}`);
      assert.ok(message.text.includes(t('closure.rebookWord')), `${appointment.language}: ${message.text}`);
      assert.ok(!message.text.includes('snow emergency'), 'the operator’s note stays with the operators');
      if (i % 3 === 0) assert.equal(message.route.channel, 'chat');
      else assert.deepEqual(message.route, { channel: 'sms', phone: appointment.phone });
      // By text the times are numbered for a one-answer rebooking; these chat references name no
      // channel (no conversation to keep the offer in), so those people are told how to book again.
      assert.equal(message.text.includes('\n1. '), i % 3 !== 0, message.text);
      assert.equal((await store.get(appointment.receiptNumber))?.status, 'cancelled');
      assert.equal(outreach.reminders.has(appointment.receiptNumber), false);
    }
    assert.deepEqual(await store.countBooked('NYC', slots), new Array(16).fill(0));

    const again = await api(
      'POST',
      '/offices/NYC/closures',
      { date: CLOSED_DAY, reason: 'weather' },
      await issuer.token({ claims: { sub: 'operator-lee' } }),
    );
    assert.equal(again.status, 200);
    const repeated = closureAnswer.parse(again.body);
    assert.deepEqual(
      { created: repeated.created, cancelled: repeated.cancelled, failed: repeated.failed },
      { created: false, cancelled: 0, failed: [] },
    );
    assert.equal(repeated.closure.createdBy.sub, 'operator-dana');
    assert.equal(outreach.delivered.size, PEOPLE, 'nobody told twice');
    assert.equal(new Set(outreach.calls.map((call) => call.dedupeId)).size, PEOPLE);

    const day = dayAnswer.parse((await api('GET', `/offices/NYC/appointments?date=${CLOSED_DAY}`)).body);
    assert.equal(day.appointments.length, PEOPLE);
    assert.ok(day.appointments.every((a) => a.status === 'cancelled'));

    const audit = auditAnswer.parse((await api('GET', '/audit')).body);
    assert.deepEqual(
      audit.entries.map((e) => [e.action, e.actor.sub, e.actor.name]),
      [
        ['closure.created', 'operator-dana', 'Dana Operator'],
        ['capacity.set', 'operator-dana', 'Dana Operator'],
      ],
    );
    assert.equal(audit.entries[0].at, TEST_NOW);
    assert.deepEqual(audit.entries[0].params, {
      id: `NYC-${CLOSED_DAY}`,
      office: 'NYC',
      date: CLOSED_DAY,
      from: '00:00',
      to: '24:00',
      reason: 'weather',
      note: 'snow emergency declared by the city',
    });
  });

  it('a person told in their chat answers "2": the second time is booked for them, through the real server on Redis', async () => {
    const chat = new HttpConversation(running.bot.url);
    const booked = await store.book(appointmentRequest('ana', localIso(`${CLOSED_DAY}T10:00`), { language: 'es', personKey: 'ana' }), 2);
    assert.ok(booked.ok);
    const { receiptNumber } = booked.appointment;
    const reference = JSON.stringify({ channelId: 'webchat', conversation: { id: chat.conversationId } });
    await outreach.saveRoute(receiptNumber, { channel: 'chat', conversationReference: reference });
    assert.equal((await api('POST', '/offices/NYC/closures', { date: CLOSED_DAY, reason: 'weather' })).status, 201);
    const t = translator.for('es');
    const told = outreach.delivered.get(`NYC-${CLOSED_DAY}:${receiptNumber}`);
    assert.ok(told?.text.includes(t('closure.replyThree', { word: t('closure.rebookWord') })), told?.text);
    const offerKey = `{${keyPrefix}}:rebook:webchat/conversations/${chat.conversationId}/`;
    const kept = await client.hGet(offerKey, 'offer');
    assert.ok(typeof kept === 'string', 'the offer is kept in Redis under the chat');
    const second = z.object({ slots: z.array(z.string()) }).parse(JSON.parse(kept)).slots[1];

    const replies = await chat.send('2');
    assert.ok(saysKey(replies, 'es', 'rebook.booked'), describeReplies(replies));
    const now = await store.listBetween('NYC', new Date('2026-12-01T00:00:00Z'), new Date('2026-12-20T00:00:00Z'));
    assert.deepEqual(
      now.filter((a) => a.personKey === 'ana' && a.status === 'booked').map((a) => a.slotStart),
      [second],
    );
    assert.equal(await client.hGet(offerKey, 'claimed'), second, 'claimed for that time');
  });

  it('takes closed slots out of what the bot offers and refuses to book one, then offers them again once reopened', async () => {
    const conversation = new HttpConversation(running.bot.url);
    const turn = async (text: string, key: string) => {
      const replies = await conversation.send(text);
      assert.ok(saysKey(replies, 'en', key), `after "${text}" expected en:${key}, got:\n${describeReplies(replies)}`);
      return replies;
    };
    await conversation.join();
    const menu = await turn('English', 'menu.prompt');
    await turn(suggestedTitles(menu)[0], 'location.zipPrompt');
    await turn('10001', 'location.office');
    await turn('yes', 'booking.reasonPrompt');
    await turn('Question about a pending case', 'details.namePrompt');
    await turn('John Smith', 'details.dobPrompt');
    await turn('07/15/1975', 'details.phonePrompt');
    await turn('212-736-5000', 'slots.prompt');
    const offer = await turn('tomorrow at 10am', 'slots.offerExact');
    const tenAm = suggestedTitles(offer).find((title) => /10:00/.test(title));
    assert.ok(tenAm, suggestedTitles(offer).join(' | '));
    await turn(tenAm, 'booking.summary');

    // While the person reads the summary, an operator closes the morning.
    const closed = await api('POST', '/offices/NYC/closures', { date: '2026-12-02', from: '09:00', to: '12:00', reason: 'emergency' });
    assert.equal(closed.status, 201, JSON.stringify(closed.body));
    await turn('yes', 'booking.slotTaken');
    assert.equal((await store.listBetween('NYC', new Date('2026-12-02T05:00:00Z'), new Date('2026-12-03T05:00:00Z'))).length, 0);

    const retry = new HttpConversation(running.bot.url);
    await retry.join();
    const retryMenu = await retry.send('English');
    await retry.send(suggestedTitles(retryMenu)[0]);
    for (const text of ['10001', 'yes', 'Question about a pending case', 'Jane Smith', '07/16/1975', '212-736-5001'])
      await retry.send(text);
    const closedOffer = await retry.send('tomorrow at 10am');
    assert.ok(saysKey(closedOffer, 'en', 'slots.notice_closed_that_time'), describeReplies(closedOffer));
    const offered = suggestedTitles(closedOffer);
    assert.ok(offered.length > 0, describeReplies(closedOffer));
    assert.ok(
      offered.every((title) => !/December 2, 2026, (9|10|11):[03]0 AM/.test(title)),
      offered.join(' | '),
    );

    assert.equal((await api('DELETE', '/closures/NYC-2026-12-02-0900-1200')).status, 200);
    assert.equal((await api('DELETE', '/closures/NYC-2026-12-02-0900-1200')).status, 404);
    const promptAgain = await retry.send('Another time');
    assert.ok(saysKey(promptAgain, 'en', 'slots.promptAgain'), describeReplies(promptAgain));
    const reopened = await retry.send('tomorrow at 10am');
    assert.ok(saysKey(reopened, 'en', 'slots.offerExact'), describeReplies(reopened));
    assert.ok(
      suggestedTitles(reopened).some((title) => /December 2, 2026, 10:00 AM/.test(title)),
      suggestedTitles(reopened).join(' | '),
    );
  });

  it('lists a day’s appointments and checks people in, once, writing who did it', async () => {
    const today = localIso('2026-12-01T10:00');
    const ana = await store.book(appointmentRequest('ana', today, { name: 'Ana Lima' }), 2);
    const ben = await store.book(appointmentRequest('ben', localIso('2026-12-01T11:00'), { name: 'Ben Ode' }), 2);
    const later = await store.book(appointmentRequest('cy', localIso('2026-12-02T11:00')), 2);
    assert.ok(ana.ok && ben.ok && later.ok);
    await store.cancel(ben.appointment.receiptNumber);

    const receipt = formatReceiptNumber(ana.appointment.receiptNumber);
    const checkIn = await api('POST', `/appointments/${receipt}/check-in`);
    assert.equal(checkIn.status, 200, JSON.stringify(checkIn.body));
    assert.equal(z.object({ alreadyCheckedIn: z.boolean() }).parse(checkIn.body).alreadyCheckedIn, false);
    const repeat = await api(
      'POST',
      `/appointments/${ana.appointment.receiptNumber}/check-in`,
      undefined,
      await issuer.token({ claims: { sub: 'operator-lee' } }),
    );
    assert.equal(z.object({ alreadyCheckedIn: z.boolean() }).parse(repeat.body).alreadyCheckedIn, true);
    assert.equal((await api('POST', `/appointments/${formatReceiptNumber(ben.appointment.receiptNumber)}/check-in`)).status, 409);
    assert.equal((await api('POST', `/appointments/${formatReceiptNumber(later.appointment.receiptNumber)}/check-in`)).status, 409);
    assert.equal((await api('POST', '/appointments/IP-M8H0-EY4P-FC76-N/check-in')).status, 404);
    assert.equal((await api('POST', '/appointments/EAC2212345678/check-in')).status, 400);

    // No date: the office's today.
    const listed = await api('GET', '/offices/nyc/appointments');
    assert.equal(listed.status, 200);
    assert.equal(listed.headers.get('cache-control'), 'no-store');
    assert.deepEqual(
      dayAnswer.parse(listed.body).appointments.map((a) => [a.time, a.name, a.receiptNumber, a.status, a.checkedIn, a.checkedInAt]),
      [
        ['10:00', 'Ana Lima', receipt, 'booked', true, TEST_NOW],
        ['11:00', 'Ben Ode', formatReceiptNumber(ben.appointment.receiptNumber), 'cancelled', false, undefined],
      ],
    );
    const audit = auditAnswer.parse((await api('GET', '/audit')).body);
    assert.deepEqual(
      audit.entries.map((e) => [e.action, e.actor.sub, e.params.receiptNumber]),
      [['appointment.checkedIn', 'operator-dana', receipt]],
    );
  });

  it('answers bad requests with 400 or 404 and the reason, and changes nothing', async () => {
    const cases: [string, string, unknown, number, string][] = [
      ['POST', '/offices/XXX/closures', { date: CLOSED_DAY, reason: 'weather' }, 404, 'unknown_office'],
      ['POST', '/offices/NYC/closures', { date: CLOSED_DAY, reason: 'aliens' }, 400, 'bad_request'],
      ['POST', '/offices/NYC/closures', { date: CLOSED_DAY, reason: 'weather', extra: 1 }, 400, 'bad_request'],
      ['POST', '/offices/NYC/closures', { date: '2026-11-30', reason: 'weather' }, 400, 'in_the_past'],
      ['POST', '/offices/NYC/closures', { date: CLOSED_DAY, from: '12:00', to: '09:00', reason: 'weather' }, 400, 'empty_span'],
      ['PUT', `/offices/NYC/capacity/${CLOSED_DAY}`, { capacity: -1 }, 400, 'bad_request'],
      ['PUT', '/offices/NYC/capacity/tomorrow', { capacity: 3 }, 400, 'bad_date'],
      ['GET', '/offices/NYC/appointments?date=2026-13-01', undefined, 400, 'bad_date'],
      ['GET', '/audit?limit=0', undefined, 400, 'bad_request'],
      ['GET', '/audit?before=DROP', undefined, 400, 'bad_request'],
    ];
    for (const [method, path, body, status, error] of cases) {
      const answer = await api(method, path, body);
      assert.equal(answer.status, status, `${method} ${path}: ${JSON.stringify(answer.body)}`);
      assert.equal(z.object({ error: z.string() }).parse(answer.body).error, error, `${method} ${path}`);
    }
    assert.deepEqual(auditAnswer.parse((await api('GET', '/audit')).body).entries, []);
  });

  it('keeps the audit log append-only: pages through it, and offers no way to change it', async () => {
    for (const capacity of [3, 4, 5]) assert.equal((await api('PUT', `/offices/NYC/capacity/${CLOSED_DAY}`, { capacity })).status, 200);
    assert.equal((await api('DELETE', `/offices/NYC/capacity/${CLOSED_DAY}`)).status, 200);
    const page = auditAnswer.parse((await api('GET', '/audit?limit=3')).body);
    assert.deepEqual(
      page.entries.map((e) => [e.action, e.params.capacity ?? null]),
      [
        ['capacity.cleared', null],
        ['capacity.set', 5],
        ['capacity.set', 4],
      ],
    );
    assert.ok(page.next);
    const rest = auditAnswer.parse((await api('GET', `/audit?limit=3&before=${page.next}`)).body);
    assert.deepEqual(
      rest.entries.map((e) => e.params.capacity),
      [3],
    );
    for (const method of ['DELETE', 'PUT', 'POST', 'PATCH']) {
      const answer = await api(method, '/audit', { entries: [] });
      assert.ok(answer.status === 404 || answer.status === 405, `${method} /audit answered ${answer.status}`);
      const entry = await api(method, `/audit/${page.entries[0].id}`, {});
      assert.ok(entry.status === 404 || entry.status === 405, `${method} /audit/<id> answered ${entry.status}`);
    }
    assert.equal(auditAnswer.parse((await api('GET', '/audit?limit=100')).body).entries.length, 4);
    assert.equal(await client.xLen(`{${keyPrefix}}:audit`), 4);
  });
});

describe('the operator API without OPERATOR_OIDC_ISSUER', () => {
  it('is off: every route answers 404, and the log says so', async () => {
    const running = await startOperatorBot({ redisUrl: await sharedTestRedisUrl(), keyPrefix: `operator-off-${randomUUID()}` });
    try {
      for (const [method, path] of [
        ['GET', '/audit'],
        ['POST', '/offices/NYC/closures'],
        ['GET', '/offices/NYC/appointments'],
      ]) {
        assert.equal((await callApi(running.bot.url, method, path)).status, 404, `${method} ${path}`);
      }
      assert.ok(running.logs.some((line) => line.msg === 'OPERATOR_OIDC_ISSUER is not set: the operator API (/api/operator) is off'));
    } finally {
      await running.bot.close();
    }
  });
});
