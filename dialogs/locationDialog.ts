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
import { incomingText, translate, turnLanguage } from './turnLanguage';
import { choicePrompt, textPrompt } from './prompts';
import { type Heard, hear, heardMore, heardNow } from './heard';
import { type Correction, correctionAt } from './corrections';

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

export interface LocationOptions {
  /** What the person already said (a ZIP code, a country, an office's city): the office is found from it without asking. */
  heard?: Heard;
  /** Said with the first question asked (what the booking changed from an answer to it). */
  lead?: string;
}

/** The location, whether the person saw and confirmed the office, and what their answers said ahead of later questions. */
export interface LocationResult extends Location {
  /** False when the office came from what was heard: the booking then names it with its next question. */
  confirmed: boolean;
  ahead?: Heard;
  /** The lead was said with a question. */
  leadSaid?: boolean;
}

/** What the ZIP code and country questions ask. */
const OWN: readonly ('zip' | 'country' | 'office')[] = ['zip', 'country', 'office'];

interface LocationValues {
  ahead?: Heard;
  leadSaid?: boolean;
  zip?: string;
  country?: string;
  /** The serving office, by code: the conversation state holds no copy of the directory. */
  officeCode?: string;
  /** How versions before officeCode kept the office, read from conversations they saved. */
  office?: Pick<FieldOffice, 'code'>;
}

/** ZIP code, or country of residence for people outside the US → the serving field office → continue? */
export class LocationDialog extends StepDialog<LocationOptions> implements Flow {
  readonly prompts: readonly Dialog[];

  constructor(private readonly services: DialogServices) {
    super(LOCATION_DIALOG);
    this.prompts = [
      textPrompt(ZIP, 'zip', (p) => this.validateZip(p)),
      textPrompt(COUNTRY, 'country', (p) => this.validateCountry(p)),
      choicePrompt(CONFIRM, services.translator),
    ];
    for (const step of [this.askZip, this.askCountry, this.showOffice, this.finish]) this.addStep(step.bind(this));
  }

  private outsideWords(p: { context: Step['context'] }): string[] {
    const t = translate(p.context, this.services);
    return [t('location.outside'), ...this.services.translator.words(turnLanguage(p.context), 'location.outsideWords')];
  }

  /** The ZIP code in an answer to the ZIP code question (the message whole, or the code in it). */
  private zipIn(context: Step['context']): string | undefined {
    return normalizeZip(incomingText(context)) ?? hear(context, this.services, 'zip').entities.zip;
  }

  /** Whether the message answers the ZIP code question: a ZIP code an office serves, or "I live outside the United States". */
  private answersZip(context: Step['context']): boolean {
    const zip = this.zipIn(context);
    return (
      isOneOf(incomingText(context), this.outsideWords({ context })) ||
      (zip !== undefined && this.services.offices.forZip(zip) !== undefined)
    );
  }

  private answersCountry(context: Step['context']): boolean {
    return resolveCountry(incomingText(context), turnLanguage(context)) !== undefined;
  }

  /** What a message at the ZIP code or country question corrects of another answer ("no, it is for my work permit"). */
  private corrects(context: Step['context'], answered: boolean): Heard | undefined {
    return correctionAt(context, this.services, OWN, answered);
  }

  private async validateZip(prompt: PromptValidatorContext<string>): Promise<boolean> {
    const answered = this.answersZip(prompt.context);
    if (answered || this.corrects(prompt.context, answered)) return true;
    const zip = this.zipIn(prompt.context);
    await say(prompt.context, this.services, zip ? 'location.zipUnknown' : 'location.zipInvalid', { zip: zip ?? '' });
    return false;
  }

  private async validateCountry(prompt: PromptValidatorContext<string>): Promise<boolean> {
    const answered = this.answersCountry(prompt.context);
    if (answered || this.corrects(prompt.context, answered)) return true;
    await say(prompt.context, this.services, 'location.countryUnknown');
    return false;
  }

