/**
 * The outreach parts as the composition root wires them, for tests and the bench: an Outreach on
 * Redis (BullMQ) or in memory, whose workers text through the real twilio client pointed at the
 * Twilio stand-in and post chat messages through botbuilder's CloudAdapter to the Bot Connector
 * stand-in.
 */
import type { RedisClientType } from 'redis';
import type { AppointmentStore, Appointment } from '../../src/domain/appointments/types';
import type { Clock } from '../../src/domain/clock';
import { Translator } from '../../src/domain/i18n/translator';
import { loadOfficeDirectory } from '../../src/domain/offices/officeDirectory';
import type { OfficeDirectory } from '../../src/domain/offices/types';
import { sharedZipTable } from '../../src/infra/zipcodes/zipTable';
import { createLogger, type Logger } from '../../src/logger';
import { RedisOutreach } from '../../src/infra/redis/redisOutreach';
import { MemoryOutreach } from '../../src/infra/memory/memoryOutreach';
import { OutreachWork } from '../../src/outreach/outreachWork';
import type { OutreachPolicy } from '../../src/outreach/settings';
import { TwilioSender } from '../../src/channels/sms/twilioSender';
import { ProactiveChatSender } from '../../src/channels/proactive';
import { CheckedActivityAdapter } from '../../src/framework/checkedActivityAdapter';
import { createBotAuthentication } from '../../src/http/strictAuthentication';
import { ConnectorClientCache } from '../../src/http/connectorClientCache';
import { noMetrics, type PartMetrics } from '../../src/metrics/types';
import { STAND_IN_ACCOUNT_SID, STAND_IN_AUTH_TOKEN, STAND_IN_FROM } from './twilioStandIn';
import { appointmentRequest } from './appointmentFixtures';

let offices: OfficeDirectory | undefined;
const translator = new Translator();

export function testOffices(): OfficeDirectory {
  offices ??= loadOfficeDirectory(sharedZipTable);
  return offices;
}

export type AnyOutreach = RedisOutreach | MemoryOutreach;

export interface RigParts {
  store: AppointmentStore;
  clock: Clock;
  twilioUrl: string;
  policy?: Partial<OutreachPolicy>;
  logger?: Logger;
  metrics?: PartMetrics;
}

/** Test settings: retries after 50 ms (doubling), no rate limit unless the test sets one. */
export const FAST_POLICY: Partial<OutreachPolicy> = { smsPerSecond: 1000, attempts: 5, backoffMs: 50 };

export function redisOutreach(client: RedisClientType, keyPrefix: string, parts: RigParts): RedisOutreach {
  return new RedisOutreach(client, {
    keyPrefix,
    clock: parts.clock,
    store: parts.store,
    personSecret: 'outreach-test',
    policy: { ...FAST_POLICY, ...parts.policy },
    logger: parts.logger ?? createLogger('silent'),
    ...(parts.metrics ? { metrics: parts.metrics } : {}),
  });
}

export function memoryOutreach(parts: RigParts): MemoryOutreach {
  return new MemoryOutreach({
    clock: parts.clock,
    store: parts.store,
    policy: { ...FAST_POLICY, ...parts.policy },
    logger: parts.logger ?? createLogger('silent'),
    ...(parts.metrics ? { metrics: parts.metrics } : {}),
  });
}

/** Starts the outreach's workers on real senders: Twilio's client to the stand-in, the Bot Connector through CloudAdapter (anonymous). */
export function startWorkers(outreach: AnyOutreach, parts: RigParts): void {
  const adapter = new CheckedActivityAdapter(createBotAuthentication({}, { connectorClients: new ConnectorClientCache() }));
  outreach.startWorkers(
    new OutreachWork({
      store: parts.store,
      offices: testOffices(),
      translator,
      clock: parts.clock,
      routeOf: (receiptNumber) => outreach.routeOf(receiptNumber),
      optOuts: outreach.optOuts,
      queues: outreach,
      sms: new TwilioSender({
        accountSid: STAND_IN_ACCOUNT_SID,
        authToken: STAND_IN_AUTH_TOKEN,
        from: STAND_IN_FROM,
        apiBaseUrl: parts.twilioUrl,
      }),
      chat: new ProactiveChatSender({ adapter, botAppId: '' }),
      ...(parts.metrics ? { metrics: parts.metrics } : {}),
    }),
  );
}

/** Metrics that remember the reminders counted, by channel. */
export class RecordingMetrics implements PartMetrics {
  readonly sent: string[] = [];
  readonly failed: string[] = [];
  reminderSent(channel: string): void {
    this.sent.push(channel);
  }
  reminderFailed(channel: string): void {
    this.failed.push(channel);
  }
  misread = noMetrics.misread;
  rateLimited = noMetrics.rateLimited;
  redisError = noMetrics.redisError;
}

/** Books an appointment for a made-up person at NYC (a slot after TEST_NOW); room for everyone. */
export async function book(
  store: AppointmentStore,
  person: string,
  slotStart: string,
  overrides: Partial<Appointment> = {},
): Promise<Appointment> {
  const result = await store.book(appointmentRequest(person, slotStart, overrides), 100_000);
  if (!result.ok) throw new Error(`could not book for ${person}: ${result.reason}`);
  return result.appointment;
}

/** A distinct E.164 number per index (the 555-01xx range is reserved for fiction; 555 numbers are not dialled). */
export function testPhone(index: number): string {
  return `+1415555${String(index % 10_000).padStart(4, '0')}`;
}

/** Moves an appointment as a reschedule does (the store's one atomic move); throws when the store refuses. */
export async function move(store: AppointmentStore, receiptNumber: string, slotStart: string): Promise<void> {
  const moved = await store.move(receiptNumber, slotStart, 100_000, 3);
  if (!moved.ok) throw new Error(`could not move ${receiptNumber}: ${moved.reason}`);
}

/** Polls until `condition` holds; fails after `timeoutMs` with `what`. */
export async function eventually(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
