/**
 * A loopback stand-in for the Bot Connector service a channel (Teams, Azure's Web Chat) gives as
 * its serviceUrl: POST /v3/conversations/{conversationId}/activities takes a new activity (JSON)
 * and answers {"id": …}; errors as the connector writes them ({"error": {code, message}}).
 * The bot runs without an app id in tests, so no token is asked for.
 */
import { Arrivals, listenOnLoopback, readBody } from './loopbackService';

export interface PostedActivity {
  conversationId: string;
  /** The path's last part after /activities, when the bot replied to an activity instead of posting a new one. */
  replyTo?: string;
  activity: { type?: string; text?: string; textFormat?: string; locale?: string; replyToId?: string; [field: string]: unknown };
  receivedAt: number;
  monotonicMs: number;
}

export interface BotConnectorStandIn {
  /** The serviceUrl to put in conversation references. */
  serviceUrl: string;
  activities: PostedActivity[];
  requests: number;
  /** The next answers for this conversation, before it takes an activity. */
  failNext(conversationId: string, ...statuses: number[]): void;
  /** This conversation is gone (the bot was removed): every post gets 404. */
  forget(conversationId: string): void;
  waitForActivities(count: number, timeoutMs?: number): Promise<PostedActivity[]>;
  close(): Promise<void>;
}

const ROUTE = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/;

export async function startBotConnectorStandIn(): Promise<BotConnectorStandIn> {
  const arrivals = new Arrivals<PostedActivity>('Bot Connector stand-in: activities');
  const scripted = new Map<string, number[]>();
  const gone = new Set<string>();
  let requests = 0;
  let next = 0;

  const server = await listenOnLoopback((req, res) => {
    void (async () => {
      const match = ROUTE.exec(new URL(req.url ?? '/', 'http://localhost').pathname);
      const answer = (status: number, body: unknown): void => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (req.method !== 'POST' || !match) return answer(404, { error: { code: 'BadSyntax', message: 'no such route' } });
      requests += 1;
      const conversationId = decodeURIComponent(match[1]);
      const text = await readBody(req);
      if (gone.has(conversationId)) return answer(404, { error: { code: 'ConversationNotFound', message: 'Conversation not found.' } });
      const failure = scripted.get(conversationId)?.shift();
      if (failure) return answer(failure, { error: { code: failure === 429 ? 'Throttled' : 'ServiceError', message: 'try again' } });
      arrivals.add({
        conversationId,
        ...(match[2] ? { replyTo: decodeURIComponent(match[2]) } : {}),
        activity: JSON.parse(text) as PostedActivity['activity'],
        receivedAt: Date.now(),
        monotonicMs: performance.now(),
      });
      next += 1;
      answer(200, { id: `activity-${next}` });
    })().catch(() => {
      res.writeHead(500);
      res.end();
    });
  });

  return {
    serviceUrl: `http://127.0.0.1:${server.port}/`,
    activities: arrivals.items,
    get requests() {
      return requests;
    },
    failNext(conversationId, ...statuses) {
      scripted.set(conversationId, [...(scripted.get(conversationId) ?? []), ...statuses]);
    },
    forget(conversationId) {
      gone.add(conversationId);
    },
    waitForActivities: (count, timeoutMs = 30_000) => arrivals.waitFor(count, timeoutMs),
    close: () => server.close(),
  };
}

/** A Teams-like conversation reference on the stand-in, as a dialog would save it (ContactRoute 'chat'). */
export function connectorReference(serviceUrl: string, conversationId: string): string {
  return JSON.stringify({
    activityId: 'last-user-message',
    user: { id: `user-${conversationId}`, name: '' },
    bot: { id: 'infopass-bot', name: 'InfoPass' },
    conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
    channelId: 'msteams',
    locale: 'en-US',
    serviceUrl,
  });
}
