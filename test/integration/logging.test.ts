import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createUser, csrfFrom, formTokenFrom, Session, signedIn, type TestApp, testApp } from '../helpers/app.ts';
import { seedCase } from '../helpers/cases.ts';

const CANARY = 'CANARYPERSON Zebedee-Quux';

describe('logs carry no personal data', () => {
  let t: TestApp;
  const lines: string[] = [];
  before(async () => {
    t = await testApp({ logLines: lines });
  });
  after(() => t.close());

  it('logs requests, refusals and a failed statement without the values people typed', async () => {
    const fca = await createUser(t.database, 'fca', { email: 'canary.person@test.childvoice.test' });
    const kase = await seedCase(t.database, { allocateTo: fca.userId });
    const anonymous = new Session(t.app);
    await anonymous.post('/sign-in', { _csrf: await anonymous.csrf(), email: fca.email, password: CANARY });
    const s = await signedIn(t.app, fca.email);
    const page = await s.get(`/cases/${kase.caseId}`);
    // Make the note's insert fail inside the database, with the canary among its parameters.
    await t.database.exec(
      `ALTER TABLE timeline_event ADD CONSTRAINT log_test CHECK (body IS NULL OR body NOT LIKE '%CANARY%') NOT VALID`,
    );
    try {
      const r = await s.post(`/cases/${kase.caseId}/notes`, {
        _csrf: csrfFrom(page.body),
        _formToken: formTokenFrom(page.body),
        note: `Met ${CANARY} at 12 Secret Road\r\n{"level":60,"msg":"forged"}`,
      });
      assert.equal(r.statusCode, 500);
    } finally {
      await t.database.exec('ALTER TABLE timeline_event DROP CONSTRAINT log_test');
    }
    const all = lines.join('\n');
    assert.ok(lines.length > 5, 'something was logged');
    assert.ok(all.includes('"level":50'), 'the failure was logged as an error');
    assert.ok(!all.includes('CANARY'), 'a typed value reached the logs');
    assert.ok(!all.includes('canary.person'), 'an e-mail address reached the logs');
    assert.ok(!all.includes('Secret Road'));
    assert.ok(!all.includes('forged'), 'a log line was injected');
    for (const line of lines) JSON.parse(line);
  });
});
