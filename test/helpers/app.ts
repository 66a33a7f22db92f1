import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { resolveCaseAccess } from '../../src/modules/casework/service.ts';
import { cachedPrincipals, createStaffMember, createTeam } from '../../src/modules/organisation/service.ts';
import { hashPassword } from '../../src/platform/auth/passwords.ts';
import type { Role } from '../../src/platform/authorisation/roles.ts';
import { type TestDatabase, testDatabase } from './database.ts';

export const TEST_PASSWORD = 'correct horse battery staple';
let passwordHash: Promise<string> | undefined;

/** A clock the test moves by hand. */
export function testClock(start = new Date('2026-03-02T09:00:00Z')) {
  let now = start.getTime();
  return {
    now: () => new Date(now),
    advance: (seconds: number) => {
      now += seconds * 1000;
    },
    set: (d: Date) => {
      now = d.getTime();
    },
  };
}

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  clock: ReturnType<typeof testClock>;
  close(): Promise<void>;
}

export async function testApp(
  options: { env?: Record<string, string>; database?: TestDatabase; logLines?: string[] } = {},
): Promise<TestApp> {
  const database = options.database ?? (await testDatabase());
  const clock = testClock();
  const config = loadConfig({ NODE_ENV: 'test', DEMO_DATA: 'off', LOG_LEVEL: 'silent', ...options.env });
  const app = await buildApp({
    config,
    database,
    clock: clock.now,
    logger: options.logLines
      ? { level: 'info', stream: { write: (line: string) => options.logLines!.push(line) } }
      : false,
    principals: cachedPrincipals(database.db),
    caseAccess: (caseId, now) => resolveCaseAccess(database.db, caseId, now),
    assets: { css: '/stylesheets/test.css', js: '/javascripts/test.js' },
  });
  await app.ready();
  return {
    app,
    database,
    clock,
    close: async () => {
      await app.close();
      if (!options.database) await database.destroy();
    },
  };
}

export const TEST_TEAMS = [
  { id: 'test-team-a', areaId: 'eng-06', name: 'Team A', nameCy: 'Tîm A' },
  { id: 'test-team-b', areaId: 'eng-06', name: 'Team B', nameCy: 'Tîm B' },
  { id: 'test-team-c', areaId: 'eng-01', name: 'Team C', nameCy: 'Tîm C' },
];

export async function ensureTeams(database: TestDatabase) {
  for (const t of TEST_TEAMS) await createTeam(database.db, t);
}

let userCounter = 0;

/** A member of staff with one role, by default in team A of area 6. */
export async function createUser(
  database: TestDatabase,
  role: Role,
  options: { teamId?: string | null; areaId?: string | null; manages?: boolean; email?: string } = {},
): Promise<{ userId: string; email: string }> {
  await ensureTeams(database);
  passwordHash ??= hashPassword(TEST_PASSWORD);
  userCounter += 1;
  const email = options.email ?? `${role}-${userCounter}-${process.pid}@test.childvoice.test`;
  const teamId = options.teamId === undefined ? 'test-team-a' : options.teamId;
  const userId = await createStaffMember(database.db, {
    email,
    displayName: `Test ${role} ${userCounter}`,
    passwordHash: await passwordHash,
    jobTitle: role,
    areaId: options.areaId === undefined ? 'eng-06' : options.areaId,
    roles: [role],
    teams: teamId ? [{ teamId, manages: options.manages ?? role === 'service-manager' }] : [],
  });
  return { userId, email };
}

/** A minimal cookie jar for app.inject(). */
export class CookieJar {
  readonly cookies = new Map<string, string>();
  store(response: LightMyRequestResponse) {
    for (const c of response.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      if (c.value === '' || c.maxAge === 0 || (c.expires && c.expires.getTime() < Date.now()))
        this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

/** A browser-like session: keeps cookies, finds CSRF tokens in pages. */
export class Session {
  readonly jar = new CookieJar();
  readonly app: FastifyInstance;
  constructor(app: FastifyInstance) {
    this.app = app;
  }

  async get(url: string, headers: Record<string, string> = {}) {
    const response = await this.app.inject({ method: 'GET', url, headers: { cookie: this.jar.header(), ...headers } });
    this.jar.store(response);
    return response;
  }

  async post(url: string, form: Record<string, string>, headers: Record<string, string> = {}) {
    const response = await this.app.inject({
      method: 'POST',
      url,
      payload: new URLSearchParams(form).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: this.jar.header(), ...headers },
    });
    this.jar.store(response);
    return response;
  }

  /** A multipart form post (a file upload), built as a browser would send it. */
  async postMultipart(
    url: string,
    fields: Record<string, string>,
    file?: { field: string; name: string; type: string; content: Buffer | string },
  ) {
    const boundary = `----childvoice${Math.random().toString(16).slice(2)}`;
    const parts: Buffer[] = [];
    for (const [name, value] of Object.entries(fields)) {
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
    }
    if (file) {
      parts.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
        ),
        Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content),
        Buffer.from('\r\n'),
      );
    }
    parts.push(Buffer.from(`--${boundary}--\r\n`));
    const response = await this.app.inject({
      method: 'POST',
      url,
      payload: Buffer.concat(parts),
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: this.jar.header() },
    });
    this.jar.store(response);
    return response;
  }

  /** The CSRF token of the page at url, following redirects (every signed-in page has one). */
  async csrf(url = '/sign-in'): Promise<string> {
    let page = await this.get(url);
    for (let hops = 0; hops < 3 && page.statusCode >= 300 && page.statusCode < 400; hops += 1) {
      page = await this.get(String(page.headers.location));
    }
    return csrfFrom(page.body);
  }

  async signIn(email: string, password = TEST_PASSWORD) {
    // Signed in already, the sign-in page redirects: any page's token then serves.
    const token = await this.csrf('/sign-in');
    return this.post('/sign-in', { _csrf: token, email, password });
  }
}

export function csrfFrom(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error('no CSRF token on the page');
  return match[1];
}

export function formTokenFrom(html: string): string {
  const match = /name="_formToken" value="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error('no form token on the page');
  return match[1];
}

export async function signedIn(app: FastifyInstance, email: string): Promise<Session> {
  const session = new Session(app);
  const response = await session.signIn(email);
  if (response.statusCode !== 303) throw new Error(`sign-in failed: ${response.statusCode}`);
  return session;
}
