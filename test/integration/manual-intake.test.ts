import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import { caseRecord, timelineEvent } from '../../src/modules/casework/schema.ts';
import { auditEvent } from '../../src/platform/audit/schema.ts';
import { queryRows } from '../../src/platform/db/database.ts';
import { createUser, csrfFrom, type Session, signedIn, type TestApp, testApp } from '../helpers/app.ts';
import { seedCase } from '../helpers/cases.ts';

const COURT = 'portsmouth-combined-court-centre';

function versionFrom(html: string): string {
  const match = /name="version" value="(\d+)"/.exec(html);
  if (!match?.[1]) throw new Error('no version on the page');
  return match[1];
}

/** Post a question page the way a browser does: read its CSRF token and version first. */
async function answer(s: Session, url: string, form: Record<string, string | string[]>) {
  const page = await s.get(url);
  assert.equal(page.statusCode, 200, `GET ${url}: ${page.statusCode}`);
  const params = new URLSearchParams();
  params.set('_csrf', csrfFrom(page.body));
  params.set('version', versionFrom(page.body));
  for (const [k, v] of Object.entries(form)) {
    for (const one of Array.isArray(v) ? v : [v]) params.append(k, one);
  }
  return s.app.inject({
    method: 'POST',
    url,
    payload: params.toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: s.jar.header() },
  });
}

const courtAnswers = {
  courtId: COURT,
  areaId: '',
  'receivedOn-day': '27',
  'receivedOn-month': '2',
  'receivedOn-year': '2026',
  'firstHearingOn-day': '7',
  'firstHearingOn-month': '4',
  'firstHearingOn-year': '2026',
  'letterDueOn-day': '1',
  'letterDueOn-month': '4',
  'letterDueOn-year': '2026',
};

const adult = (role: string, given: string, family: string, extra: Record<string, string> = {}) => ({
  role,
  givenNames: given,
  familyName: family,
  'dateOfBirth-day': '3',
  'dateOfBirth-month': '7',
  'dateOfBirth-year': '1988',
  addressLine1: '12 Harbour Row',
  town: 'Portsmouth',
  postcode: 'po1 1aa',
  phone: '01632 960 001',
  email: '',
  confidential: 'no',
  refuge: 'no',
  languagePreference: 'en',
  interpreterLanguage: '',
  ...extra,
});

