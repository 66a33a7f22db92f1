import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { localService } from '../../src/modules/direct-work/schema.ts';
import { directWorkTool } from '../../src/modules/organisation/schema.ts';
import { auditEvent } from '../../src/platform/audit/schema.ts';
import { createUser, csrfFrom, formTokenFrom, type Session, signedIn, type TestApp, testApp } from '../helpers/app.ts';
import { seedCase } from '../helpers/cases.ts';

async function page(s: Session, url: string) {
  const r = await s.get(url);
  assert.equal(r.statusCode, 200, `${url}: ${r.statusCode}`);
  return { body: r.body, csrf: csrfFrom(r.body), token: formTokenFrom(r.body) };
}

describe('reference data: direct work tools and local services', () => {
  let t: TestApp;
  let admin: Session;
  let fcaUser: { userId: string; email: string };
  let fca: Session;

  before(async () => {
    t = await testApp();
    admin = await signedIn(t.app, (await createUser(t.database, 'system-admin', { teamId: null })).email);
    fcaUser = await createUser(t.database, 'fca');
    fca = await signedIn(t.app, fcaUser.email);
  });
  after(() => t.close());

  it('links the reference lists from the index, for administrators only', async () => {
    const index = await admin.get('/admin/reference');
    assert.equal(index.statusCode, 200);
    for (const href of [
      '/admin/reference/tools',
      '/admin/reference/local-services',
      '/admin/reference/workload-weights',
    ])
      assert.ok(index.body.includes(`href="${href}"`), href);
    for (const url of ['/admin/reference', '/admin/reference/tools', '/admin/reference/local-services'])
      assert.equal((await fca.get(url)).statusCode, 403, url);
    const csrf = csrfFrom((await fca.get('/caseload')).body);
    const refused = await fca.post('/admin/reference/tools', { _csrf: csrf, name: 'Sneaky', nameCy: 'Slei' });
    assert.equal(refused.statusCode, 403);
    assert.equal(
      (await t.database.db.select().from(directWorkTool).where(eq(directWorkTool.name, 'Sneaky'))).length,
      0,
    );
  });

  it('adds a tool once, edits its names in English and Welsh, refuses a stale edit, retires and restores it', async () => {
    const list = await page(admin, '/admin/reference/tools');
    assert.match(list.body, /Three houses/);
    assert.match(list.body, /Tri thŷ/);
    const empty = await admin.post('/admin/reference/tools', { _csrf: list.csrf });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Enter the name of the tool in English/);
    assert.match(empty.body, /Enter the name of the tool in Welsh/);

    const form = { _csrf: list.csrf, _formToken: list.token, name: 'Bear cards', nameCy: 'Cardiau arth' };
    const r = await admin.post('/admin/reference/tools', form);
    assert.equal(r.statusCode, 303);
    assert.equal((await admin.post('/admin/reference/tools', form)).statusCode, 303);
    const added = await t.database.db.select().from(directWorkTool).where(eq(directWorkTool.name, 'Bear cards'));
    assert.equal(added.length, 1, 'a double submit adds one tool');
    assert.equal(added[0]!.code, 'bear-cards');
    assert.equal(added[0]!.active, true);

    // A second tool with the same name gets its own code.
    const list2 = await page(admin, '/admin/reference/tools');
    await admin.post('/admin/reference/tools', { ...form, _formToken: list2.token, nameCy: 'Cardiau arth eraill' });
    const twins = await t.database.db.select().from(directWorkTool).where(eq(directWorkTool.name, 'Bear cards'));
    assert.deepEqual(twins.map((x) => x.code).sort(), ['bear-cards', 'bear-cards-2']);

    const edit1 = await page(admin, '/admin/reference/tools/bear-cards');
    const edit2 = await page(admin, '/admin/reference/tools/bear-cards');
    const fields = (p: { csrf: string; token: string }, name: string, nameCy: string) => ({
      _csrf: p.csrf,
      _formToken: p.token,
      name,
      nameCy,
      description: '',
      descriptionCy: '',
      'was-name': 'Bear cards',
      'was-nameCy': 'Cardiau arth',
      'was-description': '',
      'was-descriptionCy': '',
    });
    const saved = await admin.post(
      '/admin/reference/tools/bear-cards',
      fields(edit1, 'Bear feelings cards', 'Cardiau teimladau’r arth'),
    );
    assert.equal(saved.statusCode, 303);
    const stale = await admin.post('/admin/reference/tools/bear-cards', fields(edit2, 'Overwritten', 'Trosysgrifwyd'));
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /Someone else saved this record/);
    assert.match(stale.body, /value="Bear feelings cards"/);
    const [tool] = await t.database.db.select().from(directWorkTool).where(eq(directWorkTool.code, 'bear-cards'));
    assert.equal(tool!.nameCy, 'Cardiau teimladau’r arth');

    // Retired: no longer offered for new direct work; restored: offered again.
    const kase = await seedCase(t.database, { allocateTo: fcaUser.userId });
    const newSession = `/cases/${kase.caseId}/direct-work/children/${kase.childIds.a}/sessions/new`;
    assert.match((await fca.get(newSession)).body, /Bear feelings cards/);
    const retire = await admin.post('/admin/reference/tools/bear-cards/retire', { _csrf: list.csrf });
    assert.equal(retire.statusCode, 303);
    assert.equal((await admin.post('/admin/reference/tools/bear-cards/retire', { _csrf: list.csrf })).statusCode, 303);
    assert.equal(
      (await t.database.db.select().from(directWorkTool).where(eq(directWorkTool.code, 'bear-cards')))[0]!.active,
      false,
    );
    assert.ok(!(await fca.get(newSession)).body.includes('Bear feelings cards'));
    const shown = await admin.get('/admin/reference/tools?saved=retired');
    assert.match(shown.body, /The entry has been retired/);
    assert.match(shown.body, /Retired/);
    await admin.post('/admin/reference/tools/bear-cards/restore', { _csrf: list.csrf });
    assert.match((await fca.get(newSession)).body, /Bear feelings cards/);

    const audit = await t.database.db.select().from(auditEvent).where(eq(auditEvent.resourceType, 'direct-work-tool'));
    assert.ok(audit.some((a) => a.action === 'create' && a.resourceIds.includes('bear-cards')));
    assert.equal(audit.filter((a) => a.reason === 'retired').length, 1, 'retiring twice is recorded once');

    assert.equal((await admin.get('/admin/reference/tools/no-such-tool')).statusCode, 404);
    assert.equal((await admin.get('/admin/reference/tools/Not%20a%20code')).statusCode, 404);
    assert.equal(
      (await admin.post('/admin/reference/tools/no-such-tool/retire', { _csrf: list.csrf })).statusCode,
      404,
    );
  });

  it('maintains the directory of local services, with its seeded entries for each nation', async () => {
    const list = await admin.get('/admin/reference/local-services');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /Brightwell Family Information Service/);
    assert.match(list.body, /Pont Family Mediation/);
    const wales = await admin.get('/admin/reference/local-services?nation=wales');
    assert.ok(!wales.body.includes('Brightwell Family Information Service'));
    assert.match(wales.body, /Lloches Domestic Abuse Support/);
    const welshAdmin = await admin.get('/language/cy?returnTo=/admin/reference/local-services');
    assert.ok(welshAdmin.statusCode < 400);
    assert.match(
      (await admin.get('/admin/reference/local-services?nation=wales')).body,
      /Cymorth Cam-drin Domestig Lloches/,
    );
    await admin.get('/language/en?returnTo=/');

    const form = await page(admin, '/admin/reference/local-services/new');
    const empty = await admin.post('/admin/reference/local-services/new', { _csrf: form.csrf });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Select the nation/);
    assert.match(empty.body, /Select the kind of service/);
    assert.match(empty.body, /Enter the name in Welsh/);
    const wrongNation = await admin.post('/admin/reference/local-services/new', {
      _csrf: form.csrf,
      _formToken: form.token,
      nation: 'wales',
      localAuthorityCode: 'E08000021',
      kind: 'mediation',
      name: 'X',
      nameCy: 'X',
    });
    assert.equal(wrongNation.statusCode, 400);
    assert.match(wrongNation.body, /The local authority must be in the nation selected/);

    const body = {
      _csrf: form.csrf,
      _formToken: form.token,
      nation: 'england',
      localAuthorityCode: 'E08000021',
      kind: 'young-carers',
      name: 'Tyneside Example Young Carers',
      nameCy: 'Gofalwyr Ifanc Enghreifftiol Tyneside',
      contact: 'hello@tyneside-carers.example.org',
    };
    assert.equal((await admin.post('/admin/reference/local-services/new', body)).statusCode, 303);
    assert.equal((await admin.post('/admin/reference/local-services/new', body)).statusCode, 303);
    const rows = await t.database.db
      .select()
      .from(localService)
      .where(eq(localService.name, 'Tyneside Example Young Carers'));
    assert.equal(rows.length, 1);
    const id = rows[0]!.id;

    const e1 = await page(admin, `/admin/reference/local-services/${id}`);
    const e2 = await page(admin, `/admin/reference/local-services/${id}`);
    assert.match(e1.body, /name="version" value="1"/);
    const changed = await admin.post(`/admin/reference/local-services/${id}`, {
      ...body,
      _csrf: e1.csrf,
      _formToken: e1.token,
      name: 'Tyneside Young Carers Hub',
      version: '1',
    });
    assert.equal(changed.statusCode, 303);
    const stale = await admin.post(`/admin/reference/local-services/${id}`, {
      ...body,
      _csrf: e2.csrf,
      _formToken: e2.token,
      name: 'Overwrite',
      version: '1',
    });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /Tyneside Young Carers Hub/);

    const retire = await admin.post(`/admin/reference/local-services/${id}/retire`, { _csrf: e1.csrf });
    assert.equal(retire.statusCode, 303);
    const [row] = await t.database.db.select().from(localService).where(eq(localService.id, id));
    assert.equal(row!.active, false);
    assert.equal(row!.name, 'Tyneside Young Carers Hub');
    assert.equal((await admin.get('/admin/reference/local-services/not-a-uuid')).statusCode, 404);
    assert.equal(
      (await admin.get('/admin/reference/local-services/00000000-0000-4000-8000-000000000000')).statusCode,
      404,
    );
  });

  it('pages the directory in SQL', async () => {
    await t.database.db.insert(localService).values(
      Array.from({ length: 30 }, (_, i) => ({
        nation: 'wales',
        kind: 'other',
        name: `Zzz paged service ${String(i).padStart(2, '0')}`,
        nameCy: `Gwasanaeth tudalen ${i}`,
      })),
    );
    const first = await admin.get('/admin/reference/local-services?nation=wales');
    assert.match(first.body, /govuk-pagination/);
    const second = await admin.get('/admin/reference/local-services?nation=wales&page=2');
    assert.equal(second.statusCode, 200);
    assert.match(second.body, /Zzz paged service 29/);
    assert.ok(!first.body.includes('Zzz paged service 29'));
  });
});
