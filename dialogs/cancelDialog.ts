import type { TurnContext } from 'botbuilder';
import { type Dialog, type DialogTurnResult, type FoundChoice, type PromptValidatorContext } from 'botbuilder-dialogs';
import { type Step, StepDialog } from '../src/framework/stepDialog';
import { calendarDateIn } from '../src/domain/dates/calendarDate';
import { parseReceiptNumber, formatReceiptNumber } from '../src/domain/appointments/receiptNumber';
import { findCaseReceiptNumber } from '../src/domain/appointments/caseReceiptNumber';
import { makeDobVerifier, verifyDob } from '../src/domain/appointments/personIdentity';
import { parseDateOfBirth } from '../src/domain/dates/dateOfBirth';
import { formatSlot } from '../src/domain/dates/format';
import { languageByCode } from '../src/domain/languages';
import { verificationSubjects } from '../src/domain/security/attemptLimiter';
import type { DialogServices } from './services';
import { gaveUp, giveUp } from './attempts';
import { yesNoChoices } from './choices';
import type { Flow } from './flow';
import { message, say } from './messages';
import { translate, turnLanguage } from './turnLanguage';
import { ACT_ON_COMMAND, understoodThisTurn } from './understanding';
import { choicePrompt, textPrompt } from './prompts';

export const CANCEL_DIALOG = 'cancel';
const RECEIPT = 'cancel.receipt';
const DOB = 'cancel.dob';
const CONFIRM = 'cancel.confirm';
/** "Today" for a date of birth typed while cancelling: no office is known yet, so the earliest US zone. */
const DOB_ZONE = 'Pacific/Pago_Pago';

export interface CancelDialogOptions {
  /** Already typed, e.g. as the first message. */
  receiptNumber?: string;
}

interface CancelValues {
  receiptNumber?: string;
}

/** Receipt number → date of birth → the appointment shown → confirm → cancelled, seat freed. */
export class CancelDialog extends StepDialog<CancelDialogOptions> implements Flow {
  readonly prompts: readonly Dialog[];
  /** Checked when the number is unknown, so that an unknown number costs the same as a known one. */
  private readonly decoyVerifier: string;

  constructor(private readonly services: DialogServices) {
    super(CANCEL_DIALOG);
    this.decoyVerifier = makeDobVerifier('1900-01-01', services.personSecret);
    this.prompts = [
      textPrompt(RECEIPT, (p) => this.validateReceipt(p)),
      textPrompt(DOB, (p) => this.validateDob(p)),
      // "Cancel" ("cancelar", "annuler", "取消") answering "Do you want to cancel it?" is a yes: the root dialog read the message in that context.
      choicePrompt(CONFIRM, services.translator, (context) => yesOrNoUnderstood(context)),
    ];
    for (const step of [this.askReceipt, this.askDob, this.verify, this.finish]) this.addStep(step.bind(this));
  }

  private today(): string {
    return calendarDateIn(this.services.clock.now(), DOB_ZONE);
  }

  private async validateReceipt(prompt: PromptValidatorContext<string>): Promise<boolean> {
    const text = prompt.recognized.value ?? '';
    const parsed = parseReceiptNumber(text);
    if (parsed.kind === 'valid') return true;
    const key = findCaseReceiptNumber(text)
      ? 'cancel.caseReceipt'
      : parsed.kind === 'mistyped'
        ? 'cancel.receiptMistyped'
        : 'cancel.receiptInvalid';
    await say(prompt.context, this.services, key);
    return false;
  }

  private async validateDob(prompt: PromptValidatorContext<string>): Promise<boolean> {
    const result = parseDateOfBirth(prompt.recognized.value ?? '', turnLanguage(prompt.context), this.today());
    if (result.kind === 'date') return true;
    await say(prompt.context, this.services, `details.dob_${result.kind}`);
    return false;
  }

  private async askReceipt(step: Step<CancelDialogOptions>): Promise<DialogTurnResult> {
    if (step.options?.receiptNumber) return step.next(step.options.receiptNumber);
    const t = translate(step.context, this.services);
    return step.prompt(RECEIPT, { prompt: message(step.context, t('cancel.receiptPrompt')) });
  }

