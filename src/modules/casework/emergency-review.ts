import { and, eq, isNull, sql } from 'drizzle-orm';
import { type AuditActor, appendAudit } from '../../platform/audit/audit.ts';
import { type Db, type Executor, queryRows, sqlList } from '../../platform/db/database.ts';
import { DomainError } from '../../platform/errors/catalogue.ts';
import { emergencyAccess } from './schema.ts';
import { appendTimeline } from './timeline.ts';

export interface EmergencyAccessRow {
  id: string;
  caseId: string;
  reference: string;
  userId: string;
  displayName: string;
  reason: string;
  grantedAt: string;
  expiresAt: string;
  reviewedAt: string | null;
  reviewOutcome: string | null;
  reviewComment: string | null;
  reviewerName: string | null;
}

const SELECT = sql`
  SELECT e.id, e.case_id AS "caseId", c.reference, e.user_id AS "userId", u.display_name AS "displayName", e.reason,
    e.granted_at AS "grantedAt", e.expires_at AS "expiresAt", e.reviewed_at AS "reviewedAt",
    e.review_outcome AS "reviewOutcome", e.review_comment AS "reviewComment", r.display_name AS "reviewerName"
  FROM emergency_access e
    JOIN case_record c ON c.id = e.case_id
    JOIN user_account u ON u.id = e.user_id
    LEFT JOIN user_account r ON r.id = e.reviewed_by`;

const inAreas = (areaIds: string[]) => sql`c.area_id IN (${sqlList(areaIds)})`;

/** Emergency access in the manager's areas still waiting for review, oldest first. */
export async function listUnreviewedEmergencyAccess(db: Executor, areaIds: string[]): Promise<EmergencyAccessRow[]> {
  if (areaIds.length === 0) return [];
  return queryRows<EmergencyAccessRow>(
    db,
    sql`${SELECT} WHERE e.reviewed_at IS NULL AND ${inAreas(areaIds)} ORDER BY e.granted_at, e.id LIMIT 200`,
  );
}

/** One emergency access in the manager's areas, or null (also when it is in another area). */
export async function getEmergencyAccess(
  db: Executor,
  id: string,
  areaIds: string[],
): Promise<EmergencyAccessRow | null> {
  if (areaIds.length === 0) return null;
  const [row] = await queryRows<EmergencyAccessRow>(db, sql`${SELECT} WHERE e.id = ${id} AND ${inAreas(areaIds)}`);
  return row ?? null;
}

/**
 * Record a manager's review of emergency access. Nobody reviews their own (the database
 * refuses it too); a second review of the same access changes nothing.
 */
export async function reviewEmergencyAccess(
  db: Db,
  input: {
    id: string;
    outcome: 'justified' | 'not-justified';
    comment: string | null;
    areaIds: string[];
    actor: AuditActor & { userId: string };
    now: Date;
  },
): Promise<{ caseId: string; recorded: boolean }> {
  return db.transaction(async (tx) => {
    const row = await getEmergencyAccess(tx, input.id, input.areaIds);
    if (!row) throw new DomainError('PAGE_NOT_FOUND');
    if (row.userId === input.actor.userId) throw new DomainError('OWN_EMERGENCY_ACCESS');
    const updated = await tx
      .update(emergencyAccess)
      .set({
        reviewedBy: input.actor.userId,
        reviewedAt: input.now,
        reviewOutcome: input.outcome,
        reviewComment: input.comment,
      })
      .where(and(eq(emergencyAccess.id, input.id), isNull(emergencyAccess.reviewedAt)))
      .returning({ id: emergencyAccess.id });
    if (updated.length === 0) return { caseId: row.caseId, recorded: false };
    await appendTimeline(tx, {
      caseId: row.caseId,
      kind: 'emergency-access-reviewed',
      occurredAt: input.now,
      actorUserId: input.actor.userId,
      details: { emergencyAccessId: input.id, outcome: input.outcome },
    });
    await appendAudit(tx, input.actor, input.now, [
      {
        action: 'change',
        resourceType: 'emergency-access',
        resourceIds: [input.id],
        caseId: row.caseId,
        reason: input.outcome,
      },
    ]);
    return { caseId: row.caseId, recorded: true };
  });
}
