import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { caseRecord, timelineEvent } from '../../src/modules/casework/schema.ts';
import {
  childDiversity,
  childImpactAnalysis,
  directWorkSession,
  directWorkSessionTool,
  directWorkWordsRevision,
  localService,
  signposting,
} from '../../src/modules/direct-work/schema.ts';
import { listChildWorkEvidence, WELFARE_CHECKLIST } from '../../src/modules/direct-work/service.ts';
import { auditEvent } from '../../src/platform/audit/schema.ts';
import { createUser, csrfFrom, formTokenFrom, type Session, signedIn, type TestApp, testApp } from '../helpers/app.ts';
import { CANARY_ADDRESS, seedCase } from '../helpers/cases.ts';

/** Words with Welsh letters, line breaks and markup, to be kept and shown exactly. */
const WORDS = 'Dw i’n hoffi mynd i dŷ Dad.\nMae’r ŵyn yn y cae <b>& dw i’n hapus</b>\n\n"Ond weithiau dw i’n drist."';

async function page(s: Session, url: string) {
  const r = await s.get(url);
  assert.equal(r.statusCode, 200, `${url}: ${r.statusCode}`);
  return { body: r.body, csrf: csrfFrom(r.body), token: formTokenFrom(r.body) };
}

function sessionForm(csrf: string, token: string, over: Record<string, string> = {}) {
  return {
    _csrf: csrf,
    _formToken: token,
    seen: 'yes',
    seenAlone: 'yes',
    'heldOn-day': '27',
    'heldOn-month': '2',
    'heldOn-year': '2026',
    place: 'School, a quiet room',
    minutes: '45',
    ownWords: WORDS,
    interpretation: 'She enjoys time at her father’s and worries about the arguments.',
    ...over,
  };
}

/** A form with repeated fields (checkboxes), as a browser sends it. */
async function postRepeated(s: Session, url: string, form: Record<string, string>, tools: string[]) {
  const params = new URLSearchParams(form);
  for (const t of tools) params.append('tools', t);
  return s.app.inject({
    method: 'POST',
    url,
    payload: params.toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: s.jar.header() },
  });
}

