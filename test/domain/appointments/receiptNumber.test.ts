import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { findCaseReceiptNumber } from '../../../src/domain/appointments/caseReceiptNumber';
import {
  checkCharacter,
  findReceiptNumber,
  formatReceiptNumber,
  generateReceiptNumber,
  isCanonicalReceiptNumber,
  parseReceiptNumber,
  RECEIPT_NUMBER_LENGTH,
} from '../../../src/domain/appointments/receiptNumber';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Deterministic bytes (SHA-256 in counter mode), so every run checks the same numbers. */
function seededBytes(seed: string): (bytes: number) => Buffer {
  let counter = 0;
  return (bytes) => {
    const out = Buffer.alloc(bytes);
    for (let filled = 0; filled < bytes; filled += 32) {
      createHash('sha256').update(`${seed}:${counter++}`).digest().copy(out, filled);
    }
    return out;
  };
}

function sample(count: number, seed: string): string[] {
  const random = seededBytes(seed);
  return Array.from({ length: count }, () => generateReceiptNumber(random));
}

const RECEIPTS = sample(200, 'receipts');
const receipt = RECEIPTS[0];
const display = formatReceiptNumber(receipt);

describe('receipt numbers', () => {
  describe('generateReceiptNumber', () => {
    it('gives "IP" + 13 Crockford base32 characters whose last one checks the 12 before it', () => {
      for (const r of RECEIPTS) {
        assert.match(r, /^IP[0-9A-HJKMNP-TV-Z]{13}$/);
        assert.equal(r.length, RECEIPT_NUMBER_LENGTH);
        assert.equal(r[14], checkCharacter(r.slice(2, 14)));
        assert.ok(isCanonicalReceiptNumber(r), r);
      }
    });

    it('takes its 60 bits from 8 random bytes, low 5 bits first', () => {
      const requested: number[] = [];
      const zeros = (n: number): Buffer => {
        requested.push(n);
        return Buffer.alloc(n);
      };
      assert.equal(generateReceiptNumber(zeros), 'IP0000000000000');
      assert.deepEqual(requested, [8]);
      // 0x…02 puts 2 in the first character; 0x…40 (= 2 << 5) in the second.
      assert.equal(
        generateReceiptNumber(() => Buffer.from('0000000000000002', 'hex')),
        'IP200000000000Y',
      );
      assert.equal(
        generateReceiptNumber(() => Buffer.from('0000000000000040', 'hex')),
        'IP020000000000W',
      );
    });

    it('differs from call to call with the default random source', () => {
      const drawn = new Set(Array.from({ length: 100 }, () => generateReceiptNumber()));
      assert.equal(drawn.size, 100);
      for (const r of drawn) assert.ok(isCanonicalReceiptNumber(r), r);
    });

    it('never issues a number without a digit or holding the pair Luhn mod 32 cannot tell apart (0Z / Z0)', () => {
      for (const r of sample(2000, 'issuable')) {
        assert.match(r.slice(2, 14), /[0-9]/);
        assert.doesNotMatch(r, /0Z|Z0/);
      }
    });

    it('draws again when the random bytes give a number it may not issue', () => {
      // All ones: "ZZZZZZZZZZZZ", no digit. Then zeros.
      const draws = [Buffer.alloc(8, 0xff), Buffer.alloc(8, 0)];
      assert.equal(
        generateReceiptNumber(() => draws.shift() ?? Buffer.alloc(8)),
        'IP0000000000000',
      );
      assert.throws(() => generateReceiptNumber(() => Buffer.alloc(8, 0xff)), /keeps producing/);
      assert.throws(() => generateReceiptNumber(() => Buffer.alloc(4)), /too few bytes/);
    });
  });

  describe('formatReceiptNumber', () => {
    it('groups a canonical number as IP-XXXX-XXXX-XXXX-C', () => {
      assert.match(display, /^IP-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]$/);
      assert.equal(display.replace(/-/g, ''), receipt);
      assert.equal(formatReceiptNumber('IP0000000000000'), 'IP-0000-0000-0000-0');
    });

    it('refuses anything but a canonical number', () => {
      assert.throws(() => formatReceiptNumber(display));
      assert.throws(() => formatReceiptNumber(receipt.toLowerCase()));
      assert.throws(() => formatReceiptNumber('EAC2212345678'));
    });
  });

  describe('the check character', () => {
    it('catches every single-character substitution (all positions, all 31 other characters, 200 numbers)', () => {
      for (const r of RECEIPTS) {
        for (let position = 2; position < r.length; position++) {
          for (const replacement of ALPHABET) {
            if (replacement === r[position]) continue;
            const typo = r.slice(0, position) + replacement + r.slice(position + 1);
            assert.equal(parseReceiptNumber(typo).kind, 'mistyped', `${r} → ${typo}`);
          }
        }
      }
    });

    it('catches every adjacent transposition (200 numbers)', () => {
      for (const r of RECEIPTS) {
        for (let position = 2; position < r.length - 1; position++) {
          if (r[position] === r[position + 1]) continue;
          const typo = r.slice(0, position) + r[position + 1] + r[position] + r.slice(position + 2);
          assert.equal(parseReceiptNumber(typo).kind, 'mistyped', `${r} → ${typo}`);
        }
      }
    });

    it('catches the 0Z ↔ Z0 swap that Luhn mod 32 alone misses', () => {
      const payload = '70Z3MQ9XD2HB';
      const body = payload + checkCharacter(payload);
      const swapped = '7Z03MQ9XD2HB';
      // Same check character both ways: the checksum cannot see this swap…
      assert.equal(checkCharacter(swapped), checkCharacter(payload));
      // …but a number holding 0Z / Z0 is never issued, so it reads as a typo either way.
      assert.equal(parseReceiptNumber(`IP${body}`).kind, 'mistyped');
      assert.equal(parseReceiptNumber(`IP${swapped}${checkCharacter(swapped)}`).kind, 'mistyped');
    });
  });

  describe('parseReceiptNumber (the whole text is the number)', () => {
    const withAliases = RECEIPTS.find((r) => /[01]/.test(r.slice(2))) ?? receipt;
    const aliased =
      'IP' +
      withAliases
        .slice(2)
        .replace(/0/g, 'O')
        .replace(/1/g, (_, i: number) => (i % 2 ? 'I' : 'l'));
    const variants: Array<[string, string]> = [
      ['canonical', receipt],
      ['display form', display],
      ['lower case', display.toLowerCase()],
      ['mixed case, no separators', receipt.slice(0, 7).toLowerCase() + receipt.slice(7)],
      ['spaces for dashes', display.replace(/-/g, ' ')],
      ['spaces in odd places', `${receipt.slice(0, 5)} ${receipt.slice(5, 9)}  ${receipt.slice(9)}`],
      ['"IP " then the rest', `IP ${receipt.slice(2)}`],
      ['en dashes', display.replace(/-/g, '–')],
      ['space-dash-space', display.replace(/-/g, ' - ')],
      ['surrounding spaces and punctuation', `  "${display}."  `],
      ['full-width characters', [...display].map((c) => String.fromCodePoint(c.codePointAt(0)! + 0xfee0)).join('')],
    ];
    for (const [label, text] of variants) {
      it(`reads the ${label} form`, () => {
        assert.deepEqual(parseReceiptNumber(text), { kind: 'valid', receiptNumber: receipt });
      });
    }

    it('reads Crockford aliases: O for 0, I and L for 1', () => {
      assert.notEqual(aliased, withAliases);
      assert.deepEqual(parseReceiptNumber(aliased), { kind: 'valid', receiptNumber: withAliases });
      assert.deepEqual(parseReceiptNumber(aliased.toLowerCase()), { kind: 'valid', receiptNumber: withAliases });
    });

    it('says mistyped for a number of ours that fails its check, has a U, or misses or repeats a character', () => {
      const wrongCheck = receipt.slice(0, 14) + (receipt[14] === '0' ? '1' : '0');
      assert.deepEqual(parseReceiptNumber(wrongCheck), { kind: 'mistyped' });
      assert.deepEqual(parseReceiptNumber(formatReceiptNumber(receipt).replace(/.$/, 'U')), { kind: 'mistyped' });
      assert.deepEqual(parseReceiptNumber(receipt.slice(0, 10) + receipt.slice(11)), { kind: 'mistyped' });
      assert.deepEqual(parseReceiptNumber(receipt.slice(0, 10) + receipt[10] + receipt.slice(10)), { kind: 'mistyped' });
    });

    it('says none for text that is not just a receipt number', () => {
      for (const text of [
        '',
        '   ',
        'IP',
        'hello',
        `cancel ${display}`,
        `${display}, thanks`,
        'EAC2212345678',
        'IP-1234',
        `XP${receipt.slice(2)}`,
        `IPP${receipt.slice(2)}X`,
      ]) {
        assert.deepEqual(parseReceiptNumber(text), { kind: 'none' }, text);
      }
    });
  });

  describe('findReceiptNumber (a number inside free text)', () => {
    const sentences: Array<[string, string]> = [
      ['English, display form', `cancel ${display} please`],
      ['Spanish, lower case, no separators', `mi recibo es ${receipt.toLowerCase()}`],
      ['at the start', `${display} is my number`],
      ['followed by punctuation', `My receipt number is ${display}.`],
      ['in parentheses', `receipt (${receipt}) cancel`],
      ['after a line break', `hi\nnumber: ${display.replace(/-/g, ' ')}\nthanks`],
      ['Vietnamese', `Số biên nhận của tôi là ${display}, xin hủy`],
      ['Chinese, full-width colon', `我的收据号码：${receipt}`],
      ['followed by a number of people', `${display} 2 people`],
      ['glued to Chinese words', `忘了预约时间，号码${receipt}`],
      ['glued to Chinese on both sides, display form', `号码${display}取消`],
      ['glued to Korean', `예약번호${receipt}`],
    ];
    for (const [label, text] of sentences) {
      it(`finds it: ${label}`, () => {
        assert.deepEqual(findReceiptNumber(text), { kind: 'valid', receiptNumber: receipt });
      });
    }

    it('prefers a valid number to an earlier mistyped one', () => {
      const typo = receipt.slice(0, 14) + (receipt[14] === '0' ? '1' : '0');
      const other = RECEIPTS[1];
      assert.deepEqual(findReceiptNumber(`not ${typo} but ${formatReceiptNumber(other)}`), { kind: 'valid', receiptNumber: other });
      assert.deepEqual(findReceiptNumber(`${formatReceiptNumber(other)} or ${receipt}`), { kind: 'valid', receiptNumber: other });
    });

    it('says mistyped when the only number of ours fails its check', () => {
      const typo = receipt.slice(0, 8) + (receipt[8] === 'A' ? 'B' : 'A') + receipt.slice(9);
      assert.deepEqual(findReceiptNumber(`please cancel ${formatReceiptNumber(typo)}`), { kind: 'mistyped' });
      assert.deepEqual(findReceiptNumber(`mi número es ${typo.toLowerCase()} gracias`), { kind: 'mistyped' });
    });

    it('is not fooled by letters glued to the number', () => {
      assert.deepEqual(findReceiptNumber(`VIP${receipt.slice(2)}`), { kind: 'none' });
      assert.deepEqual(findReceiptNumber(`número${receipt}`), { kind: 'none' });
    });
  });

  describe('no confusion with USCIS case receipt numbers', () => {
    it('never has the case receipt shape (3 letters + 10 digits) and is 15 characters starting with IP', () => {
      for (const r of sample(1000, 'case-shape')) {
        assert.equal(r.length, 15);
        assert.ok(r.startsWith('IP'));
        assert.doesNotMatch(r, /^[A-Z]{3}\d{10}$/);
        assert.equal(findCaseReceiptNumber(r), undefined);
        assert.equal(findCaseReceiptNumber(formatReceiptNumber(r)), undefined);
      }
    });

    it('does not take a case receipt number for ours', () => {
      for (const text of ['EAC2212345678', 'IOE0912345678', 'IOE-0912345678', 'my case is WAC 22 123 45678', 'LIN2290123456']) {
        assert.deepEqual(findReceiptNumber(text), { kind: 'none' }, text);
        assert.deepEqual(parseReceiptNumber(text), { kind: 'none' }, text);
      }
    });
  });

  describe('false positives', () => {
    const ordinary = [
      'Hello, I would like to make an appointment',
      'I need to cancel my appointment',
      'What documents should I bring?',
      'Can I come next Tuesday morning at 10:30?',
      'My phone number is 202-555-0147',
      'my zip code is 10001 and I live in New York',
      'My IP address is 192.168.0.1',
      'my ip is 10 20 30 40 50 6',
      'I have an iPhone 12 Pro Max 256GB',
      'my iphone number is 555 1234',
      'iPad 2 is broken',
      'ip do you know what time it is',
      'VIP appointment please',
      'Lorem ipsum dolor sit amet consectetur',
      'The IPO happened in 2021',
      'hipopótamo',
      'My green card never arrived after 90 days',
      'I-765 pending for 120 days, receipt EAC2212345678',
      'Quiero hacer una cita para el 3 de diciembre a las 10',
      'Necesito cancelar mi cita por favor',
      'Mi número de teléfono es 555-123-4567',
      '¿Qué documentos debo traer?',
      'Vivo fuera de los Estados Unidos, en Guatemala',
      'Mi tarjeta verde nunca llegó',
      'ipsilateral impressions in the ipomoea garden',
      'José García',
      'María José Hernández López',
      'Ippolito Rossi',
      'Iphigenia Papadopoulos',
      'Ipek Yilmaz',
      'Nguyễn Văn An',
      'Ivan Petrov',
      'IP',
      'I P',
    ];
    for (const text of ordinary) {
      it(`ignores "${text}"`, () => {
        assert.deepEqual(findReceiptNumber(text), { kind: 'none' });
        assert.deepEqual(parseReceiptNumber(text), { kind: 'none' });
      });
    }
  });
});
