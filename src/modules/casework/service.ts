import { and, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import { type AuditActor, type AuditEntry, appendAudit, appendAuditNow } from '../../platform/audit/audit.ts';
import type { CaseAccessFacts } from '../../platform/authorisation/policy.ts';
import { type Db, type Executor, queryRows } from '../../platform/db/database.ts';
import { DomainError } from '../../platform/errors/catalogue.ts';
import { claimFormToken, completeFormToken } from '../../platform/forms/form-token.ts';
import { caseAccessGrant, caseAllocation, caseRecord, emergencyAccess } from './schema.ts';

export * from './case-state.ts';
export * from './create-case.ts';
export * from './documents.ts';
export * from './emergency-review.ts';
export * from './person-match.ts';
export * from './private-law-states.ts';
export * from './queries.ts';
export { appendTimeline, type TimelineInput } from './timeline.ts';

import { appendTimeline } from './timeline.ts';

export { caseHeader, caseSubNavigation, paginationItems } from './view-models.ts';
export { visibleCasesCondition } from './visibility.ts';

/** How long emergency access lasts before it must be asked for again. */
export const EMERGENCY_ACCESS_HOURS = 4;

/** What the authorisation policy needs to know about a case (never its content). */
export async function resolveCaseAccess(db: Executor, caseId: string, now: Date): Promise<CaseAccessFacts | null> {
  const [row] = await queryRows<{
    id: string;
    area_id: string;
    team_id: string | null;
    restricted: boolean;
    allocated: string[];
    granted: string[];
    emergency: string[];
  }>(
    db,
    sql`
    SELECT c.id, c.area_id, c.team_id, c.restricted,
      ARRAY(SELECT a.user_id::text FROM case_allocation a WHERE a.case_id = c.id AND a.ended_at IS NULL) AS allocated,
      ARRAY(SELECT g.user_id::text FROM case_access_grant g WHERE g.case_id = c.id
            AND (g.expires_at IS NULL OR g.expires_at > ${now})) AS granted,
      ARRAY(SELECT e.user_id::text FROM emergency_access e WHERE e.case_id = c.id AND e.expires_at > ${now}) AS emergency
    FROM case_record c WHERE c.id = ${caseId}`,
  );
  if (!row) return null;
  return {
    caseId: row.id,
    areaId: row.area_id,
    teamId: row.team_id,
    restricted: row.restricted,
    allocatedUserIds: row.allocated,
    grantedUserIds: row.granted,
    emergencyUserIds: row.emergency,
  };
}

/**
 * A read of case data and its audit rows: no data without its audit. The reads run on the
 * pool (independent ones side by side, see readsTogether) and the rows are committed before
 * the value is returned, in one statement (appendAuditNow); a failed append fails the read.
 */
export async function readWithAudit<T>(
  db: Db,
  actor: AuditActor,
  now: Date,
  read: (db: Executor) => Promise<{ value: T; audit: AuditEntry[] }>,
): Promise<T> {
  const { value, audit } = await read(db);
  await appendAuditNow(db, actor, now, audit);
  return value;
}

/**
 * Add a case note. One transaction: the form token, the timeline entry, the case's
 * updated time and the audit row. A repeated post of the same form adds nothing.
 */
export async function addCaseNote(
  db: Db,
  input: { caseId: string; text: string; formToken: string; actor: AuditActor & { userId: string }; now: Date },
): Promise<{ location: string; created: boolean }> {
  return db.transaction(async (tx) => {
    const claim = await claimFormToken(tx, input.formToken, input.actor.userId);
    if (!claim.fresh) return { location: claim.location, created: false };
    const eventId = await appendTimeline(tx, {
      caseId: input.caseId,
      kind: 'note-added',
      occurredAt: input.now,
      actorUserId: input.actor.userId,
      body: input.text,
    });
    await tx.update(caseRecord).set({ updatedAt: input.now }).where(eq(caseRecord.id, input.caseId));
    await appendAudit(tx, input.actor, input.now, [
      {
        action: 'create',
        resourceType: 'timeline-event',
        resourceIds: [String(eventId)],
        caseId: input.caseId,
        fieldCategories: ['case-note'],
      },
    ]);
    const location = `/cases/${input.caseId}?notice=note-added#timeline`;
    await completeFormToken(tx, input.formToken, location);
    return { location, created: true };
  });
}

export interface CaseDetailsChange {
  language: 'en' | 'cy';
  firstHearingOn: string | null;
  courtId: string | null;
}

/**
 * Change a case's key details with optimistic concurrency: the form carries the version
 * it was read at; if someone saved in between, nothing is written and STALE_VERSION says so.
 */
export async function changeCaseDetails(
  db: Db,
  input: {
    caseId: string;
    version: number;
    change: CaseDetailsChange;
    actor: AuditActor & { userId: string };
    now: Date;
  },
): Promise<void> {
  await db.transaction(async (tx) => {
    const [before] = await tx
      .select({ language: caseRecord.language, firstHearingOn: caseRecord.firstHearingOn, courtId: caseRecord.courtId })
      .from(caseRecord)
      .where(eq(caseRecord.id, input.caseId));
    if (!before) throw new DomainError('CASE_NOT_FOUND');
    const updated = await tx
      .update(caseRecord)
      .set({ ...input.change, updatedAt: input.now, version: sql`${caseRecord.version} + 1` })
      .where(and(eq(caseRecord.id, input.caseId), eq(caseRecord.version, input.version)))
      .returning({ version: caseRecord.version });
    if (updated.length === 0) throw new DomainError('STALE_VERSION');
    const changed = (Object.keys(input.change) as (keyof CaseDetailsChange)[]).filter(
      (k) => (before[k] ?? null) !== (input.change[k] ?? null),
    );
    await appendTimeline(tx, {
      caseId: input.caseId,
      kind: 'details-changed',
      occurredAt: input.now,
      actorUserId: input.actor.userId,
      details: { fields: changed },
    });
    await appendAudit(tx, input.actor, input.now, [
      {
        action: 'change',
        resourceType: 'case',
        resourceIds: [input.caseId],
        caseId: input.caseId,
        fieldCategories: ['case-summary'],
      },
    ]);
  });
}

/** Emergency ("break-glass") access: recorded with its reason, time-limited, flagged for review. */
export async function grantEmergencyAccess(
  db: Db,
  input: { caseId: string; reason: string; actor: AuditActor & { userId: string }; now: Date },
): Promise<void> {
  await db.transaction(async (tx) => {
    // Serialise requests for the same person and case, so a double submit records one grant.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`emergency:${input.caseId}:${input.actor.userId}`}))`);
    const active = await tx
      .select({ id: emergencyAccess.id })
      .from(emergencyAccess)
      .where(
        and(
          eq(emergencyAccess.caseId, input.caseId),
          eq(emergencyAccess.userId, input.actor.userId),
          gt(emergencyAccess.expiresAt, input.now),
        ),
      );
    if (active.length > 0) return;
    const expiresAt = new Date(input.now.getTime() + EMERGENCY_ACCESS_HOURS * 3600 * 1000);
    const [row] = await tx
      .insert(emergencyAccess)
      .values({
        caseId: input.caseId,
        userId: input.actor.userId,
        reason: input.reason,
        grantedAt: input.now,
        expiresAt,
      })
      .returning({ id: emergencyAccess.id });
    await appendTimeline(tx, {
      caseId: input.caseId,
      kind: 'emergency-access',
      occurredAt: input.now,
      actorUserId: input.actor.userId,
      details: { expiresAt: expiresAt.toISOString() },
    });
    await appendAudit(tx, input.actor, input.now, [
      {
        action: 'emergency-access',
        resourceType: 'case',
        resourceIds: [input.caseId, row!.id],
        caseId: input.caseId,
        reason: input.reason,
      },
    ]);
  });
}

/**
 * A case's current allocations as a form saw them, for a stale-edit check (allocating does
 * not change the case's version): sorted ids, joined; 'none' when there were none.
 */
export function allocationsKey(allocations: readonly { id: string }[]): string {
  return allocations.length === 0
    ? 'none'
    : allocations
        .map((a) => a.id)
        .sort()
        .join(',');
}

/**
 * End a case's current allocations inside the caller's transaction: all of them, or only
 * those in `roles`. Ended rows are kept, with who ended them and why, never deleted.
 */
export async function endAllocations(
  tx: Executor,
  input: {
    caseId: string;
    now: Date;
    actorUserId: string | null;
    reason?: string | null;
    /** The roles whose current allocations end; every role when not given. */
    roles?: readonly string[];
  },
): Promise<{ id: string; userId: string; role: string }[]> {
  if (input.roles?.length === 0) return [];
  return tx
    .update(caseAllocation)
    .set({ endedAt: input.now, endedBy: input.actorUserId, endReason: input.reason ?? null })
    .where(
      and(
        eq(caseAllocation.caseId, input.caseId),
        input.roles ? inArray(caseAllocation.allocationRole, [...input.roles]) : undefined,
        isNull(caseAllocation.endedAt),
      ),
    )
    .returning({ id: caseAllocation.id, userId: caseAllocation.userId, role: caseAllocation.allocationRole });
}

/**
 * Allocate a case to a practitioner, inside the caller's transaction, ending the current
 * allocations in the same role (or in every role of `endRoles`) with `endAllocations`.
 * Appends the timeline entry (`timelineKind`, by default the core kind `allocated`).
 * Returns the new allocation and the ones ended.
 */
export async function allocateCase(
  tx: Executor,
  input: {
    caseId: string;
    userId: string;
    role: string;
    now: Date;
    actorUserId: string | null;
    /** Why this worker (required by Allocation for a reallocation); kept on the new row. */
    reason?: string | null;
    /** Why the previous allocation ended (a reallocation's reason), kept on the ended rows. */
    endReason?: string | null;
    /** The roles whose current allocations end; by default only `role`. */
    endRoles?: readonly string[];
    timelineKind?: string;
    timelineDetails?: Record<string, unknown>;
  },
): Promise<{ allocationId: string; ended: { id: string; userId: string; role: string }[] }> {
  const ended = await endAllocations(tx, {
    caseId: input.caseId,
    now: input.now,
    actorUserId: input.actorUserId,
    reason: input.endReason,
    roles: input.endRoles ?? [input.role],
  });
  const [row] = await tx
    .insert(caseAllocation)
    .values({
      caseId: input.caseId,
      userId: input.userId,
      allocationRole: input.role,
      allocatedAt: input.now,
      allocatedBy: input.actorUserId,
      reason: input.reason ?? null,
    })
    .returning({ id: caseAllocation.id });
  await appendTimeline(tx, {
    caseId: input.caseId,
    kind: input.timelineKind ?? 'allocated',
    occurredAt: input.now,
    actorUserId: input.actorUserId,
    details: { role: input.role, userId: input.userId, ...input.timelineDetails },
  });
  return { allocationId: row!.id, ended };
}

/** Name a person on a case (restricted cases, inspection samples). */
export async function grantCaseAccess(
  tx: Executor,
  input: {
    caseId: string;
    userId: string;
    grantedBy: string | null;
    reason: string;
    now: Date;
    expiresAt?: Date | null;
  },
): Promise<void> {
  await tx
    .insert(caseAccessGrant)
    .values({ ...input, grantedAt: input.now, expiresAt: input.expiresAt ?? null })
    .onConflictDoUpdate({
      target: [caseAccessGrant.caseId, caseAccessGrant.userId],
      set: { reason: input.reason, expiresAt: input.expiresAt ?? null, grantedAt: input.now },
    });
}
