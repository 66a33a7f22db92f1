import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { caseIdOf, signIn, summaryValue, text } from './support/app.ts';
import { expectNoAxeViolations as axe, launchBrowser, newSession, type Session } from './support/browser.ts';
import { downloadAll, only, tinyPng } from './support/documents.ts';
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
 * Private law after the first hearing, in a real browser against the real server (demo data,
 * PGlite). The service manager (Morgan Manager, Hampshire South and Dorset) allocates a case
 * with two children to Frances Adviser, seeing the caseloads it changes; the FCA writes the
 * case plan and the manager gives a direction; the FCA records two contacts (one kept as a
 * draft first), direct work with each sibling separately (one child's words in Welsh), a child
 * impact analysis and a diversity statement for each child, and signposting for a parent. The
 * court's direction for a section 7 report is added and the report drafted with quotations;
 * the readiness check refuses it until each child has a section; the manager returns it with
 * a comment, the FCA changes it and resubmits, the manager approves it and the FCA files it;
 * the DOCX and PDF are read back (the children's words are in them, no confidential contact
 * detail is). A final hearing and the final order move the case to closing; the closing
 * record, a letter to each child (one with a picture made here) and the closure end it.
 * Every page and error state is checked with axe (WCAG 2.2 A and AA), and the browser must
 * report no console errors, uncaught errors, CSP violations or requests to another origin.
 */

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

/**
 * axe (WCAG 2.2 A and AA) on the page as it is, run in the page itself as this journey is long;
 * and no id used twice (axe only reports duplicates that ARIA refers to).
 */
async function expectNoAxeViolations(page: Page, label: string): Promise<void> {
  await axe(page, label, { inPageOnly: true });
  const duplicates = await page.evaluate(() => {
    const seen = new Map<string, number>();
    for (const el of document.querySelectorAll('[id]')) seen.set(el.id, (seen.get(el.id) ?? 0) + 1);
    return [...seen].filter(([, n]) => n > 1).map(([id, n]) => `${id} ×${n}`);
  });
  assert.deepEqual(duplicates, [], `${label} (${page.url()}): ids used more than once`);
}

/** The status tag in the case's identity bar. */
async function caseStatus(page: Page): Promise<string> {
  return text(page.getByRole('region', { name: 'Case' }).locator('.govuk-tag').first());
}

/** Goes to a section of the case through its sub-navigation. */
async function section(page: Page, caseId: string, name: string, path: string): Promise<void> {
  await follow(page, `**/cases/${caseId}${path}`, () =>
    page.getByRole('navigation', { name: 'Case sections' }).getByRole('link', { name, exact: true }).click(),
  );
}

/**
 * One step of the journey: each builds on the last, so after a failure the rest fail at once,
 * naming the step that broke (never skipped: a skipped step would read as not needed), rather
 * than each timing out on a page the journey never reached.
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

interface Child {
  name: string;
  id: string;
  age: number;
}

const RETURN_COMMENT =
  'Please say in the recommendation when each weekend starts and ends, and where the handovers take place.';

describe('private law after the first hearing', () => {
  let fca: Session;
  let manager: Session;
  let caseId = '';
  let reference = '';
  let children: Child[] = [];
  let parents: string[] = [];
  /** The case's confidential contact values (seen by the allocated FCA): never in a document. */
  let confidential: string[] = [];
  const today = londonToday();
  const filingDate = addDays(today, 42);
  let reportPath = '';
  /** The final hearing, held today (the court completes a hearing on the day it is held). */
  const hearing = { date: today, time: '10:00' };
  const words = {
    first: 'Dw i eisiau gweld Dad bob penwythnos. Mae’n hwyl yn nhŷ Dad.',
    second: 'I like living with Mum. I want to see Dad on Saturdays and go to football with him.',
  };

  before(async () => {
    fca = await newSession(browser, server.baseUrl);
    manager = await newSession(browser, server.baseUrl);
  });
  afterEach(() => {
    fca.assertNoProblems('family court adviser');
    manager.assertNoProblems('service manager');
  });
  after(async () => {
    await Promise.allSettled([fca?.close(), manager?.close()]);
  });

  step('the service manager picks a Hampshire South case with two children from the allocation queue', async () => {
    const { page } = manager;
    await signIn(page, 'service-manager');
    await follow(page, '**/allocation', () =>
      page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Allocation' }).click(),
    );
    assert.equal(await heading(page), 'Unallocated work');
    await expectNoAxeViolations(page, 'allocation queue');
    // The queue is oldest first, a page at a time: take the first private-law case of Hampshire
    // South with two children that its case page shows are both old enough for a letter (4+).
    const table = page.getByRole('table', { name: 'Unallocated work' });
    for (let pageNumber = 1; !caseId && pageNumber <= 10; pageNumber += 1) {
      if (pageNumber > 1) {
        await follow(page, new RegExp(`/allocation\\?page=${pageNumber}$`), () =>
          page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: /^Next/ }).click(),
        );
      }
      const rows = table
        .locator('tbody tr')
        .filter({ hasText: 'Hampshire South team' })
        .filter({ hasText: 'Private law' });
      const candidates: { reference: string; href: string }[] = [];
      for (const row of await rows.all()) {
        if ((await text(row.locator('td').nth(2))) !== '2') continue;
        const link = row.locator('td').first().getByRole('link');
        candidates.push({ reference: await text(link), href: (await link.getAttribute('href')) ?? '' });
      }
      const queuePage = page.url();
      for (const candidate of candidates) {
        await page.goto(`/cases/${caseIdOf(candidate.href)}`);
        const ages = [...(await text(page.locator('main'))).matchAll(/\((\d+) years? old\)/g)].map((m) => Number(m[1]));
        if (ages.length === 2 && ages.every((age) => age >= 4)) {
          caseId = caseIdOf(candidate.href);
          reference = candidate.reference;
          break;
        }
      }
      if (!caseId) await page.goto(queuePage);
    }
    assert.ok(caseId, 'no private-law case of Hampshire South with two children aged 4 or over is waiting');
    assert.equal(await summaryValue(page, 'Reference'), reference);
    assert.equal(await summaryValue(page, 'Team'), 'Hampshire South team');
    assert.equal(await caseStatus(page), 'Awaiting allocation');
    await expectNoAxeViolations(page, 'case waiting for allocation');
  });

  step('the service manager sees the caseloads and allocates the case to Frances Adviser', async () => {
    const { page } = manager;
    await section(page, caseId, 'Allocation', '/allocation');
    assert.equal(await heading(page), 'Allocation');
    await expectNoAxeViolations(page, 'case allocation, not allocated');
    await follow(page, `**/cases/${caseId}/allocation/allocate`, () =>
      page.getByRole('button', { name: 'Allocate the case' }).click(),
    );
    assert.equal(await heading(page), 'Allocate the case');
    assert.equal(await summaryValue(page, 'Children'), '2');
    // Each practitioner of the area with their weighted caseload now and with this case.
    const choices = page.getByRole('group', { name: 'Who should the case be allocated to?' });
    const frances = choices.locator('.govuk-radios__item', { hasText: 'Frances Adviser' });
    const load = await text(frances.locator('.govuk-radios__hint'));
    const numbers =
      /^Family court adviser\. Now ([\d.]+) of (\d+) points in (\d+) cases \((\d+)%\)\. With this case \(\+([\d.]+)\): ([\d.]+) of \2 points \((\d+)%\)\./.exec(
        load,
      );
    assert.ok(numbers, `Frances Adviser’s caseload is not shown as expected: ${load}`);
    const [, now, , , , weight, after] = numbers.map(Number) as number[];
    assert.ok(Math.abs(now! + weight! - after!) < 0.01, `${now} + ${weight} is not ${after}`);
    assert.ok((await choices.locator('.govuk-radios__item').count()) >= 2, 'only one practitioner offered');
    await expectNoAxeViolations(page, 'allocate the case');

    assert.deepEqual(await submitWithErrors(manager, 'Allocate', `/cases/${caseId}/allocation/allocate`), [
      'Select who the case should be allocated to',
    ]);
    await expectNoAxeViolations(page, 'allocate the case with an error');
    await choices.getByLabel('Frances Adviser').check();
    await page
      .getByLabel('Why this practitioner (optional)')
      .fill('Frances knows the local schools and can see the children there.');
    await follow(page, `**/cases/${caseId}/allocation?saved=allocated`, () =>
      page.getByRole('button', { name: 'Allocate', exact: true }).click(),
    );
    assert.equal(await banner(page), 'The case has been allocated');
    assert.equal(await caseStatus(page), 'Allocated');
    assert.match(await text(page.locator('main')), /Frances Adviser/);
    await expectNoAxeViolations(page, 'case allocated');

    // The case is now on the FCA's own caseload.
    await signIn(fca.page, 'fca');
    await fca.page.goto(`/caseload?reference=${reference}`);
    await follow(fca.page, `**/cases/${caseId}`, () =>
      fca.page.getByRole('link', { name: reference, exact: true }).click(),
    );
    assert.equal(await summaryValue(fca.page, 'Allocated to'), 'Frances Adviser (family court adviser)');
  });

  step('reads the children and adults of the case, and the confidential contact details', async () => {
    const { page } = fca;
    await page.goto(`/cases/${caseId}`);
    const childLinks = page.locator('main a[href*="/children/"]');
    children = [];
    for (const link of await childLinks.all()) {
      const name = await text(link);
      const id = /\/children\/([0-9a-f-]{36})/.exec((await link.getAttribute('href')) ?? '')?.[1] ?? '';
      const row = await text(link.locator('xpath=..'));
      const age = Number(/\((\d+) years? old\)/.exec(row)?.[1] ?? '-1');
      children.push({ name, id, age });
    }
    assert.equal(children.length, 2, JSON.stringify(children));
    assert.ok(
      children.every((c) => c.age >= 4),
      `each child is old enough for a letter: ${JSON.stringify(children)}`,
    );
    const partyLinks = await page.locator('main a[href*="/parties/"]').all();
    parents = [];
    confidential = [];
    const partyHrefs: string[] = [];
    for (const link of partyLinks) {
      parents.push(await text(link));
      partyHrefs.push((await link.getAttribute('href')) ?? '');
    }
    for (const href of partyHrefs) {
      await page.goto(href);
      const rows = page.locator('.govuk-summary-list__row').filter({ has: page.locator('.app-confidential') });
      for (const row of await rows.all()) {
        const value = (await row.locator('.govuk-summary-list__value').innerText()).split('\n').map((l) => l.trim());
        // The tag, then the value ("35 Ivy Terrace, Fictonby, ZZ79 7XX" or a phone number).
        for (const line of value.filter((l) => l && l !== 'Confidential' && l !== 'Refuge')) {
          confidential.push(...line.split(', ').filter((part) => part.length > 3));
        }
      }
    }
    // The demo case chosen has a confidential address and phone number (the mother's): the
    // documents below must carry neither.
    assert.ok(confidential.length >= 2, `no confidential contact details on ${reference}`);
  });

  step('the FCA writes the case plan', async () => {
    const { page } = fca;
    await page.goto(`/cases/${caseId}`);
    await section(page, caseId, 'Plan and contacts', '/plan');
    assert.equal(await heading(page), 'Case plan');
    await expectNoAxeViolations(page, 'case plan, none yet');
    await follow(page, `**/cases/${caseId}/plan/edit`, () =>
      page.getByRole('button', { name: 'Write the case plan' }).click(),
    );
    assert.equal(await heading(page), 'Write the case plan');
    await expectNoAxeViolations(page, 'write the case plan');

    const errors = await submitWithErrors(fca, 'Save as a new version', `/cases/${caseId}/plan/edit`);
    assert.ok(errors.includes('Enter at least one thing that must be found out'), errors.join(' | '));
    assert.ok(errors.includes('Enter the date the plan will be reviewed'), errors.join(' | '));
    assert.ok(errors.includes('Select whether the plan has been shared with the family'), errors.join(' | '));
    await expectNoAxeViolations(page, 'write the case plan with errors');

    await page.getByLabel('Objective 1', { exact: true }).fill('What each child wants about time with their father.');
    await page
      .getByLabel('Objective 2', { exact: true })
      .fill('Whether handovers between the parents can be made safe and calm for the children.');
    const people = page.getByRole('group', { name: 'Who will be seen' });
    for (const child of children) await people.getByLabel(`${child.name} (child)`).check();
    for (const parent of parents) await people.getByLabel(`${parent} (`).check();
    const tools = page.getByRole('group', { name: 'Direct-work tools to use' });
    await tools.getByLabel('Three houses').check();
    await tools.getByLabel('Wishes and feelings worksheet').check();
    await page.getByLabel('Planned step 1', { exact: true }).fill('Home visit to see the children with their mother');
    await fillDate(page, 'Date of planned step 1', addDays(today, 7));
    await fillDate(page, 'When will the plan be reviewed?', addDays(today, 28));
    await page.getByRole('group', { name: 'Has the plan been shared with the family?' }).getByLabel('Not yet').check();
    await follow(page, `**/cases/${caseId}/plan?**`, () =>
      page.getByRole('button', { name: 'Save as a new version' }).click(),
    );
    assert.equal(await banner(page), 'The case plan has been saved as a new version');
    assert.match(await text(page.locator('main')), /What each child wants about time with their father/);
    await expectNoAxeViolations(page, 'case plan, version 1');
  });

  step('the service manager gives a direction on the plan', async () => {
    const { page } = manager;
    await page.goto(`/cases/${caseId}/plan`);
    await follow(page, `**/cases/${caseId}/plan/direction`, () =>
      page.getByRole('button', { name: 'Give direction' }).click(),
    );
    assert.equal(await heading(page), 'Manager’s direction');
    await expectNoAxeViolations(page, 'direction form');
    const errors = await submitWithErrors(manager, 'Save the direction', `/cases/${caseId}/plan/direction`);
    assert.deepEqual(errors, ['Enter your direction', 'Enter at least one priority']);
    await expectNoAxeViolations(page, 'direction form with errors');
    await page
      .getByLabel('Your direction')
      .fill('See each child on their own, at school if you can, before the parents are interviewed again.');
    await page.getByLabel('Priority 1', { exact: true }).fill('The older child’s wishes about weekends');
    await page.getByLabel('Priority 2', { exact: true }).fill('Safety at handovers');
    await follow(page, `**/cases/${caseId}/plan?**`, () =>
      page.getByRole('button', { name: 'Save the direction' }).click(),
    );
    assert.equal(await banner(page), 'Your direction has been added to the case plan');
    await expectNoAxeViolations(page, 'case plan with the direction');
  });

  step('the FCA records an interview with a parent, first saved as a draft, and a home visit', async () => {
    const { page } = fca;
    await page.goto(`/cases/${caseId}/plan`);
    assert.match(await text(page.locator('main')), /See each child on their own/);
    await follow(page, `**/cases/${caseId}/contacts/new`, () =>
      page.getByRole('link', { name: 'Add to the contact log' }).click(),
    );
    assert.equal(await heading(page), 'Add to the contact log');
    await expectNoAxeViolations(page, 'new contact');

    const errors = await submitWithErrors(fca, 'Record', /\/cases\/[0-9a-f-]{36}\/contacts\/(new|[0-9a-f-]{36})$/);
    assert.ok(errors.includes('Select the kind of contact'), errors.join(' | '));
    assert.ok(errors.includes('Enter the date of the contact'), errors.join(' | '));
    assert.ok(errors.includes('Enter what was said'), errors.join(' | '));
    await expectNoAxeViolations(page, 'new contact with errors');

    const mother = parents[0]!;
    await page.getByRole('group', { name: 'Kind of contact' }).getByLabel('Interview').check();
    await fillDate(page, 'Date', today);
    await page.getByLabel('Where (optional)').fill('Our office');
    await page.getByRole('group', { name: 'Parties' }).getByLabel(mother).check();
    await page
      .getByLabel('What was said')
      .fill(
        'She said the children come back from their father tired but happy, and that handovers at the station are tense.',
      );
    await follow(page, /\/cases\/[0-9a-f-]{36}\/contacts\/[0-9a-f-]{36}\?saved=draft$/, () =>
      page.getByRole('button', { name: 'Save draft' }).click(),
    );
    // The draft form again, saying when it was saved (the notice for ?saved=draft is not shown).
    assert.match(await text(page.locator('[data-autosave-status]')), /^Draft saved \d{1,2} \w+ \d{4} at [\d:]+[ap]m$/);
    assert.match(await page.getByLabel('What was said').inputValue(), /handovers at the station are tense/);
    await expectNoAxeViolations(page, 'contact draft');
    await page
      .getByLabel('Analysis')
      .fill('The mother supports the children seeing their father; the handovers, not the time itself, worry her.');
    await follow(page, /\/cases\/[0-9a-f-]{36}\/contacts\/[0-9a-f-]{36}\?saved=recorded$/, () =>
      page.getByRole('button', { name: 'Record' }).click(),
    );
    assert.equal(await banner(page), 'The contact has been recorded');
    await expectNoAxeViolations(page, 'contact recorded');

    await page.goto(`/cases/${caseId}/contacts/new`);
    await page.getByRole('group', { name: 'Kind of contact' }).getByLabel('Visit').check();
    await fillDate(page, 'Date', today);
    await page.getByLabel('Where (optional)').fill('The family home');
    const seen = page.getByRole('group', { name: 'Children' });
    for (const child of children) await seen.getByLabel(child.name).check();
    await page.getByRole('group', { name: 'Parties' }).getByLabel(mother).check();
    await page
      .getByLabel('What was said')
      .fill('The children showed me their bedrooms. Both talked about football with their father.');
    await page
      .getByLabel('Analysis')
      .fill('The home is warm and well kept; the children are relaxed with their mother.');
    await follow(page, /\/cases\/[0-9a-f-]{36}\/contacts\/[0-9a-f-]{36}\?saved=recorded$/, () =>
      page.getByRole('button', { name: 'Record' }).click(),
    );
    assert.equal(await banner(page), 'The contact has been recorded');

    await page.goto(`/cases/${caseId}/contacts`);
    assert.equal(await page.locator('main table tbody tr').count(), 2);
    await expectNoAxeViolations(page, 'contact log');
  });

  step('the FCA does direct work with each sibling separately', async () => {
    const { page } = fca;
    await page.goto(`/cases/${caseId}`);
    await section(page, caseId, 'Work with the children', '/direct-work');
    assert.equal(await heading(page), 'Work with the children');
    await expectNoAxeViolations(page, 'work with the children, nothing yet');
    for (const [index, child] of children.entries()) {
      await follow(page, `**/direct-work/children/${child.id}/sessions/new`, () =>
        page.getByRole('button', { name: `Record direct work with ${child.name}` }).click(),
      );
      assert.equal(await heading(page), `Record direct work with ${child.name}`);
      if (index === 0) {
        await expectNoAxeViolations(page, 'record direct work');
        const errors = await submitWithErrors(
          fca,
          'Save direct work',
          `/cases/${caseId}/direct-work/children/${child.id}/sessions/new`,
        );
        assert.ok(errors.includes('Select yes if the child was seen'), errors.join(' | '));
        assert.ok(errors.includes('Enter the date the direct work was done'), errors.join(' | '));
        await expectNoAxeViolations(page, 'record direct work with errors');
      }
      await page
        .getByRole('group', { name: `Was ${child.name} seen?` })
        .getByLabel('Yes')
        .check();
      await page
        .getByRole('group', { name: `Was ${child.name} seen alone?` })
        .getByLabel('Yes')
        .check();
      await fillDate(page, 'When was the direct work done?', today);
      await page
        .getByLabel('Where was it done?')
        .fill(index === 0 ? 'At school, in a quiet room off the library' : 'At home, in the kitchen');
      await page.getByLabel('How long did it take, in minutes?').fill(index === 0 ? '45' : '30');
      const tools = page.getByRole('group', { name: 'Which tools were used?' });
      await tools.getByLabel(index === 0 ? 'Three houses' : 'Wishes and feelings worksheet').check();
      await page
        .getByLabel(`What ${child.name} said, in their own words`)
        .fill(index === 0 ? words.first : words.second);
      await page
        .getByLabel('Your interpretation and analysis')
        .fill(
          index === 0
            ? `${child.name} spoke in Welsh, the language of school, and was clear that weekends with Dad matter.`
            : `${child.name} is settled at home and wants time with Dad that fits around football.`,
        );
      await follow(page, /\/direct-work\/sessions\/[0-9a-f-]{36}\?saved=session$/, () =>
        page.getByRole('button', { name: 'Save direct work' }).click(),
      );
      assert.equal(await banner(page), 'The direct work has been recorded');
      assert.match(
        await text(page.locator('main')),
        new RegExp(index === 0 ? 'Dw i eisiau gweld Dad' : 'I like living with Mum'),
      );
      if (index === 0) await expectNoAxeViolations(page, 'direct work recorded');
      await page.goto(`/cases/${caseId}/direct-work`);
    }
    await expectNoAxeViolations(page, 'work with the children, sessions recorded');
  });

  step('writes a child impact analysis and a diversity statement for each child', async () => {
    const { page } = fca;
    for (const [index, child] of children.entries()) {
      await page.goto(`/cases/${caseId}/direct-work`);
      await follow(page, `**/direct-work/children/${child.id}/impact`, () =>
        page.getByRole('link', { name: `Write the child impact analysis for ${child.name}` }).click(),
      );
      assert.equal(await heading(page), `Child impact analysis: ${child.name}`);
      if (index === 0) {
        await expectNoAxeViolations(page, 'child impact analysis');
        const errors = await submitWithErrors(
          fca,
          'Save the child impact analysis',
          `/cases/${caseId}/direct-work/children/${child.id}/impact`,
        );
        assert.ok(errors.includes('Enter the child’s lived experience'), errors.join(' | '));
        assert.ok(
          errors.includes('Enter your analysis under this heading of the welfare checklist'),
          errors.join(' | '),
        );
        await expectNoAxeViolations(page, 'child impact analysis with errors');
      }
      const areas = page.locator('main form textarea');
      const count = await areas.count();
      assert.equal(count, 11, 'three headings, seven of the welfare checklist and the timescales');
      for (let i = 0; i < count; i += 1) {
        await areas.nth(i).fill(`${child.name}: point ${i + 1} of the analysis, from the direct work and the visits.`);
      }
      await follow(page, `**/cases/${caseId}/direct-work?saved=impact`, () =>
        page.getByRole('button', { name: 'Save the child impact analysis' }).click(),
      );
      assert.equal(await banner(page), 'The child impact analysis has been saved');

      await follow(page, `**/direct-work/children/${child.id}/diversity`, () =>
        page.getByRole('link', { name: `Record the diversity and identity of ${child.name}` }).click(),
      );
      assert.equal(await heading(page), `Diversity and identity: ${child.name}`);
      if (index === 0) {
        await expectNoAxeViolations(page, 'diversity and identity');
        const errors = await submitWithErrors(
          fca,
          'Save diversity and identity',
          `/cases/${caseId}/direct-work/children/${child.id}/diversity`,
        );
        assert.ok(errors.includes('Select yes if any of this is relevant to the report'), errors.join(' | '));
        await expectNoAxeViolations(page, 'diversity and identity with an error');
      }
      await page
        .getByLabel('Language', { exact: true })
        .fill(
          index === 0
            ? 'Welsh at school and with friends, English at home (the child and the mother).'
            : 'English (the mother).',
        );
      const relevant = page.getByRole('group', { name: 'Is any of this relevant to the report?' });
      await relevant.getByLabel(index === 0 ? 'Yes' : 'No').check();
      await page
        .getByLabel('What is relevant to the report, or why nothing is')
        .fill(
          index === 0
            ? 'Welsh is the language of school and friends: any arrangement should keep the child at the same Welsh-medium school.'
            : 'Nothing about the identity of this child bears on the arrangements asked for.',
        );
      await follow(page, `**/cases/${caseId}/direct-work?saved=diversity`, () =>
        page.getByRole('button', { name: 'Save diversity and identity' }).click(),
      );
      assert.equal(await banner(page), 'The child’s diversity and identity have been saved');
    }
    await expectNoAxeViolations(page, 'work with the children, analysis written');
  });

  step('records signposting given to a parent', async () => {
    const { page } = fca;
    await follow(page, `**/cases/${caseId}/direct-work/signposting`, () =>
      page.getByRole('button', { name: 'Record signposting' }).click(),
    );
    assert.equal(await heading(page), 'Signposting');
    await expectNoAxeViolations(page, 'signposting');
    const errors = await submitWithErrors(fca, 'Save signposting', `/cases/${caseId}/direct-work/signposting`);
    assert.ok(errors.includes('Select the service'), errors.join(' | '));
    assert.ok(errors.includes('Select who was signposted'), errors.join(' | '));
    await expectNoAxeViolations(page, 'signposting with errors');
    await page.getByRole('group', { name: 'Which service?' }).getByLabel('Steady Steps Parenting Programme').check();
    await page.getByRole('group', { name: 'Who was signposted?' }).getByLabel(parents[0]!).check();
    await fillDate(page, 'When?', today);
    await page.getByRole('group', { name: 'How?' }).getByLabel('In person').check();
    await follow(page, `**/cases/${caseId}/direct-work/signposting?saved=signposting`, () =>
      page.getByRole('button', { name: 'Save signposting' }).click(),
    );
    assert.equal(await banner(page), 'The signposting has been recorded');
    assert.match(await text(page.locator('main')), /Steady Steps Parenting Programme/);
    await expectNoAxeViolations(page, 'signposting recorded');
  });

  step('the court’s direction for a section 7 report is added', async () => {
    const { page } = fca;
    await page.goto(`/cases/${caseId}`);
    await section(page, caseId, 'Hearings and orders', '/court');
    assert.equal(await heading(page), 'Hearings, orders and directions');
    await expectNoAxeViolations(page, 'hearings and orders, nothing yet');
    await follow(page, `**/cases/${caseId}/court/directions/new`, () =>
      page.getByRole('button', { name: 'Add a direction' }).click(),
    );
    assert.equal(await heading(page), 'Add a direction');
    await expectNoAxeViolations(page, 'add a direction');
    const errors = await submitWithErrors(fca, 'Add the direction', `/cases/${caseId}/court/directions/new`);
    assert.ok(errors.includes('Choose what the court directed us to file'), errors.join(' | '));
    await expectNoAxeViolations(page, 'add a direction with errors');
    await page
      .getByRole('group', { name: 'What did the court direct us to file?' })
      .getByLabel('Section 7 report')
      .check();
    await fillDate(page, 'Filing date', filingDate);
    await follow(page, `**/cases/${caseId}/court?saved=direction-added`, () =>
      page.getByRole('button', { name: 'Add the direction' }).click(),
    );
    assert.equal(await banner(page), 'The direction has been added');
    assert.match(await text(page.locator('main')), new RegExp(longDate(filingDate)));
    await expectNoAxeViolations(page, 'hearings and orders with the direction');
  });

  step('the FCA starts the section 7 report: the case moves to Report in progress', async () => {
    const { page } = fca;
    await section(page, caseId, 'Reports', '/reports');
    assert.equal(await heading(page), 'Reports to court');
    await expectNoAxeViolations(page, 'reports, none yet');
    await follow(page, `**/cases/${caseId}/reports/new`, () =>
      page.getByRole('button', { name: 'Start a report' }).click(),
    );
    assert.equal(await heading(page), 'Start a report');
    await expectNoAxeViolations(page, 'start a report');
    // The one open direction and the case's language are chosen already.
    assert.ok(
      await page
        .getByRole('group', { name: 'Which court direction does this report answer?' })
        .getByLabel(`Section 7 report, due ${longDate(filingDate)}`)
        .isChecked(),
    );
    assert.ok(await page.getByRole('group', { name: 'Language of the report' }).getByLabel('English').isChecked());
    await follow(page, /\/reports\/[0-9a-f-]{36}(\?.*)?$/, () =>
      page.getByRole('button', { name: 'Start the report' }).click(),
    );
    reportPath = new URL(page.url()).pathname;
    assert.equal(await caseStatus(page), 'Report in progress');
    assert.equal(await summaryValue(page, 'Status'), 'Draft');
    await expectNoAxeViolations(page, 'report, new draft');
  });

  step('drafts the report quoting a contact and a child’s words; the readiness check refuses it', async () => {
    const { page } = fca;
    const [first, second] = children as [Child, Child];
    await page
      .getByLabel('Background', { exact: true })
      .fill(
        'The court asked for a report on where the children should live and the time they should spend with their father. ' +
          'I saw each child on their own, visited the home and spoke to both parents.',
      );
    await page
      .getByLabel(`${first.name}: wishes and feelings`)
      .fill(`${first.name} wants to keep seeing Dad every weekend and talked about it in Welsh.`);
    await page
      .getByLabel(`${first.name}: circumstances and needs`)
      .fill(`${first.name} is doing well at school and needs the weekends to fit around school and friends.`);
    await page
      .getByLabel('Welfare checklist analysis')
      .fill(
        'Both children are settled with their mother. Their wishes are clear and fit their ages. ' +
          'A change of home is not needed; the harm to be avoided is conflict at handovers.',
      );
    await page
      .getByRole('group', {
        name: `Is anything about ${first.name}’s diversity and identity relevant to the court’s decision?`,
      })
      .getByLabel('Yes: say what, and how it has been considered')
      .check();
    await page
      .getByLabel(`${first.name}: diversity and identity`)
      .fill('Welsh is the language of school and friends; the arrangements keep the same school.');
    await page
      .getByRole('group', {
        name: `Is anything about ${second.name}’s diversity and identity relevant to the court’s decision?`,
      })
      .getByLabel('No: say why nothing is relevant')
      .check();
    await page
      .getByLabel(`${second.name}: diversity and identity`)
      .fill('Nothing about the identity of this child bears on the arrangements asked for.');
    await page
      .getByLabel('Risk', { exact: true })
      .fill('No risk of harm from either parent was found. Handovers are tense and should take place at school.');
    await page
      .getByLabel('Analysis', { exact: true })
      .fill(
        'The children are close to both parents. Time with their father every other weekend, with handovers at school, meets their needs.',
      );
    await page
      .getByLabel('Recommendation', { exact: true })
      .fill(
        'The children should live with their mother and spend every other weekend with their father, with handovers at school.',
      );
    await page
      .getByRole('group', { name: 'Orders you recommend' })
      .getByLabel('Child arrangements, specific issue or prohibited steps order (C43)')
      .check();
    await page
      .getByLabel('Signposting', { exact: true })
      .fill('The mother was told about the Steady Steps Parenting Programme.');

    // Quote the first child's own words into their wishes and feelings (the no-JavaScript button).
    const evidence = page.locator('aside.app-evidence');
    await page.getByLabel('Quote into').selectOption({ index: 0 });
    await follow(page, /\?notice=quoted/, () =>
      evidence
        .locator('.govuk-inset-text', { hasText: 'Dw i eisiau gweld Dad' })
        .getByRole('button', { name: 'Quote this' })
        .click(),
    );
    assert.equal(await banner(page), 'The quotation has been added and your changes saved.');
    assert.match(
      await page.getByLabel(`${first.name}: wishes and feelings`).inputValue(),
      /\[\[words:[0-9a-f-]{36}\]\]/,
    );
    await expectNoAxeViolations(page, 'report, a child’s words quoted');

    // Quote the interview with the mother into the analysis.
    await page.getByLabel('Quote into').selectOption({ label: 'Analysis' });
    await follow(page, /\?notice=quoted/, () =>
      evidence
        .locator('.govuk-inset-text', { hasText: 'handovers at the station are tense' })
        .getByRole('button', { name: 'Quote this' })
        .click(),
    );
    assert.match(await page.getByLabel('Analysis', { exact: true }).inputValue(), /\[\[contact:[0-9a-f-]{36}\]\]/);

    // The second child's sections are empty: the report is not ready.
    const errors = await submitWithErrors(fca, 'Save and submit for review', reportPath);
    assert.ok(errors.includes(`Enter ${second.name}’s wishes and feelings`), errors.join(' | '));
    assert.ok(errors.includes(`Enter ${second.name}’s circumstances and needs`), errors.join(' | '));
    assert.ok(
      errors.includes(`Quote ${second.name}’s own words in their wishes and feelings, or say why they are not quoted`),
      errors.join(' | '),
    );
    assert.ok(!errors.some((e) => e.includes(first.name)), errors.join(' | '));
    await expectNoAxeViolations(page, 'report not ready');
  });

  step('fixes the report and submits it for review', async () => {
    const { page } = fca;
    const second = children[1]!;
    const evidence = page.locator('aside.app-evidence');
    await page
      .getByLabel(`${second.name}: circumstances and needs`)
      .fill(`${second.name} loves football and needs time with Dad that fits around matches.`);
    await page.getByLabel('Quote into').selectOption({ index: 0 });
    await follow(page, /\?notice=quoted/, () =>
      evidence
        .locator('.govuk-inset-text', { hasText: 'I like living with Mum' })
        .getByRole('button', { name: 'Quote this' })
        .click(),
    );
    const wishes = page.getByLabel(`${second.name}: wishes and feelings`);
    assert.match(await wishes.inputValue(), /\[\[words:[0-9a-f-]{36}\]\]/);
    await wishes.fill(
      `${second.name} wants to go on living with Mum and see Dad on Saturdays.\n\n${await wishes.inputValue()}`,
    );
    await follow(page, new RegExp(`${reportPath}\\?notice=report-submitted$`), () =>
      page.getByRole('button', { name: 'Save and submit for review' }).click(),
    );
    assert.equal(await banner(page), 'The report has been submitted for a manager’s review.');
    assert.equal(await summaryValue(page, 'Status'), 'Waiting for review');
    await expectNoAxeViolations(page, 'report waiting for review');
  });

  step('the service manager returns the report with a comment', async () => {
    const { page } = manager;
    await page.goto(reportPath);
    await follow(page, `**${reportPath}/review`, () => page.getByRole('link', { name: 'Review this report' }).click());
    assert.equal(await heading(page), 'Review the report');
    assert.equal(await summaryValue(page, 'Author'), 'Frances Adviser');
    assert.match(await text(page.locator('main')), /Dw i eisiau gweld Dad bob penwythnos/);
    await expectNoAxeViolations(page, 'review the report');
    const errors = await submitWithErrors(manager, 'Continue', `${reportPath}/review`);
    assert.deepEqual(errors, ['Select whether to approve the report or return it']);
    await expectNoAxeViolations(page, 'review the report with an error');
    await page.getByLabel('Return to the author with comments').check();
    await page.getByLabel('Comments for the author').fill(RETURN_COMMENT);
    await follow(page, `**${reportPath}?notice=report-returned`, () =>
      page.getByRole('button', { name: 'Continue' }).click(),
    );
    assert.equal(await banner(page), 'The report has been returned to the author with comments.');
    assert.equal(await summaryValue(page, 'Status'), 'Returned for changes');
  });

  step('the FCA sees the comment, changes the report and submits it again', async () => {
    const { page } = fca;
    await page.goto(reportPath);
    assert.equal(await summaryValue(page, 'Status'), 'Returned for changes');
    assert.match(await text(page.locator('main')), new RegExp(`Returned by Morgan Manager on .*${RETURN_COMMENT}`));
    await expectNoAxeViolations(page, 'report returned (author)');
    const recommendation = page.getByLabel('Recommendation', { exact: true });
    await recommendation.fill(
      'The children should live with their mother and spend every other weekend, from Friday after school to Sunday at six, ' +
        'with their father. Handovers should be at school on Fridays and at the mother’s door on Sundays.',
    );
    await follow(page, new RegExp(`${reportPath}\\?notice=report-submitted$`), () =>
      page.getByRole('button', { name: 'Save and submit for review' }).click(),
    );
    assert.equal(await summaryValue(page, 'Status'), 'Waiting for review');
  });

  step('the service manager approves the report and the FCA files it', async () => {
    await manager.page.goto(`${reportPath}/review`);
    assert.match(await text(manager.page.locator('main')), /from Friday after school to Sunday at six/);
    await manager.page.getByLabel('Approve: the report can be filed with the court').check();
    await follow(manager.page, `**${reportPath}?notice=report-approved`, () =>
      manager.page.getByRole('button', { name: 'Continue' }).click(),
    );
    assert.equal(await banner(manager.page), 'The report has been approved. It can now be filed with the court.');
    assert.equal(await summaryValue(manager.page, 'Status'), 'Approved, ready to file');

    const { page } = fca;
    await page.goto(reportPath);
    await follow(page, `**${reportPath}/file`, () =>
      page.getByRole('button', { name: 'File the report with the court' }).click(),
    );
    assert.equal(await heading(page), 'File the report with the court');
    await expectNoAxeViolations(page, 'file the report');
    const errors = await submitWithErrors(fca, 'File the report', `${reportPath}/file`);
    assert.deepEqual(errors, ['Confirm this is the report to file with the court']);
    await expectNoAxeViolations(page, 'file the report without confirming');
    await fillDate(page, 'Date filed with the court', today);
    await page.getByLabel('I confirm this is the report to file with the court').check();
    await follow(page, `**${reportPath}?notice=report-filed`, () =>
      page.getByRole('button', { name: 'File the report' }).click(),
    );
    assert.equal(await banner(page), 'The report has been filed with the court.');
    assert.equal(await caseStatus(page), 'Report filed');
    assert.match(await summaryValue(page, 'Status'), /^Filed/);
    await expectNoAxeViolations(page, 'report filed');
  });

  step('downloads the report’s DOCX and PDF and reads them', async () => {
    const { page } = fca;
    const documents = await downloadAll(page);
    assert.deepEqual(documents.map((d) => d.kind).sort(), ['docx', 'pdf']);
    for (const document of [only(documents, 'docx'), only(documents, 'pdf')]) {
      const body = document.text;
      const label = document.kind.toUpperCase();
      assert.ok(body.includes(reference), `${label}: no case reference (${reference})`);
      for (const child of children) assert.ok(body.includes(child.name), `${label}: no ${child.name}`);
      assert.ok(body.includes(words.first), `${label}: the first child’s own words (in Welsh) are missing`);
      assert.ok(body.includes(words.second), `${label}: the second child’s own words are missing`);
      assert.match(body, /handovers at the station are tense/, `${label}: the quoted contact is missing`);
      assert.match(
        body,
        /from Friday after school to Sunday at six/,
        `${label}: the changed recommendation is missing`,
      );
      for (const value of confidential) assert.ok(!body.includes(value), `${label} contains ${value}`);
    }
  });

  step('the final hearing with its outcome, and the final order: the case moves to closing', async () => {
    const { page } = fca;
    await page.goto(`/cases/${caseId}/court`);
    await follow(page, `**/cases/${caseId}/court/hearings/new`, () =>
      page.getByRole('button', { name: 'Add a hearing' }).click(),
    );
    assert.equal(await heading(page), 'Add a hearing');
    await expectNoAxeViolations(page, 'add a hearing');
    const errors = await submitWithErrors(fca, 'Add the hearing', `/cases/${caseId}/court/hearings/new`);
    assert.ok(errors.includes('Choose the type of hearing'), errors.join(' | '));
    assert.ok(errors.includes('Enter the date of the hearing'), errors.join(' | '));
    await expectNoAxeViolations(page, 'add a hearing with errors');
    await page.getByLabel('Type of hearing').selectOption({ label: 'Final hearing' });
    await fillDate(page, 'Date of the hearing', hearing.date);
    await page.getByLabel('Time', { exact: true }).fill(hearing.time);
    await page.getByLabel('Venue (optional)').fill('Southampton Combined Court Centre, court 3');
    await page.getByRole('group', { name: 'Status' }).getByLabel('Completed').check();
    await page
      .getByLabel('Outcome', { exact: true })
      .fill('The court made a child arrangements order in the terms recommended in the section 7 report.');
    await follow(page, `**/cases/${caseId}/court?saved=hearing-added`, () =>
      page.getByRole('button', { name: 'Add the hearing' }).click(),
    );
    assert.equal(await banner(page), 'The hearing has been added');
    assert.match(await text(page.locator('main')), /Final hearing/);

    await follow(page, `**/cases/${caseId}/court/orders/new`, () =>
      page.getByRole('button', { name: 'Record an order' }).click(),
    );
    assert.equal(await heading(page), 'Record an order');
    await expectNoAxeViolations(page, 'record an order');
    const orderErrors = await submitWithErrors(fca, 'Record the order', `/cases/${caseId}/court/orders/new`);
    assert.ok(orderErrors.includes('Choose the order the court made'), orderErrors.join(' | '));
    assert.ok(orderErrors.includes('Say whether this is the final order'), orderErrors.join(' | '));
    await expectNoAxeViolations(page, 'record an order with errors');
    await page
      .getByRole('group', { name: 'Which order did the court make?' })
      .getByLabel('Child arrangements, specific issue or prohibited steps order (C43)')
      .check();
    await fillDate(page, 'Date the order was made', hearing.date);
    const hearings = page.getByLabel('At which hearing? (optional)');
    const option = await hearings.locator('option', { hasText: 'Final hearing' }).getAttribute('value');
    await hearings.selectOption(option!);
    await page.getByRole('group', { name: 'Is this the final order?' }).getByLabel('Yes').check();
    await follow(page, `**/cases/${caseId}/court?saved=final-order`, () =>
      page.getByRole('button', { name: 'Record the order' }).click(),
    );
    assert.equal(await banner(page), 'The final order has been recorded. The case has moved to closing.');
    assert.equal(await caseStatus(page), 'Closing');
    await expectNoAxeViolations(page, 'hearings and orders, final order recorded');
  });

  step('the FCA writes the closing record: the order reflects our recommendation', async () => {
    const { page } = fca;
    await section(page, caseId, 'Closing', '/closing');
    assert.equal(await heading(page), 'Closing');
    assert.match(await text(page.locator('#recommendation ~ .govuk-summary-list').first()), /from Friday after school/);
    await expectNoAxeViolations(page, 'closing, nothing written yet');
    await follow(page, `**/cases/${caseId}/closing/record`, () =>
      page.getByRole('button', { name: 'Write the closing record' }).click(),
    );
    assert.equal(await heading(page), 'Closing record');
    await expectNoAxeViolations(page, 'closing record');
    const errors = await submitWithErrors(fca, 'Save the closing record', `/cases/${caseId}/closing/record`);
    assert.deepEqual(errors, [
      'Select whether the final order reflects our recommendation',
      'Enter the closing summary',
    ]);
    await expectNoAxeViolations(page, 'closing record with errors');
    await page
      .getByRole('group', { name: 'Does the final order reflect our recommendation?' })
      .getByLabel('Yes')
      .check();
    await page
      .getByLabel('Closing summary')
      .fill(
        'Both children were seen alone and their wishes were put to the court. The court ordered what we recommended: ' +
          'the children live with their mother and spend every other weekend with their father.',
      );
    await follow(page, `**/cases/${caseId}/closing?notice=record-saved`, () =>
      page.getByRole('button', { name: 'Save the closing record' }).click(),
    );
    assert.equal(await banner(page), 'The closing record has been saved');
    await expectNoAxeViolations(page, 'closing, record written');
  });

  step('writes a letter to each child, one with a picture, and produces them', async () => {
    const { page } = fca;
    for (const [index, child] of children.entries()) {
      await page.goto(`/cases/${caseId}/closing`);
      const row = page.locator('#letters ~ table tbody tr', { hasText: child.name });
      await follow(page, `**/cases/${caseId}/closing/children/${child.id}/letter`, () => row.getByRole('link').click());
      assert.equal(await heading(page), `Letter to ${child.name}`);
      if (index === 0) await expectNoAxeViolations(page, 'letter, not started');
      const body = page.getByLabel('The letter', { exact: true });
      const greeting = `Dear ${child.name.split(' ')[0]},`;
      await body.fill(
        `${greeting}\n\nThank you for talking to me. The judge listened to what you told me and has decided that you will ` +
          `go on living with Mum and see Dad every other weekend.\n\nFrances`,
      );
      await follow(page, `**/cases/${caseId}/closing/children/${child.id}/letter?notice=letter-saved`, () =>
        page.getByRole('button', { name: 'Save the letter' }).click(),
      );
      assert.equal(await banner(page), 'The letter has been saved');
      if (index === 0) {
        // A picture: first sent with no description, then with one.
        await page
          .getByLabel('Choose a picture')
          .setInputFiles({ name: 'drawing.png', mimeType: 'image/png', buffer: tinyPng() });
        const errors = await submitWithErrors(
          fca,
          'Add the picture',
          `/cases/${caseId}/closing/children/${child.id}/letter/picture`,
        );
        assert.deepEqual(errors, ['Describe the picture']);
        await expectNoAxeViolations(page, 'letter picture with an error');
        await page
          .getByLabel('Choose a picture')
          .setInputFiles({ name: 'drawing.png', mimeType: 'image/png', buffer: tinyPng() });
        await page.getByLabel('Describe the picture').fill('A drawing of a blue square: the house where Dad lives');
        await follow(page, `**/cases/${caseId}/closing/children/${child.id}/letter?notice=picture-added`, () =>
          page.getByRole('button', { name: 'Add the picture' }).click(),
        );
        assert.equal(await banner(page), 'The picture has been added');
        assert.match(await text(page.locator('main')), /16 × 16 pixels/);
        await expectNoAxeViolations(page, 'letter with a picture');
      }
      await follow(page, `**/cases/${caseId}/closing/children/${child.id}/letter?notice=letter-produced`, () =>
        page.getByRole('button', { name: 'Produce the letter' }).click(),
      );
      assert.equal(await banner(page), 'The letter has been produced');
      await expectNoAxeViolations(page, 'letter produced');
      const documents = await downloadAll(page);
      assert.deepEqual(documents.map((d) => d.kind).sort(), ['docx', 'pdf']);
      for (const document of documents) {
        assert.ok(document.text.includes(greeting), `${document.kind}: no greeting for ${child.name}`);
        assert.match(document.text, /see Dad every other weekend/, document.kind);
        for (const value of confidential)
          assert.ok(!document.text.includes(value), `${document.kind} contains ${value}`);
      }
      // The picture is in the first child's letter (an image part in the DOCX, an image XObject in the PDF).
      const pictured = index === 0;
      assert.equal(only(documents, 'docx').body.includes('word/media/'), pictured, 'DOCX picture');
      assert.equal(/\/Subtype\s*\/Image/.test(only(documents, 'pdf').body.toString('latin1')), pictured, 'PDF picture');
    }
    await page.goto(`/cases/${caseId}/closing`);
    const statuses = await page.locator('#letters ~ table tbody tr .govuk-tag').allInnerTexts();
    assert.deepEqual(
      statuses.map((s) => s.trim()),
      ['Produced', 'Produced'],
    );
    await expectNoAxeViolations(page, 'closing, letters produced');
  });

  step('the closing page in Welsh, through the language switch', async () => {
    const { page } = fca;
    const languages = page.locator('.govuk-language-navigation');
    await follow(page, `**/cases/${caseId}/closing`, () => languages.getByRole('link', { name: 'Cymraeg' }).click());
    assert.equal(await page.locator('html').getAttribute('lang'), 'cy');
    assert.equal(await heading(page), 'Cau’r achos');
    // The case sections and the page's text are in Welsh too.
    await page.getByRole('navigation', { name: 'Adrannau’r achos' }).waitFor();
    assert.match(await text(page.locator('main')), /Pan fydd y llys yn gwneud ei orchymyn terfynol/);
    await expectNoAxeViolations(page, 'closing in Welsh');
    await follow(page, `**/cases/${caseId}/closing`, () => languages.getByRole('link', { name: 'English' }).click());
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    assert.equal(await heading(page), 'Closing');
  });

  step('closes the case', async () => {
    const { page } = fca;
    await follow(page, `**/cases/${caseId}/closing/close`, () =>
      page.getByRole('button', { name: 'Close the case' }).click(),
    );
    assert.equal(await heading(page), 'Close the case');
    // Each adult party and the children aged 12 or over are invited to give feedback.
    const invited = await page.locator('main ul.govuk-list--bullet li').allInnerTexts();
    for (const parent of parents)
      assert.ok(
        invited.some((i) => i.startsWith(parent)),
        invited.join(' | '),
      );
    await expectNoAxeViolations(page, 'close the case');
    await follow(page, `**/cases/${caseId}/closing?notice=closed`, () =>
      page.getByRole('button', { name: 'Close the case' }).click(),
    );
    assert.equal(await banner(page), 'The case has been closed');
    assert.equal(await caseStatus(page), 'Closed');
    assert.match(await text(page.locator('main')), new RegExp(`The case was closed on ${longDate(today)}`));
    await expectNoAxeViolations(page, 'closing, case closed');
  });

  step('shows every step on the case’s timeline', async () => {
    const { page } = fca;
    await section(page, caseId, 'Overview', '');
    assert.equal(await caseStatus(page), 'Closed');
    const titles = (await page.locator('.moj-timeline__title').allInnerTexts()).map((t) => t.trim());
    const count = (title: string) => titles.filter((t) => t === title).length;
    const expected: [string, number][] = [
      ['Case allocated to a practitioner', 1],
      ['Case plan saved', 1],
      ['Manager’s direction given on the case plan', 1],
      ['Contact recorded in the contact log', 2],
      ['Direct work with a child recorded', 2],
      ['Child impact analysis recorded', 2],
      ['Child’s diversity and identity recorded', 2],
      ['Signposting to a local service recorded', 1],
      ['Court direction added', 1],
      ['Report to court started', 1],
      ['Report submitted for review', 2],
      ['Report returned for changes', 1],
      ['Report approved by a manager', 1],
      ['Hearing added', 1],
      ['Court order recorded', 1],
      ['Closing record saved', 1],
      ['Letter to the child produced', 2],
      ['Case closed', 1],
    ];
    for (const [title, times] of expected)
      assert.equal(count(title), times, `“${title}” × ${times}: ${titles.join(' | ')}`);
    assert.ok(count('Report filed with the court') >= 1, titles.join(' | '));
    // Newest first.
    const first = (title: string) => titles.indexOf(title);
    const order = [
      'Case closed',
      'Closing record saved',
      'Court order recorded',
      'Report approved by a manager',
      'Report returned for changes',
      'Report to court started',
      'Court direction added',
      'Signposting to a local service recorded',
      'Direct work with a child recorded',
      'Contact recorded in the contact log',
      'Manager’s direction given on the case plan',
      'Case plan saved',
      'Case allocated to a practitioner',
    ];
    for (let i = 1; i < order.length; i += 1) {
      assert.ok(first(order[i - 1]!) < first(order[i]!), `“${order[i - 1]}” is not above “${order[i]}”`);
    }
    await expectNoAxeViolations(page, 'case overview with the timeline');
  });
});
