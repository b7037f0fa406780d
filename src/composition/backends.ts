import { MemoryStorage, type Storage } from 'botbuilder';
import type { RedisClientType } from 'redis';
import type { Config } from '../config';
import { errorForLog, type Logger } from '../logger';
import type { Clock } from '../domain/clock';
import type { AppointmentStore } from '../domain/appointments/types';
import type { AttemptLimiter } from '../domain/security/attemptLimiter';
import type { OperationsStore } from '../domain/operations/types';
import type { TurnLock } from '../reliability/serialTurns';
import type { SeatHolds } from '../domain/appointments/seatHolds';
import type { FreedSeatFeed } from '../domain/appointments/freedSeats';
import type { WaitlistJobs, WaitlistStore, WaitlistWork } from '../domain/waitlist/types';
import { type BotRedisClient, openRedis, type RedisConnection } from '../infra/redis/connect';
import { RedisStorage, ttlByStateKind } from '../infra/redis/redisStorage';
import { RedisAppointmentStore } from '../infra/redis/redisAppointmentStore';
import { RedisAttemptLimiter } from '../infra/redis/redisAttemptLimiter';
import { RedisTurnLock } from '../infra/redis/redisTurnLock';
import { MemoryAppointmentStore } from '../infra/memory/memoryAppointmentStore';
import { MemoryAttemptLimiter } from '../infra/memory/memoryAttemptLimiter';
import { noMetrics, type RedisErrorMetrics, type RedisRole } from '../metrics/types';
import { RedisOperationsStore } from '../infra/redis/redisOperationsStore';
import { MemoryOperationsStore } from '../infra/memory/memoryOperationsStore';
import { MemoryAuditLog } from '../infra/memory/memoryAuditLog';
import { RedisDirectLineStore } from '../infra/redis/redisDirectLineStore';
import type { DirectLineStore } from '../http/directLine/directLineStore';
import { MemoryDirectLineStore, type MemoryDirectLineLimits } from '../http/directLine/memoryDirectLineStore';
import { RedisWaitlistStore } from '../infra/redis/redisWaitlistStore';
import { RedisWaitlistJobs } from '../infra/redis/redisWaitlistJobs';
import { MemoryWaitlistStore } from '../infra/memory/memoryWaitlistStore';
import { MemoryWaitlistJobs } from '../infra/memory/memoryWaitlistJobs';
import type { RebookOfferStore } from '../domain/operations/rebookOffer';
import { RedisRebookOffers } from '../infra/redis/redisRebookOffers';
import { MemoryRebookOffers } from '../infra/memory/memoryRebookOffers';

/** The waitlist's jobs, started once the waitlist is built (src/composition/waitlist.ts). */
export interface RunnableWaitlistJobs extends WaitlistJobs {
  start(work: WaitlistWork): void;
  close(): Promise<void>;
}

/** Where the bot keeps conversation state, appointments and attempt counters. */
export interface Backends {
  storage: Storage;
  store: AppointmentStore;
  /** The store's seat holds (the store itself). */
  seats: SeatHolds;
  /** The seats the store's cancels and moves freed (its outbox), relayed to the waitlist. */
  freedSeats: FreedSeatFeed;
  attempts: AttemptLimiter;
  /** Closures, capacities per day and the operators' audit log. */
  operations: OperationsStore;
  waitlist: WaitlistStore;
  waitlistJobs: RunnableWaitlistJobs;
  /** The times a closure's people were offered, kept for their answer. */
  rebookOffers: RebookOfferStore;
  /** Serialises a conversation's turns across processes; absent: one process, turns serialised in it. */
  turnLock?: TurnLock;
  /** Web Chat's Direct Line: conversations, tokens and activity logs. */
  directLine: DirectLineStore;
  /**
   * The Redis of ephemeral data, which may evict: conversation state, turn locks, Direct Line,
   * rate-limit counters. REDIS_STATE_URL, else the one Redis; absent without Redis.
   */
  stateRedis?: BotRedisClient;
  /**
   * The Redis server of the appointments, for the reminder queues (BullMQ); absent in memory mode
   * and on a Redis Cluster (BullMQ's node-redis adapter has no cluster support).
   */
  queueRedis?: RedisClientType;
  /** Whether the backends can take a turn now (/healthz). */
  ready(): Promise<boolean>;
  /** Closes the store, then the connections; safe when Redis is already down. */
  close(): Promise<void>;
}

export interface BackendOptions {
  /** Direct Line's limits (from the configuration by default) and, in memory, its clock (the bot's by default). */
  directLine?: Partial<MemoryDirectLineLimits> & { clock?: Clock };
}

/**
 * Redis when REDIS_URL or REDIS_CLUSTER_NODES is set — with REDIS_STATE_URL, ephemeral data in a
 * second Redis — else an embedded in-memory store.
 */
