import { loadChoiceRecognizer } from '../framework/startup/deferDependencies';
import type { Clock } from '../domain/clock';
import type { OfficeDirectory } from '../domain/offices/types';
import { warmUpDateParsersInBackground } from '../domain/dates/parseWhen';
import { detectLanguage } from '../domain/i18n/detectLanguage';
import { parsePhone } from '../domain/phone';
import { resolveCountry } from '../domain/offices/countries';
import { DEFAULT_LANGUAGE } from '../domain/languages';
import type { RequestDrain } from '../reliability/requestDrain';
import { rateLimiterLibrary } from './rateLimiters';

const WARM_UP_MAX_WAIT_MS = 2_000;
/**
 * A new process's first requests (the requests queued while it started, the load balancer's
 * first probes) come as soon as it listens: the warm-up lets them through before its first step,
 * which blocks for ~0.1–0.2 s (loading chrono-node and its first parse).
 */
const WARM_UP_START_DELAY_MS = 500;

/** Resolves at a moment with no request in flight, or after WARM_UP_MAX_WAIT_MS of steady traffic. */
async function whenIdle(drain: RequestDrain): Promise<void> {
  const deadline = Date.now() + WARM_UP_MAX_WAIT_MS;
  do await new Promise((resolve) => setTimeout(resolve, 10));
  while (drain.inFlight > 0 && Date.now() < deadline);
}

/**
 * Builds what later turns need after the server answers, one piece at a time, when no request is
 * in flight: the date parsers (~2 s for all 13 languages; a date typed before its parser is ready
 * waits for that one language's), then the libraries later turns load.
 */
export async function warmUp(parts: { clock: Clock; offices: OfficeDirectory; drain: RequestDrain }): Promise<void> {
  const { clock, offices, drain } = parts;
  await new Promise((resolve) => setTimeout(resolve, WARM_UP_START_DELAY_MS));
  await warmUpDateParsersInBackground(clock.now(), () => whenIdle(drain));
  const laterTurnLibraries = [
    () => offices.forZip('10001'), // the ZIP table
    loadChoiceRecognizer, // numbers and ordinals in typed choices
    () => detectLanguage('Necesito una cita para mañana'), // franc
    () => parsePhone('212-736-5000', { allowInternational: false }), // libphonenumber-js
    () => resolveCountry('Mexico', DEFAULT_LANGUAGE), // i18n-iso-countries
    rateLimiterLibrary, // rate-limiter-flexible, for the Direct Line routes
  ];
  for (const load of laterTurnLibraries) {
    await whenIdle(drain);
    load();
  }
}
