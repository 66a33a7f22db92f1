import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { syncReferenceData } from '../../src/modules/organisation/service.ts';
import { openDatabase } from '../../src/platform/db/database.ts';
import { migrate, readMigrations } from '../../src/platform/db/migrate.ts';

const ROOT = new URL('../../', import.meta.url);

/** A key that changes whenever the migrations or the reference data change. */
export async function templateKey(): Promise<string> {
  const hash = createHash('sha256');
  for (const m of await readMigrations()) hash.update(m.name).update(m.checksum);
  const refDir = new URL('src/modules/organisation/reference/', ROOT);
  for (const name of (await readdir(refDir)).sort()) hash.update(name).update(readFileSync(new URL(name, refDir)));
  return hash.digest('hex').slice(0, 12);
}

export function pgliteTemplatePath(key: string): string {
  return fileURLToPath(new URL(`.data/test-templates/pglite-${key}.tar.gz`, ROOT));
}

export function serverTemplateName(key: string): string {
  return `childvoice_template_${key}`;
}

/** The admin connection for tests against a PostgreSQL server, when one is configured. */
export function testServerUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
}

export function withDatabaseName(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * Make the migrated template database once per change of migrations: a PGlite data
 * directory dump on disk, or a template database on the server. Each test file then
 * starts from a copy instead of creating and migrating a database (~4 s) itself.
 */
export async function prepareTemplate(): Promise<{ kind: 'pglite' | 'postgres'; key: string; created: boolean }> {
  const key = await templateKey();
  const serverUrl = testServerUrl();
  if (!serverUrl) {
    const path = pgliteTemplatePath(key);
    if (existsSync(path)) return { kind: 'pglite', key, created: false };
    mkdirSync(fileURLToPath(new URL('.data/test-templates/', ROOT)), { recursive: true });
    const database = await openDatabase({ kind: 'pglite' });
    await migrate(database);
    await syncReferenceData(database.db);
    const client = (database.db as unknown as { $client: { dumpDataDir(c: 'gzip'): Promise<Blob> } }).$client;
    const blob = await client.dumpDataDir('gzip');
    await database.close();
    writeFileSync(`${path}.tmp`, Buffer.from(await blob.arrayBuffer()));
    renameSync(`${path}.tmp`, path);
    return { kind: 'pglite', key, created: true };
  }
  const name = serverTemplateName(key);
  const admin = await openDatabase({ kind: 'postgres', url: serverUrl, poolSize: 1 });
  try {
    const existing = await admin.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname = $1', [
      name,
    ]);
    if (existing.length > 0) return { kind: 'postgres', key, created: false };
    await admin.exec(`CREATE DATABASE ${name}`);
    const template = await openDatabase({ kind: 'postgres', url: withDatabaseName(serverUrl, name), poolSize: 1 });
    await migrate(template);
    await syncReferenceData(template.db);
    await template.close();
    await admin.exec(`ALTER DATABASE ${name} WITH is_template = true`);
    return { kind: 'postgres', key, created: true };
  } finally {
    await admin.close();
  }
}
