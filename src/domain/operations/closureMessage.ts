import { DateTime } from 'luxon';
import { officeZone } from '../dates/officeZone';
import { formatSlot } from '../dates/format';
import { formatReceiptNumber } from '../appointments/receiptNumber';
import type { Translate } from '../i18n/translator';
import type { Appointment } from '../appointments/types';
import type { FieldOffice, OfficeHours } from '../offices/types';
import type { Slot } from '../slots/types';
import type { Closure } from './types';
import { rebookChoiceLines } from './rebookOffer';

export interface ClosureMessageArgs {
  closure: Closure;
  office: FieldOffice;
  /** The office's hours: a closure is described as far as it covers them. */
  hours: OfficeHours;
  /** The cancelled appointment. */
  appointment: Appointment;
  /** Free times to offer instead, nearest first (up to three), numbered as the kept offer numbers them. */
  alternatives: readonly Slot[];
  /** An SMS is answered by a reply; a chat by typing in it. */
  channel: 'sms' | 'chat';
  /** The times are kept for the person's answer ("2" books the second): say so; otherwise, how to book again. */
  answerable: boolean;
  /** In the appointment's language. */
  t: Translate;
  intlLocale: string;
}

/**
 * What the holder of an appointment inside a closure is told, in one message: which appointment is
 * cancelled (date, time, zone, receipt number), that the office is closed and when, why (weather or
 * an emergency; the operator's own note is not shown), the nearest free times numbered, and how to book
 * one of them in one answer (or how to book again when none is free).
 */
export function closureMessage(args: ClosureMessageArgs): string {
  const { closure, office, t, intlLocale, appointment } = args;
  const when = formatSlot(appointment.slotStart, office.timeZone, intlLocale);
  const lines = [
    t('closure.cancelled', {
      date: when.date,
      time: when.time,
      zone: when.zone,
      receiptNumber: formatReceiptNumber(appointment.receiptNumber),
    }),
  ];
  const shown = spanInHours(closure, office, args.hours);
  lines.push(
    shown
      ? t('closure.closedHours', {
          office: office.name,
          from: formatSlot(shown.from, office.timeZone, intlLocale).time,
          to: formatSlot(shown.to, office.timeZone, intlLocale).time,
        })
      : t('closure.closedDay', { office: office.name }),
  );
  if (closure.reason !== 'other') lines.push(t(`closure.reason_${closure.reason}`));
  lines.push(
    ...rebookChoiceLines({
      office,
      slots: args.alternatives.map((slot) => slot.start),
      channel: args.channel,
      t,
      intlLocale,
      answerable: args.answerable,
    }),
  );
  return lines.join('\n');
}

/**
 * The part of the office's working hours that the closure covers, as ISO instants; undefined when it
 * covers all of them (the office is closed that day).
 */
function spanInHours(closure: Closure, office: FieldOffice, hours: OfficeHours): { from: string; to: string } | undefined {
  const zone = officeZone(office.timeZone);
  const open = DateTime.fromISO(`${closure.date}T${hours.open}`, { zone });
  const close = DateTime.fromISO(`${closure.date}T${hours.close}`, { zone });
  const start = DateTime.fromISO(closure.start, { zone });
  const end = DateTime.fromISO(closure.end, { zone });
  if (start <= open && end >= close) return undefined;
  const from = start > open ? start : open;
  const to = end < close ? end : close;
  return { from: from.toISO() ?? closure.start, to: to.toISO() ?? closure.end };
}
