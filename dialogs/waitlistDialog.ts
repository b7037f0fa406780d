import { type TurnContext, TurnContext as BotTurnContext } from 'botbuilder';
import type { Dialog, DialogTurnResult, FoundChoice } from 'botbuilder-dialogs';
import { type Step, StepDialog } from '../src/framework/stepDialog';
import type { ContactRoute } from '../src/domain/outreach/types';
import type { ReasonCode } from '../src/domain/reasons';
import type { FieldOffice } from '../src/domain/offices/types';
import type { WhenCandidate } from '../src/domain/dates/parseWhen';
import type { SlotSearch } from '../src/domain/slots/availability';
import type { Expecting, Understanding } from '../src/domain/understanding';
import { understand } from '../src/domain/understanding';
import type { WaitingPerson, WaitWindow } from '../src/domain/waitlist/types';
import { earlierOptionFor, waitOptionFor } from '../src/domain/waitlist/waitWindow';
import { formatCalendarDate } from '../src/domain/dates/format';
import { formatPhoneForDisplay } from '../src/domain/phone';
import { LANGUAGES, languageByCode } from '../src/domain/languages';
import { makeDobVerifier, personKey } from '../src/domain/appointments/personIdentity';
import { findReceiptNumber } from '../src/domain/appointments/receiptNumber';
import { isOneOf } from '../src/domain/text';
import { conversationKeyOf } from '../src/reliability/serialTurns';
import type { DialogServices, WaitlistServices } from './services';
import { gaveUp, giveUp } from './attempts';
import { choice, type WordsChoice, yesNoChoices } from './choices';
import type { Flow } from './flow';
import { message, say } from './messages';
import { sendMovedNotice, sendNotice } from './notices';
import { askReminderAfter, reminderFollowsMove } from './reminderDialog';
import { choicePrompt } from './prompts';
import { incomingText, setTurnLanguage, translate, turnLanguage } from './turnLanguage';
import { DEFAULT_UNDERSTANDING_ZONE } from './understanding';
import { canReachLater, laterReach } from './laterReach';

/**
 * The waitlist in the conversation: joining it when no time suits (WaitlistDialog, begun by the
 * slot dialog), and answering a seat it offers (SeatOfferDialog, begun by the root dialog when a
 * message answers an offer held for this conversation).
 */
export const WAITLIST_DIALOG = 'waitlist';
export const SEAT_OFFER_DIALOG = 'waitlist.seat';
const ASK = 'waitlist.ask';
const HOW = 'waitlist.how';
/** The slot dialog's choice that begins the waitlist. */
export const WAIT_CHOICE = 'waitlist';

/** Who waits: what the booking gathered, so that taking a seat asks nothing again. */
export interface WaitingDetails {
  name: string;
  /** YYYY-MM-DD */
  dateOfBirth: string;
  /** E.164 */
  phone: string;
  reason: ReasonCode;
}

/** Who waits for a seat earlier than the appointment they hold: taking one moves it. */
export interface HeldAppointment {
  receiptNumber: string;
  /** E.164, the appointment's. */
  phone: string;
  /** The appointment's start. */
  slotStart: string;
}

/** A person booking, or the holder of an appointment waiting for an earlier seat. */
export type Waiting = WaitingDetails | HeldAppointment;

export function isHeldAppointment(waiting: Waiting): waiting is HeldAppointment {
  return 'receiptNumber' in waiting;
}

export interface WaitlistDialogOptions {
  officeCode: string;
  window: WaitWindow;
  details: Waiting;
  /** No time at all was free: ask whether to wait (otherwise the person chose to). */
  ask?: boolean;
  /** Said before the question (what the booking took from earlier answers). */
  lead?: string;
}

/** How a message answers an offer: take it, let it go, or leave the waiting list. */
export type OfferAnswer = 'yes' | 'no' | 'leave';

export interface SeatOfferOptions {
  answer: OfferAnswer;
}

