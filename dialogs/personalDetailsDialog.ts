import { type Dialog, type DialogTurnResult, type FoundChoice, type PromptValidatorContext } from 'botbuilder-dialogs';
import { type Step, StepDialog } from '../src/framework/stepDialog';
import { calendarDateIn } from '../src/domain/dates/calendarDate';
import { parseDateOfBirth } from '../src/domain/dates/dateOfBirth';
import { formatCalendarDate } from '../src/domain/dates/format';
import { parsePhone } from '../src/domain/phone';
import { cleanName } from '../src/domain/personName';
import { languageByCode } from '../src/domain/languages';
import type { Entities } from '../src/domain/understanding';
import type { DialogServices } from './services';
import { type Correction, correctionIn, hear, heardMore } from './heard';
import { gaveUp, giveUp } from './attempts';
import { choice } from './choices';
import type { Flow } from './flow';
import { message, say } from './messages';
import { incomingText, translate, turnLanguage } from './turnLanguage';
import { choicePrompt, textPrompt } from './prompts';

export const PERSONAL_DETAILS_DIALOG = 'personalDetails';
const NAME = 'personalDetails.name';
const DOB = 'personalDetails.dob';
const DOB_WHICH = 'personalDetails.dobWhich';
const PHONE = 'personalDetails.phone';

export interface PersonalDetailsOptions {
  /** The office's zone: "today" for the date of birth is taken there. */
  timeZone: string;
  /** People outside the US may give a non-US phone number. */
  allowInternationalPhone: boolean;
  /** What is already known (taken ahead, or kept while another detail is corrected): not asked again, but checked as if typed. */
  known?: Partial<PersonalDetails>;
  /** Said with the first question asked (what the booking took from earlier answers). */
  lead?: string;
}

/** The details, what the answers said ahead of later questions, and whether the lead was said. */
export interface PersonalDetailsResult extends PersonalDetails {
  ahead?: Entities;
  leadSaid: boolean;
}

export interface PersonalDetails {
  name: string;
  /** YYYY-MM-DD. */
  dateOfBirth: string;
  /** E.164. */
  phone: string;
}

interface DetailsValues {
  name?: string;
  dateOfBirth?: string;
  ahead?: Entities;
  leadSaid?: boolean;
}

/** The result of a step that asked nothing: the next step takes the value from here. */
const TAKEN = 'personalDetails.taken';

/** Name, date of birth (read back when it could be read two ways), phone number. */
export class PersonalDetailsDialog extends StepDialog<PersonalDetailsOptions> implements Flow {
  readonly prompts: readonly Dialog[];

  constructor(private readonly services: DialogServices) {
    super(PERSONAL_DETAILS_DIALOG);
    this.prompts = [
      textPrompt(NAME, (p) => this.validateName(p)),
      textPrompt(DOB, (p) => this.validateDob(p)),
      choicePrompt(DOB_WHICH, services.translator),
      textPrompt(PHONE, (p) => this.validatePhone(p)),
    ];
    for (const step of [this.askName, this.askDob, this.checkDob, this.askPhone, this.finish]) this.addStep(step.bind(this));
  }

  private today(step: { options: PersonalDetailsOptions }): string {
    return calendarDateIn(this.services.clock.now(), step.options.timeZone);
  }

  /** "no, my ZIP is 10002" typed at one of these questions corrects an earlier answer: the step after ends the flow with it. */
  private corrects(context: Step['context'], expecting: 'name' | 'dob' | 'phone'): Correction['correction'] | undefined {
    const own = expecting === 'name' ? (['name'] as const) : expecting === 'dob' ? (['dateOfBirth'] as const) : (['phone'] as const);
    return correctionIn(hear(context, this.services, expecting), own, incomingText(context));
  }

  /**
   * "Maria Lopez, born 03/04/1980": the name is the part the understanding read as one, when the
   * message also gives a date of birth or a phone number; any other message is the name, whole.
   */
  private nameInSentence(context: Step['context']): string | undefined {
    const { entities } = hear(context, this.services, 'name');
    return entities.dateOfBirth || entities.phone ? cleanName(entities.name ?? '') : undefined;
  }

