import { fold } from './fold';

/**
 * How a language's phrases are found in a message: whole words, or anywhere for the languages
 * written without spaces between words (Chinese) or with particles glued to them (Korean).
 */
export type Segmentation = 'words' | 'characters';

/** One word of a phrase: exact, or with a `*` for the rest of the word on either side. */
interface Part {
  text: string;
  prefix: boolean;
  suffix: boolean;
}

interface Phrase {
  parts: readonly Part[];
  /** The phrase as listed. */
  source: string;
}

export interface Found {
  /** The folded text matched. */
  text: string;
  /** The listed phrase that matched it. */
  phrase: string;
  /** Where it starts in the folded text. */
  index: number;
}

/**
 * A list of phrases found in folded text. A `*` in a phrase stands for the rest of a word
 * ("запис*" finds "записаться", "*الغاء" finds "والغاء"), so one entry covers a word's inflections.
 * Phrases are indexed by their first word (by their first character without word boundaries), so a
 * message is read once whatever the length of the list: a few microseconds.
 */
export class PhraseMatcher {
  private readonly byFirst = new Map<string, Phrase[]>();
  /** Phrases whose first word has a `*`: tried at every word. */
  private readonly open: Phrase[] = [];

  /**
   * @param clitics letters that may be glued to the front of a phrase's first word (Arabic's و, ب, ل…:
   *   "لتصريح العمل" is "تصريح العمل" with "for").
   * @param spell the language's spellings (data.ts), applied to each phrase as to each message, so
   *   that a phrase listed in either spelling ("c'est quoi", "cest quoi") finds both.
   */
  constructor(
    phrases: readonly string[],
    private readonly segmentation: Segmentation,
    private readonly clitics: readonly string[] = [],
    private readonly spell: (folded: string) => string = (folded) => folded,
  ) {
    for (const phrase of phrases) {
      const parsed = this.parse(phrase);
      if (!parsed) continue;
      const first = parsed.parts[0];
      if (first.prefix || first.suffix) this.open.push(parsed);
      else {
        const key = segmentation === 'words' ? first.text : first.text[0];
        const list = this.byFirst.get(key) ?? [];
        list.push(parsed);
        this.byFirst.set(key, list);
      }
    }
  }

  private parse(phrase: string): Phrase | undefined {
    if (this.segmentation === 'characters') {
      const text = fold(phrase.replace(/\*/g, ''));
      return text === '' ? undefined : { parts: [{ text, prefix: false, suffix: false }], source: phrase };
    }
    const parts = phrase
      .split(/\s+/)
      .map((word) => ({
        text: word.includes('*') ? fold(word.replace(/\*/g, '')) : this.spell(fold(word)),
        suffix: word.startsWith('*'),
        prefix: word.endsWith('*'),
      }))
      .filter((part) => part.text !== '');
    // A word that folds to several ("i-765" → "i 765") is several words.
    const flat: Part[] = [];
    for (const part of parts) {
      const words = part.text.split(' ');
      words.forEach((text, i) => flat.push({ text, suffix: i === 0 && part.suffix, prefix: i === words.length - 1 && part.prefix }));
    }
    return flat.length === 0 ? undefined : { parts: flat, source: phrase };
  }

  /** Every phrase found, longest first at each place, left to right, without overlaps. */
  all(folded: string): Found[] {
    return this.segmentation === 'words' ? this.allWords(folded) : this.allCharacters(folded);
  }

  /** The length in characters of the longest phrase found (0 when none). */
  longest(folded: string): number {
    let best = 0;
    for (const found of this.all(folded)) best = Math.max(best, found.text.length);
    return best;
  }

  has(folded: string): boolean {
    return this.all(folded).length > 0;
  }

  /** The phrases a word could start once a clitic is taken off its front. */
  private unglued(word: string): Phrase[][] {
    const lists: Phrase[][] = [];
    for (const stem of stemsOf(word, this.clitics)) {
      const list = this.byFirst.get(stem);
      if (list) lists.push(list);
    }
    return lists;
  }

