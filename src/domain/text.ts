/** Case-, accent- and punctuation-insensitive form of what a person typed, for matching words. */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
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
  const folded = foldText(text);
  return folded.length > 0 && words.some((w) => foldWord(w) === folded);
}
