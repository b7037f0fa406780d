import { type Dialog, type DialogTurnResult, type FoundChoice } from 'botbuilder-dialogs';
import { type Step, StepDialog } from '../src/framework/stepDialog';
import { DateTime } from 'luxon';
import { readWhen, type WhenCandidate } from '../src/domain/dates/parseWhen';
import { whenCandidates, whenOfCandidate, type WallClockWhen } from '../src/domain/dates/whenEntity';
import { formatSlot, zoneNameAt } from '../src/domain/dates/format';
import { bookingWindow } from '../src/domain/slots/schedule';
import { findFreeSlots, type SlotSearch } from '../src/domain/slots/availability';
import { languageByCode } from '../src/domain/languages';
import type { FieldOffice } from '../src/domain/offices/types';
import type { Slot } from '../src/domain/slots/types';
import type { DialogServices } from './services';
import { MAX_ATTEMPTS, countMisread, gaveUp, giveUp } from './attempts';
import { choice } from './choices';
import type { Flow } from './flow';
import { message, say } from './messages';
import { incomingText, translate, turnLanguage } from './turnLanguage';
import { AnswerTextPrompt, choicePrompt } from './prompts';
import { type Correction, correctionAt } from './corrections';
import { hear } from './heard';
import { rootDialogContext } from './attempts';
import { officeZoneOnStack } from './understanding';
import { WAIT_CHOICE, WAITLIST_DIALOG, type Waiting, type WaitlistDialogOptions, waitChoice } from './waitlistDialog';

export const SLOT_DIALOG = 'slot';
const WHEN = 'slot.when';
const PICK = 'slot.pick';
const ANOTHER_TIME = 'another';

export interface SlotDialogOptions {
  officeCode: string;
  /** How many times the person has been asked already. */
  attempts?: number;
  /** The day and time the person already gave (in the office's wall-clock time): not asked again. */
  when?: WallClockWhen;
  /** Said with the first question (what the booking took from earlier answers). */
  lead?: string;
  /** The question to ask instead of the usual one (which day a word not understood meant). */
  question?: { key: string; values: Record<string, string> };
  /** The times for `when` are offered, even one free exactly as asked (the person was choosing among them). */
  offerAgain?: boolean;
  /** A time or part of the day said with a day that was not read: it goes with the day the person gives in answer. */
  timeOfDay?: WallClockWhen;
  /** The slot of the appointment being moved: never offered (it is not free for its holder). */
  ownSlot?: string;
  /** Who is booking, or whose appointment is moved: when no time suits, they may wait for one (dialogs/waitlistDialog.ts). */
  waiting?: Waiting;
}

/** The slot picked, whether the lead was said, and the day and time the person asked for. */
export interface SlotResult extends Slot {
  leadSaid: boolean;
  asked?: WallClockWhen;
}

interface SlotValues {
  offered?: string[];
  leadSaid?: boolean;
  /** What the times offered were looked up for. */
  asked?: WallClockWhen;
  /** The waitlist, when it was offered among the times. */
  wait?: WaitlistDialogOptions;
}

function waitingOf(options: SlotDialogOptions): Pick<SlotDialogOptions, 'waiting'> {
  return options.waiting ? { waiting: options.waiting } : {};
}

/** The result of the first step when the day and time were given ahead. */
const HEARD_WHEN = 'slot.heardWhen';
/** What the list of times reads a message as that corrects another answer, or asks for another day. */
const CORRECTED = 'corrected';
const ANOTHER_DAY = 'anotherDay';

/** Preferred date and time in free text → up to three nearest free slots → the person picks one. */
export class SlotDialog extends StepDialog<SlotDialogOptions> implements Flow {
  readonly prompts: readonly Dialog[];

  constructor(private readonly services: DialogServices) {
    super(SLOT_DIALOG);
    this.prompts = [
      new AnswerTextPrompt(WHEN),
      choicePrompt(
        PICK,
        services.translator,
        (context) => (this.corrects(context, true) ? { value: CORRECTED, index: 0, score: 1 } : undefined),
        (context) => this.pickedOtherwise(context),
      ),
    ];
    for (const step of [this.askWhen, this.offer, this.finish]) this.addStep(step.bind(this));
  }

