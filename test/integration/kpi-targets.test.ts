import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { KPIS, readTargets } from '../../src/modules/performance/service.ts';
import { inputValue, rows } from '../helpers/allocation.ts';
import { createUser, csrfFrom, formTokenFrom, Session, signedIn, type TestApp, testApp } from '../helpers/app.ts';

const URL = '/admin/reference/kpi-targets';
const SCREENING = `${URL}/screening-on-time`;
const ALLOCATION_TIME = `${URL}/care-allocation-time`;

/** The value of the checked radio of a group on a page ('' when none is checked). */
function checkedValue(html: string, name: string): string {
  for (const m of html.matchAll(new RegExp(`<input[^>]*name="${name}"[^>]*>`, 'g'))) {
    if (/\schecked\b/.test(m[0])) return /value="([^"]*)"/.exec(m[0])?.[1] ?? '';
  }
  return '';
}

describe('KPI targets (administration)', () => {
  let t: TestApp;
  let admin: Session;
  let adminName: string;
  let welshAdmin: Session;
  let analyst: Session;
  let managerSession: Session;
  let fcaSession: Session;

  before(async () => {
    t = await testApp();
    const a = await createUser(t.database, 'system-admin', { teamId: null });
    admin = await signedIn(t.app, a.email);
    const [who] = await rows<{ name: string }>(
      t.database,
      sql`SELECT display_name AS name FROM user_account WHERE id = ${a.userId}`,
    );
    adminName = who!.name;
    welshAdmin = await signedIn(t.app, (await createUser(t.database, 'system-admin', { teamId: null })).email);
    await welshAdmin.get(`/language/cy?returnTo=${encodeURIComponent(URL)}`);
    analyst = await signedIn(t.app, (await createUser(t.database, 'performance-analyst', { teamId: null })).email);
    managerSession = await signedIn(t.app, (await createUser(t.database, 'service-manager')).email);
    fcaSession = await signedIn(t.app, (await createUser(t.database, 'fca')).email);
  });
  after(() => t.close());

  /** The form of a KPI as the page gives it: tokens, versions, the chosen radios and the inputs. */
  async function form(url: string) {
    const page = await admin.get(url);
    assert.equal(page.statusCode, 200);
    const fields: Record<string, string> = { _csrf: csrfFrom(page.body), _formToken: formTokenFrom(page.body) };
    for (const n of ['england', 'wales']) {
      fields[`version-${n}`] = inputValue(page.body, `version-${n}`);
      fields[`mode-${n}`] = checkedValue(page.body, `mode-${n}`);
      fields[`target-${n}`] = inputValue(page.body, `target-${n}`);
    }
    return { page, fields };
  }

  const targetRows = (kpi: string) =>
    rows<{ nation: string; target: number; version: number }>(
      t.database,
      sql`SELECT nation, target, version FROM kpi_target WHERE kpi = ${kpi} ORDER BY nation`,
    );
  const auditCount = async (kpi: string) =>
    (
      await rows(
        t.database,
        sql`SELECT 1 FROM audit_event WHERE resource_type = 'kpi-target' AND action = 'change'
            AND resource_ids::text LIKE ${`%${kpi}/%`}`,
      )
    ).length;

  it('lists every KPI in dashboard order with its targets, and is linked from reference data', async () => {
    const page = await admin.get(URL);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<h1 class="govuk-heading-l">KPI targets<\/h1>/);
    let last = -1;
    for (const k of KPIS) {
      const at = page.body.indexOf(`id="kpi-${k.id}"`);
      assert.ok(at > last, `${k.id} is listed after the KPI before it`);
      last = at;
      assert.ok(page.body.includes(`href="${URL}/${k.id}"`), `${k.id} has a Change link`);
    }
    const screening = page.body.slice(page.body.indexOf('id="kpi-screening-on-time"'));
    assert.match(screening.slice(0, screening.indexOf('</tr>')), /95%.*Default[\s\S]*95%.*Default/);
    const allocation = page.body.slice(page.body.indexOf('id="kpi-care-allocation-time"'));
    assert.match(allocation.slice(0, allocation.indexOf('</tr>')), /0\.7 working days/);
    const caseload = page.body.slice(page.body.indexOf('id="kpi-caseload"'));
    assert.match(caseload.slice(0, caseload.indexOf('</tr>')), /No target[\s\S]*No target/);
    assert.doesNotMatch(page.body, /govuk-notification-banner/);
    const index = await admin.get('/admin/reference');
    assert.ok(index.body.includes(`href="${URL}"`));
    assert.match(index.body, /KPI targets/);
  });

  it('shows the pages in Welsh', async () => {
    const list = await welshAdmin.get(URL);
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /Targedau DPA/);
    assert.match(list.body, /Lloegr/);
    assert.match(list.body, /Sgrinio mewn pryd/);
    assert.match(list.body, /Diofyn/);
    const page = await welshAdmin.get(SCREENING);
    assert.match(page.body, /Defnyddio’r targed diofyn \(95%\)/);
    const bad = await welshAdmin.post(SCREENING, {
      _csrf: csrfFrom(page.body),
      _formToken: formTokenFrom(page.body),
      'version-england': '0',
      'version-wales': '0',
      'mode-england': 'set',
      'target-england': '',
      'mode-wales': 'set',
      'target-wales': '120',
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Rhowch y targed ar gyfer Lloegr/);
    assert.match(bad.body, /Rhaid i’r targed ar gyfer Cymru fod rhwng 0% a 100%/);
  });

  it('shows the form with each nation on its default', async () => {
    const { page, fields } = await form(SCREENING);
    assert.match(page.body, /Screening on time/);
    assert.match(page.body, /Use the default \(95%\)/);
    assert.match(page.body, /Figure to beat: “Within 24 hours” \(2018\)/);
    assert.deepEqual(
      [fields['mode-england'], fields['target-england'], fields['version-england'], fields['version-wales']],
      ['default', '95', '0', '0'],
    );
    const caseload = await admin.get(`${URL}/caseload`);
    assert.match(caseload.body, /Use the default \(No target\)/);
    assert.match(caseload.body, /does not mark the figure as meeting or missing it/);
  });

  it('saves targets that readTargets and the dashboards then use, audited, and a double submit is harmless', async () => {
    const { fields } = await form(SCREENING);
    const posted = {
      ...fields,
      'mode-england': 'set',
      'target-england': '90',
      'mode-wales': 'set',
      'target-wales': '92.5%',
    };
    const ok = await admin.post(SCREENING, posted);
    assert.equal(ok.statusCode, 303);
    assert.equal(ok.headers.location, `${URL}?saved=screening-on-time`);
    const again = await admin.post(SCREENING, posted);
    assert.equal(again.statusCode, 303, 'a double submit is harmless');
    assert.equal(again.headers.location, `${URL}?saved=screening-on-time`);
    assert.deepEqual(await targetRows('screening-on-time'), [
      { nation: 'england', target: 0.9, version: 1 },
      { nation: 'wales', target: 0.925, version: 1 },
    ]);
    assert.equal(await auditCount('screening-on-time'), 1, 'one audit record for one change');
    const [audit] = await rows<{ ids: string[] }>(
      t.database,
      sql`SELECT resource_ids AS ids FROM audit_event WHERE resource_type = 'kpi-target' ORDER BY seq DESC LIMIT 1`,
    );
    assert.deepEqual(audit!.ids, ['screening-on-time/england', 'screening-on-time/wales']);

    const targets = await readTargets(t.database.db);
    assert.deepEqual(targets.get('screening-on-time'), { england: 0.9, wales: 0.925 });
    const national = await analyst.get('/performance/national');
    assert.equal(national.statusCode, 200);
    assert.match(national.body, /Target: 90%/);
    const wales = await analyst.get('/performance/areas/wal-south');
    assert.equal(wales.statusCode, 200);
    assert.match(wales.body, /Target: 92\.5%/);

    const list = await admin.get(`${URL}?saved=screening-on-time`);
    assert.match(list.body, /The targets for Screening on time have been saved/);
    const row = list.body.slice(list.body.indexOf('id="kpi-screening-on-time"'));
    assert.match(row.slice(0, row.indexOf('</tr>')), /90%.*Set[\s\S]*92\.5%.*Set/);
    assert.doesNotMatch((await admin.get(`${URL}?saved=no-such-kpi`)).body, /have been saved/);

    // Change England again and return Wales to its default.
    const edit = await form(SCREENING);
    assert.match(edit.page.body, new RegExp(`Last changed by ${adminName}`));
    assert.deepEqual([edit.fields['mode-wales'], edit.fields['target-wales']], ['set', '92.5']);
    const second = await admin.post(SCREENING, {
      ...edit.fields,
      'target-england': '91',
      'mode-wales': 'default',
    });
    assert.equal(second.statusCode, 303);
    assert.deepEqual(await targetRows('screening-on-time'), [{ nation: 'england', target: 0.91, version: 2 }]);
    assert.deepEqual((await readTargets(t.database.db)).get('screening-on-time'), { england: 0.91, wales: 0.95 });
    assert.equal(await auditCount('screening-on-time'), 2);
    const back = await admin.get(URL);
    const backRow = back.body.slice(back.body.indexOf('id="kpi-screening-on-time"'));
    assert.match(backRow.slice(0, backRow.indexOf('</tr>')), /91%.*Set[\s\S]*95%.*Default/);
  });

  it('saves a mean in its unit', async () => {
    const { fields } = await form(ALLOCATION_TIME);
    assert.equal(fields['target-england'], '0.7');
    const ok = await admin.post(ALLOCATION_TIME, { ...fields, 'mode-england': 'set', 'target-england': '1.25' });
    assert.equal(ok.statusCode, 303);
    assert.deepEqual((await readTargets(t.database.db)).get('care-allocation-time'), { england: 1.25, wales: 0.7 });
    assert.match((await admin.get(URL)).body, /1\.25 working days/);
    assert.equal(await auditCount('care-allocation-time'), 1);
  });

  it('refuses what is not a target, in a GOV.UK error summary, and saves nothing', async () => {
    const { fields } = await form(`${URL}/police-checks-on-time`);
    const set = { ...fields, 'mode-england': 'set', 'mode-wales': 'set' };
    const cases: [Record<string, string>, RegExp[]][] = [
      [
        { 'target-england': '', 'target-wales': 'ninety' },
        [/Enter the target for England/, /Enter the target for Wales as a percentage/],
      ],
      [
        { 'target-england': '120', 'target-wales': '-5' },
        [/The target for England must be between 0% and 100%/, /The target for Wales must be between 0% and 100%/],
      ],
      [
        { 'target-england': '95.55', 'target-wales': '90' },
        [/The target for England can have no more than one decimal place/],
      ],
    ];
    for (const [values, messages] of cases) {
      const bad = await admin.post(`${URL}/police-checks-on-time`, { ...set, ...values });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /govuk-error-summary/);
      assert.match(bad.body, /<title>Error: /);
      for (const message of messages) assert.match(bad.body, message);
      assert.match(bad.body, /href="#target-england"/);
      // What was typed is shown again.
      if (values['target-england']) assert.ok(bad.body.includes(`value="${values['target-england']}"`));
    }
    const long = await admin.post(`${URL}/police-checks-on-time`, { ...set, 'target-england': '9'.repeat(60) });
    assert.equal(long.statusCode, 400);
    assert.match(long.body, /Enter the target for England as a percentage/);
    const noMode = await admin.post(`${URL}/police-checks-on-time`, { ...fields, 'mode-england': '' });
    assert.equal(noMode.statusCode, 400);
    assert.match(noMode.body, /Select whether England uses the default or a target you set/);
    const mean = await form(ALLOCATION_TIME);
    const negative = await admin.post(ALLOCATION_TIME, { ...mean.fields, 'mode-wales': 'set', 'target-wales': '-1' });
    assert.equal(negative.statusCode, 400);
    assert.match(negative.body, /The target for Wales must be between 0 and 1,000/);
    const huge = await admin.post(ALLOCATION_TIME, { ...mean.fields, 'mode-wales': 'set', 'target-wales': '1001' });
    assert.match(huge.body, /The target for Wales must be between 0 and 1,000/);
    const word = await admin.post(ALLOCATION_TIME, { ...mean.fields, 'mode-wales': 'set', 'target-wales': 'soon' });
    assert.match(word.body, /Enter the target for Wales as a number/);
    const expired = await admin.post(`${URL}/police-checks-on-time`, { ...fields, _formToken: 'x' });
    assert.equal(expired.statusCode, 400);
    assert.match(expired.body, /This form has expired/);
    assert.deepEqual(await targetRows('police-checks-on-time'), []);
    assert.equal(await auditCount('police-checks-on-time'), 0);
  });

  it('refuses a stale edit with the values typed, then saves from the form shown again', async () => {
    const url = `${URL}/section-7-on-time`;
    const first = await form(url);
    const second = await form(url);
    assert.equal(
      (await admin.post(url, { ...first.fields, 'mode-england': 'set', 'target-england': '97' })).statusCode,
      303,
    );
    const stale = await admin.post(url, { ...second.fields, 'mode-england': 'set', 'target-england': '96.5' });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /Someone else changed these targets while you were editing them/);
    assert.ok(stale.body.includes('value="96.5"'), 'the typed value is shown again');
    assert.deepEqual(await targetRows('section-7-on-time'), [{ nation: 'england', target: 0.97, version: 1 }]);
    // The form shown again carries the current versions: saving it now works.
    const retry = await admin.post(url, {
      _csrf: csrfFrom(stale.body),
      _formToken: formTokenFrom(stale.body),
      'version-england': inputValue(stale.body, 'version-england'),
      'version-wales': inputValue(stale.body, 'version-wales'),
      'mode-england': checkedValue(stale.body, 'mode-england'),
      'target-england': inputValue(stale.body, 'target-england'),
      'mode-wales': checkedValue(stale.body, 'mode-wales'),
      'target-wales': inputValue(stale.body, 'target-wales'),
    });
    assert.equal(retry.statusCode, 303);
    assert.deepEqual(await targetRows('section-7-on-time'), [{ nation: 'england', target: 0.965, version: 2 }]);
    // A nation returned to its default by someone else is stale too.
    const third = await form(url);
    const fourth = await form(url);
    assert.equal((await admin.post(url, { ...third.fields, 'mode-england': 'default' })).statusCode, 303);
    const gone = await admin.post(url, { ...fourth.fields, 'target-england': '99' });
    assert.equal(gone.statusCode, 409);
    assert.deepEqual(await targetRows('section-7-on-time'), []);
  });

  it('answers 404 for a KPI that does not exist', async () => {
    const page = await admin.get(`${URL}/no-such-kpi`);
    assert.equal(page.statusCode, 404);
    assert.match(page.body, /We could not find that performance measure/);
    const post = await admin.post(`${URL}/no-such-kpi`, { _csrf: csrfFrom((await admin.get(URL)).body) });
    assert.equal(post.statusCode, 404);
  });

  it('is for system administrators only', async () => {
    for (const session of [managerSession, fcaSession, analyst]) {
      assert.equal((await session.get(URL)).statusCode, 403);
      assert.equal((await session.get(SCREENING)).statusCode, 403);
      const csrf = await session.csrf('/');
      const { fields } = await form(SCREENING);
      const post = await session.post(SCREENING, {
        ...fields,
        _csrf: csrf,
        'mode-england': 'set',
        'target-england': '10',
      });
      assert.equal(post.statusCode, 403);
    }
    assert.equal((await readTargets(t.database.db)).get('screening-on-time')?.england, 0.91);
    const anonymous = new Session(t.app);
    // Signed out: sent to sign in (the authorisation hook's redirect, as for every page), and a
    // post is refused.
    const signedOut = await anonymous.get(URL);
    assert.equal(signedOut.statusCode, 302);
    assert.equal(signedOut.headers.location, `/sign-in?returnTo=${encodeURIComponent(URL)}`);
    const formSignedOut = await anonymous.get(SCREENING);
    assert.equal(formSignedOut.statusCode, 302);
    assert.equal(formSignedOut.headers.location, `/sign-in?returnTo=${encodeURIComponent(SCREENING)}`);
    const anonymousPost = await anonymous.post(SCREENING, { _csrf: await anonymous.csrf(), 'mode-england': 'set' });
    assert.equal(anonymousPost.statusCode, 401);
    // Without a CSRF token: refused.
    const { fields } = await form(SCREENING);
    const { _csrf, ...withoutCsrf } = fields;
    assert.equal((await admin.post(SCREENING, { ...withoutCsrf, 'target-england': '10' })).statusCode, 403);
  });
});
