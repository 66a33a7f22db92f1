import { randomUUID } from 'node:crypto';
import { eq, inArray, type SQL, sql } from 'drizzle-orm';
import { type AuditActor, type AuditEntry, appendAudit } from '../../../platform/audit/audit.ts';
import { londonDate } from '../../../platform/calendar/index.ts';
import { type Db, type Executor, queryRows } from '../../../platform/db/database.ts';
import { reserveCaseReferences } from '../../casework/service.ts';
import { hmctsCase, hmctsDocument, hmctsSnapshot } from '../schema.ts';
import {
  type CourtDirectory,
  changedKeys,
  courtDirectory,
  type MappedCase,
  type MappedContact,
  mapPrlCase,
  payloadHash,
  sameContact,
  sha256,
} from './map.ts';
import { caseDetailSchema, describeIssues, searchResponseSchema } from './payload.ts';

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

/** The court table, read once per import. */
export async function loadCourtDirectory(db: Executor): Promise<CourtDirectory> {
  const rows = await queryRows<{ id: string; name: string; area_id: string | null; nation: string }>(
    db,
    sql`SELECT id, name, area_id, nation FROM court`,
  );
  return courtDirectory(rows.map((r) => ({ id: r.id, name: r.name, areaId: r.area_id, nation: r.nation })));
}

/** Store a payload that could not be imported, raw, with the reason. Nothing else is written. */
export async function recordRejected(
  db: Executor,
  input: { raw: string; ccdId: string | null; reason: string; source: SnapshotSource; now: Date },
): Promise<number> {
  const [row] = await db
    .insert(hmctsSnapshot)
    .values({
      ccdId: input.ccdId,
      receivedAt: input.now,
      source: input.source,
      payloadHash: sha256(input.raw),
      raw: input.raw,
      outcome: 'rejected',
      reason: input.reason.slice(0, 2000),
      changes: [],
    })
    .returning({ id: hmctsSnapshot.id });
  return row!.id;
}

function rejected(snapshotId: number, ccdId: string | null, reason: string): UpsertResult {
  return {
    outcome: 'rejected',
    ccdId,
    caseId: null,
    snapshotId,
    reason,
    warnings: [],
    childrenAdded: 0,
    partiesAdded: 0,
    documentsAdded: 0,
  };
}

/** The id of a case object that failed validation, if it can be read at all (for the snapshot list). */
function looseCcdId(value: unknown): string | null {
  const id = (value as { id?: unknown } | null)?.id;
  if (typeof id === 'number' && Number.isSafeInteger(id) && id > 0) return String(id);
  if (typeof id === 'string' && /^\d{1,19}$/.test(id)) return id;
  return null;
}

const textArray = (values: readonly string[]): SQL =>
  values.length === 0
    ? sql`'{}'::text[]`
    : sql`ARRAY[${sql.join(
        values.map((v) => sql`${v}`),
        sql`, `,
      )}]::text[]`;
const json = (value: unknown): SQL => sql`${JSON.stringify(value)}::jsonb`;

/** The database error under Drizzle's wrapper: its code, constraint and server message (never the parameters). */
function databaseError(error: unknown): { code?: string; constraint?: string; message: string } {
  const e = error as { code?: unknown; constraint?: unknown; message?: unknown; cause?: unknown };
  const inner = (e?.cause ?? e) as { code?: unknown; constraint?: unknown; message?: unknown };
  return {
    code: typeof inner?.code === 'string' ? inner.code : undefined,
    constraint: typeof inner?.constraint === 'string' ? inner.constraint : undefined,
    message: typeof inner?.message === 'string' ? inner.message.split('\n')[0]!.slice(0, 300) : 'error',
  };
}

/** A case reference taken by a concurrent intake, or a deadlock: worth trying again. */
function retryable(error: ReturnType<typeof databaseError>): boolean {
  return (
    error.code === '40001' ||
    error.code === '40P01' ||
    (error.code === '23505' && error.constraint === 'case_record_reference_unique')
  );
}

