import { formatReceiptNumber } from '../appointments/receiptNumber';
import type { Appointment } from '../appointments/types';
import { formatSlot } from '../dates/format';
import { languageByCode } from '../languages';
import { formatOfficeAddress } from '../offices/address';
import type { FieldOffice } from '../offices/types';
import type { Translate } from '../i18n/translator';

/** Where the reminder is read: how to cancel differs (a reply to the text, or a message in the chat). */
export type ReminderMedium = 'sms' | 'chat';

/**
 * The reminder of an appointment, in its language (the `t` given is the appointment's): date, time
 * and zone in the office's zone, office name and address, receipt number, and how to cancel.
 */
export function reminderText(appointment: Appointment, office: FieldOffice, t: Translate, medium: ReminderMedium): string {
  const when = formatSlot(appointment.slotStart, office.timeZone, languageByCode(appointment.language).intlLocale);
  const receiptNumber = formatReceiptNumber(appointment.receiptNumber);
  return [
    t('reminder.text', {
      date: when.date,
      time: when.time,
      zone: when.zone,
      office: office.name,
      address: formatOfficeAddress(office),
      receiptNumber,
    }),
    t(medium === 'sms' ? 'reminder.cancelBySms' : 'reminder.cancelInChat'),
  ].join('\n');
}
