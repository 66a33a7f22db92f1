import { loadConfigOrExit } from '../src/config.ts';
import { syncReferenceData } from '../src/modules/organisation/service.ts';
import { appendAudit } from '../src/platform/audit/audit.ts';
import { type Database, openConfiguredDatabase } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { type GenerateResult, GeneratorRefusal, generate, tableCounts } from './generate/generate.ts';
import { parseGeneratorArgs, USAGE } from './generate/options.ts';
import { createProgress, formatDuration } from './generate/progress.ts';
import { resetGenerated } from './generate/reset.ts';

/**
 * `npm run generate -- --cases N [--seed S] [--years Y] [--batch N] [--reset]`: fill the
 * configured database with realistic synthetic data (see scripts/generate/). Exit codes:
 * 0 done, 1 failed or refused, 2 bad command line, 130 stopped by Ctrl-C (resumable).
 */
const number = new Intl.NumberFormat('en-GB');

function printSummary(result: GenerateResult, totals: Record<string, number>) {
  const seconds = result.elapsedMs / 1000;
  const written = result.done - result.startedWith;
  const timeline = result.rows.timeline_event ?? 0;
  const allRows = Object.values(result.rows).reduce((a, b) => a + b, 0);
  console.log(
    `\n${result.status === 'complete' ? 'Done' : 'Stopped'}: ${number.format(written)} cases written in ${formatDuration(result.elapsedMs)}` +
      (result.startedWith > 0 ? ` (resumed after ${number.format(result.startedWith)})` : '') +
      `; ${number.format(result.done)} of ${number.format(result.total)} cases in the database.`,
  );
  if (seconds > 0 && written > 0) {
    console.log(
      `Rates: ${number.format(Math.round(written / seconds))} cases/s, ` +
        `${number.format(Math.round(timeline / seconds))} timeline rows/s, ${number.format(Math.round(allRows / seconds))} rows/s in all.`,
    );
  }
  console.log('\nRows            written now   now in the database');
  for (const [table, total] of Object.entries(totals)) {
    console.log(
      `  ${table.padEnd(26)} ${number.format(result.rows[table] ?? 0).padStart(12)} ${number.format(total).padStart(14)}`,
    );
  }
  console.log(
    `\nSeed ${result.settings.seed}, ${result.settings.years} years of cases to ${result.settings.until.toISOString().slice(0, 10)}.`,
  );
}

async function run(
  database: Database,
  options: Extract<ReturnType<typeof parseGeneratorArgs>, { ok: true }>['options'],
) {
  const applied = await migrate(database);
  if (applied.length > 0) console.log(`Applied ${applied.length} database migration(s).`);
  await syncReferenceData(database.db);
  if (options.reset) {
    const started = Date.now();
    const removed = await resetGenerated(database);
    await database.db.transaction((tx) =>
      appendAudit(tx, { userId: null, role: 'generator', requestId: null, clientIp: null }, new Date(), [
        {
          action: 'change',
          resourceType: 'generated-data',
          resourceIds: [String(removed.cases)],
          reason: `Generated data removed: ${removed.cases} cases, ${removed.persons} people, ${removed.staff} staff, ${removed.teams} teams`,
        },
      ]),
    );
    console.log(
      `Removed generated data in ${formatDuration(Date.now() - started)}: ${number.format(removed.cases)} cases, ` +
        `${number.format(removed.persons)} people, ${number.format(removed.staff)} staff, ${number.format(removed.teams)} teams.` +
        (removed.staffKept > 0 ? ` Kept ${removed.staffKept} generated staff that other records refer to.` : ''),
    );
  }
  if (options.cases === null) return 0;
  const stop = new AbortController();
  let interrupts = 0;
  process.on('SIGINT', () => {
    interrupts += 1;
    if (interrupts > 1) {
      console.error('\nStopped at once: the chunk in progress was not written. Run the same command to resume.');
      process.exit(130);
    }
    console.error('\nStopping after the chunk in progress (Ctrl-C again to stop at once)…');
    stop.abort();
  });
  console.log(
    `Generating ${number.format(options.cases)} cases (seed ${options.seed}, ${options.years} years, ` +
      `${number.format(options.batch)} cases per transaction) into ${database.kind === 'pglite' ? 'PGlite' : 'PostgreSQL'}…`,
  );
  let progress: ReturnType<typeof createProgress> | undefined;
  const result = await generate(database, {
    cases: options.cases,
    seed: options.seed,
    years: options.years,
    batch: options.batch,
    signal: stop.signal,
    onStart: (start) => {
      progress = createProgress(start);
    },
    onProgress: (p) => progress?.update(p.done, p.timelineRows),
  });
  progress?.finish();
  if (result.status === 'already-complete') {
    console.log(
      `Nothing to do: the database already holds all ${number.format(result.done)} generated cases of this run.`,
    );
    return 0;
  }
  printSummary(result, await tableCounts(database));
  if (result.status === 'stopped') {
    console.log('Run the same command again to resume.');
    return 130;
  }
  return 0;
}

async function main(): Promise<number> {
  const parsed = parseGeneratorArgs(process.argv.slice(2));
  if (!parsed.ok) {
    console.error(`${parsed.message}\n\n${USAGE}`);
    return 2;
  }
  const config = loadConfigOrExit();
  const database = await openConfiguredDatabase(config.database, 2);
  try {
    return await run(database, parsed.options);
  } catch (error) {
    if (error instanceof GeneratorRefusal) {
      console.error(error.message);
      return 1;
    }
    throw error;
  } finally {
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
