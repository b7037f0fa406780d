/**
 * Measures parseWhen, per language: accuracy on (a) Duckling's test examples
 * (../shared/data/duckling-appointment-corpus.json, or $DUCKLING_CORPUS) and (b) the project's
 * own corpus (test/corpus/dates/*.json), plus the median and p99 time of one parse.
 *
 *   npm run bench:dates            (VERBOSE=1 lists every miss)
 *   npm run bench:dates -- --misses ru,pt   (only these languages, with their misses)
 *
 * How a Duckling example is scored: our first candidate, read in Duckling's zone (Etc/GMT+2)
 * with Duckling's reference time as "now", must start at Duckling's value (local wall-clock) with
 * the same grain (day → day, hour → hour, minute → minute). Duckling's hour intervals are parts
 * of the day ("this afternoon" 12–19, "evening" 18–00); ours differ on purpose (morning 08–12,
 * afternoon 12–17, evening 17–21, the hours an office is open), so an interval counts as
 * understood when our first candidate is a part of the day (or an hour) overlapping Duckling's
 * interval on the same day. Six other conventions of ours differ from Duckling's on purpose
 * (parseWhen's doc comment); a miss that is exactly one of them is counted apart, in the "conv"
 * column, and never as understood:
 * - officeHours: an hour said alone is read inside office hours first ("à 5h" is 17:00, Duckling
 *   05:00), when Duckling's reading is among our later candidates;
 * - pastToday: a time already past today is tomorrow's (ours is Duckling's plus one day);
 * - sameWeekday: a weekday said on that weekday is next week's (ours is Duckling's plus 7 days);
 * - nextWeekday: "next Wednesday" in any language ("mercredi prochain", "в следующую среду", "następna
 *   środa") is the Wednesday of next week, as in English; Duckling reads some languages' as this week's
 *   (ours is Duckling's plus 7 days, from a day of this week still ahead to next week's);
 * - daysFromNow: "in 7 days" is a day (Duckling: that day at the current hour);
 * - weekendDays: "this weekend" is the days Saturday and Sunday (a day-precision range,
 *   Saturday 00:00 to Monday 00:00), Duckling's the hours Friday 18:00 to Monday 00:00; counted
 *   here only when our range is exactly the Saturday and Sunday of Duckling's weekend.
 * "%" counts understood examples only; "+conv %" adds the convention cases.
 *
 * A benchmark, not a test: it always exits 0.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DateTime } from 'luxon';
import { parseWhen, USUAL_OFFICE_HOURS, warmUpDateParsers, type WhenCandidate, whenLanguages } from '../src/domain/dates/parseWhen';

const LANGUAGES = ['en', 'es', 'fr', 'zh', 'ru', 'pt', 'ar', 'vi', 'ko', 'pl', 'tl', 'eo', 'ht'];
const PROJECT_ROOT = resolve(__dirname, '..');
const DUCKLING_PATH = process.env.DUCKLING_CORPUS ?? resolve(PROJECT_ROOT, '../shared/data/duckling-appointment-corpus.json');
const CORPUS_DIR = join(PROJECT_ROOT, 'test/corpus/dates');
const VERBOSE = process.env.VERBOSE === '1';
/** `--misses ru,pt`: measure only these languages and print each of their misses (text, expected, got). */
const MISSES_FOR = missesArgument(process.argv.slice(2));

function missesArgument(args: string[]): Set<string> | undefined {
  const at = args.indexOf('--misses');
  if (at < 0) return undefined;
  return new Set(
    (args[at + 1] ?? '')
      .split(',')
      .map((code) => code.trim().toLowerCase())
      .filter(Boolean),
  );
}

function measured(language: string): boolean {
  return MISSES_FOR === undefined || MISSES_FOR.has(language);
}

function showMisses(language: string): boolean {
  return VERBOSE || MISSES_FOR?.has(language) === true;
}

interface DucklingExample {
  text: string;
  kind: 'value' | 'interval';
  value: string;
  end?: string;
  grain: string;
}

interface DucklingFile {
  referenceByLanguage: Record<string, { instant: string }>;
  languages: Record<string, DucklingExample[]>;
}

interface CorpusCase {
  text: string;
  start: string | null;
  precision?: WhenCandidate['precision'];
  end?: string;
}

interface CorpusFile {
  language: string;
  now: string;
  timeZone: string;
  cases: CorpusCase[];
}

interface Score {
  n: number;
  correct: number;
  /** Counted apart, never as understood: misses that are exactly one of our documented conventions. */
  conventions?: Partial<Record<Verdict, number>>;
}

const DUCKLING_ZONE = 'Etc/GMT+2';
const timings = new Map<string, number[]>();

function timedParse(text: string, language: string, now: Date, timeZone: string): WhenCandidate[] {
  const started = process.hrtime.bigint();
  const candidates = parseWhen(text, language, now, timeZone);
  const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
  const list = timings.get(language) ?? [];
  list.push(elapsed);
  timings.set(language, list);
  return candidates;
}

