import { type Dialog, type DialogTurnResult, type FoundChoice } from 'botbuilder-dialogs';
import { type Step, StepDialog } from '../src/framework/stepDialog';
import type { Entities } from '../src/domain/understanding';
import { normalizeZip } from '../src/domain/offices/officeDirectory';
import { parsePhone } from '../src/domain/phone';
import { parseDateOfBirth } from '../src/domain/dates/dateOfBirth';
import { calendarDateIn } from '../src/domain/dates/calendarDate';
import { whenCandidates } from '../src/domain/dates/whenEntity';
import { foldText } from '../src/domain/text';
import { ADVISORY_ONLY, REASON_CODES, type ReasonCode, isReasonCode } from '../src/domain/reasons';
import { formatSlot } from '../src/domain/dates/format';
import { formatCalendarDate } from '../src/domain/dates/format';
import { formatPhoneForDisplay } from '../src/domain/phone';
import type { TurnContext } from 'botbuilder';
import { formatOfficeAddress } from '../src/domain/offices/address';
import { makeDobVerifier, personKey } from '../src/domain/appointments/personIdentity';
import { buildNotice } from '../src/domain/appointments/notice';
import { languageByCode } from '../src/domain/languages';
import { noticeCard } from '../src/cards/noticeCard';
import type { Slot } from '../src/domain/slots/types';
import type { DialogServices } from './services';
import { LOCATION_DIALOG, type Location, type LocationOptions, type LocationResult } from './locationDialog';
import {
  PERSONAL_DETAILS_DIALOG,
  type PersonalDetails,
  type PersonalDetailsOptions,
  type PersonalDetailsResult,
} from './personalDetailsDialog';
import { SLOT_DIALOG, type SlotDialogOptions, type SlotResult } from './slotDialog';
import { FIELDS, type Field, correctionIn, hear, heardMore, isCorrection, namedField, whenAhead } from './heard';
import { gaveUp, giveUp } from './attempts';
import { choice, yesNoChoices } from './choices';
import type { Flow } from './flow';
import { cardMessage, message, say } from './messages';
import { incomingText, translate, turnLanguage } from './turnLanguage';
import { choicePrompt } from './prompts';

export const BOOKING_DIALOG = 'booking';
const REASON = 'booking.reason';
const CONFIRM = 'booking.confirm';
const FIELD = 'booking.field';
/** The summary's third choice, and what a message naming a correction is read as. */
const CHANGE = 'change';
const CORRECTED = 'corrected';
const FIELD_CHOICE = 'field:';

/** What the booking flow has gathered so far; passed along again when it must go back a step. */
export interface BookingDraft {
  /**
   * What the person has already said that answers questions of this flow (a first message such as
   * "cita para mi green card, vivo en 90012, el martes"): each step takes its answer from here
   * instead of asking.
   */
  heard?: Entities;
  location?: Location;
  reason?: ReasonCode;
  details?: PersonalDetails;
  /** Personal details kept while another one is asked again (a correction). */
  known?: Partial<PersonalDetails>;
  slot?: Slot;
  /** What was taken without asking, to say back with the next question. */
  recap?: { office?: boolean; reason?: boolean; when?: boolean };
  /** The summary asks which field to change instead of whether to book. */
  choosingField?: boolean;
}

/** Office → reason → personal details → time → summary → confirm → book → notice. */
export class BookingDialog extends StepDialog<BookingDraft> implements Flow {
  readonly prompts: readonly Dialog[];

  /** Begins the location, personal details and slot flows by id: the root dialog holds them. */
  constructor(private readonly services: DialogServices) {
    super(BOOKING_DIALOG);
    this.prompts = [
      choicePrompt(REASON, services.translator, (context) =>
        correctionIn(hear(context, this.services, 'reason'), ['reason'], incomingText(context)) ? this.found(CORRECTED) : undefined,
      ),
      choicePrompt(CONFIRM, services.translator, (context) => this.correction(context)),
      choicePrompt(FIELD, services.translator),
    ];
    for (const step of [this.location, this.reason, this.details, this.slot, this.confirm, this.book]) this.addStep(step.bind(this));
  }

  private draft(step: Step<BookingDraft>): BookingDraft {
    const values = step.values as { draft?: BookingDraft };
    values.draft ??= { ...(step.options ?? {}) };
    return values.draft;
  }

  private office(draft: BookingDraft) {
    return draft.location ? this.services.offices.byCode(draft.location.officeCode) : undefined;
  }

  private async location(step: Step<BookingDraft>): Promise<DialogTurnResult> {
    const draft = this.draft(step);
    if (draft.location) return step.next(draft.location);
    const options: LocationOptions = draft.heard ? { heard: draft.heard } : {};
    return step.beginDialog(LOCATION_DIALOG, options);
  }

