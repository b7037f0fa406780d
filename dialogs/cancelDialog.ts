import type { TurnContext } from 'botbuilder';
import type { Dialog, DialogTurnResult, FoundChoice } from 'botbuilder-dialogs';
import { type Step, StepDialog } from '../src/framework/stepDialog';
import type { DialogServices } from './services';
import { gaveUp, giveUp } from './attempts';
import { yesNoChoices } from './choices';
import type { Flow } from './flow';
import { message, say } from './messages';
import { appointmentWhen } from './notices';
import { translate } from './turnLanguage';
import { ACT_ON_COMMAND, understoodThisTurn } from './understanding';
import { choicePrompt } from './prompts';
import { VERIFY_DIALOG, type VerifyOptions, isVerified } from './verifyDialog';

export const CANCEL_DIALOG = 'cancel';
const CONFIRM = 'cancel.confirm';

export interface CancelDialogOptions {
  /** Already typed, e.g. as the first message. */
  receiptNumber?: string;
  /** Already shown to be the person's (their name, date of birth and phone matched it while booking): not asked again. */
  verified?: string;
}

interface CancelValues {
  receiptNumber?: string;
}

/** Receipt number → date of birth (VerifyDialog) → the appointment shown → confirm → cancelled, seat freed, reminder removed. */
export class CancelDialog extends StepDialog<CancelDialogOptions> implements Flow {
  readonly prompts: readonly Dialog[];

  constructor(private readonly services: DialogServices) {
    super(CANCEL_DIALOG);
    this.prompts = [
      // "Cancel" ("cancelar", "annuler", "取消") answering "Do you want to cancel it?" is a yes: the root dialog read the message in that context.
      choicePrompt(CONFIRM, services.translator, (context) => yesOrNoUnderstood(context)),
    ];
    for (const step of [this.verify, this.confirm, this.finish]) this.addStep(step.bind(this));
  }

  private async verify(step: Step<CancelDialogOptions>): Promise<DialogTurnResult> {
    if (step.options?.verified) return step.next({ receiptNumber: step.options.verified });
    const options: VerifyOptions = {
      purpose: 'cancel',
      ...(step.options?.receiptNumber ? { receiptNumber: step.options.receiptNumber } : {}),
    };
    return step.beginDialog(VERIFY_DIALOG, options);
  }

  private async confirm(step: Step<CancelDialogOptions>): Promise<DialogTurnResult> {
    if (!isVerified(step.result)) return step.endDialog();
    const { receiptNumber } = step.result;
    const appointment = await this.services.store.get(receiptNumber);
    if (!appointment || appointment.status === 'cancelled') {
      await say(step.context, this.services, 'cancel.alreadyCancelled');
      return step.endDialog();
    }
    (step.values as CancelValues).receiptNumber = receiptNumber;
    const t = translate(step.context, this.services);
    return step.prompt(CONFIRM, {
      prompt: message(
        step.context,
        t('cancel.confirm', appointmentWhen(step.context, this.services, appointment.slotStart, appointment.officeCode)),
      ),
      retryPrompt: message(step.context, t('common.yesNoRetry')),
      choices: yesNoChoices(step.context, this.services),
    });
  }

  private async finish(step: Step<CancelDialogOptions>): Promise<DialogTurnResult> {
    const answer = step.result as FoundChoice | undefined;
    if (gaveUp(step) || !answer) return giveUp(step, this.services);
    if (answer.value !== 'yes') {
      await say(step.context, this.services, 'cancel.kept');
      return step.endDialog();
    }
    const receiptNumber = (step.values as CancelValues).receiptNumber ?? '';
    const result = await this.services.store.cancel(receiptNumber);
    // A cancelled appointment is never reminded (the reminder also checks when it falls due).
    if (result.ok) await this.services.outreach?.cancelReminder(receiptNumber);
    // Nor does it wait for an earlier seat any more.
    if (result.ok) await this.services.waitlist?.waitlist.appointmentCancelled(result.appointment);
    await say(step.context, this.services, result.ok ? 'cancel.done' : 'cancel.alreadyCancelled');
    return step.endDialog();
  }
}

/** A yes or a no the understanding read in the message, in the context of the question it answers. */
export function yesOrNoUnderstood(context: TurnContext): FoundChoice | undefined {
  const u = understoodThisTurn(context);
  if (!u || u.confidence < ACT_ON_COMMAND || (u.intent !== 'yes' && u.intent !== 'no')) return undefined;
  return { value: u.intent, index: u.intent === 'yes' ? 0 : 1, score: u.confidence, synonym: u.intent };
}
