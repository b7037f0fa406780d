import type { TurnContext } from 'botbuilder';
import type { Dialog, DialogTurnResult } from 'botbuilder-dialogs';
import { type Step, StepDialog } from '../src/framework/stepDialog';
import { findReceiptNumber } from '../src/domain/appointments/receiptNumber';
import { languageByCode } from '../src/domain/languages';
import {
  nearestFreeSlots,
  pickedSlot,
  rebookChoiceLines,
  type RebookOffer,
  rebookOfferTtlMs,
  type RebookOfferStore,
} from '../src/domain/operations/rebookOffer';
import { foldText } from '../src/domain/text';
import type { Understanding } from '../src/domain/understanding';
import { conversationKeyOf } from '../src/reliability/serialTurns';
import type { DialogServices } from './services';
import type { Flow } from './flow';
import { message, say } from './messages';
import { sendNotice } from './notices';
import { askReminderAfter } from './reminderDialog';
import { incomingText, setTurnLanguage, translate } from './turnLanguage';

/**
 * The answer to the times a closure's message offered ("2", "the 9:30 one", "yes"): books that
 * time for the same person, with the details of the cancelled appointment, and sends the notice.
 */
export const REBOOK_DIALOG = 'rebook';

export interface RebookOptions {
  /** The offered time the answer picked. */
  slotStart: string;
}

/** Longer messages are not a pick from a list of times. */
const MAX_ANSWER_LENGTH = 40;

function replyKeyOf(context: TurnContext): string {
  return conversationKeyOf(context.activity) ?? '';
}

/** Whether a message could pick from offered times: only such messages cost a look-up. */
function couldPick(text: string, u: Understanding | undefined): boolean {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed.length > MAX_ANSWER_LENGTH || findReceiptNumber(trimmed).kind !== 'none') return false;
  if (!u) return true;
  return /^\d$/.test(foldText(trimmed)) || u.intent === 'yes' || u.entities.when !== undefined;
}

/** The offered time this message picks, when an offer waits in this conversation and the message picks one of its times. */
export async function rebookAnswerIn(
  context: TurnContext,
  services: DialogServices,
  u: Understanding | undefined,
): Promise<{ slotStart: string; language: string } | undefined> {
  const offers = services.rebookOffers;
  const text = incomingText(context);
  if (!offers || !couldPick(text, u)) return undefined;
  const offer = await offers.peek(replyKeyOf(context));
  if (!offer) return undefined;
  const office = services.offices.byCode(offer.person.officeCode);
  if (!office) return undefined;
  const slotStart = pickedSlot(text, offer, office.timeZone, services.clock.now());
  return slotStart ? { slotStart, language: offer.person.language } : undefined;
}

function offersOf(services: DialogServices): RebookOfferStore {
  if (!services.rebookOffers) throw new Error('the rebook dialog needs services.rebookOffers');
  return services.rebookOffers;
}

/** Books the picked time (the offer claimed once); taken meanwhile, the nearest free times again, as a new offer. */
export class RebookDialog extends StepDialog<RebookOptions> implements Flow {
  readonly prompts: readonly Dialog[] = [];

  constructor(private readonly services: DialogServices) {
    super(REBOOK_DIALOG);
    this.addStep(this.book.bind(this));
  }

  private async book(step: Step<RebookOptions>): Promise<DialogTurnResult> {
    const offers = offersOf(this.services);
    const replyKey = replyKeyOf(step.context);
    // Claimed once: a redelivered answer claims the same time again and replays the same booking.
    const offer = await offers.claim(replyKey, step.options.slotStart);
    // Claimed for another time meanwhile, or it no longer holds this one: the menu.
    if (!offer || !offer.slots.includes(step.options.slotStart)) return step.endDialog();
    // The offer was written in the language of the cancelled appointment: the answer to it is too.
    setTurnLanguage(step.context, offer.person.language);
    const { slotStart } = step.options;
    const { services } = this;
    const result = await services.store.book(
      { ...offer.person, slotStart, requestId: `rebook:${offer.id}:${slotStart}` },
      services.policy.capacity,
    );
    if (result.ok) {
      await sendNotice(step.context, services, result.appointment, translate(step.context, services)('rebook.booked'));
      return askReminderAfter(step, services, result.appointment);
    }
    if (result.reason === 'already_booked') {
      await say(step.context, services, 'rebook.alreadyBooked');
      return step.endDialog();
    }
    await this.offerAgain(step, replyKey, offer, slotStart);
    return step.endDialog();
  }

  /** The time was taken meanwhile: the free times nearest to it now, kept as the conversation's offer in place of the old one. */
  private async offerAgain(step: Step<RebookOptions>, replyKey: string, offer: RebookOffer, slotStart: string): Promise<void> {
    const { services } = this;
    const office = services.offices.byCode(offer.person.officeCode);
    if (!office) return;
    const now = services.clock.now();
    const { store } = services;
    const fresh = await nearestFreeSlots({ office, slotStart, policy: services.policy, now, countBooked: store.countBooked.bind(store) });
    const slots = fresh.map((slot) => slot.start);
    const ttlMs = rebookOfferTtlMs(slots, now);
    const answerable = ttlMs > 0 && (await offersOf(services).put(replyKey, { ...offer, slots }, ttlMs, 'replace'));
    const t = translate(step.context, services);
    const lines = rebookChoiceLines({
      office,
      slots,
      channel: offer.channel,
      t,
      intlLocale: languageByCode(offer.person.language).intlLocale,
      answerable,
    });
    await step.context.sendActivity(message(step.context, [t('booking.slotTaken'), ...lines].join('\n')));
  }
}
