import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import { extractText, getDocumentProxy } from 'unpdf';
import { caseRecord, timelineEvent } from '../../src/modules/casework/schema.ts';
import { courtReport, courtReportReview } from '../../src/modules/reports/schema.ts';
import { latestFiledReport } from '../../src/modules/reports/service.ts';
import { auditEvent } from '../../src/platform/audit/schema.ts';
import { docxText } from '../../src/platform/documents/zip.ts';
import { createUser, csrfFrom, formTokenFrom, type Session, signedIn, type TestApp, testApp } from '../helpers/app.ts';
import { CANARY_ADDRESS, CANARY_POSTCODE, seedCase } from '../helpers/cases.ts';
import { rowsOf, seedContact, seedDirection, seedHearing, seedSession, setSelfRegulating } from '../helpers/reports.ts';

type Seeded = Awaited<ReturnType<typeof seedCase>>;
type User = { userId: string; email: string };

interface Fixture {
  kase: Seeded;
  directionId: string;
  sessionA: string;
  sessionB: string;
  contactId: string;
}

function value(html: string, name: string): string {
  const m = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  if (!m?.[1]) throw new Error(`no ${name} on the page`);
  return m[1];
}

/** A report ready for the court, for the two children of the seeded case. */
function goodSections(f: Fixture): Record<string, string> {
  const { a, b } = f.kase.childIds;
  return {
    background: 'The court asked for a report on where the children should live and how often they see their father.',
    [`wishes-${a}`]: `Testchild spoke to me alone at school. [[words:${f.sessionA}]]`,
    [`wishes-${b}`]: `Secondchild talked about his friends. [[words:${f.sessionB}]]`,
    [`needs-${a}`]: 'Testchild is settled at her primary school and needs her routines kept.',
    [`needs-${b}`]: 'Secondchild has asthma and needs his inhalers in both homes.',
    welfare: 'Each part of the welfare checklist has been weighed for both children.',
    [`diversityRelevant-${a}`]: 'yes',
    [`diversity-${a}`]: 'Testchild is learning Welsh at school, which should continue.',
    [`diversityRelevant-${b}`]: 'no',
    [`diversity-${b}`]: 'Nothing about his identity bears on the arrangements.',
    risk: `There are no safeguarding concerns about either parent. [[contact:${f.contactId}]]`,
    analysis: 'Both parents care well for the children; the children want to see their father often.',
    recommendation: 'I recommend that the children live with their mother and spend every weekend with their father.',
    orders: 'C43',
    signposting: 'The parents were given details of a parenting programme.',
  };
}

