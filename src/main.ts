// Load order: the stand-ins for modules no first reply needs go into Node's module cache before
// anything requires botbuilder-dialogs (docs/botbuilder-overrides.md). Keep this import first.
import './framework/startup/deferDependencies';
import { existsSync } from 'node:fs';
import { loadConfig } from './config';
import { createLogger } from './logger';
import { closeOnSignals } from './reliability/shutdown';
import { startBot, type StartOptions } from './composition/startBot';

/** Runs the bot from the environment (and a .env file) until SIGTERM/SIGINT; tests fix the clock through `options`. */
export async function main(options: StartOptions = {}): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const config = loadConfig();
  const logger = options.logger ?? createLogger(config.LOG_LEVEL);
  const bot = await startBot(config, { ...options, logger });
  closeOnSignals(() => bot.close(), logger);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
