import assert from 'node:assert/strict';
import { CASE_RECEIPT_PREFIXES, findCaseReceiptNumber } from '../../../src/domain/appointments/caseReceiptNumber';

describe('findCaseReceiptNumber', () => {
  const found: Array<[string, string]> = [
    ['EAC2212345678', 'EAC2212345678'],
    ['eac 22 123 45678', 'EAC2212345678'],
    ['IOE-0912345678', 'IOE0912345678'],
    ['WAC-22-123-45678', 'WAC2212345678'],
    ['my case is LIN2290123456, what now?', 'LIN2290123456'],
    ['Mi número de caso es src 21 901 23456', 'SRC2190123456'],
    ['MSC*2190123456', 'MSC2190123456'],
    ['receipt: NBC – 2190123456.', 'NBC2190123456'],
    ['ＥＡＣ２２１２３４５６７８', 'EAC2212345678'],
    ['ysc1990123456 and EAC2212345678', 'YSC1990123456'],
    ['(IOE 0912 345 678)', 'IOE0912345678'],
  ];
  for (const [text, expected] of found) {
    it(`finds ${expected} in "${text}"`, () => {
      assert.equal(findCaseReceiptNumber(text), expected);
    });
  }

  it('knows every published prefix', () => {
    for (const prefix of ['EAC', 'VSC', 'WAC', 'CSC', 'LIN', 'NSC', 'SRC', 'TSC', 'YSC', 'NBC', 'MSC', 'IOE']) {
      assert.ok((CASE_RECEIPT_PREFIXES as readonly string[]).includes(prefix), prefix);
      assert.equal(findCaseReceiptNumber(`${prefix.toLowerCase()}1234567890`), `${prefix}1234567890`);
    }
  });

  const notFound = [
    '',
    'EAC',
    'EAC221234567',
    'EAC22123456789',
    'ABC2212345678',
    'XEAC2212345678',
    'EAC2212345678X',
    'EAC 22 123 4567 8 9',
    'EAC    2212345678',
    'EAC2212345678 9',
    'IP-7K3M-Q9XD-2HBW-T',
    'IP200000000000Y',
    'My phone number is 202-555-0147',
    'I want an appointment on 12/03/2026 at 10:30',
    'Necesito una cita',
  ];
  for (const text of notFound) {
    it(`finds nothing in "${text}"`, () => {
      assert.equal(findCaseReceiptNumber(text), undefined);
    });
  }
});
