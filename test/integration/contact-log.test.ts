import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { timelineEvent } from '../../src/modules/casework/schema.ts';
import { casePlanVersion, contactLogEntry, contactLogRevision } from '../../src/modules/planning/schema.ts';
import { listContactEvidence } from '../../src/modules/planning/service.ts';
import { auditEvent } from '../../src/platform/audit/schema.ts';
import { createUser, csrfFrom, formTokenFrom, type Session, signedIn, type TestApp, testApp } from '../helpers/app.ts';
import { seedCase } from '../helpers/cases.ts';

/** Every id on the page once: labels, error links and fieldsets find the right field. */
function assertUniqueIds(html: string) {
  const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!);
  const repeated = ids.filter((id, i) => ids.indexOf(id) !== i);
  assert.deepEqual(repeated, [], `repeated ids: ${repeated.join(', ')}`);
}

describe('contact log', () => {
  let t: TestApp;
  let fca: { userId: string; email: string };
  let s: Session;
  let colleague: Session;

  before(async () => {
    t = await testApp();
    fca = await createUser(t.database, 'fca');
    s = await signedIn(t.app, fca.email);
    // Same team: can see and edit the case, but not someone else's draft.
    colleague = await signedIn(t.app, (await createUser(t.database, 'fca')).email);
  });
  after(() => t.close());

  const entry = async (id: string) =>
    (await t.database.db.select().from(contactLogEntry).where(eq(contactLogEntry.id, id)))[0]!;
  const idFrom = (location: unknown) => /\/contacts\/([0-9a-f-]{36})/.exec(String(location))![1]!;

  async function newForm(session: Session, caseId: string) {
    const page = await session.get(`/cases/${caseId}/contacts/new`);
    assert.equal(page.statusCode, 200);
    return { _csrf: csrfFrom(page.body), _formToken: formTokenFrom(page.body) };
  }

  async function draftForm(session: Session, caseId: string, id: string) {
    const page = await session.get(`/cases/${caseId}/contacts/${id}`);
    assert.equal(page.statusCode, 200);
    return {
      _csrf: csrfFrom(page.body),
      _formToken: formTokenFrom(page.body),
      version: /name="version" value="(\d+)"/.exec(page.body)![1]!,
      body: page.body,
    };
  }

  const complete = (kase: { childIds: Record<string, string>; partyIds: Record<string, string> }) => ({
    kind: 'visit',
    'heldOn-day': '2',
    'heldOn-month': '3',
    'heldOn-year': '2026',
    heldTime: '9.30',
    place: 'The family home',
    children: kase.childIds.a!,
    parties: kase.partyIds.mother!,
    others: 'Ms Jones, class teacher',
    whatWasSaid: 'Testchild said: “I like it at Dad’s when we go to the park.”',
    analysis: 'She speaks warmly of both parents.',
    actions: 'Visit the father next week.',
  });

  it('saves a draft once, keeps it to its author, and records it with timeline and audit', async () => {
    const kase = await seedCase(t.database, { status: 'allocated', allocateTo: fca.userId });
    const start = await newForm(s, kase.caseId);
    const draft = { ...start, action: 'draft', kind: 'call', whatWasSaid: 'Half-written notes' };
    const r = await s.post(`/cases/${kase.caseId}/contacts/new`, draft);
    assert.equal(r.statusCode, 303);
    const id = idFrom(r.headers.location);
    assert.equal(r.headers.location, `/cases/${kase.caseId}/contacts/${id}?saved=draft`);
    const again = await s.post(`/cases/${kase.caseId}/contacts/new`, draft);
    assert.equal(again.headers.location, r.headers.location);
    const drafts = await t.database.db.select().from(contactLogEntry).where(eq(contactLogEntry.caseId, kase.caseId));
    assert.equal(drafts.length, 1);
    assert.equal(drafts[0]!.status, 'draft');
    assert.equal(drafts[0]!.draft?.whatWasSaid, 'Half-written notes');

    const page = await s.get(String(r.headers.location));
    assertUniqueIds(page.body);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Half-written notes/);
    assert.match(page.body, /Your draft has been saved. Only you can see it until it is recorded/);
    assert.match(page.body, /value="call" checked/);
    assert.match(page.body, new RegExp(`data-autosave-url="/cases/${kase.caseId}/contacts/${id}/autosave"`));
    const list = await s.get(`/cases/${kase.caseId}/contacts`);
    assert.match(list.body, /Your drafts/);

    // Nobody else sees or saves it.
    assert.equal((await colleague.get(`/cases/${kase.caseId}/contacts/${id}`)).statusCode, 404);
    const theirList = await colleague.get(`/cases/${kase.caseId}/contacts`);
    assert.ok(!theirList.body.includes('Your drafts'));
    assert.ok(!theirList.body.includes(id));
    const theirToken = await newForm(colleague, kase.caseId);
    const theirs = await colleague.post(`/cases/${kase.caseId}/contacts/${id}`, {
      ...theirToken,
      version: '1',
      action: 'draft',
      whatWasSaid: 'Overwritten',
    });
    assert.equal(theirs.statusCode, 404);
    const theirAutosave = await colleague.post(
      `/cases/${kase.caseId}/contacts/${id}/autosave`,
      { _csrf: theirToken._csrf, version: '1', whatWasSaid: 'Overwritten' },
      { accept: 'application/json' },
    );
    assert.equal(theirAutosave.statusCode, 404);
    assert.equal(theirAutosave.json().error.code, 'DRAFT_NOT_FOUND');
    assert.equal((await entry(id)).draft?.whatWasSaid, 'Half-written notes');

    const form = await draftForm(s, kase.caseId, id);
    const record = {
      _csrf: form._csrf,
      _formToken: form._formToken,
      version: form.version,
      action: 'record',
      ...complete(kase),
    };
    const recorded = await s.post(`/cases/${kase.caseId}/contacts/${id}`, record);
    assert.equal(recorded.statusCode, 303, recorded.body);
    assert.equal(recorded.headers.location, `/cases/${kase.caseId}/contacts/${id}?saved=recorded`);
    const twice = await s.post(`/cases/${kase.caseId}/contacts/${id}`, record);
    assert.equal(twice.statusCode, 303);
    const row = await entry(id);
    assert.equal(row.status, 'recorded');
    assert.equal(row.heldOn, '2026-03-02');
    assert.equal(row.heldTime?.slice(0, 5), '09:30');
    assert.equal(row.draft, null);
    assert.deepEqual(row.childIds, [kase.childIds.a]);
    const timeline = await t.database.db
      .select()
      .from(timelineEvent)
      .where(and(eq(timelineEvent.caseId, kase.caseId), eq(timelineEvent.kind, 'planning.contact-recorded')));
    assert.equal(timeline.length, 1);
    const audit = await t.database.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.caseId, kase.caseId), eq(auditEvent.resourceType, 'contact-log-entry')));
    assert.equal(audit.length, 1);
    assert.deepEqual(audit[0]!.fieldCategories, ['contact-log']);

    // Recorded, everyone who can see the case sees it.
    const view = await colleague.get(`/cases/${kase.caseId}/contacts/${id}`);
    assert.equal(view.statusCode, 200);
    assert.match(view.body, /I like it at Dad’s when we go to the park/);
    assert.match(view.body, /Testmother Example/);
    assert.match(view.body, /Ms Jones, class teacher/);
    const evidence = await listContactEvidence(t.database.db, kase.caseId);
    assert.equal(evidence.length, 1);
    assert.deepEqual(evidence[0], {
      id,
      heldOn: '2026-03-02',
      kind: 'visit',
      place: 'The family home',
      withWhom: ['Testchild Example', 'Testmother Example', 'Ms Jones, class teacher'],
      childIds: [kase.childIds.a],
      whatWasSaid: 'Testchild said: “I like it at Dad’s when we go to the park.”',
      analysis: 'She speaks warmly of both parents.',
      href: `/cases/${kase.caseId}/contacts/${id}`,
    });
    // A recorded entry is not a draft any more.
    const late = await s.post(`/cases/${kase.caseId}/contacts/${id}`, {
      ...(await newForm(s, kase.caseId)),
      version: String(row.version),
      action: 'draft',
    });
    assert.equal(late.statusCode, 409);
  });

  it('keeps the draft when recording fails validation, and shows every problem', async () => {
    const kase = await seedCase(t.database, { status: 'allocated', allocateTo: fca.userId });
    const start = await newForm(s, kase.caseId);
    const r = await s.post(`/cases/${kase.caseId}/contacts/new`, {
      ...start,
      action: 'record',
      'heldOn-day': '31',
      'heldOn-month': '2',
      'heldOn-year': '2026',
      heldTime: '25:00',
      whatWasSaid: 'Notes that must not be lost',
    });
    assert.equal(r.statusCode, 400);
    assertUniqueIds(r.body);
    assert.match(r.body, /There is a problem/);
    assert.match(r.body, /Select the kind of contact/);
    assert.match(r.body, /The date of the contact must be a real date/);
    assert.match(r.body, /Enter the time as hours and minutes/);
    assert.match(r.body, /Select or enter who was seen or spoken to/);
    assert.match(r.body, /Enter your analysis/);
    assert.match(r.body, /Notes that must not be lost/);
    const rows = await t.database.db.select().from(contactLogEntry).where(eq(contactLogEntry.caseId, kase.caseId));
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.status, 'draft');
    assert.equal(rows[0]!.draft?.whatWasSaid, 'Notes that must not be lost');
    assert.equal(rows[0]!.draft?.['heldOn-day'], '31');
    // The page now saves to the draft it created.
    assert.match(r.body, new RegExp(`action="/cases/${kase.caseId}/contacts/${rows[0]!.id}"`));
    assert.match(r.body, new RegExp(`name="version" value="${rows[0]!.version}"`));

    const future = await s.post(`/cases/${kase.caseId}/contacts/${rows[0]!.id}`, {
      _csrf: start._csrf,
      _formToken: formTokenFrom(r.body),
      version: String(rows[0]!.version),
      action: 'record',
      ...complete(kase),
      'heldOn-day': '3',
      children: '00000000-0000-4000-8000-000000000000',
    });
    assert.equal(future.statusCode, 400);
    assert.match(future.body, /The date of the contact must be today or in the past/);
    assert.match(future.body, /Select people from the list/);
    assert.equal((await entry(rows[0]!.id)).status, 'draft');

    const empty = await s.post(`/cases/${kase.caseId}/contacts/new`, { _csrf: start._csrf });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /The form has expired/);
  });

  it('autosaves a draft as JSON and refuses a stale tab without overwriting', async () => {
    const kase = await seedCase(t.database, { status: 'allocated', allocateTo: fca.userId });
    const start = await newForm(s, kase.caseId);
    const json = { accept: 'application/json' };
    const created = await s.post(
      `/cases/${kase.caseId}/contacts/new`,
      { ...start, action: 'autosave', whatWasSaid: 'First words' },
      json,
    );
    assert.equal(created.statusCode, 200);
    const first = created.json();
    assert.equal(first.version, 1);
    assert.match(first.formToken, /^[A-Za-z0-9_-]{32}$/);
    assert.equal(first.autosaveUrl, `/cases/${kase.caseId}/contacts/${first.entryId}/autosave`);
    assert.match(first.message, /Draft saved/);
    // The same page's token again (a second tab of the same new form) finds the same draft.
    const repeat = await s.post(
      `/cases/${kase.caseId}/contacts/new`,
      { ...start, action: 'autosave', whatWasSaid: 'First words' },
      json,
    );
    assert.equal(repeat.json().entryId, first.entryId);

    const tabA = await s.post(
      first.autosaveUrl,
      { _csrf: start._csrf, version: '1', whatWasSaid: 'Tab A words' },
      json,
    );
    assert.equal(tabA.statusCode, 200);
    assert.equal(tabA.json().version, 2);
    const tabB = await s.post(
      first.autosaveUrl,
      { _csrf: start._csrf, version: '1', whatWasSaid: 'Tab B words' },
      json,
    );
    assert.equal(tabB.statusCode, 409);
    assert.equal(tabB.json().error.code, 'STALE_VERSION');
    assert.equal((await entry(first.entryId)).draft?.whatWasSaid, 'Tab A words');
    const noVersion = await s.post(first.autosaveUrl, { _csrf: start._csrf, whatWasSaid: 'x' }, json);
    assert.equal(noVersion.statusCode, 400);
    const notAnId = await s.post(`/cases/${kase.caseId}/contacts/not-an-id/autosave`, { _csrf: start._csrf }, json);
    assert.equal(notAnId.statusCode, 404);

    // The page posted from a stale tab is refused too, and shows what was typed there.
    const stalePage = await s.post(`/cases/${kase.caseId}/contacts/${first.entryId}`, {
      _csrf: start._csrf,
      _formToken: first.formToken,
      version: '1',
      action: 'draft',
      whatWasSaid: 'Tab B words',
    });
    assert.equal(stalePage.statusCode, 409);
    assert.match(stalePage.body, /changed in another tab or window/);
    assert.match(stalePage.body, /Tab B words/);
    assert.match(stalePage.body, /name="version" value="2"/);
    assert.equal((await entry(first.entryId)).draft?.whatWasSaid, 'Tab A words');
    // Autosave without the CSRF token is refused.
    const forged = await s.post(first.autosaveUrl, { version: '2', whatWasSaid: 'forged' }, json);
    assert.equal(forged.statusCode, 403);
  });

  it('links an entry to the plan’s objectives, lists and filters the log, newest first', async () => {
    const kase = await seedCase(t.database, { status: 'allocated', allocateTo: fca.userId });
    const editPage = await s.get(`/cases/${kase.caseId}/plan/edit`);
    await s.post(`/cases/${kase.caseId}/plan/edit`, {
      _csrf: csrfFrom(editPage.body),
      _formToken: formTokenFrom(editPage.body),
      version: '0',
      'objective-1': 'What are Testchild’s wishes and feelings?',
      'reviewDueOn-day': '20',
      'reviewDueOn-month': '3',
      'reviewDueOn-year': '2026',
      sharing: 'not-yet',
    });
    const [plan] = await t.database.db.select().from(casePlanVersion).where(eq(casePlanVersion.caseId, kase.caseId));
    const objectiveId = plan!.objectives[0]!.id;
    const form = await newForm(s, kase.caseId);
    const page = await s.get(`/cases/${kase.caseId}/contacts/new`);
    assert.match(page.body, /What are Testchild’s wishes and feelings\?/);
    const r = await s.post(`/cases/${kase.caseId}/contacts/new`, {
      ...form,
      action: 'record',
      ...complete(kase),
      objectives: objectiveId,
    });
    assert.equal(r.statusCode, 303);
    const id = idFrom(r.headers.location);
    assert.deepEqual((await entry(id)).objectiveIds, [objectiveId]);
    assert.equal((await entry(id)).planVersion, 1);
    const view = await s.get(`/cases/${kase.caseId}/contacts/${id}`);
    assert.match(view.body, /What are Testchild’s wishes and feelings\?/);

    const bad = await s.post(`/cases/${kase.caseId}/contacts/new`, {
      ...(await newForm(s, kase.caseId)),
      action: 'record',
      ...complete(kase),
      objectives: 'not-an-objective',
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Select objectives from the list/);

    await s.post(`/cases/${kase.caseId}/contacts/new`, {
      ...(await newForm(s, kase.caseId)),
      action: 'record',
      ...complete(kase),
      kind: 'call',
      'heldOn-day': '1',
      whatWasSaid: 'An earlier call',
    });
    const list = await s.get(`/cases/${kase.caseId}/contacts`);
    assert.equal(list.statusCode, 200);
    assert.ok(list.body.indexOf('2 March 2026') < list.body.indexOf('1 March 2026'));
    const calls = await s.get(`/cases/${kase.caseId}/contacts?kind=call`);
    assert.ok(calls.body.includes('1 March 2026'));
    assert.ok(!calls.body.includes('2 March 2026'));
    const meetings = await s.get(`/cases/${kase.caseId}/contacts?kind=meeting`);
    assert.match(meetings.body, /No contacts of this kind have been recorded/);
    const planPage = await s.get(`/cases/${kase.caseId}/plan`);
    assert.match(planPage.body, /The latest 2 of 2 contacts/);
    const evidence = await listContactEvidence(t.database.db, kase.caseId);
    assert.deepEqual(
      evidence.map((e) => e.heldOn),
      ['2026-03-01', '2026-03-02'],
    );
    const cy = await s.get(`/cases/${kase.caseId}/contacts`, { cookie: `${s.jar.header()}; childvoice-language=cy` });
    assert.match(cy.body, /Log cysylltiadau/);
    assert.match(cy.body, /Galwad ffôn/);
  });

  it('corrects a recorded entry with a reason, keeping the version it replaced', async () => {
    const kase = await seedCase(t.database, { status: 'allocated', allocateTo: fca.userId });
    const r = await s.post(`/cases/${kase.caseId}/contacts/new`, {
      ...(await newForm(s, kase.caseId)),
      action: 'record',
      ...complete(kase),
    });
    const id = idFrom(r.headers.location);
    const before = await entry(id);
    const page = await colleague.get(`/cases/${kase.caseId}/contacts/${id}/correct`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /I like it at Dad’s/);
    const form = {
      _csrf: csrfFrom(page.body),
      _formToken: formTokenFrom(page.body),
      version: String(before.version),
      ...complete(kase),
      place: 'The father’s home',
    };
    const noReason = await colleague.post(`/cases/${kase.caseId}/contacts/${id}/correct`, form);
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.body, /Enter the reason for the correction/);
    const done = await colleague.post(`/cases/${kase.caseId}/contacts/${id}/correct`, {
      ...form,
      reason: 'The visit was at the father’s home.',
    });
    assert.equal(done.statusCode, 303);
    assert.equal(done.headers.location, `/cases/${kase.caseId}/contacts/${id}?saved=corrected`);
    const twice = await colleague.post(`/cases/${kase.caseId}/contacts/${id}/correct`, {
      ...form,
      reason: 'The visit was at the father’s home.',
    });
    assert.equal(twice.statusCode, 303);
    const after = await entry(id);
    assert.equal(after.place, 'The father’s home');
    assert.equal(after.version, before.version + 1);
    const revisions = await t.database.db.select().from(contactLogRevision).where(eq(contactLogRevision.entryId, id));
    assert.equal(revisions.length, 1);
    assert.equal(revisions[0]!.content.place, 'The family home');
    assert.equal(revisions[0]!.reason, 'The visit was at the father’s home.');
    const view = await s.get(String(done.headers.location));
    assert.match(view.body, /The entry has been corrected/);
    assert.match(view.body, /Earlier versions/);
    assert.match(view.body, /The family home/);
    // A correction based on the version before is refused.
    const mine = (await s.get(`/cases/${kase.caseId}/contacts/${id}/correct`)).body;
    const stale = await s.post(`/cases/${kase.caseId}/contacts/${id}/correct`, {
      ...form,
      _csrf: csrfFrom(mine),
      _formToken: formTokenFrom(mine),
      reason: 'Another correction',
    });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /Someone else corrected this entry/);
    const kinds = (await t.database.db.select().from(timelineEvent).where(eq(timelineEvent.caseId, kase.caseId))).map(
      (e) => e.kind,
    );
    assert.ok(kinds.includes('planning.contact-corrected'));
    assert.equal((await s.get(`/cases/${kase.caseId}/contacts/${id}/correct`)).statusCode, 200);
    const draftId = idFrom(
      (
        await s.post(`/cases/${kase.caseId}/contacts/new`, {
          ...(await newForm(s, kase.caseId)),
          action: 'draft',
        })
      ).headers.location,
    );
    assert.equal((await s.get(`/cases/${kase.caseId}/contacts/${draftId}/correct`)).statusCode, 404);
  });

  it('refuses people without need-to-know, and those who may only read', async () => {
    const kase = await seedCase(t.database, { status: 'allocated', allocateTo: fca.userId });
    const other = await seedCase(t.database, { status: 'allocated', allocateTo: fca.userId });
    const r = await s.post(`/cases/${kase.caseId}/contacts/new`, {
      ...(await newForm(s, kase.caseId)),
      action: 'record',
      ...complete(kase),
    });
    const id = idFrom(r.headers.location);
    // Another case's entry is not found under this case.
    assert.equal((await s.get(`/cases/${other.caseId}/contacts/${id}`)).statusCode, 404);
    const outsider = await signedIn(
      t.app,
      (await createUser(t.database, 'fca', { teamId: 'test-team-c', areaId: 'eng-01' })).email,
    );
    for (const url of ['/contacts', '/contacts/new', `/contacts/${id}`]) {
      const res = await outsider.get(`/cases/${kase.caseId}${url}`);
      assert.equal(res.statusCode, 403, url);
      assert.ok(!res.body.includes('Dad’s'));
    }
    const auditor = await signedIn(t.app, (await createUser(t.database, 'qa-auditor', { teamId: null })).email);
    assert.equal((await auditor.get(`/cases/${kase.caseId}/contacts`)).statusCode, 200);
    assert.equal((await auditor.get(`/cases/${kase.caseId}/contacts/${id}`)).statusCode, 200);
    assert.equal((await auditor.get(`/cases/${kase.caseId}/contacts/new`)).statusCode, 403);
    const noCsrf = await s.post(`/cases/${kase.caseId}/contacts/new`, { action: 'draft' });
    assert.equal(noCsrf.statusCode, 403);
  });
});