  private office(step: Step<SlotDialogOptions>): FieldOffice | undefined {
    return this.services.offices.byCode(step.options.officeCode);
  }

  /** The zone of the office whose times are asked about (this flow's, found on the stack by prompts). */
  private zone(context: Step['context']): string | undefined {
    const dc = rootDialogContext(context);
    return dc ? officeZoneOnStack(dc, this.services) : undefined;
  }

  /** What a message at the day or the times corrects of another answer (see correctionAt); `answered`: it could answer this question. */
  private corrects(context: Step['context'], answered: boolean): Correction['correction'] | undefined {
    return correctionAt(context, this.services, ['when'], answered, this.zone(context));
  }

  /**
   * A message at the list of times that names none of them: a correction of another answer, or a
   * day asked for instead ("Friday instead"), read in the office's time (a time alone is no day).
   */
  private pickedOtherwise(context: Step['context']): FoundChoice | undefined {
    if (this.corrects(context, false)) return { value: CORRECTED, index: 0, score: 1 };
    return this.dayAsked(context) ? { value: ANOTHER_DAY, index: 0, score: 1 } : undefined;
  }

  /** A day said in the message (with its time or part of the day, if any), read as the answer to the date question. */
  private dayAsked(context: Step['context']): WallClockWhen | undefined {
    const when = hear(context, this.services, 'when', this.zone(context)).entities.when;
    return when?.date ? when : undefined;
  }

  /** The booking's lead, the first time something is said. */
  private lead(step: Step<SlotDialogOptions>): string {
    const values = step.values as SlotValues;
    const lead = !values.leadSaid && step.options.lead ? `${step.options.lead} ` : '';
    values.leadSaid = true;
    return lead;
  }

  private async askWhen(step: Step<SlotDialogOptions>): Promise<DialogTurnResult> {
    const office = this.office(step);
    if (!office) return step.endDialog();
    if (step.options.when && (step.options.attempts ?? 0) === 0 && !step.options.question) return step.next(HEARD_WHEN);
    const t = translate(step.context, this.services);
    const zone = zoneNameAt(this.services.clock.now(), office.timeZone, this.intlLocale(step));
    const key = (step.options.attempts ?? 0) === 0 ? 'slots.prompt' : 'slots.promptAgain';
    const { question } = step.options;
    const text = question ? t(question.key, question.values) : t(key, { zone });
    return step.prompt(WHEN, { prompt: message(step.context, this.lead(step) + text) });
  }

  /** What the person wants, read honestly: a word like a date that was not read is asked about, never dropped. */
  private async wanted(
    step: Step<SlotDialogOptions>,
    office: FieldOffice,
  ): Promise<{ candidates: WhenCandidate[]; heard: boolean; readBack?: string } | DialogTurnResult> {
    const now = this.services.clock.now();
    if (step.result === HEARD_WHEN && step.options.when) {
      return { candidates: whenCandidates(step.options.when, now, office.timeZone), heard: true };
    }
    // "no, my ZIP is 94103": a correction said as one is read before the date.
    const said = this.corrects(step.context, true);
    if (said) return step.endDialog({ correction: said } satisfies Correction);
    // The understanding read the dates of this message at the date question already (in the office's zone).
    const text = String(step.result ?? '');
    const heard = text === incomingText(step.context) ? hear(step.context, this.services, 'when', office.timeZone).dates : undefined;
    const reading = heard ?? readWhen(text, turnLanguage(step.context), now, office.timeZone);
    if (reading.status === 'none') {
      // No date: perhaps "94103" or "my phone is 718 222 3333", correcting an earlier answer.
      const correction = this.corrects(step.context, false);
      if (correction) return step.endDialog({ correction } satisfies Correction);
      countMisread(step.context, this.services, 'date');
      return this.askAgain(step, 'slots.notUnderstood');
    }
    if (reading.status === 'doubtful') {
      // "tues 8:30" with "tues" unknown would read as 8:30 today: ask about the word instead, keeping the 8:30.
      const question = { key: 'slots.doubtful', values: { words: reading.unreadDateLike.join(' ') } };
      countMisread(step.context, this.services, 'date');
      return this.askAgain(step, undefined, undefined, question, timeOfDayOf(reading.candidates[0]));
    }
    const first = reading.candidates[0];
    const { timeOfDay } = step.options;
    if (timeOfDay && !timeOfDay.date && first?.precision === 'day') {
      // "el jueves", answering which day "juevs" meant, after "en la mañana": Thursday morning.
      const day = whenOfCandidate(first).date;
      const candidates = day ? whenCandidates({ ...timeOfDay, date: day }, now, office.timeZone) : [];
      if (candidates.length > 0) return { candidates, heard: false };
    }
    const readBack =
      reading.status === 'partial'
        ? translate(step.context, this.services)('slots.understood', { when: this.describe(step, reading.candidates[0], office) })
        : undefined;
    return { candidates: reading.candidates, heard: false, ...(readBack ? { readBack } : {}) };
  }

