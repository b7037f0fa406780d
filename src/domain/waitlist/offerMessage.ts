import type { Translator } from '../i18n/translator';
import { formatSlot } from '../dates/format';
import { languageByCode } from '../languages';
import type { FieldOffice } from '../offices/types';
import type { WaitlistEntry } from './types';

export interface HeldSeat {
  slotStart: string;
  holdEndsAt: Date;
  holdMinutes: number;
  /** The start of the appointment the person has, when they wait for an earlier seat: taking this one moves it. */
  currentSlotStart?: string;
}

/**
 * The message that tells a person waiting that a seat is held for them, in their language: the
 * office, the day, the time and its zone, how long it is held, until when, and the words that take
 * it or let it go; for an earlier seat, the appointment it would replace.
 */
export function offerMessage(translator: Translator, entry: Pick<WaitlistEntry, 'language'>, office: FieldOffice, seat: HeldSeat): string {
  const t = translator.for(entry.language);
  const locale = languageByCode(entry.language).intlLocale;
  const slot = formatSlot(seat.slotStart, office.timeZone, locale);
  const until = formatSlot(seat.holdEndsAt.toISOString(), office.timeZone, locale);
  const values = {
    office: office.name,
    date: slot.date,
    time: slot.time,
    zone: slot.zone,
    duration: t('waitlist.minutes', { count: seat.holdMinutes }),
    until: until.time,
    yes: t('common.yes'),
    no: t('common.no'),
  };
  if (!seat.currentSlotStart) return t('waitlist.offer', values);
  const current = formatSlot(seat.currentSlotStart, office.timeZone, locale);
  return t('waitlist.offerEarlier', { ...values, currentDate: current.date, currentTime: current.time });
}
