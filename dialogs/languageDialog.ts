import { ActivityTypes, type TurnContext } from 'botbuilder';
import {
  ComponentDialog,
  type DialogContext,
  type DialogTurnResult,
  WaterfallDialog,
  type WaterfallStepContext,
  type FoundChoice,
  recognizeChoices,
} from 'botbuilder-dialogs';
import { LANGUAGES } from '../src/domain/languages';
import { detectLanguage } from '../src/domain/i18n/detectLanguage';
import { namedLanguage } from '../src/domain/i18n/firstContactLanguage';
import type { DialogServices } from './services';
import { choice, gaveUp, incomingText, message, setTurnLanguage, translate } from './turn';
import { choicePrompt } from './prompts';

export const LANGUAGE_DIALOG = 'language';
const FLOW = 'language.flow';
const PICK = 'language.pick';

export interface LanguageDialogOptions {
  /** First contact: greet before asking. */
  welcome: boolean;
}

/** Lets the person choose the language of the conversation; each language is listed in its own name. */
export class LanguageDialog extends ComponentDialog {
  constructor(private readonly services: DialogServices) {
    super(LANGUAGE_DIALOG);
    this.addDialog(choicePrompt(PICK, services.translator));
    this.addDialog(new WaterfallDialog<LanguageDialogOptions>(FLOW, [this.ask.bind(this), this.apply.bind(this)]));
    this.initialDialogId = FLOW;
  }

  private async ask(step: WaterfallStepContext<LanguageDialogOptions>): Promise<DialogTurnResult> {
    const t = translate(step.context, this.services);
    if (step.options?.welcome) await step.context.sendActivity(message(step.context, t('welcome.greeting')));
    const choices = languageChoices();
    return step.prompt(PICK, {
      prompt: message(step.context, t('language.prompt')),
      retryPrompt: message(step.context, t('language.retry')),
      choices,
    });
  }

  /**
   * A sentence written in one of our languages, in answer to "choose your language" ("Hola,
   * necesito una cita" after a welcome in English), picks that language: on Web Chat and Teams
   * the welcome comes before the person types anything, so this is their first free text.
   */
  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    const writtenIn = innerDc.activeDialog?.id === PICK ? languageWrittenIn(innerDc.context) : undefined;
    if (writtenIn) {
      const found: FoundChoice = { value: writtenIn, index: LANGUAGES.findIndex((l) => l.code === writtenIn), score: 1, synonym: '' };
      return innerDc.endDialog(found);
    }
    return super.onContinueDialog(innerDc);
  }

  private async apply(step: WaterfallStepContext<LanguageDialogOptions>): Promise<DialogTurnResult> {
    const picked = step.result as FoundChoice | undefined;
    if (!gaveUp(step) && picked) setTurnLanguage(step.context, picked.value);
    const t = translate(step.context, this.services);
    await step.context.sendActivity(message(step.context, t('language.chosen')));
    return step.endDialog();
  }
}

function languageChoices() {
  return LANGUAGES.map((l) => ({ ...choice(l.code, l.nativeName), synonyms: [...l.aliases] }));
}

/** The language a message is written in, when it names no language itself (the prompt reads names). */
function languageWrittenIn(context: TurnContext): string | undefined {
  if (context.activity.type !== ActivityTypes.Message) return undefined;
  const text = incomingText(context);
  if (namedLanguage(text) || recognizeChoices(text, languageChoices()).length > 0) return undefined;
  return detectLanguage(text);
}
