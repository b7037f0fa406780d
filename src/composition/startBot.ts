import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { TurnContext } from 'botbuilder';
import { checkSecrets, type Config } from '../config';
import { createLogger, errorForLog, type Logger } from '../logger';
import { systemClock, type Clock } from '../domain/clock';
import { Translator } from '../domain/i18n/translator';
import { loadOfficeDirectory } from '../domain/offices/officeDirectory';
import { DEFAULT_SLOT_POLICY } from '../domain/slots/schedule';
import type { SlotPolicy } from '../domain/slots/types';
import { startRetentionPurge } from '../domain/appointments/retention';
import { NoticeLinkSigner, noticeLinkMaker } from '../domain/appointments/noticeLinks';
import { GuardedAppointmentStore } from '../domain/operations/guardedAppointmentStore';
import type { Outreach } from '../domain/outreach/types';
import { sharedZipTable } from '../infra/zipcodes/zipTable';
import { CheckedActivityAdapter } from '../framework/checkedActivityAdapter';
import { createServer } from '../http/server';
import { createBotAuthentication } from '../http/strictAuthentication';
import { ConnectorClientCache } from '../http/connectorClientCache';
import { registerNoticeRoutes } from '../http/noticeRoutes';
import { DirectLine } from '../http/directLine/directLine';
import { flushTurnOutput } from '../http/directLine/turnOutput';
import { DIRECT_LINE_BASE, registerDirectLineRoutes } from '../http/directLine/routes';
import { ActivityStreams } from '../http/directLine/streams';
import type { MemoryDirectLineLimits } from '../http/directLine/memoryDirectLineStore';
import { registerWebChatRoutes } from '../http/webChat';
import { parseOrigins, registerCors, streamOriginCheck } from '../http/cors';
import { InfoPassBot } from '../bot/infoPassBot';
import { plainTextReplies } from '../bot/plainTextReplies';
import { SerialTurns, conversationKeyOf } from '../reliability/serialTurns';
import { FencedConversationState } from '../framework/fencedConversationState';
import { RequestDrain } from '../reliability/requestDrain';
import { SHUTDOWN_GRACE_MS } from '../reliability/shutdown';
import { SmsAdapter } from '../channels/sms/smsAdapter';
import { SmsChannelMiddleware } from '../channels/sms/smsMiddleware';
import { registerSmsWebhook } from '../channels/sms/smsWebhook';
import { TeamsChannelMiddleware } from '../channels/teams/teamsMiddleware';
import { createRootDialog } from '../../dialogs/createRootDialog';
import { turnLanguage } from '../../dialogs/turnLanguage';
import { BotMetrics } from '../metrics/botMetrics';
import { turnMetrics } from '../metrics/turnMetrics';
import { CountingAppointmentStore } from '../metrics/countingAppointmentStore';
import { metricsServed, serveMetrics } from './metrics';
import type { DialogServices } from '../../dialogs/services';
import { ownDirectLine } from '../channels/proactive';
import { openOutreach, smsSender, startOutreachWorkers } from './outreach';
import { openBackends } from './backends';
import { replyConversationKey, startWaitlist } from './waitlist';
import { configureAdapters } from './adapters';
import { directLineRateLimits } from './rateLimiters';
import { turnErrorReply } from './turnErrorReply';
import { warmUp } from './warmUp';
import { registerOperatorApi } from './operatorApi';
import type { AppointmentStore } from '../domain/appointments/types';

export interface RunningBot {
  url: string;
  port: number;
  /** The separate metrics listener's /metrics, when METRICS_PORT is set. */
  metricsUrl?: string;
  /** Stops taking requests, lets the turns in flight finish (up to SHUTDOWN_GRACE_MS), then closes the stores. */
  close(): Promise<void>;
}

export interface StartOptions {
  clock?: Clock;
  logger?: Logger;
  /**
   * The Web Chat page's Direct Line: limits (token lifetime and idle expiry from the configuration
   * by default), its clock in memory (the bot's by default), turns waiting per conversation, and
   * how often streams are pinged.
   */
  directLine?: Partial<MemoryDirectLineLimits> & { clock?: Clock; maxPendingTurns?: number; streamPingMs?: number };
  /**
   * How people are told things after their conversation (reminders, closures), for the dialogs and the
   * operator API; absent: the bot's own (BullMQ on Redis, else timers in this process). Tests record.
   */
  outreach?: Outreach;
  /** Wraps the appointment store the dialogs use: tests inject faults with it (test/support/botEntry.ts). */
  wrapStore?: (store: AppointmentStore) => AppointmentStore;
}

