import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { DEMO_PASSWORD } from './server.ts';

/** Demo roles that have a sign-in (`<role>@demo.childvoice.test`). */
export type DemoRole =
  | 'intake-officer'
  | 'seo'
  | 'fca'
  | 'childrens-guardian'
  | 'service-manager'
  | 'head-of-practice'
  | 'qa-auditor'
  | 'complaints'
  | 'performance-analyst'
  | 'associate'
  | 'inspector'
  | 'system-admin';

/** Display names the demo data gives each role's account. */
export const DISPLAY_NAMES: Partial<Record<DemoRole, string>> = {
  fca: 'Frances Adviser',
  'service-manager': 'Morgan Manager',
  'intake-officer': 'Priya Intake',
};

export function demoEmail(role: DemoRole): string {
  return `${role}@demo.childvoice.test`;
}

/** Signs in through the form, as a person would, and waits for the caseload. */
export async function signIn(page: Page, role: DemoRole): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Email address').fill(demoEmail(role));
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await Promise.all([page.waitForURL('**/caseload'), page.getByRole('button', { name: 'Sign in' }).click()]);
}

/**
 * Signs in through the form with any account (one a test made, not a demo one), and waits to
 * leave the sign-in page (for the caseload, or the home page of someone without one).
 */
export async function signInWith(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await Promise.all([
    page.waitForURL((url) => url.pathname !== '/sign-in'),
    page.getByRole('button', { name: 'Sign in' }).click(),
  ]);
}

/** The case id in a /cases/:id… URL or path. */
export function caseIdOf(url: string): string {
  const match = /\/cases\/([0-9a-f-]{36})/.exec(url);
  assert.ok(match, `no case id in ${url}`);
  return match[1]!;
}

/** An element's text with runs of white space collapsed (what a person reads, give or take layout). */
export async function text(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

/** The value of a row in a GOV.UK summary list (`<dt>key</dt><dd>value</dd>`). */
export async function summaryValue(page: Page, key: string): Promise<string> {
  const row = page.locator('.govuk-summary-list__row').filter({
    has: page.locator('.govuk-summary-list__key', { hasText: new RegExp(`^\\s*${escapeRegExp(key)}\\s*$`) }),
  });
  return text(row.first().locator('.govuk-summary-list__value'));
}

/** What has keyboard focus, as a short description for assertions. */
export async function focused(page: Page): Promise<{ tag: string; id: string; classes: string; text: string }> {
  return page.evaluate(() => {
    const el = document.activeElement;
    return {
      tag: el?.tagName.toLowerCase() ?? '',
      id: el?.id ?? '',
      classes: el instanceof HTMLElement ? el.className : '',
      text: (el?.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 200),
    };
  });
}

/**
 * Keyboard check: from the top of a freshly loaded page the first Tab lands on the skip
 * link, and following it moves focus to <main>.
 */
export async function expectSkipLinkWorks(page: Page): Promise<void> {
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    window.scrollTo(0, 0);
  });
  await page.keyboard.press('Tab');
  const first = await focused(page);
  assert.match(
    first.classes,
    /\bgovuk-skip-link\b/,
    `the first Tab stop is not the skip link: ${JSON.stringify(first)}`,
  );
  assert.equal(first.text, 'Skip to main content');
  assert.equal(await page.locator('.govuk-skip-link').getAttribute('href'), '#main-content');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'main-content');
  const target = await focused(page);
  assert.equal(target.tag, 'main', `the skip link moved focus to ${JSON.stringify(target)}, not <main>`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
