import { randomUUID } from 'node:crypto';
import { type Dialog, type DialogTurnResult, type FoundChoice } from 'botbuilder-dialogs';
import type { TurnContext } from 'botbuilder';
import { type Step, StepDialog } from '../src/framework/stepDialog';
import { whenCandidates } from '../src/domain/dates/whenEntity';
import { ADVISORY_ONLY, REASON_CODES, isReasonCode } from '../src/domain/reasons';
import { formatCalendarDate, formatSlot } from '../src/domain/dates/format';
import { formatPhoneForDisplay } from '../src/domain/phone';
import { foldText } from '../src/domain/text';
import { formatOfficeAddress } from '../src/domain/offices/address';
import { makeDobVerifier, personKey } from '../src/domain/appointments/personIdentity';
import { languageByCode } from '../src/domain/languages';
import type { Appointment } from '../src/domain/appointments/types';
import type { DialogServices } from './services';
import { LOCATION_DIALOG, type LocationOptions, type LocationResult } from './locationDialog';
import { PERSONAL_DETAILS_DIALOG, type PersonalDetailsOptions, type PersonalDetailsResult } from './personalDetailsDialog';
import { SLOT_DIALOG, type SlotDialogOptions, type SlotResult } from './slotDialog';
import { hear, heardMore, heardNow, whenAhead } from './heard';
import { FIELDS, type Field, correctionAt, isCorrection, namedField } from './corrections';
import { type BookingDraft, type CorrectedAt, correctedDraft, knownDetails, withoutField } from './bookingDraft';
import { gaveUp, giveUp, rootDialogContext } from './attempts';
import { choice, yesNoChoices } from './choices';
import type { Flow } from './flow';
import { message, say } from './messages';
import { sendNotice } from './notices';
import { askReminderAfter } from './reminderDialog';
import { RESCHEDULE_DIALOG, type RescheduleDialogOptions } from './rescheduleDialog';
import { CANCEL_DIALOG, type CancelDialogOptions } from './cancelDialog';
import { incomingText, translate, turnLanguage } from './turnLanguage';
import { choicePrompt } from './prompts';
import { officeZoneOnStack } from './understanding';

export type { BookingDraft } from './bookingDraft';

export const BOOKING_DIALOG = 'booking';
const REASON = 'booking.reason';
const CONFIRM = 'booking.confirm';
const FIELD = 'booking.field';
const EXISTING = 'booking.existing';
/** The summary's third choice, and what a message naming a correction is read as. */
const CHANGE = 'change';
const CORRECTED = 'corrected';
const FIELD_CHOICE = 'field:';

/**
 * Office → reason → personal details → time → summary → confirm → book → notice → reminder
 * question. A person who already has an appointment, and whose name, date of birth and phone match
 * it, is shown it and offered to move or cancel it.
 */
export class BookingDialog extends StepDialog<BookingDraft> implements Flow {
  readonly prompts: readonly Dialog[];

  /** Begins the location, personal details and slot flows by id: the root dialog holds them. */
  constructor(private readonly services: DialogServices) {
    super(BOOKING_DIALOG);
    this.prompts = [
      choicePrompt(
        REASON,
        services.translator,
        (context) => (this.reasonCorrection(context, true) ? this.found(CORRECTED) : undefined),
        (context) => (this.reasonCorrection(context, false) ? this.found(CORRECTED) : undefined),
      ),
      choicePrompt(CONFIRM, services.translator, (context) => this.correction(context)),
      choicePrompt(FIELD, services.translator),
      choicePrompt(EXISTING, services.translator),
    ];
    for (const step of [this.location, this.reason, this.details, this.slot, this.confirm, this.book, this.existing]) {
      this.addStep(step.bind(this));
    }
  }

  private draft(step: Step<BookingDraft>): BookingDraft {
    const values = step.values as { draft?: BookingDraft };
    values.draft ??= { ...(step.options ?? {}) };
    return values.draft;
  }

  private office(draft: BookingDraft) {
    return draft.location ? this.services.offices.byCode(draft.location.officeCode) : undefined;
  }

  /** The office's zone, once there is an office on the stack: dates in messages are its wall-clock time. */
  private zone(context: TurnContext): string | undefined {
    const dc = rootDialogContext(context);
    return dc ? officeZoneOnStack(dc, this.services) : undefined;
  }

  private async location(step: Step<BookingDraft>): Promise<DialogTurnResult> {
    const draft = this.draft(step);
    if (draft.location) return step.next(draft.location);
    const lead = this.lead(step);
    const options: LocationOptions = { ...(draft.heard ? { heard: draft.heard } : {}), ...(lead ? { lead } : {}) };
    return step.beginDialog(LOCATION_DIALOG, options);
  }

