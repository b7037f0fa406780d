import { ActivityTypes, type Activity } from 'botbuilder';
import { attachmentText, suggestedAnswers } from '../channelRendering';

/**
 * Typography that has a plain equivalent in the GSM alphabet. One character outside it makes
 * the whole SMS UCS-2 and more than doubles its segments (Intl puts U+202F before "PM").
 */
const PLAIN_EQUIVALENTS: ReadonlyArray<[RegExp, string]> = [
  [/[\u00a0\u2007\u2009\u202f]/g, ' '],
  [/[\u2018\u2019\u201a\u2032]/g, "'"],
  [/[\u201c\u201d\u201e\u2033]/g, '"'],
  [/[\u2010-\u2015\u2212]/g, '-'],
  [/\u2026/g, '...'],
  [/\u2022/g, '-'],
];

/** Control characters other than line breaks and tabs: not valid in XML 1.0 and meaningless in an SMS. */
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

export function plainSmsText(text: string): string {
  let out = text.replace(CONTROL_CHARACTERS, '');
  for (const [pattern, replacement] of PLAIN_EQUIVALENTS) out = out.replace(pattern, replacement);
  return out
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** "1. English\n2. Español…": what a person answers with a number. */
export function numberedList(answers: readonly string[]): string {
  return answers.map((answer, i) => `${i + 1}. ${answer}`).join('\n');
}

/**
 * An outgoing activity as an SMS can carry it: plain text only. Suggested actions become a
 * numbered list under the text; cards are dropped for the text that goes with them (or, for a
 * card sent alone, the card's own text).
 */
export function renderSmsActivity(activity: Partial<Activity>): Partial<Activity> {
  if (activity.type !== undefined && activity.type !== ActivityTypes.Message) return activity;
  const text =
    typeof activity.text === 'string' && activity.text.trim() !== ''
      ? activity.text
      : (activity.attachments ?? []).map(attachmentText).join('\n\n');
  const answers = suggestedAnswers(activity);
  const body = [text, numberedList(answers)].filter((part) => part.trim() !== '').join('\n');
  const rendered: Partial<Activity> = { ...activity, text: plainSmsText(body), textFormat: 'plain' };
  delete rendered.attachments;
  delete rendered.attachmentLayout;
  delete rendered.suggestedActions;
  return rendered;
}
