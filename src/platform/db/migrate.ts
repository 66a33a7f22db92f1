import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import type { Database } from './database.ts';

export const MIGRATIONS_DIR = new URL('../../../db/migrations/', import.meta.url);

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export async function readMigrations(dir: URL = MIGRATIONS_DIR): Promise<Migration[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.sql')).sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(new URL(name, dir), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    }),
  );
}

/**
 * Apply every migration not yet applied, in file-name order, in one transaction
 * under an advisory lock, so that several processes starting at once apply each
 * migration exactly once and a failed migration leaves the database as it was.
 * An applied migration whose file has changed stops start-up.
 */
export async function migrate(database: Database, migrations?: Migration[]): Promise<string[]> {
  const all = migrations ?? (await readMigrations());
  await database.exec(`CREATE TABLE IF NOT EXISTS schema_migration (
    name text PRIMARY KEY,
    checksum text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
  const script = ['BEGIN;', "SELECT pg_advisory_xact_lock(hashtext('childvoice:migrations'));"];
  const applied = await database.query<{ name: string; checksum: string }>(
    'SELECT name, checksum FROM schema_migration ORDER BY name',
  );
  const appliedByName = new Map(applied.map((m) => [m.name, m.checksum]));
  for (const m of all) {
    if (!/^[\w.-]+$/.test(m.name))
      throw new Error(`Migration file name ${m.name} has characters that are not allowed.`);
    const known = appliedByName.get(m.name);
    if (known && known !== m.checksum) {
      throw new Error(`Migration ${m.name} has changed since it was applied. Write a new migration instead.`);
    }
  }
  const pending = all.filter((m) => !appliedByName.has(m.name));
  if (pending.length === 0) return [];
  for (const m of pending) {
    // Re-check inside the lock: another process may have applied it meanwhile.
    script.push(
      `DO $$ BEGIN IF EXISTS (SELECT 1 FROM schema_migration WHERE name = '${m.name}') THEN RAISE EXCEPTION 'migration-race'; END IF; END $$;`,
      m.sql,
      `INSERT INTO schema_migration (name, checksum) VALUES ('${m.name}', '${m.checksum}');`,
    );
  }
  script.push('COMMIT;');
  try {
    await database.exec(script.join('\n'));
  } catch (error) {
    if (error instanceof Error && error.message.includes('migration-race')) return migrate(database, all);
    throw error;
  }
  return pending.map((m) => m.name);
}
