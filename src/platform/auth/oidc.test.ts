import assert from 'node:assert/strict';
import { createHash, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { createUser, Session, type TestApp, testApp } from '../../../test/helpers/app.ts';
import { userAccount } from './schema.ts';

const PUBLIC_URL = 'http://localhost:3000';
const CLIENT = { id: 'childvoice-test', secret: 'a-client-secret-for-tests-only' };
const OIDC_COOKIE = 'childvoice-oidc';
const SESSION_COOKIE = 'childvoice-session';

function appEnv(issuer: string): Record<string, string> {
  return {
    OIDC_ISSUER: issuer,
    OIDC_CLIENT_ID: CLIENT.id,
    OIDC_CLIENT_SECRET: CLIENT.secret,
    OIDC_ALLOW_INSECURE: 'on',
    PUBLIC_URL,
  };
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

async function lastAudit(t: TestApp) {
  const [row] = await t.database.query<{ action: string; reason: string | null; resource_ids: string[] }>(
    'SELECT action, reason, resource_ids FROM audit_event ORDER BY id DESC LIMIT 1',
  );
  return row;
}

/** Our side: start an attempt and return where the browser is sent. */
async function start(s: Session, returnTo = '/caseload') {
  const response = await s.get(`/auth/oidc/start?returnTo=${encodeURIComponent(returnTo)}`);
  assert.equal(response.statusCode, 303);
  assert.ok(s.jar.cookies.has(OIDC_COOKIE), 'the attempt cookie is set');
  return { response, location: new URL(String(response.headers.location)) };
}

// ---------------------------------------------------------------------------------------
// A real provider (oidc-provider) whose interaction signs in whoever `signInAs` names.
// ---------------------------------------------------------------------------------------

type ProviderInstance = {
  callback(): (req: IncomingMessage, res: ServerResponse) => void;
  interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<{ params: Record<string, unknown> }>;
  interactionFinished(req: IncomingMessage, res: ServerResponse, result: object, options?: object): Promise<void>;
  Grant: new (init: {
    accountId: string;
    clientId: string;
  }) => { addOIDCScope(s: string): void; save(): Promise<string> };
};
// oidc-provider ships no types; a non-literal specifier keeps the import untyped.
const OIDC_PROVIDER = 'oidc-provider';

async function realProvider(accounts: Record<string, { email: string }>) {
  const state = { signInAs: '' };
  let provider: ProviderInstance | undefined;
  const server = createServer((req, res) => {
    if (!provider) return res.end();
    if (!req.url?.startsWith('/interaction/')) return provider.callback()(req, res);
    const p = provider;
    void (async () => {
      const details = await p.interactionDetails(req, res);
      const grant = new p.Grant({ accountId: state.signInAs, clientId: String(details.params.client_id) });
      grant.addOIDCScope(String(details.params.scope));
      const result = { login: { accountId: state.signInAs }, consent: { grantId: await grant.save() } };
      await p.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
    })().catch((error: unknown) => {
      res.statusCode = 500;
      res.end(String(error));
    });
  });
  const issuer = await listen(server);
  const { default: Provider } = (await import(OIDC_PROVIDER)) as {
    default: new (issuer: string, configuration: object) => ProviderInstance;
  };
  const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT.id,
        client_secret: CLIENT.secret,
        redirect_uris: [`${PUBLIC_URL}/auth/oidc/callback`],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    jwks: { keys: [{ ...signingKey, kid: 'test-key', use: 'sig', alg: 'RS256' }] },
    cookies: { keys: ['a-cookie-key-for-the-test-provider'] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'] },
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false } },
    ttl: { Interaction: 600, Grant: 600, Session: 600, AccessToken: 300, IdToken: 300 },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    findAccount: (_ctx: unknown, sub: string) => {
      const account = accounts[sub];
      if (!account) return undefined;
      return { accountId: sub, claims: () => ({ sub, email: account.email, email_verified: true }) };
    },
  });
  return { issuer, state, close: () => close(server) };
}