/** The waitlist choice the slot dialog adds after a search, and the dialog options it begins with when picked. */
export interface WaitChoice {
  choice: WordsChoice;
  options: WaitlistDialogOptions;
}

/**
 * After a slot search, the offer to wait: the days to wait for and the choice that says so; undefined
 * when waiting would not help (or the bot has no waitlist, the booking gave no details, or the person
 * could not be told later on this channel: laterReach.ts).
 */
export function waitChoice(
  context: TurnContext,
  services: DialogServices,
  args: { search: SlotSearch; wanted: readonly WhenCandidate[]; office: FieldOffice; details?: Waiting },
): WaitChoice | undefined {
  const { details } = args;
  if (!services.waitlist || !details || !canReachLater(laterReach(context, services, 'anyTime'))) return undefined;
  const searched = { ...args, policy: services.policy, now: services.clock.now() };
  const option = isHeldAppointment(details)
    ? earlierOptionFor({ ...searched, appointmentStart: details.slotStart })
    : waitOptionFor(searched);
  if (!option) return undefined;
  const t = translate(context, services);
  const locale = languageByCode(turnLanguage(context)).intlLocale;
  const { fromDate, toDate } = option.window;
  const title =
    option.reason === 'earlier' || isHeldAppointment(details)
      ? t('waitlist.choiceEarlier')
      : fromDate === toDate
        ? t('waitlist.choiceDay', { date: formatCalendarDate(fromDate, locale) })
        : t('waitlist.choiceDays', { from: formatCalendarDate(fromDate, locale), to: formatCalendarDate(toDate, locale) });
  return {
    choice: choice(WAIT_CHOICE, title, 'waitlist.choiceWords'),
    options: { officeCode: args.office.code, window: option.window, details, ask: option.reason === 'anyDay' },
  };
}

/** Yes/no questions of the flows: their yes and no answer the question, not an offer. */
const YES_NO: ReadonlySet<Expecting | undefined> = new Set<Expecting>(['yesno', 'officeConfirm', 'summary', 'cancelConfirm']);

/**
 * Whether this message, in a conversation going on, answers the waitlist: "stop waiting", or a yes
 * or no (away from a yes/no question) while a seat is held for this conversation. Only such
 * messages cost a look-up.
 */
export async function offerAnswerIn(
  context: TurnContext,
  services: DialogServices,
  u: Understanding,
  expecting: Expecting | undefined,
): Promise<OfferAnswer | undefined> {
  const waitlist = services.waitlist;
  if (!waitlist) return undefined;
  if (isOneOf(incomingText(context), services.translator.words(turnLanguage(context), 'waitlist.leaveWords'))) return 'leave';
  if ((u.intent !== 'yes' && u.intent !== 'no') || YES_NO.has(expecting)) return undefined;
  const offer = await waitlist.waitlist.offerFor(replyKeyOf(context));
  return offer ? u.intent : undefined;
}

/**
 * The first message of a conversation (a text answering an offer a day after the last one, when
 * its state has expired): a short message is read in the language of an offer held for it.
 */
export async function firstMessageOfferAnswer(
  context: TurnContext,
  services: DialogServices,
): Promise<{ answer: OfferAnswer; language: string } | undefined> {
  const waitlist = services.waitlist;
  const text = incomingText(context).trim();
  if (!waitlist || text === '' || text.length > 40 || findReceiptNumber(text).kind !== 'none') return undefined;
  // "Stop waiting" in any of the languages: the conversation's language is not known yet.
  const leaving = LANGUAGES.find(({ code }) => isOneOf(text, services.translator.words(code, 'waitlist.leaveWords')));
  if (leaving) return { answer: 'leave', language: leaving.code };
  const offer = await waitlist.waitlist.offerFor(replyKeyOf(context));
  if (!offer) return undefined;
  const { language } = offer.entry;
  const u = understand(text, language, { expecting: 'yesno', now: services.clock.now(), timeZone: DEFAULT_UNDERSTANDING_ZONE });
  return u.intent === 'yes' || u.intent === 'no' ? { answer: u.intent, language } : undefined;
}

