import { Channels, type TurnContext } from 'botbuilder';
import type { DialogServices } from './services';

/** The channels whose messages are texts (src/channels/sms: our Twilio webhook, and Azure Bot Service's Twilio channel). */
const TEXT_CHANNELS: ReadonlySet<string> = new Set(['sms', Channels.Twilio]);

export function isTextChannel(channelId: string | undefined): boolean {
  return channelId !== undefined && TEXT_CHANNELS.has(channelId);
}

/** How a person in this conversation can be told something later (a reminder, a seat freed). */
export interface LaterReach {
  /** A proactive message to this conversation's reference (Teams, Web Chat). */
  chat: boolean;
  /** A text to the phone number they gave: only when the bot sends texts of its own (Twilio's settings). */
  sms: boolean;
}

/**
 * Can we reach this person later on this channel? The one rule behind the reminder question and the
 * offer to wait: on a chat channel, by a message in the chat (its reference is saved), and by text too
 * when the bot can send texts; on SMS, only by text.
 */
export function laterReach(context: TurnContext, services: Pick<DialogServices, 'sendsTexts'>): LaterReach {
  return { chat: !isTextChannel(context.activity.channelId), sms: services.sendsTexts };
}

export function canReachLater(reach: LaterReach): boolean {
  return reach.chat || reach.sms;
}
