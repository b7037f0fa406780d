import { formatReceiptNumber } from './receiptNumber';
import { formatSlot } from '../dates/format';
import { formatOfficeAddress } from '../offices/address';
import { EXTRA_DOCUMENTS } from '../reasons';
import { languageByCode } from '../languages';
import type { Translate } from '../i18n/translator';
import type { Appointment } from './types';
import type { FieldOffice } from '../offices/types';
import type { NoticeLinks } from './noticeLinks';

export type NoticeFactKey = 'date' | 'time' | 'office' | 'address' | 'reason' | 'name';

export interface NoticeLink {
  url: string;
  label: string;
}

export interface NoticeOptions {
  /** Signed addresses of the printable page and the calendar file; only when a public base URL is set. */
  links?: NoticeLinks;
  /** Where the notice is read: a printed page cannot say "in this chat". */
  medium?: 'chat' | 'page';
}

/** Everything an Electronic Appointment Notice shows, already in the person's language. */
export interface NoticeContent {
  title: string;
  receiptLabel: string;
  receiptNumber: string;
  facts: { key: NoticeFactKey; label: string; value: string }[];
  documentsTitle: string;
  documents: string[];
  instructionsTitle: string;
  instructions: string[];
  /** Plain-text form of the essentials, for channels that show no cards. */
  text: string;
  direction: 'ltr' | 'rtl';
  /** The printable page and the calendar file, when the bot has a public address. */
  links?: { print: NoticeLink; calendar: NoticeLink };
}

export function buildNotice(
  appointment: Appointment,
  office: FieldOffice,
  t: Translate,
  languageCode: string,
  options: NoticeOptions = {},
): NoticeContent {
  const language = languageByCode(languageCode);
  const { links } = options;
  const when = formatSlot(appointment.slotStart, office.timeZone, language.intlLocale);
  const receiptNumber = formatReceiptNumber(appointment.receiptNumber);
  const address = formatOfficeAddress(office);
  const reason = t(`reasons.${appointment.reason}`);
  const extra = EXTRA_DOCUMENTS[appointment.reason];
  const documents = [
    t('documents.notice'),
    t('documents.photoId'),
    t('documents.uscisPapers'),
    ...(extra ? [t(`documents.extra.${extra}`)] : []),
  ];
  return {
    title: t('notice.title'),
    receiptLabel: t('notice.receipt'),
    receiptNumber,
    facts: [
      { key: 'date', label: t('notice.date'), value: when.date },
      { key: 'time', label: t('notice.time'), value: t('notice.timeValue', { time: when.time, zone: when.zone }) },
      { key: 'office', label: t('notice.office'), value: office.name },
      { key: 'address', label: t('notice.address'), value: address },
      { key: 'reason', label: t('notice.reason'), value: reason },
      { key: 'name', label: t('notice.name'), value: appointment.name },
    ],
    documentsTitle: t('notice.documentsTitle'),
    documents,
    instructionsTitle: t('notice.instructionsTitle'),
    instructions: [
      t('notice.arrival'),
      t('notice.noWalkIns'),
      t(options.medium === 'page' ? 'notice.howToCancelPage' : 'notice.howToCancel', { receiptNumber }),
    ],
    text: [
      t('notice.text', { receiptNumber, date: when.date, time: when.time, zone: when.zone, office: office.name, address }),
      ...(links ? [t('notice.link', { url: links.page })] : []),
    ].join('\n'),
    direction: language.direction,
    ...(links
      ? {
          links: {
            print: { url: links.page, label: t('notice.printAction') },
            calendar: { url: links.calendar, label: t('notice.calendarAction') },
          },
        }
      : {}),
  };
}
