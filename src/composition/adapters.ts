import type { BotAdapter, Middleware } from 'botbuilder';
import type { TurnErrorHandler } from './turnErrorReply';

/**
 * Every adapter (Bot Connector, SMS, the Web Chat page's Direct Line) fails a turn the same way
 * and runs the same middleware, in this order.
 */
export function configureAdapters(adapters: readonly BotAdapter[], onTurnError: TurnErrorHandler, middleware: readonly Middleware[]): void {
  for (const adapter of adapters) {
    adapter.onTurnError = onTurnError;
    for (const each of middleware) adapter.use(each);
  }
}
