import { ActivityTypes, type TurnContext } from 'botbuilder';
import { type Dialog, type DialogTurnResult, type FoundChoice, recognizeChoices } from 'botbuilder-dialogs';
import { type Step, StepDialog } from '../src/framework/stepDialog';
import { LANGUAGES } from '../src/domain/languages';
import { detectLanguage } from '../src/domain/i18n/detectLanguage';
import { namedLanguage } from '../src/domain/i18n/firstContactLanguage';
import { greetingLanguage } from '../src/domain/i18n/greetingLanguage';
import type { DialogServices } from './services';
import { gaveUp } from './attempts';
import { choice } from './choices';
import type { Flow } from './flow';
import { message } from './messages';
import { incomingText, setTurnLanguage, translate } from './turnLanguage';
import { botChoice, choicePrompt } from './prompts';

export const LANGUAGE_DIALOG = 'language';
export const LANGUAGE_PICK = 'language.pick';
const PICK = LANGUAGE_PICK;
/** The synonym of a language picked from the sentence the person wrote in it. */
const WRITTEN_IN = '(written in)';

export interface LanguageDialogOptions {
  /** First contact: greet before asking. */
  welcome: boolean;
}

/**
 * Lets the person choose the language of the conversation; each language is listed in its own name.
 * Ends with the sentence that picked the language by being written in it ("Hola, necesito una
 * cita"), for the root dialog to act on; with nothing when the person named or chose a language.
 */
export class LanguageDialog extends StepDialog<LanguageDialogOptions> implements Flow {
  readonly prompts: readonly Dialog[];

  constructor(private readonly services: DialogServices) {
    super(LANGUAGE_DIALOG);
    this.prompts = [choicePrompt(PICK, services.translator, (context) => languageWrittenIn(context, services))];
    for (const step of [this.ask, this.apply]) this.addStep(step.bind(this));
  }

  private async ask(step: Step<LanguageDialogOptions>): Promise<DialogTurnResult> {
    const t = translate(step.context, this.services);
    if (step.options?.welcome) await step.context.sendActivity(message(step.context, t('welcome.greeting')));
    const choices = languageChoices();
    return step.prompt(PICK, {
      prompt: message(step.context, t('language.prompt')),
      retryPrompt: message(step.context, t('language.retry')),
      choices,
    });
  }

  private async apply(step: Step<LanguageDialogOptions>): Promise<DialogTurnResult> {
    const picked = step.result as FoundChoice | undefined;
    if (!gaveUp(step) && picked) setTurnLanguage(step.context, picked.value);
    const t = translate(step.context, this.services);
    await step.context.sendActivity(message(step.context, t('language.chosen')));
    return step.endDialog(picked?.synonym === WRITTEN_IN ? incomingText(step.context) : undefined);
  }
}

function languageChoices() {
  return LANGUAGES.map((l) => ({ ...choice(l.code, l.nativeName), synonyms: [...l.aliases] }));
}

/**
 * The language a message is written in, when it names no language itself (the prompt reads names):
 * a sentence in one of our languages (or a greeting: "bonjou"), in answer to "choose your language" ("Hola, necesito una
 * cita" after a welcome in English), picks that language. On Web Chat and Teams the welcome
 * comes before the person types anything, so this is their first free text.
 */
function languageWrittenIn(context: TurnContext, services: DialogServices): FoundChoice | undefined {
  if (context.activity.type !== ActivityTypes.Message) return undefined;
  const text = incomingText(context);
  if (namedLanguage(text) || recognizeChoices(text, languageChoices().map(botChoice)).length > 0) return undefined;
  const writtenIn = detectLanguage(text) ?? greetingLanguage(text, services.translator);
  if (!writtenIn) return undefined;
  return { value: writtenIn, index: LANGUAGES.findIndex((l) => l.code === writtenIn), score: 1, synonym: WRITTEN_IN };
}
