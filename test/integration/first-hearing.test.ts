import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { caseRecord, courtDirection, hearing, timelineEvent } from '../../src/modules/casework/schema.ts';
import { moveCase } from '../../src/modules/casework/service.ts';
import { firstHearingOutcome } from '../../src/modules/safeguarding/schema.ts';
import { createUser, csrfFrom, formTokenFrom, type Session, signedIn, type TestApp, testApp } from '../helpers/app.ts';
import { seedCase } from '../helpers/cases.ts';

describe('first hearing outcome', () => {
  let t: TestApp;
  let fca: { userId: string; email: string };
  let s: Session;

  before(async () => {
    t = await testApp();
    fca = await createUser(t.database, 'fca');
    s = await signedIn(t.app, fca.email);
  });
  after(() => t.close());

  async function caseAwaitingHearing() {
    const kase = await seedCase(t.database, { allocateTo: fca.userId });
    await t.database.db.transaction(async (tx) => {
      const now = new Date('2026-03-02T09:00:00Z');
      await moveCase(tx, {
        caseId: kase.caseId,
        event: { type: 'screened', decision: 'standard' },
        actorUserId: null,
        now,
      });
      await moveCase(tx, { caseId: kase.caseId, event: { type: 'letter-filed' }, actorUserId: null, now });
    });
    return kase;
  }

  async function post(caseId: string, fields: Record<string, string | string[]>) {
    const page = await s.get(`/cases/${caseId}/first-hearing`);
    assert.equal(page.statusCode, 200);
    const body = new URLSearchParams();
    body.append('_csrf', csrfFrom(page.body));
    body.append('_formToken', page.body.includes('_formToken') ? formTokenFrom(page.body) : 'c'.repeat(32));
    for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) body.append(k, one);
    return t.app.inject({
      method: 'POST',
      url: `/cases/${caseId}/first-hearing`,
      payload: body.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: s.jar.header() },
    });
  }

  const date = (prefix: string, iso: string) => {
    const [y, m, d] = iso.split('-');
    return { [`${prefix}-day`]: String(Number(d)), [`${prefix}-month`]: String(Number(m)), [`${prefix}-year`]: y! };
  };

  it('records further work: outcome, a direction for the report, the next hearing, the move to awaiting allocation', async () => {
    const kase = await caseAwaitingHearing();
    const r = await post(kase.caseId, {
      ...date('heardOn', '2026-03-01'),
      outcome: 'further-work',
      reportType: 'section-7',
      ...date('filingDueOn', '2026-05-10'),
      ...date('nextHearingOn', '2026-06-01'),
      referral: 'no',
      notes: 'Section 7 ordered on both children.',
    });
    assert.equal(r.statusCode, 303);
    const [outcome] = await t.database.db
      .select()
      .from(firstHearingOutcome)
      .where(eq(firstHearingOutcome.caseId, kase.caseId));
    assert.equal(outcome!.outcome, 'further-work');
    assert.equal(outcome!.reportType, 'section-7');
    assert.equal(outcome!.filingDueOn, '2026-05-10');
    const directions = await t.database.db.select().from(courtDirection).where(eq(courtDirection.caseId, kase.caseId));
    assert.equal(directions.length, 1);
    assert.equal(directions[0]!.source, 'fhdra-outcome');
    assert.equal(directions[0]!.dueOn, '2026-05-10');
    assert.equal(directions[0]!.reportType, 'section-7');
    const hearings = await t.database.db.select().from(hearing).where(eq(hearing.caseId, kase.caseId));
    assert.equal(hearings.length, 1);
    assert.equal(hearings[0]!.typeCode, 'next-hearing');
    const [row] = await t.database.db.select().from(caseRecord).where(eq(caseRecord.id, kase.caseId));
    assert.equal(row!.status, 'awaiting-allocation');
    const events = await t.database.db.select().from(timelineEvent).where(eq(timelineEvent.caseId, kase.caseId));
    assert.ok(events.some((e) => e.kind === 'first-hearing.recorded'));
    const audits = await t.database.db.execute(
      sql`SELECT count(*)::int AS n FROM audit_event WHERE case_id = ${kase.caseId} AND resource_type = 'first-hearing-outcome' AND action = 'create'`,
    );
    assert.equal((audits as unknown as { rows: { n: number }[] }).rows[0]!.n, 1);
    // The page now shows what was recorded, and the overview shows the timeline entry.
    const page = await s.get(`/cases/${kase.caseId}/first-hearing?notice=recorded`);
    assert.match(page.body, /The first hearing outcome has been recorded/);
    assert.match(page.body, /Section 7 report/);
    assert.match((await s.get(`/cases/${kase.caseId}`)).body, /First hearing outcome recorded/);
    // Once only.
    const again = await post(kase.caseId, {
      ...date('heardOn', '2026-03-01'),
      outcome: 'resolved',
      ordersMade: 'C43',
      referral: 'no',
    });
    assert.equal(again.statusCode, 409);
  });

  it('records a resolved case with its orders and closes it', async () => {
    const kase = await caseAwaitingHearing();
    const r = await post(kase.caseId, {
      ...date('heardOn', '2026-03-01'),
      outcome: 'resolved',
      ordersMade: ['C43', 'FL404A'],
      referral: 'yes',
    });
    assert.equal(r.statusCode, 303);
    const [outcome] = await t.database.db
      .select()
      .from(firstHearingOutcome)
      .where(eq(firstHearingOutcome.caseId, kase.caseId));
    assert.deepEqual(outcome!.ordersMade, ['C43', 'FL404A']);
    assert.equal(outcome!.childProtectionReferralMade, true);
    assert.equal(
      (await t.database.db.select().from(courtDirection).where(eq(courtDirection.caseId, kase.caseId))).length,
      0,
    );
    const [row] = await t.database.db.select().from(caseRecord).where(eq(caseRecord.id, kase.caseId));
    assert.equal(row!.status, 'closed');
  });

  it('refuses contradictory or missing answers with field messages, writing nothing', async () => {
    const kase = await caseAwaitingHearing();
    const cases: [Record<string, string | string[]>, RegExp][] = [
      [{}, /Enter the date of the hearing/],
      [
        {
          ...date('heardOn', '2026-03-01'),
          outcome: 'resolved',
          ordersMade: 'C43',
          reportType: 'section-7',
          referral: 'no',
        },
        /Do not select a report when the case was resolved/,
      ],
      [
        { ...date('heardOn', '2026-03-01'), outcome: 'further-work', referral: 'no' },
        /Select which report was ordered/,
      ],
      [
        { ...date('heardOn', '2026-03-01'), outcome: 'further-work', reportType: 's16a', referral: 'no' },
        /Enter the date the report must be filed/,
      ],
      [
        {
          ...date('heardOn', '2026-03-01'),
          outcome: 'further-work',
          reportType: 's16a',
          ...date('filingDueOn', '2026-02-20'),
          referral: 'no',
        },
        /must be after the date of the hearing/,
      ],
      [
        {
          'heardOn-day': '31',
          'heardOn-month': '2',
          'heardOn-year': '2026',
          outcome: 'resolved',
          ordersMade: 'C43',
          referral: 'no',
        },
        /must be a real date/,
      ],
      [
        { ...date('heardOn', '2026-03-01'), outcome: 'resolved', referral: 'no' },
        /Select the orders made at the hearing/,
      ],
      [{ ...date('heardOn', '2026-03-01'), outcome: 'adjourned', referral: 'no' }, /Select the outcome of the hearing/],
      [
        { ...date('heardOn', '2026-03-01'), outcome: 'resolved', ordersMade: 'C43' },
        /Select yes if a child protection referral was made/,
      ],
    ];
    for (const [fields, message] of cases) {
      const r = await post(kase.caseId, fields);
      assert.equal(r.statusCode, 400, JSON.stringify(fields));
      assert.match(r.body, message);
      assert.match(r.body, /govuk-error-summary/);
    }
    assert.equal(
      (await t.database.db.select().from(firstHearingOutcome).where(eq(firstHearingOutcome.caseId, kase.caseId)))
        .length,
      0,
    );
    // A bare post (CSRF only) is a 400, not a 500.
    const page = await s.get(`/cases/${kase.caseId}/first-hearing`);
    assert.equal((await s.post(`/cases/${kase.caseId}/first-hearing`, { _csrf: csrfFrom(page.body) })).statusCode, 400);
  });

  it('refuses people who may not edit the case', async () => {
    const kase = await caseAwaitingHearing();
    const auditor = await createUser(t.database, 'qa-auditor', { teamId: null, areaId: null });
    const a = await signedIn(t.app, auditor.email);
    assert.equal((await a.get(`/cases/${kase.caseId}/first-hearing`)).statusCode, 403);
    const outsider = await createUser(t.database, 'fca', { teamId: 'test-team-c', areaId: 'eng-01' });
    const o = await signedIn(t.app, outsider.email);
    const r = await o.get(`/cases/${kase.caseId}/first-hearing`);
    assert.ok([403, 404].includes(r.statusCode));
    assert.ok(!r.body.includes(kase.reference));
  });
});
