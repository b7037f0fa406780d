import type { Clock } from '../src/domain/clock';
import type { Translator } from '../src/domain/i18n/translator';
import type { OfficeDirectory } from '../src/domain/offices/types';
import type { AppointmentStore } from '../src/domain/appointments/types';
import type { SlotPolicy } from '../src/domain/slots/types';
import type { AttemptLimiter } from '../src/domain/security/attemptLimiter';
import type { NoticeLinkMaker } from '../src/domain/appointments/noticeLinks';
import type { Outreach } from '../src/domain/outreach/types';
import type { Waitlist } from '../src/domain/waitlist/waitlist';
import type { MisreadMetrics } from '../src/metrics/types';
import type { RebookOfferStore } from '../src/domain/operations/rebookOffer';

/** The waitlist, for dialogs/waitlistDialog.ts. */
export interface WaitlistServices {
  waitlist: Waitlist;
}

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
  /** Reminders and routes to the person after the conversation; without it the bot offers no reminder and no waitlist. */
  outreach?: Outreach;
  /** Whether the outreach can send texts (Twilio's settings): without, people are reached later only in their chat (dialogs/laterReach.ts). */
  sendsTexts: boolean;
  /** How long before the appointment its reminder goes out (REMINDER_HOURS_BEFORE; the day before when absent). */
  reminderHoursBefore?: number;
  /** How many times one appointment may be moved (MAX_RESCHEDULES). */
  maxReschedules: number;
  /** Told of every reply the bot could not read for what it asked (the metrics' misreads_total). */
  misreads: MisreadMetrics;
  /** Absent: no time free means no offer to wait (as before the waitlist); offered only to people who can be reached later (laterReach). */
  waitlist?: WaitlistServices;
  /** The times a closure's people were offered (src/domain/operations/rebookOffer.ts); absent: an answer to one is not looked for. */
  rebookOffers?: RebookOfferStore;
}
