import assert from 'node:assert/strict';
import { BotMetrics } from '../../src/metrics/botMetrics';
import { BoundedLabel, channelLabel, languageLabel } from '../../src/metrics/labels';
import { CountingAppointmentStore } from '../../src/metrics/countingAppointmentStore';
import { MemoryAppointmentStore } from '../../src/infra/memory/memoryAppointmentStore';
import { fixedClock } from '../../src/domain/clock';
import { TEST_NOW } from '../support/dialogHarness';
import { appointmentRequest } from '../support/appointmentFixtures';
import { parseExposition, valueOf } from './exposition';

async function scrape(metrics: BotMetrics): Promise<ReturnType<typeof parseExposition>> {
  return parseExposition(await metrics.exposition());
}

describe('BotMetrics: the bot’s counters on a registry of its own, with bounded labels', () => {
  it('names channels it serves and counts every other channel id as "other"', () => {
    assert.deepEqual(['msteams', 'webchat', 'directline', 'sms', 'emulator', 'test', 'slack', '', undefined].map(channelLabel), [
      'msteams',
      'webchat',
      'directline',
      'sms',
      'emulator',
      'other',
      'other',
      'other',
      'other',
    ]);
  });

  it('names the 13 languages and counts anything else as "other"', () => {
    assert.deepEqual(['es', 'zh', 'ht', 'eo', 'es-MX', 'xx', '', undefined].map(languageLabel), [
      'es',
      'zh',
      'ht',
      'eo',
      'other',
      'other',
      'other',
      'other',
    ]);
  });

  it('lets through at most `max` distinct values of a label, then says "other" (values seen before stay themselves)', () => {
    const label = new BoundedLabel(2);
    assert.deepEqual(
      ['a', 'b', 'c', 'a', 'd', 'b'].map((v) => label.of(v)),
      ['a', 'b', 'other', 'a', 'other', 'b'],
    );
  });

  it('counts and times turns by channel, and failed turns apart', async () => {
    const metrics = new BotMetrics();
    metrics.turnFinished('sms', 0.02, false);
    metrics.turnFinished('sms', 0.3, true);
    metrics.turnFinished('webchat', 0.004, false);
    const samples = await scrape(metrics);
    assert.equal(valueOf(samples, 'infopass_turns_total', { channel: 'sms' }), 2);
    assert.equal(valueOf(samples, 'infopass_turns_total', { channel: 'webchat' }), 1);
    assert.equal(valueOf(samples, 'infopass_turns_total', { channel: 'msteams' }), 0, 'every channel reads 0 before its first turn');
    assert.equal(valueOf(samples, 'infopass_turn_failures_total', { channel: 'sms' }), 1);
    assert.equal(valueOf(samples, 'infopass_turn_failures_total', { channel: 'webchat' }), undefined);
    assert.equal(valueOf(samples, 'infopass_turn_duration_seconds_count', { channel: 'sms' }), 2);
    assert.equal(valueOf(samples, 'infopass_turn_duration_seconds_bucket', { channel: 'sms', le: '0.025' }), 1);
    assert.equal(valueOf(samples, 'infopass_turn_duration_seconds_bucket', { channel: 'webchat', le: '0.005' }), 1);
  });

  it('counts steps by dialog, step, language and channel, with an unknown language as "other"', async () => {
    const metrics = new BotMetrics();
    metrics.stepReached('booking', '1:reason', 'es', 'sms');
    metrics.stepReached('booking', '1:reason', 'es', 'sms');
    metrics.stepReached('booking', '1:reason', 'klingon', 'webchat');
    const samples = await scrape(metrics);
    assert.equal(
      valueOf(samples, 'infopass_dialog_steps_total', { dialog: 'booking', step: '1:reason', language: 'es', channel: 'sms' }),
      2,
    );
    assert.equal(valueOf(samples, 'infopass_dialog_steps_total', { language: 'other', channel: 'webchat' }), 1);
    assert.equal(valueOf(samples, 'infopass_dialog_steps_total', { language: 'klingon' }), undefined);
  });

  it('counts what other parts report: reminders, misreads, rate-limited requests, Redis errors', async () => {
    const metrics = new BotMetrics();
    metrics.reminderSent('sms');
    metrics.reminderSent('sms');
    metrics.reminderFailed('chat');
    metrics.misread('date', 'ko');
    metrics.misread('intent', 'nonsense');
    metrics.rateLimited('/v3/directline/tokens/generate');
    metrics.redisError('durable');
    metrics.redisError('state');
    metrics.redisError('state');
    const samples = await scrape(metrics);
    assert.equal(valueOf(samples, 'infopass_reminders_sent_total', { channel: 'sms' }), 2);
    assert.equal(valueOf(samples, 'infopass_reminders_sent_total', { channel: 'chat' }), 0);
    assert.equal(valueOf(samples, 'infopass_reminders_failed_total', { channel: 'chat' }), 1);
    assert.equal(valueOf(samples, 'infopass_misreads_total', { kind: 'date', language: 'ko' }), 1);
    assert.equal(valueOf(samples, 'infopass_misreads_total', { kind: 'intent', language: 'other' }), 1);
    assert.equal(valueOf(samples, 'infopass_rate_limited_total', { route: '/v3/directline/tokens/generate' }), 1);
    assert.equal(valueOf(samples, 'infopass_redis_errors_total', { role: 'durable' }), 1);
    assert.equal(valueOf(samples, 'infopass_redis_errors_total', { role: 'state' }), 2);
  });

  it('counts stream upgrades by the status answered (statuses it does not answer read "other"), and reads the open streams at each scrape', async () => {
    const metrics = new BotMetrics();
    assert.equal(valueOf(await scrape(metrics), 'infopass_directline_streams_open'), 0, 'none before streams are counted');
    let open = 3;
    metrics.countOpenStreams(() => open);
    for (const status of [101, 101, 403, 429, 418]) metrics.streamUpgradeAnswered(status);
    const samples = await scrape(metrics);
    assert.equal(valueOf(samples, 'infopass_directline_stream_upgrades_total', { status: '101' }), 2);
    assert.equal(valueOf(samples, 'infopass_directline_stream_upgrades_total', { status: '403' }), 1);
    assert.equal(valueOf(samples, 'infopass_directline_stream_upgrades_total', { status: '429' }), 1);
    assert.equal(valueOf(samples, 'infopass_directline_stream_upgrades_total', { status: 'other' }), 1);
    assert.equal(valueOf(samples, 'infopass_directline_streams_open'), 3);
    open = 1;
    assert.equal(valueOf(await scrape(metrics), 'infopass_directline_streams_open'), 1);
  });

  it('times HTTP requests by route template, method and status class; a request no route matched is "unmatched"', async () => {
    const metrics = new BotMetrics();
    metrics.httpRequestFinished('/api/messages', 'POST', 200, 0.01);
    metrics.httpRequestFinished('/api/messages', 'POST', 202, 0.01);
    metrics.httpRequestFinished('/api/messages', 'POST', 429, 0.001);
    metrics.httpRequestFinished(undefined, 'BREW', 404, 0.001);
    const samples = await scrape(metrics);
    const count = 'infopass_http_request_duration_seconds_count';
    assert.equal(valueOf(samples, count, { route: '/api/messages', method: 'POST', status_class: '2xx' }), 2);
    assert.equal(valueOf(samples, count, { route: '/api/messages', status_class: '4xx' }), 1);
    assert.equal(valueOf(samples, count, { route: 'unmatched', method: 'other', status_class: '4xx' }), 1);
  });

  it('keeps two bots’ counts apart (no global registry), and adds the process metrics only when asked', async () => {
    const one = new BotMetrics();
    const two = new BotMetrics({ processMetrics: true });
    one.turnFinished('sms', 0.01, false);
    const [first, second] = [await scrape(one), await scrape(two)];
    assert.equal(valueOf(first, 'infopass_turns_total', { channel: 'sms' }), 1);
    assert.equal(valueOf(second, 'infopass_turns_total', { channel: 'sms' }), 0);
    assert.equal(valueOf(first, 'infopass_process_cpu_seconds_total'), undefined);
    assert.ok((valueOf(second, 'infopass_process_cpu_seconds_total') ?? 0) > 0);
    assert.ok((valueOf(second, 'infopass_process_resident_memory_bytes') ?? 0) > 0);
  });
});

