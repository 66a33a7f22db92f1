import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { inputValue, rows } from '../helpers/allocation.ts';
import { createUser, csrfFrom, formTokenFrom, type Session, signedIn, type TestApp, testApp } from '../helpers/app.ts';

const URL = '/admin/reference/workload-weights';
const C100 = `${URL}/private/c100`;

describe('workload weights (administration)', () => {
  let t: TestApp;
  let admin: Session;
  let managerSession: Session;

  before(async () => {
    t = await testApp();
    const a = await createUser(t.database, 'system-admin', { teamId: null });
    admin = await signedIn(t.app, a.email);
    const m = await createUser(t.database, 'service-manager');
    managerSession = await signedIn(t.app, m.email);
  });
  after(() => t.close());

  async function form() {
    const page = await admin.get(C100);
    assert.equal(page.statusCode, 200);
    const fields: Record<string, string> = { _csrf: csrfFrom(page.body), _formToken: formTokenFrom(page.body) };
    for (const s of ['allocated', 'reporting', 'report-filed', 'closing']) {
      fields[`version-${s}`] = inputValue(page.body, `version-${s}`);
      fields[`weight-${s}`] = inputValue(page.body, `weight-${s}`);
    }
    return { page, fields };
  }

  it('lists the weights of every kind of case and explains the sibling uplift', async () => {
    const page = await admin.get(URL);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Workload weights/);
    assert.match(page.body, /Care or supervision order \(C110A\)/);
    assert.match(page.body, /each child after the first adds a quarter/);
    assert.ok(page.body.includes(`href="${C100}"`));
  });

  it('validates the numbers and saves a change with its audit', async () => {
    const { fields } = await form();
    assert.equal(fields['weight-allocated'], '1');
    assert.equal(fields['weight-closing'], '0.25');
    const bad = await admin.post(C100, {
      ...fields,
      'weight-allocated': 'one',
      'weight-reporting': '11',
      'weight-closing': '',
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Enter the weight as a number/);
    assert.match(bad.body, /10 points or fewer/);
    assert.match(bad.body, /Enter a weight/);
    assert.match(bad.body, /value="one"/);
    const ok = await admin.post(C100, { ...fields, 'weight-reporting': '1.5' });
    assert.equal(ok.statusCode, 303);
    assert.equal(ok.headers.location, `${URL}?saved=weights`);
    const again = await admin.post(C100, { ...fields, 'weight-reporting': '1.5' });
    assert.equal(again.statusCode, 303, 'a double submit is harmless');
    const [row] = await rows<{ weight: string; version: number }>(
      t.database,
      sql`SELECT weight::text, version FROM workload_weight WHERE law = 'private' AND application_type = 'c100'
          AND stage = 'reporting'`,
    );
    assert.equal(row!.weight, '1.50');
    assert.equal(row!.version, 2);
    const audit = await rows(
      t.database,
      sql`SELECT 1 FROM audit_event WHERE resource_type = 'workload-weight' AND action = 'change'`,
    );
    assert.equal(audit.length, 1);
    const list = await admin.get(`${URL}?saved=weights`);
    assert.match(list.body, /The workload weights have been saved/);
    const edit = await admin.get(C100);
    assert.match(edit.body, /Last changed by Test system-admin/);
  });

  it('refuses a stale edit', async () => {
    const first = await form();
    const second = await form();
    assert.equal((await admin.post(C100, { ...first.fields, 'weight-closing': '0.5' })).statusCode, 303);
    const stale = await admin.post(C100, { ...second.fields, 'weight-closing': '0.1' });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /Someone else changed these weights/);
    const [row] = await rows<{ weight: string }>(
      t.database,
      sql`SELECT weight::text FROM workload_weight WHERE law = 'private' AND application_type = 'c100' AND stage = 'closing'`,
    );
    assert.equal(row!.weight, '0.50');
  });

  it('is for system administrators only, and unknown kinds are not found', async () => {
    assert.equal((await managerSession.get(URL)).statusCode, 403);
    assert.equal((await managerSession.get(C100)).statusCode, 403);
    assert.equal((await admin.get(`${URL}/private/no-such-kind`)).statusCode, 404);
    const post = await admin.post(`${URL}/private/no-such-kind`, { _csrf: csrfFrom((await admin.get(URL)).body) });
    assert.equal(post.statusCode, 404);
    // Without a CSRF token: refused.
    assert.equal((await admin.post(C100, { 'weight-allocated': '2' })).statusCode, 403);
  });
});