  private async validateName(prompt: PromptValidatorContext<string>): Promise<boolean> {
    if (this.corrects(prompt.context, 'name')) return true;
    if (cleanName(prompt.recognized.value ?? '') || this.nameInSentence(prompt.context)) return true;
    await say(prompt.context, this.services, 'details.nameInvalid');
    return false;
  }

  private async validateDob(prompt: PromptValidatorContext<string>): Promise<boolean> {
    if (this.corrects(prompt.context, 'dob')) return true;
    const options = prompt.options.validations as PersonalDetailsOptions;
    const result = parseDateOfBirth(prompt.recognized.value ?? '', turnLanguage(prompt.context), this.today({ options }));
    if (result.kind === 'date') return true;
    await say(prompt.context, this.services, `details.dob_${result.kind}`);
    return false;
  }

  private async validatePhone(prompt: PromptValidatorContext<string>): Promise<boolean> {
    if (this.corrects(prompt.context, 'phone')) return true;
    const options = prompt.options.validations as PersonalDetailsOptions;
    const result = parsePhone(prompt.recognized.value ?? '', { allowInternational: options.allowInternationalPhone });
    const inSentence = hear(prompt.context, this.services, 'phone').entities.phone;
    if (result.ok || (inSentence && parsePhone(inSentence, { allowInternational: options.allowInternationalPhone }).ok)) return true;
    await say(prompt.context, this.services, options.allowInternationalPhone ? 'details.phoneInvalidAny' : 'details.phoneInvalid');
    return false;
  }

  /** The question, after the booking's lead the first time one is asked. */
  private question(step: Step<PersonalDetailsOptions>, key: string): ReturnType<typeof message> {
    const values = step.values as DetailsValues;
    const t = translate(step.context, this.services);
    const lead = !values.leadSaid && step.options.lead ? `${step.options.lead} ` : '';
    values.leadSaid = true;
    return message(step.context, lead + t(key));
  }

  /** Keeps what an answer said ahead of later questions (a phone typed with the name). */
  private keepAhead(step: Step<PersonalDetailsOptions>, entities: Entities, except: Parameters<typeof heardMore>[2]): void {
    const values = step.values as DetailsValues;
    values.ahead = heardMore(values.ahead, entities, except);
  }

  /** A detail known or typed ahead, when there is one. */
  private ahead(step: Step<PersonalDetailsOptions>, key: 'name' | 'dateOfBirth' | 'phone'): string | undefined {
    return step.options.known?.[key] ?? (step.values as DetailsValues).ahead?.[key];
  }

  /** Ends the flow with the correction and what it had gathered: the booking applies it and asks on from here. */
  private endCorrected(step: Step<PersonalDetailsOptions>, correction: Correction['correction']): Promise<DialogTurnResult> {
    const values = step.values as DetailsValues;
    const known: Record<string, string> = { ...(step.options.known ?? {}) };
    if (values.name) known.name = values.name;
    if (values.dateOfBirth) known.dateOfBirth = values.dateOfBirth;
    const result: Correction = { correction, known };
    return step.endDialog(result);
  }

  private async askName(step: Step<PersonalDetailsOptions>): Promise<DialogTurnResult> {
    const known = this.ahead(step, 'name');
    if (known && cleanName(known)) return step.next(TAKEN);
    return step.prompt(NAME, { prompt: this.question(step, 'details.namePrompt') });
  }