/** The browser at the provider: follow redirects, keeping its cookies, until it comes back to us. */
async function throughProvider(url: URL): Promise<URL> {
  const jar = new Map<string, string>();
  let next = url;
  for (let hop = 0; hop < 10; hop += 1) {
    if (next.origin === PUBLIC_URL) return next;
    const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const response = await fetch(next, { redirect: 'manual', headers: { cookie } });
    for (const header of response.headers.getSetCookie()) {
      const [pair = ''] = header.split(';');
      const at = pair.indexOf('=');
      const value = pair.slice(at + 1);
      if (value) jar.set(pair.slice(0, at), value);
      else jar.delete(pair.slice(0, at));
    }
    const location = response.headers.get('location');
    if (!location) throw new Error(`provider stopped with ${response.status}: ${await response.text()}`);
    next = new URL(location, next);
  }
  throw new Error('too many redirects at the provider');
}

// ---------------------------------------------------------------------------------------
// A stand-in provider whose tokens the test controls: issuer, audience and signing key.
// ---------------------------------------------------------------------------------------

type Tamper = { iss?: string; aud?: string; key?: KeyObject; claims?: Record<string, unknown> };

function b64url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

async function standInProvider() {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid: 'stand-in', use: 'sig', alg: 'RS256' };
  const codes = new Map<string, { nonce: string; challenge: string; sub: string; email: string; tamper: Tamper }>();
  let issuer = '';
  const send = (res: ServerResponse, status: number, body: object) => {
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  };
  const idToken = (grant: NonNullable<ReturnType<typeof codes.get>>) => {
    const now = Math.floor(Date.now() / 1000);
    const { tamper } = grant;
    const payload = {
      iss: tamper.iss ?? issuer,
      aud: tamper.aud ?? CLIENT.id,
      sub: grant.sub,
      iat: now,
      exp: now + 300,
      nonce: grant.nonce,
      email: grant.email,
      email_verified: true,
      ...tamper.claims,
    };
    const input = `${b64url({ alg: 'RS256', kid: 'stand-in', typ: 'JWT' })}.${b64url(payload)}`;
    return `${input}.${sign('sha256', Buffer.from(input), tamper.key ?? privateKey).toString('base64url')}`;
  };
  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', issuer).pathname;
    if (path === '/.well-known/openid-configuration') {
      return send(res, 200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
      });
    }
    if (path === '/jwks') return send(res, 200, { keys: [jwk] });
    if (path !== '/token' || req.method !== 'POST') return send(res, 404, { error: 'not_found' });
    let body = '';
    for await (const chunk of req) body += chunk;
    const form = new URLSearchParams(body);
    const grant = codes.get(form.get('code') ?? '');
    codes.delete(form.get('code') ?? '');
    const verifier = createHash('sha256')
      .update(form.get('code_verifier') ?? '')
      .digest('base64url');
    if (form.get('client_id') !== CLIENT.id || form.get('client_secret') !== CLIENT.secret) {
      return send(res, 401, { error: 'invalid_client' });
    }
    if (!grant || verifier !== grant.challenge) return send(res, 400, { error: 'invalid_grant' });
    return send(res, 200, { access_token: 'opaque', token_type: 'Bearer', expires_in: 300, id_token: idToken(grant) });
  });
  issuer = await listen(server);
  let counter = 0;
  return {
    issuer,
    /** What the authorisation endpoint would do: remember the request, hand back a code. */
    authorise(authorisationUrl: URL, who: { sub: string; email: string }, tamper: Tamper = {}) {
      counter += 1;
      const code = `code-${counter}`;
      const q = authorisationUrl.searchParams;
      codes.set(code, { nonce: q.get('nonce') ?? '', challenge: q.get('code_challenge') ?? '', ...who, tamper });
      return code;
    },
    close: () => close(server),
  };
}

// ---------------------------------------------------------------------------------------

