import type { TurnContext } from 'botbuilder';
import type { DialogTurnResult } from 'botbuilder-dialogs';
import type { Step } from '../src/framework/stepDialog';
import type { Expecting, Understanding } from '../src/domain/understanding';
import type { DialogServices } from './services';
import { firstMessageOfferAnswer, type OfferAnswer, offerAnswerIn, SEAT_OFFER_DIALOG, type SeatOfferOptions } from './waitlistDialog';
import { REBOOK_DIALOG, rebookAnswerIn, type RebookOptions } from './rebookDialog';

/**
 * Offers that wait for a person's answer outside any flow: a seat the waitlist holds for them
 * (dialogs/waitlistDialog.ts), and the times a closure's message offered (dialogs/rebookDialog.ts).
 * The root dialog asks here, in one place, whether a message answers one of them.
 */
export type PendingAnswer = { kind: 'seat'; answer: OfferAnswer } | { kind: 'rebook'; slotStart: string };

/**
 * The pending offer a message of a conversation going on answers, if any. A held seat first (it
 * runs out in minutes); the times of a closure only at the menu — inside a flow, "2" or "Tuesday"
 * answers the flow's own question.
 */
export async function pendingOfferAnswer(
  context: TurnContext,
  services: DialogServices,
  u: Understanding,
  expecting: Expecting | undefined,
  atMenu: boolean,
): Promise<PendingAnswer | undefined> {
  const seat = await offerAnswerIn(context, services, u, expecting);
  if (seat) return { kind: 'seat', answer: seat };
  if (!atMenu) return undefined;
  const rebook = await rebookAnswerIn(context, services, u);
  return rebook ? { kind: 'rebook', slotStart: rebook.slotStart } : undefined;
}

/**
 * The first message of a conversation with no state (an answer by text days after the message,
 * its conversation expired): the pending offer it answers, and the language the offer was written in.
 */
export async function firstMessagePendingAnswer(
  context: TurnContext,
  services: DialogServices,
): Promise<{ answer: PendingAnswer; language: string } | undefined> {
  const seat = await firstMessageOfferAnswer(context, services);
  if (seat) return { answer: { kind: 'seat', answer: seat.answer }, language: seat.language };
  const rebook = await rebookAnswerIn(context, services, undefined);
  return rebook ? { answer: { kind: 'rebook', slotStart: rebook.slotStart }, language: rebook.language } : undefined;
}

/** Begins the dialog that acts on the answer. */
export function beginPendingAnswer(step: Step<object>, answer: PendingAnswer): Promise<DialogTurnResult> {
  return answer.kind === 'seat'
    ? step.beginDialog(SEAT_OFFER_DIALOG, { answer: answer.answer } satisfies SeatOfferOptions)
    : step.beginDialog(REBOOK_DIALOG, { slotStart: answer.slotStart } satisfies RebookOptions);
}
