/**
 * Shows what parseWhen understands of a phrase.
 *
 *   npx tsx scripts/parse-date.ts --lang es --now 2026-11-27T09:00 --tz America/New_York "mañana a las 10"
 *   printf 'tomorrow at 10\nnext Tuesday morning\n' | npx tsx scripts/parse-date.ts
 *
 * --now is the office's wall-clock time in --tz (default: the current time),
 * --lang defaults to en, --tz to America/New_York. With no phrase argument, reads one
 * phrase per line from standard input and prints one JSON line per phrase.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { DateTime } from 'luxon';
import { parseWhen, whenLanguages } from '../src/domain/dates/parseWhen';

const USAGE = 'usage: parse-date [--lang <code>] [--now YYYY-MM-DDTHH:mm] [--tz IANA/Zone] ["phrase"]';

interface Options {
  language: string;
  now: DateTime;
  timeZone: string;
  phrase?: string;
}

function fail(message: string): never {
  process.stderr.write(`parse-date: ${message}\n${USAGE}\n`);
  process.exit(2);
}

function readOptions(argv: string[]): Options {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        lang: { type: 'string', default: 'en' },
        now: { type: 'string' },
        tz: { type: 'string', default: 'America/New_York' },
      },
    });
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  const { lang, now, tz } = parsed.values;
  const language = lang ?? 'en';
  const timeZone = tz ?? 'America/New_York';
  if (!DateTime.now().setZone(timeZone).isValid) fail(`unknown time zone "${timeZone}"`);
  if (!whenLanguages().includes(language)) {
    process.stderr.write(`parse-date: no parser for "${language}" yet (have: ${whenLanguages().join(', ')}); results will be empty\n`);
  }
  const zonedNow = now === undefined ? DateTime.now().setZone(timeZone) : DateTime.fromISO(now, { zone: timeZone });
  if (!zonedNow.isValid) fail(`--now must be an ISO date-time such as 2026-11-27T09:00, got "${now}"`);
  const phrase = parsed.positionals.length > 0 ? parsed.positionals.join(' ') : undefined;
  return { language, now: zonedNow, timeZone, phrase };
}

function describe(phrase: string, options: Options): string {
  const candidates = parseWhen(phrase, options.language, options.now.toJSDate(), options.timeZone);
  return JSON.stringify({
    text: phrase,
    language: options.language,
    now: options.now.toISO(),
    timeZone: options.timeZone,
    candidates,
  });
}

async function main(): Promise<void> {
  const options = readOptions(process.argv.slice(2));
  if (options.phrase !== undefined) {
    process.stdout.write(`${describe(options.phrase, options)}\n`);
    return;
  }
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    process.stdout.write(`${describe(line.trim(), options)}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`parse-date: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
