import { createHash } from 'node:crypto';

/** How many failures are allowed, over how long, and how long a lock lasts once they are used up. */
export interface AttemptPolicy {
  maxFailures: number;
  windowSeconds: number;
  lockoutSeconds: number;
}

/** Five failed verifications within an hour lock the subject for an hour. */
export const DEFAULT_ATTEMPT_POLICY: AttemptPolicy = { maxFailures: 5, windowSeconds: 60 * 60, lockoutSeconds: 60 * 60 };

/**
 * Counts failed verifications per subject (a receipt number, a conversation) and refuses
 * further attempts once a subject has used up its failures. Check before doing the work
 * (looking up the receipt number), record after a failure.
 */
export interface AttemptLimiter {
  /** True when any of the subjects may not try again yet. */
  isBlocked(subjects: readonly string[]): Promise<boolean>;
  /** Counts one failure against each subject. */
  recordFailure(subjects: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

export function assertPolicy(policy: AttemptPolicy): void {
  for (const [name, value] of Object.entries(policy)) {
    if (!Number.isInteger(value) || value < 1) throw new RangeError(`AttemptPolicy.${name} must be a whole number ≥ 1: ${value}`);
  }
}

/** A fixed-length, non-reversible form of an identifier that may be long or carry any characters. */
function digest(text: string): string {
  return createHash('sha256').update(text).digest('base64url').slice(0, 22);
}

/**
 * The subjects one cancellation attempt is counted against: the receipt number (whether or not
 * it exists) and the conversation it comes from.
 */
export function verificationSubjects(receiptNumber: string, channelId: string, conversationId: string): string[] {
  return [`receipt:${receiptNumber}`, `conversation:${digest(`${channelId}\u0000${conversationId}`)}`];
}
