import type { Request, RequestHandler, Response, Server } from 'restify';
import { z } from 'zod/v4';
import type { ClientActivity, DirectLine } from './directLine';
import type { ConversationRecord, IssuedToken } from './directLineStore';
import { hostOf } from '../requestHost';
import { refuseTooMany } from '../rateLimit';

export const DIRECT_LINE_BASE = '/v3/directline';

/** A conversation's WebSocket stream (streams.ts). */
export function streamPath(conversationId: string): string {
  return `${DIRECT_LINE_BASE}/conversations/${encodeURIComponent(conversationId)}/stream`;
}

const locale = z.string().regex(/^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8}){0,6}$/);

/** Our extension of Direct Line's token request: the page sends the browser's locale, so the bot greets in it. */
const tokenRequestSchema = z
  .object({
    user: z
      .object({
        id: z
          .string()
          .regex(/^[A-Za-z0-9_.:-]{1,64}$/)
          .optional(),
      })
      .optional(),
    locale: locale.optional(),
  })
  .strict();

const clientActivitySchema = z.object({
  type: z.enum(['message', 'event', 'typing']),
  text: z.string().max(5000).optional(),
  textFormat: z.enum(['plain', 'markdown', 'xml']).optional(),
  locale: locale.optional(),
  value: z.unknown().optional(),
  name: z.string().max(200).optional(),
  replyToId: z.string().max(200).optional(),
  channelData: z.record(z.string(), z.unknown()).optional(),
  entities: z
    .array(z.object({ type: z.string().max(100) }).passthrough())
    .max(20)
    .optional(),
  from: z.object({ name: z.string().max(200).optional() }).optional(),
}) satisfies z.ZodType<ClientActivity>;

type ErrorCode = 'BadArgument' | 'BadToken' | 'ConversationNotFound' | 'TooManyRequests' | 'BotError' | 'ServiceUnavailable';

/** JSON already serialised, sent as it is (restify's res.json would serialise it again). */
function sendJsonText(res: Response, status: number, json: string, headers: Readonly<Record<string, string>> = {}): void {
  res.sendRaw(status, json, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(json)), ...headers });
}

function refuse(res: Response, status: number, code: ErrorCode): void {
  res.json(status, { error: { code } });
}

type Handler = (req: Request, res: Response) => Promise<void>;

/** The store unreachable (Redis down): 503, as a Direct Line error, and nothing of the error's text. */
function unlessUnavailable(handler: Handler): Handler {
  return async (req, res) => {
    try {
      await handler(req, res);
    } catch {
      if (!res.headersSent) refuse(res, 503, 'ServiceUnavailable');
    }
  };
}

export function bearerToken(req: { headers: Record<string, string | string[] | undefined> }): string | undefined {
  const header = req.headers.authorization;
  return /^Bearer\s+(\S+)$/i.exec(typeof header === 'string' ? header : '')?.[1];
}

/** The first language of Accept-Language ("es-MX,es;q=0.9" → "es-MX"), used when the client names none. */
function acceptLanguage(req: Request): string | undefined {
  const first = (req.header('accept-language') ?? '').split(',')[0]?.split(';')[0]?.trim();
  return first && locale.safeParse(first).success ? first : undefined;
}

/** The watermark query parameter: absent or empty means "from the start of the log". */
export function watermarkOf(raw: string | null): number | undefined | 'bad' {
  if (raw === null || raw === '' || raw === '-') return undefined;
  return /^\d{1,15}$/.test(raw) ? Number(raw) : 'bad';
}

function queryOf(req: Request): URLSearchParams {
  return new URL(req.url ?? '/', 'http://localhost').searchParams;
}

/**
 * http or https as the client sees it: a TLS-terminating proxy says so in X-Forwarded-Proto (or
 * Forwarded). Believing a client that sets it (or X-Forwarded-Host) is harmless: it only shapes
 * the URLs that client is given back.
 */
function schemeOf(req: Request): 'http' | 'https' {
  const forwarded = (req.header('x-forwarded-proto') ?? /(?:^|[;,\s])proto=([a-z]+)/i.exec(req.header('forwarded') ?? '')?.[1] ?? '')
    .split(',')[0]
    ?.trim()
    .toLowerCase();
  if (forwarded === 'https' || forwarded === 'http') return forwarded;
  return req.isSecure() ? 'https' : 'http';
}

function serviceUrlOf(req: Request): string {
  return `${schemeOf(req)}://${hostOf(req)}${DIRECT_LINE_BASE}`;
}

/** Where the client opens the conversation's WebSocket stream, token in the query as Direct Line does. */
function streamUrlOf(req: Request, issued: IssuedToken, watermark: number | undefined): string {
  const query = new URLSearchParams({ t: issued.token });
  if (watermark !== undefined) query.set('watermark', String(watermark));
  const scheme = schemeOf(req) === 'https' ? 'wss' : 'ws';
  return `${scheme}://${hostOf(req)}${streamPath(issued.conversationId)}?${query.toString()}`;
}

/** Handlers run before a route's own, such as rate limits (src/http/rateLimit.ts); by default none. */
export type DirectLineGuards = Record<
  'generateToken' | 'startConversation' | 'refreshToken' | 'reconnect' | 'postActivity' | 'pollActivities',
  RequestHandler
> & {
  /** What a guard left to answer alongside the route's work (a poll's overall budget): a refusal is answered 429. */
  overallVerdict(req: Request): Promise<{ retryAfterSeconds: number } | undefined>;
};

