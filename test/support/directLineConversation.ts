/**
 * A person on Web Chat, as the page's Direct Line client behaves (a token from
 * /tokens/generate, the conversation started with it, each message posted and the log polled by
 * watermark), behind the HttpConversation interface: booking helpers (bookingSteps.ts) drive it
 * unchanged. `forwardedFor` makes every request look forwarded by a proxy for that address.
 */
import type { Activity } from 'botbuilder';
import { HttpConversation } from './httpConversation';

export class DirectLineError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    route: string,
  ) {
    super(`Direct Line ${route} answered ${status}${code ? ` ${code}` : ''}`);
  }
}

interface Answer {
  status: number;
  json: Record<string, unknown>;
  headers: Headers;
}

export class DirectLineConversation extends HttpConversation {
  token = '';
  directLineId = '';
  private watermark = '';
  private greeting: Partial<Activity>[] | undefined;

  constructor(
    baseUrl: string,
    private readonly options: { forwardedFor?: string; locale?: string } = {},
  ) {
    super(baseUrl);
  }

  async request(method: string, path: string, body?: unknown, token = this.token): Promise<Answer> {
    const response = await fetch(`${this.baseUrl}/v3/directline${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(this.options.forwardedFor ? { 'x-forwarded-for': this.options.forwardedFor } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {}, headers: response.headers };
  }

  private async expectOk(method: string, path: string, body?: unknown, token?: string): Promise<Answer> {
    const answer = await this.request(method, path, body, token);
    if (answer.status < 200 || answer.status > 299) {
      const error = answer.json.error as { code?: string } | undefined;
      throw new DirectLineError(answer.status, error?.code, `${method} ${path}`);
    }
    return answer;
  }

  /** The bot's activities after the watermark; moves it. */
  async poll(): Promise<Partial<Activity>[]> {
    const { json } = await this.expectOk('GET', `/conversations/${this.directLineId}/activities?watermark=${this.watermark}`);
    this.watermark = String(json.watermark);
    return (json.activities as Partial<Activity>[]).filter((a) => a.from?.role === 'bot');
  }

  /**
   * Joining gets a token and starts the conversation (the bot greets); joining again is joining
   * once (the greeting again), so a test may open conversations before handing them to helpers
   * that join first. A message is posted, then the log polled.
   */
  override async post(activity: Partial<Activity>): Promise<{ status: number; replies: Partial<Activity>[] }> {
    if (activity.type === 'conversationUpdate') {
      if (this.greeting) return { status: 200, replies: this.greeting };
      const generated = await this.expectOk('POST', '/tokens/generate', this.options.locale ? { locale: this.options.locale } : {}, '');
      this.token = String(generated.json.token);
      this.directLineId = String(generated.json.conversationId);
      await this.expectOk('POST', '/conversations');
      this.greeting = await this.poll();
      return { status: 200, replies: this.greeting };
    }
    await this.expectOk('POST', `/conversations/${this.directLineId}/activities`, {
      type: 'message',
      text: activity.text,
      locale: activity.locale ?? this.options.locale ?? 'en-US',
      channelData: { clientActivityID: activity.id },
    });
    return { status: 200, replies: await this.poll() };
  }
}
