import { sql } from 'drizzle-orm';
import { isRole, type Principal } from '../../platform/authorisation/roles.ts';
import { type Executor, queryRows } from '../../platform/db/database.ts';

/**
 * The person acting, with roles, teams and areas, in one query. Returns null for an
 * unknown or disabled account, so a disabled person's open sessions stop at once.
 */
export async function loadPrincipal(db: Executor, userId: string): Promise<Principal | null> {
  const rows = await queryRows<{
    id: string;
    email: string;
    display_name: string;
    disabled_at: string | null;
    area_id: string | null;
    welsh_speaker: boolean | null;
    roles: string[] | null;
    team_ids: string[] | null;
    managed_team_ids: string[] | null;
    team_area_ids: string[] | null;
  }>(
    db,
    sql`
    SELECT u.id, u.email, u.display_name, u.disabled_at, s.area_id, s.welsh_speaker,
      (SELECT array_agg(r.role ORDER BY r.role) FROM staff_role r WHERE r.user_id = u.id) AS roles,
      (SELECT array_agg(m.team_id ORDER BY m.team_id) FROM team_membership m WHERE m.user_id = u.id) AS team_ids,
      (SELECT array_agg(m.team_id ORDER BY m.team_id) FROM team_membership m WHERE m.user_id = u.id AND m.manages) AS managed_team_ids,
      (SELECT array_agg(DISTINCT t.area_id) FROM team_membership m JOIN team t ON t.id = m.team_id WHERE m.user_id = u.id) AS team_area_ids
    FROM user_account u LEFT JOIN staff s ON s.user_id = u.id
    WHERE u.id = ${userId}`,
  );
  const row = rows[0];
  if (!row || row.disabled_at) return null;
  const areaIds = new Set<string>(row.team_area_ids ?? []);
  if (row.area_id) areaIds.add(row.area_id);
  return {
    userId: row.id,
    email: row.email,
    displayName: row.display_name,
    roles: (row.roles ?? []).filter(isRole),
    homeAreaId: row.area_id,
    areaIds: [...areaIds].sort(),
    teamIds: row.team_ids ?? [],
    managedTeamIds: row.managed_team_ids ?? [],
    welshSpeaker: row.welsh_speaker ?? false,
  };
}

/** Staff are about 1,700 nationally; the cache stays far below this. */
const MAX_ENTRIES = 10_000;

/**
 * The person acting, loaded once per change of their access rather than on every request.
 * `user_account.access_version` moves (by trigger, migration 0015) whenever the account,
 * its roles, teams, staff record or a team's area changes, and the session lookup reads
 * it with the session; a cached principal is used only while its version is the one the
 * session lookup just read. So a change is seen on the next request, in every process.
 */
export function cachedPrincipals(db: Executor): (userId: string, accessVersion: number) => Promise<Principal | null> {
  const cache = new Map<string, { version: number; principal: Principal }>();
  return async (userId, accessVersion) => {
    const hit = cache.get(userId);
    if (hit && hit.version === accessVersion) return hit.principal;
    const principal = await loadPrincipal(db, userId);
    cache.delete(userId);
    if (!principal) return null;
    // Shared by every request of this person: frozen, so no request can change another's.
    for (const list of [principal.roles, principal.areaIds, principal.teamIds, principal.managedTeamIds]) {
      Object.freeze(list);
    }
    Object.freeze(principal);
    if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
    cache.set(userId, { version: accessVersion, principal });
    return principal;
  };
}
