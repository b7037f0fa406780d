import { type Activity, ActivityTypes, type ChannelAccount, type TurnContext } from 'botbuilder';
import type { Clock } from '../../domain/clock';
import { ConversationLogAdapter } from './conversationLogAdapter';
import {
  type Conversation,
  DEFAULT_DIRECT_LINE_LIMITS,
  type DirectLineLimits,
  DirectLineConversations,
  type IssuedToken,
} from './conversations';

export interface DirectLineOptions extends Partial<DirectLineLimits> {
  /** Token expiry, idle expiry and activity timestamps. */
  clock: Clock;
  /** The bot as Direct Line clients see it. */
  bot?: { id: string; name: string };
  /** Turns queued in one conversation beyond this are refused. */
  maxPendingTurns?: number;
}

/** What a person's client may post: the fields the bot reads; everything else is dropped. */
export interface ClientActivity {
  type: 'message' | 'event' | 'typing';
  text?: string;
  textFormat?: 'plain' | 'markdown' | 'xml';
  locale?: string;
  value?: unknown;
  name?: string;
  replyToId?: string;
  channelData?: Record<string, unknown>;
  entities?: Array<{ type: string; [key: string]: unknown }>;
  from?: { name?: string };
}

export type PostResult = { ok: true; id: string } | { ok: false; reason: 'busy' | 'botFailed' };

export const WEB_CHAT_CHANNEL_ID = 'webchat';
const DEFAULT_BOT: ChannelAccount = { id: 'infopass-bot', name: 'InfoPass' };
const DEFAULT_MAX_PENDING_TURNS = 10;

/**
 * The bot's own Direct Line 3.0 (a subset: tokens, conversations, posting and polling
 * activities), so the official Web Chat client can talk to the bot through the bot's own
 * server. Each turn runs in process, through the same `onTurn` as /api/messages; what the
 * bot sends is appended to the conversation's activity log, which clients poll by watermark.
 */
export class DirectLine {
  readonly conversations: DirectLineConversations;
  readonly adapter: ConversationLogAdapter;
  private readonly clock: Clock;
  private readonly bot: ChannelAccount;
  private readonly maxPendingTurns: number;
  private lastTimestampMs = 0;

  constructor(
    private readonly onTurn: (context: TurnContext) => Promise<void>,
    options: DirectLineOptions,
  ) {
    this.clock = options.clock;
    this.bot = { ...(options.bot ?? DEFAULT_BOT), role: 'bot' };
    this.maxPendingTurns = options.maxPendingTurns ?? DEFAULT_MAX_PENDING_TURNS;
    this.conversations = new DirectLineConversations(this.clock, {
      tokenSeconds: options.tokenSeconds ?? DEFAULT_DIRECT_LINE_LIMITS.tokenSeconds,
      idleSeconds: options.idleSeconds ?? DEFAULT_DIRECT_LINE_LIMITS.idleSeconds,
      maxActivities: options.maxActivities ?? DEFAULT_DIRECT_LINE_LIMITS.maxActivities,
      maxConversations: options.maxConversations ?? DEFAULT_DIRECT_LINE_LIMITS.maxConversations,
    });
    this.adapter = new ConversationLogAdapter((activity) => this.deliverFromBot(activity));
  }

  /** A new conversation, not started yet, and a token for it. */
  generateToken(user: { id?: string; locale?: string } = {}): IssuedToken {
    return this.conversations.issueToken(this.conversations.create(user));
  }

  /** A new token for the same conversation; the old one stays valid until it expires. */
  refreshToken(conversation: Conversation): IssuedToken {
    return this.conversations.issueToken(conversation);
  }

  /**
   * Starts the conversation once: the bot is told the person joined (conversationUpdate
   * with membersAdded), so it greets them before they type anything.
   */
  async start(conversation: Conversation, serviceUrl: string): Promise<void> {
    if (conversation.started) return;
    conversation.started = true;
    const person: ChannelAccount = { id: conversation.userId, name: '', role: 'user' };
    const joined: Partial<Activity> = {
      ...this.envelope(conversation, serviceUrl),
      type: ActivityTypes.ConversationUpdate,
      id: `${conversation.id}|join`,
      from: person,
      membersAdded: [{ id: conversation.userId, name: '' }],
      ...(conversation.locale ? { locale: conversation.locale } : {}),
    };
    const result = await this.enqueue(conversation, joined);
    if (!result.ok && result.reason === 'botFailed') throw new Error('the bot failed to greet');
  }

  /**
   * Takes an activity from the person's client: it is echoed into the log (clients match
   * their own messages by channelData.clientActivityID) and then handed to the bot. Resolves
   * when the bot's turn is over.
   */
  async post(conversation: Conversation, incoming: ClientActivity, serviceUrl: string): Promise<PostResult> {
    if (conversation.pendingTurns >= this.maxPendingTurns) return { ok: false, reason: 'busy' };
    if (!conversation.started) await this.start(conversation, serviceUrl);
    const activity: Partial<Activity> = {
      ...incoming,
      ...this.envelope(conversation, serviceUrl),
      from: { id: conversation.userId, name: incoming.from?.name ?? '', role: 'user' },
    };
    const id = this.log(conversation, activity);
    // The bot gets its own copy: what it does to the activity must not change the echo clients read.
    const result = await this.enqueue(conversation, structuredClone(activity));
    return result.ok ? { ok: true, id } : result;
  }

  activities(conversation: Conversation, watermark: number | undefined): { activities: Partial<Activity>[]; watermark: string } {
    const found = this.conversations.after(conversation, watermark);
    return { activities: found.activities, watermark: String(found.watermark) };
  }

  private envelope(conversation: Conversation, serviceUrl: string): Partial<Activity> {
    return {
      channelId: WEB_CHAT_CHANNEL_ID,
      serviceUrl,
      timestamp: this.timestamp(),
      conversation: { id: conversation.id, isGroup: false, conversationType: 'personal', name: '' },
      recipient: this.bot,
    };
  }

  private async enqueue(
    conversation: Conversation,
    activity: Partial<Activity>,
  ): Promise<{ ok: true } | { ok: false; reason: 'busy' | 'botFailed' }> {
    conversation.pendingTurns += 1;
    const turn = conversation.turns.then(() => this.adapter.runTurn(activity, this.onTurn));
    conversation.turns = turn.catch(() => undefined);
    try {
      await turn;
      return { ok: true };
    } catch {
      return { ok: false, reason: 'botFailed' };
    } finally {
      conversation.pendingTurns -= 1;
    }
  }

  private deliverFromBot(activity: Partial<Activity>): string {
    const conversationId = activity.conversation?.id;
    const conversation = conversationId ? this.conversations.byId(conversationId) : undefined;
    if (!conversation) throw new Error('no such Direct Line conversation (expired?)');
    const copy = JSON.parse(JSON.stringify(activity)) as Partial<Activity>;
    copy.timestamp = this.timestamp();
    copy.channelId = WEB_CHAT_CHANNEL_ID;
    return this.log(conversation, copy);
  }

  /** Appends to the log and gives the activity its Direct Line id ("<conversation>|<sequence>"), unless it is an update. */
  private log(conversation: Conversation, activity: Partial<Activity>): string {
    const sequence = this.conversations.append(conversation, activity);
    activity.id ??= `${conversation.id}|${String(sequence).padStart(7, '0')}`;
    return activity.id;
  }

  /** Strictly increasing, so clients that order by timestamp keep the order of the log. */
  private timestamp(): Date {
    this.lastTimestampMs = Math.max(this.clock.now().getTime(), this.lastTimestampMs + 1);
    return new Date(this.lastTimestampMs);
  }
}
