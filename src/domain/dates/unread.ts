import { dateWords, wordKey, type DateWords } from './dateWords';

/**
 * Which words of a date phrase no parser read, and which of those look like a date or a time.
 *
 * A parser reports `rest`: the text as it read it (after its own rewrites: accents put back,
 * "15h30" as "15:30", …) with every stretch that gave a reading blanked out (reading.ts, Parsed).
 * A word of `rest` that is, after folding (wordKey), one of the words typed is a typed word left
 * unread; a piece of a typed word ("에" of "10시에", "我想" of "我想明天上午10点") is a part left
 * unread; a word the rewrites made up that no rule read is ignored. Filler words ("please",
 * "quiero", "on") are then dropped, from the language's locales/<code>/dateWords.json.
 */

/** A word as typed (punctuation around it left out), where it starts, and the keys of what the parser was given for it. */
interface TypedWord {
  typed: string;
  start: number;
  keys: string[];
}

/** A text with its short forms written out for the parser ("tues 8:30" → "tuesday 8:30"), and its words as typed. */
export interface Expanded {
  text: string;
  words: TypedWord[];
}

interface Token {
  core: string;
  start: number;
  end: number;
}

const LEADING = /^[\p{P}\p{S}]+/u;
const TRAILING = /[\p{P}\p{S}]+$/u;

/** The text's words: what stands between spaces, punctuation around it left out ("tues." → "tues", "(화)" → "화"). */
function tokens(text: string): Token[] {
  const found: Token[] = [];
  for (const match of text.matchAll(/\S+/gu)) {
    const whole = match[0];
    const lead = LEADING.exec(whole)?.[0].length ?? 0;
    const core = whole.slice(lead).replace(TRAILING, '');
    if (core.length === 0) continue;
    const start = (match.index ?? 0) + lead;
    found.push({ core, start, end: start + core.length });
  }
  return found;
}

/**
 * Writes out the language's short forms (locales/<code>/dateWords.json: "tues" → "tuesday",
 * "mñn" → "mañana", "1ye" → "premye"); those that are other words too (shortFormsBeforeTime)
 * only when a number follows them or they are all the text says.
 */
export function expandShortForms(text: string, language: string): Expanded {
  const words = dateWords(language);
  const found = tokens(text);
  const typed: TypedWord[] = [];
  let result = '';
  let copied = 0;
  for (let i = 0; i < found.length;) {
    let taken = 0;
    for (let n = Math.min(3, found.length - i); n >= 1 && taken === 0; n--) {
      const group = found.slice(i, i + n);
      const key = group.map((t) => wordKey(t.core, language)).join(' ');
      const full =
        words.shortForms.get(key) ?? (saidAsDate(found, i, i + n, words, language) ? words.shortFormsBeforeTime.get(key) : undefined);
      if (full === undefined) continue;
      const { start } = group[0];
      const { end } = group[n - 1];
      result += text.slice(copied, start) + full;
      copied = end;
      typed.push({ typed: text.slice(start, end), start, keys: full.split(/\s+/u).map((w) => wordKey(w, language)) });
      taken = n;
    }
    if (taken === 0) {
      typed.push({ typed: found[i].core, start: found[i].start, keys: [wordKey(found[i].core, language)] });
      taken = 1;
    }
    i += taken;
  }
  return { text: result + text.slice(copied), words: typed };
}

/** Whether the words [from, to) stand before a number, or are all the text says besides filler words. */
function saidAsDate(found: readonly Token[], from: number, to: number, words: DateWords, language: string): boolean {
  if (found.slice(to).some((t) => /\d/u.test(t.core))) return true;
  return found.every((t, i) => (i >= from && i < to) || words.fillers.has(wordKey(t.core, language)));
}

/** The words (or parts of words) of `expanded` that are left in `rest`, filler words dropped, in the order of the text. */
export function unreadWords(expanded: Expanded, rest: string, language: string): string[] {
  const left = new Map<string, number>();
  const residue = tokens(rest).map((t) => ({ text: t.core, key: wordKey(t.core, language) }));
  for (const { key } of residue) left.set(key, (left.get(key) ?? 0) + 1);
  const take = (key: string): void => {
    left.set(key, (left.get(key) ?? 0) - 1);
  };

  const found: Array<{ start: number; text: string; asTyped: boolean }> = [];
  for (const word of expanded.words) {
    if (word.keys.length > 0 && word.keys.every((key) => (left.get(key) ?? 0) > 0)) {
      word.keys.forEach(take);
      found.push({ start: word.start, text: word.typed, asTyped: true });
    }
  }
  for (const { text, key } of residue) {
    if ((left.get(key) ?? 0) <= 0) continue;
    const holder = expanded.words.find((w) => [wordKey(w.typed, language), ...w.keys].some((k) => k !== key && k.includes(key)));
    if (!holder) continue; // a word of the rewrites, not of the person
    take(key);
    found.push({ start: holder.start, text: text.normalize('NFC'), asTyped: false });
  }
  found.sort((a, b) => a.start - b.start);
  return withoutFillers(
    found.map((f) => f.text),
    language,
  );
}