/**
 * Upsert one case snapshot on its CCD id, in ONE transaction (a savepoint when called inside
 * a window's transaction): the raw payload and its hash, the case (created or updated), its
 * children, parties, relationships, contact details, court dates, hearings, orders and
 * directions, risk signals and documents, the timeline entry and the audit row. If anything
 * fails, none of it is written and the payload is stored raw as `rejected` with the reason.
 */
export async function upsertCaseSnapshot(
  db: Executor,
  input: {
    caseObject: unknown;
    raw?: string;
    source: SnapshotSource;
    now: Date;
    courts: CourtDirectory;
    /** When given, new cases are listed here and numbered by the caller (see importSearchResponse). */
    createdCases?: string[];
    /** When given, audit rows are collected here and appended by the caller in the same transaction. */
    auditEntries?: AuditEntry[];
  },
): Promise<UpsertResult> {
  const raw = input.raw ?? JSON.stringify(input.caseObject);
  const parsed = caseDetailSchema.safeParse(input.caseObject);
  if (!parsed.success) {
    const ccdId = looseCcdId(input.caseObject);
    const reason = ccdId ? `Case failed validation: ${describeIssues(parsed.error)}` : 'Case has no valid id';
    return rejected(
      await recordRejected(db, { raw, ccdId, reason, source: input.source, now: input.now }),
      ccdId,
      reason,
    );
  }
  const mapped = mapPrlCase(parsed.data, input.courts);
  if (mapped.welsh) {
    const reason = 'Court in Wales (HMCTS region 7): not in the Cafcass England feed; not imported.';
    return rejected(
      await recordRejected(db, { raw, ccdId: mapped.ccdId, reason, source: input.source, now: input.now }),
      mapped.ccdId,
      reason,
    );
  }
  const hash = payloadHash(input.caseObject);
  // The common case in overlapping windows: the same payload again. One statement (atomic on
  // its own): last seen moves and the snapshot is kept, only if the hash still matches.
  const [same] = await queryRows<{ id: string; case_id: string }>(
    db,
    sql`WITH h AS (UPDATE hmcts_case SET last_seen_at = ${isoNow(input)} WHERE ccd_id = ${mapped.ccdId} AND payload_hash = ${hash}
          RETURNING ccd_id, case_id)
        INSERT INTO hmcts_snapshot (ccd_id, received_at, source, payload_hash, raw, outcome, changes)
        SELECT h.ccd_id, ${isoNow(input)}, ${input.source}, ${hash}, ${raw}, 'unchanged', '[]'::jsonb FROM h
        RETURNING id, (SELECT case_id FROM h) AS case_id`,
  );
  if (same) {
    return {
      outcome: 'unchanged',
      ccdId: mapped.ccdId,
      caseId: same.case_id,
      snapshotId: Number(same.id),
      reason: null,
      warnings: [],
      childrenAdded: 0,
      partiesAdded: 0,
      documentsAdded: 0,
    };
  }
  for (let attempt = 1; ; attempt += 1) {
    try {
      // Inside a window's transaction this is a savepoint: a failing case is undone alone.
      const { deferredAudit, ...result } = await (db as Db).transaction((tx) =>
        applySnapshot(tx as Executor, { ...input, raw, mapped, hash }),
      );
      if (result.outcome === 'created' && input.createdCases) input.createdCases.push(result.caseId!);
      if (deferredAudit && input.auditEntries) input.auditEntries.push(deferredAudit);
      return result;
    } catch (error) {
      const failure = databaseError(error);
      if (attempt < 3 && !input.createdCases && retryable(failure)) continue;
      const reason = `Import failed: ${[failure.code, failure.message].filter(Boolean).join(' ')}`;
      return rejected(
        await recordRejected(db, { raw, ccdId: mapped.ccdId, reason, source: input.source, now: input.now }),
        mapped.ccdId,
        reason,
      );
    }
  }
}

const isoNow = (input: { now: Date }) => input.now.toISOString();

