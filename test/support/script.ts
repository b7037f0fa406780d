import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import type { DialogConversation } from './dialogHarness';
import { describeReplies, saysKey, suggestedTitles } from './replies';

/** A step: what the person types (or which suggested action they click) and the sentences expected back. */
export interface Step {
  say?: string;
  /** Click the n-th suggested action of the previous turn. */
  click?: number;
  /** Click the suggested action whose title matches. */
  clickMatching?: RegExp;
  /** Expect the replies in this language instead of the script's. */
  language?: string;
  expect: string[];
  card?: boolean;
}

export async function play(conversation: DialogConversation, language: string, steps: Step[]): Promise<Partial<Activity>[][]> {
  const turns: Partial<Activity>[][] = [];
  let previous: Partial<Activity>[] = conversation.lastReplies;
  for (const step of steps) {
    let text = step.say;
    if (step.click !== undefined) {
      const titles = suggestedTitles(previous);
      assert.ok(titles.length > step.click, `no suggested action #${step.click} in:\n${describeReplies(previous)}`);
      text = titles[step.click];
    }
    if (step.clickMatching) {
      const pattern = step.clickMatching;
      text = suggestedTitles(previous).find((t) => pattern.test(t));
      assert.ok(text, `no suggested action matching ${pattern} in:\n${describeReplies(previous)}`);
    }
    const replies = await conversation.send(text ?? '');
    for (const key of step.expect) {
      const expected = step.language ?? language;
      assert.ok(
        saysKey(replies, expected, key),
        `after "${text}" expected ${expected}:${key}; got:\n${describeReplies(replies)}\n--- transcript ---\n${conversation.transcript.join('\n')}`,
      );
    }
    if (step.card) {
      const card = replies.find((r) => r.attachments?.some((a) => a.contentType === 'application/vnd.microsoft.card.adaptive'));
      assert.ok(card, 'expected an Adaptive Card');
    }
    turns.push(replies);
    previous = replies;
  }
  return turns;
}

export function receiptFrom(replies: Partial<Activity>[]): string {
  for (const r of replies) {
    const match = /IP-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]/.exec(r.text ?? '');
    if (match) return match[0];
  }
  throw new Error(`no receipt number in:\n${describeReplies(replies)}`);
}
