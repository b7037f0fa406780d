import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { parseDateWordsFile } from '../../../src/domain/dates/dateWords';
import { parseWhen, readWhen, type WhenCandidate, type WhenStatus } from '../../../src/domain/dates/parseWhen';
import { isDateLike } from '../../../src/domain/dates/unread';
import { LANGUAGES } from '../../../src/domain/languages';
import { projectRoot } from '../../../src/domain/projectPaths';
import { at, wallClock, NY } from '../../support/timeFixtures';

/** Tuesday 1 December 2026, 09:00 in New York. */
const NOW = at('2026-12-01T09:00', NY);

type Row = [language: string, phrase: string, start: string, precision: WhenCandidate['precision']];

/** The first candidate is `start`, and every word was read (filler words aside). */
function checkRead(rows: readonly Row[]): void {
  for (const [language, phrase, start, precision] of rows) {
    it(`${language} "${phrase}" → ${start} (${precision}), every word read`, () => {
      const reading = readWhen(phrase, language, NOW, NY);
      const [first] = reading.candidates;
      assert.ok(first, `no reading for "${phrase}"`);
      assert.equal(wallClock(first.start), start);
      assert.equal(first.precision, precision);
      assert.deepEqual(reading.unread, [], `unread: ${reading.unread.join(', ')}`);
      assert.equal(reading.status, 'complete');
    });
  }
}

describe('readWhen — the misreadings of issue 21 (now Tue 2026-12-01 09:00 New York)', () => {
  checkRead([
    // Was Wednesday 08:30 (or, on a Friday, Saturday): "tues" was dropped and 8:30 read as the next 8:30.
    ['en', 'tues 8:30', '2026-12-08T08:30', 'minute'],
    ['en', 'tues 10:30', '2026-12-01T10:30', 'minute'],
    // Was today 13:00 whatever the date: "1ye" (premye, the 1st) was dropped, and "desanm" with it.
    ['ht', '1ye desanm a 1è', '2026-12-01T13:00', 'hour'],
    ['ht', '1ye janvye a 1è', '2027-01-01T13:00', 'hour'],
    ['ht', '1ye janvye', '2027-01-01T00:00', 'day'],
    // Was today 10:00: "mñn" (mañana) was dropped.
    ['es', 'mñn a las 10', '2026-12-02T10:00', 'hour'],
    ['es', 'mnn a las 10', '2026-12-02T10:00', 'hour'],
    ['es', 'mñana a las 10', '2026-12-02T10:00', 'hour'],
    // Was the day only: the time after a weekday with no "às" was dropped ("quarta 15:30" was today 15:30).
    ['pt', 'quarta 15h30', '2026-12-02T15:30', 'minute'],
    ['pt', 'quarta 15:30', '2026-12-02T15:30', 'minute'],
    ['pt', 'quarta-feira 15h30', '2026-12-02T15:30', 'minute'],
    ['pt', 'quarta feira 15h30', '2026-12-02T15:30', 'minute'],
    ['pt', 'sexta 9h', '2026-12-04T09:00', 'hour'],
    ['pt', 'qua 10h', '2026-12-02T10:00', 'hour'],
  ]);

  // A year after the day and month is read however the month is typed: without accents ("thang"), with
  // "nam" (năm) or a comma, the month in words; in Esperanto after a comma too ("la 15-an de decembro, 2027").
  // Next year's 15 December, so a year dropped (this year's) cannot pass.
  describe('the year of a date, typed without accents or after a comma', () =>
    checkRead([
      ['vi', '15 thang 12, 2027', '2027-12-15T00:00', 'day'],
      ['vi', '15 thang 12 2027', '2027-12-15T00:00', 'day'],
      ['vi', '15 thang 12 nam 2027', '2027-12-15T00:00', 'day'],
      ['vi', 'ngay 15 THANG 12, 2027', '2027-12-15T00:00', 'day'],
      ['vi', '15 tháng mười hai, 2027', '2027-12-15T00:00', 'day'],
      ['vi', '15 tháng 12, 2027', '2027-12-15T00:00', 'day'],
      ['vi', '15 thang 12, 2026', '2026-12-15T00:00', 'day'],
      ['eo', 'la 15-an de decembro, 2027', '2027-12-15T00:00', 'day'],
      ['eo', 'la dekkvina de decembro, 2027', '2027-12-15T00:00', 'day'],
      ['eo', 'la 15-an de decembro 2027', '2027-12-15T00:00', 'day'],
    ]));
});

