import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import { caseRecord, timelineEvent } from '../../src/modules/casework/schema.ts';
import {
  childProtectionReferral,
  riskSignal,
  safeguardingCheck,
  screening,
} from '../../src/modules/safeguarding/schema.ts';
import { auditEvent } from '../../src/platform/audit/schema.ts';
import { createUser, csrfFrom, formTokenFrom, type Session, signedIn, type TestApp, testApp } from '../helpers/app.ts';
import { CANARY_ADDRESS, seedCase } from '../helpers/cases.ts';

describe('screening', () => {
  let t: TestApp;
  let fca: { userId: string; email: string };
  let fcaSession: Session;

  before(async () => {
    t = await testApp();
    fca = await createUser(t.database, 'fca');
    fcaSession = await signedIn(t.app, fca.email);
  });
  after(() => t.close());

  const setLocalAuthority = (caseId: string, code: string) =>
    t.database.db.update(caseRecord).set({ localAuthorityCode: code }).where(eq(caseRecord.id, caseId));

  const screenForm = async (session: Session, caseId: string) => {
    const page = await session.get(`/cases/${caseId}/screening`);
    assert.equal(page.statusCode, 200);
    return { _csrf: csrfFrom(page.body), _formToken: formTokenFrom(page.body), body: page.body };
  };

  it('shows the risk signals, allegations, children and parties, without contact details', async () => {
    const kase = await seedCase(t.database);
    await t.database.db
      .insert(riskSignal)
      .values({ caseId: kase.caseId, kind: 'miam-domestic-abuse', source: 'hmcts', detail: 'Police caution 2024' });
    await t.database.db.execute(
      sql`INSERT INTO case_court_dates (case_id, allegations_of_harm) VALUES (${kase.caseId}, ARRAY['domestic-abuse'])`,
    );
    const form = await screenForm(fcaSession, kase.caseId);
    assert.match(form.body, /MIAM exemption: domestic abuse/);
    assert.match(form.body, /Police caution 2024/);
    assert.match(form.body, /Allegations of harm/);
    assert.match(form.body, /Testchild Example/);
    assert.match(form.body, /Testmother Example/);
    assert.match(form.body, /No risks identified/);
    assert.ok(!form.body.includes(CANARY_ADDRESS));
  });

  it('records a screening in one go: row, state, checks, timeline, audit; a second post adds nothing', async () => {
    const kase = await seedCase(t.database);
    await setLocalAuthority(kase.caseId, 'E06000057');
    const form = await screenForm(fcaSession, kase.caseId);
    const post = {
      _csrf: form._csrf,
      _formToken: form._formToken,
      riskFlags: 'domestic-abuse',
      decision: 'standard',
      rationale: 'Allegations of controlling behaviour; no immediate risk.',
    };
    const r = await fcaSession.post(`/cases/${kase.caseId}/screening`, post);
    assert.equal(r.statusCode, 303);
    assert.equal(r.headers.location, `/cases/${kase.caseId}/safeguarding?saved=screening`);
    const [row] = await t.database.db.select().from(screening).where(eq(screening.caseId, kase.caseId));
    assert.deepEqual(row!.riskFlags, ['domestic-abuse']);
    assert.equal(row!.decision, 'standard');
    // Received Friday 27 February 2026: due Monday 2 March.
    assert.equal(row!.dueOn, '2026-03-02');
    assert.equal(row!.screenedBy, fca.userId);
    const [kaseRow] = await t.database.db.select().from(caseRecord).where(eq(caseRecord.id, kase.caseId));
    assert.equal(kaseRow!.status, 'safeguarding-checks');
    const checks = await t.database.db
      .select()
      .from(safeguardingCheck)
      .where(eq(safeguardingCheck.caseId, kase.caseId));
    assert.equal(checks.length, 3);
    const police = checks.filter((c) => c.kind === 'police');
    assert.deepEqual(police.map((c) => c.partyId).sort(), [kase.partyIds.mother, kase.partyIds.father].sort());
    // Requested Monday 2 March 2026: police due in 2 working days, the LA in 5.
    assert.ok(police.every((c) => c.requestedOn === '2026-03-02' && c.dueOn === '2026-03-04'));
    const la = checks.find((c) => c.kind === 'local-authority')!;
    assert.equal(la.localAuthorityCode, 'E06000057');
    assert.equal(la.dueOn, '2026-03-09');
    const kinds = (await t.database.db.select().from(timelineEvent).where(eq(timelineEvent.caseId, kase.caseId))).map(
      (e) => e.kind,
    );
    assert.ok(kinds.includes('screening.recorded'));
    assert.ok(kinds.includes('state.screened'));
    const audits = await t.database.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.caseId, kase.caseId), eq(auditEvent.resourceType, 'screening')));
    assert.equal(audits.length, 1);
    assert.deepEqual(audits[0]!.fieldCategories, ['screening', 'risk']);

    // Double submit: the same form again leads to the same place and writes nothing.
    const again = await fcaSession.post(`/cases/${kase.caseId}/screening`, post);
    assert.equal(again.statusCode, 303);
    assert.equal(again.headers.location, r.headers.location);
    const checksAfter = await t.database.db
      .select()
      .from(safeguardingCheck)
      .where(eq(safeguardingCheck.caseId, kase.caseId));
    assert.equal(checksAfter.length, 3);

    // The overview shows it.
    const overview = await fcaSession.get(r.headers.location as string);
    assert.equal(overview.statusCode, 200);
    assert.match(overview.body, /The screening has been recorded/);
    assert.match(overview.body, /Domestic abuse/);
    assert.match(overview.body, /Police check: Testmother Example/);
    assert.match(overview.body, /Local authority check: Northumberland County Council/);
    assert.match(overview.body, /Not started/);
    // The screening page of a screened case leads to the overview.
    const reopen = await fcaSession.get(`/cases/${kase.caseId}/screening`);
    assert.equal(reopen.statusCode, 303);
  });

  it('refuses to screen a case twice with a clear message and writes nothing', async () => {
    const kase = await seedCase(t.database);
    const first = await screenForm(fcaSession, kase.caseId);
    const second = await screenForm(fcaSession, kase.caseId);
    const fields = { riskFlags: 'none', decision: 'fast-track', rationale: 'Fast track: hearing soon.' };
    const r1 = await fcaSession.post(`/cases/${kase.caseId}/screening`, {
      ...fields,
      _csrf: first._csrf,
      _formToken: first._formToken,
    });
    assert.equal(r1.statusCode, 303);
    const r2 = await fcaSession.post(`/cases/${kase.caseId}/screening`, {
      ...fields,
      _csrf: second._csrf,
      _formToken: second._formToken,
    });
    assert.equal(r2.statusCode, 409);
    assert.match(r2.body, /already been screened/);
    const rows = await t.database.db.select().from(screening).where(eq(screening.caseId, kase.caseId));
    assert.equal(rows.length, 1);
    assert.deepEqual(rows[0]!.riskFlags, []);
    const screened = (
      await t.database.db.select().from(timelineEvent).where(eq(timelineEvent.caseId, kase.caseId))
    ).filter((e) => e.kind === 'screening.recorded');
    assert.equal(screened.length, 1);
  });

  it('refuses a case not at the front door (illegal transition) and writes nothing', async () => {
    const kase = await seedCase(t.database);
    const form = await screenForm(fcaSession, kase.caseId);
    await t.database.db.update(caseRecord).set({ status: 'awaiting-allocation' }).where(eq(caseRecord.id, kase.caseId));
    // The page of a case past the front door leads to the safeguarding overview.
    assert.equal((await fcaSession.get(`/cases/${kase.caseId}/screening`)).statusCode, 303);
    const r = await fcaSession.post(`/cases/${kase.caseId}/screening`, {
      _csrf: form._csrf,
      _formToken: form._formToken,
      riskFlags: 'none',
      decision: 'standard',
      rationale: 'Nothing',
    });
    assert.equal(r.statusCode, 409);
    assert.match(r.body, /cannot be screened: the case is at the stage ‘Awaiting allocation’/);
    assert.equal((await t.database.db.select().from(screening).where(eq(screening.caseId, kase.caseId))).length, 0);
    assert.equal(
      (await t.database.db.select().from(safeguardingCheck).where(eq(safeguardingCheck.caseId, kase.caseId))).length,
      0,
    );
  });

  it('says what is missing: flags (blank or contradictory), other text, decision, rationale, referral details', async () => {
    const kase = await seedCase(t.database);
    const form = await screenForm(fcaSession, kase.caseId);
    const empty = await fcaSession.post(`/cases/${kase.caseId}/screening`, {
      _csrf: form._csrf,
      _formToken: form._formToken,
    });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /There is a problem/);
    assert.match(empty.body, /Select the risks you have identified, or select no risks identified/);
    assert.match(empty.body, /Select how this case should proceed/);
    assert.match(empty.body, /Enter your reasons/);
    const other = await fcaSession.post(`/cases/${kase.caseId}/screening`, {
      _csrf: form._csrf,
      _formToken: form._formToken,
      riskFlags: 'other',
      decision: 'child-protection-referral',
      rationale: 'Risk',
    });
    assert.equal(other.statusCode, 400);
    assert.match(other.body, /Describe the other risk/);
    assert.match(other.body, /Select the local authority the referral was sent to/);
    assert.match(other.body, /Select how the referral was sent/);
    assert.match(other.body, /Enter what was sent in the referral/);
    // What was typed is kept.
    assert.match(other.body, /value="other" checked/);
    assert.equal((await t.database.db.select().from(screening).where(eq(screening.caseId, kase.caseId))).length, 0);
  });

  it('refuses "no risks" together with a risk', async () => {
    const kase = await seedCase(t.database);
    const form = await screenForm(fcaSession, kase.caseId);
    const response = await t.app.inject({
      method: 'POST',
      url: `/cases/${kase.caseId}/screening`,
      payload: new URLSearchParams([
        ['_csrf', form._csrf],
        ['_formToken', form._formToken],
        ['riskFlags', 'none'],
        ['riskFlags', 'abduction'],
        ['decision', 'standard'],
        ['rationale', 'x'],
      ]).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: fcaSession.jar.header() },
    });
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /not both/);
  });

  it('records an immediate child-protection referral with what was sent', async () => {
    const kase = await seedCase(t.database);
    await setLocalAuthority(kase.caseId, 'E06000057');
    const form = await screenForm(fcaSession, kase.caseId);
    assert.match(form.body, /<option value="E06000057" selected>/);
    const r = await fcaSession.post(`/cases/${kase.caseId}/screening`, {
      _csrf: form._csrf,
      _formToken: form._formToken,
      riskFlags: 'child-abuse',
      decision: 'child-protection-referral',
      rationale: 'Child disclosed injuries.',
      referralLocalAuthority: 'E08000021',
      referralMethod: 'secure-email',
      referralContent: 'Referral of Testchild Example: disclosed injuries.',
    });
    assert.equal(r.statusCode, 303);
    const [ref] = await t.database.db
      .select()
      .from(childProtectionReferral)
      .where(eq(childProtectionReferral.caseId, kase.caseId));
    assert.equal(ref!.localAuthorityCode, 'E08000021');
    assert.equal(ref!.method, 'secure-email');
    assert.equal(ref!.madeAt, 'screening');
    assert.match(ref!.content, /disclosed injuries/);
    const kinds = (await t.database.db.select().from(timelineEvent).where(eq(timelineEvent.caseId, kase.caseId))).map(
      (e) => e.kind,
    );
    assert.ok(kinds.includes('screening.referral-made'));
    const overview = await fcaSession.get(`/cases/${kase.caseId}/safeguarding`);
    assert.match(overview.body, /child-protection referral was sent to Newcastle City Council by Secure email/);
  });

  it('lets a QA auditor see the safeguarding page but not screen; hides a case from an FCA of another area', async () => {
    const kase = await seedCase(t.database);
    const auditor = await createUser(t.database, 'qa-auditor', { teamId: null, areaId: null });
    const auditorSession = await signedIn(t.app, auditor.email);
    const view = await auditorSession.get(`/cases/${kase.caseId}/safeguarding`);
    assert.equal(view.statusCode, 200);
    assert.ok(!view.body.includes('Screen this application'));
    const screen = await auditorSession.get(`/cases/${kase.caseId}/screening`);
    assert.ok([403, 404].includes(screen.statusCode));
    const csrf = csrfFrom(view.body);
    const post = await auditorSession.post(`/cases/${kase.caseId}/screening`, {
      _csrf: csrf,
      riskFlags: 'none',
      decision: 'standard',
      rationale: 'x',
    });
    assert.ok([403, 404].includes(post.statusCode));
    const other = await createUser(t.database, 'fca', { teamId: 'test-team-c', areaId: 'eng-01' });
    const otherSession = await signedIn(t.app, other.email);
    const denied = await otherSession.get(`/cases/${kase.caseId}/safeguarding`);
    assert.ok([403, 404].includes(denied.statusCode));
    assert.ok(!denied.body.includes(kase.reference));
    const inspector = await createUser(t.database, 'inspector', { teamId: null, areaId: null });
    const inspectorSession = await signedIn(t.app, inspector.email);
    const hidden = await inspectorSession.get(`/cases/${kase.caseId}/screening`);
    assert.ok([403, 404].includes(hidden.statusCode));
  });

  it('audits the safeguarding overview and shows the screen button to an editor', async () => {
    const kase = await seedCase(t.database);
    const r = await fcaSession.get(`/cases/${kase.caseId}/safeguarding`);
    assert.equal(r.statusCode, 200);
    assert.match(r.body, /Screen this application/);
    assert.match(r.body, /moj-sub-navigation/);
    const views = await t.database.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.caseId, kase.caseId), eq(auditEvent.resourceType, 'safeguarding')));
    assert.equal(views.length, 1);
    assert.equal(views[0]!.actorUserId, fca.userId);
  });

  it('links to the letter always and to the first hearing once screened (never before); no screening for public law', async () => {
    const kase = await seedCase(t.database);
    const before = await fcaSession.get(`/cases/${kase.caseId}/safeguarding`);
    assert.ok(before.body.includes(`href="/cases/${kase.caseId}/safeguarding-letter"`));
    assert.ok(!before.body.includes(`/cases/${kase.caseId}/first-hearing`));
    await t.database.db
      .update(caseRecord)
      .set({ status: 'awaiting-first-hearing' })
      .where(eq(caseRecord.id, kase.caseId));
    const awaiting = await fcaSession.get(`/cases/${kase.caseId}/safeguarding`);
    assert.ok(awaiting.body.includes(`href="/cases/${kase.caseId}/first-hearing"`));
    // A hearing held before the letter was filed still has its outcome recorded.
    await t.database.db.update(caseRecord).set({ status: 'safeguarding-checks' }).where(eq(caseRecord.id, kase.caseId));
    const checking = await fcaSession.get(`/cases/${kase.caseId}/safeguarding`);
    assert.ok(checking.body.includes(`href="/cases/${kase.caseId}/first-hearing"`));
    assert.ok(!awaiting.body.includes('Screen this application'));
    const publicLaw = await seedCase(t.database, { law: 'public' });
    const pl = await fcaSession.get(`/cases/${publicLaw.caseId}/safeguarding`);
    assert.equal(pl.statusCode, 200);
    assert.match(pl.body, /Screening is for private law applications/);
    assert.ok(!pl.body.includes('Screen this application'));
  });

  it('shows the safeguarding pages in Welsh, with no untranslated keys', async () => {
    const kase = await seedCase(t.database);
    const cy = await signedIn(t.app, fca.email);
    await cy.get('/language/cy?returnTo=%2Fcaseload');
    const rawKey = /\b(safeguarding|screening|checks|interviews)\.[a-zA-Z-]+\.[a-zA-Z-]+/;
    const form = await cy.get(`/cases/${kase.caseId}/screening`);
    assert.match(form.body, /<html lang="cy"/);
    assert.match(form.body, /Sgrinio'r cais|Sgrinio&#39;r cais/);
    assert.doesNotMatch(form.body, rawKey);
    const empty = await cy.post(`/cases/${kase.caseId}/screening`, {
      _csrf: csrfFrom(form.body),
      _formToken: formTokenFrom(form.body),
    });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Rhowch eich rhesymau/);
    assert.doesNotMatch(empty.body, rawKey);
    await cy.post(`/cases/${kase.caseId}/screening`, {
      _csrf: csrfFrom(form.body),
      _formToken: formTokenFrom(form.body),
      riskFlags: 'mental-health',
      decision: 'fast-track',
      rationale: 'Rheswm',
    });
    for (const url of [
      `/cases/${kase.caseId}/safeguarding`,
      `/cases/${kase.caseId}/interviews/new`,
      `/cases/${kase.caseId}/checks/new`,
      '/safeguarding/screening',
      '/safeguarding/checks',
      '/safeguarding/checks?list=update-letter',
    ]) {
      const r = await cy.get(url);
      assert.equal(r.statusCode, 200, url);
      assert.doesNotMatch(r.body, rawKey, url);
    }
    const overview = await cy.get(`/cases/${kase.caseId}/safeguarding`);
    assert.match(overview.body, /Gwiriad heddlu: Testmother Example/);
    assert.match(overview.body, /Iechyd meddwl/);
  });

  describe('the screening queue', () => {
    it('lists unscreened private-law cases the viewer may see, the most urgent first, with clock tags', async () => {
      const t2 = await testApp();
      try {
        const seo = await createUser(t2.database, 'seo');
        const s = await signedIn(t2.app, seo.email);
        const empty = await s.get('/safeguarding/screening');
        assert.equal(empty.statusCode, 200);
        assert.match(empty.body, /There are no applications waiting to be screened/);
        const older = await seedCase(t2.database, { receivedOn: '2026-02-20' });
        const newer = await seedCase(t2.database, { receivedOn: '2026-03-02' });
        const otherArea = await seedCase(t2.database, { areaId: 'eng-01', teamId: 'test-team-c' });
        const publicLaw = await seedCase(t2.database, { law: 'public' });
        const r = await s.get('/safeguarding/screening');
        assert.equal(r.statusCode, 200);
        const olderAt = r.body.indexOf(older.reference);
        const newerAt = r.body.indexOf(newer.reference);
        assert.ok(olderAt > 0 && newerAt > olderAt, 'oldest first');
        assert.ok(!r.body.includes(otherArea.reference), 'another area is not listed');
        assert.ok(!r.body.includes(publicLaw.reference), 'public law is not screened here');
        // Received Friday 20 Feb: due Monday 23 Feb, so on 2 March it is 5 working days overdue, in words.
        assert.match(r.body, /Overdue by 5 working days/);
        assert.match(r.body, /Due in 1 working day</);
        // A national intake officer sees every area, and can narrow to one.
        const intake = await createUser(t2.database, 'intake-officer', { teamId: null, areaId: null });
        const io = await signedIn(t2.app, intake.email);
        const everywhere = await io.get('/safeguarding/screening?scope=all');
        assert.ok(everywhere.body.includes(otherArea.reference) && everywhere.body.includes(older.reference));
        const oneArea = await io.get('/safeguarding/screening?scope=all&area=eng-01');
        assert.ok(oneArea.body.includes(otherArea.reference));
        assert.ok(!oneArea.body.includes(older.reference));
        assert.match(oneArea.body, /<option value="eng-01" selected>/);
        // A screened case leaves the queue.
        const form = await s.get(`/cases/${older.caseId}/screening`);
        await s.post(`/cases/${older.caseId}/screening`, {
          _csrf: csrfFrom(form.body),
          _formToken: formTokenFrom(form.body),
          riskFlags: 'none',
          decision: 'standard',
          rationale: 'No risks in the application.',
        });
        const after = await s.get('/safeguarding/screening?scope=all');
        assert.ok(!after.body.includes(older.reference));
        assert.ok(after.body.includes(newer.reference));
        // Queues are for the front door: an inspector is refused.
        const inspector = await createUser(t2.database, 'inspector', { teamId: null, areaId: null });
        const inspectorSession = await signedIn(t2.app, inspector.email);
        assert.equal((await inspectorSession.get('/safeguarding/screening')).statusCode, 403);
      } finally {
        await t2.close();
      }
    });

    it('pages a long queue', async () => {
      const t3 = await testApp();
      try {
        const seo = await createUser(t3.database, 'seo');
        const s = await signedIn(t3.app, seo.email);
        for (let i = 0; i < 27; i += 1) await seedCase(t3.database);
        const first = await s.get('/safeguarding/screening');
        assert.match(first.body, /Showing 1 to 25 of 27/);
        assert.match(first.body, /govuk-pagination/);
        const second = await s.get('/safeguarding/screening?scope=mine&page=2');
        assert.match(second.body, /Showing 26 to 27 of 27/);
      } finally {
        await t3.close();
      }
    });
  });
});
