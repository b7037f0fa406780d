import type { IncomingMessage } from 'node:http';
import type { Request, Server } from 'restify';
import { hostOf } from './requestHost';
import type { UpgradeCheck } from './directLine/streams';

/**
 * What Web Chat's Direct Line client sends across origins: POST with JSON and a bearer token, GET
 * to poll; its requests (rxjs ajax) also carry x-ms-bot-agent and X-Requested-With.
 */
export const CORS_ALLOWED_METHODS = ['GET', 'POST'] as const;
export const CORS_ALLOWED_HEADERS = ['Authorization', 'Content-Type', 'x-ms-bot-agent', 'X-Requested-With'] as const;
/** Browsers may reuse a preflight's answer this long. */
const PREFLIGHT_MAX_AGE_SECONDS = 600;

/**
 * An origin as a browser sends it: scheme, host and port, nothing else ("https://www.uscis.gov").
 * Throws on anything else, so a typo in WEBCHAT_ALLOWED_ORIGINS stops the bot at start.
 */
export function parseOrigin(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`"${text}" is not an origin (scheme://host[:port])`);
  }
  const bare = url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password && !/[?#]/.test(text);
  if (!/^https?:$/.test(url.protocol) || !bare) throw new Error(`"${text}" is not an origin (scheme://host[:port])`);
  return url.origin;
}

/** "https://a.example, https://b.example" → the origins; empty when unset. */
export function parseOrigins(list: string | undefined): string[] {
  return (list ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map(parseOrigin);
}

function underPrefix(req: Request, prefix: string): boolean {
  const path = req.getPath();
  return path === prefix || path.startsWith(`${prefix}/`);
}

/**
 * CORS on the routes under `pathPrefix` (the Direct Line routes), for the listed origins only:
 * an agency's page on its own site may then fetch a token and talk to the bot with Web Chat's own
 * script. A preflight (OPTIONS with Origin) from a listed origin is answered 204 with the methods
 * and headers allowed; from any other origin, 403 and no CORS header. Other requests from a listed
 * origin get Access-Control-Allow-Origin naming that origin (never "*"), and may read Retry-After.
 * No credentials: Direct Line authenticates by the bearer token, not by cookies.
 */
export function registerCors(server: Server, options: { allowedOrigins: readonly string[]; pathPrefix: string }): void {
  const allowed = new Set(options.allowedOrigins);
  server.pre((req, res, next) => {
    if (!underPrefix(req, options.pathPrefix)) return next();
    const origin = req.header('origin');
    res.header('vary', 'Origin');
    const listed = origin !== undefined && allowed.has(origin);
    if (req.method === 'OPTIONS' && origin !== undefined) {
      if (!listed) {
        res.json(403, { error: { code: 'Forbidden', message: 'This origin may not use this Direct Line.' } });
        return next(false);
      }
      res.header('access-control-allow-origin', origin);
      res.header('access-control-allow-methods', CORS_ALLOWED_METHODS.join(', '));
      res.header('access-control-allow-headers', CORS_ALLOWED_HEADERS.join(', '));
      res.header('access-control-max-age', String(PREFLIGHT_MAX_AGE_SECONDS));
      res.send(204);
      return next(false);
    }
    if (listed) {
      res.header('access-control-allow-origin', origin);
      res.header('access-control-expose-headers', 'Retry-After');
    }
    return next();
  });
}

/**
 * The check of a WebSocket stream's upgrade (streams.ts): browsers send Origin with every WebSocket,
 * and a page may open one to any site, so a socket from a page that is neither the bot's own (its
 * Origin's host is the host the request was sent to) nor of `allowedOrigins` (those of
 * WEBCHAT_ALLOWED_ORIGINS, and the bot's public one) is refused 403 before the handshake. A client
 * that sends no Origin is not a browser page, and passes (its token decides).
 */
export function streamOriginCheck(allowedOrigins: readonly string[]): UpgradeCheck {
  const allowed = new Set(allowedOrigins);
  return (req: IncomingMessage) => {
    const origin = req.headers.origin;
    if (origin === undefined || allowed.has(origin) || hostOfOrigin(origin) === hostOf(req)) return undefined;
    return { status: 403 };
  };
}

/** "https://bot.example:8443" → "bot.example:8443"; undefined for "null" (a sandboxed frame, a file) or anything else that is no URL. */
function hostOfOrigin(origin: string): string | undefined {
  try {
    return new URL(origin).host || undefined;
  } catch {
    return undefined;
  }
}
