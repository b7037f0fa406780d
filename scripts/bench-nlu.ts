/**
 * Measures understand() per language on a corpus: intent accuracy, entity F1 (micro, exact canonical
 * values, per entity key with --keys), and the median and p99 time of one message, against the goals of
 * docs/understanding.md; and the same times for a turn's understanding and date reading (the slot
 * dialog acts at the date question on readWhen's reading: the understanding carries it, `dates`, and
 * only when it does not is readWhen called again, as the dialog would).
 *
 *   npm run bench:nlu                 held-out corpus (test/corpus/nlu-heldout/, or NLU_HELDOUT_DIR)
 *   npm run bench:nlu -- --dev        first development corpus (test/corpus/nlu-dev/)
 *   npm run bench:nlu -- --dev2       second development corpus (test/corpus/nlu-dev2/)
 *   npm run bench:nlu -- --dev3       third development corpus (test/corpus/nlu/, held out until it was read)
 *   npm run bench:nlu -- --dev4       fourth development corpus (test/corpus/nlu-dev4/, written blind before its fixes)
 *   npm run bench:nlu -- --dev5       fifth development corpus (test/corpus/nlu-dev5/, ar eo pl, written blind before its fixes)
 *   npm run bench:nlu -- --dev6       sixth development corpus (test/corpus/nlu-dev6/, pl, written blind before its fixes)
 *   npm run bench:nlu -- --set DIR    the corpus files of any folder
 *   npm run bench:nlu -- --dev --misses es,fr   list these languages' misses
 *
 * Misses are for development corpora: the held-out corpus is read for its figures only, however it is named.
 *
 * Timing: every message of every language is understood WARM_UP_PASSES times first (data read, code
 * compiled, as in a server that has been running), then each language's are timed over REPEATS
 * passes; a message's time is the least of its runs (the rest is the machine's load), and the median,
 * p99 and mean are over the messages. A benchmark, not a test: it exits 0.
 */
import { join, relative, resolve } from 'node:path';
import { readWhen, warmUpDateParsers } from '../src/domain/dates/parseWhen';
import { understand } from '../src/domain/understanding';
import {
  addToScore,
  contextOf,
  emptyScore,
  entityF1,
  GOALS,
  intentAccuracy,
  readCorpora,
  type Score,
} from '../src/domain/understanding/evaluation';

const ROOT = resolve(__dirname, '..');
const args = process.argv.slice(2);
const HELD_OUT_DIR = resolve(ROOT, process.env.NLU_HELDOUT_DIR ?? 'test/corpus/nlu-heldout');
const SET = args.includes('--set') ? args[args.indexOf('--set') + 1] : undefined;
const NAMED: ReadonlyArray<readonly [flag: string, dir: string]> = [
  ['--dev', 'test/corpus/nlu-dev'],
  ['--dev2', 'test/corpus/nlu-dev2'],
  ['--dev3', 'test/corpus/nlu'],
  ['--dev4', 'test/corpus/nlu-dev4'],
  ['--dev5', 'test/corpus/nlu-dev5'],
  ['--dev6', 'test/corpus/nlu-dev6'],
];
const named = NAMED.find(([flag]) => args.includes(flag));
const DIR = SET ? resolve(SET) : named ? join(ROOT, named[1]) : HELD_OUT_DIR;
const HELD_OUT = DIR === HELD_OUT_DIR;
const LABEL = HELD_OUT ? 'held-out' : 'development';
const REPEATS = 5;
const WARM_UP_PASSES = 3;
const missesFor = new Set((args[args.indexOf('--misses') + 1] ?? '').split(',').filter((c) => args.includes('--misses') && c !== ''));
const SHOW_KEYS = args.includes('--keys');

function percentile(sortedValues: readonly number[], p: number): number {
  if (sortedValues.length === 0) return 0;
  return sortedValues[Math.min(sortedValues.length - 1, Math.floor(p * sortedValues.length))];
}

function ms(value: number): string {
  return value.toFixed(3).padStart(8);
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((sum, v) => sum + v, 0) / values.length;
}

function pct(value: number): string {
  return `${(value * 100).toFixed(1)}%`.padStart(7);
}

