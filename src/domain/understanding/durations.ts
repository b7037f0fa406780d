/**
 * A duration in a story ("pending 7 months", "больше 90 дней", "超过90天") is how long something has
 * lasted, not a day for an appointment: the date parsers read "7 months" as seven months from now.
 * Outside the date question, such a number and its unit are taken out of the text read for dates,
 * unless a word before it ("in", "через", "بعد") or after it ("后", "후") says it counts from now, or
 * the number is another's (vi "thứ 6 tuần này": Friday this week).
 */
export interface DurationWords {
  /** Units of time that follow a number ("months", "дней", "شهور", "个月"); `*` stands for the rest of a word. */
  units: readonly string[];
  /** Words before the number that make it no story: a time from now ("in", "через"), a weekday's number (vi "thứ 6 tuần này"). */
  keepBefore?: readonly string[];
  /** Words after the unit that make it a time from now ("后", "후"). */
  keepAfter?: readonly string[];
}

export interface DurationFinder {
  /** The text with story durations blanked out (the same string when there is none). */
  withoutStoryDurations(text: string): string;
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const alternation = (list: readonly string[]): string =>
  [...list]
    .sort((a, b) => b.length - a.length)
    .map((w) => escape(w.normalize('NFC')).replace(/\\\*/g, '\\p{L}*'))
    .join('|');

/** @param spaced whether words are written apart (a unit must end its word); Chinese and Korean are not. */
export function durationFinder(words: DurationWords | undefined, spaced: boolean): DurationFinder {
  if (!words || words.units.length === 0) return { withoutStoryDurations: (text) => text };
  const start = spaced ? '(?<![\\p{L}\\p{N}])' : '(?<!\\p{N})';
  const end = spaced ? '(?![\\p{L}\\p{N}])' : '';
  const pattern = new RegExp(`${start}\\d{1,3}\\s*(?:${alternation(words.units)})${end}`, 'giu');
  const before =
    words.keepBefore && words.keepBefore.length > 0
      ? new RegExp(`${spaced ? '(?:^|[^\\p{L}])' : ''}(?:${alternation(words.keepBefore)})\\s*$`, 'iu')
      : undefined;
  const after = words.keepAfter && words.keepAfter.length > 0 ? new RegExp(`^\\s*(?:${alternation(words.keepAfter)})`, 'iu') : undefined;
  return {
    withoutStoryDurations(text) {
      if (!/\d/.test(text)) return text;
      return text.replace(pattern, (match: string, index: number) => {
        const kept = before?.test(text.slice(0, index)) || after?.test(text.slice(index + match.length));
        return kept ? match : ' ';
      });
    },
  };
}