describe('readWhen — short forms people type on phones (now Tue 2026-12-01 09:00 New York)', () => {
  describe('English', () =>
    checkRead([
      ['en', 'mon 9am', '2026-12-07T09:00', 'hour'],
      ['en', 'tue 8:30', '2026-12-08T08:30', 'minute'],
      ['en', 'tues', '2026-12-08T00:00', 'day'],
      ['en', 'wed 3pm', '2026-12-02T15:00', 'hour'],
      ['en', 'weds at 3pm', '2026-12-02T15:00', 'hour'],
      ['en', 'thu 10am', '2026-12-03T10:00', 'hour'],
      ['en', 'thur 10am', '2026-12-03T10:00', 'hour'],
      ['en', 'thurs at 10', '2026-12-03T10:00', 'hour'],
      ['en', 'fri 2pm', '2026-12-04T14:00', 'hour'],
      ['en', 'sat morning', '2026-12-05T08:00', 'partOfDay'],
      ['en', 'nxt tues', '2026-12-08T00:00', 'day'],
      ['en', '2moro @ 10', '2026-12-02T10:00', 'hour'],
      ['en', 'tmrw aftn', '2026-12-02T12:00', 'partOfDay'],
      ['en', 'I want tues at 11 please', '2026-12-01T11:00', 'hour'],
    ]));
  describe('Spanish', () =>
    checkRead([
      ['es', 'lun a las 10', '2026-12-07T10:00', 'hour'],
      ['es', 'mie a las 10', '2026-12-02T10:00', 'hour'],
      ['es', 'jue a las 10', '2026-12-03T10:00', 'hour'],
      ['es', 'vie a las 10', '2026-12-04T10:00', 'hour'],
      ['es', 'mñn x la tarde', '2026-12-02T12:00', 'partOfDay'],
      ['es', 'a ls 10', '2026-12-01T10:00', 'hour'],
      ['es', 'el miercoles q viene', '2026-12-09T00:00', 'day'],
      ['es', 'quiero el jue a las 10 por favor', '2026-12-03T10:00', 'hour'],
    ]));
  describe('Portuguese', () =>
    checkRead([
      ['pt', 'seg 10h', '2026-12-07T10:00', 'hour'],
      ['pt', 'qui 10h', '2026-12-03T10:00', 'hour'],
      ['pt', 'sex 10h', '2026-12-04T10:00', 'hour'],
      ['pt', 'amn 10h', '2026-12-02T10:00', 'hour'],
      ['pt', 'hj 15h', '2026-12-01T15:00', 'hour'],
      ['pt', '2ª feira às 10h', '2026-12-07T10:00', 'hour'],
      ['pt', '4ª-feira 15h', '2026-12-02T15:00', 'hour'],
      ['pt', '4a 15h', '2026-12-02T15:00', 'hour'],
      ['pt', 'quarta q vem', '2026-12-09T00:00', 'day'],
      ['pt', 'próxima terça feira', '2026-12-08T00:00', 'day'],
      // "ter" the verb is not Tuesday's short form.
      ['pt', 'posso ter uma consulta na quarta', '2026-12-02T00:00', 'day'],
      ['pt', 'ter de manhã', '2026-12-01T08:00', 'partOfDay'],
    ]));
  describe('French', () =>
    checkRead([
      ['fr', 'lun 10h', '2026-12-07T10:00', 'hour'],
      ['fr', 'mer 10h', '2026-12-02T10:00', 'hour'],
      ['fr', 'jeu 10h', '2026-12-03T10:00', 'hour'],
      ['fr', 'ven 10h', '2026-12-04T10:00', 'hour'],
      ['fr', 'dem 10h', '2026-12-02T10:00', 'hour'],
      ['fr', 'dem matin', '2026-12-02T08:00', 'partOfDay'],
      ['fr', 'ajd 15h', '2026-12-01T15:00', 'hour'],
      ['fr', 'demain apres-midi', '2026-12-02T12:00', 'partOfDay'],
      ['fr', 'demain apres midi', '2026-12-02T12:00', 'partOfDay'],
    ]));
  describe('Vietnamese without diacritics', () =>
    checkRead([
      ['vi', 'ngay mai luc 10 gio', '2026-12-02T10:00', 'hour'],
      ['vi', 'thu ba 9 gio sang', '2026-12-01T09:00', 'hour'],
      ['vi', 'chieu thu 5 tuan sau', '2026-12-10T12:00', 'partOfDay'],
      ['vi', 'cn 10h', '2026-12-06T10:00', 'hour'],
      ['vi', 'th2 10h', '2026-12-07T10:00', 'hour'],
      ['vi', 'hnay 3h chieu', '2026-12-01T15:00', 'hour'],
      ['vi', 'toi nay', '2026-12-01T17:00', 'partOfDay'],
      // "toi" is "tôi" (I) before a verb: it made 10 o'clock 22:00 ("tối", evening).
      ['vi', 'toi muon hen ngay mai luc 10 gio', '2026-12-02T10:00', 'hour'],
      ['vi', '8 gio toi', '2026-12-01T20:00', 'hour'],
    ]));
  describe('Tagalog, Haitian Creole, Esperanto, Korean, Russian', () =>
    checkRead([
      ['tl', 'bkas ng 10', '2026-12-02T10:00', 'hour'],
      ['tl', 'bks ng 10am', '2026-12-02T10:00', 'hour'],
      ['tl', 'lun ng 10', '2026-12-07T10:00', 'hour'],
      ['tl', 'miy ng 10', '2026-12-02T10:00', 'hour'],
      ['tl', 'mamya ng 3pm', '2026-12-01T15:00', 'hour'],
      ['ht', 'mad a 10è', '2026-12-01T10:00', 'hour'],
      ['ht', 'mkredi a 10è', '2026-12-02T10:00', 'hour'],
      ['ht', 'dmen maten', '2026-12-02T08:00', 'partOfDay'],
      ['eo', 'lu je la 10a', '2026-12-07T10:00', 'hour'],
      ['eo', 'ĵa je la 10a', '2026-12-03T10:00', 'hour'],
      ['ko', '화 10시', '2026-12-01T10:00', 'hour'],
      ['ko', '목 오후 2시', '2026-12-03T14:00', 'hour'],
      ['ru', 'седня в 3', '2026-12-01T15:00', 'hour'],
      ['ru', 'в 3 часа пополудни', '2026-12-01T15:00', 'hour'],
    ]));
});

