import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { resolveCaseAccess } from '../../src/modules/casework/service.ts';
import { loadPrincipal } from '../../src/modules/organisation/service.ts';
import { can } from '../../src/platform/authorisation/policy.ts';
import { ROLES, type Role } from '../../src/platform/authorisation/roles.ts';
import { createUser, csrfFrom, type Session, signedIn, type TestApp, testApp } from '../helpers/app.ts';
import { CANARY_ADDRESS, seedCase } from '../helpers/cases.ts';

type Relationship = 'allocated' | 'same-team' | 'other-area' | 'restricted';
const RELATIONSHIPS: Relationship[] = ['allocated', 'same-team', 'other-area', 'restricted'];

/** Strings from the seeded cases that must never appear in a refusal. */
const CASE_DATA = ['Testchild', 'Secondchild', 'Testmother', 'Testfather', CANARY_ADDRESS, 'CV-2026-9'];

describe('authorisation matrix: every case route × every role × relationship', () => {
  let t: TestApp;
  const sessions = new Map<Role, Session>();
  const users = new Map<Role, string>();
  const cases = new Map<
    string,
    { caseId: string; childIds: Record<string, string>; partyIds: Record<string, string> }
  >();

  before(async () => {
    t = await testApp();
    for (const role of ROLES) {
      const teamId = role === 'associate' || role === 'inspector' || role === 'system-admin' ? null : 'test-team-a';
      const user = await createUser(t.database, role, { teamId });
      users.set(role, user.userId);
      sessions.set(role, await signedIn(t.app, user.email));
      cases.set(
        `allocated:${role}`,
        await seedCase(t.database, { areaId: 'eng-01', teamId: 'test-team-c', allocateTo: user.userId }),
      );
    }
    cases.set('same-team', await seedCase(t.database, { areaId: 'eng-06', teamId: 'test-team-a' }));
    cases.set('other-area', await seedCase(t.database, { areaId: 'eng-01', teamId: 'test-team-c' }));
    cases.set('restricted', await seedCase(t.database, { areaId: 'eng-06', teamId: 'test-team-a', restricted: true }));
  });
  after(() => t.close());

  it('gives every route a policy, and every case route names its case', () => {
    assert.ok(t.app.routeInventory.length > 10);
    for (const route of t.app.routeInventory) {
      assert.ok(route.policy, `${route.method} ${route.url} has no policy`);
      if (route.url.includes(':caseId')) {
        assert.ok(
          route.policy && 'action' in route.policy && route.policy.caseParam === 'caseId',
          `${route.method} ${route.url}`,
        );
      }
    }
  });

  it('refuses to start when a route has no policy (deny by default)', async () => {
    const app = await buildApp({
      config: loadConfig({ NODE_ENV: 'test', DEMO_DATA: 'off' }),
      database: t.database,
      clock: () => new Date(),
      logger: false,
      principals: async () => null,
      caseAccess: async () => null,
    });
    assert.throws(() => app.get('/unprotected', async () => 'open'), /has no authorisation policy/);
    await app.close();
  });

  it('answers every case route as the policy decides, and refusals carry no case data', async () => {
    const caseRoutes = t.app.routeInventory.filter((r) => r.url.includes(':caseId'));
    assert.ok(caseRoutes.length >= 8, `found ${caseRoutes.length} case routes`);
    let checked = 0;
    // Reads first, then posts (with bodies that fail validation, so nothing changes access).
    for (const method of ['GET', 'POST']) {
      for (const role of ROLES) {
        const session = sessions.get(role)!;
        const principal = (await loadPrincipal(t.database.db, users.get(role)!))!;
        for (const rel of RELATIONSHIPS) {
          const target = cases.get(rel === 'allocated' ? `allocated:${role}` : rel)!;
          const facts = (await resolveCaseAccess(t.database.db, target.caseId, t.clock.now()))!;
          for (const route of caseRoutes.filter((r) => r.method === method)) {
            const policy = route.policy as { action: Parameters<typeof can>[1] };
            const url = route.url
              .replace(':caseId', target.caseId)
              .replace(':personRef', route.url.includes('/children/') ? target.childIds.a! : target.partyIds.mother!);
            const allowed = can(principal, policy.action, { kind: 'case', facts });
            let response: Awaited<ReturnType<Session['get']>>;
            if (method === 'GET') {
              response = await session.get(url);
            } else {
              const page = await session.get('/caseload');
              response = await session.post(url, { _csrf: csrfFrom(page.body) });
            }
            const label = `${role} ${method} ${route.url} on ${rel} case (allowed: ${allowed}) → ${response.statusCode}`;
            // A route with its own record in the path (a check, a letter …) is given an id
            // that does not exist: allowed means it got past authorisation to a 404 of its own.
            const ownRecord = /:(?!caseId|personRef)\w+/.test(url);
            if (allowed) {
              const refused = ownRecord ? [401, 403, 500] : [401, 403, 404, 500];
              assert.ok(!refused.includes(response.statusCode), label);
            } else {
              assert.ok([403, 404].includes(response.statusCode), label);
              for (const data of CASE_DATA) assert.ok(!response.body.includes(data), `${label} leaks ${data}`);
            }
            checked += 1;
          }
        }
      }
    }
    assert.ok(checked > 300, `checked ${checked}`);
  });

  it('gives 404, not 403, for a case that does not exist or an id that is not one', async () => {
    const session = sessions.get('intake-officer')!;
    assert.equal((await session.get('/cases/00000000-0000-4000-8000-000000000000')).statusCode, 404);
    assert.equal((await session.get('/cases/not-a-case')).statusCode, 404);
    assert.equal((await session.get(`/cases/${cases.get('same-team')!.caseId}/children/not-a-child`)).statusCode, 404);
    const otherCaseChild = cases.get('other-area')!.childIds.a!;
    assert.equal(
      (await session.get(`/cases/${cases.get('same-team')!.caseId}/children/${otherCaseChild}`)).statusCode,
      404,
    );
  });
});
