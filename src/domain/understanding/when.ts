import { DateTime } from 'luxon';
import { officeZone } from '../dates/officeZone';
import { MAX_TEXT_LENGTH, parseWhen, PARTS_OF_DAY, type PartOfDay, type WhenCandidate } from '../dates/parseWhen';
import type { WhenEntity } from './types';

/**
 * The preferred date and time in the text, as the person gave it: the first reading parseWhen
 * prefers that is not in the past, with only the parts that were said.
 *
 * A weekday is never today ("el martes", said on a Tuesday, is next week's): when the first
 * reading is today and parseWhen offers the same kind of reading on another day, that one is taken.
 *
 * @param lastDay the message moves an appointment: of several days said, the last is the new one.
 * @param candidates parseWhen's reading of `text`, when the caller has it already.
 * @param daySaid the text is known to name its day (an offered time's title): not read again to find out.
 */
export function findWhen(
  text: string,
  language: string,
  now: Date,
  timeZone: string,
  lastDay = false,
  candidates: readonly WhenCandidate[] = parseWhen(text, language, now, timeZone),
  daySaid = false,
): WhenEntity | undefined {
  const chosen = (lastDay ? lastOfDays(candidates) : undefined) ?? choose(candidates, now, timeZone);
  if (!chosen) return undefined;
  const start = DateTime.fromISO(chosen.start, { setZone: true });
  const date = start.toISODate() ?? undefined;
  if (chosen.precision === 'day') return date ? { date } : undefined;

  const when: WhenEntity = {};
  if (date && (daySaid || dateWasSaid(text, language, now, timeZone, date))) when.date = date;
  const part = chosen.precision === 'partOfDay' ? partOfDay(chosen) : undefined;
  if (part) when.partOfDay = part;
  else when.time = start.toFormat('HH:mm');
  return when;
}

/**
 * A story longer than the date parser reads, cut to its sentences that may hold a date (`mayHoldDate`:
 * a number, a date word): "…she applied two years ago and since then nothing… we would like to come
 * to the office, best on Monday" is read for "best on Monday", which lies past the characters read.
 */
export function sentencesWithDates(text: string, mayHoldDate: (sentence: string) => boolean): string {
  if (text.length <= MAX_TEXT_LENGTH) return text;
  const sentences = text.split(/(?<=[.!?;\n])\s+|(?<=[。！？；])/u).filter(mayHoldDate);
  return sentences.length === 0 ? text : sentences.join(' ');
}

/**
 * When every reading ahead is a whole day and there are several ("de jeudi à vendredi", "من الخميس
 * للجمعة"), the last in the text: what an appointment is moved to comes after what it is moved from.
 */
function lastOfDays(candidates: readonly WhenCandidate[]): WhenCandidate | undefined {
  const ahead = candidates.filter((c) => !c.past);
  const days = new Set(ahead.map(dayOf));
  return ahead.length >= 2 && days.size >= 2 && ahead.every((c) => c.precision === 'day') ? ahead[ahead.length - 1] : undefined;
}

function choose(candidates: readonly WhenCandidate[], now: Date, timeZone: string): WhenCandidate | undefined {
  // A past reading ("two months ago") tells a story; it is no wish for an appointment.
  const ahead = candidates.filter((c) => !c.past);
  const first = ahead[0];
  if (!first || ahead.length < 2) return first;
  const today = DateTime.fromJSDate(now, { zone: officeZone(timeZone) }).toISODate();
  if (dayOf(first) !== today) return first;
  return ahead.find((c) => dayOf(c) !== today && c.precision === first.precision) ?? first;
}

function dayOf(candidate: WhenCandidate): string | null {
  return DateTime.fromISO(candidate.start, { setZone: true }).toISODate();
}

function partOfDay(candidate: WhenCandidate): PartOfDay | undefined {
  if (!candidate.end) return undefined;
  const start = DateTime.fromISO(candidate.start, { setZone: true });
  const end = DateTime.fromISO(candidate.end, { setZone: true });
  for (const [part, hours] of Object.entries(PARTS_OF_DAY) as Array<[PartOfDay, { startHour: number; endHour: number }]>) {
    if (start.hour === hours.startHour && end.hour === hours.endHour && start.minute === 0) return part;
  }
  return undefined;
}

/**
 * Whether a time came with a day. A time alone ("at 10") is today while it is ahead and tomorrow
 * once it is over, whatever the words; a day said ("today at 10", "tomorrow at 8") stays put. So a
 * reading of today is read again as if it were late tonight, one of tomorrow as if it were just
 * after midnight: a time alone moves, a said day does not. A reading further away was a said day.
 */
function dateWasSaid(text: string, language: string, now: Date, timeZone: string, date: string): boolean {
  const zonedNow = DateTime.fromJSDate(now, { zone: officeZone(timeZone) });
  const today = zonedNow.toISODate();
  const tomorrow = zonedNow.plus({ days: 1 }).toISODate();
  if (date !== today && date !== tomorrow) return true;
  const other = date === today ? zonedNow.set({ hour: 23, minute: 59 }) : zonedNow.startOf('day').plus({ minutes: 1 });
  const again = parseWhen(text, language, other.toJSDate(), timeZone)[0];
  return again !== undefined && dayOf(again) === date;
}