describe('direct work with each child', () => {
  let t: TestApp;
  let fca: { userId: string; email: string };
  let s: Session;

  before(async () => {
    t = await testApp();
    fca = await createUser(t.database, 'fca');
    s = await signedIn(t.app, fca.email);
  });
  after(() => t.close());

  const sessionsOf = (childId: string) =>
    t.database.db.select().from(directWorkSession).where(eq(directWorkSession.childId, childId));

  it('records each child of a sibling group separately, keeps the child’s words verbatim and shows them escaped', async () => {
    const kase = await seedCase(t.database, { status: 'allocated', allocateTo: fca.userId });
    const a = kase.childIds.a!;
    const b = kase.childIds.b!;
    const overview = await s.get(`/cases/${kase.caseId}/direct-work`);
    assert.equal(overview.statusCode, 200);
    assert.match(overview.body, /Testchild Example/);
    assert.match(overview.body, /Secondchild Example/);
    assert.match(overview.body, /No direct work recorded yet/);
    assert.ok(!overview.body.includes(CANARY_ADDRESS));

    const form = await page(s, `/cases/${kase.caseId}/direct-work/children/${a}/sessions/new`);
    assert.match(form.body, /Was Testchild Example seen\?/);
    assert.match(form.body, /Three houses/);
    const url = `/cases/${kase.caseId}/direct-work/children/${a}/sessions/new`;
    const body = sessionForm(form.csrf, form.token);
    const r = await postRepeated(s, url, body, ['three-houses', 'letter-to-the-judge']);
    assert.equal(r.statusCode, 303);
    const again = await postRepeated(s, url, body, ['three-houses', 'letter-to-the-judge']);
    assert.equal(again.statusCode, 303);
    assert.equal(again.headers.location, r.headers.location);

    const rowsA = await sessionsOf(a);
    assert.equal(rowsA.length, 1, 'a double submit records one session');
    assert.equal(rowsA[0]!.ownWords, WORDS);
    assert.equal(rowsA[0]!.seen, true);
    assert.equal(rowsA[0]!.seenAlone, true);
    assert.equal(rowsA[0]!.minutes, 45);
    const tools = await t.database.db
      .select()
      .from(directWorkSessionTool)
      .where(eq(directWorkSessionTool.sessionId, rowsA[0]!.id));
    assert.deepEqual(tools.map((x) => x.toolCode).sort(), ['letter-to-the-judge', 'three-houses']);
    assert.equal((await sessionsOf(b)).length, 0, 'the sibling has no session of their own');

    const view = await s.get(r.headers.location as string);
    assert.equal(view.statusCode, 200);
    assert.match(view.body, /The direct work has been recorded/);
    assert.ok(view.body.includes('Mae’r ŵyn yn y cae &lt;b&gt;&amp; dw i’n hapus&lt;/b&gt;'), 'escaped, never markup');
    assert.ok(!view.body.includes('<b>& dw i'));
    assert.ok(view.body.includes('Dw i’n hoffi mynd i dŷ Dad.\nMae’r ŵyn'), 'line breaks kept');
    assert.match(view.body, /<blockquote[^>]*app-preserve-lines/);
    assert.match(view.body, /Testchild Example, in their own words/);
    assert.match(view.body, /The adviser’s interpretation and analysis/);

    // The sibling is seen with a parent present, then not seen at all.
    const formB = await page(s, `/cases/${kase.caseId}/direct-work/children/${b}/sessions/new`);
    const rb = await s.post(
      `/cases/${kase.caseId}/direct-work/children/${b}/sessions/new`,
      sessionForm(formB.csrf, formB.token, {
        seenAlone: 'no',
        notSeenAloneReason: 'He is six and wanted his mother in the room.',
        ownWords: 'Dwi eisiau aros gyda Mam.',
      }),
    );
    assert.equal(rb.statusCode, 303);
    const formB2 = await page(s, `/cases/${kase.caseId}/direct-work/children/${b}/sessions/new`);
    const rb2 = await s.post(
      `/cases/${kase.caseId}/direct-work/children/${b}/sessions/new`,
      sessionForm(formB2.csrf, formB2.token, {
        seen: 'no',
        notSeenReason: 'Unwell on the day of the visit.',
        'heldOn-day': '2',
        'heldOn-month': '3',
        place: '',
        minutes: '',
        interpretation: '',
      }),
    );
    assert.equal(rb2.statusCode, 303);

    const after = await s.get(`/cases/${kase.caseId}/direct-work`);
    assert.match(after.body, /Seen alone/);
    assert.match(after.body, /Not seen alone/);
    assert.match(after.body, /Why: He is six and wanted his mother in the room\./);
    assert.ok(after.body.includes('Mae’r ŵyn yn y cae &lt;b&gt;'));

    const evidence = await listChildWorkEvidence(t.database.db, kase.caseId);
    assert.deepEqual(
      evidence.map((e) => e.name),
      ['Testchild Example', 'Secondchild Example'],
    );
    const [ea, eb] = evidence;
    assert.equal(ea!.seen, true);
    assert.equal(ea!.seenAlone, true);
    assert.equal(ea!.sessions.length, 1);
    assert.equal(ea!.sessions[0]!.ownWords, WORDS);
    assert.deepEqual(ea!.sessions[0]!.tools, ['Three houses', 'My letter to the judge']);
    assert.equal(ea!.sessions[0]!.href, `/cases/${kase.caseId}/direct-work/sessions/${rowsA[0]!.id}`);
    assert.equal(ea!.impact, null);
    assert.equal(eb!.seen, true);
    assert.equal(eb!.seenAlone, false);
    // He was seen, but never alone: the reason is the one given when he was seen with his mother,
    // not that of the later visit when he was not seen at all.
    assert.equal(eb!.notSeenReason, null);
    assert.equal(eb!.notSeenAloneReason, 'He is six and wanted his mother in the room.');
    assert.equal(eb!.sessions.length, 2);

    const kinds = (await t.database.db.select().from(timelineEvent).where(eq(timelineEvent.caseId, kase.caseId)))
      .filter((e) => e.kind === 'direct-work.session-recorded')
      .map((e) => e.childId);
    assert.deepEqual(kinds.sort(), [a, b, b].sort());
    const audit = await t.database.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.caseId, kase.caseId), eq(auditEvent.resourceType, 'direct-work-session')));
    assert.ok(audit.some((x) => x.action === 'create'));
    assert.ok(audit.some((x) => x.action === 'view'));

    // Tool names follow the case's language in the evidence for the report.
    await t.database.db.update(caseRecord).set({ language: 'cy' }).where(eq(caseRecord.id, kase.caseId));
    const welsh = await listChildWorkEvidence(t.database.db, kase.caseId);
    assert.deepEqual(welsh[0]!.sessions[0]!.tools, ['Tri thŷ', 'Fy llythyr i’r barnwr']);
  });

  it('says what is missing or wrong, keeps what was typed, and stores nothing', async () => {
    const kase = await seedCase(t.database, { allocateTo: fca.userId });
    const a = kase.childIds.a!;
    const url = `/cases/${kase.caseId}/direct-work/children/${a}/sessions/new`;
    const form = await page(s, url);
    const empty = await s.post(url, { _csrf: form.csrf });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Select yes if the child was seen/);
    assert.match(empty.body, /Enter the date the direct work was done/);
    assert.match(empty.body, /href="#heldOn-day"/);

    const notAlone = await s.post(
      url,
      sessionForm(form.csrf, form.token, {
        seenAlone: 'no',
        place: '',
        minutes: '0',
        'heldOn-day': '3',
        'heldOn-month': '3',
      }),
    );
    assert.equal(notAlone.statusCode, 400);
    assert.match(notAlone.body, /Enter why the child was not seen alone/);
    assert.match(notAlone.body, /Enter where the direct work was done/);
    assert.match(notAlone.body, /How long must be a whole number of minutes from 1 to 600/);
    assert.match(notAlone.body, /The date must be today or in the past/);
    assert.ok(notAlone.body.includes('Mae’r ŵyn yn y cae &lt;b&gt;'), 'the typed words are kept, escaped');

    const notSeen = await s.post(url, sessionForm(form.csrf, form.token, { seen: 'no', notSeenReason: '' }));
    assert.equal(notSeen.statusCode, 400);
    assert.match(notSeen.body, /Enter why the child was not seen/);

    const badDate = await s.post(url, sessionForm(form.csrf, form.token, { 'heldOn-day': '29', 'heldOn-month': '2' }));
    assert.equal(badDate.statusCode, 400);
    assert.match(badDate.body, /The date must be a real date/);

    const badTool = await postRepeated(s, url, sessionForm(form.csrf, form.token), ['no-such-tool']);
    assert.equal(badTool.statusCode, 400);
    assert.match(badTool.body, /Select tools from the list/);
    assert.equal((await sessionsOf(a)).length, 0);
  });

  it('keeps every earlier text when the child’s words are corrected, needs a reason, and refuses a stale correction', async () => {
    const kase = await seedCase(t.database, { allocateTo: fca.userId });
    const a = kase.childIds.a!;
    const form = await page(s, `/cases/${kase.caseId}/direct-work/children/${a}/sessions/new`);
    const r = await s.post(
      `/cases/${kase.caseId}/direct-work/children/${a}/sessions/new`,
      sessionForm(form.csrf, form.token),
    );
    const sessionId = (await sessionsOf(a))[0]!.id;
    const correctUrl = `/cases/${kase.caseId}/direct-work/sessions/${sessionId}/correct`;
    const view = await s.get(r.headers.location as string);
    assert.match(view.body, new RegExp(`href="${correctUrl}"`));

    const c1 = await page(s, correctUrl);
    assert.match(c1.body, /name="version" value="1"/);
    assert.ok(c1.body.includes('Mae’r ŵyn yn y cae &lt;b&gt;'), 'the words are in the form, escaped');
    const corrected = `${WORDS}\nA dw i’n caru’r ci.`;
    const noReason = await s.post(correctUrl, {
      ...sessionForm(c1.csrf, c1.token, { ownWords: corrected }),
      version: '1',
    });
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.body, /Enter why you are correcting the child’s words/);
    assert.equal((await sessionsOf(a))[0]!.ownWords, WORDS, 'nothing changed');

    // A second reader opens the correction form at the same version.
    const c2 = await page(s, correctUrl);
    const c3 = await page(s, correctUrl);
    const ok = await s.post(correctUrl, {
      ...sessionForm(c2.csrf, c2.token, { ownWords: corrected }),
      correctionReason: 'I missed the last sentence she said.',
      version: '1',
    });
    assert.equal(ok.statusCode, 303);
    const replay = await s.post(correctUrl, {
      ...sessionForm(c2.csrf, c2.token, { ownWords: corrected }),
      correctionReason: 'I missed the last sentence she said.',
      version: '1',
    });
    assert.equal(replay.statusCode, 303, 'a double submit is harmless');
    const stale = await s.post(correctUrl, {
      ...sessionForm(c3.csrf, c3.token, { ownWords: 'Something else entirely' }),
      correctionReason: 'Overwrite',
      version: '1',
    });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /Someone else saved this record while you were editing it/);
    assert.match(stale.body, /name="version" value="2"/);

    const row = (await sessionsOf(a))[0]!;
    assert.equal(row.ownWords, corrected);
    assert.equal(row.wordsRevision, 2);
    assert.equal(row.version, 2);
    const revisions = await t.database.db
      .select()
      .from(directWorkWordsRevision)
      .where(eq(directWorkWordsRevision.sessionId, sessionId));
    assert.deepEqual(revisions.map((x) => [x.revision, x.ownWords, x.correctionReason]).sort(), [
      [1, WORDS, null],
      [2, corrected, 'I missed the last sentence she said.'],
    ]);
    const shown = await s.get(`/cases/${kase.caseId}/direct-work/sessions/${sessionId}`);
    assert.match(shown.body, /Earlier versions of the child’s words/);
    assert.match(shown.body, /Version 1/);
    assert.match(shown.body, /Version 2 \(current\)/);
    assert.match(shown.body, /Reason for the correction: I missed the last sentence she said\./);

    // Changing only the analysis needs no reason and adds no revision of the words.
    const c4 = await page(s, correctUrl);
    const analysisOnly = await s.post(correctUrl, {
      ...sessionForm(c4.csrf, c4.token, { ownWords: corrected, interpretation: 'Revised analysis.' }),
      version: '2',
    });
    assert.equal(analysisOnly.statusCode, 303);
    const final = (await sessionsOf(a))[0]!;
    assert.equal(final.interpretation, 'Revised analysis.');
    assert.equal(final.wordsRevision, 2);
    const kinds = (await t.database.db.select().from(timelineEvent).where(eq(timelineEvent.caseId, kase.caseId))).map(
      (e) => e.kind,
    );
    assert.equal(kinds.filter((k) => k === 'direct-work.session-corrected').length, 2);
  });

  it('answers 404 for a child or a session of another case, or an id that is not one', async () => {
    const mine = await seedCase(t.database, { allocateTo: fca.userId });
    const other = await seedCase(t.database, { allocateTo: fca.userId });
    const otherChild = other.childIds.a!;
    for (const url of [
      `/cases/${mine.caseId}/direct-work/children/${otherChild}/sessions/new`,
      `/cases/${mine.caseId}/direct-work/children/not-a-child/sessions/new`,
      `/cases/${mine.caseId}/direct-work/children/${otherChild}/impact`,
      `/cases/${mine.caseId}/direct-work/children/${otherChild}/diversity`,
      `/cases/${mine.caseId}/direct-work/sessions/00000000-0000-4000-8000-000000000000`,
      `/cases/${mine.caseId}/direct-work/sessions/nope/correct`,
    ]) {
      const r = await s.get(url);
      assert.equal(r.statusCode, 404, url);
      assert.ok(!r.body.includes('Testchild'), `${url} shows no child`);
    }
    const form = await page(s, `/cases/${other.caseId}/direct-work/children/${otherChild}/sessions/new`);
    const cross = await s.post(
      `/cases/${mine.caseId}/direct-work/children/${otherChild}/sessions/new`,
      sessionForm(form.csrf, form.token),
    );
    assert.equal(cross.statusCode, 404);
    assert.equal((await sessionsOf(otherChild)).length, 0);
    // A session of the other case is not found through this one.
    const ok = await s.post(
      `/cases/${other.caseId}/direct-work/children/${otherChild}/sessions/new`,
      sessionForm(
        form.csrf,
        formTokenFrom((await s.get(`/cases/${other.caseId}/direct-work/children/${otherChild}/sessions/new`)).body),
      ),
    );
    assert.equal(ok.statusCode, 303);
    const otherSession = (await sessionsOf(otherChild))[0]!.id;
    assert.equal((await s.get(`/cases/${mine.caseId}/direct-work/sessions/${otherSession}`)).statusCode, 404);
  });

  it('refuses people outside need-to-know, and those who may only read', async () => {
    const kase = await seedCase(t.database, { areaId: 'eng-01', teamId: 'test-team-c' });
    const outsider = await signedIn(t.app, (await createUser(t.database, 'fca')).email);
    const r = await outsider.get(`/cases/${kase.caseId}/direct-work`);
    assert.ok([403, 404].includes(r.statusCode));
    assert.ok(!r.body.includes('Testchild'));
    const post = await outsider.post(`/cases/${kase.caseId}/direct-work/children/${kase.childIds.a}/sessions/new`, {
      _csrf: csrfFrom((await outsider.get('/caseload')).body),
    });
    assert.ok([403, 404].includes(post.statusCode));

    const local = await seedCase(t.database);
    const inspector = await signedIn(t.app, (await createUser(t.database, 'inspector', { teamId: null })).email);
    const read = await inspector.get(`/cases/${local.caseId}/direct-work`);
    if (read.statusCode === 200) {
      assert.ok(!read.body.includes('/sessions/new'), 'no recording link for a reader');
      const refused = await inspector.get(
        `/cases/${local.caseId}/direct-work/children/${local.childIds.a}/sessions/new`,
      );
      assert.ok([403, 404].includes(refused.statusCode));
    }
  });
});

