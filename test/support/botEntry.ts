/**
 * The bot's real entry point (src/main.ts main: configuration from the environment, signal
 * handling) with two differences: the clock is fixed at INFOPASS_TEST_NOW, so tests that run the
 * bot as a child process do not depend on the wall clock; and with INFOPASS_TEST_KILL_AFTER_BOOK=1
 * the process kills itself (SIGKILL) as soon as the store's booking call returns, before the turn's
 * state is saved or any reply is sent. Started by botProcess.ts.
 */
import { fixedClock } from '../../src/domain/clock';
import type { AppointmentStore } from '../../src/domain/appointments/types';
import { main } from '../../src/main';

const now = process.env.INFOPASS_TEST_NOW;
if (!now) {
  console.error('INFOPASS_TEST_NOW is not set');
  process.exit(1);
}

/** The store, whose book() ends the process right after the booking was written. */
function killedAfterBook(store: AppointmentStore): AppointmentStore {
  const book: AppointmentStore['book'] = async (request, capacity) => {
    const result = await store.book(request, capacity);
    process.kill(process.pid, 'SIGKILL');
    return result;
  };
  return Object.assign(Object.create(store) as AppointmentStore, { book });
}

const killAfterBook = process.env.INFOPASS_TEST_KILL_AFTER_BOOK === '1';
main({ clock: fixedClock(now), ...(killAfterBook ? { wrapStore: killedAfterBook } : {}) }).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
