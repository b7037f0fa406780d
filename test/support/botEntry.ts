/**
 * The bot's real entry point (src/main.ts main: configuration from the environment, signal
 * handling) with one difference: the clock is fixed at INFOPASS_TEST_NOW, so tests that run the
 * bot as a child process do not depend on the wall clock. Started by botProcess.ts.
 */
import { fixedClock } from '../../src/domain/clock';
import { main } from '../../src/main';

const now = process.env.INFOPASS_TEST_NOW;
if (!now) {
  console.error('INFOPASS_TEST_NOW is not set');
  process.exit(1);
}
main({ clock: fixedClock(now) }).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
