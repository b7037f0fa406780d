import type { Activity, Attachment, CardAction, TurnContext } from 'botbuilder';

export const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

/** Rewrites one outgoing activity for a channel; may return the same object. */
export type OutgoingRenderer = (activity: Partial<Activity>) => Partial<Activity>;

/** Applies `render` to every activity the rest of this turn sends. */
export function renderOutgoing(context: TurnContext, render: OutgoingRenderer): void {
  context.onSendActivities(async (_context, activities, next) => {
    for (let i = 0; i < activities.length; i++) activities[i] = render(activities[i]);
    return next();
  });
}

/** What a person would type to give the answer a button stands for. */
export function actionAnswer(action: CardAction): string {
  const value: unknown = action.value;
  if (typeof value === 'string' && value.trim() !== '') return value;
  return typeof action.title === 'string' ? action.title : '';
}

/** The answers offered as suggested actions, in order (empty when none). */
export function suggestedAnswers(activity: Partial<Activity>): string[] {
  return (activity.suggestedActions?.actions ?? []).map(actionAnswer).filter((a) => a.trim() !== '');
}

export function isAdaptiveCard(attachment: Attachment): boolean {
  return attachment.contentType === ADAPTIVE_CARD;
}

interface CardElement {
  type?: unknown;
  text?: unknown;
  items?: unknown;
  columns?: unknown;
  facts?: unknown;
  title?: unknown;
  value?: unknown;
}

function elements(value: unknown): CardElement[] {
  return Array.isArray(value) ? value.filter((e): e is CardElement => typeof e === 'object' && e !== null) : [];
}

/** The readable text of an Adaptive Card's body: text blocks and facts, in order. */
function cardBodyLines(body: unknown): string[] {
  const lines: string[] = [];
  for (const element of elements(body)) {
    if (element.type === 'TextBlock' && typeof element.text === 'string') lines.push(element.text);
    if (element.type === 'FactSet') {
      for (const fact of elements(element.facts)) {
        if (typeof fact.title === 'string' && typeof fact.value === 'string') lines.push(`${fact.title}: ${fact.value}`);
      }
    }
    lines.push(...cardBodyLines(element.items));
    for (const column of elements(element.columns)) lines.push(...cardBodyLines(column.items));
  }
  return lines;
}

/**
 * Plain text standing for an attachment, for channels that show no cards: the card's `speak`
 * text when it has one, else its text blocks and facts.
 */
export function attachmentText(attachment: Attachment): string {
  const content: unknown = attachment.content;
  if (typeof content !== 'object' || content === null) return '';
  const card = content as { speak?: unknown; body?: unknown; text?: unknown; title?: unknown };
  if (typeof card.speak === 'string' && card.speak.trim() !== '') return card.speak;
  if (isAdaptiveCard(attachment)) return cardBodyLines(card.body).join('\n');
  return [card.title, card.text].filter((p): p is string => typeof p === 'string' && p !== '').join('\n');
}

/** The Adaptive Card schema version a card declares ("1.5"), as [major, minor]. */
export function cardVersion(attachment: Attachment): [number, number] | undefined {
  const content: unknown = attachment.content;
  if (typeof content !== 'object' || content === null) return undefined;
  const version: unknown = (content as { version?: unknown }).version;
  const match = typeof version === 'string' ? /^(\d+)\.(\d+)$/.exec(version) : null;
  return match ? [Number(match[1]), Number(match[2])] : undefined;
}
