import { randomUUID } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import type { LoggedActivity } from './directLineStore';

/** Writes activities to the conversation's log in one step; false when the conversation is gone. */
export type LogWriter = (activities: readonly LoggedActivity[]) => Promise<boolean>;

/**
 * A turn still running this long after the first activity it holds has that much written anyway:
 * a slow turn (a lock waited for, a slow store) never holds back the echo or a reply.
 */
export const EARLY_WRITE_MS = 30;

const TURN_OUTPUT = Symbol('directLineTurnOutput');

/**
 * What one Direct Line turn puts in the conversation's log — the echo of the person's activity
 * and the bot's replies — held and written in one append at the end of the turn (one store call,
 * one notice), or earlier when the turn is slow. Ids are given here, without the store: the
 * turn's tag (a random UUID, 122 bits: unique in a conversation; drawn from node's pooled
 * randomness, unlike randomBytes' system call per id) for the echo, and the tag with a count for
 * each reply; the log keeps the order they were added in.
 *
 * The activities are written as they are when the write happens: what botbuilder hands the
 * adapter is its own copy of each reply, and the bot gets its own copy of the echo.
 */
export class TurnOutput {
  readonly id: string;
  private held: LoggedActivity[] = [];
  private added = 0;
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  private found = true;

  constructor(
    conversationId: string,
    private readonly write: LogWriter,
    private readonly earlyWriteMs: number = EARLY_WRITE_MS,
  ) {
    this.id = `${conversationId}|${randomUUID()}`;
  }

  /** False once a write found the conversation gone. */
  get conversationFound(): boolean {
    return this.found;
  }

  /**
   * Holds an activity for the log, and gives it its id: the one it has (an update), else the next of
   * the turn's. The activity becomes the output's: a copy nobody else holds (asLogged's).
   */
  add(activity: LoggedActivity): string {
    const id = activity.id ?? (this.added === 0 ? this.id : `${this.id}.${this.added}`);
    this.added += 1;
    activity.id = id;
    this.held.push(activity);
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      // A failed early write keeps what it held: the turn's last write tries it again and reports.
      this.flush().catch(() => undefined);
    }, this.earlyWriteMs);
    return id;
  }

  /** Writes what is held, after any write already under way; rejects when the store fails (what it held is kept for the next). */
  flush(): Promise<void> {
    const next = this.writing.then(() => this.writeHeld());
    this.writing = next.catch(() => undefined);
    return next;
  }

  private async writeHeld(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.held;
    if (batch.length === 0) return;
    this.held = [];
    try {
      if (!(await this.write(batch))) this.found = false;
    } catch (err) {
      this.held = [...batch, ...this.held];
      throw err;
    }
  }

  /** Sets this output as the one a turn's replies go to. */
  attachTo(context: TurnContext): void {
    context.turnState.set(TURN_OUTPUT, this);
  }

  /** The output of the turn `context` belongs to, when it runs under a Direct Line post or start. */
  static of(context: TurnContext): TurnOutput | undefined {
    const output: unknown = context.turnState.get(TURN_OUTPUT);
    return output instanceof TurnOutput ? output : undefined;
  }
}

/**
 * Writes what a Direct Line turn holds, when `context` is one: called at the end of the bot's
 * turn, inside its per-conversation lock, so the next turn's entries cannot overtake this one's.
 */
export function flushTurnOutput(context: TurnContext): Promise<void> {
  return TurnOutput.of(context)?.flush() ?? Promise.resolve();
}
