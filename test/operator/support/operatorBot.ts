import { startBot, type RunningBot } from '../../../src/composition/startBot';
import { loadConfig } from '../../../src/config';
import { createLogger } from '../../../src/logger';
import { fixedClock } from '../../../src/domain/clock';
import type { Outreach } from '../../../src/domain/outreach/types';
import { TEST_NOW } from '../../support/dialogHarness';
import { TEST_AUDIENCE, type TestIssuer } from './oidcIssuer';

export interface OperatorBot {
  bot: RunningBot;
  /** The bot's JSON log lines. */
  logs: Record<string, unknown>[];
}

/** The bot in this process, on Redis, with its operator API trusting `issuer` (none: the API is off), its clock at TEST_NOW. */
export async function startOperatorBot(options: {
  redisUrl: string;
  keyPrefix: string;
  issuer?: TestIssuer;
  outreach?: Outreach;
}): Promise<OperatorBot> {
  const logs: Record<string, unknown>[] = [];
  const logger = createLogger('info', { write: (line: string) => void logs.push(JSON.parse(line) as Record<string, unknown>) });
  const config = loadConfig({
    PORT: '0',
    REDIS_URL: options.redisUrl,
    REDIS_KEY_PREFIX: options.keyPrefix,
    PERSON_KEY_SECRET: 'operator-api-test',
    ...(options.issuer ? { OPERATOR_OIDC_ISSUER: options.issuer.url, OPERATOR_AUDIENCE: TEST_AUDIENCE } : {}),
  });
  const bot = await startBot(config, {
    clock: fixedClock(TEST_NOW),
    logger,
    ...(options.outreach ? { outreach: options.outreach } : {}),
  });
  return { bot, logs };
}

export interface ApiAnswer {
  status: number;
  headers: Headers;
  body: unknown;
}

/** One request to the operator API, as JSON. */
export async function callApi(
  baseUrl: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown } = {},
): Promise<ApiAnswer> {
  const response = await fetch(`${baseUrl}/api/operator${path}`, {
    method,
    headers: {
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
}
