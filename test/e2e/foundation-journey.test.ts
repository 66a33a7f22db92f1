import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, afterEach, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { caseIdOf, DISPLAY_NAMES, expectSkipLinkWorks, focused, signIn, summaryValue, text } from './support/app.ts';
import { expectNoAxeViolations, launchBrowser, newSession, type Session, withSession } from './support/browser.ts';
import { buildAssetsOnce, type RunningServer, startServer } from './support/server.ts';

/**
 * Foundation journeys in a real browser against the real server (demo data, PGlite):
 * signing in and out, the caseload, a case and the people in it, the timeline, Welsh,
 * the access log, error pages, form errors and the session timeout warning. Every page
 * visited is checked with axe (WCAG 2.2 A and AA), and the browser must report no console
 * errors, no uncaught errors, no CSP violations and no requests to another origin.
 */

/** Hampshire South: the only team the demo family court adviser belongs to. */
const FCA_TEAM = 'Hampshire South team';

let server: RunningServer;
/** Idle timeout 95 s, warning 60 s: the warning opens about 5 s after a page loads. */
let shortTimeoutServer: RunningServer;
let browser: Browser;

before(async () => {
  await buildAssetsOnce();
  // Started together (each loads ~300 demo cases); settled one by one so that `after` can stop
  // whichever did start if another failed.
  const [main, short, chromium] = await Promise.allSettled([
    startServer(),
    startServer({ env: { SESSION_IDLE_TIMEOUT_SECONDS: '95', SESSION_WARNING_SECONDS: '60' } }),
    launchBrowser(),
  ]);
  if (main.status === 'fulfilled') server = main.value;
  if (short.status === 'fulfilled') shortTimeoutServer = short.value;
  if (chromium.status === 'fulfilled') browser = chromium.value;
  for (const result of [main, short, chromium]) if (result.status === 'rejected') throw result.reason;
});

after(async () => {
  await Promise.allSettled([browser?.close(), server?.stop(), shortTimeoutServer?.stop()]);
});

async function heading(page: Page): Promise<string> {
  return await text(page.locator('h1'));
}

