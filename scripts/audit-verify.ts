import { loadConfig } from '../src/config.ts';
import { verifyAuditChain } from '../src/platform/audit/audit.ts';
import { openDatabase } from '../src/platform/db/database.ts';

/**
 * `npm run audit:verify`: walk the audit trail in order, recompute every row's hash and
 * check the chain and its head. Exits 1 and lists the problems if anything was altered,
 * removed or reordered.
 */
const config = loadConfig();
const database = config.database.url
  ? await openDatabase({ kind: 'postgres', url: config.database.url, poolSize: 1 })
  : await openDatabase({ kind: 'pglite', dataDir: config.database.dataDir });
try {
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
