import type { AuditActor } from '../../../platform/audit/audit.ts';
import type { MappedContact } from './map.ts';

/** What an import of HMCTS snapshots reports, and what it knows of a court case already taken in. */
export type SnapshotSource = 'poll' | 'file';

export type SnapshotOutcome = 'created' | 'updated' | 'unchanged' | 'rejected';

/** The feed writes as the system: no person, role `hmcts-feed`. */
export const FEED_ACTOR: AuditActor = { userId: null, role: 'hmcts-feed', requestId: null, clientIp: null };

export interface UpsertResult {
  outcome: SnapshotOutcome;
  ccdId: string | null;
  caseId: string | null;
  snapshotId: number;
  reason: string | null;
  warnings: string[];
  childrenAdded: number;
  partiesAdded: number;
  documentsAdded: number;
}

export interface ImportSummary {
  cases: { created: number; updated: number; unchanged: number };
  rejected: number;
  children: number;
  parties: number;
  documents: number;
  warnings: string[];
  /** Each court case of the response and what became of it (not printed by the command). */
  results: {
    ccdId: string | null;
    caseId: string | null;
    outcome: SnapshotOutcome;
    reason: string | null;
    /** Children and adults this snapshot added to our case (to be matched with earlier cases). */
    peopleAdded: number;
  }[];
}

export interface KnownState {
  caseId: string;
  payloadHash: string;
  previousRaw: string | null;
  links: { kind: 'child' | 'party'; element_id: string; id: string; person_id: string }[];
  contacts: {
    id: string;
    person_id: string;
    kind: MappedContact['kind'];
    address_lines: string[] | null;
    postcode: string | null;
    value: string | null;
    confidential: boolean;
  }[];
  documents: { documentId: string; removedAt: string | null }[];
}

export function emptySummary(): ImportSummary {
  return {
    cases: { created: 0, updated: 0, unchanged: 0 },
    rejected: 0,
    children: 0,
    parties: 0,
    documents: 0,
    warnings: [],
    results: [],
  };
}

export function addToSummary(summary: ImportSummary, r: UpsertResult): void {
  summary.results.push({
    ccdId: r.ccdId,
    caseId: r.caseId,
    outcome: r.outcome,
    reason: r.reason,
    peopleAdded: r.childrenAdded + r.partiesAdded,
  });
  if (r.outcome === 'rejected') summary.rejected += 1;
  else summary.cases[r.outcome] += 1;
  summary.children += r.childrenAdded;
  summary.parties += r.partiesAdded;
  summary.documents += r.documentsAdded;
  const prefix = r.ccdId ? `${r.ccdId}: ` : '';
  if (r.outcome === 'rejected' && r.reason) summary.warnings.push(`${prefix}rejected: ${r.reason}`);
  for (const w of r.warnings) summary.warnings.push(`${prefix}${w}`);
}
