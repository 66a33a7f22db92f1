import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { allocateCase } from '../../src/modules/casework/service.ts';
import { inputValue, rows, setCaseStatus } from '../helpers/allocation.ts';
import { createUser, csrfFrom, formTokenFrom, Session, signedIn, type TestApp, testApp } from '../helpers/app.ts';
import { seedCase } from '../helpers/cases.ts';

type User = { userId: string; email: string };
type Kase = Awaited<ReturnType<typeof seedCase>>;

const AREA_6 = 'Area 6 Hampshire, Isle of Wight and Dorset';
const AREA_1 = 'Area 1 Northumbria and Cumbria';
const REASON = 'The family has moved to Carlisle and the court has sent the case there.';

describe('moving a case to another service area', () => {
  let t: TestApp;
  let manager: User;
  let managerSession: Session;
  let bothAreasManager: User;
  let bothAreasSession: Session;
  let receivingManager: User;
  let receivingSession: Session;
  let fca: User;
  let fcaSession: Session;
  let receivingFca: User;
  let analystSession: Session;

  before(async () => {
    t = await testApp();
    manager = await createUser(t.database, 'service-manager');
    managerSession = await signedIn(t.app, manager.email);
    // Home area 1, and a member of team A of area 6: manages in both.
    bothAreasManager = await createUser(t.database, 'service-manager', { areaId: 'eng-01' });
    bothAreasSession = await signedIn(t.app, bothAreasManager.email);
    receivingManager = await createUser(t.database, 'service-manager', { teamId: 'test-team-c', areaId: 'eng-01' });
    receivingSession = await signedIn(t.app, receivingManager.email);
    fca = await createUser(t.database, 'fca');
    fcaSession = await signedIn(t.app, fca.email);
    receivingFca = await createUser(t.database, 'fca', { teamId: 'test-team-c', areaId: 'eng-01' });
    analystSession = await signedIn(t.app, (await createUser(t.database, 'performance-analyst')).email);
  });
  after(() => t.close());

  /** An allocated case of area 6, team A, with the FCA as its worker. */
  const allocatedCase = () => seedCase(t.database, { status: 'allocated', allocateTo: fca.userId });

  async function openForm(s: Session, caseId: string) {
    const page = await s.get(`/cases/${caseId}/transfer`);
    assert.equal(page.statusCode, 200, page.body.slice(0, 300));
    return {
      page,
      form: {
        _csrf: csrfFrom(page.body),
        _formToken: formTokenFrom(page.body),
        version: inputValue(page.body, 'version'),
        current: inputValue(page.body, 'current'),
      },
    };
  }

  const changesOf = (caseId: string) =>
    rows<{
      id: string;
      from_area_id: string;
      from_team_id: string | null;
      to_area_id: string;
      to_team_id: string | null;
      changed_by: string;
      changed_at: Date | string;
      reason: string;
    }>(t.database, sql`SELECT * FROM case_area_change WHERE case_id = ${caseId} ORDER BY changed_at, id`);

  const caseRow = async (caseId: string) =>
    (
      await rows<{ area_id: string; team_id: string | null; version: number; status: string }>(
        t.database,
        sql`SELECT area_id, team_id, version, status FROM case_record WHERE id = ${caseId}`,
      )
    )[0]!;

  /** Nothing of a move was written: the case is where it was, with no move, event or ended allocation. */
  async function assertUnmoved(kase: Kase, version: number) {
    const c = await caseRow(kase.caseId);
    assert.equal(c.area_id, 'eng-06');
    assert.equal(c.version, version);
    assert.equal((await changesOf(kase.caseId)).length, 0);
    const events = await rows(
      t.database,
      sql`SELECT 1 FROM timeline_event WHERE case_id = ${kase.caseId} AND kind = 'case.transferred'`,
    );
    assert.equal(events.length, 0);
    const ended = await rows(
      t.database,
      sql`SELECT 1 FROM case_allocation WHERE case_id = ${kase.caseId} AND ended_at IS NOT NULL`,
    );
    assert.equal(ended.length, 0);
  }

  describe('the form', () => {
    it('shows where the case is, what will happen, the other areas by nation and their teams', async () => {
      const kase = await allocatedCase();
      const { page, form } = await openForm(managerSession, kase.caseId);
      const body = page.body;
      assert.match(body, /Move the case to another service area/);
      assert.ok(body.includes(AREA_6), 'the current area');
      assert.match(body, /Team A/);
      assert.match(body, /Test fca \d+ \(/, 'the current worker');
      assert.match(body, /The current allocation ends: Test fca/);
      assert.match(body, /allocation queue of the receiving area/);
      assert.match(body, /lose access to the case, unless/);
      assert.match(body, /stays in the performance figures of Area 6/);
      // The receiving area: every other area, labelled England or Wales; never the current one.
      const areaSelect = body.slice(
        body.indexOf('name="areaId"'),
        body.indexOf('</select>', body.indexOf('name="areaId"')),
      );
      assert.ok(areaSelect.includes(`value="eng-01">${AREA_1} (England)`), areaSelect.slice(0, 400));
      assert.match(areaSelect, /value="wal-south">South Wales \(Wales\)/);
      assert.ok(!areaSelect.includes('value="eng-06"'));
      assert.ok(areaSelect.indexOf('eng-17') < areaSelect.indexOf('wal-south'), 'England, then Wales');
      const teamSelect = body.slice(
        body.indexOf('name="teamId"'),
        body.indexOf('</select>', body.indexOf('name="teamId"')),
      );
      assert.ok(teamSelect.includes(`value="test-team-c">Team C (${AREA_1})`));
      assert.ok(!teamSelect.includes('test-team-a'), 'not the teams of the current area');
      assert.match(body, /name="reason"/);
      assert.equal(form.version, '1');
      const allocationId = (
        await rows<{ id: string }>(t.database, sql`SELECT id FROM case_allocation WHERE case_id = ${kase.caseId}`)
      )[0]!.id;
      assert.equal(form.current, allocationId);
    });

    it('says the front-door work carries on for a case before its first hearing, and speaks Welsh', async () => {
      const kase = await seedCase(t.database, { teamId: null });
      const { page, form } = await openForm(managerSession, kase.caseId);
      assert.equal(form.current, 'none');
      assert.match(page.body, /The work before the first hearing carries on in the receiving area/);
      assert.doesNotMatch(page.body, /The current allocation ends/);
      const cy = await managerSession.get(`/language/cy?returnTo=/cases/${kase.caseId}/transfer`);
      assert.ok([302, 303].includes(cy.statusCode));
      const welsh = await managerSession.get(`/cases/${kase.caseId}/transfer`);
      assert.match(welsh.body, /Symud yr achos i ardal wasanaeth arall/);
      assert.match(welsh.body, /De Cymru \(Cymru\)/);
      assert.match(welsh.body, /Ardal 1 Northumbria a Chumbria \(Lloegr\)/);
      await managerSession.get('/language/en?returnTo=/caseload');
    });

    it('is linked from the overview only for those the policy allows, and not for a closed case', async () => {
      const kase = await allocatedCase();
      const link = `href="/cases/${kase.caseId}/transfer"`;
      const overview = await managerSession.get(`/cases/${kase.caseId}`);
      assert.equal(overview.statusCode, 200);
      assert.ok(overview.body.includes(link));
      assert.match(overview.body, /Move to another area/);
      const asFca = await fcaSession.get(`/cases/${kase.caseId}`);
      assert.equal(asFca.statusCode, 200);
      assert.ok(!asFca.body.includes(link), 'the FCA sees the case but cannot move it');
      const asAnalyst = await analystSession.get(`/cases/${kase.caseId}`);
      assert.equal(asAnalyst.statusCode, 200);
      assert.ok(!asAnalyst.body.includes(link));
      await setCaseStatus(t.database, kase.caseId, 'closed');
      assert.ok(!(await managerSession.get(`/cases/${kase.caseId}`)).body.includes(link));
    });
  });

  describe('moving', () => {
    it('moves the case, its team, the move, the ended allocation, the timeline and the audit together', async () => {
      const kase = await allocatedCase();
      const { form } = await openForm(managerSession, kase.caseId);
      const r = await managerSession.post(`/cases/${kase.caseId}/transfer`, {
        ...form,
        areaId: 'eng-01',
        teamId: 'test-team-c',
        reason: `  ${REASON}  `,
      });
      assert.equal(r.statusCode, 303, r.body.slice(0, 500));
      const changes = await changesOf(kase.caseId);
      assert.equal(changes.length, 1);
      const change = changes[0]!;
      assert.equal(r.headers.location, `/caseload?transferred=${change.id}`, 'the manager no longer sees the case');
      assert.deepEqual(
        [change.from_area_id, change.from_team_id, change.to_area_id, change.to_team_id, change.changed_by],
        ['eng-06', 'test-team-a', 'eng-01', 'test-team-c', manager.userId],
      );
      assert.equal(change.reason, REASON);
      const now = t.clock.now().toISOString();
      assert.equal(new Date(change.changed_at).toISOString(), now);

      const c = await caseRow(kase.caseId);
      assert.deepEqual([c.area_id, c.team_id, c.version, c.status], ['eng-01', 'test-team-c', 2, 'allocated']);

      const allocations = await rows<{ ended_at: Date | null; ended_by: string | null; end_reason: string | null }>(
        t.database,
        sql`SELECT ended_at, ended_by, end_reason FROM case_allocation WHERE case_id = ${kase.caseId}`,
      );
      assert.equal(allocations.length, 1);
      assert.equal(new Date(allocations[0]!.ended_at!).toISOString(), now);
      assert.equal(allocations[0]!.ended_by, manager.userId);
      assert.equal(allocations[0]!.end_reason, REASON);

      const events = await rows<{ details: Record<string, unknown>; body: string; actor_user_id: string }>(
        t.database,
        sql`SELECT details, body, actor_user_id FROM timeline_event WHERE case_id = ${kase.caseId} AND kind = 'case.transferred'`,
      );
      assert.equal(events.length, 1);
      assert.equal(events[0]!.details.fromAreaId, 'eng-06');
      assert.equal(events[0]!.details.toAreaId, 'eng-01');
      assert.equal(events[0]!.details.toTeamId, 'test-team-c');
      assert.equal(events[0]!.details.reason, REASON);
      assert.equal(events[0]!.body, REASON);
      assert.equal(events[0]!.actor_user_id, manager.userId);

      const audit = await rows<{ resource_type: string; resource_ids: string[]; actor_user_id: string }>(
        t.database,
        sql`SELECT resource_type, resource_ids, actor_user_id FROM audit_event
            WHERE case_id = ${kase.caseId} AND action = 'change' ORDER BY seq`,
      );
      assert.deepEqual(
        audit.map((a) => a.resource_type),
        ['case', 'case-allocation'],
      );
      assert.ok(audit[0]!.resource_ids.includes(change.id));
      assert.ok(audit.every((a) => a.actor_user_id === manager.userId));

      // Where the manager lands: their caseload, told which case went where.
      const landed = await managerSession.get(r.headers.location as string);
      assert.equal(landed.statusCode, 200);
      assert.ok(landed.body.includes(`Case ${kase.reference} has been moved to another service area (${AREA_1})`));
      assert.match(landed.body, /govuk-notification-banner--success/);
      // Another person following the same link is told nothing.
      const other = await fcaSession.get(r.headers.location as string);
      assert.equal(other.statusCode, 200);
      assert.ok(!other.body.includes(kase.reference));
      assert.doesNotMatch(other.body, /has been moved/);
      // The sending manager and worker lose the case; the receiving area has it.
      assert.equal((await managerSession.get(`/cases/${kase.caseId}`)).statusCode, 403);
      assert.equal((await fcaSession.get(`/cases/${kase.caseId}`)).statusCode, 403);
      const overview = await receivingSession.get(`/cases/${kase.caseId}`);
      assert.equal(overview.statusCode, 200);
      assert.match(overview.body, /Case moved to another service area/);
      assert.ok(overview.body.includes(REASON));
      assert.ok(overview.body.includes(AREA_1));
    });

    it('puts a moved allocated case in the receiving area’s allocation queue, where it is allocated again', async () => {
      const kase = await allocatedCase();
      const { form } = await openForm(managerSession, kase.caseId);
      const moved = await managerSession.post(`/cases/${kase.caseId}/transfer`, {
        ...form,
        areaId: 'eng-01',
        teamId: '',
        reason: REASON,
      });
      assert.equal(moved.statusCode, 303);
      assert.equal((await caseRow(kase.caseId)).team_id, null, 'no team chosen: none');
      const queue = await receivingSession.get('/allocation');
      assert.ok(queue.body.includes(kase.reference), 'waiting for allocation in the receiving area');
      assert.ok(!(await managerSession.get('/allocation')).body.includes(kase.reference));

      const page = await receivingSession.get(`/cases/${kase.caseId}/allocation/allocate`);
      assert.equal(page.statusCode, 200);
      const r = await receivingSession.post(`/cases/${kase.caseId}/allocation/allocate`, {
        _csrf: csrfFrom(page.body),
        _formToken: formTokenFrom(page.body),
        current: inputValue(page.body, 'current'),
        practitionerId: receivingFca.userId,
        reason: '',
      });
      assert.equal(r.statusCode, 303);
      assert.ok(
        !(await receivingSession.get('/allocation')).body.includes(kase.reference),
        'allocated: out of the queue',
      );
      assert.equal((await caseRow(kase.caseId)).team_id, 'test-team-c', 'the worker’s team');
    });

    it('brings a manager who still sees the case back to it, with a banner; a repeat post changes nothing', async () => {
      const kase = await allocatedCase();
      const { form } = await openForm(bothAreasSession, kase.caseId);
      const post = { ...form, areaId: 'eng-01', teamId: 'test-team-c', reason: 'x'.repeat(2000) };
      const r = await bothAreasSession.post(`/cases/${kase.caseId}/transfer`, post);
      assert.equal(r.statusCode, 303, r.body.slice(0, 500));
      assert.equal(r.headers.location, `/cases/${kase.caseId}?notice=case-transferred`);
      const again = await bothAreasSession.post(`/cases/${kase.caseId}/transfer`, post);
      assert.equal(again.statusCode, 303);
      assert.equal(again.headers.location, r.headers.location, 'the double submit goes where the first went');
      assert.equal((await changesOf(kase.caseId)).length, 1);
      assert.equal((await caseRow(kase.caseId)).version, 2);
      const shown = await bothAreasSession.get(r.headers.location as string);
      assert.match(shown.body, /The case has been moved to another service area/);
    });

    it('makes a double click by a manager who loses the case one move', async () => {
      const kase = await allocatedCase();
      const { form } = await openForm(managerSession, kase.caseId);
      const post = { ...form, areaId: 'wal-south', teamId: '', reason: REASON };
      const [a, b] = await Promise.all([
        managerSession.post(`/cases/${kase.caseId}/transfer`, post),
        managerSession.post(`/cases/${kase.caseId}/transfer`, post),
      ]);
      assert.equal((await changesOf(kase.caseId)).length, 1);
      const [change] = await changesOf(kase.caseId);
      for (const response of [a, b]) {
        // The second post either finds the token used (and goes where the first went) or,
        // when it is authorised after the first committed, is refused: never a second move.
        if (response.statusCode === 303) assert.equal(response.headers.location, `/caseload?transferred=${change!.id}`);
        else assert.equal(response.statusCode, 403);
      }
      assert.equal(a.statusCode, 303);
      const later = await managerSession.post(`/cases/${kase.caseId}/transfer`, post);
      assert.equal(later.statusCode, 403, 'after the move the case is no longer theirs to move');
      assert.equal((await changesOf(kase.caseId)).length, 1);
      const events = await rows(
        t.database,
        sql`SELECT 1 FROM timeline_event WHERE case_id = ${kase.caseId} AND kind = 'case.transferred'`,
      );
      assert.equal(events.length, 1);
    });
  });

  describe('refusals', () => {
    it('explains each problem in an error summary, in English and Welsh, and moves nothing', async () => {
      const kase = await allocatedCase();
      const { form } = await openForm(managerSession, kase.caseId);
      const post = (fields: Record<string, string>) =>
        managerSession.post(`/cases/${kase.caseId}/transfer`, {
          ...form,
          areaId: 'eng-01',
          teamId: '',
          reason: REASON,
          ...fields,
        });
      const cases: [Record<string, string>, RegExp, string][] = [
        [{ areaId: '' }, /Select the service area the case is moving to/, 'areaId'],
        [{ areaId: 'eng-99' }, /Select the service area the case is moving to/, 'areaId'],
        [{ areaId: 'eng-06' }, /The case is already in this service area \(Area 6 Hampshire/, 'areaId'],
        [{ teamId: 'test-team-b' }, /Select a team of the service area the case is moving to, or no team/, 'teamId'],
        [{ reason: '   ' }, /Enter why the case is moving to another area/, 'reason'],
        [{ reason: 'x'.repeat(2001) }, /The reason must be 2,000 characters or fewer/, 'reason'],
        [{ _formToken: 'not-a-token' }, /This form has expired/, 'areaId'],
      ];
      for (const [fields, message, field] of cases) {
        const r = await post(fields);
        assert.equal(r.statusCode, 400, `${JSON.stringify(fields).slice(0, 80)} → ${r.statusCode}`);
        assert.match(r.body, /govuk-error-summary/);
        assert.match(r.body, message);
        assert.ok(r.body.includes(`href="#${field}"`), `the summary links to ${field}`);
        assert.ok(r.body.includes(`id="${field}-error"`), `the message is by ${field}`);
      }
      // Two problems at once: both, in the order of the page.
      const both = await post({ teamId: 'test-team-b', reason: '' });
      assert.equal(both.statusCode, 400);
      assert.ok(both.body.indexOf('href="#teamId"') < both.body.indexOf('href="#reason"'));
      assert.ok(both.body.indexOf('href="#teamId"') > 0);
      // What was typed is kept.
      const kept = await post({ areaId: '', reason: 'Moved house' });
      assert.match(kept.body, /Moved house<\/textarea>/);
      assert.match(kept.body, /value="eng-01"(?! selected)/);

      await managerSession.get(`/language/cy?returnTo=/cases/${kase.caseId}/transfer`);
      const welsh = await post({ areaId: '', reason: '' });
      assert.equal(welsh.statusCode, 400);
      assert.match(welsh.body, /Dewiswch yr ardal wasanaeth y mae’r achos yn symud iddi/);
      assert.match(welsh.body, /Rhowch y rheswm pam mae’r achos yn symud i ardal arall/);
      const welshSame = await post({ areaId: 'eng-06' });
      assert.match(welshSame.body, /Mae’r achos eisoes yn yr ardal wasanaeth hon \(Ardal 6 Hampshire/);
      await managerSession.get('/language/en?returnTo=/caseload');

      await assertUnmoved(kase, 1);
    });

    it('refuses a post without the CSRF token', async () => {
      const kase = await allocatedCase();
      const { form } = await openForm(managerSession, kase.caseId);
      const { _csrf: _, ...withoutCsrf } = form;
      const r = await managerSession.post(`/cases/${kase.caseId}/transfer`, {
        ...withoutCsrf,
        areaId: 'eng-01',
        reason: REASON,
      });
      assert.equal(r.statusCode, 403);
      await assertUnmoved(kase, 1);
    });

    it('refuses a stale form (the case changed, or was allocated, since it was shown) with 409', async () => {
      const kase = await allocatedCase();
      const first = await openForm(managerSession, kase.caseId);
      // Someone changes the case's details in between.
      const details = await managerSession.get(`/cases/${kase.caseId}/details`);
      const saved = await managerSession.post(`/cases/${kase.caseId}/details`, {
        _csrf: csrfFrom(details.body),
        version: inputValue(details.body, 'version'),
        language: 'cy',
        courtId: '',
        'firstHearing-day': '',
        'firstHearing-month': '',
        'firstHearing-year': '',
      });
      assert.equal(saved.statusCode, 303);
      const stale = await managerSession.post(`/cases/${kase.caseId}/transfer`, {
        ...first.form,
        areaId: 'eng-01',
        teamId: 'test-team-c',
        reason: REASON,
      });
      assert.equal(stale.statusCode, 409);
      assert.match(stale.body, /Someone else changed this case while you were moving it\. The case has not been moved/);
      assert.equal(inputValue(stale.body, 'version'), '2', 'the form now carries the current version');
      assert.ok(stale.body.includes(REASON), 'what was typed is kept');
      await assertUnmoved(kase, 2);

      // Someone allocates a safeguarding enquiry officer too in between (allocating does not change the version).
      const second = await openForm(managerSession, kase.caseId);
      const seo = await createUser(t.database, 'seo');
      await t.database.db.transaction((tx) =>
        allocateCase(tx, {
          caseId: kase.caseId,
          userId: seo.userId,
          role: 'seo',
          now: t.clock.now(),
          actorUserId: manager.userId,
        }),
      );
      const staleAllocation = await managerSession.post(`/cases/${kase.caseId}/transfer`, {
        ...second.form,
        areaId: 'eng-01',
        teamId: '',
        reason: REASON,
      });
      assert.equal(staleAllocation.statusCode, 409);
      await assertUnmoved(kase, 2);
    });

    it('refuses to move a closed case, clearly, on the page and on a post', async () => {
      const kase = await allocatedCase();
      const { form } = await openForm(managerSession, kase.caseId);
      await setCaseStatus(t.database, kase.caseId, 'closed');
      const page = await managerSession.get(`/cases/${kase.caseId}/transfer`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /This case is closed\. It cannot be moved or changed unless it is reopened\./);
      assert.doesNotMatch(page.body, /name="areaId"/, 'no form to fill in');
      const r = await managerSession.post(`/cases/${kase.caseId}/transfer`, {
        ...form,
        areaId: 'eng-01',
        teamId: '',
        reason: REASON,
      });
      assert.equal(r.statusCode, 409);
      assert.match(r.body, /This case is closed/);
      await assertUnmoved(kase, 1);
    });

    it('is for a manager of the case’s area only: 403 for an FCA, another area’s manager and an analyst', async () => {
      const kase = await allocatedCase();
      const { form } = await openForm(managerSession, kase.caseId);
      const post = { ...form, areaId: 'eng-01', teamId: '', reason: REASON };
      for (const [who, s] of [
        ['fca', fcaSession],
        ['other area manager', receivingSession],
        ['analyst', analystSession],
      ] as const) {
        const page = await s.get(`/cases/${kase.caseId}/transfer`);
        assert.equal(page.statusCode, 403, `${who} GET`);
        assert.ok(!page.body.includes(kase.reference), `${who}: the refusal says nothing of the case`);
        const caseload = await s.get('/caseload');
        const r = await s.post(`/cases/${kase.caseId}/transfer`, { ...post, _csrf: csrfFrom(caseload.body) });
        assert.equal(r.statusCode, 403, `${who} POST`);
      }
      await assertUnmoved(kase, 1);
      const denied = await rows(
        t.database,
        sql`SELECT 1 FROM audit_event WHERE case_id = ${kase.caseId} AND action = 'denied' AND reason = 'case:transfer'`,
      );
      assert.equal(denied.length, 6, 'every refusal is audited');
    });

    it('answers 404 for a case that does not exist', async () => {
      assert.equal((await managerSession.get('/cases/00000000-0000-4000-8000-000000000000/transfer')).statusCode, 404);
      assert.equal((await managerSession.get('/cases/not-a-case/transfer')).statusCode, 404);
      const caseload = await managerSession.get('/caseload');
      const r = await managerSession.post('/cases/00000000-0000-4000-8000-000000000000/transfer', {
        _csrf: csrfFrom(caseload.body),
      });
      assert.equal(r.statusCode, 404);
    });

    it('sends a signed-out visitor to sign in', async () => {
      const kase = await allocatedCase();
      const visitor = new Session(t.app);
      const page = await visitor.get(`/cases/${kase.caseId}/transfer`);
      assert.equal(page.statusCode, 302);
      assert.equal(page.headers.location, `/sign-in?returnTo=${encodeURIComponent(`/cases/${kase.caseId}/transfer`)}`);
      const post = await visitor.post(`/cases/${kase.caseId}/transfer`, { areaId: 'eng-01', reason: REASON });
      assert.equal(post.statusCode, 401);
      assert.ok(!post.body.includes(kase.reference));
      await assertUnmoved(kase, 1);
    });
  });
});
