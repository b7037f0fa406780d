/**
 * A whole booking, then its cancellation by receipt number, over HTTP against running bots.
 * With several base URLs the turns of each conversation go round-robin between them, as a
 * load balancer without session affinity would send them.
 */
import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { HttpConversation } from './httpConversation';
import { describeReplies, saysKey, suggestedTitles } from './replies';

/** An HttpConversation whose every request goes to the next of `baseUrls`. */
export class RoundRobinConversation extends HttpConversation {
  private next = 0;
  /** The base URL each request went to, in order. */
  readonly servedBy: string[] = [];

  constructor(private readonly baseUrls: readonly string[]) {
    super(baseUrls[0]);
  }

  override async post(activity: Partial<Activity>): Promise<{ status: number; replies: Partial<Activity>[] }> {
    this.baseUrl = this.baseUrls[this.next % this.baseUrls.length];
    this.next += 1;
    this.servedBy.push(this.baseUrl);
    return super.post(activity);
  }
}

export interface BookingScript {
  language: string;
  pick: string;
  yes: string;
  reason: string;
  name: string;
  dob: string;
  phone: string;
  when: string;
  /** The date of birth typed when cancelling (the cancel flow runs in English: a new conversation). */
  cancelDob: string;
}

export const ENGLISH_BOOKING: BookingScript = {
  language: 'en',
  pick: 'English',
  yes: 'yes',
  reason: 'Question about a pending case',
  name: 'John Smith',
  dob: '07/15/1975',
  phone: '212-736-5000',
  when: 'next Thursday at 2pm',
  cancelDob: 'July 15, 1975',
};

export const SPANISH_BOOKING: BookingScript = {
  language: 'es',
  pick: 'Español',
  yes: 'sí',
  reason: '8',
  name: 'José Martínez',
  dob: '15/07/1975',
  phone: '(212) 736-5000',
  when: 'el jueves a las 2 de la tarde',
  cancelDob: '1975-07-15',
};

async function expectTurn(
  conversation: HttpConversation,
  language: string,
  text: string | { click: number; after: Partial<Activity>[] },
  keys: string[],
): Promise<Partial<Activity>[]> {
  const typed = typeof text === 'string' ? text : suggestedTitles(text.after)[text.click];
  assert.ok(typed !== undefined, 'nothing to click');
  const replies = await conversation.send(typed);
  for (const key of keys) {
    assert.ok(
      saysKey(replies, language, key),
      `after "${typed}" expected ${language}:${key}, got:\n${describeReplies(replies)}\n${conversation.transcript.join('\n')}`,
    );
  }
  return replies;
}

/** Books through `booking`, then cancels through `cancelling` (a new conversation); returns the receipt number. */
export async function bookThenCancel(booking: HttpConversation, cancelling: HttpConversation, s: BookingScript): Promise<string> {
  await booking.join();
  const menu = await expectTurn(booking, s.language, s.pick, ['language.chosen', 'menu.prompt']);
  await expectTurn(booking, s.language, { click: 0, after: menu }, ['location.zipPrompt']);
  await expectTurn(booking, s.language, '10001', ['location.office']);
  await expectTurn(booking, s.language, s.yes, ['booking.reasonPrompt']);
  await expectTurn(booking, s.language, s.reason, ['details.namePrompt']);
  await expectTurn(booking, s.language, s.name, ['details.dobPrompt']);
  await expectTurn(booking, s.language, s.dob, ['details.phonePrompt']);
  await expectTurn(booking, s.language, s.phone, ['slots.prompt']);
  const offer = await expectTurn(booking, s.language, s.when, ['slots.offerExact']);
  await expectTurn(booking, s.language, { click: 0, after: offer }, ['booking.summary']);
  const notice = await expectTurn(booking, s.language, s.yes, ['notice.text', 'menu.prompt']);
  const receipt = notice.map((a) => /IP-[0-9A-Z-]{16}/.exec(a.text ?? '')?.[0]).find((r) => r !== undefined);
  assert.ok(receipt, `the notice carries the receipt number:\n${describeReplies(notice)}`);

  await expectTurn(cancelling, 'en', receipt, ['cancel.dobPrompt']);
  const confirm = await expectTurn(cancelling, 'en', s.cancelDob, ['cancel.confirm']);
  await expectTurn(cancelling, 'en', { click: 0, after: confirm }, ['cancel.done']);
  return receipt;
}
