import cluster from 'node:cluster';
import { buildApp } from './app.ts';
import { type Config, loadConfigOrExit } from './config.ts';
import { hasAnyAccounts, loadDemoData } from './demo/demo-data.ts';
import { resolveCaseAccess } from './modules/casework/service.ts';
import { httpHmctsPrlClient, startPolling, staticTokens } from './modules/intake/service.ts';
import { cachedPrincipals, syncReferenceData } from './modules/organisation/service.ts';
import { startKpiRefresh } from './modules/performance/service.ts';
import { createCalendar } from './platform/calendar/index.ts';
import { type Database, openConfiguredDatabase } from './platform/db/database.ts';
import { migrate } from './platform/db/migrate.ts';
import { runWorkers, workerIndex } from './processes.ts';

/**
 * Start: configuration, database, migrations, reference and demo data, then the server:
 * in this process, or in APP_PROCESSES worker processes sharing the port (src/processes.ts),
 * which only serve: the database is made ready once, here, before they start.
 */
async function main() {
  const started = Date.now();
  const config = loadConfigOrExit();
  if (cluster.isWorker) {
    await serve(config, await openConfiguredDatabase(config.database), workerIndex());
    return;
  }
  const database = await openConfiguredDatabase(config.database);
  if (database.kind === 'pglite') {
    console.warn(
      `Using the embedded PGlite database in ${config.database.dataDir}. It survives a killed process but does not fsync: ` +
        'do not use it for real data. Set DATABASE_URL to use a PostgreSQL server.',
    );
  }
  const applied = await migrate(database);
  if (applied.length > 0) console.log(`Applied ${applied.length} database migration(s).`);
  await syncReferenceData(database.db);
  if (config.demo.enabled && !(await hasAnyAccounts(database.db))) {
    const signIns = await loadDemoData(database.db, { password: config.demo.password, now: new Date() });
    console.log('\nDemo data loaded. Demo sign-ins (one per role):');
    for (const s of signIns) console.log(`  ${s.email.padEnd(44)} ${s.role}`);
    console.log(`Password for every demo account: ${config.demo.password}\n`);
  }
  const running = () =>
    console.log(
      `Childvoice is running on ${config.publicUrl.origin} (started in ${Date.now() - started} ms` +
        `${config.processes > 1 ? `, ${config.processes} processes` : ''})`,
    );
  if (config.processes === 1) {
    await serve(config, database, null);
    running();
    return;
  }
  await database.close();
  runWorkers(config.processes, running);
}

/** Serve requests: the app, the feed poller (in one process only) and the KPI refresher. */
async function serve(config: Config, database: Database, worker: number | null): Promise<void> {
  const app = await buildApp({
    config,
    database,
    clock: () => new Date(),
    principals: cachedPrincipals(database.db),
    caseAccess: (caseId, now) => resolveCaseAccess(database.db, caseId, now),
  });
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing requests in flight');
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  if (config.hmctsPrl && (worker === null || worker === 1)) {
    // The HMCTS private-law feed: only when configured (never in tests or the demo by default).
    const { baseUrl, authorization, serviceAuthorization, pollSeconds, timeoutSeconds } = config.hmctsPrl;
    const stopPolling = startPolling({
      db: database.db,
      client: httpHmctsPrlClient({
        baseUrl,
        tokens: staticTokens(authorization, serviceAuthorization),
        timeoutMs: timeoutSeconds * 1000,
      }),
      now: () => new Date(),
      intervalMs: pollSeconds * 1000,
      log: (message, detail) => app.log.warn(detail, message),
    });
    app.addHook('onClose', async () => stopPolling());
  }
  // The KPI figures follow the records: changed cases are re-measured every few seconds, in every
  // process (they share the changed cases with SKIP LOCKED and take turns on the sums).
  const stopKpiRefresh = startKpiRefresh({
    db: database.db,
    calendar: createCalendar(),
    now: () => new Date(),
    intervalMs: 5000,
    log: (message, detail) => app.log.warn(detail, message),
  });
  app.addHook('onClose', async () => stopKpiRefresh());
  await app.listen({ host: config.host, port: config.port });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
