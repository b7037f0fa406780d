import { type Dialog, type DialogTurnResult, type FoundChoice, type PromptValidatorContext } from 'botbuilder-dialogs';
import { type Step, StepDialog } from '../src/framework/stepDialog';
import { calendarDateIn } from '../src/domain/dates/calendarDate';
import { parseDateOfBirth } from '../src/domain/dates/dateOfBirth';
import { formatCalendarDate } from '../src/domain/dates/format';
import { parsePhone } from '../src/domain/phone';
import { cleanName } from '../src/domain/personName';
import { languageByCode } from '../src/domain/languages';
import type { DialogServices } from './services';
import { type Heard, type KnownDetails, hear, heardMore, heardNow, saysName } from './heard';
import { type Correction, correctionAt } from './corrections';
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
  known?: KnownDetails;
  /** Said with the first question asked (what the booking took from earlier answers). */
  lead?: string;
}

/** The details, what the answers said ahead of later questions, and whether the lead was said. */
export interface PersonalDetailsResult extends PersonalDetails {
  ahead?: Heard;
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
  ahead?: Heard;
  leadSaid?: boolean;
}

/** The result of a step that asked nothing: the next step takes the value from here. */
const TAKEN = 'personalDetails.taken';
/** The result of a step that found a date of birth given ahead that reads two ways: the next step asks which. */
const TAKEN_TWO_WAYS = 'personalDetails.takenTwoWays';

type Detail = 'name' | 'dob' | 'phone';
const OWN_KEY = { name: 'name', dob: 'dateOfBirth', phone: 'phone' } as const;

/** Name, date of birth (read back when it could be read two ways), phone number. */
export class PersonalDetailsDialog extends StepDialog<PersonalDetailsOptions> implements Flow {
  readonly prompts: readonly Dialog[];

  constructor(private readonly services: DialogServices) {
    super(PERSONAL_DETAILS_DIALOG);
    this.prompts = [
      textPrompt(NAME, 'name', (p) => this.validateName(p)),
      textPrompt(DOB, 'dob', (p) => this.validateDob(p)),
      choicePrompt(DOB_WHICH, services.translator),
      textPrompt(PHONE, 'phone', (p) => this.validatePhone(p)),
    ];
    for (const step of [this.askName, this.askDob, this.checkDob, this.askPhone, this.finish]) this.addStep(step.bind(this));
  }

  private today(step: { options: PersonalDetailsOptions }): string {
    return calendarDateIn(this.services.clock.now(), step.options.timeZone);
  }

  /**
   * What a message at one of these questions corrects of an earlier answer ("no, my ZIP is 94103",
   * "94103" at the phone question): the step after ends the flow with it (see correctionAt).
   */
  private corrects(context: Step['context'], detail: Detail, options: PersonalDetailsOptions): Heard | undefined {
    return correctionAt(context, this.services, [OWN_KEY[detail]], this.answers(context, detail, options), options.timeZone);
  }

  /** Whether the message is a valid answer to the question of `detail`. */
  private answers(context: Step['context'], detail: Detail, options: PersonalDetailsOptions): boolean {
    const text = incomingText(context);
    if (detail === 'name') return this.nameIn(context) !== undefined;
    if (detail === 'dob') return parseDateOfBirth(text, turnLanguage(context), this.today({ options })).kind === 'date';
    return this.phoneIn(context, options).ok;
  }

  /**
   * The name in an answer to the name question: the part the understanding read as one when the
   * message says it as a name ("my name is Maria Lopez") or gives a date of birth or a phone number
   * with it ("Maria Lopez, born 03/04/1980"); otherwise the message, whole.
   */
  private nameIn(context: Step['context']): string | undefined {
    const { entities } = hear(context, this.services, 'name');
    const text = incomingText(context);
    const inSentence = entities.dateOfBirth || entities.phone || saysName(text, turnLanguage(context), this.services);
    return (inSentence ? cleanName(entities.name ?? '') : undefined) ?? cleanName(text);
  }

  /** The phone number in an answer to the phone question: the message whole, or the number in it. */
  private phoneIn(context: Step['context'], options: PersonalDetailsOptions): ReturnType<typeof parsePhone> {
    const allowInternational = options.allowInternationalPhone;
    const whole = parsePhone(incomingText(context), { allowInternational });
    const inSentence = hear(context, this.services, 'phone').entities.phone;
    return whole.ok || !inSentence ? whole : parsePhone(inSentence, { allowInternational });
  }

  private async validateName(prompt: PromptValidatorContext<string>): Promise<boolean> {
    const options = prompt.options.validations as PersonalDetailsOptions;
    if (this.corrects(prompt.context, 'name', options) || this.answers(prompt.context, 'name', options)) return true;
    await say(prompt.context, this.services, 'details.nameInvalid');
    return false;
  }

