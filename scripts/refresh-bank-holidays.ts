// Refreshes src/platform/calendar/bank-holidays.json from GOV.UK.
//
//   npm run bank-holidays:refresh [-- --url <url>] [--file <path>] [--dry-run]
//
// The URL defaults to $BANK_HOLIDAYS_URL, then https://www.gov.uk/bank-holidays.json.
// Years GOV.UK publishes replace the bundled ones; years it no longer lists are kept.
// Nothing is written unless the download and the merged result are valid.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { BUNDLED_BANK_HOLIDAYS_URL } from '../src/platform/calendar/bundled.ts';
import {
  fetchBankHolidays,
  formatMergeSummary,
  GOV_UK_BANK_HOLIDAYS_URL,
  mergeBankHolidays,
  serialiseBankHolidays,
} from '../src/platform/calendar/refresh.ts';

export { validateBankHolidays } from '../src/platform/calendar/bank-holidays-format.ts';
export { mergeBankHolidays, serialiseBankHolidays };

const USAGE = `Usage: node scripts/refresh-bank-holidays.ts [--url <url>] [--file <path>] [--dry-run]
  --url      where to download from (default: $BANK_HOLIDAYS_URL or ${GOV_UK_BANK_HOLIDAYS_URL})
  --file     the file to update (default: src/platform/calendar/bank-holidays.json)
  --dry-run  print what would change, write nothing`;

export async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      url: { type: 'string' },
      file: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const url = values.url ?? (env.BANK_HOLIDAYS_URL || GOV_UK_BANK_HOLIDAYS_URL);
  const file = values.file ?? fileURLToPath(BUNDLED_BANK_HOLIDAYS_URL);

  const bundledText = readFileSync(file, 'utf8');
  let bundled: unknown;
  try {
    bundled = JSON.parse(bundledText);
  } catch (error) {
    throw new Error(`${file} is not JSON: ${(error as Error).message}`);
  }
  console.log(`Fetching ${url}`);
  const fetched = await fetchBankHolidays(url);
  const result = mergeBankHolidays(bundled, fetched);
  console.log(formatMergeSummary(result));

  const text = serialiseBankHolidays(result.data);
  if (text === bundledText) {
    console.log(`${file} is up to date.`);
  } else if (values['dry-run']) {
    console.log(`Dry run: ${file} not written.`);
  } else {
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, text);
    renameSync(temporary, file);
    console.log(`Wrote ${file}.`);
  }
}

if (import.meta.main) {
  main(process.argv.slice(2), process.env).catch((error: unknown) => {
    console.error(`refresh-bank-holidays: ${error instanceof Error ? error.message : error}`);
    process.exitCode = 1;
  });
}