describe('readWhen — local phrasing the second development corpus found misread (now Tue 2026-12-01 09:00 New York)', () => {
  describe('Arabic: spoken words, and prepositions glued to them', () =>
    checkRead([
      // Was the day only: "الصبح" (the morning, as it is said) was not read.
      ['ar', 'بكرة الصبح', '2026-12-02T08:00', 'partOfDay'],
      ['ar', 'الخميس بالصبح', '2026-12-03T08:00', 'partOfDay'],
      ['ar', 'بكرة المسا', '2026-12-02T17:00', 'partOfDay'],
      // Was nothing: "الاتنين" is Monday as it is said (ث said ت), "التلات" Tuesday.
      ['ar', 'يوم الاتنين', '2026-12-07T00:00', 'day'],
      ['ar', 'التلات الجاي', '2026-12-08T00:00', 'day'],
      // Was tomorrow: "لبعد بكرة" (to the day after tomorrow) lost its "بعد" to the glued "ل".
      ['ar', 'لبعد بكرة', '2026-12-03T00:00', 'day'],
      // Was today's afternoon: "لبكرة" (to tomorrow) was not read.
      ['ar', 'لبكرة العصر', '2026-12-02T12:00', 'partOfDay'],
      ['ar', 'للخميس الساعة 10', '2026-12-03T10:00', 'hour'],
      ['ar', 'بعد الضهر', '2026-12-01T12:00', 'partOfDay'],
      ['ar', 'يوم الحد الساعة 10', '2026-12-06T10:00', 'hour'],
      // Was nothing: spoken numbers after "الساعة".
      ['ar', 'بكرة الساعة تلاتة العصر', '2026-12-02T15:00', 'hour'],
      ['ar', 'الساعة حداشر الصبح', '2026-12-01T11:00', 'hour'],
      ['ar', 'الساعة 3 وتلت', '2026-12-01T15:20', 'minute'],
    ]));
  describe('Portuguese and French: early, late in the morning, early in the afternoon', () =>
    checkRead([
      // Were the day only.
      ['pt', 'amanha cedo', '2026-12-02T08:00', 'partOfDay'],
      ['pt', 'quinta bem cedo', '2026-12-03T08:00', 'partOfDay'],
      ['pt', 'amanhã de manhã cedo', '2026-12-02T08:00', 'partOfDay'],
      ['fr', 'vendredi en fin de matinee', '2026-12-04T08:00', 'partOfDay'],
      ['fr', 'demain en matinée', '2026-12-02T08:00', 'partOfDay'],
      ['fr', "jeudi en debut d'aprem", '2026-12-03T12:00', 'partOfDay'],
      ['fr', 'lundi de bonne heure', '2026-12-07T08:00', 'partOfDay'],
    ]));
  describe('Vietnamese: "sang" and "qua" are also "to"', () =>
    checkRead([
      // Was Monday morning: "sang" after "đổi" is "to", not "sáng" (morning).
      ['vi', 'doi hen sang thu 2', '2026-12-07T00:00', 'day'],
      ['vi', 'dời hẹn sang thứ sáu', '2026-12-04T00:00', 'day'],
      ['vi', 'chuyen sang ngay mai', '2026-12-02T00:00', 'day'],
      ['vi', 'doi sang chieu thu 5', '2026-12-03T12:00', 'partOfDay'],
      // Was the day before yesterday: "qua" before a date is "to", not "hôm qua" (yesterday).
      ['vi', 'doi lich qua ngay mot', '2026-12-03T00:00', 'day'],
      ['vi', 'qua ngay mot', '2026-12-03T00:00', 'day'],
      // Still the morning, unaccented or with its marks; and yesterday is still yesterday.
      ['vi', 'sang thu 2', '2026-12-07T08:00', 'partOfDay'],
      ['vi', 'hẹn sáng thứ 2', '2026-12-07T08:00', 'partOfDay'],
      ['vi', 'hôm qua', '2026-11-30T00:00', 'day'],
    ]));
  describe('a day of the month beside a weekday or a time', () =>
    checkRead([
      // Was Wednesday the 2nd at 14:00: the time went on the nearest Wednesday, not on the 9th said.
      ['pt', 'quarta dia 9 às 14h', '2026-12-09T14:00', 'hour'],
      // Was today's morning: "dia 11" before "de manhã" was taken for "dia 11 de <month>".
      ['pt', 'dia 11 de manhã', '2026-12-11T08:00', 'partOfDay'],
      // Was tomorrow 09:00: "يوم 8" before "الساعة" was not read.
      ['ar', 'يوم ٨ الساعة ٩', '2026-12-08T09:00', 'hour'],
      ['ar', 'يوم 8 الصبح', '2026-12-08T08:00', 'partOfDay'],
      ['ar', 'يوم 9 بعد الظهر', '2026-12-09T12:00', 'partOfDay'],
    ]));
  it('ar: "في 3 ايام" (in three days) is no 3rd of the month', () => {
    assert.notEqual(wallClock(parseWhen('في 3 ايام', 'ar', NOW, NY)[0]?.start ?? ''), '2026-12-03T00:00');
  });
  it('vi: "hộ chiếu" (passport) typed "ho chieu" is no afternoon', () => {
    assert.deepEqual(parseWhen('can mang ho chieu khong', 'vi', NOW, NY), []);
  });
  it('pt: "o mais cedo possível" (as soon as possible) is no morning', () => {
    assert.deepEqual(parseWhen('o mais cedo possivel', 'pt', NOW, NY), []);
  });
  it('ar: "الساعة اتنين" is 2 o\'clock, not Monday', () => {
    assert.equal(wallClock(parseWhen('الساعة اتنين', 'ar', NOW, NY)[0].start), '2026-12-01T14:00');
  });
});

