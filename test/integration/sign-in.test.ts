import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { disableAccount } from '../../src/modules/organisation/service.ts';
import { auditEvent } from '../../src/platform/audit/schema.ts';
import { session as sessionTable } from '../../src/platform/auth/schema.ts';
import { createUser, Session, signedIn, TEST_PASSWORD, type TestApp, testApp } from '../helpers/app.ts';

const COOKIE = 'childvoice-session';

describe('staff sign-in and sessions', () => {
  let t: TestApp;
  let fca: { userId: string; email: string };
  before(async () => {
    t = await testApp();
    fca = await createUser(t.database, 'fca');
  });
  after(() => t.close());

  it('shows the sign-in form with a CSRF token and no caching', async () => {
    const s = new Session(t.app);
    const page = await s.get('/sign-in');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /name="email"/);
    assert.match(page.body, /name="password"/);
    assert.match(page.body, /name="_csrf"/);
    assert.equal(page.headers['cache-control'], 'no-store');
    assert.match(String(page.headers['content-security-policy']), /script-src 'self' 'nonce-[0-9a-f]+'/);
    assert.match(page.body, /<script nonce="[0-9a-f]+">/);
  });

  it('refuses a sign-in post without a CSRF token, and creates no session', async () => {
    const s = new Session(t.app);
    await s.get('/sign-in');
    const response = await s.post('/sign-in', { email: fca.email, password: TEST_PASSWORD });
    assert.equal(response.statusCode, 403);
    assert.equal(s.jar.cookies.has(COOKIE), false);
  });

  it('refuses a cross-site post even with a valid token', async () => {
    const s = new Session(t.app);
    const token = await s.csrf();
    const response = await s.post(
      '/sign-in',
      { _csrf: token, email: fca.email, password: TEST_PASSWORD },
      { 'sec-fetch-site': 'cross-site' },
    );
    assert.equal(response.statusCode, 403);
  });

  it('explains missing answers with a GOV.UK error summary', async () => {
    const s = new Session(t.app);
    const response = await s.post('/sign-in', { _csrf: await s.csrf(), email: '', password: '' });
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /govuk-error-summary/);
    assert.match(response.body, /Enter your email address/);
    assert.match(response.body, /Enter your password/);
    assert.match(response.body, /href="#email"/);
    assert.match(response.body, /<title>Error: /);
  });

  it('gives one message for a wrong password or an unknown account, and audits the failure', async () => {
    const s = new Session(t.app);
    const wrong = await s.post('/sign-in', { _csrf: await s.csrf(), email: fca.email, password: 'not the password' });
    const unknown = await s.post('/sign-in', {
      _csrf: await s.csrf(),
      email: 'nobody@test.childvoice.test',
      password: 'x',
    });
    for (const r of [wrong, unknown]) {
      assert.equal(r.statusCode, 401);
      assert.match(r.body, /Enter a correct email address and password/);
    }
    const failures = await t.database.db.select().from(auditEvent).where(eq(auditEvent.action, 'sign-in-failed'));
    assert.ok(failures.some((f) => f.resourceIds.includes(fca.userId)));
    assert.equal(s.jar.cookies.has(COOKIE), false);
  });

  it('signs in with a new session id each time, in an HttpOnly SameSite=Lax cookie', async () => {
    const s = new Session(t.app);
    const first = await s.signIn(fca.email);
    assert.equal(first.statusCode, 303);
    assert.equal(first.headers.location, '/');
    const cookie = first.cookies.find((c) => c.name === COOKIE);
    assert.ok(cookie);
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, 'Lax');
    assert.equal(cookie.path, '/');
    assert.equal(cookie.maxAge, undefined, 'a browser-session cookie');
    const firstToken = cookie.value;
    const again = await s.signIn(fca.email);
    const secondToken = again.cookies.find((c) => c.name === COOKIE)?.value;
    assert.ok(secondToken && secondToken !== firstToken);
    // The pre-sign-in session no longer works.
    const replay = await t.app.inject({
      method: 'GET',
      url: '/caseload',
      headers: { cookie: `${COOKIE}=${firstToken}` },
    });
    assert.equal(replay.statusCode, 401);
    const ok = await s.get('/caseload');
    assert.equal(ok.statusCode, 200);
    // Only the hash of the token is stored.
    const stored = await t.database.db.select({ idHash: sessionTable.idHash }).from(sessionTable);
    assert.ok(stored.every((r) => r.idHash !== secondToken && /^[0-9a-f]{64}$/.test(r.idHash)));
  });

  it('follows only local return paths after sign-in', async () => {
    for (const [returnTo, expected] of [
      ['/cases/abc', '/cases/abc'],
      ['//evil.example/x', '/'],
      ['https://evil.example/', '/'],
      ['/\\evil.example', '/'],
    ]) {
      const s = new Session(t.app);
      const r = await s.post('/sign-in', {
        _csrf: await s.csrf(),
        email: fca.email,
        password: TEST_PASSWORD,
        returnTo: returnTo!,
      });
      assert.equal(r.headers.location, expected, returnTo);
    }
  });

  it('signs out: the session ends on the server and the cookie is cleared', async () => {
    const s = await signedIn(t.app, fca.email);
    const token = s.jar.cookies.get(COOKIE)!;
    const page = await s.get('/caseload');
    const out = await s.post('/sign-out', { _csrf: /name="_csrf" value="([^"]+)"/.exec(page.body)![1]! });
    assert.equal(out.statusCode, 303);
    assert.equal(out.headers.location, '/signed-out');
    assert.match(String(out.headers['clear-site-data']), /cache/);
    const replay = await t.app.inject({ method: 'GET', url: '/caseload', headers: { cookie: `${COOKIE}=${token}` } });
    assert.equal(replay.statusCode, 401);
    assert.match(replay.body, /sign in again/i);
  });

  it('does not sign out from another site by GET', async () => {
    const s = await signedIn(t.app, fca.email);
    const r = await s.get('/sign-out', { 'sec-fetch-site': 'cross-site' });
    assert.equal(r.statusCode, 303);
    assert.equal((await s.get('/caseload')).statusCode, 200);
    const own = await s.get('/sign-out?reason=timeout', { 'sec-fetch-site': 'same-origin' });
    assert.equal(own.headers.location, '/signed-out?reason=timeout');
    assert.equal((await s.get('/caseload')).statusCode, 302);
  });

  it('ends an idle session, and "Stay signed in" keeps it alive', async () => {
    const s = await signedIn(t.app, fca.email);
    t.clock.advance(29 * 60);
    const page = await s.get('/caseload');
    assert.equal(page.statusCode, 200);
    t.clock.advance(20 * 60);
    const extended = await s.post(
      '/session/extend',
      { _csrf: /name="_csrf" value="([^"]+)"/.exec(page.body)![1]! },
      { accept: 'application/json' },
    );
    assert.equal(extended.statusCode, 200);
    assert.equal(extended.json().status, 'extended');
    t.clock.advance(20 * 60);
    assert.equal((await s.get('/caseload')).statusCode, 200);
    t.clock.advance(31 * 60);
    const expired = await s.get('/caseload');
    assert.equal(expired.statusCode, 401);
    assert.match(expired.body, /signed out because you were inactive/);
  });

  it('ends a session at its absolute limit however active it is', async () => {
    const s = await signedIn(t.app, fca.email);
    for (let hour = 0; hour < 12 * 4; hour += 1) {
      t.clock.advance(15 * 60);
      const r = await s.get('/caseload');
      if (r.statusCode !== 200) {
        assert.equal(r.statusCode, 401);
        assert.ok(hour >= 12 * 4 - 1, `ended early, after ${hour} quarter hours`);
        return;
      }
    }
    assert.fail('the session never ended');
  });

  it('stops every session of a disabled account at the next request', async () => {
    const user = await createUser(t.database, 'fca');
    const a = await signedIn(t.app, user.email);
    const b = await signedIn(t.app, user.email);
    await disableAccount(t.database.db, user.userId, t.clock.now());
    assert.equal((await a.get('/caseload')).statusCode, 401);
    assert.equal((await b.get('/caseload')).statusCode, 401);
    const again = await new Session(t.app).signIn(user.email);
    assert.equal(again.statusCode, 401);
  });

  it('lands each person on the page for their role', async () => {
    const fcaHome = await (await signedIn(t.app, fca.email)).get('/');
    assert.equal(fcaHome.statusCode, 302);
    assert.equal(fcaHome.headers.location, '/caseload');
    const admin = await createUser(t.database, 'system-admin', { teamId: null, areaId: null });
    const adminHome = await (await signedIn(t.app, admin.email)).get('/');
    assert.equal(adminHome.statusCode, 200);
    assert.match(adminHome.body, /Your role does not give you access to cases/);
    assert.equal((await new Session(t.app).get('/')).headers.location, '/sign-in');
  });

  it('sends an anonymous visitor to sign in, and a post without a session gets 401', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/caseload' });
    assert.equal(r.statusCode, 302);
    assert.equal(r.headers.location, '/sign-in?returnTo=%2Fcaseload');
    const s = new Session(t.app);
    const post = await s.post('/session/extend', { _csrf: await s.csrf() });
    assert.equal(post.statusCode, 401);
  });
});

