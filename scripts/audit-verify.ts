import { loadConfigOrExit } from '../src/config.ts';
import { verifyAuditChain } from '../src/platform/audit/audit.ts';
import { openConfiguredDatabase } from '../src/platform/db/database.ts';
import { readMigrations } from '../src/platform/db/migrate.ts';

/**
 * `npm run audit:verify`: walk the audit trail in order, recompute every row's hash and
 * check the chain and its head. Exits 1 and lists the problems if anything was altered,
 * removed or reordered.
 */
const config = loadConfigOrExit();
const database = await openConfiguredDatabase(config.database, 1);
try {
  const [migrated] = await database.query<{ present: boolean }>(
    "SELECT to_regclass('public.schema_migration') IS NOT NULL AS present",
  );
  const applied = migrated?.present ? await database.query<{ name: string }>('SELECT name FROM schema_migration') : [];
  const pending = (await readMigrations()).filter((m) => !applied.some((a) => a.name === m.name));
  if (pending.length > 0) {
    console.error(
      `This database is not at the current version (${pending.length} migration(s) to apply): start the service once to bring it up to date.`,
    );
    process.exit(1);
  }
  const started = Date.now();
  const result = await verifyAuditChain(database.db);
  if (result.ok) {
    console.log(`Audit trail verified: ${result.rowsChecked} rows, chain intact (${Date.now() - started} ms).`);
  } else {
    console.error(`Audit trail FAILED verification after ${result.rowsChecked} rows:`);
    for (const p of result.problems) console.error(`  - ${p}`);
    process.exitCode = 1;
  }
} finally {
  await database.close();
}
