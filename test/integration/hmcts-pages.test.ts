import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { importSearchResponse } from '../../src/modules/intake/service.ts';
import { queryRows } from '../../src/platform/db/database.ts';
import { createUser, csrfFrom, formTokenFrom, type Session, signedIn, type TestApp, testApp } from '../helpers/app.ts';
import { searchResponse, searchResponseText } from './hmcts-stand-in.ts';

const CASE_A = '1661164783455399';
const CASE_B = '1661447479032162';
const SECRET_EMAIL = 'canary-secret@example.test';

describe('HMCTS feed pages', () => {
  let t: TestApp;
  let intake: Session;
  let fca: Session;
  let otherAreaManager: Session;
  const rows = <T>(q: ReturnType<typeof sql>) => queryRows<T>(t.database.db, q);

  before(async () => {
    t = await testApp();
    intake = await signedIn(t.app, (await createUser(t.database, 'intake-officer', { teamId: null })).email);
    fca = await signedIn(t.app, (await createUser(t.database, 'fca')).email);
    otherAreaManager = await signedIn(t.app, (await createUser(t.database, 'service-manager')).email);
    // Ten days ago the court sent both cases; today it sent case B again, with a confidential e-mail.
    await importSearchResponse(t.database.db, {
      body: searchResponseText(),
      source: 'poll',
      now: new Date(t.clock.now().getTime() - 10 * 24 * 3600 * 1000),
    });
    const body = searchResponse();
    body.cases = [body.cases[1]];
    body.cases[0].case_data.applicants[0].value.email = SECRET_EMAIL;
    body.cases[0].case_data.applicants[0].value.isEmailAddressConfidential = 'Yes';
    await importSearchResponse(t.database.db, { body: JSON.stringify(body), source: 'poll', now: t.clock.now() });
    await importSearchResponse(t.database.db, { body: 'not json', source: 'file', now: t.clock.now() });
  });
  after(() => t.close());

  it('shows the feed, the payloads and the cases missing from the feed; never a confidential value', async () => {
    const r = await intake.get('/intake/hmcts');
    assert.equal(r.statusCode, 200);
    assert.match(r.body, /Court feed: HMCTS private law/);
    assert.match(r.body, /The feed has not been polled yet/);
    assert.match(r.body, /Cases missing from the feed/);
    const missing = r.body.slice(r.body.indexOf('id="reconciliation"'), r.body.indexOf('id="snapshots"'));
    assert.match(missing, new RegExp(CASE_A), 'case A was last seen ten days ago');
    assert.doesNotMatch(missing, new RegExp(CASE_B), 'case B was seen today');
    assert.match(missing, /DECISION_OUTCOME/);
    assert.match(r.body, /Rejected/);
    assert.match(r.body, /Not valid JSON/);
    assert.match(r.body, /Updated/);
    assert.ok(!r.body.includes(SECRET_EMAIL));
    const audits = await rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM audit_event WHERE resource_type = 'hmcts-case' AND action = 'search'`,
    );
    assert.ok(audits[0]!.n >= 2, 'the cases listed are audited');
  });

  it('a shorter period lists more; an empty list says so', async () => {
    const r = await intake.get('/intake/hmcts?days=30');
    assert.equal(r.statusCode, 200);
    assert.match(r.body, /No cases have been missing from the feed for more than 30 days/);
    const bad = await intake.get('/intake/hmcts?days=abc&page=-1');
    assert.equal(bad.statusCode, 200, 'bad query values fall back to defaults');
  });

  it('the payload page shows what changed, not the payload', async () => {
    const [snap] = await rows<{ id: string }>(
      sql`SELECT id FROM hmcts_snapshot WHERE ccd_id = ${CASE_B} AND outcome = 'updated'`,
    );
    const r = await intake.get(`/intake/hmcts/snapshots/${snap!.id}`);
    assert.equal(r.statusCode, 200);
    assert.match(r.body, /What changed since the previous payload/);
    assert.match(r.body, /<code>applicants<\/code>/);
    assert.match(r.body, /View the previous payload/);
    assert.ok(!r.body.includes(SECRET_EMAIL), 'no confidential value');
    assert.ok(!r.body.includes('07442772347') && !r.body.includes('Gabrielle House'), 'no contact detail at all');
    const [rejected] = await rows<{ id: string }>(sql`SELECT id FROM hmcts_snapshot WHERE outcome = 'rejected'`);
    const rr = await intake.get(`/intake/hmcts/snapshots/${rejected!.id}`);
    assert.equal(rr.statusCode, 200);
    assert.match(rr.body, /Why it was rejected/);
    assert.ok(!rr.body.includes('not json'), 'the raw payload is not shown');
    assert.equal((await intake.get('/intake/hmcts/snapshots/abc')).statusCode, 404);
    assert.equal((await intake.get('/intake/hmcts/snapshots/999999')).statusCode, 404);
  });

  it('records what was found: validation, CSRF, one record per form, audit and timeline; the case leaves the list', async () => {
    const url = `/intake/hmcts/cases/${CASE_A}/reconcile`;
    const page = await intake.get(url);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /What did you find\?/);
    const csrf = csrfFrom(page.body);
    const formToken = formTokenFrom(page.body);

    const noCsrf = await intake.post(url, { note: 'x', _formToken: formToken });
    assert.equal(noCsrf.statusCode, 403);

    const empty = await intake.post(url, { _csrf: csrf });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /There is a problem/);
    assert.match(empty.body, /Enter what you found/);
    const tooLong = await intake.post(url, { _csrf: csrf, _formToken: formToken, note: 'a'.repeat(2001) });
    assert.equal(tooLong.statusCode, 400);
    assert.match(tooLong.body, /2,000 characters or fewer/);

    const note = 'Checked with the court: Cafcass access was removed on 1 March.';
    const ok = await intake.post(url, { _csrf: csrf, _formToken: formToken, note });
    assert.equal(ok.statusCode, 303);
    assert.equal(ok.headers.location, '/intake/hmcts?notice=reconciled#reconciliation');
    const again = await intake.post(url, { _csrf: csrf, _formToken: formToken, note });
    assert.equal(again.statusCode, 303, 'a double submit is sent to the same place');

    const [kase] = await rows<{ reconciliation_note: string; reconciled_at: string | null }>(
      sql`SELECT reconciliation_note, reconciled_at FROM hmcts_case WHERE ccd_id = ${CASE_A}`,
    );
    assert.equal(kase!.reconciliation_note, note);
    assert.ok(kase!.reconciled_at);
    const timeline = await rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM timeline_event WHERE kind = 'hmcts.reconciled'`,
    );
    assert.equal(timeline[0]!.n, 1);
    const audit = await rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM audit_event WHERE resource_type = 'hmcts-case' AND action = 'change' AND actor_user_id IS NOT NULL`,
    );
    assert.equal(audit[0]!.n, 1);

    const list = await intake.get('/intake/hmcts?notice=reconciled');
    assert.match(list.body, /What you found has been saved/);
    const missing = list.body.slice(list.body.indexOf('id="reconciliation"'), list.body.indexOf('id="snapshots"'));
    assert.doesNotMatch(missing, new RegExp(CASE_A));

    const caseTimeline = await intake.get(
      `/cases/${(await rows<{ case_id: string }>(sql`SELECT case_id FROM hmcts_case WHERE ccd_id = ${CASE_A}`))[0]!.case_id}`,
    );
    assert.match(caseTimeline.body, /Case missing from the court feed checked/);
    assert.match(caseTimeline.body, /Received from the court \(HMCTS\)/);
  });

  it('refuses people without intake:reconcile (an FCA gets 403) and hides cases outside need-to-know', async () => {
    for (const url of ['/intake/hmcts', `/intake/hmcts/cases/${CASE_A}/reconcile`, '/intake/hmcts/snapshots/1']) {
      const r = await fca.get(url);
      assert.equal(r.statusCode, 403, url);
      assert.ok(!r.body.includes('DECISION_OUTCOME') && !/CV-\d{4}-\d{6}/.test(r.body), 'no case data');
    }
    const csrf = csrfFrom((await fca.get('/caseload')).body);
    const post = await fca.post(`/intake/hmcts/cases/${CASE_A}/reconcile`, { _csrf: csrf, note: 'x' });
    assert.equal(post.statusCode, 403);

    // A service manager of area 6 sees no London case: not listed, and the form is not found.
    const list = await otherAreaManager.get('/intake/hmcts');
    assert.equal(list.statusCode, 200);
    assert.ok(!list.body.includes(CASE_A) && !list.body.includes(CASE_B));
    assert.equal((await otherAreaManager.get(`/intake/hmcts/cases/${CASE_B}/reconcile`)).statusCode, 404);
    assert.equal((await intake.get('/intake/hmcts/cases/not-a-number/reconcile')).statusCode, 404);
    assert.equal((await intake.get('/intake/hmcts/cases/1234/reconcile')).statusCode, 404);
  });

  it('pages through the payloads, newest first', async () => {
    for (let i = 0; i < 12; i += 1) {
      await importSearchResponse(t.database.db, { body: searchResponseText(), source: 'poll', now: t.clock.now() });
    }
    const first = await intake.get('/intake/hmcts');
    assert.match(first.body, /govuk-pagination/);
    assert.match(first.body, /No change/);
    assert.match(first.body, /href="\/intake\/hmcts\?page=2#snapshots"/);
    const second = await intake.get('/intake/hmcts?page=2');
    assert.equal(second.statusCode, 200);
    assert.match(second.body, /Previous/);
    assert.match(second.body, /Case created/, 'the oldest payloads last');
  });

  it('the pages are in Welsh when Welsh is chosen', async () => {
    const r = await intake.get('/intake/hmcts', { cookie: `${intake.jar.header()}; childvoice-language=cy` });
    assert.equal(r.statusCode, 200);
    assert.match(r.body, /Ffrwd y llys/);
  });
});
