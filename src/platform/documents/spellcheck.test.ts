import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nameWords, spellCheck } from './spellcheck.ts';

describe('spell-check', () => {
  it('flags an English misspelling with the right suggestion', () => {
    const found = spellCheck('The children will recieve support.', 'en');
    assert.equal(found.length, 1);
    assert.equal(found[0]!.word, 'recieve');
    assert.ok(found[0]!.suggestions.includes('receive'));
  });

  it('accepts British spellings, elisions and the service’s own words', () => {
    assert.deepEqual(
      spellCheck(
        'The child’s behaviour and colour. Cafcass and CAFCASS Cymru at the FHDRA after a MIAM and PNC check.',
        'en',
      ),
      [],
    );
  });

  it('accepts a correct Welsh sentence with curly apostrophes, and flags a Welsh misspelling', () => {
    assert.deepEqual(spellCheck('Mae’r plentyn yn byw gyda’i mam.', 'cy'), []);
    const found = spellCheck('Mae’r plentin yn byw gyda’i mam.', 'cy');
    assert.deepEqual(
      found.map((f) => f.word),
      ['plentin'],
    );
    assert.ok(found[0]!.suggestions.includes('plentyn'));
  });

  it('ignores words with digits, names of people in the case and accepted words', () => {
    const text = 'Zorblax Quimby-Fenwick saw C100 and 3rd parties in Llanfairfechan.';
    assert.deepEqual(
      spellCheck(text, 'en', { ignore: [...nameWords(['Zorblax Quimby-Fenwick']), 'llanfairfechan'] }),
      [],
    );
    assert.deepEqual(
      spellCheck(text, 'en').map((f) => f.word),
      ['Zorblax', 'Quimby-Fenwick', 'Llanfairfechan'],
    );
  });

  it('lists each misspelt word once', () => {
    assert.equal(spellCheck('recieve recieve Recieve', 'en').length, 1);
  });
});
