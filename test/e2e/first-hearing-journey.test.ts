import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { extractText, getDocumentProxy } from 'unpdf';
import { docxText } from '../../src/platform/documents/zip.ts';
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
  submit,
  submitWithErrors,
} from './support/journey.ts';
import { buildAssetsOnce, type RunningServer, startServer } from './support/server.ts';

/**
 * Private law to the first hearing, in a real browser against the real server (demo data,
 * PGlite): an intake officer imports the HMCTS sample search response, screens the second
 * application, records every check and a telephone interview with each adult, and writes the
 * safeguarding letter; the head of practice (who manages London South and East, where East
 * London Family Court's cases land) returns it once with a comment, then approves and files
 * it; the DOCX and PDF produced for the court are downloaded and read; the outcome of the
 * first hearing (further work: a section 7 report) is recorded. Every page visited, error
 * states included, is checked with axe (WCAG 2.2 A and AA), and the browser must report no
 * console errors, uncaught errors, CSP violations or requests to another origin.
 */

const SAMPLE = fileURLToPath(new URL('../fixtures/hmcts/prl/cafcass-search-response.json', import.meta.url));
/** The second case of the sample: Yogi UPasani's application, MIAM exemption for domestic violence. */
const CCD_ID = '1661447479032162';
const APPLICANT = 'Yogi UPasani';
/** Contact details in the sample (none is confidential there): never in anything for the court. */
const CONTACT_VALUES = ['Gabrielle House', 'Perth Road', 'IG2 6FG', '099999999999', 'test@test.com'];

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

/** The status tag in the case's identity bar. */
async function caseStatus(page: Page): Promise<string> {
  return text(page.getByRole('region', { name: 'Case' }).locator('.govuk-tag').first());
}

