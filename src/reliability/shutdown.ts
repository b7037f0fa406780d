import type { Logger } from '../logger';

/** How long a shutdown waits for turns in flight before closing anyway (container platforms allow ~30 s). */
export const SHUTDOWN_GRACE_MS = 25_000;

/**
 * On SIGTERM or SIGINT: log, run `close` (stop taking requests, finish turns in flight, close
 * Redis), and exit 0 — or 1 if closing failed. A second signal while closing exits at once.
 */
export function closeOnSignals(
  close: () => Promise<void>,
  logger: Logger,
  exit: (code: number) => void = (code) => process.exit(code),
): void {
  let closing = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (closing) {
      logger.warn({ signal }, 'second signal while shutting down: exiting now');
      exit(1);
      return;
    }
    closing = true;
    logger.info({ signal }, 'shutting down: refusing new requests, finishing turns in flight');
    close().then(
      () => {
        logger.info('stopped');
        exit(0);
      },
      (err: unknown) => {
        logger.error({ err: err instanceof Error ? err.message : String(err) }, 'shutdown failed');
        exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
