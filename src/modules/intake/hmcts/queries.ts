import { eq, sql } from 'drizzle-orm';
import { type AuditActor, appendAudit } from '../../../platform/audit/audit.ts';
import type { Principal } from '../../../platform/authorisation/roles.ts';
import { type Db, type Executor, queryRows } from '../../../platform/db/database.ts';
import { claimFormToken, completeFormToken } from '../../../platform/forms/form-token.ts';
import { appendTimeline, visibleCasesCondition } from '../../casework/service.ts';
import { hmctsCase, hmctsFeedState } from '../schema.ts';
import { FEED } from './poller.ts';

export const SNAPSHOTS_PER_PAGE = 25;
export const RECONCILIATION_LIMIT = 100;

export interface FeedStatus {
  highWaterMark: string;
  lastPollStartedAt: string | null;
  lastPollFinishedAt: string | null;
  lastError: string | null;
  consecutiveFailures: number;
}

export async function getFeedStatus(db: Executor): Promise<FeedStatus | null> {
  const [row] = await db.select().from(hmctsFeedState).where(eq(hmctsFeedState.feed, FEED));
  if (!row) return null;
  const iso = (d: Date | string | null) => (d == null ? null : new Date(d).toISOString());
  return {
    highWaterMark: new Date(row.highWaterMark).toISOString(),
    lastPollStartedAt: iso(row.lastPollStartedAt),
    lastPollFinishedAt: iso(row.lastPollFinishedAt),
    lastError: row.lastError,
    consecutiveFailures: row.consecutiveFailures,
  };
}

export interface SnapshotRow {
  id: number;
  ccdId: string | null;
  receivedAt: string;
  source: string;
  outcome: string;
  reason: string | null;
  changes: string[];
  caseId: string | null;
  reference: string | null;
}

/**
 * Payloads received, newest first. A payload of a case the person may not see is left
 * out; payloads that made no case of ours (rejected) are listed for every intake role.
 */
export async function listSnapshots(
  db: Executor,
  principal: Principal,
  now: Date,
  page: number,
): Promise<{ rows: SnapshotRow[]; total: number }> {
  const visible = visibleCasesCondition(principal, now);
  const offset = (page - 1) * SNAPSHOTS_PER_PAGE;
  const rows = await queryRows<{
    id: string;
    ccd_id: string | null;
    received_at: string;
    source: string;
    outcome: string;
    reason: string | null;
    changes: string[];
    case_id: string | null;
    reference: string | null;
    total: number;
  }>(
    db,
    sql`SELECT s.id, s.ccd_id, s.received_at, s.source, s.outcome, s.reason, s.changes, c.id AS case_id, c.reference,
          count(*) OVER ()::int AS total
        FROM hmcts_snapshot s
        LEFT JOIN hmcts_case h ON h.ccd_id = s.ccd_id
        LEFT JOIN case_record c ON c.id = h.case_id
        WHERE (c.id IS NULL OR ${visible})
        ORDER BY s.id DESC LIMIT ${SNAPSHOTS_PER_PAGE} OFFSET ${offset}`,
  );
  return {
    rows: rows.map((r) => ({
      id: Number(r.id),
      ccdId: r.ccd_id,
      receivedAt: r.received_at,
      source: r.source,
      outcome: r.outcome,
      reason: r.reason,
      changes: r.changes ?? [],
      caseId: r.case_id,
      reference: r.reference,
    })),
    total: rows[0]?.total ?? (page > 1 ? await countSnapshots(db, visible) : 0),
  };
}

