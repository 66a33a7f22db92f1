import { readFileSync } from 'node:fs';
import { type BankHolidaysFile, validateBankHolidays } from './bank-holidays-format.ts';

/** The bundled GOV.UK-format data, refreshed by `npm run bank-holidays:refresh`. */
export const BUNDLED_BANK_HOLIDAYS_URL = new URL('./bank-holidays.json', import.meta.url);

/** Reads and validates the bundled bank-holidays.json (a fresh copy on every call). */
export function loadBundledBankHolidays(): BankHolidaysFile {
  const text = readFileSync(BUNDLED_BANK_HOLIDAYS_URL, 'utf8');
  return validateBankHolidays(JSON.parse(text), 'src/platform/calendar/bank-holidays.json');
}
