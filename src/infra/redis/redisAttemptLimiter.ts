/**
 * Failed verifications counted in Redis, shared by every bot process.
 *
 * Key layout (P = keyPrefix, "ip" by default; the hash tag keeps every key in one cluster slot):
 *
 *   {P}:attempts:<subject>   string   failures so far; expires windowSeconds after the first
 *                                     failure, or lockoutSeconds after the one that used up the limit
 *
 * The count and its expiry are set in one script, so no key is ever left without an expiry.
 * Expiry runs on the Redis server's clock.
 */
import { z } from 'zod/v4';
import { LuaScript, type ScriptClient } from './luaScript';
import { assertPolicy, DEFAULT_ATTEMPT_POLICY, type AttemptLimiter, type AttemptPolicy } from '../../domain/security/attemptLimiter';

export interface AttemptRedisClient extends ScriptClient {
  mGet(keys: string[]): Promise<unknown>;
}

export interface RedisAttemptLimiterOptions {
  /** Goes inside the hash tag: "ip" gives keys "{ip}:attempts:…". No braces. */
  keyPrefix?: string;
  policy?: AttemptPolicy;
}

const RECORD_FAILURE = new LuaScript(`
for i, key in ipairs(KEYS) do
  local failures = redis.call('INCR', key)
  if failures == 1 then
    redis.call('EXPIRE', key, ARGV[1])
  end
  if failures == tonumber(ARGV[3]) then
    redis.call('EXPIRE', key, ARGV[2])
  elseif redis.call('TTL', key) < 0 then
    redis.call('EXPIRE', key, ARGV[1])
  end
end
return #KEYS
`);

const countsSchema = z.array(z.string().nullable());

export class RedisAttemptLimiter implements AttemptLimiter {
  private readonly tag: string;
  private readonly policy: AttemptPolicy;

  constructor(
    private readonly client: AttemptRedisClient,
    options: RedisAttemptLimiterOptions = {},
  ) {
    const prefix = options.keyPrefix ?? 'ip';
    if (prefix === '' || /[{}]/.test(prefix))
      throw new Error(`RedisAttemptLimiter: keyPrefix must be non-empty, without braces: ${prefix}`);
    this.tag = `{${prefix}}`;
    this.policy = options.policy ?? DEFAULT_ATTEMPT_POLICY;
    assertPolicy(this.policy);
  }

  async isBlocked(subjects: readonly string[]): Promise<boolean> {
    if (subjects.length === 0) return false;
    const counts = countsSchema.parse(await this.client.mGet(subjects.map((s) => this.key(s))));
    return counts.some((count) => Number(count ?? '0') >= this.policy.maxFailures);
  }

  async recordFailure(subjects: readonly string[]): Promise<void> {
    const keys = [...new Set(subjects)].map((s) => this.key(s));
    if (keys.length === 0) return;
    const { windowSeconds, lockoutSeconds, maxFailures } = this.policy;
    await RECORD_FAILURE.run(this.client, keys, [String(windowSeconds), String(lockoutSeconds), String(maxFailures)]);
  }

  async close(): Promise<void> {
    // The client belongs to whoever created it.
  }

  private key(subject: string): string {
    return `${this.tag}:attempts:${subject}`;
  }
}
