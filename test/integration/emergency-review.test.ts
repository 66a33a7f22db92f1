import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { emergencyAccess } from '../../src/modules/casework/schema.ts';
import { createUser, csrfFrom, type Session, signedIn, type TestApp, testApp } from '../helpers/app.ts';
import { seedCase } from '../helpers/cases.ts';

describe('reviewing emergency access', () => {
  let t: TestApp;
  let manager: Session;
  let managerId: string;
  let caseId: string;
  let accessId: string;

  before(async () => {
    t = await testApp();
    const m = await createUser(t.database, 'service-manager');
    managerId = m.userId;
    manager = await signedIn(t.app, m.email);
    const kase = await seedCase(t.database);
    caseId = kase.caseId;
    const outsider = await createUser(t.database, 'fca', { teamId: 'test-team-c', areaId: 'eng-01' });
    const s = await signedIn(t.app, outsider.email);
    const form = await s.get(`/cases/${caseId}/emergency-access`);
    const granted = await s.post(`/cases/${caseId}/emergency-access`, {
      _csrf: csrfFrom(form.body),
      reason: 'Out of hours call from the police about the children tonight.',
    });
    assert.equal(granted.statusCode, 303);
    const [row] = await t.database.db.select().from(emergencyAccess).where(eq(emergencyAccess.caseId, caseId));
    accessId = row!.id;
  });
  after(() => t.close());

  it('lists unreviewed emergency access in the manager’s area, with the reason', async () => {
    const page = await manager.get('/reviews/emergency-access');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Out of hours call from the police/);
    assert.match(page.body, new RegExp(`/reviews/emergency-access/${accessId}`));
    assert.match(page.body, /Emergency access reviews/, 'in the navigation');
  });

  it('is closed to practitioners and to managers of other areas', async () => {
    const fca = await signedIn(t.app, (await createUser(t.database, 'fca')).email);
    assert.equal((await fca.get('/reviews/emergency-access')).statusCode, 403);
    const other = await signedIn(
      t.app,
      (await createUser(t.database, 'service-manager', { teamId: 'test-team-c', areaId: 'eng-01' })).email,
    );
    const list = await other.get('/reviews/emergency-access');
    assert.ok(!list.body.includes('Out of hours call'));
    assert.equal((await other.get(`/reviews/emergency-access/${accessId}`)).statusCode, 404);
    const page = await other.get('/reviews/emergency-access');
    const post = await other.post(`/reviews/emergency-access/${accessId}`, {
      _csrf: csrfFrom(page.body),
      outcome: 'justified',
    });
    assert.equal(post.statusCode, 404);
  });

  it('asks for an outcome, and a comment when the access was not justified', async () => {
    const page = await manager.get(`/reviews/emergency-access/${accessId}`);
    const none = await manager.post(`/reviews/emergency-access/${accessId}`, { _csrf: csrfFrom(page.body) });
    assert.equal(none.statusCode, 400);
    assert.match(none.body, /Select whether the emergency access was justified/);
    const noComment = await manager.post(`/reviews/emergency-access/${accessId}`, {
      _csrf: csrfFrom(page.body),
      outcome: 'not-justified',
    });
    assert.equal(noComment.statusCode, 400);
    assert.match(noComment.body, /Say why the emergency access was not justified/);
  });

  it('records the review once, on the timeline and in the audit trail', async () => {
    const page = await manager.get(`/reviews/emergency-access/${accessId}`);
    const form = {
      _csrf: csrfFrom(page.body),
      outcome: 'not-justified',
      comment: 'Should have called the duty manager first.',
    };
    const [a, b] = await Promise.all([
      manager.post(`/reviews/emergency-access/${accessId}`, form),
      manager.post(`/reviews/emergency-access/${accessId}`, { ...form, outcome: 'justified' }),
    ]);
    assert.equal(a.statusCode, 303);
    assert.equal(b.statusCode, 303);
    const [row] = await t.database.db.select().from(emergencyAccess).where(eq(emergencyAccess.id, accessId));
    assert.equal(row!.reviewedBy, managerId);
    assert.ok(['not-justified', 'justified'].includes(row!.reviewOutcome!));
    const again = await manager.get(`/reviews/emergency-access/${accessId}`);
    assert.match(again.body, /was reviewed by/);
    assert.ok(!again.body.includes('name="outcome"'));
    const list = await manager.get('/reviews/emergency-access?notice=emergency-access-reviewed');
    assert.match(list.body, /Your review has been recorded/);
    assert.match(list.body, /There is no emergency access waiting for review/);
    const kase = await manager.get(`/cases/${caseId}`);
    assert.match(kase.body, /Emergency access reviewed/);
  });

  it('does not let a manager review their own emergency access (nor the database)', async () => {
    const m2 = await createUser(t.database, 'service-manager', { teamId: 'test-team-c', areaId: 'eng-01' });
    const s = await signedIn(t.app, m2.email);
    const form = await s.get(`/cases/${caseId}/emergency-access`);
    await s.post(`/cases/${caseId}/emergency-access`, {
      _csrf: csrfFrom(form.body),
      reason: 'Covering for the area manager during an incident.',
    });
    const [own] = await t.database.db.select().from(emergencyAccess).where(eq(emergencyAccess.userId, m2.userId));
    // m2 manages area eng-01 only, so give them area eng-06 as well to try reviewing their own.
    await t.database.exec(
      `INSERT INTO team_membership (user_id, team_id, manages) VALUES ('${m2.userId}', 'test-team-a', true)`,
    );
    const page = await s.get(`/reviews/emergency-access/${own!.id}`);
    assert.match(page.body, /cannot review your own emergency access/);
    const post = await s.post(`/reviews/emergency-access/${own!.id}`, {
      _csrf: csrfFrom(page.body),
      outcome: 'justified',
    });
    assert.equal(post.statusCode, 403);
    await assert.rejects(
      t.database.exec(`UPDATE emergency_access SET reviewed_by = user_id, reviewed_at = now() WHERE id = '${own!.id}'`),
      /emergency_access_reviewer_not_self/,
    );
  });
});
