import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import type { Browser, Locator, Page } from 'playwright-core';
import { createStaffMember } from '../../src/modules/organisation/service.ts';
import { refreshKpis } from '../../src/modules/performance/service.ts';
import { recordCheckReturn } from '../../src/modules/safeguarding/checks.ts';
import { recordScreening, screeningSchema } from '../../src/modules/safeguarding/screening.ts';
import type { Role } from '../../src/platform/authorisation/roles.ts';
import { createCalendar, type IsoDate } from '../../src/platform/calendar/index.ts';
import { queryRows } from '../../src/platform/db/database.ts';
import { newFormToken } from '../../src/platform/forms/form-token.ts';
import { ensureTeams, TEST_PASSWORD } from '../helpers/app.ts';
import { seedCase } from '../helpers/cases.ts';
import { type TestDatabase, testDatabase } from '../helpers/database.ts';
import { focused, signInWith, text } from './support/app.ts';
import { expectNoAxeViolations, launchBrowser, newSession, type Session } from './support/browser.ts';
import { downloadAll, only } from './support/documents.ts';
import { startInProcessServer } from './support/in-process.ts';
import { follow, heading } from './support/journey.ts';
import { buildAssetsOnce, type RunningServer } from './support/server.ts';

/**
 * The performance pages in a real browser, over a small scenario seeded through the real
 * services (cases created, applications screened, police checks returned) on a database of
 * its own (PGlite, or the server's with DATABASE_URL), the KPI figures brought up to date by
 * refreshKpis, and the app run in this process on a chosen day: Monday 2 March 2026.
 *
 * Screening on time in area 6 (Hampshire, Isle of Wight and Dorset), counted by hand (due the
 * working day after receipt; a case not screened by its due date is missed; one due today is
 * not decided yet):
 *   G received Mon 3 Nov 2025, screened Tue 4 Nov: on time
 *   F received Thu 15 Jan 2026, screened Mon 19 Jan (due Fri 16): late
 *   E received Tue 10 Feb, screened Wed 11 Feb: on time (restricted: counted, never listed)
 *   A2 received Mon 16 Feb, screened Tue 17 Feb: on time (team B)
 *   B received Thu 26 Feb, not screened (due Fri 27): missed
 *   A received Fri 27 Feb, screened Mon 2 Mar: on time
 *   C received Fri 27 Feb, not screened, due today: not decided
 * and in area 1, D received Mon 2 Feb, screened Thu 5 Feb (due Tue 3): late.
 * So February 2026 in area 6 is 3 of 4 (75.0%, below the 95% target), January 0 of 1,
 * quarter 1 of 2026 3 of 5 (60.0%), the financial year 2025 to 2026 4 of 6 (66.7%), October
 * to December 2025 1 of 1 (100.0%, meets the target); nationally February is 3 of 5 (60.0%).
 * Screening requests a police check of each adult (due 2 working days later); all are
 * returned the next working day except A's two and one of A2's, which early warning lists.
 *
 * A service manager of area 6 uses the dashboard, its period form, the drill-downs, the CSV,
 * early warning and Welsh; a family court adviser sees only their own figures; a performance
 * analyst compares the areas. Every page is checked with axe (WCAG 2.2 A and AA), and the
 * browser must report no console errors, uncaught errors, CSP violations or foreign requests.
 */

const START = Date.parse('2026-03-02T09:00:00Z');
const AREA = { id: 'eng-06', name: 'Area 6 Hampshire, Isle of Wight and Dorset' };
const OTHER_AREA = { id: 'eng-01', name: 'Area 1 Northumbria and Cumbria' };
const KPI = { id: 'screening-on-time', title: 'Screening on time' };
const NUMERATOR = 'Private law applications screened within 1 working day of receipt';
const DENOMINATOR = 'Private law applications received in the period, screened or past their due date';
const calendar = createCalendar();

let database: TestDatabase;
let server: RunningServer;
let browser: Browser;
let startedAt = Date.now();
/** The app's clock: 09:00 on Monday 2 March 2026 when the browser starts, then running. */
const clock = () => new Date(START + (Date.now() - startedAt));

interface Person {
  userId: string;
  email: string;
  name: string;
}
/** Made by seedScenario(). */
const people = {} as Record<'screener' | 'manager' | 'fca' | 'analyst', Person>;
/** Case references by the letters above. */
const refs: Record<string, string> = {};

