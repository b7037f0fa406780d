import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod/v4';
import { EXPECTING, INTENTS, type Entities, type Understanding, type UnderstandContext } from './types';

/** One file of test/corpus/nlu/ or test/corpus/nlu-dev/ (docs/understanding.md#corpora). */
const corpusSchema = z.object({
  language: z.string(),
  reference: z.object({ now: z.string(), timeZone: z.string() }),
  utterances: z.array(
    z.object({
      text: z.string(),
      expecting: z.enum(EXPECTING).optional(),
      intent: z.enum(INTENTS),
      entities: z.record(z.string(), z.unknown()).optional(),
      note: z.string().optional(),
    }),
  ),
});
export type Corpus = z.infer<typeof corpusSchema>;
export type Utterance = Corpus['utterances'][number];

export function readCorpus(file: string): Corpus {
  const parsed = corpusSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

/** Every <code>.json of a folder, by language code. */
export function readCorpora(dir: string): Array<{ file: string; corpus: Corpus }> {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ file: path.join(dir, f), corpus: readCorpus(path.join(dir, f)) }));
}

export function contextOf(corpus: Corpus, utterance: Utterance): UnderstandContext {
  return { expecting: utterance.expecting, now: new Date(corpus.reference.now), timeZone: corpus.reference.timeZone };
}

export interface Score {
  utterances: number;
  intentsRight: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  /** Per entity key: [true positives, false positives, false negatives]. */
  byKey: Map<string, [number, number, number]>;
  misses: Array<{ text: string; expecting?: string; expected: { intent: string; entities: unknown }; got: Understanding }>;
}

export function emptyScore(): Score {
  return { utterances: 0, intentsRight: 0, truePositives: 0, falsePositives: 0, falseNegatives: 0, byKey: new Map(), misses: [] };
}

/** Values compared whole: a `when` is right only with the same date, time and part of day. */
function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));
}

function sorted(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([x], [y]) => x.localeCompare(y)));
}

/** Adds one utterance: intent right or wrong, and each entity key a true positive, or a false positive and/or negative. */
export function addToScore(score: Score, utterance: Utterance, got: Understanding): void {
  score.utterances++;
  const intentRight = got.intent === utterance.intent;
  if (intentRight) score.intentsRight++;
  const expected = utterance.entities ?? {};
  const found = got.entities as Record<string, unknown> & Entities;
  let entitiesRight = true;
  for (const key of new Set([...Object.keys(expected), ...Object.keys(found)])) {
    const counts = score.byKey.get(key) ?? [0, 0, 0];
    const want = expected[key];
    const have = found[key];
    if (want !== undefined && have !== undefined && same(want, have)) {
      score.truePositives++;
      counts[0]++;
    } else {
      entitiesRight = false;
      if (have !== undefined) {
        score.falsePositives++;
        counts[1]++;
      }
      if (want !== undefined) {
        score.falseNegatives++;
        counts[2]++;
      }
    }
    score.byKey.set(key, counts);
  }
  if (!intentRight || !entitiesRight) {
    score.misses.push({
      text: utterance.text,
      expecting: utterance.expecting,
      expected: { intent: utterance.intent, entities: expected },
      got,
    });
  }
}

export function intentAccuracy(score: Score): number {
  return score.utterances === 0 ? 0 : score.intentsRight / score.utterances;
}

/** Micro F1 over every entity key; 1 when no entity was expected and none was found. */
export function entityF1(score: Score): number {
  const { truePositives: tp, falsePositives: fp, falseNegatives: fn } = score;
  return tp + fp + fn === 0 ? 1 : (2 * tp) / (2 * tp + fp + fn);
}

export const GOALS = { intentAccuracy: 0.95, entityF1: 0.95, medianMs: 0.1 } as const;
