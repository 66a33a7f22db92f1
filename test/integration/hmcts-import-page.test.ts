import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/platform/db/database.ts';
import { createUser, csrfFrom, type Session, signedIn, type TestApp, testApp } from '../helpers/app.ts';

const SAMPLE = readFileSync(new URL('../fixtures/hmcts/prl/cafcass-search-response.json', import.meta.url));
const jsonFile = (content: Buffer | string) => ({
  field: 'file',
  name: 'search.json',
  type: 'application/json',
  content,
});

describe('importing a saved HMCTS search response through the intake page', () => {
  let t: TestApp;
  let intake: Session;
  let fca: Session;

  before(async () => {
    t = await testApp();
    intake = await signedIn(t.app, (await createUser(t.database, 'intake-officer')).email);
    fca = await signedIn(t.app, (await createUser(t.database, 'fca', { teamId: 'test-team-a' })).email);
    // The applicant of the second sample case, known from an earlier case (spelt differently).
    await t.database.db.execute(
      sql`INSERT INTO person (given_names, family_name, date_of_birth) VALUES ('Yogi', 'Upasani', '1999-10-10')`,
    );
  });
  after(() => t.close());

  it('imports the sample, lists each court case with a link, and creates nothing the second time', async () => {
    const page = await intake.get('/intake/hmcts/import');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Saved search response \(JSON file\)/);
    assert.match(page.body, /enctype="multipart\/form-data"/);

    const first = await intake.postMultipart('/intake/hmcts/import', { _csrf: csrfFrom(page.body) }, jsonFile(SAMPLE));
    assert.equal(first.statusCode, 200, first.body);
    assert.match(first.body, /Import finished/);
    assert.match(first.body, /1661164783455399/);
    assert.match(first.body, /1661447479032162/);
    const links = [...first.body.matchAll(/href="\/cases\/([0-9a-f-]{36})"/g)].map((m) => m[1]);
    assert.equal(new Set(links).size, 2);
    const [created] = await queryRows<{ n: number }>(
      t.database.db,
      sql`SELECT count(*)::int AS n FROM hmcts_case WHERE ccd_id IN ('1661164783455399', '1661447479032162')`,
    );
    assert.equal(created!.n, 2);
    const [audit] = await queryRows<{ n: number }>(
      t.database.db,
      sql`SELECT count(*)::int AS n FROM audit_event WHERE resource_type = 'hmcts-case' AND actor_user_id IS NOT NULL`,
    );
    assert.equal(audit!.n, 1, 'the person who imported the file is in the audit trail');
    const [match] = await queryRows<{ n: number }>(
      t.database.db,
      sql`SELECT count(*)::int AS n FROM person_match m JOIN person c ON c.id = m.candidate_person_id
        WHERE c.family_name = 'Upasani' AND m.status = 'candidate'`,
    );
    assert.equal(match!.n, 1, 'people taken in from the court are matched with earlier cases');

    const again = await intake.postMultipart('/intake/hmcts/import', { _csrf: csrfFrom(page.body) }, jsonFile(SAMPLE));
    assert.equal(again.statusCode, 200);
    const [cases] = await queryRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM hmcts_case`);
    assert.equal(cases!.n, 2, 'nothing new the second time');
    assert.match(again.body, /No change/);
  });

  it('reports a file that is not a search response, keeps it raw and imports nothing', async () => {
    const page = await intake.get('/intake/hmcts/import');
    const before = await queryRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM case_record`);
    const response = await intake.postMultipart(
      '/intake/hmcts/import',
      { _csrf: csrfFrom(page.body) },
      jsonFile('{"total": 1, "cases": [ {"id": '),
    );
    assert.equal(response.statusCode, 200);
    assert.match(response.body, /Not imported|Not valid JSON/);
    const afterRows = await queryRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM case_record`);
    assert.equal(afterRows[0]!.n, before[0]!.n);
    const [raw] = await queryRows<{ n: number }>(
      t.database.db,
      sql`SELECT count(*)::int AS n FROM hmcts_snapshot WHERE outcome = 'rejected' AND raw LIKE '{"total": 1%'`,
    );
    assert.equal(raw!.n, 1);
  });

  it('asks for a file when none or an empty one is sent', async () => {
    const page = await intake.get('/intake/hmcts/import');
    const none = await intake.postMultipart('/intake/hmcts/import', { _csrf: csrfFrom(page.body) });
    assert.equal(none.statusCode, 400);
    assert.match(none.body, /Select a saved search response file/);
    assert.match(none.body, /href="#file"/);
    // What a browser sends when no file was chosen: an empty part with a blank file name.
    const unchosen = await intake.postMultipart(
      '/intake/hmcts/import',
      { _csrf: csrfFrom(page.body) },
      { ...jsonFile(''), name: '', type: 'application/octet-stream' },
    );
    assert.equal(unchosen.statusCode, 400);
    assert.match(unchosen.body, /Select a saved search response file/);
    const empty = await intake.postMultipart('/intake/hmcts/import', { _csrf: csrfFrom(page.body) }, jsonFile(''));
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /The selected file is empty/);
  });

  it('refuses an upload without the form’s token, and people who do not take in applications', async () => {
    const noToken = await intake.postMultipart('/intake/hmcts/import', {}, jsonFile(SAMPLE));
    assert.equal(noToken.statusCode, 403);
    assert.equal((await fca.get('/intake/hmcts/import')).statusCode, 403);
    const fcaPage = await fca.get('/caseload');
    const refused = await fca.postMultipart(
      '/intake/hmcts/import',
      { _csrf: csrfFrom(fcaPage.body) },
      jsonFile(SAMPLE),
    );
    assert.equal(refused.statusCode, 403);
  });

  it('refuses a multipart body on a route that takes no upload, before reading it', async () => {
    const page = await intake.get('/caseload');
    const response = await intake.postMultipart('/sign-out', { _csrf: csrfFrom(page.body) }, jsonFile(SAMPLE));
    assert.equal(response.statusCode, 415);
    const anonymous = await t.app.inject({
      method: 'POST',
      url: '/sign-in',
      payload: Buffer.alloc(1024, 32),
      headers: { 'content-type': 'multipart/form-data; boundary=x' },
    });
    assert.equal(anonymous.statusCode, 415);
  });

  it('refuses a file over the size limit with a clear message', async () => {
    const page = await intake.get('/intake/hmcts/import');
    const big = Buffer.alloc(10 * 1024 * 1024 + 10, 32);
    const response = await intake.postMultipart('/intake/hmcts/import', { _csrf: csrfFrom(page.body) }, jsonFile(big));
    assert.equal(response.statusCode, 413);
    assert.match(response.body, /too large/);
  });
});
