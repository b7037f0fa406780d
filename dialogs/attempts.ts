import type { DialogTurnResult, PromptValidatorContext } from 'botbuilder-dialogs';
import type { Step } from '../src/framework/stepDialog';
import type { DialogServices } from './services';
import { say } from './messages';

const GAVE_UP = Symbol('infopass.gaveUp');

/** How many times a prompt asks before it gives up and the flow returns to the menu. */
export const MAX_ATTEMPTS = 3;

/**
 * Wraps a prompt validator so the prompt gives up after MAX_ATTEMPTS: the prompt then ends,
 * and the next step sees `gaveUp(step)` and returns to the menu.
 */
export function limitAttempts<T>(validate: (prompt: PromptValidatorContext<T>) => Promise<boolean>) {
  return async (prompt: PromptValidatorContext<T>): Promise<boolean> => {
    const ok = await validate(prompt);
    if (ok) return true;
    if (prompt.attemptCount >= MAX_ATTEMPTS) {
      prompt.context.turnState.set(GAVE_UP, true);
      return true;
    }
    // A validator that explained the problem has "responded", and botbuilder then skips the
    // retry prompt: ask again ourselves so every bad answer is followed by the question.
    const again = prompt.options.retryPrompt ?? prompt.options.prompt;
    if (prompt.context.responded && again) await prompt.context.sendActivity(again);
    return false;
  };
}

export function gaveUp(step: Step): boolean {
  return step.context.turnState.get(GAVE_UP) === true;
}

/** Ends a flow that could not go on after too many tries; the menu follows. */
export async function giveUp(step: Step, services: DialogServices): Promise<DialogTurnResult> {
  await say(step.context, services, 'flow.gaveUp');
  return step.endDialog();
}
