/**
 * The comparison behind docs/understanding.md#classifier: NLP.js (@nlpjs/nlp, a neural intent
 * classifier trained in process from each language's phrases and example sentences in
 * locales/<code>/understanding.json and the translation's word lists) against our rules, on the
 * development corpus (or NLU_CORPUS_DIR). Prints per language: training time, heap growth, intent
 * accuracy of NLP.js alone, of the rules, and of the rules with NLP.js for the messages the rules
 * leave at `none` without an entity; and the time of one NLP.js classification.
 *
 *   npx tsx scripts/compare-nlu-classifiers.ts
 */
import { join, resolve } from 'node:path';
import { languageModel } from '../src/domain/understanding/data';
import { contextOf, readCorpora } from '../src/domain/understanding/evaluation';
import { understand } from '../src/domain/understanding';

interface NlpLike {
  settings: { autoSave: boolean; log?: boolean };
  addLanguage(language: string): void;
  addDocument(language: string, text: string, intent: string): void;
  train(): Promise<void>;
  process(language: string, text: string): Promise<{ intent: string; score: number }>;
}

const LANGUAGE_PACKAGES: Record<string, [string, string]> = {
  en: ['@nlpjs/lang-en', 'LangEn'],
  es: ['@nlpjs/lang-es', 'LangEs'],
  fr: ['@nlpjs/lang-fr', 'LangFr'],
  pt: ['@nlpjs/lang-pt', 'LangPt'],
  ru: ['@nlpjs/lang-ru', 'LangRu'],
  pl: ['@nlpjs/lang-pl', 'LangPl'],
  ar: ['@nlpjs/lang-ar', 'LangAr'],
  ko: ['@nlpjs/lang-ko', 'LangKo'],
  zh: ['@nlpjs/lang-zh', 'LangZh'],
  tl: ['@nlpjs/lang-tl', 'LangTl'],
};
/** No NLP.js package for these: English's tokenizer (spaces) stands in. */
const STAND_IN = 'en';
const THRESHOLD = 0.5;

async function trained(language: string): Promise<{ nlp: NlpLike; as: string }> {
  const { containerBootstrap } = require('@nlpjs/core') as {
    containerBootstrap: () => Promise<{ use(x: unknown): void; get(name: string): unknown }>;
  };
  const { Nlp } = require('@nlpjs/nlp') as { Nlp: unknown };
  const as = LANGUAGE_PACKAGES[language] ? language : STAND_IN;
  const [pkg, name] = LANGUAGE_PACKAGES[as];
  const container = await containerBootstrap();
  container.use(Nlp);
  container.use((require(pkg) as Record<string, unknown>)[name]);
  const nlp = container.get('nlp') as NlpLike;
  nlp.settings.autoSave = false;
  nlp.settings.log = false;
  nlp.addLanguage(as);
  const model = languageModel(language);
  for (const [intent, phrases] of Object.entries(model.file.examples)) for (const p of phrases ?? []) nlp.addDocument(as, p, intent);
  for (const [intent, phrases] of Object.entries(model.file.intents)) {
    for (const p of phrases ?? []) if (!p.includes('*')) nlp.addDocument(as, p, intent);
  }
  await nlp.train();
  return { nlp, as };
}

async function main(): Promise<void> {
  const dir = process.env.NLU_CORPUS_DIR ?? join(resolve(__dirname, '..'), 'test/corpus/nlu-dev');
  console.log(`Corpus: ${dir}`);
  console.log('| lang | train ms | heap MB | NLP.js alone | rules | rules + NLP.js | NLP.js median ms |');
  console.log('|------|---------:|--------:|-------------:|------:|---------------:|-----------------:|');
  for (const { corpus } of readCorpora(dir)) {
    const language = corpus.language;
    languageModel(language);
    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const start = performance.now();
    const { nlp, as } = await trained(language);
    const trainMs = performance.now() - start;
    global.gc?.();
    const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1e6;
    let alone = 0;
    let rules = 0;
    let hybrid = 0;
    const times: number[] = [];
    for (const u of corpus.utterances) {
      const t0 = performance.now();
      const guess = await nlp.process(as, u.text);
      times.push(performance.now() - t0);
      const nlpIntent = guess.score >= THRESHOLD && guess.intent !== 'None' ? guess.intent : 'none';
      const ruled = understand(u.text, language, contextOf(corpus, u));
      if (nlpIntent === u.intent) alone++;
      if (ruled.intent === u.intent) rules++;
      const useNlp = ruled.intent === 'none' && Object.keys(ruled.entities).length === 0;
      if ((useNlp ? nlpIntent : ruled.intent) === u.intent) hybrid++;
    }
    times.sort((a, b) => a - b);
    const n = corpus.utterances.length;
    const pct = (k: number): string => `${((k / n) * 100).toFixed(1)}%`;
    console.log(
      `| ${language} | ${trainMs.toFixed(0)} | ${heapMb.toFixed(1)} | ${pct(alone)} | ${pct(rules)} | ${pct(hybrid)} | ${times[Math.floor(n / 2)].toFixed(3)} |`,
    );
  }
}

void main();
