/**
 * The English booking conversation over HTTP, step by step up to the summary, for tests that
 * need many people at the confirmation step (redelivery, concurrency, durability).
 */
import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import type { HttpConversation } from './httpConversation';
import { describeReplies, saysKey, suggestedTitles } from './replies';

export interface Person {
  name: string;
  dateOfBirth: string;
  phone: string;
}

/** What every person types for the time: with TEST_NOW, Thursday 3 December 2026 at 2 PM in New York. */
export const WANTED_TIME = 'next Thursday at 2pm';

/** A distinct, valid name for person number n (letters only: names reject digits). */
export function personNumber(n: number): Person {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  let suffix = '';
  for (let rest = n; suffix.length < 3; rest = Math.floor(rest / 26)) suffix = letters[rest % 26] + suffix;
  return { name: `Maria Lo${suffix}`, dateOfBirth: '07/15/1975', phone: '212-736-5000' };
}

export async function expectKeys(conversation: HttpConversation, text: string, keys: string[]): Promise<Partial<Activity>[]> {
  const replies = await conversation.send(text);
  for (const key of keys) {
    assert.ok(
      saysKey(replies, 'en', key),
      `after "${text}" expected en:${key}, got:\n${describeReplies(replies)}\n${conversation.transcript.join('\n')}`,
    );
  }
  return replies;
}

/** The slot labels the last replies offer, without the "another time" choice. */
export function offeredSlots(replies: Partial<Activity>[]): string[] {
  return suggestedTitles(replies).slice(0, -1);
}

/**
 * From joining to the booking summary in English at the New York office (ZIP 10001), asking for
 * WANTED_TIME and picking the first slot offered (that one, or the nearest free ones once it is
 * full). Resolves with the label of the slot picked.
 */
export async function driveToSummary(conversation: HttpConversation, person: Person): Promise<string> {
  await conversation.join();
  const menu = await expectKeys(conversation, 'English', ['menu.prompt']);
  const book = suggestedTitles(menu)[0];
  assert.ok(book, `no menu choices in:\n${describeReplies(menu)}`);
  await expectKeys(conversation, book, ['location.zipPrompt']);
  await expectKeys(conversation, '10001', ['location.office']);
  await expectKeys(conversation, 'yes', ['booking.reasonPrompt']);
  await expectKeys(conversation, 'Question about a pending case', ['details.namePrompt']);
  await expectKeys(conversation, person.name, ['details.dobPrompt']);
  await expectKeys(conversation, person.dateOfBirth, ['details.phonePrompt']);
  await expectKeys(conversation, person.phone, ['slots.prompt']);
  const offer = await expectKeys(conversation, WANTED_TIME, []);
  assert.ok(
    saysKey(offer, 'en', 'slots.offerExact') || saysKey(offer, 'en', 'slots.offerNearest'),
    `no slots offered:\n${describeReplies(offer)}`,
  );
  const slot = offeredSlots(offer)[0];
  assert.ok(slot, `no slot offered:\n${describeReplies(offer)}`);
  await expectKeys(conversation, slot, ['booking.summary']);
  return slot;
}

/** Runs `task` for every item with at most `limit` running at once; resolves with the results in order. */
export async function inBatches<T, R>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
