/**
 * A loopback stand-in for the Bot Connector service a channel (Teams, Azure's Web Chat) gives as
 * its serviceUrl: POST /v3/conversations/{conversationId}/activities takes a new activity (JSON)
 * and answers {"id": …}; errors as the connector writes them ({"error": {code, message}}).
 * The bot runs without an app id in tests, so no token is asked for.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

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

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

const ROUTE = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/;

export async function startBotConnectorStandIn(): Promise<BotConnectorStandIn> {
  const activities: PostedActivity[] = [];
  const scripted = new Map<string, number[]>();
  const gone = new Set<string>();
  const waiters = new Set<() => void>();
  let requests = 0;
  let next = 0;

  const server = createServer((req, res) => {
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
      activities.push({
        conversationId,
        ...(match[2] ? { replyTo: decodeURIComponent(match[2]) } : {}),
        activity: JSON.parse(text) as PostedActivity['activity'],
        receivedAt: Date.now(),
        monotonicMs: performance.now(),
      });
      for (const wake of [...waiters]) wake();
      next += 1;
      answer(200, { id: `activity-${next}` });
    })().catch(() => {
      res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    activities,
    get requests() {
      return requests;
    },
    failNext(conversationId, ...statuses) {
      scripted.set(conversationId, [...(scripted.get(conversationId) ?? []), ...statuses]);
    },
    forget(conversationId) {
      gone.add(conversationId);
    },
    waitForActivities(count, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          if (activities.length < count) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(activities);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`Bot Connector stand-in: ${activities.length} of ${count} activities within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
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
