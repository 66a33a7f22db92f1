import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { timelineEvent } from '../../src/modules/casework/schema.ts';
import { listDirectWorkTools } from '../../src/modules/organisation/service.ts';
import { casePlanVersion } from '../../src/modules/planning/schema.ts';
import { currentPlan } from '../../src/modules/planning/service.ts';
import { auditEvent } from '../../src/platform/audit/schema.ts';
import { createUser, csrfFrom, formTokenFrom, type Session, signedIn, type TestApp, testApp } from '../helpers/app.ts';
import { CANARY_ADDRESS, seedCase } from '../helpers/cases.ts';

/** Every id on the page once: labels, error links and fieldsets find the right field. */
function assertUniqueIds(html: string) {
  const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!);
  const repeated = ids.filter((id, i) => ids.indexOf(id) !== i);
  assert.deepEqual(repeated, [], `repeated ids: ${repeated.join(', ')}`);
}

describe('case plan', () => {
  let t: TestApp;
  let fca: { userId: string; email: string };
  let s: Session;
  let manager: Session;
  let managerUser: { userId: string; email: string };
  let toolCode: string;
  let toolName: string;

  before(async () => {
    t = await testApp();
    fca = await createUser(t.database, 'fca');
    s = await signedIn(t.app, fca.email);
    managerUser = await createUser(t.database, 'service-manager');
    manager = await signedIn(t.app, managerUser.email);
    const tools = await listDirectWorkTools(t.database.db);
    assert.ok(tools.length > 0, 'the direct-work tools catalogue is seeded');
    toolCode = tools[0]!.code;
    toolName = tools[0]!.name;
  });
  after(() => t.close());

  const versions = (caseId: string) =>
    t.database.db.select().from(casePlanVersion).where(eq(casePlanVersion.caseId, caseId));

  /** A complete plan form for the page at url, with the fields given on top. */
  async function planForm(session: Session, caseId: string, fields: Record<string, string>) {
    const page = await session.get(`/cases/${caseId}/plan/edit`);
    assert.equal(page.statusCode, 200);
    const version = /name="version" value="(\d+)"/.exec(page.body)![1]!;
    return {
      _csrf: csrfFrom(page.body),
      _formToken: formTokenFrom(page.body),
      version,
      'reviewDueOn-day': '16',
      'reviewDueOn-month': '3',
      'reviewDueOn-year': '2026',
      sharing: 'not-yet',
      ...fields,
    };
  }

  it('saves a first plan once, shows it, and puts it on the timeline and in the audit trail', async () => {
    const kase = await seedCase(t.database, { status: 'allocated', allocateTo: fca.userId });
    const empty = await s.get(`/cases/${kase.caseId}/plan`);
    assert.equal(empty.statusCode, 200);
    assert.match(empty.body, /There is no case plan yet/);
    assert.match(empty.body, /Write the case plan/);
    assert.equal(await currentPlan(t.database.db, kase.caseId), null);

    const edit = await s.get(`/cases/${kase.caseId}/plan/edit`);
    assertUniqueIds(edit.body);
    assert.match(edit.body, /Testchild Example \(child\)/);
    assert.match(edit.body, /Testmother Example \(Applicant\)/);
    assert.ok(edit.body.includes(toolName));
    assert.ok(!edit.body.includes(CANARY_ADDRESS));

    const form = await planForm(s, kase.caseId, {
      'objective-1': 'What does Testchild want from time with her father?',
      'objective-2': 'Is the father’s home safe for an overnight stay?',
      people: `child:${kase.childIds.a}`,
      otherPeople: 'Ms Jones, class teacher',
      tools: toolCode,
      'step-1-what': 'Home visit to the father',
      'step-1-day': '10',
      'step-1-month': '3',
      'step-1-year': '2026',
    });
    const r = await s.post(`/cases/${kase.caseId}/plan/edit`, form);
    assert.equal(r.statusCode, 303, r.body);
    assert.equal(r.headers.location, `/cases/${kase.caseId}/plan?saved=plan`);
    const again = await s.post(`/cases/${kase.caseId}/plan/edit`, form);
    assert.equal(again.statusCode, 303);
    assert.equal(again.headers.location, r.headers.location);
    const saved = await versions(kase.caseId);
    assert.equal(saved.length, 1);
    assert.equal(saved[0]!.version, 1);
    assert.equal(saved[0]!.objectives.length, 2);
    assert.deepEqual(saved[0]!.people, [
      { kind: 'child', id: kase.childIds.a },
      { kind: 'other', name: 'Ms Jones, class teacher' },
    ]);
    assert.deepEqual(saved[0]!.plannedSteps, [{ what: 'Home visit to the father', on: '2026-03-10' }]);

    const summary = await currentPlan(t.database.db, kase.caseId);
    assert.deepEqual(summary, {
      version: 1,
      objectives: [
        'What does Testchild want from time with her father?',
        'Is the father’s home safe for an overnight stay?',
      ],
      reviewDueOn: '2026-03-16',
      sharedWithFamilyOn: null,
      managerDirection: null,
    });

    const timeline = await t.database.db
      .select()
      .from(timelineEvent)
      .where(and(eq(timelineEvent.caseId, kase.caseId), eq(timelineEvent.kind, 'planning.plan-saved')));
    assert.equal(timeline.length, 1);
    const audit = await t.database.db
      .select()
      .from(auditEvent)
      .where(
        and(
          eq(auditEvent.caseId, kase.caseId),
          eq(auditEvent.resourceType, 'case-plan'),
          eq(auditEvent.action, 'create'),
        ),
      );
    assert.equal(audit.length, 1);

    const page = await s.get(r.headers.location as string);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /The case plan has been saved as a new version/);
    assert.match(page.body, /What does Testchild want from time with her father\?/);
    assert.match(page.body, /Ms Jones, class teacher/);
    assert.match(page.body, /Home visit to the father – 10 March 2026/);
    assert.match(page.body, /Review due on 16 March 2026/);
    // 16 March is more than 5 working days after 2 March.
    assert.match(page.body, /Review not yet due/);
    assert.match(page.body, /Version 1/);
  });

  it('keeps every version, shows what changed, and refuses a save based on an older version', async () => {
    const kase = await seedCase(t.database, { status: 'allocated', allocateTo: fca.userId });
    await s.post(
      `/cases/${kase.caseId}/plan/edit`,
      await planForm(s, kase.caseId, { 'objective-1': 'First objective', 'objective-2': 'Second objective' }),
    );
    const v1 = (await versions(kase.caseId))[0]!;
    const [first, second] = v1.objectives;
    // The form carries the objectives' ids, so a reworded objective stays the same objective.
    const stale = await planForm(s, kase.caseId, {
      'objective-1': 'First objective',
      'objectiveId-1': first!.id,
      'objective-2': 'Another tab’s objective',
    });
    const update = await planForm(s, kase.caseId, {
      'objective-1': 'First objective, reworded',
      'objectiveId-1': first!.id,
      'objective-2': 'Third objective',
      sharing: 'shared',
      'sharedOn-day': '2',
      'sharedOn-month': '3',
      'sharedOn-year': '2026',
      sharedHow: 'letter',
      changeNote: 'After the school visit.',
    });
    const r = await s.post(`/cases/${kase.caseId}/plan/edit`, update);
    assert.equal(r.statusCode, 303);
    const all = await versions(kase.caseId);
    assert.equal(all.length, 2);
    const v2 = all.find((v) => v.version === 2)!;
    assert.equal(v2.objectives[0]!.id, first!.id);
    assert.ok(!v2.objectives.some((o) => o.id === second!.id));
    // Version 1 is kept as it was.
    assert.equal(all.find((v) => v.version === 1)!.objectives[1]!.text, 'Second objective');

    const refused = await s.post(`/cases/${kase.caseId}/plan/edit`, stale);
    assert.equal(refused.statusCode, 409);
    assert.match(refused.body, /Someone else saved a new version of the plan/);
    assert.match(refused.body, /First objective, reworded/);
    assert.equal((await versions(kase.caseId)).length, 2);

    const page = await s.get(`/cases/${kase.caseId}/plan/versions/2`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /What must be found out: changed from “First objective” to “First objective, reworded”/);
    assert.match(page.body, /What must be found out: added “Third objective”/);
    assert.match(page.body, /What must be found out: removed “Second objective”/);
    assert.match(page.body, /Shared on 2 March 2026 \(by letter\)/);
    assert.match(page.body, /After the school visit\./);
    const v1Page = await s.get(`/cases/${kase.caseId}/plan/versions/1`);
    assert.equal(v1Page.statusCode, 200);
    assert.match(v1Page.body, /Second objective/);
    assert.equal((await s.get(`/cases/${kase.caseId}/plan/versions/3`)).statusCode, 404);
    assert.equal((await s.get(`/cases/${kase.caseId}/plan/versions/first`)).statusCode, 404);
    const plan = await s.get(`/cases/${kase.caseId}/plan`);
    assert.match(plan.body, /Versions of the plan/);
    assert.match(plan.body, /\/plan\/versions\/1"/);
    assert.equal((await currentPlan(t.database.db, kase.caseId))?.sharedWithFamilyOn, '2026-03-02');
  });

  it('explains what is wrong with a plan and keeps what was typed', async () => {
    const kase = await seedCase(t.database, { status: 'allocated', allocateTo: fca.userId });
    const page = await s.get(`/cases/${kase.caseId}/plan/edit`);
    const empty = await s.post(`/cases/${kase.caseId}/plan/edit`, { _csrf: csrfFrom(page.body) });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /There is a problem/);
    assert.match(empty.body, /Enter at least one thing that must be found out/);
    assert.match(empty.body, /Enter the date the plan will be reviewed/);
    assert.match(empty.body, /Select whether the plan has been shared with the family/);

    const bad = await planForm(s, kase.caseId, {
      'objective-1': 'Kept objective',
      'reviewDueOn-day': '1',
      'reviewDueOn-month': '3',
      'reviewDueOn-year': '2026',
      sharing: 'not-shared',
      tools: 'not-a-tool',
      people: `child:${kase.childIds.a}`,
      'step-1-what': 'A visit without a date',
    });
    const r = await s.post(`/cases/${kase.caseId}/plan/edit`, bad);
    assert.equal(r.statusCode, 400);
    assertUniqueIds(r.body);
    assert.match(r.body, /The review date must be today or in the future/);
    assert.match(r.body, /Enter why the plan will not be shared with the family/);
    assert.match(r.body, /Select tools from the list/);
    assert.match(r.body, /Enter the date of the planned step/);
    assert.match(r.body, /Kept objective/);
    assert.match(r.body, /A visit without a date/);
    assert.match(r.body, new RegExp(`value="child:${kase.childIds.a}" checked`));
    assert.equal((await versions(kase.caseId)).length, 0);

    const otherCase = await seedCase(t.database, { status: 'allocated' });
    const stranger = await planForm(s, kase.caseId, {
      'objective-1': 'Someone from another case',
      people: `child:${otherCase.childIds.a}`,
    });
    const refused = await s.post(`/cases/${kase.caseId}/plan/edit`, stranger);
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /Select people from the list/);
  });

  it('records the manager’s explicit, ordered direction, shown as the manager’s', async () => {
    const kase = await seedCase(t.database, { status: 'allocated', allocateTo: fca.userId });
    await s.post(`/cases/${kase.caseId}/plan/edit`, await planForm(s, kase.caseId, { 'objective-1': 'Objective' }));
    assert.equal((await s.get(`/cases/${kase.caseId}/plan/direction`)).statusCode, 403);
    const fcaPlan = await s.get(`/cases/${kase.caseId}/plan`);
    assert.ok(!fcaPlan.body.includes('Give direction'));

    const page = await manager.get(`/cases/${kase.caseId}/plan/direction`);
    assert.equal(page.statusCode, 200);
    assertUniqueIds(page.body);
    const form = {
      _csrf: csrfFrom(page.body),
      _formToken: formTokenFrom(page.body),
      version: '1',
      direction: 'See both children alone before the report is drafted.',
      'priority-1': 'See Testchild alone at school',
      'priority-2': 'Speak to the health visitor',
    };
    const empty = await manager.post(`/cases/${kase.caseId}/plan/direction`, { _csrf: form._csrf });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Enter your direction/);
    assert.match(empty.body, /Enter at least one priority/);
    const r = await manager.post(`/cases/${kase.caseId}/plan/direction`, form);
    assert.equal(r.statusCode, 303);
    assert.equal(r.headers.location, `/cases/${kase.caseId}/plan?saved=direction`);
    assert.equal((await manager.post(`/cases/${kase.caseId}/plan/direction`, form)).statusCode, 303);
    assert.equal((await versions(kase.caseId)).length, 2);
    const stale = await manager.post(`/cases/${kase.caseId}/plan/direction`, {
      ...form,
      _formToken: formTokenFrom((await manager.get(`/cases/${kase.caseId}/plan/direction`)).body),
    });
    assert.equal(stale.statusCode, 409);

    const plan = await s.get(`/cases/${kase.caseId}/plan`);
    assert.match(plan.body, /See both children alone before the report is drafted\./);
    assert.match(plan.body, /Direction given by Test service-manager \d+ on/);
    assert.ok(plan.body.indexOf('See Testchild alone at school') < plan.body.indexOf('Speak to the health visitor'));
    // The worker's next save keeps the manager's direction as it was.
    await s.post(
      `/cases/${kase.caseId}/plan/edit`,
      await planForm(s, kase.caseId, { 'objective-1': 'Objective', 'objective-2': 'Another' }),
    );
    const v3 = (await versions(kase.caseId)).find((v) => v.version === 3)!;
    assert.equal(v3.managerDirection, 'See both children alone before the report is drafted.');
    assert.deepEqual(v3.managerPriorities, ['See Testchild alone at school', 'Speak to the health visitor']);
    assert.equal(v3.directionBy, managerUser.userId);
    assert.equal((await currentPlan(t.database.db, kase.caseId))?.managerDirection, v3.managerDirection);
    const kinds = (await t.database.db.select().from(timelineEvent).where(eq(timelineEvent.caseId, kase.caseId))).map(
      (e) => e.kind,
    );
    assert.ok(kinds.includes('planning.direction-given'));
  });

  it('refuses people without need-to-know, and shows the plan in Welsh', async () => {
    const kase = await seedCase(t.database, { status: 'allocated', allocateTo: fca.userId });
    const outsider = await signedIn(
      t.app,
      (await createUser(t.database, 'fca', { teamId: 'test-team-c', areaId: 'eng-01' })).email,
    );
    for (const url of ['/plan', '/plan/edit', '/plan/versions/1']) {
      const r = await outsider.get(`/cases/${kase.caseId}${url}`);
      assert.equal(r.statusCode, 403, url);
      assert.ok(!r.body.includes('Testchild'));
    }
    const auditor = await signedIn(t.app, (await createUser(t.database, 'qa-auditor', { teamId: null })).email);
    assert.equal((await auditor.get(`/cases/${kase.caseId}/plan`)).statusCode, 200);
    assert.equal((await auditor.get(`/cases/${kase.caseId}/plan/edit`)).statusCode, 403);
    const csrf = csrfFrom((await s.get(`/cases/${kase.caseId}/plan`)).body);
    const noToken = await s.post(`/cases/${kase.caseId}/plan/edit`, { 'objective-1': 'x' }, {});
    assert.equal(noToken.statusCode, 403);
    assert.ok(csrf);
    const cy = await s.get(`/cases/${kase.caseId}/plan`, { cookie: `${s.jar.header()}; childvoice-language=cy` });
    assert.equal(cy.statusCode, 200);
    assert.match(cy.body, /Cynllun yr achos/);
    assert.match(cy.body, /Nid oes cynllun achos eto/);
  });

  it('lists the plans due for review in working days, for the cases the person can see', async () => {
    const soon = await seedCase(t.database, { status: 'allocated', allocateTo: fca.userId });
    const later = await seedCase(t.database, { status: 'allocated', allocateTo: fca.userId });
    const hidden = await seedCase(t.database, { status: 'allocated', areaId: 'eng-01', teamId: 'test-team-c' });
    // Monday 2 March: 5 working days on is Monday 9 March.
    await s.post(
      `/cases/${soon.caseId}/plan/edit`,
      await planForm(s, soon.caseId, { 'objective-1': 'x', 'reviewDueOn-day': '9' }),
    );
    await s.post(
      `/cases/${later.caseId}/plan/edit`,
      await planForm(s, later.caseId, { 'objective-1': 'x', 'reviewDueOn-day': '10' }),
    );
    const other = await createUser(t.database, 'fca', { teamId: 'test-team-c', areaId: 'eng-01' });
    const otherSession = await signedIn(t.app, other.email);
    await otherSession.post(
      `/cases/${hidden.caseId}/plan/edit`,
      await planForm(otherSession, hidden.caseId, { 'objective-1': 'x', 'reviewDueOn-day': '3' }),
    );
    const list = await s.get('/plans/reviews-due');
    assert.equal(list.statusCode, 200);
    assert.ok(list.body.includes(soon.reference));
    assert.ok(!list.body.includes(later.reference));
    assert.ok(!list.body.includes(hidden.reference));
    assert.match(list.body, /Test fca \d+/);
    assert.match(list.body, /Review due/);
    const wider = await s.get('/plans/reviews-due?days=6');
    assert.ok(wider.body.includes(later.reference));
    // Ten days on, the first is overdue.
    t.clock.advance(10 * 24 * 3600);
    const overdue = await (await signedIn(t.app, fca.email)).get('/plans/reviews-due');
    assert.ok(overdue.body.includes(soon.reference));
    assert.match(overdue.body, /Review overdue/);
    const theirs = await (await signedIn(t.app, other.email)).get('/plans/reviews-due');
    assert.ok(theirs.body.includes(hidden.reference));
    assert.ok(!theirs.body.includes(soon.reference));
    const admin = await signedIn(t.app, (await createUser(t.database, 'system-admin', { teamId: null })).email);
    assert.equal((await admin.get('/plans/reviews-due')).statusCode, 403);
  });
});
