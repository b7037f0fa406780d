import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { LANGUAGES } from '../domain/languages';
import type { BookResult } from '../domain/appointments/types';
import { BoundedLabel, CHANNEL_LABELS, type ChannelLabel, languageLabel } from './labels';
import type { MisreadKind, PartMetrics, RedisRole, StreamMetrics } from './types';
import type { ContactRoute } from '../domain/outreach/types';

export const METRIC_PREFIX = 'infopass_';

/** Seconds: a turn or request is expected well under 0.1 s; the upper buckets catch lock waits and Redis timeouts. */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

const HTTP_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
const LANGUAGE_CODES = LANGUAGES.map((l) => l.code);
/** What a stream URL's upgrade is answered (src/http/directLine/streams.ts). */
const UPGRADE_STATUSES: ReadonlySet<number> = new Set([101, 400, 403, 404, 429, 503]);
const REMINDER_CHANNELS: readonly ContactRoute['channel'][] = ['sms', 'chat'];

export interface BotMetricsOptions {
  /**
   * Node's own metrics too (CPU, memory, event loop lag, GC, prefixed): for a registry that is
   * scraped. They keep an event-loop delay monitor and a GC observer running for the life of the
   * process, so a registry nobody reads goes without.
   */
  processMetrics?: boolean;
}

/**
 * Every metric of the bot, on one registry of its own (prom-client's global registry is never
 * used, so two bots in one process, as in the tests, count apart). Labels are bounded (labels.ts).
 */
export class BotMetrics implements PartMetrics, StreamMetrics {
  readonly registry = new Registry();

  private readonly turns = this.counter('turns_total', 'Turns (activities the bot ran), by channel', ['channel']);
  private readonly turnFailures = this.counter('turn_failures_total', 'Turns that ended in an error (the person got the sorry message)', [
    'channel',
  ]);
  private readonly turnDuration = new Histogram({
    name: `${METRIC_PREFIX}turn_duration_seconds`,
    help: 'Time from the adapter handing over an activity to the end of its turn (lock wait included), by channel',
    labelNames: ['channel'],
    buckets: DURATION_BUCKETS,
    registers: [this.registry],
  });
  private readonly bookings = this.counter('bookings_total', 'Appointments booked, by language of the conversation', ['language']);
  private readonly bookingRefusals = this.counter('booking_refusals_total', 'Bookings the store refused: slot_full, already_booked', [
    'reason',
  ]);
  private readonly cancellations = this.counter('cancellations_total', 'Appointments cancelled, by language they were booked in', [
    'language',
  ]);
  private readonly moves = this.counter('moves_total', 'Appointments moved to another slot, by language they were booked in', ['language']);
  private readonly remindersSent = this.counter('reminders_sent_total', 'Reminders handed to their channel', ['channel']);
  private readonly remindersFailed = this.counter('reminders_failed_total', 'Reminders that could not be sent', ['channel']);
  private readonly steps = this.counter(
    'dialog_steps_total',
    'Times a conversation reached a step of a dialog ("<index>:<name>"): the funnel, and where people stop',
    ['dialog', 'step', 'language', 'channel'],
  );
  private readonly misreads = this.counter(
    'misreads_total',
    'Replies the bot could not read for what it asked, by kind (date, zip, country, name, phone, dob, receipt, choice, intent)',
    ['kind', 'language'],
  );
  private readonly rateLimitedRequests = this.counter('rate_limited_total', 'Requests answered 429, by route', ['route']);
  private readonly streamUpgrades = this.counter(
    'directline_stream_upgrades_total',
    'WebSocket upgrades of a Direct Line stream URL, by the HTTP status answered (101: a stream opened; 403: a foreign page; 429: rate-limited)',
    ['status'],
  );
  private openStreams: () => number = () => 0;
  private readonly redisErrors = this.counter('redis_errors_total', 'Redis connection errors, by role of the connection', ['role']);
  private readonly httpDuration = new Histogram({
    name: `${METRIC_PREFIX}http_request_duration_seconds`,
    help: 'HTTP requests by route template, method and status class',
    labelNames: ['route', 'method', 'status_class'],
    buckets: DURATION_BUCKETS,
    registers: [this.registry],
  });