describe('private law to the first hearing', () => {
  let officer: Session;
  let manager: Session;
  let caseId = '';
  let reference = '';
  let childName = '';
  let adults: string[] = [];
  const today = londonToday();

  before(async () => {
    officer = await newSession(browser, server.baseUrl);
    manager = await newSession(browser, server.baseUrl);
  });
  afterEach(() => {
    officer.assertNoProblems('intake officer');
    manager.assertNoProblems('head of practice');
  });
  after(async () => {
    await Promise.allSettled([officer?.close(), manager?.close()]);
  });

  it('imports the HMCTS sample search response', async () => {
    const { page } = officer;
    await signIn(page, 'intake-officer');
    await page.goto('/intake/hmcts/import');
    assert.equal(await heading(page), 'Import a saved search response');
    await expectNoAxeViolations(page, 'import page');

    // Sent with no file chosen, a browser posts an empty part with no file name: "select a file".
    const noFile = await submitWithErrors(officer, 'Import', '/intake/hmcts/import');
    assert.equal(noFile.length, 1);
    assert.equal(noFile[0], 'Select a saved search response file');
    assert.equal(await page.locator('#file-error').count(), 1);
    await expectNoAxeViolations(page, 'import page with no file chosen');

    await page.getByLabel('Saved search response (JSON file)').setInputFiles(SAMPLE);
    await submit(page, 'Import', '/intake/hmcts/import');
    assert.equal(await heading(page), 'Import finished');
    assert.equal(await summaryValue(page, 'New cases'), '2');
    assert.equal(await summaryValue(page, 'Cases updated'), '0');
    assert.equal(await summaryValue(page, 'Cases unchanged'), '0');
    assert.equal(await summaryValue(page, 'Cases not imported'), '0');
    assert.equal(await summaryValue(page, 'Children added'), '2');
    assert.match(await summaryValue(page, 'Adults added'), /^[4-9]$/);
    assert.match(await summaryValue(page, 'Documents listed'), /^\d+$/);
    const table = page.getByRole('table', { name: 'Court cases in the file' });
    assert.equal(await table.locator('tbody tr').count(), 2);
    const row = table.locator('tbody tr').filter({ hasText: CCD_ID });
    assert.equal(await text(row.locator('.govuk-tag')), 'Case created');
    const link = row.getByRole('link');
    reference = await text(link);
    assert.match(reference, /^CV-\d{4}-\d{6}$/);
    await expectNoAxeViolations(page, 'import result');

    await follow(page, /\/cases\/[0-9a-f-]{36}$/, () => link.click());
    caseId = caseIdOf(page.url());
    assert.equal(await heading(page), 'Case overview');
    assert.equal(await summaryValue(page, 'Reference'), reference);
    assert.equal(await caseStatus(page), 'Received');
    await expectNoAxeViolations(page, 'imported case overview');
  });

  it('imports the same file again and changes nothing', async () => {
    const { page } = officer;
    await page.goto('/intake/hmcts/import');
    await page.getByLabel('Saved search response (JSON file)').setInputFiles(SAMPLE);
    await submit(page, 'Import', '/intake/hmcts/import');
    assert.equal(await heading(page), 'Import finished');
    assert.equal(await summaryValue(page, 'New cases'), '0');
    assert.equal(await summaryValue(page, 'Cases unchanged'), '2');
    assert.equal(await summaryValue(page, 'Children added'), '0');
    const row = page
      .getByRole('table', { name: 'Court cases in the file' })
      .locator('tbody tr')
      .filter({ hasText: CCD_ID });
    assert.equal(await text(row.locator('.govuk-tag')), 'No change');
    assert.equal(await text(row.getByRole('link')), reference);
  });

  it('screens the application: domestic abuse, standard route', async () => {
    const { page } = officer;
    await page.goto(`/cases/${caseId}`);
    await follow(page, `**/cases/${caseId}/safeguarding`, () =>
      page.getByRole('navigation', { name: 'Case sections' }).getByRole('link', { name: 'Safeguarding' }).click(),
    );
    assert.equal(await heading(page), 'Safeguarding');
    assert.match(await text(page.locator('main')), /This application has not been screened yet/);
    await expectNoAxeViolations(page, 'safeguarding overview, not screened');

    await follow(page, `**/cases/${caseId}/screening`, () =>
      page.getByRole('button', { name: 'Screen this application' }).click(),
    );
    assert.equal(await heading(page), 'Screen the application');
    // The MIAM exemption the court sent shows as a risk signal.
    assert.match(await text(page.locator('#risk-signals')), /MIAM exemption: domestic abuse \(from the court\)/);
    const parties = page.locator('.govuk-summary-list').nth(1);
    assert.match(await text(parties), new RegExp(APPLICANT));
    await expectNoAxeViolations(page, 'screening');

    assert.deepEqual(await submitWithErrors(officer, 'Record screening', `/cases/${caseId}/screening`), [
      'Select the risks you have identified, or select no risks identified',
      'Select how this case should proceed',
      'Enter your reasons',
    ]);
    await expectNoAxeViolations(page, 'screening with errors');

    await page
      .getByRole('group', { name: 'What risks have you identified?' })
      .getByLabel('Domestic abuse', { exact: true })
      .check();
    await page.getByRole('group', { name: 'How should this case proceed?' }).getByLabel('Standard').check();
    await page
      .getByLabel('Your reasons')
      .fill(
        'The applicant gave domestic violence as the reason for not going to mediation. ' +
          'No child is said to be at immediate risk, so the usual checks and interviews come first.',
      );
    await follow(page, `**/cases/${caseId}/safeguarding?saved=screening`, () =>
      page.getByRole('button', { name: 'Record screening' }).click(),
    );
    assert.equal(await banner(page), 'The screening has been recorded and the checks have been requested');
    assert.equal(await caseStatus(page), 'Safeguarding checks');
    assert.equal(await summaryValue(page, 'Risks identified'), 'Domestic abuse');
    assert.equal(await summaryValue(page, 'Decision'), 'Standard');
    await expectNoAxeViolations(page, 'safeguarding overview, screened');
  });

  it('requests the local authority check the case lacks', async () => {
    const { page } = officer;
    const checks = page.getByRole('table', { name: 'Safeguarding checks' });
    const police = checks.locator('tbody tr').filter({ hasText: 'Police check:' });
    adults = (await police.locator('td:first-child a').allInnerTexts()).map((t) =>
      t.replace(/^Police check:\s*/, '').trim(),
    );
    assert.ok(adults.includes(APPLICANT), `no police check for the applicant: ${adults.join(', ')}`);
    assert.ok(adults.length >= 2, `expected a police check for each adult party: ${adults.join(', ')}`);
    // The court said the children are not known to a local authority, so none was requested at screening.
    assert.equal(await checks.locator('tbody tr').filter({ hasText: 'Local authority check' }).count(), 0);

    await follow(page, `**/cases/${caseId}/checks/new`, () =>
      page.getByRole('link', { name: 'Request another check' }).click(),
    );
    assert.equal(await heading(page), 'Request another check');
    await expectNoAxeViolations(page, 'request a check');
    assert.deepEqual(await submitWithErrors(officer, 'Request check', `/cases/${caseId}/checks/new`), [
      'Select the kind of check',
    ]);
    await expectNoAxeViolations(page, 'request a check with an error');

    await page.getByLabel('Local authority check', { exact: true }).check();
    await page.getByLabel('Which local authority?').selectOption({ label: 'London Borough of Tower Hamlets' });
    await follow(page, `**/cases/${caseId}/safeguarding?**`, () =>
      page.getByRole('button', { name: 'Request check' }).click(),
    );
    assert.equal(await banner(page), 'The check has been requested');
    assert.equal(
      await checks
        .locator('tbody tr')
        .filter({ hasText: 'Local authority check: London Borough of Tower Hamlets' })
        .count(),
      1,
    );
  });

  it('records every check as returned', async () => {
    const { page } = officer;
    const checks = page.getByRole('table', { name: 'Safeguarding checks' });
    const subjects = (await checks.locator('tbody tr td:first-child a').allInnerTexts()).map((t) => t.trim());
    assert.equal(subjects.length, adults.length + 1);
    for (const [index, subject] of subjects.entries()) {
      await follow(page, /\/cases\/[0-9a-f-]{36}\/checks\/[0-9a-f-]{36}$/, () =>
        checks.getByRole('link', { name: subject, exact: true }).click(),
      );
      assert.equal(await heading(page), 'Record the check result');
      assert.equal(await text(page.locator('.govuk-caption-l')), subject);
      const path = new URL(page.url()).pathname;
      if (index === 0) {
        await expectNoAxeViolations(page, 'record a check result');
        assert.deepEqual(await submitWithErrors(officer, 'Save result', path), [
          'Enter the date the result came back',
          'Select what the check found',
        ]);
        await expectNoAxeViolations(page, 'record a check result with errors');
      }
      await fillDate(page, 'When did the result come back?', today);
      const found = page.getByRole('group', { name: 'What did the check find?' });
      if (subject === `Police check: ${APPLICANT}`) {
        await found.getByLabel('Information held', { exact: true }).check();
        await page
          .getByLabel('What was found', { exact: true })
          .fill('A caution for a public order offence some years ago. Nothing since.');
      } else {
        await found.getByLabel('No record', { exact: true }).check();
      }
      await follow(page, `**/cases/${caseId}/safeguarding?saved=check-returned`, () =>
        page.getByRole('button', { name: 'Save result' }).click(),
      );
      assert.equal(await banner(page), 'The check result has been recorded');
    }
    const outcomes = (await checks.locator('tbody tr td:nth-child(5)').allInnerTexts()).map((t) => t.trim());
    assert.equal(outcomes.filter((o) => o === 'Information held').length, 1);
    assert.equal(outcomes.filter((o) => o === 'No record').length, adults.length);
    await expectNoAxeViolations(page, 'safeguarding overview, checks returned');
  });

  it('records a telephone interview with each adult party', async () => {
    const { page } = officer;
    assert.ok(adults.length >= 2, 'the adult parties are not known');
    for (const [index, adult] of adults.entries()) {
      await follow(page, `**/cases/${caseId}/interviews/new`, () =>
        page.getByRole('link', { name: 'Record an interview' }).click(),
      );
      assert.equal(await heading(page), 'Record a safeguarding interview');
      if (index === 0) {
        await expectNoAxeViolations(page, 'record an interview');
        const errors = await submitWithErrors(officer, 'Save interview', `/cases/${caseId}/interviews/new`);
        assert.ok(errors.includes('Select who you interviewed'), errors.join(' | '));
        assert.ok(errors.includes('Enter the date the interview was held'), errors.join(' | '));
        assert.ok(errors.includes('Select yes, no or not asked'), errors.join(' | '));
        assert.ok(errors.includes('Enter a summary of the interview'), errors.join(' | '));
        await expectNoAxeViolations(page, 'record an interview with errors');
      }
      await page.getByRole('group', { name: 'Who did you interview?' }).getByLabel(adult, { exact: true }).check();
      await fillDate(page, 'When was the interview held?', today);
      await page.getByRole('group', { name: 'How was the interview held?' }).getByLabel('Telephone').check();
      const questions = page
        .getByRole('group', { name: 'Domestic abuse screening' })
        .locator('.govuk-radios')
        .filter({ has: page.locator('input[value="not-asked"]') });
      const count = await questions.count();
      assert.equal(count, 8, 'eight domestic abuse screening questions');
      for (let q = 0; q < count; q += 1) {
        // The applicant reports conflict over contact; nothing else, from either adult.
        const answer = adult === APPLICANT && q === 4 ? 'Yes' : 'No';
        await questions.nth(q).getByLabel(answer, { exact: true }).check();
      }
      await page
        .getByLabel('Summary of the interview')
        .fill(
          adult === APPLICANT
            ? 'The applicant said there were arguments when the couple separated, and that handovers are still tense. No current fear was reported.'
            : 'The respondent said the child should keep seeing both parents and raised no worries about the safety of the child.',
        );
      await follow(page, `**/cases/${caseId}/safeguarding?saved=interview`, () =>
        page.getByRole('button', { name: 'Save interview' }).click(),
      );
      assert.equal(await banner(page), 'The interview has been recorded');
    }
    const interviews = page.locator('h3', { hasText: /^Interview with / });
    assert.equal(await interviews.count(), adults.length);
    await expectNoAxeViolations(page, 'safeguarding overview, interviews recorded');
  });

  it('drafts the safeguarding letter and submits it, after correcting a spelling', async () => {
    const { page } = officer;
    await follow(page, `**/cases/${caseId}/safeguarding-letter`, () =>
      page.getByRole('link', { name: 'Go to the safeguarding letter' }).click(),
    );
    assert.equal(await heading(page), 'Safeguarding letter');
    await expectNoAxeViolations(page, 'letter, not started');
    await follow(page, `**/cases/${caseId}/safeguarding-letter**`, () =>
      page.getByRole('button', { name: 'Start the safeguarding letter' }).click(),
    );
    assert.equal(await summaryValue(page, 'Status'), 'Draft');
    // The checks section starts from the checks recorded.
    assert.match(await page.getByLabel('Checks and their status').inputValue(), new RegExp(APPLICANT));
    await expectNoAxeViolations(page, 'letter, draft');

    await page
      .getByLabel('Checks and their status')
      .fill(
        'Police checks were made for both adults. The check on the applicant found a caution for a public ' +
          'order offence some years ago; the other found no record. The local authority check was recieved ' +
          'and found no record of the family.',
      );
    await page
      .getByLabel('Safeguarding interviews')
      .fill(
        'Both adults were spoken to by telephone. The applicant told us about arguments when the couple ' +
          'separated. The respondent wants the child to keep seeing both parents.',
      );
    await page
      .getByLabel('Analysis of risk')
      .fill(
        'The applicant gave domestic violence as the reason for not going to mediation. Neither adult ' +
          'reported current abuse or fear, but the history needs to be looked at in more detail.',
      );
    const childFields = page.getByRole('group', { name: 'The children’s circumstances' }).locator('textarea');
    assert.equal(await childFields.count(), 1);
    childName = await text(page.getByRole('group', { name: 'The children’s circumstances' }).locator('label'));
    await childFields.first().fill('The child lives with the applicant and sees the respondent each weekend.');
    await page
      .getByRole('group', { name: 'Recommendation' })
      .getByLabel('A section 7 report by Cafcass', { exact: true })
      .check();
    await page
      .getByLabel('Signposting given')
      .fill('Both adults were told about local parenting courses and the family information service.');

    const errors = await submitWithErrors(
      officer,
      'Save and submit for review',
      `/cases/${caseId}/safeguarding-letter`,
    );
    assert.deepEqual(errors, ['Correct the spelling of “recieved” or accept it']);
    await page.getByRole('group', { name: 'Check the spelling' }).waitFor();
    await expectNoAxeViolations(page, 'letter with a spelling to correct');

    // The draft was saved: correct the word and submit again.
    const checksText = await page.getByLabel('Checks and their status').inputValue();
    assert.match(checksText, /recieved/);
    await page.getByLabel('Checks and their status').fill(checksText.replace('recieved', 'received'));
    await follow(page, `**/cases/${caseId}/safeguarding-letter?notice=letter-submitted`, () =>
      page.getByRole('button', { name: 'Save and submit for review' }).click(),
    );
    assert.equal(await banner(page), 'The letter has been submitted for review.');
    assert.equal(await summaryValue(page, 'Status'), 'Waiting for review');
    await expectNoAxeViolations(page, 'letter, waiting for review');
  });

  it('the head of practice returns the letter with a comment', async () => {
    const { page } = manager;
    await signIn(page, 'head-of-practice');
    await page.goto(`/cases/${caseId}/safeguarding-letter`);
    await follow(page, `**/cases/${caseId}/safeguarding-letter/review`, () =>
      page.getByRole('link', { name: 'Review the safeguarding letter' }).click(),
    );
    assert.equal(await heading(page), 'Review the safeguarding letter');
    assert.equal(await summaryValue(page, 'Author'), 'Priya Intake');
    await expectNoAxeViolations(page, 'review the letter');

    assert.deepEqual(await submitWithErrors(manager, 'Continue', `/cases/${caseId}/safeguarding-letter/review`), [
      'Select whether to approve or return the letter',
    ]);
    await expectNoAxeViolations(page, 'review the letter with an error');

    await page.getByLabel('Return to the author with comments').check();
    await page
      .getByLabel('Comments for the author')
      .fill('Please say in the analysis what the interviews told us about handovers.');
    await follow(page, `**/cases/${caseId}/safeguarding-letter?**`, () =>
      page.getByRole('button', { name: 'Continue' }).click(),
    );
    assert.equal(await summaryValue(page, 'Status'), 'Returned for changes');
    await expectNoAxeViolations(page, 'letter, returned (reviewer)');
  });

  it('the author answers the comment and submits the letter again', async () => {
    const { page } = officer;
    await page.goto(`/cases/${caseId}/safeguarding-letter`);
    assert.equal(await summaryValue(page, 'Status'), 'Returned for changes');
    assert.match(
      await text(page.locator('.govuk-inset-text').first()),
      /^Returned by Hari Head on \d{1,2} \w+ \d{4} at [\d:]+[ap]m\s*Please say in the analysis what the interviews told us about handovers\.$/,
    );
    await expectNoAxeViolations(page, 'letter, returned (author)');
    const analysis = page.getByLabel('Analysis of risk');
    await analysis.fill(
      `${await analysis.inputValue()} The applicant said handovers are still tense, so a report should look at how they can be made safe.`,
    );
    await follow(page, `**/cases/${caseId}/safeguarding-letter?notice=letter-submitted`, () =>
      page.getByRole('button', { name: 'Save and submit for review' }).click(),
    );
    assert.equal(await summaryValue(page, 'Status'), 'Waiting for review');
  });

  it('the head of practice approves and files the letter', async () => {
    const { page } = manager;
    await page.goto(`/cases/${caseId}/safeguarding-letter/review`);
    assert.match(await text(page.locator('main')), /handovers are still tense, so a report should look at/);
    await page.getByLabel('Approve and file with the court').check();
    await follow(page, `**/cases/${caseId}/safeguarding-letter?notice=letter-filed`, () =>
      page.getByRole('button', { name: 'Continue' }).click(),
    );
    assert.equal(await banner(page), 'The letter has been filed with the court.');
    assert.match(await summaryValue(page, 'Status'), /^Filed/);
    assert.equal(await caseStatus(page), 'Awaiting first hearing');
    await page.getByRole('heading', { name: 'Documents for the court', level: 2 }).waitFor();
    await expectNoAxeViolations(page, 'letter, filed');
  });

  it('downloads the DOCX and PDF for the court and reads them', async () => {
    const { page } = officer;
    await page.goto(`/cases/${caseId}/safeguarding-letter`);
    const links = page.locator('main a[download]');
    assert.equal(await links.count(), 2);
    const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    const downloaded: Record<string, { type: string; body: Buffer; disposition: string }> = {};
    for (const href of hrefs) {
      const response = await page.request.get(href);
      assert.equal(response.status(), 200, href);
      const type = response.headers()['content-type'] ?? '';
      const kind = type.includes('pdf') ? 'pdf' : type.includes('wordprocessingml') ? 'docx' : type;
      downloaded[kind] = {
        type,
        body: await response.body(),
        disposition: response.headers()['content-disposition'] ?? '',
      };
    }
    assert.deepEqual(Object.keys(downloaded).sort(), ['docx', 'pdf']);
    assert.match(downloaded.docx!.disposition, /^attachment; filename=".+\.docx"/);
    assert.match(downloaded.pdf!.disposition, /^attachment; filename=".+\.pdf"/);
    assert.equal(downloaded.pdf!.body.subarray(0, 5).toString('latin1'), '%PDF-');

    const docx = docxText(new Uint8Array(downloaded.docx!.body)).replace(/\s+/g, ' ');
    const pdf = (
      await extractText(await getDocumentProxy(new Uint8Array(downloaded.pdf!.body)), { mergePages: true })
    ).text.replace(/\s+/g, ' ');
    for (const [format, body] of [
      ['DOCX', docx],
      ['PDF', pdf],
    ] as const) {
      assert.match(body, /Safeguarding letter/, format);
      assert.ok(body.includes(reference), `${format}: no case reference (${reference})`);
      assert.ok(body.includes(childName), `${format}: no child’s name (${childName})`);
      assert.match(body, /A section 7 report by Cafcass/, format);
      assert.match(body, /handovers are still tense/, format);
      assert.match(body, /public order offence/, format);
      for (const value of CONTACT_VALUES) assert.ok(!body.includes(value), `${format} contains ${value}`);
    }
  });

  it('records the outcome of the first hearing: a section 7 report ordered', async () => {
    const { page } = officer;
    await page.goto(`/cases/${caseId}/safeguarding`);
    assert.match(await text(page.locator('main')), /Filed with the court/);
    await expectNoAxeViolations(page, 'safeguarding overview, letter filed');
    await follow(page, `**/cases/${caseId}/first-hearing`, () =>
      page.getByRole('link', { name: 'Record the outcome of the first hearing' }).click(),
    );
    assert.equal(await heading(page), 'First hearing outcome');
    await expectNoAxeViolations(page, 'first hearing outcome');

    const errors = await submitWithErrors(officer, 'Save the outcome', `/cases/${caseId}/first-hearing`);
    assert.ok(errors.includes('Enter the date of the hearing'), errors.join(' | '));
    assert.ok(errors.includes('Select the outcome of the hearing'), errors.join(' | '));
    assert.ok(errors.includes('Select yes if a child protection referral was made'), errors.join(' | '));
    await expectNoAxeViolations(page, 'first hearing outcome with errors');

    const filing = addDays(today, 84);
    const next = addDays(today, 98);
    await fillDate(page, 'Date of the hearing', today);
    await page.getByLabel('Further work ordered').check();
    await page.getByRole('group', { name: 'Which report was ordered?' }).getByLabel('Section 7 report').check();
    await fillDate(page, 'Date the report must be filed', filing);
    await fillDate(page, 'Date of the next hearing (if known)', next);
    await page.getByRole('group', { name: 'Was a child protection referral made?' }).getByLabel('No').check();
    await page.getByLabel('Notes (optional)').fill('The court asked for the report to look at handovers.');
    await follow(page, `**/cases/${caseId}/first-hearing?notice=recorded`, () =>
      page.getByRole('button', { name: 'Save the outcome' }).click(),
    );
    assert.equal(await banner(page), 'The first hearing outcome has been recorded.');
    assert.equal(await summaryValue(page, 'Hearing date'), longDate(today));
    assert.equal(await summaryValue(page, 'Outcome'), 'Further work ordered');
    assert.equal(await summaryValue(page, 'Report ordered'), 'Section 7 report');
    assert.equal(await summaryValue(page, 'Report due'), longDate(filing));
    assert.equal(await summaryValue(page, 'Next hearing'), longDate(next));
    assert.equal(await summaryValue(page, 'Child protection referral made'), 'No');
    assert.equal(await caseStatus(page), 'Awaiting allocation');
    await expectNoAxeViolations(page, 'first hearing outcome recorded');
  });

  it('shows every step on the case’s timeline', async () => {
    const { page } = officer;
    await follow(page, `**/cases/${caseId}`, () =>
      page.getByRole('navigation', { name: 'Case sections' }).getByRole('link', { name: 'Overview' }).click(),
    );
    assert.equal(await caseStatus(page), 'Awaiting allocation');
    const titles = (await page.locator('.moj-timeline__title').allInnerTexts()).map((t) => t.trim());
    const count = (title: string) => titles.filter((t) => t === title).length;
    for (const title of [
      'Application screened',
      'Safeguarding check requested',
      'Safeguarding letter started',
      'Safeguarding letter returned for changes',
      'Safeguarding letter filed with the court',
      'First hearing outcome recorded',
    ]) {
      assert.ok(count(title) >= 1, `“${title}” is not on the timeline: ${titles.join(' | ')}`);
    }
    assert.equal(count('Safeguarding check returned'), adults.length + 1, titles.join(' | '));
    assert.equal(count('Safeguarding interview recorded'), adults.length, titles.join(' | '));
    assert.equal(count('Safeguarding letter submitted for review'), 2, titles.join(' | '));
    // Newest first: the outcome of the hearing is above the letter being filed, which is above the screening.
    const first = (title: string) => titles.indexOf(title);
    assert.ok(first('First hearing outcome recorded') < first('Safeguarding letter filed with the court'));
    assert.ok(first('Safeguarding letter filed with the court') < first('Application screened'));
    await expectNoAxeViolations(page, 'case overview with the timeline');
  });
});
