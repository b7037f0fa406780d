/**
 * Sending a text to a person later, as the outreach worker sees it: a sender either delivers, fails
 * for now (the worker tries again later), or is refused for good.
 */

/** Why a message can never be delivered on this route. */
export type SendRefusal =
  /** The person replied STOP (Twilio error 21610): this number is never texted again. */
  | 'optedOut'
  /** The chat is gone (a Web Chat conversation expired, a Teams chat the bot was removed from). */
  | 'unreachable'
  /** The provider refused this message (a number that cannot receive texts, a malformed request). */
  | 'rejected'
  /** The bot has no way to send on this channel (SMS without Twilio settings). */
  | 'notConfigured';

/** A refusal that trying again will not change. */
export class SendRefused extends Error {
  constructor(
    readonly refusal: SendRefusal,
    /** A provider's error code or status, never the message (it can quote the number or the text). */
    readonly detail?: string,
  ) {
    super(`send refused: ${refusal}${detail ? ` (${detail})` : ''}`);
    this.name = 'SendRefused';
  }
}

/** A failure that may pass (rate limited, a server error, no connection): try again later. */
export class SendFailed extends Error {
  constructor(readonly detail: string) {
    super(`send failed: ${detail}`);
    this.name = 'SendFailed';
  }
}

export interface SmsSender {
  /** Resolves once the provider has taken the message; throws SendRefused or SendFailed. */
  sendSms(phone: string, text: string): Promise<void>;
}

export interface ChatSender {
  /** Posts the text into the conversation the reference names; throws SendRefused or SendFailed. */
  sendChat(conversationReference: string, text: string, locale?: string): Promise<void>;
}
