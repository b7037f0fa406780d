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

/** True when the whole message is one of the words (after folding). */
export function isOneOf(text: string, words: readonly string[]): boolean {
  const folded = foldText(text);
  return folded.length > 0 && words.some((w) => foldText(w) === folded);
}
