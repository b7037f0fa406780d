import type { Dialog, DialogTurnResult, FoundChoice } from 'botbuilder-dialogs';
import { type Step, StepDialog } from '../src/framework/stepDialog';
import type { Appointment } from '../src/domain/appointments/types';
import { earlierWindow } from '../src/domain/waitlist/waitWindow';
import type { DialogServices } from './services';
import { gaveUp, giveUp } from './attempts';
import { yesNoChoices } from './choices';
import type { Flow } from './flow';
import { message, say } from './messages';
import { sendNotice } from './notices';
import { choicePrompt } from './prompts';
import { translate } from './turnLanguage';
import { yesOrNoUnderstood } from './cancelDialog';
import { canReachLater, laterReach } from './laterReach';
import { VERIFY_DIALOG, type VerifyOptions, isVerified } from './verifyDialog';
import { WAITLIST_DIALOG, type WaitlistDialogOptions } from './waitlistDialog';

export const LOOKUP_DIALOG = 'lookup';
const EARLIER = 'lookup.earlier';

export interface LookupDialogOptions {
  /** Already typed, e.g. with "when is my appointment?". */
  receiptNumber?: string;
}

interface LookupValues {
  /** The earlier seat the person may wait for, when it was offered. */
  wait?: WaitlistDialogOptions;
}

/**
 * "When is my appointment?", "resend my notice": receipt number → date of birth (VerifyDialog) → the
 * notice again → for an appointment that could still come earlier, "Shall I tell you if an earlier
 * time opens?" (the waitlist, dialogs/waitlistDialog.ts).
 */
export class LookupDialog extends StepDialog<LookupDialogOptions> implements Flow {
  readonly prompts: readonly Dialog[];

  constructor(private readonly services: DialogServices) {
    super(LOOKUP_DIALOG);
    this.prompts = [choicePrompt(EARLIER, services.translator, (context) => yesOrNoUnderstood(context))];
    for (const step of [this.verify, this.show, this.wait]) this.addStep(step.bind(this));
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
    const t = translate(step.context, this.services);
    await sendNotice(step.context, this.services, appointment, t(past ? 'lookup.past' : 'lookup.again'));
    const wait = canReachLater(laterReach(step.context, this.services, 'anyTime')) ? this.earlierWait(appointment) : undefined;
    if (!wait) return step.endDialog();
    (step.values as LookupValues).wait = wait;
    return step.prompt(EARLIER, {
      prompt: message(step.context, t('lookup.askEarlier')),
      retryPrompt: message(step.context, t('common.yesNoRetry')),
      choices: yesNoChoices(step.context, this.services),
    });
  }

  private async wait(step: Step<LookupDialogOptions>): Promise<DialogTurnResult> {
    const answer = step.result as FoundChoice | undefined;
    if (gaveUp(step) || !answer) return giveUp(step, this.services);
    const { wait } = step.values as LookupValues;
    if (answer.value !== 'yes' || !wait) {
      await say(step.context, this.services, 'reschedule.kept');
      return step.endDialog();
    }
    return step.replaceDialog(WAITLIST_DIALOG, wait);
  }

  /** Waiting for an earlier seat than this appointment, when the bot has a waitlist and the appointment could still move earlier. */
  private earlierWait(appointment: Appointment): WaitlistDialogOptions | undefined {
    const { waitlist, offices, clock, policy, maxReschedules } = this.services;
    const office = offices.byCode(appointment.officeCode);
    if (!waitlist || !office || appointment.status !== 'booked' || appointment.rescheduleCount >= maxReschedules) return undefined;
    const window = earlierWindow(clock.now(), office, policy, appointment.slotStart);
    if (!window) return undefined;
    const { receiptNumber, phone, slotStart } = appointment;
    return { officeCode: office.code, window, details: { receiptNumber, phone, slotStart } };
  }
}
