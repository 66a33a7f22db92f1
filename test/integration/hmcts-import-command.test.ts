import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { importSearchResponseFile, summaryJson } from '../../src/modules/intake/service.ts';
import { type TestDatabase, testDatabase } from '../helpers/database.ts';
import { SEARCH_RESPONSE_FILE } from './hmcts-stand-in.ts';

const NODE = fileURLToPath(new URL('../../node_modules/.bin/node', import.meta.url));
const SCRIPT = fileURLToPath(new URL('../../scripts/import-hmcts.ts', import.meta.url));

describe('npm run import:hmcts', () => {
  let database: TestDatabase;
  before(async () => {
    database = await testDatabase();
  });
  after(() => database.destroy());

  it('imports a saved search response; the same file again creates nothing', async () => {
    const path = fileURLToPath(SEARCH_RESPONSE_FILE);
    const first = await importSearchResponseFile(database.db, path, new Date('2026-03-02T09:00:00Z'));
    assert.equal(
      summaryJson(first),
      '{"cases":{"created":2,"updated":0,"unchanged":0},"children":2,"parties":4,"documents":2,"warnings":[],"rejected":0}',
    );
    const second = await importSearchResponseFile(database.db, path, new Date('2026-03-02T10:00:00Z'));
    assert.deepEqual(JSON.parse(summaryJson(second)), {
      cases: { created: 0, updated: 0, unchanged: 2 },
      children: 0,
      parties: 0,
      documents: 0,
      warnings: [],
      rejected: 0,
    });
  });

  it('a file that is not JSON is kept as one rejected snapshot and reported', async () => {
    const path = join(tmpdir(), `hmcts-bad-${process.pid}.json`);
    writeFileSync(path, 'not json at all');
    const summary = await importSearchResponseFile(database.db, path, new Date('2026-03-02T11:00:00Z'));
    assert.equal(summary.rejected, 1);
    assert.match(summary.warnings[0] ?? '', /Not valid JSON/);
  });

  const run = (args: string[]) =>
    spawnSync(NODE, [SCRIPT, ...args], {
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: '' },
      timeout: 30_000,
    });

  it('refuses a bad command line with a clear message and exit code 2', () => {
    for (const [args, message] of [
      [[], /Name the file to import with --file/],
      [['--fil', 'x.json'], /Unknown option '--fil'/],
      [['--file', '/no/such/file.json'], /No such file: \/no\/such\/file\.json/],
    ] as const) {
      const r = run([...args]);
      assert.equal(r.status, 2, `exit code for ${args.join(' ')}`);
      assert.match(r.stderr, message);
      assert.match(r.stderr, /Usage: npm run import:hmcts -- --file/);
      assert.equal(r.stdout, '');
    }
  });
});
