import { BotAdapter, type TurnContext } from 'botbuilder';

/**
 * BotAdapter whose runMiddleware is a native async function that hands the turn its own context.
 * botbuilder's is a generator (docs/botbuilder-overrides.md) that wraps the context in a revocable
 * Proxy, through which every property read of the turn goes; the Proxy only makes a context used
 * after its turn throw. The same locale, middleware, logic and onTurnError, in the same order.
 */
export abstract class NativeBotAdapter extends BotAdapter {
  protected override async runMiddleware(context: TurnContext, next: (context: TurnContext) => Promise<void>): Promise<void> {
    if (context.activity?.locale) context.locale = context.activity.locale;
    try {
      await this.middleware.run(context, () => next(context));
    } catch (err) {
      if (!this.onTurnError) throw err;
      await this.onTurnError(context, err as Error);
    }
  }
}
