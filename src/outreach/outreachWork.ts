import type { AppointmentStore } from '../domain/appointments/types';
import type { Clock } from '../domain/clock';
import type { Translator } from '../domain/i18n/translator';
import { languageByCode } from '../domain/languages';
import type { OfficeDirectory } from '../domain/offices/types';
import { type ChatSender, SendRefused, type SendRefusal, type SmsSender } from '../domain/outreach/delivery';
import { reminderText } from '../domain/outreach/reminderMessage';
import { reminderSkipReason, type ReminderSkip } from '../domain/outreach/reminderTiming';
import type { ContactRoute } from '../domain/outreach/types';
import type { ReminderMetrics } from '../metrics/types';
import { type ChatJob, type ReminderJob, type SendQueues, type SmsJob, jobIds } from './jobs';

/** Numbers that replied STOP: never texted again. */
export interface OptOutList {
  has(phone: string): Promise<boolean>;
  add(phone: string): Promise<void>;
  /** The person texted START (or UNSTOP, YES): Twilio delivers to them again, and so do we. */
  remove(phone: string): Promise<void>;
}

/** How a job ended (the queue's record of it, and the log's). */
export type JobOutcome = 'sent' | 'queuedSms' | 'queuedChat' | 'fellBackToSms' | 'noOffice' | ReminderSkip | SendRefusal;

export interface OutreachWorkParts {
  store: AppointmentStore;
  offices: OfficeDirectory;
  translator: Translator;
  clock: Clock;
  routeOf(receiptNumber: string): Promise<ContactRoute | undefined>;
  optOuts: OptOutList;
  queues: SendQueues;
  /** Absent when SMS is not configured (no Twilio account): texts end as 'notConfigured'. */
  sms?: SmsSender;
  chat: ChatSender;
  /** Reminders handed to their channel, and refused for good (the queues count those they give up on). */
  metrics?: ReminderMetrics;
}

/**
 * What the outreach workers do with each job, whichever queue runs them (BullMQ on Redis, or
 * timers in memory). Each method returns how the job ended, or throws to have it tried again
 * later (SendFailed: rate limited, a server error, no connection; or the store unreachable).
 */
export class OutreachWork {
  constructor(private readonly parts: OutreachWorkParts) {}

  /**
   * A reminder fell due: the appointment is read again, and only a booked appointment still at
   * the slot the reminder was scheduled for, and still ahead, is reminded, by the route saved at
   * booking (else by SMS to its phone), in its language.
   */
  async reminderDue(job: ReminderJob): Promise<JobOutcome> {
    const { store, offices, translator, clock, queues } = this.parts;
    const appointment = await store.get(job.receiptNumber);
    const skip = reminderSkipReason(appointment, job.slotStart, clock.now());
    if (skip || !appointment) return skip ?? 'notFound';
    const office = offices.byCode(appointment.officeCode);
    if (!office) return 'noOffice';
    const t = translator.for(appointment.language);
    const route = (await this.parts.routeOf(job.receiptNumber)) ?? { channel: 'sms', phone: appointment.phone };
    const id = jobIds.reminderSend(job.receiptNumber, job.slotStart);
    const byText: SmsJob = {
      phone: route.channel === 'sms' ? route.phone : appointment.phone,
      text: reminderText(appointment, office, t, 'sms'),
      reminder: true,
    };
    if (route.channel === 'sms') {
      await queues.queueSms(byText, id);
      return 'queuedSms';
    }
    await queues.queueChat(
      {
        conversationReference: route.conversationReference,
        text: reminderText(appointment, office, t, 'chat'),
        locale: languageByCode(appointment.language).intlLocale,
        fallback: byText,
        reminder: true,
      },
      id,
    );
    return 'queuedChat';
  }

  /** Texts the number unless it opted out; a STOP reported by Twilio (21610) puts it on the opt-out list. */
  async sendSms(job: SmsJob): Promise<JobOutcome> {
    const outcome = await this.trySms(job);
    if (job.reminder) this.count('sms', outcome);
    return outcome;
  }

  private async trySms(job: SmsJob): Promise<JobOutcome> {
    const { sms, optOuts } = this.parts;
    if (!sms) return 'notConfigured';
    if (await optOuts.has(job.phone)) return 'optedOut';
    try {
      await sms.sendSms(job.phone, job.text);
      return 'sent';
    } catch (err) {
      if (!(err instanceof SendRefused)) throw err;
      if (err.refusal === 'optedOut') await optOuts.add(job.phone);
      return err.refusal;
    }
  }

  /** Posts into the chat; a chat that cannot be reached any more gets the fallback text by SMS, when the job has one. */
  async sendChat(job: ChatJob, id: string): Promise<JobOutcome> {
    const outcome = await this.tryChat(job, id);
    if (job.reminder) this.count('chat', outcome);
    return outcome;
  }

  private async tryChat(job: ChatJob, id: string): Promise<JobOutcome> {
    try {
      await this.parts.chat.sendChat(job.conversationReference, job.text, job.locale);
      return 'sent';
    } catch (err) {
      if (!(err instanceof SendRefused)) throw err;
      if (err.refusal !== 'unreachable' || !job.fallback) return err.refusal;
      await this.parts.queues.queueSms(job.fallback, jobIds.fallback(id));
      return 'fellBackToSms';
    }
  }

  /** A reminder sent, or refused for good; one that fell back to SMS is counted there. */
  private count(channel: ContactRoute['channel'], outcome: JobOutcome): void {
    if (outcome === 'sent') this.parts.metrics?.reminderSent(channel);
    else if (outcome !== 'fellBackToSms') this.parts.metrics?.reminderFailed(channel);
  }
}

/** Queues a one-off text on a route (Outreach.send). */
export function queueOnRoute(queues: SendQueues, route: ContactRoute, text: string, dedupeId: string): Promise<void> {
  const id = jobIds.send(dedupeId);
  return route.channel === 'sms'
    ? queues.queueSms({ phone: route.phone, text }, id)
    : queues.queueChat({ conversationReference: route.conversationReference, text }, id);
}
