import restify, { type Server } from 'restify';
import { StatusCodes, type TurnContext } from 'botbuilder';
import { AuthenticationError } from 'botframework-connector';
import type { Logger } from '../logger';
import type { RequestDrain } from '../reliability/requestDrain';
import { checkIncomingActivity } from './activityValidation';
import { bodyParser } from './bodyReader';
import type { CheckedActivityAdapter } from '../framework/checkedActivityAdapter';

export interface ServerParts {
  adapter: CheckedActivityAdapter;
  onTurn: (context: TurnContext) => Promise<void>;
  /** True when every part the bot needs (Redis) is reachable. */
  ready: () => Promise<boolean>;
  logger: Logger;
  maxBodyBytes: number;
  /** Counts requests in flight; once stopped, every route answers 503 and closes the connection. */
  drain?: RequestDrain;
  /** Told of every answered request: its route template (undefined when none matched), method, status and duration. */
  onRequestFinished?: (route: string | undefined, method: string, status: number, seconds: number) => void;
}

/** A health check that hangs (Redis not answering) counts as not ready. */
const READY_TIMEOUT_MS = 2_000;

function withTimeout(check: Promise<boolean>, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    check.then(
      (ok) => {
        clearTimeout(timer);
        resolve(ok);
      },
      () => {
        clearTimeout(timer);
        resolve(false);
      },
    );
  });
}

/** The HTTP face of the bot: Bot Framework messages and a health check. */
export function createServer(parts: ServerParts): Server {
  const server = restify.createServer({ name: 'infopass-bot', handleUncaughtExceptions: false });
  const onRequestFinished = parts.onRequestFinished;
  if (onRequestFinished) {
    const started = new WeakMap<object, number>();
    server.pre((req, _res, next) => {
      started.set(req, performance.now());
      return next();
    });
    server.on('after', (req: restify.Request, res: restify.Response) => {
      const start = started.get(req);
      if (start === undefined) return;
      const path = req.getRoute()?.path;
      onRequestFinished(
        path === undefined ? undefined : String(path),
        req.method ?? '',
        res.statusCode,
        (performance.now() - start) / 1000,
      );
    });
  }
  const drain = parts.drain;
  if (drain) {
    server.pre((_req, res, next) => {
      if (!drain.accepting) {
        res.setHeader('connection', 'close');
        res.send(503, { status: 'shutting down' });
        return next(false);
      }
      res.once('close', drain.begin());
      return next();
    });
  }
  server.use(bodyParser({ maxBodySize: parts.maxBodyBytes, mapParams: false }));

  server.post('/api/messages', async (req, res) => {
    // Before the adapter: botbuilder answers some malformed activities with 500, or crashes on them in a turn.
    const check = checkIncomingActivity(req.body);
    if (!check.ok) {
      parts.logger.warn({ route: '/api/messages', status: 400, code: check.error }, 'request refused');
      res.send(400, { error: check.error });
      return;
    }
    try {
      const invokeResponse = await parts.adapter.runChecked(req.header('authorization') ?? '', check.activity, parts.onTurn);
      const status = invokeResponse?.status ?? StatusCodes.OK;
      if (invokeResponse?.body === undefined) res.send(status);
      else res.send(status, invokeResponse.body);
    } catch (err) {
      // A turn's own failure is answered by onTurnError inside the turn; what reaches here is
      // authentication (401, like CloudAdapter.process) or a failure outside any turn.
      const unauthorized = err instanceof AuthenticationError;
      if (!unauthorized)
        parts.logger.error({ route: '/api/messages', code: err instanceof Error ? err.name : 'unknown' }, 'request failed');
      res.send(unauthorized ? StatusCodes.UNAUTHORIZED : StatusCodes.INTERNAL_SERVER_ERROR, {
        error: unauthorized ? 'unauthorized' : 'internal error',
      });
    }
  });

  server.get('/healthz', async (_req, res) => {
    const ready = await withTimeout(parts.ready(), READY_TIMEOUT_MS);
    res.json(ready ? 200 : 503, { status: ready ? 'ok' : 'unavailable' });
  });

  server.on('restifyError', (req, _res, err, callback) => {
    parts.logger.warn(
      { route: req.getRoute()?.path, status: (err as { statusCode?: number }).statusCode, code: err.name },
      'request refused',
    );
    return callback();
  });
  return server;
}
