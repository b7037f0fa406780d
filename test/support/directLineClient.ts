/**
 * What Web Chat's Direct Line client does, by hand: a token, a conversation, posting activities,
 * polling by watermark, and the WebSocket stream. With several base URLs, each request goes to
 * the next one (a load balancer without session affinity).
 */
import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import WebSocket from 'ws';
import { describeReplies } from './replies';

export interface Issued {
  conversationId: string;
  token: string;
  expires_in: number;
  streamUrl?: string;
}

export interface ActivitySet {
  activities: Partial<Activity>[];
  watermark: string;
}

const REPLY_TIMEOUT_MS = 20_000;

/** A token answer as the routes give it (absent fields stay absent, so a test can tell). */
export function issuedOf(json: Record<string, unknown>): Issued {
  return {
    conversationId: String(json.conversationId),
    token: String(json.token),
    expires_in: Number(json.expires_in),
    ...(typeof json.streamUrl === 'string' ? { streamUrl: json.streamUrl } : {}),
  };
}

export class DirectLineClient {
  token = '';
  conversationId = '';
  watermark = '';
  streamUrl = '';
  transcript: string[] = [];
  /** The base URL each request went to, in order. */
  readonly servedBy: string[] = [];
  private sequence = 0;
  private next = 0;
  private readonly baseUrls: readonly string[];

  constructor(baseUrls: string | readonly string[]) {
    this.baseUrls = typeof baseUrls === 'string' ? [baseUrls] : baseUrls;
  }

  async request(
    method: string,
    path: string,
    body?: unknown,
    token: string | undefined = this.token,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; json: Record<string, unknown> }> {
    const baseUrl = this.baseUrls[this.next++ % this.baseUrls.length];
    this.servedBy.push(baseUrl);
    const response = await fetch(`${baseUrl}/v3/directline${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  }

  async generate(body: object = {}): Promise<Issued> {
    const { status, json } = await this.request('POST', '/tokens/generate', body, '');
    assert.equal(status, 200, JSON.stringify(json));
    const issued = issuedOf(json);
    this.token = issued.token;
    this.conversationId = issued.conversationId;
    return issued;
  }

  async start(headers: Record<string, string> = {}): Promise<{ status: number; issued: Issued }> {
    const { status, json } = await this.request('POST', '/conversations', undefined, this.token, headers);
    const issued = issuedOf(json);
    this.token = issued.token;
    this.conversationId = issued.conversationId;
    this.streamUrl = issued.streamUrl ?? '';
    return { status, issued };
  }

  async refresh(): Promise<Issued> {
    const { status, json } = await this.request('POST', '/tokens/refresh');
    assert.equal(status, 200, JSON.stringify(json));
    const issued = issuedOf(json);
    this.token = issued.token;
    return issued;
  }

  /** The activities after the client's watermark; moves the watermark. */
  async poll(): Promise<Partial<Activity>[]> {
    const { status, json } = await this.request('GET', `/conversations/${this.conversationId}/activities?watermark=${this.watermark}`);
    assert.equal(status, 200, JSON.stringify(json));
    this.watermark = String(json.watermark);
    return json.activities as Partial<Activity>[];
  }

  async post(activity: object): Promise<{ status: number; json: Record<string, unknown> }> {
    return this.request('POST', `/conversations/${this.conversationId}/activities`, activity);
  }

  /** Posts a message as Web Chat would (the post answers once the turn is over); returns its id. */
  async send(text: string): Promise<string> {
    this.sequence += 1;
    const { status, json } = await this.post({
      type: 'message',
      text,
      locale: 'en-US',
      from: { id: 'ignored', name: 'Person' },
      channelData: { clientActivityID: `client-${this.sequence}` },
    });
    assert.equal(status, 200, JSON.stringify(json));
    return String(json.id);
  }

  /** Posts a message and polls: the bot's replies. */
  async say(text: string): Promise<Partial<Activity>[]> {
    await this.send(text);
    const replies = (await this.poll()).filter((a) => a.from?.role === 'bot');
    this.transcript.push(`> ${text}`, describeReplies(replies));
    return replies;
  }

  /** Opens the conversation's stream (its streamUrl, or another). */
  openStream(url: string = this.streamUrl): Promise<ActivityStream> {
    return ActivityStream.open(url);
  }
}

/** An upgrade the server answered with an HTTP status instead of a socket. */
export class StreamRefused extends Error {
  constructor(
    readonly status: number,
    readonly retryAfter: string | undefined,
  ) {
    super(`stream refused: ${status}`);
  }
}

/** A WebSocket stream as Web Chat reads it: activity sets, in order. */
export class ActivityStream {
  readonly sets: ActivitySet[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private waiters: Array<() => void> = [];

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const text = String(data);
      if (text) this.sets.push(JSON.parse(text) as ActivitySet);
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.closed = new Promise((resolve) => socket.on('close', (code, reason) => resolve({ code, reason: String(reason) })));
  }

  static open(url: string, options: WebSocket.ClientOptions = {}): Promise<ActivityStream> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, options);
      socket.once('open', () => resolve(new ActivityStream(socket)));
      socket.once('unexpected-response', (_req, res) => {
        const retryAfter = res.headers['retry-after'];
        reject(new StreamRefused(res.statusCode ?? 0, typeof retryAfter === 'string' ? retryAfter : undefined));
      });
      socket.once('error', reject);
    });
  }

  get activities(): Partial<Activity>[] {
    return this.sets.flatMap((set) => set.activities);
  }

  get watermark(): string {
    return this.sets.at(-1)?.watermark ?? '';
  }

  /** Waits until the stream has brought activities that satisfy `done`. */
  async waitFor(done: (activities: Partial<Activity>[]) => boolean, timeoutMs = REPLY_TIMEOUT_MS): Promise<Partial<Activity>[]> {
    const deadline = Date.now() + timeoutMs;
    while (!done(this.activities)) {
      const left = deadline - Date.now();
      if (left <= 0) assert.fail(`the stream did not bring what was expected; it brought:\n${describeReplies(this.activities)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.activities;
  }

  close(): void {
    this.socket.close();
  }
}