describe('CountingAppointmentStore: counts what the store did, and answers as it does', () => {
  const slot = '2026-12-03T15:00:00.000Z';
  const later = '2026-12-03T16:00:00.000Z';

  it('counts a booking by its language (a replayed request once), a refusal by its reason, a move and a cancellation once', async () => {
    const metrics = new BotMetrics();
    const store = new CountingAppointmentStore(new MemoryAppointmentStore({ clock: fixedClock(TEST_NOW) }), metrics);
    const request = appointmentRequest('ana', slot, { language: 'ar', requestId: 'request-1' });
    const booked = await store.book(request, 1);
    assert.ok(booked.ok);
    const replayed = await store.book(request, 1);
    assert.ok(replayed.ok && replayed.replayed && replayed.appointment.receiptNumber === booked.appointment.receiptNumber);
    assert.deepEqual(await store.book(appointmentRequest('bo', slot, { language: 'ar' }), 1), { ok: false, reason: 'slot_full' });
    const again = await store.book(appointmentRequest('ana', later), 1);
    assert.equal(again.ok ? 'booked' : again.reason, 'already_booked');
    const receipt = booked.appointment.receiptNumber;
    assert.equal((await store.get(receipt))?.status, 'booked');
    assert.deepEqual(await store.countBooked('NYC', [slot]), [1]);
    assert.equal((await store.move(receipt, later, 1, 3)).ok, true);
    assert.deepEqual(await store.move(receipt, later, 1, 3), { ok: false, reason: 'same_slot' });
    assert.equal((await store.cancel(receipt)).ok, true);
    assert.deepEqual(await store.cancel(receipt), { ok: false, reason: 'already_cancelled' });

    const samples = await scrape(metrics);
    assert.equal(valueOf(samples, 'infopass_bookings_total'), 1);
    assert.equal(valueOf(samples, 'infopass_bookings_total', { language: 'ar' }), 1);
    assert.equal(valueOf(samples, 'infopass_booking_refusals_total', { reason: 'slot_full' }), 1);
    assert.equal(valueOf(samples, 'infopass_booking_refusals_total', { reason: 'already_booked' }), 1);
    assert.equal(valueOf(samples, 'infopass_moves_total'), 1);
    assert.equal(valueOf(samples, 'infopass_moves_total', { language: 'ar' }), 1);
    assert.equal(valueOf(samples, 'infopass_cancellations_total'), 1);
    assert.equal(valueOf(samples, 'infopass_cancellations_total', { language: 'ar' }), 1);
    assert.equal(await store.purgeBefore(new Date('2027-01-01T00:00:00.000Z')), 1);
    await store.close();
  });
});