/** "2026-11-28T10:00:00.000-05:00" → "2026-11-28T10:00". */
function wallClock(iso: string | undefined): string | undefined {
  return iso?.slice(0, 16);
}

type Verdict = 'ok' | 'miss' | 'officeHours' | 'pastToday' | 'sameWeekday' | 'nextWeekday' | 'daysFromNow' | 'weekendDays';
const CONVENTIONS = ['officeHours', 'pastToday', 'sameWeekday', 'nextWeekday', 'daysFromNow', 'weekendDays'] as const;

/** Whether our first candidate is Duckling's reading, or differs from it only by one of our conventions. */
function ducklingVerdict(example: DucklingExample, candidates: WhenCandidate[], reference: DateTime): Verdict {
  const [first] = candidates;
  if (ducklingCorrect(example, first)) return 'ok';
  if (first && example.kind === 'interval') return isWeekendAsDays(example, first) ? 'weekendDays' : 'miss';
  if (!first || example.kind !== 'value') return 'miss';
  const grain: Record<string, WhenCandidate['precision']> = { day: 'day', hour: 'hour', minute: 'minute' };
  const expected = DateTime.fromISO(example.value.slice(0, 16), { zone: DUCKLING_ZONE });
  const ours = DateTime.fromISO(first.start, { zone: DUCKLING_ZONE });
  const samePrecision = first.precision === grain[example.grain];
  const isTime = example.grain !== 'day';
  const hours = ours.diff(expected, 'hours').hours;
  const insideOfficeHours = (t: DateTime): boolean => t.hour >= USUAL_OFFICE_HOURS.startHour && t.hour < USUAL_OFFICE_HOURS.endHour;
  if (samePrecision && isTime && Math.abs(hours) === 12 && insideOfficeHours(ours) && !insideOfficeHours(expected)) {
    const wanted = wallClock(expected.toISO() ?? '');
    if (candidates.some((c) => wallClock(c.start) === wanted)) return 'officeHours';
  }
  if (samePrecision && isTime && hours === 24 && expected < reference && expected.hasSame(reference, 'day')) return 'pastToday';
  if (samePrecision && hours === 24 * 7 && expected.hasSame(reference, 'day')) return 'sameWeekday';
  if (samePrecision && !isTime && hours === 24 * 7 && expected > reference && expected.hasSame(reference, 'week')) return 'nextWeekday';
  const dayOfDuckling = first.precision === 'day' && isTime && ours.hasSame(expected, 'day') && !expected.hasSame(reference, 'day');
  if (dayOfDuckling && expected.hour === reference.hour) return 'daysFromNow';
  return 'miss';
}

/** Duckling's weekend (Friday 18:00 to Monday 00:00) read by us as its Saturday and Sunday, as days. */
function isWeekendAsDays(example: DucklingExample, first: WhenCandidate): boolean {
  if (first.precision !== 'day' || example.end === undefined) return false;
  const from = DateTime.fromISO(example.value.slice(0, 16), { zone: DUCKLING_ZONE });
  const to = DateTime.fromISO(example.end.slice(0, 16), { zone: DUCKLING_ZONE });
  const isDucklingWeekend =
    from.weekday === 5 && from.hour === 18 && from.minute === 0 && to.weekday === 1 && to.equals(from.startOf('day').plus({ days: 3 }));
  if (!isDucklingWeekend) return false;
  const saturday = wallClock(from.startOf('day').plus({ days: 1 }).toISO() ?? '');
  return wallClock(first.start) === saturday && wallClock(first.end) === wallClock(to.toISO() ?? '');
}

function ducklingCorrect(example: DucklingExample, first: WhenCandidate | undefined): boolean {
  if (!first) return false;
  const start = wallClock(first.start) ?? '';
  const expected = example.value.slice(0, 16);
  if (example.kind === 'interval') {
    if (first.precision !== 'partOfDay' && first.precision !== 'hour') return false;
    const from = DateTime.fromISO(first.start, { setZone: true });
    const to = first.end ? DateTime.fromISO(first.end, { setZone: true }) : from.plus({ hours: 1 });
    const end = (example.end ?? example.value).slice(0, 16);
    return (wallClock(from.toISO() ?? '') ?? '') < end && (wallClock(to.toISO() ?? '') ?? '') > expected;
  }
  const grain: Record<string, WhenCandidate['precision']> = { day: 'day', hour: 'hour', minute: 'minute' };
  return start === expected && first.precision === grain[example.grain];
}

