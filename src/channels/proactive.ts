import { type Activity, ActivityTypes, type CloudAdapter, type ConversationReference, TurnContext } from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';
import { z } from 'zod/v4';
import { type ChatSender, SendFailed, SendRefused } from '../domain/outreach/delivery';
import { asLogged, WEB_CHAT_CHANNEL_ID } from '../http/directLine/directLine';
import type { DirectLineStore } from '../http/directLine/directLineStore';
import type { Clock } from '../domain/clock';
import { DIRECT_LINE_BASE } from '../http/directLine/routes';

/** The Web Chat page's Direct Line, served by this bot: its conversations take no Bot Connector call. */
export interface OwnDirectLine {
  /** Whether the reference names one of its conversations. */
  owns(reference: ChatReference): boolean;
  /** Appends the activity to that conversation's log, which the open page polls; false when the conversation is gone. */
  deliver(reference: ChatReference, activity: Partial<Activity>): Promise<boolean>;
}

export interface ProactiveChatParts {
  /** The Bot Connector adapter (Teams, Azure's channels). */
  adapter: CloudAdapter;
  /** MicrosoftAppId; empty in anonymous development mode. */
  botAppId: string;
  directLine?: OwnDirectLine;
}

const referenceSchema = z.looseObject({
  channelId: z.string(),
  serviceUrl: z.string().url(),
  conversation: z.looseObject({ id: z.string().min(1) }),
});

/**
 * Posts a message into a chat the person used before (ContactRoute 'chat'): into our own Direct
 * Line's log, or through the Bot Connector as a new message in the conversation (POST
 * /v3/conversations/{id}/activities), inside botbuilder's continueConversationAsync, which
 * authenticates as the bot.
 */
export class ProactiveChatSender implements ChatSender {
  constructor(private readonly parts: ProactiveChatParts) {}

  async sendChat(conversationReference: string, text: string, locale?: string): Promise<void> {
    const reference = parseReference(conversationReference);
    const message: Partial<Activity> = { type: ActivityTypes.Message, text, textFormat: 'plain', ...(locale ? { locale } : {}) };
    const { adapter, botAppId, directLine } = this.parts;
    if (directLine?.owns(reference)) {
      if (!(await directLine.deliver(reference, message))) throw new SendRefused('unreachable', 'direct line conversation gone');
      return;
    }
    let failure: unknown;
    try {
      await adapter.continueConversationAsync(botAppId, reference, async (context) => {
        try {
          const client = context.turnState.get<ConnectorClient>(adapter.ConnectorClientKey);
          const activity = TurnContext.applyConversationReference({ ...message }, reference);
          // A message of its own, not an answer to the person's last one.
          delete activity.replyToId;
          await client.conversations.sendToConversation(reference.conversation.id, activity as Activity);
        } catch (err) {
          failure = err;
        }
      });
    } catch (err) {
      failure = err;
    }
    if (failure !== undefined) throw connectorSendError(failure);
  }
}

/** A saved ConversationReference: the fields a proactive message needs are checked; the others go back to the channel as it gave them. */
type ChatReference = Partial<ConversationReference> & Pick<ConversationReference, 'channelId' | 'serviceUrl' | 'conversation'>;

function isChatReference(value: unknown): value is ChatReference {
  return referenceSchema.safeParse(value).success;
}

function parseReference(json: string): ChatReference {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new SendRefused('unreachable', 'not a conversation reference');
  }
  if (!isChatReference(value)) throw new SendRefused('unreachable', 'not a conversation reference');
  return value;
}

/** What a failed Bot Connector call means for the queue: 429, 5xx, 408, 401 or no answer → later; the chat gone (403, 404) → refused. */
export function connectorSendError(err: unknown): SendRefused | SendFailed {
  const status =
    typeof err === 'object' && err !== null && 'statusCode' in err && typeof err.statusCode === 'number' ? err.statusCode : undefined;
  if (status === undefined) {
    const code = typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string' ? err.code : undefined;
    return new SendFailed(code ? `network ${code}` : 'no answer from the connector');
  }
  const detail = `connector ${status}`;
  // 401: the bot's credentials, not the person; a fixed deployment sends it on a later try.
  if (status === 429 || status >= 500 || status === 408 || status === 401) return new SendFailed(detail);
  if (status === 403 || status === 404) return new SendRefused('unreachable', detail);
  return new SendRefused('rejected', detail);
}

/**
 * Our Direct Line as a proactive target: a reference whose service URL is its base path, on the Web
 * Chat channel. The message is appended to the conversation's log in the Direct Line store (Redis,
 * for every process, or this process's memory), where the open page reads or is streamed it.
 */
export function ownDirectLine(store: DirectLineStore, clock: Clock): OwnDirectLine {
  return {
    owns(reference) {
      if (reference.channelId !== WEB_CHAT_CHANNEL_ID || !reference.serviceUrl) return false;
      try {
        return new URL(reference.serviceUrl).pathname.replace(/\/+$/, '') === DIRECT_LINE_BASE;
      } catch {
        return false;
      }
    },
    async deliver(reference, activity) {
      const outgoing = TurnContext.applyConversationReference({ ...activity }, reference);
      delete outgoing.replyToId;
      const conversationId = reference.conversation.id;
      // Undefined: the conversation is gone (expired); a store that cannot be reached throws, and the job is tried again.
      const logged = await store.append(conversationId, [asLogged(outgoing, conversationId)], clock.now().getTime());
      return logged !== undefined;
    },
  };
}
