import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { httpHmctsPrlClient, staticTokens } from '../../src/modules/intake/hmcts/client.ts';
import { fetchPendingDocuments } from '../../src/modules/intake/hmcts/documents.ts';
import { pollOnce } from '../../src/modules/intake/hmcts/poller.ts';
import { importSearchResponse } from '../../src/modules/intake/hmcts/upsert.ts';
import { queryRows } from '../../src/platform/db/database.ts';
import { type TestDatabase, testDatabase } from '../helpers/database.ts';
import { HmctsStandIn, redactedText, searchResponse, searchResponseText } from './hmcts-stand-in.ts';

const CASE_A = '1661164783455399';
const CASE_B = '1661447479032162';

describe('HMCTS PRL feed: import, poll, documents', () => {
  let database: TestDatabase;
  let standIn: HmctsStandIn;
  let now = new Date('2026-03-02T09:00:00Z');
  const clock = () => now;
  const rows = <T>(q: ReturnType<typeof sql>) => queryRows<T>(database.db, q);
  const count = async (table: string, where = sql`TRUE`) =>
    (await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM ${sql.raw(table)} WHERE ${where}`))[0]!.n;
  const client = (timeoutMs = 10_000) =>
    httpHmctsPrlClient({ baseUrl: standIn.baseUrl, tokens: staticTokens('idam-token', 's2s-token'), timeoutMs });

  before(async () => {
    database = await testDatabase();
    standIn = await new HmctsStandIn().start();
  });
  after(async () => {
    await standIn.stop();
    await database.destroy();
  });
  beforeEach(() => {
    standIn.requests.length = 0;
  });

  it('creates both fixture cases with children, parties, relationships, hearings, documents and risk signals', async () => {
    const summary = await importSearchResponse(database.db, { body: searchResponseText(), source: 'file', now });
    assert.deepEqual(summary.cases, { created: 2, updated: 0, unchanged: 0 });
    assert.equal(summary.rejected, 0);
    assert.equal(summary.children, 2);
    assert.equal(
      summary.parties,
      4,
      'applicant and respondent of each case; the empty "other people" rows are skipped',
    );
    assert.equal(summary.documents, 2);

    const cases = await rows<{
      ccd_id: string;
      reference: string;
      status: string;
      law: string;
      application_type: string;
      area_id: string;
      court_id: string | null;
      court_state: string;
      court_reference: string;
      orders_applying_for: string[];
    }>(sql`SELECT h.ccd_id, c.reference, c.status, c.law, c.application_type, c.area_id, c.court_id,
        d.court_state, d.court_reference, d.orders_applying_for
      FROM hmcts_case h JOIN case_record c ON c.id = h.case_id JOIN case_court_dates d ON d.case_id = c.id ORDER BY h.ccd_id`);
    assert.equal(cases.length, 2);
    const [a, b] = cases;
    assert.match(a!.reference, /^CV-2026-\d{6}$/);
    assert.equal(a!.status, 'received');
    assert.equal(a!.law, 'private');
    assert.equal(a!.application_type, 'c100');
    assert.equal(a!.court_state, 'DECISION_OUTCOME');
    assert.equal(a!.court_reference, CASE_A);
    assert.deepEqual(a!.orders_applying_for, ['childArrangementsOrder']);
    assert.equal(a!.court_id, 'west-london-family-court');
    assert.equal(b!.court_id, 'east-london-family-court');

    const relationships = await rows<{ ccd_id: string; role: string; relationship: string }>(sql`
      SELECT h.ccd_id, p.party_role AS role, r.relationship FROM party_child_relationship r
      JOIN case_party p ON p.id = r.party_id JOIN hmcts_case h ON h.case_id = p.case_id ORDER BY h.ccd_id, p.party_role`);
    assert.deepEqual(relationships, [
      { ccd_id: CASE_A, role: 'applicant', relationship: 'step-parent' },
      { ccd_id: CASE_A, role: 'respondent', relationship: 'mother' },
      { ccd_id: CASE_B, role: 'applicant', relationship: 'father' },
      { ccd_id: CASE_B, role: 'respondent', relationship: 'mother' },
    ]);

    const [hearing] = await rows<{
      source_ref: string;
      type_code: string;
      starts_at: string;
      ends_at: string;
      days: { startsAt: string }[];
    }>(sql`SELECT source_ref, type_code, starts_at, ends_at, days FROM hearing`);
    assert.equal(hearing!.source_ref, '2000004862');
    assert.equal(hearing!.type_code, 'ABA5-FHR');
    assert.equal(new Date(hearing!.starts_at).toISOString(), '2023-04-11T09:00:00.000Z', 'the earliest of three days');
    assert.equal(new Date(hearing!.ends_at).toISOString(), '2023-04-13T15:00:00.000Z');
    assert.deepEqual(
      hearing!.days.map((d) => d.startsAt),
      ['2023-04-11T09:00:00.000Z', '2023-04-12T09:00:00.000Z', '2023-04-13T09:00:00.000Z'],
    );

    const risks = await rows<{ kind: string; source: string }>(sql`SELECT kind, source FROM risk_signal`);
    assert.deepEqual(
      risks,
      [{ kind: 'miam-domestic-abuse', source: 'hmcts' }],
      'case B claimed the domestic-violence exemption',
    );

    assert.equal(await count('hmcts_snapshot', sql`outcome = 'created'`), 2);
    assert.equal(await count('timeline_event', sql`kind = 'hmcts.case-received'`), 2);
    assert.equal(await count('audit_event', sql`resource_type = 'hmcts-case' AND action = 'create'`), 2);
    assert.equal(await count('hmcts_child_link'), 2);
    assert.equal(await count('hmcts_party_link'), 4);
  });

  it('a second import of the same file creates nothing: every case is unchanged, last seen moves', async () => {
    now = new Date('2026-03-02T10:00:00Z');
    const summary = await importSearchResponse(database.db, { body: searchResponseText(), source: 'file', now });
    assert.deepEqual(summary.cases, { created: 0, updated: 0, unchanged: 2 });
    assert.equal(summary.children + summary.parties + summary.documents, 0);
    assert.equal(await count('case_record'), 2);
    assert.equal(await count('hmcts_snapshot', sql`outcome = 'unchanged'`), 2);
    const seen = await rows<{ last_seen_at: string; first_seen_at: string }>(
      sql`SELECT first_seen_at, last_seen_at FROM hmcts_case`,
    );
    for (const s of seen) assert.equal(new Date(s.last_seen_at).toISOString(), now.toISOString());
  });

  it('an update: a child added, a document removed, an order with a report due, confidential details; links stay stable', async () => {
    const before = await rows<{ element_id: string; child_id: string }>(
      sql`SELECT element_id, child_id FROM hmcts_child_link WHERE ccd_id = ${CASE_A}`,
    );
    const body = searchResponse();
    const kase = body.cases[0];
    kase.state = 'PREPARE_FOR_HEARING_CONDUCT_HEARING';
    kase.case_data.children.push({
      id: '0b6a2d5e-0000-4000-8000-000000000001',
      value: { firstName: 'Newchild', lastName: 'gdgffd', dateOfBirth: '2021-01-05', gender: 'female' },
    });
    kase.case_data.childAndApplicantRelations = [
      {
        id: 'r1',
        value: {
          partyId: 'f03aff33-42ca-4b44-9dd9-c414294f87d5',
          childId: '0b6a2d5e-0000-4000-8000-000000000001',
          relationType: 'father',
        },
      },
    ];
    delete kase.case_data.submitAndPayDownloadApplicationLink;
    kase.case_data.finalDocument = {
      document_id: '22222222-2222-4222-8222-222222222222',
      document_filename: 'C100.pdf',
    };
    kase.case_data.orderCollection = [
      {
        id: 'order-1',
        value: {
          orderType: 'standardDirectionsOrder',
          orderTypeId: 'Standard directions order',
          originalFilingDate: '2026-04-10',
          courtReportType: ['Safeguarding letter', 'Section 7 report'],
          orderDocument: { document_id: '33333333-3333-4333-8333-333333333333', document_filename: 'sdo.pdf' },
        },
      },
    ];
    kase.case_data.applicants[0].value.isPhoneNumberConfidential = 'Yes';
    kase.case_data.applicantsConfidentialDetails = [
      { id: 'c1', value: { firstName: 'sdfdsf', lastName: 'sdf', email: 'hidden@example.test' } },
    ];
    now = new Date('2026-03-03T09:00:00Z');
    const summary = await importSearchResponse(database.db, { body: JSON.stringify(body), source: 'file', now });
    assert.deepEqual(summary.cases, { created: 0, updated: 1, unchanged: 1 });
    assert.equal(summary.children, 1);
    assert.equal(summary.documents, 2, 'the C100 and the order document');

    const after = await rows<{ element_id: string; child_id: string }>(
      sql`SELECT element_id, child_id FROM hmcts_child_link WHERE ccd_id = ${CASE_A}`,
    );
    assert.equal(after.length, 2);
    for (const b of before) assert.ok(after.some((a) => a.element_id === b.element_id && a.child_id === b.child_id));
    assert.equal(await count('case_child'), 3);
    const [rel] = await rows<{ relationship: string }>(sql`SELECT r.relationship FROM party_child_relationship r
      JOIN hmcts_child_link l ON l.child_id = r.child_id WHERE l.element_id = '0b6a2d5e-0000-4000-8000-000000000001'`);
    assert.equal(rel!.relationship, 'father');

    const docs = await rows<{ document_id: string; removed_at: string | null }>(
      sql`SELECT document_id, removed_at FROM hmcts_document WHERE ccd_id = ${CASE_A} ORDER BY document_id`,
    );
    assert.deepEqual(
      docs.map((d) => [d.document_id, d.removed_at !== null]),
      [
        ['22222222-2222-4222-8222-222222222222', false],
        ['33333333-3333-4333-8333-333333333333', false],
        ['e7226e49-fc92-4c12-bac5-e3e50ee4ff15', true],
      ],
    );
    const [direction] = await rows<{ report_type: string; due_on: string; source: string }>(
      sql`SELECT report_type, due_on, source FROM court_direction WHERE report_type = 'safeguarding-letter'`,
    );
    assert.deepEqual(direction, { report_type: 'safeguarding-letter', due_on: '2026-04-10', source: 'court-order' });
    assert.equal(await count('court_direction'), 2);
    const [dates] = await rows<{ court_state: string; letter_due_on: string }>(
      sql`SELECT d.court_state, d.letter_due_on FROM case_court_dates d JOIN hmcts_case h ON h.case_id = d.case_id WHERE h.ccd_id = ${CASE_A}`,
    );
    assert.deepEqual(dates, { court_state: 'PREPARE_FOR_HEARING_CONDUCT_HEARING', letter_due_on: '2026-04-10' });
    const confidential = await rows<{ kind: string; value: string }>(
      sql`SELECT kind, value FROM contact_detail WHERE confidential ORDER BY kind`,
    );
    assert.deepEqual(confidential, [
      { kind: 'email', value: 'hidden@example.test' },
      { kind: 'phone', value: '07442772347' },
    ]);

    const [snapshot] = await rows<{ outcome: string; changes: string[] }>(
      sql`SELECT outcome, changes FROM hmcts_snapshot WHERE ccd_id = ${CASE_A} ORDER BY id DESC LIMIT 1`,
    );
    assert.equal(snapshot!.outcome, 'updated');
    for (const key of [
      'state',
      'children',
      'orderCollection',
      'finalDocument',
      'submitAndPayDownloadApplicationLink',
    ]) {
      assert.ok(snapshot!.changes.includes(key), `changes include ${key}`);
    }
    const [timeline] = await rows<{ details: { changes: string[]; childrenAdded: number } }>(
      sql`SELECT details FROM timeline_event WHERE kind = 'hmcts.case-updated'`,
    );
    assert.equal(timeline!.details.childrenAdded, 1);
    assert.ok(
      !JSON.stringify(timeline!.details).includes('hidden@example.test'),
      'no confidential value in the timeline',
    );
  });

  it('a removed child is kept and noted; the same update twice is unchanged', async () => {
    const body = searchResponse();
    body.cases = [body.cases[1]];
    body.cases[0].case_data.children = [];
    now = new Date('2026-03-03T10:00:00Z');
    const first = await importSearchResponse(database.db, { body: JSON.stringify(body), source: 'file', now });
    assert.deepEqual(first.cases, { created: 0, updated: 1, unchanged: 0 });
    assert.ok(first.warnings.some((w) => w.includes('no longer in the court')));
    assert.equal(await count('hmcts_child_link', sql`ccd_id = ${CASE_B}`), 1);
    const again = await importSearchResponse(database.db, { body: JSON.stringify(body), source: 'file', now });
    assert.deepEqual(again.cases, { created: 0, updated: 0, unchanged: 1 });
  });

  it('rejects, raw and whole, what cannot be imported: bad JSON, a case without id, a failing case, a Welsh court', async () => {
    const casesBefore = await count('case_record');
    const bad = await importSearchResponse(database.db, { body: '{"total": 1, "cases": [', source: 'file', now });
    assert.equal(bad.rejected, 1);
    const body = searchResponse();
    const noId = structuredClone(body.cases[0]);
    delete noId.id;
    const invalid = structuredClone(body.cases[0]);
    invalid.id = 1999999999999999;
    invalid.case_data.children = 'not a list';
    const welsh = structuredClone(body.cases[0]);
    welsh.id = 1888888888888888;
    welsh.case_data.caseManagementLocation = { regionId: '7', baseLocationId: '1' };
    welsh.case_data.courtName = 'Cardiff Civil and Family Justice Centre';
    const mixed = await importSearchResponse(database.db, {
      body: JSON.stringify({ total: 3, cases: [noId, invalid, welsh] }),
      source: 'file',
      now,
    });
    assert.equal(mixed.rejected, 3);
    assert.deepEqual(mixed.cases, { created: 0, updated: 0, unchanged: 0 });
    assert.equal(await count('case_record'), casesBefore, 'nothing half-imported');
    const rejected = await rows<{ ccd_id: string | null; reason: string; raw: string }>(
      sql`SELECT ccd_id, reason, raw FROM hmcts_snapshot WHERE outcome = 'rejected' ORDER BY id`,
    );
    assert.equal(rejected.length, 4);
    assert.equal(rejected[0]!.raw, '{"total": 1, "cases": [', 'kept exactly as received');
    assert.match(rejected[0]!.reason, /Not valid JSON/);
    assert.equal(rejected[1]!.ccd_id, null);
    assert.match(rejected[1]!.reason, /no valid id/);
    assert.equal(rejected[2]!.ccd_id, '1999999999999999');
    assert.match(rejected[2]!.reason, /children/);
    assert.equal(rejected[3]!.ccd_id, '1888888888888888');
    assert.match(rejected[3]!.reason, /Wales/);
  });

  it('a failure inside the transaction leaves nothing of the case behind', async () => {
    const body = searchResponse();
    body.cases = [body.cases[0]];
    const kase = body.cases[0];
    kase.id = 1777777777777777;
    // Two applicants with one element id: the second party link breaks the primary key mid-import.
    kase.case_data.applicants.push(structuredClone(kase.case_data.applicants[0]));
    const before = {
      cases: await count('case_record'),
      persons: await count('person'),
      timeline: await count('timeline_event'),
    };
    const summary = await importSearchResponse(database.db, { body: JSON.stringify(body), source: 'file', now });
    assert.equal(summary.rejected, 1);
    assert.equal(await count('case_record'), before.cases);
    assert.equal(await count('person'), before.persons);
    assert.equal(await count('timeline_event'), before.timeline);
    assert.equal(await count('hmcts_case', sql`ccd_id = '1777777777777777'`), 0);
    const [snapshot] = await rows<{ reason: string }>(
      sql`SELECT reason FROM hmcts_snapshot WHERE ccd_id = '1777777777777777' AND outcome = 'rejected'`,
    );
    assert.match(snapshot!.reason, /^Import failed: 23505 duplicate key/);
    assert.ok(!snapshot!.reason.includes('f03aff33'), 'no query parameters in the reason');
  });

  it('the legacy redacted-documents response: the all-zero document is ignored, the other keyed on its id', async () => {
    const body = JSON.parse(redactedText());
    body.cases[0].id = 1666666666666666;
    body.cases[0].case_data.courtName = 'Nowhere Family Court';
    const summary = await importSearchResponse(database.db, { body: JSON.stringify(body), source: 'file', now });
    assert.deepEqual(summary.cases, { created: 1, updated: 0, unchanged: 0 });
    assert.ok(summary.warnings.some((w) => w.includes('Court not in our court list')));
    const docs = await rows<{ document_id: string; category: string }>(
      sql`SELECT document_id, category FROM hmcts_document WHERE ccd_id = '1666666666666666'`,
    );
    assert.deepEqual(docs, [
      { document_id: '11111111-1111-1111-1111-111111111111', category: 'otherDocumentsUploaded' },
    ]);
    const [kase] = await rows<{ area_id: string }>(
      sql`SELECT c.area_id FROM case_record c JOIN hmcts_case h ON h.case_id = c.id WHERE h.ccd_id = '1666666666666666'`,
    );
    assert.equal(kase!.area_id, 'eng-10', 'region 2 (Midlands) default area');
  });

  it('polls in windows of at most 15 minutes with overlap, sending both tokens, and the mark advances', async () => {
    await database.db.execute(sql`DELETE FROM hmcts_feed_state`);
    now = new Date('2026-03-04T12:00:00Z');
    await database.db.execute(
      sql`INSERT INTO hmcts_feed_state (feed, high_water_mark) VALUES ('prl', ${new Date('2026-03-04T11:30:00Z')})`,
    );
    standIn.search = () => ({ body: searchResponseText() });
    const result = await pollOnce({ db: database.db, client: client(), now: clock });
    assert.equal(result.error, null);
    assert.deepEqual(
      result.windows.map((w) => [w.start, w.end]),
      [
        ['2026-03-04T11:28:00.000Z', '2026-03-04T11:43:00.000Z'],
        ['2026-03-04T11:41:00.000Z', '2026-03-04T11:56:00.000Z'],
        ['2026-03-04T11:54:00.000Z', '2026-03-04T12:00:00.000Z'],
      ],
    );
    assert.equal(standIn.requests[0]!.query.get('start_date'), '2026-03-04T11:28:00');
    assert.equal(standIn.requests[0]!.query.get('end_date'), '2026-03-04T11:43:00');
    assert.equal(standIn.requests[0]!.headers.authorization, 'Bearer idam-token');
    assert.equal(standIn.requests[0]!.headers.serviceauthorization, 's2s-token');
    const [state] = await rows<{ high_water_mark: string; consecutive_failures: number; last_error: string | null }>(
      sql`SELECT high_water_mark, consecutive_failures, last_error FROM hmcts_feed_state`,
    );
    assert.equal(new Date(state!.high_water_mark).toISOString(), '2026-03-04T12:00:00.000Z');
    assert.equal(state!.consecutive_failures, 0);
  });

  for (const [name, reply, expected] of [
    ['a 500', { status: 500, body: '{"message":"boom"}' }, /HMCTS failed \(500\)/],
    ['a timeout', { delayMs: 3000, body: '{}' }, /within 1000 ms/],
    ['bad JSON', { body: '<html>gateway</html>' }, /not JSON/],
  ] as const) {
    it(`${name} fails the window: the mark stays, the error and failure count are recorded, the next run retries`, async () => {
      await database.db.execute(sql`UPDATE hmcts_feed_state SET consecutive_failures = 0, last_error = NULL`);
      const [before] = await rows<{ high_water_mark: string }>(sql`SELECT high_water_mark FROM hmcts_feed_state`);
      now = new Date(new Date(before!.high_water_mark).getTime() + 10 * 60 * 1000);
      standIn.search = () => reply;
      const result = await pollOnce({ db: database.db, client: client(1000), now: clock });
      assert.match(result.error ?? '', expected);
      const [state] = await rows<{ high_water_mark: string; consecutive_failures: number; last_error: string }>(
        sql`SELECT high_water_mark, consecutive_failures, last_error FROM hmcts_feed_state`,
      );
      assert.equal(state!.high_water_mark, before!.high_water_mark);
      assert.equal(state!.consecutive_failures, 1);
      assert.match(state!.last_error, expected);
      standIn.search = () => ({ body: JSON.stringify({ total: 0, cases: [] }) });
      const retry = await pollOnce({ db: database.db, client: client(), now: clock });
      assert.equal(retry.error, null);
      assert.equal(
        retry.windows[0]!.start,
        new Date(new Date(before!.high_water_mark).getTime() - 120_000).toISOString(),
      );
      const [after] = await rows<{ consecutive_failures: number; high_water_mark: string }>(
        sql`SELECT consecutive_failures, high_water_mark FROM hmcts_feed_state`,
      );
      assert.equal(after!.consecutive_failures, 0);
      assert.equal(new Date(after!.high_water_mark).toISOString(), now.toISOString());
    });
  }

  it('fetches documents by id, retries with back-off and gives up after the last attempt', async () => {
    const [first_] = await rows<{ document_id: string }>(
      sql`SELECT document_id FROM hmcts_document WHERE removed_at IS NULL ORDER BY document_id LIMIT 1`,
    );
    const good = first_!.document_id;
    const removed = await count('hmcts_document', sql`removed_at IS NOT NULL`);
    assert.ok(removed > 0);
    standIn.document = (id) =>
      id === good
        ? { body: new TextEncoder().encode('%PDF-1.7 test'), contentType: 'application/pdf' }
        : { status: 503, body: 'busy' };
    const deps = { db: database.db, client: client(), now: clock, maxAttempts: 3, baseDelayMs: 60_000 };
    const first = await fetchPendingDocuments(deps, 50);
    const pending = await count('hmcts_document', sql`fetch_status = 'pending' AND removed_at IS NULL`);
    assert.ok(pending > 0);
    assert.equal(first.fetched, 1);
    assert.equal(first.retried, pending);
    const [fetched] = await rows<{ content_type: string; sha256: string; attempts: number }>(
      sql`SELECT content_type, sha256, attempts FROM hmcts_document WHERE document_id = ${good}`,
    );
    assert.equal(fetched!.content_type, 'application/pdf');
    assert.match(fetched!.sha256, /^[0-9a-f]{64}$/);
    assert.equal(fetched!.attempts, 1);
    assert.equal(
      await count('hmcts_document', sql`removed_at IS NOT NULL AND fetch_status = 'pending' AND attempts = 0`),
      removed,
      'removed documents are not fetched',
    );

    const none = await fetchPendingDocuments(deps, 50);
    assert.equal(none.fetched + none.retried + none.failed, 0, 'nothing is due before the back-off');
    now = new Date(now.getTime() + 61_000);
    const second = await fetchPendingDocuments(deps, 50);
    assert.equal(second.retried, pending);
    const [delay] = await rows<{ seconds: number }>(
      sql`SELECT extract(epoch FROM next_attempt_at - ${now}::timestamptz)::int AS seconds FROM hmcts_document WHERE fetch_status = 'pending' AND attempts = 2 LIMIT 1`,
    );
    assert.equal(delay!.seconds, 120, 'the delay doubles');
    now = new Date(now.getTime() + 121_000);
    const third = await fetchPendingDocuments(deps, 50);
    assert.equal(third.failed, pending);
    assert.equal(
      await count(
        'hmcts_document',
        sql`fetch_status = 'failed' AND attempts = 3 AND last_error LIKE 'server-error 503%'`,
      ),
      pending,
    );
  });
});
