import type { Principal } from '../../platform/authorisation/roles.ts';
import type { Executor } from '../../platform/db/database.ts';
import { loadPrincipal } from './service.ts';

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
