import { type Dialog, type DialogTurnResult, type FoundChoice } from 'botbuilder-dialogs';
import { type Step, StepDialog } from '../src/framework/stepDialog';
import { DateTime } from 'luxon';
import { parseWhen } from '../src/domain/dates/parseWhen';
import { formatSlot, zoneNameAt } from '../src/domain/dates/format';
import { bookingWindow } from '../src/domain/slots/schedule';
import { findFreeSlots, type SlotSearch } from '../src/domain/slots/availability';
import { languageByCode } from '../src/domain/languages';
import type { FieldOffice } from '../src/domain/offices/types';
import type { Slot } from '../src/domain/slots/types';
import type { DialogServices } from './services';
import { MAX_ATTEMPTS, gaveUp, giveUp } from './attempts';
import { choice } from './choices';
import type { Flow } from './flow';
import { message, say } from './messages';
import { translate, turnLanguage } from './turnLanguage';
import { AnswerTextPrompt, choicePrompt } from './prompts';

export const SLOT_DIALOG = 'slot';
const WHEN = 'slot.when';
const PICK = 'slot.pick';
const ANOTHER_TIME = 'another';

export interface SlotDialogOptions {
  officeCode: string;
  /** How many times the person has been asked already. */
  attempts?: number;
}

interface SlotValues {
  offered?: string[];
}

/** Preferred date and time in free text → up to three nearest free slots → the person picks one. */
export class SlotDialog extends StepDialog<SlotDialogOptions> implements Flow {
  readonly prompts: readonly Dialog[];

  constructor(private readonly services: DialogServices) {
    super(SLOT_DIALOG);
    this.prompts = [new AnswerTextPrompt(WHEN), choicePrompt(PICK, services.translator)];
    for (const step of [this.askWhen, this.offer, this.finish]) this.addStep(step.bind(this));
  }

  private office(step: Step<SlotDialogOptions>): FieldOffice | undefined {
    return this.services.offices.byCode(step.options.officeCode);
  }

  private async askWhen(step: Step<SlotDialogOptions>): Promise<DialogTurnResult> {
    const office = this.office(step);
    if (!office) return step.endDialog();
    const t = translate(step.context, this.services);
    const zone = zoneNameAt(this.services.clock.now(), office.timeZone, this.intlLocale(step));
    const key = (step.options.attempts ?? 0) === 0 ? 'slots.prompt' : 'slots.promptAgain';
    return step.prompt(WHEN, { prompt: message(step.context, t(key, { zone })) });
  }

  private async offer(step: Step<SlotDialogOptions>): Promise<DialogTurnResult> {
    const office = this.office(step);
    if (!office) return step.endDialog();
    const now = this.services.clock.now();
    const language = turnLanguage(step.context);
    const candidates = parseWhen(String(step.result ?? ''), language, now, office.timeZone);
    if (candidates.length === 0) return this.askAgain(step, 'slots.notUnderstood');
    const search = await findFreeSlots({
      office,
      policy: this.services.policy,
      now,
      wanted: candidates,
      countBooked: (code, starts) => this.services.store.countBooked(code, starts),
    });
    if (search.kind === 'none') return this.explainNone(step, office, search);
    const t = translate(step.context, this.services);
    const locale = this.intlLocale(step);
    const labels = search.slots.map((slot) => this.label(step, slot, office));
    const lead = search.exactMatch ? 'slots.offerExact' : 'slots.offerNearest';
    const notice = search.notice ? `${t(`slots.notice_${search.notice}`)} ` : '';
    (step.values as SlotValues).offered = search.slots.map((s) => s.start);
    return step.prompt(PICK, {
      prompt: message(
        step.context,
        notice + t(lead, { count: search.slots.length, zone: formatSlot(search.slots[0].start, office.timeZone, locale).zone }),
      ),
      retryPrompt: message(step.context, t('slots.pickRetry')),
      choices: [
        ...search.slots.map((slot, i) => choice(slot.start, labels[i])),
        choice(ANOTHER_TIME, t('slots.anotherTime'), 'slots.anotherTimeWords'),
      ],
    });
  }

  private async finish(step: Step<SlotDialogOptions>): Promise<DialogTurnResult> {
    const picked = step.result as FoundChoice | undefined;
    if (gaveUp(step) || !picked) return giveUp(step, this.services);
    if (picked.value === ANOTHER_TIME) return step.replaceDialog(SLOT_DIALOG, { ...step.options, attempts: 1 });
    const slot: Slot = { officeCode: step.options.officeCode, start: picked.value };
    return step.endDialog(slot);
  }

  private async explainNone(
    step: Step<SlotDialogOptions>,
    office: FieldOffice,
    search: Extract<SlotSearch, { kind: 'none' }>,
  ): Promise<DialogTurnResult> {
    if (search.reason === 'fully_booked') {
      await say(step.context, this.services, 'slots.fullyBooked');
      return step.endDialog();
    }
    const window = bookingWindow(this.services.clock.now(), office, this.services.policy);
    const lastDay = DateTime.fromJSDate(window.to).setZone(office.timeZone).minus({ minutes: 1 }).toISO() ?? '';
    return this.askAgain(step, search.reason === 'past' ? 'slots.past' : 'slots.beyondWindow', {
      lastDay: formatSlot(lastDay, office.timeZone, this.intlLocale(step)).date,
    });
  }

  private async askAgain(step: Step<SlotDialogOptions>, key: string, values?: Record<string, string>): Promise<DialogTurnResult> {
    await say(step.context, this.services, key, values);
    const attempts = (step.options.attempts ?? 0) + 1;
    if (attempts >= MAX_ATTEMPTS) {
      await say(step.context, this.services, 'flow.gaveUp');
      return step.endDialog();
    }
    return step.replaceDialog(SLOT_DIALOG, { ...step.options, attempts });
  }

  private label(step: Step<SlotDialogOptions>, slot: Slot, office: FieldOffice): string {
    const f = formatSlot(slot.start, office.timeZone, this.intlLocale(step));
    return translate(step.context, this.services)('slots.label', { date: f.date, time: f.time });
  }

  private intlLocale(step: Step<SlotDialogOptions>): string {
    return languageByCode(turnLanguage(step.context)).intlLocale;
  }
}
