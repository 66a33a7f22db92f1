import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { caseRecord, courtDirection, courtOrder, hearing, timelineEvent } from '../../src/modules/casework/schema.ts';
import { courtDirectionChange } from '../../src/modules/court/schema.ts';
import { finalOrderOf, listHearings, nextHearing } from '../../src/modules/court/service.ts';
import { auditEvent } from '../../src/platform/audit/schema.ts';
import { createUser, csrfFrom, formTokenFrom, type Session, signedIn, type TestApp, testApp } from '../helpers/app.ts';
import { CANARY_ADDRESS, seedCase } from '../helpers/cases.ts';
import { seedDirection } from '../helpers/court.ts';

const date = (prefix: string, iso: string) => {
  const [y, m, d] = iso.split('-');
  return { [`${prefix}-day`]: String(Number(d)), [`${prefix}-month`]: String(Number(m)), [`${prefix}-year`]: y! };
};

describe('court: hearings, orders and directions', () => {
  let t: TestApp;
  let fca: { userId: string; email: string };
  let s: Session;

  before(async () => {
    t = await testApp();
    fca = await createUser(t.database, 'fca');
    s = await signedIn(t.app, fca.email);
  });
  after(() => t.close());

  /** GET a form, then POST it with its tokens and the fields. */
  async function submit(url: string, fields: Record<string, string>, session = s) {
    const page = await session.get(url);
    assert.equal(page.statusCode, 200, `${url}: ${page.statusCode}`);
    const response = await session.post(url, {
      _csrf: csrfFrom(page.body),
      _formToken: formTokenFrom(page.body),
      ...fields,
    });
    return { page, response };
  }

  const kinds = async (caseId: string) =>
    (await t.database.db.select().from(timelineEvent).where(eq(timelineEvent.caseId, caseId))).map((e) => e.kind);

  it('shows an empty court page to those who can see the case, with no confidential value', async () => {
    const kase = await seedCase(t.database, { status: 'allocated' });
    const page = await s.get(`/cases/${kase.caseId}/court`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /No hearings have been recorded/);
    assert.match(page.body, /No orders have been recorded/);
    assert.match(page.body, /The court has not directed anything of us yet/);
    assert.match(page.body, /No messages have been queued/);
    assert.match(page.body, /href="\/cases\/[^"]+\/court\/hearings\/new"/);
    assert.ok(!page.body.includes(CANARY_ADDRESS));
    // A read-only national role sees it without the buttons.
    const qa = await createUser(t.database, 'qa-auditor', { teamId: null, areaId: null });
    const qaPage = await (await signedIn(t.app, qa.email)).get(`/cases/${kase.caseId}/court`);
    assert.equal(qaPage.statusCode, 200);
    assert.ok(!qaPage.body.includes('/court/hearings/new'));
    const audit = await t.database.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.caseId, kase.caseId), eq(auditEvent.action, 'view')));
    assert.ok(audit.some((a) => a.fieldCategories.includes('hearing')));
  });

  it('adds a hearing once per form, in London time, and lists it', async () => {
    const kase = await seedCase(t.database, { status: 'allocated' });
    const url = `/cases/${kase.caseId}/court/hearings/new`;
    const { page, response } = await submit(url, {
      typeCode: 'ABA5-DRA',
      ...date('heldOn', '2026-06-15'),
      time: '10:30',
      venue: 'Testtown Family Court, room 3',
      status: 'LISTED',
      outcome: '',
    });
    assert.match(page.body, /Dispute Resolution Appointment \(DRA\)/);
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, `/cases/${kase.caseId}/court?saved=hearing-added`);
    // The same form again adds nothing.
    const again = await s.post(url, {
      _csrf: csrfFrom(page.body),
      _formToken: formTokenFrom(page.body),
      typeCode: 'ABA5-DRA',
      ...date('heldOn', '2026-06-15'),
      time: '10:30',
      status: 'LISTED',
    });
    assert.equal(again.statusCode, 303);
    const rows = await t.database.db.select().from(hearing).where(eq(hearing.caseId, kase.caseId));
    assert.equal(rows.length, 1);
    assert.equal(new Date(rows[0]!.startsAt!).toISOString(), '2026-06-15T09:30:00.000Z');
    assert.equal(rows[0]!.updatedBy, fca.userId);
    assert.equal(rows[0]!.version, 1);
    assert.ok((await kinds(kase.caseId)).includes('court.hearing-added'));
    const court = await s.get(response.headers.location as string);
    assert.match(court.body, /The hearing has been added/);
    assert.match(court.body, /15 June 2026 at 10:30am/);
    assert.match(court.body, /Testtown Family Court, room 3/);
    assert.match(court.body, /Listed/);
    // In Welsh: the page, the hearing type, its status and the date.
    const welsh = await s.get(response.headers.location as string, {
      cookie: `${s.jar.header()}; childvoice-language=cy`,
    });
    assert.match(welsh.body, /Gwrandawiadau, gorchmynion a chyfarwyddiadau/);
    assert.match(welsh.body, /Apwyntiad Datrys Anghydfod \(DRA\)/);
    assert.match(welsh.body, /Wedi’i restru/);
    assert.match(welsh.body, /15 Mehefin 2026 am 10:30/);
    // The exports for other parts.
    const listed = await listHearings(t.database.db, kase.caseId);
    assert.equal(listed.length, 1);
    assert.equal((await nextHearing(t.database.db, kase.caseId, '2026-03-02'))?.id, rows[0]!.id);
    assert.equal(await nextHearing(t.database.db, kase.caseId, '2026-06-16'), null);
  });

  it('edits a hearing, refuses a stale edit with the current values, and needs an outcome when completed', async () => {
    const kase = await seedCase(t.database, { status: 'reporting' });
    const { response } = await submit(`/cases/${kase.caseId}/court/hearings/new`, {
      typeCode: 'ABA5-FFH',
      ...date('heldOn', '2026-02-20'),
      time: '14:00',
      status: 'LISTED',
    });
    assert.equal(response.statusCode, 303);
    const [row] = await t.database.db.select().from(hearing).where(eq(hearing.caseId, kase.caseId));
    const url = `/cases/${kase.caseId}/court/hearings/${row!.id}`;
    const first = await s.get(url);
    const second = await s.get(url);
    assert.match(first.body, /name="version" value="1"/);
    assert.match(first.body, /value="14:00"/);
    const incomplete = await s.post(url, {
      _csrf: csrfFrom(first.body),
      _formToken: formTokenFrom(first.body),
      version: '1',
      typeCode: 'ABA5-FFH',
      ...date('heldOn', '2026-02-20'),
      time: '14:00',
      status: 'COMPLETED',
      outcome: '',
    });
    assert.equal(incomplete.statusCode, 400);
    assert.match(incomplete.body, /Enter the outcome of the completed hearing/);
    const saved = await s.post(url, {
      _csrf: csrfFrom(first.body),
      _formToken: formTokenFrom(first.body),
      version: '1',
      typeCode: 'ABA5-FFH',
      ...date('heldOn', '2026-02-20'),
      time: '14:00',
      status: 'COMPLETED',
      outcome: 'Final hearing concluded; judgment reserved.',
    });
    assert.equal(saved.statusCode, 303);
    const [changed] = await t.database.db.select().from(hearing).where(eq(hearing.id, row!.id));
    assert.equal(changed!.status, 'COMPLETED');
    assert.equal(changed!.version, 2);
    // The second tab read version 1: its save is refused and shows what is saved now.
    const stale = await s.post(url, {
      _csrf: csrfFrom(second.body),
      _formToken: formTokenFrom(second.body),
      version: '1',
      typeCode: 'ABA5-FFH',
      ...date('heldOn', '2026-02-21'),
      time: '09:00',
      status: 'ADJOURNED',
      outcome: 'Overwrite',
    });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /Someone else changed this case while you were editing it/);
    assert.match(stale.body, /judgment reserved/);
    const [kept] = await t.database.db.select().from(hearing).where(eq(hearing.id, row!.id));
    assert.equal(kept!.status, 'COMPLETED');
    assert.ok((await kinds(kase.caseId)).includes('court.hearing-changed'));
    // A change by the court's feed (which knows no versions) also makes a form stale.
    const third = await s.get(url);
    await t.database.db.update(hearing).set({ venue: 'Moved by the court' }).where(eq(hearing.id, row!.id));
    const afterFeed = await s.post(url, {
      _csrf: csrfFrom(third.body),
      _formToken: formTokenFrom(third.body),
      version: '2',
      typeCode: 'ABA5-FFH',
      ...date('heldOn', '2026-02-20'),
      time: '14:00',
      status: 'COMPLETED',
      outcome: 'x',
    });
    assert.equal(afterFeed.statusCode, 409);
  });

  it('keeps an imported hearing’s court type and answers 404 for a hearing not of this case', async () => {
    const kase = await seedCase(t.database, { status: 'allocated' });
    const [imported] = await t.database.db
      .insert(hearing)
      .values({
        caseId: kase.caseId,
        sourceRef: 'HMC-1',
        typeCode: 'ABA5-SCF',
        typeLabel: 'Settlement Conference',
        status: 'LISTED',
        startsAt: '2026-05-01T09:00:00Z',
      })
      .returning({ id: hearing.id });
    const page = await s.get(`/cases/${kase.caseId}/court/hearings/${imported!.id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Settlement Conference \(from the court\)/);
    const court = await s.get(`/cases/${kase.caseId}/court`);
    assert.match(court.body, /Settlement Conference/);
    assert.match(court.body, /From the court/);
    const other = await seedCase(t.database, { status: 'allocated' });
    assert.equal((await s.get(`/cases/${other.caseId}/court/hearings/${imported!.id}`)).statusCode, 404);
    assert.equal((await s.get(`/cases/${kase.caseId}/court/hearings/not-a-hearing`)).statusCode, 404);
    const csrf = csrfFrom(page.body);
    assert.equal(
      (await s.post(`/cases/${other.caseId}/court/hearings/${imported!.id}`, { _csrf: csrf })).statusCode,
      404,
    );
  });

  it('says what is wrong with a hearing and keeps what was typed', async () => {
    const kase = await seedCase(t.database, { status: 'allocated' });
    const url = `/cases/${kase.caseId}/court/hearings/new`;
    const page = await s.get(url);
    const empty = await s.post(url, { _csrf: csrfFrom(page.body) });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /There is a problem/);
    assert.match(empty.body, /Choose the type of hearing/);
    assert.match(empty.body, /Enter the date of the hearing/);
    assert.match(empty.body, /Enter the time of the hearing/);
    const bad = await s.post(url, {
      _csrf: csrfFrom(page.body),
      _formToken: formTokenFrom(page.body),
      typeCode: 'NOT-A-TYPE',
      ...date('heldOn', '2026-02-30'),
      time: '25:00',
      venue: 'Kept venue',
      status: 'COMPLETED',
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /The date of the hearing must be a real date/);
    assert.match(bad.body, /Enter the time in 24-hour time/);
    assert.match(bad.body, /Kept venue/);
    const future = await s.post(url, {
      _csrf: csrfFrom(page.body),
      _formToken: formTokenFrom(page.body),
      typeCode: 'ABA5-DRA',
      ...date('heldOn', '2026-09-01'),
      time: '10:00',
      status: 'COMPLETED',
      outcome: 'Not yet',
    });
    assert.equal(future.statusCode, 400);
    assert.match(future.body, /A hearing that has not happened yet cannot be completed/);
    assert.equal((await t.database.db.select().from(hearing).where(eq(hearing.caseId, kase.caseId))).length, 0);
    // Without a CSRF token: refused.
    const noCsrf = await s.post(url, { _formToken: formTokenFrom(page.body), typeCode: 'ABA5-DRA' });
    assert.equal(noCsrf.statusCode, 403);
  });

  it('records an order, and a final order moves the case to closing once, leaving directions open', async () => {
    const kase = await seedCase(t.database, { status: 'report-filed' });
    const directionId = await seedDirection(t.database, { caseId: kase.caseId, dueOn: '2026-04-01' });
    await submit(`/cases/${kase.caseId}/court/hearings/new`, {
      typeCode: 'ABA5-FFH',
      ...date('heldOn', '2026-03-02'),
      time: '10:00',
      status: 'COMPLETED',
      outcome: 'Final order made.',
    });
    const [h] = await t.database.db.select().from(hearing).where(eq(hearing.caseId, kase.caseId));
    const interim = await submit(`/cases/${kase.caseId}/court/orders/new`, {
      orderType: 'other',
      label: 'Interim contact order',
      ...date('madeOn', '2026-02-10'),
      hearingId: '',
      final: 'no',
    });
    assert.equal(interim.response.statusCode, 303);
    assert.equal(await finalOrderOf(t.database.db, kase.caseId), null);
    const { page, response } = await submit(`/cases/${kase.caseId}/court/orders/new`, {
      orderType: 'C43',
      ...date('madeOn', '2026-03-02'),
      hearingId: h!.id,
      final: 'yes',
    });
    assert.match(page.body, /Open directions stay on the court page/);
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, `/cases/${kase.caseId}/court?saved=final-order`);
    const [c] = await t.database.db.select().from(caseRecord).where(eq(caseRecord.id, kase.caseId));
    assert.equal(c!.status, 'closing');
    const final = await finalOrderOf(t.database.db, kase.caseId);
    assert.equal(final?.orderType, 'C43');
    assert.equal(final?.madeOn, '2026-03-02');
    assert.equal(final?.label, null);
    const orders = await t.database.db.select().from(courtOrder).where(eq(courtOrder.caseId, kase.caseId));
    assert.equal(orders.length, 2);
    assert.equal(orders.find((o) => o.final)!.hearingId, h!.id);
    assert.equal(orders.find((o) => o.final)!.recordedBy, fca.userId);
    const k = await kinds(kase.caseId);
    assert.ok(k.includes('court.order-recorded'));
    assert.ok(k.includes('state.final-order'));
    const [d] = await t.database.db.select().from(courtDirection).where(eq(courtDirection.id, directionId));
    assert.equal(d!.filedOn, null);
    const court = await s.get(response.headers.location as string);
    assert.match(court.body, /The final order has been recorded/);
    assert.match(court.body, /Final order/);
    assert.match(court.body, /Interim contact order/);
    assert.match(court.body, /Section 7 report/);
    // A second final order is refused: the case is closing now.
    const second = await submit(`/cases/${kase.caseId}/court/orders/new`, {
      orderType: 'C43',
      ...date('madeOn', '2026-03-02'),
      final: 'yes',
    });
    assert.equal(second.response.statusCode, 409);
    assert.match(second.response.body, /A final order can be recorded only when the case is allocated/);
  });

  it('refuses a final order before allocation, field by field, and records nothing', async () => {
    const kase = await seedCase(t.database, { status: 'awaiting-allocation' });
    const { response } = await submit(`/cases/${kase.caseId}/court/orders/new`, {
      orderType: 'C43',
      ...date('madeOn', '2026-03-01'),
      final: 'yes',
    });
    assert.equal(response.statusCode, 409);
    assert.match(response.body, /href="#final"/);
    assert.match(response.body, /A final order can be recorded only when the case is allocated/);
    assert.equal((await t.database.db.select().from(courtOrder).where(eq(courtOrder.caseId, kase.caseId))).length, 0);
    const [c] = await t.database.db.select().from(caseRecord).where(eq(caseRecord.id, kase.caseId));
    assert.equal(c!.status, 'awaiting-allocation');
    const page = await s.get(`/cases/${kase.caseId}/court/orders/new`);
    const invalid = await s.post(`/cases/${kase.caseId}/court/orders/new`, {
      _csrf: csrfFrom(page.body),
      _formToken: formTokenFrom(page.body),
      orderType: 'other',
      ...date('madeOn', '2026-03-03'),
      hearingId: '00000000-0000-4000-8000-000000000000',
    });
    assert.equal(invalid.statusCode, 400);
    assert.match(invalid.body, /Enter the name of the order/);
    assert.match(invalid.body, /must be today or in the past/);
    assert.match(invalid.body, /Choose a hearing of this case/);
    assert.match(invalid.body, /Say whether this is the final order/);
  });

  it('adds a direction, changes its date with the reason kept in history, and refuses stale or filed changes', async () => {
    const kase = await seedCase(t.database, { status: 'reporting' });
    const added = await submit(`/cases/${kase.caseId}/court/directions/new`, {
      reportType: 's7-addendum',
      ...date('dueOn', '2026-04-10'),
    });
    assert.equal(added.response.statusCode, 303);
    const [d] = await t.database.db.select().from(courtDirection).where(eq(courtDirection.caseId, kase.caseId));
    assert.equal(d!.source, 'manual');
    assert.equal(d!.createdBy, fca.userId);
    const url = `/cases/${kase.caseId}/court/directions/${d!.id}`;
    const first = await s.get(url);
    const second = await s.get(url);
    assert.match(first.body, /Section 7 addendum report/);
    assert.match(first.body, /The filing date has not been changed/);
    const changed = await s.post(url, {
      _csrf: csrfFrom(first.body),
      _formToken: formTokenFrom(first.body),
      version: '1',
      ...date('dueOn', '2026-05-08'),
      reason: 'The court extended time at the review on 2 March.',
    });
    assert.equal(changed.statusCode, 303);
    const again = await s.post(url, {
      _csrf: csrfFrom(first.body),
      _formToken: formTokenFrom(first.body),
      version: '1',
      ...date('dueOn', '2026-05-08'),
      reason: 'The court extended time at the review on 2 March.',
    });
    assert.equal(again.statusCode, 303);
    const history = await t.database.db
      .select()
      .from(courtDirectionChange)
      .where(eq(courtDirectionChange.directionId, d!.id));
    assert.equal(history.length, 1);
    assert.equal(history[0]!.previousDueOn, '2026-04-10');
    assert.equal(history[0]!.newDueOn, '2026-05-08');
    const [now] = await t.database.db.select().from(courtDirection).where(eq(courtDirection.id, d!.id));
    assert.equal(now!.dueOn, '2026-05-08');
    assert.equal(now!.version, 2);
    const page = await s.get(url);
    assert.match(page.body, /10 April 2026/);
    assert.match(page.body, /8 May 2026/);
    assert.match(page.body, /The court extended time at the review on 2 March/);
    assert.ok((await kinds(kase.caseId)).includes('court.direction-date-changed'));
    const stale = await s.post(url, {
      _csrf: csrfFrom(second.body),
      _formToken: formTokenFrom(second.body),
      version: '1',
      ...date('dueOn', '2026-06-01'),
      reason: 'Other tab',
    });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /Someone else changed this case/);
    const unchanged = await s.post(url, {
      _csrf: csrfFrom(page.body),
      _formToken: formTokenFrom(page.body),
      version: '2',
      ...date('dueOn', '2026-05-08'),
      reason: 'Same again',
    });
    assert.equal(unchanged.statusCode, 400);
    assert.match(unchanged.body, /The new filing date is the same as the current one/);
    const noReason = await s.post(url, {
      _csrf: csrfFrom(page.body),
      _formToken: formTokenFrom(page.body),
      version: '2',
      ...date('dueOn', '2026-05-09'),
    });
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.body, /Enter why the filing date changed/);
    // Filed: the date no longer changes.
    await t.database.db.update(courtDirection).set({ filedOn: '2026-03-01' }).where(eq(courtDirection.id, d!.id));
    const filedPage = await s.get(url);
    assert.match(filedPage.body, /It was filed on 1 March 2026/);
    assert.ok(!filedPage.body.includes('name="reason"'));
    const filed = await s.post(url, {
      _csrf: csrfFrom(page.body),
      _formToken: formTokenFrom(page.body),
      version: '3',
      ...date('dueOn', '2026-06-01'),
      reason: 'Too late',
    });
    assert.equal(filed.statusCode, 409);
    assert.equal(
      (await t.database.db.select().from(courtDirectionChange).where(eq(courtDirectionChange.directionId, d!.id)))
        .length,
      1,
    );
    // Someone else's direction id: 404.
    const other = await seedCase(t.database, { status: 'reporting' });
    assert.equal((await s.get(`/cases/${other.caseId}/court/directions/${d!.id}`)).statusCode, 404);
    assert.equal((await s.get(`/cases/${kase.caseId}/court/directions/nope`)).statusCode, 404);
  });

  it('is not open to those outside need-to-know, nor editable by a read-only role', async () => {
    const kase = await seedCase(t.database, { status: 'allocated' });
    const outsider = await createUser(t.database, 'fca', { teamId: 'test-team-c', areaId: 'eng-01' });
    const o = await signedIn(t.app, outsider.email);
    for (const url of [
      `/cases/${kase.caseId}/court`,
      `/cases/${kase.caseId}/court/hearings/new`,
      `/cases/${kase.caseId}/court/orders/new`,
      `/cases/${kase.caseId}/court/directions/new`,
      `/cases/${kase.caseId}/court/delay-notices/new`,
    ]) {
      const r = await o.get(url);
      assert.ok([403, 404].includes(r.statusCode), `${url}: ${r.statusCode}`);
      assert.ok(!r.body.includes('Testmother'));
    }
    const qa = await createUser(t.database, 'qa-auditor', { teamId: null, areaId: null });
    const q = await signedIn(t.app, qa.email);
    assert.equal((await q.get(`/cases/${kase.caseId}/court/hearings/new`)).statusCode, 403);
    const csrf = csrfFrom((await q.get('/caseload')).body);
    const post = await q.post(`/cases/${kase.caseId}/court/orders/new`, {
      _csrf: csrf,
      _formToken: 'q'.repeat(32),
      orderType: 'C43',
      ...date('madeOn', '2026-03-01'),
      final: 'yes',
    });
    assert.equal(post.statusCode, 403);
    assert.equal((await t.database.db.select().from(courtOrder).where(eq(courtOrder.caseId, kase.caseId))).length, 0);
  });
});
