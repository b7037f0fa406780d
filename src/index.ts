// First: it must run before botbuilder-dialogs loads (see the module).
import { loadChoiceRecognizer } from './framework/startup/deferDependencies';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { MemoryStorage, type Storage, type TurnContext } from 'botbuilder';
import { loadConfig, type Config } from './config';
import { createLogger, errorForLog, type Logger } from './logger';
import { createServer } from './http/server';
import { createBotAuthentication } from './http/strictAuthentication';
import { ConnectorClientCache } from './http/connectorClientCache';
import { CheckedActivityAdapter } from './framework/checkedActivityAdapter';
import { plainTextReplies } from './bot/plainTextReplies';
import { startRetentionPurge } from './domain/appointments/retention';
import { registerNoticeRoutes } from './http/noticeRoutes';
import { DirectLine, type DirectLineOptions } from './http/directLine/directLine';
import { registerDirectLineRoutes } from './http/directLine/routes';
import { registerWebChatRoutes } from './http/webChat';
import { NoticeLinkSigner, noticeLinkMaker } from './domain/appointments/noticeLinks';
import { InfoPassBot } from './bot/infoPassBot';
import { RedisStorage, ttlByStateKind } from './infra/redis/redisStorage';
import { openRedis } from './infra/redis/connect';
import { systemClock, type Clock } from './domain/clock';
import { Translator } from './domain/i18n/translator';
import { loadOfficeDirectory } from './domain/offices/officeDirectory';
import { sharedZipTable } from './infra/zipcodes/zipTable';
import { MemoryAppointmentStore } from './infra/memory/memoryAppointmentStore';
import { RedisAppointmentStore } from './infra/redis/redisAppointmentStore';
import { DEFAULT_SLOT_POLICY } from './domain/slots/schedule';
import type { AttemptLimiter } from './domain/security/attemptLimiter';
import { MemoryAttemptLimiter } from './infra/memory/memoryAttemptLimiter';
import { RedisAttemptLimiter } from './infra/redis/redisAttemptLimiter';
import { warmUpDateParsersInBackground } from './domain/dates/parseWhen';
import type { AppointmentStore } from './domain/appointments/types';
import type { SlotPolicy } from './domain/slots/types';
import { matchLocale, DEFAULT_LANGUAGE } from './domain/languages';
import { firstContactLanguage } from './domain/i18n/firstContactLanguage';
import { detectLanguage } from './domain/i18n/detectLanguage';
import { parsePhone } from './domain/phone';
import { resolveCountry } from './domain/offices/countries';
import type { DialogServices } from '../dialogs/services';
import { createRootDialog } from '../dialogs/createRootDialog';
import { SerialTurns, conversationKeyOf, type TurnLock } from './reliability/serialTurns';
import { RedisTurnLock } from './infra/redis/redisTurnLock';
import { FencedConversationState } from './reliability/fencedConversationState';
import { isStoreUnavailable, turnErrorMessageKey } from './reliability/turnErrors';
import { RequestDrain } from './reliability/requestDrain';
import { closeOnSignals, SHUTDOWN_GRACE_MS } from './reliability/shutdown';
import { SmsAdapter } from './channels/sms/smsAdapter';
import { SmsChannelMiddleware } from './channels/sms/smsMiddleware';
import { registerSmsWebhook } from './channels/sms/smsWebhook';
import { TeamsChannelMiddleware } from './channels/teams/teamsMiddleware';

/** Used only when no PERSON_KEY_SECRET is set outside production (the log says so). */
const DEVELOPMENT_PERSON_SECRET = 'infopass-development-only';
/** Used only when no NOTICE_LINK_SECRET is set outside production (the log says so). */
const DEVELOPMENT_NOTICE_LINK_SECRET = 'infopass-notice-links-development-only';

