import { type SQL, sql } from 'drizzle-orm';
import {
  AREA_MANAGER_ROLES,
  FRONT_DOOR_ROLES,
  NATIONAL_CASE_ROLES,
  PRACTITIONER_ROLES,
  type Principal,
} from '../../platform/authorisation/roles.ts';
import { sqlList } from '../../platform/db/database.ts';

/**
 * The SQL form of need-to-know (`canSeeCase` in platform/authorisation/policy.ts) for
 * lists, so pages filter in the database. A test checks the two agree on every
 * combination of role and relationship.
 *
 * The cases a person holds personally (named, allocated, emergency access) are gathered once
 * into arrays (init plans), so that every arm of the condition can use an index and the
 * planner can combine them: the cost stays flat as the national history grows.
 */
export function visibleCasesCondition(p: Principal, now: Date): SQL {
  const has = (roles: readonly string[]) => p.roles.some((r) => roles.includes(r));
  const named = sql`ARRAY(SELECT g.case_id FROM case_access_grant g WHERE g.user_id = ${p.userId}
      AND (g.expires_at IS NULL OR g.expires_at > ${now}))`;
  const personal = sql`ARRAY(SELECT a.case_id FROM case_allocation a WHERE a.user_id = ${p.userId} AND a.ended_at IS NULL
      UNION ALL SELECT e.case_id FROM emergency_access e WHERE e.user_id = ${p.userId} AND e.expires_at > ${now})`;
  const open: SQL[] = [sql`c.id = ANY(${personal})`];
  if (has(NATIONAL_CASE_ROLES)) open.push(sql`TRUE`);
  if (has(AREA_MANAGER_ROLES) && p.areaIds.length > 0) open.push(sql`c.area_id IN (${sqlList(p.areaIds)})`);
  if (has(PRACTITIONER_ROLES) && p.teamIds.length > 0) open.push(sql`c.team_id IN (${sqlList(p.teamIds)})`);
  if (has(FRONT_DOOR_ROLES) && p.areaIds.length > 0) {
    open.push(sql`(c.team_id IS NULL AND c.area_id IN (${sqlList(p.areaIds)}))`);
  }
  // Named people see the case whether or not it is restricted; nobody else sees a restricted one.
  return sql`(c.id = ANY(${named}) OR (NOT c.restricted AND (${sql.join(open, sql` OR `)})))`;
}
