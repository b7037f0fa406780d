import { z } from 'zod/v4';

/** How much of a message the bot reads; the rest is dropped before any dialog sees it. */
export const MAX_TEXT_CHARS = 1000;

/** The activity types a channel may send us; anything else is refused before the adapter. */
export const ACCEPTED_ACTIVITY_TYPES = [
  'message',
  'conversationUpdate',
  'contactRelationUpdate',
  'typing',
  'endOfConversation',
  'event',
  'invoke',
  'installationUpdate',
  'messageReaction',
  'messageUpdate',
  'messageDelete',
  'deleteUserData',
] as const;

const id = z.string().min(1).max(512);
const account = z.object({ id, name: z.string().max(512).optional() }).passthrough();

function isHttpUrl(text: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(text).protocol);
  } catch {
    return false;
  }
}

/** The first MAX_TEXT_CHARS characters, never cutting a surrogate pair in half. */
export function cutText(text: string, maxChars: number = MAX_TEXT_CHARS): string {
  if (text.length <= maxChars) return text;
  const end = /[\uD800-\uDBFF]/.test(text[maxChars - 1]) ? maxChars - 1 : maxChars;
  return text.slice(0, end);
}

/**
 * What the bot relies on in an incoming activity. Other fields pass through untouched; the
 * text is cut to MAX_TEXT_CHARS.
 */
export const incomingActivitySchema = z
  .object({
    type: z.enum(ACCEPTED_ACTIVITY_TYPES),
    id: z.string().max(512).optional(),
    channelId: z.string().min(1).max(64),
    serviceUrl: z.string().max(2048).refine(isHttpUrl, 'not an http(s) URL').optional(),
    conversation: z.object({ id, isGroup: z.boolean().optional(), name: z.string().max(512).optional() }).passthrough(),
    from: account,
    recipient: account.optional(),
    text: z
      .string()
      .transform((text) => cutText(text))
      .optional(),
    locale: z.string().max(64).optional(),
    textFormat: z.string().max(32).optional(),
    deliveryMode: z.string().max(32).optional(),
    timestamp: z.string().max(64).optional(),
    localTimestamp: z.string().max(64).optional(),
    membersAdded: z.array(account).max(100).optional(),
    membersRemoved: z.array(account).max(100).optional(),
    attachments: z
      .array(z.object({ contentType: z.string().max(256) }).passthrough())
      .max(20)
      .optional(),
    entities: z
      .array(z.object({ type: z.string().max(256) }).passthrough())
      .max(50)
      .optional(),
  })
  .passthrough();

export type IncomingActivity = z.infer<typeof incomingActivitySchema>;

export type ActivityCheck = { ok: true; activity: IncomingActivity } | { ok: false; error: string };

const ACCEPTED_TYPES: ReadonlySet<unknown> = new Set<unknown>(ACCEPTED_ACTIVITY_TYPES);

type Fields = Record<string, unknown>;

function isFields(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isString(value: unknown, max: number, min = 0): boolean {
  return typeof value === 'string' && value.length >= min && value.length <= max;
}

function isOptionalString(value: unknown, max: number): boolean {
  return value === undefined || isString(value, max);
}

function isAccount(value: unknown): boolean {
  return isFields(value) && isString(value.id, 512, 1) && isOptionalString(value.name, 512);
}

function isOptionalList(value: unknown, max: number, isItem: (item: unknown) => boolean): boolean {
  return value === undefined || (Array.isArray(value) && value.length <= max && value.every(isItem));
}

function isTyped(key: 'contentType' | 'type'): (item: unknown) => boolean {
  return (item) => isFields(item) && isString(item[key], 256);
}

const isAttachment = isTyped('contentType');
const isEntity = isTyped('type');

/** The serviceUrl last found to be http(s): every activity of a channel brings the same one. */
let lastHttpUrl: string | undefined;

function isOptionalServiceUrl(value: unknown): boolean {
  if (value === undefined || value === lastHttpUrl) return true;
  if (!isString(value, 2048) || !isHttpUrl(value as string)) return false;
  lastHttpUrl = value as string;
  return true;
}

/**
 * Whether `body` passes incomingActivitySchema, checked by hand: the schema's parse costs several
 * times more per turn. Only an activity that fails here is parsed by the schema (for its error).
 */
function passesSchema(body: unknown): body is Fields {
  if (!isFields(body)) return false;
  const conversation = body.conversation;
  return (
    ACCEPTED_TYPES.has(body.type) &&
    isOptionalString(body.id, 512) &&
    isString(body.channelId, 64, 1) &&
    isOptionalServiceUrl(body.serviceUrl) &&
    isFields(conversation) &&
    isString(conversation.id, 512, 1) &&
    (conversation.isGroup === undefined || typeof conversation.isGroup === 'boolean') &&
    isOptionalString(conversation.name, 512) &&
    isAccount(body.from) &&
    (body.recipient === undefined || isAccount(body.recipient)) &&
    (body.text === undefined || typeof body.text === 'string') &&
    isOptionalString(body.locale, 64) &&
    isOptionalString(body.textFormat, 32) &&
    isOptionalString(body.deliveryMode, 32) &&
    isOptionalString(body.timestamp, 64) &&
    isOptionalString(body.localTimestamp, 64) &&
    isOptionalList(body.membersAdded, 100, isAccount) &&
    isOptionalList(body.membersRemoved, 100, isAccount) &&
    isOptionalList(body.attachments, 20, isAttachment) &&
    isOptionalList(body.entities, 50, isEntity)
  );
}

/** Checks a parsed request body; the error names the first bad field, never its value. */
export function checkIncomingActivity(body: unknown): ActivityCheck {
  if (passesSchema(body)) {
    const activity = { ...body } as IncomingActivity;
    if (typeof activity.text === 'string') activity.text = cutText(activity.text);
    return { ok: true, activity };
  }
  const parsed = incomingActivitySchema.safeParse(body);
  if (parsed.success) return { ok: true, activity: parsed.data };
  const issue = parsed.error.issues[0];
  const field = issue.path.length > 0 ? issue.path.join('.') : 'body';
  return { ok: false, error: `invalid activity: ${field} (${issue.code})` };
}
