import { traditionalToSimplified } from './chineseScript';

/**
 * Case-, accent- and punctuation-insensitive form of what a person typed, for matching words.
 * Vietnamese đ is a letter of its own, not d with a mark (NFKD leaves it whole), yet people
 * typing without accents write d ("lam lai tu dau" for "làm lại từ đầu"): it folds to d.
 * Traditional Chinese folds to Simplified ("預約" → "预约"), as the words of locales/zh/ are written.
 */
export function foldText(text: string): string {
  return traditionalToSimplified(
    text
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .replace(/đ/g, 'd'),
  )
    .replace(/[\p{P}\p{S}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The words come from the locales, a fixed set checked on every turn: fold each once. */
const foldedWords = new Map<string, string>();
const FOLDED_WORDS_LIMIT = 10_000;

function foldWord(word: string): string {
  let folded = foldedWords.get(word);
  if (folded === undefined) {
    if (foldedWords.size >= FOLDED_WORDS_LIMIT) foldedWords.clear();
    folded = foldText(word);
    foldedWords.set(word, folded);
  }
  return folded;
}

/** True when the whole message is one of the words (after folding). */
export function isOneOf(text: string, words: readonly string[]): boolean {
  const folded = foldMessage(text);
  return folded.length > 0 && foldedSetOf(words).has(folded);
}

/** A turn checks one message against several word lists: the last message folded is kept. */
let lastMessage = '';
let lastFolded = '';

function foldMessage(text: string): string {
  if (text !== lastMessage) {
    lastFolded = foldText(text);
    lastMessage = text;
  }
  return lastFolded;
}

/** Folded phrases by list (the empty ones left out), for lists handed out frozen: each folded once. */
const foldedPhraseLists = new WeakMap<readonly string[], readonly string[]>();

function foldedPhrasesOf(words: readonly string[]): readonly string[] {
  const fold = (): string[] => words.map(foldWord).filter((phrase) => phrase.length > 0);
  if (!Object.isFrozen(words)) return fold();
  let phrases = foldedPhraseLists.get(words);
  if (!phrases) {
    phrases = fold();
    foldedPhraseLists.set(words, phrases);
  }
  return phrases;
}

/**
 * True when the message holds one of the phrases (after folding): as whole words, or, with
 * `anywhere`, inside words too (for languages written without spaces between words).
 */
export function holdsOneOf(text: string, words: readonly string[], anywhere: boolean): boolean {
  const folded = ` ${foldMessage(text)} `;
  return foldedPhrasesOf(words).some((phrase) => (anywhere ? folded.includes(phrase) : folded.includes(` ${phrase} `)));
}

/**
 * Folded word sets by list. The translator hands out one frozen array per list, so each of its
 * lists is folded once; an array that can still change gets a fresh set each time.
 */
const foldedSets = new WeakMap<readonly string[], ReadonlySet<string>>();

function foldedSetOf(words: readonly string[]): ReadonlySet<string> {
  if (!Object.isFrozen(words)) return new Set(words.map(foldWord));
  let set = foldedSets.get(words);
  if (!set) {
    set = new Set(words.map(foldWord));
    foldedSets.set(words, set);
  }
  return set;
}
