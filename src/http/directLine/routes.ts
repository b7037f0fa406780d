import type { Request, RequestHandler, Response, Server } from 'restify';
import { z } from 'zod/v4';
import type { ClientActivity, DirectLine } from './directLine';
import type { Conversation, IssuedToken } from './conversations';

export const DIRECT_LINE_BASE = '/v3/directline';

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

type ErrorCode = 'BadArgument' | 'BadToken' | 'ConversationNotFound' | 'TooManyRequests' | 'BotError';

function refuse(res: Response, status: number, code: ErrorCode): void {
  res.json(status, { error: { code } });
}

function bearerToken(req: Request): string | undefined {
  const header = req.header('authorization');
  return /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
}

/** The first language of Accept-Language ("es-MX,es;q=0.9" → "es-MX"), used when the client names none. */
function acceptLanguage(req: Request): string | undefined {
  const first = (req.header('accept-language') ?? '').split(',')[0]?.split(';')[0]?.trim();
  return first && locale.safeParse(first).success ? first : undefined;
}

function conversationBody(issued: IssuedToken): Record<string, string | number> {
  return { conversationId: issued.conversationId, token: issued.token, expires_in: issued.expiresInSeconds };
}

/** The watermark query parameter: absent or empty means "from the start of the log". */
function watermarkOf(req: Request): number | undefined | 'bad' {
  const raw = new URL(req.url ?? '/', 'http://localhost').searchParams.get('watermark');
  if (raw === null || raw === '') return undefined;
  return /^\d{1,15}$/.test(raw) ? Number(raw) : 'bad';
}

function serviceUrlOf(req: Request): string {
  return `${req.isSecure() ? 'https' : 'http'}://${req.header('host') ?? 'localhost'}${DIRECT_LINE_BASE}`;
}

/** Handlers run before a route's own, such as rate limits (src/http/rateLimit.ts); by default none. */
export type DirectLineGuards = Record<'generateToken' | 'startConversation' | 'refreshToken' | 'postActivity', RequestHandler>;

const pass: RequestHandler = (_req, _res, next) => next();
const NO_GUARDS: DirectLineGuards = { generateToken: pass, startConversation: pass, refreshToken: pass, postActivity: pass };

/** Direct Line 3.0 routes (the subset Web Chat uses with polling) on the bot's own server. */
export function registerDirectLineRoutes(server: Server, directLine: DirectLine, guards: DirectLineGuards = NO_GUARDS): void {
  const authorized = (req: Request, res: Response): Conversation | undefined => {
    const check = directLine.conversations.check(String(req.params.conversationId), bearerToken(req));
    if (check.ok) return check.conversation;
    if (check.reason === 'unknownConversation') refuse(res, 404, 'ConversationNotFound');
    else refuse(res, 403, 'BadToken');
    return undefined;
  };

  server.post(`${DIRECT_LINE_BASE}/tokens/generate`, guards.generateToken, async (req, res) => {
    const parsed = tokenRequestSchema.safeParse(req.body ?? {});
    if (!parsed.success) return refuse(res, 400, 'BadArgument');
    const issued = directLine.generateToken({ id: parsed.data.user?.id, locale: parsed.data.locale ?? acceptLanguage(req) });
    res.json(200, conversationBody(issued));
  });

  server.post(`${DIRECT_LINE_BASE}/tokens/refresh`, guards.refreshToken, async (req, res) => {
    const conversation = directLine.conversations.byToken(bearerToken(req));
    if (!conversation) return refuse(res, 403, 'BadToken');
    res.json(200, conversationBody(directLine.refreshToken(conversation)));
  });

  // With a token from /tokens/generate: starts that conversation. Without one: a new conversation.
  server.post(`${DIRECT_LINE_BASE}/conversations`, guards.startConversation, async (req, res) => {
    const token = bearerToken(req);
    let issued: IssuedToken;
    let conversation: Conversation | undefined;
    if (token) {
      conversation = directLine.conversations.byToken(token);
      if (!conversation) return refuse(res, 403, 'BadToken');
      issued = { token, conversationId: conversation.id, expiresInSeconds: directLine.conversations.limits.tokenSeconds };
    } else {
      issued = directLine.generateToken({ locale: acceptLanguage(req) });
      conversation = directLine.conversations.byToken(issued.token);
      if (!conversation) return refuse(res, 404, 'ConversationNotFound');
    }
    const isNew = !conversation.started;
    try {
      await directLine.start(conversation, serviceUrlOf(req));
    } catch {
      return refuse(res, 502, 'BotError');
    }
    res.json(isNew ? 201 : 200, conversationBody(issued));
  });

  // A client reconnecting to a conversation it knows.
  server.get(`${DIRECT_LINE_BASE}/conversations/:conversationId`, async (req, res) => {
    const conversation = authorized(req, res);
    if (!conversation) return;
    const token = bearerToken(req) ?? '';
    res.json(
      200,
      conversationBody({ token, conversationId: conversation.id, expiresInSeconds: directLine.conversations.limits.tokenSeconds }),
    );
  });

  server.post(`${DIRECT_LINE_BASE}/conversations/:conversationId/activities`, guards.postActivity, async (req, res) => {
    const conversation = authorized(req, res);
    if (!conversation) return;
    const parsed = clientActivitySchema.safeParse(req.body);
    if (!parsed.success) return refuse(res, 400, 'BadArgument');
    const result = await directLine.post(conversation, parsed.data, serviceUrlOf(req));
    if (result.ok) {
      res.json(200, { id: result.id });
      return;
    }
    if (result.reason === 'busy') return refuse(res, 429, 'TooManyRequests');
    refuse(res, 502, 'BotError');
  });

  server.get(`${DIRECT_LINE_BASE}/conversations/:conversationId/activities`, async (req, res) => {
    const conversation = authorized(req, res);
    if (!conversation) return;
    const watermark = watermarkOf(req);
    if (watermark === 'bad') return refuse(res, 400, 'BadArgument');
    res.header('cache-control', 'no-store');
    res.json(200, directLine.activities(conversation, watermark));
  });
}