function main(): void {
  const corpora = readCorpora(DIR);
  if (corpora.length === 0) {
    console.log(`No corpus files in ${relative(ROOT, DIR)}/ (development corpora: --dev, --dev2, --dev3, --dev4, --dev5, --dev6)`);
    return;
  }
  warmUpDateParsers(new Date(corpora[0].corpus.reference.now));
  // A server has long been running when a message comes: every language's data is read and the
  // code is compiled (JIT) before anything is timed, so the first language timed pays no more.
  for (let pass = 0; pass < WARM_UP_PASSES; pass++) {
    for (const { corpus } of corpora) for (const u of corpus.utterances) understand(u.text, corpus.language, contextOf(corpus, u));
  }
  console.log(`Corpus: ${relative(ROOT, DIR)}/ (${LABEL})`);
  if (HELD_OUT && missesFor.size > 0) {
    console.log('  --misses is for development corpora: the held-out corpus is measured, never read for errors');
    missesFor.clear();
  }
  const rows: string[] = [];
  const all: number[] = [];
  const allTurns: number[] = [];
  const allScore = emptyScore();
  let goalsMet = true;
  for (const { file, corpus } of corpora) {
    const score: Score = emptyScore();
    for (const u of corpus.utterances) addToScore(score, u, understand(u.text, corpus.language, contextOf(corpus, u)));
    for (const u of corpus.utterances) addToScore(allScore, u, understand(u.text, corpus.language, contextOf(corpus, u)));
    // Each message's time is the least of its REPEATS runs: on a shared machine the others are the
    // machine's load, not the message's cost.
    const times: number[] = corpus.utterances.map(() => Infinity);
    const turnTimes: number[] = corpus.utterances.map(() => Infinity);
    for (let pass = 0; pass < REPEATS; pass++) {
      corpus.utterances.forEach((u, i) => {
        const context = contextOf(corpus, u);
        const start = process.hrtime.bigint();
        const understood = understand(u.text, corpus.language, context);
        const understoodAt = process.hrtime.bigint();
        // The slot dialog's reading at the date question, unless the understanding carries it.
        if (u.expecting === 'when' && !understood.dates) readWhen(u.text, corpus.language, context.now, context.timeZone);
        const end = process.hrtime.bigint();
        times[i] = Math.min(times[i], Number(understoodAt - start) / 1e6);
        turnTimes[i] = Math.min(turnTimes[i], Number(end - start) / 1e6);
      });
    }
    times.sort((a, b) => a - b);
    turnTimes.sort((a, b) => a - b);
    all.push(...times);
    allTurns.push(...turnTimes);
    const accuracy = intentAccuracy(score);
    const f1 = entityF1(score);
    const median = percentile(times, 0.5);
    const met = accuracy >= GOALS.intentAccuracy && f1 >= GOALS.entityF1 && median <= GOALS.medianMs;
    goalsMet &&= met;
    rows.push(
      `| ${corpus.language.padEnd(4)} | ${String(score.utterances).padStart(5)} | ${pct(accuracy)} | ${pct(f1)} | ${ms(median)} | ${ms(percentile(times, 0.99))} | ${ms(percentile(turnTimes, 0.5))} | ${ms(percentile(turnTimes, 0.99))} | ${ms(mean(turnTimes))} | ${met ? 'met' : 'MISSED'} |`,
    );
    console.log(`  read ${relative(ROOT, file)}: ${score.utterances} utterances`);
    if (SHOW_KEYS) {
      for (const [key, [tp, fp, fn]] of score.byKey) console.log(`    ${corpus.language} ${key.padEnd(16)} tp ${tp} fp ${fp} fn ${fn}`);
    }
    if (missesFor.has(corpus.language) || missesFor.has('all')) {
      for (const miss of score.misses) {
        console.log(
          `    MISS [${miss.expecting ?? '-'}] ${JSON.stringify(miss.text)}\n      want ${JSON.stringify(miss.expected)}\n      got  ${JSON.stringify({ intent: miss.got.intent, entities: miss.got.entities })}`,
        );
      }
    }
  }
  all.sort((a, b) => a - b);
  allTurns.sort((a, b) => a - b);
  console.log('');
  console.log('| lang | utt.  | intent  | ent. F1 | median ms | p99 ms | turn median | turn p99 | turn mean | goals |');
  console.log('|------|------:|--------:|--------:|---------:|---------:|---------:|---------:|---------:|-------|');
  for (const row of rows) console.log(row);
  console.log(
    `| all  | ${String(allScore.utterances).padStart(5)} | ${pct(intentAccuracy(allScore))} | ${pct(entityF1(allScore))} | ${ms(percentile(all, 0.5))} | ${ms(percentile(all, 0.99))} | ${ms(percentile(allTurns, 0.5))} | ${ms(percentile(allTurns, 0.99))} | ${ms(mean(allTurns))} |       |`,
  );
  console.log('');
  console.log("turn: the understanding and the date question's reading (readWhen, when the understanding does not carry it)");
  console.log('');
  console.log(
    `Goals (every language): intent accuracy ≥ ${GOALS.intentAccuracy * 100}%, entity F1 ≥ ${GOALS.entityF1 * 100}%, median ≤ ${GOALS.medianMs} ms: ${goalsMet ? 'all met' : 'MISSED in at least one language'}`,
  );
}

main();
