import type { TurnContext } from 'botbuilder';
import type { DialogStateManagerConfiguration } from 'botbuilder-dialogs';

/**
 * Where botbuilder-dialogs' DialogStateManager looks, in turnState, for the memory scopes and
 * path resolvers of the turn, and keeps the ones it built for the turn's other dialog contexts.
 * Not exported by botbuilder-dialogs; test/dialogStateConfiguration.test.ts fails if it changes.
 */
const TURN_STATE_KEY = 'DialogStateManagerConfiguration';

/**
 * botbuilder-dialogs' memory scopes ("turn", "dialog", "conversation"…) and path resolvers, kept
 * from the first turn for every later one. Left to itself, the first dialog context of every turn
 * builds them anew (a service collection, a dependency graph, zod checks: ~2% of a turn's CPU).
 * They keep nothing between turns (a turn's values live in its turnState), and nothing in this
 * bot adds scopes or resolvers of its own for one turn (turnState "memoryScopes"), so the set one
 * turn builds serves them all.
 */
export class SharedDialogStateConfiguration {
  private kept: DialogStateManagerConfiguration | undefined;

  /** Call before the turn's first dialog context is made. */
  lend(context: TurnContext): void {
    if (this.kept && !context.turnState.has(TURN_STATE_KEY)) context.turnState.set(TURN_STATE_KEY, this.kept);
  }

  /** Call once the turn's first dialog context is made: keeps the set it uses, if none is kept yet. */
  keep(context: TurnContext): void {
    this.kept ??= context.turnState.get(TURN_STATE_KEY) as DialogStateManagerConfiguration | undefined;
  }

  /** The set kept, once a turn ran. */
  get configuration(): DialogStateManagerConfiguration | undefined {
    return this.kept;
  }
}
