import {
  ClientClosedError,
  ClientOfflineError,
  ConnectionTimeoutError,
  ErrorReply,
  ReconnectStrategyError,
  SocketClosedUnexpectedlyError,
  SocketTimeoutError,
  TimeoutError,
} from 'redis';
import { TurnLockTimeoutError } from '../infra/redis/redisTurnLock';

/** Replies Redis gives while it cannot serve yet: loading its data after a restart, busy, failing over. */
const TRANSIENT_REPLY = /^(LOADING|BUSY|MISCONF|READONLY|TRYAGAIN|CLUSTERDOWN|MASTERDOWN)\b/;
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND']);

/**
 * True when a turn failed because the store could not be reached (Redis down, restarting,
 * or the conversation's turn lock could not be had in time): the person should try again later.
 */
export function isStoreUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  if (
    err instanceof ClientOfflineError ||
    err instanceof ClientClosedError ||
    err instanceof SocketClosedUnexpectedlyError ||
    err instanceof ConnectionTimeoutError ||
    err instanceof SocketTimeoutError ||
    err instanceof TimeoutError ||
    err instanceof ReconnectStrategyError ||
    err instanceof TurnLockTimeoutError
  ) {
    return true;
  }
  if (err instanceof ErrorReply && TRANSIENT_REPLY.test(err.message)) return true;
  const code = (err as NodeJS.ErrnoException).code;
  if (code !== undefined && NETWORK_CODES.has(code)) return true;
  return err.cause !== undefined && isStoreUnavailable(err.cause);
}

/** The locale key of the apology a person gets when their turn failed. */
export function turnErrorMessageKey(err: unknown): 'errors.unavailable' | 'errors.generic' {
  return isStoreUnavailable(err) ? 'errors.unavailable' : 'errors.generic';
}