/** The composition root: every concrete part is chosen and wired here, and nowhere else. */
export async function startBot(config: Config, options: StartOptions = {}): Promise<RunningBot> {
  const logger = options.logger ?? createLogger(config.LOG_LEVEL);
  const clock = options.clock ?? systemClock;
  const { secrets, warnings } = checkSecrets(config);
  for (const warning of warnings) logger.warn(warning);
  if (!config.PUBLIC_BASE_URL) logger.info('PUBLIC_BASE_URL is not set: notices carry no links to the printable page');

  const metrics = new BotMetrics({ processMetrics: metricsServed(config) });
  const { maxPendingTurns, streamPingMs, ...directLineStore } = options.directLine ?? {};
  const backends = await openBackends(config, clock, logger, metrics, { directLine: directLineStore });
  // Every cancel and move, whoever makes it, records the seat it freed in the store's outbox, which
  // the waitlist's relay reads (startWaitlist).
  const store = new CountingAppointmentStore(backends.store, metrics);
  const translator = new Translator();
  const offices = loadOfficeDirectory(sharedZipTable);
  const policy: SlotPolicy = {
    ...DEFAULT_SLOT_POLICY,
    slotMinutes: config.SLOT_MINUTES,
    capacity: config.SLOT_CAPACITY,
    windowDays: config.BOOKING_WINDOW_DAYS,
    // Operators' closures and capacities per day: slot searches leave closed slots out.
    officeDays: backends.operations,
  };
  // People book through a store that refuses closed slots and applies a day's capacity.
  const bookingStore = new GuardedAppointmentStore(store, backends.operations, policy);
  const noticeSigner = new NoticeLinkSigner(secrets.noticeLinkSecret, config.NOTICE_LINK_TTL_DAYS);
  const publicBaseUrl = config.PUBLIC_BASE_URL ? { publicBaseUrl: config.PUBLIC_BASE_URL } : {};
  const sms = smsSender(config);
  if (!sms && !options.outreach)
    logger.info(
      'TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM (or a Messaging Service) are not all set: nothing is offered by SMS, the waitlist only in chats, reminders only in Teams, and closures that cancel appointments are refused',
    );
  const outreach = openOutreach(config, {
    redis: backends.queueRedis,
    clock,
    store: backends.store,
    personSecret: secrets.personSecret,
    logger,
    metrics,
  });
  // Reminders and the waitlist reach people in their chat, or by text when Twilio is set: the
  // dialogs ask laterReach (dialogs/laterReach.ts) whether this person can be told later.
  const later: Outreach = options.outreach ?? outreach;
  // Closures are refused unless a text can reach people: a chat message alone often cannot (a Web
  // Chat page closed since), and each person is told with the nearest free times.
  const reachable = options.outreach ?? (sms ? outreach : undefined);
  const waitlist = startWaitlist({
    backends,
    appointments: bookingStore,
    outreach: later,
    clock,
    offices,
    policy,
    translator,
    holdMinutes: config.WAITLIST_HOLD_MINUTES,
    maxMoves: config.MAX_RESCHEDULES,
    smsSecret: secrets.personSecret,
    logger,
  });
  const services: DialogServices = {
    translator,
    offices,
    store: options.wrapStore ? options.wrapStore(bookingStore) : bookingStore,
    clock,
    policy,
    personSecret: secrets.personSecret,
    attempts: backends.attempts,
    maxReschedules: config.MAX_RESCHEDULES,
    misreads: metrics,
    waitlist: waitlist.services,
    ...(config.PUBLIC_BASE_URL ? { noticeLinks: noticeLinkMaker(config.PUBLIC_BASE_URL, noticeSigner) } : {}),
    outreach: later,
    sendsTexts: sms !== undefined || options.outreach !== undefined,
    // An answer to the times a closure offered books one (the closure keeps them: operatorApi below).
    rebookOffers: backends.rebookOffers,
    reminderHoursBefore: config.REMINDER_HOURS_BEFORE,
  };
  const root = createRootDialog(services);

  const conversationState = new FencedConversationState(backends.storage);
  // A Direct Line turn's output goes to the store with the state's save (one round trip).
  const bot = new InfoPassBot(conversationState, root, flushTurnOutput);
  // One turn at a time per conversation, across processes when Redis holds the lock.
  const turns = new SerialTurns(backends.turnLock);
  // SMS numbering and HELP read and write conversation state: inside the turn's lock, not before it.
  const smsChannel = new SmsChannelMiddleware(conversationState, translator);
  // A Direct Line turn's echo and replies go into the log before the lock is let go: the next turn's cannot overtake them.
  const runTurn = (context: TurnContext): Promise<void> =>
    turns.run(conversationKeyOf(context.activity), () =>
      smsChannel.onTurn(context, () => bot.run(context)).finally(() => flushTurnOutput(context)),
    );

  const adapter = new CheckedActivityAdapter(botAuthentication(config, logger));
  const smsAdapter = new SmsAdapter();
  const directLine = new DirectLine(runTurn, { store: backends.directLine, clock, ...(maxPendingTurns ? { maxPendingTurns } : {}) });

  configureAdapters([adapter, smsAdapter, directLine.adapter], turnErrorReply(translator, logger), [
    turnMetrics(metrics, turnLanguage),
    new TeamsChannelMiddleware(),
    plainTextReplies,
  ]);

  const drain = new RequestDrain();
  const server = createServer({
    adapter,
    onTurn: runTurn,
    ready: backends.ready,
    logger,
    maxBodyBytes: config.MAX_BODY_BYTES,
    drain,
    onRequestFinished: (route, method, status, seconds) => metrics.httpRequestFinished(route, method, status, seconds),
  });
  registerSmsWebhook(server, {
    adapter: smsAdapter,
    onTurn: runTurn,
    conversationSecret: secrets.personSecret,
    logger,
    optOuts: outreach.optOuts,
    ...(config.TWILIO_AUTH_TOKEN ? { authToken: config.TWILIO_AUTH_TOKEN } : {}),
    ...publicBaseUrl,
  });
  registerNoticeRoutes(server, {
    signer: noticeSigner,
    store,
    offices,
    translator,
    clock,
    slotMinutes: policy.slotMinutes,
    logger,
    ...publicBaseUrl,
  });
  const allowedOrigins = parseOrigins(config.WEBCHAT_ALLOWED_ORIGINS);
  registerCors(server, { allowedOrigins, pathPrefix: DIRECT_LINE_BASE });
  const rateLimits = directLineRateLimits(config, {
    redis: backends.stateRedis,
    keySecret: secrets.personSecret,
    logger,
    clock,
    onRateLimited: (budgetAndScope) => metrics.rateLimited(budgetAndScope),
  });
  registerDirectLineRoutes(server, directLine, rateLimits);
  // The bot's own page at its public address counts as its own even behind a proxy that rewrites Host.
  const ownOrigins = config.PUBLIC_BASE_URL ? [new URL(config.PUBLIC_BASE_URL).origin] : [];
  // A foreign page's socket is refused before it spends the rate limit of the client it came from.
  const streams = new ActivityStreams(directLine, {
    ...(streamPingMs ? { pingMs: streamPingMs } : {}),
    onError: (err) => logger.warn(errorForLog(err), 'direct line stream'),
    checks: [streamOriginCheck([...allowedOrigins, ...ownOrigins]), rateLimits.streamUpgrade],
    onUpgradeAnswered: (status) => metrics.streamUpgradeAnswered(status),
  });
  metrics.countOpenStreams(() => streams.size);
  server.server.on('upgrade', streams.handleUpgrade);
  registerWebChatRoutes(server, { frameAncestors: allowedOrigins, transport: config.WEBCHAT_TRANSPORT });
  const metricsListener = await serveMetrics(config, server, metrics, logger);
  registerOperatorApi(server, config, {
    appointments: store,
    operations: backends.operations,
    offices,
    translator,
    clock,
    policy,
    logger,
    ...(reachable ? { outreach: reachable } : {}),
    rebook: { offers: backends.rebookOffers, replyKeyOf: (route) => replyConversationKey(route, secrets.personSecret) },
  });
  server.listen(config.PORT, '0.0.0.0');
  await once(server.server, 'listening');

  const warmStart = Date.now();
  const warmed = warmUp({ clock, offices, drain }).then(
    () => logger.info({ ms: Date.now() - warmStart }, 'date parsers ready'),
    (err: unknown) => logger.error(errorForLog(err instanceof Error ? err : new Error(String(err))), 'date parser warm-up failed'),
  );
  // The workers (and BullMQ, ~0.3 s to load) after the warm-up: reminders wait in Redis meanwhile.
  let closing = false;
  void warmed
    .then(() => {
      if (closing) return;
      startOutreachWorkers(outreach, config, {
        store: backends.store,
        offices,
        translator,
        clock,
        adapter,
        directLine: ownDirectLine(directLine.store, clock),
        sms,
        metrics,
      });
      logger.info({ queues: backends.queueRedis ? 'redis' : 'memory' }, 'outreach workers started');
    })
    .catch((err: unknown) =>
      logger.error(errorForLog(err instanceof Error ? err : new Error(String(err))), 'outreach workers did not start'),
    );
  void warmed.finally(() => {
    if (!closing) waitlist.startJobs();
  });
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
    ...(metricsListener ? { metricsUrl: metricsListener.url } : {}),
    async close() {
      drain.stop();
      // Open streams are told to go away: their pages reconnect, to another process.
      await streams.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      if (!(await drain.idle(SHUTDOWN_GRACE_MS)))
        logger.warn({ inFlight: drain.inFlight }, 'shutdown: requests still running after the grace period');
      server.server.closeAllConnections();
      await closed;
      await metricsListener?.close();
      await purge.stop();
      closing = true;
      // Lets the jobs being run finish; workers not started yet never start.
      await outreach.close();
      await waitlist.stop();
      await backends.close();
    },
  };
}

function botAuthentication(config: Config, logger: Logger): ReturnType<typeof createBotAuthentication> {
  return createBotAuthentication(
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
}