  /** A candidate as the person reads it: the day, the day and its part, or the day and time. */
  private describe(step: Step<SlotDialogOptions>, candidate: WhenCandidate, office: FieldOffice): string {
    const t = translate(step.context, this.services);
    const f = formatSlot(candidate.start, office.timeZone, this.intlLocale(step));
    if (candidate.precision === 'day') return f.date;
    if (candidate.precision === 'partOfDay') {
      const hour = DateTime.fromISO(candidate.start, { setZone: true }).hour;
      const part = hour < 12 ? 'morning' : hour < 17 ? 'afternoon' : 'evening';
      return t('slots.dayPart', { date: f.date, part: t(`slots.part_${part}`) });
    }
    return t('slots.label', { date: f.date, time: f.time });
  }

  private async offer(step: Step<SlotDialogOptions>): Promise<DialogTurnResult> {
    const office = this.office(step);
    if (!office) return step.endDialog();
    const now = this.services.clock.now();
    const wanted = await this.wanted(step, office);
    if (!('candidates' in wanted)) return wanted;
    const { candidates } = wanted;
    const search = await findFreeSlots({
      office,
      policy: this.services.policy,
      now,
      wanted: candidates,
      countBooked: (code, starts) => this.countBooked(code, starts, step.options.ownSlot),
    });
    const wait = waitChoice(step.context, this.services, { search, wanted: candidates, office, details: step.options.waiting });
    if (search.kind === 'none' && wait)
      return step.replaceDialog(WAITLIST_DIALOG, { ...wait.options, lead: this.lead(step).trim() || undefined });
    if (search.kind === 'none') return this.explainNone(step, office, search);
    // A day and time given ahead, free as asked: taken; the summary reads it back.
    // Only a day said with the time: a time alone ("frdy 10am", the day unread) is offered, never taken for today.
    const asked =
      !step.options.offerAgain &&
      wanted.heard &&
      step.options.when?.date !== undefined &&
      candidates[0] &&
      candidates[0].precision !== 'day' &&
      candidates[0].precision !== 'partOfDay';
    const exact = asked ? search.slots.find((slot) => Date.parse(slot.start) === Date.parse(candidates[0].start)) : undefined;
    const askedFor = wanted.heard ? step.options.when : hear(step.context, this.services, 'when', office.timeZone).entities.when;
    if (exact) {
      const result: SlotResult = {
        officeCode: step.options.officeCode,
        start: exact.start,
        leadSaid: false,
        ...(askedFor ? { asked: askedFor } : {}),
      };
      return step.endDialog(result);
    }
    const t = translate(step.context, this.services);
    const locale = this.intlLocale(step);
    const labels = search.slots.map((slot) => this.label(step, slot, office));
    const lead = search.exactMatch ? 'slots.offerExact' : 'slots.offerNearest';
    const notice =
      this.lead(step) + (wanted.readBack ? `${wanted.readBack} ` : '') + (search.notice ? `${t(`slots.notice_${search.notice}`)} ` : '');
    const values = step.values as SlotValues;
    values.offered = search.slots.map((s) => s.start);
    if (askedFor) values.asked = askedFor;
    if (wait) values.wait = wait.options;
    return step.prompt(PICK, {
      prompt: message(
        step.context,
        notice + t(lead, { count: search.slots.length, zone: formatSlot(search.slots[0].start, office.timeZone, locale).zone }),
      ),
      retryPrompt: message(step.context, t('slots.pickRetry')),
      choices: [
        ...search.slots.map((slot, i) => choice(slot.start, labels[i])),
        choice(ANOTHER_TIME, t('slots.anotherTime'), 'slots.anotherTimeWords'),
        ...(wait ? [wait.choice] : []),
      ],
    });
  }

