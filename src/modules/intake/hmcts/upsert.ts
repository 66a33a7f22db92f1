import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { type AuditEntry, appendAudit } from '../../../platform/audit/audit.ts';
import { type Db, type Executor, queryRows } from '../../../platform/db/database.ts';
import { hmctsCase, hmctsSnapshot } from '../schema.ts';
import { assignReferences, createInOneStatement } from './create-case.ts';
import {
  addToSummary,
  emptySummary,
  FEED_ACTOR,
  type ImportSummary,
  type SnapshotOutcome,
  type SnapshotSource,
  type UpsertResult,
} from './import-types.ts';
import { loadState } from './known-state.ts';
import {
  type CourtDirectory,
  changedKeys,
  courtDirectory,
  type MappedCase,
  mapPrlCase,
  payloadHash,
  sha256,
} from './map.ts';
import { caseDetailSchema, describeIssues, searchResponseSchema } from './payload.ts';
import { json, uuid } from './sql-values.ts';
import { syncCourtData } from './sync-court-data.ts';
import { syncPeople } from './sync-people.ts';

export * from './import-types.ts';

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
