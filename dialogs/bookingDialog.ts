import { type Dialog, type DialogTurnResult, type FoundChoice } from 'botbuilder-dialogs';
import { type Step, StepDialog } from '../src/framework/stepDialog';
import type { Entities } from '../src/domain/understanding';
import { ADVISORY_ONLY, REASON_CODES, type ReasonCode, isReasonCode } from '../src/domain/reasons';
import { formatSlot } from '../src/domain/dates/format';
import { formatCalendarDate } from '../src/domain/dates/format';
import { formatPhoneForDisplay } from '../src/domain/phone';
import { formatOfficeAddress } from '../src/domain/offices/address';
import { makeDobVerifier, personKey } from '../src/domain/appointments/personIdentity';
import { buildNotice } from '../src/domain/appointments/notice';
import { languageByCode } from '../src/domain/languages';
import { noticeCard } from '../src/cards/noticeCard';
import type { Slot } from '../src/domain/slots/types';
import type { DialogServices } from './services';
import { LOCATION_DIALOG, type Location } from './locationDialog';
import { PERSONAL_DETAILS_DIALOG, type PersonalDetails, type PersonalDetailsOptions } from './personalDetailsDialog';
import { SLOT_DIALOG, type SlotDialogOptions } from './slotDialog';
import { gaveUp, giveUp } from './attempts';
import { choice, yesNoChoices } from './choices';
import type { Flow } from './flow';
import { cardMessage, message, say } from './messages';
import { translate, turnLanguage } from './turnLanguage';
import { choicePrompt } from './prompts';

export const BOOKING_DIALOG = 'booking';
const REASON = 'booking.reason';
const CONFIRM = 'booking.confirm';

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
  slot?: Slot;
}

/** Office → reason → personal details → time → summary → confirm → book → notice. */
export class BookingDialog extends StepDialog<BookingDraft> implements Flow {
  readonly prompts: readonly Dialog[];

  /** Begins the location, personal details and slot flows by id: the root dialog holds them. */
  constructor(private readonly services: DialogServices) {
    super(BOOKING_DIALOG);
    this.prompts = [choicePrompt(REASON, services.translator), choicePrompt(CONFIRM, services.translator)];
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
    if (this.draft(step).location) return step.next(this.draft(step).location);
    return step.beginDialog(LOCATION_DIALOG);
  }

  private async reason(step: Step<BookingDraft>): Promise<DialogTurnResult> {
    const draft = this.draft(step);
    const location = step.result as Location | undefined;
    if (!location) return step.endDialog();
    draft.location = location;
    if (draft.reason) return step.next();
    const t = translate(step.context, this.services);
    return step.prompt(REASON, {
      prompt: message(step.context, t('booking.reasonPrompt')),
      retryPrompt: message(step.context, t('booking.reasonRetry')),
      choices: REASON_CODES.map((code) => choice(code, t(`reasons.${code}`), `reasons.${code}Words`)),
    });
  }

  private async details(step: Step<BookingDraft>): Promise<DialogTurnResult> {
    const draft = this.draft(step);
    if (!draft.reason) {
      const picked = step.result as FoundChoice | undefined;
      if (gaveUp(step) || !picked || !isReasonCode(picked.value)) return giveUp(step, this.services);
      draft.reason = picked.value;
    }
    if (ADVISORY_ONLY.has(draft.reason)) {
      await say(step.context, this.services, `booking.advisory_${draft.reason}`);
      return step.endDialog();
    }
    if (draft.details) return step.next(draft.details);
    const office = this.office(draft);
    if (!office) return step.endDialog();
    const options: PersonalDetailsOptions = { timeZone: office.timeZone, allowInternationalPhone: office.kind === 'international' };
    return step.beginDialog(PERSONAL_DETAILS_DIALOG, options);
  }

  private async slot(step: Step<BookingDraft>): Promise<DialogTurnResult> {
    const draft = this.draft(step);
    const details = step.result as PersonalDetails | undefined;
    if (!details || !draft.location) return step.endDialog();
    draft.details = details;
    const options: SlotDialogOptions = { officeCode: draft.location.officeCode };
    return step.beginDialog(SLOT_DIALOG, options);
  }

  private async confirm(step: Step<BookingDraft>): Promise<DialogTurnResult> {
    const draft = this.draft(step);
    const slot = step.result as Slot | undefined;
    const office = this.office(draft);
    if (!slot || !office || !draft.details || !draft.reason) return step.endDialog();
    draft.slot = slot;
    const t = translate(step.context, this.services);
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
      choices: yesNoChoices(step.context, this.services),
    });
  }

  private async book(step: Step<BookingDraft>): Promise<DialogTurnResult> {
    const draft = this.draft(step);
    const answer = step.result as FoundChoice | undefined;
    if (gaveUp(step) || !answer) return giveUp(step, this.services);
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
