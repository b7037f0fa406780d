import { MemoryStorage, type Storage } from 'botbuilder';
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { Clock } from '../domain/clock';
import type { AppointmentStore } from '../domain/appointments/types';
import type { AttemptLimiter } from '../domain/security/attemptLimiter';
import type { OperationsStore } from '../domain/operations/types';
import type { TurnLock } from '../reliability/serialTurns';
import { openRedis, type BotRedisClient, type RedisConnection } from '../infra/redis/connect';
import { RedisStorage, ttlByStateKind } from '../infra/redis/redisStorage';
import { RedisAppointmentStore } from '../infra/redis/redisAppointmentStore';
import { RedisAttemptLimiter } from '../infra/redis/redisAttemptLimiter';
import { RedisTurnLock } from '../infra/redis/redisTurnLock';
import { MemoryAppointmentStore } from '../infra/memory/memoryAppointmentStore';
import { MemoryAttemptLimiter } from '../infra/memory/memoryAttemptLimiter';
import { noMetrics, type RedisErrorMetrics } from '../metrics/types';
import { RedisOperationsStore } from '../infra/redis/redisOperationsStore';
import { MemoryOperationsStore } from '../infra/memory/memoryOperationsStore';

/** Where the bot keeps conversation state, appointments and attempt counters. */
export interface Backends {
  storage: Storage;
  store: AppointmentStore;
  attempts: AttemptLimiter;
  /**
   * The Redis for ephemeral data (rate-limit counters; conversation state and Direct Line once
   * they move apart): today the one Redis connection; absent without Redis.
   */
  stateRedis?: BotRedisClient;
  /** Closures, capacities per day and the operators' audit log. */
  operations: OperationsStore;
  /** Serialises a conversation's turns across processes; absent: one process, turns serialised in it. */
  turnLock?: TurnLock;
  /** Whether the backends can take a turn now (/healthz). */
  ready(): Promise<boolean>;
  /** Closes the store, then the connections; safe when Redis is already down. */
  close(): Promise<void>;
}

/** Redis when REDIS_URL or REDIS_CLUSTER_NODES is set, else an embedded in-memory store. */
export async function openBackends(
  config: Config,
  clock: Clock,
  logger: Logger,
  metrics: RedisErrorMetrics = noMetrics,
): Promise<Backends> {
  const redis = await openRedis(
    { url: config.REDIS_URL, clusterNodes: config.REDIS_CLUSTER_NODES },
    {
      onError: (err) => {
        metrics.redisError('durable');
        logger.error({ err: err.message }, 'redis error');
      },
    },
  );
  if (redis) {
    logger.info({ redis: redis.kind }, 'using Redis for conversation state and appointments');
    return redisBackends(redis, config, clock, logger);
  }
  logger.warn('REDIS_URL is not set: using an embedded in-memory store; nothing survives a restart');
  return memoryBackends(clock);
}

function redisBackends(redis: RedisConnection, config: Config, clock: Clock, logger: Logger): Backends {
  const { client } = redis;
  const storage = new RedisStorage(client, {
    keyPrefix: `${config.REDIS_KEY_PREFIX}:state:`,
    ttlSeconds: ttlByStateKind({ conversationSeconds: config.CONVERSATION_TTL_SECONDS, userSeconds: config.CONVERSATION_TTL_SECONDS }),
  });
  const store = new RedisAppointmentStore(client, { keyPrefix: config.REDIS_KEY_PREFIX, clock });
  return {
    storage,
    store,
    attempts: new RedisAttemptLimiter(client, { keyPrefix: config.REDIS_KEY_PREFIX }),
    stateRedis: client,
    operations: new RedisOperationsStore(client, { keyPrefix: config.REDIS_KEY_PREFIX }),
    turnLock: new RedisTurnLock(client, {
      keyPrefix: `${config.REDIS_KEY_PREFIX}:`,
      state: storage,
      onError: (err) => logger.warn({ err: err.message }, 'turn lock'),
    }),
    ready: redis.isReady,
    async close() {
      await store.close();
      await redis.close();
    },
  };
}

function memoryBackends(clock: Clock): Backends {
  const store = new MemoryAppointmentStore({ clock });
  return {
    storage: new MemoryStorage(),
    store,
    attempts: new MemoryAttemptLimiter({ clock }),
    operations: new MemoryOperationsStore(),
    ready: async () => true,
    close: () => store.close(),
  };
}