async function countSnapshots(db: Executor, visible: ReturnType<typeof visibleCasesCondition>): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM hmcts_snapshot s LEFT JOIN hmcts_case h ON h.ccd_id = s.ccd_id
        LEFT JOIN case_record c ON c.id = h.case_id WHERE (c.id IS NULL OR ${visible})`,
  );
  return row?.n ?? 0;
}

/** One payload with the one before it (of the same court case), never its content. */
export async function getSnapshot(
  db: Executor,
  principal: Principal,
  now: Date,
  id: number,
): Promise<(SnapshotRow & { payloadHash: string; previousId: number | null }) | null> {
  const visible = visibleCasesCondition(principal, now);
  const [r] = await queryRows<{
    id: string;
    ccd_id: string | null;
    received_at: string;
    source: string;
    outcome: string;
    reason: string | null;
    changes: string[];
    payload_hash: string;
    case_id: string | null;
    reference: string | null;
    previous_id: string | null;
  }>(
    db,
    sql`SELECT s.id, s.ccd_id, s.received_at, s.source, s.outcome, s.reason, s.changes, s.payload_hash,
          c.id AS case_id, c.reference,
          (SELECT p.id FROM hmcts_snapshot p WHERE p.ccd_id = s.ccd_id AND p.id < s.id ORDER BY p.id DESC LIMIT 1) AS previous_id
        FROM hmcts_snapshot s
        LEFT JOIN hmcts_case h ON h.ccd_id = s.ccd_id
        LEFT JOIN case_record c ON c.id = h.case_id
        WHERE s.id = ${id} AND (c.id IS NULL OR ${visible})`,
  );
  if (!r) return null;
  return {
    id: Number(r.id),
    ccdId: r.ccd_id,
    receivedAt: r.received_at,
    source: r.source,
    outcome: r.outcome,
    reason: r.reason,
    changes: r.changes ?? [],
    payloadHash: r.payload_hash,
    caseId: r.case_id,
    reference: r.reference,
    previousId: r.previous_id === null ? null : Number(r.previous_id),
  };
}

export interface MissingCase {
  ccdId: string;
  caseId: string;
  reference: string;
  courtState: string | null;
  lastSeenAt: string;
  reconciledAt: string | null;
  reconciliationNote: string | null;
}

/**
 * Open cases of ours whose court case has not been seen in the feed for more than `days`
 * days and not checked since it was last seen (absence is never closure: someone looks and
 * writes down what they found). A case we have closed may leave the feed unremarked.
 */
export async function listMissingCases(
  db: Executor,
  principal: Principal,
  now: Date,
  days: number,
): Promise<{ rows: MissingCase[]; total: number }> {
  const cutoff = new Date(now.getTime() - days * 24 * 3600 * 1000);
  const rows = await queryRows<{
    ccd_id: string;
    case_id: string;
    reference: string;
    court_state: string | null;
    last_seen_at: string;
    reconciled_at: string | null;
    reconciliation_note: string | null;
    total: number;
  }>(
    db,
    // Driven from our open private-law cases (a few per cent of ten years of history), not
    // from every court case last seen long ago, most of which we closed long since.
    sql`WITH open_cases AS MATERIALIZED (
          SELECT c.id, c.reference FROM case_record c
          WHERE c.closed_at IS NULL AND c.law = 'private' AND ${visibleCasesCondition(principal, now)})
        SELECT h.ccd_id, h.case_id, c.reference, h.court_state, h.last_seen_at, h.reconciled_at, h.reconciliation_note,
          count(*) OVER ()::int AS total
        FROM open_cases c JOIN hmcts_case h ON h.case_id = c.id
        WHERE h.last_seen_at < ${cutoff} AND (h.reconciled_at IS NULL OR h.reconciled_at < h.last_seen_at)
        ORDER BY h.last_seen_at, h.ccd_id LIMIT ${RECONCILIATION_LIMIT}`,
  );
  return {
    rows: rows.map((r) => ({
      ccdId: r.ccd_id,
      caseId: r.case_id,
      reference: r.reference,
      courtState: r.court_state,
      lastSeenAt: r.last_seen_at,
      reconciledAt: r.reconciled_at,
      reconciliationNote: r.reconciliation_note,
    })),
    total: rows[0]?.total ?? 0,
  };
}

/** One court case the person may see, for the reconciliation form. */
export async function getMissingCase(
  db: Executor,
  principal: Principal,
  now: Date,
  ccdId: string,
): Promise<MissingCase | null> {
  const [r] = await queryRows<{
    ccd_id: string;
    case_id: string;
    reference: string;
    court_state: string | null;
    last_seen_at: string;
    reconciled_at: string | null;
    reconciliation_note: string | null;
  }>(
    db,
    sql`SELECT h.ccd_id, h.case_id, c.reference, h.court_state, h.last_seen_at, h.reconciled_at, h.reconciliation_note
        FROM hmcts_case h JOIN case_record c ON c.id = h.case_id
        WHERE h.ccd_id = ${ccdId} AND ${visibleCasesCondition(principal, now)}`,
  );
  if (!r) return null;
  return {
    ccdId: r.ccd_id,
    caseId: r.case_id,
    reference: r.reference,
    courtState: r.court_state,
    lastSeenAt: r.last_seen_at,
    reconciledAt: r.reconciled_at,
    reconciliationNote: r.reconciliation_note,
  };
}

/**
 * Record what someone found about a case missing from the feed: one transaction with the
 * form token, the case's timeline and the audit row. A repeated post records nothing more.
 */
export async function recordReconciliation(
  db: Db,
  input: {
    ccdId: string;
    caseId: string;
    note: string;
    formToken: string;
    actor: AuditActor & { userId: string };
    now: Date;
  },
): Promise<string> {
  return db.transaction(async (tx) => {
    const claim = await claimFormToken(tx, input.formToken, input.actor.userId);
    if (!claim.fresh) return claim.location;
    await tx
      .update(hmctsCase)
      .set({ reconciledAt: input.now, reconciledBy: input.actor.userId, reconciliationNote: input.note })
      .where(eq(hmctsCase.ccdId, input.ccdId));
    await appendTimeline(tx, {
      caseId: input.caseId,
      kind: 'hmcts.reconciled',
      occurredAt: input.now,
      actorUserId: input.actor.userId,
      body: input.note,
      details: { ccdId: input.ccdId },
    });
    await appendAudit(tx, input.actor, input.now, [
      {
        action: 'change',
        resourceType: 'hmcts-case',
        resourceIds: [input.ccdId, input.caseId],
        caseId: input.caseId,
        fieldCategories: ['court-payload'],
      },
    ]);
    const location = '/intake/hmcts?notice=reconciled#reconciliation';
    await completeFormToken(tx, input.formToken, location);
    return location;
  });
}
