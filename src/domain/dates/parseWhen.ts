import { DateTime } from 'luxon';
import { lazily } from '../lazily';
import { officeZone } from './officeZone';
import { USUAL_OFFICE_HOURS, type Reading, type WhenReader, type WhenPrecision } from './reading';
import { refusedReadings, withoutRefused } from './refusedDays';
import { withoutEveningTwins } from './writtenClock';
import { expandShortForms, isDateLike, unreadWords, wordsOf, type Expanded } from './unread';

export { PARTS_OF_DAY, USUAL_OFFICE_HOURS } from './reading';
export type { PartOfDay, WhenParser, WhenReader, WhenPrecision } from './reading';

/** One possible meaning of what the person typed. */
export interface WhenCandidate {
  /** ISO 8601 with the zone's offset at that instant, e.g. "2026-12-01T10:00:00.000-05:00". */
  start: string;
  /** Exclusive; present for parts of day and day precision (a date range may span several days). */
  end?: string;
  precision: WhenPrecision;
  /** The moment (or, for a range, its end) is at or before now. */
  past: boolean;
}

// Each module is required where its language is first used (see PARSERS).
const latin = lazily(() => require('./chronoLanguagesLatin') as typeof import('./chronoLanguagesLatin'));
const chrono = lazily(() => require('./chronoParser') as typeof import('./chronoParser'));
const chronoLanguages = lazily(() => require('./chronoLanguages') as typeof import('./chronoLanguages'));
const recognizer = lazily(() => require('./recognizerParser') as typeof import('./recognizerParser'));
const recognizerLanguages = lazily(() => require('./recognizerLanguages') as typeof import('./recognizerLanguages'));
const grammars = lazily(() => require('./grammars') as typeof import('./grammars'));

/**
 * Per-language parsers, chosen by measurement (npm run bench:dates):
 * - en, es, fr: chrono-node with our rewrites and date rules (chronoLanguagesLatin.ts): more
 *   accurate than the Microsoft Recognizers on both sets, ~1 ms a parse instead of 5–20, and no
 *   model to build (the French recognizer took seconds);
 * - zh: the Microsoft Recognizers' Chinese model, with small rewrites (recognizerLanguages.ts):
 *   chrono's Chinese measured far below it;
 * - ru, pt, ar, vi: chrono-node (the recognizers have no model for them and fall back to English),
 *   with small rewrites and a few phrases of our own (chronoLanguages.ts);
 * - ko, pl, tl, eo, ht: our own grammars (grammars/), which nothing else parses.
 * A new language plugs in here with any function of type WhenReader (its readings, and what it
 * left unread).
 *
 * Each language's parser and its libraries load on its first use, not at start-up: chrono-node
 * and the recognizers take ~0.1 s each to load, and no first reply of a conversation parses a
 * date. warmUpDateParsersInBackground loads them one language at a time after the server
 * listens, so a request that comes meanwhile waits for one language at most, not for all.
 */
const READERS: Readonly<Record<string, () => WhenReader>> = {
  en: lazily(() => latin().englishReader),
  es: lazily(() => latin().spanishReader),
  fr: lazily(() => latin().frenchReader),
  zh: lazily(() => recognizer().recognizerReader(recognizerLanguages().CHINESE)),
  ru: lazily(() => chrono().chronoReader(chronoLanguages().RUSSIAN)),
  pt: lazily(() => chrono().chronoReader(chronoLanguages().PORTUGUESE)),
  ar: lazily(() => chrono().chronoReader(chronoLanguages().ARABIC)),
  vi: lazily(() => chrono().chronoReader(chronoLanguages().VIETNAMESE)),
  ko: lazily(() => grammarReader('ko')),
  pl: lazily(() => grammarReader('pl')),
  tl: lazily(() => grammarReader('tl')),
  eo: lazily(() => grammarReader('eo')),
  ht: lazily(() => grammarReader('ht')),
};

function grammarReader(language: string): WhenReader {
  const reader = grammars().GRAMMAR_READERS[language];
  if (!reader) throw new Error(`parseWhen: no grammar for ${language}`);
  return reader;
}