export async function openBackends(
  config: Config,
  clock: Clock,
  logger: Logger,
  metrics: RedisErrorMetrics = noMetrics,
  options: BackendOptions = {},
): Promise<Backends> {
  const onError = (role: RedisRole) => (err: Error) => {
    metrics.redisError(role);
    logger.error({ err: err.message, redisRole: role }, 'redis error');
  };
  const { clock: directLineClock, ...directLineLimits } = options.directLine ?? {};
  const directLine = { tokenSeconds: config.DIRECTLINE_TOKEN_SECONDS, idleSeconds: config.DIRECTLINE_IDLE_SECONDS, ...directLineLimits };
  const redis = await openRedis({ url: config.REDIS_URL, clusterNodes: config.REDIS_CLUSTER_NODES }, { onError: onError('durable') });
  if (redis) {
    const state = config.REDIS_STATE_URL ? await openRedis({ url: config.REDIS_STATE_URL }, { onError: onError('state') }) : undefined;
    logger.info(
      { redis: redis.kind, stateRedis: state ? 'REDIS_STATE_URL' : 'the same' },
      state
        ? 'using Redis: appointments in REDIS_URL, conversations in REDIS_STATE_URL'
        : 'using Redis for conversation state and appointments',
    );
    return redisBackends({ durable: redis, state: state ?? redis }, config, clock, logger, directLine);
  }
  logger.warn('REDIS_URL is not set: using an embedded in-memory store; nothing survives a restart');
  return memoryBackends(clock, new MemoryDirectLineStore(directLineClock ?? clock, directLine), logger);
}

function redisBackends(
  redis: { durable: RedisConnection; state: RedisConnection },
  config: Config,
  clock: Clock,
  logger: Logger,
  directLineLimits: Partial<MemoryDirectLineLimits>,
): Backends {
  const client = redis.durable.client;
  const stateClient = redis.state.client;
  const storage = new RedisStorage(stateClient, {
    keyPrefix: `${config.REDIS_KEY_PREFIX}:state:`,
    ttlSeconds: ttlByStateKind({ conversationSeconds: config.CONVERSATION_TTL_SECONDS, userSeconds: config.CONVERSATION_TTL_SECONDS }),
  });
  const store = new RedisAppointmentStore(client, { keyPrefix: config.REDIS_KEY_PREFIX, clock });
  const onJobError = (err: Error, job?: string): void => logger.warn({ job, ...errorForLog(err) }, 'waitlist job failed');
  const queueRedis = redis.durable.kind === 'server' ? (redis.durable.client as RedisClientType) : undefined;
  // Holds and their jobs are durable data: the appointments' Redis. BullMQ does not run on a Redis
  // Cluster: the jobs are this process's timers there, and the sweep of every process ends the
  // holds whose process died.
  if (!queueRedis) logger.warn('Redis Cluster: waitlist holds end on timers of the process that made them (BullMQ needs a single server)');
  const waitlistJobs: RunnableWaitlistJobs = queueRedis
    ? new RedisWaitlistJobs(queueRedis, { keyPrefix: config.REDIS_KEY_PREFIX, onError: onJobError })
    : new MemoryWaitlistJobs(onJobError);
  return {
    storage,
    store,
    seats: store,
    freedSeats: store.freedSeats,
    waitlist: new RedisWaitlistStore(client, { keyPrefix: config.REDIS_KEY_PREFIX }),
    rebookOffers: new RedisRebookOffers(client, { keyPrefix: config.REDIS_KEY_PREFIX }),
    waitlistJobs,
    attempts: new RedisAttemptLimiter(client, { keyPrefix: config.REDIS_KEY_PREFIX }),
    operations: new RedisOperationsStore(client, { keyPrefix: config.REDIS_KEY_PREFIX }),
    // With the state it reads and writes in one script each, so in the same Redis.
    turnLock: new RedisTurnLock(stateClient, {
      keyPrefix: `${config.REDIS_KEY_PREFIX}:`,
      state: storage,
      onError: (err) => logger.warn({ err: err.message }, 'turn lock'),
    }),
    directLine: new RedisDirectLineStore(stateClient, () => redis.state.subscriber(), {
      keyPrefix: `${config.REDIS_KEY_PREFIX}:dl:`,
      limits: directLineLimits,
    }),
    stateRedis: stateClient,
    ...(queueRedis ? { queueRedis } : {}),
    ready: async () => (await redis.durable.isReady()) && (redis.state === redis.durable || (await redis.state.isReady())),
    async close() {
      await waitlistJobs.close();
      await store.close();
      if (redis.state !== redis.durable) await redis.state.close();
      await redis.durable.close();
    },
  };
}

function memoryBackends(clock: Clock, directLine: DirectLineStore, logger: Logger): Backends {
  const auditLog = new MemoryAuditLog();
  const store = new MemoryAppointmentStore({ clock, auditLog });
  const waitlistJobs = new MemoryWaitlistJobs((err) => logger.warn(errorForLog(err), 'waitlist job failed'));
  return {
    storage: new MemoryStorage(),
    store,
    seats: store,
    freedSeats: store.freedSeats,
    waitlist: new MemoryWaitlistStore(),
    rebookOffers: new MemoryRebookOffers(clock),
    waitlistJobs,
    attempts: new MemoryAttemptLimiter({ clock }),
    operations: new MemoryOperationsStore(auditLog),
    directLine,
    ready: async () => true,
    async close() {
      await waitlistJobs.close();
      await directLine.close();
      await store.close();
    },
  };
}
