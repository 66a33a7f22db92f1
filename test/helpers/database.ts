import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type Database, openDatabase } from '../../src/platform/db/database.ts';
import {
  pgliteTemplatePath,
  prepareTemplate,
  serverTemplateName,
  templateKey,
  testServerUrl,
  withDatabaseName,
} from './template.ts';

export interface TestDatabase extends Database {
  /** Close and (on a server) drop the database. */
  destroy(): Promise<void>;
}

/**
 * A fresh, migrated database with the reference data, copied from the template: PGlite
 * in memory by default, or a new database on the server named by TEST_DATABASE_URL or
 * DATABASE_URL. Every test file gets its own, so files can run in parallel.
 */
export async function testDatabase(): Promise<TestDatabase> {
  await prepareTemplate();
  const key = await templateKey();
  const serverUrl = testServerUrl();
  if (!serverUrl) {
    const dump = readFileSync(pgliteTemplatePath(key));
    const database = await openDatabase({ kind: 'pglite', loadDataDir: new Blob([dump]) });
    return { ...database, destroy: () => database.close() };
  }
  const name = `childvoice_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = await openDatabase({ kind: 'postgres', url: serverUrl, poolSize: 1 });
  await admin.exec(`CREATE DATABASE ${name} TEMPLATE ${serverTemplateName(key)}`);
  await admin.close();
  const database = await openDatabase({ kind: 'postgres', url: withDatabaseName(serverUrl, name), poolSize: 5 });
  return {
    ...database,
    destroy: async () => {
      await database.close();
      const cleanup = await openDatabase({ kind: 'postgres', url: serverUrl, poolSize: 1 });
      await cleanup.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.close();
    },
  };
}
