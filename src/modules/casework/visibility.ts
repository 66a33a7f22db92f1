import { type SQL, sql } from 'drizzle-orm';
import {
  AREA_MANAGER_ROLES,
  NATIONAL_CASE_ROLES,
  PRACTITIONER_ROLES,
  type Principal,
} from '../../platform/authorisation/roles.ts';
import { sqlList } from '../../platform/db/database.ts';

/**
 * The SQL form of need-to-know (`canSeeCase` in platform/authorisation/policy.ts) for
 * lists, so pages filter in the database. A test checks the two agree on every
 * combination of role and relationship.
 */
export function visibleCasesCondition(p: Principal, now: Date): SQL {
  const has = (roles: readonly string[]) => p.roles.some((r) => roles.includes(r));
  const named = sql`EXISTS (SELECT 1 FROM case_access_grant g WHERE g.case_id = c.id AND g.user_id = ${p.userId}
      AND (g.expires_at IS NULL OR g.expires_at > ${now}))`;
  const allocated = sql`EXISTS (SELECT 1 FROM case_allocation a WHERE a.case_id = c.id AND a.user_id = ${p.userId}
      AND a.ended_at IS NULL)`;
  const emergency = sql`EXISTS (SELECT 1 FROM emergency_access e WHERE e.case_id = c.id AND e.user_id = ${p.userId}
      AND e.expires_at > ${now})`;
  const open: SQL[] = [allocated, emergency];
  if (has(NATIONAL_CASE_ROLES)) open.push(sql`TRUE`);
  if (has(AREA_MANAGER_ROLES) && p.areaIds.length > 0) {
    open.push(sql`c.area_id IN (${sqlList(p.areaIds)})`);
  }
  if (has(PRACTITIONER_ROLES) && p.teamIds.length > 0) {
    open.push(sql`c.team_id IN (${sqlList(p.teamIds)})`);
  }
  return sql`((c.restricted AND ${named}) OR (NOT c.restricted AND (${named} OR ${sql.join(open, sql` OR `)})))`;
}