  /**
   * What was taken without asking, said back in one short message before the next question
   * ("Your office: Detroit Field Office, …. Reason: green card never received."), once.
   */
  private lead(step: Step<BookingDraft>): string | undefined {
    const draft = this.draft(step);
    const recap = draft.recap;
    if (!recap) return undefined;
    const t = translate(step.context, this.services);
    const office = this.office(draft);
    const parts: string[] = [];
    if (recap.office && office) parts.push(t('recap.office', { office: office.name, address: formatOfficeAddress(office) }));
    if (recap.reason && draft.reason) parts.push(t('recap.reason', { reason: t(`reasons.${draft.reason}`) }));
    const when = draft.heard?.when;
    if (recap.when && when && office) {
      const candidate = whenCandidates(when, this.services.clock.now(), office.timeZone)[0];
      if (candidate) parts.push(t('recap.when', { when: this.describeWhen(step, candidate.start, candidate.precision, office.timeZone) }));
    }
    return parts.length > 0 ? parts.join(' ') : undefined;
  }

  private describeWhen(step: Step<BookingDraft>, start: string, precision: string, timeZone: string): string {
    const t = translate(step.context, this.services);
    const f = formatSlot(start, timeZone, languageByCode(turnLanguage(step.context)).intlLocale);
    if (precision === 'day') return f.date;
    if (precision === 'partOfDay') {
      const hour = Number(start.slice(11, 13));
      const part = hour < 12 ? 'morning' : hour < 17 ? 'afternoon' : 'evening';
      return t('slots.dayPart', { date: f.date, part: t(`slots.part_${part}`) });
    }
    return t('slots.label', { date: f.date, time: f.time });
  }

  /** The lead was said with a question: it is not said again. */
  private leadSaid(step: Step<BookingDraft>): void {
    delete this.draft(step).recap;
  }

  private async reason(step: Step<BookingDraft>): Promise<DialogTurnResult> {
    const draft = this.draft(step);
    const location = step.result as LocationResult | undefined;
    if (!location) return step.endDialog();
    if (draft.location !== location) {
      draft.location = { officeCode: location.officeCode, zip: location.zip, country: location.country };
      if (location.ahead) draft.heard = heardMore(draft.heard, location.ahead);
      if (location.confirmed === false) draft.recap = { ...draft.recap, office: true };
    }
    if (!draft.reason && draft.heard?.reason && isReasonCode(draft.heard.reason)) {
      draft.reason = draft.heard.reason;
      draft.recap = { ...draft.recap, reason: true };
    }
    if (draft.heard?.when && !draft.slot && draft.recap) draft.recap.when = true;
    if (draft.reason) return step.next();
    const t = translate(step.context, this.services);
    const lead = this.lead(step);
    this.leadSaid(step);
    return step.prompt(REASON, {
      prompt: message(step.context, (lead ? `${lead} ` : '') + t('booking.reasonPrompt')),
      retryPrompt: message(step.context, t('booking.reasonRetry')),
      choices: REASON_CODES.map((code) => choice(code, t(`reasons.${code}`), `reasons.${code}Words`)),
    });
  }

  private async details(step: Step<BookingDraft>): Promise<DialogTurnResult> {
    const draft = this.draft(step);
    const office = this.office(draft);
    if (!draft.reason) {
      const picked = step.result as FoundChoice | undefined;
      if (picked?.value === CORRECTED) {
        const correction = correctionIn(hear(step.context, this.services, 'reason'), ['reason'], incomingText(step.context));
        return step.replaceDialog(BOOKING_DIALOG, this.corrected(draft, correction ?? {}));
      }
      if (gaveUp(step) || !picked || !isReasonCode(picked.value)) return giveUp(step, this.services);
      draft.reason = picked.value;
      // A reason answered by its own title or words ("… in 45 days", tapped or typed) says nothing more.
      if (foldText(picked.synonym ?? '') !== foldText(incomingText(step.context))) {
        // "green card, and I can come Tuesday morning": what the answer says ahead is kept.
        const heard = hear(step.context, this.services, 'reason', office?.timeZone).entities;
        const when = draft.heard?.when ? undefined : (heard.when ?? whenAhead(step.context, this.services, office?.timeZone));
        draft.heard = heardMore(draft.heard, when ? { ...heard, when } : heard, ['reason']);
        if (when && !draft.slot) draft.recap = { ...draft.recap, when: true };
      }
    }
    if (ADVISORY_ONLY.has(draft.reason)) {
      await say(step.context, this.services, `booking.advisory_${draft.reason}`);
      return step.endDialog();
    }
    if (draft.details) return step.next(draft.details);
    if (!office) return step.endDialog();
    const heard = draft.heard ?? {};
    const known: Partial<PersonalDetails> = {
      ...(heard.name ? { name: heard.name } : {}),
      ...(heard.dateOfBirth ? { dateOfBirth: heard.dateOfBirth } : {}),
      ...(heard.phone ? { phone: heard.phone } : {}),
      ...(draft.known ?? {}),
    };
    const lead = this.lead(step);
    const options: PersonalDetailsOptions = {
      timeZone: office.timeZone,
      allowInternationalPhone: office.kind === 'international',
      ...(Object.keys(known).length > 0 ? { known } : {}),
      ...(lead ? { lead } : {}),
    };
    return step.beginDialog(PERSONAL_DETAILS_DIALOG, options);
  }

