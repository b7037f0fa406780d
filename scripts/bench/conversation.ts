/**
 * The people of the benchmark: one complete booking conversation in one of the 13 languages
 * (and, for some, the cancellation of what they booked), and the floor bot's counter
 * conversation with the same number of turns. Each turn checks the reply it should get
 * (the locale sentence of the next step); a wrong reply ends the conversation as an error.
 */
import type { Activity } from 'botbuilder';
import { keyPattern, suggestedTitles, textOf } from '../../test/support/replies';

/**
 * Sends one activity; `step` names the turn by the reply it should bring, for per-step latencies.
 * `expected` tells a transport whose replies come apart from the request (Direct Line) when the turn's are all in.
 */
export type Post = (
  activity: Partial<Activity>,
  step: string,
  expected?: (replies: Partial<Activity>[]) => boolean,
) => Promise<{ status: number; replies: Partial<Activity>[] }>;

export class ConversationError extends Error {}

/** Per language: the name on the language menu, and relative dates and times that its parser reads. */
export const PEOPLE: Readonly<Record<string, { menuName: string; when: readonly string[] }>> = {
  en: { menuName: 'English', when: ['tomorrow at 10', 'next tuesday', 'in two weeks'] },
  es: { menuName: 'Español', when: ['mañana a las 10', 'el proximo martes', 'pasado mañana'] },
  fr: { menuName: 'Français', when: ['demain à 10h', 'mardi prochain', 'après-demain'] },
  zh: { menuName: '中文', when: ['明天上午十点', '下周二', '后天'] },
  ru: { menuName: 'Русский', when: ['завтра в 10', 'в следующий вторник', 'послезавтра'] },
  pt: { menuName: 'Português', when: ['amanhã às 10', 'depois de amanhã', 'terça-feira de manhã'] },
  ar: { menuName: 'العربية', when: ['غدا الساعة 10', 'الثلاثاء القادم', 'بعد غد'] },
  vi: { menuName: 'Tiếng Việt', when: ['ngày mai lúc 10 giờ', 'thứ ba tuần sau', 'ngày kia'] },
  ko: { menuName: '한국어', when: ['내일 오전 10시', '다음주 화요일', '모레'] },
  pl: { menuName: 'Polski', when: ['jutro o 10', 'w przyszły wtorek rano', 'pojutrze'] },
  tl: { menuName: 'Tagalog', when: ['bukas ng 10am', 'sa susunod na Martes', 'Martes'] },
  eo: { menuName: 'Esperanto', when: ['morgaŭ je la 10-a', 'venontan mardon', 'mardon'] },
  ht: { menuName: 'Kreyòl ayisyen', when: ['demen a 10è', 'madi pwochen', 'madi'] },
};

export const BENCH_LANGUAGES = Object.keys(PEOPLE);

/** ZIP codes served by different field offices, so bookings spread over many offices' slots. */
export const ZIPS = [
  '10001',
  '90012',
  '60604',
  '77002',
  '85004',
  '19106',
  '78205',
  '92101',
  '75201',
  '95113',
  '32202',
  '43215',
  '28202',
  '98104',
  '80202',
  '20001',
  '02108',
  '37219',
  '48226',
  '97204',
  '89101',
  '21202',
  '53202',
  '87102',
  '73102',
  '40202',
  '38103',
  '46204',
  '64106',
  '70112',
  '33130',
  '30303',
  '55401',
  '63101',
  '15222',
  '45202',
  '84111',
  '96813',
  '99501',
  '00901',
];

const patterns = new Map<string, RegExp>();

function says(replies: Partial<Activity>[], language: string, keys: readonly string[]): boolean {
  return keys.some((key) => {
    const id = `${language}:${key}`;
    let pattern = patterns.get(id);
    if (!pattern) {
      pattern = keyPattern(language, key);
      patterns.set(id, pattern);
    }
    const p = pattern;
    return replies.some((r) => p.test(textOf(r)));
  });
}

export interface ConversationIds {
  conversationId: string;
  userId: string;
}

/** Builds the activities of one conversation (deliveryMode expectReplies), as a channel would send them. */
export class ActivityMaker {
  private sequence = 0;
  constructor(private readonly ids: ConversationIds) {}

  make(partial: Partial<Activity>): Partial<Activity> {
    this.sequence += 1;
    return {
      type: 'message',
      id: `${this.ids.conversationId}-${this.sequence}`,
      channelId: 'webchat',
      serviceUrl: 'http://127.0.0.1:1/no-callbacks',
      timestamp: new Date(),
      from: { id: this.ids.userId, name: 'Person' },
      recipient: { id: 'infopass-bot', name: 'InfoPass' },
      conversation: { id: this.ids.conversationId, isGroup: false, conversationType: 'personal', name: '' },
      deliveryMode: 'expectReplies',
      ...partial,
    };
  }
}

class Talk {
  private readonly maker: ActivityMaker;
  last: Partial<Activity>[] = [];
  readonly transcript: string[] = [];

