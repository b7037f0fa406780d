import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { Clock } from '../domain/clock';
import { lazily } from '../domain/lazily';
import type { BotRedisClient } from '../infra/redis/connect';
import { withCachedScripts } from '../infra/redis/scriptCachingClient';
import { clientAddress, clientBlock, TrustedProxies } from '../http/clientAddress';
import { DirectLineRateLimits, type Limiter, type LimiterFactory } from '../http/rateLimit';

/** Loaded on the first Direct Line request or in the warm-up, not at start (~70 ms: it requires every store it supports). */
export const rateLimiterLibrary = lazily(() => require('rate-limiter-flexible') as typeof import('rate-limiter-flexible'));

/**
 * Rate-limit counters shared by every bot process, in Redis (`<prefix>:rate:<budget>:<digest>`,
 * each expiring with its window), or in this process's memory without Redis. A Redis that fails a
 * command hands the count to an in-memory limiter with the same budget, per process, until it
 * answers again; a key already over its budget is refused from memory until its window ends,
 * without asking Redis, so a flood costs Redis about one command per client and window.
 */
export function rateLimiterFactory(redis: BotRedisClient | undefined, keyPrefix: string): LimiterFactory {
  // Its counting script by EVALSHA: the library sends the whole script with every EVAL.
  const storeClient = redis && withCachedScripts(redis);
  return (name, points, windowSeconds) => {
    const limiter = lazily((): RateLimiterAbstract => {
      const { RateLimiterMemory, RateLimiterRedis } = rateLimiterLibrary();
      const memory = new RateLimiterMemory({ keyPrefix: name, points, duration: windowSeconds });
      if (!storeClient) return memory;
      return new RateLimiterRedis({
        storeClient,
        useRedisPackage: true,
        rejectIfRedisNotReady: true,
        keyPrefix: `${keyPrefix}:rate:${name}`,
        points,
        duration: windowSeconds,
        inMemoryBlockOnConsumed: points,
        insuranceLimiter: memory,
      });
    });
    const lazyLimiter: Limiter = { consume: (key) => limiter().consume(key) };
    return lazyLimiter;
  };
}

const REFUSAL_LOG_INTERVAL_MS = 60_000;

/** One warning per budget a minute at most, with how many requests it refused since the last one: a flood is not a log flood. */
function refusalLog(logger: Logger, clock: Clock): (budget: string, scope: string) => void {
  const last = new Map<string, { atMs: number; refused: number }>();
  return (budget, scope) => {
    const key = `${budget}:${scope}`;
    const now = clock.now().getTime();
    const entry = last.get(key);
    if (entry && now >= entry.atMs && now - entry.atMs < REFUSAL_LOG_INTERVAL_MS) {
      entry.refused += 1;
      return;
    }
    logger.warn({ budget, scope, refusedSinceLastWarning: entry?.refused ?? 0 }, 'rate limit reached');
    last.set(key, { atMs: now, refused: 0 });
  };
}

function withCount(
  log: (budget: string, scope: string) => void,
  count: ((budget: string) => void) | undefined,
): (budget: string, scope: string) => void {
  return (budget, scope) => {
    log(budget, scope);
    count?.(`${budget}:${scope}`);
  };
}

/** The Direct Line routes' rate limits, from the settings, counted in `redis` when there is one. */
export function directLineRateLimits(
  config: Config,
  parts: {
    redis: BotRedisClient | undefined;
    keySecret: string;
    logger: Logger;
    clock: Clock;
    /** Told of each refused request by its budget and scope, "new-conversation:client", "poll:overall", "stream:client" (the metrics' rate_limited_total). */
    onRateLimited?: (budgetAndScope: string) => void;
  },
): DirectLineRateLimits {
  const trusted = TrustedProxies.parse(config.TRUSTED_PROXIES);
  return new DirectLineRateLimits({
    budgets: {
      newConversationsPerClient: config.RATE_LIMIT_NEW_CONVERSATIONS_PER_CLIENT,
      newConversationsOverall: config.RATE_LIMIT_NEW_CONVERSATIONS_OVERALL,
      requestsPerClient: config.RATE_LIMIT_REQUESTS_PER_CLIENT,
      messagesPerClient: config.RATE_LIMIT_MESSAGES_PER_CLIENT,
      messagesPerConversation: config.RATE_LIMIT_MESSAGES_PER_CONVERSATION,
      pollsPerClient: config.RATE_LIMIT_POLLS_PER_CLIENT,
      pollsOverall: config.RATE_LIMIT_POLLS_OVERALL,
      streamsPerClient: config.RATE_LIMIT_STREAMS_PER_CLIENT,
      streamsOverall: config.RATE_LIMIT_STREAMS_OVERALL,
    },
    makeLimiter: rateLimiterFactory(parts.redis, config.REDIS_KEY_PREFIX),
    clientOf: (req) => clientBlock(clientAddress(req.socket.remoteAddress, req.headers['x-forwarded-for'], trusted)),
    keySecret: parts.keySecret,
    onRefused: withCount(refusalLog(parts.logger, parts.clock), parts.onRateLimited),
    onError: (err) => parts.logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'rate limit not checked'),
  });
}