  private async slot(step: Step<BookingDraft>): Promise<DialogTurnResult> {
    const draft = this.draft(step);
    if (isCorrection(step.result)) {
      const known = { ...(draft.known ?? {}), ...(step.result.known ?? {}) };
      return step.replaceDialog(BOOKING_DIALOG, this.corrected({ ...draft, known }, step.result.correction));
    }
    const details = step.result as PersonalDetailsResult | undefined;
    if (!details || !draft.location) return step.endDialog();
    if (details !== draft.details) {
      draft.details = { name: details.name, dateOfBirth: details.dateOfBirth, phone: details.phone };
      delete draft.known;
      if (details.ahead) draft.heard = heardMore(draft.heard, details.ahead);
      if (details.leadSaid) this.leadSaid(step);
    }
    if (draft.slot) return step.next(draft.slot);
    const lead = this.lead(step);
    const options: SlotDialogOptions = {
      officeCode: draft.location.officeCode,
      ...(draft.heard?.when ? { when: draft.heard.when } : {}),
      ...(lead ? { lead } : {}),
    };
    return step.beginDialog(SLOT_DIALOG, options);
  }

  private async confirm(step: Step<BookingDraft>): Promise<DialogTurnResult> {
    const draft = this.draft(step);
    if (isCorrection(step.result)) return step.replaceDialog(BOOKING_DIALOG, this.corrected(draft, step.result.correction));
    const slot = step.result as SlotResult | undefined;
    const office = this.office(draft);
    if (!slot || !office || !draft.details || !draft.reason) return step.endDialog();
    draft.slot = { officeCode: slot.officeCode, start: slot.start };
    // The summary says everything: nothing is left to say back.
    delete draft.recap;
    const t = translate(step.context, this.services);
    if (draft.choosingField) {
      return step.prompt(FIELD, {
        prompt: message(step.context, t('recap.whichField')),
        retryPrompt: message(step.context, t('recap.whichFieldRetry')),
        choices: FIELDS.map((field) => choice(`${FIELD_CHOICE}${field}`, t(`recap.field_${field}`), `recap.fieldWords_${field}`)),
      });
    }
    const locale = languageByCode(turnLanguage(step.context)).intlLocale;
    const when = formatSlot(slot.start, office.timeZone, locale);
    const summary = t('booking.summary', {
      date: when.date,
      time: when.time,
      zone: when.zone,
      office: office.name,
      address: formatOfficeAddress(office),
      reason: t(`reasons.${draft.reason}`),
      name: draft.details.name,
      dateOfBirth: formatCalendarDate(draft.details.dateOfBirth, locale),
      phone: formatPhoneForDisplay(draft.details.phone),
    });
    return step.prompt(CONFIRM, {
      prompt: message(step.context, summary),
      retryPrompt: message(step.context, t('common.yesNoRetry')),
      choices: [...yesNoChoices(step.context, this.services), choice(CHANGE, t('recap.change'), 'recap.changeWords')],
    });
  }

  /**
   * At the summary, a message that corrects something ("no, my ZIP is 10002", "wrong phone", "el
   * nombre está mal"): read once, as the answer to the summary. A plain yes or no is left to the choices.
   */
  private correction(context: TurnContext): FoundChoice | undefined {
    const u = hear(context, this.services, 'summary');
    if (u.intent === 'yes') return undefined;
    const { entities } = u;
    if (entities.zip || entities.country || entities.office || entities.reason || entities.name) return this.found(CORRECTED);
    if (entities.dateOfBirth || entities.phone || entities.when) return this.found(CORRECTED);
    const field = namedField(context, this.services);
    return field ? this.found(`${FIELD_CHOICE}${field}`) : undefined;
  }

  private found(value: string): FoundChoice {
    return { value, index: 0, score: 1 };
  }

