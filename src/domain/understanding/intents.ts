import type { LanguageModel, SpokenIntent } from './data';
import type { Found } from './phrases';
import type { Expecting } from './types';

/** What the words of a message say, before the context is applied. */
export interface Spotted {
  /** The whole message is one of the listed answers (several when a word means two things, "cancel"). */
  whole: readonly SpokenIntent[];
  /** Intents whose phrases appear in it, with the length of the longest phrase found. */
  phrases: ReadonlyMap<SpokenIntent, number>;
  /** A yes or no word opens the message. */
  leading?: 'yes' | 'no';
  /** A phrase that means an intent at this question only. */
  contextual?: SpokenIntent;
  /** The message is one word ("cancel", "nuligi", "取消"): a command more than a request. */
  singleWord: boolean;
  /** It thanks or says goodbye ("ok obrigada", "唔該晒"). */
  smallTalk: boolean;
  /** A quit phrase opens it ("sispann, m pa vle ankò"). */
  quitOpens: boolean;
  /** Every cancel phrase found says the person cannot come ("can't make it", "nie dam rady"), none asks to cancel outright. */
  cancelOnlyRefuses: boolean;
  words: number;
}

/**
 * English words for what to do with an appointment, read inside a sentence of another language
 * (yes/no, quit and booking words are left to the language's own: "no", "ya", "visit" are words of others).
 */
const MIXED_IN: ReadonlySet<SpokenIntent> = new Set<SpokenIntent>(['cancel', 'reschedule', 'lookup', 'documents', 'about']);

/** Chinese or Korean with English in it: the English words stand apart, as English phrases are matched by words. */
function latinRunsApart(text: string): string {
  return /[a-z]/.test(text)
    ? text
        .replace(/[a-z0-9]+/g, ' $& ')
        .replace(/ +/g, ' ')
        .trim()
    : text;
}

/** Commands are short: "stop", "ya no quiero seguir". */
const MAX_COMMAND_WORDS = 4;

function opens(matcher: { all(folded: string): Array<{ text: string; index: number }> }, folded: string, spaced: boolean): boolean {
  const first = matcher.all(folded)[0];
  if (!first || first.index !== 0) return false;
  // Without word boundaries (Korean, Chinese), "예" opens "예약": the word must end there.
  return spaced || first.text.length === folded.length || folded[first.text.length] === ' ';
}

/**
 * @param typedFolded the message, folded
 * @param phraseText where intent phrases are looked for: the message, or less (without the words that
 *   named a reason); the whole message is still what a whole answer or an opening yes/no is read in
 */
