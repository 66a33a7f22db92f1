import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { allocateCase } from '../../src/modules/casework/service.ts';
import { AUDIT_SAMPLE_SIZE, isSelfRegulating, listAuditSampleMarks } from '../../src/modules/oversight/service.ts';
import { inputValue, rows, setCaseStatus } from '../helpers/allocation.ts';
import { createUser, csrfFrom, formTokenFrom, type Session, signedIn, type TestApp, testApp } from '../helpers/app.ts';
import { seedCase } from '../helpers/cases.ts';

type User = { userId: string; email: string };

describe('self-regulation', () => {
  let t: TestApp;
  let manager: User;
  let managerSession: Session;
  let otherManagerSession: Session;
  let fca: User;
  let fcaSession: Session;
  let caseIds: string[];

  before(async () => {
    t = await testApp();
    manager = await createUser(t.database, 'service-manager');
    managerSession = await signedIn(t.app, manager.email);
    const otherManager = await createUser(t.database, 'service-manager', { teamId: 'test-team-c', areaId: 'eng-01' });
    otherManagerSession = await signedIn(t.app, otherManager.email);
    fca = await createUser(t.database, 'fca');
    fcaSession = await signedIn(t.app, fca.email);
    // Five open cases allocated a day apart (the newest last) and one closed.
    caseIds = [];
    for (let i = 0; i < 6; i += 1) {
      const kase = await seedCase(t.database, { status: 'allocated' });
      await t.database.db.transaction((tx) =>
        allocateCase(tx, {
          caseId: kase.caseId,
          userId: fca.userId,
          role: 'fca',
          now: new Date(Date.UTC(2026, 1, 10 + i, 10)),
          actorUserId: manager.userId,
        }),
      );
      caseIds.push(kase.caseId);
    }
    await setCaseStatus(t.database, caseIds[5]!, 'closed');
  });
  after(() => t.close());

  const url = () => `/oversight/self-regulation/${fca.userId}`;
  async function form(s: Session) {
    t.clock.advance(10);
    const page = await s.get(url());
    assert.equal(page.statusCode, 200);
    return {
      page,
      fields: {
        _csrf: csrfFrom(page.body),
        _formToken: formTokenFrom(page.body),
        change: inputValue(page.body, 'change'),
      },
    };
  }

  it('lists the practitioners of the manager’s areas with their state', async () => {
    const page = await managerSession.get('/oversight/self-regulation');
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes(url()));
    assert.match(page.body, /Work reviewed by a manager/);
    const other = await otherManagerSession.get('/oversight/self-regulation');
    assert.ok(!other.body.includes(fca.userId));
    assert.equal((await fcaSession.get('/oversight/self-regulation')).statusCode, 403);
  });

  it('authorises with a reason required, and a double submit records one change', async () => {
    const { fields } = await form(managerSession);
    assert.equal(fields.change, 'authorised');
    const empty = await managerSession.post(url(), { ...fields, reason: ' ' });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Enter the reason/);
    const ok = await managerSession.post(url(), { ...fields, reason: 'Consistently good reports at audit.' });
    assert.equal(ok.statusCode, 303);
    assert.equal(ok.headers.location, `${url()}?saved=authorised`);
    const again = await managerSession.post(url(), { ...fields, reason: 'Consistently good reports at audit.' });
    assert.equal(again.statusCode, 303);
    assert.equal(await isSelfRegulating(t.database.db, fca.userId), true);
    const history = await rows(t.database, sql`SELECT 1 FROM self_regulation_change WHERE user_id = ${fca.userId}`);
    assert.equal(history.length, 1);
    const page = await managerSession.get(`${url()}?saved=authorised`);
    assert.match(page.body, /They are now self-regulating/);
    assert.match(page.body, /Consistently good reports at audit\./);
  });

  it('refuses a stale form', async () => {
    // The form read when they were not self-regulating offers "authorised" again: refused.
    const stale = await managerSession.post(url(), {
      _csrf: csrfFrom((await managerSession.get('/caseload')).body),
      _formToken: formTokenFrom((await managerSession.get(url())).body),
      change: 'authorised',
      reason: 'Again',
    });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /Someone else changed this practitioner’s self-regulation/);
  });

  it('steps down: the flag off and the most recently allocated open cases marked for audit', async () => {
    const { fields } = await form(managerSession);
    assert.equal(fields.change, 'stepped-down');
    const r = await managerSession.post(url(), { ...fields, reason: 'Two reports returned by the court.' });
    assert.equal(r.statusCode, 303);
    assert.equal(await isSelfRegulating(t.database.db, fca.userId), false);
    const marks = await listAuditSampleMarks(t.database.db, { userId: fca.userId });
    assert.equal(marks.length, AUDIT_SAMPLE_SIZE);
    // The closed case (the newest allocation) is not sampled; the next three newest are.
    assert.deepEqual(new Set(marks.map((m) => m.caseId)), new Set([caseIds[4], caseIds[3], caseIds[2]]));
    assert.equal(marks[0]!.reason, 'Two reports returned by the court.');
    const timeline = await rows(
      t.database,
      sql`SELECT 1 FROM timeline_event WHERE kind = 'oversight.sample-marked' AND case_id = ${caseIds[4]!}`,
    );
    assert.equal(timeline.length, 1);
    const page = await managerSession.get(`${url()}?saved=stepped-down`);
    assert.match(page.body, /They have stepped down/);
    assert.match(page.body, /Cases marked for audit/);
    assert.match(page.body, /CV-2026-9/);
    const byArea = await listAuditSampleMarks(t.database.db, { areaIds: ['eng-01'] });
    assert.equal(byArea.length, 0);
  });

  it('clears the marks when they are authorised again, keeping the history', async () => {
    const { fields } = await form(managerSession);
    const r = await managerSession.post(url(), { ...fields, reason: 'Audit sample graded good.' });
    assert.equal(r.statusCode, 303);
    assert.equal((await listAuditSampleMarks(t.database.db, { userId: fca.userId })).length, 0);
    const cleared = await listAuditSampleMarks(t.database.db, { userId: fca.userId, open: false });
    assert.equal(cleared.length, AUDIT_SAMPLE_SIZE);
    assert.ok(cleared.every((m) => m.clearedAt !== null && m.clearedByName !== null));
    const history = await rows<{ change: string }>(
      t.database,
      sql`SELECT change FROM self_regulation_change WHERE user_id = ${fca.userId} ORDER BY changed_at, id`,
    );
    assert.deepEqual(
      history.map((h) => h.change),
      ['authorised', 'stepped-down', 'authorised'],
    );
  });

  it('is not found outside the manager’s areas, and nobody changes their own', async () => {
    assert.equal((await otherManagerSession.get(url())).statusCode, 404);
    const post = await otherManagerSession.post(url(), {
      _csrf: csrfFrom((await otherManagerSession.get('/caseload')).body),
      change: 'stepped-down',
      reason: 'x',
    });
    assert.equal(post.statusCode, 404);
    assert.equal((await managerSession.get('/oversight/self-regulation/not-an-id')).statusCode, 404);
    assert.equal((await fcaSession.get(url())).statusCode, 403);

    // A manager who is also a practitioner sees their own page without the form, and cannot post.
    const both = await createUser(t.database, 'service-manager');
    await t.database.db.execute(sql`INSERT INTO staff_role (user_id, role) VALUES (${both.userId}, 'fca')`);
    const bothSession = await signedIn(t.app, both.email);
    const own = await bothSession.get(`/oversight/self-regulation/${both.userId}`);
    assert.equal(own.statusCode, 200);
    assert.match(own.body, /You cannot change your own self-regulation/);
    assert.ok(!own.body.includes('name="reason"'));
    const ownPost = await bothSession.post(`/oversight/self-regulation/${both.userId}`, {
      _csrf: csrfFrom(own.body),
      _formToken: 'a'.repeat(32),
      change: 'authorised',
      reason: 'Me',
    });
    assert.equal(ownPost.statusCode, 403);
    assert.equal(await isSelfRegulating(t.database.db, both.userId), false);
  });

  it('shows the pages in Welsh', async () => {
    await managerSession.get('/language/cy?returnTo=/oversight/self-regulation');
    const page = await managerSession.get('/oversight/self-regulation');
    assert.match(page.body, /Hunanreoleiddio/);
    await managerSession.get('/language/en?returnTo=/oversight/self-regulation');
  });
});
