/** Longest name we keep; anything longer is not a name. */
export const MAX_NAME_LENGTH = 100;

/**
 * A person's name as typed, tidied: control and formatting characters removed, spaces folded.
 * Undefined when what is left is not plausibly a name (no letter, too short or too long, digits).
 */
export function cleanName(text: string): string | undefined {
  const tidy = text
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (tidy.length < 2 || tidy.length > MAX_NAME_LENGTH) return undefined;
  if (!/\p{L}/u.test(tidy) || /\p{Nd}/u.test(tidy)) return undefined;
  // No Markdown, HTML or links: a name is shown as typed, in text and in an Adaptive Card.
  if (/[<>{}[\]\\|`*_#=~^$@:/]/.test(tidy)) return undefined;
  // Starting with a letter: "- Ana" or "+ Ana" would be a list item in a card.
  if (!/^\p{L}/u.test(tidy)) return undefined;
  return tidy;
}
