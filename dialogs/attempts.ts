import type { TurnContext } from 'botbuilder';
import type { DialogContext, DialogTurnResult, PromptValidatorContext } from 'botbuilder-dialogs';
import { isOneOf } from '../src/domain/text';
import type { Step } from '../src/framework/stepDialog';
import type { MisreadKind } from '../src/metrics/types';
import type { DialogServices } from './services';
import { withSuggestions } from './messages';
import { incomingText, translate, turnLanguage } from './turnLanguage';

const GAVE_UP = Symbol('infopass.gaveUp');
const SERVICES = Symbol('infopass.services');
const ROOT_CONTEXT = Symbol('infopass.rootDialogContext');

/** How many misread answers in a row before the person is offered to go on, start over or get help. */
export const MAX_ATTEMPTS = 3;

/** The prompt's own state: the offer was made, and the next message may take it. */
const OFFERED = 'offeredToGoOn';

/** The dialog a flow that cannot go on hands over to (see giveUp). */
export const GO_ON_DIALOG = 'attempts.goOn';

/** The root dialog keeps its services and its dialog context in the turn, for prompts and steps that have neither. */
export function keepForTurn(context: TurnContext, services: DialogServices, dc: DialogContext): void {
  context.turnState.set(SERVICES, services);
  context.turnState.set(ROOT_CONTEXT, dc);
}

function turnServices(context: TurnContext): DialogServices | undefined {
  return context.turnState.get(SERVICES) as DialogServices | undefined;
}

export function rootDialogContext(context: TurnContext): DialogContext | undefined {
  return context.turnState.get(ROOT_CONTEXT) as DialogContext | undefined;
}

/** Dialogs that gather nothing: the root dialog's own loop and menu, and the language list. */
const GATHERS_NOTHING = /^(root|language)(\.|$)/;

/** Whether a flow below the active prompt holds what the person has told so far. */
function gatheredBelow(context: TurnContext): boolean {
  const dc = rootDialogContext(context);
  return dc !== undefined && dc.stack.slice(1).some((entry) => !GATHERS_NOTHING.test(entry.id));
}

/** The three ways on after misread answers, as suggested actions: answer again, start over, help. */
export function goOnOffer(context: TurnContext, services: DialogServices) {
  const t = translate(context, services);
  return withSuggestions(context, t('understanding.gaveUp'), [
    t('understanding.goOn'),
    t('understanding.startOver'),
    t('understanding.help'),
  ]);
}

/** "Answer again" (its title or one of its words), in the turn's language or English. */
export function isGoOn(context: TurnContext, services: DialogServices): boolean {
  const t = translate(context, services);
  const words = services.translator.words(turnLanguage(context), 'understanding.goOnWords');
  return isOneOf(incomingText(context), [t('understanding.goOn'), ...words]);
}

/** Counts a reply the bot could not read for what it asked, in the turn's language. */
export function countMisread(context: TurnContext, services: DialogServices, kind: MisreadKind): void {
  services.misreads.misread(kind, turnLanguage(context));
}

/**
 * Wraps a prompt validator so that misread answers never throw away what was gathered: after
 * MAX_ATTEMPTS of them in a row inside a flow, the prompt stays where it is (its flow and everything the flows
 * below it hold are kept) and offers to answer again, start over or get help. "Answer again" asks
 * the same question; "start over" and "help" are the root dialog's commands; any other message is
 * read as an answer to the question, as before. Where nothing was gathered (the menu, the
 * language list) the prompt gives up as it did, and the next step sees `gaveUp(step)`. Each
 * answer the validator refuses is counted as a misread of `kind`.
 */
export function limitAttempts<T>(kind: MisreadKind, validate: (prompt: PromptValidatorContext<T>) => Promise<boolean>) {
  return async (prompt: PromptValidatorContext<T>): Promise<boolean> => {
    const services = turnServices(prompt.context);
    const state = prompt.state as Record<string, unknown>;
    const offered = state[OFFERED] === true;
    if (offered) delete state[OFFERED];
    if (offered && services && isGoOn(prompt.context, services)) {
      const question = prompt.options.prompt ?? prompt.options.retryPrompt;
      if (question) await prompt.context.sendActivity(question);
      return false;
    }
    const ok = await validate(prompt);
    if (ok) return true;
    if (services) countMisread(prompt.context, services, kind);
    if (prompt.attemptCount % MAX_ATTEMPTS === 0 && !gatheredBelow(prompt.context)) {
      // Nothing gathered yet (the menu, the language list): give up, and the menu follows.
      prompt.context.turnState.set(GAVE_UP, true);
      return true;
    }
    if (services && prompt.attemptCount % MAX_ATTEMPTS === 0) {
      await prompt.context.sendActivity(goOnOffer(prompt.context, services));
      state[OFFERED] = true;
      return false;
    }
    // A validator that explained the problem has "responded", and botbuilder then skips the
    // retry prompt: ask again ourselves so every bad answer is followed by the question.
    const again = prompt.options.retryPrompt ?? prompt.options.prompt;
    if (prompt.context.responded && again) await prompt.context.sendActivity(again);
    return false;
  };
}

/** Whether the prompt before this step gave up (only where nothing was gathered: see limitAttempts). */
export function gaveUp(step: Step): boolean {
  return step.context.turnState.get(GAVE_UP) === true;
}

/** What GO_ON_DIALOG begins again when the person goes on. */
export interface GoOnOptions {
  flowId: string;
  options: object;
}

/**
 * A flow that cannot go on with the answer it got: offers to go on (the same flow again, with the
 * options it was begun with, so the flows below it keep what they gathered), start over or get
 * help. The flow is replaced by GO_ON_DIALOG, which begins it again on "answer again", with
 * `beginAgainWith` when the flow counts its own tries in its options (e.g. `{ ...step.options, attempts: 0 }`).
 */
export async function giveUp(step: Step, services: DialogServices, beginAgainWith: object = step.options): Promise<DialogTurnResult> {
  const flowId = rootDialogContext(step.context)?.activeDialog?.id;
  if (!flowId) {
    await step.context.sendActivity(goOnOffer(step.context, services));
    return step.endDialog();
  }
  return step.replaceDialog(GO_ON_DIALOG, { flowId, options: beginAgainWith } satisfies GoOnOptions);
}