describe('readWhen — what was not read (now Tue 2026-12-01 09:00 New York)', () => {
  function check(language: string, phrase: string, status: WhenStatus, unread: string[], dateLike: string[]): void {
    it(`${language} "${phrase}" → ${status}, unread [${unread.join(', ')}]`, () => {
      const reading = readWhen(phrase, language, NOW, NY);
      assert.equal(reading.status, status);
      assert.deepEqual(reading.unread, unread);
      assert.deepEqual(reading.unreadDateLike, dateLike);
    });
  }

  // A word like a date left unread: the rest of the phrase alone would be booked (today, tomorrow).
  check('en', 'tuseday 8:30', 'doubtful', ['tuseday'], ['tuseday']);
  check('ru', 'зав в 10', 'doubtful', ['зав'], ['зав']);
  check('ht', '3ye desanm a 1è', 'doubtful', ['3ye', 'desanm'], ['3ye', 'desanm']);
  check('en', 'friday after 3', 'doubtful', ['after', '3'], ['after', '3']);
  check('pl', 'Śr., Luty13', 'doubtful', ['Luty13'], ['Luty13']);
  // Words left unread that name no date: read back, not asked about.
  check('en', 'tomorrow at 10 for my green card', 'partial', ['green', 'card'], []);
  check('fr', 'dem à 10h pour ma carte verte', 'partial', ['ma', 'carte', 'verte'], []);
  check('zh', '下周二上午10点在纽约', 'partial', ['纽约'], []);
  // Filler words ("I want", "please", "quiero", particles) are no unread words.
  check('en', 'I want tues at 10 please', 'complete', [], []);
  check('es', 'quiero el lunes a las 10 por favor', 'complete', [], []);
  check('zh', '我想下周二上午10点可以吗', 'complete', [], []);
  check('ko', '화요일에 10시 예약하고 싶어요', 'complete', [], []);
  check('ko', '15일에', 'complete', [], []);
  // Nothing understood.
  check('en', 'hello', 'none', [], []);
  check('en', 'asap', 'none', ['asap'], []);

  it('lists the words past the 200 characters read as unread', () => {
    const filler = 'and also some other words to make this long enough ok '.repeat(4);
    const reading = readWhen(`friday 3pm ${filler} zzz`, 'en', NOW, NY);
    assert.equal(wallClock(reading.candidates[0].start), '2026-12-04T15:00');
    assert.ok(reading.unread.includes('zzz'), reading.unread.join(', '));
    assert.equal(reading.status, 'partial');
  });

  it('gives parseWhen its candidates: parseWhen is readWhen(…).candidates', () => {
    for (const [language, phrase] of [
      ['en', 'tues 8:30'],
      ['es', 'mñn a las 10'],
      ['pt', 'quarta 15h30'],
      ['ht', '1ye desanm a 1è'],
      ['zh', '下周二上午10点'],
      ['ko', '다음주 목요일 오후 2시'],
    ] as const) {
      assert.deepEqual(parseWhen(phrase, language, NOW, NY), readWhen(phrase, language, NOW, NY).candidates, `${language} "${phrase}"`);
    }
  });

  it('returns nothing for an empty text or a language with no parser, and throws on an unknown zone', () => {
    assert.deepEqual(readWhen('  ', 'en', NOW, NY), { candidates: [], unread: [], unreadDateLike: [], status: 'none' });
    assert.equal(readWhen('tomorrow', 'xx', NOW, NY).status, 'none');
    assert.throws(() => readWhen('tomorrow', 'en', NOW, 'Mars/Olympus'), /unknown time zone/);
  });
});

