import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import { extractText, getDocumentProxy } from 'unpdf';
import { caseRecord, timelineEvent } from '../../src/modules/casework/schema.ts';
import { moveCase } from '../../src/modules/casework/service.ts';
import { letterReview, safeguardingCheck, safeguardingLetter } from '../../src/modules/safeguarding/schema.ts';
import { auditEvent } from '../../src/platform/audit/schema.ts';
import { docxText } from '../../src/platform/documents/zip.ts';
import { createUser, type Session, signedIn, type TestApp, testApp } from '../helpers/app.ts';
import { CANARY_ADDRESS, CANARY_POSTCODE, seedCase } from '../helpers/cases.ts';

type Seeded = Awaited<ReturnType<typeof seedCase>>;

const GOOD = {
  checks: 'Police checks were made for both parents.',
  interviews: 'Both parents were interviewed by telephone.',
  riskAnalysis: 'There are no safeguarding concerns that would prevent the parents agreeing arrangements.',
  signposting: 'The parents were given details of the family information service and local mediation.',
  recommendation: 'services',
  recommendationDetails: 'A parenting programme for both parents.',
};

function field(html: string, name: string): string {
  const m = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  if (!m?.[1]) throw new Error(`no ${name} on the page`);
  return m[1];
}

describe('safeguarding letter', () => {
  let t: TestApp;
  let fca: { userId: string; email: string };
  let fcaSession: Session;
  let manager: { userId: string; email: string };
  let managerSession: Session;

  before(async () => {
    t = await testApp();
    fca = await createUser(t.database, 'fca');
    fcaSession = await signedIn(t.app, fca.email);
    manager = await createUser(t.database, 'service-manager');
    managerSession = await signedIn(t.app, manager.email);
  });
  after(() => t.close());

  /** A case in safeguarding checks, with a police check per parent: the mother's returned, the father's as given. */
  async function caseInChecks(options: { fatherReturned?: boolean; language?: 'en' | 'cy'; allocateTo?: string } = {}) {
    const kase = await seedCase(t.database, { allocateTo: options.allocateTo ?? fca.userId });
    await t.database.db.transaction(async (tx) => {
      await moveCase(tx, {
        caseId: kase.caseId,
        event: { type: 'screened', decision: 'standard' },
        actorUserId: null,
        now: new Date('2026-03-02T09:00:00Z'),
      });
      if (options.language)
        await tx.update(caseRecord).set({ language: options.language }).where(eq(caseRecord.id, kase.caseId));
      await tx.insert(safeguardingCheck).values([
        {
          caseId: kase.caseId,
          kind: 'police',
          partyId: kase.partyIds.mother,
          requestedOn: '2026-03-02',
          dueOn: '2026-03-04',
          returnedOn: '2026-03-03',
          outcome: 'no-record',
        },
        {
          caseId: kase.caseId,
          kind: 'police',
          partyId: kase.partyIds.father,
          requestedOn: '2026-03-02',
          dueOn: '2026-03-04',
          returnedOn: options.fatherReturned === false ? null : '2026-03-03',
          outcome: options.fatherReturned === false ? null : 'information-held',
        },
      ]);
    });
    return kase;
  }

  async function startLetter(s: Session, kase: Seeded) {
    const page = await s.get(`/cases/${kase.caseId}/safeguarding-letter`);
    assert.equal(page.statusCode, 200);
    const r = await s.post(`/cases/${kase.caseId}/safeguarding-letter/start`, {
      _csrf: field(page.body, '_csrf'),
      _formToken: field(page.body, '_formToken'),
      kind: 'letter',
    });
    assert.equal(r.statusCode, 303);
    return s.get(`/cases/${kase.caseId}/safeguarding-letter`);
  }

  async function postLetter(s: Session, kase: Seeded, html: string, fields: Record<string, string>, action = 'submit') {
    return s.post(`/cases/${kase.caseId}/safeguarding-letter`, {
      _csrf: field(html, '_csrf'),
      letterId: field(html, 'letterId'),
      version: field(html, 'version'),
      action,
      [`child-${kase.childIds.a}`]: 'Testchild lives with her mother and goes to the local primary school.',
      [`child-${kase.childIds.b}`]: 'Secondchild lives with his mother and attends nursery.',
      ...GOOD,
      ...fields,
    });
  }

  const letterOf = async (caseId: string) =>
    (await t.database.db.select().from(safeguardingLetter).where(eq(safeguardingLetter.caseId, caseId)))[0]!;

  it('starts a draft in the case language with the checks summarised (outcomes, never a confidential value)', async () => {
    const kase = await caseInChecks({ fatherReturned: false });
    const page = await startLetter(fcaSession, kase);
    assert.match(
      page.body,
      /Police check \(PNC\) for Testmother Example: requested 2 March 2026; returned 3 March 2026, no record held/,
    );
    assert.match(
      page.body,
      /Police check \(PNC\) for Testfather Example: requested 2 March 2026; not returned yet \(due 4 March 2026\)/,
    );
    assert.match(page.body, /Checks not yet returned/);
    assert.ok(!page.body.includes(CANARY_ADDRESS));
    const letter = await letterOf(kase.caseId);
    assert.equal(letter.status, 'draft');
    assert.equal(letter.language, 'en');
    // Due two working days before the first hearing (1 April 2026): Monday 30 March.
    assert.equal(letter.dueOn, '2026-03-30');
  });

  it('refuses to submit without the gap statement when a check is not returned, then submits with it', async () => {
    const kase = await caseInChecks({ fatherReturned: false });
    let page = await startLetter(fcaSession, kase);
    const r = await postLetter(fcaSession, kase, page.body, {});
    assert.equal(r.statusCode, 400);
    assert.match(r.body, /Enter a statement about the checks that have not been returned/);
    assert.ok(!r.body.includes('Enter the circumstances of'));
    assert.equal((await letterOf(kase.caseId)).status, 'draft');
    page = await fcaSession.get(`/cases/${kase.caseId}/safeguarding-letter`);
    const ok = await postLetter(fcaSession, kase, page.body, {
      unreturnedChecksStatement: 'The police check for the father has not come back. We will write again when it does.',
    });
    assert.equal(ok.statusCode, 303);
    assert.equal((await letterOf(kase.caseId)).status, 'submitted');
  });

  it('lists misspellings with suggestions and blocks submission until each is corrected or accepted', async () => {
    const kase = await caseInChecks();
    let page = await startLetter(fcaSession, kase);
    const r = await postLetter(fcaSession, kase, page.body, {
      riskAnalysis: 'The children will recieve support from Llanfairfechan school.',
    });
    assert.equal(r.statusCode, 400);
    assert.match(r.body, /Correct the spelling of “recieve” or accept it/);
    assert.match(r.body, /Suggestions: receive/);
    assert.equal((await letterOf(kase.caseId)).status, 'draft');
    // Correct one word and accept the place name.
    page = await fcaSession.get(`/cases/${kase.caseId}/safeguarding-letter`);
    const r2 = await fcaSession.post(`/cases/${kase.caseId}/safeguarding-letter`, {
      _csrf: field(page.body, '_csrf'),
      letterId: field(page.body, 'letterId'),
      version: field(page.body, 'version'),
      action: 'submit',
      ...GOOD,
      [`child-${kase.childIds.a}`]: 'Testchild lives with her mother.',
      [`child-${kase.childIds.b}`]: 'Secondchild lives with his mother.',
      riskAnalysis: 'The children will receive support from Llanfairfechan school.',
      ignoreWords: 'Llanfairfechan',
    });
    assert.equal(r2.statusCode, 303);
    const letter = await letterOf(kase.caseId);
    assert.equal(letter.status, 'submitted');
    assert.deepEqual((letter.sections as { ignoredWords: string[] }).ignoredWords, ['Llanfairfechan']);
  });

  it('refuses a letter holding a confidential address (split across lines, other case) or postcode without its space', async () => {
    const kase = await caseInChecks();
    let page = await startLetter(fcaSession, kase);
    const split = CANARY_ADDRESS.toLowerCase().replace(' hidden ', '\nhidden ');
    const r = await postLetter(fcaSession, kase, page.body, { riskAnalysis: `The mother now lives at ${split}.` });
    assert.equal(r.statusCode, 400);
    assert.match(r.body, /contains a confidential contact detail from this case \(address\)/);
    assert.match(r.body, /href="#riskAnalysis">The letter contains a confidential/);
    assert.equal((await letterOf(kase.caseId)).status, 'draft');
    page = await fcaSession.get(`/cases/${kase.caseId}/safeguarding-letter`);
    const r2 = await postLetter(fcaSession, kase, page.body, {
      signposting: `Family information service near ${CANARY_POSTCODE.replace(' ', '')}.`,
    });
    assert.equal(r2.statusCode, 400);
    assert.match(r2.body, /confidential contact detail from this case \(postcode\)/);
    assert.match(r2.body, /href="#signposting"/);
    assert.equal((await letterOf(kase.caseId)).status, 'draft');
  });

  it('saves with a version: a stale save is refused and nothing is written', async () => {
    const kase = await caseInChecks();
    const page = await startLetter(fcaSession, kase);
    const first = await postLetter(fcaSession, kase, page.body, { riskAnalysis: 'First version.' }, 'save');
    assert.equal(first.statusCode, 303);
    const stale = await postLetter(fcaSession, kase, page.body, { riskAnalysis: 'Second version.' }, 'save');
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /Someone else changed this case/);
    const letter = await letterOf(kase.caseId);
    assert.equal((letter.sections as { riskAnalysis: string }).riskAnalysis, 'First version.');
  });

  it('answers an empty or invalid body with 400, never 500', async () => {
    const kase = await caseInChecks();
    const page = await startLetter(fcaSession, kase);
    const csrf = field(page.body, '_csrf');
    const empty = await fcaSession.post(`/cases/${kase.caseId}/safeguarding-letter`, { _csrf: csrf });
    assert.equal(empty.statusCode, 400);
    const badRec = await postLetter(fcaSession, kase, page.body, { recommendation: 'adoption' });
    assert.equal(badRec.statusCode, 400);
    assert.match(badRec.body, /Select a recommendation/);
    const noChild = await postLetter(fcaSession, kase, page.body, { [`child-${kase.childIds.b}`]: '' });
    assert.equal(noChild.statusCode, 400);
    assert.match(
      noChild.body,
      new RegExp(`href="#child-${kase.childIds.b}">Enter the circumstances of Secondchild Example`),
    );
    assert.ok(!noChild.body.includes('Enter the circumstances of Testchild Example'));
    const startEmpty = await fcaSession.post(`/cases/${kase.caseId}/safeguarding-letter/start`, { _csrf: csrf });
    assert.equal(startEmpty.statusCode, 400);
    const reviewEmpty = await managerSession.post(`/cases/${kase.caseId}/safeguarding-letter/review`, {
      _csrf: field((await managerSession.get('/safeguarding/letters')).body, '_csrf'),
    });
    assert.equal(reviewEmpty.statusCode, 400);
  });

  it('goes to a manager, is returned with comments, resubmitted, approved and filed: DOCX and tagged PDF, case moved on', async () => {
    const kase = await caseInChecks();
    let page = await startLetter(fcaSession, kase);
    assert.equal((await postLetter(fcaSession, kase, page.body, {})).statusCode, 303);

    // The manager's queue lists it; another area's manager's does not.
    const queue = await managerSession.get('/safeguarding/letters');
    assert.equal(queue.statusCode, 200);
    assert.match(queue.body, new RegExp(kase.reference));
    const farManager = await createUser(t.database, 'service-manager', { teamId: 'test-team-c', areaId: 'eng-01' });
    const far = await signedIn(t.app, farManager.email);
    const farQueue = await far.get('/safeguarding/letters');
    assert.equal(farQueue.statusCode, 200);
    assert.ok(!farQueue.body.includes(kase.reference));
    assert.match(farQueue.body, /There are no letters waiting for your review/);
    assert.match((await managerSession.get('/caseload')).body, /Letters to review/);

    // Comments are required to return.
    let review = await managerSession.get(`/cases/${kase.caseId}/safeguarding-letter/review`);
    assert.equal(review.statusCode, 200);
    assert.match(review.body, /A parenting programme for both parents/);
    const noComment = await managerSession.post(`/cases/${kase.caseId}/safeguarding-letter/review`, {
      _csrf: field(review.body, '_csrf'),
      _formToken: field(review.body, '_formToken'),
      letterId: field(review.body, 'letterId'),
      decision: 'returned',
    });
    assert.equal(noComment.statusCode, 400);
    assert.match(noComment.body, /Enter comments for the author/);
    const returned = await managerSession.post(`/cases/${kase.caseId}/safeguarding-letter/review`, {
      _csrf: field(review.body, '_csrf'),
      _formToken: field(review.body, '_formToken'),
      letterId: field(review.body, 'letterId'),
      decision: 'returned',
      comments: 'Say more about the school.',
    });
    assert.equal(returned.statusCode, 303);
    assert.equal((await letterOf(kase.caseId)).status, 'returned');

    // The author sees the comments and resubmits.
    page = await fcaSession.get(`/cases/${kase.caseId}/safeguarding-letter`);
    assert.match(page.body, /Say more about the school/);
    assert.match(page.body, /Returned by Test service-manager/);
    assert.equal((await postLetter(fcaSession, kase, page.body, {})).statusCode, 303);

    review = await managerSession.get(`/cases/${kase.caseId}/safeguarding-letter/review`);
    const approveForm = {
      _csrf: field(review.body, '_csrf'),
      _formToken: field(review.body, '_formToken'),
      letterId: field(review.body, 'letterId'),
      decision: 'approved',
    };
    const approved = await managerSession.post(`/cases/${kase.caseId}/safeguarding-letter/review`, approveForm);
    assert.equal(approved.statusCode, 303);
    // A double click (the same form again) is harmless: same place, nothing filed twice.
    const again = await managerSession.post(`/cases/${kase.caseId}/safeguarding-letter/review`, approveForm);
    assert.equal(again.statusCode, 303);
    assert.equal(again.headers.location, approved.headers.location);

    const letter = await letterOf(kase.caseId);
    assert.equal(letter.status, 'filed');
    assert.equal(letter.filedOn, '2026-03-02');
    assert.equal(letter.filedBy, manager.userId);
    const reviews = await t.database.db.select().from(letterReview).where(eq(letterReview.letterId, letter.id));
    assert.deepEqual(reviews.map((r) => r.decision).sort(), ['approved', 'returned']);
    const [kaseRow] = await t.database.db.select().from(caseRecord).where(eq(caseRecord.id, kase.caseId));
    assert.equal(kaseRow!.status, 'awaiting-first-hearing');
    const events = await t.database.db.select().from(timelineEvent).where(eq(timelineEvent.caseId, kase.caseId));
    const filed = events.find((e) => e.kind === 'letters.filed');
    assert.equal((filed!.details as { onTime: boolean }).onTime, true);
    assert.ok(events.some((e) => e.kind === 'letters.submitted'));
    assert.ok(events.some((e) => e.kind === 'letters.returned'));

    // A second filing (a fresh form) is refused.
    const twice = await managerSession.post(`/cases/${kase.caseId}/safeguarding-letter/review`, {
      ...approveForm,
      _formToken: 'b'.repeat(32),
    });
    assert.equal(twice.statusCode, 409);
    assert.match(twice.body, /already been filed/);
    const docs = await t.database.db.execute(
      sql`SELECT id, format FROM case_document WHERE source_id = ${letter.id} ORDER BY format`,
    );
    const docRows = (docs as unknown as { rows: { id: string; format: string }[] }).rows;
    assert.deepEqual(
      docRows.map((d) => d.format),
      ['docx', 'pdf'],
    );

    // Downloads: the author's page links both; each streams its bytes with the right type, audited.
    page = await fcaSession.get(`/cases/${kase.caseId}/safeguarding-letter?notice=letter-filed`);
    assert.match(page.body, /Filed on time/);
    const docx = await fcaSession.get(`/cases/${kase.caseId}/documents/${docRows[0]!.id}`);
    assert.equal(docx.statusCode, 200);
    assert.equal(
      docx.headers['content-type'],
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    assert.match(String(docx.headers['content-disposition']), /^attachment; filename="safeguarding-letter-CV-/);
    const docxBody = docxText(docx.rawPayload);
    assert.match(docxBody, /Safeguarding letter/);
    assert.match(docxBody, /Testchild Example \(7 years old\)/);
    assert.match(docxBody, /A parenting programme for both parents/);
    assert.match(docxBody, /Family court adviser/);
    assert.ok(!docxBody.includes(CANARY_ADDRESS));
    const pdf = await fcaSession.get(`/cases/${kase.caseId}/documents/${docRows[1]!.id}`);
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    const text = (await extractText(await getDocumentProxy(new Uint8Array(pdf.rawPayload)), { mergePages: true })).text;
    assert.match(text, /Safeguarding letter/);
    assert.match(text, /Recommendation/);
    const raw = pdf.rawPayload.toString('latin1');
    assert.match(raw, /\/MarkInfo/);
    assert.match(raw, /\/StructTreeRoot/);
    assert.match(raw, /\/Lang \(en-GB\)/);
    const downloads = await t.database.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.caseId, kase.caseId), eq(auditEvent.action, 'download')));
    assert.equal(downloads.length, 2);
    // Another case's document is not found through this case.
    const other = await caseInChecks();
    assert.equal((await fcaSession.get(`/cases/${other.caseId}/documents/${docRows[0]!.id}`)).statusCode, 404);
  });

  it('aborts filing when the produced documents would hold a confidential value: nothing filed, nothing kept', async () => {
    const kase = await caseInChecks();
    const page = await startLetter(fcaSession, kase);
    const submitted = await postLetter(fcaSession, kase, page.body, {
      signposting: 'The parents were given the family information service line on 07700 900123.',
    });
    assert.equal(submitted.statusCode, 303);
    // After submission the number becomes a confidential (refuge) contact of the mother.
    await t.database.db.execute(
      sql`INSERT INTO contact_detail (case_id, person_id, kind, value, confidential, refuge)
          VALUES (${kase.caseId}, ${kase.personIds.mother}, 'phone', '+44 7700 900123', true, true)`,
    );
    const review = await managerSession.get(`/cases/${kase.caseId}/safeguarding-letter/review`);
    const r = await managerSession.post(`/cases/${kase.caseId}/safeguarding-letter/review`, {
      _csrf: field(review.body, '_csrf'),
      _formToken: field(review.body, '_formToken'),
      letterId: field(review.body, 'letterId'),
      decision: 'approved',
    });
    assert.equal(r.statusCode, 409);
    assert.match(r.body, /contains confidential contact details/);
    const letter = await letterOf(kase.caseId);
    assert.equal(letter.status, 'submitted');
    const docs = await t.database.db.execute(
      sql`SELECT count(*)::int AS n FROM case_document WHERE case_id = ${kase.caseId}`,
    );
    assert.equal((docs as unknown as { rows: { n: number }[] }).rows[0]!.n, 0);
    assert.equal(
      (await t.database.db.select().from(letterReview).where(eq(letterReview.letterId, letter.id))).length,
      0,
    );
    const [row] = await t.database.db.select().from(caseRecord).where(eq(caseRecord.id, kase.caseId));
    assert.equal(row!.status, 'safeguarding-checks');
    // A practitioner may not review at all.
    assert.equal(
      (
        await fcaSession.post(`/cases/${kase.caseId}/safeguarding-letter/review`, {
          _csrf: field(review.body, '_csrf'),
          _formToken: 'd'.repeat(32),
          letterId: letter.id,
          decision: 'approved',
        })
      ).statusCode,
      403,
    );
  });

  it('refuses a review of one’s own letter', async () => {
    const selfManager = await createUser(t.database, 'service-manager');
    const s = await signedIn(t.app, selfManager.email);
    const kase = await caseInChecks({ allocateTo: selfManager.userId });
    const page = await startLetter(s, kase);
    assert.equal((await postLetter(s, kase, page.body, {})).statusCode, 303);
    const review = await s.get(`/cases/${kase.caseId}/safeguarding-letter/review`);
    assert.match(review.body, /You cannot review your own work/);
    const r = await s.post(`/cases/${kase.caseId}/safeguarding-letter/review`, {
      _csrf: field(review.body, '_csrf'),
      _formToken: 'a'.repeat(32),
      letterId: (await letterOf(kase.caseId)).id,
      decision: 'approved',
    });
    assert.equal(r.statusCode, 403);
    assert.equal((await letterOf(kase.caseId)).status, 'submitted');
    // Their own letter is not in their queue.
    assert.ok(!(await s.get('/safeguarding/letters')).body.includes(kase.reference));
  });

  it('files a self-regulating FCA’s letter directly, in Welsh, with Welsh labels in both documents', async () => {
    const selfReg = await createUser(t.database, 'fca');
    await t.database.db.execute(sql`UPDATE staff SET self_regulating = true WHERE user_id = ${selfReg.userId}`);
    const s = await signedIn(t.app, selfReg.email);
    const kase = await caseInChecks({ language: 'cy', allocateTo: selfReg.userId });
    const page = await startLetter(s, kase);
    assert.match(page.body, /Gwiriad yr heddlu \(PNC\) ar gyfer Testmother Example/);
    assert.match(page.body, /Save and file with the court/);
    const r = await postLetter(s, kase, page.body, {
      checks: 'Mae’r gwiriadau wedi dod yn ôl.',
      interviews: 'Siaradais â’r ddau riant dros y ffôn.',
      riskAnalysis: 'Mae’r plentyn yn byw gyda’i mam. Nid oes pryderon diogelu.',
      signposting: 'Rhoddwyd manylion y gwasanaeth gwybodaeth i deuluoedd.',
      recommendation: 'no-further-involvement',
      recommendationDetails: '',
      [`child-${kase.childIds.a}`]: 'Mae’r plentyn yn byw gyda’i mam ac yn mynd i’r ysgol.',
      [`child-${kase.childIds.b}`]: 'Mae’r plentyn yn byw gyda’i mam.',
    });
    assert.equal(r.statusCode, 303, r.body.match(/govuk-error-summary[\s\S]{0,800}/)?.[0]);
    assert.match(String(r.headers.location), /notice=letter-filed/);
    const letter = await letterOf(kase.caseId);
    assert.equal(letter.status, 'filed');
    assert.equal(letter.language, 'cy');
    const docs = (
      (await t.database.db.execute(
        sql`SELECT id, format, language FROM case_document WHERE source_id = ${letter.id} ORDER BY format`,
      )) as unknown as { rows: { id: string; format: string; language: string }[] }
    ).rows;
    assert.deepEqual(
      docs.map((d) => d.language),
      ['cy', 'cy'],
    );
    const docx = await s.get(`/cases/${kase.caseId}/documents/${docs[0]!.id}`);
    const docxBody = docxText(docx.rawPayload);
    assert.match(docxBody, /Llythyr diogelu/);
    assert.match(docxBody, /Argymhelliad/);
    assert.match(docxBody, /Dim rhan bellach gan Cafcass Cymru/);
    const pdf = await s.get(`/cases/${kase.caseId}/documents/${docs[1]!.id}`);
    const text = (await extractText(await getDocumentProxy(new Uint8Array(pdf.rawPayload)), { mergePages: true })).text;
    assert.match(text, /Llythyr diogelu/);
    assert.match(text, /Mae’r plentyn yn byw gyda’i mam/);
    assert.match(pdf.rawPayload.toString('latin1'), /\/Lang \(cy-GB\)/);
  });

  it('refuses people without access: another team’s FCA gets 404/403; an auditor cannot edit or review', async () => {
    const kase = await caseInChecks();
    const outsider = await createUser(t.database, 'fca', { teamId: 'test-team-c', areaId: 'eng-01' });
    const o = await signedIn(t.app, outsider.email);
    const r = await o.get(`/cases/${kase.caseId}/safeguarding-letter`);
    assert.ok([403, 404].includes(r.statusCode));
    assert.ok(!r.body.includes(kase.reference));
    const auditor = await createUser(t.database, 'qa-auditor', { teamId: null, areaId: null });
    const a = await signedIn(t.app, auditor.email);
    const view = await a.get(`/cases/${kase.caseId}/safeguarding-letter`);
    assert.equal(view.statusCode, 200);
    assert.ok(!view.body.includes('Start the safeguarding letter'));
    const csrf = field(view.body, '_csrf');
    assert.equal(
      (await a.post(`/cases/${kase.caseId}/safeguarding-letter/start`, { _csrf: csrf, kind: 'letter' })).statusCode,
      403,
    );
    assert.equal((await a.get(`/cases/${kase.caseId}/safeguarding-letter/review`)).statusCode, 403);
    assert.equal((await a.get('/safeguarding/letters')).statusCode, 403);
    // An FCA may use the queues but holds no manager role: an empty list, and no review of a case.
    assert.match((await fcaSession.get('/safeguarding/letters')).body, /There are no letters waiting/);
    assert.equal((await fcaSession.get(`/cases/${kase.caseId}/safeguarding-letter/review`)).statusCode, 403);
  });

  it('writes an update letter when a check comes back after filing, and clears its addendum flag', async () => {
    const selfReg = await createUser(t.database, 'fca');
    await t.database.db.execute(sql`UPDATE staff SET self_regulating = true WHERE user_id = ${selfReg.userId}`);
    const s = await signedIn(t.app, selfReg.email);
    const kase = await caseInChecks({ fatherReturned: false, allocateTo: selfReg.userId });
    let page = await startLetter(s, kase);
    assert.equal(
      (
        await postLetter(s, kase, page.body, {
          unreturnedChecksStatement: 'The father’s police check has not come back.',
        })
      ).statusCode,
      303,
    );
    await t.database.db.execute(
      sql`UPDATE safeguarding_check SET returned_on = '2026-03-02', outcome = 'concerns', addendum_needed = true
          WHERE case_id = ${kase.caseId} AND returned_on IS NULL`,
    );
    page = await s.get(`/cases/${kase.caseId}/safeguarding-letter`);
    assert.match(page.body, /Start an update letter/);
    const started = await s.post(`/cases/${kase.caseId}/safeguarding-letter/start`, {
      _csrf: field(page.body, '_csrf'),
      _formToken: field(page.body, '_formToken'),
      kind: 'update',
    });
    assert.equal(started.statusCode, 303);
    const updatePage = await s.get(String(started.headers.location));
    assert.match(
      updatePage.body,
      /Testfather Example: requested 2 March 2026; returned 2 March 2026, concerns reported/,
    );
    assert.ok(!updatePage.body.includes('Testmother Example: requested'));
    const r = await s.post(`/cases/${kase.caseId}/safeguarding-letter`, {
      _csrf: field(updatePage.body, '_csrf'),
      letterId: field(updatePage.body, 'letterId'),
      version: field(updatePage.body, 'version'),
      action: 'submit',
      checks: 'The police check for the father came back with concerns.',
      recommendation: 'section-7-cafcass',
    });
    assert.equal(r.statusCode, 303);
    const letters = await t.database.db
      .select()
      .from(safeguardingLetter)
      .where(eq(safeguardingLetter.caseId, kase.caseId));
    assert.deepEqual(letters.map((l) => `${l.kind}:${l.status}`).sort(), ['letter:filed', 'update:filed']);
    const flags = await t.database.db.select().from(safeguardingCheck).where(eq(safeguardingCheck.caseId, kase.caseId));
    assert.ok(flags.every((c) => !c.addendumNeeded));
    const [row] = await t.database.db.select().from(caseRecord).where(eq(caseRecord.id, kase.caseId));
    assert.equal(row!.status, 'awaiting-first-hearing');
  });
});