describe('child impact analysis and diversity', () => {
  let t: TestApp;
  let fca: { userId: string; email: string };
  let s: Session;

  before(async () => {
    t = await testApp();
    fca = await createUser(t.database, 'fca');
    s = await signedIn(t.app, fca.email);
  });
  after(() => t.close());

  const impactForm = (csrf: string, token: string, version: string, over: Record<string, string> = {}) => ({
    _csrf: csrf,
    _formToken: token,
    version,
    livedExperience: 'Moves between two homes each week.',
    disputeImpact: 'Hears the arguments at handovers.',
    riskImpact: 'No direct risk identified to her.',
    ...Object.fromEntries(WELFARE_CHECKLIST.map((c) => [`welfare-${c}`, `Analysis under ${c}.`])),
    timescales: 'A decision before she starts secondary school in September.',
    ...over,
  });

  it('writes the analysis under every heading of the welfare checklist, versioned, stale edits refused', async () => {
    const kase = await seedCase(t.database, { allocateTo: fca.userId });
    const a = kase.childIds.a!;
    const url = `/cases/${kase.caseId}/direct-work/children/${a}/impact`;
    const first = await page(s, url);
    assert.match(first.body, /Section 1\(3\)\(a\) Children Act 1989/);
    assert.match(first.body, /Section 1\(3\)\(g\) Children Act 1989: The range of powers available to the court/);
    assert.match(first.body, /name="version" value="0"/);

    const empty = await s.post(url, { _csrf: first.csrf });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Enter the child’s lived experience/);
    assert.match(empty.body, /Enter your analysis under this heading of the welfare checklist/);
    assert.match(empty.body, /Enter the child’s timescales/);

    const missingOne = await s.post(url, impactForm(first.csrf, first.token, '0', { 'welfare-harm': '   ' }));
    assert.equal(missingOne.statusCode, 400);
    assert.match(missingOne.body, /href="#welfare-harm"/);
    assert.match(missingOne.body, /Moves between two homes each week\./, 'what was typed is kept');

    const other = await page(s, url);
    const saved = await s.post(url, impactForm(first.csrf, first.token, '0'));
    assert.equal(saved.statusCode, 303);
    assert.equal(saved.headers.location, `/cases/${kase.caseId}/direct-work?saved=impact`);
    assert.equal((await s.post(url, impactForm(first.csrf, first.token, '0'))).statusCode, 303, 'double submit');
    // Someone who opened the empty form before the first save cannot overwrite it.
    const staleFirst = await s.post(url, impactForm(other.csrf, other.token, '0', { livedExperience: 'Other' }));
    assert.equal(staleFirst.statusCode, 409);
    assert.match(staleFirst.body, /Someone else saved this record/);

    const v1 = await page(s, url);
    assert.match(v1.body, /name="version" value="1"/);
    const v1b = await page(s, url);
    const updated = await s.post(url, impactForm(v1.csrf, v1.token, '1', { timescales: 'Before Easter.' }));
    assert.equal(updated.statusCode, 303);
    const stale = await s.post(url, impactForm(v1b.csrf, v1b.token, '1', { timescales: 'Overwritten' }));
    assert.equal(stale.statusCode, 409);

    const rows = await t.database.db.select().from(childImpactAnalysis).where(eq(childImpactAnalysis.childId, a));
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.version, 2);
    assert.equal(rows[0]!.timescales, 'Before Easter.');
    assert.deepEqual(Object.keys(rows[0]!.welfare).sort(), [...WELFARE_CHECKLIST].sort());

    const evidence = await listChildWorkEvidence(t.database.db, kase.caseId);
    assert.equal(evidence[0]!.impact!.timescales, 'Before Easter.');
    assert.equal(evidence[0]!.impact!.welfare.harm, 'Analysis under harm.');
    assert.equal(evidence[0]!.impact!.href, url);
    assert.equal(evidence[1]!.impact, null, 'the sibling has their own analysis, not yet written');

    const overview = await s.get(`/cases/${kase.caseId}/direct-work?saved=impact`);
    assert.match(overview.body, /The child impact analysis has been saved/);
    assert.match(overview.body, /Open the child impact analysis for Testchild Example/);
    assert.match(overview.body, /Write the child impact analysis for Secondchild Example/);
    const kinds = (await t.database.db.select().from(timelineEvent).where(eq(timelineEvent.caseId, kase.caseId))).map(
      (e) => e.kind,
    );
    assert.equal(kinds.filter((k) => k === 'direct-work.impact-recorded').length, 1);
    assert.equal(kinds.filter((k) => k === 'direct-work.impact-updated').length, 1);
  });

  it('records diversity and identity with an explicit statement of relevance, in Welsh too', async () => {
    const kase = await seedCase(t.database, { allocateTo: fca.userId });
    const b = kase.childIds.b!;
    const url = `/cases/${kase.caseId}/direct-work/children/${b}/diversity`;
    const form = await page(s, url);
    assert.match(form.body, /Race and ethnicity/);
    assert.match(form.body, /Gender identity/);
    const missing = await s.post(url, { _csrf: form.csrf, _formToken: form.token, version: '0', relevant: 'no' });
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /Enter why nothing about the child’s diversity and identity is relevant to the report/);
    const none = await s.post(url, { _csrf: form.csrf });
    assert.equal(none.statusCode, 400);
    assert.match(none.body, /Select yes if any of this is relevant to the report/);

    const ok = await s.post(url, {
      _csrf: form.csrf,
      _formToken: form.token,
      version: '0',
      'aspect-language': 'Speaks Welsh at school and at his father’s; English at his mother’s.',
      'aspect-religion': 'The family are chapel-goers in Cwm-y-Glo.',
      relevant: 'yes',
      statement: 'His Welsh is part of who he is: the arrangements should keep his Welsh-medium school.',
    });
    assert.equal(ok.statusCode, 303);
    const rows = await t.database.db.select().from(childDiversity).where(eq(childDiversity.childId, b));
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.relevant, true);
    assert.match(rows[0]!.aspects.language!, /Speaks Welsh/);
    const evidence = await listChildWorkEvidence(t.database.db, kase.caseId);
    assert.equal(evidence[1]!.diversity!.relevant, true);
    assert.match(evidence[1]!.diversity!.statement, /Welsh-medium school/);

    const form2 = await page(s, url);
    const stale = await s.post(url, {
      _csrf: form2.csrf,
      _formToken: form2.token,
      version: '0',
      relevant: 'no',
      statement: 'Nothing relevant.',
    });
    assert.equal(stale.statusCode, 409);

    const welsh = await s.get('/language/cy?returnTo=/');
    assert.equal(welsh.statusCode < 400, true);
    const cyPage = await s.get(url);
    assert.match(cyPage.body, /Hil ac ethnigrwydd/);
    assert.match(cyPage.body, /Amrywiaeth a hunaniaeth: Secondchild Example/);
    const cyOverview = await s.get(`/cases/${kase.caseId}/direct-work`);
    assert.match(cyOverview.body, /Yn berthnasol i’r adroddiad/);
    await s.get('/language/en?returnTo=/');
  });
});

