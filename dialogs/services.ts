import type { Clock } from '../src/domain/clock';
import type { Translator } from '../src/domain/i18n/translator';
import type { OfficeDirectory } from '../src/domain/offices/types';
import type { AppointmentStore } from '../src/domain/appointments/types';
import type { SlotPolicy } from '../src/domain/slots/types';
import type { AttemptLimiter } from '../src/domain/security/attemptLimiter';
import type { NoticeLinkMaker } from '../src/domain/appointments/noticeLinks';

/** What the dialogs need from the outside world; the composition root supplies it. */
export interface DialogServices {
  translator: Translator;
  offices: OfficeDirectory;
  store: AppointmentStore;
  clock: Clock;
  policy: SlotPolicy;
  /** Secret for the person key (one active appointment per person). */
  personSecret: string;
  /** Failed date-of-birth verifications, per receipt number and per conversation. */
  attempts: AttemptLimiter;
  /** Signed links to the printable notice and calendar file; absent when the bot has no public address. */
  noticeLinks?: NoticeLinkMaker;
}
