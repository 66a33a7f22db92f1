import { existsSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfigOrExit } from '../src/config.ts';
import { importSearchResponseFile, summaryJson } from '../src/modules/intake/service.ts';
import { syncReferenceData } from '../src/modules/organisation/service.ts';
import { openConfiguredDatabase } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';

/**
 * `npm run import:hmcts -- --file F.json`: import a saved HMCTS private-law search response
 * (the body of `GET /cases/searchCases`) into the configured database and print one JSON
 * summary line. Exit codes: 0 imported, 1 failed, 2 bad command line or unreadable file.
 */
const USAGE = 'Usage: npm run import:hmcts -- --file <search-response.json>';

function usageError(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

let file: string | undefined;
try {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { file: { type: 'string' }, help: { type: 'boolean' } },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  file = values.file;
} catch (error) {
  usageError((error as Error).message);
}
if (!file) usageError('Name the file to import with --file.');
if (!existsSync(file) || !statSync(file).isFile()) usageError(`No such file: ${file}`);

const config = loadConfigOrExit();
const database = await openConfiguredDatabase(config.database, 2);
try {
  await migrate(database);
  await syncReferenceData(database.db);
  const summary = await importSearchResponseFile(database.db, file, new Date());
  console.log(summaryJson(summary));
} catch (error) {
  console.error(`Import failed: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await database.close();
}
