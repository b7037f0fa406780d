import { ActivityTypes, CardFactory, Channels, TurnContext, type Activity, type Attachment, type Middleware } from 'botbuilder';
import { LANGUAGES, languageByCode, matchLocale } from '../../domain/languages';
import { attachmentText, cardVersion, isAdaptiveCard, renderOutgoing, suggestedAnswers } from '../channelRendering';

export const TEAMS_CHANNEL = Channels.Msteams;
/** Teams shows only the first three suggested actions; longer lists go on a card. */
export const TEAMS_MAX_SUGGESTED_ACTIONS = 3;
/** The newest Adaptive Card schema Teams renders. */
export const TEAMS_MAX_CARD_VERSION: readonly [number, number] = [1, 5];

/** The answer a card button (Action.Submit) carries: its `text`, else its only filled-in field. */
export function answerFromValue(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const fields = value as Record<string, unknown>;
  if (typeof fields.text === 'string' && fields.text.trim() !== '') return fields.text.trim();
  const filled = Object.entries(fields)
    .filter(([key]) => key !== 'msteams')
    .map(([, v]) => (typeof v === 'number' ? String(v) : v))
    .filter((v): v is string => typeof v === 'string' && v.trim() !== '');
  return filled.length === 1 ? filled[0].trim() : undefined;
}

/**
 * What the person wrote, as the dialogs expect it: the bot's @mention taken out (Teams puts
 * "<at>InfoPass</at>" in the text of channel messages), and a card button's value read as the
 * answer when the message has no text.
 */
export function readTeamsMessage(activity: Activity): void {
  if (typeof activity.text === 'string' && activity.recipient?.id) {
    TurnContext.removeRecipientMention(activity);
    activity.text = activity.text.replace(/&nbsp;/g, ' ').trim();
  }
  if (!activity.text) {
    const answer = answerFromValue(activity.value);
    if (answer) activity.text = answer;
  }
}

function direction(locale: string | undefined): 'ltr' | 'rtl' {
  const code = LANGUAGES.find((l) => l.intlLocale === locale)?.code ?? matchLocale(locale);
  return code ? languageByCode(code).direction : 'ltr';
}

/** An Adaptive Card of answer buttons, one a row; each sends its answer back as `value.text`. */
export function answersCard(answers: readonly string[], locale?: string): Attachment {
  return CardFactory.adaptiveCard({
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    rtl: direction(locale) === 'rtl',
    body: answers.map((answer) => ({ type: 'ActionSet', actions: [{ type: 'Action.Submit', title: answer, data: { text: answer } }] })),
  });
}

function fitsTeams(attachment: Attachment): boolean {
  if (!isAdaptiveCard(attachment)) return true;
  const version = cardVersion(attachment);
  if (!version) return false;
  const [major, minor] = version;
  return major < TEAMS_MAX_CARD_VERSION[0] || (major === TEAMS_MAX_CARD_VERSION[0] && minor <= TEAMS_MAX_CARD_VERSION[1]);
}

/** Adaptive Cards stretch to the message width in Teams, so a notice is not squeezed. */
function fullWidth(attachment: Attachment): Attachment {
  if (!isAdaptiveCard(attachment) || typeof attachment.content !== 'object' || attachment.content === null) return attachment;
  const content = attachment.content as Record<string, unknown>;
  return { ...attachment, content: { ...content, msteams: { width: 'Full' } } };
}

/**
 * An outgoing activity as Teams shows it: more answers than Teams displays as suggested actions
 * become a card of buttons; a card newer than Teams renders gives way to its text.
 */
export function renderTeamsActivity(activity: Partial<Activity>): Partial<Activity> {
  if (activity.type !== undefined && activity.type !== ActivityTypes.Message) return activity;
  const all = activity.attachments ?? [];
  const attachments = all.filter(fitsTeams).map(fullWidth);
  const rendered: Partial<Activity> = { ...activity, attachments };
  if (attachments.length < all.length && !activity.text) {
    rendered.text = all
      .filter((a) => !fitsTeams(a))
      .map(attachmentText)
      .join('\n\n');
  }
  const answers = suggestedAnswers(activity);
  if (answers.length > TEAMS_MAX_SUGGESTED_ACTIONS) {
    rendered.attachments = [...attachments, answersCard(answers, activity.locale)];
    delete rendered.suggestedActions;
  }
  if (rendered.attachments?.length === 0) delete rendered.attachments;
  return rendered;
}

/** Teams' ways, for activities whose channel is Teams: mentions, card answers, what Teams can show. */
export class TeamsChannelMiddleware implements Middleware {
  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    if (context.activity.channelId !== TEAMS_CHANNEL) return next();
    if (context.activity.type === ActivityTypes.Message) readTeamsMessage(context.activity);
    renderOutgoing(context, renderTeamsActivity);
    await next();
  }
}