/** Only this much of a text is read: nobody types a date in more (the parsers cut there too). */
export const MAX_TEXT_LENGTH = 200;

/** Readings further than this from now are misreadings ("at 1030" as the year 1030), not appointments. */
const MAX_YEARS_AWAY = 2;

/** Languages parseWhen understands; for the others it returns []. */
export function whenLanguages(): string[] {
  return Object.keys(READERS);
}

/**
 * Understands a date and/or time typed in free text, such as "tomorrow at 10",
 * "next Tuesday morning", "12/3", "in two weeks", "mañana a las 10", "jeudi prochain à 10h",
 * "下周二下午", "послезавтра утром", "depois de amanhã às 15h", "بعد غد صباحا" or "sáng thứ ba".
 *
 * Every date and time is the office's wall-clock time: `now` is read in `timeZone`
 * (an IANA zone) and the results carry that zone's UTC offset at each instant, across
 * DST changes too.
 *
 * @param text What the person typed. Only the first 200 characters are read.
 * @param language Code of the person's language ("en", "es", "fr", "zh", "ru", "pt", "ar", "vi",
 *   "ko", "pl", "tl", "eo", "ht"). Languages with no parser (see whenLanguages()) give [].
 * @param now The current instant.
 * @param timeZone The office's IANA zone, e.g. "America/New_York". Throws on an unknown zone.
 * @returns Every reading of the text, most likely first, or [] when the text names no
 *   date or time:
 *   - one candidate per meaning: "Dec 3" is this year's and next year's; "at 10" is 10:00
 *     and 22:00, but a morning clock written with its minutes ("8:00", "9h30") only that
 *     (writtenClock.ts); "Monday or Tuesday" is both days;
 *   - future candidates first, then past ones (`past: true`); among the future ones, a
 *     time inside usual office hours (USUAL_OFFICE_HOURS) before one outside them, and
 *     otherwise the order of the text;
 *   - precision 'minute' ("10:30") or 'hour' ("at 10", "noon"): `start` only;
 *   - precision 'partOfDay': morning 08–12, afternoon 12–17, evening 17–21 (PARTS_OF_DAY),
 *     or an explicit range ("between 2 and 4pm"), as [start, end);
 *   - precision 'day': from the start of the day to the start of the next, or a range of
 *     days ("next week") as [start, end).
 *
 * A bare time ("at 10") is the next such time: today, or tomorrow when today's is over.
 * A bare weekday ("Tuesday", "this Tuesday") is the coming one, a week from today when
 * said on that weekday (the past one follows as `past: true`); with a time still ahead
 * today ("Friday at 3pm" on a Friday) it is both today and a week from today. "Next Tuesday" is the
 * Tuesday of next week in every language ("mardi prochain", "w przyszły wtorek", "venontan mardon",
 * "다음 화요일"); words that say "the coming one" ("오는 화요일", "thứ ba tới") are the coming one. A weekday of
 * "this week" that has already passed ("이번주 월요일" on a Tuesday) is the coming one, with this
 * week's following as `past: true` (people cannot book the past; the date is read back). Readings
 * more than two years from now are dropped as misreadings. A duration after
 * "in" / "dentro de" / "dans" / "через" ("in two weeks") counts from now. "Next week" is the
 * days from next Monday to the Monday after; "this weekend" / "ce week-end" is Saturday and Sunday;
 * "the next 3 hours" is the span from now. A day refused in a clause of its own ("I can't do
 * Thursday, maybe Friday", "nie dam rady w czwartek, może w piątek": the phrases of refusal and the
 * words that open another clause are in locales/<code>/dateWords.json) is left out when another
 * reading ahead remains; refused alone, it stays. A time followed by a zone ("4pm CET", "8:00 GMT") is
 * converted to the office's clock. Numeric dates are read in the language's order:
 * month/day in English, year/month/day in Chinese, day/month in the others. An hour with a
 * part of the day beside it takes its half of the day from it ("3 giờ chiều", "в 3 часа дня":
 * 15:00). Text typed without accents is understood (Spanish "manana", French "apres-midi",
 * Portuguese "amanha", Vietnamese "ngay mai, thu ba"), as are "tomorrow" in mixed English and a
 * few common misspellings, and the short forms people type on phones, written out first from the
 * language's locales/<code>/dateWords.json ("tues" → "tuesday", "mñn" → "mañana", "1ye" → "premye",
 * "amn" → "amanhã", "bks" → "bukas"). readWhen says, besides, which words were left unread.
 *
 * Only Chinese has a model to build (the recognizer's, a few hundred ms on its first use): warm it
 * up after the server listens (warmUpDateParsersInBackground). No first reply of a conversation
 * parses a date (the language menu comes first; a date is asked several turns later), and a date
 * typed before the model is ready waits for it.
 */