  /**
   * What was taken without asking, or changed, said back in one short message before the next
   * question ("Your office: Detroit Field Office, …. Reason: green card never received."), once.
   */
  private lead(step: Step<BookingDraft>): string | undefined {
    const draft = this.draft(step);
    const recap = draft.recap;
    if (!recap) return undefined;
    const t = translate(step.context, this.services);
    const locale = languageByCode(turnLanguage(step.context)).intlLocale;
    const office = this.office(draft);
    const details = knownDetails(draft);
    const parts: string[] = [];
    if (recap.changed) parts.push(t('recap.changed'));
    if (recap.office && office) parts.push(t('recap.office', { office: office.name, address: formatOfficeAddress(office) }));
    const reason = draft.reason ?? draft.heard?.reason;
    if (recap.reason && reason) parts.push(t('recap.reason', { reason: t(`reasons.${reason}`) }));
    if (recap.name && details.name) parts.push(t('recap.name', { name: details.name }));
    if (recap.dateOfBirth && details.dateOfBirth) {
      parts.push(t('recap.dateOfBirth', { dateOfBirth: formatCalendarDate(details.dateOfBirth, locale) }));
    }
    if (recap.phone && details.phone) parts.push(t('recap.phone', { phone: formatPhoneForDisplay(details.phone) }));
    const when = draft.heard?.whenUnread ? undefined : draft.heard?.when;
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

  /** The booking begins again with what a message corrected: each step asks only what is still missing. */
  private correct(step: Step<BookingDraft>, values: Parameters<typeof correctedDraft>[1], at?: CorrectedAt): Promise<DialogTurnResult> {
    return step.replaceDialog(BOOKING_DIALOG, correctedDraft(this.draft(step), values, this.services, at));
  }

  private async reason(step: Step<BookingDraft>): Promise<DialogTurnResult> {
    const draft = this.draft(step);
    if (isCorrection(step.result)) return this.correct(step, step.result.correction);
    const location = step.result as LocationResult | undefined;
    if (!location) return step.endDialog();
    if (draft.location !== location) {
      if (location.leadSaid) this.leadSaid(step);
      draft.location = { officeCode: location.officeCode, zip: location.zip, country: location.country };
      if (location.ahead) draft.heard = heardMore(draft.heard, location.ahead);
      if (location.confirmed === false) draft.recap = { ...draft.recap, office: true };
    }
    if (!draft.reason && draft.heard?.reason && isReasonCode(draft.heard.reason)) {
      draft.reason = draft.heard.reason;
      draft.recap = { ...draft.recap, reason: true };
    }
    if (draft.heard?.when && !draft.slot && draft.recap && !draft.recap.changed) draft.recap.when = true;
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

  /** At the reason question: a correction said as one (`saidAsOne`), or a message that names no reason but corrects another answer. */
  private reasonCorrection(context: TurnContext, saidAsOne: boolean) {
    return correctionAt(context, this.services, ['reason'], saidAsOne, this.zone(context));
  }

  private async details(step: Step<BookingDraft>): Promise<DialogTurnResult> {
    const draft = this.draft(step);
    const office = this.office(draft);
    if (!draft.reason) {
      const picked = step.result as FoundChoice | undefined;
      if (picked?.value === CORRECTED) return this.correct(step, this.reasonCorrection(step.context, false) ?? {});
      if (gaveUp(step) || !picked || !isReasonCode(picked.value)) return giveUp(step, this.services);
      draft.reason = picked.value;
      // A reason answered by its own title or words ("… in 45 days", tapped or typed) says nothing more.
      if (foldText(picked.synonym ?? '') !== foldText(incomingText(step.context))) {
        // "green card, and I can come Tuesday morning": what the answer says ahead is kept.
        const heard = heardNow(step.context, this.services, 'reason', office?.timeZone);
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
    const known = knownDetails(draft);
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
    if (isCorrection(step.result)) return this.correct(step, step.result.correction, { known: step.result.known ?? {} });
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
    const heard = draft.heard ?? {};
    // A day not read ("juevs en la mañana"): asked about, naming the words; the time or part of the day said goes with the answer.
    const unread = heard.whenUnread;
    const options: SlotDialogOptions = {
      officeCode: draft.location.officeCode,
      ...(heard.when && !unread ? { when: heard.when } : {}),
      ...(unread ? { question: { key: 'slots.doubtful', values: { words: unread.join(' ') } } } : {}),
      ...(unread && heard.when ? { timeOfDay: heard.when } : {}),
      ...(draft.offerAgain ? { offerAgain: true } : {}),
      ...(lead ? { lead } : {}),
      ...(draft.reason && draft.details ? { waiting: { ...draft.details, reason: draft.reason } } : {}),
    };
    return step.beginDialog(SLOT_DIALOG, options);
  }

  private async confirm(step: Step<BookingDraft>): Promise<DialogTurnResult> {
    const draft = this.draft(step);
    if (isCorrection(step.result)) {
      return this.correct(step, step.result.correction, step.result.when ? { when: step.result.when } : {});
    }
    const slot = step.result as SlotResult | undefined;
    const office = this.office(draft);
    if (!slot || !office || !draft.details || !draft.reason) return step.endDialog();
    if (draft.slot === undefined || draft.slot.start !== slot.start) {
      draft.slot = { officeCode: slot.officeCode, start: slot.start };
      // What the person asked for is kept: another office offers times for it again.
      if (slot.asked) draft.heard = { ...forgetWhen(draft.heard), when: slot.asked };
      delete draft.offerAgain;
    }
    // The summary says everything: nothing is left to say back.
    delete draft.recap;
    // Saved with this turn's state, before the confirming turn books: a retry of that turn replays the booking.
    draft.requestId ??= randomUUID();
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
    if (hear(context, this.services, 'summary', this.zone(context)).intent === 'yes') return undefined;
    const heard = heardNow(context, this.services, 'summary', this.zone(context));
    if (heard.zip || heard.country || heard.office || heard.reason || heard.name) return this.found(CORRECTED);
    if (heard.dateOfBirth || heard.phone || heard.when) return this.found(CORRECTED);
    const field = namedField(context, this.services);
    return field ? this.found(`${FIELD_CHOICE}${field}`) : undefined;
  }

  private found(value: string): FoundChoice {
    return { value, index: 0, score: 1 };
  }

  private async book(step: Step<BookingDraft>): Promise<DialogTurnResult> {
    const draft = this.draft(step);
    const answer = step.result as FoundChoice | undefined;
    if (gaveUp(step) || !answer) return giveUp(step, this.services);
    if (answer.value === CHANGE) return step.replaceDialog(BOOKING_DIALOG, { ...draft, choosingField: true } satisfies BookingDraft);
    if (answer.value.startsWith(FIELD_CHOICE)) {
      const field = answer.value.slice(FIELD_CHOICE.length) as Field;
      return step.replaceDialog(BOOKING_DIALOG, withoutField(draft, field));
    }
    if (answer.value === CORRECTED) return this.correct(step, heardNow(step.context, this.services, 'summary', this.zone(step.context)));
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
        ...(draft.requestId ? { requestId: draft.requestId } : {}),
      },
      this.services.policy.capacity,
    );
    // (hold_gone: only a booking into a waitlist hold can meet it; this one holds none.)
    if (!result.ok && result.reason !== 'already_booked') {
      await say(step.context, this.services, 'booking.slotTaken');
      const again: BookingDraft = { location, reason, details };
      return step.replaceDialog(BOOKING_DIALOG, again);
    }
    if (!result.ok) return this.alreadyBooked(step, result.receiptNumber, details.phone);
    // A replayed request (the turn that booked was retried) shows the same notice.
    await sendNotice(step.context, this.services, result.appointment);
    return this.offerReminder(step, result.appointment);
  }

  /** The reminder question follows, when there is a way to send one (ReminderDialog asks nothing when its time has passed). */
  private offerReminder(step: Step<BookingDraft>, appointment: Appointment): Promise<DialogTurnResult> {
    return askReminderAfter(step, this.services, appointment);
  }

  /**
   * The person already has an appointment. When the name, date of birth (the person key) and the
   * phone just given all match it, it is theirs: shown again, with the offer to move or cancel it.
   * Otherwise the neutral answer, which tells nothing about anyone's appointment.
   */
  private async alreadyBooked(step: Step<BookingDraft>, receiptNumber: string, phone: string): Promise<DialogTurnResult> {
    const existing = await this.services.store.get(receiptNumber);
    if (!existing || existing.status !== 'booked' || existing.phone !== phone) {
      await say(step.context, this.services, 'booking.alreadyBooked');
      return step.endDialog();
    }
    const t = translate(step.context, this.services);
    await sendNotice(step.context, this.services, existing, t('booking.alreadyYours'));
    return step.prompt(EXISTING, {
      prompt: message(step.context, t('booking.existingPrompt')),
      retryPrompt: message(step.context, t('menu.retry')),
      choices: [
        choice(`move:${existing.receiptNumber}`, t('booking.moveIt'), 'booking.moveItWords'),
        choice(`cancel:${existing.receiptNumber}`, t('booking.cancelIt'), 'booking.cancelItWords'),
        choice('keep', t('booking.keepIt'), 'booking.keepItWords'),
      ],
    });
  }

  private async existing(step: Step<BookingDraft>): Promise<DialogTurnResult> {
    const picked = step.result as FoundChoice | undefined;
    if (gaveUp(step) || !picked) return giveUp(step, this.services);
    const [action, receiptNumber] = picked.value.split(':');
    if (action === 'move' && receiptNumber) {
      return step.replaceDialog(RESCHEDULE_DIALOG, { verified: receiptNumber } satisfies RescheduleDialogOptions);
    }
    if (action === 'cancel' && receiptNumber)
      return step.replaceDialog(CANCEL_DIALOG, { verified: receiptNumber } satisfies CancelDialogOptions);
    await say(step.context, this.services, 'cancel.kept');
    return step.endDialog();
  }
}

function forgetWhen(heard: BookingDraft['heard']): NonNullable<BookingDraft['heard']> {
  const rest = { ...(heard ?? {}) };
  delete rest.when;
  delete rest.whenUnread;
  return rest;
}
