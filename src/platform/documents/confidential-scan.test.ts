import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type ConfidentialValue, findConfidentialValues, normalisePhone } from './confidential-scan.ts';

const values: ConfidentialValue[] = [
  { kind: 'address-line', value: '7 Hidden Lane' },
  { kind: 'address-line', value: 'Flat 2, Rose Court' },
  { kind: 'postcode', value: 'ZZ9 9CQ' },
  { kind: 'phone', value: '07700 900123' },
  { kind: 'email', value: 'Safe.Mum@example.org' },
];
const kinds = (text: string) => findConfidentialValues(text, values).map((h) => values[h.valueIndex]!.value);

describe('confidential-value scan', () => {
  it('finds an address line split across lines, with other punctuation and case', () => {
    assert.deepEqual(kinds('She moved to 7 hidden\nLANE last month.'), ['7 Hidden Lane']);
    assert.deepEqual(kinds('Address: flat 2 rose-court'), ['Flat 2, Rose Court']);
  });

  it('finds a postcode with or without its space, in any case', () => {
    assert.deepEqual(kinds('near zz99cq'), ['ZZ9 9CQ']);
    assert.deepEqual(kinds('near ZZ9  9CQ.'), ['ZZ9 9CQ']);
    assert.deepEqual(kinds('near Zz9\n9cQ'), ['ZZ9 9CQ']);
  });

  it('finds a telephone number however it is spaced, and written +44 or 0', () => {
    assert.deepEqual(kinds('Call 07700900123'), ['07700 900123']);
    assert.deepEqual(kinds('Call +44 7700 900 123'), ['07700 900123']);
    assert.deepEqual(kinds('Call (0044) 7700-900-123'), ['07700 900123']);
    assert.equal(normalisePhone('+44 (0)7700 900123'), '07700900123');
  });

  it('finds an email address in any case', () => {
    assert.deepEqual(kinds('Write to safe.mum@EXAMPLE.org please'), ['Safe.Mum@example.org']);
  });

  it('does not match part of a word, or a different number or postcode', () => {
    assert.deepEqual(kinds('She lives off Hidden Laneway, number 7.'), []);
    assert.deepEqual(kinds('17 Hidden Lane is the school.'), []);
    assert.deepEqual(kinds('Postcode ZZ9 9CR; code AZZ99CQ'), []);
    assert.deepEqual(kinds('Call 07700 900124'), []);
    assert.deepEqual(kinds('Flat 2 in Rose Courtyard'), []);
  });

  it('ignores empty values and values too short to mean anything', () => {
    assert.deepEqual(
      findConfidentialValues('a b c', [
        { kind: 'text', value: ' ' },
        { kind: 'text', value: 'a' },
      ]),
      [],
    );
  });
});
