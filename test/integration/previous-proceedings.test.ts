import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import { runPersonMatching } from '../../src/modules/casework/service.ts';
import { auditEvent } from '../../src/platform/audit/schema.ts';
import { queryRows } from '../../src/platform/db/database.ts';
import { createUser, csrfFrom, type Session, signedIn, type TestApp, testApp } from '../helpers/app.ts';
import { seedCase } from '../helpers/cases.ts';

type Seeded = Awaited<ReturnType<typeof seedCase>>;

describe('previous proceedings (person matching)', () => {
  let t: TestApp;
  let fca: { userId: string; email: string };
  let s: Session;
  /** The new case: child a "John Smith" 2015-03-07, child b "Siôn Jones", mother, father. */
  let current: Seeded;
  /** Earlier cases of team A (visible to the FCA) and team C (another area: not visible). */
  let earlierVisible: Seeded;
  let earlierHidden: Seeded;

  const rename = (personId: string, given: string, family: string, dob: string | null) =>
    t.database.db.execute(
      sql`UPDATE person SET given_names = ${given}, family_name = ${family}, date_of_birth = ${dob} WHERE id = ${personId}`,
    );

  const matchesOf = (caseId: string) =>
    queryRows<{
      id: string;
      person_id: string;
      candidate_person_id: string;
      status: string;
      date_of_birth_match: string;
    }>(
      t.database.db,
      sql`SELECT id, person_id, candidate_person_id, status, date_of_birth_match FROM person_match WHERE case_id = ${caseId}`,
    );

  before(async () => {
    t = await testApp();
    fca = await createUser(t.database, 'fca');
    s = await signedIn(t.app, fca.email);
    current = await seedCase(t.database, { allocateTo: fca.userId, receivedOn: '2026-02-27' });
    await rename(current.personIds.a!, 'John', 'Smith', '2015-03-07');
    await rename(current.personIds.b!, 'Siôn', 'Llewellyn', '2020-02-29');
    await rename(current.personIds.mother!, 'Gwenllian', 'Prydderch', '1990-05-01');
    await rename(current.personIds.father!, 'Kenver', 'Tregarthen', null);

    earlierVisible = await seedCase(t.database, { receivedOn: '2022-01-10' });
    // A typo and the day and month swapped: the same John.
    await rename(earlierVisible.personIds.a!, 'Jon', 'Smyth', '2015-07-03');
    // Without the circumflex, a day out.
    await rename(earlierVisible.personIds.b!, 'Sion', 'Llewellyn', '2020-03-01');
    // Someone else entirely: same name as the mother, born ten years apart.
    await rename(earlierVisible.personIds.mother!, 'Gwenllian', 'Prydderch', '1980-05-01');
    await rename(earlierVisible.personIds.father!, 'Unrelated', 'Person', '1970-01-01');

    earlierHidden = await seedCase(t.database, { teamId: 'test-team-c', areaId: 'eng-01', receivedOn: '2021-06-01' });
    // The mother, a year out, in a case the FCA may not see.
    await rename(earlierHidden.personIds.mother!, 'Gwenllïan', 'Prydderch', '1991-05-01');
    // The father, whose date of birth is unknown here too: the name alone must be very alike.
    await rename(earlierHidden.personIds.father!, 'Kenver', 'Tregarthen', '1985-01-01');
    await rename(earlierHidden.personIds.a!, 'Kenvor', 'Tregarthen', null);
    await rename(earlierHidden.personIds.b!, 'Other', 'Child', '2010-01-01');

    // Safeguarding history of the visible earlier case.
    await t.database.db.execute(sql`INSERT INTO screening (case_id, risk_flags, decision, rationale, due_on, screened_by, screened_at)
      VALUES (${earlierVisible.caseId}, ARRAY['domestic-abuse']::text[], 'fast-track', 'Allegations in the C1A', '2022-01-11', ${fca.userId}, '2022-01-11T10:00:00Z')`);
    await t.database.db.execute(sql`INSERT INTO safeguarding_check (case_id, kind, requested_on, due_on, returned_on, outcome, concerns)
      VALUES (${earlierVisible.caseId}, 'police', '2022-01-11', '2022-01-13', '2022-01-13', 'concerns', 'Two call-outs in 2021')`);
    await t.database.db.execute(sql`INSERT INTO safeguarding_letter (case_id, kind, status, author_id, filed_on, recommendation)
      VALUES (${earlierVisible.caseId}, 'letter', 'filed', ${fca.userId}, '2022-02-01', 'A section 7 report')`);
    await t.database.db.execute(sql`INSERT INTO screening (case_id, risk_flags, decision, rationale, due_on, screened_by, screened_at)
      VALUES (${earlierHidden.caseId}, ARRAY['abduction']::text[], 'standard', 'HIDDEN-RATIONALE', '2021-06-02', ${fca.userId}, '2021-06-02T10:00:00Z')`);
  });
  after(() => t.close());

  it('shows an empty state before any matching', async () => {
    const r = await s.get(`/cases/${current.caseId}/previous-proceedings`);
    assert.equal(r.statusCode, 200);
    assert.match(r.body, /No possible matches have been found/);
    assert.match(
      r.body,
      /moj-sub-navigation__link" aria-current="page" href="\/cases\/[^"]+\/previous-proceedings"|aria-current="page"[^>]*previous-proceedings/,
    );
  });

  it('finds typos, swapped dates, Welsh names with and without accents; never the wrong person; never merges', async () => {
    const before = await queryRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM person`);
    const ids = await t.database.db.transaction((tx) => runPersonMatching(tx, current.caseId, new Date()));
    const matches = await matchesOf(current.caseId);
    assert.equal(ids.length, matches.length);
    const pair = (personId: string, candidateId: string) =>
      matches.find((m) => m.person_id === personId && m.candidate_person_id === candidateId);
    assert.equal(pair(current.personIds.a!, earlierVisible.personIds.a!)?.date_of_birth_match, 'near');
    assert.equal(pair(current.personIds.b!, earlierVisible.personIds.b!)?.date_of_birth_match, 'near');
    assert.equal(pair(current.personIds.mother!, earlierHidden.personIds.mother!)?.date_of_birth_match, 'near');
    // Same name, ten years apart: not a candidate.
    assert.equal(pair(current.personIds.mother!, earlierVisible.personIds.mother!), undefined);
    // Unknown date of birth: the exact name is a candidate, a different spelling is not.
    assert.equal(pair(current.personIds.father!, earlierHidden.personIds.father!)?.date_of_birth_match, 'unknown');
    assert.equal(pair(current.personIds.father!, earlierHidden.personIds.a!), undefined);
    // Nobody matches themself or the other people of their own case.
    const own = new Set(Object.values(current.personIds));
    assert.ok(matches.every((m) => !own.has(m.candidate_person_id)));
    assert.ok(matches.every((m) => m.status === 'candidate'));
    // Running again adds nothing; the person index is unchanged.
    const again = await t.database.db.transaction((tx) => runPersonMatching(tx, current.caseId, new Date()));
    assert.equal(again.length, 0);
    const afterCount = await queryRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM person`);
    assert.equal(afterCount[0]!.n, before[0]!.n);
  });

  it('lists candidates with their earlier cases, hiding cases the viewer may not see', async () => {
    const r = await s.get(`/cases/${current.caseId}/previous-proceedings`);
    assert.equal(r.statusCode, 200);
    assert.match(r.body, /Jon Smyth/);
    assert.match(r.body, /Sion Llewellyn/);
    assert.match(r.body, /Date of birth nearly the same/);
    assert.match(r.body, /Needs a decision/);
    assert.match(r.body, new RegExp(earlierVisible.reference));
    assert.match(r.body, /A case you do not have access to/);
    assert.doesNotMatch(r.body, new RegExp(earlierHidden.reference));
    assert.doesNotMatch(r.body, /HIDDEN-RATIONALE/);
    // No safeguarding history before a match is confirmed.
    assert.doesNotMatch(r.body, /Two call-outs in 2021/);
    const audit = await t.database.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.caseId, current.caseId), eq(auditEvent.resourceType, 'person-match')));
    assert.ok(audit.some((a) => a.action === 'view' && a.fieldCategories.includes('person-match')));
  });

  it('confirms a match (303, timeline, audit) and then shows the safeguarding history of the earlier case', async () => {
    const match = (await matchesOf(current.caseId)).find((m) => m.candidate_person_id === earlierVisible.personIds.a)!;
    const page = await s.get(`/cases/${current.caseId}/previous-proceedings`);
    const r = await s.post(`/cases/${current.caseId}/previous-proceedings/${match.id}`, {
      _csrf: csrfFrom(page.body),
      decision: 'confirm',
    });
    assert.equal(r.statusCode, 303);
    assert.match(String(r.headers.location), /previous-proceedings\?notice=confirmed/);
    const [row] = (await matchesOf(current.caseId)).filter((m) => m.id === match.id);
    assert.equal(row!.status, 'confirmed');
    const timeline = await queryRows<{ kind: string }>(
      t.database.db,
      sql`SELECT kind FROM timeline_event WHERE case_id = ${current.caseId} AND kind = 'previous-proceedings.match-confirmed'`,
    );
    assert.equal(timeline.length, 1);
    const audit = await t.database.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.caseId, current.caseId), eq(auditEvent.action, 'change')));
    assert.ok(audit.some((a) => a.resourceType === 'person-match' && a.fieldCategories.includes('person-match')));
    const shown = await s.get(String(r.headers.location));
    assert.match(shown.body, /The match has been confirmed/);
    assert.match(shown.body, /Safeguarding history of/);
    assert.match(shown.body, /Fast track/);
    assert.match(shown.body, /Domestic abuse/);
    assert.match(shown.body, /Police check: Concerns/);
    assert.match(shown.body, /Two call-outs in 2021/);
    assert.match(shown.body, /filed 1 February 2022/);
    assert.match(shown.body, /A section 7 report/);
    // Reading the earlier case's history is audited against that case.
    const earlierAudit = await t.database.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.caseId, earlierVisible.caseId), eq(auditEvent.action, 'view')));
    assert.ok(earlierAudit.some((a) => a.fieldCategories.includes('screening')));
    // The case timeline names the event in words.
    assert.match((await s.get(`/cases/${current.caseId}`)).body, /Previous proceedings: match confirmed/);
  });

  it('rejects a match, and a confirmed match of a hidden case still shows no details', async () => {
    const matches = await matchesOf(current.caseId);
    const hidden = matches.find((m) => m.candidate_person_id === earlierHidden.personIds.mother)!;
    const page = await s.get(`/cases/${current.caseId}/previous-proceedings`);
    let r = await s.post(`/cases/${current.caseId}/previous-proceedings/${hidden.id}`, {
      _csrf: csrfFrom(page.body),
      decision: 'confirm',
    });
    assert.equal(r.statusCode, 303);
    const shown = await s.get(`/cases/${current.caseId}/previous-proceedings`);
    assert.doesNotMatch(shown.body, /HIDDEN-RATIONALE/);
    assert.doesNotMatch(shown.body, new RegExp(earlierHidden.reference));
    const sion = matches.find((m) => m.candidate_person_id === earlierVisible.personIds.b)!;
    r = await s.post(`/cases/${current.caseId}/previous-proceedings/${sion.id}`, {
      _csrf: csrfFrom(shown.body),
      decision: 'reject',
    });
    assert.equal(r.statusCode, 303);
    assert.equal((await matchesOf(current.caseId)).find((m) => m.id === sion.id)!.status, 'rejected');
    const timeline = await queryRows<{ n: number }>(
      t.database.db,
      sql`SELECT count(*)::int AS n FROM timeline_event WHERE case_id = ${current.caseId} AND kind = 'previous-proceedings.match-rejected'`,
    );
    assert.equal(timeline[0]!.n, 1);
  });

  it('answers a post without a decision with 400 and a message, and an unknown match with 404', async () => {
    const match = (await matchesOf(current.caseId))[0]!;
    const page = await s.get(`/cases/${current.caseId}/previous-proceedings`);
    const csrf = csrfFrom(page.body);
    let r = await s.post(`/cases/${current.caseId}/previous-proceedings/${match.id}`, { _csrf: csrf });
    assert.equal(r.statusCode, 400);
    assert.match(r.body, /Select whether this is the same person/);
    r = await s.post(`/cases/${current.caseId}/previous-proceedings/${match.id}`, { _csrf: csrf, decision: 'merge' });
    assert.equal(r.statusCode, 400);
    r = await s.post(`/cases/${current.caseId}/previous-proceedings/00000000-0000-4000-8000-000000000000`, {
      _csrf: csrf,
      decision: 'confirm',
    });
    assert.equal(r.statusCode, 404);
    r = await s.post(`/cases/${current.caseId}/previous-proceedings/not-a-uuid`, { _csrf: csrf, decision: 'confirm' });
    assert.equal(r.statusCode, 404);
    // A match of another case cannot be decided through this one.
    const otherMatches = await t.database.db.transaction((tx) =>
      runPersonMatching(tx, earlierVisible.caseId, new Date()),
    );
    void otherMatches;
    const foreign = await queryRows<{ id: string }>(
      t.database.db,
      sql`SELECT id FROM person_match WHERE case_id <> ${current.caseId} LIMIT 1`,
    );
    if (foreign[0]) {
      r = await s.post(`/cases/${current.caseId}/previous-proceedings/${foreign[0].id}`, {
        _csrf: csrf,
        decision: 'confirm',
      });
      assert.equal(r.statusCode, 404);
    }
  });

  it('finds matches again on request', async () => {
    const newcomer = await seedCase(t.database, { receivedOn: '2019-01-01' });
    await rename(newcomer.personIds.a!, 'Jonathan', 'Smith', '2015-03-07');
    const page = await s.get(`/cases/${current.caseId}/previous-proceedings`);
    const r = await s.post(`/cases/${current.caseId}/previous-proceedings/find-matches`, {
      _csrf: csrfFrom(page.body),
    });
    assert.equal(r.statusCode, 303);
    assert.match(String(r.headers.location), /notice=new-candidates/);
    assert.ok((await matchesOf(current.caseId)).some((m) => m.candidate_person_id === newcomer.personIds.a));
    const again = await s.post(`/cases/${current.caseId}/previous-proceedings/find-matches`, {
      _csrf: csrfFrom(page.body),
    });
    assert.match(String(again.headers.location), /notice=no-new-candidates/);
  });

  it('refuses people outside need-to-know, and read-only roles cannot decide', async () => {
    const outsider = await createUser(t.database, 'fca', { teamId: 'test-team-c', areaId: 'eng-01' });
    const os = await signedIn(t.app, outsider.email);
    const r = await os.get(`/cases/${current.caseId}/previous-proceedings`);
    assert.ok([403, 404].includes(r.statusCode));
    assert.doesNotMatch(r.body, /Jon Smyth/);
    const auditor = await createUser(t.database, 'qa-auditor');
    const as = await signedIn(t.app, auditor.email);
    const view = await as.get(`/cases/${current.caseId}/previous-proceedings`);
    assert.equal(view.statusCode, 200);
    assert.doesNotMatch(view.body, /Confirm this is the same person/);
    const match = (await matchesOf(current.caseId))[0]!;
    const post = await as.post(`/cases/${current.caseId}/previous-proceedings/${match.id}`, {
      _csrf: csrfFrom(view.body),
      decision: 'reject',
    });
    assert.equal(post.statusCode, 403);
  });
});