export function parseWhen(text: string, language: string, now: Date, timeZone: string): WhenCandidate[] {
  return parse(text, language, now, timeZone).candidates;
}

/**
 * What readWhen tells a dialog to do with a reading:
 * - 'none': no date or time understood (ask again);
 * - 'complete': every word was read, but filler words (book the first candidate's slots);
 * - 'partial': words were left unread, none of them like a date or time ("for my green card"):
 *   go on, and say back the date understood;
 * - 'doubtful': a word like a date or time was left unread ("tues" before it was known, "1ye"):
 *   the candidates may miss what it says ("tues 8:30" read as 8:30 today): ask about it, naming
 *   the word, before booking.
 */
export type WhenStatus = 'none' | 'complete' | 'partial' | 'doubtful';

/** parseWhen's candidates, and the words of the phrase no parser read. */
export interface WhenReading {
  /** parseWhen's result: every reading, most likely first. */
  candidates: WhenCandidate[];
  /**
   * The words of the text (in Chinese and Korean, the parts of words) that no parser read, as
   * typed, in the order of the text; filler words ("I want", "please", "quiero", "on", "at": the
   * language's locales/<code>/dateWords.json) left out. Words past the 200 characters read are here too.
   */
  unread: string[];
  /** Those of `unread` that look like a date or a time: a number in them, or a date word cut short, misspelt or not read. */
  unreadDateLike: string[];
  status: WhenStatus;
}

/**
 * parseWhen, saying also what it did not read. Use it where a reading is acted upon: with
 * status 'doubtful' ("tues 8:30" when "tues" was unknown, "1ye desanm a 1è" when "1ye" was), the
 * first candidate may be today or tomorrow only because a word naming the day was dropped; ask
 * about `unreadDateLike` instead of booking it. Same arguments as parseWhen.
 */
export function readWhen(text: string, language: string, now: Date, timeZone: string): WhenReading {
  const { candidates, read } = parse(text, language, now, timeZone);
  if (!read) return { candidates, unread: [], unreadDateLike: [], status: 'none' };
  const unread = [...unreadWords(read.expanded, read.rest, language), ...wordsOf(text.slice(MAX_TEXT_LENGTH), language)];
  const unreadDateLike = unread.filter((word) => isDateLike(word, language));
  const status: WhenStatus =
    candidates.length === 0 ? 'none' : unreadDateLike.length > 0 ? 'doubtful' : unread.length > 0 ? 'partial' : 'complete';
  return { candidates, unread, unreadDateLike, status };
}

/**
 * Whether the text refuses a day in a clause of its own and offers another still ahead ("can't make it
 * Thursday, maybe Friday", "nie dam rady w czwartek, może w piątek"): the person is choosing a day, not
 * giving one up. A day refused with none other offered ("can't make it Thursday") is not.
 */
export function refusesDayForAnother(text: string, language: string, now: Date, timeZone: string): boolean {
  return parse(text, language, now, timeZone).refusedForAnother === true;
}

