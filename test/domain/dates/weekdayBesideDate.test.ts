import assert from 'node:assert/strict';
import { parseWhen } from '../../../src/domain/dates/parseWhen';
import { at, wallClock, NY } from '../../support/timeFixtures';

/** Monday 7 December 2026, 10:00 in New York: the coming Tuesday is the 8th; "Tuesday 15 December" a week later. */
const NOW = at('2026-12-07T10:00', NY);

describe('parseWhen — a weekday beside the date it falls on names that date, not the coming weekday', () => {
  const cases: ReadonlyArray<[language: string, text: string, start: string]> = [
    ['ar', 'الثلاثاء، 15 ديسمبر 2026', '2026-12-15T00:00'],
    ['ar', 'الثلاثاء، 15 ديسمبر 2026، 8:00 ص', '2026-12-15T08:00'],
    ['ar', 'الخميس، 17 ديسمبر، 2:30 م', '2026-12-17T14:30'],
    ['pt', 'terça-feira, dia 15 de dezembro às 8:00', '2026-12-15T08:00'],
    ['pt', 'quarta às 14h dia 16', '2026-12-16T14:00'],
  ];
  for (const [language, text, start] of cases) {
    it(`${language}: "${text}" → ${start}, and no reading on the coming weekday`, () => {
      const candidates = parseWhen(text, language, NOW, NY).filter((c) => !c.past);
      assert.equal(wallClock(candidates[0]?.start), start);
      assert.ok(
        candidates.every((c) => c.start.slice(0, 10) === start.slice(0, 10)),
        JSON.stringify(candidates),
      );
    });
  }

  it('Arabic punctuation separates as Latin does: "؟" and "،" end a phrase', () => {
    assert.equal(wallClock(parseWhen('ممكن الخميس؟', 'ar', NOW, NY)[0]?.start), '2026-12-10T00:00');
  });
});
