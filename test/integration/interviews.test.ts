import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { caseRecord, timelineEvent } from '../../src/modules/casework/schema.ts';
import { safeguardingInterview } from '../../src/modules/safeguarding/schema.ts';
import { DA_QUESTIONS } from '../../src/modules/safeguarding/service.ts';
import { auditEvent } from '../../src/platform/audit/schema.ts';
import { createUser, csrfFrom, formTokenFrom, type Session, signedIn, type TestApp, testApp } from '../helpers/app.ts';
import { CANARY_ADDRESS, seedCase } from '../helpers/cases.ts';

const allNo = Object.fromEntries(DA_QUESTIONS.map((q) => [`da-${q}`, 'no']));

describe('safeguarding interviews', () => {
  let t: TestApp;
  let fca: { userId: string; email: string };
  let s: Session;

  before(async () => {
    t = await testApp();
    fca = await createUser(t.database, 'fca');
    s = await signedIn(t.app, fca.email);
  });
  after(() => t.close());

  const interviews = (caseId: string) =>
    t.database.db.select().from(safeguardingInterview).where(eq(safeguardingInterview.caseId, caseId));

  it('records an interview with its domestic-abuse screening, once per form, and shows it', async () => {
    const kase = await seedCase(t.database);
    const page = await s.get(`/cases/${kase.caseId}/interviews/new`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Testmother Example/);
    assert.match(page.body, /Has anyone threatened to kill them or the children\?/);
    assert.match(page.body, /value="telephone" checked/);
    assert.ok(!page.body.includes('Testchild Example</label>'));
    assert.ok(!page.body.includes(CANARY_ADDRESS));
    const form = {
      _csrf: csrfFrom(page.body),
      _formToken: formTokenFrom(page.body),
      partyId: kase.partyIds.mother!,
      'heldOn-day': '2',
      'heldOn-month': '3',
      'heldOn-year': '2026',
      method: 'telephone',
      ...allNo,
      'da-frightened': 'yes',
      'da-weapons': 'not-asked',
      summary: 'Mother describes controlling behaviour since separation.',
    };
    const r = await s.post(`/cases/${kase.caseId}/interviews/new`, form);
    assert.equal(r.statusCode, 303);
    assert.equal(r.headers.location, `/cases/${kase.caseId}/safeguarding?saved=interview`);
    const again = await s.post(`/cases/${kase.caseId}/interviews/new`, form);
    assert.equal(again.statusCode, 303);
    const rows = await interviews(kase.caseId);
    assert.equal(rows.length, 1);
    const row = rows[0]!;
    assert.equal(row.partyId, kase.partyIds.mother);
    assert.equal(row.heldOn, '2026-03-02');
    assert.equal(row.onHearingDay, false);
    assert.equal(row.interviewerId, fca.userId);
    assert.equal((row.domesticAbuseScreening as Record<string, string>).frightened, 'yes');
    assert.equal((row.domesticAbuseScreening as Record<string, string>).weapons, 'not-asked');
    const kinds = (await t.database.db.select().from(timelineEvent).where(eq(timelineEvent.caseId, kase.caseId))).map(
      (e) => e.kind,
    );
    assert.ok(kinds.includes('interviews.recorded'));
    const audit = await t.database.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.caseId, kase.caseId), eq(auditEvent.resourceType, 'safeguarding-interview')));
    assert.deepEqual(audit[0]!.fieldCategories, ['interview']);
    const overview = await s.get(r.headers.location as string);
    assert.match(overview.body, /Interview with Testmother Example/);
    assert.match(overview.body, /Are they very frightened\?/);
    assert.match(overview.body, /Has a weapon been used or threatened\?/);
    assert.ok(!overview.body.includes('Held on the hearing day'));
  });

  it('flags an interview held on the day of the first hearing', async () => {
    const kase = await seedCase(t.database);
    // The seeded first hearing is 1 April 2026: interview on that day, seen from that day.
    await t.database.db.update(caseRecord).set({ firstHearingOn: '2026-03-02' }).where(eq(caseRecord.id, kase.caseId));
    const page = await s.get(`/cases/${kase.caseId}/interviews/new`);
    assert.match(page.body, /The first hearing is on 2 March 2026/);
    const r = await s.post(`/cases/${kase.caseId}/interviews/new`, {
      _csrf: csrfFrom(page.body),
      _formToken: formTokenFrom(page.body),
      partyId: kase.partyIds.father!,
      'heldOn-day': '2',
      'heldOn-month': '3',
      'heldOn-year': '2026',
      method: 'video',
      ...allNo,
      summary: 'Father seen at court before the hearing.',
    });
    assert.equal(r.statusCode, 303);
    assert.equal((await interviews(kase.caseId))[0]!.onHearingDay, true);
    const overview = await s.get(`/cases/${kase.caseId}/safeguarding`);
    assert.match(overview.body, /Held on the hearing day/);
    assert.match(overview.body, /Video call/);
  });

  it('says what is missing or wrong, and keeps what was typed', async () => {
    const kase = await seedCase(t.database);
    const page = await s.get(`/cases/${kase.caseId}/interviews/new`);
    const csrf = csrfFrom(page.body);
    const empty = await s.post(`/cases/${kase.caseId}/interviews/new`, { _csrf: csrf });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Select who you interviewed/);
    assert.match(empty.body, /Enter the date the interview was held/);
    assert.match(empty.body, /Select yes, no or not asked/);
    assert.match(empty.body, /Enter a summary of the interview/);
    const future = await s.post(`/cases/${kase.caseId}/interviews/new`, {
      _csrf: csrf,
      _formToken: formTokenFrom(page.body),
      partyId: kase.partyIds.mother!,
      'heldOn-day': '3',
      'heldOn-month': '3',
      'heldOn-year': '2026',
      method: 'telephone',
      ...allNo,
      summary: 'Kept text',
    });
    assert.equal(future.statusCode, 400);
    assert.match(future.body, /must be today or in the past/);
    assert.match(future.body, /Kept text/);
    // A party of another case is refused.
    const other = await seedCase(t.database);
    const wrong = await s.post(`/cases/${kase.caseId}/interviews/new`, {
      _csrf: csrf,
      _formToken: formTokenFrom(page.body),
      partyId: other.partyIds.mother!,
      'heldOn-day': '2',
      'heldOn-month': '3',
      'heldOn-year': '2026',
      method: 'telephone',
      ...allNo,
      summary: 'x',
    });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /Select who you interviewed/);
    assert.equal((await interviews(kase.caseId)).length, 0);
  });

  it('is not open to an inspector, a QA auditor, or an FCA of another area', async () => {
    const kase = await seedCase(t.database);
    for (const [role, options] of [
      ['inspector', { teamId: null, areaId: null }],
      ['qa-auditor', { teamId: null, areaId: null }],
      ['fca', { teamId: 'test-team-c', areaId: 'eng-01' }],
    ] as const) {
      const user = await createUser(t.database, role, options);
      const session = await signedIn(t.app, user.email);
      const r = await session.get(`/cases/${kase.caseId}/interviews/new`);
      assert.ok([403, 404].includes(r.statusCode), `${role}: ${r.statusCode}`);
      assert.ok(!r.body.includes('Testmother'));
      const csrf = csrfFrom((await session.get('/caseload')).body);
      const post = await session.post(`/cases/${kase.caseId}/interviews/new`, {
        _csrf: csrf,
        _formToken: 'y'.repeat(32),
        partyId: kase.partyIds.mother!,
        'heldOn-day': '2',
        'heldOn-month': '3',
        'heldOn-year': '2026',
        method: 'telephone',
        ...allNo,
        summary: 'x',
      });
      assert.ok([403, 404].includes(post.statusCode), `${role} post: ${post.statusCode}`);
    }
    assert.equal((await interviews(kase.caseId)).length, 0);
  });
});
