import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readFlags } from './flags.ts';

describe('bench flags', () => {
  const parse = (argv: string[]) => {
    const seen: Record<string, unknown> = {};
    readFlags(argv, {
      '--url': (v) => {
        seen.url = v.text();
      },
      '--reps': (v) => {
        seen.reps = v.count(1, 10);
      },
      '--quick': () => {
        seen.quick = true;
      },
    });
    return seen;
  };

  it('reads values and switches in any order', () => {
    assert.deepEqual(parse(['--quick', '--reps', '3', '--url', 'postgres://x']), {
      quick: true,
      reps: 3,
      url: 'postgres://x',
    });
    assert.deepEqual(parse([]), {});
  });

  it('refuses unknown flags, missing values and numbers out of range', () => {
    assert.throws(() => parse(['--rep', '3']), /unknown option --rep/);
    assert.throws(() => parse(['--url']), /--url needs a value/);
    assert.throws(() => parse(['--reps', '0']), /--reps takes a whole number from 1 to 10/);
    assert.throws(() => parse(['--reps', '2.5']), /whole number/);
  });
});
