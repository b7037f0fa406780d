import { z } from 'zod';

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() !== '' ? v.trim() : undefined));

const schema = z.object({
  NODE_ENV: z.string().default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  REDIS_URL: optionalText,
  REDIS_KEY_PREFIX: z.string().default('ip'),
  MicrosoftAppId: optionalText,
  MicrosoftAppPassword: optionalText,
  MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
  MicrosoftAppTenantId: optionalText,
  PERSON_KEY_SECRET: optionalText,
  CONVERSATION_TTL_SECONDS: z.coerce.number().int().positive().default(24 * 60 * 60),
  SLOT_MINUTES: z.coerce.number().int().min(5).max(240).default(30),
  SLOT_CAPACITY: z.coerce.number().int().min(1).max(100).default(2),
  BOOKING_WINDOW_DAYS: z.coerce.number().int().min(1).max(60).default(14),
  MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(256 * 1024),
});

export type Config = z.infer<typeof schema>;

/** Reads the configuration from the environment; throws one readable error listing every bad setting. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Bad configuration: ${problems}`);
  }
  return parsed.data;
}
