import type { Clock } from '../../domain/clock';
import { assertPolicy, DEFAULT_ATTEMPT_POLICY, type AttemptLimiter, type AttemptPolicy } from '../../domain/security/attemptLimiter';

interface Counter {
  failures: number;
  expiresAtMs: number;
}

export interface MemoryAttemptLimiterOptions {
  policy?: AttemptPolicy;
  clock: Clock;
}

/** The limiter of a single process (no Redis): same rules as the Redis one, on the given clock. */
export class MemoryAttemptLimiter implements AttemptLimiter {
  private readonly counters = new Map<string, Counter>();
  private readonly policy: AttemptPolicy;
  private readonly clock: Clock;

  constructor(options: MemoryAttemptLimiterOptions) {
    this.policy = options.policy ?? DEFAULT_ATTEMPT_POLICY;
    assertPolicy(this.policy);
    this.clock = options.clock;
  }

  async isBlocked(subjects: readonly string[]): Promise<boolean> {
    const nowMs = this.clock.now().getTime();
    return subjects.some((subject) => (this.live(subject, nowMs)?.failures ?? 0) >= this.policy.maxFailures);
  }

  async recordFailure(subjects: readonly string[]): Promise<void> {
    const nowMs = this.clock.now().getTime();
    for (const subject of new Set(subjects)) {
      const counter = this.live(subject, nowMs) ?? { failures: 0, expiresAtMs: nowMs + this.policy.windowSeconds * 1000 };
      counter.failures += 1;
      if (counter.failures === this.policy.maxFailures) counter.expiresAtMs = nowMs + this.policy.lockoutSeconds * 1000;
      this.counters.set(subject, counter);
    }
  }

  async close(): Promise<void> {
    this.counters.clear();
  }

  private live(subject: string, nowMs: number): Counter | undefined {
    const counter = this.counters.get(subject);
    if (counter && counter.expiresAtMs <= nowMs) {
      this.counters.delete(subject);
      return undefined;
    }
    return counter;
  }
}
