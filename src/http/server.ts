import restify, { type Server } from 'restify';
import type { CloudAdapter, TurnContext } from 'botbuilder';
import type { Logger } from '../logger';

export interface ServerParts {
  adapter: CloudAdapter;
  onTurn: (context: TurnContext) => Promise<void>;
  /** True when every part the bot needs (Redis) is reachable. */
  ready: () => Promise<boolean>;
  logger: Logger;
  maxBodyBytes: number;
}

/** The HTTP face of the bot: Bot Framework messages and a health check. */
export function createServer(parts: ServerParts): Server {
  const server = restify.createServer({ name: 'infopass-bot', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: parts.maxBodyBytes, mapParams: false }));

  server.post('/api/messages', async (req, res) => {
    await parts.adapter.process(req, res, parts.onTurn);
  });

  server.get('/healthz', async (_req, res) => {
    const ready = await parts.ready().catch(() => false);
    res.json(ready ? 200 : 503, { status: ready ? 'ok' : 'unavailable' });
  });

  server.on('restifyError', (req, _res, err, callback) => {
    parts.logger.warn({ route: req.getRoute()?.path, status: (err as { statusCode?: number }).statusCode, code: err.name }, 'request refused');
    return callback();
  });
  return server;
}
