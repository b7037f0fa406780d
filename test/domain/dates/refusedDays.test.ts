import assert from 'node:assert/strict';
import { parseWhen, readWhen } from '../../../src/domain/dates/parseWhen';
import { understand } from '../../../src/domain/understanding';
import { at, wallClock, NY } from '../../support/timeFixtures';

/** Monday 7 December 2026, 10:00 in New York: Thursday is the 10th, Friday the 11th. */
const NOW = at('2026-12-07T10:00', NY);

/** "I can't (do) Thursday, maybe Friday" as people write it in each language. */
const REFUSED_THURSDAY: ReadonlyArray<[language: string, text: string]> = [
  ['pl', 'nie dam rady w czwartek, moze w piatek'],
  ['pl', 'w czwartek nie mogę ale w piątek tak'],
  ['en', "I can't do Thursday, maybe Friday"],
  ['en', 'cant make it thursday but friday works'],
  ['es', 'no puedo el jueves, quizás el viernes'],
  ['fr', 'je ne peux pas jeudi, peut-être vendredi'],
  ['pt', 'não posso na quinta, talvez na sexta'],
  ['ru', 'в четверг не могу, может в пятницу'],
  ['eo', 'mi ne povas je ĵaŭdo, eble vendredon'],
  ['ht', 'm pa ka jedi, petèt vandredi'],
  ['tl', 'hindi ako pwede sa huwebes, baka biyernes'],
  ['vi', 'thứ năm không được, thứ sáu được'],
  ['zh', '星期四不行，星期五可以'],
  ['ko', '목요일은 안 돼요, 금요일은 괜찮아요'],
  ['ar', 'الخميس ما اقدر، ممكن الجمعة'],
];

describe('parseWhen — a day the person cannot come is not the day wanted', () => {
  for (const [language, text] of REFUSED_THURSDAY) {
    it(`${language}: "${text}" → Friday, Thursday no longer among the readings`, () => {
      const candidates = parseWhen(text, language, NOW, NY);
      assert.equal(wallClock(candidates[0]?.start), '2026-12-11T00:00');
      assert.ok(!candidates.some((c) => c.start.startsWith('2026-12-10')), JSON.stringify(candidates));
    });
  }

  it('the understanding takes Friday too, at the date question and in a first message', () => {
    for (const expecting of ['when', undefined] as const) {
      const u = understand('nie dam rady w czwartek, moze w piatek', 'pl', { expecting, now: NOW, timeZone: NY });
      assert.deepEqual(u.entities.when, { date: '2026-12-11' });
    }
    const atQuestion = understand("I can't do Thursday, maybe Friday", 'en', { expecting: 'when', now: NOW, timeZone: NY });
    assert.equal(wallClock(atQuestion.dates?.candidates[0]?.start), '2026-12-11T00:00');
  });

  it('the words of the refusal are no date cut short: the day is read back, not asked about', () => {
    assert.equal(readWhen('nie dam rady w czwartek, moze w piatek', 'pl', NOW, NY).status, 'partial');
    assert.equal(readWhen('je ne peux pas jeudi, peut-être vendredi', 'fr', NOW, NY).status, 'partial');
  });

  it('a refused day with no other offered stays the day said (the dialog reads it back)', () => {
    assert.equal(wallClock(parseWhen("I can't do Thursday", 'en', NOW, NY)[0]?.start), '2026-12-10T00:00');
    assert.equal(wallClock(parseWhen('nie mogę w czwartek', 'pl', NOW, NY)[0]?.start), '2026-12-10T00:00');
  });

  it('only what is refused goes: the morning of a day, or one time', () => {
    const afternoon = parseWhen('nie mogę w czwartek rano, w czwartek po południu tak', 'pl', NOW, NY);
    assert.deepEqual(
      afternoon.map((c) => [wallClock(c.start), c.precision]),
      [['2026-12-10T12:00', 'partOfDay']],
    );
    assert.equal(wallClock(parseWhen('no puedo el jueves a las 9, mejor el jueves a las 11', 'es', NOW, NY)[0]?.start), '2026-12-10T11:00');
    assert.equal(wallClock(parseWhen("can't do thursday at 9, thursday at 11 works", 'en', NOW, NY)[0]?.start), '2026-12-10T11:00');
  });

  it('a refusal that names no day leaves the days alone', () => {
    assert.equal(wallClock(parseWhen("I can't wait, thursday please", 'en', NOW, NY)[0]?.start), '2026-12-10T00:00');
    assert.equal(wallClock(parseWhen('nie mogę się doczekać, czwartek', 'pl', NOW, NY)[0]?.start), '2026-12-10T00:00');
  });
});
