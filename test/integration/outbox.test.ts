import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq, like, sql } from 'drizzle-orm';
import { enqueueMessage } from '../../src/platform/notify/outbox.ts';
import { OUTBOX_PAGE_SIZE } from '../../src/platform/notify/queries.ts';
import { outboxMessage } from '../../src/platform/notify/schema.ts';
import { createUser, type Session, signedIn, type TestApp, testApp } from '../helpers/app.ts';

const SECRET_NAME = 'Outboxsecret Person';
const SECRET_ADDRESS = 'secret.recipient@example.test';

describe('the outbox', () => {
  let t: TestApp;
  let admin: Session;

  before(async () => {
    t = await testApp();
    admin = await signedIn(t.app, (await createUser(t.database, 'system-admin', { teamId: null })).email);
  });
  after(() => t.close());

  const message = (key: string, overrides: Partial<Parameters<typeof enqueueMessage>[1]> = {}) => ({
    idempotencyKey: key,
    caseId: null,
    template: 'delay-notice',
    channel: 'email' as const,
    recipientPersonId: null,
    recipient: SECRET_ADDRESS,
    language: 'en' as const,
    personalisation: { name: SECRET_NAME, reason: 'Secret reason text', reference: 'CV-2026-SECRET' },
    createdBy: null,
    now: new Date('2026-03-02T09:00:00Z'),
    ...overrides,
  });

  it('queues a message once per key, and only if its transaction commits', async () => {
    const first = await t.database.db.transaction((tx) => enqueueMessage(tx, message('test:once')));
    const again = await t.database.db.transaction((tx) => enqueueMessage(tx, message('test:once')));
    assert.equal(first.created, true);
    assert.equal(again.created, false);
    assert.equal(again.id, first.id);
    await assert.rejects(
      t.database.db.transaction(async (tx) => {
        await enqueueMessage(tx, message('test:undone'));
        throw new Error('the change failed');
      }),
      /the change failed/,
    );
    const rows = await t.database.db.select().from(outboxMessage).where(like(outboxMessage.idempotencyKey, 'test:%'));
    assert.deepEqual(
      rows.map((r) => r.idempotencyKey),
      ['test:once'],
    );
  });

  it('shows administrators how messages stand, newest first, never what they say or who they are for', async () => {
    await t.database.db.transaction(async (tx) => {
      await enqueueMessage(tx, message('page:welsh', { language: 'cy', channel: 'sms', recipient: '07700 900555' }));
      await enqueueMessage(
        tx,
        message('page:failed', { channel: 'letter', recipient: null, now: new Date('2026-03-03T09:00:00Z') }),
      );
    });
    await t.database.db
      .update(outboxMessage)
      .set({ status: 'failed', attempts: 3, lastError: 'Provider said no to secret.recipient' })
      .where(eq(outboxMessage.idempotencyKey, 'page:failed'));
    const page = await admin.get('/admin/outbox');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Messages to service users/);
    assert.match(page.body, /Delay notice/);
    assert.match(page.body, /Text message/);
    assert.match(page.body, /Welsh/);
    assert.match(page.body, /Failed/);
    assert.match(page.body, /Waiting/);
    for (const secret of [
      SECRET_NAME,
      SECRET_ADDRESS,
      'Secret reason text',
      'CV-2026-SECRET',
      '900555',
      'Provider said no',
    ]) {
      assert.ok(!page.body.includes(secret), `the page shows ${secret}`);
    }
    // Newest first: the failed letter (queued 3 March) comes before the others.
    assert.ok(page.body.indexOf('Letter') < page.body.indexOf('Text message'));
    const failed = await admin.get('/admin/outbox?status=failed');
    assert.equal(failed.statusCode, 200);
    assert.match(failed.body, /Showing 1 to 1 of 1 messages/);
    const sent = await admin.get('/admin/outbox?status=sent');
    assert.match(sent.body, /There are no messages with this status/);
    // A filter or page that is not one falls back to all messages, first page.
    const nonsense = await admin.get('/admin/outbox?status=%3Cscript%3E&page=-4');
    assert.equal(nonsense.statusCode, 200);
    assert.match(nonsense.body, /Showing 1 to 3 of 3 messages/);
  });

  it('pages through many messages in SQL', async () => {
    await t.database.db.execute(sql`INSERT INTO outbox_message (idempotency_key, template, channel, language, created_at)
      SELECT 'bulk:' || g, 'delay-notice', 'email', 'en', timestamptz '2026-01-01T00:00:00Z' + g * interval '1 minute'
      FROM generate_series(1, ${OUTBOX_PAGE_SIZE + 5}) g`);
    const first = await admin.get('/admin/outbox?status=waiting');
    assert.match(first.body, /Showing 1 to 50 of/);
    assert.match(first.body, /href="\/admin\/outbox\?status=waiting&amp;page=2"/);
    const second = await admin.get('/admin/outbox?status=waiting&page=2');
    assert.equal(second.statusCode, 200);
    assert.match(second.body, /Showing 51 to/);
  });

  it('is refused to everyone but system administrators', async () => {
    for (const role of ['fca', 'service-manager', 'qa-auditor'] as const) {
      const user = await createUser(t.database, role);
      const r = await (await signedIn(t.app, user.email)).get('/admin/outbox');
      assert.equal(r.statusCode, 403, role);
      assert.ok(!r.body.includes('Delay notice'));
    }
    const anonymous = await t.app.inject({ method: 'GET', url: '/admin/outbox' });
    assert.equal(anonymous.statusCode, 302);
    assert.match(String(anonymous.headers.location), /^\/sign-in/);
  });
});
