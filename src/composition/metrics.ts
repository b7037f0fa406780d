import type { Server } from 'restify';
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { BotMetrics } from '../metrics/botMetrics';
import { listenForMetrics, registerMetricsRoute, type MetricsListener } from '../http/metricsRoute';

/** Whether anything will read the metrics: a port of their own, or a token for the public one. */
export function metricsServed(config: Config): boolean {
  return config.METRICS_PORT !== undefined || config.METRICS_TOKEN !== undefined;
}

/**
 * GET /metrics on the public port behind METRICS_TOKEN, and/or on METRICS_PORT (METRICS_HOST);
 * with neither set it is not served, and the log says so. Returns the separate listener, if any.
 */
export async function serveMetrics(
  config: Config,
  server: Server,
  metrics: BotMetrics,
  logger: Logger,
): Promise<MetricsListener | undefined> {
  const token = config.METRICS_TOKEN;
  if (token !== undefined) {
    registerMetricsRoute(server, metrics, token, () => logger.warn({ route: '/metrics', status: 401 }, 'request refused'));
    logger.info('metrics at /metrics on the public port, with the METRICS_TOKEN bearer token');
  }
  if (config.METRICS_PORT === undefined) {
    if (token === undefined) logger.info('metrics are not served: set METRICS_PORT (a private port) or METRICS_TOKEN (the public one)');
    return undefined;
  }
  const listener = await listenForMetrics(metrics, { port: config.METRICS_PORT, host: config.METRICS_HOST, ...(token ? { token } : {}) });
  logger.info({ port: listener.port, host: config.METRICS_HOST, tokenRequired: token !== undefined }, 'metrics listening');
  return listener;
}
