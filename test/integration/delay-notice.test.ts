import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { timelineEvent } from '../../src/modules/casework/schema.ts';
import { delayNotice, delayNoticeRecipient } from '../../src/modules/court/schema.ts';
import { auditEvent } from '../../src/platform/audit/schema.ts';
import { outboxMessage } from '../../src/platform/notify/schema.ts';
import { renderMessage } from '../../src/platform/notify/templates.ts';
import { createUser, csrfFrom, formTokenFrom, type Session, signedIn, type TestApp, testApp } from '../helpers/app.ts';
import { CANARY_ADDRESS, CANARY_POSTCODE, seedCase } from '../helpers/cases.ts';
import { addContact, seedDirection, speaksWelsh } from '../helpers/court.ts';

const HIDDEN_EMAIL = 'hidden.mother@refuge.example.test';
const HIDDEN_PHONE = '07700 900999';

describe('telling the parties of delay (DOMAIN §3.4)', () => {
  let t: TestApp;
  let fca: { userId: string; email: string };
  let s: Session;

  before(async () => {
    t = await testApp();
    fca = await createUser(t.database, 'fca');
    s = await signedIn(t.app, fca.email);
  });
  after(() => t.close());

  /** A case whose section 7 report is due tomorrow (the clock is Monday 2 March 2026), nothing filed. */
  async function lateCase() {
    const kase = await seedCase(t.database, { status: 'reporting' });
    await addContact(t.database, {
      caseId: kase.caseId,
      personId: kase.personIds.mother!,
      kind: 'email',
      value: HIDDEN_EMAIL,
      confidential: true,
    });
    await addContact(t.database, {
      caseId: kase.caseId,
      personId: kase.personIds.mother!,
      kind: 'phone',
      value: HIDDEN_PHONE,
      confidential: true,
    });
    await addContact(t.database, {
      caseId: kase.caseId,
      personId: kase.personIds.father!,
      kind: 'email',
      value: 'father@example.test',
    });
    await speaksWelsh(t.database, kase.personIds.father!);
    const directionId = await seedDirection(t.database, { caseId: kase.caseId, dueOn: '2026-03-03' });
    return { ...kase, directionId };
  }

  const expected = { 'expectedOn-day': '20', 'expectedOn-month': '3', 'expectedOn-year': '2026' };

  it('warns on the court page and on the list of dates at risk, for those who can see the case', async () => {
    const kase = await lateCase();
    const onTrack = await seedCase(t.database, { status: 'reporting' });
    await seedDirection(t.database, { caseId: onTrack.caseId, dueOn: '2026-03-20' });
    const court = await s.get(`/cases/${kase.caseId}/court`);
    assert.match(court.body, /The section 7 report is due on 3 March 2026 and will not be filed in time/);
    assert.match(
      court.body,
      new RegExp(`/cases/${kase.caseId}/court/delay-notices/new\\?directionId=${kase.directionId}`),
    );
    assert.match(court.body, /Will be missed/);
    const list = await s.get('/court/at-risk');
    assert.equal(list.statusCode, 200);
    assert.ok(list.body.includes(kase.reference));
    assert.ok(!list.body.includes(onTrack.reference));
    assert.match(list.body, /Not told/);
    // Another area's FCA sees neither the case nor its row; an administrator may not look.
    const outsider = await createUser(t.database, 'fca', { teamId: 'test-team-c', areaId: 'eng-01' });
    const theirs = await (await signedIn(t.app, outsider.email)).get('/court/at-risk');
    assert.equal(theirs.statusCode, 200);
    assert.ok(!theirs.body.includes(kase.reference));
    const admin = await createUser(t.database, 'system-admin', { teamId: null });
    assert.equal((await (await signedIn(t.app, admin.email)).get('/court/at-risk')).statusCode, 403);
    const audit = await t.database.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.caseId, kase.caseId), eq(auditEvent.action, 'search')));
    assert.ok(audit.length >= 1);
  });

  it('queues one message per party, once even on a double submit, in each party’s language, with no confidential value', async () => {
    const kase = await lateCase();
    const url = `/cases/${kase.caseId}/court/delay-notices/new`;
    const page = await s.get(`${url}?directionId=${kase.directionId}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, new RegExp(`value="${kase.directionId}" checked`));
    assert.match(page.body, /E-mail to father@example.test/);
    assert.match(page.body, /Letter to the address on file/);
    assert.match(page.body, /In Welsh/);
    for (const secret of [HIDDEN_EMAIL, HIDDEN_PHONE, CANARY_ADDRESS, CANARY_POSTCODE]) {
      assert.ok(!page.body.includes(secret), `form shows ${secret}`);
    }
    assert.ok(!page.body.includes('Testchild Example ('), 'children are not parties to tell');
    const form = {
      _csrf: csrfFrom(page.body),
      _formToken: formTokenFrom(page.body),
      directionId: kase.directionId,
      ...expected,
      reason: 'The school has not yet sent its report on the children.',
    };
    const body = new URLSearchParams(form);
    body.append('parties', kase.partyIds.mother!);
    body.append('parties', kase.partyIds.father!);
    body.append(`channel-${kase.partyIds.mother}`, 'letter');
    body.append(`channel-${kase.partyIds.father}`, 'email');
    const post = () =>
      t.app.inject({
        method: 'POST',
        url,
        payload: body.toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: s.jar.header() },
      });
    const [first, second] = await Promise.all([post(), post()]);
    assert.equal(first.statusCode, 303);
    assert.equal(second.statusCode, 303);
    assert.equal(first.headers.location, `/cases/${kase.caseId}/court?saved=delay-notice`);
    const third = await post();
    assert.equal(third.statusCode, 303);

    const notices = await t.database.db.select().from(delayNotice).where(eq(delayNotice.caseId, kase.caseId));
    assert.equal(notices.length, 1);
    const notice = notices[0]!;
    assert.equal(notice.dueOn, '2026-03-03');
    assert.equal(notice.expectedOn, '2026-03-20');
    const recipients = await t.database.db
      .select()
      .from(delayNoticeRecipient)
      .where(eq(delayNoticeRecipient.noticeId, notice.id));
    assert.equal(recipients.length, 2);
    const messages = await t.database.db.select().from(outboxMessage).where(eq(outboxMessage.caseId, kase.caseId));
    assert.equal(messages.length, 2);
    const toMother = messages.find((m) => m.recipientPersonId === kase.personIds.mother)!;
    const toFather = messages.find((m) => m.recipientPersonId === kase.personIds.father)!;
    assert.equal(toMother.idempotencyKey, `delay-notice:${notice.id}:${kase.partyIds.mother}`);
    assert.equal(toFather.idempotencyKey, `delay-notice:${notice.id}:${kase.partyIds.father}`);
    assert.equal(toMother.template, 'delay-notice');
    assert.equal(toMother.channel, 'letter');
    assert.equal(toMother.recipient, null);
    assert.equal(toMother.language, 'en');
    assert.equal(toFather.channel, 'email');
    assert.equal(toFather.recipient, 'father@example.test');
    assert.equal(toFather.language, 'cy');
    assert.equal(toMother.status, 'pending');
    const pm = toMother.personalisation as Record<string, string>;
    const pf = toFather.personalisation as Record<string, string>;
    assert.deepEqual(pm, {
      reference: kase.reference,
      name: 'Testmother Example',
      late: 'section 7 report',
      newDate: '20 March 2026',
      reason: 'The school has not yet sent its report on the children.',
    });
    assert.equal(pf.late, 'adroddiad adran 7');
    assert.equal(pf.newDate, '20 Mawrth 2026');
    assert.equal(pf.name, 'Testfather Example');
    // Never another party's details, nor any confidential value, in any outbox row.
    for (const row of messages) {
      const text = JSON.stringify(row);
      for (const secret of [HIDDEN_EMAIL, HIDDEN_PHONE, '900999', CANARY_ADDRESS, CANARY_POSTCODE]) {
        assert.ok(!text.includes(secret), `outbox row holds ${secret}`);
      }
    }
    assert.ok(!JSON.stringify(toMother).includes('Testfather'));
    assert.ok(!JSON.stringify(toFather).includes('Testmother'));
    // The delivery job will render them: in Welsh for the father.
    const welsh = renderMessage('delay-notice', 'cy', pf);
    assert.match(welsh.subject, new RegExp(`Achos ${kase.reference}`));
    assert.match(welsh.body, /Annwyl Testfather Example/);
    assert.match(welsh.body, /adroddiad adran 7/);
    assert.match(welsh.body, /20 Mawrth 2026/);

    const timeline = await t.database.db.select().from(timelineEvent).where(eq(timelineEvent.caseId, kase.caseId));
    assert.equal(timeline.filter((e) => e.kind === 'court.delay-notice').length, 1);
    const audit = await t.database.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.caseId, kase.caseId), eq(auditEvent.resourceType, 'delay-notice')));
    assert.equal(audit.length, 1);
    assert.ok(audit[0]!.resourceIds.includes(toFather.id));

    const court = await s.get(first.headers.location as string);
    assert.match(court.body, /The parties will be told about the delay/);
    assert.match(court.body, /The parties were told on 2 March 2026 that it is now expected by 20 March 2026/);
    assert.match(court.body, /Testfather Example: Email, Waiting/);
    assert.match(court.body, /Delay notice/);
    for (const secret of [HIDDEN_EMAIL, CANARY_ADDRESS]) assert.ok(!court.body.includes(secret));
    const list = await s.get('/court/at-risk');
    assert.match(list.body, /Told on 2 March 2026, now expected by 20 March 2026/);
  });

  it('refuses a reason holding a confidential detail, and says what else is wrong, queuing nothing', async () => {
    const kase = await lateCase();
    const other = await seedCase(t.database, { status: 'reporting' });
    const url = `/cases/${kase.caseId}/court/delay-notices/new`;
    const page = await s.get(url);
    const csrf = csrfFrom(page.body);
    const token = formTokenFrom(page.body);
    const empty = await s.post(url, { _csrf: csrf });
    assert.equal(empty.statusCode, 400);
    for (const message of [
      /Choose what will be late/,
      /Enter when we now expect to file it/,
      /Enter the reason for the delay/,
      /Select at least one party to tell/,
    ]) {
      assert.match(empty.body, message);
    }
    const confidential = await s.post(url, {
      _csrf: csrf,
      _formToken: token,
      directionId: kase.directionId,
      ...expected,
      reason: `Mother has moved to ${CANARY_ADDRESS.toLowerCase()}`,
      parties: kase.partyIds.father!,
      [`channel-${kase.partyIds.father}`]: 'email',
    });
    assert.equal(confidential.statusCode, 400);
    assert.match(confidential.body, /The reason contains a confidential contact detail/);
    const wrong = await s.post(url, {
      _csrf: csrf,
      _formToken: token,
      directionId: kase.directionId,
      'expectedOn-day': '3',
      'expectedOn-month': '3',
      'expectedOn-year': '2026',
      reason: 'Sickness',
      parties: other.partyIds.mother!,
    });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /The expected date must be after the date it was due/);
    assert.match(wrong.body, /Select at least one party to tell/);
    // A text message to a party with no usable phone number is not offered, nor accepted.
    const noPhone = await s.post(url, {
      _csrf: csrf,
      _formToken: token,
      directionId: kase.directionId,
      ...expected,
      reason: 'Sickness',
      parties: kase.partyIds.mother!,
      [`channel-${kase.partyIds.mother}`]: 'sms',
    });
    assert.equal(noPhone.statusCode, 400);
    assert.match(noPhone.body, /Choose how to tell this party/);
    const past = await s.post(url, {
      _csrf: csrf,
      _formToken: token,
      directionId: kase.directionId,
      'expectedOn-day': '1',
      'expectedOn-month': '3',
      'expectedOn-year': '2026',
      reason: 'Sickness',
      parties: kase.partyIds.father!,
      [`channel-${kase.partyIds.father}`]: 'letter',
    });
    assert.equal(past.statusCode, 400);
    assert.match(past.body, /The expected date must be today or in the future/);
    assert.equal(
      (await t.database.db.select().from(outboxMessage).where(eq(outboxMessage.caseId, kase.caseId))).length,
      0,
    );
    assert.equal((await t.database.db.select().from(delayNotice).where(eq(delayNotice.caseId, kase.caseId))).length, 0);
    // The token was never used: the corrected form goes through.
    const ok = await s.post(url, {
      _csrf: csrf,
      _formToken: token,
      directionId: kase.directionId,
      ...expected,
      reason: 'Sickness',
      parties: kase.partyIds.father!,
      [`channel-${kase.partyIds.father}`]: 'letter',
    });
    assert.equal(ok.statusCode, 303);
    assert.equal(
      (await t.database.db.select().from(outboxMessage).where(eq(outboxMessage.caseId, kase.caseId))).length,
      1,
    );
  });

  it('is refused to those who may not change the case, and queues nothing', async () => {
    const kase = await lateCase();
    const qa = await createUser(t.database, 'qa-auditor', { teamId: null, areaId: null });
    const q = await signedIn(t.app, qa.email);
    assert.equal((await q.get(`/cases/${kase.caseId}/court/delay-notices/new`)).statusCode, 403);
    const r = await q.post(`/cases/${kase.caseId}/court/delay-notices/new`, {
      _csrf: csrfFrom((await q.get('/caseload')).body),
      _formToken: 'z'.repeat(32),
      directionId: kase.directionId,
      ...expected,
      reason: 'x',
      parties: kase.partyIds.father!,
      [`channel-${kase.partyIds.father}`]: 'email',
    });
    assert.equal(r.statusCode, 403);
    assert.ok(!r.body.includes('Testfather'));
    assert.equal(
      (await t.database.db.select().from(outboxMessage).where(eq(outboxMessage.caseId, kase.caseId))).length,
      0,
    );
  });
});
