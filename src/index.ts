import { once } from 'node:events';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConversationState,
  MemoryStorage,
  type Storage,
  type TurnContext,
} from 'botbuilder';
import { loadConfig, type Config } from './config';
import { createLogger, type Logger } from './logger';
import { createServer } from './http/server';
import { InfoPassBot } from './bot/infoPassBot';
import { RedisStorage, ttlByStateKind } from './storage/redisStorage';
import { connectRedis } from './domain/redis/connect';
import { systemClock, type Clock } from './domain/clock';
import { Translator } from './domain/i18n/translator';
import { loadOfficeDirectory } from './domain/offices/officeDirectory';
import { MemoryAppointmentStore } from './domain/appointments/memoryAppointmentStore';
import { RedisAppointmentStore } from './domain/appointments/redisAppointmentStore';
import { DEFAULT_SLOT_POLICY } from './domain/slots/schedule';
import { warmUpDateParsers } from './domain/dates/parseWhen';
import type { AppointmentStore } from './domain/appointments/types';
import type { SlotPolicy } from './domain/slots/types';
import { matchLocale, DEFAULT_LANGUAGE } from './domain/languages';
import type { DialogServices } from '../dialogs/services';
import { createRootDialog } from '../dialogs/createRootDialog';

/** Used only when no PERSON_KEY_SECRET is set outside production (the log says so). */
const DEVELOPMENT_PERSON_SECRET = 'infopass-development-only';

export interface RunningBot {
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface StartOptions {
  clock?: Clock;
  logger?: Logger;
}

/** The composition root: every concrete part is chosen and wired here, and nowhere else. */
export async function startBot(config: Config, options: StartOptions = {}): Promise<RunningBot> {
  const logger = options.logger ?? createLogger(config.LOG_LEVEL);
  const clock = options.clock ?? systemClock;

  let storage: Storage;
  let store: AppointmentStore;
  let ready: () => Promise<boolean>;
  let closeRedis: () => Promise<void> = async () => undefined;
  if (config.REDIS_URL) {
    const client = await connectRedis(config.REDIS_URL, { onError: (err) => logger.error({ err: err.message }, 'redis error') });
    storage = new RedisStorage(client, {
      keyPrefix: `${config.REDIS_KEY_PREFIX}:state:`,
      ttlSeconds: ttlByStateKind({ conversationSeconds: config.CONVERSATION_TTL_SECONDS, userSeconds: config.CONVERSATION_TTL_SECONDS }),
    });
    store = new RedisAppointmentStore(client, { keyPrefix: config.REDIS_KEY_PREFIX });
    ready = async () => client.isReady && (await client.ping()) === 'PONG';
    closeRedis = async () => {
      await client.quit();
    };
    logger.info('using Redis for conversation state and appointments');
  } else {
    storage = new MemoryStorage();
    store = new MemoryAppointmentStore();
    ready = async () => true;
    logger.warn('REDIS_URL is not set: using an embedded in-memory store; nothing survives a restart');
  }

  let personSecret = config.PERSON_KEY_SECRET;
  if (!personSecret) {
    if (config.NODE_ENV === 'production') throw new Error('PERSON_KEY_SECRET must be set in production');
    logger.warn('PERSON_KEY_SECRET is not set: using a development secret');
    personSecret = DEVELOPMENT_PERSON_SECRET;
  }

  const policy: SlotPolicy = {
    ...DEFAULT_SLOT_POLICY,
    slotMinutes: config.SLOT_MINUTES,
    capacity: config.SLOT_CAPACITY,
    windowDays: config.BOOKING_WINDOW_DAYS,
  };
  const warmStart = Date.now();
  warmUpDateParsers(clock.now());
  logger.info({ ms: Date.now() - warmStart }, 'date parsers ready');
  const translator = new Translator();
  const services: DialogServices = { translator, offices: loadOfficeDirectory(), store, clock, policy, personSecret };
  const root = createRootDialog(services);

  const conversationState = new ConversationState(storage);
  const bot = new InfoPassBot(conversationState, root);

  if (!config.MicrosoftAppId) {
    logger.warn('MicrosoftAppId is not set: /api/messages accepts anonymous requests (development only)');
  }
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.MicrosoftAppId,
    MicrosoftAppPassword: config.MicrosoftAppPassword,
    MicrosoftAppType: config.MicrosoftAppType,
    MicrosoftAppTenantId: config.MicrosoftAppTenantId,
  });
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    logger.error({ err: error.message, stack: error.stack, activityType: context.activity.type, channelId: context.activity.channelId }, 'turn failed');
    const language = matchLocale(context.activity.locale) ?? DEFAULT_LANGUAGE;
    await context.sendActivity(translator.for(language)('errors.generic')).catch(() => undefined);
  };

  const server = createServer({ adapter, onTurn: (context) => bot.run(context), ready, logger, maxBodyBytes: config.MAX_BODY_BYTES });
  server.listen(config.PORT, '0.0.0.0');
  await once(server.server, 'listening');
  const port = (server.address() as AddressInfo).port;
  logger.info({ port }, 'InfoPass bot listening');

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
      await closeRedis();
    },
  };
}

async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const config = loadConfig();
  const bot = await startBot(config);
  const stop = async () => {
    await bot.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