/** The candidates, and what the parser was given and left unread (none for an empty text or a language with no parser). */
function parse(
  text: string,
  language: string,
  now: Date,
  timeZone: string,
): { candidates: WhenCandidate[]; read?: { expanded: Expanded; rest: string }; refusedForAnother?: true } {
  const zonedNow = DateTime.fromJSDate(now, { zone: officeZone(timeZone) });
  if (!zonedNow.isValid) throw new Error(`parseWhen: unknown time zone ${timeZone}`);
  const reader = READERS[language]?.();
  if (text.trim() === '' || !reader) return { candidates: [] };

  const expanded = expandShortForms(text.slice(0, MAX_TEXT_LENGTH), language);
  const read = reader(expanded.text, zonedNow);
  const { rest } = read;
  const kept = withoutRefused(read.readings, refusedReadings(expanded.text, language, reader, zonedNow), zonedNow);
  const readings = withoutEveningTwins(kept, expanded.text);
  const seen = new Set<string>();
  const candidates: WhenCandidate[] = [];
  for (const reading of readings) {
    if (Math.abs(reading.start.diff(zonedNow, 'years').years) > MAX_YEARS_AWAY) continue;
    const candidate = toCandidate(reading, zonedNow);
    const key = `${candidate.start}|${candidate.end ?? ''}|${candidate.precision}`;
    if (seen.has(key)) continue;
    seen.add(key);
    candidates.push(candidate);
  }
  // withoutRefused gives back the readings themselves unless it left a refused day out for another.
  const refusedForAnother = kept !== read.readings && kept.length < read.readings.length;
  return { candidates: sortByPreference(candidates), read: { expanded, rest }, ...(refusedForAnother ? { refusedForAnother } : {}) };
}

function toCandidate(reading: Reading, now: DateTime): WhenCandidate {
  const past = reading.end ? reading.end <= now : reading.start < now;
  const candidate: WhenCandidate = { start: iso(reading.start), precision: reading.precision, past };
  if (reading.end) candidate.end = iso(reading.end);
  return candidate;
}

function sortByPreference(candidates: WhenCandidate[]): WhenCandidate[] {
  const rank = (c: WhenCandidate): number => (c.past ? 2 : 0) + (insideUsualHours(c) ? 0 : 1);
  // Array.prototype.sort is stable: equal ranks keep the order of the text.
  return [...candidates].sort((a, b) => rank(a) - rank(b));
}

function insideUsualHours(candidate: WhenCandidate): boolean {
  if (candidate.precision === 'day') return true;
  const hour = DateTime.fromISO(candidate.start, { setZone: true }).hour;
  return hour >= USUAL_OFFICE_HOURS.startHour && hour < USUAL_OFFICE_HOURS.endHour;
}

function iso(instant: DateTime): string {
  const text = instant.toISO();
  if (!text) throw new Error('parseWhen: invalid date');
  return text;
}

/**
 * Phrases that make the parsers build what they build lazily: the Chinese recognizer its model
 * (in parts: one phrase is not enough), chrono and our rewrites their regular expressions.
 */
const WARM_UP_PHRASES = ['tomorrow at 10', '3/12/2026 10:30', '明天上午10点半'];

/**
 * Makes every parser build what it builds lazily (the Chinese recognizer's model, a few hundred
 * ms; chrono's and our regular expressions, tens to a few hundred ms for English), all at once.
 * For tests and the benchmark; a server uses warmUpDateParsersInBackground after it listens.
 */
export function warmUpDateParsers(now: Date): void {
  for (const language of whenLanguages()) {
    for (const phrase of WARM_UP_PHRASES) parseWhen(phrase, language, now, 'America/New_York');
  }
}

/**
 * warmUpDateParsers one phrase at a time, awaiting `pause` before each (by default one turn of
 * the event loop), so a server that is already listening answers requests in between. A
 * caller's `pause` can wait for a moment with no request in flight: one phrase blocks for up to
 * a few hundred ms (the Chinese model's first build, English's first chrono parse).
 */
export async function warmUpDateParsersInBackground(
  now: Date,
  pause: () => Promise<void> = () => new Promise((resolve) => setImmediate(resolve)),
): Promise<void> {
  for (const language of whenLanguages()) {
    for (const phrase of WARM_UP_PHRASES) {
      await pause();
      parseWhen(phrase, language, now, 'America/New_York');
    }
  }
}
