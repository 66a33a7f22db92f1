import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../../platform/db/database.ts';
import type { KnownState } from './import-types.ts';

/** What we know of a court case, read in one statement (after its lock is held). */
export async function loadState(tx: Executor, ccdId: string): Promise<KnownState | undefined> {
  const [row] = await queryRows<{
    case_id: string;
    payload_hash: string;
    previous_raw: string | null;
    links: KnownState['links'];
    contacts: KnownState['contacts'];
    documents: { document_id: string; removed_at: string | null }[];
  }>(
    tx,
    sql`SELECT h.case_id, h.payload_hash,
        (SELECT s.raw FROM hmcts_snapshot s WHERE s.ccd_id = h.ccd_id AND s.outcome IN ('created', 'updated')
          ORDER BY s.id DESC LIMIT 1) AS previous_raw,
        (SELECT coalesce(json_agg(x), '[]'::json) FROM (
          SELECT 'child' AS kind, l.element_id, l.child_id AS id, c.person_id FROM hmcts_child_link l
            JOIN case_child c ON c.id = l.child_id WHERE l.ccd_id = h.ccd_id
          UNION ALL
          SELECT 'party', l.element_id, l.party_id, p.person_id FROM hmcts_party_link l
            JOIN case_party p ON p.id = l.party_id WHERE l.ccd_id = h.ccd_id) x) AS links,
        (SELECT coalesce(json_agg(json_build_object('id', d.id, 'person_id', d.person_id, 'kind', d.kind,
            'address_lines', d.address_lines, 'postcode', d.postcode, 'value', d.value, 'confidential', d.confidential)), '[]'::json)
          FROM contact_detail d WHERE d.case_id = h.case_id) AS contacts,
        (SELECT coalesce(json_agg(json_build_object('document_id', d.document_id, 'removed_at', d.removed_at)), '[]'::json)
          FROM hmcts_document d WHERE d.ccd_id = h.ccd_id) AS documents
      FROM hmcts_case h WHERE h.ccd_id = ${ccdId}`,
  );
  if (!row) return undefined;
  const parse = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;
  return {
    caseId: row.case_id,
    payloadHash: row.payload_hash,
    previousRaw: row.previous_raw,
    links: parse(row.links),
    contacts: parse(row.contacts),
    documents: parse<{ document_id: string; removed_at: string | null }[]>(row.documents).map((d) => ({
      documentId: d.document_id,
      removedAt: d.removed_at,
    })),
  };
}
