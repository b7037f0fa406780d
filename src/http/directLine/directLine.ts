import { type Activity, ActivityTypes, type ChannelAccount, type TurnContext } from 'botbuilder';
import type { Clock } from '../../domain/clock';
import { ConversationLogAdapter } from './conversationLogAdapter';
import { TurnOutput } from './turnOutput';
import {
  type Access,
  type ConversationRecord,
  type DirectLineStore,
  type IssuedToken,
  isClientReady,
  type LogEntry,
  type LoggedActivity,
} from './directLineStore';

export interface DirectLineOptions {
  /** Conversations, tokens and activity logs: in memory, or in Redis for every process. */
  store: DirectLineStore;
  /** Activity timestamps. */
  clock: Clock;
  /** The bot as Direct Line clients see it. */
  bot?: { id: string; name: string };
  /** Turns waiting in one conversation, in this process, beyond this are refused. */
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

/** Told of what this process appended to a conversation's log: the entries, in order. */
export type LocalAppendListener = (conversationId: string, entries: readonly LogEntry[]) => void;

export type PostResult = { ok: true; id: string } | { ok: false; reason: 'busy' | 'botFailed' | 'gone' };

export interface ActivitySet {
  activities: LoggedActivity[];
  watermark: string;
}

/** An activity set as its JSON text. */
export interface ActivitySetJson {
  json: string;
  count: number;
  watermark: number;
}

export const WEB_CHAT_CHANNEL_ID = 'webchat';
const DEFAULT_BOT: ChannelAccount = { id: 'infopass-bot', name: 'InfoPass' };
const DEFAULT_MAX_PENDING_TURNS = 10;

/** The Direct Line id of a logged activity: "<conversation>|<sequence>". */
function activityId(conversationId: string, sequence: number): string {
  return `${conversationId}|${String(sequence).padStart(7, '0')}`;
}

/** What the log leaves out of an activity (and `conversation`, which it keeps as its id alone). */
const LEFT_OUT: ReadonlySet<string> = new Set(['serviceUrl', 'recipient', 'conversation']);

/**
 * An activity as the log keeps it (LoggedActivity): a new object, in the conversation of the id, on
 * Web Chat's channel. Copied key by key: half the time of a rest destructuring, which V8 runs
 * outside its fast paths, and three of these run in every turn.
 */
export function asLogged(activity: Partial<Activity> | ClientActivity, conversationId: string): LoggedActivity {
  const logged: Record<string, unknown> = {};
  for (const key in activity) if (!LEFT_OUT.has(key)) logged[key] = activity[key as keyof typeof activity];
  logged.channelId = WEB_CHAT_CHANNEL_ID;
  logged.conversation = { id: conversationId };
  // The keys of a Partial<Activity> but the ones left out, and the two set here.
  return logged as LoggedActivity;
}

/** A log entry as clients receive it: its id (an update keeps the one the bot gave) and timestamp. */
function forClient(conversationId: string, entry: LogEntry): LoggedActivity {
  return { ...entry.activity, id: entry.activity.id ?? activityId(conversationId, entry.sequence), timestamp: new Date(entry.timestampMs) };
}

/**
 * forClient's JSON. An entry whose JSON the store wrote, with an id and without a timestamp (every
 * entry of a turn), is that JSON with the timestamp added: the same text, without serialising the
 * activity twice.
 */
function clientJson(conversationId: string, entry: LogEntry): string {
  const { json } = entry;
  if (json !== undefined && json.length > 2 && json.endsWith('}') && (entry.clientReady ?? isClientReady(entry.activity))) {
    return `${json.slice(0, -1)},"timestamp":"${new Date(entry.timestampMs).toISOString()}"}`;
  }
  return JSON.stringify(forClient(conversationId, entry));
}

/**
 * The bot's own Direct Line 3.0 (a subset: tokens, conversations, posting activities, reading
 * them by watermark, and the WebSocket stream in streams.ts), so the official Web Chat client can
 * talk to the bot through the bot's own server. Each turn runs in this process, through the same
 * `onTurn` as /api/messages — which runs one turn at a time per conversation, across processes
 * with Redis; what the bot sends is appended to the conversation's log in the store.
 */
export class DirectLine {
  readonly adapter: ConversationLogAdapter;
  readonly store: DirectLineStore;
  private readonly clock: Clock;
  private readonly bot: ChannelAccount;
  private readonly maxPendingTurns: number;
  private readonly pendingTurns = new Map<string, number>();
  private readonly appendListeners = new Set<LocalAppendListener>();
  /** This process's appends under way, per conversation. */
  private readonly appending = new Map<string, Set<Promise<unknown>>>();

