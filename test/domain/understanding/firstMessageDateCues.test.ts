/**
 * A first message is read for the day it names when the date parser reads one in it: misspelt or
 * short weekdays ("wensday", "sab", "chua nhat", "الجمعه"), French weekdays in Haitian Creole, and
 * "in two weeks" in every language; a weekday or month name the parser reads is a cue without being listed.
 */
import assert from 'node:assert/strict';
import { understand } from '../../../src/domain/understanding';
import { warmUpDateParsers } from '../../../src/domain/dates/parseWhen';

/** Tuesday 1 December 2026, 09:00 in New York. */
const NOW = new Date('2026-12-01T14:00:00Z');
const ZONE = 'America/New_York';
const WEDNESDAY = '2026-12-02';
const FRIDAY = '2026-12-04';
const SATURDAY = '2026-12-05';
const SUNDAY = '2026-12-06';
const NEXT_TUESDAY = '2026-12-08';
const IN_TWO_WEEKS = '2026-12-15';

const CASES: ReadonlyArray<readonly [language: string, text: string, date: string]> = [
  ['en', 'i need an appointment wensday', WEDNESDAY],
  ['pt', 'quero marcar para sab', SATURDAY],
  ['vi', 'toi muon dat hen chua nhat', SUNDAY],
  ['ht', 'mwen vle yon randevou mardi prochain', NEXT_TUESDAY],
  ['ar', 'أريد موعد يوم الجمعه', FRIDAY],
  ['en', 'i need an appointment in two weeks', IN_TWO_WEEKS],
  ['es', 'quiero una cita en dos semanas', IN_TWO_WEEKS],
  ['fr', 'je voudrais un rendez-vous dans deux semaines', IN_TWO_WEEKS],
  ['pt', 'quero marcar daqui a duas semanas', IN_TWO_WEEKS],
  ['pl', 'chcę umówić wizytę za dwa tygodnie', IN_TWO_WEEKS],
  ['ru', 'хочу записаться через две недели', IN_TWO_WEEKS],
  ['vi', 'toi muon dat hen hai tuan nua', IN_TWO_WEEKS],
  ['eo', 'mi volas rendevuon post du semajnoj', IN_TWO_WEEKS],
  ['zh', '我想两周后预约', IN_TWO_WEEKS],
  ['ar', 'أريد موعد بعد أسبوعين', IN_TWO_WEEKS],
  ['ht', 'mwen bezwen yon randevou nan de semèn', IN_TWO_WEEKS],
];

describe('first-message date cues: what the date parser reads, a first message reads (understand)', () => {
  before(function () {
    this.timeout(60_000);
    warmUpDateParsers(NOW);
  });

  for (const [language, text, date] of CASES) {
    it(`${language}: "${text}" books for ${date}`, () => {
      const u = understand(text, language, { now: NOW, timeZone: ZONE });
      assert.equal(u.intent, 'book');
      assert.deepEqual(u.entities.when, { date });
    });
  }

  it('a weekday name the parser reads is a cue in every language, listed or not (tl "Miyerkules", pl "środa", eo "merkredo")', () => {
    for (const [language, text] of [
      ['tl', 'gusto ko ng appointment sa Miyerkules'],
      ['pl', 'chcę wizytę w środę'],
      ['eo', 'mi volas rendevuon merkredon'],
      ['es', 'quiero una cita el miércoles'],
    ] as const) {
      assert.deepEqual(understand(text, language, { now: NOW, timeZone: ZONE }).entities.when, { date: WEDNESDAY }, `${language}: ${text}`);
    }
  });

  it('a message naming no day reads none (ht "me" and "out" are other words too, and no cue)', () => {
    assert.equal(understand('mwen vle yon randevou, me kat vèt mwen an', 'ht', { now: NOW, timeZone: ZONE }).entities.when, undefined);
    assert.equal(understand('i need an appointment for my green card', 'en', { now: NOW, timeZone: ZONE }).entities.when, undefined);
  });
});
