import type { Db } from '../../../platform/db/database.ts';
import { matchPeopleOfNewCase } from '../manual/submit.ts';
import { FEED_ACTOR, type ImportSummary } from './upsert.ts';

/**
 * After an import has committed: look for earlier identities of the children and adults
 * it added (DOMAIN §3.1 step 2), one case per transaction, so a matching problem never
 * undoes the import; it is reported as a warning and can be run again from the case
 * (Find matches again). Returns how many candidates were found.
 */
export async function matchImportedPeople(db: Db, summary: ImportSummary, now: Date): Promise<number> {
  let found = 0;
  for (const r of summary.results) {
    if (!r.caseId || r.peopleAdded === 0 || r.outcome === 'rejected') continue;
    try {
      found += await matchPeopleOfNewCase(db, { caseId: r.caseId, actor: FEED_ACTOR, now });
    } catch (error) {
      summary.warnings.push(
        `Court case ${r.ccdId}: previous proceedings could not be looked for (${(error as Error).message}).`,
      );
    }
  }
  return found;
}