  constructor(
    private readonly onTurn: (context: TurnContext) => Promise<void>,
    options: DirectLineOptions,
  ) {
    this.store = options.store;
    this.clock = options.clock;
    this.bot = { ...(options.bot ?? DEFAULT_BOT), role: 'bot' };
    this.maxPendingTurns = options.maxPendingTurns ?? DEFAULT_MAX_PENDING_TURNS;
    this.adapter = new ConversationLogAdapter((activity, context) => this.deliverFromBot(activity, context));
  }

  /** A new conversation, not started yet, and a token for it. */
  generateToken(user: { id?: string; locale?: string } = {}): Promise<IssuedToken> {
    return this.store.create(user);
  }

  /** A new token for the same conversation; the old one stays valid until it expires. */
  refreshToken(conversationId: string): Promise<IssuedToken | undefined> {
    return this.store.issueToken(conversationId);
  }

  /** The conversation of a valid token; with `conversationId`, also that it is this one's (see DirectLineStore.access). */
  access(token: string | undefined, conversationId?: string): Promise<Access> {
    return this.store.access(token, conversationId);
  }

  /**
   * Starts the conversation once, in whichever process is asked first: the bot is told the person
   * joined (conversationUpdate with membersAdded), so it greets them before they type anything.
   * Resolves true when this call started it, once the greeting is in the log.
   */
  async start(conversation: ConversationRecord, serviceUrl: string): Promise<boolean> {
    if (conversation.started) return false;
    return this.counted(conversation.id, () => this.startCounted(conversation, serviceUrl));
  }

  /**
   * Takes an activity from the person's client and hands it to the bot. Its echo (clients match
   * their own messages by channelData.clientActivityID) goes into the log with the bot's replies
   * of the turn, before them, in one append (TurnOutput): at the end of the turn, or earlier when
   * the turn is slow. Resolves when the bot's turn is over and its output is in the log.
   */
  async post(conversation: ConversationRecord, incoming: ClientActivity, serviceUrl: string): Promise<PostResult> {
    if ((this.pendingTurns.get(conversation.id) ?? 0) >= this.maxPendingTurns) return { ok: false, reason: 'busy' };
    return this.counted(conversation.id, async (): Promise<PostResult> => {
      if (!conversation.started) {
        try {
          await this.startCounted(conversation, serviceUrl);
        } catch {
          return { ok: false, reason: 'botFailed' };
        }
      }
      const from = { id: conversation.userId, name: incoming.from?.name ?? '', role: 'user' };
      const output = this.turnOutput(conversation.id);
      const echo = asLogged(incoming, conversation.id);
      echo.from = from;
      const id = output.add(echo);
      // The bot gets its own copy: what its middleware sets on the activity must not change the echo clients read.
      const forBot: Partial<Activity> = { ...incoming, ...this.envelope(conversation, serviceUrl), from, id, timestamp: this.clock.now() };
      let failed = false;
      try {
        await this.adapter.runTurn(forBot, this.onTurn, (context) => output.attachTo(context));
      } catch {
        failed = true;
      } finally {
        // Also after a failed turn: the person's message and the error reply stay in the log.
        await output.flush();
      }
      if (!output.conversationFound) return { ok: false, reason: 'gone' };
      return failed ? { ok: false, reason: 'botFailed' } : { ok: true, id };
    });
  }

  /** The activities after the watermark (all that are kept without one), and the new watermark; undefined when the conversation is gone. */
  async activities(conversationId: string, watermark: number | undefined): Promise<ActivitySet | undefined> {
    const slice = await this.store.read(conversationId, watermark);
    if (!slice) return undefined;
    return this.activitySet(conversationId, slice.entries, slice.watermark);
  }

  /** activities() as the JSON clients are sent, with the number of activities in it and its watermark; undefined when the conversation is gone. */
  async activitiesJson(conversationId: string, watermark: number | undefined): Promise<ActivitySetJson | undefined> {
    const slice = await this.store.read(conversationId, watermark);
    if (!slice) return undefined;
    return {
      json: this.activitySetJson(conversationId, slice.entries, slice.watermark),
      count: slice.entries.length,
      watermark: slice.watermark,
    };
  }

  /** The entries of the log as clients receive them, and the watermark after them. */
  activitySet(conversationId: string, entries: readonly LogEntry[], watermark: number): ActivitySet {
    return { activities: entries.map((entry) => forClient(conversationId, entry)), watermark: String(watermark) };
  }

