import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { emergencyAccess } from '../../src/modules/casework/schema.ts';
import { listCaseload, resolveCaseAccess } from '../../src/modules/casework/service.ts';
import { loadPrincipal } from '../../src/modules/organisation/service.ts';
import { canSeeCase } from '../../src/platform/authorisation/policy.ts';
import { ROLES } from '../../src/platform/authorisation/roles.ts';
import { createUser, type TestApp, testApp } from '../helpers/app.ts';
import { seedCase } from '../helpers/cases.ts';

/**
 * The caseload filters need-to-know in SQL; the route guard decides it in code. They must
 * agree on every role and every way a person can stand to a case.
 */
describe('need-to-know in SQL agrees with the policy', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp();
  });
  after(() => t.close());

  it('lists exactly the cases canSeeCase allows, for every role', async () => {
    for (const role of ROLES) {
      const user = await createUser(t.database, role);
      const now = t.clock.now();
      const mine = [
        await seedCase(t.database, { teamId: 'test-team-a' }),
        await seedCase(t.database, { teamId: 'test-team-b' }),
        await seedCase(t.database, { areaId: 'eng-01', teamId: 'test-team-c' }),
        await seedCase(t.database, { areaId: 'eng-01', teamId: 'test-team-c', allocateTo: user.userId }),
        await seedCase(t.database, { restricted: true }),
        await seedCase(t.database, { restricted: true, grantTo: [user.userId] }),
        await seedCase(t.database, { areaId: 'eng-01', teamId: null }),
        // A new application in the person's own area, not yet given to a team.
        await seedCase(t.database, { teamId: null }),
      ];
      const withEmergency = await seedCase(t.database, { areaId: 'eng-01', teamId: 'test-team-c' });
      await t.database.db.insert(emergencyAccess).values({
        caseId: withEmergency.caseId,
        userId: user.userId,
        reason: 'test',
        grantedAt: now,
        expiresAt: new Date(now.getTime() + 3600_000),
      });
      const expired = await seedCase(t.database, { areaId: 'eng-01', teamId: 'test-team-c' });
      await t.database.db.insert(emergencyAccess).values({
        caseId: expired.caseId,
        userId: user.userId,
        reason: 'test',
        grantedAt: new Date(now.getTime() - 7200_000),
        expiresAt: new Date(now.getTime() - 3600_000),
      });
      mine.push(withEmergency, expired);
      const principal = (await loadPrincipal(t.database.db, user.userId))!;
      const listed = new Set<string>();
      for (let page = 1; page < 100; page += 1) {
        const result = await listCaseload(
          t.database.db,
          principal,
          { scope: 'all', sort: 'received', order: 'desc', page },
          now,
        );
        for (const row of result.rows) listed.add(row.id);
        if (result.rows.length < 25) break;
      }
      for (const c of mine) {
        const facts = (await resolveCaseAccess(t.database.db, c.caseId, now))!;
        assert.equal(
          listed.has(c.caseId),
          canSeeCase(principal, facts),
          `${role}: case ${JSON.stringify({ ...facts, caseId: undefined })}`,
        );
      }
    }
  });
});