describe('reports to court', () => {
  let t: TestApp;
  let fca: User;
  let fcaSession: Session;
  let manager: User;
  let managerSession: Session;

  before(async () => {
    t = await testApp();
    fca = await createUser(t.database, 'fca');
    fcaSession = await signedIn(t.app, fca.email);
    manager = await createUser(t.database, 'service-manager');
    managerSession = await signedIn(t.app, manager.email);
  });
  after(() => t.close());

  /** An allocated case with a section 7 direction, each child's own words and a contact log entry. */
  async function allocatedCase(
    options: { author?: User; dueOn?: string; language?: 'en' | 'cy' } = {},
  ): Promise<Fixture> {
    const author = options.author ?? fca;
    const kase = await seedCase(t.database, { status: 'allocated', allocateTo: author.userId });
    if (options.language) {
      await t.database.db.update(caseRecord).set({ language: options.language }).where(eq(caseRecord.id, kase.caseId));
    }
    const directionId = await seedDirection(t.database, kase.caseId, 'section-7', options.dueOn ?? '2026-03-20');
    const sessionA = await seedSession(t.database, {
      caseId: kase.caseId,
      childId: kase.childIds.a!,
      heldOn: '2026-02-20',
      createdBy: author.userId,
      ownWords: 'I want to see my dad every weekend.',
    });
    const sessionB = await seedSession(t.database, {
      caseId: kase.caseId,
      childId: kase.childIds.b!,
      heldOn: '2026-02-21',
      createdBy: author.userId,
      ownWords: 'I like my school and my friends.',
    });
    const contactId = await seedContact(t.database, {
      caseId: kase.caseId,
      heldOn: '2026-02-22',
      authorId: author.userId,
      whatWasSaid: 'The father said handovers have been calm since January.',
      partyIds: [kase.partyIds.father!],
    });
    return { kase, directionId, sessionA, sessionB, contactId };
  }

  async function start(s: Session, f: Fixture, language = 'en') {
    const page = await s.get(`/cases/${f.kase.caseId}/reports/new`);
    assert.equal(page.statusCode, 200);
    const form = {
      _csrf: csrfFrom(page.body),
      _formToken: formTokenFrom(page.body),
      directionId: f.directionId,
      language,
    };
    const r = await s.post(`/cases/${f.kase.caseId}/reports/new`, form);
    assert.equal(r.statusCode, 303, r.body.match(/govuk-error-summary[\s\S]{0,600}/)?.[0]);
    return { location: String(r.headers.location), form };
  }

  async function post(s: Session, location: string, fields: Record<string, string>, action = 'submit') {
    const page = await s.get(location);
    assert.equal(page.statusCode, 200);
    return s.post(location, {
      _csrf: csrfFrom(page.body),
      _formToken: formTokenFrom(page.body),
      version: value(page.body, 'version'),
      action,
      ...fields,
    });
  }

  const reportOf = async (caseId: string) =>
    (await t.database.db.select().from(courtReport).where(eq(courtReport.caseId, caseId)))[0]!;
  const statusOf = async (caseId: string) =>
    (await t.database.db.select().from(caseRecord).where(eq(caseRecord.id, caseId)))[0]!.status;

  async function file(s: Session, location: string, date = { day: '2', month: '3', year: '2026' }, token?: string) {
    const page = await s.get(`${location}/file`);
    assert.equal(page.statusCode, 200);
    const form = {
      _csrf: csrfFrom(page.body),
      _formToken: token ?? formTokenFrom(page.body),
      'filedOn-day': date.day,
      'filedOn-month': date.month,
      'filedOn-year': date.year,
      confirm: 'yes',
    };
    return { response: await s.post(`${location}/file`, form), form, page };
  }

  async function review(s: Session, location: string, decision: string, comments = '') {
    const page = await s.get(`${location}/review`);
    assert.equal(page.statusCode, 200);
    return s.post(`${location}/review`, {
      _csrf: csrfFrom(page.body),
      _formToken: formTokenFrom(page.body),
      decision,
      comments,
    });
  }

  it('drafts with quoted evidence, is returned, resubmitted, approved, filed, downloaded and shared', async () => {
    const f = await allocatedCase();
    const list = await fcaSession.get(`/cases/${f.kase.caseId}/reports`);
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /Section 7 report, due 20 March 2026/);

    const { location, form } = await start(fcaSession, f);
    // The same form again leads to the same report, not a second one.
    const again = await fcaSession.post(`/cases/${f.kase.caseId}/reports/new`, form);
    assert.equal(again.headers.location, location);
    assert.equal(
      (await rowsOf(t.database, sql`SELECT id FROM court_report WHERE case_id = ${f.kase.caseId}`)).length,
      1,
    );
    assert.equal(await statusOf(f.kase.caseId), 'reporting');

    // The evidence beside the form, each with its token to copy.
    let page = await fcaSession.get(location);
    assert.match(page.body, new RegExp(`\\[\\[words:${f.sessionA}\\]\\]`));
    assert.match(page.body, new RegExp(`\\[\\[contact:${f.contactId}\\]\\]`));
    assert.match(page.body, /I want to see my dad every weekend/);
    assert.match(page.body, /To do/);

    // "Quote this" without JavaScript: the draft is saved and the token lands in the child's wishes and feelings.
    const quoted = await post(
      fcaSession,
      location,
      { background: 'Draft background.', quote: `[[words:${f.sessionA}]]`, quoteInto: 'auto' },
      'save',
    );
    assert.equal(quoted.statusCode, 303);
    assert.equal(quoted.headers.location, `${location}?notice=quoted#wishes-${f.kase.childIds.a}`);
    let report = await reportOf(f.kase.caseId);
    const sections = report.sections as { background: string; wishes: Record<string, string> };
    assert.equal(sections.background, 'Draft background.');
    assert.equal(sections.wishes[f.kase.childIds.a!], `[[words:${f.sessionA}]]`);
    page = await fcaSession.get(location);
    assert.match(page.body, /Testchild Example’s own words, 20 February 2026/);

    // Submitted: waiting for a manager in the area, not for another area's.
    const submitted = await post(fcaSession, location, goodSections(f));
    assert.equal(submitted.statusCode, 303, submitted.body.match(/govuk-error-summary[\s\S]{0,1500}/)?.[0]);
    assert.equal(submitted.headers.location, `${location}?notice=report-submitted`);
    assert.equal((await reportOf(f.kase.caseId)).status, 'submitted');
    const queue = await managerSession.get('/reports/reviews');
    assert.equal(queue.statusCode, 200);
    assert.match(queue.body, new RegExp(f.kase.reference));
    const farManager = await createUser(t.database, 'service-manager', { teamId: 'test-team-c', areaId: 'eng-01' });
    const far = await signedIn(t.app, farManager.email);
    assert.match((await far.get('/reports/reviews')).body, /There are no reports waiting for your review/);
    assert.equal((await far.get(`${location}/review`)).statusCode, 403);
    assert.equal((await fcaSession.get(`${location}/review`)).statusCode, 403);

    // Returned with comments, kept and shown to the author.
    const noComments = await review(managerSession, location, 'returned');
    assert.equal(noComments.statusCode, 400);
    assert.match(noComments.body, /Enter comments for the author/);
    assert.equal(
      (await review(managerSession, location, 'returned', 'Say more about the school run.')).statusCode,
      303,
    );
    assert.equal((await reportOf(f.kase.caseId)).status, 'returned');
    page = await fcaSession.get(location);
    assert.match(page.body, /Say more about the school run\./);
    assert.match(page.body, /Returned by Test service-manager/);

    // Filing before review is refused, with the message on the form.
    const early = await file(fcaSession, location);
    assert.equal(early.response.statusCode, 409);
    assert.match(early.response.body, /href="#confirm">A manager must approve this report before it is filed/);
    assert.equal((await reportOf(f.kase.caseId)).status, 'returned');

    // Resubmitted and approved.
    assert.equal((await post(fcaSession, location, goodSections(f))).statusCode, 303);
    const approved = await review(managerSession, location, 'approved');
    assert.equal(approved.statusCode, 303);
    report = await reportOf(f.kase.caseId);
    assert.equal(report.status, 'approved');
    assert.equal(report.approvedBy, manager.userId);
    const reviews = await t.database.db
      .select()
      .from(courtReportReview)
      .where(eq(courtReportReview.reportId, report.id));
    assert.deepEqual(reviews.map((r) => r.decision).sort(), ['approved', 'returned']);

    // Filed: on time, documents stored, direction marked filed, case moved on.
    const filePage = await fcaSession.get(`${location}/file`);
    assert.match(filePage.body, /Filed today, the report is on time/);
    const filed = await file(fcaSession, location);
    assert.equal(filed.response.statusCode, 303, filed.response.body.match(/govuk-error-summary[\s\S]{0,800}/)?.[0]);
    assert.equal(filed.response.headers.location, `${location}?notice=report-filed`);
    // A double click is harmless; a fresh attempt to file again is refused.
    const double = await fcaSession.post(`${location}/file`, filed.form);
    assert.equal(double.headers.location, filed.response.headers.location);
    const twice = await file(fcaSession, location, undefined, 'z'.repeat(32));
    assert.equal(twice.response.statusCode, 409);
    assert.match(twice.response.body, /already been filed/);

    report = await reportOf(f.kase.caseId);
    assert.equal(report.status, 'filed');
    assert.equal(report.filedOn, '2026-03-02');
    assert.equal(report.dueOn, '2026-03-20');
    assert.equal(report.filedAfter, 'review');
    const [direction] = await rowsOf<{ filed_on: string }>(
      t.database,
      sql`SELECT filed_on::text FROM court_direction WHERE id = ${f.directionId}`,
    );
    assert.equal(direction!.filed_on, '2026-03-02');
    assert.equal(await statusOf(f.kase.caseId), 'report-filed');
    const events = await t.database.db.select().from(timelineEvent).where(eq(timelineEvent.caseId, f.kase.caseId));
    const kinds = events.map((e) => e.kind);
    for (const k of ['reports.started', 'reports.submitted', 'reports.returned', 'reports.approved', 'reports.filed']) {
      assert.ok(kinds.includes(k), k);
    }
    assert.ok(kinds.includes('state.report-started') && kinds.includes('state.report-filed'));
    const filedEvent = events.find((e) => e.kind === 'reports.filed')!;
    assert.deepEqual((filedEvent.details as { onTime: boolean; daysLate: number }).onTime, true);
    page = await fcaSession.get(`${location}?notice=report-filed`);
    assert.match(page.body, /Filed on time/);
    assert.match(page.body, /The report has been filed with the court/);
    assert.match(page.body, /I want to see my dad every weekend/);

    // Documents read back: DOCX text and PDF text, in English, quotations with their date and source.
    const docs = await rowsOf<{ id: string; format: string }>(
      t.database,
      sql`SELECT id, format FROM case_document WHERE source_id = ${report.id} ORDER BY format`,
    );
    assert.deepEqual(
      docs.map((d) => d.format),
      ['docx', 'pdf'],
    );
    assert.match(page.body, new RegExp(`${location}/documents/${docs[0]!.id}`));
    const docx = await fcaSession.get(`${location}/documents/${docs[0]!.id}`);
    assert.equal(docx.statusCode, 200);
    assert.match(String(docx.headers['content-disposition']), /^attachment; filename="section-7-report-CV-/);
    const docxBody = docxText(docx.rawPayload);
    assert.match(docxBody, /Section 7 report/);
    assert.match(docxBody, /Testchild Example: wishes and feelings/);
    assert.match(
      docxBody,
      /“I want to see my dad every weekend\.” \(Testchild Example’s own words, 20 February 2026\)/,
    );
    assert.match(
      docxBody,
      /“The father said handovers have been calm since January\.” \(Visit with Testfather Example, 22 February 2026\)/,
    );
    assert.match(docxBody, /Child arrangements, specific issue or prohibited steps order \(C43\)/);
    assert.ok(!docxBody.includes('[[') && !docxBody.includes(CANARY_ADDRESS) && !docxBody.includes(CANARY_POSTCODE));
    const pdf = await fcaSession.get(`${location}/documents/${docs[1]!.id}`);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    const text = (await extractText(await getDocumentProxy(new Uint8Array(pdf.rawPayload)), { mergePages: true })).text;
    assert.match(text, /Section 7 report/);
    assert.match(text, /Recommendation/);
    assert.ok(!text.includes(CANARY_ADDRESS));
    assert.match(pdf.rawPayload.toString('latin1'), /\/Lang \(en-GB\)/);
    const downloads = await t.database.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.caseId, f.kase.caseId), eq(auditEvent.action, 'download')));
    assert.equal(downloads.length, 2);
    // Another report's or case's path does not reach the document.
    const other = await allocatedCase();
    assert.equal(
      (await fcaSession.get(`/cases/${other.kase.caseId}/reports/${report.id}/documents/${docs[0]!.id}`)).statusCode,
      404,
    );

    assert.deepEqual(await latestFiledReport(t.database.db, f.kase.caseId), {
      id: report.id,
      kind: 'section-7',
      recommendation: goodSections(f).recommendation,
      filedOn: '2026-03-02',
    });

    // Sharing: a child needs a reason; a share after the next hearing is recorded with a warning.
    await seedHearing(t.database, f.kase.caseId, '2026-03-10T10:00:00Z');
    let share = await fcaSession.get(`${location}/share`);
    assert.equal(share.statusCode, 200);
    assert.match(share.body, /Next hearing: 10 March 2026/);
    const shareForm = (body: string, extra: Record<string, string | string[]>) => ({
      _csrf: csrfFrom(body),
      _formToken: formTokenFrom(body),
      'sharedOn-day': '2',
      'sharedOn-month': '3',
      'sharedOn-year': '2026',
      method: 'email',
      ...extra,
    });
    const payload = (form: Record<string, string | string[]>) => {
      const p = new URLSearchParams();
      for (const [k, v] of Object.entries(form)) for (const one of Array.isArray(v) ? v : [v]) p.append(k, one);
      return p.toString();
    };
    const postShare = (form: Record<string, string | string[]>, session = fcaSession) =>
      t.app.inject({
        method: 'POST',
        url: `${location}/share`,
        payload: payload(form),
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: session.jar.header() },
      });
    const noReason = await postShare(
      shareForm(share.body, { recipients: [`party:${f.kase.partyIds.mother}`, `child:${f.kase.childIds.a}`] }),
    );
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.body, /Enter why it is right to share the report with the child/);
    const shared = await postShare(
      shareForm(share.body, {
        recipients: [
          `party:${f.kase.partyIds.mother}`,
          `party:${f.kase.partyIds.father}`,
          `child:${f.kase.childIds.a}`,
        ],
        reason: 'She is seven and asked to know what was said; I explained it with her mother.',
      }),
    );
    assert.equal(shared.statusCode, 303);
    assert.equal(shared.headers.location, `${location}/share?notice=shared`);
    t.clock.set(new Date('2026-03-15T10:00:00Z'));
    // Two weeks on: a new sign-in (the first session has timed out).
    const later = await signedIn(t.app, fca.email);
    share = await later.get(`${location}/share`);
    assert.match(share.body, /The next hearing after filing has passed/);
    const late = await postShare(
      shareForm(share.body, { recipients: [`party:${f.kase.partyIds.father}`], 'sharedOn-day': '14', method: 'post' }),
      later,
    );
    assert.equal(late.headers.location, `${location}/share?notice=shared-late`);
    share = await later.get(`${location}/share?notice=shared-late`);
    assert.match(share.body, /it was after the next hearing/);
    assert.match(share.body, /After the hearing on 10 March 2026/);
    assert.ok(!share.body.includes(CANARY_ADDRESS));
    const shares = await rowsOf<{ n: number }>(
      t.database,
      sql`SELECT count(*)::int AS n FROM court_report_share WHERE report_id = ${report.id}`,
    );
    assert.equal(shares[0]!.n, 4);
    t.clock.set(new Date('2026-03-02T09:00:00Z'));

    // An addendum adds to the filed report and moves the case back into reporting.
    const addendumDirection = await seedDirection(t.database, f.kase.caseId, 's7-addendum', '2026-04-20');
    const newPage = await fcaSession.get(`/cases/${f.kase.caseId}/reports/new`);
    assert.match(newPage.body, /Addendum report, due 20 April 2026/);
    const startedAddendum = await fcaSession.post(`/cases/${f.kase.caseId}/reports/new`, {
      _csrf: csrfFrom(newPage.body),
      _formToken: formTokenFrom(newPage.body),
      directionId: addendumDirection,
      language: 'en',
    });
    assert.equal(startedAddendum.statusCode, 303);
    const [addendum] = await rowsOf<{ kind: string; parent_report_id: string }>(
      t.database,
      sql`SELECT kind, parent_report_id FROM court_report WHERE direction_id = ${addendumDirection}`,
    );
    assert.deepEqual(addendum, { kind: 'addendum', parent_report_id: report.id });
    assert.equal(await statusOf(f.kase.caseId), 'reporting');
  });

  it('lets a self-regulating FCA file a Welsh report without review; a stepped-down one goes through review', async () => {
    const selfReg = await createUser(t.database, 'fca');
    await setSelfRegulating(t.database, selfReg.userId, true);
    const s = await signedIn(t.app, selfReg.email);
    const f = await allocatedCase({ author: selfReg, language: 'cy', dueOn: '2026-02-27' });
    const newPage = await s.get(`/cases/${f.kase.caseId}/reports/new`);
    assert.match(newPage.body, /value="cy" checked/);
    const { location } = await start(s, f, 'cy');
    const { a, b } = f.kase.childIds;
    const welsh = {
      background: 'Gofynnodd y llys am adroddiad ar ble dylai’r plant fyw.',
      [`wishes-${a}`]: `Siaradodd Testchild â mi ar ei phen ei hun. [[words:${f.sessionA}]]`,
      [`wishes-${b}`]: `Soniodd Secondchild am ei ffrindiau. [[words:${f.sessionB}]]`,
      [`needs-${a}`]: 'Mae Testchild wedi setlo yn yr ysgol gynradd.',
      [`needs-${b}`]: 'Mae gan Secondchild asthma.',
      welfare: 'Mae pob rhan o’r rhestr wirio lles wedi’i hystyried.',
      [`diversityRelevant-${a}`]: 'yes',
      [`diversity-${a}`]: 'Mae Testchild yn dysgu Cymraeg yn yr ysgol.',
      [`diversityRelevant-${b}`]: 'no',
      [`diversity-${b}`]: 'Nid oes dim yn berthnasol i’r trefniadau.',
      risk: 'Nid oes pryderon diogelu.',
      analysis: 'Mae’r ddau riant yn gofalu’n dda am y plant.',
      recommendation: 'Rwy’n argymell bod y plant yn byw gyda’u mam.',
    };
    const page = await s.get(location);
    assert.match(page.body, /Save and go to filing/);
    const r = await post(s, location, welsh);
    assert.equal(r.statusCode, 303, r.body.match(/govuk-error-summary[\s\S]{0,1500}/)?.[0]);
    assert.equal(r.headers.location, `${location}/file`);
    assert.equal((await reportOf(f.kase.caseId)).status, 'draft');
    const filePage = await s.get(`${location}/file`);
    assert.match(filePage.body, /You are self-regulating/);
    assert.match(filePage.body, /late by 3 days/);
    const filed = await file(s, location);
    assert.equal(filed.response.statusCode, 303, filed.response.body.match(/govuk-error-summary[\s\S]{0,800}/)?.[0]);
    const report = await reportOf(f.kase.caseId);
    assert.equal(report.status, 'filed');
    assert.equal(report.filedAfter, 'self-regulating');
    const events = await t.database.db.select().from(timelineEvent).where(eq(timelineEvent.caseId, f.kase.caseId));
    const filedEvent = events.find((e) => e.kind === 'reports.filed')!;
    assert.deepEqual(
      [(filedEvent.details as { onTime: boolean }).onTime, (filedEvent.details as { daysLate: number }).daysLate],
      [false, 3],
    );
    assert.ok(!events.some((e) => e.kind === 'reports.submitted'));
    assert.match((await s.get(location)).body, /Filed late by 3 days/);
    const docs = await rowsOf<{ id: string; language: string }>(
      t.database,
      sql`SELECT id, language FROM case_document WHERE source_id = ${report.id} ORDER BY format`,
    );
    assert.deepEqual(
      docs.map((d) => d.language),
      ['cy', 'cy'],
    );
    const docxBody = docxText((await s.get(`${location}/documents/${docs[0]!.id}`)).rawPayload);
    assert.match(docxBody, /Adroddiad adran 7/);
    assert.match(docxBody, /Argymhelliad/);
    assert.match(docxBody, /geiriau Testchild Example ei hun, 20 Chwefror 2026/);
    const pdf = await s.get(`${location}/documents/${docs[1]!.id}`);
    const text = (await extractText(await getDocumentProxy(new Uint8Array(pdf.rawPayload)), { mergePages: true })).text;
    assert.match(text, /Adroddiad adran 7/);
    assert.match(pdf.rawPayload.toString('latin1'), /\/Lang \(cy-GB\)/);

    // Stepped down: the flag is read at filing, so the next report needs a manager's review.
    await setSelfRegulating(t.database, selfReg.userId, false);
    const g = await allocatedCase({ author: selfReg });
    const second = await start(s, g);
    const submitted = await post(s, second.location, goodSections(g));
    assert.equal(submitted.headers.location, `${second.location}?notice=report-submitted`);
    const refused = await file(s, second.location);
    assert.equal(refused.response.statusCode, 409);
    assert.match(refused.response.body, /A manager must approve this report/);
    assert.equal((await reportOf(g.kase.caseId)).status, 'submitted');
  });

  it('shows what is not ready: identical siblings, missing own words, unresolved tokens, spelling', async () => {
    const f = await allocatedCase();
    const { location } = await start(fcaSession, f);
    const { a, b } = f.kase.childIds;
    const r = await post(fcaSession, location, {
      ...goodSections(f),
      [`wishes-${a}`]: 'Testchild wants to see her father.',
      [`needs-${b}`]: 'Testchild is settled at her primary school and needs her routines kept.'.replace(
        'Testchild',
        'Secondchild',
      ),
      analysis: 'As the father said [[contact:dddddddd-dddd-4ddd-8ddd-dddddddddddd]], handovers are calm.',
      risk: 'The children recieve good care.',
    });
    assert.equal(r.statusCode, 400);
    assert.match(r.body, /Quote Testchild Example’s own words in their wishes and feelings/);
    assert.match(
      r.body,
      new RegExp(
        `href="#needs-${b}">Secondchild Example’s circumstances and needs are the same as Testchild Example’s`,
      ),
    );
    assert.match(
      r.body,
      /\[\[contact:dddddddd-dddd-4ddd-8ddd-dddddddddddd\]\] does not match any evidence of this case/,
    );
    assert.match(r.body, /Correct the spelling of “recieve” or accept it/);
    assert.match(r.body, /Suggestions: receive/);
    assert.equal((await reportOf(f.kase.caseId)).status, 'draft');
    // Everything posted was kept as the draft.
    const saved = (await reportOf(f.kase.caseId)).sections as { risk: string };
    assert.equal(saved.risk, 'The children recieve good care.');
  });

  it('refuses a confidential address typed into a section: nothing submitted, nothing filed, no document', async () => {
    const selfReg = await createUser(t.database, 'fca');
    await setSelfRegulating(t.database, selfReg.userId, true);
    const s = await signedIn(t.app, selfReg.email);
    const f = await allocatedCase({ author: selfReg });
    const { location } = await start(s, f);
    const leaky = {
      ...goodSections(f),
      risk: `The mother now lives at ${CANARY_ADDRESS.toLowerCase()}, ${CANARY_POSTCODE}.`,
    };
    const r = await post(s, location, leaky);
    assert.equal(r.statusCode, 400);
    assert.match(r.body, /href="#risk">This section contains a confidential address from this case/);
    // Saved as a draft (it is the author's work), but filing it is refused and produces nothing.
    const filed = await file(s, location);
    assert.equal(filed.response.statusCode, 409);
    assert.match(filed.response.body, /This section contains a confidential address from this case/);
    assert.equal((await reportOf(f.kase.caseId)).status, 'draft');
    const docs = await rowsOf<{ n: number }>(
      t.database,
      sql`SELECT count(*)::int AS n FROM case_document WHERE case_id = ${f.kase.caseId}`,
    );
    assert.equal(docs[0]!.n, 0);
    assert.equal(await statusOf(f.kase.caseId), 'reporting');
    // Quoted evidence holding a confidential value is caught the same way.
    await t.database.db.execute(
      sql`UPDATE contact_log_entry SET what_was_said = 'She said she moved to ' || ${CANARY_POSTCODE} WHERE id = ${f.contactId}`,
    );
    const quoted = await post(s, location, goodSections(f));
    assert.equal(quoted.statusCode, 400);
    assert.match(quoted.body, /This section contains a confidential postcode from this case/);
  });

  it('refuses one’s own review, invalid posts, stale edits and records of another case', async () => {
    const authorManager = await createUser(t.database, 'service-manager');
    const s = await signedIn(t.app, authorManager.email);
    const f = await allocatedCase({ author: authorManager });
    const { location } = await start(s, f);
    assert.equal((await post(s, location, goodSections(f))).statusCode, 303);
    const own = await s.get(`${location}/review`);
    assert.match(own.body, /You cannot review your own work/);
    const ownPost = await s.post(`${location}/review`, {
      _csrf: csrfFrom(own.body),
      _formToken: 'a'.repeat(32),
      decision: 'approved',
    });
    assert.equal(ownPost.statusCode, 403);
    assert.equal((await reportOf(f.kase.caseId)).status, 'submitted');
    assert.ok(!(await s.get('/reports/reviews')).body.includes(f.kase.reference));

    // Empty posts: the form again with its errors.
    const g = await allocatedCase();
    const csrf = csrfFrom((await fcaSession.get(`/cases/${g.kase.caseId}/reports`)).body);
    const emptyNew = await fcaSession.post(`/cases/${g.kase.caseId}/reports/new`, { _csrf: csrf });
    assert.equal(emptyNew.statusCode, 400);
    assert.match(emptyNew.body, /Select the court direction this report answers/);
    const started = await start(fcaSession, g);
    for (const path of ['', '/file', '/share']) {
      const r = await fcaSession.post(`${started.location}${path}`, { _csrf: csrf });
      assert.equal(r.statusCode, 400, path);
    }
    const emptyReview = await managerSession.post(`${started.location}/review`, {
      _csrf: csrfFrom((await managerSession.get('/reports/reviews')).body),
    });
    assert.equal(emptyReview.statusCode, 400);
    const futureFiling = await fcaSession.get(`${started.location}/file`);
    const future = await fcaSession.post(`${started.location}/file`, {
      _csrf: csrfFrom(futureFiling.body),
      _formToken: formTokenFrom(futureFiling.body),
      'filedOn-day': '31',
      'filedOn-month': '2',
      'filedOn-year': '2026',
      confirm: 'yes',
    });
    assert.equal(future.statusCode, 400);
    assert.match(future.body, /The date filed must be a real date/);

    // A stale edit is refused and nothing is overwritten.
    const page = await fcaSession.get(started.location);
    const form = {
      _csrf: csrfFrom(page.body),
      version: value(page.body, 'version'),
      action: 'save',
      background: 'First version.',
    };
    assert.equal(
      (await fcaSession.post(started.location, { ...form, _formToken: formTokenFrom(page.body) })).statusCode,
      303,
    );
    const stale = await fcaSession.post(started.location, {
      ...form,
      _formToken: 'q'.repeat(32),
      background: 'Second.',
    });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /Someone else changed this case/);
    assert.equal(((await reportOf(g.kase.caseId)).sections as { background: string }).background, 'First version.');

    // Reports of another case, or ids that are not ids, are not found.
    const other = await allocatedCase();
    const reportId = (await reportOf(g.kase.caseId)).id;
    assert.equal((await fcaSession.get(`/cases/${other.kase.caseId}/reports/${reportId}`)).statusCode, 404);
    assert.equal((await fcaSession.get(`/cases/${g.kase.caseId}/reports/not-a-report`)).statusCode, 404);
    assert.equal((await fcaSession.get(`/cases/${g.kase.caseId}/reports/${reportId}/documents/x`)).statusCode, 404);

    // A case not yet allocated cannot start a report; people outside the case see nothing.
    const early = await seedCase(t.database, { status: 'awaiting-allocation', allocateTo: fca.userId });
    const direction = await seedDirection(t.database, early.caseId, 'section-7', '2026-04-01');
    const earlyPage = await fcaSession.get(`/cases/${early.caseId}/reports/new`);
    assert.match(earlyPage.body, /A report can be started once the case is allocated/);
    const refused = await fcaSession.post(`/cases/${early.caseId}/reports/new`, {
      _csrf: csrfFrom(earlyPage.body),
      _formToken: formTokenFrom(earlyPage.body),
      directionId: direction,
      language: 'en',
    });
    assert.equal(refused.statusCode, 409);
    const outsider = await createUser(t.database, 'fca', { teamId: 'test-team-c', areaId: 'eng-01' });
    const o = await signedIn(t.app, outsider.email);
    const seen = await o.get(`/cases/${g.kase.caseId}/reports`);
    assert.ok([403, 404].includes(seen.statusCode));
    assert.ok(!seen.body.includes('Testchild'));
    const auditor = await createUser(t.database, 'qa-auditor', { teamId: null, areaId: null });
    const a = await signedIn(t.app, auditor.email);
    assert.equal((await a.get(started.location)).statusCode, 200);
    assert.equal((await a.get(`${started.location}/file`)).statusCode, 403);
    assert.equal((await a.get('/reports/reviews')).statusCode, 403);
  });
});
