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
 * When the message would come: `anyTime` (a seat freed: one not delivered only lets the hold run
 * out, and the seat passes on), or `nextDay` (a reminder, which nothing replaces).
 */
export type LaterWhen = 'anyTime' | 'nextDay';

/**
 * Can we reach this person later on this channel? The one rule behind the reminder question and the
 * offer to wait. On SMS, only by text, when the bot sends texts. On a chat channel, by a message in
 * the chat (its reference is saved) — except a reminder on Web Chat without texts: the page is
 * usually closed by the next day, and the Direct Line forgets a conversation idle for an hour
 * (DIRECTLINE_IDLE_SECONDS), so the reminder would need the text it falls back to.
 */
export function laterReach(context: TurnContext, services: Pick<DialogServices, 'sendsTexts'>, when: LaterWhen): LaterReach {
  const { channelId } = context.activity;
  const sms = services.sendsTexts;
  if (isTextChannel(channelId)) return { chat: false, sms };
  return { chat: sms || when === 'anyTime' || channelId !== 'webchat', sms };
}

export function canReachLater(reach: LaterReach): boolean {
  return reach.chat || reach.sms;
}
