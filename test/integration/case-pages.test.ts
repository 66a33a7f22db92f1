import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, asc, eq } from 'drizzle-orm';
import { caseRecord, emergencyAccess, timelineEvent } from '../../src/modules/casework/schema.ts';
import { auditEvent } from '../../src/platform/audit/schema.ts';
import { createUser, csrfFrom, formTokenFrom, type Session, signedIn, type TestApp, testApp } from '../helpers/app.ts';
import { CANARY_ADDRESS, CANARY_POSTCODE, seedCase } from '../helpers/cases.ts';

describe('case pages', () => {
  let t: TestApp;
  let fca: { userId: string; email: string };
  let fcaSession: Session;
  let kase: Awaited<ReturnType<typeof seedCase>>;

  before(async () => {
    t = await testApp();
    fca = await createUser(t.database, 'fca');
    fcaSession = await signedIn(t.app, fca.email);
    kase = await seedCase(t.database, { allocateTo: fca.userId });
  });
  after(() => t.close());

  const auditRows = (caseId: string, action: string) =>
    t.database.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.caseId, caseId), eq(auditEvent.action, action)))
      .orderBy(asc(auditEvent.id));

  it('shows the overview: identity bar, summary, children, parties with relationships, timeline; and audits the view', async () => {
    const before = (await auditRows(kase.caseId, 'view')).length;
    const r = await fcaSession.get(`/cases/${kase.caseId}`);
    assert.equal(r.statusCode, 200);
    assert.match(r.body, /moj-identity-bar/);
    assert.match(r.body, /moj-sub-navigation/);
    assert.match(r.body, new RegExp(kase.reference));
    assert.match(r.body, /Testchild Example/);
    assert.match(r.body, /Secondchild Example/);
    assert.match(r.body, /Mother of Testchild, Mother of Secondchild/);
    assert.match(r.body, /Application received/);
    assert.match(r.body, /Case allocated/);
    // Minimum data: no contact details on the overview.
    assert.ok(!r.body.includes(CANARY_ADDRESS));
    const after = await auditRows(kase.caseId, 'view');
    assert.equal(after.length, before + 1);
    const row = after.at(-1)!;
    assert.equal(row.actorUserId, fca.userId);
    assert.equal(row.actorRole, 'fca');
    assert.deepEqual(row.resourceIds, [kase.caseId]);
    assert.ok(row.fieldCategories.includes('timeline'));
  });

  it('shows ages on the day for children born on 29 February', async () => {
    t.clock.set(new Date('2028-02-28T23:50:00Z'));
    const later = await signedIn(t.app, fca.email);
    const r = await later.get(`/cases/${kase.caseId}/children/${kase.childIds.b}`);
    assert.match(r.body, /29 February 2020 \(7 years old\)/);
    t.clock.set(new Date('2028-02-29T00:10:00Z'));
    const r2 = await later.get(`/cases/${kase.caseId}/children/${kase.childIds.b}`);
    assert.match(r2.body, /29 February 2020 \(8 years old\)/);
    t.clock.set(new Date('2026-03-02T09:00:00Z'));
  });

  it('shows a confidential address to the allocated worker, marked confidential, and audits it as such', async () => {
    const r = await fcaSession.get(`/cases/${kase.caseId}/parties/${kase.partyIds.mother}`);
    assert.equal(r.statusCode, 200);
    assert.match(r.body, new RegExp(CANARY_ADDRESS));
    assert.match(r.body, /Confidential/);
    const rows = await auditRows(kase.caseId, 'view');
    assert.ok(rows.at(-1)!.fieldCategories.includes('confidential-contact'));
  });

  it('withholds a confidential address from a national auditor who may see the case', async () => {
    const auditor = await createUser(t.database, 'qa-auditor', { teamId: null, areaId: null });
    const s = await signedIn(t.app, auditor.email);
    const r = await s.get(`/cases/${kase.caseId}/parties/${kase.partyIds.mother}`);
    assert.equal(r.statusCode, 200);
    assert.ok(!r.body.includes(CANARY_ADDRESS));
    assert.ok(!r.body.includes(CANARY_POSTCODE));
    assert.match(r.body, /Withheld: you do not have permission/);
    // A non-confidential address is shown.
    const father = await s.get(`/cases/${kase.caseId}/parties/${kase.partyIds.father}`);
    assert.match(father.body, /1 Open Street/);
  });

  it('adds a note once however often the form is posted, with its timeline and audit records', async () => {
    const page = await fcaSession.get(`/cases/${kase.caseId}`);
    const form = {
      _csrf: csrfFrom(page.body),
      _formToken: formTokenFrom(page.body),
      note: 'Spoke to the school <script>alert(1)</script>',
    };
    const responses = await Promise.all([1, 2, 3].map(() => fcaSession.post(`/cases/${kase.caseId}/notes`, form)));
    for (const r of responses) {
      assert.equal(r.statusCode, 303);
      assert.equal(r.headers.location, `/cases/${kase.caseId}?notice=note-added#timeline`);
    }
    const notes = await t.database.db
      .select()
      .from(timelineEvent)
      .where(and(eq(timelineEvent.caseId, kase.caseId), eq(timelineEvent.kind, 'note-added')));
    assert.equal(notes.length, 1);
    assert.equal((await auditRows(kase.caseId, 'create')).length, 1);
    const shown = await fcaSession.get(`/cases/${kase.caseId}?notice=note-added`);
    assert.match(shown.body, /Your note has been added to the timeline/);
    assert.match(shown.body, /Spoke to the school &lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.ok(!shown.body.includes('<script>alert(1)</script>'));
  });

  it('refuses an empty or overlong note with a message by the field, and stores nothing', async () => {
    const page = await fcaSession.get(`/cases/${kase.caseId}`);
    const base = { _csrf: csrfFrom(page.body), _formToken: formTokenFrom(page.body) };
    const empty = await fcaSession.post(`/cases/${kase.caseId}/notes`, { ...base, note: '   ' });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /govuk-error-summary/);
    assert.match(empty.body, /Enter a note/);
    const long = await fcaSession.post(`/cases/${kase.caseId}/notes`, { ...base, note: 'x'.repeat(5001) });
    assert.equal(long.statusCode, 400);
    assert.match(long.body, /5,000 characters or fewer/);
    const notes = await t.database.db
      .select()
      .from(timelineEvent)
      .where(and(eq(timelineEvent.caseId, kase.caseId), eq(timelineEvent.kind, 'note-added')));
    assert.equal(notes.length, 1);
  });

  it('saves case details, and refuses a stale edit with a clear message, keeping the first', async () => {
    const a = await fcaSession.get(`/cases/${kase.caseId}/details`);
    const b = await fcaSession.get(`/cases/${kase.caseId}/details`);
    assert.equal(a.statusCode, 200);
    const version = /name="version" value="(\d+)"/.exec(a.body)![1]!;
    const form = (day: string) => ({
      _csrf: csrfFrom(a.body),
      version,
      language: 'cy',
      courtId: '',
      'firstHearing-day': day,
      'firstHearing-month': '4',
      'firstHearing-year': '2026',
    });
    const first = await fcaSession.post(`/cases/${kase.caseId}/details`, form('14'));
    assert.equal(first.statusCode, 303);
    const second = await fcaSession.post(`/cases/${kase.caseId}/details`, { ...form('21'), _csrf: csrfFrom(b.body) });
    assert.equal(second.statusCode, 409);
    assert.match(second.body, /Someone else changed this case while you were editing it/);
    const [row] = await t.database.db.select().from(caseRecord).where(eq(caseRecord.id, kase.caseId));
    assert.equal(row!.firstHearingOn, '2026-04-14');
    assert.equal(row!.language, 'cy');
    assert.equal(row!.version, Number(version) + 1);
  });

  it('refuses an impossible date and an unknown court with messages by the fields', async () => {
    const page = await fcaSession.get(`/cases/${kase.caseId}/details`);
    const version = /name="version" value="(\d+)"/.exec(page.body)![1]!;
    const base = { _csrf: csrfFrom(page.body), version, language: 'en', courtId: '' };
    const bad = await fcaSession.post(`/cases/${kase.caseId}/details`, {
      ...base,
      'firstHearing-day': '29',
      'firstHearing-month': '2',
      'firstHearing-year': '2027',
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /must be a real date/);
    assert.match(bad.body, /href="#firstHearing-day"/, 'the summary links to the first input of the date');
    const letters = await fcaSession.post(`/cases/${kase.caseId}/details`, {
      ...base,
      'firstHearing-day': 'ab',
      'firstHearing-month': '2',
      'firstHearing-year': '2027',
    });
    assert.equal(letters.statusCode, 400);
    assert.match(letters.body, /must be a real date/);
    const leap = await fcaSession.post(`/cases/${kase.caseId}/details`, {
      ...base,
      'firstHearing-day': '29',
      'firstHearing-month': '2',
      'firstHearing-year': '2028',
    });
    assert.equal(leap.statusCode, 303);
    const page2 = await fcaSession.get(`/cases/${kase.caseId}/details`);
    const court = await fcaSession.post(`/cases/${kase.caseId}/details`, {
      _csrf: csrfFrom(page2.body),
      version: /name="version" value="(\d+)"/.exec(page2.body)![1]!,
      language: 'en',
      courtId: 'no-such-court',
      'firstHearing-day': '',
      'firstHearing-month': '',
      'firstHearing-year': '',
    });
    assert.equal(court.statusCode, 400);
    assert.match(court.body, /Select a court from the list/);
  });

  it('lets a worker outside need-to-know take emergency access with a reason, recorded and time-limited', async () => {
    const other = await createUser(t.database, 'fca', { teamId: 'test-team-c', areaId: 'eng-01' });
    const s = await signedIn(t.app, other.email);
    const refused = await s.get(`/cases/${kase.caseId}`);
    assert.equal(refused.statusCode, 403);
    assert.match(refused.body, /emergency-access/);
    const form = await s.get(`/cases/${kase.caseId}/emergency-access`);
    assert.equal(form.statusCode, 200);
    const short = await s.post(`/cases/${kase.caseId}/emergency-access`, {
      _csrf: csrfFrom(form.body),
      reason: 'urgent',
    });
    assert.equal(short.statusCode, 400);
    assert.match(short.body, /at least 20 characters/);
    const reason = 'Police called out of hours about the child; allocated worker unreachable.';
    const granted = await s.post(`/cases/${kase.caseId}/emergency-access`, { _csrf: csrfFrom(form.body), reason });
    assert.equal(granted.statusCode, 303);
    const again = await s.post(`/cases/${kase.caseId}/emergency-access`, { _csrf: csrfFrom(form.body), reason });
    assert.equal(again.statusCode, 303);
    const grants = await t.database.db.select().from(emergencyAccess).where(eq(emergencyAccess.caseId, kase.caseId));
    assert.equal(grants.length, 1);
    assert.equal(grants[0]!.reviewedAt, null);
    assert.equal((await s.get(`/cases/${kase.caseId}`)).statusCode, 200);
    const audited = await auditRows(kase.caseId, 'emergency-access');
    assert.equal(audited.length, 1);
    assert.equal(audited[0]!.reason, reason);
    t.clock.advance(4 * 3600 + 1);
    const later = await signedIn(t.app, other.email);
    assert.equal((await later.get(`/cases/${kase.caseId}`)).statusCode, 403);
    t.clock.set(new Date('2026-03-02T09:00:00Z'));
  });

  it('shows managers who has seen the case, including emergency access', async () => {
    const manager = await createUser(t.database, 'service-manager');
    const s = await signedIn(t.app, manager.email);
    const r = await s.get(`/cases/${kase.caseId}/access-log`);
    assert.equal(r.statusCode, 200);
    assert.match(r.body, /Who has seen this case/);
    assert.match(r.body, /Emergency access/);
    assert.match(r.body, /Police called out of hours/);
    assert.match(r.body, /Test fca/);
  });
});