export interface RunningBot {
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface StartOptions {
  clock?: Clock;
  logger?: Logger;
  /** The Web Chat page's Direct Line: token lifetime, idle expiry, its own clock (the system clock by default). */
  directLine?: Partial<DirectLineOptions>;
}

const WARM_UP_MAX_WAIT_MS = 2_000;
/**
 * A new process's first requests (the requests queued while it started, the load balancer's
 * first probes) come as soon as it listens: the warm-up lets them through before its first step,
 * which blocks for ~0.1–0.2 s (loading chrono-node and its first parse).
 */
const WARM_UP_START_DELAY_MS = 500;

/** Resolves at a moment with no request in flight, or after WARM_UP_MAX_WAIT_MS of steady traffic. */
async function whenIdle(drain: RequestDrain): Promise<void> {
  const deadline = Date.now() + WARM_UP_MAX_WAIT_MS;
  do await new Promise((resolve) => setTimeout(resolve, 10));
  while (drain.inFlight > 0 && Date.now() < deadline);
}

/** The composition root: every concrete part is chosen and wired here, and nowhere else. */
export async function startBot(config: Config, options: StartOptions = {}): Promise<RunningBot> {
  const logger = options.logger ?? createLogger(config.LOG_LEVEL);
  const clock = options.clock ?? systemClock;
  if (!config.TWILIO_AUTH_TOKEN) {
    if (config.NODE_ENV === 'production') throw new Error('TWILIO_AUTH_TOKEN must be set in production: /api/sms would take unsigned requests');
    logger.warn('TWILIO_AUTH_TOKEN is not set: /api/sms accepts unsigned requests (development only)');
  }

  let storage: Storage;
  let store: AppointmentStore;
  let attempts: AttemptLimiter;
  let ready: () => Promise<boolean>;
  let closeRedis: () => Promise<void> = async () => undefined;
  let turnLock: TurnLock | undefined;
  const redis = await openRedis(
    { url: config.REDIS_URL, clusterNodes: config.REDIS_CLUSTER_NODES },
    { onError: (err) => logger.error({ err: err.message }, 'redis error') },
  );
  if (redis) {
    const { client } = redis;
    const redisStorage = new RedisStorage(client, {
      keyPrefix: `${config.REDIS_KEY_PREFIX}:state:`,
      ttlSeconds: ttlByStateKind({ conversationSeconds: config.CONVERSATION_TTL_SECONDS, userSeconds: config.CONVERSATION_TTL_SECONDS }),
    });
    storage = redisStorage;
    store = new RedisAppointmentStore(client, { keyPrefix: config.REDIS_KEY_PREFIX, clock });
    attempts = new RedisAttemptLimiter(client, { keyPrefix: config.REDIS_KEY_PREFIX });
    ready = redis.isReady;
    turnLock = new RedisTurnLock(client, {
      keyPrefix: `${config.REDIS_KEY_PREFIX}:`,
      state: redisStorage,
      onError: (err) => logger.warn({ err: err.message }, 'turn lock'),
    });
    // Redis may be down at shutdown: then there is nothing to flush, close() drops the sockets.
    closeRedis = redis.close;
    logger.info({ redis: redis.kind }, 'using Redis for conversation state and appointments');
  } else {
    storage = new MemoryStorage();
    store = new MemoryAppointmentStore({ clock });
    attempts = new MemoryAttemptLimiter({ clock });
    ready = async () => true;
    logger.warn('REDIS_URL is not set: using an embedded in-memory store; nothing survives a restart');
  }

  const personSecret = requiredInProduction(config, logger, 'PERSON_KEY_SECRET', DEVELOPMENT_PERSON_SECRET);

  const policy: SlotPolicy = {
    ...DEFAULT_SLOT_POLICY,
    slotMinutes: config.SLOT_MINUTES,
    capacity: config.SLOT_CAPACITY,
    windowDays: config.BOOKING_WINDOW_DAYS,
  };
  const translator = new Translator();
  const noticeLinkSecret = requiredInProduction(config, logger, 'NOTICE_LINK_SECRET', DEVELOPMENT_NOTICE_LINK_SECRET);
  const noticeSigner = new NoticeLinkSigner(noticeLinkSecret, config.NOTICE_LINK_TTL_DAYS);
  if (!config.PUBLIC_BASE_URL) logger.info('PUBLIC_BASE_URL is not set: notices carry no links to the printable page');
  const services: DialogServices = {
    translator,
    offices: loadOfficeDirectory(sharedZipTable),
    store,
    clock,
    policy,
    personSecret,
    attempts,
    ...(config.PUBLIC_BASE_URL ? { noticeLinks: noticeLinkMaker(config.PUBLIC_BASE_URL, noticeSigner) } : {}),
  };
  const root = createRootDialog(services);

  const conversationState = new FencedConversationState(storage);
  const bot = new InfoPassBot(conversationState, root);
  // One turn at a time per conversation, across processes when Redis holds the lock.
  const turns = new SerialTurns(turnLock);
  // SMS numbering and HELP read and write conversation state: inside the turn's lock, not before it.
  const smsChannel = new SmsChannelMiddleware(conversationState, translator);
  const runTurn = (context: TurnContext): Promise<void> =>
    turns.run(conversationKeyOf(context.activity), () => smsChannel.onTurn(context, () => bot.run(context)));

  if (!config.MicrosoftAppId) {
    logger.warn('MicrosoftAppId is not set: /api/messages accepts anonymous requests (development only)');
  }
  const auth = createBotAuthentication(
    {
      MicrosoftAppId: config.MicrosoftAppId,
      MicrosoftAppPassword: config.MicrosoftAppPassword,
      MicrosoftAppType: config.MicrosoftAppType,
      MicrosoftAppTenantId: config.MicrosoftAppTenantId,
      ToBotFromChannelOpenIdMetadataUrl: config.ToBotFromChannelOpenIdMetadataUrl,
      ToBotFromEmulatorOpenIdMetadataUrl: config.ToBotFromEmulatorOpenIdMetadataUrl,
    },
    {
      onRefused: (reason) => logger.warn({ route: '/api/messages', status: 401, reason }, 'request not authenticated'),
      connectorClients: new ConnectorClientCache(),
    },
  );
  const adapter = new CheckedActivityAdapter(auth);
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    // Never error.message: it can quote what the person typed.
    const details = { ...errorForLog(error), activityType: context.activity.type, channelId: context.activity.channelId };
    if (isStoreUnavailable(error)) logger.warn(details, 'turn failed: store unavailable');
    else logger.error(details, 'turn failed');
    // The conversation's chosen language is in the state we may not be able to read: the channel's
    // locale is the best guess, then (SMS has none) the language of the message itself.
    const { activity } = context;
    const language =
      matchLocale(activity.locale) ??
      firstContactLanguage({ text: typeof activity.text === 'string' ? activity.text : undefined, entities: activity.entities }) ??
      DEFAULT_LANGUAGE;
    await context.sendActivity(translator.for(language)(turnErrorMessageKey(error))).catch(() => undefined);
  };
  adapter.use(new TeamsChannelMiddleware());
  adapter.use(plainTextReplies);
  const smsAdapter = new SmsAdapter();
  smsAdapter.onTurnError = adapter.onTurnError;

