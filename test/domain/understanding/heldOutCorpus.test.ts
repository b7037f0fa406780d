import assert from 'node:assert/strict';
import path from 'node:path';
import { understand } from '../../../src/domain/understanding';
import {
  addToScore,
  contextOf,
  emptyScore,
  entityF1,
  GOALS,
  intentAccuracy,
  readCorpora,
} from '../../../src/domain/understanding/evaluation';

const CORPORA = path.join(__dirname, '../../corpus');

/**
 * The goals of issue 21 on the corpora the understanding is measured on: test/corpus/nlu-heldout/ (the
 * held-out corpus: written blind, never read for errors), test/corpus/nlu/ (written apart from the
 * understanding's data, 13 languages, since read as a development corpus) and the development corpora
 * (test/corpus/nlu-dev4/: six languages; test/corpus/nlu-dev5/: ar, eo and pl; test/corpus/nlu-dev6/: pl;
 * each written blind before the fixes it called for). Every language meets them on every one; CI fails when
 * one drops below. Time is
 * measured by npm run bench:nlu, not here (a test machine's timings are noise).
 */
for (const [dir, languages] of [
  ['nlu-heldout', 13],
  ['nlu', 13],
  ['nlu-dev', 13],
  ['nlu-dev2', 13],
  ['nlu-dev4', 6],
  ['nlu-dev5', 3],
  ['nlu-dev6', 1],
] as const) {
  describe(`understanding on test/corpus/${dir}`, () => {
    const corpora = readCorpora(path.join(CORPORA, dir));

    it(`has a corpus for each of the ${languages} languages`, () => {
      assert.equal(corpora.length, languages);
    });

    for (const { corpus } of corpora) {
      const { intentAccuracy: minAccuracy, entityF1: minF1 } = GOALS;
      it(`${corpus.language}: intent accuracy ≥ ${minAccuracy * 100}% and entity F1 ≥ ${minF1 * 100}%`, () => {
        const score = emptyScore();
        for (const u of corpus.utterances) addToScore(score, u, understand(u.text, corpus.language, contextOf(corpus, u)));
        const accuracy = intentAccuracy(score);
        const f1 = entityF1(score);
        assert.ok(accuracy >= minAccuracy, `${corpus.language} intent accuracy ${(accuracy * 100).toFixed(1)}%`);
        assert.ok(f1 >= minF1, `${corpus.language} entity F1 ${(f1 * 100).toFixed(1)}%`);
      });
    }
  });
}
