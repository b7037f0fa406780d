import assert from 'node:assert/strict';
import { formatPhoneForDisplay, parsePhone } from '../../src/domain/phone';

const US_ONLY = { allowInternational: false };
const ANYWHERE = { allowInternational: true };

describe('parsePhone', () => {
  const usNumbers: ReadonlyArray<[text: string, e164: string, national: string]> = [
    ['(212) 736-5000', '+12127365000', '(212) 736-5000'],
    ['212-736-5000', '+12127365000', '(212) 736-5000'],
    ['212.736.5000', '+12127365000', '(212) 736-5000'],
    ['2127365000', '+12127365000', '(212) 736-5000'],
    ['1-212-736-5000', '+12127365000', '(212) 736-5000'],
    ['1 (212) 736-5000', '+12127365000', '(212) 736-5000'],
    ['+1 212 736 5000', '+12127365000', '(212) 736-5000'],
    ['+12127365000', '+12127365000', '(212) 736-5000'],
    ['my number is 212-736-5000', '+12127365000', '(212) 736-5000'],
    ['(787) 722-1000', '+17877221000', '(787) 722-1000'], // Puerto Rico
    ['671-475-1000', '+16714751000', '(671) 475-1000'], // Guam
    ['340-774-1000', '+13407741000', '(340) 774-1000'], // US Virgin Islands
    ['670-234-1000', '+16702341000', '(670) 234-1000'], // Northern Mariana Islands
    ['684-633-1000', '+16846331000', '(684) 633-1000'], // American Samoa
  ];

  for (const [text, e164, national] of usNumbers) {
    it(`reads "${text}" as ${e164}`, () => {
      assert.deepEqual(parsePhone(text, US_ONLY), { ok: true, e164, national });
      assert.deepEqual(parsePhone(text, ANYWHERE), { ok: true, e164, national });
    });
  }

  it('refuses what is not a whole, valid number', () => {
    for (const text of ['', 'abc', '555-1234', '212-736-500', '212-736-50000', '(000) 736-5000', '+1 212']) {
      assert.deepEqual(parsePhone(text, US_ONLY), { ok: false, reason: 'invalid' }, text);
      assert.deepEqual(parsePhone(text, ANYWHERE), { ok: false, reason: 'invalid' }, text);
    }
  });

  it('says a valid number elsewhere is not a US one, Canada’s +1 included', () => {
    for (const text of ['+1 416 979 1000', '+52 55 5080 2000', '+44 20 7946 0958', '011 52 55 5080 2000']) {
      assert.deepEqual(parsePhone(text, US_ONLY), { ok: false, reason: 'not_us' }, text);
    }
  });

  it('accepts any valid number with its country code when international numbers are allowed', () => {
    const mexico = { ok: true, e164: '+525550802000', national: '55 5080 2000' };
    assert.deepEqual(parsePhone('+52 55 5080 2000', ANYWHERE), mexico);
    assert.deepEqual(parsePhone('0052 55 5080 2000', ANYWHERE), mexico);
    assert.deepEqual(parsePhone('011 52 55 5080 2000', ANYWHERE), mexico);
    assert.deepEqual(parsePhone('52 55 5080 2000', ANYWHERE), mexico);
    assert.deepEqual(parsePhone('+44 20 7946 0958', ANYWHERE), { ok: true, e164: '+442079460958', national: '020 7946 0958' });
    assert.deepEqual(parsePhone('+1 416 979 1000', ANYWHERE), { ok: true, e164: '+14169791000', national: '(416) 979-1000' });
  });

  it('does not take a national number of another country without its country code', () => {
    assert.deepEqual(parsePhone('55 5080 2000', ANYWHERE), { ok: false, reason: 'invalid' });
  });

  it('reads a text again as the first time, under each option, among many other texts', () => {
    const texts = ['+1 416 979 1000', '(212) 736-5000', '+52 55 5080 2000', '123', 'call me'];
    const first = texts.map((text) => [parsePhone(text, US_ONLY), parsePhone(text, ANYWHERE)]);
    for (let i = 0; i < 300; i++) parsePhone(`212-736-${String(1000 + i)}`, US_ONLY);
    for (let round = 0; round < 2; round++) {
      assert.deepEqual(
        texts.map((text) => [parsePhone(text, US_ONLY), parsePhone(text, ANYWHERE)]),
        first,
      );
    }
    assert.deepEqual(first[0], [
      { ok: false, reason: 'not_us' },
      { ok: true, e164: '+14169791000', national: '(416) 979-1000' },
    ]);
  });
});

describe('formatPhoneForDisplay', () => {
  it('reads US numbers back in the national form and others in the international form', () => {
    assert.equal(formatPhoneForDisplay('+12127365000'), '(212) 736-5000');
    assert.equal(formatPhoneForDisplay('+525550802000'), '+52 55 5080 2000');
  });
});
