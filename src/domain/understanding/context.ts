import type { SpokenIntent } from './data';
import type { Spotted } from './intents';
import type { Entities, Expecting, Intent } from './types';

export interface IntentReading {
  intent: Intent;
  confidence: number;
}

/** The bot asked a yes/no question: a yes or no word answers it before anything else. */
export const YES_NO_QUESTIONS: ReadonlySet<Expecting> = new Set<Expecting>(['yesno', 'officeConfirm', 'summary', 'cancelConfirm']);

/** When a message says several things, the more specific wins ("cancel my appointment" is not "book"). */
const PRIORITY: readonly SpokenIntent[] = [
  'startOver',
  'reschedule',
  'lookup',
  'cancel',
  'documents',
  'about',
  'book',
  // After book: "it's for my mother, she doesn't speak English; we need an appointment" books.
  'changeLanguage',
  'help',
  'quit',
  'no',
  'yes',
];

/** Entities that, said at the menu or in a first message, start a booking ("90012" at the menu). */
const BOOKING_ENTITIES: ReadonlyArray<keyof Entities> = ['zip', 'reason', 'when', 'office', 'country'];

/** Entities that only a booking asks for (a country may be named in a story about languages). */
const WISH_ENTITIES: ReadonlyArray<keyof Entities> = ['zip', 'reason', 'when', 'office'];

/** What each question waits for: a message that gives it answers it. */
const AWAITED: Partial<Record<Expecting, ReadonlyArray<keyof Entities>>> = {
  zip: ['zip', 'country'],
  country: ['country'],
  reason: ['reason'],
  name: ['name'],
  dob: ['dateOfBirth'],
  phone: ['phone'],
  // A USCIS case number typed at the receipt question is an answer to it (the wrong number, said so).
  receipt: ['receiptNumber', 'receiptNearMiss', 'caseNumber'],
};

/** Intents that are subjects, not actions: said inside an answer, they are words of the answer. */
const TOPICS: readonly SpokenIntent[] = ['documents', 'about'];

function answersQuestion(expecting: Expecting | undefined, entities: Entities): boolean {
  return expecting !== undefined && (AWAITED[expecting] ?? []).some((key) => entities[key] !== undefined);
}

/** Confidence by how the intent was read (docs/understanding.md#confidence). */
export const CONFIDENCE = {
  wholeAnswer: 1,
  contextRule: 0.95,
  onePhrase: 0.9,
  answerOnly: 0.9,
  severalPhrases: 0.75,
  fromEntities: 0.7,
  nothing: 0.5,
} as const;

/**
 * The context rules (issue 21, part 5), applied to what the words say:
 * - at a yes/no question, a yes or no word (whole, or opening the message) answers it;
 * - at "Do you want to cancel it?", "cancel" (a quit word there) means yes;
 * - at the summary, "cancel" means stop (quit), and a booking word means yes (book it);
 * - in the middle of a flow, the bare word "cancel" stops it (quit); at the menu or in a first message
 *   it asks to cancel an appointment;
 * - a receipt number (or a near miss) outside the receipt question asks to cancel;
 * - at the menu or in a first message, a ZIP code, reason, date, office or country alone asks to book;
 * - at any other question, a message that only answers it is `none`;
 * - with no yes/no question open, thanks with a yes or no ("ok gracias") ask for nothing: `none`.
 */