  /** The question, after the booking's lead the first time one is asked. */
  private withLead(step: Step<LocationOptions>, text: string): string {
    const values = step.values as LocationValues;
    const lead = !values.leadSaid && step.options?.lead ? `${step.options.lead} ` : '';
    values.leadSaid = true;
    return lead + text;
  }

  /** The office for what was heard (an office's city, a ZIP code, a country abroad), when it names one. */
  private heardOffice(heard: Heard | undefined): { office: FieldOffice; zip?: string; country?: string } | undefined {
    if (!heard) return undefined;
    const zip = heard.zip ? this.services.offices.forZip(heard.zip)?.office : undefined;
    if (zip) return { office: zip, zip: heard.zip };
    const named = heard.office ? this.services.offices.byCode(heard.office) : undefined;
    if (named) return { office: named };
    const abroad = heard.country && heard.country !== 'US' ? this.services.offices.forCountry(heard.country) : undefined;
    return abroad ? { office: abroad, country: heard.country } : undefined;
  }

  private async askZip(step: Step<LocationOptions>): Promise<DialogTurnResult> {
    const found = this.heardOffice(step.options?.heard);
    if (found) {
      const result: LocationResult = { officeCode: found.office.code, zip: found.zip, country: found.country, confirmed: false };
      return step.endDialog(result);
    }
    const t = translate(step.context, this.services);
    return step.prompt(ZIP, {
      prompt: withSuggestions(step.context, this.withLead(step, t('location.zipPrompt')), [t('location.outside')]),
      retryPrompt: withSuggestions(step.context, t('location.zipRetry'), [t('location.outside')]),
    });
  }

  private async askCountry(step: Step<LocationOptions>): Promise<DialogTurnResult> {
    if (gaveUp(step)) return giveUp(step, this.services);
    const text = String(step.result ?? '');
    const values = step.values as LocationValues;
    const correction = this.corrects(step.context, this.answersZip(step.context));
    if (correction) return step.endDialog({ correction } satisfies Correction);
    if (!isOneOf(text, this.outsideWords(step))) {
      values.zip = this.zipIn(step.context);
      values.ahead = heardMore(step.options?.heard, heardNow(step.context, this.services, 'zip'), OWN);
      return step.next();
    }
    const t = translate(step.context, this.services);
    return step.prompt(COUNTRY, {
      prompt: message(step.context, t('location.countryPrompt')),
      retryPrompt: message(step.context, t('location.countryRetry')),
    });
  }

  private async showOffice(step: Step<LocationOptions>): Promise<DialogTurnResult> {
    if (gaveUp(step)) return giveUp(step, this.services);
    const values = step.values as LocationValues;
    const language = turnLanguage(step.context);
    let office: FieldOffice | undefined;
    if (!values.zip) {
      const correction = this.corrects(step.context, this.answersCountry(step.context));
      if (correction) return step.endDialog({ correction } satisfies Correction);
    }
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

  private async finish(step: Step<LocationOptions>): Promise<DialogTurnResult> {
    const answer = step.result as FoundChoice | undefined;
    if (gaveUp(step) || !answer) return giveUp(step, this.services);
    const values = step.values as LocationValues;
    if (answer.value === 'no') {
      // "no, my ZIP is 10002": the corrected place is taken at once.
      const corrected = hear(step.context, this.services, 'officeConfirm').entities;
      const again: LocationOptions = {
        heard: { ...(values.ahead ?? step.options?.heard ?? {}), zip: corrected.zip, country: corrected.country, office: corrected.office },
      };
      return step.replaceDialog(LOCATION_DIALOG, this.heardOffice(again.heard) ? again : {});
    }
    const location: LocationResult = {
      officeCode: values.officeCode ?? values.office?.code ?? '',
      zip: values.zip,
      country: values.country,
      confirmed: true,
      leadSaid: values.leadSaid === true,
      ...(values.ahead ? { ahead: values.ahead } : {}),
    };
    return step.endDialog(location);
  }
}
