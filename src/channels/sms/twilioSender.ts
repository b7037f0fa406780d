import type Twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient';
import type TwilioResponse from 'twilio/lib/http/response';
import { SendFailed, SendRefused, type SmsSender } from '../../domain/outreach/delivery';
import { twilioLibrary } from './twilioLibrary';
import { plainSmsText } from './smsText';
import { splitLongMessage } from './twimlReply';

export interface TwilioSenderSettings {
  accountSid: string;
  authToken: string;
  /** The sending number (E.164); or a Messaging Service, which then picks the number. */
  from?: string;
  messagingServiceSid?: string;
  /** Where Twilio's REST API is: https://api.twilio.com unless a test points it at a stand-in. */
  apiBaseUrl?: string;
  /** Longest wait for Twilio's answer. */
  timeoutMs?: number;
}

/** Twilio's error for a number that replied STOP to this sender: it takes no more messages until START. */
export const TWILIO_OPTED_OUT = 21610;

const DEFAULT_TIMEOUT_MS = 15_000;

/**
 * Texts through Twilio's REST API (the Messages resource, `messages.create`). Its answers become
 * SendRefused (21610: the number opted out; another 4xx: this message cannot go) or SendFailed
 * (429, 5xx, no connection: try again later). Twilio's own retry on 429 is off: the queue retries.
 */
export class TwilioSender implements SmsSender {
  private client: Twilio.Twilio | undefined;

  constructor(private readonly settings: TwilioSenderSettings) {
    if (!settings.from && !settings.messagingServiceSid)
      throw new Error('TwilioSender: a sending number or a Messaging Service SID is needed');
  }

  async sendSms(phone: string, text: string): Promise<void> {
    const sender = this.settings.messagingServiceSid
      ? { messagingServiceSid: this.settings.messagingServiceSid }
      : { from: this.settings.from };
    for (const body of splitLongMessage(plainSmsText(text))) {
      try {
        await this.twilio().messages.create({ to: phone, body, ...sender });
      } catch (err) {
        throw twilioSendError(err);
      }
    }
  }

  private twilio(): Twilio.Twilio {
    if (!this.client) {
      const { accountSid, authToken, apiBaseUrl, timeoutMs = DEFAULT_TIMEOUT_MS } = this.settings;
      this.client = twilioLibrary()(accountSid, authToken, {
        autoRetry: false,
        timeout: timeoutMs,
        ...(apiBaseUrl ? { httpClient: rebasedRequestClient(apiBaseUrl, timeoutMs) } : {}),
      });
    }
    return this.client;
  }
}

/** What a failed `messages.create` means for the queue. */
export function twilioSendError(err: unknown): SendRefused | SendFailed {
  if (err instanceof twilioLibrary().RestException) {
    const { status, code } = err;
    const detail = `twilio ${status}${code ? ` ${code}` : ''}`;
    if (code === TWILIO_OPTED_OUT) return new SendRefused('optedOut', detail);
    // 401: our credentials, not the person's number; a fixed deployment sends it on a later try.
    if (status === 429 || status >= 500 || status === 401) return new SendFailed(detail);
    return new SendRefused('rejected', detail);
  }
  const code = typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string' ? err.code : undefined;
  return new SendFailed(code ? `network ${code}` : 'no answer from twilio');
}

type RequestOptions<TData> = RequestClient.RequestOptions<TData>;

/** Twilio's HTTP client, sending every request to `baseUrl` instead of Twilio's host (a loopback stand-in in tests). */
function rebasedRequestClient(baseUrl: string, timeoutMs: number): Twilio.RequestClient {
  const base = new URL(baseUrl);
  class RebasedRequestClient extends twilioLibrary().RequestClient {
    override request<TData>(opts: RequestOptions<TData>): Promise<TwilioResponse<TData>> {
      const target = new URL(opts.uri);
      const rebased = new URL(`${base.pathname.replace(/\/+$/, '')}${target.pathname}${target.search}`, base);
      return super.request<TData>({ ...opts, uri: rebased.href });
    }
  }
  return new RebasedRequestClient({ timeout: timeoutMs });
}
