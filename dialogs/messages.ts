import { type Activity, type TurnContext, ActivityTypes, CardFactory, MessageFactory, type Attachment } from 'botbuilder';
import { languageByCode } from '../src/domain/languages';
import type { DialogServices } from './services';
import { translate, turnLanguage } from './turnLanguage';

/**
 * A message in the turn's language; Arabic and other right-to-left languages say so in `locale`.
 * Only what differs from the defaults: a prompt keeps its message in the conversation state until
 * the answer comes, and sending makes it a "message" (TurnContext.sendActivities), whose input
 * hint is "acceptingInput" when it has none (the Activity schema's default).
 */
export function message(context: TurnContext, text: string): Partial<Activity> {
  return { text, locale: languageByCode(turnLanguage(context)).intlLocale };
}

export async function say(
  context: TurnContext,
  services: DialogServices,
  key: string,
  values?: Record<string, string | number>,
): Promise<void> {
  await context.sendActivity(message(context, translate(context, services)(key, values)));
}

export function cardMessage(context: TurnContext, text: string, card: object): Partial<Activity> {
  const attachment: Attachment = CardFactory.adaptiveCard(card);
  const activity = MessageFactory.attachment(attachment, text, text);
  activity.locale = languageByCode(turnLanguage(context)).intlLocale;
  return activity;
}

/** The prompt's text as a message activity. */
export function promptActivity(context: TurnContext, text: string): Partial<Activity> {
  return { ...message(context, text), type: ActivityTypes.Message };
}

/** A text message offering tappable answers that can equally be typed. */
export function withSuggestions(context: TurnContext, text: string, titles: readonly string[]): Partial<Activity> {
  const activity = message(context, text);
  activity.suggestedActions = { to: [], actions: titles.map((title) => ({ type: 'imBack', title, value: title })) };
  return activity;
}
