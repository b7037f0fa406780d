import assert from 'node:assert/strict';
import { parseWhen } from '../../../src/domain/dates/parseWhen';
import { at, wallClock, NY } from '../../support/timeFixtures';

/** Monday 7 December 2026, 10:00 in New York. */
const NOW = at('2026-12-07T10:00', NY);

function starts(text: string, language: string): Array<string | undefined> {
  return parseWhen(text, language, NOW, NY)
    .filter((c) => !c.past)
    .map((c) => wallClock(c.start));
}

describe('parseWhen — a morning clock written with its minutes is not also the evening', () => {
  const asWritten: ReadonlyArray<[language: string, text: string]> = [
    ['fr', 'mardi 15 décembre 2026, 8:00'],
    ['pl', 'wtorek, 15 grudnia 2026, 8:00'],
    ['ru', 'вторник, 15 декабря 2026 г., 8:00'],
    ['pt', 'terça-feira, 15 de dezembro de 2026, 8:00'],
    ['eo', 'mardo, la 15-a de decembro 2026, 8:00'],
    ['ht', 'madi 15 desanm 2026, 8:00'],
    ['zh', '2026年12月15日星期二 8:00'],
    ['en', 'december 15 at 8:00'],
  ];
  for (const [language, text] of asWritten) {
    it(`${language}: "${text}" is 08:00 only`, () => {
      assert.deepEqual(starts(text, language), ['2026-12-15T08:00']);
    });
  }

  it('the evening said stays: "8:00 pm", "20:00", and both when both are written', () => {
    assert.deepEqual(starts('december 15 at 8:00 pm', 'en'), ['2026-12-15T20:00']);
    assert.deepEqual(starts('15 grudnia o 20:00', 'pl'), ['2026-12-15T20:00']);
    assert.ok(starts('december 15 at 8:00 or 20:00', 'en').includes('2026-12-15T20:00'));
  });

  it('an hour without minutes, or an afternoon one, keeps both halves of the day', () => {
    assert.deepEqual(starts('15 décembre à 8h', 'fr'), ['2026-12-15T08:00', '2026-12-15T20:00']);
    assert.deepEqual(starts('15 grudnia 3:30', 'pl'), ['2026-12-15T15:30', '2026-12-15T03:30']);
  });
});
