import type { TurnContext } from 'botbuilder';
import type { Choice } from 'botbuilder-dialogs';
import type { DialogServices } from './services';
import { translate } from './turnLanguage';

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

/** Yes / no as a choice prompt's choices, with the words of the turn's language (and English). */
export function yesNoChoices(context: TurnContext, services: DialogServices): Choice[] {
  const t = translate(context, services);
  return [choice('yes', t('common.yes'), 'common.yesWords'), choice('no', t('common.no'), 'common.noWords')];
}