interface KnownState {
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

/** What we know of a court case, read in one statement (after its lock is held). */
async function loadState(tx: Executor, ccdId: string): Promise<KnownState | undefined> {
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

async function applySnapshot(
  tx: Executor,
  input: {
    caseObject: unknown;
    raw: string;
    source: SnapshotSource;
    now: Date;
    mapped: MappedCase;
    hash: string;
    createdCases?: string[];
    auditEntries?: AuditEntry[];
  },
): Promise<UpsertResult & { deferredAudit?: AuditEntry }> {
  const { mapped, now, hash } = input;
  // One writer per court case at a time (overlapping windows, a file import during a poll).
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`hmcts:${mapped.ccdId}`}))`);
  const known = await loadState(tx, mapped.ccdId);
  const result: UpsertResult = {
    outcome: 'created',
    ccdId: mapped.ccdId,
    caseId: known?.caseId ?? null,
    snapshotId: 0,
    reason: null,
    warnings: [...mapped.warnings],
    childrenAdded: 0,
    partiesAdded: 0,
    documentsAdded: 0,
  };
  // Inside a window's transaction the audit rows are appended once, at its end (still the
  // same transaction): one audit chain held per window, not one per case.
  let deferredAudit: AuditEntry | undefined;
  const audit = async (entry: AuditEntry) => {
    if (input.auditEntries) deferredAudit = entry;
    else await appendAudit(tx, FEED_ACTOR, now, [entry]);
  };
  const snapshot = async (outcome: SnapshotOutcome, changes: string[]) => {
    const [row] = await tx
      .insert(hmctsSnapshot)
      .values({
        ccdId: mapped.ccdId,
        receivedAt: now,
        source: input.source,
        payloadHash: hash,
        raw: input.raw,
        outcome,
        reason: result.warnings.length > 0 ? result.warnings.join('\n').slice(0, 4000) : null,
        changes,
      })
      .returning({ id: hmctsSnapshot.id });
    result.outcome = outcome;
    result.snapshotId = row!.id;
  };

  if (known && known.payloadHash === hash) {
    await tx.update(hmctsCase).set({ lastSeenAt: now }).where(eq(hmctsCase.ccdId, mapped.ccdId));
    result.warnings = [];
    await snapshot('unchanged', []);
    return result;
  }

  if (!known) {
    const caseId = randomUUID();
    result.caseId = caseId;
    await createInOneStatement(tx, { caseId, mapped, now, hash, raw: input.raw, source: input.source, result });
    await audit({
      action: 'create',
      resourceType: 'hmcts-case',
      resourceIds: [mapped.ccdId, caseId],
      caseId,
      fieldCategories: ['court-payload'],
    });
    if (!input.createdCases) await assignReferences(tx, [caseId], now);
    return { ...result, deferredAudit };
  }

  const caseId = known.caseId;
  let changes: string[] = [];
  try {
    changes = changedKeys(known.previousRaw ? JSON.parse(known.previousRaw) : null, input.caseObject);
  } catch {
    changes = [];
  }
  const people = await syncPeople(tx, caseId, mapped, now, result, known);
  await syncCourtData(tx, caseId, mapped, now, result, known.documents);
  // The court case's hash and state, the case's updated time (and first hearing if unknown),
  // the snapshot and the timeline entry: one statement.
  const at = now.toISOString();
  const warnings = result.warnings.length > 0 ? result.warnings.join('\n').slice(0, 4000) : null;
  const details = {
    ccdId: mapped.ccdId,
    courtState: mapped.courtState,
    changes,
    childrenAdded: result.childrenAdded,
    childrenRemoved: people.childrenRemoved,
    partiesAdded: result.partiesAdded,
    partiesRemoved: people.partiesRemoved,
    documentsAdded: result.documentsAdded,
  };
  const [row] = await queryRows<{ id: string }>(
    tx,
    sql`WITH hc AS (UPDATE hmcts_case SET payload_hash = ${hash}, court_state = ${mapped.courtState}::text,
          court_last_modified = ${mapped.courtLastModified}::text, last_seen_at = ${at}::timestamptz
          WHERE ccd_id = ${mapped.ccdId}),
        cr AS (UPDATE case_record SET updated_at = ${at}::timestamptz,
          first_hearing_on = COALESCE(first_hearing_on, ${mapped.firstHearingOn}::date) WHERE id = ${uuid(caseId)}),
        sn AS (INSERT INTO hmcts_snapshot (ccd_id, received_at, source, payload_hash, raw, outcome, reason, changes)
          VALUES (${mapped.ccdId}, ${at}::timestamptz, ${input.source}, ${hash}, ${input.raw}, 'updated', ${warnings}::text, ${json(changes)})
          RETURNING id),
        tl AS (INSERT INTO timeline_event (case_id, occurred_at, kind, actor_user_id, details)
          SELECT ${uuid(caseId)}, ${at}::timestamptz, 'hmcts.case-updated', NULL::uuid, ${json(details)} || jsonb_build_object('snapshotId', sn.id)
          FROM sn)
      SELECT id FROM sn`,
  );
  result.outcome = 'updated';
  result.snapshotId = Number(row!.id);
  await audit({
    action: 'change',
    resourceType: 'hmcts-case',
    resourceIds: [mapped.ccdId, caseId],
    caseId,
    fieldCategories: ['court-payload'],
  });
  return { ...result, deferredAudit };
}

const uuid = (id: string) => sql`${id}::uuid`;
const values = (rows: SQL[]) => sql.join(rows, sql`, `);

/**
 * A new case from its first snapshot, in one statement (data-modifying CTEs; foreign keys are
 * checked at its end): the case, people, children, parties, relationships, contact details,
 * the court links, court dates, hearings, orders and directions, risk signals, documents, the
 * snapshot and the timeline. Ids are made here so the rows can refer to each other. Casework's
 * `createCase` writes the same rows one statement at a time; at ~0.7 ms a round trip that was
 * the import's bottleneck (see bench/hmcts-import.ts).
 */
async function createInOneStatement(
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
async function assignReferences(tx: Executor, caseIds: string[], now: Date): Promise<void> {
  if (caseIds.length === 0) return;
  const year = Number(londonDate(now).slice(0, 4));
  const first = await reserveCaseReferences(tx, year, caseIds.length);
  await tx.execute(sql`UPDATE case_record c SET reference = ${`CV-${year}-`} || lpad((${first}::int + u.ord::int - 1)::text, 6, '0')
    FROM unnest(${textArray(caseIds)}::uuid[]) WITH ORDINALITY AS u(id, ord) WHERE c.id = u.id`);
}

/**
 * A later snapshot: children and parties matched on their CCD element ids. New ones are
 * added; known ones get the court's corrections; removed ones are kept and noted.
 */
async function syncPeople(
  tx: Executor,
  caseId: string,
  mapped: MappedCase,
  now: Date,
  result: UpsertResult,
  state: KnownState,
): Promise<{ childrenRemoved: number; partiesRemoved: number }> {
  const links = state.links;
  const childLinks = links.filter((l) => l.kind === 'child').map((l) => ({ ...l, child_id: l.id }));
  const partyLinks = links.filter((l) => l.kind === 'party').map((l) => ({ ...l, party_id: l.id }));
  const childIds = new Map(childLinks.map((l) => [l.element_id, l.child_id]));
  const partyIds = new Map(partyLinks.map((l) => [l.element_id, l.party_id]));
  const personOf = new Map<string, string>([
    ...childLinks.map((l) => [l.element_id, l.person_id] as const),
    ...partyLinks.map((l) => [l.element_id, l.person_id] as const),
  ]);

  // Known people: the court's corrections in one statement. New people: one statement
  // (ids made here) for the people, children or parties, and their links.
  const people = [...mapped.children, ...mapped.parties];
  const known = people.filter((p) => personOf.has(p.elementId));
  if (known.length > 0) {
    await tx.execute(sql`UPDATE person SET given_names = v.g, family_name = v.f, date_of_birth = v.d,
        interpreter_language = COALESCE(v.i, person.interpreter_language)
      FROM (VALUES ${values(
        known.map(
          (p) =>
            sql`(${uuid(personOf.get(p.elementId)!)}, ${p.givenNames}::text, ${p.familyName}::text, ${p.dateOfBirth}::date, ${
              'interpreterLanguage' in p ? p.interpreterLanguage : null
            }::text)`,
        ),
      )}) AS v(id, g, f, d, i)
      WHERE person.id = v.id AND (person.given_names, person.family_name, person.date_of_birth, person.interpreter_language)
        IS DISTINCT FROM (v.g, v.f, v.d, COALESCE(v.i, person.interpreter_language))`);
  }
  const knownChildren = mapped.children.filter((c) => childIds.has(c.elementId));
  if (knownChildren.length > 0) {
    await tx.execute(
      sql`UPDATE case_child SET gender = v.g FROM (VALUES ${values(
        knownChildren.map((c) => sql`(${uuid(childIds.get(c.elementId)!)}, ${c.gender}::text)`),
      )}) AS v(id, g) WHERE case_child.id = v.id AND case_child.gender IS DISTINCT FROM v.g`,
    );
  }
  const newChildren = mapped.children.filter((c) => !childIds.has(c.elementId));
  const newParties = mapped.parties.filter((p) => !partyIds.has(p.elementId));
  if (newChildren.length + newParties.length > 0) {
    const at = now.toISOString();
    for (const p of [...newChildren, ...newParties]) personOf.set(p.elementId, randomUUID());
    for (const c of newChildren) childIds.set(c.elementId, randomUUID());
    for (const p of newParties) partyIds.set(p.elementId, randomUUID());
    const ctes: SQL[] = [
      sql`pe AS (INSERT INTO person (id, given_names, family_name, date_of_birth, interpreter_language, created_at) VALUES ${values(
        [...newChildren, ...newParties].map(
          (p) =>
            sql`(${uuid(personOf.get(p.elementId)!)}, ${p.givenNames}, ${p.familyName}, ${p.dateOfBirth}::date, ${
              'interpreterLanguage' in p ? p.interpreterLanguage : null
            }::text, ${at}::timestamptz)`,
        ),
      )})`,
    ];
    if (newChildren.length > 0) {
      ctes.push(
        sql`ch AS (INSERT INTO case_child (id, case_id, person_id, gender, created_at) VALUES ${values(
          newChildren.map(
            (c) =>
              sql`(${uuid(childIds.get(c.elementId)!)}, ${uuid(caseId)}, ${uuid(personOf.get(c.elementId)!)}, ${c.gender}::text, ${at}::timestamptz)`,
          ),
        )})`,
      );
      ctes.push(
        sql`cl AS (INSERT INTO hmcts_child_link (ccd_id, element_id, child_id) VALUES ${values(
          newChildren.map((c) => sql`(${mapped.ccdId}, ${c.elementId}, ${uuid(childIds.get(c.elementId)!)})`),
        )})`,
      );
    }
    if (newParties.length > 0) {
      ctes.push(
        sql`pa AS (INSERT INTO case_party (id, case_id, person_id, party_role, created_at) VALUES ${values(
          newParties.map(
            (p) =>
              sql`(${uuid(partyIds.get(p.elementId)!)}, ${uuid(caseId)}, ${uuid(personOf.get(p.elementId)!)}, ${p.role}, ${at}::timestamptz)`,
          ),
        )})`,
      );
      ctes.push(
        sql`pl AS (INSERT INTO hmcts_party_link (ccd_id, element_id, party_id) VALUES ${values(
          newParties.map((p) => sql`(${mapped.ccdId}, ${p.elementId}, ${uuid(partyIds.get(p.elementId)!)})`),
        )})`,
      );
    }
    await tx.execute(sql`WITH ${sql.join(ctes, sql`, `)} SELECT 1`);
    result.childrenAdded += newChildren.length;
    result.partiesAdded += newParties.length;
  }
  const seenChildren = new Set(mapped.children.map((c) => c.elementId));
  const seenParties = new Set(mapped.parties.map((p) => p.elementId));
  const childrenRemoved = childLinks.filter((l) => !seenChildren.has(l.element_id)).length;
  const partiesRemoved = partyLinks.filter((l) => !seenParties.has(l.element_id)).length;
  if (childrenRemoved > 0) {
    result.warnings.push(`${childrenRemoved} child(ren) no longer in the court's case: kept, check with the court.`);
  }
  if (partiesRemoved > 0) {
    result.warnings.push(`${partiesRemoved} party(ies) no longer in the court's case: kept, check with the court.`);
  }

  // The relationship matrix, as the court now has it (relationships are never deleted).
  const relationships = mapped.relationships
    .filter((r) => partyIds.has(r.partyElementId) && childIds.has(r.childElementId))
    .map(
      (r) =>
        sql`(${partyIds.get(r.partyElementId)!}::uuid, ${childIds.get(r.childElementId)!}::uuid, ${r.relationship})`,
    );
  if (relationships.length > 0) {
    await tx.execute(sql`INSERT INTO party_child_relationship (party_id, child_id, relationship)
      VALUES ${sql.join(relationships, sql`, `)}
      ON CONFLICT (party_id, child_id) DO UPDATE SET relationship = excluded.relationship
      WHERE party_child_relationship.relationship IS DISTINCT FROM excluded.relationship`);
  }

  // Contact details: new ones added; a detail the court now marks confidential becomes
  // confidential here; nothing is made less confidential or deleted by the feed.
  const personIds = [...new Set(mapped.parties.map((p) => personOf.get(p.elementId)!))];
  if (personIds.length > 0) {
    const existing = state.contacts.filter((c) => personIds.includes(c.person_id));
    const inserts: SQL[] = [];
    const makeConfidential: string[] = [];
    for (const p of mapped.parties) {
      const personId = personOf.get(p.elementId)!;
      for (const c of p.contacts) {
        const match = existing.find(
          (e) =>
            e.person_id === personId &&
            sameContact(
              {
                kind: e.kind,
                addressLines: e.address_lines ?? [],
                postcode: e.postcode ?? undefined,
                value: e.value ?? undefined,
              },
              c,
            ),
        );
        if (match) {
          if (c.confidential && !match.confidential) makeConfidential.push(match.id);
        } else {
          inserts.push(
            sql`(${caseId}::uuid, ${personId}::uuid, ${c.kind}, ${c.addressLines ? textArray(c.addressLines) : sql`NULL`}, ${c.postcode ?? null}, ${c.value ?? null}, ${c.confidential}, ${now})`,
          );
        }
      }
    }
    if (inserts.length > 0) {
      await tx.execute(sql`INSERT INTO contact_detail (case_id, person_id, kind, address_lines, postcode, value, confidential, created_at)
        VALUES ${sql.join(inserts, sql`, `)}`);
    }
    if (makeConfidential.length > 0) {
      await tx.execute(
        sql`UPDATE contact_detail SET confidential = true WHERE id IN (${sql.join(
          makeConfidential.map((id) => sql`${id}`),
          sql`, `,
        )})`,
      );
    }
  }
  return { childrenRemoved, partiesRemoved };
}

