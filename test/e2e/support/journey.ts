import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { text } from './app.ts';
import type { Session } from './browser.ts';

/* Steps the journeys share: dates as the pages show them, and forms posted as a person would. */

/** Today in London, as YYYY-MM-DD (what the server takes as today). */
export function londonToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
}

export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** 27 March 2027: how the pages show a date. */
export function longDate(iso: string): string {
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${iso}T12:00:00Z`),
  );
}

export async function heading(page: Page): Promise<string> {
  return text(page.locator('h1'));
}

/** Fills a GOV.UK date input found by its legend. */
export async function fillDate(page: Page, legend: string, iso: string): Promise<void> {
  const [year, month, day] = iso.split('-');
  const group = page.getByRole('group', { name: legend, exact: true });
  await group.getByLabel('Day').fill(String(Number(day)));
  await group.getByLabel('Month').fill(String(Number(month)));
  await group.getByLabel('Year').fill(year!);
}

/** Clicks a button that posts and waits for the page shown after it (the same URL, or a redirect). */
export async function submit(page: Page, button: string, path: string | RegExp): Promise<void> {
  await Promise.all([
    page.waitForResponse((r) => {
      const pathname = new URL(r.url()).pathname;
      return (
        r.request().method() === 'POST' &&
        (typeof path === 'string' ? pathname === path : path.test(pathname)) &&
        r.request().resourceType() === 'document'
      );
    }),
    page.getByRole('button', { name: button, exact: true }).click(),
  ]);
  await page.waitForLoadState('load');
}

/** Posts a form expected to come back with 400 and an error summary; returns the summary's messages. */
export async function submitWithErrors(session: Session, button: string, path: string | RegExp): Promise<string[]> {
  const { page } = session;
  session.expectStatus(400);
  await submit(page, button, path);
  const summary = page.locator('.govuk-error-summary');
  await summary.waitFor();
  assert.match(await page.title(), /^Error: /);
  assert.equal(await text(summary.locator('.govuk-error-summary__title')), 'There is a problem');
  await page.waitForFunction(() => document.activeElement?.classList.contains('govuk-error-summary'));
  return (await summary.locator('.govuk-error-summary__list a').allInnerTexts()).map((t) => t.trim());
}

/** Clicks a link or button and waits for the URL it leads to. */
export async function follow(page: Page, url: string | RegExp, click: () => Promise<void>): Promise<void> {
  await Promise.all([page.waitForURL(url), click()]);
}

export async function banner(page: Page): Promise<string> {
  return text(page.locator('.govuk-notification-banner__content'));
}