async function person(
  role: Role,
  name: string,
  areaId: string,
  team: { teamId: string; manages: boolean } | null,
): Promise<Person> {
  const email = `${name.toLowerCase().replace(/\s+/g, '.')}@performance-journey.childvoice.test`;
  const userId = await createStaffMember(database.db, {
    email,
    displayName: name,
    password: TEST_PASSWORD,
    jobTitle: role,
    areaId,
    roles: [role],
    teams: team ? [team] : [],
  });
  return { userId, email, name };
}

/** Screens a case through the screening service on `on` (10:00 UTC, or 08:30 today). */
async function screen(caseId: string, on: string): Promise<void> {
  const screening = screeningSchema.parse({
    riskFlags: 'none',
    decision: 'standard',
    rationale: 'No risks identified in the application.',
    _formToken: newFormToken(),
  });
  const { userId } = people.screener;
  await recordScreening(database.db, {
    caseId,
    screening,
    actor: { userId, role: 'seo', requestId: null, clientIp: null },
    now: new Date(`${on}T${on === '2026-03-02' ? '08:30' : '10:00'}:00Z`),
    today: on,
  });
}

/** Records the return of a case's police checks the working day after each was requested, but `keepOpen`. */
async function returnChecks(caseId: string, keepOpen = 0): Promise<void> {
  const checks = await queryRows<{ id: string; version: number; requestedOn: string }>(
    database.db,
    sql`SELECT id::text, version, requested_on::text AS "requestedOn" FROM safeguarding_check
        WHERE case_id = ${caseId} AND kind = 'police' ORDER BY id`,
  );
  assert.ok(checks.length >= 2, 'screening requested no police checks');
  for (const check of checks.slice(keepOpen)) {
    const returnedOn = calendar.addWorkingDays(check.requestedOn as IsoDate, 1);
    await recordCheckReturn(database.db, {
      caseId,
      checkId: check.id,
      returned: { returnedOn, outcome: 'no-record', concerns: null, version: check.version },
      actor: { userId: people.screener.userId, role: 'seo', requestId: null, clientIp: null },
      now: new Date(`${returnedOn}T11:00:00Z`),
    });
  }
}

async function seedScenario(): Promise<void> {
  await ensureTeams(database);
  people.screener = await person('seo', 'Sam Screener', AREA.id, { teamId: 'test-team-a', manages: false });
  people.manager = await person('service-manager', 'Mina Manager', AREA.id, { teamId: 'test-team-a', manages: true });
  people.fca = await person('fca', 'Farah Adviser', AREA.id, { teamId: 'test-team-a', manages: false });
  people.analyst = await person('performance-analyst', 'Ash Analyst', AREA.id, null);

  const cases: [key: string, receivedOn: string, screenedOn: string | null, extra: Parameters<typeof seedCase>[1]][] = [
    ['G', '2025-11-03', '2025-11-04', {}],
    ['F', '2026-01-15', '2026-01-19', {}],
    ['E', '2026-02-10', '2026-02-11', { restricted: true }],
    ['A2', '2026-02-16', '2026-02-17', { teamId: 'test-team-b' }],
    ['B', '2026-02-26', null, {}],
    ['A', '2026-02-27', '2026-03-02', {}],
    ['C', '2026-02-27', null, {}],
    ['D', '2026-02-02', '2026-02-05', { areaId: OTHER_AREA.id, teamId: 'test-team-c' }],
  ];
  for (const [key, receivedOn, screenedOn, extra] of cases) {
    const seeded = await seedCase(database, { receivedOn, ...extra });
    refs[key] = seeded.reference;
    if (!screenedOn) continue;
    await screen(seeded.caseId, screenedOn);
    if (key === 'A') continue; // requested today: both due on Wednesday
    await returnChecks(seeded.caseId, key === 'A2' ? 1 : 0);
  }
  await refreshKpis(database.db, { calendar, now: new Date(START) });
  const [waiting] = await queryRows<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM kpi_dirty_case`);
  assert.equal(waiting?.n, 0, 'the refresh left cases waiting to be counted');
}

before(async () => {
  const [app, chromium] = await Promise.allSettled([
    (async () => {
      await buildAssetsOnce();
      database = await testDatabase();
      await seedScenario();
      startedAt = Date.now();
      server = await startInProcessServer({ database, clock });
    })(),
    launchBrowser(),
  ]);
  if (chromium.status === 'fulfilled') browser = chromium.value;
  for (const result of [app, chromium]) if (result.status === 'rejected') throw result.reason;
});

after(async () => {
  await Promise.allSettled([browser?.close(), server?.stop()]);
  await database?.destroy();
});

/**
 * axe (WCAG 2.2 A and AA) on the page as it is; and no id used twice (axe only reports
 * duplicates that ARIA refers to).
 */
async function expectAccessible(page: Page, label: string): Promise<void> {
  await expectNoAxeViolations(page, label);
  const duplicates = await page.evaluate(() => {
    const seen = new Map<string, number>();
    for (const el of document.querySelectorAll('[id]')) seen.set(el.id, (seen.get(el.id) ?? 0) + 1);
    return [...seen].filter(([, n]) => n > 1).map(([id, n]) => `${id} ×${n}`);
  });
  assert.deepEqual(duplicates, [], `${label} (${page.url()}): ids used more than once`);
}

/**
 * One step of the journey: each builds on the last, so after a failure the rest fail at once,
 * naming the step that broke, rather than each timing out on a page the journey never reached.
 */
let broken = '';
function step(name: string, fn: () => Promise<void>): void {
  it(name, async () => {
    if (broken) throw new Error(`not run: the earlier step "${broken}" failed`);
    try {
      await fn();
    } catch (error) {
      broken = name;
      throw error;
    }
  });
}

function menu(page: Page): Locator {
  return page.getByRole('navigation', { name: 'Menu' });
}

/** A KPI's card on a dashboard. */
function card(page: Page, kpi = KPI.id): Locator {
  return page.locator(`#kpi-${kpi}`);
}

