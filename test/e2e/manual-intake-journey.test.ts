import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { caseIdOf, signIn, summaryValue, text } from './support/app.ts';
import { expectNoAxeViolations, launchBrowser, newSession, type Session } from './support/browser.ts';
import {
  addDays,
  banner,
  fillDate,
  follow,
  heading,
  londonToday,
  longDate,
  submitWithErrors,
} from './support/journey.ts';
import { buildAssetsOnce, type RunningServer, startServer } from './support/server.ts';

/**
 * Manual intake to previous proceedings, in a real browser against the real server (demo
 * data, PGlite): an intake officer reads a child of a demo case, then types in a new
 * application page by page (court and dates, orders, two siblings, where one is that child
 * with a typo in the name, an applicant mother whose address is confidential and a
 * respondent father, relationships, an allegation of domestic abuse, the language), saves it
 * for later and resumes it, changes an answer from check your answers and creates the case.
 * The new case lands on previous proceedings, where the demo child is offered as a possible
 * match and is confirmed; the case overview lists the children and parties, the mother's
 * address is shown (marked confidential) to the intake officer and withheld from a QA
 * auditor, and the screening queue lists the case. Validation errors on three pages, one
 * page in Welsh and every distinct page are checked with axe (WCAG 2.2 A and AA); the
 * browser must report no console errors, uncaught errors, CSP violations or requests to
 * another origin.
 */

const COURT = 'East London Family Court';
/** The mother's confidential address: shown to the intake officer on her page only. */
const MOTHER_ADDRESS = { line1: '17 Kingfisher Close', town: 'Leyton', postcode: 'E10 5QT' };
const FATHER_ADDRESS = { line1: '8 Hawthorn Road', town: 'Walthamstow', postcode: 'E17 4AB' };
const ALLEGATION_DETAIL = 'The mother says the father was controlling and threatening during the relationship.';

let server: RunningServer;
let browser: Browser;

before(async () => {
  await buildAssetsOnce();
  const [started, chromium] = await Promise.allSettled([startServer(), launchBrowser()]);
  if (started.status === 'fulfilled') server = started.value;
  if (chromium.status === 'fulfilled') browser = chromium.value;
  for (const result of [started, chromium]) if (result.status === 'rejected') throw result.reason;
});

after(async () => {
  await Promise.allSettled([browser?.close(), server?.stop()]);
});

