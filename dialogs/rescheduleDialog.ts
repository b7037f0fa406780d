import type { Dialog, DialogTurnResult, FoundChoice } from 'botbuilder-dialogs';
import { type Step, StepDialog } from '../src/framework/stepDialog';
import type { Appointment, MoveRefusal } from '../src/domain/appointments/types';
import type { WallClockWhen } from '../src/domain/dates/whenEntity';
import type { DialogServices } from './services';
import { gaveUp, giveUp } from './attempts';
import { yesNoChoices } from './choices';
import type { Flow } from './flow';
import { message, say } from './messages';
import { appointmentWhen, sendMovedNotice } from './notices';
import { translate, turnLanguage } from './turnLanguage';
import { askReminderAfter, reminderFollowsMove } from './reminderDialog';
import { moveValues, type MoveValues } from '../src/domain/appointments/moveMessage';
import { languageByCode } from '../src/domain/languages';
import { choicePrompt } from './prompts';
import { SLOT_DIALOG, type SlotDialogOptions, type SlotResult } from './slotDialog';
import { VERIFY_DIALOG, type VerifyOptions, isVerified, saidNoReceipt } from './verifyDialog';
import { BOOKING_DIALOG } from './bookingDialog';
import type { BookingDraft } from './bookingDraft';
import { yesOrNoUnderstood } from './cancelDialog';

export const RESCHEDULE_DIALOG = 'reschedule';
const CONFIRM = 'reschedule.confirm';

export interface RescheduleDialogOptions {
  /** Already typed, e.g. with "I need another day". */
  receiptNumber?: string;
  /** Already shown to be the person's (verified, or matched while booking): not asked again. */
  verified?: string;
  /** The times were offered for this, and one was taken meanwhile: offer the others again. */
  offerAgain?: WallClockWhen;
  /** The new day or time said with the wish to move ("can't make it Thursday, maybe Friday"): not asked again. */
  when?: WallClockWhen;
}

interface RescheduleValues {
  receiptNumber?: string;
  officeCode?: string;
  from?: string;
  to?: string;
  asked?: WallClockWhen;
}

const REFUSAL_KEYS: Record<MoveRefusal, string> = {
  slot_full: 'booking.slotTaken',
  same_slot: 'booking.slotTaken',
  not_found: 'reschedule.notBooked',
  not_booked: 'reschedule.notBooked',
  too_many_moves: 'reschedule.tooManyMoves',
  hold_gone: 'booking.slotTaken',
};

/**
 * Receipt number → date of birth (VerifyDialog) → a new preferred time in free text → up to three
 * free times at the same office (SlotDialog, the person's own time left out) → confirm → moved in
 * one store call (the receipt number stays) → a notice that says it was moved (from → to), and its
 * reminder moved; without a reminder, the reminder question of a booking.
 */
export class RescheduleDialog extends StepDialog<RescheduleDialogOptions> implements Flow {
  readonly prompts: readonly Dialog[];

  constructor(private readonly services: DialogServices) {
    super(RESCHEDULE_DIALOG);
    this.prompts = [choicePrompt(CONFIRM, services.translator, (context) => yesOrNoUnderstood(context))];
    for (const step of [this.verify, this.askWhen, this.confirm, this.move]) this.addStep(step.bind(this));
  }

  private async verify(step: Step<RescheduleDialogOptions>): Promise<DialogTurnResult> {
    if (step.options?.verified) return step.next({ receiptNumber: step.options.verified });
    const options: VerifyOptions = {
      purpose: 'reschedule',
      ...(step.options?.receiptNumber ? { receiptNumber: step.options.receiptNumber } : {}),
    };
    return step.beginDialog(VERIFY_DIALOG, options);
  }

