import { z } from 'zod/v4';
import { TrustedProxies } from './http/clientAddress';
import { parseOrigins } from './http/cors';
import { DEFAULT_RATE_BUDGETS } from './http/rateLimit';

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() !== '' ? v.trim() : undefined));

/** A setting that must parse with `parse` (which throws a readable message); kept as the text. */
function parsedText(parse: (text: string | undefined) => unknown) {
  return optionalText.superRefine((value, context) => {
    try {
      parse(value);
    } catch (err) {
      context.addIssue({ code: 'custom', message: err instanceof Error ? err.message : String(err) });
    }
  });
}

/** Requests per minute; 0 turns that budget off. */
const perMinute = (fallback: number) => z.coerce.number().int().min(0).default(fallback);

const schema = z.object({
  NODE_ENV: z.string().default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  REDIS_URL: optionalText,
  /** Redis Cluster seed nodes "host:port,host:port"; set, it wins over REDIS_URL. */
  REDIS_CLUSTER_NODES: optionalText,
  REDIS_KEY_PREFIX: z.string().default('ip'),
  /**
   * A Redis for ephemeral data (conversation state, turn locks, Web Chat's Direct Line, rate-limit
   * counters) that may evict (redis/state.conf); unset: REDIS_URL (or the cluster) holds them too.
   */
  REDIS_STATE_URL: optionalText,
  /** Lifetime of a Web Chat (Direct Line) token. Web Chat refreshes its token every 15 minutes, whatever the lifetime. */
  DIRECTLINE_TOKEN_SECONDS: z.coerce
    .number()
    .int()
    .min(20 * 60)
    .max(86_400)
    .default(30 * 60),
  /** A Web Chat conversation nobody has used for this long is forgotten (an open page refreshes its token, which uses it). */
  DIRECTLINE_IDLE_SECONDS: z.coerce
    .number()
    .int()
    .min(20 * 60)
    .max(7 * 86_400)
    .default(60 * 60),
  /** How the Web Chat page receives the bot's messages: a WebSocket stream, or polling (also `/?transport=polling`). */
  WEBCHAT_TRANSPORT: z.enum(['websocket', 'polling']).default('websocket'),
  MicrosoftAppId: optionalText,
  MicrosoftAppPassword: optionalText,
  MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
  MicrosoftAppTenantId: optionalText,
  /** Where Microsoft's signing keys are published (botbuilder's setting; only sovereign clouds and tests change it). */
  ToBotFromChannelOpenIdMetadataUrl: optionalText,
  ToBotFromEmulatorOpenIdMetadataUrl: optionalText,
  PERSON_KEY_SECRET: optionalText,
  CONVERSATION_TTL_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(24 * 60 * 60),
  SLOT_MINUTES: z.coerce.number().int().min(5).max(240).default(30),
  SLOT_CAPACITY: z.coerce.number().int().min(1).max(100).default(2),
  BOOKING_WINDOW_DAYS: z.coerce.number().int().min(1).max(60).default(14),
  /** How many times one appointment may be moved to another time. */
  MAX_RESCHEDULES: z.coerce.number().int().min(0).max(20).default(3),
  /** Minutes a freed seat is held for the person waiting who is told about it. */
  WAITLIST_HOLD_MINUTES: z.coerce.number().int().min(5).max(120).default(15),
  MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(256 * 1024),
  /** Days after its date that an appointment (booked or cancelled) is deleted. */
  APPOINTMENT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  /** Where people reach this bot from outside ("https://infopass.example.org"); unset: no links to the notice page. */
  PUBLIC_BASE_URL: optionalText
    .refine((v) => v === undefined || /^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/i.test(v), 'must be an http(s) URL with no query or fragment')
    .transform((v) => v?.replace(/\/+$/, '')),
  /** Key of the signed links to the printable notice and calendar file. Required in production. */
  NOTICE_LINK_SECRET: optionalText,
  /** Days after the appointment that its notice links keep working. */
  NOTICE_LINK_TTL_DAYS: z.coerce.number().int().min(0).max(365).default(30),
  /** Twilio auth token: POST /api/sms then takes only requests signed by Twilio. Required in production. */
  TWILIO_AUTH_TOKEN: optionalText,
  /** Proxies whose X-Forwarded-For names the client (addresses, CIDR ranges, loopback/linklocal/uniquelocal); unset: none. */
  TRUSTED_PROXIES: parsedText(TrustedProxies.parse),
  /** Origins (scheme://host[:port], comma-separated) allowed to call the Direct Line routes (CORS) and to frame the page. */
  WEBCHAT_ALLOWED_ORIGINS: parsedText(parseOrigins),
  RATE_LIMIT_NEW_CONVERSATIONS_PER_CLIENT: perMinute(DEFAULT_RATE_BUDGETS.newConversationsPerClient),
  RATE_LIMIT_NEW_CONVERSATIONS_OVERALL: perMinute(DEFAULT_RATE_BUDGETS.newConversationsOverall),
  RATE_LIMIT_REQUESTS_PER_CLIENT: perMinute(DEFAULT_RATE_BUDGETS.requestsPerClient),
  RATE_LIMIT_MESSAGES_PER_CLIENT: perMinute(DEFAULT_RATE_BUDGETS.messagesPerClient),
  RATE_LIMIT_MESSAGES_PER_CONVERSATION: perMinute(DEFAULT_RATE_BUDGETS.messagesPerConversation),
  RATE_LIMIT_POLLS_PER_CLIENT: perMinute(DEFAULT_RATE_BUDGETS.pollsPerClient),
  RATE_LIMIT_POLLS_OVERALL: perMinute(DEFAULT_RATE_BUDGETS.pollsOverall),
  RATE_LIMIT_STREAMS_PER_CLIENT: perMinute(DEFAULT_RATE_BUDGETS.streamsPerClient),
  RATE_LIMIT_STREAMS_OVERALL: perMinute(DEFAULT_RATE_BUDGETS.streamsOverall),
  /** A port of its own for GET /metrics (Prometheus), on METRICS_HOST; unset: no such port. */
  METRICS_PORT: optionalText.pipe(z.coerce.number<string | undefined>().int().min(0).max(65535).optional()),
  /** The interface METRICS_PORT listens on: loopback unless Prometheus scrapes from another machine. */
  METRICS_HOST: z.string().trim().min(1).default('127.0.0.1'),
  /** Set: GET /metrics on the public port too, with `Authorization: Bearer <token>` (and METRICS_PORT asks for it as well). */
  METRICS_TOKEN: optionalText.refine((v) => v === undefined || v.length >= 16, 'must be at least 16 characters'),
  /**
   * The organisation's OpenID Connect issuer, whose keys sign operators' tokens; unset: the operator API is off.
   * https, or http only on a loopback host.
   */
  OPERATOR_OIDC_ISSUER: optionalText.refine(
    (v) => v === undefined || isSecureOrLoopback(v),
    'must be an https URL (http only for localhost, 127.0.0.1 or [::1])',
  ),
  /** The `aud` operators' tokens must carry (the API's identifier at the identity provider). */
  OPERATOR_AUDIENCE: optionalText,
  /** The claim listing the token's roles; a dotted path reaches a nested one ("realm_access.roles"). */
  OPERATOR_ROLE_CLAIM: z.string().trim().min(1).default('roles'),
  /** The role an operator's token must have. */
  OPERATOR_ROLE: z.string().trim().min(1).default('infopass.operator'),
  /** Twilio account (AC…): with the auth token and a sender, the bot sends texts of its own (reminders). */
  TWILIO_ACCOUNT_SID: optionalText.refine(
    (v) => v === undefined || /^AC[0-9a-f]{32}$/i.test(v),
    'must be a Twilio account SID (AC + 32 hex)',
  ),
  /** The number texts are sent from (E.164, or a short code). */
  TWILIO_FROM: optionalText.refine(
    (v) => v === undefined || /^(\+[1-9]\d{6,14}|\d{5,6})$/.test(v),
    'must be an E.164 number or a short code',
  ),
  /** A Messaging Service (MG…) that picks the sending number; wins over TWILIO_FROM. */
  TWILIO_MESSAGING_SERVICE_SID: optionalText.refine(
    (v) => v === undefined || /^MG[0-9a-f]{32}$/i.test(v),
    'must be a Messaging Service SID (MG + 32 hex)',
  ),
  /** Where Twilio's REST API is; only tests change it (a loopback stand-in). */
  TWILIO_API_BASE_URL: optionalText.refine((v) => v === undefined || /^https?:\/\/[^\s/?#]+\/?$/i.test(v), 'must be an http(s) origin'),
  /** Texts sent per second across every bot process (a US long-code number takes about one). */
  SMS_SENDS_PER_SECOND: z.coerce.number().positive().max(1000).default(1),
  /** Hours before the appointment that its reminder goes out: the day before. */
  REMINDER_HOURS_BEFORE: z.coerce.number().int().min(1).max(168).default(24),
});

/** Settings that only work together: the operator API's issuer and audience; REDIS_STATE_URL beside a durable Redis; sending texts needs the account, its token and a sender. */
const consistentSchema = schema
  .refine((config) => config.OPERATOR_OIDC_ISSUER === undefined || config.OPERATOR_AUDIENCE !== undefined, {
    message: 'must be set when OPERATOR_OIDC_ISSUER is set',
    path: ['OPERATOR_AUDIENCE'],
  })
  .refine((config) => !config.REDIS_STATE_URL || config.REDIS_URL || config.REDIS_CLUSTER_NODES, {
    path: ['REDIS_STATE_URL'],
    message: 'needs REDIS_URL or REDIS_CLUSTER_NODES: appointments never live in a Redis that may evict',
  })
  .superRefine((config, context) => {
    if (!config.TWILIO_ACCOUNT_SID) return;
    if (!config.TWILIO_AUTH_TOKEN)
      context.addIssue({ code: 'custom', path: ['TWILIO_AUTH_TOKEN'], message: 'must be set with TWILIO_ACCOUNT_SID' });
    if (!config.TWILIO_FROM && !config.TWILIO_MESSAGING_SERVICE_SID)
      context.addIssue({
        code: 'custom',
        path: ['TWILIO_FROM'],
        message: 'TWILIO_FROM or TWILIO_MESSAGING_SERVICE_SID must be set with TWILIO_ACCOUNT_SID',
      });
  });

function isSecureOrLoopback(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || (url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname));
  } catch {
    return false;
  }
}

