import type { TurnContext } from 'botbuilder';
import type { Dialog, DialogTurnResult, PromptValidatorContext } from 'botbuilder-dialogs';
import { type Step, StepDialog } from '../src/framework/stepDialog';
import { calendarDateIn } from '../src/domain/dates/calendarDate';
import { parseReceiptNumber, formatReceiptNumber } from '../src/domain/appointments/receiptNumber';
import { findCaseReceiptNumber } from '../src/domain/appointments/caseReceiptNumber';
import { makeDobVerifier, verifyDob } from '../src/domain/appointments/personIdentity';
import { parseDateOfBirth } from '../src/domain/dates/dateOfBirth';
import { verificationSubjects } from '../src/domain/security/attemptLimiter';
import type { DialogServices } from './services';
import { gaveUp, giveUp } from './attempts';
import type { Flow } from './flow';
import { message, say } from './messages';
import { translate, turnLanguage } from './turnLanguage';
import { textPrompt } from './prompts';
import { holdsPhrase } from './heard';

export const VERIFY_DIALOG = 'verify';
const RECEIPT = 'verify.receipt';
const DOB = 'verify.dob';
/** "Today" for a date of birth typed while verifying: no office is known yet, so the earliest US zone. */
const DOB_ZONE = 'Pacific/Pago_Pago';

/** What the person is proving the appointment is theirs for: it only changes what a refusal says. */
export type VerifyPurpose = 'cancel' | 'lookup' | 'reschedule';

export interface VerifyOptions {
  purpose: VerifyPurpose;
  /** Already typed, e.g. as the first message. */
  receiptNumber?: string;
}

/** The result of VERIFY_DIALOG when the receipt number and date of birth match an appointment (booked or cancelled). */
export interface Verified {
  receiptNumber: string;
}

export function isVerified(value: unknown): value is Verified {
  return typeof value === 'object' && value !== null && typeof (value as Partial<Verified>).receiptNumber === 'string';
}

/** The result of VERIFY_DIALOG, moving an appointment, when the person says at the receipt question that they have none. */
export interface NoReceipt {
  noReceipt: true;
}

export function saidNoReceipt(value: unknown): value is NoReceipt {
  return typeof value === 'object' && value !== null && (value as Partial<NoReceipt>).noReceipt === true;
}

/** What the receipt prompt's validator needs to know of the flow (PromptOptions.validations). */
interface ReceiptValidations {
  purpose: VerifyPurpose;
}

function purposeOf(validations: object | undefined): VerifyPurpose | undefined {
  return validations && 'purpose' in validations ? (validations as ReceiptValidations).purpose : undefined;
}

interface VerifyValues {
  receiptNumber?: string;
}

/**
 * Receipt number → date of birth → the appointment is theirs, or one neutral answer ("no booked
 * appointment with that receipt number and date of birth") whether the number is unknown or the
 * date wrong, with the same work done either way. Failures count against the receipt number and
 * the conversation (AttemptLimiter); once either has failed too often nothing is looked up.
 * Cancelling, looking up and moving an appointment all begin here.
 */
export class VerifyDialog extends StepDialog<VerifyOptions> implements Flow {
  readonly prompts: readonly Dialog[];
  /** Checked when the number is unknown, so that an unknown number costs the same as a known one. */
  private readonly decoyVerifier: string;

  constructor(private readonly services: DialogServices) {
    super(VERIFY_DIALOG);
    this.decoyVerifier = makeDobVerifier('1900-01-01', services.personSecret);
    this.prompts = [textPrompt(RECEIPT, 'receipt', (p) => this.validateReceipt(p)), textPrompt(DOB, 'dob', (p) => this.validateDob(p))];
    for (const step of [this.askReceipt, this.askDob, this.verify]) this.addStep(step.bind(this));
  }

  private today(): string {
    return calendarDateIn(this.services.clock.now(), DOB_ZONE);
  }

  private async validateReceipt(prompt: PromptValidatorContext<string>): Promise<boolean> {
    const text = prompt.recognized.value ?? '';
    const parsed = parseReceiptNumber(text);
    if (parsed.kind === 'valid') return true;
    if (purposeOf(prompt.options.validations) === 'reschedule' && this.saysNoReceipt(prompt.context, text)) return true;
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

  private async askReceipt(step: Step<VerifyOptions>): Promise<DialogTurnResult> {
    if (step.options.receiptNumber) return step.next(step.options.receiptNumber);
    const t = translate(step.context, this.services);
    const validations: ReceiptValidations = { purpose: step.options.purpose };
    return step.prompt(RECEIPT, { prompt: message(step.context, t('cancel.receiptPrompt')), validations });
  }

  /**
   * "I don't have one", "no tengo", "nie mam": no receipt number, so no appointment of theirs to move
   * (someone who wrote "can't make it Thursday" as a first message may have none): the caller offers a booking.
   */
  private saysNoReceipt(context: TurnContext, text: string): boolean {
    return holdsPhrase(text, turnLanguage(context), 'verify.noReceiptWords', this.services);
  }

  private async askDob(step: Step<VerifyOptions>): Promise<DialogTurnResult> {
    if (gaveUp(step)) return giveUp(step, this.services);
    const answer = String(step.result ?? '');
    const parsed = parseReceiptNumber(answer);
    if (parsed.kind !== 'valid' && step.options.purpose === 'reschedule' && this.saysNoReceipt(step.context, answer)) {
      return step.endDialog({ noReceipt: true } satisfies NoReceipt);
    }
    if (parsed.kind !== 'valid') return giveUp(step, this.services);
    (step.values as VerifyValues).receiptNumber = parsed.receiptNumber;
    if (await this.refusedForTooManyAttempts(step, parsed.receiptNumber)) return step.endDialog();
    const t = translate(step.context, this.services);
    const receiptNumber = formatReceiptNumber(parsed.receiptNumber);
    return step.prompt(DOB, { prompt: message(step.context, t('cancel.dobPrompt', { receiptNumber })) });
  }

  private async verify(step: Step<VerifyOptions>): Promise<DialogTurnResult> {
    if (gaveUp(step)) return giveUp(step, this.services);
    const receiptNumber = (step.values as VerifyValues).receiptNumber ?? '';
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
    return step.endDialog({ receiptNumber } satisfies Verified);
  }

  private subjects(step: Step<VerifyOptions>, receiptNumber: string): string[] {
    const { channelId, conversation } = step.context.activity;
    return verificationSubjects(receiptNumber, channelId ?? '', conversation?.id ?? '');
  }

  /** Says so (without telling whether the number exists) when this number or conversation has failed too often. */
  private async refusedForTooManyAttempts(step: Step<VerifyOptions>, receiptNumber: string): Promise<boolean> {
    if (!(await this.services.attempts.isBlocked(this.subjects(step, receiptNumber)))) return false;
    await say(step.context, this.services, step.options.purpose === 'cancel' ? 'cancel.tooManyAttempts' : 'verify.tooManyAttempts');
    return true;
  }

  private async matchesAny(verifier: string, dates: readonly string[]): Promise<boolean> {
    let matched = false;
    for (const date of dates) if (await verifyDob(verifier, date, this.services.personSecret)) matched = true;
    return matched;
  }
}
