import assert from 'node:assert/strict';
import { parseWhen } from '../../../src/domain/dates/parseWhen';
import { understand } from '../../../src/domain/understanding';
import { at, wallClock, NY } from '../../support/timeFixtures';

/** "next Wednesday" in each language that has the phrase: the Wednesday of next week, as English reads it. */
const NEXT_WEDNESDAY: ReadonlyArray<[language: string, text: string]> = [
  ['en', 'next wednesday'],
  ['es', 'el próximo miércoles'],
  ['fr', 'mercredi prochain'],
  ['fr', 'le prochain mercredi'],
  ['pt', 'na próxima quarta'],
  ['ru', 'в следующую среду'],
  ['ru', 'следующая среда'],
  ['pl', 'przyszła środa'],
  ['pl', 'w przyszłą środę'],
  ['pl', 'w następną środę'],
  ['eo', 'venontan merkredon'],
  ['eo', 'venonta merkredo'],
  ['ht', 'pwochen mèkredi'],
  ['tl', 'sa susunod na miyerkules'],
  ['ko', '다음 수요일'],
  ['zh', '下周三'],
  ['ar', 'الأربعاء القادم'],
];

/** Words that say "the coming one", not "next": this week's Wednesday while it is ahead. */
const COMING_WEDNESDAY: ReadonlyArray<[language: string, text: string]> = [
  ['ht', 'mèkredi k ap vini'],
  ['tl', 'sa darating na miyerkules'],
  ['ko', '오는 수요일'],
  ['vi', 'thứ tư tới'],
  ['pl', 'w najbliższą środę'],
  ['en', 'wednesday'],
];

describe('parseWhen — "next <weekday>" is that weekday of next week in every language, as in English', () => {
  const days: ReadonlyArray<[said: string, now: Date, next: string, coming: string]> = [
    ['on a Monday', at('2026-12-07T10:00', NY), '2026-12-16T00:00', '2026-12-09T00:00'],
    ['on a Saturday', at('2026-12-12T10:00', NY), '2026-12-16T00:00', '2026-12-16T00:00'],
    ['on a Wednesday', at('2026-12-09T10:00', NY), '2026-12-16T00:00', '2026-12-16T00:00'],
  ];
  for (const [said, now, next, coming] of days) {
    describe(said, () => {
      for (const [language, text] of NEXT_WEDNESDAY) {
        it(`${language}: "${text}" → ${next}`, () => {
          assert.equal(wallClock(parseWhen(text, language, now, NY)[0]?.start), next);
        });
      }
      for (const [language, text] of COMING_WEDNESDAY) {
        it(`${language}: "${text}" (the coming one) → ${coming}`, () => {
          assert.equal(wallClock(parseWhen(text, language, now, NY)[0]?.start), coming);
        });
      }
    });
  }

  it('with a time, and in what the understanding takes', () => {
    const monday = at('2026-12-07T10:00', NY);
    assert.equal(wallClock(parseWhen('w przyszłą środę o 10', 'pl', monday, NY)[0]?.start), '2026-12-16T10:00');
    assert.equal(wallClock(parseWhen('venontan merkredon je la 10a', 'eo', monday, NY)[0]?.start), '2026-12-16T10:00');
    assert.equal(wallClock(parseWhen('na próxima quarta às 15h', 'pt', monday, NY)[0]?.start), '2026-12-16T15:00');
    const u = understand('chciałbym wizytę w przyszłą środę rano', 'pl', { now: monday, timeZone: NY });
    assert.deepEqual(u.entities.when, { date: '2026-12-16', partOfDay: 'morning' });
  });
});
