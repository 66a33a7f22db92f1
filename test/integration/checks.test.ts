import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { caseRecord, timelineEvent } from '../../src/modules/casework/schema.ts';
import { safeguardingCheck, safeguardingLetter } from '../../src/modules/safeguarding/schema.ts';
import { auditEvent } from '../../src/platform/audit/schema.ts';
import { createUser, csrfFrom, formTokenFrom, type Session, signedIn, type TestApp, testApp } from '../helpers/app.ts';
import { seedCase } from '../helpers/cases.ts';

describe('safeguarding checks', () => {
  let t: TestApp;
  let fca: { userId: string; email: string };
  let s: Session;

  before(async () => {
    t = await testApp();
    fca = await createUser(t.database, 'fca');
    s = await signedIn(t.app, fca.email);
  });
  after(() => t.close());

  /** A case screened through the page (so its checks are requested as in real use). */
  async function screenedCase(options: Parameters<typeof seedCase>[1] = {}, session = s) {
    const kase = await seedCase(t.database, options);
    await t.database.db
      .update(caseRecord)
      .set({ localAuthorityCode: 'E06000057' })
      .where(eq(caseRecord.id, kase.caseId));
    const form = await session.get(`/cases/${kase.caseId}/screening`);
    const r = await session.post(`/cases/${kase.caseId}/screening`, {
      _csrf: csrfFrom(form.body),
      _formToken: formTokenFrom(form.body),
      riskFlags: 'none',
      decision: 'standard',
      rationale: 'No risks identified in the application.',
    });
    assert.equal(r.statusCode, 303);
    const checks = await t.database.db
      .select()
      .from(safeguardingCheck)
      .where(eq(safeguardingCheck.caseId, kase.caseId));
    return { ...kase, checks };
  }

  const checkRow = async (id: string) =>
    (await t.database.db.select().from(safeguardingCheck).where(eq(safeguardingCheck.id, id)))[0]!;
  const timelineKinds = async (caseId: string) =>
    (await t.database.db.select().from(timelineEvent).where(eq(timelineEvent.caseId, caseId))).map((e) => e.kind);

  it('records a check returned, and refuses a stale edit', async () => {
    const kase = await screenedCase();
    const police = kase.checks.find((c) => c.partyId === kase.partyIds.father)!;
    const page = await s.get(`/cases/${kase.caseId}/checks/${police.id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Police check: Testfather Example/);
    const csrf = csrfFrom(page.body);
    const r = await s.post(`/cases/${kase.caseId}/checks/${police.id}`, {
      _csrf: csrf,
      version: '1',
      'returnedOn-day': '2',
      'returnedOn-month': '3',
      'returnedOn-year': '2026',
      outcome: 'concerns',
      concerns: 'Arrest for assault, 2023.',
    });
    assert.equal(r.statusCode, 303);
    assert.equal(r.headers.location, `/cases/${kase.caseId}/safeguarding?saved=check-returned`);
    const row = await checkRow(police.id);
    assert.equal(row.returnedOn, '2026-03-02');
    assert.equal(row.outcome, 'concerns');
    assert.equal(row.concerns, 'Arrest for assault, 2023.');
    assert.equal(row.addendumNeeded, false);
    assert.equal(row.version, 2);
    assert.ok((await timelineKinds(kase.caseId)).includes('checks.returned'));
    const audits = await t.database.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.caseId, kase.caseId), eq(auditEvent.resourceType, 'safeguarding-check')));
    assert.ok(audits.some((a) => a.action === 'change'));
    const overview = await s.get(r.headers.location as string);
    assert.match(overview.body, /Concerns/);
    assert.match(overview.body, /Done on time/);

    // The case timeline names what happened.
    const caseTimeline = await s.get(`/cases/${kase.caseId}`);
    assert.match(caseTimeline.body, /Application screened/);
    assert.match(caseTimeline.body, /Safeguarding check returned/);

    // The same form, posted again from the old version, is refused and changes nothing.
    const stale = await s.post(`/cases/${kase.caseId}/checks/${police.id}`, {
      _csrf: csrf,
      version: '1',
      'returnedOn-day': '2',
      'returnedOn-month': '3',
      'returnedOn-year': '2026',
      outcome: 'no-record',
    });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /Someone else changed this check/);
    assert.equal((await checkRow(police.id)).outcome, 'concerns');
  });

  it('says what is wrong with a result: missing, before the request, in the future, concerns missing', async () => {
    const kase = await screenedCase();
    const check = kase.checks[0]!;
    const page = await s.get(`/cases/${kase.caseId}/checks/${check.id}`);
    const csrf = csrfFrom(page.body);
    const empty = await s.post(`/cases/${kase.caseId}/checks/${check.id}`, { _csrf: csrf });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Enter the date the result came back/);
    assert.match(empty.body, /Select what the check found/);
    const post = (day: string, outcome: string, concerns = '') =>
      s.post(`/cases/${kase.caseId}/checks/${check.id}`, {
        _csrf: csrf,
        version: '1',
        'returnedOn-day': day,
        'returnedOn-month': '3',
        'returnedOn-year': '2026',
        outcome,
        concerns,
      });
    const before = await post('1', 'no-record');
    assert.equal(before.statusCode, 400);
    assert.match(before.body, /must be on or after the date the check was requested/);
    const future = await post('3', 'no-record');
    assert.equal(future.statusCode, 400);
    assert.match(future.body, /must be today or in the past/);
    const held = await post('2', 'information-held');
    assert.equal(held.statusCode, 400);
    assert.match(held.body, /Enter what was found/);
    const unreal = await post('32', 'no-record');
    assert.match(unreal.body, /must be a real date/);
    assert.equal((await checkRow(check.id)).returnedOn, null);
    const missing = await s.get(`/cases/${kase.caseId}/checks/00000000-0000-4000-8000-000000000000`);
    assert.equal(missing.statusCode, 404);
  });

  it('chases a check once per form, and not once it is back', async () => {
    const kase = await screenedCase();
    const check = kase.checks.find((c) => c.kind === 'police')!;
    const page = await s.get(`/cases/${kase.caseId}/checks/${check.id}`);
    const form = { _csrf: csrfFrom(page.body), _formToken: formTokenFrom(page.body) };
    const r = await s.post(`/cases/${kase.caseId}/checks/${check.id}/chase`, form);
    assert.equal(r.statusCode, 303);
    const again = await s.post(`/cases/${kase.caseId}/checks/${check.id}/chase`, form);
    assert.equal(again.statusCode, 303);
    const row = await checkRow(check.id);
    assert.equal(row.chaseCount, 1);
    assert.equal(row.lastChasedOn, '2026-03-02');
    assert.equal((await timelineKinds(kase.caseId)).filter((k) => k === 'checks.chased').length, 1);
    const noToken = await s.post(`/cases/${kase.caseId}/checks/${check.id}/chase`, { _csrf: form._csrf });
    assert.equal(noToken.statusCode, 400);
    await t.database.db
      .update(safeguardingCheck)
      .set({ returnedOn: '2026-03-02', outcome: 'no-record' })
      .where(eq(safeguardingCheck.id, check.id));
    const page2 = await s.get(`/cases/${kase.caseId}/checks/${check.id}`);
    assert.ok(!page2.body.includes('Record that I have chased'));
    const late = await s.post(`/cases/${kase.caseId}/checks/${check.id}/chase`, {
      _csrf: form._csrf,
      _formToken: formTokenFrom((await s.get(`/cases/${kase.caseId}/checks/new`)).body),
    });
    assert.equal(late.statusCode, 409);
    assert.match(late.body, /already come back/);
  });

  it('requests another check, refusing one already requested', async () => {
    const kase = await screenedCase();
    const page = await s.get(`/cases/${kase.caseId}/checks/new`);
    assert.equal(page.statusCode, 200);
    const csrf = csrfFrom(page.body);
    const empty = await s.post(`/cases/${kase.caseId}/checks/new`, {
      _csrf: csrf,
      _formToken: formTokenFrom(page.body),
    });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Select the kind of check/);
    const noLa = await s.post(`/cases/${kase.caseId}/checks/new`, {
      _csrf: csrf,
      _formToken: formTokenFrom(page.body),
      kind: 'local-authority',
    });
    assert.match(noLa.body, /Select the local authority/);
    const dup = await s.post(`/cases/${kase.caseId}/checks/new`, {
      _csrf: csrf,
      _formToken: formTokenFrom(page.body),
      kind: 'police',
      partyId: kase.partyIds.mother!,
    });
    assert.equal(dup.statusCode, 409);
    assert.match(dup.body, /already been requested/);
    const token = formTokenFrom(page.body);
    const ok = await s.post(`/cases/${kase.caseId}/checks/new`, {
      _csrf: csrf,
      _formToken: token,
      kind: 'local-authority',
      localAuthorityCode: 'E08000021',
    });
    assert.equal(ok.statusCode, 303);
    const twice = await s.post(`/cases/${kase.caseId}/checks/new`, {
      _csrf: csrf,
      _formToken: token,
      kind: 'local-authority',
      localAuthorityCode: 'E08000021',
    });
    assert.equal(twice.statusCode, 303);
    const las = (
      await t.database.db.select().from(safeguardingCheck).where(eq(safeguardingCheck.caseId, kase.caseId))
    ).filter((c) => c.kind === 'local-authority');
    assert.deepEqual(las.map((c) => c.localAuthorityCode).sort(), ['E06000057', 'E08000021']);
    const added = las.find((c) => c.localAuthorityCode === 'E08000021')!;
    assert.equal(added.dueOn, '2026-03-09');
    assert.ok((await timelineKinds(kase.caseId)).includes('checks.requested'));
  });

  it('needs an update letter when a check comes back after the letter was filed', async () => {
    const kase = await screenedCase();
    await t.database.db.insert(safeguardingLetter).values({
      caseId: kase.caseId,
      kind: 'letter',
      status: 'filed',
      authorId: fca.userId,
      filedOn: '2026-03-02',
      filedAt: new Date('2026-03-02T08:00:00Z'),
      filedBy: fca.userId,
    });
    const la = kase.checks.find((c) => c.kind === 'local-authority')!;
    const page = await s.get(`/cases/${kase.caseId}/checks/${la.id}`);
    assert.match(page.body, /an update letter will be needed/);
    const r = await s.post(`/cases/${kase.caseId}/checks/${la.id}`, {
      _csrf: csrfFrom(page.body),
      version: '1',
      'returnedOn-day': '2',
      'returnedOn-month': '3',
      'returnedOn-year': '2026',
      outcome: 'information-held',
      concerns: 'Children known to children’s services in 2022.',
    });
    assert.equal(r.statusCode, 303);
    assert.equal(r.headers.location, `/cases/${kase.caseId}/safeguarding?saved=check-addendum`);
    assert.equal((await checkRow(la.id)).addendumNeeded, true);
    assert.ok((await timelineKinds(kase.caseId)).includes('checks.addendum-needed'));
    const overview = await s.get(r.headers.location as string);
    assert.match(overview.body, /An update letter is needed/);
    assert.match(overview.body, /Filed with the court/);
    const list = await s.get('/safeguarding/checks?list=update-letter&scope=all');
    assert.equal(list.statusCode, 200);
    assert.ok(list.body.includes(kase.reference));
    // A check returned before filing needs none.
    const police = kase.checks.find((c) => c.kind === 'police')!;
    await t.database.db
      .update(safeguardingCheck)
      .set({ returnedOn: '2026-03-02', outcome: 'no-record' })
      .where(eq(safeguardingCheck.id, police.id));
    assert.equal((await checkRow(police.id)).addendumNeeded, false);
  });

  it('keeps checks from people without a case role on it', async () => {
    const kase = await screenedCase();
    const check = kase.checks[0]!;
    const auditor = await createUser(t.database, 'qa-auditor', { teamId: null, areaId: null });
    const a = await signedIn(t.app, auditor.email);
    assert.ok([403, 404].includes((await a.get(`/cases/${kase.caseId}/checks/${check.id}`)).statusCode));
    assert.ok([403, 404].includes((await a.get(`/cases/${kase.caseId}/checks/new`)).statusCode));
    const other = await createUser(t.database, 'fca', { teamId: 'test-team-c', areaId: 'eng-01' });
    const o = await signedIn(t.app, other.email);
    const denied = await o.get(`/cases/${kase.caseId}/checks/${check.id}`);
    assert.ok([403, 404].includes(denied.statusCode));
    assert.ok(!denied.body.includes('Testfather'));
    const csrf = csrfFrom((await o.get('/caseload')).body);
    const chase = await o.post(`/cases/${kase.caseId}/checks/${check.id}/chase`, {
      _csrf: csrf,
      _formToken: 'x'.repeat(32),
    });
    assert.ok([403, 404].includes(chase.statusCode));
    assert.equal((await checkRow(check.id)).chaseCount, 0);
    const inspector = await createUser(t.database, 'inspector', { teamId: null, areaId: null });
    const i = await signedIn(t.app, inspector.email);
    assert.equal((await i.get('/safeguarding/checks')).statusCode, 403);
  });

  it('lists checks to chase by due date, in working days overdue, within need-to-know', async () => {
    const t2 = await testApp();
    try {
      const seo = await createUser(t2.database, 'seo');
      let session = await signedIn(t2.app, seo.email);
      const empty = await session.get('/safeguarding/checks');
      assert.equal(empty.statusCode, 200);
      assert.match(empty.body, /There are no checks due or overdue/);
      const screen = async (caseId: string) => {
        const form = await session.get(`/cases/${caseId}/screening`);
        const r = await session.post(`/cases/${caseId}/screening`, {
          _csrf: csrfFrom(form.body),
          _formToken: formTokenFrom(form.body),
          riskFlags: 'none',
          decision: 'standard',
          rationale: 'None.',
        });
        assert.equal(r.statusCode, 303);
      };
      // Screened Monday 2 March: police checks due Wednesday 4 March.
      const first = await seedCase(t2.database);
      await screen(first.caseId);
      // Screened Tuesday 3 March: due Thursday 5 March.
      t2.clock.set(new Date('2026-03-03T09:00:00Z'));
      session = await signedIn(t2.app, seo.email);
      const second = await seedCase(t2.database);
      await screen(second.caseId);
      // A case of another area, screened by its own FCA, is not listed for this SEO.
      const otherFca = await createUser(t2.database, 'fca', { teamId: 'test-team-c', areaId: 'eng-01' });
      const otherSession = await signedIn(t2.app, otherFca.email);
      const otherCase = await seedCase(t2.database, { areaId: 'eng-01', teamId: 'test-team-c' });
      const form = await otherSession.get(`/cases/${otherCase.caseId}/screening`);
      await otherSession.post(`/cases/${otherCase.caseId}/screening`, {
        _csrf: csrfFrom(form.body),
        _formToken: formTokenFrom(form.body),
        riskFlags: 'none',
        decision: 'standard',
        rationale: 'None.',
      });
      // Friday 6 March: the first case's checks are 2 working days overdue, the second's 1.
      t2.clock.set(new Date('2026-03-06T09:00:00Z'));
      session = await signedIn(t2.app, seo.email);
      const r = await session.get('/safeguarding/checks?scope=all');
      assert.equal(r.statusCode, 200);
      const firstAt = r.body.indexOf(first.reference);
      const secondAt = r.body.indexOf(second.reference);
      assert.ok(firstAt > 0 && secondAt > firstAt, 'longest overdue first');
      assert.ok(!r.body.includes(otherCase.reference));
      assert.match(r.body, /Overdue by 2 working days/);
      assert.match(r.body, /Overdue by 1 working day</);
      assert.match(r.body, /Not chased/);
      // Chase from the list: back to the list, counted.
      const chaseToken = formTokenFrom(r.body);
      const action = /action="(\/cases\/[^"]+\/chase)"/.exec(r.body)![1]!;
      const chased = await session.post(action, {
        _csrf: csrfFrom(r.body),
        _formToken: chaseToken,
        returnTo: '/safeguarding/checks?scope=all',
      });
      assert.equal(chased.statusCode, 303);
      assert.equal(chased.headers.location, '/safeguarding/checks?scope=all');
      const after = await session.get('/safeguarding/checks?scope=all');
      assert.match(after.body, /<td class="govuk-table__cell">1<\/td>/);
      // An outside return address is not followed.
      const r2 = await session.get('/safeguarding/checks?scope=all');
      const action2 = /action="(\/cases\/[^"]+\/chase)"/.exec(r2.body)![1]!;
      const evil = await session.post(action2, {
        _csrf: csrfFrom(r2.body),
        _formToken: formTokenFrom(r2.body),
        returnTo: 'https://example.com/',
      });
      assert.equal(evil.statusCode, 303);
      assert.ok(String(evil.headers.location).startsWith('/cases/'));
    } finally {
      await t2.close();
    }
  });
});