describe('single sign-on with a real OpenID provider', () => {
  let t: TestApp;
  let idp: Awaited<ReturnType<typeof realProvider>>;
  let fca: { userId: string; email: string };

  before(async () => {
    idp = await realProvider({
      'alice-sub': { email: 'Alice.SSO@test.childvoice.test' },
      'stranger-sub': { email: 'stranger@elsewhere.test' },
    });
    t = await testApp({ env: appEnv(idp.issuer) });
    fca = await createUser(t.database, 'fca', { email: 'alice.sso@test.childvoice.test' });
  });
  after(async () => {
    await t?.close();
    await idp?.close();
  });

  it('sets a short-lived, signed, HttpOnly, SameSite=Lax attempt cookie and sends the browser to the provider', async () => {
    const { response, location } = await start(new Session(t.app));
    const cookie = String(response.headers['set-cookie']);
    assert.match(cookie, /^childvoice-oidc=[^;]+\.[^;]+;/);
    assert.match(cookie, /Max-Age=600/);
    assert.match(cookie, /Path=\//);
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Lax/);
    assert.equal(location.origin, idp.issuer);
    assert.equal(location.searchParams.get('redirect_uri'), `${PUBLIC_URL}/auth/oidc/callback`);
    assert.equal(location.searchParams.get('scope'), 'openid email profile');
    assert.equal(location.searchParams.get('code_challenge_method'), 'S256');
    assert.ok(location.searchParams.get('state') && location.searchParams.get('nonce'));
  });

  it('signs in a known member of staff, links the identity, and lets them see their caseload', async () => {
    idp.state.signInAs = 'alice-sub';
    const s = new Session(t.app);
    const back = await throughProvider((await start(s, '/caseload?page=1')).location);
    const callback = await s.get(back.pathname + back.search);
    assert.equal(callback.statusCode, 303);
    assert.equal(callback.headers.location, '/caseload?page=1');
    assert.ok(s.jar.cookies.has(SESSION_COOKIE), 'a session cookie is set');
    assert.equal(s.jar.cookies.has(OIDC_COOKIE), false, 'the attempt cookie is cleared');
    assert.equal((await s.get('/caseload')).statusCode, 200);

    const [account] = await t.database.db.select().from(userAccount).where(eq(userAccount.id, fca.userId));
    assert.equal(account?.oidcSubject, `${idp.issuer}|alice-sub`);
    const audit = await lastAudit(t);
    assert.deepEqual([audit?.action, audit?.reason, audit?.resource_ids], ['sign-in', 'oidc', [fca.userId]]);

    // The same code cannot be used again: the attempt cookie is gone.
    const replay = await new Session(t.app).get(back.pathname + back.search);
    assert.equal(replay.statusCode, 401);
    assert.equal((await lastAudit(t))?.reason, 'oidc: no-state-cookie');
  });

  it('refuses someone whose address has no account, and starts no session', async () => {
    idp.state.signInAs = 'stranger-sub';
    const s = new Session(t.app);
    const back = await throughProvider((await start(s)).location);
    const callback = await s.get(back.pathname + back.search);
    assert.equal(callback.statusCode, 403);
    assert.match(callback.body, /There is no Childvoice account for your organisation account/);
    assert.equal(s.jar.cookies.has(SESSION_COOKIE), false);
    const caseload = await s.get('/caseload');
    assert.equal(caseload.statusCode, 302);
    assert.match(String(caseload.headers.location), /^\/sign-in/);
    const audit = await lastAudit(t);
    assert.deepEqual([audit?.action, audit?.reason], ['sign-in-failed', 'oidc: unknown-account']);
  });
});

