/**
 * A loopback stand-in for Twilio's REST API, the part the bot uses: the Messages resource
 * (POST /2010-04-01/Accounts/{AccountSid}/Messages.json, a form body, HTTP basic auth with the
 * account SID and auth token, JSON answers; errors as Twilio writes them: {code, message,
 * more_info, status}). The real `twilio` client is pointed at it (TWILIO_API_BASE_URL).
 */
import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { Arrivals, listenOnLoopback, readBody } from './loopbackService';

export const STAND_IN_ACCOUNT_SID = `AC${'0123456789abcdef'.repeat(2)}`;
export const STAND_IN_AUTH_TOKEN = 'stand-in-auth-token';
export const STAND_IN_FROM = '+12025550100';

export interface ReceivedMessage {
  to: string;
  from?: string;
  messagingServiceSid?: string;
  body: string;
  /** When it arrived, by this process's clock (ms since the epoch), and as a monotonic reading (ms). */
  receivedAt: number;
  monotonicMs: number;
}

/** How the stand-in answers one request: a Twilio error, or (undefined) the message is queued. */
export type TwilioFailure = { status: 429 } | { status: 500 } | { status: 400; code: number };

export interface TwilioStandIn {
  /** The origin to give TWILIO_API_BASE_URL. */
  url: string;
  /** Messages taken (answered 201), in order of arrival. */
  messages: ReceivedMessage[];
  /** Every request to the Messages resource, answered or refused. */
  requests: number;
  /** The next answers for texts to this number, in order, before it is taken. */
  failNext(to: string, ...failures: TwilioFailure[]): void;
  /** This number replied STOP: every text to it gets error 21610. */
  optOut(to: string): void;
  /** Resolves once `count` messages have been taken. */
  waitForMessages(count: number, timeoutMs?: number): Promise<ReceivedMessage[]>;
  close(): Promise<void>;
}

const ERRORS: Record<number, { code: number; message: string }> = {
  401: { code: 20003, message: 'Authenticate' },
  404: { code: 20404, message: 'The requested resource was not found' },
  429: { code: 20429, message: 'Too Many Requests' },
  500: { code: 20500, message: 'Internal Server Error' },
  21610: { code: 21610, message: 'Attempt to send to unsubscribed recipient' },
  21211: { code: 21211, message: "Invalid 'To' Phone Number" },
};

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function sendError(res: ServerResponse, status: number, code: number): void {
  const known = ERRORS[code] ?? ERRORS[status] ?? { code, message: 'Error' };
  sendJson(res, status, {
    code: known.code,
    message: known.message,
    more_info: `https://www.twilio.com/docs/errors/${known.code}`,
    status,
  });
}

export async function startTwilioStandIn(options: { accountSid?: string; authToken?: string } = {}): Promise<TwilioStandIn> {
  const accountSid = options.accountSid ?? STAND_IN_ACCOUNT_SID;
  const expectedAuth = `Basic ${Buffer.from(`${accountSid}:${options.authToken ?? STAND_IN_AUTH_TOKEN}`).toString('base64')}`;
  const arrivals = new Arrivals<ReceivedMessage>('Twilio stand-in: messages');
  const scripted = new Map<string, TwilioFailure[]>();
  const optedOut = new Set<string>();
  let requests = 0;

  const server = await listenOnLoopback((req, res) => {
    void (async () => {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      if (req.method !== 'POST' || path !== `/2010-04-01/Accounts/${accountSid}/Messages.json`) return sendError(res, 404, 20404);
      requests += 1;
      if (req.headers.authorization !== expectedAuth) return sendError(res, 401, 20003);
      const form = new URLSearchParams(await readBody(req));
      const to = form.get('To') ?? '';
      const body = form.get('Body') ?? '';
      if (!/^\+[1-9]\d{6,14}$/.test(to) || body === '') return sendError(res, 400, 21211);
      if (optedOut.has(to)) return sendError(res, 400, 21610);
      const failure = scripted.get(to)?.shift();
      if (failure) return sendError(res, failure.status, 'code' in failure ? failure.code : failure.status);
      const message: ReceivedMessage = {
        to,
        body,
        receivedAt: Date.now(),
        monotonicMs: performance.now(),
        ...(form.get('From') ? { from: form.get('From') ?? '' } : {}),
        ...(form.get('MessagingServiceSid') ? { messagingServiceSid: form.get('MessagingServiceSid') ?? '' } : {}),
      };
      arrivals.add(message);
      sendJson(res, 201, {
        sid: `SM${randomBytes(16).toString('hex')}`,
        account_sid: accountSid,
        to,
        from: message.from ?? null,
        messaging_service_sid: message.messagingServiceSid ?? null,
        body,
        status: 'queued',
        num_segments: '1',
        direction: 'outbound-api',
        api_version: '2010-04-01',
        date_created: new Date().toUTCString(),
        error_code: null,
        error_message: null,
        uri: `/2010-04-01/Accounts/${accountSid}/Messages.json`,
      });
    })().catch(() => sendError(res, 500, 20500));
  });

  return {
    url: `http://127.0.0.1:${server.port}`,
    messages: arrivals.items,
    get requests() {
      return requests;
    },
    failNext(to, ...failures) {
      scripted.set(to, [...(scripted.get(to) ?? []), ...failures]);
    },
    optOut(to) {
      optedOut.add(to);
    },
    waitForMessages: (count, timeoutMs = 30_000) => arrivals.waitFor(count, timeoutMs),
    close: () => server.close(),
  };
}
