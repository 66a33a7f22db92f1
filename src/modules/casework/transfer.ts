import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { type AuditActor, type AuditEntry, appendAudit } from '../../platform/audit/audit.ts';
import { can } from '../../platform/authorisation/policy.ts';
import type { Principal } from '../../platform/authorisation/roles.ts';
import { type Db, type Executor, queryRows } from '../../platform/db/database.ts';
import { DomainError } from '../../platform/errors/catalogue.ts';
import { claimFormToken, completeFormToken } from '../../platform/forms/form-token.ts';
import { isUuid } from '../../platform/http/authorisation-hook.ts';
import { caseAreaChange, caseRecord } from './schema.ts';
import { allocationsKey, endAllocations, resolveCaseAccess } from './service.ts';
import { appendTimeline } from './timeline.ts';

/**
 * Moving a case to another service area (DOMAIN §1, §6): the family moved, or the court's
 * area was wrong. The move is kept in case_area_change, so the KPIs leave the work done
 * before it with the area that did it.
 */

type Actor = AuditActor & { userId: string };

/** The case as the transfer form and the move need it. */
export interface TransferCase {
  id: string;
  reference: string;
  status: string;
  areaId: string;
  teamId: string | null;
  version: number;
  areaName: string;
  areaNameCy: string;
  teamName: string | null;
  teamNameCy: string | null;
  /** The allocations that end with the move (every current one). */
  allocations: { id: string; userId: string; displayName: string; role: string }[];
}

/** A service area a case can move to, with its teams. */
export interface TransferArea {
  id: string;
  name: string;
  nameCy: string;
  nation: 'england' | 'wales';
  teams: { id: string; name: string; nameCy: string }[];
}

export async function getTransferCase(db: Executor, caseId: string): Promise<TransferCase | null> {
  const [row] = await queryRows<TransferCase>(
    db,
    sql`SELECT c.id, c.reference, c.status, c.area_id AS "areaId", c.team_id AS "teamId", c.version,
          a.name AS "areaName", a.name_cy AS "areaNameCy", t.name AS "teamName", t.name_cy AS "teamNameCy",
          COALESCE((SELECT json_agg(json_build_object('id', al.id, 'userId', al.user_id, 'displayName', u.display_name,
              'role', al.allocation_role) ORDER BY al.allocated_at, al.id)
            FROM case_allocation al JOIN user_account u ON u.id = al.user_id
            WHERE al.case_id = c.id AND al.ended_at IS NULL), '[]'::json) AS allocations
        FROM case_record c JOIN service_area a ON a.id = c.area_id LEFT JOIN team t ON t.id = c.team_id
        WHERE c.id = ${caseId}`,
  );
  return row ?? null;
}

/** Every service area with its teams: England's areas first, in the order of their codes, then Wales. */
export async function listTransferAreas(db: Executor): Promise<TransferArea[]> {
  return queryRows<TransferArea>(
    db,
    sql`SELECT a.id, a.name, a.name_cy AS "nameCy", a.nation,
          COALESCE((SELECT json_agg(json_build_object('id', t.id, 'name', t.name, 'nameCy', t.name_cy)
              ORDER BY t.name, t.id) FROM team t WHERE t.area_id = a.id), '[]'::json) AS teams
        FROM service_area a
        ORDER BY CASE a.nation WHEN 'england' THEN 0 ELSE 1 END, lpad(a.code, 4, '0'), a.id`,
  );
}

/** Whether a case in this state may be moved, and if not, why. */
export function transferable(status: string): { ok: true } | { ok: false; why: 'closed' } {
  return status === 'closed' ? { ok: false, why: 'closed' } : { ok: true };
}

export const TRANSFER_REASON_MAX = 2000;

const text = (max: number, message: string) =>
  z
    .string()
    .optional()
    .catch(undefined)
    .transform((v) => (v ?? '').trim())
    .pipe(z.string().max(max, { error: message }));

