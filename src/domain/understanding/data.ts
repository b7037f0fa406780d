import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod/v4';
import { projectRoot } from '../projectPaths';
import { dateWords, dayAndMonthNames } from '../dates/dateWords';
import { REASON_CODES, type ReasonCode } from '../reasons';
import { durationFinder, type DurationFinder } from './durations';
import { fold } from './fold';
import { PhraseMatcher, type Segmentation } from './phrases';
import { EXPECTING, INTENTS, type Expecting, type Intent } from './types';

/** Intents a person can say in words (`none` is what is left). */
export type SpokenIntent = Exclude<Intent, 'none'>;
const SPOKEN_INTENTS = INTENTS.filter((i): i is SpokenIntent => i !== 'none');

const phrases = z.array(z.string().min(1));
const spokenIntent = z.enum(SPOKEN_INTENTS as [SpokenIntent, ...SpokenIntent[]]);

/** locales/<code>/understanding.json (docs/understanding.md#data). */
const fileSchema = z
  .object({
    segmentation: z.enum(['words', 'characters']),
    /**
     * Words people type for others, read as those in messages and phrases alike: elisions typed
     * without the apostrophe ("cest" → "c'est", "jai" → "j'ai"), SMS forms ("vc" → "você",
     * "dc" → "được", "m" → "mwen"). One word each; the value may be several words.
     */
    spellings: z.record(z.string().min(1), z.string().min(1)).optional(),
    /**
     * Letters typed for others inside any word, in messages and phrases alike: Esperanto's x- and
     * h-systems ("cxu", "chu" as "ĉu", folded "cu"). Longest first.
     */
    letterSpellings: z.record(z.string().min(1), z.string()).optional(),
    /** Politeness words left out before phrases are looked for (Tagalog "po": "ano po ang infopass"). */
    ignoredWords: phrases.optional(),
    /**
     * Sentence-final particles a whole answer may carry (Cantonese "係呀", "唔約喇"): taken off the end of
     * a message that is not a listed answer as typed, and the rest tried again.
     */
    particles: phrases.optional(),
    /**
     * Thanks and goodbyes ("obrigada", "唔該晒", "thanks for your help"): they ask for nothing. Their words
     * are no intent phrase, and with no yes/no question open, the yes or no beside them is politeness.
     */
    smallTalk: phrases.optional(),
    /** Letters glued to the front of a word ("و", "ب", "ال"…) that phrases may carry. */
    clitics: phrases.optional(),
    /** Country names as they are written after "in" when the language declines them ("Polsce", "Мексике"). */
    countryNames: z.record(z.string(), z.string().regex(/^[A-Z]{2}$/)).optional(),
    /** Phrases that say an intent anywhere in a message. */
    intents: z.partialRecord(spokenIntent, phrases),
    /**
     * Phrases of `intents.documents` that only name papers ("papers", "passport") and ask nothing: in a
     * message with a booking phrase they are part of what the booking is for, not a question about documents.
     */
    documentNouns: phrases.optional(),
    /** Whole messages that mean an intent: training sentences, and exact matches. */
    examples: z.partialRecord(spokenIntent, phrases),
    /** Phrases that name a reason anywhere in a message (the translation's reasons.*Words are whole answers). */
    reasons: z.partialRecord(z.enum(REASON_CODES), phrases),
    /**
     * Phrases that name a reason only when no other reason is named: "no answer" is the contact centre's
     * silence, but "my case has waited two years without an answer" is about the pending case.
     */
    reasonsAlone: z.partialRecord(z.enum(REASON_CODES), phrases).optional(),
    /** Local names of field offices (the data file's English names are always known). */
    offices: z.record(z.string().regex(/^[A-Z]{3}$/), phrases),
    /** Words after which a country may be named ("vivo en", "I live in"). */
    countryCues: phrases,
    /** Words after which a name is given ("my name is"), and words that end it ("and"). */
    nameCues: phrases,
    /**
     * Sentence openers that give a name only in the answer to the name question ("soy", "je suis",
     * "this is", "我是"): elsewhere they open other sentences ("soy de Guatemala", "I am waiting").
     */
    nameOpeners: phrases.optional(),
    nameStops: phrases,
    /** Words that say a date is a date of birth ("born"). */
    dobCues: phrases,
    /** Words without which no date is looked for outside the date question (weekdays, "tomorrow", "morning"…). */
    whenCues: phrases,
    /** Units of a duration told in a story ("pending 7 months"), and the words that make one a time from now (durations.ts). */
    durations: z.object({ units: phrases, keepBefore: phrases.optional(), keepAfter: phrases.optional() }).strict().optional(),
    /**
     * Words that, with a booking word in the same message, turn it into another intent: "when" +
     * "appointment" is a look-up, "change" + "appointment" a reschedule.
     */
    withBooking: z.partialRecord(spokenIntent, phrases).optional(),
    /**
     * Words that, before a number, pick from a list ("option 2", vi "cái thứ 2": the second one, not
     * Monday, thứ 2): at the list of times, such a number is no date.
     */
    listChoiceWords: phrases.optional(),
    /**
     * Words that, opening a message that ends with a number ("the 2nd"), pick from a list: at the list
     * of times it is the second time, not the 2nd of the month ("the 2nd of December" is still a date).
     */
    listArticles: phrases.optional(),
    /** Phrases that mean an intent only at one question ("keep it" = no at the cancel confirmation). */
    contextWords: z.partialRecord(z.enum(EXPECTING), z.partialRecord(spokenIntent, phrases)),
  })
  .strict();

