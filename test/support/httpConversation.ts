import { randomUUID } from 'node:crypto';
import type { Activity } from 'botbuilder';
import { describeReplies } from './replies';

/**
 * A person talking to the running bot over the Bot Framework protocol: each message is an
 * HTTP POST to /api/messages with deliveryMode "expectReplies", so the replies come back in
 * the response body.
 */
export class HttpConversation {
  readonly conversationId = `conv-${randomUUID()}`;
  readonly userId = `user-${randomUUID()}`;
  transcript: string[] = [];
  private sequence = 0;

  constructor(
    public baseUrl: string,
    private readonly channelId = 'webchat',
    private readonly locale?: string,
  ) {}

  activity(partial: Partial<Activity>): Partial<Activity> {
    this.sequence += 1;
    return {
      type: 'message',
      id: `${this.conversationId}-${this.sequence}`,
      channelId: this.channelId,
      serviceUrl: 'http://127.0.0.1:1/no-callbacks',
      timestamp: new Date(),
      from: { id: this.userId, name: 'Person' },
      recipient: { id: 'infopass-bot', name: 'InfoPass' },
      conversation: { id: this.conversationId, isGroup: false, conversationType: 'personal', name: '' },
      deliveryMode: 'expectReplies',
      ...(this.locale ? { locale: this.locale } : {}),
      ...partial,
    };
  }

  async post(activity: Partial<Activity>): Promise<{ status: number; replies: Partial<Activity>[] }> {
    const response = await fetch(`${this.baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    const body = await response.text();
    const parsed = body ? (JSON.parse(body) as { activities?: Partial<Activity>[] }) : {};
    return { status: response.status, replies: parsed.activities ?? [] };
  }

  async send(text: string): Promise<Partial<Activity>[]> {
    const { status, replies } = await this.post(this.activity({ text }));
    if (status !== 200) throw new Error(`POST /api/messages answered ${status}`);
    this.transcript.push(`> ${text}`, describeReplies(replies));
    return replies;
  }

  async join(): Promise<Partial<Activity>[]> {
    const { replies } = await this.post(
      this.activity({ type: 'conversationUpdate', membersAdded: [{ id: this.userId, name: 'Person' }], text: undefined }),
    );
    this.transcript.push('> (joins)', describeReplies(replies));
    return replies;
  }
}
