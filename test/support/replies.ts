import type { Activity } from 'botbuilder';
import { Translator } from '../../src/domain/i18n/translator';

export const translator = new Translator();

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A pattern matching the sentence of a locale key with any values in its placeholders. */
export function keyPattern(language: string, key: string): RegExp {
  const t = translator.for(language);
  const variants = [key, `${key}_one`, `${key}_other`].filter((k) => t(k) !== k).map((k) => t(k));
  if (variants.length === 0) throw new Error(`no sentence for ${language}:${key}`);
  const alternatives = variants.map((template) => escapeRegExp(template).replace(/\\\{\\\{[a-zA-Z]+\\\}\\\}/g, '[\\s\\S]*?'));
  return new RegExp(alternatives.map((a) => `(?:${a})`).join('|'));
}

export function textOf(activity: Partial<Activity>): string {
  return typeof activity.text === 'string' ? activity.text : '';
}

/** True when some reply's text holds the sentence of `key` (placeholders filled with anything). */
export function saysKey(replies: Partial<Activity>[], language: string, key: string): boolean {
  const pattern = keyPattern(language, key);
  return replies.some((r) => pattern.test(textOf(r)));
}

/** The titles of the suggested actions of the last reply that has some. */
export function suggestedTitles(replies: Partial<Activity>[]): string[] {
  for (let i = replies.length - 1; i >= 0; i--) {
    const actions = replies[i].suggestedActions?.actions;
    if (actions && actions.length > 0) return actions.map((a) => String(a.title));
  }
  return [];
}

export function describeReplies(replies: Partial<Activity>[]): string {
  return replies
    .map((r) => `  [${r.type}] ${textOf(r).slice(0, 160).replace(/\n/g, ' ⏎ ')}${r.attachments?.length ? ' +card' : ''}`)
    .join('\n');
}
