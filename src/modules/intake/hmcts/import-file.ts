import { readFile } from 'node:fs/promises';
import type { Db } from '../../../platform/db/database.ts';
import { matchImportedPeople } from './previous-proceedings.ts';
import { type ImportSummary, importSearchResponse } from './upsert.ts';

/** The one-line summary the import command prints (key order fixed for readers and scripts). */
export function summaryJson(summary: ImportSummary): string {
  return JSON.stringify({
    cases: summary.cases,
    children: summary.children,
    parties: summary.parties,
    documents: summary.documents,
    warnings: summary.warnings,
    rejected: summary.rejected,
  });
}

/**
 * Import a saved PRL search response (`GET /cases/searchCases` body) from a file: the same
 * upsert as the poller, source `file`. Importing the same file twice creates nothing.
 */
export async function importSearchResponseFile(db: Db, path: string, now: Date): Promise<ImportSummary> {
  const body = await readFile(path, 'utf8');
  const summary = await importSearchResponse(db, { body, source: 'file', now });
  await matchImportedPeople(db, summary, now);
  return summary;
}