describe('isDateLike', () => {
  it('knows numbers, date words cut short, with letters left out or misspelt', () => {
    for (const [language, word] of [
      ['en', '8h'],
      ['en', '1ye'],
      ['en', 'tues'],
      ['en', 'tmrw'],
      ['en', 'tommorow'],
      ['en', 'wensday'],
      ['en', 'nxt'],
      ['es', 'mñn'],
      ['es', 'mier'],
      ['fr', 'dem'],
      ['fr', 'mercr'],
      ['pt', 'amn'],
      ['tl', 'bks'],
      ['ht', 'desanm'],
      ['ru', 'завт'],
      ['ko', '화요일에'],
      ['zh', '下星期'],
    ] as const) {
      assert.ok(isDateLike(word, language), `${language} "${word}"`);
    }
  });

  it('leaves other words alone, and numbers too long for a date (ZIP codes, receipts)', () => {
    for (const [language, word] of [
      ['en', 'green'],
      ['en', 'card'],
      ['en', 'appointment'],
      ['en', '90012'],
      ['en', 'EAC2212345678'],
      ['es', 'cita'],
      ['fr', 'carte'],
      ['pt', 'consulta'],
      ['zh', '纽约'],
    ] as const) {
      assert.ok(!isDateLike(word, language), `${language} "${word}"`);
    }
  });
});

