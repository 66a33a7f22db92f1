import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { type AuditActor, type AuditEntry, appendAudit } from '../../platform/audit/audit.ts';
import { type Db, queryRows } from '../../platform/db/database.ts';
import { DomainError } from '../../platform/errors/catalogue.ts';
import { claimFormToken, completeFormToken } from '../../platform/forms/form-token.ts';
import { allocateCase, allocationsKey, moveCase } from '../casework/service.ts';
import { currentCaseholders, getAllocationCase } from './queries.ts';
import { allocationRoleFor, CASEHOLDER_ROLES } from './workload.ts';

type Actor = AuditActor & { userId: string };

/** States in which a case is still at the front door (before the first hearing): not allocated yet. */
export const FRONT_DOOR_STATES = ['received', 'screening', 'safeguarding-checks', 'awaiting-first-hearing'] as const;

/** Whether a case in this state may be allocated (or reallocated), and if not, why. */
export function allocatable(status: string): { ok: true } | { ok: false; why: 'closed' | 'front-door' } {
  if (status === 'closed') return { ok: false, why: 'closed' };
  if ((FRONT_DOOR_STATES as readonly string[]).includes(status)) return { ok: false, why: 'front-door' };
  return { ok: true };
}

const REASON_MAX = 2000;
const text = (max: number) =>
  z
    .string()
    .optional()
    .transform((v) => (v ?? '').trim())
    .pipe(z.string().max(max, { error: 'allocation.errors.reasonTooLong' }));

/** The allocation form. A reallocation (the form saw a worker) needs a reason. */
export const allocateSchema = z
  .object({
    practitionerId: text(60),
    reason: text(REASON_MAX),
    current: text(2000),
    _formToken: text(64),
  })
  .transform((v, ctx) => {
    let bad = false;
    const issue = (path: string, message: string) => {
      bad = true;
      ctx.addIssue({ code: 'custom', path: [path], message });
    };
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
    if (!uuid.test(v.practitionerId)) issue('practitionerId', 'allocation.errors.practitionerRequired');
    const reallocating = v.current !== '' && v.current !== 'none';
    if (reallocating && v.reason === '') issue('reason', 'allocation.errors.reasonRequired');
    if (v.current === '' || !/^(none|[0-9a-f,-]{36,2000})$/i.test(v.current))
      issue('practitionerId', 'allocation.errors.formExpired');
    if (!/^[A-Za-z0-9_-]{32}$/.test(v._formToken)) issue('practitionerId', 'allocation.errors.formExpired');
    if (bad) return z.NEVER;
    return {
      practitionerId: v.practitionerId.toLowerCase(),
      reason: v.reason,
      current: v.current.toLowerCase(),
      formToken: v._formToken,
    };
  });
export type AllocateInput = z.output<typeof allocateSchema>;

/**
 * Allocate (or reallocate) a case to a practitioner of its area. One transaction: the form
 * token, the case locked, the old worker's allocation ended with who and why, the new one,
 * the case's team set to the practitioner's team when it has none, the move to `allocated`
 * when the case was waiting, the timeline and the audit. A repeated post changes nothing;
 * a post from a page that saw another worker is refused with STALE_VERSION.
 */
export async function allocateToPractitioner(
  db: Db,
  input: { caseId: string; form: AllocateInput; actor: Actor; now: Date },
): Promise<{ location: string; created: boolean }> {
  const f = input.form;
  return db.transaction(async (tx) => {
    const claim = await claimFormToken(tx, f.formToken, input.actor.userId);
    if (!claim.fresh) return { location: claim.location, created: false };
    const kase = await getAllocationCase(tx, input.caseId, true);
    if (!kase) throw new DomainError('CASE_NOT_FOUND');
    if (!allocatable(kase.status).ok) throw new DomainError('CASE_NOT_ALLOCATABLE');
    const current = await currentCaseholders(tx, input.caseId);
    if (allocationsKey(current) !== f.current) throw new DomainError('STALE_VERSION');
    if (current.some((a) => a.userId === f.practitionerId)) throw new DomainError('ALREADY_ALLOCATED');
    const [practitioner] = await queryRows<{ roles: string[]; teamId: string | null }>(
      tx,
      sql`SELECT ARRAY(SELECT r.role FROM staff_role r WHERE r.user_id = u.id ORDER BY r.role) AS roles,
            (SELECT m.team_id FROM team_membership m JOIN team t ON t.id = m.team_id
              WHERE m.user_id = u.id AND t.area_id = ${kase.areaId} ORDER BY m.team_id LIMIT 1) AS "teamId"
          FROM user_account u JOIN staff s ON s.user_id = u.id
          WHERE u.id = ${f.practitionerId} AND u.disabled_at IS NULL
            AND (s.area_id = ${kase.areaId} OR EXISTS (SELECT 1 FROM team_membership m JOIN team t ON t.id = m.team_id
              WHERE m.user_id = u.id AND t.area_id = ${kase.areaId}))`,
    );
    const roles = practitioner?.roles ?? [];
    if (!practitioner || !roles.some((r) => (CASEHOLDER_ROLES as readonly string[]).includes(r))) {
      throw new DomainError('PRACTITIONER_NOT_FOUND');
    }
    const reallocating = current.length > 0;
    const role = allocationRoleFor(roles, kase);
    const timeline = reallocating ? { kind: 'allocation.reallocated' } : { kind: 'allocation.allocated' };
    const result = await allocateCase(tx, {
      caseId: input.caseId,
      userId: f.practitionerId,
      role,
      now: input.now,
      actorUserId: input.actor.userId,
      reason: f.reason === '' ? null : f.reason,
      endReason: reallocating ? f.reason : null,
      endRoles: CASEHOLDER_ROLES,
      timelineKind: timeline.kind,
      timelineDetails: reallocating ? { previousUserIds: current.map((a) => a.userId) } : {},
    });
    const teamSet = kase.teamId === null && practitioner.teamId !== null;
    if (teamSet) {
      await tx.execute(sql`UPDATE case_record SET team_id = ${practitioner.teamId}, version = version + 1
        WHERE id = ${input.caseId}`);
    }
    if (kase.status === 'awaiting-allocation') {
      await moveCase(tx, {
        caseId: input.caseId,
        event: { type: 'allocated' },
        actorUserId: input.actor.userId,
        now: input.now,
        details: { userId: f.practitionerId },
      });
    } else {
      await tx.execute(sql`UPDATE case_record SET updated_at = ${input.now} WHERE id = ${input.caseId}`);
    }
    const audit: AuditEntry[] = [
      {
        action: 'create',
        resourceType: 'case-allocation',
        resourceIds: [result.allocationId],
        caseId: input.caseId,
        fieldCategories: ['allocation'],
      },
    ];
    if (result.ended.length > 0) {
      audit.push({
        action: 'change',
        resourceType: 'case-allocation',
        resourceIds: result.ended.map((e) => e.id),
        caseId: input.caseId,
        fieldCategories: ['allocation'],
      });
    }
    if (teamSet) {
      audit.push({
        action: 'change',
        resourceType: 'case',
        resourceIds: [input.caseId],
        caseId: input.caseId,
        fieldCategories: ['case-summary'],
      });
    }
    await appendAudit(tx, input.actor, input.now, audit);
    const location = `/cases/${input.caseId}/allocation?saved=${reallocating ? 'reallocated' : 'allocated'}`;
    await completeFormToken(tx, f.formToken, location);
    return { location, created: true };
  });
}