/** Opens the first case in the caseload (signed in) and returns its id. */
async function openFirstCase(page: Page): Promise<string> {
  await page.goto('/caseload');
  await Promise.all([page.waitForURL(/\/cases\//), page.locator('.app-caseload-table tbody a').first().click()]);
  return caseIdOf(page.url());
}

describe('a family court adviser’s journey', () => {
  let session: Session;
  let page: Page;
  let caseId: string;
  let caseReference: string;

  before(async () => {
    session = await newSession(browser, server.baseUrl);
    page = session.page;
  });
  afterEach(() => session.assertNoProblems('fca journey'));
  after(() => session?.close());

  it('signs in and lands on the caseload', async () => {
    await page.goto('/');
    await page.waitForURL('**/sign-in');
    assert.equal(await heading(page), 'Sign in to Childvoice');
    await expectNoAxeViolations(page, 'sign-in page');
    await signIn(page, 'fca');
    assert.equal(await heading(page), 'Caseload');
    assert.equal(await page.title(), 'Caseload – Childvoice');
    await page.getByRole('navigation', { name: 'Account' }).getByText(DISPLAY_NAMES.fca!).waitFor();
    assert.match(await text(page.getByRole('status')), /^Showing 1 to 25 of \d+ cases$/);
    await expectNoAxeViolations(page, 'caseload');
  });

  it('filters, sorts and pages through the caseload', async () => {
    await page.getByLabel('Law').selectOption('private');
    await Promise.all([page.waitForURL(/law=private/), page.getByRole('button', { name: 'Apply filters' }).click()]);
    const laws = await page.locator('.app-caseload-table tbody tr td:nth-child(3)').allInnerTexts();
    assert.ok(laws.length > 0, 'no private law cases');
    assert.deepEqual(new Set(laws.map((l) => l.trim())), new Set(['Private law']));

    await Promise.all([
      page.waitForURL(/sort=first-hearing/),
      page.locator('thead').getByRole('link', { name: 'First hearing' }).click(),
    ]);
    const sorted = page.locator('thead th', { hasText: 'First hearing' });
    assert.equal(await sorted.getAttribute('aria-sort'), 'descending');
    assert.equal(await page.locator('thead th', { hasText: 'Received' }).getAttribute('aria-sort'), 'none');

    const pagination = page.getByRole('navigation', { name: 'Pages' });
    await Promise.all([page.waitForURL(/page=2/), pagination.getByRole('link', { name: 'Page 2' }).click()]);
    const url = new URL(page.url());
    assert.equal(url.searchParams.get('law'), 'private');
    assert.equal(url.searchParams.get('sort'), 'first-hearing');
    assert.equal(url.searchParams.get('order'), 'desc');
    assert.match(await text(page.getByRole('status')), /^Showing 26 to \d+ of \d+ cases$/);
    assert.equal(await text(pagination.locator('[aria-current="page"]')), '2');
    assert.equal(await page.getByLabel('Law').inputValue(), 'private');
    await expectNoAxeViolations(page, 'caseload, filtered and sorted, page 2');
  });

  it('opens a case', async () => {
    const link = page.locator('.app-caseload-table tbody a').first();
    caseReference = await text(link);
    await Promise.all([page.waitForURL(/\/cases\//), link.click()]);
    caseId = caseIdOf(page.url());
    assert.equal(await heading(page), 'Case overview');
    assert.equal(await page.title(), `Case ${caseReference} – Childvoice`);
    assert.match(await text(page.getByRole('region', { name: 'Case' })), new RegExp(caseReference));
    assert.equal(await summaryValue(page, 'Reference'), caseReference);
    assert.equal(await summaryValue(page, 'Law'), 'Private law');
    assert.equal(await summaryValue(page, 'Team'), FCA_TEAM);
    const subNavigation = page.getByRole('navigation', { name: 'Case' });
    assert.equal(await text(subNavigation.locator('[aria-current="page"]')), 'Overview');
    await expectNoAxeViolations(page, 'case overview');
  });

  it('opens a child and an adult in the case', async () => {
    const childLink = page.locator('main a[href*="/children/"]').first();
    const childName = await text(childLink);
    await Promise.all([page.waitForURL(/\/children\//), childLink.click()]);
    assert.equal(await heading(page), childName);
    assert.equal(await text(page.locator('.govuk-caption-l')), 'Child');
    assert.equal(await summaryValue(page, 'Name'), childName);
    await expectNoAxeViolations(page, 'child page');

    await Promise.all([page.waitForURL(`**/cases/${caseId}`), page.getByRole('link', { name: 'Back' }).click()]);
    const partyLink = page.locator('main a[href*="/parties/"]').first();
    const partyName = await text(partyLink);
    await Promise.all([page.waitForURL(/\/parties\//), partyLink.click()]);
    assert.equal(await heading(page), partyName);
    assert.equal(await text(page.locator('.govuk-caption-l')), 'Adult in the case');
    await page.getByRole('heading', { name: 'Contact details', level: 2 }).waitFor();
    await expectNoAxeViolations(page, 'party page');
  });

  it('adds a note to the timeline and sees it there', async () => {
    await page.goto(`/cases/${caseId}`);
    const note = `E2E note ${randomUUID()}\nSecond line of the note.`;
    await page.getByLabel('Add a note to the timeline').fill(note);
    await Promise.all([
      page.waitForURL(`**/cases/${caseId}**`),
      page.getByRole('button', { name: 'Add note' }).click(),
    ]);
    await page.getByText('Your note has been added to the timeline').waitFor();
    const firstItem = page.locator('.moj-timeline__item').first();
    assert.equal(await text(firstItem.locator('.moj-timeline__title')), 'Note');
    assert.equal(await text(firstItem.locator('.moj-timeline__byline')), `by ${DISPLAY_NAMES.fca}`);
    // The note keeps its line break (white-space: pre-line).
    const shown = firstItem.locator('.app-preserve-lines');
    assert.equal((await shown.textContent())?.replace(/\r\n/g, '\n'), note);
    assert.equal(await shown.evaluate((p) => getComputedStyle(p).whiteSpace), 'pre-line');
    assert.equal(await page.getByLabel('Add a note to the timeline').inputValue(), '');
    await expectNoAxeViolations(page, 'case overview with the new note');
  });

  it('switches to Welsh and back', async () => {
    await page.goto('/caseload');
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    const languages = page.getByRole('navigation', { name: 'Language' });
    await Promise.all([page.waitForURL('**/caseload'), languages.getByRole('link', { name: 'Cymraeg' }).click()]);
    assert.equal(await page.locator('html').getAttribute('lang'), 'cy');
    assert.equal(await heading(page), 'Llwyth achosion');
    assert.match(await page.title(), /^Llwyth achosion – /);
    await expectNoAxeViolations(page, 'caseload in Welsh');

    await page.goto(`/cases/${caseId}`);
    assert.equal(await page.locator('html').getAttribute('lang'), 'cy');
    assert.equal(await heading(page), 'Trosolwg o’r achos');
    await expectNoAxeViolations(page, 'case overview in Welsh');

    const iaith = page.locator('.govuk-language-navigation');
    await Promise.all([page.waitForURL(`**/cases/${caseId}`), iaith.getByRole('link', { name: 'English' }).click()]);
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    assert.equal(await heading(page), 'Case overview');
  });

  it('signs out', async () => {
    await Promise.all([page.waitForURL('**/signed-out'), page.getByRole('button', { name: 'Sign out' }).click()]);
    assert.equal(await heading(page), 'You have signed out');
    assert.equal(await page.getByRole('button', { name: 'Sign out' }).count(), 0);
    await expectNoAxeViolations(page, 'signed-out page');
    await page.goto(`/cases/${caseId}`);
    await page.waitForURL('**/sign-in?returnTo=*');
    assert.equal(await heading(page), 'Sign in to Childvoice');
  });
});

describe('keyboard', () => {
  it('reaches the skip link first, which moves focus to the main content', async () => {
    await withSession(browser, server.baseUrl, 'skip link', async ({ page }) => {
      await page.goto('/sign-in');
      await expectSkipLinkWorks(page);

      await signIn(page, 'fca');
      await openFirstCase(page);
      await page.reload();
      await expectSkipLinkWorks(page);
    });
  });
});

describe('sign-in errors', () => {
  it('shows the error summary, focused, when the form is sent empty', async () => {
    await withSession(browser, server.baseUrl, 'sign-in errors', async (session) => {
      const { page } = session;
      await page.goto('/sign-in');
      session.expectStatus(400);
      await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/sign-in') && r.request().method() === 'POST'),
        page.getByRole('button', { name: 'Sign in' }).click(),
      ]);
      const summary = page.locator('.govuk-error-summary');
      await summary.waitFor();
      assert.match(await page.title(), /^Error: Sign in – Childvoice$/);
      assert.equal(await text(summary.locator('.govuk-error-summary__title')), 'There is a problem');
      const links = summary.locator('.govuk-error-summary__list a');
      assert.deepEqual(
        (await links.allInnerTexts()).map((t) => t.trim()),
        ['Enter your email address', 'Enter your password'],
      );
      assert.deepEqual(await links.evaluateAll((as) => as.map((a) => a.getAttribute('href'))), ['#email', '#password']);
      await page.waitForFunction(() => document.activeElement?.classList.contains('govuk-error-summary'));
      assert.match((await page.locator('#email').getAttribute('aria-describedby')) ?? '', /\bemail-error\b/);
      await expectNoAxeViolations(page, 'sign-in error state');

      // The summary links move focus to the field.
      await links.first().click();
      assert.equal((await focused(page)).id, 'email');
    });
  });
});

describe('who has seen a case', () => {
  it('shows a service manager that the family court adviser viewed the case', async () => {
    let caseId = '';
    await withSession(browser, server.baseUrl, 'fca views a case', async ({ page }) => {
      await signIn(page, 'fca');
      caseId = await openFirstCase(page);
      assert.equal(await page.getByRole('link', { name: 'Who has seen this case' }).count(), 0);
    });
    await withSession(browser, server.baseUrl, 'access log', async ({ page }) => {
      await signIn(page, 'service-manager');
      await page.goto(`/cases/${caseId}`);
      await Promise.all([
        page.waitForURL(`**/cases/${caseId}/access-log`),
        page.getByRole('navigation', { name: 'Case' }).getByRole('link', { name: 'Who has seen this case' }).click(),
      ]);
      assert.equal(await heading(page), 'Who has seen this case');
      const fcaViews = page
        .locator('tbody tr')
        .filter({ hasText: DISPLAY_NAMES.fca! })
        .filter({ has: page.locator('td:nth-child(3)', { hasText: /^Viewed$/ }) });
      assert.ok((await fcaViews.count()) >= 1, 'the family court adviser’s view is not in the access log');
      assert.match(await text(fcaViews.first()), /Family court adviser/);
      await expectNoAxeViolations(page, 'access log');
    });
  });
});

describe('error pages', () => {
  it('shows a 404 page for a case that does not exist', async () => {
    await withSession(browser, server.baseUrl, '404', async (session) => {
      const { page } = session;
      await signIn(page, 'fca');
      session.expectStatus(404);
      const response = await page.goto(`/cases/${randomUUID()}`);
      assert.equal(response?.status(), 404);
      assert.equal(await heading(page), 'Page not found');
      await page.getByRole('link', { name: 'Go to your caseload' }).waitFor();
      await expectNoAxeViolations(page, '404 page');
    });
  });

  it('shows a 403 page for a case outside the family court adviser’s team', async () => {
    let otherTeamCase = '';
    await withSession(browser, server.baseUrl, 'find a case in another team', async ({ page }) => {
      await signIn(page, 'service-manager');
      // Not a restricted case: those are refused too, but without the offer of emergency access.
      const hrefs = await page
        .locator('.app-caseload-table tbody tr')
        .filter({ hasNotText: 'Restricted' })
        .locator('td:first-child a')
        .evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
      for (const href of hrefs) {
        await page.goto(href);
        const team = await summaryValue(page, 'Team');
        if (team !== FCA_TEAM) {
          otherTeamCase = caseIdOf(href);
          break;
        }
      }
      assert.ok(otherTeamCase, 'no case outside Hampshire South on the service manager’s first page');
    });
    await withSession(browser, server.baseUrl, '403', async (session) => {
      const { page } = session;
      await signIn(page, 'fca');
      session.expectStatus(403);
      const response = await page.goto(`/cases/${otherTeamCase}`);
      assert.equal(response?.status(), 403);
      assert.equal(await heading(page), 'You do not have access');
      // Nothing about the case is shown.
      assert.equal(await page.locator('.moj-identity-bar').count(), 0);
      await page.getByRole('link', { name: 'Ask for emergency access to this case' }).waitFor();
      await expectNoAxeViolations(page, '403 page');
    });
  });

  it('shows a 404 page for a path that does not exist, signed in or not', async () => {
    await withSession(browser, server.baseUrl, '404 for an unknown path', async (session) => {
      const { page } = session;
      session.expectStatus(404);
      let response = await page.goto('/nope');
      assert.equal(response?.status(), 404);
      assert.equal(await heading(page), 'Page not found');
      await expectNoAxeViolations(page, '404 page for /nope, signed out');

      await signIn(page, 'fca');
      session.expectStatus(404);
      response = await page.goto('/nope');
      assert.equal(response?.status(), 404);
      assert.equal(await heading(page), 'Page not found');
      await expectNoAxeViolations(page, '404 page for /nope, signed in');
    });
  });
});

describe('changing case details', () => {
  it('shows the error summary for a date that does not exist, then saves a real one', async () => {
    await withSession(browser, server.baseUrl, 'case details', async (session) => {
      const { page } = session;
      await signIn(page, 'fca');
      const caseId = await openFirstCase(page);
      await Promise.all([
        page.waitForURL(`**/cases/${caseId}/details`),
        page.getByRole('link', { name: 'Change case details' }).click(),
      ]);
      assert.equal(await heading(page), 'Change case details');
      await expectNoAxeViolations(page, 'change case details');

      const date = page.getByRole('group', { name: 'Date of the first hearing' });
      await date.getByLabel('Day').fill('31');
      await date.getByLabel('Month').fill('2');
      await date.getByLabel('Year').fill('2027');
      session.expectStatus(400);
      await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/details') && r.request().method() === 'POST'),
        page.getByRole('button', { name: 'Save' }).click(),
      ]);
      const summary = page.locator('.govuk-error-summary');
      await summary.waitFor();
      assert.match(await page.title(), /^Error: /);
      const link = summary.locator('.govuk-error-summary__list a');
      assert.equal(await text(link), 'The date of the first hearing must be a real date, like 27 3 2027');
      await page.waitForFunction(() => document.activeElement?.classList.contains('govuk-error-summary'));
      assert.match(await text(page.locator('#firstHearing-error')), /must be a real date/);
      assert.equal(await page.locator('#firstHearing-day.govuk-input--error').count(), 1);
      // What was typed is kept.
      assert.equal(await date.getByLabel('Day').inputValue(), '31');
      assert.equal(await date.getByLabel('Month').inputValue(), '2');
      await expectNoAxeViolations(page, 'change case details with an error');
      // The summary links to the first part of the date, and following it moves focus there.
      assert.equal(await link.getAttribute('href'), '#firstHearing-day');
      await link.click();
      assert.equal((await focused(page)).id, 'firstHearing-day');

      // A part that is not a number is shown at the date input too, not only in the summary.
      await date.getByLabel('Day').fill('ab');
      session.expectStatus(400);
      await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/details') && r.request().method() === 'POST'),
        page.getByRole('button', { name: 'Save' }).click(),
      ]);
      await summary.waitFor();
      assert.equal(await link.getAttribute('href'), '#firstHearing-day');
      assert.match(await text(page.locator('#firstHearing-error')), /must be a real date/);
      assert.equal(await page.locator('#firstHearing-day.govuk-input--error').count(), 1);
      assert.equal(await page.locator('#firstHearing-month.govuk-input--error').count(), 0);
      await expectNoAxeViolations(page, 'change case details with a date part that is not a number');

      await date.getByLabel('Day').fill('28');
      await Promise.all([page.waitForURL(`**/cases/${caseId}?*`), page.getByRole('button', { name: 'Save' }).click()]);
      await page.getByText('The case details have been saved').waitFor();
      assert.equal(await summaryValue(page, 'First hearing'), '28 February 2027');
    });
  });
});

describe('session timeout warning', () => {
  it('warns before signing out, and "Stay signed in" keeps the session', async () => {
    await withSession(browser, shortTimeoutServer.baseUrl, 'timeout warning', async ({ page }) => {
      await signIn(page, 'fca');
      const dialog = page.locator('dialog.app-timeout-dialog');
      assert.equal(await dialog.isVisible(), false);
      await page.locator('dialog.app-timeout-dialog[open]').waitFor({ timeout: 20_000 });
      assert.equal(await dialog.evaluate((d: HTMLDialogElement) => d.open && d.matches(':modal')), true);
      assert.equal(await text(dialog.getByRole('heading')), 'You’re about to be signed out');
      assert.equal(
        await dialog.evaluate((d) => d.contains(document.activeElement)),
        true,
        `focus is not in the dialog: ${JSON.stringify(await focused(page))}`,
      );
      assert.match(
        await text(dialog.locator('.app-timeout-countdown')),
        /^You will be signed out in \d+ (minutes?|seconds?)\.$/,
      );
      await expectNoAxeViolations(page, 'timeout warning dialog (page)');
      await expectNoAxeViolations(page, 'timeout warning dialog', { include: 'dialog.app-timeout-dialog' });

      const [extended] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/session/extend')),
        dialog.getByRole('button', { name: 'Stay signed in' }).click(),
      ]);
      assert.equal(extended.status(), 200);
      await page.locator('dialog.app-timeout-dialog[open]').waitFor({ state: 'detached' });
      assert.equal(await dialog.evaluate((d: HTMLDialogElement) => d.open), false);

      // Still signed in.
      await page.goto('/caseload');
      assert.equal(new URL(page.url()).pathname, '/caseload');
      assert.equal(await heading(page), 'Caseload');
    });
  });
});

describe('footer', () => {
  it('is the contentinfo landmark and links to the accessibility statement', async () => {
    await withSession(browser, server.baseUrl, 'accessibility statement', async ({ page }) => {
      await page.goto('/sign-in');
      const footer = page.getByRole('contentinfo');
      assert.equal(await footer.count(), 1, 'the page has no (or more than one) contentinfo landmark');
      await Promise.all([
        page.waitForURL('**/accessibility'),
        footer.getByRole('link', { name: 'Accessibility statement' }).click(),
      ]);
      assert.equal(await heading(page), 'Accessibility statement for Childvoice');
      await expectNoAxeViolations(page, 'accessibility statement');
    });
  });
});
