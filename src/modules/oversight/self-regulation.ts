import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { type AuditActor, type AuditEntry, appendAudit } from '../../platform/audit/audit.ts';
import type { Principal } from '../../platform/authorisation/roles.ts';
import { type Db, type Executor, queryRows, sqlList } from '../../platform/db/database.ts';
import { DomainError } from '../../platform/errors/catalogue.ts';
import { claimFormToken, completeFormToken } from '../../platform/forms/form-token.ts';
import { appendTimeline, visibleCasesCondition } from '../casework/service.ts';

type Actor = AuditActor & { userId: string };

/**
 * How many of a practitioner's open cases are marked for audit when they step down from
 * self-regulation (DOMAIN §5.2: "their work is monitored … and a sample is audited"): the
 * most recently allocated first, since they show the work as it is now.
 */
export const AUDIT_SAMPLE_SIZE = 3;

/** Who can be self-regulating: the practitioners who file their own reports. */
export const SELF_REGULATION_ROLES = ['fca', 'childrens-guardian', 'associate'] as const;

export const SELF_REGULATION_CHANGES = ['authorised', 'stepped-down'] as const;
export type SelfRegulationChange = (typeof SELF_REGULATION_CHANGES)[number];

export const SELF_REGULATION_PAGE_SIZE = 50;
const REASON_MAX = 2000;

/** Whether the practitioner files letters and reports without a manager's review now. */
export async function isSelfRegulating(db: Executor, userId: string): Promise<boolean> {
  const [row] = await queryRows<{ flag: boolean }>(
    db,
    sql`SELECT self_regulating AS flag FROM staff WHERE user_id = ${userId}`,
  );
  return row?.flag === true;
}

/** Pure: the change a manager may make from the current state (the opposite one). */
export function changeFrom(selfRegulating: boolean): SelfRegulationChange {
  return selfRegulating ? 'stepped-down' : 'authorised';
}

const areaCondition = (areaIds: readonly string[]) => {
  const areas = sqlList(areaIds);
  return sql`u.disabled_at IS NULL
    AND EXISTS (SELECT 1 FROM staff_role r WHERE r.user_id = u.id AND r.role IN (${sqlList(SELF_REGULATION_ROLES)}))
    AND (s.area_id IN (${areas}) OR EXISTS (SELECT 1 FROM team_membership m JOIN team t ON t.id = m.team_id
      WHERE m.user_id = u.id AND t.area_id IN (${areas})))`;
};

export interface SelfRegulationRow {
  userId: string;
  name: string;
  roles: string[];
  selfRegulating: boolean;
  since: string | null;
  lastChange: SelfRegulationChange | null;
  lastReason: string | null;
  changedByName: string | null;
  openMarks: number;
}

const ROW_COLUMNS = sql`u.id AS "userId", u.display_name AS name, s.self_regulating AS "selfRegulating",
    ARRAY(SELECT r.role FROM staff_role r WHERE r.user_id = u.id ORDER BY r.role) AS roles,
    lc.changed_at AS since, lc.change AS "lastChange", lc.reason AS "lastReason", cb.display_name AS "changedByName",
    (SELECT count(*)::int FROM audit_sample_mark m WHERE m.user_id = u.id AND m.cleared_at IS NULL) AS "openMarks"`;
const ROW_FROM = sql`FROM user_account u JOIN staff s ON s.user_id = u.id
    LEFT JOIN LATERAL (SELECT c.change, c.reason, c.changed_at, c.changed_by FROM self_regulation_change c
      WHERE c.user_id = u.id ORDER BY c.changed_at DESC, c.id DESC LIMIT 1) lc ON TRUE
    LEFT JOIN user_account cb ON cb.id = lc.changed_by`;