  const drain = new RequestDrain();
  const server = createServer({ adapter, onTurn: runTurn, ready, logger, maxBodyBytes: config.MAX_BODY_BYTES, drain });
  registerSmsWebhook(server, {
    adapter: smsAdapter,
    onTurn: runTurn,
    conversationSecret: personSecret,
    logger,
    ...(config.TWILIO_AUTH_TOKEN ? { authToken: config.TWILIO_AUTH_TOKEN } : {}),
    ...(config.PUBLIC_BASE_URL ? { publicBaseUrl: config.PUBLIC_BASE_URL } : {}),
  });
  registerNoticeRoutes(server, {
    signer: noticeSigner,
    store,
    offices: services.offices,
    translator,
    clock,
    slotMinutes: policy.slotMinutes,
    logger,
    ...(config.PUBLIC_BASE_URL ? { publicBaseUrl: config.PUBLIC_BASE_URL } : {}),
  });
  const directLine = new DirectLine(runTurn, { clock, ...options.directLine });
  directLine.adapter.onTurnError = adapter.onTurnError;
  directLine.adapter.use(plainTextReplies);
  registerDirectLineRoutes(server, directLine);
  registerWebChatRoutes(server);
  server.listen(config.PORT, '0.0.0.0');
  await once(server.server, 'listening');
  // The date parsers take ~2 s to load and build: build them after the server answers, one
  // language at a time, when no request is in flight (or after WARM_UP_MAX_WAIT_MS of steady
  // traffic), so a new process replies at once. A date typed before its parser is ready waits
  // for that one language's.
  const warmStart = Date.now();
  const warmUp = async (): Promise<void> => {
    await new Promise((resolve) => setTimeout(resolve, WARM_UP_START_DELAY_MS));
    await warmUpDateParsersInBackground(clock.now(), () => whenIdle(drain));
    // The libraries later turns use load now, one at a time, rather than in someone's turn.
    const laterTurnLibraries = [
      () => services.offices.forZip('10001'), // the ZIP table
      loadChoiceRecognizer, // numbers and ordinals in typed choices
      () => detectLanguage('Necesito una cita para mañana'), // franc
      () => parsePhone('212-736-5000', { allowInternational: false }), // libphonenumber-js
      () => resolveCountry('Mexico', DEFAULT_LANGUAGE), // i18n-iso-countries
    ];
    for (const load of laterTurnLibraries) {
      await whenIdle(drain);
      load();
    }
  };
  warmUp().then(
    () => logger.info({ ms: Date.now() - warmStart }, 'date parsers ready'),
    (err: unknown) => logger.error(errorForLog(err instanceof Error ? err : new Error(String(err))), 'date parser warm-up failed'),
  );
  const port = (server.address() as AddressInfo).port;
  logger.info({ port }, 'InfoPass bot listening');
  const purge = startRetentionPurge({
    store,
    clock,
    retentionDays: config.APPOINTMENT_RETENTION_DAYS,
    onPurged: (count) => logger.info({ count, retentionDays: config.APPOINTMENT_RETENTION_DAYS }, 'purged past appointments'),
    onError: (err) => logger.warn(errorForLog(err), 'purging past appointments failed'),
  });

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    /** Stops taking requests, lets the turns in flight finish (up to SHUTDOWN_GRACE_MS), then closes the stores. */
    async close() {
      drain.stop();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      if (!(await drain.idle(SHUTDOWN_GRACE_MS))) logger.warn({ inFlight: drain.inFlight }, 'shutdown: requests still running after the grace period');
      server.server.closeAllConnections();
      await closed;
      await purge.stop();
      await store.close();
      await closeRedis();
    },
  };
}

/** A secret that production must configure; elsewhere a fixed development value, with a warning. */
function requiredInProduction(config: Config, logger: Logger, name: 'PERSON_KEY_SECRET' | 'NOTICE_LINK_SECRET', developmentValue: string): string {
  const value = config[name];
  if (value) return value;
  if (config.NODE_ENV === 'production') throw new Error(`${name} must be set in production`);
  logger.warn(`${name} is not set: using a development secret`);
  return developmentValue;
}

/** Runs the bot from the environment until SIGTERM/SIGINT; `options` lets test/support/botProcess.ts fix the clock. */
export async function main(options: StartOptions = {}): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const config = loadConfig();
  const logger = options.logger ?? createLogger(config.LOG_LEVEL);
  const bot = await startBot(config, { ...options, logger });
  closeOnSignals(() => bot.close(), logger);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
