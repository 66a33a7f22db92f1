/**
 * A signed-in browser session over real HTTP (loopback), used to set up the loads:
 * the session and CSRF cookies, the session's CSRF token, and page checks.
 */
export interface PageResponse {
  status: number;
  body: string;
  location: string | null;
  bytes: number;
}

export class BenchSession {
  readonly baseUrl: string;
  readonly cookies = new Map<string, string>();
  csrfToken = '';

  constructor(baseUrl: string) {
    this.baseUrl = baseUrl;
  }

  /** The Cookie header with every cookie, or only the named ones. */
  cookieHeader(only?: string[]): string {
    return [...this.cookies]
      .filter(([name]) => !only || only.includes(name))
      .map(([name, value]) => `${name}=${value}`)
      .join('; ');
  }

  private store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a));
      if (!value || expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  private async send(path: string, init: RequestInit): Promise<PageResponse> {
    const response = await fetch(new URL(path, this.baseUrl), {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), cookie: this.cookieHeader() },
      signal: AbortSignal.timeout(30_000),
    });
    this.store(response);
    const body = await response.text();
    return {
      status: response.status,
      body,
      location: response.headers.get('location'),
      bytes: Buffer.byteLength(body),
    };
  }

  get(path: string): Promise<PageResponse> {
    return this.send(path, { method: 'GET' });
  }

  postForm(path: string, form: Record<string, string>): Promise<PageResponse> {
    return this.send(path, {
      method: 'POST',
      body: new URLSearchParams(form).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  }

  /** GET a page that must answer 200, keeping its CSRF token. */
  async page(path: string): Promise<PageResponse> {
    const response = await this.get(path);
    if (response.status !== 200) {
      throw new Error(`GET ${path} answered ${response.status}${response.location ? ` → ${response.location}` : ''}`);
    }
    const token = /name="_csrf" value="([^"]+)"/.exec(response.body)?.[1];
    if (token) this.csrfToken = token;
    return response;
  }

  static async signIn(baseUrl: string, email: string, password: string): Promise<BenchSession> {
    const session = new BenchSession(baseUrl);
    const form = await session.page('/sign-in');
    const response = await session.postForm('/sign-in', { email, password, _csrf: csrfFrom(form.body) });
    if (response.status !== 303 || !session.cookies.has('childvoice-session')) {
      throw new Error(`sign-in as ${email} failed: ${response.status} ${response.location ?? ''}`);
    }
    // The token is tied to the session: take the signed-in one.
    await session.page('/caseload');
    if (!session.csrfToken) throw new Error('no CSRF token on the caseload page');
    return session;
  }
}

export function csrfFrom(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error('no CSRF token on the page');
  return match[1];
}

/** The "older entries" link of a case overview page: `/cases/<id>?before=…`. */
export function olderTimelinePath(html: string, caseId: string): string | null {
  const match = /\?before=([^"#&]+)/.exec(html);
  return match?.[1] ? `/cases/${caseId}?before=${match[1]}` : null;
}
