import type { Middleware, TurnContext } from 'botbuilder';
import { STEP_OBSERVER, type StepObserver } from '../framework/stepDialog';
import type { BotMetrics } from './botMetrics';
import { channelLabel } from './labels';

/**
 * Middleware that counts and times every turn by channel (lock wait included: it runs before the
 * turn queues), and lets the turn's step dialogs count the steps it reaches, with the language
 * the turn speaks (`languageOf`, read when the step runs: the root dialog sets it first).
 */
export function turnMetrics(metrics: BotMetrics, languageOf: (context: TurnContext) => string): Middleware {
  const onStep: StepObserver = (context, dialogId, step) =>
    metrics.stepReached(dialogId, step, languageOf(context), channelLabel(context.activity.channelId));
  return {
    async onTurn(context, next) {
      context.turnState.set(STEP_OBSERVER, onStep);
      const started = performance.now();
      let failed = true;
      try {
        await next();
        failed = false;
      } finally {
        metrics.turnFinished(channelLabel(context.activity.channelId), (performance.now() - started) / 1000, failed);
      }
    },
  };
}