export function decide(spotted: Spotted, entities: Entities, expecting: Expecting | undefined): IntentReading {
  if (spotted.contextual) return { intent: spotted.contextual, confidence: CONFIDENCE.contextRule };
  const yesNoQuestion = expecting !== undefined && YES_NO_QUESTIONS.has(expecting);
  const said = new Set<SpokenIntent>([...spotted.whole, ...spotted.phrases.keys()]);
  const wholeOnly = spotted.whole.length > 0;
  const confidence = wholeOnly ? CONFIDENCE.wholeAnswer : said.size === 1 ? CONFIDENCE.onePhrase : CONFIDENCE.severalPhrases;

  // "mali po lahat, simula ulit tayo": starting over outranks the no that opens it.
  if (yesNoQuestion && said.has('startOver')) return { intent: 'startOver', confidence: CONFIDENCE.contextRule };
  // "خلاص الغي كل شي مش عايز" (enough, cancel it all, I don't want it) at the summary: a quit word opening the
  // message stops the flow, whatever "no" follows; at the cancel confirmation it is still a yes. A whole
  // answer is read as such (vi "dung": đúng, right, or dừng, stop).
  if (yesNoQuestion && expecting !== 'cancelConfirm' && spotted.whole.length === 0 && spotted.quitOpens && said.has('quit'))
    return { intent: 'quit', confidence: CONFIDENCE.contextRule };
  if (yesNoQuestion) {
    const answer = yesNoAnswer(spotted, said, expecting);
    if (answer) return { intent: answer, confidence: wholeOnly || spotted.leading ? CONFIDENCE.wholeAnswer : CONFIDENCE.contextRule };
  }

  // "cancel" alone is both a menu choice and a command; "cancel my appointment" is only the first.
  const cancelWord =
    (spotted.whole.includes('cancel') && (spotted.whole.includes('quit') || spotted.singleWord)) ||
    (spotted.singleWord && said.size === 1 && said.has('cancel')) ||
    (said.has('cancel') && said.has('quit') && (spotted.phrases.get('cancel') ?? 0) <= (spotted.phrases.get('quit') ?? 0));
  if (cancelWord) {
    const intent = expecting === undefined || expecting === 'menu' ? 'cancel' : 'quit';
    return { intent, confidence: CONFIDENCE.contextRule };
  }

  // "IP… 唔要喇" (I don't want it any more): with a receipt number, a quit word outside a flow cancels it.
  const receipt = entities.receiptNumber !== undefined || entities.receiptNearMiss === true;
  if (receipt && (expecting === undefined || expecting === 'menu') && said.delete('quit')) said.add('cancel');
  if (!yesNoQuestion) dropStrayYesNo(spotted, said, Object.keys(entities).length > 0);
  const firstMessage = expecting === undefined || expecting === 'menu';
  // "para po sa lola ko, hindi po sya marunong mag english, zip 94015": a remark on languages beside what a
  // booking needs books, as "she doesn't speak English; we need an appointment" does.
  if (firstMessage && said.has('changeLanguage') && WISH_ENTITIES.some((key) => entities[key] !== undefined)) said.add('book');
  // The answer to the question names papers or the service: "ختم ADIT على الباسبور" at the reason
  // question is a reason, not a question about documents.
  if (answersQuestion(expecting, entities)) {
    for (const topic of TOPICS) said.delete(topic);
    // "워크퍼밋 기다린지 5개월 됐어요" (it has been five months): a quit word inside the answer is a word of it.
    if (!spotted.quitOpens) said.delete('quit');
  }
  // A receipt number with "appointment" and no other wish asks about that appointment.
  if ((entities.receiptNumber || entities.receiptNearMiss) && said.size === 1 && said.has('book')) {
    return { intent: 'lookup', confidence: CONFIDENCE.severalPhrases };
  }
  const first = PRIORITY.find((intent) => said.has(intent));
  if (first) return { intent: first, confidence };

  if (entities.receiptNumber || entities.receiptNearMiss) {
    return expecting === 'receipt'
      ? { intent: 'none', confidence: CONFIDENCE.answerOnly }
      : { intent: 'cancel', confidence: CONFIDENCE.fromEntities };
  }
  const answers = Object.keys(entities).length > 0;
  if (firstMessage && BOOKING_ENTITIES.some((key) => entities[key] !== undefined))
    return { intent: 'book', confidence: CONFIDENCE.fromEntities };
  return { intent: 'none', confidence: answers ? CONFIDENCE.answerOnly : CONFIDENCE.nothing };
}

function yesNoAnswer(spotted: Spotted, said: ReadonlySet<SpokenIntent>, expecting: Expecting | undefined): SpokenIntent | undefined {
  if (spotted.whole.includes('yes') && !spotted.whole.includes('no')) return 'yes';
  if (spotted.whole.includes('no')) return 'no';
  if (spotted.leading) return spotted.leading;
  if (said.has('no')) return 'no';
  if (expecting === 'cancelConfirm' && (said.has('cancel') || said.has('quit'))) return 'yes';
  if (expecting === 'summary' && said.has('book') && said.size === 1) return 'yes';
  if (said.has('yes') && said.size === 1) return 'yes';
  return undefined;
}

/**
 * Away from a yes/no question, "not" or "right" inside a sentence says nothing ("I have not received my
 * card"), a yes or no opening a message that says more is only politeness ("ok, I need an appointment"),
 * and so is one beside thanks ("ok obrigada", "好的，謝謝"): nothing was asked.
 */
function dropStrayYesNo(spotted: Spotted, said: Set<SpokenIntent>, hasEntities: boolean): void {
  for (const word of ['yes', 'no'] as const) {
    const alone =
      !spotted.smallTalk &&
      (spotted.whole.includes(word) || (spotted.leading === word && said.size === 1 && !hasEntities && spotted.words <= 2));
    if (!alone) said.delete(word);
  }
}
