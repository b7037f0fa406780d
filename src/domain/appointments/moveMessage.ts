import { formatSlot } from '../dates/format';
import type { Translate } from '../i18n/translator';
import type { FieldOffice } from '../offices/types';

/** A move's two times, each with its date, time and zone, and the office: the values of reschedule.confirm and reschedule.done. */
export type MoveValues = {
  fromDate: string;
  fromTime: string;
  fromZone: string;
  toDate: string;
  toTime: string;
  toZone: string;
  office: string;
};

/** The values that say where an appointment at `office` moves from and to, in the office's time zone, as `intlLocale` writes them. */
export function moveValues(office: Pick<FieldOffice, 'name' | 'timeZone'>, from: string, to: string, intlLocale: string): MoveValues {
  const a = formatSlot(from, office.timeZone, intlLocale);
  const b = formatSlot(to, office.timeZone, intlLocale);
  return { fromDate: a.date, fromTime: a.time, fromZone: a.zone, toDate: b.date, toTime: b.time, toZone: b.zone, office: office.name };
}

/**
 * "Your appointment was moved from ‹date› at ‹time› (‹zone›) to ‹date› at ‹time› (‹zone›). The
 * receipt number stays the same." Every move says it so: a reschedule, a seat taken from a wait.
 */
export function movedMessage(
  t: Translate,
  office: Pick<FieldOffice, 'name' | 'timeZone'>,
  from: string,
  to: string,
  intlLocale: string,
): string {
  return t('reschedule.done', moveValues(office, from, to, intlLocale));
}