/** The practitioners of the manager's areas with their state, since when and why. */
export async function listSelfRegulation(
  db: Executor,
  input: { areaIds: readonly string[]; page: number },
): Promise<{ rows: SelfRegulationRow[]; total: number }> {
  if (input.areaIds.length === 0) return { rows: [], total: 0 };
  const where = areaCondition(input.areaIds);
  const [count] = await queryRows<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM user_account u JOIN staff s ON s.user_id = u.id WHERE ${where}`,
  );
  const rows = await queryRows<SelfRegulationRow>(
    db,
    sql`SELECT ${ROW_COLUMNS} ${ROW_FROM} WHERE ${where}
        ORDER BY s.self_regulating DESC, u.display_name, u.id
        LIMIT ${SELF_REGULATION_PAGE_SIZE} OFFSET ${(input.page - 1) * SELF_REGULATION_PAGE_SIZE}`,
  );
  return { rows, total: count?.n ?? 0 };
}

/** One practitioner of the manager's areas, or null (outside the areas, or not a practitioner). */
export async function getSelfRegulation(
  db: Executor,
  userId: string,
  areaIds: readonly string[],
): Promise<SelfRegulationRow | null> {
  if (areaIds.length === 0) return null;
  const [row] = await queryRows<SelfRegulationRow>(
    db,
    sql`SELECT ${ROW_COLUMNS} ${ROW_FROM} WHERE u.id = ${userId} AND ${areaCondition(areaIds)}`,
  );
  return row ?? null;
}

export interface SelfRegulationHistoryRow {
  id: string;
  change: SelfRegulationChange;
  reason: string;
  changedByName: string;
  changedAt: string;
}

export async function listSelfRegulationHistory(db: Executor, userId: string): Promise<SelfRegulationHistoryRow[]> {
  return queryRows<SelfRegulationHistoryRow>(
    db,
    sql`SELECT c.id, c.change, c.reason, u.display_name AS "changedByName", c.changed_at AS "changedAt"
        FROM self_regulation_change c JOIN user_account u ON u.id = c.changed_by
        WHERE c.user_id = ${userId} ORDER BY c.changed_at DESC, c.id DESC`,
  );
}

export interface AuditSampleMarkRow {
  id: string;
  caseId: string;
  /** Null when the reader may not see the case (restricted or outside their need-to-know). */
  reference: string | null;
  userId: string;
  practitionerName: string;
  reason: string;
  markedAt: string;
  markedByName: string;
  clearedAt: string | null;
  clearedByName: string | null;
}

/**
 * Cases marked for audit because their worker stepped down: open marks by default, newest
 * first, for a practitioner, a case or the areas of the cases. For the quality module: with
 * `viewer`, a case's reference is given only when the viewer may see the case.
 */
export async function listAuditSampleMarks(
  db: Executor,
  options: {
    userId?: string;
    caseId?: string;
    areaIds?: readonly string[];
    /** true (default): open marks only; false: cleared only; 'all': both. */
    open?: boolean | 'all';
    viewer?: { principal: Principal; now: Date };
    limit?: number;
    offset?: number;
  } = {},
): Promise<AuditSampleMarkRow[]> {
  const conditions = [sql`TRUE`];
  if (options.userId) conditions.push(sql`m.user_id = ${options.userId}`);
  if (options.caseId) conditions.push(sql`m.case_id = ${options.caseId}`);
  if (options.areaIds) {
    conditions.push(options.areaIds.length ? sql`c.area_id IN (${sqlList(options.areaIds)})` : sql`FALSE`);
  }
  const open = options.open ?? true;
  if (open === true) conditions.push(sql`m.cleared_at IS NULL`);
  if (open === false) conditions.push(sql`m.cleared_at IS NOT NULL`);
  const visible = options.viewer ? visibleCasesCondition(options.viewer.principal, options.viewer.now) : sql`TRUE`;
  return queryRows<AuditSampleMarkRow>(
    db,
    sql`SELECT m.id, m.case_id AS "caseId", CASE WHEN ${visible} THEN c.reference END AS reference,
          m.user_id AS "userId", pu.display_name AS "practitionerName", m.reason, m.marked_at AS "markedAt",
          mb.display_name AS "markedByName", m.cleared_at AS "clearedAt", cb.display_name AS "clearedByName"
        FROM audit_sample_mark m JOIN case_record c ON c.id = m.case_id
          JOIN user_account pu ON pu.id = m.user_id JOIN user_account mb ON mb.id = m.marked_by
          LEFT JOIN user_account cb ON cb.id = m.cleared_by
        WHERE ${sql.join(conditions, sql` AND `)}
        ORDER BY m.marked_at DESC, m.id
        LIMIT ${Math.min(options.limit ?? 100, 500)} OFFSET ${options.offset ?? 0}`,
  );
}

const text = (max: number, tooLong: string) =>
  z
    .string()
    .optional()
    .transform((v) => (v ?? '').trim())
    .pipe(z.string().max(max, { error: tooLong }));

/** The form: the change (the opposite of the state the page showed) and its reason. */
export const selfRegulationSchema = z
  .object({
    change: text(20, 'oversight.errors.formExpired'),
    reason: text(REASON_MAX, 'oversight.errors.reasonTooLong'),
    _formToken: text(64, 'oversight.errors.formExpired'),
  })
  .transform((v, ctx) => {
    let bad = false;
    const issue = (path: string, message: string) => {
      bad = true;
      ctx.addIssue({ code: 'custom', path: [path], message });
    };
    if (!(SELF_REGULATION_CHANGES as readonly string[]).includes(v.change))
      issue('reason', 'oversight.errors.formExpired');
    if (v.reason === '') issue('reason', 'oversight.errors.reasonRequired');
    if (!/^[A-Za-z0-9_-]{32}$/.test(v._formToken)) issue('reason', 'oversight.errors.formExpired');
    if (bad) return z.NEVER;
    return { change: v.change as SelfRegulationChange, reason: v.reason, formToken: v._formToken };
  });
export type SelfRegulationInput = z.output<typeof selfRegulationSchema>;

/**
 * Authorise a practitioner to self-regulate, or step them down. One transaction: the flag,
 * the history, and on stepping down up to AUDIT_SAMPLE_SIZE of their open allocated cases
 * marked for audit (each with its timeline entry); on authorising, their open marks cleared.
 * The change must be the opposite of the current state (else STALE_VERSION: someone else
 * changed it since the page was read). Nobody changes their own (OWN_SELF_REGULATION).
 */
export async function changeSelfRegulation(
  db: Db,
  input: { userId: string; form: SelfRegulationInput; actor: Actor; now: Date },
): Promise<{ location: string; changed: boolean; marked: string[]; cleared: string[] }> {
  const f = input.form;
  if (input.userId === input.actor.userId) throw new DomainError('OWN_SELF_REGULATION');
  return db.transaction(async (tx) => {
    const claim = await claimFormToken(tx, f.formToken, input.actor.userId);
    if (!claim.fresh) return { location: claim.location, changed: false, marked: [], cleared: [] };
    const [staff] = await queryRows<{ flag: boolean }>(
      tx,
      sql`SELECT self_regulating AS flag FROM staff WHERE user_id = ${input.userId} FOR UPDATE`,
    );
    if (!staff) throw new DomainError('STAFF_NOT_FOUND');
    if (changeFrom(staff.flag) !== f.change) throw new DomainError('STALE_VERSION');
    const on = f.change === 'authorised';
    await tx.execute(sql`UPDATE staff SET self_regulating = ${on} WHERE user_id = ${input.userId}`);
    const [change] = await queryRows<{ id: string }>(
      tx,
      sql`INSERT INTO self_regulation_change (user_id, change, reason, changed_by, changed_at)
          VALUES (${input.userId}, ${f.change}, ${f.reason}, ${input.actor.userId}, ${input.now}) RETURNING id`,
    );
    const audit: AuditEntry[] = [
      { action: 'change', resourceType: 'self-regulation', resourceIds: [input.userId, change!.id] },
    ];
    let marked: { id: string; caseId: string }[] = [];
    let cleared: { id: string; caseId: string }[] = [];
    if (on) {
      cleared = await queryRows(
        tx,
        sql`UPDATE audit_sample_mark SET cleared_at = ${input.now}, cleared_by = ${input.actor.userId}
            WHERE user_id = ${input.userId} AND cleared_at IS NULL RETURNING id, case_id AS "caseId"`,
      );
      for (const m of cleared) {
        await appendTimeline(tx, {
          caseId: m.caseId,
          kind: 'oversight.sample-cleared',
          occurredAt: input.now,
          actorUserId: input.actor.userId,
          details: { markId: m.id, userId: input.userId },
        });
        audit.push({ action: 'change', resourceType: 'audit-sample-mark', resourceIds: [m.id], caseId: m.caseId });
      }
    } else {
      marked = await queryRows(
        tx,
        sql`INSERT INTO audit_sample_mark (case_id, user_id, reason, change_id, marked_by, marked_at)
            SELECT s.case_id, ${input.userId}, ${f.reason}, ${change!.id}, ${input.actor.userId}, ${input.now}
            FROM (SELECT a.case_id, max(a.allocated_at) AS allocated_at FROM case_allocation a
                  JOIN case_record c ON c.id = a.case_id AND c.closed_at IS NULL
                  WHERE a.user_id = ${input.userId} AND a.ended_at IS NULL
                    AND NOT EXISTS (SELECT 1 FROM audit_sample_mark o WHERE o.case_id = a.case_id
                      AND o.user_id = ${input.userId} AND o.cleared_at IS NULL)
                  GROUP BY a.case_id ORDER BY max(a.allocated_at) DESC, a.case_id LIMIT ${AUDIT_SAMPLE_SIZE}) s
            RETURNING id, case_id AS "caseId"`,
      );
      for (const m of marked) {
        await appendTimeline(tx, {
          caseId: m.caseId,
          kind: 'oversight.sample-marked',
          occurredAt: input.now,
          actorUserId: input.actor.userId,
          details: { markId: m.id, userId: input.userId },
        });
        audit.push({ action: 'create', resourceType: 'audit-sample-mark', resourceIds: [m.id], caseId: m.caseId });
      }
    }
    await appendAudit(tx, input.actor, input.now, audit);
    const location = `/oversight/self-regulation/${input.userId}?saved=${f.change}`;
    await completeFormToken(tx, f.formToken, location);
    return { location, changed: true, marked: marked.map((m) => m.caseId), cleared: cleared.map((m) => m.caseId) };
  });
}