export type Config = z.infer<typeof schema>;

/** The Direct Line rate budgets' settings (RATE_LIMIT_*), for tools that raise or lift them all. */
export const RATE_LIMIT_SETTINGS = Object.keys(schema.shape).filter((name) => name.startsWith('RATE_LIMIT_'));

/** Reads the configuration from the environment; throws one readable error listing every bad setting. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = consistentSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Bad configuration: ${problems}`);
  }
  return parsed.data;
}

/** Stand-ins for the secrets outside production only; the log says each one is in use. */
const DEVELOPMENT_SECRETS = {
  PERSON_KEY_SECRET: 'infopass-development-only',
  NOTICE_LINK_SECRET: 'infopass-notice-links-development-only',
} as const;

export interface Secrets {
  /** Keys a person's identity (their conversations, attempt counters, SMS conversation ids). */
  personSecret: string;
  /** Signs the links to the printable notice and calendar file. */
  noticeLinkSecret: string;
}

/**
 * The secrets the bot runs with. Production must set PERSON_KEY_SECRET, NOTICE_LINK_SECRET and
 * TWILIO_AUTH_TOKEN (without it /api/sms would take unsigned requests): it throws naming the first
 * one missing. Elsewhere a missing one falls back, and `warnings` says so for the log.
 */
export function checkSecrets(config: Config): { secrets: Secrets; warnings: string[] } {
  const production = config.NODE_ENV === 'production';
  const warnings: string[] = [];
  const secret = (name: keyof typeof DEVELOPMENT_SECRETS): string => {
    const value = config[name];
    if (value) return value;
    if (production) throw new Error(`${name} must be set in production`);
    warnings.push(`${name} is not set: using a development secret`);
    return DEVELOPMENT_SECRETS[name];
  };
  if (!config.TWILIO_AUTH_TOKEN) {
    if (production) throw new Error('TWILIO_AUTH_TOKEN must be set in production: /api/sms would take unsigned requests');
    warnings.push('TWILIO_AUTH_TOKEN is not set: /api/sms accepts unsigned requests (development only)');
  }
  const secrets = { personSecret: secret('PERSON_KEY_SECRET'), noticeLinkSecret: secret('NOTICE_LINK_SECRET') };
  if (!config.MicrosoftAppId) warnings.push('MicrosoftAppId is not set: /api/messages accepts anonymous requests (development only)');
  return { secrets, warnings };
}
