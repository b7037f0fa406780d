import type { RedisClientType } from 'redis';
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { AppointmentStore } from '../domain/appointments/types';
import type { Clock } from '../domain/clock';
import type { Translator } from '../domain/i18n/translator';
import type { OfficeDirectory } from '../domain/offices/types';
import type { SmsSender } from '../domain/outreach/delivery';
import type { Outreach } from '../domain/outreach/types';
import { RedisOutreach } from '../infra/redis/redisOutreach';
import { MemoryOutreach } from '../infra/memory/memoryOutreach';
import { OutreachWork, type OptOutList } from '../outreach/outreachWork';
import type { OutreachPolicy } from '../outreach/settings';
import type { SendQueues } from '../outreach/jobs';
import { TwilioSender } from '../channels/sms/twilioSender';
import { ProactiveChatSender, type OwnDirectLine } from '../channels/proactive';
import type { CloudAdapter } from 'botbuilder';
import type { RedisErrorMetrics, ReminderMetrics } from '../metrics/types';

/** The Outreach port as the composition root holds it: with its workers, its opt-out list and a way to stop. */
export interface OutreachService extends Outreach, SendQueues {
  readonly optOuts: OptOutList;
  startWorkers(work: OutreachWork): void;
  close(): Promise<void>;
}

/**
 * BullMQ queues on the appointments' Redis when there is one; otherwise timers in this process
 * (nothing survives a restart). `policy` is for tests and the bench (retry delays, the rate).
 */
export function openOutreach(
  config: Config,
  parts: {
    redis?: RedisClientType;
    clock: Clock;
    store: AppointmentStore;
    personSecret: string;
    logger: Logger;
    metrics?: ReminderMetrics & RedisErrorMetrics;
    policy?: Partial<OutreachPolicy>;
  },
): OutreachService {
  const policy: Partial<OutreachPolicy> = {
    smsPerSecond: config.SMS_SENDS_PER_SECOND,
    routeRetentionDays: config.APPOINTMENT_RETENTION_DAYS,
    ...parts.policy,
  };
  const { clock, store, logger, metrics } = parts;
  if (config.REDIS_CLUSTER_NODES)
    logger.warn(
      'REDIS_CLUSTER_NODES: reminders are kept in this process (BullMQ has no node-redis cluster support); they do not survive a restart',
    );
  if (parts.redis)
    return new RedisOutreach(parts.redis, {
      keyPrefix: config.REDIS_KEY_PREFIX,
      clock,
      store,
      personSecret: parts.personSecret,
      policy,
      logger,
      ...(metrics ? { metrics } : {}),
    });
  return new MemoryOutreach({ clock, store, policy, logger, ...(metrics ? { metrics } : {}) });
}

/** Twilio's REST API when the account, its token and a sender are set; else no texts of the bot's own. */
export function smsSender(config: Config): SmsSender | undefined {
  const {
    TWILIO_ACCOUNT_SID: accountSid,
    TWILIO_AUTH_TOKEN: authToken,
    TWILIO_FROM: from,
    TWILIO_MESSAGING_SERVICE_SID: messagingServiceSid,
  } = config;
  if (!accountSid || !authToken || (!from && !messagingServiceSid)) return undefined;
  return new TwilioSender({
    accountSid,
    authToken,
    ...(from ? { from } : {}),
    ...(messagingServiceSid ? { messagingServiceSid } : {}),
    ...(config.TWILIO_API_BASE_URL ? { apiBaseUrl: config.TWILIO_API_BASE_URL } : {}),
  });
}

export interface OutreachWorkerParts {
  store: AppointmentStore;
  offices: OfficeDirectory;
  translator: Translator;
  clock: Clock;
  /** The Bot Connector adapter, for Teams and Azure's channels. */
  adapter: CloudAdapter;
  directLine: OwnDirectLine;
  sms: SmsSender | undefined;
  metrics?: ReminderMetrics;
}

/** Starts this process's outreach workers: reminders falling due, texts, chat messages. */
export function startOutreachWorkers(outreach: OutreachService, config: Config, parts: OutreachWorkerParts): void {
  outreach.startWorkers(
    new OutreachWork({
      store: parts.store,
      offices: parts.offices,
      translator: parts.translator,
      clock: parts.clock,
      routeOf: (receiptNumber) => outreach.routeOf(receiptNumber),
      optOuts: outreach.optOuts,
      queues: outreach,
      ...(parts.sms ? { sms: parts.sms } : {}),
      chat: new ProactiveChatSender({ adapter: parts.adapter, botAppId: config.MicrosoftAppId ?? '', directLine: parts.directLine }),
      ...(parts.metrics ? { metrics: parts.metrics } : {}),
    }),
  );
}