describe('manual intake', () => {
  let t: TestApp;
  let officer: { userId: string; email: string };
  let s: Session;

  before(async () => {
    t = await testApp();
    officer = await createUser(t.database, 'intake-officer');
    s = await signedIn(t.app, officer.email);
  });
  after(() => t.close());

  async function newDraft(session = s): Promise<string> {
    const home = await session.get('/intake');
    const r = await session.post('/intake/drafts', { _csrf: csrfFrom(home.body) });
    assert.equal(r.statusCode, 303);
    const match = /^\/intake\/drafts\/([0-9a-f-]{36})\/court$/.exec(String(r.headers.location));
    assert.ok(match, String(r.headers.location));
    return match[1]!;
  }

  /** A complete draft: court, orders, two children, mother (confidential, refuge), father, relationships. */
  async function completeDraft(names = { child: 'Amelia', family: 'Tregarthen' }): Promise<string> {
    const id = await newDraft();
    const base = `/intake/drafts/${id}`;
    let r = await answer(s, `${base}/court`, courtAnswers);
    assert.equal(r.statusCode, 303, r.body);
    assert.equal(r.headers.location, `${base}/orders`);
    r = await answer(s, `${base}/orders`, { orders: ['child-arrangements-live-with', 'prohibited-steps'] });
    assert.equal(r.headers.location, `${base}/children`);
    r = await answer(s, `${base}/children/new`, {
      givenNames: names.child,
      familyName: names.family,
      'dateOfBirth-day': '14',
      'dateOfBirth-month': '6',
      'dateOfBirth-year': '2018',
      gender: 'female',
    });
    assert.equal(r.statusCode, 303, r.body);
    assert.equal(r.headers.location, `${base}/children`);
    await answer(s, `${base}/children/new`, {
      givenNames: 'Siôn',
      familyName: names.family,
      'dateOfBirth-day': '2',
      'dateOfBirth-month': '9',
      'dateOfBirth-year': '2020',
      gender: 'male',
    });
    r = await answer(s, `${base}/children`, {});
    assert.equal(r.headers.location, `${base}/adults`);
    r = await answer(
      s,
      `${base}/adults/new`,
      adult('applicant', 'Morwenna', names.family, {
        confidential: 'yes',
        refuge: 'yes',
        addressLine1: 'CANARY-9 Refuge Road',
        languagePreference: 'cy',
        interpreterLanguage: '',
      }),
    );
    assert.equal(r.statusCode, 303, r.body);
    await answer(
      s,
      `${base}/adults/new`,
      adult('respondent', 'Kenver', names.family, { interpreterLanguage: 'Cornish' }),
    );
    r = await answer(s, `${base}/adults`, {});
    assert.equal(r.headers.location, `${base}/relationships`);
    const relPage = await s.get(`${base}/relationships`);
    const fields = [...relPage.body.matchAll(/name="(rel-[0-9a-f-]{36}-[0-9a-f-]{36})"/g)].map((m) => m[1]!);
    assert.equal(fields.length, 4);
    const form: Record<string, string> = {};
    // Mother of both; father of the first child only.
    form[fields[0]!] = 'mother';
    form[fields[1]!] = 'mother';
    form[fields[2]!] = 'father';
    form[fields[3]!] = 'none';
    r = await answer(s, `${base}/relationships`, form);
    assert.equal(r.statusCode, 303, r.body);
    r = await answer(s, `${base}/allegations`, {
      allegations: ['domestic-abuse', 'other'],
      allegationsDetail: 'Threats made in front of the children',
    });
    assert.equal(r.headers.location, `${base}/language`);
    r = await answer(s, `${base}/language`, { language: 'en' });
    assert.equal(r.headers.location, `${base}/check-answers`);
    return id;
  }

  it('shows the intake home with an empty state, and refuses roles without intake:create', async () => {
    const other = await createUser(t.database, 'seo');
    const fresh = await signedIn(t.app, other.email);
    const home = await fresh.get('/intake');
    assert.equal(home.statusCode, 200);
    assert.match(home.body, /Start a new application/);
    assert.match(home.body, /You have no draft applications/);
    for (const role of ['fca', 'qa-auditor'] as const) {
      const u = await createUser(t.database, role);
      const us = await signedIn(t.app, u.email);
      assert.equal((await us.get('/intake')).statusCode, 403);
      const csrf = await us.csrf('/caseload');
      assert.equal((await us.post('/intake/drafts', { _csrf: csrf })).statusCode, 403);
    }
  });

  it('takes an application page by page and creates the case in one go', async () => {
    const id = await completeDraft();
    const check = await s.get(`/intake/drafts/${id}/check-answers`);
    assert.equal(check.statusCode, 200);
    assert.match(check.body, /Portsmouth Combined Court Centre/);
    assert.match(check.body, /27 February 2026/);
    assert.match(check.body, /Amelia Tregarthen/);
    assert.match(check.body, /Siôn Tregarthen/);
    assert.match(check.body, /Lives in a refuge/);
    assert.match(check.body, /Mother of Amelia<br>Mother of Siôn/);
    assert.match(check.body, /Not related to Siôn/);
    assert.match(check.body, /Domestic abuse/);
    assert.match(check.body, new RegExp(`href="/intake/drafts/${id}/court\\?change=1"`));
    // The home lists the draft with its children named so far.
    const home = await s.get('/intake');
    assert.match(home.body, /Amelia Tregarthen, Siôn Tregarthen/);

    const page = await s.get(`/intake/drafts/${id}/check-answers`);
    const submit = await s.post(`/intake/drafts/${id}/submit`, {
      _csrf: csrfFrom(page.body),
      version: versionFrom(page.body),
    });
    assert.equal(submit.statusCode, 303);
    const location = String(submit.headers.location);
    const caseId = /^\/cases\/([0-9a-f-]{36})/.exec(location)?.[1];
    assert.ok(caseId, location);

    const [kase] = await t.database.db.select().from(caseRecord).where(eq(caseRecord.id, caseId));
    assert.equal(kase!.status, 'received');
    assert.equal(kase!.areaId, 'eng-06');
    assert.equal(kase!.courtId, COURT);
    assert.equal(kase!.receivedOn, '2026-02-27');
    assert.equal(kase!.firstHearingOn, '2026-04-07');
    const [dates] = await queryRows<{
      letter_due_on: string;
      orders_applying_for: string[];
      allegations_of_harm: string[];
      allegations_detail: string;
      interpreter_needs: { language: string }[];
    }>(
      t.database.db,
      sql`SELECT to_char(letter_due_on, 'YYYY-MM-DD') AS letter_due_on, orders_applying_for,
        allegations_of_harm, allegations_detail, interpreter_needs FROM case_court_dates WHERE case_id = ${caseId}`,
    );
    assert.equal(dates!.letter_due_on, '2026-04-01');
    assert.deepEqual(dates!.orders_applying_for, ['child-arrangements-live-with', 'prohibited-steps']);
    assert.deepEqual(dates!.allegations_of_harm, ['domestic-abuse', 'other']);
    assert.equal(dates!.allegations_detail, 'Threats made in front of the children');
    assert.deepEqual(
      dates!.interpreter_needs.map((n) => n.language),
      ['Cornish'],
    );
    const signals = await queryRows<{ kind: string; source: string; detail: string }>(
      t.database.db,
      sql`SELECT kind, source, detail FROM risk_signal WHERE case_id = ${caseId}`,
    );
    assert.equal(signals.length, 1);
    assert.equal(signals[0]!.kind, 'allegation');
    assert.equal(signals[0]!.source, 'intake');
    // The applicant's words; which allegations they are is in case_court_dates (shown translated).
    assert.equal(signals[0]!.detail, 'Threats made in front of the children');
    const people = await queryRows<{ n: number }>(
      t.database.db,
      sql`SELECT (SELECT count(*) FROM case_child WHERE case_id = ${caseId})::int * 10
        + (SELECT count(*) FROM case_party WHERE case_id = ${caseId})::int AS n`,
    );
    assert.equal(people[0]!.n, 22);
    const rels = await queryRows<{ relationship: string }>(
      t.database.db,
      sql`SELECT r.relationship FROM party_child_relationship r JOIN case_child ch ON ch.id = r.child_id
        WHERE ch.case_id = ${caseId} ORDER BY r.relationship`,
    );
    assert.deepEqual(
      rels.map((x) => x.relationship),
      ['father', 'mother', 'mother'],
    );
    // The refuge makes every contact detail of the mother confidential.
    const contacts = await queryRows<{ confidential: boolean; refuge: boolean; postcode: string | null }>(
      t.database.db,
      sql`SELECT c.confidential, c.refuge, c.postcode FROM contact_detail c JOIN person p ON p.id = c.person_id
        WHERE c.case_id = ${caseId} AND p.given_names = 'Morwenna'`,
    );
    assert.ok(contacts.length >= 2);
    assert.ok(contacts.every((c) => c.confidential && c.refuge));
    assert.ok(contacts.some((c) => c.postcode === 'PO1 1AA'));
    const timeline = await t.database.db
      .select()
      .from(timelineEvent)
      .where(and(eq(timelineEvent.caseId, caseId), eq(timelineEvent.kind, 'intake.application-entered')));
    assert.equal(timeline.length, 1);
    const audit = await t.database.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.caseId, caseId), eq(auditEvent.action, 'create'), eq(auditEvent.resourceType, 'case')));
    assert.equal(audit.length, 1);
    assert.ok(audit[0]!.fieldCategories.includes('confidential-contact'));
    assert.ok(audit[0]!.fieldCategories.includes('risk'));

    // The case page shows the timeline entry in words.
    const casePage = await s.get(`/cases/${caseId}`);
    assert.equal(casePage.statusCode, 200);
    assert.match(casePage.body, /Application entered from e-mail or paper/);

    // A second submit (double click, back button) goes to the same case and creates nothing.
    const again = await s.post(`/intake/drafts/${id}/submit`, {
      _csrf: csrfFrom(page.body),
      version: versionFrom(page.body),
    });
    assert.equal(again.statusCode, 303);
    assert.equal(again.headers.location, `/cases/${caseId}`);
    const [count] = await queryRows<{ n: number }>(
      t.database.db,
      sql`SELECT count(*)::int AS n FROM case_record WHERE id IN (SELECT submitted_case_id FROM intake_draft WHERE id = ${id})
        OR reference IN (SELECT reference FROM case_record WHERE id = ${caseId})`,
    );
    assert.equal(count!.n, 1);
    const [timelines] = await queryRows<{ n: number }>(
      t.database.db,
      sql`SELECT count(*)::int AS n FROM timeline_event WHERE kind = 'intake.application-entered' AND case_id = ${caseId}`,
    );
    assert.equal(timelines!.n, 1);
    // The submitted draft is no longer listed, and its pages lead to the case.
    assert.doesNotMatch((await s.get('/intake')).body, new RegExp(`/intake/drafts/${id}`));
    const court = await s.get(`/intake/drafts/${id}/court`);
    assert.equal(court.statusCode, 303);
    assert.equal(court.headers.location, `/cases/${caseId}`);
  });

  it('speaks Welsh', async () => {
    const id = await newDraft();
    const cy = { cookie: `${s.jar.header()}; childvoice-language=cy` };
    const home = await s.get('/intake', cy);
    assert.match(home.body, /Dechrau cais newydd/);
    const court = await s.get(`/intake/drafts/${id}/court`, cy);
    assert.match(court.body, /Pa lys anfonodd y cais\?/);
    assert.match(court.body, /Cadw a dod yn ôl yn nes ymlaen/);
    const check = await s.get(`/intake/drafts/${id}/check-answers`, cy);
    assert.match(check.body, /Gwiriwch eich atebion cyn creu’r achos/);
    assert.doesNotMatch(check.body, /intake\./);
  });

  it('does not submit from a stale check-answers page', async () => {
    const id = await completeDraft({ child: 'Elowen', family: 'Trewin' });
    const check = await s.get(`/intake/drafts/${id}/check-answers`);
    // Another tab changes an answer after this page was read.
    await answer(s, `/intake/drafts/${id}/language`, { language: 'cy' });
    const r = await s.post(`/intake/drafts/${id}/submit`, {
      _csrf: csrfFrom(check.body),
      version: versionFrom(check.body),
    });
    assert.equal(r.statusCode, 409);
    assert.match(r.body, /changed in another tab or window/);
    assert.match(r.body, /Welsh/);
    const [draft] = await queryRows<{ submitted_case_id: string | null }>(
      t.database.db,
      sql`SELECT submitted_case_id FROM intake_draft WHERE id = ${id}`,
    );
    assert.equal(draft!.submitted_case_id, null);
  });

  it('checks each page: missing answers, impossible and future dates, contradictions', async () => {
    const id = await newDraft();
    const base = `/intake/drafts/${id}`;
    let r = await answer(s, `${base}/court`, {});
    assert.equal(r.statusCode, 400);
    assert.match(r.body, /There is a problem/);
    assert.match(r.body, /Select the court that sent the application/);
    assert.match(r.body, /Enter the date the application was received/);
    assert.match(r.body, /href="#receivedOn-day"/);
    r = await answer(s, `${base}/court`, { ...courtAnswers, 'receivedOn-day': '31', 'receivedOn-month': '2' });
    assert.match(r.body, /Date the application was received must be a real date/);
    r = await answer(s, `${base}/court`, { ...courtAnswers, 'receivedOn-year': '2027' });
    assert.match(r.body, /must be today or in the past/);
    r = await answer(s, `${base}/court`, { ...courtAnswers, 'firstHearingOn-month': '1' });
    assert.match(r.body, /first hearing must be on or after the date the application was received/);
    r = await answer(s, `${base}/court`, { ...courtAnswers, 'letterDueOn-month': '5' });
    assert.equal(r.statusCode, 400);
    assert.match(r.body, /safeguarding letter is due must be on or before the date of the first hearing/);
    // What was typed is kept.
    assert.match(r.body, /name="letterDueOn-month"[^>]*value="5"/);
    r = await answer(s, `${base}/court`, { ...courtAnswers, courtId: 'no-such-court' });
    assert.match(r.body, /Select a court from the list/);

    r = await answer(s, `${base}/orders`, {});
    assert.equal(r.statusCode, 400);
    assert.match(r.body, /Select the orders the applicant is asking for/);

    r = await answer(s, `${base}/children`, {});
    assert.equal(r.statusCode, 400);
    assert.match(r.body, /Add at least one child/);
    r = await answer(s, `${base}/children/new`, {
      'dateOfBirth-day': '1',
      'dateOfBirth-month': '1',
      'dateOfBirth-year': '2030',
    });
    assert.equal(r.statusCode, 400);
    assert.match(r.body, /Enter the child’s first names/);
    assert.match(r.body, /Date of birth must be in the past/);
    assert.match(r.body, /Select the child’s gender/);
    r = await answer(s, `${base}/children/new`, {
      givenNames: 'Old',
      familyName: 'Person',
      'dateOfBirth-day': '1',
      'dateOfBirth-month': '1',
      'dateOfBirth-year': '2000',
      gender: 'male',
    });
    assert.match(r.body, /the child must be under 18/);

    r = await answer(s, `${base}/adults/new`, { email: 'not-an-email', phone: 'abc' });
    assert.equal(r.statusCode, 400);
    assert.match(r.body, /Select their part in the application/);
    assert.match(r.body, /Enter their date of birth, or select that it is not known/);
    assert.match(r.body, /Enter an email address in the correct format/);
    assert.match(r.body, /Enter a phone number/);
    assert.match(r.body, /Select yes if they live in a refuge/);
    // An adult with an unknown date of birth is fine; one applicant alone is not enough.
    r = await answer(s, `${base}/adults/new`, {
      ...adult('applicant', 'Ann', 'Other'),
      'dateOfBirth-day': '',
      'dateOfBirth-month': '',
      'dateOfBirth-year': '',
      dateOfBirthUnknown: 'yes',
    });
    assert.equal(r.statusCode, 303, r.body);
    r = await answer(s, `${base}/adults`, {});
    assert.equal(r.statusCode, 400);
    assert.match(r.body, /Add at least one respondent/);
    assert.doesNotMatch(r.body, /Add at least one applicant/);

    const rel = await s.get(`${base}/relationships`);
    assert.match(rel.body, /Add the children and the adults first/);
    r = await s.post(`${base}/relationships`, { _csrf: csrfFrom(rel.body), version: '3' });
    assert.equal(r.statusCode, 400);
    assert.match(r.body, /Add the children and the adults before saying how they are related/);

    r = await answer(s, `${base}/allegations`, {});
    assert.match(r.body, /Select the allegations of harm, or select no allegations of harm/);
    r = await answer(s, `${base}/allegations`, { allegations: ['none', 'abduction'] });
    assert.match(r.body, /not both/);
    r = await answer(s, `${base}/allegations`, { allegations: ['other'] });
    assert.match(r.body, /Enter details of the other safety concerns/);
    r = await answer(s, `${base}/language`, {});
    assert.equal(r.statusCode, 400);
    assert.match(r.body, /Select the language of the case/);

    // Check answers lists what is missing, and submitting creates nothing.
    const check = await s.get(`${base}/check-answers`);
    assert.match(check.body, /Some answers are missing/);
    assert.match(check.body, /Add at least one child/);
    const submit = await s.post(`${base}/submit`, { _csrf: csrfFrom(check.body), version: versionFrom(check.body) });
    assert.equal(submit.statusCode, 400);
    assert.match(submit.body, /There is a problem/);
    assert.match(submit.body, /Enter the court and dates/);
  });

  it('needs every child to be related to an adult', async () => {
    const id = await newDraft();
    const base = `/intake/drafts/${id}`;
    await answer(s, `${base}/children/new`, {
      givenNames: 'Lowena',
      familyName: 'Pascoe',
      'dateOfBirth-day': '1',
      'dateOfBirth-month': '2',
      'dateOfBirth-year': '2017',
      gender: 'female',
    });
    await answer(s, `${base}/adults/new`, adult('applicant', 'Jory', 'Pascoe'));
    const page = await s.get(`${base}/relationships`);
    const field = /name="(rel-[^"]+)"/.exec(page.body)![1]!;
    let r = await answer(s, `${base}/relationships`, {});
    assert.equal(r.statusCode, 400);
    assert.match(r.body, /Select how the adult is related to the child/);
    r = await answer(s, `${base}/relationships`, { [field]: 'none' });
    assert.equal(r.statusCode, 400);
    assert.match(r.body, /The child must be related to at least one adult/);
    r = await answer(s, `${base}/relationships`, { [field]: 'grandparent' });
    assert.equal(r.statusCode, 303);
  });

  it('saves as you go: save and come back later, a stale tab is told, a change returns to check answers', async () => {
    const id = await newDraft();
    const base = `/intake/drafts/${id}`;
    const tab1 = await s.get(`${base}/orders`);
    const tab2 = await s.get(`${base}/orders`);
    let r = await s.post(`${base}/orders`, {
      _csrf: csrfFrom(tab1.body),
      version: versionFrom(tab1.body),
      orders: 'specific-issue',
      action: 'save',
    });
    assert.equal(r.statusCode, 303);
    assert.equal(r.headers.location, '/intake?notice=saved');
    const home = await s.get('/intake?notice=saved');
    assert.match(home.body, /Your answers have been saved/);
    // The other tab still has the old version: nothing is saved, and it says why.
    r = await s.post(`${base}/orders`, {
      _csrf: csrfFrom(tab2.body),
      version: versionFrom(tab2.body),
      orders: 'prohibited-steps',
    });
    assert.equal(r.statusCode, 409);
    assert.match(r.body, /changed in another tab or window/);
    const [draft] = await queryRows<{ data: { orders: string[] } }>(
      t.database.db,
      sql`SELECT data FROM intake_draft WHERE id = ${id}`,
    );
    assert.deepEqual(draft!.data.orders, ['specific-issue']);
    // Changing an answer from check answers goes back there.
    const changePage = await s.get(`${base}/orders?change=1`);
    assert.match(changePage.body, /name="change" value="1"/);
    r = await s.post(`${base}/orders`, {
      _csrf: csrfFrom(changePage.body),
      version: versionFrom(changePage.body),
      change: '1',
      orders: 'prohibited-steps',
    });
    assert.equal(r.headers.location, `${base}/check-answers`);
    // Continue goes to the first page with something missing.
    const cont = await s.get(base);
    assert.equal(cont.headers.location, `${base}/court`);
  });

  it('removes a child with their relationships; deletes a draft', async () => {
    const id = await newDraft();
    const base = `/intake/drafts/${id}`;
    await answer(s, `${base}/children/new`, {
      givenNames: 'Tamsin',
      familyName: 'Nance',
      'dateOfBirth-day': '5',
      'dateOfBirth-month': '5',
      'dateOfBirth-year': '2019',
      gender: 'female',
    });
    const list = await s.get(`${base}/children`);
    const remove = /action="([^"]+\/remove)"/.exec(list.body)![1]!;
    const r = await s.post(remove, { _csrf: csrfFrom(list.body), version: versionFrom(list.body) });
    assert.equal(r.statusCode, 303);
    assert.match((await s.get(`${base}/children`)).body, /You have not added any children yet/);
    const del = await s.get(`${base}/delete`);
    assert.equal(del.statusCode, 200);
    const d = await s.post(`${base}/delete`, { _csrf: csrfFrom(del.body) });
    assert.equal(d.headers.location, '/intake?notice=deleted');
    assert.equal((await s.get(`${base}/court`)).statusCode, 404);
  });

  it("keeps drafts to their author: another user's draft is not found", async () => {
    const id = await newDraft();
    const other = await createUser(t.database, 'intake-officer');
    const os = await signedIn(t.app, other.email);
    assert.equal((await os.get(`/intake/drafts/${id}/court`)).statusCode, 404);
    assert.equal((await os.get(`/intake/drafts/${id}/check-answers`)).statusCode, 404);
    const csrf = await os.csrf('/intake');
    assert.equal(
      (await os.post(`/intake/drafts/${id}/court`, { _csrf: csrf, ...courtAnswers, version: '1' })).statusCode,
      404,
    );
    assert.equal((await os.post(`/intake/drafts/${id}/submit`, { _csrf: csrf, version: '1' })).statusCode, 404);
    assert.equal((await os.post(`/intake/drafts/${id}/delete`, { _csrf: csrf })).statusCode, 404);
    assert.doesNotMatch((await os.get('/intake')).body, new RegExp(id));
    assert.equal((await os.get('/intake/drafts/not-a-uuid/court')).statusCode, 404);
  });

  it('finds earlier proceedings of the same people and goes to the previous proceedings page', async () => {
    // An earlier case with the same child, typed slightly differently (Amellia, day and month swapped).
    const earlier = await seedCase(t.database, {});
    await t.database.db.execute(
      sql`UPDATE person SET given_names = 'Amellia', family_name = 'Penrose', date_of_birth = '2018-06-14'
        WHERE id = ${earlier.personIds.a}`,
    );
    const id = await completeDraft({ child: 'Amelia', family: 'Penrose' });
    const page = await s.get(`/intake/drafts/${id}/check-answers`);
    const submit = await s.post(`/intake/drafts/${id}/submit`, {
      _csrf: csrfFrom(page.body),
      version: versionFrom(page.body),
    });
    assert.equal(submit.statusCode, 303);
    const location = String(submit.headers.location);
    assert.match(location, /^\/cases\/[0-9a-f-]{36}\/previous-proceedings$/);
    const pp = await s.get(location);
    assert.equal(pp.statusCode, 200);
    assert.match(pp.body, /Amellia Penrose/);
    assert.match(pp.body, new RegExp(earlier.reference));
  });
});