  private readonly dialogLabels = new BoundedLabel(50);
  private readonly stepLabels = new BoundedLabel(200);
  private readonly routeLabels = new BoundedLabel(50);
  private readonly rateLimitRoutes = new BoundedLabel(20);

  constructor(options: BotMetricsOptions = {}) {
    if (options.processMetrics) collectDefaultMetrics({ register: this.registry, prefix: METRIC_PREFIX });
    const openStreams = (): number => this.openStreams();
    new Gauge({
      name: `${METRIC_PREFIX}directline_streams_open`,
      help: 'Direct Line WebSocket streams open in this process',
      registers: [this.registry],
      collect() {
        this.set(openStreams());
      },
    });
    // Series that exist from the start read as 0 rather than "no data", and rate() sees their first increase.
    for (const channel of CHANNEL_LABELS) this.turns.labels(channel).inc(0);
    for (const language of LANGUAGE_CODES) {
      this.bookings.labels(language).inc(0);
      this.cancellations.labels(language).inc(0);
      this.moves.labels(language).inc(0);
    }
    for (const channel of REMINDER_CHANNELS) {
      this.remindersSent.labels(channel).inc(0);
      this.remindersFailed.labels(channel).inc(0);
    }
  }

  turnFinished(channel: ChannelLabel, seconds: number, failed: boolean): void {
    this.turns.labels(channel).inc();
    this.turnDuration.labels(channel).observe(seconds);
    if (failed) this.turnFailures.labels(channel).inc();
  }

  stepReached(dialog: string, step: string, language: string, channel: ChannelLabel): void {
    this.steps.labels(this.dialogLabels.of(dialog), this.stepLabels.of(step), languageLabel(language), channel).inc();
  }

  bookingSettled(request: { language: string }, result: BookResult): void {
    // A replayed request (a retried turn) made no new appointment.
    if (result.ok) {
      if (!result.replayed) this.bookings.labels(languageLabel(request.language)).inc();
    } else this.bookingRefusals.labels(result.reason).inc();
  }

  cancelled(language: string): void {
    this.cancellations.labels(languageLabel(language)).inc();
  }

  moved(language: string): void {
    this.moves.labels(languageLabel(language)).inc();
  }

  reminderSent(channel: ContactRoute['channel']): void {
    this.remindersSent.labels(channel).inc();
  }

  reminderFailed(channel: ContactRoute['channel']): void {
    this.remindersFailed.labels(channel).inc();
  }

  misread(kind: MisreadKind, language: string): void {
    this.misreads.labels(kind, languageLabel(language)).inc();
  }

  rateLimited(route: string): void {
    this.rateLimitedRequests.labels(this.rateLimitRoutes.of(route)).inc();
  }

  streamUpgradeAnswered(status: number): void {
    this.streamUpgrades.labels(UPGRADE_STATUSES.has(status) ? String(status) : 'other').inc();
  }

  /** Where the open streams gauge reads its value at each scrape (the process's ActivityStreams). */
  countOpenStreams(count: () => number): void {
    this.openStreams = count;
  }

  redisError(role: RedisRole): void {
    this.redisErrors.labels(role).inc();
  }

  httpRequestFinished(route: string | undefined, method: string, status: number, seconds: number): void {
    const routeLabel = route === undefined ? 'unmatched' : this.routeLabels.of(route);
    const methodLabel = HTTP_METHODS.has(method) ? method : 'other';
    this.httpDuration.labels(routeLabel, methodLabel, `${Math.floor(status / 100)}xx`).observe(seconds);
  }

  /** The text exposition format Prometheus scrapes. */
  exposition(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  private counter<L extends string>(name: string, help: string, labelNames: readonly L[]): Counter<L> {
    return new Counter({ name: `${METRIC_PREFIX}${name}`, help, labelNames, registers: [this.registry] });
  }
}
