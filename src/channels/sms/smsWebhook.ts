import { randomUUID } from 'node:crypto';
import { ActivityTypes, type Activity, type TurnContext } from 'botbuilder';
import type { Request, Server } from 'restify';
import type { Logger } from '../../logger';
import type { SmsAdapter } from './smsAdapter';
import { SMS_CHANNEL } from './smsMiddleware';
import { smsConversationId } from './smsConversation';
import { firstValue, isSignedByTwilio, parseForm, signedUrl, type FormParams } from './twilioSignature';
import { smsMessages, twimlReply } from './twimlReply';
import { optKeyword } from './optOutKeywords';

export const SMS_WEBHOOK_PATH = '/api/sms';

export interface SmsWebhookParts {
  adapter: SmsAdapter;
  /** The bot's turn, serialised per conversation (two SMS from one phone never run at once). */
  onTurn: (context: TurnContext) => Promise<void>;
  /** Twilio auth token: when set, every request must carry a valid X-Twilio-Signature. */
  authToken?: string;
  /** The bot's public address, when Twilio reaches it through a proxy or under a path prefix. */
  publicBaseUrl?: string;
  /** Key of the phone-number hash that names each SMS conversation. */
  conversationSecret: string;
  logger: Logger;
  /** Numbers the bot does not text (Outreach): STOP puts the sender on it, START takes it off, as Twilio does. */
  optOuts?: { add(phone: string): Promise<void>; remove(phone: string): Promise<void> };
}

const BOT_ACCOUNT = { id: 'infopass-bot', name: 'InfoPass', role: 'bot' };

function formOf(req: Request): FormParams {
  const raw: unknown = req.rawBody;
  if (typeof raw === 'string') return parseForm(raw);
  if (Buffer.isBuffer(raw)) return parseForm(raw.toString('utf8'));
  return {};
}

function forwardedProto(req: Request): string | undefined {
  const header = req.header('x-forwarded-proto');
  return header ? header.split(',')[0].trim().toLowerCase() : undefined;
}

/** The incoming SMS as a Bot Framework message; the phone number stays out of it. */
export function smsActivity(params: FormParams, conversationId: string): Partial<Activity> {
  return {
    type: ActivityTypes.Message,
    id: firstValue(params, 'MessageSid') ?? randomUUID(),
    channelId: SMS_CHANNEL,
    from: { id: conversationId, name: '', role: 'user' },
    recipient: BOT_ACCOUNT,
    conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
    text: firstValue(params, 'Body') ?? '',
  };
}

/**
 * POST /api/sms: Twilio's incoming-message webhook. Checks the signature (when a token is
 * configured) before anything else, runs one turn per message and answers with the turn's
 * replies as TwiML.
 */
export function registerSmsWebhook(server: Server, parts: SmsWebhookParts): void {
  server.post(SMS_WEBHOOK_PATH, async (req, res) => {
    const params = formOf(req);
    if (parts.authToken) {
      const url = signedUrl(
        { path: req.url ?? SMS_WEBHOOK_PATH, host: req.header('host'), secure: req.isSecure() || forwardedProto(req) === 'https' },
        parts.publicBaseUrl,
      );
      if (!isSignedByTwilio(parts.authToken, req.header('x-twilio-signature'), url, params)) {
        parts.logger.warn({ route: SMS_WEBHOOK_PATH }, 'SMS webhook refused: missing or wrong Twilio signature');
        res.sendRaw(403, 'Forbidden', { 'content-type': 'text/plain; charset=utf-8' });
        return;
      }
    }
    const from = firstValue(params, 'From');
    if (!from) {
      res.sendRaw(400, 'Bad Request', { 'content-type': 'text/plain; charset=utf-8' });
      return;
    }
    const conversationId = smsConversationId(from, parts.conversationSecret);
    const keyword = optKeyword(firstValue(params, 'Body') ?? '', firstValue(params, 'OptOutType'));
    if (keyword && parts.optOuts) {
      await (keyword === 'optOut' ? parts.optOuts.add(from) : parts.optOuts.remove(from)).catch((err: unknown) =>
        parts.logger.warn(
          { conversation: conversationId, errName: err instanceof Error ? err.name : 'unknown' },
          'SMS opt-out list not updated',
        ),
      );
    }
    try {
      const replies = await parts.adapter.processActivity(smsActivity(params, conversationId), parts.onTurn);
      const texts = replies.filter((a) => a.type === ActivityTypes.Message && typeof a.text === 'string').map((a) => a.text as string);
      const messages = smsMessages(texts);
      parts.logger.debug({ conversation: conversationId, messages: messages.length }, 'SMS turn answered');
      res.sendRaw(200, twimlReply(messages), { 'content-type': 'text/xml; charset=utf-8' });
    } catch (err) {
      parts.logger.error({ conversation: conversationId, err: err instanceof Error ? err.message : String(err) }, 'SMS turn failed');
      res.sendRaw(500, twimlReply([]), { 'content-type': 'text/xml; charset=utf-8' });
    }
  });
}
