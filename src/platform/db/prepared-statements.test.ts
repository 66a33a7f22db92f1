import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_PREPARED_STATEMENTS, StatementNames } from './prepared-statements.ts';

describe('which statements are prepared', () => {
  it('names a statement from its second use, with a name that is the same every time', () => {
    const names = new StatementNames();
    const text = 'SELECT id FROM case_record WHERE id = $1';
    assert.equal(names.nameFor(text), undefined, 'a one-off statement stays unnamed');
    const name = names.nameFor(text);
    assert.match(name ?? '', /^cv_[A-Za-z0-9_-]{22}$/);
    assert.equal(names.nameFor(text), name);
    assert.equal(new StatementNames().nameFor(text), undefined);
  });

  it('gives different statements different names, and the same text in another process the same name', () => {
    const a = new StatementNames();
    const b = new StatementNames();
    const one = 'SELECT 1 WHERE $1::int = 1';
    const two = 'SELECT 2 WHERE $1::int = 1';
    for (const names of [a, b]) {
      names.nameFor(one);
      names.nameFor(two);
    }
    assert.notEqual(a.nameFor(one), a.nameFor(two));
    assert.equal(a.nameFor(one), b.nameFor(one));
  });

  it('stops naming at the limit, so the server keeps a bounded number of statements per connection', () => {
    const names = new StatementNames();
    for (let i = 0; i < MAX_PREPARED_STATEMENTS + 50; i += 1) {
      names.nameFor(`SELECT ${i}`);
      names.nameFor(`SELECT ${i}`);
    }
    assert.equal(names.size, MAX_PREPARED_STATEMENTS);
    const early = names.nameFor('SELECT 0');
    assert.ok(early, 'statements named before the limit keep their names');
    assert.equal(names.nameFor(`SELECT ${MAX_PREPARED_STATEMENTS + 10}`), undefined);
  });
});