/**
 * What the court says about dates, hearings, orders and the reports they direct, and risk,
 * as CTEs of one statement (joined to the case's creation, or run alone on an update).
 */
function courtDataCtes(caseId: string, mapped: MappedCase, now: Date): SQL[] {
  const at = now.toISOString();
  const ctes: SQL[] = [
    sql`cd AS (INSERT INTO case_court_dates
        (case_id, letter_due_on, court_state, court_reference, orders_applying_for, interpreter_needs, updated_at)
      VALUES (${uuid(caseId)}, ${mapped.letterDueOn}::date, ${mapped.courtState}::text, ${mapped.ccdId}, ${textArray(mapped.ordersApplyingFor)},
        ${json(mapped.interpreterNeeds)}, ${at}::timestamptz)
      ON CONFLICT (case_id) DO UPDATE SET
        letter_due_on = COALESCE(case_court_dates.letter_due_on, excluded.letter_due_on),
        court_state = excluded.court_state,
        court_reference = excluded.court_reference,
        orders_applying_for = excluded.orders_applying_for,
        interpreter_needs = excluded.interpreter_needs,
        updated_at = excluded.updated_at)`,
  ];
  if (mapped.hearings.length > 0) {
    ctes.push(sql`hr AS (INSERT INTO hearing (case_id, source_ref, type_code, type_label, status, starts_at, ends_at, venue, days, created_at, updated_at)
      VALUES ${values(
        mapped.hearings.map(
          (h) =>
            sql`(${uuid(caseId)}, ${h.sourceRef}, ${h.typeCode}, ${h.typeLabel}::text, ${h.status}::text, ${h.startsAt}::timestamptz, ${h.endsAt}::timestamptz, ${h.venue}::text, ${json(h.days)}, ${at}::timestamptz, ${at}::timestamptz)`,
        ),
      )}
      ON CONFLICT (case_id, source_ref) DO UPDATE SET type_code = excluded.type_code, type_label = excluded.type_label,
        status = excluded.status, starts_at = excluded.starts_at, ends_at = excluded.ends_at, venue = excluded.venue,
        days = excluded.days, updated_at = excluded.updated_at
      WHERE (hearing.type_code, hearing.type_label, hearing.status, hearing.starts_at, hearing.ends_at, hearing.venue, hearing.days)
        IS DISTINCT FROM (excluded.type_code, excluded.type_label, excluded.status, excluded.starts_at, excluded.ends_at, excluded.venue, excluded.days))`);
  }
  if (mapped.orders.length > 0) {
    ctes.push(sql`ord AS (INSERT INTO court_order (case_id, source_ref, order_type, label, made_on, hearing_source_ref, created_at)
      VALUES ${values(
        mapped.orders.map(
          (o) =>
            sql`(${uuid(caseId)}, ${o.sourceRef}, ${o.orderType}, ${o.label}::text, ${o.madeOn}::date, ${o.hearingSourceRef}::text, ${at}::timestamptz)`,
        ),
      )}
      ON CONFLICT (case_id, source_ref) DO UPDATE SET order_type = excluded.order_type, label = excluded.label,
        made_on = excluded.made_on, hearing_source_ref = excluded.hearing_source_ref
      RETURNING id, source_ref)`);
    const directions = mapped.orders.flatMap((o) =>
      o.directions.map(
        (d) => sql`(${o.sourceRef}::text, ${d.reportType}::text, ${d.reportLabel}::text, ${d.dueOn}::date)`,
      ),
    );
    if (directions.length > 0) {
      ctes.push(sql`dir AS (INSERT INTO court_direction (case_id, order_id, report_type, report_label, due_on, source, created_at)
        SELECT ${uuid(caseId)}, ord.id, d.report_type, d.report_label, d.due_on, 'court-order', ${at}::timestamptz
        FROM ord JOIN (VALUES ${values(directions)}) AS d(source_ref, report_type, report_label, due_on) ON d.source_ref = ord.source_ref
        ON CONFLICT (order_id, report_type) DO UPDATE SET report_label = excluded.report_label, due_on = excluded.due_on)`);
    }
  }
  if (mapped.riskSignals.length > 0) {
    ctes.push(sql`rs AS (INSERT INTO risk_signal (case_id, kind, source, detail, created_at)
      VALUES ${values(mapped.riskSignals.map((r) => sql`(${uuid(caseId)}, ${r.kind}, 'hmcts', ${r.detail}, ${at}::timestamptz)`))}
      ON CONFLICT (case_id, kind, source) DO UPDATE SET detail = excluded.detail
      WHERE risk_signal.detail IS DISTINCT FROM excluded.detail)`);
  }
  return ctes;
}