describe('sign-in throttling', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp({ env: { SIGN_IN_MAX_FAILURES: '3', SIGN_IN_WINDOW_SECONDS: '600' } });
  });
  after(() => t.close());

  it('throttles an account after repeated failures, then lets it in once the window passes', async () => {
    const user = await createUser(t.database, 'seo');
    const s = new Session(t.app);
    for (let i = 0; i < 3; i += 1) {
      const r = await s.post('/sign-in', { _csrf: await s.csrf(), email: user.email, password: 'wrong' });
      assert.equal(r.statusCode, 401);
    }
    const blocked = await s.post('/sign-in', { _csrf: await s.csrf(), email: user.email, password: TEST_PASSWORD });
    assert.equal(blocked.statusCode, 429);
    assert.match(blocked.body, /too many attempts/i);
    assert.equal(blocked.headers['retry-after'], '600');
    t.clock.advance(601);
    const allowed = await s.post('/sign-in', { _csrf: await s.csrf(), email: user.email, password: TEST_PASSWORD });
    assert.equal(allowed.statusCode, 303);
  });

  it('counts only failures since the last successful sign-in', async () => {
    const user = await createUser(t.database, 'seo');
    const fail = async () => {
      const s = new Session(t.app);
      assert.equal(
        (await s.post('/sign-in', { _csrf: await s.csrf(), email: user.email, password: 'wrong' })).statusCode,
        401,
      );
    };
    await fail();
    await fail();
    assert.equal((await new Session(t.app).signIn(user.email)).statusCode, 303);
    await fail();
    await fail();
    assert.equal((await new Session(t.app).signIn(user.email)).statusCode, 303);
  });
});

describe('cookies behind HTTPS', () => {
  it('uses __Host- prefixed Secure cookies and HSTS when the public URL is https', async () => {
    const t = await testApp({ env: { PUBLIC_URL: 'https://childvoice.example.test' } });
    try {
      const user = await createUser(t.database, 'fca');
      const s = new Session(t.app);
      const page = await s.get('/sign-in');
      const csrfCookie = page.cookies.find((c) => c.name === '__Host-childvoice-csrf');
      assert.ok(csrfCookie?.secure);
      assert.match(String(page.headers['strict-transport-security']), /max-age=31536000; includeSubDomains/);
      const r = await s.signIn(user.email);
      const cookie = r.cookies.find((c) => c.name === '__Host-childvoice-session');
      assert.ok(cookie);
      assert.equal(cookie.secure, true);
      assert.equal(cookie.path, '/');
      assert.equal(cookie.domain, undefined);
    } finally {
      await t.close();
    }
  });
});