export function spot(
  model: LanguageModel,
  typedFolded: string,
  expecting: Expecting | undefined,
  phraseText: string = typedFolded,
): Spotted {
  const withoutIgnored = (text: string): string =>
    model.ignoredWords.size === 0
      ? text
      : text
          .split(' ')
          .filter((w) => !model.ignoredWords.has(w))
          .join(' ');
  const folded = withoutIgnored(typedFolded);
  const politeness = model.smallTalk.all(folded);
  const phraseFolded = phraseText === typedFolded ? folded : withoutIgnored(phraseText);
  // "thanks for your help" asks for no help; "唔該幫我預約" (please, book for me) still books.
  const searched = politeness.length === 0 ? phraseFolded : blankOut(phraseFolded, model.smallTalk.all(phraseFolded));
  const whole = model.whole.get(folded) ?? model.whole.get(withoutParticles(folded, model.particles)) ?? [];
  const phrases = new Map<SpokenIntent, number>();
  const found = new Map<SpokenIntent, Found[]>();
  for (const [intent, matcher] of model.keywords) {
    const spans = matcher.all(searched);
    if (spans.length > 0) found.set(intent, spans);
  }
  let cancelOnlyRefuses = false;
  for (const [intent, spans] of found) {
    // A phrase inside a longer phrase of another intent is a part of it: "没问题" (no problem) says
    // no "没", "冇錯" (right) no "冇", "atendimento em espanhol" (service in Spanish) books nothing.
    const kept = spans.filter((span) => !insideOther(span, intent, found));
    const length = Math.max(0, ...kept.map((span) => span.text.length));
    if (length > 0) phrases.set(intent, length);
    if (intent === 'cancel' && kept.length > 0) cancelOnlyRefuses = kept.every((span) => model.refusingCancels.has(span.phrase));
  }
  // "بدي موعد لختم ADIT على الباسبور", "can lam giay to, can dat hen": papers named beside a booking
  // phrase are what the appointment is for; only a question about them ("what papers") asks, or a
  // short message ("documents for my appointment").
  const papers = found.get('documents');
  if (
    papers &&
    phrases.has('book') &&
    wordCount(searched) > MAX_COMMAND_WORDS &&
    papers.every((span) => model.documentNouns.has(span.phrase))
  )
    phrases.delete('documents');
  // English mixed in: all its phrases when the language's say nothing, and its action words even when
  // they do ("em muon reschedule cuoc hen", "我想reschedule我的预约").
  const english = model.segmentation === 'characters' ? latinRunsApart(searched) : searched;
  const anyOwn = phrases.size > 0;
  for (const [intent, matcher] of model.englishKeywords) {
    if (anyOwn && (phrases.has(intent) || !MIXED_IN.has(intent))) continue;
    const length = matcher.longest(english);
    if (length > 0) phrases.set(intent, length);
  }
  // "when is my appointment", "change my appt date": a booking word with a look-up or change word.
  // A look-up word does not outrank a cancel or change said outright ("m pap ka vini ankò, anile randevou a").
  // A booking word inside a longer phrase ("la date de mon rdv") still counts here.
  if (phrases.has('book') || found.has('book')) {
    const actedOn = phrases.has('cancel') || phrases.has('reschedule');
    for (const [intent, matcher] of model.withBooking) {
      if (phrases.has(intent) || (intent === 'lookup' && actedOn)) continue;
      const length = matcher.longest(searched);
      if (length > 0) phrases.set(intent, length);
    }
  }
  // "soti jedi rive vandredi" (from Thursday to Friday): a quit word before a date phrase is a word of it.
  const quitSpans = (found.get('quit') ?? []).filter((span) => !beforeDate(model, searched, span));
  if (found.has('quit') && quitSpans.length === 0) phrases.delete('quit');
  const words = wordCount(folded);
  // A quit word in a longer sentence is a word of the sentence ("para", "enough", "ça suffit"), unless it
  // opens it ("sispann, m pa vle ankò").
  const quitOpens = quitSpans.some((span) => span.index === 0);
  if (words > MAX_COMMAND_WORDS && !whole.includes('quit') && !quitOpens) phrases.delete('quit');
  const spaced = model.segmentation === 'words';
  const leading = opens(model.leading.no, folded, spaced) ? 'no' : opens(model.leading.yes, folded, spaced) ? 'yes' : undefined;
  let contextual: SpokenIntent | undefined;
  if (expecting) {
    for (const [intent, matcher] of model.context.get(expecting) ?? []) if (matcher.has(folded)) contextual ??= intent;
  }
  return {
    whole,
    phrases,
    leading,
    contextual,
    singleWord: !folded.includes(' '),
    words,
    smallTalk: politeness.length > 0,
    quitOpens,
    cancelOnlyRefuses,
  };
}

/** A date word right after the span ("soti jedi", "from Thursday"). */
function beforeDate(model: LanguageModel, text: string, span: Found): boolean {
  const after = text.slice(span.index + span.text.length).trimStart();
  return after !== '' && model.whenCues.all(after)[0]?.index === 0;
}

function wordCount(folded: string): number {
  return folded === '' ? 0 : folded.split(' ').length;
}

/** The text with the spans found blanked out. */
function blankOut(text: string, spans: readonly Found[]): string {
  if (spans.length === 0) return text;
  let out = '';
  let at = 0;
  for (const span of spans) {
    out += `${text.slice(at, span.index)} `;
    at = span.index + span.text.length;
  }
  return (out + text.slice(at)).replace(/ +/g, ' ').trim();
}

/** The message without the sentence-final particles at its end ("系呀" → "系", "唔约喇" → "唔约"). */
function withoutParticles(folded: string, particles: readonly string[]): string {
  let text = folded;
  for (let cut = true; cut;) {
    cut = false;
    for (const particle of particles) {
      if (text.length > particle.length && text.endsWith(particle)) {
        text = text.slice(0, -particle.length).trimEnd();
        cut = true;
        break;
      }
    }
  }
  return text;
}

function insideOther(span: Found, intent: SpokenIntent, found: ReadonlyMap<SpokenIntent, readonly Found[]>): boolean {
  for (const [other, spans] of found) {
    if (other === intent) continue;
    for (const o of spans) {
      if (o.text.length > span.text.length && o.index <= span.index && o.index + o.text.length >= span.index + span.text.length)
        return true;
    }
  }
  return false;
}