function benchDuckling(): Map<string, Score> | undefined {
  if (!existsSync(DUCKLING_PATH)) {
    process.stdout.write(`note: no Duckling corpus at ${DUCKLING_PATH} (set DUCKLING_CORPUS); skipping set (a)\n`);
    return undefined;
  }
  const file = JSON.parse(readFileSync(DUCKLING_PATH, 'utf8')) as DucklingFile;
  const scores = new Map<string, Score>();
  for (const [code, examples] of Object.entries(file.languages)) {
    const language = code.toLowerCase();
    if (!whenLanguages().includes(language) || !measured(language)) continue;
    const reference = file.referenceByLanguage[code]?.instant;
    if (!reference) continue;
    const referenceTime = DateTime.fromISO(reference, { zone: DUCKLING_ZONE });
    const now = referenceTime.toJSDate();
    const conventions: Partial<Record<Verdict, number>> = {};
    const score: Score = { n: 0, correct: 0, conventions };
    for (const example of examples) {
      const candidates = timedParse(example.text, language, now, DUCKLING_ZONE);
      const [first] = candidates;
      const verdict = ducklingVerdict(example, candidates, referenceTime);
      score.n++;
      if (verdict === 'ok') score.correct++;
      else if (verdict !== 'miss') conventions[verdict] = (conventions[verdict] ?? 0) + 1;
      if (verdict !== 'ok' && showMisses(language)) {
        const got = first ? `${wallClock(first.start)} ${first.precision}` : 'nothing';
        process.stdout.write(
          `  ${verdict === 'miss' ? 'miss' : `conv:${verdict}`} (a) ${language} "${example.text}": want ${example.value.slice(0, 16)} ${example.kind}/${example.grain}, got ${got}\n`,
        );
      }
    }
    scores.set(language, score);
  }
  return scores;
}

function benchProjectCorpus(): Map<string, Score> {
  const scores = new Map<string, Score>();
  if (!existsSync(CORPUS_DIR)) return scores;
  for (const name of readdirSync(CORPUS_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const file = JSON.parse(readFileSync(join(CORPUS_DIR, name), 'utf8')) as CorpusFile;
    if (!measured(file.language)) continue;
    const now = DateTime.fromISO(file.now, { zone: file.timeZone }).toJSDate();
    const score = { n: 0, correct: 0 };
    for (const testCase of file.cases) {
      const candidates = timedParse(testCase.text, file.language, now, file.timeZone);
      const [first] = candidates;
      const ok =
        testCase.start === null
          ? candidates.length === 0
          : first !== undefined &&
            wallClock(first.start) === testCase.start &&
            first.precision === testCase.precision &&
            (testCase.end === undefined || wallClock(first.end) === testCase.end);
      score.n++;
      if (ok) score.correct++;
      else if (showMisses(file.language)) {
        const got = first ? `${wallClock(first.start)} ${first.precision}` : 'nothing';
        process.stdout.write(
          `  miss (b) ${file.language} "${testCase.text}": want ${testCase.start} ${testCase.precision ?? ''}, got ${got}\n`,
        );
      }
    }
    scores.set(file.language, score);
  }
  return scores;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function cells(score: Score | undefined): string[] {
  if (!score) return ['-', '-', '-'];
  return [String(score.n), String(score.correct), `${((100 * score.correct) / score.n).toFixed(1)}%`];
}

function conventionCount(score: Score | undefined, kinds: ReadonlyArray<Verdict> = CONVENTIONS): number {
  return kinds.reduce((sum, kind) => sum + (score?.conventions?.[kind] ?? 0), 0);
}

function conventionCells(score: Score | undefined): string[] {
  if (!score) return ['-', '-'];
  const conventions = conventionCount(score);
  return [String(conventions), `${((100 * (score.correct + conventions)) / score.n).toFixed(1)}%`];
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  return rows.map((row) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ')).join('\n');
}

function main(): void {
  const started = Date.now();
  warmUpDateParsers(new Date('2026-11-27T14:00:00Z'));
  process.stdout.write(`warm-up of ${whenLanguages().length} languages: ${Date.now() - started} ms\n`);

  const duckling = benchDuckling();
  const project = benchProjectCorpus();

  const rows = [['lang', '(a) n', 'ok', '%', 'conv', '+conv %', '(b) n', 'ok', '%', 'median ms', 'p99 ms', 'max ms']];
  const all: number[] = [];
  for (const language of LANGUAGES.filter(measured)) {
    const times = [...(timings.get(language) ?? [])].sort((x, y) => x - y);
    all.push(...times);
    const hasParser = whenLanguages().includes(language);
    rows.push([
      hasParser ? language : `${language} (no parser)`,
      ...cells(duckling?.get(language)),
      ...conventionCells(duckling?.get(language)),
      ...cells(project.get(language)),
      times.length ? percentile(times, 50).toFixed(2) : '-',
      times.length ? percentile(times, 99).toFixed(2) : '-',
      times.length ? times[times.length - 1].toFixed(2) : '-',
    ]);
  }
  all.sort((x, y) => x - y);
  rows.push([
    'all',
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    percentile(all, 50).toFixed(2),
    percentile(all, 99).toFixed(2),
    all[all.length - 1].toFixed(2),
  ]);
  process.stdout.write(`${table(rows)}\n`);
  process.stdout.write('(a) Duckling examples (same start and grain; parts of day: overlapping on that day); (b) test/corpus/dates\n');
  const scores = [...(duckling?.values() ?? [])];
  const byKind = CONVENTIONS.map((kind) => `${kind} ${scores.reduce((sum, score) => sum + conventionCount(score, [kind]), 0)}`);
  process.stdout.write(`conv: (a) misses that are exactly one of our documented conventions, not counted in "%": ${byKind.join(', ')}\n`);
}

main();