/** The transfer form: where to (an area, perhaps a team), why, and what the form saw. */
export const transferSchema = z
  .object({
    areaId: text(60, 'errors.transfer.areaRequired'),
    teamId: text(60, 'errors.transfer.teamNotInArea'),
    reason: text(TRANSFER_REASON_MAX, 'errors.transfer.reasonTooLong'),
    version: text(12, 'errors.form.expired'),
    current: text(4000, 'errors.form.expired'),
    _formToken: text(64, 'errors.form.expired'),
  })
  .transform((v, ctx) => {
    let bad = false;
    const issue = (path: string, message: string) => {
      bad = true;
      ctx.addIssue({ code: 'custom', path: [path], message });
    };
    // A form that is not one of ours (or is too old to carry these) is reloaded, not guessed at.
    const expired =
      !/^[1-9]\d{0,9}$/.test(v.version) ||
      !/^(none|[0-9a-f,-]{36,4000})$/i.test(v.current) ||
      !/^[A-Za-z0-9_-]{32}$/.test(v._formToken);
    if (expired) issue('areaId', 'errors.form.expired');
    if (v.areaId === '') issue('areaId', 'errors.transfer.areaRequired');
    if (v.reason === '') issue('reason', 'errors.transfer.reasonRequired');
    if (bad) return z.NEVER;
    return {
      areaId: v.areaId,
      teamId: v.teamId === '' ? null : v.teamId,
      reason: v.reason,
      version: Number(v.version),
      current: v.current.toLowerCase(),
      formToken: v._formToken,
    };
  });
export type TransferInput = z.output<typeof transferSchema>;

export type DestinationProblem =
  | { field: 'areaId'; problem: 'area-unknown' | 'same-area' }
  | {
      field: 'teamId';
      problem: 'team-not-in-area';
    };

/**
 * What is wrong with the chosen destination, if anything: an area that does not exist, the
 * area the case is in now, or a team of another area (the form lists every area's teams, so
 * that it works without JavaScript).
 */
export function destinationProblems(
  areas: readonly TransferArea[],
  currentAreaId: string,
  choice: { areaId: string; teamId: string | null },
): DestinationProblem[] {
  const area = areas.find((a) => a.id === choice.areaId);
  const problems: DestinationProblem[] = [];
  if (!area) problems.push({ field: 'areaId', problem: 'area-unknown' });
  else if (area.id === currentAreaId) problems.push({ field: 'areaId', problem: 'same-area' });
  if (area && choice.teamId !== null && !area.teams.some((t) => t.id === choice.teamId)) {
    problems.push({ field: 'teamId', problem: 'team-not-in-area' });
  }
  return problems;
}

/**
 * Move a case to another service area. One transaction: the form token, the case locked and
 * checked against what the form saw (version and allocations), the destination checked (a
 * refusal is VALIDATION_FAILED with the problem of each field as its params), the move recorded, the case's
 * area and team changed, every current allocation ended (the receiving area allocates), the
 * timeline and the audit. A repeated post changes nothing and goes where the first went: the
 * case, or the mover's caseload when the move took the case out of their sight.
 */