/** The big figure of a card with its target tag, and the target line. */
async function figure(page: Page, kpi = KPI.id): Promise<{ value: string; target: string }> {
  const c = card(page, kpi);
  return {
    value: await text(c.locator('.govuk-summary-card__content > p.govuk-heading-l')),
    target: await text(c.locator('.govuk-summary-card__content > p.govuk-body').first()),
  };
}

/** Rows of a table's body as the cells' texts as rendered (header cells included; a line break is a space). */
async function rowsOf(table: Locator): Promise<string[][]> {
  return table
    .locator('tbody tr')
    .evaluateAll((trs) =>
      trs.map((tr) =>
        [...tr.querySelectorAll('th, td')].map((c) => (c as HTMLElement).innerText.replace(/\s+/g, ' ').trim()),
      ),
    );
}

/** Shows the figures for a period through the period form, as a person would. */
async function choosePeriod(page: Page, kind: string, fields: Record<string, string>): Promise<void> {
  const form = page.locator('form.app-period-form');
  const radio = form.getByRole('radio', { name: kind, exact: true });
  await radio.check();
  const period = await radio.getAttribute('value');
  for (const [label, value] of Object.entries(fields)) {
    await form.getByRole('textbox', { name: label, exact: true }).fill(value);
  }
  const before = page.url();
  // The form's fields go in the query in page order, so `period` is not always first.
  await Promise.all([
    page.waitForURL(
      (url) =>
        url.href !== before &&
        url.pathname === `/performance/areas/${AREA.id}` &&
        url.searchParams.get('period') === period,
    ),
    form.getByRole('button', { name: 'Show figures' }).click(),
  ]);
  await page.waitForLoadState('load');
}