describe('signposting', () => {
  let t: TestApp;
  let fca: { userId: string; email: string };
  let s: Session;

  before(async () => {
    t = await testApp();
    fca = await createUser(t.database, 'fca');
    s = await signedIn(t.app, fca.email);
  });
  after(() => t.close());

  it('lists the services of the case’s local authority first and records who was signposted, once', async () => {
    const kase = await seedCase(t.database, { allocateTo: fca.userId });
    await t.database.db
      .update(caseRecord)
      .set({ localAuthorityCode: 'E08000021' })
      .where(eq(caseRecord.id, kase.caseId));
    const [local] = await t.database.db
      .insert(localService)
      .values({
        nation: 'england',
        localAuthorityCode: 'E08000021',
        kind: 'mediation',
        name: 'Tyneside Example Mediation',
        nameCy: 'Cyfryngu Enghreifftiol Tyneside',
        contact: 'https://tyneside-mediation.example.org',
      })
      .returning({ id: localService.id });
    const url = `/cases/${kase.caseId}/direct-work/signposting`;
    const form = await page(s, url);
    const localAt = form.body.indexOf('Tyneside Example Mediation');
    const nationalAt = form.body.indexOf('Brightwell Family Information Service');
    assert.ok(localAt > 0 && nationalAt > 0, 'both the local and the national services are offered');
    assert.ok(localAt < nationalAt, 'the local authority’s services come first');
    assert.match(form.body, /Services in Newcastle City Council/);
    assert.match(form.body, /Services for the whole of England/);
    assert.match(form.body, /id="serviceId"/);
    assert.ok(!form.body.includes(CANARY_ADDRESS));

    const empty = await s.post(url, { _csrf: form.csrf });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Select the service/);
    assert.match(empty.body, /Select who was signposted/);
    assert.match(empty.body, /Enter the date the signposting was given/);
    assert.match(empty.body, /Select how the signposting was given/);

    const body = {
      _csrf: form.csrf,
      _formToken: form.token,
      serviceId: local!.id,
      recipient: `party:${kase.partyIds.mother}`,
      'givenOn-day': '2',
      'givenOn-month': '3',
      'givenOn-year': '2026',
      method: 'telephone',
      note: 'Mother will call them this week.',
    };
    const r = await s.post(url, body);
    assert.equal(r.statusCode, 303);
    assert.equal((await s.post(url, body)).statusCode, 303);
    const rows = await t.database.db.select().from(signposting).where(eq(signposting.caseId, kase.caseId));
    assert.equal(rows.length, 1, 'a double submit records one');
    assert.equal(rows[0]!.partyId, kase.partyIds.mother);
    assert.equal(rows[0]!.childId, null);

    const shown = await s.get(r.headers.location as string);
    assert.match(shown.body, /The signposting has been recorded/);
    assert.match(shown.body, /Testmother Example/);
    assert.match(shown.body, /By telephone/);

    // To a child of the case, with a national service.
    const form2 = await page(s, url);
    const [national] = await t.database.db
      .select({ id: localService.id })
      .from(localService)
      .where(eq(localService.name, 'Talking Space Children’s Counselling'));
    const toChild = await s.post(url, {
      ...body,
      _formToken: form2.token,
      serviceId: national!.id,
      recipient: `child:${kase.childIds.a}`,
      method: 'in-person',
    });
    assert.equal(toChild.statusCode, 303);
    const overview = await s.get(`/cases/${kase.caseId}/direct-work`);
    assert.match(overview.body, /Talking Space Children’s Counselling/);
    assert.match(overview.body, /Tyneside Example Mediation/);

    // A person of another case, or a retired service, is refused.
    const other = await seedCase(t.database, { allocateTo: fca.userId });
    const form3 = await page(s, url);
    const cross = await s.post(url, { ...body, _formToken: form3.token, recipient: `child:${other.childIds.a}` });
    assert.equal(cross.statusCode, 400);
    assert.match(cross.body, /Select who was signposted/);
    await t.database.db.update(localService).set({ active: false }).where(eq(localService.id, local!.id));
    const form4 = await page(s, url);
    assert.ok(!form4.body.includes('Tyneside Example Mediation</label>'));
    const retired = await s.post(url, { ...body, _formToken: form4.token });
    assert.equal(retired.statusCode, 400);
    assert.match(retired.body, /Select a service from the list/);
    assert.equal((await t.database.db.select().from(signposting).where(eq(signposting.caseId, kase.caseId))).length, 2);
    const kinds = (await t.database.db.select().from(timelineEvent).where(eq(timelineEvent.caseId, kase.caseId))).map(
      (e) => e.kind,
    );
    assert.equal(kinds.filter((k) => k === 'direct-work.signposting-given').length, 2);
  });
});
