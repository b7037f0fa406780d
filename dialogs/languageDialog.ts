import { ComponentDialog, type DialogTurnResult, WaterfallDialog, type WaterfallStepContext, type FoundChoice } from 'botbuilder-dialogs';
import { LANGUAGES } from '../src/domain/languages';
import type { DialogServices } from './services';
import { choice, gaveUp, message, setTurnLanguage, translate } from './turn';
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
    this.addDialog(choicePrompt(PICK));
    this.addDialog(new WaterfallDialog<LanguageDialogOptions>(FLOW, [this.ask.bind(this), this.apply.bind(this)]));
    this.initialDialogId = FLOW;
  }

  private async ask(step: WaterfallStepContext<LanguageDialogOptions>): Promise<DialogTurnResult> {
    const t = translate(step.context, this.services);
    if (step.options?.welcome) await step.context.sendActivity(message(step.context, t('welcome.greeting')));
    const choices = LANGUAGES.map((l) => choice(l.code, l.nativeName, l.aliases));
    return step.prompt(PICK, {
      prompt: message(step.context, t('language.prompt')),
      retryPrompt: message(step.context, t('language.retry')),
      choices,
    });
  }

  private async apply(step: WaterfallStepContext<LanguageDialogOptions>): Promise<DialogTurnResult> {
    const picked = step.result as FoundChoice | undefined;
    if (!gaveUp(step) && picked) setTurnLanguage(step.context, picked.value);
    const t = translate(step.context, this.services);
    await step.context.sendActivity(message(step.context, t('language.chosen')));
    return step.endDialog();
  }
}
