import type { Dialog, DialogTurnResult, FoundChoice } from 'botbuilder-dialogs';
import { type Step, StepDialog } from '../src/framework/stepDialog';
import type { DialogServices } from './services';
import { GO_ON_DIALOG, type GoOnOptions } from './attempts';
import { choice } from './choices';
import type { Flow } from './flow';
import { message } from './messages';
import { translate } from './turnLanguage';
import { choicePrompt } from './prompts';

const PICK = 'attempts.goOnPick';

/**
 * What a flow that could not go on hands over to (attempts.ts, giveUp): answer again (the flow
 * begins again with the options it had, and the flows below it keep what they gathered), start
 * over or help (the root dialog's commands, caught before this prompt sees them).
 */
export class GoOnDialog extends StepDialog<GoOnOptions> implements Flow {
  readonly prompts: readonly Dialog[];

  constructor(private readonly services: DialogServices) {
    super(GO_ON_DIALOG);
    this.prompts = [choicePrompt(PICK, services.translator)];
    for (const step of [this.offer, this.goOn]) this.addStep(step.bind(this));
  }

  private async offer(step: Step<GoOnOptions>): Promise<DialogTurnResult> {
    const t = translate(step.context, this.services);
    return step.prompt(PICK, {
      prompt: message(step.context, t('understanding.gaveUp')),
      choices: [
        choice('goOn', t('understanding.goOn'), 'understanding.goOnWords'),
        choice('startOver', t('understanding.startOver'), 'commands.restart'),
        choice('help', t('understanding.help'), 'commands.help'),
      ],
    });
  }

  private async goOn(step: Step<GoOnOptions>): Promise<DialogTurnResult> {
    const picked = step.result as FoundChoice | undefined;
    if (picked && picked.value !== 'goOn') return step.endDialog();
    return step.replaceDialog(step.options.flowId, step.options.options);
  }
}
