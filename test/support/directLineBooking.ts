/**
 * A whole booking over Direct Line, as the Web Chat page makes it: each answer posted, the bot's
 * replies read by polling or from a WebSocket stream.
 */
import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import type { ActivityStream, DirectLineClient } from './directLineClient';
import type { BookingScript } from './httpBooking';
import { describeReplies, saysKey, suggestedTitles } from './replies';

/** Where the bot's replies are read: by polling, or from the conversation's stream. */
export type Replies = (client: DirectLineClient, text: string, keys: string[], language: string) => Promise<Partial<Activity>[]>;

export const byPolling: Replies = async (client, text) => client.say(text);

/** Reads replies from `stream`: everything after the posted message's echo, until every key is said. */
export function fromStream(stream: ActivityStream): Replies {
  return async (client, text, keys, language) => {
    const echoId = await client.send(text);
    const after = (activities: Partial<Activity>[]): Partial<Activity>[] =>
      activities.slice(activities.findIndex((a) => a.id === echoId) + 1).filter((a) => a.from?.role === 'bot');
    const all = await stream.waitFor(
      (activities) => activities.some((a) => a.id === echoId) && keys.every((key) => saysKey(after(activities), language, key)),
    );
    const replies = after(all);
    client.transcript.push(`> ${text}`, describeReplies(replies));
    return replies;
  };
}

/** Starts the conversation, books by `script`, and returns the receipt number on the notice. */
export async function bookOverDirectLine(client: DirectLineClient, s: BookingScript, replies: Replies = byPolling): Promise<string> {
  const turn = async (text: string | { click: number; after: Partial<Activity>[] }, keys: string[]): Promise<Partial<Activity>[]> => {
    const typed = typeof text === 'string' ? text : suggestedTitles(text.after)[text.click];
    assert.ok(typed !== undefined, 'nothing to click');
    const got = await replies(client, typed, keys, s.language);
    for (const key of keys) {
      assert.ok(
        saysKey(got, s.language, key),
        `after "${typed}" expected ${s.language}:${key}, got:\n${describeReplies(got)}\n${client.transcript.join('\n')}`,
      );
    }
    return got;
  };
  const menu = await turn(s.pick, ['language.chosen', 'menu.prompt']);
  await turn({ click: 0, after: menu }, ['location.zipPrompt']);
  await turn('10001', ['location.office']);
  await turn(s.yes, ['booking.reasonPrompt']);
  await turn(s.reason, ['details.namePrompt']);
  await turn(s.name, ['details.dobPrompt']);
  await turn(s.dob, ['details.phonePrompt']);
  await turn(s.phone, ['slots.prompt']);
  const offer = await turn(s.when, ['slots.offerExact']);
  await turn({ click: 0, after: offer }, ['booking.summary']);
  const notice = await turn(s.yes, ['notice.text', 'menu.prompt']);
  const receipt = notice.map((a) => /IP-[0-9A-Z-]{16}/.exec(a.text ?? '')?.[0]).find((r) => r !== undefined);
  assert.ok(receipt, `the notice carries the receipt number:\n${describeReplies(notice)}`);
  return receipt;
}
