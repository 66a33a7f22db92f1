import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

/** WCAG 2.0, 2.1 and 2.2, levels A and AA. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

/** Never downloads a browser: uses the system Chromium (override with CHROMIUM_PATH). */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface Session {
  context: BrowserContext;
  page: Page;
  baseUrl: string;
  /** Everything that went wrong in the browser so far: console errors, page errors, CSP violations, foreign requests. */
  problems(): string[];
  /**
   * Declares that the next document response with this HTTP status is expected (an error page,
   * a form re-shown with 400), so Chromium's "Failed to load resource … status of N" console
   * error for it is not a problem.
   */
  expectStatus(status: number): void;
  /** Fails if anything in problems() happened. */
  assertNoProblems(label: string): void;
  close(): Promise<void>;
}

declare global {
  interface Window {
    __e2eReportCspViolation?: (violation: string) => void;
  }
}

/**
 * A fresh browser context (cookies, storage) and page, watched for console errors, uncaught
 * page errors, Content Security Policy violations and any request that leaves the app's origin
 * (those are also aborted, so nothing is ever fetched from elsewhere).
 */
export async function newSession(browser: Browser, baseUrl: string): Promise<Session> {
  const origin = new URL(baseUrl).origin;
  // AxeBuilder opens a second page in the same context to finish its run, so the context
  // must come from browser.newContext() (not browser.newPage()).
  const context = await browser.newContext({ baseURL: baseUrl, locale: 'en-GB', timezoneId: 'Europe/London' });
  context.setDefaultTimeout(10_000);
  context.setDefaultNavigationTimeout(20_000);
  const problems: string[] = [];
  const expectedStatuses: number[] = [];

  const isAppUrl = (url: string): boolean => {
    if (url.startsWith('data:') || url.startsWith('blob:') || url === 'about:blank') return true;
    try {
      return new URL(url).origin === origin;
    } catch {
      return false;
    }
  };

  await context.route(
    (url) => !isAppUrl(url.href),
    // Recorded by the request listener below; aborted here so nothing leaves the machine.
    (route) => route.abort('blockedbyclient'),
  );
  context.on('request', (request) => {
    if (!isAppUrl(request.url())) problems.push(`request to another origin: ${request.method()} ${request.url()}`);
  });

  // CSP violations: the DOM event, reported through a binding (bindings are not subject to
  // the page's CSP), plus Chromium's own console error ("Refused to … Content Security Policy").
  await context.exposeBinding('__e2eReportCspViolation', ({ page }, violation: string) => {
    problems.push(`CSP violation on ${page?.url() ?? '?'}: ${violation}`);
  });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__e2eReportCspViolation?.(
        `${event.effectiveDirective} blocked ${event.blockedURI || '(inline)'} at ${event.sourceFile}:${event.lineNumber}`,
      );
    });
  });

  context.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    const status = /Failed to load resource: the server responded with a status of (\d{3})/.exec(text);
    if (status) {
      const index = expectedStatuses.indexOf(Number(status[1]));
      if (index >= 0 && message.location().url === message.page()?.url()) {
        expectedStatuses.splice(index, 1);
        return;
      }
    }
    const where = message.location().url ? ` (${message.location().url}:${message.location().lineNumber})` : '';
    problems.push(`console error on ${message.page()?.url() ?? '?'}: ${text}${where}`);
  });
  context.on('weberror', (error) => {
    problems.push(`uncaught error on ${error.page()?.url() ?? '?'}: ${error.error().stack ?? error.error().message}`);
  });
  context.on('page', (page) => {
    page.on('crash', () => problems.push(`page crashed: ${page.url()}`));
  });

  const page = await context.newPage();
  return {
    context,
    page,
    baseUrl,
    problems: () => [...problems],
    expectStatus(status) {
      expectedStatuses.push(status);
    },
    assertNoProblems(label) {
      assert.deepEqual(problems, [], `${label}: the browser reported problems:\n  ${problems.join('\n  ')}`);
    },
    close: () => context.close(),
  };
}

/**
 * Runs `fn` with a fresh session, then fails on anything the browser reported, and always
 * closes the context.
 */
export async function withSession(
  browser: Browser,
  baseUrl: string,
  label: string,
  fn: (session: Session) => Promise<void>,
): Promise<void> {
  const session = await newSession(browser, baseUrl);
  try {
    await fn(session);
    session.assertNoProblems(label);
  } finally {
    await session.close();
  }
}

export interface AxeOptions {
  /** Limit the check to part of the page (e.g. an open dialog). */
  include?: string;
  /**
   * Run axe in the page itself (axe's "legacy mode") instead of merging per-frame results in a
   * blank page opened for the purpose: about three times faster, and the same result for pages
   * without cross-origin frames (the app has none). For long journeys.
   */
  inPageOnly?: boolean;
}

/**
 * A radio or checkbox that reveals a conditional question carries aria-expanded, which ARIA does
 * not allow on those roles. GOV.UK Frontend keeps it on purpose (screen readers announce it; see
 * alphagov/govuk-frontend#979 and its known-issues list), so that one finding, on exactly those
 * inputs, is not counted. Anything else axe reports fails the test.
 */
function isConditionalRevealExpanded(id: string, node: { html: string; failureSummary?: string }): boolean {
  return (
    id === 'aria-allowed-attr' &&
    /^<input class="govuk-(radios|checkboxes)__input"/.test(node.html) &&
    /aria-controls="conditional-[^"]+"/.test(node.html) &&
    /^Fix all of the following:\s+ARIA attribute is not allowed: aria-expanded="(true|false)"$/.test(
      (node.failureSummary ?? '').trim(),
    )
  );
}

/**
 * Runs axe-core against WCAG 2.2 A/AA and fails with a readable list of any violations
 * (bar GOV.UK Frontend's aria-expanded on conditional reveals, above).
 */
export async function expectNoAxeViolations(page: Page, label: string, options: AxeOptions = {}): Promise<void> {
  let builder = new AxeBuilder({ page }).withTags(AXE_TAGS);
  if (options.include) builder = builder.include(options.include);
  if (options.inPageOnly) builder = builder.setLegacyMode(true);
  const results = await builder.analyze();
  const violations = results.violations
    .map((v) => ({ ...v, nodes: v.nodes.filter((n) => !isConditionalRevealExpanded(v.id, n)) }))
    .filter((v) => v.nodes.length > 0);
  if (violations.length === 0) return;
  const lines = violations.flatMap((violation) => [
    `- ${violation.id} (${violation.impact ?? 'no impact given'}): ${violation.help} ${violation.helpUrl}`,
    ...violation.nodes.map(
      (node) =>
        `    ${node.target.map((t) => (Array.isArray(t) ? t.join(' >> ') : String(t))).join(' | ')}\n` +
        `      ${node.html.replace(/\s+/g, ' ').slice(0, 300)}\n` +
        `      ${node.failureSummary?.replace(/\s+/g, ' ').slice(0, 400) ?? ''}`,
    ),
  ]);
  assert.fail(`${label} (${page.url()}): ${violations.length} accessibility violation(s):\n${lines.join('\n')}`);
}
