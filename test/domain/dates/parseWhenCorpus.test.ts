import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { parseWhen, type WhenCandidate } from '../../../src/domain/dates/parseWhen';
import { projectRoot } from '../../../src/domain/projectPaths';

/** Every test/corpus/dates/<language>.json present (format: test/corpus/dates/README.md). */
const CORPUS_DIR = join(projectRoot(), 'test', 'corpus', 'dates');
const PRECISIONS: ReadonlyArray<WhenCandidate['precision']> = ['day', 'partOfDay', 'hour', 'minute'];
const WALL_CLOCK = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

interface CorpusCase {
  text: string;
  start: string | null;
  precision?: WhenCandidate['precision'];
  end?: string;
  note?: string;
}

interface CorpusFile {
  language: string;
  now: string;
  timeZone: string;
  cases: CorpusCase[];
}

function corpusFiles(): string[] {
  if (!existsSync(CORPUS_DIR)) return [];
  return readdirSync(CORPUS_DIR)
    .filter((name) => name.endsWith('.json'))
    .sort();
}

/** "2026-11-28T10:00:00.000-05:00" → "2026-11-28T10:00". */
function wallClock(iso: string | undefined): string | undefined {
  return iso?.slice(0, 16);
}

describe('parseWhen — the project corpus (test/corpus/dates)', () => {
  it('has a corpus of at least 30 phrases for each of en, es, fr, zh, ru, pt, ar, vi', () => {
    for (const language of ['en', 'es', 'fr', 'zh', 'ru', 'pt', 'ar', 'vi']) {
      const path = join(CORPUS_DIR, `${language}.json`);
      assert.ok(existsSync(path), path);
      const file = JSON.parse(readFileSync(path, 'utf8')) as CorpusFile;
      assert.ok(file.cases.length >= 30, `${language}: ${file.cases.length} phrases`);
    }
  });

  for (const name of corpusFiles()) {
    const file = JSON.parse(readFileSync(join(CORPUS_DIR, name), 'utf8')) as CorpusFile;

    describe(`${name} (now ${file.now} ${file.timeZone})`, () => {
      it('is well formed', () => {
        assert.equal(`${file.language}.json`, name);
        assert.match(file.now, WALL_CLOCK);
        assert.ok(DateTime.now().setZone(file.timeZone).isValid, file.timeZone);
        for (const testCase of file.cases) {
          if (testCase.start === null) continue;
          assert.match(testCase.start, WALL_CLOCK, testCase.text);
          assert.ok(testCase.precision && PRECISIONS.includes(testCase.precision), testCase.text);
          if (testCase.end !== undefined) assert.match(testCase.end, WALL_CLOCK, testCase.text);
        }
      });

      const now = DateTime.fromISO(file.now, { zone: file.timeZone }).toJSDate();
      for (const testCase of file.cases) {
        const expected = testCase.start === null ? 'nothing' : `${testCase.start} (${testCase.precision})`;
        it(`"${testCase.text}" → ${expected}`, () => {
          const candidates = parseWhen(testCase.text, file.language, now, file.timeZone);
          if (testCase.start === null) {
            assert.deepEqual(candidates, []);
            return;
          }
          const [first] = candidates;
          assert.ok(first, `no reading for "${testCase.text}"`);
          assert.equal(wallClock(first.start), testCase.start);
          assert.equal(first.precision, testCase.precision);
          assert.equal(first.past, false);
          if (testCase.end !== undefined) assert.equal(wallClock(first.end), testCase.end);
        });
      }
    });
  }
});
