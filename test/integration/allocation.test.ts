import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { listPractitionerLoads, loadWeightTable } from '../../src/modules/allocation/queries.ts';
import { caseWeight, DEFAULT_WORKLOAD_WEIGHTS, weightedCaseload } from '../../src/modules/allocation/workload.ts';
import { allocateCase } from '../../src/modules/casework/service.ts';
import { inputValue, markReady, rows, setCaseLanguage, setCaseStatus, setWelshSpeaker } from '../helpers/allocation.ts';
import { createUser, csrfFrom, formTokenFrom, type Session, signedIn, type TestApp, testApp } from '../helpers/app.ts';
import { seedCase } from '../helpers/cases.ts';

type User = { userId: string; email: string };

describe('allocation', () => {
  let t: TestApp;
  let manager: User;
  let managerSession: Session;
  let otherManager: User;
  let otherManagerSession: Session;
  let fca1: User;
  let fca2: User;
  let associate: User;
  let otherAreaFca: User;
  let fcaSession: Session;

  before(async () => {
    t = await testApp();
    manager = await createUser(t.database, 'service-manager');
    managerSession = await signedIn(t.app, manager.email);
    otherManager = await createUser(t.database, 'service-manager', { teamId: 'test-team-c', areaId: 'eng-01' });
    otherManagerSession = await signedIn(t.app, otherManager.email);
    fca1 = await createUser(t.database, 'fca');
    fca2 = await createUser(t.database, 'fca', { teamId: 'test-team-b' });
    associate = await createUser(t.database, 'associate', { teamId: null });
    otherAreaFca = await createUser(t.database, 'fca', { teamId: 'test-team-c', areaId: 'eng-01' });
    await setWelshSpeaker(t.database, fca2.userId);
    fcaSession = await signedIn(t.app, fca1.email);
  });
  after(() => t.close());

  const awaiting = async (options: Parameters<typeof seedCase>[1] = {}) =>
    seedCase(t.database, { status: 'awaiting-allocation', ...options });

  async function allocateForm(s: Session, caseId: string) {
    const page = await s.get(`/cases/${caseId}/allocation/allocate`);
    assert.equal(page.statusCode, 200, page.body.slice(0, 300));
    return {
      page,
      form: {
        _csrf: csrfFrom(page.body),
        _formToken: formTokenFrom(page.body),
        current: inputValue(page.body, 'current'),
      },
    };
  }

  it('seeds the default workload weights', async () => {
    const table = await loadWeightTable(t.database.db);
    for (const [key, stages] of Object.entries(DEFAULT_WORKLOAD_WEIGHTS)) {
      assert.deepEqual(table.get(key as `${string}/${string}`), stages, key);
    }
    assert.equal(table.size, Object.keys(DEFAULT_WORKLOAD_WEIGHTS).length);
  });

  describe('the unallocated-work queue', () => {
    it('lists the cases of the manager’s areas by month-end deadline then age, tagging the overdue', async () => {
      const march = await awaiting();
      await markReady(t.database, march.caseId, '2026-03-02T08:30:00Z');
      const february = await awaiting();
      await markReady(t.database, february.caseId, '2026-02-26T16:00:00Z');
      const reopened = await awaiting();
      await markReady(t.database, reopened.caseId, '2026-02-10T10:00:00Z');
      await markReady(t.database, reopened.caseId, '2026-03-01T23:30:00Z', 'state.reopened');
      const elsewhere = await awaiting({ areaId: 'eng-01', teamId: 'test-team-c' });
      const restricted = await awaiting({ restricted: true });
      const frontDoor = await seedCase(t.database, {});

      const page = await managerSession.get('/allocation');
      assert.equal(page.statusCode, 200);
      const body = page.body;
      for (const hidden of [elsewhere, restricted, frontDoor]) assert.ok(!body.includes(hidden.reference));
      const at = (r: string) => body.indexOf(r);
      assert.ok(at(february.reference) > 0 && at(march.reference) > 0 && at(reopened.reference) > 0);
      // February's case (deadline 27 February) first; then March's, oldest first: reopened on
      // 1 March (23:30 UTC is still 1 March in London in winter) before ready on 2 March.
      assert.ok(at(february.reference) < at(reopened.reference));
      assert.ok(at(reopened.reference) < at(march.reference));
      const februaryRow = body.slice(at(february.reference), body.indexOf('</tr>', at(february.reference)));
      assert.match(februaryRow, /Overdue/);
      assert.match(februaryRow, /27 Feb 2026/);
      assert.match(februaryRow, /2 working days/);
      const marchRow = body.slice(at(march.reference), body.indexOf('</tr>', at(march.reference)));
      assert.doesNotMatch(marchRow, /Overdue/);
      assert.match(marchRow, /31 Mar 2026/);
      assert.match(marchRow, /0 working days/);

      // Welsh.
      const cy = await managerSession.get('/language/cy?returnTo=/allocation');
      assert.ok([302, 303].includes(cy.statusCode));
      const welsh = await managerSession.get('/allocation');
      assert.match(welsh.body, /Gwaith heb ei ddyrannu/);
      assert.match(welsh.body, /Yn hwyr/);
      await managerSession.get('/language/en?returnTo=/allocation');
    });

    it('is for managers only, and shows another area’s manager only their own cases', async () => {
      assert.equal((await fcaSession.get('/allocation')).statusCode, 403);
      const kase = await awaiting();
      const other = await otherManagerSession.get('/allocation');
      assert.equal(other.statusCode, 200);
      assert.ok(!other.body.includes(kase.reference));
    });
  });

  describe('allocating', () => {
    it('allocates a waiting case: the row, the team, the state, the timeline and the audit, once', async () => {
      const kase = await awaiting({ teamId: null });
      const { page, form } = await allocateForm(managerSession, kase.caseId);
      assert.equal(form.current, 'none');
      assert.match(page.body, /Test fca/);
      assert.ok(page.body.includes(associate.userId));
      assert.ok(!page.body.includes(otherAreaFca.userId), 'only practitioners of the case’s area');
      // Current and resulting caseload: two children, a C100 case waiting → 1.25 points.
      assert.match(page.body, /With this case \(\+1\.25\)/);

      const post = { ...form, practitionerId: fca2.userId, reason: 'Continuity with the family’s earlier case.' };
      const r = await managerSession.post(`/cases/${kase.caseId}/allocation/allocate`, post);
      assert.equal(r.statusCode, 303);
      assert.equal(r.headers.location, `/cases/${kase.caseId}/allocation?saved=allocated`);
      const again = await managerSession.post(`/cases/${kase.caseId}/allocation/allocate`, post);
      assert.equal(again.statusCode, 303, 'a double submit goes to the same place');

      const allocations = await rows<{ user_id: string; allocated_by: string; reason: string; ended_at: null }>(
        t.database,
        sql`SELECT user_id, allocated_by, reason, ended_at FROM case_allocation WHERE case_id = ${kase.caseId}`,
      );
      assert.equal(allocations.length, 1);
      assert.equal(allocations[0]!.user_id, fca2.userId);
      assert.equal(allocations[0]!.allocated_by, manager.userId);
      assert.equal(allocations[0]!.reason, 'Continuity with the family’s earlier case.');
      const [c] = await rows<{ status: string; team_id: string }>(
        t.database,
        sql`SELECT status, team_id FROM case_record WHERE id = ${kase.caseId}`,
      );
      assert.equal(c!.status, 'allocated');
      assert.equal(c!.team_id, 'test-team-b');
      const kinds = (
        await rows<{ kind: string }>(
          t.database,
          sql`SELECT kind FROM timeline_event WHERE case_id = ${kase.caseId} ORDER BY id`,
        )
      ).map((k) => k.kind);
      assert.deepEqual(
        kinds.filter((k) => k.startsWith('allocation.') || k === 'state.allocated' || k === 'allocated'),
        ['allocation.allocated', 'state.allocated'],
      );
      const audit = await rows<{ action: string }>(
        t.database,
        sql`SELECT action FROM audit_event WHERE case_id = ${kase.caseId} AND resource_type = 'case-allocation'
            AND action = 'create'`,
      );
      assert.equal(audit.length, 1);

      // The case now belongs to the practitioner's team: they see it, the other team does not.
      const view = await (await signedIn(t.app, fca2.email)).get(`/cases/${kase.caseId}/allocation`);
      assert.equal(view.statusCode, 200);
      assert.equal((await fcaSession.get(`/cases/${kase.caseId}/allocation`)).statusCode, 403);
      const shown = await managerSession.get(`/cases/${kase.caseId}/allocation?saved=allocated`);
      assert.match(shown.body, /The case has been allocated/);
      assert.match(shown.body, /Continuity with the family’s earlier case\./);
      assert.match(shown.body, /Reallocate the case/);
    });

    it('needs a reason to reallocate, and keeps the old allocation with who ended it and why', async () => {
      const kase = await awaiting();
      let { form } = await allocateForm(managerSession, kase.caseId);
      await managerSession.post(`/cases/${kase.caseId}/allocation/allocate`, { ...form, practitionerId: fca1.userId });
      t.clock.advance(60);
      ({ form } = await allocateForm(managerSession, kase.caseId));
      assert.notEqual(form.current, 'none');
      const noReason = await managerSession.post(`/cases/${kase.caseId}/allocation/allocate`, {
        ...form,
        practitionerId: associate.userId,
        reason: '  ',
      });
      assert.equal(noReason.statusCode, 400);
      assert.match(noReason.body, /Enter why the case is being reallocated/);
      const same = await managerSession.post(`/cases/${kase.caseId}/allocation/allocate`, {
        ...form,
        practitionerId: fca1.userId,
        reason: 'Again',
      });
      assert.equal(same.statusCode, 400);
      assert.match(same.body, /already allocated to this practitioner/);

      const r = await managerSession.post(`/cases/${kase.caseId}/allocation/allocate`, {
        ...form,
        practitionerId: associate.userId,
        reason: 'The adviser is on long-term leave.',
      });
      assert.equal(r.statusCode, 303);
      const history = await rows<{ user_id: string; role: string; ended_by: string | null; end_reason: string | null }>(
        t.database,
        sql`SELECT user_id, allocation_role AS role, ended_by, end_reason FROM case_allocation
            WHERE case_id = ${kase.caseId} ORDER BY allocated_at, id`,
      );
      assert.equal(history.length, 2);
      assert.equal(history[0]!.user_id, fca1.userId);
      assert.equal(history[0]!.ended_by, manager.userId);
      assert.equal(history[0]!.end_reason, 'The adviser is on long-term leave.');
      assert.equal(history[1]!.user_id, associate.userId);
      assert.equal(history[1]!.role, 'associate');
      assert.equal(history[1]!.ended_by, null);
      const [state] = await rows<{ status: string }>(
        t.database,
        sql`SELECT status FROM case_record WHERE id = ${kase.caseId}`,
      );
      assert.equal(state!.status, 'allocated');
      const reallocated = await rows(
        t.database,
        sql`SELECT 1 FROM timeline_event WHERE case_id = ${kase.caseId} AND kind = 'allocation.reallocated'`,
      );
      assert.equal(reallocated.length, 1);
      const page = await managerSession.get(`/cases/${kase.caseId}/allocation`);
      assert.match(page.body, /Allocation history/);
      assert.match(page.body, /The adviser is on long-term leave\./);
      assert.ok(page.body.includes('Test fca'));
    });

    it('refuses a stale form: someone else allocated in between', async () => {
      const kase = await awaiting();
      const first = await allocateForm(managerSession, kase.caseId);
      const second = await allocateForm(managerSession, kase.caseId);
      await managerSession.post(`/cases/${kase.caseId}/allocation/allocate`, {
        ...first.form,
        practitionerId: fca1.userId,
      });
      const stale = await managerSession.post(`/cases/${kase.caseId}/allocation/allocate`, {
        ...second.form,
        practitionerId: fca2.userId,
      });
      assert.equal(stale.statusCode, 409);
      assert.match(stale.body, /Someone else allocated this case while you were choosing/);
      const current = await rows(
        t.database,
        sql`SELECT 1 FROM case_allocation WHERE case_id = ${kase.caseId} AND ended_at IS NULL`,
      );
      assert.equal(current.length, 1);
    });

    it('shows Welsh speakers first for a case in Welsh', async () => {
      const kase = await awaiting();
      await setCaseLanguage(t.database, kase.caseId, 'cy');
      const { page } = await allocateForm(managerSession, kase.caseId);
      assert.match(page.body, /practitioners who speak Welsh are shown first/);
      const welshAt = page.body.indexOf(`value="${fca2.userId}"`);
      const otherAt = page.body.indexOf(`value="${fca1.userId}"`);
      assert.ok(welshAt > 0 && otherAt > 0 && welshAt < otherAt);
    });

    it('refuses invalid choices, closed cases and cases at the front door', async () => {
      const kase = await awaiting();
      const { form } = await allocateForm(managerSession, kase.caseId);
      const empty = await managerSession.post(`/cases/${kase.caseId}/allocation/allocate`, { _csrf: form._csrf });
      assert.equal(empty.statusCode, 400);
      assert.match(empty.body, /Select who the case should be allocated to/);
      const outside = await managerSession.post(`/cases/${kase.caseId}/allocation/allocate`, {
        ...form,
        practitionerId: otherAreaFca.userId,
      });
      assert.equal(outside.statusCode, 400);
      assert.match(outside.body, /could not find that practitioner in the case’s area/);

      const frontDoor = await seedCase(t.database, {});
      const fd = await allocateForm(managerSession, frontDoor.caseId);
      assert.match(fd.page.body, /still in the work before the first hearing/);
      const refused = await managerSession.post(`/cases/${frontDoor.caseId}/allocation/allocate`, {
        ...fd.form,
        practitionerId: fca1.userId,
      });
      assert.equal(refused.statusCode, 409);
      assert.match(refused.body, /This case cannot be allocated now/);

      const closed = await awaiting();
      await setCaseStatus(t.database, closed.caseId, 'closed');
      const cl = await allocateForm(managerSession, closed.caseId);
      const refusedClosed = await managerSession.post(`/cases/${closed.caseId}/allocation/allocate`, {
        ...cl.form,
        practitionerId: fca1.userId,
      });
      assert.equal(refusedClosed.statusCode, 409);
      const none = await rows(
        t.database,
        sql`SELECT 1 FROM case_allocation WHERE case_id IN (${frontDoor.caseId}, ${closed.caseId})`,
      );
      assert.equal(none.length, 0);
    });

    it('forbids an FCA and a manager of another area', async () => {
      const kase = await awaiting();
      assert.equal((await fcaSession.get(`/cases/${kase.caseId}/allocation/allocate`)).statusCode, 403);
      const token = csrfFrom((await fcaSession.get('/caseload')).body);
      const post = await fcaSession.post(`/cases/${kase.caseId}/allocation/allocate`, {
        _csrf: token,
        practitionerId: fca1.userId,
      });
      assert.equal(post.statusCode, 403);
      const other = await otherManagerSession.get(`/cases/${kase.caseId}/allocation/allocate`);
      assert.ok([403, 404].includes(other.statusCode));
      assert.ok(!other.body.includes(kase.reference));
      const otherView = await otherManagerSession.get(`/cases/${kase.caseId}/allocation`);
      assert.ok([403, 404].includes(otherView.statusCode));
    });
  });

  describe('weighted caseloads and capacity', () => {
    it('weighs caseloads in SQL as the rules do, per practitioner, team and area', async () => {
      const fca = await createUser(t.database, 'fca', { teamId: 'test-team-b' });
      const cases = [
        await seedCase(t.database, { status: 'allocated' }),
        await seedCase(t.database, { status: 'report-filed' }),
        await seedCase(t.database, { status: 'closing' }),
      ];
      const closed = await seedCase(t.database, { status: 'closed' });
      await t.database.db.transaction(async (tx) => {
        for (const c of [...cases, closed]) {
          await allocateCase(tx, {
            caseId: c.caseId,
            userId: fca.userId,
            role: 'fca',
            now: t.clock.now(),
            actorUserId: null,
          });
        }
      });
      await setCaseStatus(t.database, closed.caseId, 'closed');
      const weights = await loadWeightTable(t.database.db);
      const expected = weightedCaseload(weights, [
        { law: 'private', applicationType: 'c100', status: 'allocated', children: 2 },
        { law: 'private', applicationType: 'c100', status: 'report-filed', children: 2 },
        { law: 'private', applicationType: 'c100', status: 'closing', children: 2 },
      ]);
      assert.equal(expected, 2.19);
      assert.equal(
        caseWeight(weights, { law: 'private', applicationType: 'c100', status: 'closing', children: 2 }),
        0.31,
      );
      const loads = await listPractitionerLoads(t.database.db, {
        areaIds: ['eng-06'],
        sort: 'points',
        order: 'desc',
        page: 1,
      });
      const mine = loads.rows.find((r) => r.userId === fca.userId)!;
      assert.equal(mine.cases, 3);
      assert.equal(mine.points, expected);
      assert.equal(mine.capacity, 22);

      const page = await managerSession.get('/allocation/workload?sort=points&order=desc');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /By area/);
      assert.match(page.body, /By team/);
      assert.match(page.body, /Team B/);
      assert.ok(page.body.includes(`/allocation/workload/${fca.userId}`));
      assert.match(page.body, /aria-sort="descending"><a class="govuk-link" href="[^"]*sort=points&amp;order=asc/);
      assert.ok(!page.body.includes(otherAreaFca.userId));
      const byName = await managerSession.get('/allocation/workload?sort=name&order=asc');
      assert.equal(byName.statusCode, 200);
      const junk = await managerSession.get('/allocation/workload?sort=drop&order=sideways&page=-3');
      assert.equal(junk.statusCode, 200);
      assert.equal((await fcaSession.get('/allocation/workload')).statusCode, 403);
    });

    it('lets a manager set an associate’s contracted capacity, with validation and stale edits refused', async () => {
      const url = `/allocation/workload/${associate.userId}`;
      const page = await managerSession.get(url);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Contracted capacity/);
      const form = {
        _csrf: csrfFrom(page.body),
        _formToken: formTokenFrom(page.body),
        version: inputValue(page.body, 'version'),
      };
      assert.equal(form.version, '0');
      const bad = await managerSession.post(url, { ...form, capacity: 'lots' });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /Enter the capacity as a number of points/);
      const big = await managerSession.post(url, { ...form, capacity: '150' });
      assert.equal(big.statusCode, 400);
      assert.match(big.body, /100 points or fewer/);
      const ok = await managerSession.post(url, { ...form, capacity: '16.5' });
      assert.equal(ok.statusCode, 303);
      assert.equal(ok.headers.location, '/allocation/workload?saved=capacity');
      const [row] = await rows<{ points: string; version: number }>(
        t.database,
        sql`SELECT points::text, version FROM practitioner_capacity WHERE user_id = ${associate.userId}`,
      );
      assert.equal(row!.points, '16.50');
      // A second form read at version 0 is stale now.
      const stale = await managerSession.post(url, { ...form, _formToken: formTokenFrom(bad.body), capacity: '12' });
      assert.equal(stale.statusCode, 409);
      assert.match(stale.body, /Someone else changed this capacity/);
      const shown = await managerSession.get('/allocation/workload?saved=capacity');
      assert.match(shown.body, /capacity has been saved/);
      assert.match(shown.body, /16\.5/);
    });

    it('hides practitioners outside the manager’s areas, and refuses FCAs', async () => {
      assert.equal((await otherManagerSession.get(`/allocation/workload/${fca1.userId}`)).statusCode, 404);
      assert.equal((await managerSession.get('/allocation/workload/not-a-user')).statusCode, 404);
      assert.equal((await managerSession.get(`/allocation/workload/${otherAreaFca.userId}`)).statusCode, 404);
      assert.equal((await fcaSession.get(`/allocation/workload/${fca1.userId}`)).statusCode, 403);
    });
  });
});
