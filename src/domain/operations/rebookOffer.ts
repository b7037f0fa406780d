import { DateTime } from 'luxon';
import type { Appointment, NewAppointment } from '../appointments/types';
import { officeZone } from '../dates/officeZone';
import { formatSlot } from '../dates/format';
import type { Translate } from '../i18n/translator';
import type { FieldOffice } from '../offices/types';
import { findFreeSlots } from '../slots/availability';
import type { Slot, SlotPolicy } from '../slots/types';
import { understand } from '../understanding';
import { westernDigits } from '../understanding/understand';
import { foldText } from '../text';

/**
 * The nearest free times offered to a person whose appointment a closure cancelled, kept so that
 * their answer ("2", "the 9:30 one", "yes") books one for them with the details they gave before.
 */
export interface RebookOffer {
  /** The closure and the cancelled appointment ("<closure id>:<receipt number>"): a repeated closure request finds the same offer. */
  id: string;
  /** Who books, as in the cancelled appointment (no receipt number: a new booking). */
  person: Pick<NewAppointment, 'officeCode' | 'reason' | 'name' | 'dobVerifier' | 'phone' | 'language' | 'personKey'>;
  /** ISO starts of the times offered, in the order they were numbered (1, 2, 3). */
  slots: string[];
  /** How the offer was sent: a text answers by reply, a chat by typing in it. */
  channel: 'sms' | 'chat';
}

/**
 * Where offers wait for their answer, keyed by the conversation the answer comes back in (an SMS
 * number's conversation, or the chat). Each offer expires, and is claimed for one of its times once.
 */
export interface RebookOfferStore {
  /**
   * Keeps the offer for `ttlMs`. `keep`: only when the conversation has no offer (a repeated closure
   * request must not change the times a person was already told); `replace`: whatever was there
   * (claimed or not).
   */
  put(replyKey: string, offer: RebookOffer, ttlMs: number, mode: 'keep' | 'replace'): Promise<boolean>;
  /** The offer of this conversation, if any, claimed or not (it stays). */
  peek(replyKey: string): Promise<RebookOffer | undefined>;
  /**
   * Atomically claims the offer for `slotStart`: the first claim gets it, and so does the same
   * claim again (a turn redelivered after the booking, which then replays that booking); a claim
   * for another time gets nothing. A claimed offer is kept REBOOK_CLAIM_KEPT_MS more at most.
   */
  claim(replyKey: string, slotStart: string): Promise<RebookOffer | undefined>;
}

/** How long a claimed offer stays for a redelivered answer: a channel's retries come within minutes. */
export const REBOOK_CLAIM_KEPT_MS = 10 * 60_000;

/** An offer is kept at most this long, however far its first time is. */
export const REBOOK_OFFER_MAX_MS = 3 * 24 * 60 * 60_000;

/** How long an offer of these times is worth keeping: until the first starts, at most REBOOK_OFFER_MAX_MS; 0 when none is ahead. */
export function rebookOfferTtlMs(slots: readonly string[], now: Date): number {
  const first = Math.min(...slots.map((start) => Date.parse(start)));
  if (!Number.isFinite(first)) return 0;
  return Math.max(0, Math.min(first - now.getTime(), REBOOK_OFFER_MAX_MS));
}

/** The offer of `slots` to the holder of a cancelled appointment. */
export function rebookOfferFor(id: string, appointment: Appointment, slots: readonly Slot[], channel: 'sms' | 'chat'): RebookOffer {
  const { officeCode, reason, name, dobVerifier, phone, language, personKey } = appointment;
  return {
    id,
    person: { officeCode, reason, name, dobVerifier, phone, language, personKey },
    slots: slots.map((slot) => slot.start),
    channel,
  };
}

/** Up to three free times nearest to `slotStart` (closures left out); the earliest ones when it is beyond the window. */
export async function nearestFreeSlots(args: {
  office: FieldOffice;
  slotStart: string;
  policy: SlotPolicy;
  now: Date;
  countBooked: (officeCode: string, slotStarts: readonly string[]) => Promise<number[]>;
}): Promise<Slot[]> {
  const { slotStart, ...base } = args;
  let search = await findFreeSlots({ ...base, wanted: [{ start: slotStart, precision: 'minute', past: false }] });
  if (search.kind === 'none' && search.reason === 'beyond_window') search = await findFreeSlots({ ...base, wanted: [] });
  return search.kind === 'slots' ? search.slots : [];
}

/**
 * The numbered times and how to take one in one answer ("Reply 1, 2 or 3 to book that time"), or,
 * when none is free, that there is none and how to book again. Lines of the message. Not
 * `answerable` (the offer could not be kept): the times as a list, and how to book again.
 */
export function rebookChoiceLines(args: {
  office: FieldOffice;
  slots: readonly string[];
  channel: 'sms' | 'chat';
  t: Translate;
  intlLocale: string;
  answerable: boolean;
}): string[] {
  const { office, slots, t, intlLocale, answerable } = args;
  const word = t('closure.rebookWord');
  const bookAgain = t(args.channel === 'sms' ? 'closure.rebookSms' : 'closure.rebookChat', { word });
  const [first] = slots;
  if (!first) return [t('closure.noneFree'), bookAgain];
  const times = slots.map((start, i) => {
    const at = formatSlot(start, office.timeZone, intlLocale);
    return `${answerable ? `${i + 1}.` : '-'} ${t('slots.label', { date: at.date, time: at.time })}`;
  });
  const nearest = t('closure.nearest', {
    count: slots.length,
    zone: formatSlot(first, office.timeZone, intlLocale).zone,
    times: times.join('\n'),
  });
  if (!answerable) return [nearest, bookAgain];
  const reply =
    slots.length === 1
      ? t('closure.replyYes', { yes: t('common.yes'), word })
      : t(slots.length === 2 ? 'closure.replyTwo' : 'closure.replyThree', { word });
  return [nearest, reply];
}

/**
 * Which offered time an answer picks, or undefined when it picks none (then it is not an answer to
 * the offer): its number ("2", "#2", "2."), a yes when one time was offered, or the time or day
 * itself ("the 9:30 one", "Tuesday") when exactly one offered time fits it.
 */
export function pickedSlot(text: string, offer: RebookOffer, timeZone: string, now: Date): string | undefined {
  const number = /^(\d)$/.exec(foldText(westernDigits(text)));
  if (number) return offer.slots[Number(number[1]) - 1];
  const u = understand(text, offer.person.language, { now, timeZone });
  if (u.intent === 'yes' && offer.slots.length === 1) return offer.slots[0];
  const when = u.entities.when;
  if (!when || (!when.date && !when.time)) return undefined;
  const zone = officeZone(timeZone);
  const fits = offer.slots.filter((start) => {
    const local = DateTime.fromISO(start, { zone });
    return (!when.date || local.toISODate() === when.date) && (!when.time || local.toFormat('HH:mm') === when.time);
  });
  return fits.length === 1 ? fits[0] : undefined;
}
