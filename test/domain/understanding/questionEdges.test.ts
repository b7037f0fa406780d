import assert from 'node:assert/strict';
import { matchLocale } from '../../../src/domain/languages';
import { understand, type Expecting, type Understanding } from '../../../src/domain/understanding';

/** Tuesday 1 December 2026, 09:00 in New York: Thursday is the 3rd, Friday the 4th. */
const NOW = new Date('2026-12-01T14:00:00.000Z');
const ZONE = 'America/New_York';

function read(language: string, text: string, expecting?: Expecting): Understanding {
  return understand(text, language, { expecting, now: NOW, timeZone: ZONE });
}

describe('understand, at the question where it happens', () => {
  describe('the phone question keeps a ZIP code said as one', () => {
    it('"no, my ZIP is 94103" corrects the ZIP code', () => {
      assert.equal(read('en', 'no, my ZIP is 94103', 'phone').entities.zip, '94103');
    });
    it('five digits alone are a ZIP code', () => {
      assert.equal(read('es', '94103', 'phone').entities.zip, '94103');
    });
    it('beside a whole phone number, the ZIP code is kept too', () => {
      assert.deepEqual(read('en', 'zip 94103, phone 212 555 0147', 'phone').entities, { zip: '94103', phone: '+12125550147' });
    });
    it('five digits that are a piece of a phone number are no ZIP code', () => {
      assert.equal(read('en', '212 55501', 'phone').entities.zip, undefined);
    });
  });

  describe('a date of birth beside a preferred day keeps both', () => {
    it('en: first message with both', () => {
      const got = read('en', 'i need an appointment friday at 10, my date of birth is 03/04/1980');
      assert.deepEqual(got.entities, { when: { date: '2026-12-04', time: '10:00' }, dateOfBirth: '1980-03-04' });
    });
    it('es: the birth date in words, then the day', () => {
      const got = read('es', 'nací el 4 de marzo de 1980, quiero cita el viernes');
      assert.deepEqual(got.entities, { when: { date: '2026-12-04' }, dateOfBirth: '1980-03-04' });
    });
    it('a birth date alone is no preferred day', () => {
      assert.deepEqual(read('en', 'born 12/1/1999').entities, { dateOfBirth: '1999-12-01' });
      assert.deepEqual(read('en', '12/1/1999', 'dob').entities, { dateOfBirth: '1999-12-01' });
    });
  });

  describe('names', () => {
    const OPENERS: Array<[string, string, string]> = [
      ['es', 'soy Ana García y quiero una cita', 'Ana García'],
      ['en', 'this is John Smith', 'John Smith'],
      ['fr', 'je suis Marie Dubois', 'Marie Dubois'],
      ['ru', 'я Иван Петров', 'Иван Петров'],
      ['eo', 'mi estas Petro Kowalski', 'Petro Kowalski'],
      ['zh', '我是王小明', '王小明'],
    ];
    for (const [language, text, name] of OPENERS) {
      it(`${language}: "${text}" gives a name only at the name question`, () => {
        assert.equal(read(language, text).entities.name, undefined);
        assert.equal(read(language, text, 'menu').entities.name, undefined);
        assert.equal(read(language, text, 'name').entities.name, name);
      });
    }
    it('a strong cue gives a name in a first message', () => {
      assert.equal(read('es', 'me llamo Ana García y quiero una cita').entities.name, 'Ana García');
    });
    it('particles stay inside names', () => {
      assert.equal(read('es', 'me llamo María de la Cruz', 'name').entities.name, 'María de la Cruz');
      assert.equal(read('es', 'me llamo maria de los santos y vivo en texas').entities.name, 'maria de los santos');
      assert.equal(read('pt', 'meu nome é João da Silva e preciso de uma consulta').entities.name, 'João da Silva');
      assert.equal(read('en', 'my name is Mohammed bin Salman and i need an appointment').entities.name, 'Mohammed bin Salman');
    });
    it('a particle before a country ends the name', () => {
      assert.equal(read('es', 'me llamo Ana de Guatemala', 'name').entities.name, 'Ana');
    });
    it('ar: a name does not keep an Arabic comma', () => {
      assert.equal(read('ar', 'اسمي فاطمة الزهراء،', 'name').entities.name, 'فاطمة الزهراء');
      assert.equal(read('ar', 'السلام عليكم، اسمي سارة حسن، بدي موعد').entities.name, 'سارة حسن');
    });
  });

  describe('matchLocale', () => {
    it('Windows and Teams Filipino (fil-PH) is Tagalog', () => {
      assert.equal(matchLocale('fil-PH'), 'tl');
      assert.equal(matchLocale('fil'), 'tl');
      assert.equal(matchLocale('tl-PH'), 'tl');
    });
  });
});
