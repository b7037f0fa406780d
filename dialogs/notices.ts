import type { TurnContext } from 'botbuilder';
import { buildNotice } from '../src/domain/appointments/notice';
import type { Appointment } from '../src/domain/appointments/types';
import { formatSlot } from '../src/domain/dates/format';
import { movedMessage } from '../src/domain/appointments/moveMessage';
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

/**
 * The notice of an appointment that was moved, led by where it moved from and to (both with date,
 * time and zone): after a reschedule, or any other move (a seat taken from a wait for an earlier one).
 */
export async function sendMovedNotice(
  context: TurnContext,
  services: DialogServices,
  appointment: Appointment,
  previousSlotStart: string,
): Promise<void> {
  const office = services.offices.byCode(appointment.officeCode);
  if (!office) return;
  const lead = movedMessage(
    translate(context, services),
    office,
    previousSlotStart,
    appointment.slotStart,
    languageByCode(turnLanguage(context)).intlLocale,
  );
  await sendNotice(context, services, appointment, lead);
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