describe('single sign-on refuses tokens and callbacks that do not check out', () => {
  let t: TestApp;
  let idp: Awaited<ReturnType<typeof standInProvider>>;
  let staff: { userId: string; email: string };

  before(async () => {
    idp = await standInProvider();
    t = await testApp({ env: appEnv(idp.issuer) });
    staff = await createUser(t.database, 'fca');
  });
  after(async () => {
    await t?.close();
    await idp?.close();
  });

  /** Start, "authorise" at the stand-in, and come back to the callback. */
  async function attempt(
    who: { sub: string; email: string },
    tamper: Tamper = {},
    options: { state?: string; returnTo?: string; query?: Record<string, string> } = {},
  ) {
    const s = new Session(t.app);
    const { location } = await start(s, options.returnTo);
    const code = idp.authorise(location, who, tamper);
    const state = options.state ?? location.searchParams.get('state') ?? '';
    const response = await s.get(`/auth/oidc/callback?${new URLSearchParams(options.query ?? { code, state })}`);
    return { s, response };
  }

  async function assertRefused(result: Awaited<ReturnType<typeof attempt>>, status: number, reason: string) {
    assert.equal(result.response.statusCode, status);
    assert.equal(result.s.jar.cookies.has(SESSION_COOKIE), false, 'no session cookie');
    assert.doesNotMatch(result.response.body, /eyJ/, 'no token contents on the page');
    const message = status === 401 ? /Signing in with your organisation account did not work/ : /no Childvoice account/;
    assert.match(result.response.body, message);
    const audit = await lastAudit(t);
    assert.deepEqual([audit?.action, audit?.reason], ['sign-in-failed', reason]);
  }

  it('accepts a correct token from the stand-in (so the refusals below are about the tampering)', async () => {
    const { s, response } = await attempt({ sub: 'staff-sub', email: staff.email });
    assert.equal(response.statusCode, 303);
    assert.ok(s.jar.cookies.has(SESSION_COOKIE));
  });

  it('refuses an ID token from the wrong issuer', async () => {
    const result = await attempt({ sub: 'staff-sub', email: staff.email }, { iss: 'https://evil.example' });
    await assertRefused(result, 401, 'oidc: token-rejected');
  });

  it('refuses an ID token for another client (wrong audience)', async () => {
    const result = await attempt({ sub: 'staff-sub', email: staff.email }, { aud: 'someone-else' });
    await assertRefused(result, 401, 'oidc: token-rejected');
  });

  it('refuses an ID token signed with a key the provider did not publish', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const result = await attempt({ sub: 'staff-sub', email: staff.email }, { key: privateKey });
    await assertRefused(result, 401, 'oidc: token-rejected');
  });

  it('refuses an ID token with the wrong nonce', async () => {
    const result = await attempt({ sub: 'staff-sub', email: staff.email }, { claims: { nonce: 'replayed' } });
    await assertRefused(result, 401, 'oidc: token-rejected');
  });

  it('refuses a callback whose state does not match the attempt', async () => {
    const result = await attempt({ sub: 'staff-sub', email: staff.email }, {}, { state: 'forged-state' });
    await assertRefused(result, 401, 'oidc: state-mismatch');
  });

  it('refuses when the provider reports an error instead of a code', async () => {
    const s = new Session(t.app);
    const { location } = await start(s);
    const state = location.searchParams.get('state') ?? '';
    const response = await s.get(`/auth/oidc/callback?${new URLSearchParams({ error: 'access_denied', state })}`);
    await assertRefused({ s, response }, 401, 'oidc: provider-error');
  });

  it('refuses a callback with no attempt cookie, or a tampered one', async () => {
    const bare = await t.app.inject({ method: 'GET', url: '/auth/oidc/callback?code=x&state=y' });
    assert.equal(bare.statusCode, 401);
    assert.match(bare.body, /Your sign-in has expired/);
    assert.match(bare.body, /href="\/sign-in\?returnTo=%2F"/);
    assert.equal((await lastAudit(t))?.reason, 'oidc: no-state-cookie');

    const s = new Session(t.app);
    await start(s);
    const value = s.jar.cookies.get(OIDC_COOKIE) ?? '';
    s.jar.cookies.set(OIDC_COOKIE, `x${value}`);
    const tampered = await s.get('/auth/oidc/callback?code=x&state=y');
    assert.equal(tampered.statusCode, 401);
    assert.equal((await lastAudit(t))?.reason, 'oidc: bad-state-cookie');
  });

  it('does not match an unverified address, a disabled account, or an account linked to someone else', async () => {
    const unverified = await attempt({ sub: 'u-sub', email: staff.email }, { claims: { email_verified: false } });
    await assertRefused(unverified, 403, 'oidc: unknown-account');

    const disabled = await createUser(t.database, 'fca');
    await t.database.db.update(userAccount).set({ disabledAt: new Date() }).where(eq(userAccount.id, disabled.userId));
    await assertRefused(await attempt({ sub: 'd-sub', email: disabled.email }), 403, 'oidc: account-disabled');

    // staff is linked to staff-sub by the first test; another identity with the same address is refused.
    await assertRefused(await attempt({ sub: 'other-sub', email: staff.email }), 403, 'oidc: subject-mismatch');
  });

  it('returns only to a local path', async () => {
    for (const returnTo of ['//evil.example/phish', 'https://evil.example/']) {
      const { response } = await attempt({ sub: 'staff-sub', email: staff.email }, {}, { returnTo });
      assert.equal(response.statusCode, 303);
      assert.equal(response.headers.location, '/');
    }
  });
});

describe('single sign-on when it is not configured', () => {
  it('has no routes', async () => {
    const t = await testApp();
    try {
      assert.equal(t.app.routeInventory.filter((r) => r.url.startsWith('/auth/oidc')).length, 0);
      const response = await t.app.inject({ method: 'GET', url: '/auth/oidc/start' });
      assert.notEqual(response.statusCode, 303);
    } finally {
      await t.close();
    }
  });
});