  constructor(
    private readonly post: Post,
    ids: ConversationIds,
    private readonly language: string,
  ) {
    this.maker = new ActivityMaker(ids);
  }

  async join(expect: readonly string[], language = this.language): Promise<void> {
    await this.turn(
      this.maker.make({ type: 'conversationUpdate', membersAdded: [{ id: 'person', name: 'Person' }] }),
      '(joins)',
      expect,
      language,
    );
  }

  async say(text: string, expect: readonly string[], language = this.language): Promise<Partial<Activity>[]> {
    return this.turn(this.maker.make({ text }), text, expect, language);
  }

  async click(index: number, expect: readonly string[], language = this.language): Promise<Partial<Activity>[]> {
    const title = suggestedTitles(this.last)[index];
    if (title === undefined) throw new ConversationError(`no suggested action #${index}\n${this.transcript.join('\n')}`);
    return this.say(title, expect, language);
  }

  private async turn(
    activity: Partial<Activity>,
    shown: string,
    expect: readonly string[],
    language: string,
  ): Promise<Partial<Activity>[]> {
    const expected = expect.length > 0 ? (replies: Partial<Activity>[]) => says(replies, language, expect) : undefined;
    const { status, replies } = await this.post(activity, expect[0] ?? shown, expected);
    this.transcript.push(`> ${shown}`, ...replies.map((r) => `  ${textOf(r).slice(0, 120).replace(/\n/g, ' ')}`));
    if (status !== 200) throw new ConversationError(`HTTP ${status} after "${shown}"\n${this.transcript.join('\n')}`);
    if (expect.length > 0 && !says(replies, language, expect)) {
      throw new ConversationError(`after "${shown}" expected ${language}:${expect.join('|')}\n${this.transcript.join('\n')}`);
    }
    this.last = replies;
    return replies;
  }
}

export interface Person {
  language: string;
  /** Unique per person: one active appointment per person (name + date of birth). */
  name: string;
  dateOfBirth: string;
  zip: string;
  when: string;
  cancels: boolean;
}

const SLOT_OFFERS = ['slots.offerExact', 'slots.offerNearest'];
const MAX_SLOT_RETRIES = 5;

/**
 * Books (12 turns: join, language, menu, ZIP, office, reason, name, date of birth, phone, date,
 * slot, confirm; 3 more per retry when the seat was taken meanwhile), then, when `person.cancels`,
 * cancels in a new conversation (3 turns: receipt number, date of birth, yes).
 */
export async function bookingConversation(post: Post, person: Person, ids: (n: number) => ConversationIds): Promise<void> {
  const l = person.language;
  const talk = new Talk(post, ids(0), l);
  await talk.join(['language.prompt'], 'en');
  await talk.say(PEOPLE[l].menuName, ['menu.prompt']);
  await talk.click(0, ['location.zipPrompt']);
  await talk.say(person.zip, ['location.office']);
  await talk.click(0, ['booking.reasonPrompt']);
  await talk.say('8', ['details.namePrompt']);
  await talk.say(person.name, ['details.dobPrompt']);
  await talk.say(person.dateOfBirth, ['details.phonePrompt']);
  await talk.say('212-736-5000', ['slots.prompt']);
  await talk.say(person.when, SLOT_OFFERS);
  await talk.click(0, ['booking.summary']);
  // Many people book the same offices at once: the seat offered may be taken before they confirm.
  // The bot then says so and asks for a time again, as it would to a real person.
  let notice = await talk.click(0, ['notice.text', 'booking.slotTaken']);
  for (let retry = 0; !says(notice, l, ['notice.text']); retry++) {
    if (retry >= MAX_SLOT_RETRIES) throw new ConversationError(`slot taken ${retry} times in a row\n${talk.transcript.join('\n')}`);
    await talk.say(person.when, SLOT_OFFERS);
    await talk.click(0, ['booking.summary']);
    notice = await talk.click(0, ['notice.text', 'booking.slotTaken']);
  }
  if (!person.cancels) return;

  const receipt = notice.map((r) => /IP-[0-9A-Z-]{16}/.exec(textOf(r))?.[0]).find((r) => r !== undefined);
  if (!receipt) throw new ConversationError(`no receipt number in the notice\n${talk.transcript.join('\n')}`);
  const cancel = new Talk(post, ids(1), 'en');
  await cancel.say(receipt, ['cancel.dobPrompt']);
  await cancel.say(person.dateOfBirth, ['cancel.confirm']);
  await cancel.click(0, ['cancel.done']);
}

/** The floor: the same number of turns to a bot that counts them; each reply must be the count. */
export async function counterConversation(post: Post, turns: number, ids: ConversationIds): Promise<void> {
  const maker = new ActivityMaker(ids);
  for (let n = 1; n <= turns; n++) {
    const { status, replies } = await post(maker.make({ text: `message ${n}` }), 'count');
    if (status !== 200) throw new ConversationError(`floor: HTTP ${status}`);
    if (textOf(replies[0] ?? {}) !== String(n)) throw new ConversationError(`floor: expected "${n}", got "${textOf(replies[0] ?? {})}"`);
  }
}
