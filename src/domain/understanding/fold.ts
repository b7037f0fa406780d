import { foldText } from '../text';

/**
 * foldText (case, accents, punctuation, Traditional Chinese), then Hangul composed again: foldText's
 * NFKD leaves Korean as loose jamo, in which "예" would be found inside "예약".
 */
export function fold(text: string): string {
  return foldText(text).normalize('NFC');
}
