import { formatReceiptNumber } from './receiptNumber';
import { formatSlot } from '../dates/format';
import { formatOfficeAddress } from '../offices/address';
import { EXTRA_DOCUMENTS } from '../reasons';
import { languageByCode } from '../languages';
import type { Translate } from '../i18n/translator';
import type { Appointment } from './types';
import type { FieldOffice } from '../offices/types';

/** Everything an Electronic Appointment Notice shows, already in the person's language. */
export interface NoticeContent {
  title: string;
  receiptLabel: string;
  receiptNumber: string;
  facts: { label: string; value: string }[];
  documentsTitle: string;
  documents: string[];
  instructionsTitle: string;
  instructions: string[];
  /** Plain-text form of the essentials, for channels that show no cards. */
  text: string;
  direction: 'ltr' | 'rtl';
}

export function buildNotice(appointment: Appointment, office: FieldOffice, t: Translate, languageCode: string): NoticeContent {
  const language = languageByCode(languageCode);
  const when = formatSlot(appointment.slotStart, office.timeZone, language.intlLocale);
  const receiptNumber = formatReceiptNumber(appointment.receiptNumber);
  const address = formatOfficeAddress(office);
  const reason = t(`reasons.${appointment.reason}`);
  const extra = EXTRA_DOCUMENTS[appointment.reason];
  const documents = [t('documents.notice'), t('documents.photoId'), t('documents.uscisPapers'), ...(extra ? [t(`documents.extra.${extra}`)] : [])];
  return {
    title: t('notice.title'),
    receiptLabel: t('notice.receipt'),
    receiptNumber,
    facts: [
      { label: t('notice.date'), value: when.date },
      { label: t('notice.time'), value: t('notice.timeValue', { time: when.time, zone: when.zone }) },
      { label: t('notice.office'), value: office.name },
      { label: t('notice.address'), value: address },
      { label: t('notice.reason'), value: reason },
      { label: t('notice.name'), value: appointment.name },
    ],
    documentsTitle: t('notice.documentsTitle'),
    documents,
    instructionsTitle: t('notice.instructionsTitle'),
    instructions: [t('notice.arrival'), t('notice.noWalkIns'), t('notice.howToCancel', { receiptNumber })],
    text: t('notice.text', { receiptNumber, date: when.date, time: when.time, zone: when.zone, office: office.name, address }),
    direction: language.direction,
  };
}