function replyKeyOf(context: TurnContext): string {
  return conversationKeyOf(context.activity) ?? '';
}

function waitlistOf(services: DialogServices): WaitlistServices {
  if (!services.waitlist) throw new Error('the waitlist dialogs need services.waitlist');
  return services.waitlist;
}

/** Would you like to be told when a time opens? → how (chat only) → on the list. */
export class WaitlistDialog extends StepDialog<WaitlistDialogOptions> implements Flow {
  readonly prompts: readonly Dialog[];

  constructor(private readonly services: DialogServices) {
    super(WAITLIST_DIALOG);
    this.prompts = [choicePrompt(ASK, services.translator), choicePrompt(HOW, services.translator)];
    for (const step of [this.ask, this.how, this.join]) this.addStep(step.bind(this));
  }

  private async ask(step: Step<WaitlistDialogOptions>): Promise<DialogTurnResult> {
    if (!step.options.ask) return step.next({ value: 'yes', index: 0, score: 1 } satisfies FoundChoice);
    const t = translate(step.context, this.services);
    const lead = step.options.lead ? `${step.options.lead} ` : '';
    return step.prompt(ASK, {
      prompt: message(step.context, lead + t('waitlist.askFullyBooked')),
      retryPrompt: message(step.context, t('common.yesNoRetry')),
      choices: yesNoChoices(step.context, this.services),
    });
  }

  private async how(step: Step<WaitlistDialogOptions>): Promise<DialogTurnResult> {
    const answer = step.result as FoundChoice | undefined;
    if (gaveUp(step) || !answer) return giveUp(step, this.services);
    if (answer.value !== 'yes') {
      await say(step.context, this.services, 'waitlist.notJoined');
      return step.endDialog();
    }
    // One way to reach them later (a text on SMS, the chat when the bot sends no texts): not asked.
    const reach = laterReach(step.context, this.services, 'anyTime');
    if (!reach.chat || !reach.sms) return step.next({ value: reach.chat ? 'chat' : 'sms', index: 0, score: 1 } satisfies FoundChoice);
    const t = translate(step.context, this.services);
    return step.prompt(HOW, {
      prompt: message(step.context, t('waitlist.howPrompt')),
      retryPrompt: message(step.context, t('waitlist.howRetry')),
      choices: [
        choice('chat', t('waitlist.howChat'), 'waitlist.howChatWords'),
        choice('sms', t('waitlist.howSms', { phone: formatPhoneForDisplay(step.options.details.phone) }), 'waitlist.howSmsWords'),
      ],
    });
  }

  private async join(step: Step<WaitlistDialogOptions>): Promise<DialogTurnResult> {
    const how = step.result as FoundChoice | undefined;
    if (gaveUp(step) || !how) return giveUp(step, this.services);
    const { officeCode, window, details } = step.options;
    const office = this.services.offices.byCode(officeCode);
    if (!office) return step.endDialog();
    const { waitlist } = waitlistOf(this.services);
    const bySms = how.value === 'sms';
    const route: ContactRoute = bySms
      ? { channel: 'sms', phone: details.phone }
      : { channel: 'chat', conversationReference: JSON.stringify(BotTurnContext.getConversationReference(step.context.activity)) };
    const language = turnLanguage(step.context);
    const person = await this.waitingPerson(details, language);
    if (!person) {
      await say(step.context, this.services, 'reschedule.notBooked');
      return step.endDialog();
    }
    const joined = await waitlist.join({ officeCode, window, route, person });
    const t = translate(step.context, this.services);
    const locale = languageByCode(language).intlLocale;
    const days =
      window.fromDate === window.toDate
        ? formatCalendarDate(window.fromDate, locale)
        : t('waitlist.daysRange', { from: formatCalendarDate(window.fromDate, locale), to: formatCalendarDate(window.toDate, locale) });
    const duration = t('waitlist.minutes', { count: waitlist.holdMinutes });
    const said = bySms
      ? t('waitlist.howSmsSaid', { phone: formatPhoneForDisplay(details.phone), duration })
      : t('waitlist.howChatSaid', { duration });
    const text = [t(`waitlist.${joined}`, { office: office.name, days }), said, t('waitlist.leaveHint')].join(' ');
    await step.context.sendActivity(message(step.context, text));
    return step.endDialog();
  }

