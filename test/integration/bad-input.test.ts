import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { count } from 'drizzle-orm';
import { timelineEvent } from '../../src/modules/casework/schema.ts';
import { createUser, csrfFrom, type Session, signedIn, type TestApp, testApp } from '../helpers/app.ts';
import { seedCase } from '../helpers/cases.ts';

const XSS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "javascript:alert('x')",
  '{{ 7*7 }}',
  ['$', '{7*7}'].join(''),
];
const SQLI = ["' OR 1=1 --", "'; DROP TABLE case_record; --"];

/** Bodies every form must survive without a 500: wrong types, huge values, pollution keys, scripts. */
function junkBodies(csrf: string): string[] {
  const fields = [
    'note',
    'reason',
    'email',
    'password',
    'language',
    'courtId',
    'version',
    'firstHearing-day',
    'returnTo',
    '_formToken',
  ];
  const enc = encodeURIComponent;
  const bodies = [
    `_csrf=${enc(csrf)}`,
    `_csrf=${enc(csrf)}&${fields.map((f) => `${f}[]=a&${f}[]=b`).join('&')}`,
    `_csrf=${enc(csrf)}&${fields.map((f) => `${f}=${'x'.repeat(20000)}`).join('&')}`,
    `_csrf=${enc(csrf)}&__proto__[polluted]=1&constructor[prototype][polluted]=1&__proto__.polluted=1`,
    `_csrf=${enc(csrf)}&${fields.map((f) => `${f}[__proto__][polluted]=1`).join('&')}`,
  ];
  for (const payload of [...XSS, ...SQLI])
    bodies.push(`_csrf=${enc(csrf)}&${fields.map((f) => `${f}=${enc(payload)}`).join('&')}`);
  bodies.push(
    `_csrf=${enc(csrf)}&version=-1&firstHearing-day=99&firstHearing-month=13&firstHearing-year=99999&language=fr`,
  );
  bodies.push(`_csrf=${enc(csrf)}&version=1e309&firstHearing-day=%00&note=%00%01%02`);
  return bodies;
}

describe('bad input on every route', () => {
  let t: TestApp;
  let manager: Session;
  let managerEmail: string;
  let kase: Awaited<ReturnType<typeof seedCase>>;

  before(async () => {
    t = await testApp();
    const user = await createUser(t.database, 'service-manager');
    managerEmail = user.email;
    manager = await signedIn(t.app, user.email);
    kase = await seedCase(t.database);
  });
  after(() => t.close());

  const concrete = (url: string) =>
    url
      .replace(':caseId', kase.caseId)
      .replace(':personRef', url.includes('/children/') ? kase.childIds.a! : kase.partyIds.mother!)
      .replace(':language', 'cy');

  const routes = () => t.app.routeInventory.filter((r) => !r.url.startsWith('/assets') && !r.url.includes('*'));

  it('refuses a post without a CSRF token on every form (403), and changes nothing', async () => {
    const before = await t.database.db.select({ n: count() }).from(timelineEvent);
    const posts = routes().filter((r) => r.method === 'POST');
    assert.ok(posts.length >= 6, `${posts.length} POST routes`);
    for (const route of posts) {
      const r = await manager.post(concrete(route.url), { note: 'should not be stored', reason: 'x'.repeat(30) });
      assert.equal(r.statusCode, 403, `${route.url} without a token`);
      const wrong = await manager.post(concrete(route.url), { _csrf: 'forged-token', note: 'x' });
      assert.equal(wrong.statusCode, 403, `${route.url} with a forged token`);
    }
    const after = await t.database.db.select({ n: count() }).from(timelineEvent);
    assert.deepEqual(after, before);
  });

  it('answers junk on every route without a server error, a script or prototype pollution', async () => {
    const page = await manager.get('/caseload');
    const csrf = csrfFrom(page.body);
    for (const route of routes()) {
      const url = concrete(route.url);
      if (route.method === 'GET') {
        for (const payload of [...XSS, ...SQLI, 'x'.repeat(5000)]) {
          const q = encodeURIComponent(payload);
          const r = await manager.get(
            `${url}?page=${q}&sort=${q}&law=${q}&reference=${q}&returnTo=${q}&before=${q}&reason=${q}`,
          );
          assert.ok(r.statusCode < 500, `GET ${route.url} → ${r.statusCode}`);
          assert.ok(!r.body.includes('<script>alert(1)</script>'), `GET ${route.url} reflects a script`);
          assert.ok(!r.body.includes('onerror=alert(1)>'), `GET ${route.url} reflects markup`);
        }
      } else if (route.method === 'POST') {
        for (const body of junkBodies(csrf)) {
          const r = await t.app.inject({
            method: 'POST',
            url,
            payload: body,
            headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: manager.jar.header() },
          });
          assert.ok(r.statusCode < 500, `POST ${route.url} → ${r.statusCode} for ${body.slice(0, 80)}`);
          assert.ok(!r.body.includes('<script>alert(1)</script>'), `POST ${route.url} reflects a script`);
          assert.ok(!r.body.includes('<img src=x onerror'), `POST ${route.url} reflects markup`);
        }
      }
      assert.equal(({} as Record<string, unknown>).polluted, undefined, `prototype polluted by ${route.url}`);
    }
    // Junk posted to /sign-out signs out (a valid token is all it needs): start again.
    manager = await signedIn(t.app, managerEmail);
  });

  it('refuses JSON bodies with prototype keys and unknown content types', async () => {
    const page = await manager.get('/caseload');
    const json = await t.app.inject({
      method: 'POST',
      url: `/cases/${kase.caseId}/notes`,
      payload: `{"_csrf":"${csrfFrom(page.body)}","__proto__":{"polluted":1},"note":"x"}`,
      headers: { 'content-type': 'application/json', cookie: manager.jar.header() },
    });
    assert.ok([400, 403].includes(json.statusCode), String(json.statusCode));
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    const xml = await t.app.inject({
      method: 'POST',
      url: `/cases/${kase.caseId}/notes`,
      payload: '<note/>',
      headers: { 'content-type': 'application/xml', cookie: manager.jar.header() },
    });
    assert.equal(xml.statusCode, 415);
  });

  it('refuses an oversize body with 413 and a clear page', async () => {
    const page = await manager.get('/caseload');
    const r = await t.app.inject({
      method: 'POST',
      url: `/cases/${kase.caseId}/notes`,
      payload: `_csrf=${encodeURIComponent(csrfFrom(page.body))}&note=${'x'.repeat(300 * 1024)}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: manager.jar.header() },
    });
    assert.equal(r.statusCode, 413);
    assert.match(r.body, /too large/);
  });

  it('gives distinct, helpful 404 pages and exposes no debug or source endpoints', async () => {
    for (const url of [
      '/nope',
      '/.git/config',
      '/debug',
      '/metrics',
      '/.env',
      '/manifest.json',
      '/public/manifest.json',
    ]) {
      const r = await manager.get(url);
      assert.equal(r.statusCode, 404, url);
    }
    const page = await manager.get('/nope');
    assert.match(page.body, /Page not found/);
    const json = await manager.get('/nope', { accept: 'application/json' });
    assert.equal(json.json().error.code, 'PAGE_NOT_FOUND');
  });
});
