import type { BotState, TurnContext } from 'botbuilder';

/**
 * The turn's state object of a BotState (loaded first if need be), to read and change its
 * properties in place: what a StatePropertyAccessor reads and writes, without one. botbuilder's
 * accessors (and DialogSet.createContext, which reads through one) are async functions compiled
 * to generators (its TypeScript output targets ES2015), which V8 (Node 20) runs far slower than
 * native async functions (docs/performance.md#what-a-turn-costs-and-why-the-code-is-shaped-so).
 */
export async function loadedState(state: BotState, context: TurnContext): Promise<Record<string, unknown>> {
  await state.load(context);
  const loaded: Record<string, unknown> | undefined = state.get(context);
  if (!loaded) throw new Error('the conversation state did not load');
  return loaded;
}