describe('caseload', () => {
  let t: TestApp;
  let fca: { userId: string; email: string };
  let s: Session;
  before(async () => {
    t = await testApp();
    fca = await createUser(t.database, 'fca');
    for (let i = 0; i < 30; i += 1) {
      await seedCase(t.database, {
        law: i % 3 === 0 ? 'public' : 'private',
        receivedOn: `2026-01-${String((i % 28) + 1).padStart(2, '0')}`,
        allocateTo: i < 4 ? fca.userId : undefined,
      });
    }
    await seedCase(t.database, { teamId: 'test-team-c', areaId: 'eng-01' });
    s = await signedIn(t.app, fca.email);
  });
  after(() => t.close());

  const refs = (html: string) => [...html.matchAll(/href="\/cases\/[^"]+">(CV-[\d-]+)</g)].map((m) => m[1]!);

  it('pages through the team cases 25 at a time, newest first, and audits each case listed', async () => {
    const before = (await t.database.db.select().from(auditEvent).where(eq(auditEvent.action, 'search'))).length;
    const page1 = await s.get('/caseload');
    assert.equal(page1.statusCode, 200);
    assert.match(page1.body, /Showing 1 to 25 of 30 cases/);
    assert.equal(refs(page1.body).length, 25);
    const after = (await t.database.db.select().from(auditEvent).where(eq(auditEvent.action, 'search'))).length;
    assert.equal(after - before, 25);
    const page2 = await s.get('/caseload?page=2');
    assert.match(page2.body, /Showing 26 to 30 of 30 cases/);
    assert.equal(refs(page2.body).length, 5);
    assert.equal(new Set([...refs(page1.body), ...refs(page2.body)]).size, 30);
  });

  it('filters by law, by reference and to my allocations, in SQL', async () => {
    assert.match((await s.get('/caseload?law=public')).body, /of 10 cases/);
    assert.match((await s.get('/caseload?scope=mine')).body, /of 4 cases/);
    const one = refs((await s.get('/caseload')).body)[0]!;
    const found = await s.get(`/caseload?reference=${one.slice(-6)}`);
    assert.deepEqual(refs(found.body), [one]);
    const none = await s.get('/caseload?reference=NOPE');
    assert.match(none.body, /No cases found/);
  });

  it('sorts by reference both ways and ignores unknown sort keys', async () => {
    const asc = refs((await s.get('/caseload?sort=reference&order=asc')).body);
    assert.deepEqual(asc, [...asc].sort());
    const desc = refs((await s.get('/caseload?sort=reference&order=desc')).body);
    assert.deepEqual(desc, [...desc].sort().reverse());
    const junk = await s.get('/caseload?sort=drop%20table&order=sideways&page=-3&law=<script>');
    assert.equal(junk.statusCode, 200);
    assert.match(junk.body, /Showing 1 to 25 of 30 cases/);
  });

  it('shows the caseload in Welsh', async () => {
    const page = await s.get('/caseload');
    const switched = await s.get(`/language/cy?returnTo=%2Fcaseload`);
    assert.equal(switched.statusCode, 303);
    assert.equal(switched.headers.location, '/caseload');
    const cy = await s.get('/caseload');
    assert.match(cy.body, /<html lang="cy"/);
    assert.match(cy.body, /Llwyth achosion/);
    assert.match(cy.body, /Yn dangos 1 i 25 o 30 achos/);
    assert.ok(page.body.includes('lang="en"'));
    await s.get('/language/en?returnTo=%2Fcaseload');
  });
});

describe('the person index across cases', () => {
  it('shows other proceedings involving the same child, only those the viewer may see, and audits the listing', async () => {
    const t = await testApp();
    try {
      const fca = await createUser(t.database, 'fca');
      const first = await seedCase(t.database, { allocateTo: fca.userId });
      const childPersonId = first.personIds.a!;
      const earlier = await seedCase(t.database, { receivedOn: '2023-05-02', reuse: { a: childPersonId } });
      const hidden = await seedCase(t.database, {
        areaId: 'eng-01',
        teamId: 'test-team-c',
        reuse: { a: childPersonId },
      });
      const s = await signedIn(t.app, fca.email);
      const page = await s.get(`/cases/${first.caseId}/children/${first.childIds.a}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Other proceedings/);
      assert.match(page.body, new RegExp(earlier.reference));
      assert.ok(!page.body.includes(hidden.reference), 'a case outside need-to-know is not listed');
      const searched = await t.database.db
        .select()
        .from(auditEvent)
        .where(and(eq(auditEvent.caseId, earlier.caseId), eq(auditEvent.action, 'search')));
      assert.equal(searched.length, 1);
      const sibling = await s.get(`/cases/${first.caseId}/children/${first.childIds.b}`);
      assert.match(sibling.body, /No other proceedings you can see involve this person/);
    } finally {
      await t.close();
    }
  });
});
