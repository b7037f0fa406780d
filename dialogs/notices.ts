import type { TurnContext } from 'botbuilder';
import { buildNotice } from '../src/domain/appointments/notice';
import type { Appointment } from '../src/domain/appointments/types';
import { formatSlot } from '../src/domain/dates/format';
import { languageByCode } from '../src/domain/languages';
import { noticeCard } from '../src/cards/noticeCard';
import type { DialogServices } from './services';
import { cardMessage } from './messages';
import { translate, turnLanguage } from './turnLanguage';

/**
 * The Electronic Appointment Notice of `appointment` in the turn's language: an Adaptive Card whose
 * text carries the essentials (SMS shows the text, with the link to the printable notice).
 * `lead` is said first, in the text and at the top of the card ("Your appointment was moved …").
 */
export async function sendNotice(context: TurnContext, services: DialogServices, appointment: Appointment, lead?: string): Promise<void> {
  const office = services.offices.byCode(appointment.officeCode);
  if (!office) return;
  const t = translate(context, services);
  const links = services.noticeLinks?.(appointment);
  const notice = buildNotice(appointment, office, t, turnLanguage(context), links ? { links } : {});
  const text = lead ? `${lead}\n${notice.text}` : notice.text;
  await context.sendActivity(cardMessage(context, text, noticeCard(notice, lead ? { lead } : {})));
}

/** An appointment's date, time and zone, and its office's name, as the turn's language writes them. */
export function appointmentWhen(
  context: TurnContext,
  services: DialogServices,
  slotStart: string,
  officeCode: string,
): { date: string; time: string; zone: string; office: string } {
  const office = services.offices.byCode(officeCode);
  const f = formatSlot(slotStart, office?.timeZone ?? 'UTC', languageByCode(turnLanguage(context)).intlLocale);
  return { date: f.date, time: f.time, zone: f.zone, office: office?.name ?? officeCode };
}

/**
 * The notice of an appointment that was moved, led by "Your appointment was moved from ‹date, time,
 * zone› to ‹date, time, zone›. The receipt number stays the same." (reschedule.done): after any move
 * (a reschedule, an earlier seat taken from the waitlist).
 */
export async function sendMovedNotice(
  context: TurnContext,
  services: DialogServices,
  appointment: Appointment,
  previousSlotStart: string,
): Promise<void> {
  const a = appointmentWhen(context, services, previousSlotStart, appointment.officeCode);
  const b = appointmentWhen(context, services, appointment.slotStart, appointment.officeCode);
  const lead = translate(context, services)('reschedule.done', {
    fromDate: a.date,
    fromTime: a.time,
    fromZone: a.zone,
    toDate: b.date,
    toTime: b.time,
    toZone: b.zone,
  });
  await sendNotice(context, services, appointment, lead);
}