  private async askDob(step: Step<PersonalDetailsOptions>): Promise<DialogTurnResult> {
    if (gaveUp(step)) return giveUp(step, this.services);
    const values = step.values as DetailsValues;
    if (step.result === TAKEN) {
      values.name = cleanName(this.ahead(step, 'name') ?? '');
    } else {
      const correction = this.corrects(step.context, 'name');
      if (correction) return this.endCorrected(step, correction);
      const heard = hear(step.context, this.services, 'name');
      values.name = this.nameInSentence(step.context) ?? cleanName(String(step.result));
      this.keepAhead(step, heard.entities, ['name']);
    }
    const known = this.ahead(step, 'dateOfBirth');
    if (known) {
      // Typed ahead: checked as if it answered the question.
      const result = parseDateOfBirth(known, 'en', this.today(step));
      if (result.kind === 'date') return step.next(TAKEN);
    }
    return step.prompt(DOB, {
      prompt: this.question(step, 'details.dobPrompt'),
      validations: step.options,
    });
  }

  private async checkDob(step: Step<PersonalDetailsOptions>): Promise<DialogTurnResult> {
    if (gaveUp(step)) return giveUp(step, this.services);
    const values = step.values as DetailsValues;
    if (step.result === TAKEN) {
      values.dateOfBirth = this.ahead(step, 'dateOfBirth');
      return step.next();
    }
    const correction = this.corrects(step.context, 'dob');
    if (correction) return this.endCorrected(step, correction);
    this.keepAhead(step, hear(step.context, this.services, 'dob').entities, ['name', 'dateOfBirth']);
    const result = parseDateOfBirth(String(step.result), turnLanguage(step.context), this.today(step));
    if (result.kind !== 'date') return step.endDialog();
    values.dateOfBirth = result.date;
    if (result.alternatives.length === 0) return step.next();
    const t = translate(step.context, this.services);
    const locale = languageByCode(turnLanguage(step.context)).intlLocale;
    const readings = [result.date, ...result.alternatives];
    return step.prompt(DOB_WHICH, {
      prompt: message(step.context, t('details.dobWhich')),
      choices: readings.map((date) => choice(date, formatCalendarDate(date, locale))),
    });
  }

  private async askPhone(step: Step<PersonalDetailsOptions>): Promise<DialogTurnResult> {
    if (gaveUp(step)) return giveUp(step, this.services);
    const picked = step.result as FoundChoice | undefined;
    if (picked) (step.values as DetailsValues).dateOfBirth = picked.value;
    const key = step.options.allowInternationalPhone ? 'details.phonePromptAny' : 'details.phonePrompt';
    const known = this.ahead(step, 'phone');
    if (known) {
      // Typed ahead: checked as if it answered the question (a US office needs a US number).
      if (parsePhone(known, { allowInternational: step.options.allowInternationalPhone }).ok) return step.next(TAKEN);
      await say(step.context, this.services, step.options.allowInternationalPhone ? 'details.phoneInvalidAny' : 'details.phoneInvalid');
    }
    return step.prompt(PHONE, { prompt: this.question(step, key), validations: step.options });
  }

  private async finish(step: Step<PersonalDetailsOptions>): Promise<DialogTurnResult> {
    if (gaveUp(step)) return giveUp(step, this.services);
    const allowInternational = step.options.allowInternationalPhone;
    const values = step.values as DetailsValues;
    let phone = parsePhone(step.result === TAKEN ? (this.ahead(step, 'phone') ?? '') : String(step.result), { allowInternational });
    if (step.result !== TAKEN) {
      const correction = this.corrects(step.context, 'phone');
      if (correction) return this.endCorrected(step, correction);
      const heard = hear(step.context, this.services, 'phone');
      if (!phone.ok && heard.entities.phone) phone = parsePhone(heard.entities.phone, { allowInternational });
      this.keepAhead(step, heard.entities, ['name', 'dateOfBirth', 'phone']);
    }
    if (!phone.ok || !values.name || !values.dateOfBirth) return step.endDialog();
    const details: PersonalDetailsResult = {
      name: values.name,
      dateOfBirth: values.dateOfBirth,
      phone: phone.e164,
      leadSaid: values.leadSaid === true,
      ...(values.ahead ? { ahead: values.ahead } : {}),
    };
    return step.endDialog(details);
  }
}
