import { type Dialog, type DialogTurnResult, type FoundChoice, type PromptValidatorContext } from 'botbuilder-dialogs';
import { type Step, StepDialog } from '../src/framework/stepDialog';
import { calendarDateIn } from '../src/domain/dates/calendarDate';
import { parseDateOfBirth } from '../src/domain/dates/dateOfBirth';
import { formatCalendarDate } from '../src/domain/dates/format';
import { parsePhone } from '../src/domain/phone';
import { cleanName } from '../src/domain/personName';
import { languageByCode } from '../src/domain/languages';
import type { DialogServices } from './services';
import { gaveUp, giveUp } from './attempts';
import { choice } from './choices';
import type { Flow } from './flow';
import { message, say } from './messages';
import { translate, turnLanguage } from './turnLanguage';
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
}

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

  private async validateName(prompt: PromptValidatorContext<string>): Promise<boolean> {
    if (cleanName(prompt.recognized.value ?? '')) return true;
    await say(prompt.context, this.services, 'details.nameInvalid');
    return false;
  }

  private async validateDob(prompt: PromptValidatorContext<string>): Promise<boolean> {
    const options = prompt.options.validations as PersonalDetailsOptions;
    const result = parseDateOfBirth(prompt.recognized.value ?? '', turnLanguage(prompt.context), this.today({ options }));
    if (result.kind === 'date') return true;
    await say(prompt.context, this.services, `details.dob_${result.kind}`);
    return false;
  }

  private async validatePhone(prompt: PromptValidatorContext<string>): Promise<boolean> {
    const options = prompt.options.validations as PersonalDetailsOptions;
    const result = parsePhone(prompt.recognized.value ?? '', { allowInternational: options.allowInternationalPhone });
    if (result.ok) return true;
    await say(prompt.context, this.services, options.allowInternationalPhone ? 'details.phoneInvalidAny' : 'details.phoneInvalid');
    return false;
  }

  private async askName(step: Step<PersonalDetailsOptions>): Promise<DialogTurnResult> {
    const t = translate(step.context, this.services);
    return step.prompt(NAME, { prompt: message(step.context, t('details.namePrompt')) });
  }

  private async askDob(step: Step<PersonalDetailsOptions>): Promise<DialogTurnResult> {
    if (gaveUp(step)) return giveUp(step, this.services);
    (step.values as DetailsValues).name = cleanName(String(step.result));
    const t = translate(step.context, this.services);
    return step.prompt(DOB, {
      prompt: message(step.context, t('details.dobPrompt')),
      validations: step.options,
    });
  }

  private async checkDob(step: Step<PersonalDetailsOptions>): Promise<DialogTurnResult> {
    if (gaveUp(step)) return giveUp(step, this.services);
    const result = parseDateOfBirth(String(step.result), turnLanguage(step.context), this.today(step));
    if (result.kind !== 'date') return step.endDialog();
    const values = step.values as DetailsValues;
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
    const t = translate(step.context, this.services);
    const key = step.options.allowInternationalPhone ? 'details.phonePromptAny' : 'details.phonePrompt';
    return step.prompt(PHONE, { prompt: message(step.context, t(key)), validations: step.options });
  }

  private async finish(step: Step<PersonalDetailsOptions>): Promise<DialogTurnResult> {
    if (gaveUp(step)) return giveUp(step, this.services);
    const phone = parsePhone(String(step.result), { allowInternational: step.options.allowInternationalPhone });
    const values = step.values as DetailsValues;
    if (!phone.ok || !values.name || !values.dateOfBirth) return step.endDialog();
    const details: PersonalDetails = { name: values.name, dateOfBirth: values.dateOfBirth, phone: phone.e164 };
    return step.endDialog(details);
  }
}