  private async askWhen(step: Step<RescheduleDialogOptions>): Promise<DialogTurnResult> {
    if (saidNoReceipt(step.result)) return this.bookInstead(step);
    if (!isVerified(step.result)) return step.endDialog();
    const appointment = await this.services.store.get(step.result.receiptNumber);
    const refusal = this.refusal(appointment);
    if (refusal || !appointment) {
      await say(step.context, this.services, refusal ?? 'reschedule.notBooked');
      return step.endDialog();
    }
    const values = step.values as RescheduleValues;
    values.receiptNumber = appointment.receiptNumber;
    values.officeCode = appointment.officeCode;
    values.from = appointment.slotStart;
    const t = translate(step.context, this.services);
    const { offerAgain, when } = step.options;
    const options: SlotDialogOptions = {
      officeCode: appointment.officeCode,
      ownSlot: appointment.slotStart,
      // Nothing earlier free: they may wait for an earlier seat (dialogs/waitlistDialog.ts).
      waiting: { receiptNumber: appointment.receiptNumber, phone: appointment.phone, slotStart: appointment.slotStart },
      ...(offerAgain
        ? { when: offerAgain, offerAgain: true }
        : {
            lead: t('reschedule.current', appointmentWhen(step.context, this.services, appointment.slotStart, appointment.officeCode)),
            ...(when ? { when } : {}),
          }),
    };
    return step.beginDialog(SLOT_DIALOG, options);
  }

  /** No receipt number, so nothing to move: a booking instead, with the day already said ("maybe Friday") taken. */
  private async bookInstead(step: Step<RescheduleDialogOptions>): Promise<DialogTurnResult> {
    await say(step.context, this.services, 'reschedule.noReceiptBook');
    const { when } = step.options;
    return step.replaceDialog(BOOKING_DIALOG, (when ? { heard: { when } } : {}) satisfies BookingDraft);
  }

  /** Why this appointment cannot be moved (a locale key), or undefined when it can. */
  private refusal(appointment: Appointment | undefined): string | undefined {
    if (!appointment || appointment.status !== 'booked') return 'reschedule.notBooked';
    if (Date.parse(appointment.slotStart) <= this.services.clock.now().getTime()) return 'reschedule.notBooked';
    if (appointment.rescheduleCount >= this.services.maxReschedules) return 'reschedule.tooManyMoves';
    return undefined;
  }

  private async confirm(step: Step<RescheduleDialogOptions>): Promise<DialogTurnResult> {
    const slot = step.result as Partial<SlotResult> | undefined;
    const values = step.values as RescheduleValues;
    if (!slot || typeof slot.start !== 'string' || !values.from || !values.officeCode) {
      // No time was picked (none free, or the person went elsewhere): nothing changed.
      await say(step.context, this.services, 'reschedule.kept');
      return step.endDialog();
    }
    values.to = slot.start;
    if (slot.asked) values.asked = slot.asked;
    const t = translate(step.context, this.services);
    return step.prompt(CONFIRM, {
      prompt: message(step.context, t('reschedule.confirm', this.fromTo(step, values.from, slot.start, values.officeCode))),
      retryPrompt: message(step.context, t('common.yesNoRetry')),
      choices: yesNoChoices(step.context, this.services),
    });
  }

  private fromTo(step: Step<RescheduleDialogOptions>, from: string, to: string, officeCode: string): MoveValues {
    const office = this.services.offices.byCode(officeCode) ?? { name: officeCode, timeZone: 'UTC' };
    return moveValues(office, from, to, languageByCode(turnLanguage(step.context)).intlLocale);
  }

  private async move(step: Step<RescheduleDialogOptions>): Promise<DialogTurnResult> {
    const answer = step.result as FoundChoice | undefined;
    if (gaveUp(step) || !answer) return giveUp(step, this.services);
    const values = step.values as RescheduleValues;
    const { receiptNumber, to, from, officeCode } = values;
    if (answer.value !== 'yes' || !receiptNumber || !to || !from || !officeCode) {
      await say(step.context, this.services, 'reschedule.kept');
      return step.endDialog();
    }
    const { services } = this;
    const result = await services.store.move(receiptNumber, to, services.policy.capacity, services.maxReschedules);
    if (!result.ok && (result.reason === 'slot_full' || result.reason === 'same_slot')) {
      // Taken meanwhile: the other free times for what was asked, again.
      await say(step.context, services, 'booking.slotTaken');
      return step.replaceDialog(RESCHEDULE_DIALOG, {
        verified: receiptNumber,
        ...(values.asked ? { offerAgain: values.asked } : {}),
      } satisfies RescheduleDialogOptions);
    }
    if (!result.ok) {
      await say(step.context, services, REFUSAL_KEYS[result.reason]);
      return step.endDialog();
    }
    const hadReminder = await reminderFollowsMove(services, receiptNumber, result.appointment.slotStart);
    await sendMovedNotice(step.context, services, result.appointment, result.previousSlotStart);
    // No reminder yet: the question of a booking, for the new time.
    return hadReminder ? step.endDialog() : askReminderAfter(step, services, result.appointment);
  }
}