describe('locales/<code>/dateWords.json', () => {
  for (const { code } of LANGUAGES) {
    it(`${code}: is well formed, with filler words`, () => {
      const file = join(projectRoot(), 'locales', code, 'dateWords.json');
      assert.ok(existsSync(file), file);
      const words = parseDateWordsFile(JSON.parse(readFileSync(file, 'utf8')) as unknown, file);
      assert.ok((words.fillers?.length ?? 0) + (words.fillerParts?.length ?? 0) > 0, 'no filler words');
    });
  }

  it('refuses unknown fields and short forms of more than three words, naming the file', () => {
    assert.throws(() => parseDateWordsFile({ filler: ['a'] }, 'x.json'), /x\.json: unknown fields filler/);
    assert.throws(() => parseDateWordsFile({ shortForms: { 'a b c d': 'x' } }, 'x.json'), /one to three words/);
    assert.throws(() => parseDateWordsFile({ fillers: 'a' }, 'x.json'), /"fillers" must be a list of words/);
    assert.throws(() => parseDateWordsFile({ containedDateWordLength: 0 }, 'x.json'), /containedDateWordLength/);
  });
});

describe('readWhen — the project corpus (test/corpus/dates) is read whole', () => {
  const dir = join(projectRoot(), 'test', 'corpus', 'dates');
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const file = JSON.parse(readFileSync(join(dir, name), 'utf8')) as {
      language: string;
      now: string;
      timeZone: string;
      cases: Array<{ text: string; start: string | null }>;
    };
    it(`${name}: no phrase with a reading leaves a word like a date unread`, () => {
      const now = DateTime.fromISO(file.now, { zone: file.timeZone }).toJSDate();
      const doubtful = file.cases
        .filter((c) => c.start !== null)
        .map((c) => ({ text: c.text, reading: readWhen(c.text, file.language, now, file.timeZone) }))
        .filter(({ reading }) => reading.status === 'doubtful')
        .map(({ text, reading }) => `"${text}": ${reading.unreadDateLike.join(', ')}`);
      assert.deepEqual(doubtful, []);
    });
  }
});