  /** What taking a seat needs, from the booking's answers or from the appointment held (undefined: it is no longer booked). */
  private async waitingPerson(details: Waiting, language: string): Promise<WaitingPerson | undefined> {
    const secret = this.services.personSecret;
    if (!isHeldAppointment(details)) {
      const { name, dateOfBirth, phone, reason } = details;
      return {
        name,
        dobVerifier: makeDobVerifier(dateOfBirth, secret),
        personKey: personKey(name, dateOfBirth, secret),
        phone,
        reason,
        language,
      };
    }
    const held = await this.services.store.get(details.receiptNumber);
    if (held?.status !== 'booked') return undefined;
    const { name, dobVerifier, phone, reason, receiptNumber } = held;
    return { name, dobVerifier, personKey: held.personKey, phone, reason, language, receiptNumber };
  }
}

/** What a person is told when a held seat could not be theirs. */
const TAKE_REFUSALS: Record<'gone' | 'already_booked' | 'too_many_moves' | 'not_booked', string> = {
  gone: 'waitlist.gone',
  already_booked: 'waitlist.alreadyBooked',
  too_many_moves: 'reschedule.tooManyMoves',
  not_booked: 'reschedule.notBooked',
};

/** An answer to a seat held for this conversation: take it (the appointment notice), let it go, or leave the list. */
export class SeatOfferDialog extends StepDialog<SeatOfferOptions> implements Flow {
  readonly prompts: readonly Dialog[] = [];

  constructor(private readonly services: DialogServices) {
    super(SEAT_OFFER_DIALOG);
    this.addStep(this.answer.bind(this));
  }

  private async answer(step: Step<SeatOfferOptions>): Promise<DialogTurnResult> {
    const { waitlist } = waitlistOf(this.services);
    const replyKey = replyKeyOf(step.context);
    if (step.options.answer === 'leave') {
      const left = await waitlist.leave(replyKey);
      await say(step.context, this.services, left > 0 ? 'waitlist.left' : 'waitlist.notWaiting');
      return step.endDialog();
    }
    const offer = await waitlist.offerFor(replyKey);
    if (!offer) {
      await say(step.context, this.services, 'waitlist.gone');
      return step.endDialog();
    }
    // The offer was written in the language the person joined in: the answer to it is too.
    setTurnLanguage(step.context, offer.entry.language);
    if (step.options.answer === 'no') {
      if (offer.status === 'offered') await waitlist.decline(offer);
      await say(step.context, this.services, offer.status === 'offered' ? 'waitlist.declined' : 'waitlist.notWaiting');
      return step.endDialog();
    }
    const taken = await waitlist.take(offer);
    if (taken.kind === 'moved') {
      const { appointment } = taken;
      const hadReminder = await reminderFollowsMove(this.services, appointment.receiptNumber, appointment.slotStart);
      await sendMovedNotice(step.context, this.services, appointment, taken.previousSlotStart);
      // As after a reschedule: no reminder yet, the booking's question for the new time.
      return hadReminder ? step.endDialog(appointment.receiptNumber) : askReminderAfter(step, this.services, appointment);
    }
    if (taken.kind !== 'booked') {
      await say(step.context, this.services, TAKE_REFUSALS[taken.kind === 'not_moved' ? taken.reason : taken.kind]);
      return step.endDialog();
    }
    const { appointment } = taken;
    await sendNotice(step.context, this.services, appointment, translate(step.context, this.services)('waitlist.taken'));
    // As after any booking: the reminder question, when reminders are wired.
    return askReminderAfter(step, this.services, appointment);
  }
}