export type UnderstandingFile = z.infer<typeof fileSchema>;

/** Word lists of locales/<code>/translation.json, each a whole answer to a menu or a question. */
const TRANSLATION_INTENT_LISTS: ReadonlyArray<readonly [string, SpokenIntent]> = [
  ['menu.bookWords', 'book'],
  ['menu.cancelWords', 'cancel'],
  ['menu.documentsWords', 'documents'],
  ['menu.aboutWords', 'about'],
  ['commands.help', 'help'],
  ['commands.quit', 'quit'],
  ['commands.restart', 'startOver'],
  ['commands.language', 'changeLanguage'],
  ['common.yesWords', 'yes'],
  ['common.noWords', 'no'],
];

export interface LanguageModel {
  code: string;
  segmentation: Segmentation;
  /** A folded message with the language's spellings written out ("cest quoi" → "c est quoi"). */
  spell: (folded: string) => string;
  /** Letters glued to the front of a word (Arabic), folded. */
  clitics: readonly string[];
  /** Folded whole message → the intents it may mean (context decides between them). */
  whole: ReadonlyMap<string, readonly SpokenIntent[]>;
  /** Folded sentence-final particles, longest first. */
  particles: readonly string[];
  /** Thanks and goodbyes, the language's and English ones. */
  smallTalk: PhraseMatcher;
  /** Phrase spotting, the language's own phrases, then English ones (people mix English in). */
  keywords: ReadonlyMap<SpokenIntent, PhraseMatcher>;
  /**
   * Cancel phrases (as listed) that say a person cannot come ("can't make it", "nie dam rady"): they hold
   * one of the refusals of locales/<code>/dateWords.json, so beside a day they may refuse that day only.
   */
  refusingCancels: ReadonlySet<string>;
  englishKeywords: ReadonlyMap<SpokenIntent, PhraseMatcher>;
  /** A yes or no word opening a message ("no, my ZIP is…"). */
  leading: { yes: PhraseMatcher; no: PhraseMatcher };
  /** Whole answers at the reason question, and phrases anywhere. */
  reasonAnswers: ReadonlyMap<string, ReasonCode>;
  reasons: ReadonlyArray<readonly [ReasonCode, PhraseMatcher]>;
  /** Phrases that name a reason only when no other is named (`reasonsAlone`, the language's and English's). */
  reasonsAlone: ReadonlyArray<readonly [ReasonCode, PhraseMatcher]>;
  /** Office name as listed → code, and a matcher over every name. */
  officeNames: ReadonlyMap<string, string>;
  offices: PhraseMatcher;
  countryCues: PhraseMatcher;
  /** Folded inflected country names → ISO code. */
  countryNames: ReadonlyMap<string, string>;
  outside: PhraseMatcher;
  /** "my name is" and its like, the language's and English. */
  nameCueList: readonly string[];
  /** The same, found in folded text: a message without one is not searched for a name. */
  nameCues: PhraseMatcher;
  /** "soy", "this is" and their like: a name after them only in the answer to the name question. */
  nameOpenerList: readonly string[];
  /** The cues and the openers, found in folded text. */
  answerNameCues: PhraseMatcher;
  nameStops: ReadonlySet<string>;
  dobCues: PhraseMatcher;
  whenCues: PhraseMatcher;
  durations: DurationFinder;
  /** "cái thứ", "option": followed by a number, a pick from a list. */
  listChoice: PhraseMatcher;
  /** "the": opening a message that ends with a number ("the 2nd"), a pick from a list. */
  listArticles: PhraseMatcher;
  context: ReadonlyMap<Expecting, ReadonlyMap<SpokenIntent, PhraseMatcher>>;
  withBooking: ReadonlyMap<SpokenIntent, PhraseMatcher>;
  ignoredWords: ReadonlySet<string>;
  /** `documentNouns` as listed (a found phrase's source is looked up here). */
  documentNouns: ReadonlySet<string>;
  /** The file as read, for the classifier's training and the tests. */
  file: UnderstandingFile;
}