  private allCharacters(folded: string): Found[] {
    const found: Found[] = [];
    for (let i = 0; i < folded.length;) {
      let best: Phrase | undefined;
      for (const phrase of this.byFirst.get(folded[i]) ?? []) {
        const text = phrase.parts[0].text;
        if (text.length > (best?.parts[0].text.length ?? 0) && folded.startsWith(text, i)) best = phrase;
      }
      if (best) {
        const length = best.parts[0].text.length;
        found.push({ text: folded.slice(i, i + length), index: i, phrase: best.source });
        i += length;
      } else i++;
    }
    return found;
  }

  private allWords(folded: string): Found[] {
    if (folded === '') return [];
    const { words, starts } = splitWords(folded);
    const found: Found[] = [];
    for (let i = 0; i < words.length;) {
      let best = longestAt(this.byFirst.get(words[i]), words, i, this.clitics, undefined);
      if (this.open.length > 0) best = longestAt(this.open, words, i, this.clitics, best);
      if (this.clitics.length > 0) for (const list of this.unglued(words[i])) best = longestAt(list, words, i, this.clitics, best);
      if (best) {
        const bestWords = best.parts.length;
        const end = starts[i + bestWords - 1] + words[i + bestWords - 1].length;
        found.push({ text: folded.slice(starts[i], end), index: starts[i], phrase: best.source });
        i += bestWords;
      } else i++;
    }
    return found;
  }
}

/** A language's matchers share its clitics: each word's stems (clitics taken off) are worked out once. */
const stemsByClitics = new WeakMap<readonly string[], Map<string, readonly string[]>>();
const MAX_STEMMED_WORDS = 5_000;

function stemsOf(word: string, clitics: readonly string[]): readonly string[] {
  let stems = stemsByClitics.get(clitics);
  if (!stems) {
    stems = new Map();
    stemsByClitics.set(clitics, stems);
  }
  let found = stems.get(word);
  if (!found) {
    found = clitics.filter((c) => word.length > c.length + 1 && word.startsWith(c)).map((c) => word.slice(c.length));
    if (stems.size >= MAX_STEMMED_WORDS) stems.clear();
    stems.set(word, found);
  }
  return found;
}

/**
 * A message is searched by some forty matchers in a row: its words and where they start are
 * worked out once, for the last text seen.
 */
let splitText = '';
let splitResult: { words: readonly string[]; starts: readonly number[] } = { words: [''], starts: [0] };

function splitWords(folded: string): { words: readonly string[]; starts: readonly number[] } {
  if (folded !== splitText) {
    const words = folded.split(' ');
    const starts: number[] = [];
    let at = 0;
    for (const word of words) {
      starts.push(at);
      at += word.length + 1;
    }
    splitText = folded;
    splitResult = { words, starts };
  }
  return splitResult;
}

/** The phrase of `list` with the most words that matches at word `at`, if longer than `best`. */
function longestAt(
  list: readonly Phrase[] | undefined,
  words: readonly string[],
  at: number,
  clitics: readonly string[],
  best: Phrase | undefined,
): Phrase | undefined {
  if (!list) return best;
  let longest = best;
  for (const phrase of list) {
    if (phrase.parts.length > (longest?.parts.length ?? 0) && matchesAt(phrase, words, at, clitics)) longest = phrase;
  }
  return longest;
}

function matchesAt(phrase: Phrase, words: readonly string[], at: number, clitics: readonly string[]): boolean {
  if (at + phrase.parts.length > words.length) return false;
  return phrase.parts.every((part, j) => {
    const typed = words[at + j];
    const word = j === 0 && !part.suffix ? withoutClitic(typed, part.text, clitics) : typed;
    if (part.prefix && part.suffix) return word.includes(part.text);
    if (part.prefix) return word.startsWith(part.text);
    if (part.suffix) return word.endsWith(part.text);
    return word === part.text;
  });
}

function withoutClitic(word: string, expected: string, clitics: readonly string[]): string {
  if (word === expected || clitics.length === 0) return word;
  for (const clitic of clitics) if (word.startsWith(clitic) && word.slice(clitic.length) === expected) return expected;
  return word;
}