/** A later snapshot's court data (one statement) and its documents. */
async function syncCourtData(
  tx: Executor,
  caseId: string,
  mapped: MappedCase,
  now: Date,
  result: UpsertResult,
  known: { documentId: string; removedAt: string | null }[],
) {
  await tx.execute(sql`WITH ${sql.join(courtDataCtes(caseId, mapped, now), sql`, `)} SELECT 1`);

  // Documents: keyed on document_id (never the element id); gone ones marked removed.
  const knownIds = new Set(known.map((d) => d.documentId));
  const listed = new Set(mapped.documents.map((d) => d.documentId));
  const fresh = mapped.documents.filter((d) => !knownIds.has(d.documentId));
  if (fresh.length > 0) {
    const inserted = await tx
      .insert(hmctsDocument)
      .values(
        fresh.map((d) => ({
          documentId: d.documentId,
          ccdId: mapped.ccdId,
          caseId,
          fileName: d.fileName,
          category: d.category,
          listedAt: now,
          nextAttemptAt: now,
        })),
      )
      .onConflictDoNothing()
      .returning({ documentId: hmctsDocument.documentId });
    result.documentsAdded += inserted.length;
    if (inserted.length < fresh.length) {
      result.warnings.push(
        `${fresh.length - inserted.length} document(s) already listed on another court case: not linked.`,
      );
    }
  }
  const back = known.filter((d) => d.removedAt && listed.has(d.documentId)).map((d) => d.documentId);
  if (back.length > 0) {
    await tx.update(hmctsDocument).set({ removedAt: null }).where(inArray(hmctsDocument.documentId, back));
  }
  const gone = known.filter((d) => !d.removedAt && !listed.has(d.documentId)).map((d) => d.documentId);
  if (gone.length > 0) {
    await tx.update(hmctsDocument).set({ removedAt: now }).where(inArray(hmctsDocument.documentId, gone));
  }
}