const LOCALES = (): string => path.join(projectRoot(), 'locales');

function readJson(file: string): unknown {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
}

export function readUnderstandingFile(language: string): UnderstandingFile {
  const file = path.join(LOCALES(), language, 'understanding.json');
  const parsed = fileSchema.safeParse(readJson(file));
  if (!parsed.success) throw new Error(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

function listAt(resource: unknown, key: string): string[] {
  let node: unknown = resource;
  for (const part of key.split('.')) node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
  return Array.isArray(node) ? node.filter((v): v is string => typeof v === 'string') : [];
}

function readTranslation(language: string): unknown {
  return readJson(path.join(LOCALES(), language, 'translation.json'));
}

const IDENTITY = (folded: string): string => folded;

/** `letterSpellings` as a function over folded text ("cxu" → "cu"), identity when there are none. */
function letterSpeller(pairs: Readonly<Record<string, string>> | undefined): (folded: string) => string {
  const table = new Map(
    Object.entries(pairs ?? {})
      .map(([typed, meant]) => [fold(typed), fold(meant)] as const)
      .filter(([typed]) => typed !== ''),
  );
  if (table.size === 0) return IDENTITY;
  const pattern = new RegExp(
    [...table.keys()]
      .sort((a, b) => b.length - a.length)
      .map((typed) => typed.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('|'),
    'g',
  );
  return (folded) => folded.replace(pattern, (typed) => table.get(typed) ?? typed);
}

/**
 * The language's spellings as a function over folded text, word by word (identity when it has none,
 * or when it is written without spaces).
 */
function speller(file: UnderstandingFile): (folded: string) => string {
  const letters = letterSpeller(file.letterSpellings);
  const table = new Map<string, string>();
  for (const [short, full] of Object.entries(file.spellings ?? {})) {
    const key = letters(fold(short));
    if (key !== '' && !key.includes(' ')) table.set(key, letters(fold(full)));
  }
  if (file.segmentation !== 'words') return IDENTITY;
  if (table.size === 0) return letters;
  return (typed) => {
    const folded = letters(typed);
    if (folded === '') return folded;
    let changed = false;
    const words = folded.split(' ').map((word) => {
      const full = table.get(word);
      if (full === undefined) return word;
      changed = true;
      return full;
    });
    return changed ? words.join(' ') : folded;
  };
}

function addWhole(whole: Map<string, SpokenIntent[]>, phrase: string, intent: SpokenIntent, spell: (folded: string) => string): void {
  const key = spell(fold(phrase));
  if (key === '') return;
  const intents = whole.get(key) ?? [];
  if (!intents.includes(intent)) intents.push(intent);
  whole.set(key, intents);
}

function keywordMatchers(
  file: UnderstandingFile,
  segmentation: Segmentation,
  clitics: readonly string[],
  spell: (folded: string) => string,
): Map<SpokenIntent, PhraseMatcher> {
  const matchers = new Map<SpokenIntent, PhraseMatcher>();
  for (const intent of SPOKEN_INTENTS) matchers.set(intent, new PhraseMatcher(file.intents[intent] ?? [], segmentation, clitics, spell));
  return matchers;
}

/** The phrases that hold a refusal (as whole words where words are spaced). */
function refusingPhrases(
  phrases: readonly string[],
  refusals: readonly string[],
  segmentation: Segmentation,
  spell: (folded: string) => string,
): Set<string> {
  const spaced = segmentation === 'words';
  const keyOf = (text: string): string =>
    spaced ? ` ${spell(fold(text.replace(/\*/g, '')))} ` : fold(text.replace(/\*/g, '')).replace(/ /g, '');
  const refusing = refusals.map(keyOf).filter((key) => key.trim() !== '');
  return new Set(phrases.filter((phrase) => refusing.some((refusal) => keyOf(phrase).includes(refusal))));
}

/** Field offices' own names, city part ("Los Angeles County Field Office" → "los angeles county"). */
function officeNamesFromData(): Array<[string, string]> {
  const offices = readJson(path.join(projectRoot(), 'data', 'field-offices.json'));
  if (!Array.isArray(offices)) return [];
  const names: Array<[string, string]> = [];
  for (const office of offices as Array<{ code?: unknown; name?: unknown; kind?: unknown }>) {
    // Offices abroad are named with their country ("Guatemala City"): the country is what counts.
    if (typeof office.code !== 'string' || typeof office.name !== 'string' || office.kind !== 'domestic') continue;
    const city = office.name.replace(/\s+Field Office$/i, '').replace(/,.*$/, '');
    names.push([city, office.code]);
  }
  return names;
}

/** Names two offices share ("Portland") name neither. */
function officeIndex(file: UnderstandingFile, english: UnderstandingFile | undefined): Map<string, string> {
  const byName = new Map<string, string | null>();
  const add = (name: string, code: string): void => {
    const key = name.toLowerCase();
    if (fold(key) === '') return;
    const known = byName.get(key);
    byName.set(key, known === undefined || known === code ? code : null);
  };
  for (const [name, code] of officeNamesFromData()) add(name, code);
  for (const source of [file, english])
    for (const [code, names] of Object.entries(source?.offices ?? {})) for (const n of names) add(n, code);
  const index = new Map<string, string>();
  for (const [name, code] of byName) if (code !== null) index.set(name, code);
  return index;
}

function build(language: string): LanguageModel {
  const file = readUnderstandingFile(language);
  const english = language === 'en' ? undefined : readUnderstandingFile('en');
  const translation = readTranslation(language);
  const englishTranslation = language === 'en' ? undefined : readTranslation('en');
  const segmentation = file.segmentation;
  const clitics = (file.clitics ?? []).map(fold);
  const spell = speller(file);
  const matcher = (list: readonly string[], withClitics: readonly string[] = []): PhraseMatcher =>
    new PhraseMatcher(list, segmentation, withClitics, spell);

  const whole = new Map<string, SpokenIntent[]>();
  for (const source of [
    { file, translation },
    { file: english, translation: englishTranslation },
  ]) {
    if (!source.file) continue;
    const own = source.file === file;
    const before = new Set(whole.keys());
    const add = (phrase: string, intent: SpokenIntent): void => {
      // English lists fill in only what the language's own lists do not say.
      if (!own && before.has(spell(fold(phrase)))) return;
      addWhole(whole, phrase, intent, spell);
    };
    for (const [key, intent] of TRANSLATION_INTENT_LISTS) for (const p of listAt(source.translation, key)) add(p, intent);
    for (const intent of SPOKEN_INTENTS) {
      for (const p of source.file.examples[intent] ?? []) add(p, intent);
      for (const p of source.file.intents[intent] ?? []) if (!p.includes('*')) add(p, intent);
    }
  }

  const reasonAnswers = new Map<string, ReasonCode>();
  for (const t of [translation, englishTranslation]) {
    for (const code of REASON_CODES) {
      for (const p of listAt(t, `reasons.${code}Words`)) if (!reasonAnswers.has(spell(fold(p)))) reasonAnswers.set(spell(fold(p)), code);
    }
  }
  const reasons: Array<readonly [ReasonCode, PhraseMatcher]> = [];
  const reasonsAlone: Array<readonly [ReasonCode, PhraseMatcher]> = [];
  for (const code of REASON_CODES) {
    const alone = [...(file.reasonsAlone?.[code] ?? []), ...(english?.reasonsAlone?.[code] ?? [])];
    // A whole answer of the translation ("sen respondo" at the reason question) is a phrase anywhere only when not one of these.
    const weak = new Set(alone.map((p) => spell(fold(p))));
    const answers = listAt(translation, `reasons.${code}Words`).filter((p) => isSpecific(p, segmentation) && !weak.has(spell(fold(p))));
    const own = [...(file.reasons[code] ?? []), ...answers];
    const englishOnes = english ? (english.reasons[code] ?? []) : [];
    reasons.push([code, matcher([...own, ...englishOnes], clitics)]);
    if (alone.length > 0) reasonsAlone.push([code, matcher(alone, clitics)]);
  }

  const officeNames = officeIndex(file, english);
  const context = new Map<Expecting, Map<SpokenIntent, PhraseMatcher>>();
  for (const [expecting, byIntent] of Object.entries(file.contextWords) as Array<[Expecting, Partial<Record<SpokenIntent, string[]>>]>) {
    const matchers = new Map<SpokenIntent, PhraseMatcher>();
    for (const [intent, list] of Object.entries(byIntent) as Array<[SpokenIntent, string[]]>) matchers.set(intent, matcher(list));
    context.set(expecting, matchers);
  }
  const both = (pick: (f: UnderstandingFile) => string[]): string[] => [...pick(file), ...(english ? pick(english) : [])];

  return {
    code: language,
    segmentation,
    spell,
    clitics,
    whole,
    particles: (file.particles ?? [])
      .map(fold)
      .filter((p) => p !== '')
      .sort((a, b) => b.length - a.length),
    smallTalk: new PhraseMatcher(
      both((f) => f.smallTalk ?? []),
      segmentation,
      clitics,
      spell,
    ),
    keywords: keywordMatchers(file, segmentation, clitics, spell),
    refusingCancels: refusingPhrases(file.intents.cancel ?? [], dateWords(language).refusals, segmentation, spell),
    englishKeywords: english ? keywordMatchers(english, 'words', [], spell) : new Map(),
    leading: {
      yes: matcher(leadingWords(translation, englishTranslation, 'common.yesWords', file.intents.yes, file.intents.no)),
      no: matcher(leadingWords(translation, englishTranslation, 'common.noWords', file.intents.no, file.intents.yes)),
    },
    reasonAnswers,
    reasons,
    reasonsAlone,
    officeNames,
    offices: matcher([...officeNames.keys()], clitics),
    countryCues: matcher(
      both((f) => f.countryCues),
      clitics,
    ),
    countryNames: new Map(Object.entries(file.countryNames ?? {}).map(([name, code]) => [spell(fold(name)), code])),
    outside: matcher([...listAt(translation, 'location.outsideWords'), ...listAt(englishTranslation, 'location.outsideWords')]),
    nameCueList: both((f) => f.nameCues),
    nameCues: matcher(both((f) => f.nameCues)),
    nameOpenerList: both((f) => f.nameOpeners ?? []),
    answerNameCues: matcher([...both((f) => f.nameCues), ...both((f) => f.nameOpeners ?? [])]),
    nameStops: new Set(both((f) => f.nameStops).map(fold)),
    dobCues: matcher(
      both((f) => f.dobCues),
      clitics,
    ),
    // The names of days and months the date parser reads are cues wherever the list forgot one.
    whenCues: matcher([...file.whenCues, ...dayAndMonthNames(language)], clitics),
    durations: durationFinder(file.durations, segmentation === 'words'),
    listChoice: matcher(file.listChoiceWords ?? []),
    listArticles: matcher(file.listArticles ?? []),
    context,
    withBooking: new Map(
      (Object.entries(file.withBooking ?? {}) as Array<[SpokenIntent, string[]]>).map(([intent, list]) => [intent, matcher(list, clitics)]),
    ),
    ignoredWords: new Set((file.ignoredWords ?? []).map((w) => spell(fold(w)))),
    documentNouns: new Set(file.documentNouns ?? []),
    file,
  };
}

/**
 * A whole-answer word says a reason inside a sentence only when it cannot be an everyday word: several
 * words ("green card", not "case" or "travel"), or in Chinese and Korean three characters or more.
 * Single words that are safe inside a sentence are listed in understanding.json.
 */
function isSpecific(phrase: string, segmentation: Segmentation): boolean {
  const folded = fold(phrase);
  return segmentation === 'words' ? folded.includes(' ') : folded.replace(/ /g, '').length >= 3;
}

/** Yes and no words that may open a longer message ("no, my ZIP is…"): all but one-letter ones ("s", "n", "y"). */
/**
 * The yes (or no) words that may open a message: the language's own and English's, but not an English word
 * that opens one of the language's own answers of the other kind (pl "no tak", "no dobrze": "no" is "well").
 */
function leadingWords(
  translation: unknown,
  english: unknown,
  key: string,
  own: readonly string[] | undefined,
  ownOpposite: readonly string[] | undefined,
): string[] {
  const ownWords = [...listAt(translation, key), ...(own ?? [])];
  const oppositeOpeners = new Set((ownOpposite ?? []).map((w) => fold(w).split(' ')[0]));
  const ownFolded = new Set(ownWords.map(fold));
  const englishWords = listAt(english, key).filter((w) => ownFolded.has(fold(w)) || !oppositeOpeners.has(fold(w)));
  return [...ownWords, ...englishWords].filter((w) => !w.includes('*') && fold(w).length > 1);
}

const models = new Map<string, LanguageModel>();

/** The language's model, read and compiled on its first use (a few ms), then kept. */
export function languageModel(language: string): LanguageModel {
  let model = models.get(language);
  if (!model) {
    model = build(language);
    models.set(language, model);
  }
  return model;
}