  /** activitySet's JSON, as a stream sends it. */
  activitySetJson(conversationId: string, entries: readonly LogEntry[], watermark: number): string {
    return `{"activities":[${entries.map((entry) => clientJson(conversationId, entry)).join(',')}],"watermark":${JSON.stringify(String(watermark))}}`;
  }

  /**
   * Tells `listener` of every append this process makes to a log, once it is in the store and
   * before appendsUnderWay lets go of it: streams here can send the entries without reading them.
   * Returns the function that stops it.
   */
  onAppended(listener: LocalAppendListener): () => void {
    this.appendListeners.add(listener);
    return () => this.appendListeners.delete(listener);
  }

  /** Resolves once this process's appends to the conversation under way now are in and told (onAppended); undefined when none is. */
  appendsUnderWay(conversationId: string): Promise<void> | undefined {
    const underWay = this.appending.get(conversationId);
    return underWay ? Promise.allSettled(underWay).then(() => undefined) : undefined;
  }

  private async startCounted(conversation: ConversationRecord, serviceUrl: string): Promise<boolean> {
    if (!(await this.store.markStarted(conversation.id))) return false;
    const person: ChannelAccount = { id: conversation.userId, name: '', role: 'user' };
    const joined: Partial<Activity> = {
      ...this.envelope(conversation, serviceUrl),
      type: ActivityTypes.ConversationUpdate,
      id: `${conversation.id}|join`,
      timestamp: this.clock.now(),
      from: person,
      membersAdded: [{ id: conversation.userId, name: '' }],
      ...(conversation.locale ? { locale: conversation.locale } : {}),
    };
    const output = this.turnOutput(conversation.id);
    try {
      await this.adapter.runTurn(joined, this.onTurn, (context) => output.attachTo(context));
    } catch (err) {
      await output.flush();
      throw new Error('the bot failed to greet', { cause: err });
    }
    await output.flush();
    return true;
  }

  /** Counts the turns of a conversation this process is running or about to run. */
  private async counted<T>(conversationId: string, work: () => Promise<T>): Promise<T> {
    this.pendingTurns.set(conversationId, (this.pendingTurns.get(conversationId) ?? 0) + 1);
    try {
      return await work();
    } finally {
      const left = (this.pendingTurns.get(conversationId) ?? 1) - 1;
      if (left > 0) this.pendingTurns.set(conversationId, left);
      else this.pendingTurns.delete(conversationId);
    }
  }

  private envelope(conversation: ConversationRecord, serviceUrl: string): Partial<Activity> {
    return {
      channelId: WEB_CHAT_CHANNEL_ID,
      serviceUrl,
      conversation: { id: conversation.id, isGroup: false, conversationType: 'personal', name: '' },
      recipient: this.bot,
    };
  }

  private turnOutput(conversationId: string): TurnOutput {
    return new TurnOutput(conversationId, async (activities) => (await this.append(conversationId, activities)) !== undefined);
  }

  /** Appends to the log, and tells this process's listeners what went in. */
  private append(conversationId: string, activities: readonly LoggedActivity[]): Promise<LogEntry[] | undefined> {
    const appended = this.store.append(conversationId, activities, this.clock.now().getTime()).then((entries) => {
      if (entries && entries.length > 0) for (const listener of this.appendListeners) listener(conversationId, entries);
      return entries;
    });
    let underWay = this.appending.get(conversationId);
    if (!underWay) {
      underWay = new Set();
      this.appending.set(conversationId, underWay);
    }
    underWay.add(appended);
    const done = (): void => {
      underWay.delete(appended);
      if (underWay.size === 0 && this.appending.get(conversationId) === underWay) this.appending.delete(conversationId);
    };
    appended.then(done, done);
    return appended;
  }

  /** Into the output of the turn under way (a post or a start), else (a turn of continueConversation) straight into the log. */
  private async deliverFromBot(activity: Partial<Activity>, context: TurnContext): Promise<string> {
    const conversationId = activity.conversation?.id;
    if (!conversationId) throw new Error('an activity for no Direct Line conversation');
    const outgoing = asLogged(activity, conversationId);
    const output = TurnOutput.of(context);
    if (output && context.activity.conversation?.id === conversationId) return output.add(outgoing);
    const logged = await this.append(conversationId, [outgoing]);
    if (!logged?.[0]) throw new Error('no such Direct Line conversation (expired?)');
    return activity.id ?? activityId(conversationId, logged[0].sequence);
  }
}