  /** The draft with one field to ask again (and what was heard for it forgotten): the flow asks only that, then the summary. */
  private without(draft: BookingDraft, field: Field): BookingDraft {
    const { details } = draft;
    const heard = { ...(draft.heard ?? {}) };
    const next: BookingDraft = { ...draft, heard, choosingField: false };
    delete next.recap;
    switch (field) {
      case 'location':
        delete heard.zip;
        delete heard.country;
        delete heard.office;
        delete next.location;
        delete next.slot;
        break;
      case 'reason':
        delete heard.reason;
        delete next.reason;
        break;
      case 'slot':
        delete heard.when;
        delete next.slot;
        break;
      default: {
        delete heard[field];
        delete next.details;
        const known: Partial<PersonalDetails> = { ...(details ?? {}) };
        delete known[field];
        next.known = known;
      }
    }
    return next;
  }

  /** The draft with what a message at the summary corrected, each value checked as if asked. */
  private corrected(draft: BookingDraft, entities: Entities): BookingDraft {
    const office = this.office(draft);
    let next: BookingDraft = { ...draft, choosingField: false };
    const place = entities.zip ?? entities.office ?? entities.country;
    if (place) {
      next = this.without(next, 'location');
      next.heard = { ...next.heard, zip: entities.zip, office: entities.office, country: entities.country };
      if (entities.zip && !normalizeZip(entities.zip)) delete next.heard.zip;
    }
    if (entities.reason && isReasonCode(entities.reason)) next.reason = entities.reason;
    if (entities.when) next = { ...this.without(next, 'slot'), heard: { ...next.heard, when: entities.when } };
    const details = next.details;
    if (details && office) {
      const changed: PersonalDetails = { ...details };
      if (entities.name) changed.name = entities.name;
      const today = calendarDateIn(this.services.clock.now(), office.timeZone);
      if (entities.dateOfBirth && parseDateOfBirth(entities.dateOfBirth, 'en', today).kind === 'date')
        changed.dateOfBirth = entities.dateOfBirth;
      const phone = entities.phone ? parsePhone(entities.phone, { allowInternational: office.kind === 'international' }) : undefined;
      if (phone?.ok) changed.phone = phone.e164;
      next.details = changed;
      if (phone && !phone.ok) next = this.without(next, 'phone');
    } else {
      // Not all asked yet: kept as known, and checked when the personal details are asked.
      next.known = {
        ...next.known,
        ...(entities.name ? { name: entities.name } : {}),
        ...(entities.dateOfBirth ? { dateOfBirth: entities.dateOfBirth } : {}),
        ...(entities.phone ? { phone: entities.phone } : {}),
      };
    }
    return next;
  }

  private async book(step: Step<BookingDraft>): Promise<DialogTurnResult> {
    const draft = this.draft(step);
    const answer = step.result as FoundChoice | undefined;
    if (gaveUp(step) || !answer) return giveUp(step, this.services);
    if (answer.value === CHANGE) return step.replaceDialog(BOOKING_DIALOG, { ...draft, choosingField: true } satisfies BookingDraft);
    if (answer.value.startsWith(FIELD_CHOICE)) {
      const field = answer.value.slice(FIELD_CHOICE.length) as Field;
      return step.replaceDialog(BOOKING_DIALOG, this.without(draft, field));
    }
    if (answer.value === CORRECTED) {
      return step.replaceDialog(BOOKING_DIALOG, this.corrected(draft, hear(step.context, this.services, 'summary').entities));
    }
    if (answer.value !== 'yes') {
      await say(step.context, this.services, 'booking.notBooked');
      return step.endDialog();
    }
    const office = this.office(draft);
    const { details, slot, reason, location } = draft;
    if (!office || !details || !slot || !reason || !location) return step.endDialog();
    const language = turnLanguage(step.context);
    const result = await this.services.store.book(
      {
        officeCode: office.code,
        slotStart: slot.start,
        reason,
        name: details.name,
        dobVerifier: makeDobVerifier(details.dateOfBirth, this.services.personSecret),
        phone: details.phone,
        language,
        personKey: personKey(details.name, details.dateOfBirth, this.services.personSecret),
      },
      this.services.policy.capacity,
    );
    if (!result.ok && result.reason === 'slot_full') {
      await say(step.context, this.services, 'booking.slotTaken');
      const again: BookingDraft = { location, reason, details };
      return step.replaceDialog(BOOKING_DIALOG, again);
    }
    if (!result.ok) {
      await say(step.context, this.services, 'booking.alreadyBooked');
      return step.endDialog();
    }
    const t = translate(step.context, this.services);
    const links = this.services.noticeLinks?.(result.appointment);
    const notice = buildNotice(result.appointment, office, t, language, links ? { links } : {});
    await step.context.sendActivity(cardMessage(step.context, notice.text, noticeCard(notice)));
    return step.endDialog(result.appointment.receiptNumber);
  }
}