export async function transferCase(
  db: Db,
  input: { caseId: string; form: TransferInput; principal: Principal; actor: Actor; now: Date },
): Promise<{ location: string; created: boolean }> {
  const f = input.form;
  return db.transaction(async (tx) => {
    const claim = await claimFormToken(tx, f.formToken, input.actor.userId);
    if (!claim.fresh) return { location: claim.location, created: false };
    await tx.execute(sql`SELECT id FROM case_record WHERE id = ${input.caseId} FOR UPDATE`);
    const kase = await getTransferCase(tx, input.caseId);
    if (!kase) throw new DomainError('CASE_NOT_FOUND');
    if (!transferable(kase.status).ok) throw new DomainError('CASE_CLOSED');
    if (kase.version !== f.version || allocationsKey(kase.allocations) !== f.current) {
      throw new DomainError('STALE_VERSION');
    }
    // After the token, so that a repeated post goes where the first went (the case is in that area now).
    const problems = destinationProblems(await listTransferAreas(tx), kase.areaId, f);
    if (problems.length > 0) {
      throw new DomainError('VALIDATION_FAILED', Object.fromEntries(problems.map((p) => [p.field, p.problem])));
    }
    const [change] = await tx
      .insert(caseAreaChange)
      .values({
        caseId: input.caseId,
        fromAreaId: kase.areaId,
        fromTeamId: kase.teamId,
        toAreaId: f.areaId,
        toTeamId: f.teamId,
        changedAt: input.now,
        changedBy: input.actor.userId,
        reason: f.reason,
      })
      .returning({ id: caseAreaChange.id });
    const changeId = change!.id;
    const updated = await tx
      .update(caseRecord)
      .set({ areaId: f.areaId, teamId: f.teamId, updatedAt: input.now, version: sql`${caseRecord.version} + 1` })
      .where(and(eq(caseRecord.id, input.caseId), eq(caseRecord.version, f.version)))
      .returning({ id: caseRecord.id });
    if (updated.length === 0) throw new DomainError('STALE_VERSION');
    const ended = await endAllocations(tx, {
      caseId: input.caseId,
      now: input.now,
      actorUserId: input.actor.userId,
      reason: f.reason,
    });
    await appendTimeline(tx, {
      caseId: input.caseId,
      kind: 'case.transferred',
      occurredAt: input.now,
      actorUserId: input.actor.userId,
      body: f.reason,
      details: {
        changeId,
        fromAreaId: kase.areaId,
        fromTeamId: kase.teamId,
        toAreaId: f.areaId,
        toTeamId: f.teamId,
        reason: f.reason,
        endedAllocationIds: ended.map((e) => e.id),
      },
    });
    const audit: AuditEntry[] = [
      {
        action: 'change',
        resourceType: 'case',
        resourceIds: [input.caseId, changeId],
        caseId: input.caseId,
        fieldCategories: ['case-summary'],
      },
    ];
    if (ended.length > 0) {
      audit.push({
        action: 'change',
        resourceType: 'case-allocation',
        resourceIds: ended.map((e) => e.id),
        caseId: input.caseId,
        fieldCategories: ['allocation'],
      });
    }
    await appendAudit(tx, input.actor, input.now, audit);
    // The sending manager keeps the case only if they can see it otherwise (another of their areas, a grant).
    const facts = await resolveCaseAccess(tx, input.caseId, input.now);
    const stillVisible = facts !== null && can(input.principal, 'case:view', { kind: 'case', facts });
    const location = stillVisible
      ? `/cases/${input.caseId}?notice=case-transferred`
      : `/caseload?transferred=${changeId}`;
    await completeFormToken(tx, f.formToken, location);
    return { location, created: true };
  });
}

/** The query of the caseload after a move that took the case out of the mover's sight. */
export const transferNoticeQuerySchema = z.object({
  transferred: z
    .string()
    .optional()
    .catch(undefined)
    .transform((v) => (isUuid(v) ? v.toLowerCase() : undefined)),
});

/** A move this person made, for the banner that names the case they no longer see. */
export async function getTransferNotice(
  db: Executor,
  changeId: string,
  userId: string,
): Promise<{ caseId: string; reference: string; areaName: string; areaNameCy: string } | null> {
  const [row] = await queryRows<{ caseId: string; reference: string; areaName: string; areaNameCy: string }>(
    db,
    sql`SELECT x.case_id AS "caseId", c.reference, a.name AS "areaName", a.name_cy AS "areaNameCy"
        FROM case_area_change x JOIN case_record c ON c.id = x.case_id JOIN service_area a ON a.id = x.to_area_id
        WHERE x.id = ${changeId} AND x.changed_by = ${userId}`,
  );
  return row ?? null;
}