/** 27 Mar 2027: how tables show a date. */
function shortDate(iso: string): string {
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${iso}T12:00:00Z`),
  );
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "27 March 2019" (how the pages show a date) as 2019-03-27. */
function isoFromLongDate(shown: string): string {
  const match = /^(\d{1,2}) (\w+) (\d{4})\b/.exec(shown);
  assert.ok(match, `not a date: ${shown}`);
  const month = MONTHS.indexOf(match[2]!) + 1;
  assert.ok(month > 0, `not a month: ${match[2]}`);
  return `${match[3]}-${String(month).padStart(2, '0')}-${match[1]!.padStart(2, '0')}`;
}

/** Presses "Save and continue" on a question page and waits for the next page. */
async function saveAndContinue(page: Page, next: string | RegExp): Promise<void> {
  await follow(page, next, () => page.getByRole('button', { name: 'Save and continue', exact: true }).click());
}

/** A summary card found by its title, on a page or inside part of one. */
function card(scope: Page | Locator, title: string | RegExp): Locator {
  const page = 'page' in scope && typeof scope.page === 'function' ? (scope as Locator).page() : (scope as Page);
  return scope.locator('.govuk-summary-card').filter({
    has: page.locator('.govuk-summary-card__title', {
      hasText: typeof title === 'string' ? new RegExp(`^\\s*${escapeRegExp(title)}\\s*$`) : title,
    }),
  });
}

/** The lines of a summary list row's value inside a container (a card). */
async function rowLines(container: Locator, key: string): Promise<string[]> {
  const row = container.locator('.govuk-summary-list__row').filter({
    has: container.page().locator('.govuk-summary-list__key', {
      hasText: new RegExp(`^\\s*${escapeRegExp(key)}\\s*$`),
    }),
  });
  return lines(row.first().locator('.govuk-summary-list__value'));
}

/** What a person reads in an element, one entry per line (a <br> starts a line). */
async function lines(locator: Locator): Promise<string[]> {
  return (await locator.innerText())
    .split('\n')
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
}

/** The value of a summary list row inside a container (a card). */
async function rowValue(container: Locator, key: string): Promise<string> {
  const row = container.locator('.govuk-summary-list__row').filter({
    has: container.page().locator('.govuk-summary-list__key', {
      hasText: new RegExp(`^\\s*${escapeRegExp(key)}\\s*$`),
    }),
  });
  return text(row.first().locator('.govuk-summary-list__value'));
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** "Amelia" → "Ammelia": the kind of slip made typing a name from a paper form. */
function withTypo(name: string): string {
  return name.length < 2 ? `${name}${name}` : `${name.slice(0, 2)}${name.slice(1)}`;
}

describe('manual intake to previous proceedings', () => {
  let officer: Session;
  let auditor: Session;
  const today = londonToday();
  const hearing = addDays(today, 28);
  /** The demo child the new application names again (with a typo). */
  const demo = { caseId: '', reference: '', name: '', givenNames: '', familyName: '', dateOfBirth: '' };
  let draftPath = '';
  let caseId = '';
  let reference = '';
  let firstChild = '';
  const sibling = { givenNames: 'Noah', dateOfBirth: addDays(today, -365 * 3) };
  let mother = '';
  let father = '';

  before(async () => {
    officer = await newSession(browser, server.baseUrl);
    auditor = await newSession(browser, server.baseUrl);
  });
  afterEach(() => {
    officer.assertNoProblems('intake officer');
    auditor.assertNoProblems('QA auditor');
  });
  after(async () => {
    await Promise.allSettled([officer?.close(), auditor?.close()]);
  });

  it('reads a child of a demo case', async () => {
    const { page } = officer;
    await signIn(page, 'intake-officer');
    // The first case on the caseload with a child (demo data is generated, so look rather than assume).
    const cases = page.locator('.app-caseload-table tbody tr td:first-child a');
    const refs = await cases.evaluateAll((as) =>
      as.slice(0, 10).map((a) => ({ href: a.getAttribute('href') ?? '', reference: (a.textContent ?? '').trim() })),
    );
    assert.ok(refs.length > 0, 'the intake officer’s caseload is empty');
    const childLinks = page
      .locator('h2', { hasText: /^Children$/ })
      .locator('xpath=following-sibling::ul[1]')
      .getByRole('link');
    for (const { href, reference } of refs) {
      await page.goto(href);
      if ((await childLinks.count()) === 0) continue;
      demo.reference = reference;
      demo.caseId = caseIdOf(page.url());
      break;
    }
    assert.ok(demo.caseId, 'no case with a child among the first ten on the caseload');
    assert.equal(await heading(page), 'Case overview');
    await follow(page, /\/cases\/[0-9a-f-]{36}\/children\/[^/]+$/, () => childLinks.first().click());
    demo.name = await heading(page);
    demo.dateOfBirth = isoFromLongDate(await summaryValue(page, 'Date of birth'));
    const parts = demo.name.split(' ');
    demo.familyName = parts.pop()!;
    demo.givenNames = parts.join(' ');
    assert.ok(demo.givenNames && demo.familyName, `a child’s name in two parts: ${demo.name}`);
    firstChild = `${withTypo(demo.givenNames)} ${demo.familyName}`;
    mother = `Sarah ${demo.familyName}`;
    father = `James ${demo.familyName}`;
  });

  it('starts an application: court and dates, with errors', async () => {
    const { page } = officer;
    await follow(page, '**/intake', () =>
      page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Intake' }).click(),
    );
    assert.equal(await heading(page), 'Enter an application');
    await expectNoAxeViolations(page, 'intake home');

    await follow(page, /\/intake\/drafts\/[0-9a-f-]{36}\/court$/, () =>
      page.getByRole('button', { name: 'Start a new application' }).click(),
    );
    draftPath = new URL(page.url()).pathname.replace(/\/court$/, '');
    assert.equal(await heading(page), 'Court and dates');
    await expectNoAxeViolations(page, 'court and dates');

    assert.deepEqual(await submitWithErrors(officer, 'Save and continue', `${draftPath}/court`), [
      'Select the court that sent the application',
      'Enter the date the application was received',
    ]);
    await expectNoAxeViolations(page, 'court and dates, nothing entered');

    // The first hearing before the application came in.
    await page.getByLabel('Which court sent the application?').selectOption({ label: COURT });
    await fillDate(page, 'Date the application was received', today);
    await fillDate(page, 'Date of the first hearing (FHDRA)', addDays(today, -3));
    assert.deepEqual(await submitWithErrors(officer, 'Save and continue', `${draftPath}/court`), [
      'Date of the first hearing must be on or after the date the application was received',
    ]);
    assert.match(
      await text(page.locator('#firstHearingOn-error')),
      /Date of the first hearing must be on or after the date the application was received/,
    );
    // What was typed is kept.
    assert.equal(
      await page.getByLabel('Which court sent the application?').locator('option:checked').textContent(),
      COURT,
    );
    await expectNoAxeViolations(page, 'court and dates, hearing before receipt');

    await fillDate(page, 'Date of the first hearing (FHDRA)', hearing);
    await saveAndContinue(page, `**${draftPath}/orders`);
  });

  it('orders applied for, in Welsh and with an error', async () => {
    const { page } = officer;
    const question = 'What orders is the applicant asking for?';
    assert.match(await heading(page), new RegExp(`${escapeRegExp(question)}$`));
    await expectNoAxeViolations(page, 'orders');

    // The language links' landmark is named in the page's language: find it by its class.
    const languages = page.locator('.govuk-language-navigation');
    await follow(page, `**${draftPath}/orders`, () => languages.getByRole('link', { name: 'Cymraeg' }).click());
    assert.equal(await page.locator('html').getAttribute('lang'), 'cy');
    assert.match(await heading(page), /Pa orchmynion y mae’r ceisydd yn gofyn amdanynt\?$/);
    assert.equal(await page.getByRole('button', { name: 'Cadw a pharhau' }).count(), 1);
    await expectNoAxeViolations(page, 'orders in Welsh');
    await follow(page, `**${draftPath}/orders`, () => languages.getByRole('link', { name: 'English' }).click());
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');

    assert.deepEqual(await submitWithErrors(officer, 'Save and continue', `${draftPath}/orders`), [
      'Select the orders the applicant is asking for',
    ]);
    await expectNoAxeViolations(page, 'orders, none selected');

    const orders = page.getByRole('group', { name: question });
    await orders.getByLabel('Child arrangements order: who the child lives with').check();
    await orders.getByLabel('Child arrangements order: who the child spends time with').check();
    await orders.getByLabel('Prohibited steps order').check();
    await saveAndContinue(page, `**${draftPath}/children`);
  });

  it('adds two children', async () => {
    const { page } = officer;
    assert.equal(await heading(page), 'Children the application is about');
    await expectNoAxeViolations(page, 'children, none yet');

    const children = [
      { givenNames: withTypo(demo.givenNames), dateOfBirth: demo.dateOfBirth, gender: 'Not given' },
      { givenNames: sibling.givenNames, dateOfBirth: sibling.dateOfBirth, gender: 'Male' },
    ];
    for (const [index, child] of children.entries()) {
      await follow(page, `**${draftPath}/children/new`, () =>
        page.getByRole('link', { name: index === 0 ? 'Add a child' : 'Add another child' }).click(),
      );
      assert.equal(await heading(page), 'Add a child');
      if (index === 0) await expectNoAxeViolations(page, 'add a child');
      await page.getByLabel('First names').fill(child.givenNames);
      await page.getByLabel('Last name').fill(demo.familyName);
      await fillDate(page, 'Date of birth', child.dateOfBirth);
      await page.getByRole('group', { name: 'Gender' }).getByLabel(child.gender, { exact: true }).check();
      await saveAndContinue(page, `**${draftPath}/children`);
    }
    const names = (await page.locator('.govuk-summary-list__key').allInnerTexts()).map((t) => t.trim());
    assert.deepEqual(names, [firstChild, `${sibling.givenNames} ${demo.familyName}`]);
    await expectNoAxeViolations(page, 'children, two added');
    await saveAndContinue(page, `**${draftPath}/adults`);
  });

  it('adds the mother, with a confidential address, and the father', async () => {
    const { page } = officer;
    assert.equal(await heading(page), 'Adults in the application');
    assert.deepEqual(await submitWithErrors(officer, 'Save and continue', `${draftPath}/adults`), [
      'Add at least one applicant',
      'Add at least one respondent',
    ]);
    await expectNoAxeViolations(page, 'adults, none added');

    const adults = [
      {
        role: 'Applicant',
        givenNames: 'Sarah',
        dateOfBirth: '1988-04-12',
        address: MOTHER_ADDRESS,
        confidential: 'Yes',
      },
      {
        role: 'Respondent',
        givenNames: 'James',
        dateOfBirth: '1985-11-03',
        address: FATHER_ADDRESS,
        confidential: 'No',
      },
    ];
    for (const [index, adult] of adults.entries()) {
      await follow(page, `**${draftPath}/adults/new`, () =>
        page.getByRole('link', { name: index === 0 ? 'Add an adult' : 'Add another adult' }).click(),
      );
      assert.equal(await heading(page), 'Add an adult');
      if (index === 0) await expectNoAxeViolations(page, 'add an adult');
      await page.getByRole('group', { name: 'Their part in the application' }).getByLabel(adult.role).check();
      await page.getByLabel('First names').fill(adult.givenNames);
      await page.getByLabel('Last name').fill(demo.familyName);
      await fillDate(page, 'Date of birth', adult.dateOfBirth);
      await page.getByLabel('Address line 1 (optional)').fill(adult.address.line1);
      await page.getByLabel('Town or city (optional)').fill(adult.address.town);
      await page.getByLabel('Postcode (optional)').fill(adult.address.postcode);
      await page
        .getByRole('group', { name: 'Must these contact details be kept confidential?' })
        .getByLabel(adult.confidential, { exact: true })
        .check();
      await page.getByRole('group', { name: 'Do they live in a refuge?' }).getByLabel('No', { exact: true }).check();
      await page
        .getByRole('group', { name: 'Language they want to be addressed in' })
        .getByLabel('English', { exact: true })
        .check();
      await saveAndContinue(page, `**${draftPath}/adults`);
    }
    const rows = page.locator('.govuk-summary-list__row');
    assert.equal(await rows.count(), 2);
    assert.equal(await text(rows.nth(0).locator('.govuk-summary-list__key')), mother);
    assert.equal(await text(rows.nth(0).locator('.govuk-summary-list__value')), 'Applicant Confidential');
    assert.equal(await text(rows.nth(1).locator('.govuk-summary-list__key')), father);
    assert.equal(await text(rows.nth(1).locator('.govuk-summary-list__value')), 'Respondent');
    await expectNoAxeViolations(page, 'adults, two added');
    await saveAndContinue(page, `**${draftPath}/relationships`);
  });

  it('says how each adult is related to each child', async () => {
    const { page } = officer;
    assert.equal(await heading(page), 'How is each adult related to each child?');
    await expectNoAxeViolations(page, 'relationships');
    for (const [adult, relationship] of [
      ['Sarah', 'Mother'],
      ['James', 'Father'],
    ] as const) {
      for (const child of [firstChild, `${sibling.givenNames} ${demo.familyName}`]) {
        await page.getByLabel(`${adult}’s relationship to ${child}`).selectOption({ label: relationship });
      }
    }
    await saveAndContinue(page, `**${draftPath}/allegations`);
  });

  it('records an allegation of domestic abuse, saves and comes back later', async () => {
    const { page } = officer;
    const question = 'Does the application make allegations of harm?';
    assert.match(await heading(page), new RegExp(`${escapeRegExp(question)}$`));
    await expectNoAxeViolations(page, 'allegations of harm');
    await page.getByRole('group', { name: question }).getByLabel('Domestic abuse', { exact: true }).check();
    await page.getByLabel('Details of the allegations (optional unless you chose other)').fill(ALLEGATION_DETAIL);

    await follow(page, '**/intake?notice=saved', () =>
      page.getByRole('button', { name: 'Save and come back later', exact: true }).click(),
    );
    assert.equal(
      await banner(page),
      'Your answers have been saved. You can come back to this application from your drafts.',
    );
    const drafts = page.getByRole('table', { name: 'Your draft applications' });
    const names = `${firstChild}, ${sibling.givenNames} ${demo.familyName}`;
    const row = drafts.locator('tbody tr').filter({ hasText: names });
    assert.equal(await row.count(), 1);
    await expectNoAxeViolations(page, 'intake home with a draft');

    // Resuming goes to the first page not answered yet: the allegations were saved.
    await follow(page, `**${draftPath}/language`, () => row.getByRole('link', { name: `Continue (${names})` }).click());
  });

  it('chooses the language of the case', async () => {
    const { page } = officer;
    const question = 'What language should we work on the case in?';
    assert.match(await heading(page), new RegExp(`${escapeRegExp(question)}$`));
    await expectNoAxeViolations(page, 'language of the case');
    await page.getByRole('group', { name: question }).getByLabel('English', { exact: true }).check();
    await saveAndContinue(page, `**${draftPath}/check-answers`);
  });

  it('checks the answers and changes one', async () => {
    const { page } = officer;
    assert.equal(await heading(page), 'Check your answers before creating the case');
    assert.equal(await page.locator('.govuk-warning-text').count(), 0, 'nothing is missing');
    assert.equal(await summaryValue(page, 'Which court sent the application?'), COURT);
    assert.equal(await summaryValue(page, 'Date the application was received'), longDate(today));
    assert.equal(await summaryValue(page, 'Date of the first hearing (FHDRA)'), longDate(hearing));
    assert.equal(await summaryValue(page, 'Date the safeguarding letter is due'), 'Not set by the court');
    const orders = page.locator('.govuk-summary-list__row', { has: page.getByText('Orders', { exact: true }) });
    assert.deepEqual(await lines(orders.locator('.govuk-summary-list__value')), [
      'Child arrangements order: who the child lives with',
      'Child arrangements order: who the child spends time with',
      'Prohibited steps order',
    ]);
    const child = card(page, firstChild);
    assert.equal(await rowValue(child, 'Date of birth'), longDate(demo.dateOfBirth));
    const motherCard = card(page, `${mother} (Applicant)`);
    assert.equal(await rowValue(motherCard, 'Contact details confidential'), 'Yes');
    assert.equal(
      await rowValue(motherCard, 'Contact details'),
      `${MOTHER_ADDRESS.line1}, ${MOTHER_ADDRESS.town}, ${MOTHER_ADDRESS.postcode}`,
    );
    assert.equal(await rowValue(card(page, `${father} (Respondent)`), 'Contact details confidential'), 'No');
    assert.equal(await summaryValue(page, 'Allegations'), 'Domestic abuse');
    assert.equal(
      await summaryValue(page, 'Details of the allegations (optional unless you chose other)'),
      ALLEGATION_DETAIL,
    );
    assert.equal(await summaryValue(page, 'Language'), 'English');
    await expectNoAxeViolations(page, 'check your answers');

    // Change the orders: the page says where it goes back to, and it goes back there.
    await follow(page, `**${draftPath}/orders?change=1`, () =>
      page.getByRole('link', { name: 'Change orders', exact: true }).click(),
    );
    await page.getByLabel('Prohibited steps order').uncheck();
    await follow(page, `**${draftPath}/check-answers`, () =>
      page.getByRole('button', { name: 'Save and go back to check your answers', exact: true }).click(),
    );
    assert.deepEqual(await lines(orders.locator('.govuk-summary-list__value')), [
      'Child arrangements order: who the child lives with',
      'Child arrangements order: who the child spends time with',
    ]);
  });

  it('creates the case and lands on previous proceedings, where the demo child is a possible match', async () => {
    const { page } = officer;
    await follow(page, /\/cases\/[0-9a-f-]{36}\/previous-proceedings$/, () =>
      page.getByRole('button', { name: 'Create the case', exact: true }).click(),
    );
    caseId = caseIdOf(page.url());
    assert.notEqual(caseId, demo.caseId);
    assert.equal(await heading(page), 'Previous proceedings');
    await expectNoAxeViolations(page, 'previous proceedings, candidates');

    const section = page.getByRole('region', { name: new RegExp(`${escapeRegExp(firstChild)}$`) });
    assert.match(await text(section.locator('h2')), new RegExp(`^Child ${escapeRegExp(firstChild)}$`));
    const match = card(section, `Possible match: ${demo.name}`);
    assert.equal(
      await match.count(),
      1,
      `no candidate ${demo.name} for ${firstChild}: ${await page.locator('main').innerText()}`,
    );
    assert.equal(await text(match.locator('.govuk-tag')), 'Needs a decision');
    assert.match(
      (await rowLines(match, 'Name')).join(' / '),
      new RegExp(`^${escapeRegExp(demo.name)} / (Very similar|Similar|Partly similar) name$`),
    );
    assert.deepEqual(await rowLines(match, 'Date of birth'), [longDate(demo.dateOfBirth), 'Same date of birth']);
    const earlier = match.getByRole('link', { name: demo.reference, exact: true });
    assert.equal(await earlier.count(), 1, `the earlier case ${demo.reference} is not listed`);

    await follow(page, /\/cases\/[0-9a-f-]{36}\/previous-proceedings\?/, () =>
      match.getByRole('button', { name: `Confirm this is the same person ${demo.name}` }).click(),
    );
    assert.equal(await banner(page), 'The match has been confirmed.');
    const confirmed = card(
      page.getByRole('region', { name: new RegExp(`${escapeRegExp(firstChild)}$`) }),
      `Possible match: ${demo.name}`,
    );
    assert.equal(await text(confirmed.locator('.govuk-tag')), 'Confirmed');
    assert.match(await rowValue(confirmed, 'Decision'), /^Decided by Priya Intake on /);
    assert.equal(
      await confirmed.getByRole('heading', { name: `Safeguarding history of ${demo.reference}` }).count(),
      1,
    );
    await expectNoAxeViolations(page, 'previous proceedings, match confirmed');

    // The earlier case is one click away.
    const href = await confirmed.getByRole('link', { name: demo.reference, exact: true }).getAttribute('href');
    assert.equal(href, `/cases/${demo.caseId}`);
  });

  it('the case has the children and parties; the mother’s address is shown only on her page', async () => {
    const { page } = officer;
    await follow(page, `**/cases/${caseId}`, () =>
      page.getByRole('navigation', { name: 'Case sections' }).getByRole('link', { name: 'Overview' }).click(),
    );
    assert.equal(await heading(page), 'Case overview');
    reference = await summaryValue(page, 'Reference');
    assert.match(reference, /^CV-\d{4}-\d{6}$/);
    assert.equal(await text(page.getByRole('region', { name: 'Case' }).locator('.govuk-tag').first()), 'Received');
    const lists = (title: string) =>
      page.locator('h2', { hasText: new RegExp(`^${title}$`) }).locator('xpath=following-sibling::ul[1]/li');
    const children = (await lists('Children').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    assert.equal(children.length, 2, children.join(' | '));
    assert.ok(
      children.some((c) => c.startsWith(`${firstChild}, ${longDate(demo.dateOfBirth)}`)),
      children.join(' | '),
    );
    assert.ok(
      children.some((c) => c.startsWith(`${sibling.givenNames} ${demo.familyName}, ${longDate(sibling.dateOfBirth)}`)),
      children.join(' | '),
    );
    const parties = (await lists('Adults in the case').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    assert.ok(
      parties.some((p) => p.startsWith(`${mother}, Applicant`)),
      `${parties.join(' | ')} -- ${await page.locator('main').innerText()}`,
    );
    assert.ok(
      parties.some((p) => p.startsWith(`${father}, Respondent`)),
      parties.join(' | '),
    );
    const overview = await text(page.locator('main'));
    for (const value of Object.values(MOTHER_ADDRESS)) assert.ok(!overview.includes(value), `overview shows ${value}`);
    const titles = (await page.locator('.moj-timeline__title').allInnerTexts()).map((t) => t.trim());
    assert.ok(titles.includes('Application entered from e-mail or paper'), titles.join(' | '));
    assert.ok(titles.includes('Previous proceedings: match confirmed'), titles.join(' | '));
    await expectNoAxeViolations(page, 'case overview');

    // The intake officer may see confidential details: the address, marked confidential.
    await follow(page, /\/cases\/[0-9a-f-]{36}\/parties\/[^/]+$/, () =>
      page.getByRole('link', { name: mother, exact: true }).click(),
    );
    const motherPath = new URL(page.url()).pathname;
    assert.equal(await heading(page), mother);
    const address = await summaryValue(page, 'Address');
    assert.ok(address.startsWith('Confidential '), address);
    for (const value of Object.values(MOTHER_ADDRESS)) assert.ok(address.includes(value), `${value} in ${address}`);
    await expectNoAxeViolations(page, 'the mother’s page');

    // The father's address is not confidential: no tag.
    await page.goto(`/cases/${caseId}`);
    await follow(page, /\/cases\/[0-9a-f-]{36}\/parties\/[^/]+$/, () =>
      page.getByRole('link', { name: father, exact: true }).click(),
    );
    const fatherAddress = await summaryValue(page, 'Address');
    assert.ok(!fatherAddress.includes('Confidential'), fatherAddress);
    assert.ok(fatherAddress.includes(FATHER_ADDRESS.line1), fatherAddress);

    // A QA auditor can see the case but not confidential details: withheld.
    await signIn(auditor.page, 'qa-auditor');
    await auditor.page.goto(motherPath);
    assert.equal(await heading(auditor.page), mother);
    assert.equal(
      await summaryValue(auditor.page, 'Address'),
      'Confidential Withheld: you do not have permission to see confidential contact details',
    );
    const seen = await text(auditor.page.locator('main'));
    for (const value of Object.values(MOTHER_ADDRESS)) assert.ok(!seen.includes(value), `the auditor sees ${value}`);
    await expectNoAxeViolations(auditor.page, 'the mother’s page, withheld');
  });

  it('the screening queue lists the new case', async () => {
    const { page } = officer;
    await page.goto('/safeguarding/screening?scope=all');
    assert.equal(await heading(page), 'Applications to screen');
    await expectNoAxeViolations(page, 'screening queue');
    // Oldest first: the new case, received today, is on the last page.
    for (let pages = 0; pages < 50; pages += 1) {
      const link = page.getByRole('table', { name: 'Applications to screen' }).getByRole('link', { name: reference });
      if ((await link.count()) > 0) {
        const row = link.locator('xpath=ancestor::tr');
        assert.match(
          await text(row),
          new RegExp(`^${escapeRegExp(reference)} ${escapeRegExp(shortDate(today))} .*${escapeRegExp(COURT)}`),
        );
        await follow(page, `**/cases/${caseId}/screening`, () => link.click());
        assert.equal(await heading(page), 'Screen the application');
        // The allegation typed in is in front of whoever screens the application.
        const signals = await text(page.locator('#risk-signals'));
        assert.match(signals, /Allegation made in the application \(typed in at intake\)/);
        assert.ok(signals.includes(ALLEGATION_DETAIL), signals);
        assert.doesNotMatch(signals, /domestic-abuse/, 'allegations are shown in words, never as codes');
        const main = await text(page.locator('main'));
        assert.match(main, /Allegations of harm made by the applicant Domestic abuse/);
        await expectNoAxeViolations(page, 'screening the new case');
        return;
      }
      const next = page
        .getByRole('navigation', { name: /results|pages|Pagination/i })
        .getByRole('link', { name: /Next/ });
      assert.ok(
        (await next.count()) > 0,
        `${reference} is not in the screening queue: ${await page.locator('main').innerText()}`,
      );
      await page.goto((await next.first().getAttribute('href'))!);
    }
    assert.fail(`${reference} is not in the first 50 pages of the screening queue`);
  });
});
