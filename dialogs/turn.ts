import { type Activity, type TurnContext, ActivityTypes, CardFactory, MessageFactory, type Attachment } from 'botbuilder';
import { type Choice, type Dialog, type DialogTurnResult, type PromptValidatorContext } from 'botbuilder-dialogs';
import type { Step } from './stepDialog';
import { DEFAULT_LANGUAGE, languageByCode } from '../src/domain/languages';
import type { Translate } from '../src/domain/i18n/translator';
import type { DialogServices } from './services';

const LANGUAGE = Symbol('infopass.language');
const GAVE_UP = Symbol('infopass.gaveUp');

/** How many times a prompt asks before it gives up and the flow returns to the menu. */
export const MAX_ATTEMPTS = 3;

export function setTurnLanguage(context: TurnContext, language: string): void {
  context.turnState.set(LANGUAGE, language);
}

export function turnLanguage(context: TurnContext): string {
  const value: unknown = context.turnState.get(LANGUAGE);
  return typeof value === 'string' ? value : DEFAULT_LANGUAGE;
}

export function translate(context: TurnContext, services: DialogServices): Translate {
  return services.translator.for(turnLanguage(context));
}

/**
 * A message in the turn's language; Arabic and other right-to-left languages say so in `locale`.
 * Only what differs from the defaults: a prompt keeps its message in the conversation state until
 * the answer comes, and sending makes it a "message" (TurnContext.sendActivities), whose input
 * hint is "acceptingInput" when it has none (the Activity schema's default).
 */
export function message(context: TurnContext, text: string): Partial<Activity> {
  return { text, locale: languageByCode(turnLanguage(context)).intlLocale };
}

export async function say(context: TurnContext, services: DialogServices, key: string, values?: Record<string, string | number>): Promise<void> {
  await context.sendActivity(message(context, translate(context, services)(key, values)));
}

export function cardMessage(context: TurnContext, text: string, card: object): Partial<Activity> {
  const attachment: Attachment = CardFactory.adaptiveCard(card);
  const activity = MessageFactory.attachment(attachment, text, text);
  activity.locale = languageByCode(turnLanguage(context)).intlLocale;
  return activity;
}

/** The prompt's text as a message activity. */
export function promptActivity(context: TurnContext, text: string): Partial<Activity> {
  return { ...message(context, text), type: ActivityTypes.Message };
}

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

/**
 * One flow's steps with the prompts it asks with. The root dialog holds every flow and prompt
 * in one dialog set: each nested ComponentDialog would build its own dialog contexts, and pass
 * every event through, on every turn.
 */
export interface Flow extends Dialog {
  readonly prompts: readonly Dialog[];
}

/**
 * A choice as a prompt keeps it in the conversation state until the answer comes: its button's
 * `title` (botbuilder's form, an imBack action holding the title twice, is made when the prompt is
 * shown or an answer recognised), and the locale word list it also matches, named by its key.
 * Choices stored by earlier versions carry the action instead of the title.
 */
export interface WordsChoice extends Choice {
  title?: string;
  words?: string;
}

/**
 * A choice whose button shows `title`, and which also matches the locale word list `words`
 * (e.g. "common.yesWords") in the turn's language and English.
 */
export function choice(value: string, title: string, words?: string): WordsChoice {
  return { value, title, ...(words ? { words } : {}) };
}

/** The text on a choice's button. */
export function choiceTitle(choice: WordsChoice): string | undefined {
  const title: unknown = choice.title ?? choice.action?.title;
  return typeof title === 'string' ? title : undefined;
}

/** The text of the incoming message (empty string when none). */
export function incomingText(context: TurnContext): string {
  return typeof context.activity.text === 'string' ? context.activity.text : '';
}

/** Yes / no as a choice prompt's choices, with the words of the turn's language (and English). */
export function yesNoChoices(context: TurnContext, services: DialogServices): Choice[] {
  const t = translate(context, services);
  return [choice('yes', t('common.yes'), 'common.yesWords'), choice('no', t('common.no'), 'common.noWords')];
}

/** A text message offering tappable answers that can equally be typed. */
export function withSuggestions(context: TurnContext, text: string, titles: readonly string[]): Partial<Activity> {
  const activity = message(context, text);
  activity.suggestedActions = { to: [], actions: titles.map((title) => ({ type: 'imBack', title, value: title })) };
  return activity;
}

/** Ends a flow that could not go on after too many tries; the menu follows. */
export async function giveUp(step: Step, services: DialogServices): Promise<DialogTurnResult> {
  await say(step.context, services, 'flow.gaveUp');
  return step.endDialog();
}
