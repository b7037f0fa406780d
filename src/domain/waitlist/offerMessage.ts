import type { Translator } from '../i18n/translator';
import { formatSlot } from '../dates/format';
import { languageByCode } from '../languages';
import type { FieldOffice } from '../offices/types';
import type { WaitlistEntry } from './types';

/**
 * The message that tells a person waiting that a seat is held for them, in their language: the
 * office, the day, the time and its zone, how long it is held, until when, and the words that take
 * it or let it go.
 */
export function offerMessage(
  translator: Translator,
  entry: Pick<WaitlistEntry, 'language'>,
  office: FieldOffice,
  slotStart: string,
  holdEndsAt: Date,
  holdMinutes: number,
): string {
  const t = translator.for(entry.language);
  const locale = languageByCode(entry.language).intlLocale;
  const slot = formatSlot(slotStart, office.timeZone, locale);
  const until = formatSlot(holdEndsAt.toISOString(), office.timeZone, locale);
  return t('waitlist.offer', {
    office: office.name,
    date: slot.date,
    time: slot.time,
    zone: slot.zone,
    duration: t('waitlist.minutes', { count: holdMinutes }),
    until: until.time,
    yes: t('common.yes'),
    no: t('common.no'),
  });
}
