import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { parseWhen } from '../../../src/domain/dates/parseWhen';
import { projectRoot } from '../../../src/domain/projectPaths';

/** The corpus files of the languages with our own grammar (format: test/corpus/dates/README.md). */
const GRAMMAR_LANGUAGES = ['ko', 'pl', 'tl', 'eo', 'ht'] as const;

interface CorpusCase {
  text: string;
  start: string | null;
  precision?: string;
  end?: string;
}

interface Corpus {
  language: string;
  now: string;
  timeZone: string;
  cases: CorpusCase[];
}

function readCorpus(language: string): Corpus {
  return JSON.parse(readFileSync(join(projectRoot(), 'test', 'corpus', 'dates', `${language}.json`), 'utf8')) as Corpus;
}

function local(iso: string | undefined): string | undefined {
  return iso?.slice(0, 16);
}

for (const language of GRAMMAR_LANGUAGES) {
  const corpus = readCorpus(language);
  const now = DateTime.fromISO(corpus.now, { zone: corpus.timeZone }).toJSDate();

  describe(`date grammar corpus — ${language} (now ${corpus.now} ${corpus.timeZone})`, () => {
    it('holds at least 30 phrases, among them some that name no date', () => {
      assert.equal(corpus.language, language);
      assert.ok(corpus.cases.length >= 30, `${corpus.cases.length} phrases`);
      assert.ok(corpus.cases.some((c) => c.start === null));
    });

    for (const c of corpus.cases) {
      it(`"${c.text}" → ${c.start ?? 'nothing'}${c.precision ? ` (${c.precision})` : ''}`, () => {
        const candidates = parseWhen(c.text, language, now, corpus.timeZone);
        if (c.start === null) {
          assert.deepEqual(candidates, []);
          return;
        }
        const [first] = candidates;
        assert.ok(first, 'no reading');
        assert.equal(local(first.start), c.start);
        assert.equal(first.precision, c.precision);
        if (c.end !== undefined) assert.equal(local(first.end), c.end);
      });
    }
  });
}
