import { type Dialog, type DialogTurnResult, type FoundChoice, type PromptValidatorContext } from 'botbuilder-dialogs';
import { type Step, StepDialog } from '../src/framework/stepDialog';
import { normalizeZip } from '../src/domain/offices/officeDirectory';
import { countryName, resolveCountry } from '../src/domain/offices/countries';
import { formatOfficeAddress } from '../src/domain/offices/address';
import { isOneOf } from '../src/domain/text';
import type { FieldOffice } from '../src/domain/offices/types';
import type { DialogServices } from './services';
import { gaveUp, giveUp } from './attempts';
import { yesNoChoices } from './choices';
import type { Flow } from './flow';
import { message, say, withSuggestions } from './messages';
import { translate, turnLanguage } from './turnLanguage';
import { choicePrompt, textPrompt } from './prompts';

export const LOCATION_DIALOG = 'location';
const ZIP = 'location.zip';
const COUNTRY = 'location.country';
const CONFIRM = 'location.confirm';

/** Where the person lives and so which office serves them. */
export interface Location {
  officeCode: string;
  zip?: string;
  /** ISO alpha-2, for people outside the United States. */
  country?: string;
}

interface LocationValues {
  zip?: string;
  country?: string;
  /** The serving office, by code: the conversation state holds no copy of the directory. */
  officeCode?: string;
  /** How versions before officeCode kept the office, read from conversations they saved. */
  office?: Pick<FieldOffice, 'code'>;
}

/** ZIP code, or country of residence for people outside the US → the serving field office → continue? */
export class LocationDialog extends StepDialog implements Flow {
  readonly prompts: readonly Dialog[];

  constructor(private readonly services: DialogServices) {
    super(LOCATION_DIALOG);
    this.prompts = [
      textPrompt(ZIP, (p) => this.validateZip(p)),
      textPrompt(COUNTRY, (p) => this.validateCountry(p)),
      choicePrompt(CONFIRM, services.translator),
    ];
    for (const step of [this.askZip, this.askCountry, this.showOffice, this.finish]) this.addStep(step.bind(this));
  }

  private outsideWords(p: { context: Step['context'] }): string[] {
    const t = translate(p.context, this.services);
    return [t('location.outside'), ...this.services.translator.words(turnLanguage(p.context), 'location.outsideWords')];
  }

  private async validateZip(prompt: PromptValidatorContext<string>): Promise<boolean> {
    const text = prompt.recognized.value ?? '';
    if (isOneOf(text, this.outsideWords(prompt))) return true;
    const zip = normalizeZip(text);
    if (zip && this.services.offices.forZip(zip)) return true;
    await say(prompt.context, this.services, zip ? 'location.zipUnknown' : 'location.zipInvalid', { zip: zip ?? '' });
    return false;
  }

  private async validateCountry(prompt: PromptValidatorContext<string>): Promise<boolean> {
    if (resolveCountry(prompt.recognized.value ?? '', turnLanguage(prompt.context))) return true;
    await say(prompt.context, this.services, 'location.countryUnknown');
    return false;
  }

  private async askZip(step: Step): Promise<DialogTurnResult> {
    const t = translate(step.context, this.services);
    return step.prompt(ZIP, {
      prompt: withSuggestions(step.context, t('location.zipPrompt'), [t('location.outside')]),
      retryPrompt: withSuggestions(step.context, t('location.zipRetry'), [t('location.outside')]),
    });
  }

  private async askCountry(step: Step): Promise<DialogTurnResult> {
    if (gaveUp(step)) return giveUp(step, this.services);
    const text = String(step.result ?? '');
    const values = step.values as LocationValues;
    if (!isOneOf(text, this.outsideWords(step))) {
      values.zip = normalizeZip(text);
      return step.next();
    }
    const t = translate(step.context, this.services);
    return step.prompt(COUNTRY, {
      prompt: message(step.context, t('location.countryPrompt')),
      retryPrompt: message(step.context, t('location.countryRetry')),
    });
  }

  private async showOffice(step: Step): Promise<DialogTurnResult> {
    if (gaveUp(step)) return giveUp(step, this.services);
    const values = step.values as LocationValues;
    const language = turnLanguage(step.context);
    let office: FieldOffice | undefined;
    if (values.zip) {
      office = this.services.offices.forZip(values.zip)?.office;
    } else {
      values.country = resolveCountry(String(step.result ?? ''), language);
      if (values.country === 'US') {
        await say(step.context, this.services, 'location.countryIsUs');
        return step.replaceDialog(LOCATION_DIALOG);
      }
      office = values.country ? this.services.offices.forCountry(values.country) : undefined;
      if (!office) {
        await say(step.context, this.services, 'location.noOfficeAbroad', { country: countryName(values.country ?? '', language) });
        return step.endDialog();
      }
    }
    if (!office) return step.endDialog();
    values.officeCode = office.code;
    const t = translate(step.context, this.services);
    return step.prompt(CONFIRM, {
      prompt: message(step.context, t('location.office', { name: office.name, address: formatOfficeAddress(office) })),
      retryPrompt: message(step.context, t('common.yesNoRetry')),
      choices: yesNoChoices(step.context, this.services),
    });
  }

  private async finish(step: Step): Promise<DialogTurnResult> {
    const answer = step.result as FoundChoice | undefined;
    if (gaveUp(step) || !answer) return giveUp(step, this.services);
    if (answer.value === 'no') return step.replaceDialog(LOCATION_DIALOG);
    const values = step.values as LocationValues;
    const location: Location = { officeCode: values.officeCode ?? values.office?.code ?? '', zip: values.zip, country: values.country };
    return step.endDialog(location);
  }
}
