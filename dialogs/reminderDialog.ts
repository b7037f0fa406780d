import { TurnContext } from 'botbuilder';
import type { Dialog, DialogTurnResult, FoundChoice } from 'botbuilder-dialogs';
import { type Step, StepDialog } from '../src/framework/stepDialog';
import { formatSlot } from '../src/domain/dates/format';
import { formatPhoneForDisplay } from '../src/domain/phone';
import { languageByCode } from '../src/domain/languages';
import type { ContactRoute } from '../src/domain/outreach/types';
import type { Appointment } from '../src/domain/appointments/types';
import type { DialogServices } from './services';
import { choice } from './choices';
import type { Flow } from './flow';
import { message, say } from './messages';
import { translate, turnLanguage } from './turnLanguage';
import { choicePrompt } from './prompts';
import { reminderDueAt } from '../src/domain/outreach/reminderTiming';
import { yesOrNoUnderstood } from './cancelDialog';
import { canReachLater, laterReach } from './laterReach';

export const REMINDER_DIALOG = 'reminder';
const ASK = 'reminder.ask';

export interface ReminderDialogOptions {
  receiptNumber: string;
  /** E.164, as given at booking. */
  phone: string;
  officeCode: string;
  slotStart: string;
}

/**
 * Right after a booking: "Shall I remind you the day before?" By SMS, yes or no (a text to the
 * number given); on Web Chat and Teams, a message in this chat (a proactive message to this
 * conversation) or a text to the number given — only the chat when the bot sends no texts.
 * Saves the route and schedules the reminder. Asks nothing when the person cannot be reached later
 * (laterReach.ts) or the reminder's time has already passed.
 */
export class ReminderDialog extends StepDialog<ReminderDialogOptions> implements Flow {
  readonly prompts: readonly Dialog[];

  constructor(private readonly services: DialogServices) {
    super(REMINDER_DIALOG);
    this.prompts = [choicePrompt(ASK, services.translator, (context) => yesOrNoUnderstood(context))];
    for (const step of [this.ask, this.save]) this.addStep(step.bind(this));
  }

  private dueAt(options: ReminderDialogOptions): Date | undefined {
    return reminderDueAt(options.slotStart, this.services.clock.now(), this.services.reminderHoursBefore);
  }

  private async ask(step: Step<ReminderDialogOptions>): Promise<DialogTurnResult> {
    const reach = laterReach(step.context, this.services, 'nextDay');
    if (!this.services.outreach || !canReachLater(reach) || !this.dueAt(step.options)) return step.endDialog();
    const t = translate(step.context, this.services);
    const phone = formatPhoneForDisplay(step.options.phone);
    const no = choice('no', t('reminder.noThanks'), 'common.noWords');
    if (!reach.chat || !reach.sms) {
      // One way only: a text on SMS, a message in this chat elsewhere (the bot sends no texts).
      return step.prompt(ASK, {
        prompt: message(step.context, t(reach.sms ? 'reminder.askSms' : 'reminder.askChatOnly')),
        retryPrompt: message(step.context, t('common.yesNoRetry')),
        choices: [choice('yes', t('common.yes'), 'common.yesWords'), no],
      });
    }
    return step.prompt(ASK, {
      prompt: message(step.context, t('reminder.askChat', { phone })),
      retryPrompt: message(step.context, t('menu.retry')),
      choices: [
        choice('chat', t('reminder.inChat'), 'reminder.inChatWords'),
        choice('sms', t('reminder.byText', { phone }), 'reminder.byTextWords'),
        no,
      ],
    });
  }

  private async save(step: Step<ReminderDialogOptions>): Promise<DialogTurnResult> {
    const picked = step.result as FoundChoice | undefined;
    const { outreach } = this.services;
    const dueAt = this.dueAt(step.options);
    if (!picked || picked.value === 'no' || !outreach || !dueAt) {
      await say(step.context, this.services, 'reminder.none');
      return step.endDialog();
    }
    const { receiptNumber, phone } = step.options;
    // "Yes" in a chat (typed rather than picked) is a message in this chat.
    const route: ContactRoute =
      picked.value === 'sms' || (picked.value === 'yes' && !laterReach(step.context, this.services, 'nextDay').chat)
        ? { channel: 'sms', phone }
        : { channel: 'chat', conversationReference: JSON.stringify(TurnContext.getConversationReference(step.context.activity)) };
    await outreach.saveRoute(receiptNumber, route);
    await outreach.scheduleReminder(receiptNumber, dueAt);
    const office = this.services.offices.byCode(step.options.officeCode);
    const f = formatSlot(dueAt.toISOString(), office?.timeZone ?? 'UTC', languageByCode(turnLanguage(step.context)).intlLocale);
    await say(step.context, this.services, route.channel === 'sms' ? 'reminder.setSms' : 'reminder.setChat', {
      date: f.date,
      time: f.time,
      zone: f.zone,
      phone: formatPhoneForDisplay(phone),
    });
    return step.endDialog();
  }
}

/** A reminder asked for at booking follows its appointment when it moves; one whose time has passed is removed. Whether there was one. */
export async function reminderFollowsMove(services: DialogServices, receiptNumber: string, slotStart: string): Promise<boolean> {
  const { outreach } = services;
  if (!outreach || !(await outreach.routeOf(receiptNumber))) return false;
  const dueAt = reminderDueAt(slotStart, services.clock.now(), services.reminderHoursBefore);
  if (dueAt) await outreach.scheduleReminder(receiptNumber, dueAt);
  else await outreach.cancelReminder(receiptNumber);
  return true;
}

/** After a booking or a move: the reminder question, when there is a way to send one (it asks nothing when its time has passed). */
export function askReminderAfter(
  step: Step<object>,
  services: DialogServices,
  appointment: Pick<Appointment, 'receiptNumber' | 'phone' | 'officeCode' | 'slotStart'>,
): Promise<DialogTurnResult> {
  if (!services.outreach) return step.endDialog(appointment.receiptNumber);
  const options: ReminderDialogOptions = {
    receiptNumber: appointment.receiptNumber,
    phone: appointment.phone,
    officeCode: appointment.officeCode,
    slotStart: appointment.slotStart,
  };
  return step.replaceDialog(REMINDER_DIALOG, options);
}