  private async askDob(step: Step<CancelDialogOptions>): Promise<DialogTurnResult> {
    if (gaveUp(step)) return giveUp(step, this.services);
    const parsed = parseReceiptNumber(String(step.result ?? ''));
    if (parsed.kind !== 'valid') return giveUp(step, this.services);
    (step.values as CancelValues).receiptNumber = parsed.receiptNumber;
    if (await this.refusedForTooManyAttempts(step, parsed.receiptNumber)) return step.endDialog();
    const t = translate(step.context, this.services);
    const receiptNumber = formatReceiptNumber(parsed.receiptNumber);
    return step.prompt(DOB, {
      prompt: message(step.context, t('cancel.dobPrompt', { receiptNumber })),
    });
  }

  private async verify(step: Step<CancelDialogOptions>): Promise<DialogTurnResult> {
    if (gaveUp(step)) return giveUp(step, this.services);
    const receiptNumber = (step.values as CancelValues).receiptNumber ?? '';
    // Checked before the lookup, and counted alike for unknown and known numbers.
    if (await this.refusedForTooManyAttempts(step, receiptNumber)) return step.endDialog();
    const dob = parseDateOfBirth(String(step.result ?? ''), turnLanguage(step.context), this.today());
    const appointment = await this.services.store.get(receiptNumber);
    const readings = dob.kind === 'date' ? [dob.date, ...dob.alternatives] : [];
    // An unknown number costs the same verification as a known one: timing reveals nothing.
    const verifier = appointment?.dobVerifier ?? this.decoyVerifier;
    if (!(await this.matchesAny(verifier, readings)) || !appointment) {
      // Same answer whether the number is unknown or the date of birth is wrong.
      await this.services.attempts.recordFailure(this.subjects(step, receiptNumber));
      await say(step.context, this.services, 'cancel.notFound');
      return step.endDialog();
    }
    if (appointment.status === 'cancelled') {
      await say(step.context, this.services, 'cancel.alreadyCancelled');
      return step.endDialog();
    }
    const office = this.services.offices.byCode(appointment.officeCode);
    const t = translate(step.context, this.services);
    const when = formatSlot(appointment.slotStart, office?.timeZone ?? 'UTC', languageByCode(turnLanguage(step.context)).intlLocale);
    return step.prompt(CONFIRM, {
      prompt: message(
        step.context,
        t('cancel.confirm', { date: when.date, time: when.time, zone: when.zone, office: office?.name ?? appointment.officeCode }),
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
    const result = await this.services.store.cancel((step.values as CancelValues).receiptNumber ?? '');
    await say(step.context, this.services, result.ok ? 'cancel.done' : 'cancel.alreadyCancelled');
    return step.endDialog();
  }

  private subjects(step: Step<CancelDialogOptions>, receiptNumber: string): string[] {
    const { channelId, conversation } = step.context.activity;
    return verificationSubjects(receiptNumber, channelId ?? '', conversation?.id ?? '');
  }

  /** Says so (without telling whether the number exists) when this number or conversation has failed too often. */
  private async refusedForTooManyAttempts(step: Step<CancelDialogOptions>, receiptNumber: string): Promise<boolean> {
    if (!(await this.services.attempts.isBlocked(this.subjects(step, receiptNumber)))) return false;
    await say(step.context, this.services, 'cancel.tooManyAttempts');
    return true;
  }

  private async matchesAny(verifier: string, dates: readonly string[]): Promise<boolean> {
    let matched = false;
    for (const date of dates) if (await verifyDob(verifier, date, this.services.personSecret)) matched = true;
    return matched;
  }
}

/** A yes or a no the understanding read in the message, in the context of the question it answers. */
function yesOrNoUnderstood(context: TurnContext): FoundChoice | undefined {
  const u = understoodThisTurn(context);
  if (!u || u.confidence < ACT_ON_COMMAND || (u.intent !== 'yes' && u.intent !== 'no')) return undefined;
  return { value: u.intent, index: u.intent === 'yes' ? 0 : 1, score: u.confidence, synonym: u.intent };
}
