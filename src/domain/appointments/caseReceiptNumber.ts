/**
 * USCIS case receipt numbers (on I-797 notices): 3 letters naming the office that took the
 * case + 10 digits, e.g. EAC2212345678. They are not appointment receipt numbers; the bot
 * recognises them only to tell people where case status is checked.
 *
 * Prefixes published by USCIS for case status: the service centres under their old and new
 * codes (Vermont EAC/VSC, California WAC/CSC, Nebraska LIN/NSC, Texas SRC/TSC, Potomac YSC),
 * the National Benefits Center (NBC, MSC) and electronic filing (IOE).
 */
export const CASE_RECEIPT_PREFIXES = ['EAC', 'VSC', 'WAC', 'CSC', 'LIN', 'NSC', 'SRC', 'TSC', 'YSC', 'NBC', 'MSC', 'IOE'] as const;

const DIGIT_COUNT = 10;
/**
 * Up to 3 spaces, hyphens or dashes between groups (" - "); an asterisk may also follow the
 * prefix ("EAC*2212345678"). A digit right after the 10th, even across a gap, means a longer
 * number: no match.
 */
const GAP = '[\\s\\-\\u2010-\\u2015\\u2212]{0,3}';
const CASE_RECEIPT = new RegExp(
  `(?<![\\p{L}\\p{N}])(${CASE_RECEIPT_PREFIXES.join('|')})[\\s\\-\\u2010-\\u2015\\u2212*]{0,3}((?:[0-9]${GAP}){${DIGIT_COUNT - 1}}[0-9])(?![\\p{L}\\p{N}])(?!${GAP}[0-9])`,
  'iu',
);

/** The first case receipt number in the text, canonical ("EAC2212345678"), or undefined. */
export function findCaseReceiptNumber(text: string): string | undefined {
  const match = CASE_RECEIPT.exec(text.normalize('NFKC'));
  if (!match) return undefined;
  const digits = match[2].replace(/[^0-9]/g, '');
  return match[1].toUpperCase() + digits;
}