describe('the performance pages', () => {
  let manager: Session;
  let fca: Session;
  let analyst: Session;

  before(async () => {
    manager = await newSession(browser, server.baseUrl);
    fca = await newSession(browser, server.baseUrl);
    analyst = await newSession(browser, server.baseUrl);
  });
  afterEach(() => {
    manager.assertNoProblems('service manager');
    fca.assertNoProblems('family court adviser');
    analyst.assertNoProblems('performance analyst');
  });
  after(async () => {
    await Promise.allSettled([manager?.close(), fca?.close(), analyst?.close()]);
  });

  step('the service manager opens the area’s dashboard from the navigation: 75.0% against 95%', async () => {
    const { page } = manager;
    await signInWith(page, people.manager.email, TEST_PASSWORD);
    await follow(page, `**/performance/areas/${AREA.id}`, () =>
      menu(page).getByRole('link', { name: 'Performance', exact: true }).click(),
    );
    assert.equal(await heading(page), `Performance: ${AREA.name}`);
    assert.equal(await page.title(), `Performance: ${AREA.name} – Childvoice`);
    const main = await text(page.locator('main'));
    // The default period is the last whole month; every changed case has been counted.
    assert.match(main, /February 2026/);
    assert.match(main, /Cases waiting to be counted: 0\./);
    const shown = await figure(page);
    assert.equal(await text(card(page).locator('.govuk-summary-card__title')), KPI.title);
    assert.equal(shown.value, '75.0% Below target');
    assert.match(shown.target, /^Target: 95% /);
    assert.equal(await text(card(page).locator('.govuk-tag')), 'Below target');
    assert.ok((await card(page).locator('.govuk-tag--red').count()) === 1, 'the miss is not shown in red');
    const list = card(page).locator('.govuk-summary-list');
    assert.equal(await text(list.locator('.govuk-summary-list__key').nth(0)), NUMERATOR);
    assert.equal(
      await text(list.locator('.govuk-summary-list__value a').nth(0)),
      '3: see what is behind Screening on time',
    );
    assert.equal(await text(list.locator('.govuk-summary-list__key').nth(1)), DENOMINATOR);
    assert.equal(
      await text(list.locator('.govuk-summary-list__value a').nth(1)),
      '4: see what is behind Screening on time',
    );
    // The area's teams compared: team A has B decided and missed, and the restricted E; team B has A2.
    const teams = page.getByRole('region', { name: 'Teams compared' });
    const headers = (await teams.locator('thead th').allInnerTexts()).map((h) => h.trim());
    const column = headers.indexOf(KPI.title);
    assert.ok(column > 0, headers.join(' | '));
    assert.deepEqual(
      (await rowsOf(teams.locator('table'))).map((r) => [r[0], r[column]]),
      [
        ['Team A', '66.7%'], // A and E on time, B missed
        ['Team B', '100.0%'], // A2 on time
      ],
    );
    await expectAccessible(page, 'area dashboard');
  });

  step('the trend table beside the chart has the same figures as the chart', async () => {
    const { page } = manager;
    const title = `${KPI.title} by month`;
    const row = page.locator('.govuk-grid-row', { has: page.getByRole('heading', { name: title, exact: true }) });
    const chart = row.locator('svg.app-trend-chart');
    assert.equal(await chart.getAttribute('role'), 'img');
    assert.equal(await text(chart.locator('title')), title);
    const table = row.getByRole('table', { name: `${title}: figures` });
    const rows = await rowsOf(table);
    // The 12 months ending with February 2026, by hand.
    assert.equal(rows.length, 12);
    assert.deepEqual(rows[0], ['Mar 2025', '0', '0', 'No cases to count']);
    const known = rows.filter((r) => r[3] !== 'No cases to count');
    assert.deepEqual(known, [
      ['Nov 2025', '1', '1', '100.0%'],
      ['Jan 2026', '0', '1', '0.0%'],
      ['Feb 2026', '3', '4', '75.0%'],
    ]);
    assert.deepEqual(rows.at(-1), ['Feb 2026', '3', '4', '75.0%']);
    // The chart's points, read back from their positions (a rate's axis runs from 0 to 100%
    // over the plot's 164 pixels from y = 16; the months are evenly spaced from x = 56 to 624).
    const points = await chart
      .locator('circle')
      .evaluateAll((cs) => cs.map((c) => ({ x: Number(c.getAttribute('cx')), y: Number(c.getAttribute('cy')) })));
    const drawn = points.map((p) => ({
      month: rows[Math.round(((p.x - 56) * (rows.length - 1)) / (624 - 56))]?.[0],
      percent: Math.round((1 - (p.y - 16) / 164) * 1000) / 10,
    }));
    assert.deepEqual(
      drawn,
      known.map((r) => ({ month: r[0], percent: Number.parseFloat(r[3]!) })),
    );
    // The target line is drawn at 95%.
    const target = await chart.locator('line[stroke-dasharray]').getAttribute('y1');
    assert.equal(Math.round((1 - (Number(target) - 16) / 164) * 100), 95);
  });

  step('the period form: month, quarter, financial year and dates chosen each change the figure', async () => {
    const { page } = manager;
    const periods: [kind: string, fields: Record<string, string>, label: string, value: string][] = [
      ['Month', { Month: '2026-01' }, 'January 2026', '0.0% Below target'],
      ['Quarter', { Quarter: '2026-Q1' }, 'Quarter 1 2026 (January to March 2026)', '60.0% Below target'],
      [
        'Financial year',
        { 'Year the financial year starts': '2025' },
        'Financial year 2025 to 2026',
        '66.7% Below target',
      ],
      [
        'Dates you choose',
        { From: '2025-10-01', To: '2025-12-31' },
        '1 October 2025 to 31 December 2025',
        '100.0% Meets target',
      ],
    ];
    for (const [kind, fields, label, value] of periods) {
      await choosePeriod(page, kind, fields);
      assert.equal(await text(page.locator('main p.govuk-body-l')), label, kind);
      assert.equal((await figure(page)).value, value, `${kind}: ${label}`);
      // The form shows the period chosen.
      assert.ok(await page.getByRole('radio', { name: kind, exact: true }).isChecked(), kind);
      await expectAccessible(page, `area dashboard for ${label}`);
    }
    assert.equal(await card(page).locator('.govuk-tag--green').count(), 1, 'the met target is not shown in green');
  });

  step('an end date before the start date: the error summary links to the field', async () => {
    const { page } = manager;
    manager.expectStatus(400);
    const form = page.locator('form.app-period-form');
    await form.getByRole('radio', { name: 'Dates you choose', exact: true }).check();
    await form.getByRole('textbox', { name: 'From', exact: true }).fill('2026-02-10');
    await form.getByRole('textbox', { name: 'To', exact: true }).fill('2026-02-01');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().resourceType() === 'document' && /period=custom/.test(r.url())),
      form.getByRole('button', { name: 'Show figures' }).click(),
    ]);
    assert.equal(response.status(), 400);
    await page.waitForLoadState('load');
    const summary = page.locator('.govuk-error-summary');
    await summary.waitFor();
    assert.match(await page.title(), /^Error: Performance: /);
    assert.equal(await text(summary.locator('.govuk-error-summary__title')), 'There is a problem');
    await page.waitForFunction(() => document.activeElement?.classList.contains('govuk-error-summary'));
    const links = summary.locator('.govuk-error-summary__list a');
    assert.deepEqual(
      (await links.allInnerTexts()).map((t) => t.trim()),
      ['The end date must be the same as or after the start date'],
    );
    assert.equal(await links.first().getAttribute('href'), '#to');
    // The field itself carries the message, and keeps what was typed.
    const to = page.getByRole('textbox', { name: 'To', exact: true });
    assert.equal(await to.inputValue(), '2026-02-01');
    assert.match(await text(page.locator('#to-error')), /The end date must be the same as or after the start date/);
    await expectAccessible(page, 'area dashboard with a period error');
    await links.first().click();
    assert.equal((await focused(page)).id, 'to', 'the error link does not move focus to the field');
  });

  step(
    'follows the figure to its cases: exactly the numerator’s, the restricted one counted but not listed',
    async () => {
      const { page } = manager;
      await follow(page, `**/performance/areas/${AREA.id}`, () =>
        menu(page).getByRole('link', { name: 'Performance', exact: true }).click(),
      );
      await follow(page, /\/performance\/kpis\/screening-on-time\?.*part=numerator/, () =>
        card(page)
          .getByRole('link', { name: /^3\s?: see what is behind Screening on time$/ })
          .click(),
      );
      const url = new URL(page.url());
      assert.equal(url.searchParams.get('area'), AREA.id);
      assert.equal(url.searchParams.get('month'), '2026-02');
      assert.equal(await heading(page), NUMERATOR);
      assert.equal(await text(page.locator('.govuk-caption-l')), `${KPI.title} – ${AREA.name}`);
      assert.match(await text(page.locator('main')), /February 2026\. Units counted: 3\./);
      assert.equal(
        await text(page.locator('.govuk-inset-text')),
        '1 of them is on a case you do not have access to. It is counted but not listed.',
      );
      const rows = await rowsOf(page.getByRole('table', { name: NUMERATOR }));
      assert.equal(rows.length + 1, 3, 'listed and hidden cases do not add up to the figure');
      assert.deepEqual(rows, [
        [refs.A2, '16 Feb 2026', '17 Feb 2026', '17 Feb 2026', 'On time', people.screener.name],
        [refs.A, '27 Feb 2026', '2 Mar 2026', '2 Mar 2026', 'On time', people.screener.name],
      ]);
      assert.ok(!(await text(page.locator('main'))).includes(refs.E!), 'the restricted case is listed');
      await expectAccessible(page, 'drill-down, numerator');
    },
  );

  step('opens the list the figure is out of, and downloads it as a CSV', async () => {
    const { page } = manager;
    await follow(page, /part=denominator/, () =>
      page.getByRole('link', { name: 'Show all the cases this is out of' }).click(),
    );
    assert.equal(await heading(page), DENOMINATOR);
    assert.match(await text(page.locator('main')), /February 2026\. Units counted: 4\./);
    const rows = await rowsOf(page.getByRole('table', { name: DENOMINATOR }));
    assert.deepEqual(
      rows.map((r) => [r[0], r[3], r[4]]),
      [
        [refs.A2, '17 Feb 2026', 'On time'],
        [refs.B, 'Not done', 'Missed'],
        [refs.A, '2 Mar 2026', 'On time'],
      ],
    );
    await expectAccessible(page, 'drill-down, denominator');

    const csv = only(await downloadAll(page), 'text/csv; charset=utf-8');
    assert.match(csv.href, /^\/performance\/kpis\/screening-on-time\/export\.csv\?.*part=denominator/);
    assert.match(csv.disposition, /filename="screening-on-time-denominator-2026-02-01-2026-02-28\.csv"/);
    const body = csv.body.toString('utf8');
    const header =
      '"Case reference","What was counted","Date counted","Due","Done","Value","Area","Team","Practitioner"\r\n';
    assert.ok(body.startsWith(`\uFEFF${header}`), `the CSV does not start with its header row: ${body.slice(0, 120)}`);
    const lines = body
      .slice(1 + header.length)
      .trimEnd()
      .split('\r\n');
    assert.deepEqual(
      lines.map((l) => l.split(',')[0]),
      [refs.A2, refs.B, refs.A].map((r) => `"${r}"`),
    );
    assert.ok(!body.includes(refs.E!), 'the restricted case is in the CSV');
  });

  step('early warning: the most overdue work first, with who is to act', async () => {
    const { page } = manager;
    await follow(page, '**/performance/early-warning', () =>
      menu(page).getByRole('link', { name: 'Early warning', exact: true }).click(),
    );
    assert.equal(await heading(page), 'Work that will miss a timescale');
    // Area 6's open work due within 5 working days (to Monday 9 March) or overdue, by hand:
    // not the restricted case's, not area 1's.
    assert.match(await text(page.locator('main')), /Items: 5/);
    const rows = await rowsOf(page.getByRole('table', { name: 'Work that will miss a timescale' }));
    const managers = 'The area’s managers';
    assert.deepEqual(rows, [
      [
        'Overdue by 7 working days 19 Feb 2026',
        refs.A2,
        'Chase the police check Police checks on time',
        'Team B',
        people.screener.name,
      ],
      ['Overdue by 1 working day 27 Feb 2026', refs.B, 'Screen the application Screening on time', 'Team A', managers],
      ['Due today 2 Mar 2026', refs.C, 'Screen the application Screening on time', 'Team A', managers],
      [
        'Due in 2 working days 4 Mar 2026',
        refs.A,
        'Chase the police check Police checks on time',
        'Team A',
        people.screener.name,
      ],
      [
        'Due in 2 working days 4 Mar 2026',
        refs.A,
        'Chase the police check Police checks on time',
        'Team A',
        people.screener.name,
      ],
    ]);
    await expectAccessible(page, 'early warning');
  });

  step('the dashboard in Welsh, through the language switch', async () => {
    const { page } = manager;
    await follow(page, `**/performance/areas/${AREA.id}`, () =>
      menu(page).getByRole('link', { name: 'Performance', exact: true }).click(),
    );
    const languages = page.locator('.govuk-language-navigation');
    await follow(page, `**/performance/areas/${AREA.id}`, () =>
      languages.getByRole('link', { name: 'Cymraeg' }).click(),
    );
    assert.equal(await page.locator('html').getAttribute('lang'), 'cy');
    assert.equal(await heading(page), 'Perfformiad: Ardal 6 Hampshire, Ynys Wyth a Dorset');
    assert.equal(await text(card(page).locator('.govuk-summary-card__title')), 'Sgrinio mewn pryd');
    assert.match((await figure(page)).value, /^75[.,]0%/);
    await expectAccessible(page, 'area dashboard in Welsh');
    await follow(page, `**/performance/areas/${AREA.id}`, () =>
      languages.getByRole('link', { name: 'English' }).click(),
    );
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    assert.equal(await heading(page), `Performance: ${AREA.name}`);
  });

  step(
    'a family court adviser has no performance item, sees only their own figures, and not another area',
    async () => {
      const { page } = fca;
      await signInWith(page, people.fca.email, TEST_PASSWORD);
      const items = (await menu(page).getByRole('link').allInnerTexts()).map((i) => i.trim());
      assert.ok(!items.includes('Performance'), `the adviser is offered the performance pages: ${items.join(' | ')}`);
      // The performance address leads only to their own figures.
      await page.goto('/performance');
      await page.waitForURL(`**/performance/practitioners/${people.fca.userId}`);
      assert.equal(await heading(page), `Performance: ${people.fca.name}`);
      assert.equal(await page.getByRole('link', { name: 'National figures' }).count(), 0);
      assert.equal(await page.getByRole('region', { name: /compared$/ }).count(), 0);
      await expectAccessible(page, 'the adviser’s own dashboard');
      for (const path of [`/performance/areas/${OTHER_AREA.id}`, `/performance/areas/${AREA.id}`]) {
        fca.expectStatus(403);
        const response = await page.goto(path);
        assert.equal(response?.status(), 403, path);
        assert.equal(await heading(page), 'You do not have access');
        assert.match(await text(page.locator('main')), /You do not have access to this page\./);
        assert.ok(!(await text(page.locator('main'))).includes('Screening on time'), `${path} shows figures`);
        await expectAccessible(page, `403 for ${path}`);
      }
    },
  );

  step('a performance analyst compares the areas on the national dashboard', async () => {
    const { page } = analyst;
    await signInWith(page, people.analyst.email, TEST_PASSWORD);
    await follow(page, '**/performance/national', () =>
      menu(page).getByRole('link', { name: 'Performance', exact: true }).click(),
    );
    assert.equal(await heading(page), 'National performance');
    assert.equal((await figure(page)).value, '60.0% Below target');
    const areas = page.getByRole('region', { name: 'Areas compared' });
    const table = areas.getByRole('table', { name: 'Areas compared' });
    const headers = (await table.locator('thead th').allInnerTexts()).map((h) => h.trim());
    const column = headers.indexOf(KPI.title);
    assert.ok(column > 0, headers.join(' | '));
    const rows = await rowsOf(table);
    const byArea = rows.map((r) => [r[0], r[column]]);
    assert.equal(byArea.length, 2, JSON.stringify(byArea));
    assert.deepEqual(
      byArea.map(([name, value]) => [
        name?.endsWith(OTHER_AREA.name) ? OTHER_AREA.id : name?.endsWith(AREA.name) ? AREA.id : name,
        value,
      ]),
      [
        [OTHER_AREA.id, '0.0%'],
        [AREA.id, '75.0%'],
      ],
    );
    await expectAccessible(page, 'national dashboard');
    // An area's row leads to its dashboard, for the same period.
    await follow(page, /\/performance\/areas\/eng-06\?period=month&month=2026-02$/, () =>
      table.getByRole('link', { name: new RegExp(`${AREA.name}$`) }).click(),
    );
    assert.equal(await heading(page), `Performance: ${AREA.name}`);
    assert.equal((await figure(page)).value, '75.0% Below target');
    await page.getByRole('link', { name: 'National figures' }).waitFor();
    await expectAccessible(page, 'area dashboard seen by the analyst');
  });
});