/** Every word of `text` but the filler words: a text no parser saw (beyond the length parsers read). */
export function wordsOf(text: string, language: string): string[] {
  return withoutFillers(
    tokens(text).map((t) => t.core),
    language,
  );
}

function withoutFillers(found: readonly string[], language: string): string[] {
  const words = dateWords(language);
  const kept: string[] = [];
  for (const text of found) {
    let key = wordKey(text, language);
    if (words.fillers.has(key) || words.fillerSuffixes.includes(key)) continue;
    let changed = false;
    for (let cut = true; cut;) {
      cut = false;
      for (const suffix of words.fillerSuffixes) {
        if (key.length > suffix.length && key.endsWith(suffix)) {
          key = key.slice(0, -suffix.length);
          changed = cut = true;
        }
      }
    }
    for (const part of words.fillerParts) {
      if (key.includes(part)) {
        key = key.split(part).join(' ');
        changed = true;
      }
    }
    const pieces = changed ? key.split(/\s+/u).filter((p) => p.length > 0 && !words.fillers.has(p)) : [text];
    for (const piece of pieces) if (!kept.includes(piece)) kept.push(piece);
  }
  return kept;
}

/**
 * Whether an unread word looks like part of a date or a time: it has a number in it ("1ye",
 * "8h", not a ZIP code), it is a date word the parser did not read ("desanm" beside "1ye"), or one
 * cut short ("tues", "dem"), with letters left out ("mñn", "bks", "tmrw") or misspelt
 * ("tommorow", "wensday"). Date words: weekdays and months (ICU's and dates.json's), and those of
 * locales/<code>/dateWords.json, English's too (people mix it in).
 */
export function isDateLike(word: string, language: string): boolean {
  const key = wordKey(word, language);
  const cacheKey = `${language}\u0000${key}`;
  let likeDate = dateLike.get(cacheKey);
  if (likeDate === undefined) {
    if (dateLike.size >= DATE_LIKE_LIMIT) dateLike.clear();
    likeDate = keyIsDateLike(key, language);
    dateLike.set(cacheKey, likeDate);
  }
  return likeDate;
}

/** People use the same few thousand words: each is compared with the date words once. */
const dateLike = new Map<string, boolean>();
const DATE_LIKE_LIMIT = 10_000;

function keyIsDateLike(key: string, language: string): boolean {
  const digits = key.replace(/\D/gu, '').length;
  if (digits > 0) return digits <= 4;
  const words = dateWords(language);
  // "nie" of "nie dam rady" is no "niedziela" cut short, "pas" of "je ne peux pas" no month.
  if (words.refusalWords.has(key)) return false;
  const inside = words.containedDateWordLength;
  if (inside !== undefined && words.dateWords.some((w) => [...w].length >= inside && key.includes(w))) return true;
  const said = { text: key, length: [...key].length };
  return measured(words).some((w) => resembles(said, w));
}

interface Measured {
  text: string;
  /** In characters (code points), as people count letters. */
  length: number;
}

const measuredWords = new WeakMap<DateWords, readonly Measured[]>();

function measured(words: DateWords): readonly Measured[] {
  let list = measuredWords.get(words);
  if (!list) {
    list = words.dateWords.map((text) => ({ text, length: [...text].length }));
    measuredWords.set(words, list);
  }
  return list;
}

function resembles(said: Measured, dateWord: Measured): boolean {
  if (said.text === dateWord.text) return true;
  const { length } = said;
  if (length < 3) return false;
  const full = dateWord.length;
  if (full > length && dateWord.text.startsWith(said.text)) return true;
  if (said.text[0] === dateWord.text[0] && length * 2 >= full && isSubsequence(said.text, dateWord.text)) return true;
  return length >= 4 && Math.abs(full - length) <= 2 && editDistance(said.text, dateWord.text) <= (length >= 7 ? 2 : 1);
}

function isSubsequence(short: string, long: string): boolean {
  let at = 0;
  for (const letter of long) if (at < short.length && letter === short[at]) at++;
  return at === short.length;
}

/** Levenshtein distance, adjacent letters swapped counting as one ("tommorow", "wendesday"). */
function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) rows[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      rows[i][j] = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) rows[i][j] = Math.min(rows[i][j], rows[i - 2][j - 2] + 1);
    }
  }
  return rows[a.length][b.length];
}
