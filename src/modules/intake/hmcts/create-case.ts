import { randomUUID } from 'node:crypto';
import { type SQL, sql } from 'drizzle-orm';
import { londonDate } from '../../../platform/calendar/index.ts';
import { type Executor, queryRows } from '../../../platform/db/database.ts';
import { reserveCaseReferences } from '../../casework/service.ts';
import type { SnapshotSource, UpsertResult } from './import-types.ts';
import type { MappedCase } from './map.ts';
import { textArray, uuid, values } from './sql-values.ts';
import { courtDataCtes } from './sync-court-data.ts';

/**
 * A new case from its first snapshot, in one statement (data-modifying CTEs; foreign keys are
 * checked at its end): the case, people, children, parties, relationships, contact details,
 * the court links, court dates, hearings, orders and directions, risk signals, documents, the
 * snapshot and the timeline. Ids are made here so the rows can refer to each other. Casework's
 * `createCase` writes the same rows one statement at a time; at ~0.7 ms a round trip that was
 * the import's bottleneck (see bench/hmcts-import.ts).
 */
export async function createInOneStatement(
  tx: Executor,
  input: {
    caseId: string;
    mapped: MappedCase;
    now: Date;
    hash: string;
    raw: string;
    source: SnapshotSource;
    result: UpsertResult;
  },
): Promise<void> {
  const { caseId, mapped, now, result } = input;
  const at = now.toISOString();
  const personOf = new Map<string, string>();
  const childOf = new Map<string, string>();
  const partyOf = new Map<string, string>();
  for (const c of mapped.children) {
    personOf.set(c.elementId, randomUUID());
    childOf.set(c.elementId, randomUUID());
  }
  for (const p of mapped.parties) {
    personOf.set(p.elementId, randomUUID());
    partyOf.set(p.elementId, randomUUID());
  }
  const ctes: SQL[] = [
    sql`cr AS (INSERT INTO case_record (id, reference, law, application_type, status, area_id, court_id, received_on,
        first_hearing_on, created_at, updated_at)
      VALUES (${uuid(caseId)}, ${`HMCTS-${mapped.ccdId}`}, 'private', 'c100', 'received', ${mapped.court.areaId},
        ${mapped.court.courtId}, ${londonDate(now)}::date, ${mapped.firstHearingOn}::date, ${at}::timestamptz, ${at}::timestamptz))`,
    sql`hc AS (INSERT INTO hmcts_case (ccd_id, case_id, court_state, payload_hash, court_last_modified, first_seen_at, last_seen_at)
      SELECT ${mapped.ccdId}, ${uuid(caseId)}, ${mapped.courtState}, ${input.hash}, ${mapped.courtLastModified},
        ${at}::timestamptz, ${at}::timestamptz FROM cr_done)`,
  ];
  // hmcts_case refers to case_record: a one-row CTE makes the order explicit.
  ctes.splice(1, 0, sql`cr_done AS (SELECT 1)`);
  const people = [...mapped.children, ...mapped.parties];
  if (people.length > 0) {
    ctes.push(
      sql`pe AS (INSERT INTO person (id, given_names, family_name, date_of_birth, interpreter_language, created_at) VALUES ${values(
        people.map(
          (p) =>
            sql`(${uuid(personOf.get(p.elementId)!)}, ${p.givenNames}, ${p.familyName}, ${p.dateOfBirth}::date, ${
              'interpreterLanguage' in p ? p.interpreterLanguage : null
            }::text, ${at}::timestamptz)`,
        ),
      )})`,
    );
  }
  if (mapped.children.length > 0) {
    ctes.push(
      sql`ch AS (INSERT INTO case_child (id, case_id, person_id, gender, created_at) VALUES ${values(
        mapped.children.map(
          (c) =>
            sql`(${uuid(childOf.get(c.elementId)!)}, ${uuid(caseId)}, ${uuid(personOf.get(c.elementId)!)}, ${c.gender}::text, ${at}::timestamptz)`,
        ),
      )})`,
    );
    ctes.push(
      sql`cl AS (INSERT INTO hmcts_child_link (ccd_id, element_id, child_id) VALUES ${values(
        mapped.children.map((c) => sql`(${mapped.ccdId}, ${c.elementId}, ${uuid(childOf.get(c.elementId)!)})`),
      )})`,
    );
  }
  if (mapped.parties.length > 0) {
    ctes.push(
      sql`pa AS (INSERT INTO case_party (id, case_id, person_id, party_role, created_at) VALUES ${values(
        mapped.parties.map(
          (p) =>
            sql`(${uuid(partyOf.get(p.elementId)!)}, ${uuid(caseId)}, ${uuid(personOf.get(p.elementId)!)}, ${p.role}, ${at}::timestamptz)`,
        ),
      )})`,
    );
    ctes.push(
      sql`pl AS (INSERT INTO hmcts_party_link (ccd_id, element_id, party_id) VALUES ${values(
        mapped.parties.map((p) => sql`(${mapped.ccdId}, ${p.elementId}, ${uuid(partyOf.get(p.elementId)!)})`),
      )})`,
    );
  }
  if (mapped.relationships.length > 0) {
    ctes.push(
      sql`re AS (INSERT INTO party_child_relationship (party_id, child_id, relationship) VALUES ${values(
        mapped.relationships.map(
          (r) =>
            sql`(${uuid(partyOf.get(r.partyElementId)!)}, ${uuid(childOf.get(r.childElementId)!)}, ${r.relationship})`,
        ),
      )})`,
    );
  }
  const contacts = mapped.parties.flatMap((p) => p.contacts.map((c) => ({ personId: personOf.get(p.elementId)!, c })));
  if (contacts.length > 0) {
    ctes.push(
      sql`co AS (INSERT INTO contact_detail (case_id, person_id, kind, address_lines, postcode, value, confidential, created_at) VALUES ${values(
        contacts.map(
          ({ personId, c }) =>
            sql`(${uuid(caseId)}, ${uuid(personId)}, ${c.kind}, ${c.addressLines ? textArray(c.addressLines) : sql`NULL::text[]`}, ${c.postcode ?? null}::text, ${c.value ?? null}::text, ${c.confidential}, ${at}::timestamptz)`,
        ),
      )})`,
    );
  }
  ctes.push(...courtDataCtes(caseId, mapped, now));
  if (mapped.documents.length > 0) {
    ctes.push(
      sql`docs AS (INSERT INTO hmcts_document (document_id, ccd_id, case_id, file_name, category, listed_at, next_attempt_at) VALUES ${values(
        mapped.documents.map(
          (d) =>
            sql`(${uuid(d.documentId)}, ${mapped.ccdId}, ${uuid(caseId)}, ${d.fileName}, ${d.category}, ${at}::timestamptz, ${at}::timestamptz)`,
        ),
      )} ON CONFLICT (document_id) DO NOTHING RETURNING document_id)`,
    );
  } else {
    ctes.push(sql`docs AS (SELECT NULL::uuid AS document_id WHERE false)`);
  }
  const warnings = result.warnings.length > 0 ? result.warnings.join('\n').slice(0, 4000) : null;
  ctes.push(sql`sn AS (INSERT INTO hmcts_snapshot (ccd_id, received_at, source, payload_hash, raw, outcome, reason, changes)
    VALUES (${mapped.ccdId}, ${at}::timestamptz, ${input.source}, ${input.hash}, ${input.raw}, 'created', ${warnings}::text, '[]'::jsonb) RETURNING id)`);
  ctes.push(sql`tl AS (INSERT INTO timeline_event (case_id, occurred_at, kind, actor_user_id, details)
    SELECT ${uuid(caseId)}, ${at}::timestamptz, 'case-received', NULL::uuid, jsonb_build_object('applicationType', 'c100')
    UNION ALL
    SELECT ${uuid(caseId)}, ${at}::timestamptz, 'hmcts.case-received', NULL::uuid,
      jsonb_build_object('ccdId', ${mapped.ccdId}::text, 'courtState', ${mapped.courtState}::text, 'snapshotId', sn.id) FROM sn)`);
  const [row] = await queryRows<{ snapshot_id: string; documents: number }>(
    tx,
    sql`WITH ${sql.join(ctes, sql`, `)} SELECT (SELECT id FROM sn) AS snapshot_id, (SELECT count(*)::int FROM docs) AS documents`,
  );
  result.outcome = 'created';
  result.snapshotId = Number(row!.snapshot_id);
  result.childrenAdded = mapped.children.length;
  result.partiesAdded = mapped.parties.length;
  result.documentsAdded = row!.documents;
  if (result.documentsAdded < mapped.documents.length) {
    result.warnings.push(
      `${mapped.documents.length - result.documentsAdded} document(s) already listed on another court case: not linked.`,
    );
  }
}

/**
 * Our references (CV-YYYY-nnnnnn) are the next of the year, reserved together as the last
 * step of the transaction: the year's counter row stays locked only until the commit.
 */
export async function assignReferences(tx: Executor, caseIds: string[], now: Date): Promise<void> {
  if (caseIds.length === 0) return;
  const year = Number(londonDate(now).slice(0, 4));
  const first = await reserveCaseReferences(tx, year, caseIds.length);
  await tx.execute(sql`UPDATE case_record c SET reference = ${`CV-${year}-`} || lpad((${first}::int + u.ord::int - 1)::text, 6, '0')
    FROM unnest(${textArray(caseIds)}::uuid[]) WITH ORDINALITY AS u(id, ord) WHERE c.id = u.id`);
}
