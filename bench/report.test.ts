import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { withRowAfterLastFullRun } from './report.ts';

describe('bench/RESULTS.md rows', () => {
  it('go after the last full run, before the sections that follow', () => {
    const page = [
      '# Benchmark results',
      '',
      '| Date | Commit | DB | Cases |',
      '| --- | --- | --- | --- |',
      '| 2026-11-22 20:53 | a | server | 6021 |',
      '',
      '## Other benches',
      '',
      '| Date | Bench |',
      '| --- | --- |',
      '| 2026-11-22 22:28 | person-match |',
      '',
    ].join('\n');
    const next = withRowAfterLastFullRun(page, '| 2026-11-23 09:00 | b | server | 6021 |');
    const lines = next.split('\n');
    assert.equal(lines[5], '| 2026-11-23 09:00 | b | server | 6021 |');
    assert.equal(lines[7], '## Other benches');
    assert.equal(lines.at(-2), '| 2026-11-22 22:28 | person-match |');
  });

  it('start the table under its header when it has no rows yet, and append when there is no table', () => {
    const empty = '| Date | Commit | DB | Cases |\n| --- | --- | --- | --- |\n';
    assert.equal(withRowAfterLastFullRun(empty, '| x |'), `${empty}| x |\n`);
    assert.equal(withRowAfterLastFullRun('# Results\n', '| x |'), '# Results\n| x |\n');
  });
});