const pass: RequestHandler = (_req, _res, next) => next();
const NO_GUARDS: DirectLineGuards = {
  generateToken: pass,
  startConversation: pass,
  refreshToken: pass,
  reconnect: pass,
  postActivity: pass,
  pollActivities: pass,
  overallVerdict: () => Promise.resolve(undefined),
};

/**
 * Direct Line 3.0 routes (the subset Web Chat uses) on the bot's own server. A started conversation
 * comes with its WebSocket `streamUrl` (answered by streams.ts); polling works as well.
 */
export function registerDirectLineRoutes(server: Server, directLine: DirectLine, guards: DirectLineGuards = NO_GUARDS): void {
  const conversationBody = (req: Request, issued: IssuedToken, watermark?: number): Record<string, string | number> => ({
    conversationId: issued.conversationId,
    token: issued.token,
    expires_in: issued.expiresInSeconds,
    streamUrl: streamUrlOf(req, issued, watermark),
  });
  const tokenFor = (token: string, conversationId: string): IssuedToken => ({
    token,
    conversationId,
    expiresInSeconds: directLine.store.limits.tokenSeconds,
  });

  /** The conversation the path names, if the request's token opens it; otherwise answered 404 or 403. */
  const authorized = async (req: Request, res: Response): Promise<ConversationRecord | undefined> => {
    const access = await directLine.access(bearerToken(req), String(req.params.conversationId));
    if (access.ok) return access.conversation;
    if (access.reason === 'unknownConversation') refuse(res, 404, 'ConversationNotFound');
    else refuse(res, 403, 'BadToken');
    return undefined;
  };

  server.post(
    `${DIRECT_LINE_BASE}/tokens/generate`,
    guards.generateToken,
    unlessUnavailable(async (req, res) => {
      const parsed = tokenRequestSchema.safeParse(req.body ?? {});
      if (!parsed.success) return refuse(res, 400, 'BadArgument');
      const issued = await directLine.generateToken({ id: parsed.data.user?.id, locale: parsed.data.locale ?? acceptLanguage(req) });
      res.json(200, { conversationId: issued.conversationId, token: issued.token, expires_in: issued.expiresInSeconds });
    }),
  );

  server.post(
    `${DIRECT_LINE_BASE}/tokens/refresh`,
    guards.refreshToken,
    unlessUnavailable(async (req, res) => {
      const access = await directLine.access(bearerToken(req));
      const issued = access.ok ? await directLine.refreshToken(access.conversation.id) : undefined;
      if (!issued) return refuse(res, 403, 'BadToken');
      res.json(200, { conversationId: issued.conversationId, token: issued.token, expires_in: issued.expiresInSeconds });
    }),
  );

  // With a token from /tokens/generate: starts that conversation. Without one: a new conversation.
  server.post(
    `${DIRECT_LINE_BASE}/conversations`,
    guards.startConversation,
    unlessUnavailable(async (req, res) => {
      const token = bearerToken(req) ?? (await directLine.generateToken({ locale: acceptLanguage(req) })).token;
      const access = await directLine.access(token);
      if (!access.ok) return refuse(res, 403, 'BadToken');
      let isNew: boolean;
      try {
        isNew = await directLine.start(access.conversation, serviceUrlOf(req));
      } catch {
        return refuse(res, 502, 'BotError');
      }
      res.json(isNew ? 201 : 200, conversationBody(req, tokenFor(token, access.conversation.id)));
    }),
  );

  // A client reconnecting to a conversation it knows (its stream closed): a stream from its watermark.
  server.get(
    `${DIRECT_LINE_BASE}/conversations/:conversationId`,
    guards.reconnect,
    unlessUnavailable(async (req, res) => {
      const watermark = watermarkOf(queryOf(req).get('watermark'));
      if (watermark === 'bad') return refuse(res, 400, 'BadArgument');
      const conversation = await authorized(req, res);
      if (!conversation) return;
      res.json(200, conversationBody(req, tokenFor(bearerToken(req) ?? '', conversation.id), watermark));
    }),
  );

  server.post(
    `${DIRECT_LINE_BASE}/conversations/:conversationId/activities`,
    guards.postActivity,
    unlessUnavailable(async (req, res) => {
      const conversation = await authorized(req, res);
      if (!conversation) return;
      const parsed = clientActivitySchema.safeParse(req.body);
      if (!parsed.success) return refuse(res, 400, 'BadArgument');
      const result = await directLine.post(conversation, parsed.data, serviceUrlOf(req));
      if (result.ok) {
        sendJsonText(res, 200, JSON.stringify({ id: result.id }));
        return;
      }
      if (result.reason === 'busy') return refuse(res, 429, 'TooManyRequests');
      if (result.reason === 'gone') return refuse(res, 404, 'ConversationNotFound');
      refuse(res, 502, 'BotError');
    }),
  );

  server.get(
    `${DIRECT_LINE_BASE}/conversations/:conversationId/activities`,
    guards.pollActivities,
    unlessUnavailable(async (req, res) => {
      const watermark = watermarkOf(queryOf(req).get('watermark'));
      if (watermark === 'bad') return refuse(res, 400, 'BadArgument');
      const conversation = await authorized(req, res);
      if (!conversation) return;
      const [found, refusal] = await Promise.all([directLine.activitiesJson(conversation.id, watermark), guards.overallVerdict(req)]);
      if (refusal) return refuseTooMany(res, refusal.retryAfterSeconds);
      if (!found) return refuse(res, 404, 'ConversationNotFound');
      sendJsonText(res, 200, found.json, { 'cache-control': 'no-store' });
    }),
  );
}