/**
 * Import a whole search response body (a poll or a saved file). Each case is upserted in
 * its own transaction; a body that is not JSON, or not a search response, is stored raw as
 * one rejected snapshot.
 */
export async function importSearchResponse(
  db: Db,
  input: { body: string; source: SnapshotSource; now: Date; courts?: CourtDirectory },
): Promise<ImportSummary> {
  const summary = emptySummary();
  let value: unknown;
  try {
    value = JSON.parse(input.body);
  } catch {
    // The parser's message quotes the payload, which may hold confidential values: not kept.
    const reason = 'Not valid JSON';
    addToSummary(
      summary,
      rejected(
        await recordRejected(db, { raw: input.body, ccdId: null, reason, source: input.source, now: input.now }),
        null,
        reason,
      ),
    );
    return summary;
  }
  const envelope = searchResponseSchema.safeParse(value);
  if (!envelope.success) {
    const reason = `Not a search response: ${describeIssues(envelope.error)}`;
    addToSummary(
      summary,
      rejected(
        await recordRejected(db, { raw: input.body, ccdId: null, reason, source: input.source, now: input.now }),
        null,
        reason,
      ),
    );
    return summary;
  }
  const courts = input.courts ?? (await loadCourtDirectory(db));
  // One transaction per window, one savepoint per case: a case is imported whole or stored
  // as rejected, never half; one commit per window instead of one per case (a commit costs
  // an fsync). If the commit fails, nothing of the window is kept and it is imported again.
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await db.transaction(async (tx) => {
        const summary = emptySummary();
        const createdCases: string[] = [];
        const auditEntries: AuditEntry[] = [];
        for (const caseObject of envelope.data.cases) {
          addToSummary(
            summary,
            await upsertCaseSnapshot(tx as Executor, {
              caseObject,
              source: input.source,
              now: input.now,
              courts,
              createdCases,
              auditEntries,
            }),
          );
        }
        await appendAudit(tx as Executor, FEED_ACTOR, input.now, auditEntries);
        await assignReferences(tx as Executor, createdCases, input.now);
        return summary;
      });
    } catch (error) {
      if (attempt < 3 && retryable(databaseError(error))) continue;
      throw error;
    }
  }
}
