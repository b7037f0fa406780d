import type { Dialog, DialogTurnResult } from 'botbuilder-dialogs';
import { type Step, StepDialog } from '../src/framework/stepDialog';
import type { DialogServices } from './services';
import type { Flow } from './flow';
import { say } from './messages';
import { sendNotice } from './notices';
import { translate } from './turnLanguage';
import { VERIFY_DIALOG, type VerifyOptions, isVerified } from './verifyDialog';

export const LOOKUP_DIALOG = 'lookup';

export interface LookupDialogOptions {
  /** Already typed, e.g. with "when is my appointment?". */
  receiptNumber?: string;
}

/** "When is my appointment?", "resend my notice": receipt number → date of birth (VerifyDialog) → the notice again. */
export class LookupDialog extends StepDialog<LookupDialogOptions> implements Flow {
  readonly prompts: readonly Dialog[] = [];

  constructor(private readonly services: DialogServices) {
    super(LOOKUP_DIALOG);
    for (const step of [this.verify, this.show]) this.addStep(step.bind(this));
  }

  private async verify(step: Step<LookupDialogOptions>): Promise<DialogTurnResult> {
    const options: VerifyOptions = {
      purpose: 'lookup',
      ...(step.options?.receiptNumber ? { receiptNumber: step.options.receiptNumber } : {}),
    };
    return step.beginDialog(VERIFY_DIALOG, options);
  }

  private async show(step: Step<LookupDialogOptions>): Promise<DialogTurnResult> {
    if (!isVerified(step.result)) return step.endDialog();
    const appointment = await this.services.store.get(step.result.receiptNumber);
    if (!appointment || appointment.status === 'cancelled') {
      await say(step.context, this.services, 'cancel.alreadyCancelled');
      return step.endDialog();
    }
    const past = Date.parse(appointment.slotStart) <= this.services.clock.now().getTime();
    await sendNotice(
      step.context,
      this.services,
      appointment,
      translate(step.context, this.services)(past ? 'lookup.past' : 'lookup.again'),
    );
    return step.endDialog();
  }
}
