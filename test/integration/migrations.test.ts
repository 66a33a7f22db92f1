import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { type Database, openDatabase } from '../../src/platform/db/database.ts';
import { migrate, readMigrations } from '../../src/platform/db/migrate.ts';
import { testServerUrl, withDatabaseName } from '../helpers/template.ts';

/** An empty database of the kind under test: a new PGlite, or a new database on the server. */
async function emptyDatabase(): Promise<{ database: Database; drop: () => Promise<void> }> {
  const url = testServerUrl();
  if (!url) {
    const database = await openDatabase({ kind: 'pglite' });
    return { database, drop: () => database.close() };
  }
  const name = `childvoice_empty_${randomBytes(4).toString('hex')}`;
  const admin = await openDatabase({ kind: 'postgres', url, poolSize: 1 });
  await admin.exec(`CREATE DATABASE ${name}`);
  await admin.close();
  const database = await openDatabase({ kind: 'postgres', url: withDatabaseName(url, name), poolSize: 2 });
  return {
    database,
    drop: async () => {
      await database.close();
      const cleanup = await openDatabase({ kind: 'postgres', url, poolSize: 1 });
      await cleanup.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.close();
    },
  };
}

describe('migrations', () => {
  it('apply every migration to an empty database, once, and record them', async () => {
    const { database, drop } = await emptyDatabase();
    try {
      const all = await readMigrations();
      assert.ok(all.length >= 2);
      const applied = await migrate(database);
      assert.deepEqual(
        applied,
        all.map((m) => m.name),
      );
      assert.deepEqual(await migrate(database), []);
      const tables = await database.query<{ table_name: string }>(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
      );
      const names = tables.map((t) => t.table_name);
      for (const expected of ['audit_event', 'case_record', 'person', 'session', 'timeline_event', 'user_account']) {
        assert.ok(names.includes(expected), expected);
      }
      const trgm = await database.query<{ extname: string }>(
        "SELECT extname FROM pg_extension WHERE extname = 'pg_trgm'",
      );
      assert.equal(trgm.length, 1);
    } finally {
      await drop();
    }
  });

  it('refuse to start when an applied migration has been edited', async () => {
    const { database, drop } = await emptyDatabase();
    try {
      const all = await readMigrations();
      await migrate(database, all);
      const edited = all.map((m, i) => (i === 0 ? { ...m, checksum: 'changed' } : m));
      await assert.rejects(migrate(database, edited), /has changed since it was applied/);
    } finally {
      await drop();
    }
  });

  it('leave the database as it was when a migration fails', async () => {
    const { database, drop } = await emptyDatabase();
    try {
      const broken = [
        { name: '9000_ok.sql', sql: 'CREATE TABLE migration_probe (id int);', checksum: 'a' },
        {
          name: '9001_broken.sql',
          sql: 'CREATE TABLE migration_probe_2 (id int); SELECT no_such_function();',
          checksum: 'b',
        },
      ];
      await assert.rejects(migrate(database, broken));
      const probe = await database.query(
        "SELECT 1 FROM information_schema.tables WHERE table_name LIKE 'migration_probe%'",
      );
      assert.equal(probe.length, 0);
      const recorded = await database.query('SELECT name FROM schema_migration');
      assert.equal(recorded.length, 0);
    } finally {
      await drop();
    }
  });
});