  private async validateDob(prompt: PromptValidatorContext<string>): Promise<boolean> {
    const options = prompt.options.validations as PersonalDetailsOptions;
    if (this.corrects(prompt.context, 'dob', options)) return true;
    const result = parseDateOfBirth(prompt.recognized.value ?? '', turnLanguage(prompt.context), this.today({ options }));
    if (result.kind === 'date') return true;
    await say(prompt.context, this.services, `details.dob_${result.kind}`);
    return false;
  }

  private async validatePhone(prompt: PromptValidatorContext<string>): Promise<boolean> {
    const options = prompt.options.validations as PersonalDetailsOptions;
    if (this.corrects(prompt.context, 'phone', options) || this.answers(prompt.context, 'phone', options)) return true;
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
  private keepAhead(step: Step<PersonalDetailsOptions>, expecting: Detail, except: Parameters<typeof heardMore>[2]): void {
    const values = step.values as DetailsValues;
    values.ahead = heardMore(values.ahead, heardNow(step.context, this.services, expecting, step.options.timeZone), except);
  }

  /** A detail known or typed ahead, when there is one. */
  private ahead(step: Step<PersonalDetailsOptions>, key: 'name' | 'dateOfBirth' | 'phone'): string | undefined {
    return step.options.known?.[key] ?? (step.values as DetailsValues).ahead?.[key];
  }

  /** The readings of a date of birth given ahead that reads two ways (none when it reads one way). */
  private aheadReadings(step: Step<PersonalDetailsOptions>): string[] {
    const { known } = step.options;
    if (known?.dateOfBirth) return known.dateOfBirthReadings ?? [];
    return (step.values as DetailsValues).ahead?.dateOfBirthReadings ?? [];
  }

  /** Ends the flow with the correction and what it had gathered: the booking applies it and asks on from here. */
  private endCorrected(step: Step<PersonalDetailsOptions>, correction: Heard): Promise<DialogTurnResult> {
    const values = step.values as DetailsValues;
    const known: KnownDetails = { ...(step.options.known ?? {}) };
    if (values.name) known.name = values.name;
    if (values.dateOfBirth) {
      known.dateOfBirth = values.dateOfBirth;
      delete known.dateOfBirthReadings;
    }
    const result: Correction = { correction, known };
    return step.endDialog(result);
  }

  private async askName(step: Step<PersonalDetailsOptions>): Promise<DialogTurnResult> {
    const known = this.ahead(step, 'name');
    if (known && cleanName(known)) return step.next(TAKEN);
    return step.prompt(NAME, { prompt: this.question(step, 'details.namePrompt'), validations: step.options });
  }

  private async askDob(step: Step<PersonalDetailsOptions>): Promise<DialogTurnResult> {
    if (gaveUp(step)) return giveUp(step, this.services);
    const values = step.values as DetailsValues;
    if (step.result === TAKEN) {
      values.name = cleanName(this.ahead(step, 'name') ?? '');
    } else {
      const correction = this.corrects(step.context, 'name', step.options);
      if (correction) return this.endCorrected(step, correction);
      values.name = this.nameIn(step.context);
      this.keepAhead(step, 'name', ['name']);
    }
    const known = this.ahead(step, 'dateOfBirth');
    // Typed ahead: checked as if it answered the question, and asked about when it reads two ways.
    if (known && parseDateOfBirth(known, 'en', this.today(step)).kind === 'date') {
      return step.next(this.aheadReadings(step).length > 1 ? TAKEN_TWO_WAYS : TAKEN);
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
    if (step.result === TAKEN_TWO_WAYS) return this.askWhich(step, this.aheadReadings(step), 'details.dobWhichAhead');
    const correction = this.corrects(step.context, 'dob', step.options);
    if (correction) return this.endCorrected(step, correction);
    this.keepAhead(step, 'dob', ['name', 'dateOfBirth']);
    const result = parseDateOfBirth(String(step.result), turnLanguage(step.context), this.today(step));
    if (result.kind !== 'date') return step.endDialog();
    values.dateOfBirth = result.date;
    if (result.alternatives.length === 0) return step.next();
    return this.askWhich(step, [result.date, ...result.alternatives], 'details.dobWhich');
  }

  /** Which of the readings of a date of birth that reads two ways ("03/04/1990") is meant. */
  private askWhich(step: Step<PersonalDetailsOptions>, readings: readonly string[], key: string): Promise<DialogTurnResult> {
    const locale = languageByCode(turnLanguage(step.context)).intlLocale;
    return step.prompt(DOB_WHICH, {
      prompt: this.question(step, key),
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
    let phone = parsePhone(this.ahead(step, 'phone') ?? '', { allowInternational });
    if (step.result !== TAKEN) {
      const correction = this.corrects(step.context, 'phone', step.options);
      if (correction) return this.endCorrected(step, correction);
      phone = this.phoneIn(step.context, step.options);
      this.keepAhead(step, 'phone', ['name', 'dateOfBirth', 'phone']);
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