  private async finish(step: Step<SlotDialogOptions>): Promise<DialogTurnResult> {
    const picked = step.result as FoundChoice | undefined;
    if (gaveUp(step) || !picked) return giveUp(step, this.services);
    const { asked, wait } = step.values as SlotValues;
    if (picked.value === ANOTHER_TIME) return step.replaceDialog(SLOT_DIALOG, { ...step.options, attempts: 1, lead: undefined });
    if (picked.value === WAIT_CHOICE && wait) return step.replaceDialog(WAITLIST_DIALOG, wait);
    if (picked.value === CORRECTED) {
      const correction = this.corrects(step.context, false) ?? {};
      return step.endDialog({ correction, ...(asked ? { when: asked } : {}) } satisfies Correction);
    }
    const day = picked.value === ANOTHER_DAY ? this.dayAsked(step.context) : undefined;
    if (day)
      return step.replaceDialog(SLOT_DIALOG, {
        officeCode: step.options.officeCode,
        when: day,
        offerAgain: true,
        ...(step.options.ownSlot ? { ownSlot: step.options.ownSlot } : {}),
        ...waitingOf(step.options),
      } satisfies SlotDialogOptions);
    const slot: SlotResult = { officeCode: step.options.officeCode, start: picked.value, leadSaid: true, ...(asked ? { asked } : {}) };
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

  /** Explains (`key`) and asks again, the usual question or `question`; the lead, not said yet, comes first. */
  private async askAgain(
    step: Step<SlotDialogOptions>,
    key: string | undefined,
    values?: Record<string, string>,
    question?: SlotDialogOptions['question'],
    timeOfDay: WallClockWhen | undefined = step.options.timeOfDay,
  ): Promise<DialogTurnResult> {
    const lead = this.lead(step);
    if (key) await step.context.sendActivity(message(step.context, lead + translate(step.context, this.services)(key, values)));
    const attempts = (step.options.attempts ?? 0) + 1;
    if (attempts >= MAX_ATTEMPTS) {
      // Three dates it could not use: the offer to answer again, start over or get help; the
      // booking below keeps what it gathered, and answering again asks the date afresh.
      const afresh: SlotDialogOptions = {
        officeCode: step.options.officeCode,
        attempts: 0,
        ...(step.options.ownSlot ? { ownSlot: step.options.ownSlot } : {}),
        ...waitingOf(step.options),
      };
      return giveUp(step, this.services, afresh);
    }
    const again: SlotDialogOptions = {
      officeCode: step.options.officeCode,
      attempts,
      ...(step.options.ownSlot ? { ownSlot: step.options.ownSlot } : {}),
      ...waitingOf(step.options),
    };
    if (question) again.question = question;
    if (timeOfDay) again.timeOfDay = timeOfDay;
    if (!key && lead) again.lead = lead.trim();
    return step.replaceDialog(SLOT_DIALOG, again);
  }

  /** The store's counts, with the person's own slot (when moving an appointment) counted as full. */
  private async countBooked(officeCode: string, starts: readonly string[], ownSlot: string | undefined): Promise<number[]> {
    const counts = await this.services.store.countBooked(officeCode, starts);
    if (!ownSlot) return counts;
    const own = Date.parse(ownSlot);
    return counts.map((count, i) => (Date.parse(starts[i]) === own ? Math.max(count, this.services.policy.capacity) : count));
  }

  private label(step: Step<SlotDialogOptions>, slot: Slot, office: FieldOffice): string {
    const f = formatSlot(slot.start, office.timeZone, this.intlLocale(step));
    return translate(step.context, this.services)('slots.label', { date: f.date, time: f.time });
  }

  private intlLocale(step: Step<SlotDialogOptions>): string {
    return languageByCode(turnLanguage(step.context)).intlLocale;
  }
}

/** The time or part of the day of a reading, without its day. */
function timeOfDayOf(candidate: WhenCandidate | undefined): WallClockWhen | undefined {
  if (!candidate || candidate.precision === 'day') return undefined;
  const when: WallClockWhen = { ...whenOfCandidate(candidate) };
  delete when.date;
  return when.time || when.partOfDay ? when : undefined;
}
