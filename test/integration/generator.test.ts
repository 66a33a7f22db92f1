import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { type GenerateOptions, GeneratorRefusal, generate } from '../../scripts/generate/generate.ts';
import { parseGeneratorArgs } from '../../scripts/generate/options.ts';
import { resetGenerated } from '../../scripts/generate/reset.ts';
import { CASE_TABLES, WRITTEN_CASE_TABLES } from '../../scripts/generate/tables.ts';
import { OWN_WORDS } from '../../scripts/generate/work-texts.ts';
import { findDanglingReferences } from '../../scripts/generate/writer.ts';
import { type CaseEvent, transition } from '../../src/modules/casework/private-law-states.ts';
import { timelineTitle } from '../../src/modules/casework/view-models.ts';
import { verifyAuditChain } from '../../src/platform/audit/audit.ts';
import { createMessages } from '../../src/platform/i18n/i18n.ts';
import { seedCase } from '../helpers/cases.ts';
import { type TestDatabase, testDatabase } from '../helpers/database.ts';

const CASES = 200;
const UNTIL = new Date('2026-03-01T00:00:00Z');
const options = (seed: number, extra: Partial<GenerateOptions> = {}): GenerateOptions => ({
  cases: CASES,
  seed,
  years: 10,
  batch: 50,
  until: UNTIL,
  clock: () => new Date('2026-03-01T09:00:00Z'),
  ...extra,
});
const locale = JSON.parse(readFileSync(new URL('../../locales/en.json', import.meta.url), 'utf8')) as {
  status: Record<string, string>;
  applicationType: Record<string, string>;
};
/** Whether a timeline kind has a title in English and Welsh, as the timeline page finds it. */
const messages = createMessages();
function hasTitle(kind: string): boolean {
  return (['en', 'cy'] as const).every((language) => {
    const title = timelineTitle(messages[language], kind);
    return (!title.includes('.') || title.includes(' ')) && !title.includes('timelineKinds');
  });
}

async function one<T>(database: TestDatabase, sqlText: string): Promise<T> {
  const [row] = await database.query<T>(sqlText);
  return row!;
}
const int = async (database: TestDatabase, sqlText: string) => Number((await one<{ n: string }>(database, sqlText)).n);

/** What must be the same for the same seed. */
async function fingerprint(database: TestDatabase) {
  const references = await database.query<{ reference: string }>('SELECT reference FROM case_record ORDER BY id');
  const names = await database.query<{ n: string }>(
    "SELECT given_names || ' ' || family_name || ' ' || date_of_birth AS n FROM person ORDER BY id",
  );
  const timeline = await database.query<{ reference: string; events: string }>(
    'SELECT c.reference, count(t.id)::text AS events FROM case_record c JOIN timeline_event t ON t.case_id = c.id GROUP BY c.reference ORDER BY c.reference',
  );
  const work = await database.query<{ line: string }>(
    `SELECT c.reference || ' ' || s.decision || ' ' || s.screened_at::text || ' ' || array_to_string(s.risk_flags, ',')
       || ' ' || coalesce(l.status, '-') || ' ' || coalesce(l.filed_on::text, '-') || ' ' || coalesce(f.outcome, '-')
       || ' ' || (SELECT string_agg(k.kind || ':' || coalesce(k.outcome, 'open') || ':' || coalesce(k.returned_on::text, '-'), ',' ORDER BY k.id)
                  FROM safeguarding_check k WHERE k.case_id = c.id) AS line
     FROM case_record c JOIN screening s ON s.case_id = c.id LEFT JOIN safeguarding_letter l ON l.case_id = c.id
     LEFT JOIN first_hearing_outcome f ON f.case_id = c.id ORDER BY c.reference`,
  );
  const later = await database.query<{ line: string }>(
    `SELECT c.reference || ' ' || c.status
       || ' ' || (SELECT coalesce(string_agg(r.kind || ':' || r.status || ':' || coalesce(r.filed_on::text, '-'), ',' ORDER BY r.id), '-')
                  FROM court_report r WHERE r.case_id = c.id)
       || ' ' || (SELECT coalesce(string_agg(o.order_type || ':' || o.made_on, ',' ORDER BY o.id), '-') FROM court_order o WHERE o.case_id = c.id)
       || ' ' || (SELECT count(*) FROM case_plan_version v WHERE v.case_id = c.id)
       || ' ' || (SELECT count(*) FROM contact_log_entry e WHERE e.case_id = c.id)
       || ' ' || (SELECT coalesce(string_agg(s.held_on || ':' || s.own_words, ',' ORDER BY s.id), '-') FROM direct_work_session s WHERE s.case_id = c.id)
       || ' ' || coalesce((SELECT k.order_reflects FROM closing_record k WHERE k.case_id = c.id), '-') AS line
     FROM case_record c WHERE c.law = 'private' ORDER BY c.reference`,
  );
  return {
    references: references.map((r) => r.reference),
    names: names.map((r) => r.n),
    timeline: timeline.map((r) => `${r.reference}:${r.events}`),
    work: work.map((r) => r.line),
    later: later.map((r) => r.line),
  };
}

describe('synthetic data generator', () => {
  let a: TestDatabase;
  let b: TestDatabase;
  let c: TestDatabase;
  before(async () => {
    [a, b, c] = await Promise.all([testDatabase(), testDatabase(), testDatabase()]);
    const result = await generate(a, options(7));
    assert.equal(result.status, 'complete');
    assert.equal(result.done, CASES);
  });
  after(async () => {
    await Promise.all([a?.destroy(), b?.destroy(), c?.destroy()]);
  });

  it('creates the organisation: areas with teams and about 1,700 staff who cannot sign in', async () => {
    const staff = await one<{ n: string; passwords: string; areas: string; welsh: string }>(
      a,
      `SELECT count(*) AS n, count(password_hash) AS passwords,
        (SELECT count(DISTINCT area_id) FROM team WHERE id LIKE 'gen-%') AS areas,
        (SELECT count(*) FROM staff s JOIN service_area x ON x.id = s.area_id WHERE x.nation = 'wales' AND s.welsh_speaker) AS welsh
       FROM user_account WHERE email LIKE '%@generated.childvoice.test'`,
    );
    assert.ok(Number(staff.n) > 1600 && Number(staff.n) < 1800, `staff: ${staff.n}`);
    assert.equal(Number(staff.passwords), 0);
    assert.equal(Number(staff.areas), 23);
    assert.ok(Number(staff.welsh) > 30, `Welsh speakers in Wales: ${staff.welsh}`);
    const roles = await a.query<{ role: string; n: string }>(
      'SELECT role, count(*) AS n FROM staff_role GROUP BY role',
    );
    const byRole = Object.fromEntries(roles.map((r) => [r.role, Number(r.n)]));
    assert.ok(byRole.fca! > byRole['service-manager']!, JSON.stringify(byRole));
    assert.equal(byRole['head-of-practice'], 23);
    assert.ok(byRole['intake-officer']! > 0 && byRole.seo! > 0 && byRole['childrens-guardian']! > 0);
  });

  it('writes cases in the private, public and adoption mix, with valid states and application types', async () => {
    assert.equal(await int(a, 'SELECT count(DISTINCT reference) AS n FROM case_record'), CASES);
    const laws = await a.query<{ law: string; n: string }>('SELECT law, count(*) AS n FROM case_record GROUP BY law');
    const share = (law: string) => Number(laws.find((l) => l.law === law)?.n ?? 0) / CASES;
    assert.ok(share('private') > 0.55 && share('private') < 0.8, `private ${share('private')}`);
    assert.ok(share('public') > 0.18 && share('public') < 0.42, `public ${share('public')}`);
    assert.ok(share('adoption') < 0.08);
    const cases = await a.query<{ status: string; application_type: string; law: string; reference: string }>(
      'SELECT status, application_type, law, reference FROM case_record',
    );
    for (const k of cases) {
      assert.ok(k.status in locale.status, k.status);
      assert.ok(k.application_type in locale.applicationType, k.application_type);
      assert.match(k.reference, /^GEN-\d{4}-\d{7}$/);
    }
    assert.equal(
      await int(a, "SELECT count(*) AS n FROM case_record WHERE law <> 'private' AND local_authority_code IS NULL"),
      0,
      'public law and adoption cases name the local authority',
    );
    // Old cases are closed (with closed_at), recent ones are still being worked on.
    assert.equal(
      await int(a, "SELECT count(*) AS n FROM case_record WHERE (status = 'closed') <> (closed_at IS NOT NULL)"),
      0,
    );
    assert.ok((await int(a, "SELECT count(*) AS n FROM case_record WHERE status = 'closed'")) > CASES * 0.7);
    assert.equal(
      await int(
        a,
        "SELECT count(*) AS n FROM case_record WHERE status <> 'closed' AND received_on < DATE '2026-03-01' - 730",
      ),
      0,
    );
  });

  it('gives cases sibling groups of mostly young children, and two adult parties related to each child', async () => {
    const sizes = await a.query<{ size: number; n: string }>(
      'SELECT size, count(*) AS n FROM (SELECT count(*)::int AS size FROM case_child GROUP BY case_id) s GROUP BY size',
    );
    const cases = (f: (size: number) => boolean) =>
      sizes.filter((s) => f(s.size)).reduce((sum, s) => sum + Number(s.n), 0) / CASES;
    assert.ok(cases((s) => s === 1) > 0.4 && cases((s) => s === 1) < 0.7, 'single children');
    assert.ok(cases((s) => s >= 2) > 0.25, 'sibling groups');
    const ages = await one<{ under10: string; all: string }>(
      a,
      `SELECT count(*) FILTER (WHERE p.date_of_birth > c.received_on - interval '10 years') AS under10, count(*) AS all
       FROM case_child ch JOIN case_record c ON c.id = ch.case_id JOIN person p ON p.id = ch.person_id`,
    );
    assert.ok(Number(ages.under10) / Number(ages.all) > 0.6, `under 10: ${ages.under10}/${ages.all}`);
    assert.equal(
      await int(
        a,
        `SELECT count(*) AS n FROM case_party p JOIN case_child ch ON ch.case_id = p.case_id
         LEFT JOIN party_child_relationship r ON r.party_id = p.id AND r.child_id = ch.id WHERE r.party_id IS NULL`,
      ),
      0,
      'every adult party has a relationship to every child of the case',
    );
    assert.equal(
      await int(
        a,
        `SELECT count(*) AS n FROM case_record c WHERE c.law = 'private' AND (
           NOT EXISTS (SELECT 1 FROM case_party p WHERE p.case_id = c.id AND p.party_role = 'applicant')
           OR NOT EXISTS (SELECT 1 FROM case_party p WHERE p.case_id = c.id AND p.party_role = 'respondent'))`,
      ),
      0,
      'private cases have an applicant and a respondent',
    );
  });

  it('keeps domestic-abuse victims’ contact details confidential (all of them in a refuge)', async () => {
    const privateCases = await int(a, "SELECT count(*) AS n FROM case_record WHERE law = 'private'");
    const confidential = await int(
      a,
      `SELECT count(DISTINCT d.case_id) AS n FROM contact_detail d JOIN case_record c ON c.id = d.case_id
       WHERE d.confidential AND c.law = 'private'`,
    );
    assert.ok(
      confidential / privateCases > 0.12 && confidential / privateCases < 0.4,
      `${confidential}/${privateCases}`,
    );
    assert.equal(
      await int(
        a,
        `SELECT count(*) AS n FROM contact_detail r JOIN contact_detail o ON o.case_id = r.case_id AND o.person_id = r.person_id
         WHERE r.refuge AND NOT o.confidential`,
      ),
      0,
    );
  });

  it('gives people in Welsh areas Welsh language preferences, and brings families back to court', async () => {
    const languages = await a.query<{ nation: string; lang: string; n: string }>(
      `SELECT x.nation, p.language_preference AS lang, count(*) AS n FROM person p
       JOIN (SELECT person_id, case_id FROM case_child UNION SELECT person_id, case_id FROM case_party) cp ON cp.person_id = p.id
       JOIN case_record c ON c.id = cp.case_id JOIN service_area x ON x.id = c.area_id GROUP BY 1, 2`,
    );
    const count = (nation: string, lang: string) =>
      Number(languages.find((l) => l.nation === nation && l.lang === lang)?.n ?? 0);
    assert.ok(count('wales', 'cy') > 0, JSON.stringify(languages));
    assert.equal(count('england', 'cy'), 0);
    const recurring = await a.query<{ areas: string }>(
      `SELECT count(DISTINCT c.area_id) AS areas FROM
         (SELECT person_id, case_id FROM case_child UNION SELECT person_id, case_id FROM case_party) cp
         JOIN case_record c ON c.id = cp.case_id GROUP BY cp.person_id HAVING count(DISTINCT cp.case_id) > 1`,
    );
    assert.ok(recurring.length >= 5, `people in more than one case: ${recurring.length}`);
    assert.ok(
      recurring.every((r) => Number(r.areas) === 1),
      'a returning family comes back in the same area',
    );
  });

  it('writes timelines that start with the application and stay within the case’s life', async () => {
    const kinds = await a.query<{ kind: string }>('SELECT DISTINCT kind FROM timeline_event');
    for (const { kind } of kinds) assert.ok(hasTitle(kind), kind);
    const average = await int(a, 'SELECT (count(*) / count(DISTINCT case_id))::int AS n FROM timeline_event');
    assert.ok(average >= 20 && average <= 50, `events per case: ${average}`);
    assert.equal(
      await int(
        a,
        `SELECT count(*) AS n FROM (SELECT DISTINCT ON (case_id) case_id, kind FROM timeline_event
         ORDER BY case_id, occurred_at, id) f WHERE kind <> 'case-received'`,
      ),
      0,
      'the first event of every case is case-received',
    );
    assert.equal(
      await int(
        a,
        `SELECT count(*) AS n FROM timeline_event t JOIN case_record c ON c.id = t.case_id
         WHERE t.occurred_at < c.created_at OR t.occurred_at > coalesce(c.closed_at, TIMESTAMPTZ '2026-03-01')
            OR t.occurred_at > c.updated_at`,
      ),
      0,
      'events are within the life of the case',
    );
    assert.equal(
      await int(
        a,
        `SELECT count(*) AS n FROM (SELECT case_id FROM timeline_event GROUP BY case_id
         HAVING array_agg(id ORDER BY id) <> array_agg(id ORDER BY occurred_at, id)) x`,
      ),
      0,
      'events are written in time order',
    );
    // Allocations agree with the state: closed cases have none open, allocated ones have one.
    assert.equal(
      await int(
        a,
        `SELECT count(*) AS n FROM case_record c WHERE
           (c.status = 'closed' AND EXISTS (SELECT 1 FROM case_allocation x WHERE x.case_id = c.id AND x.ended_at IS NULL))
           OR (c.status IN ('allocated', 'reporting', 'report-filed', 'closing') AND NOT EXISTS
             (SELECT 1 FROM case_allocation x WHERE x.case_id = c.id AND x.ended_at IS NULL))`,
      ),
      0,
    );
    assert.equal(
      await int(a, "SELECT count(*) AS n FROM timeline_event WHERE kind = 'allocated'"),
      await int(a, 'SELECT count(*) AS n FROM case_allocation'),
    );
    const audit = await verifyAuditChain(a.db);
    assert.equal(audit.ok, true);
    assert.equal(await int(a, "SELECT count(*) AS n FROM audit_event WHERE actor_role = 'generator'"), 1);
  });

  it('writes the private-law work to the first hearing, consistent with each case’s state', async () => {
    const none = async (sqlText: string, message: string) => assert.equal(await int(a, sqlText), 0, message);
    const LATER = "'allocated', 'reporting', 'report-filed', 'closing', 'closed'";
    const AFTER_SCREENING = `('safeguarding-checks', 'awaiting-first-hearing', 'awaiting-allocation', ${LATER})`;
    const AFTER_LETTER = `('awaiting-first-hearing', 'awaiting-allocation', ${LATER})`;
    const AFTER_HEARING = `('awaiting-allocation', ${LATER})`;
    const privateCases = await int(a, "SELECT count(*) AS n FROM case_record WHERE law = 'private'");
    assert.equal(
      await int(a, 'SELECT count(*) AS n FROM case_court_dates'),
      privateCases,
      'court dates for every private case',
    );
    for (const table of [
      'case_court_dates',
      'screening',
      'safeguarding_check',
      'safeguarding_letter',
      'hearing',
      'hmcts_case',
    ])
      await none(
        `SELECT count(*) AS n FROM ${table} t JOIN case_record c ON c.id = t.case_id WHERE c.law <> 'private'`,
        `${table} only for private law`,
      );
    await none(
      `SELECT count(*) AS n FROM case_court_dates d JOIN case_record c ON c.id = d.case_id
       WHERE d.letter_due_on >= c.first_hearing_on OR extract(isodow FROM d.letter_due_on) > 5 OR cardinality(d.orders_applying_for) = 0`,
      'the letter is due on a working day before the hearing, for orders asked for',
    );
    await none(
      `SELECT count(*) AS n FROM case_record c WHERE c.law = 'private'
         AND EXISTS (SELECT 1 FROM contact_detail d WHERE d.case_id = c.id AND d.confidential)
         AND NOT EXISTS (SELECT 1 FROM case_court_dates x WHERE x.case_id = c.id AND 'domestic-abuse' = ANY (x.allegations_of_harm))`,
      'domestic abuse is alleged where a party’s details are confidential',
    );
    // Screening once the case has been screened, and only then; flags include what was alleged.
    await none(
      `SELECT count(*) AS n FROM case_record c WHERE c.law = 'private'
         AND (c.status IN ${AFTER_SCREENING}) <> EXISTS (SELECT 1 FROM screening s WHERE s.case_id = c.id)`,
      'screened ⇔ past screening',
    );
    await none(
      `SELECT count(*) AS n FROM screening s JOIN case_court_dates d ON d.case_id = s.case_id
       WHERE NOT d.allegations_of_harm <@ s.risk_flags`,
      'screening flags cover the allegations',
    );
    const onTime = await one<{ on_time: string; all: string }>(
      a,
      "SELECT count(*) FILTER (WHERE (screened_at AT TIME ZONE 'UTC')::date <= due_on) AS on_time, count(*) AS all FROM screening",
    );
    assert.ok(Number(onTime.on_time) / Number(onTime.all) > 0.8, `screened on time: ${onTime.on_time}/${onTime.all}`);
    const decisions = await a.query<{ decision: string; n: string }>(
      'SELECT decision, count(*) AS n FROM screening GROUP BY 1',
    );
    const decided = (d: string) => Number(decisions.find((x) => x.decision === d)?.n ?? 0);
    assert.ok(
      decided('standard') > decided('fast-track') + decided('child-protection-referral'),
      JSON.stringify(decisions),
    );
    await none(
      `SELECT count(*) AS n FROM child_protection_referral r LEFT JOIN screening s ON s.case_id = r.case_id
       WHERE s.decision IS DISTINCT FROM 'child-protection-referral'`,
      'referrals only from a child-protection-referral decision',
    );
    // Checks: one police check per adult party and one local-authority check for every screened case.
    await none(
      `SELECT count(*) AS n FROM screening s JOIN case_party p ON p.case_id = s.case_id
       WHERE NOT EXISTS (SELECT 1 FROM safeguarding_check k WHERE k.case_id = s.case_id AND k.kind = 'police' AND k.party_id = p.id)`,
      'every adult party of a screened case has a police check',
    );
    await none(
      `SELECT count(*) AS n FROM screening s WHERE (SELECT count(*) FROM safeguarding_check k
         WHERE k.case_id = s.case_id AND k.kind = 'local-authority') <> 1`,
      'one local-authority check per screened case',
    );
    await none(
      `SELECT count(*) AS n FROM safeguarding_check k LEFT JOIN screening s ON s.case_id = k.case_id
       WHERE s.case_id IS NULL OR k.requested_on <> (s.screened_at AT TIME ZONE 'UTC')::date
          OR k.returned_on < k.requested_on OR (k.returned_on IS NULL) <> (k.outcome IS NULL)
          OR (k.outcome = 'concerns') <> (k.concerns IS NOT NULL) OR k.returned_on > DATE '2026-03-01'`,
      'checks are requested at screening and returned after, with an outcome',
    );
    const checks = await a.query<{ kind: string; requested_on: string; due_on: string; returned_on: string | null }>(
      'SELECT kind, requested_on::text, due_on::text, returned_on::text FROM safeguarding_check',
    );
    const addWorkingDays = (iso: string, n: number) => {
      const day = new Date(`${iso}T00:00:00Z`);
      for (let left = n; left > 0; ) {
        day.setUTCDate(day.getUTCDate() + 1);
        if (day.getUTCDay() !== 0 && day.getUTCDay() !== 6) left -= 1;
      }
      return day.toISOString().slice(0, 10);
    };
    for (const k of checks)
      assert.equal(k.due_on, addWorkingDays(k.requested_on, k.kind === 'police' ? 2 : 5), JSON.stringify(k));
    const police = checks.filter((k) => k.kind === 'police');
    const policeOnTime = police.filter((k) => k.returned_on !== null && k.returned_on <= k.due_on).length;
    assert.ok(
      policeOnTime / police.length > 0.7 && policeOnTime < police.length,
      `police on time ${policeOnTime}/${police.length}`,
    );
    const outcomes = await a.query<{ outcome: string; n: string }>(
      'SELECT outcome, count(*) AS n FROM safeguarding_check WHERE outcome IS NOT NULL GROUP BY 1',
    );
    const outcome = (o: string) => Number(outcomes.find((x) => x.outcome === o)?.n ?? 0);
    assert.ok(
      outcome('no-record') > outcome('information-held') && outcome('information-held') > 0 && outcome('concerns') > 0,
    );
    // Interviews with adult parties only, before the hearing or (flagged) on the day.
    await none(
      `SELECT count(*) AS n FROM safeguarding_interview i JOIN case_record c ON c.id = i.case_id
         JOIN screening s ON s.case_id = i.case_id JOIN case_party p ON p.id = i.party_id AND p.case_id = i.case_id
       WHERE i.held_on > c.first_hearing_on OR i.on_hearing_day <> (i.held_on = c.first_hearing_on)
          OR i.held_on < (s.screened_at AT TIME ZONE 'UTC')::date`,
      'interviews after screening, by the hearing, on_hearing_day when on the day',
    );
    assert.equal(
      await int(
        a,
        'SELECT count(*) AS n FROM safeguarding_interview i WHERE NOT EXISTS (SELECT 1 FROM screening s WHERE s.case_id = i.case_id)',
      ),
      0,
    );
    // The letter: filed once the case is past awaiting-first-hearing; drafts only while checks go on.
    await none(
      `SELECT count(*) AS n FROM case_record c WHERE c.law = 'private'
         AND (c.status IN ${AFTER_LETTER}) <> EXISTS (SELECT 1 FROM safeguarding_letter l WHERE l.case_id = c.id AND l.status = 'filed')`,
      'filed letter ⇔ past the letter',
    );
    await none(
      `SELECT count(*) AS n FROM safeguarding_letter l JOIN case_record c ON c.id = l.case_id
         LEFT JOIN screening s ON s.case_id = l.case_id
       WHERE s.case_id IS NULL OR (l.status <> 'filed' AND c.status <> 'safeguarding-checks')
          OR (l.status = 'filed') <> (l.filed_on IS NOT NULL AND l.filed_by IS NOT NULL)
          OR l.filed_on > c.first_hearing_on OR l.kind <> 'letter'`,
      'a letter implies screening; unfiled letters only in safeguarding-checks',
    );
    const letters = await one<{ on_time: string; filed: string }>(
      a,
      `SELECT count(*) FILTER (WHERE l.filed_on <= d.letter_due_on) AS on_time, count(*) AS filed
       FROM safeguarding_letter l JOIN case_court_dates d ON d.case_id = l.case_id WHERE l.status = 'filed'`,
    );
    const letterShare = Number(letters.on_time) / Number(letters.filed);
    assert.ok(letterShare > 0.75 && letterShare < 1, `letters on time ${letters.on_time}/${letters.filed}`);
    await none(
      `SELECT count(*) AS n FROM safeguarding_letter l WHERE l.status = 'filed' AND (l.filed_by <> l.author_id) <>
         EXISTS (SELECT 1 FROM letter_review r WHERE r.letter_id = l.id AND r.decision = 'approved' AND r.reviewer_id = l.filed_by)`,
      'a letter filed by someone else than its author was approved by them',
    );
    // The first hearing's outcome once it has been heard; further work has a direction and a next hearing.
    await none(
      `SELECT count(*) AS n FROM case_record c WHERE c.law = 'private'
         AND (c.status IN ${AFTER_HEARING}) <> EXISTS (SELECT 1 FROM first_hearing_outcome f WHERE f.case_id = c.id)`,
      'outcome ⇔ past the first hearing',
    );
    await none(
      `SELECT count(*) AS n FROM first_hearing_outcome f JOIN case_record c ON c.id = f.case_id
       WHERE f.heard_on <> c.first_hearing_on OR (f.outcome = 'resolved') <> (f.report_type IS NULL)
          OR (f.outcome = 'further-work') <> EXISTS (SELECT 1 FROM court_direction d WHERE d.case_id = f.case_id
               AND d.report_type = f.report_type AND d.due_on = f.filing_due_on AND d.source = 'fhdra-outcome')
          OR (SELECT count(*) FROM hearing h WHERE h.case_id = f.case_id) NOT BETWEEN CASE WHEN f.outcome = 'resolved' THEN 1 ELSE 2 END
               AND CASE WHEN f.outcome = 'resolved' THEN 1 ELSE 3 END
          OR (f.outcome = 'further-work' AND NOT EXISTS (SELECT 1 FROM hearing h WHERE h.case_id = f.case_id
               AND h.type_code = 'ABA5-DRA' AND (h.starts_at AT TIME ZONE 'UTC')::date = f.next_hearing_on))
          OR (f.outcome = 'resolved' AND c.status <> 'closed')`,
      'outcomes agree with the directions, hearings and state',
    );
    await none(
      `SELECT count(*) AS n FROM hearing h JOIN case_record c ON c.id = h.case_id
       WHERE h.type_code = 'ABA5-FHD' AND ((h.starts_at AT TIME ZONE 'UTC')::date <> c.first_hearing_on
         OR (h.status = 'COMPLETED') <> (h.starts_at <= TIMESTAMPTZ '2026-03-01'))`,
      'the FHDRA is on the case’s first-hearing date, completed once past',
    );
    const sections = await int(a, "SELECT count(*) AS n FROM first_hearing_outcome WHERE report_type = 'section-7'");
    assert.ok(
      sections > (await int(a, "SELECT count(*) AS n FROM first_hearing_outcome WHERE outcome = 'further-work'")) / 2,
    );
    await none(
      "SELECT count(*) AS n FROM hmcts_case h JOIN case_record c ON c.id = h.case_id WHERE h.ccd_id !~ '^[0-9]{16}$' OR c.application_type <> 'c100'",
      'CCD ids are 16 digits, for C100 applications',
    );
    // The timeline has one entry per record, and its state moves replay to the case's status.
    const pairs: [string, string][] = [
      ['screening.recorded', 'SELECT count(*) AS n FROM screening'],
      ['state.screened', 'SELECT count(*) AS n FROM screening'],
      ['checks.returned', 'SELECT count(*) AS n FROM safeguarding_check WHERE returned_on IS NOT NULL'],
      ['interviews.recorded', 'SELECT count(*) AS n FROM safeguarding_interview'],
      ['letters.filed', "SELECT count(*) AS n FROM safeguarding_letter WHERE status = 'filed'"],
      ['first-hearing.recorded', 'SELECT count(*) AS n FROM first_hearing_outcome'],
    ];
    for (const [kind, records] of pairs)
      assert.equal(
        await int(a, `SELECT count(*) AS n FROM timeline_event WHERE kind = '${kind}'`),
        await int(a, records),
        kind,
      );
    const moves = await a.query<{
      status: string;
      law: string;
      events: { kind: string; details: Record<string, string> }[] | null;
    }>(
      `SELECT c.status, c.law, (SELECT json_agg(json_build_object('kind', t.kind, 'details', t.details) ORDER BY t.occurred_at, t.id)
         FROM timeline_event t WHERE t.case_id = c.id AND t.kind LIKE 'state.%') AS events FROM case_record c`,
    );
    for (const m of moves) {
      if (m.law !== 'private') {
        assert.equal(m.events, null, 'state moves only for private law');
        continue;
      }
      let status = 'received';
      for (const e of m.events ?? []) {
        assert.equal(e.details.from, status, JSON.stringify(m.events));
        status = transition({ status }, { type: e.kind.slice('state.'.length), ...e.details } as CaseEvent);
        assert.equal(e.details.to, status);
      }
      assert.equal(status, m.status, JSON.stringify(m.events));
    }
  });

  it('writes the work after the first hearing, consistent with each case’s state', async () => {
    const none = async (sqlText: string, message: string) => assert.equal(await int(a, sqlText), 0, message);
    const moved = (event: string) =>
      `EXISTS (SELECT 1 FROM timeline_event t WHERE t.case_id = c.id AND t.kind = 'state.${event}')`;
    const moves = (event: string) =>
      `(SELECT count(*) FROM timeline_event t WHERE t.case_id = c.id AND t.kind = 'state.${event}')`;
    const PRIVATE = "c.law = 'private'";
    assert.ok(
      (await int(a, `SELECT count(*) AS n FROM case_record c WHERE ${PRIVATE} AND ${moved('final-order')}`)) > 10,
    );
    // Reports: one for each time the case went to reporting, filed as often as it was filed.
    await none(
      `SELECT count(*) AS n FROM case_record c WHERE ${PRIVATE} AND (
         ${moves('report-started')} <> (SELECT count(*) FROM court_report r WHERE r.case_id = c.id)
         OR ${moves('report-filed')} <> (SELECT count(*) FROM court_report r WHERE r.case_id = c.id AND r.status = 'filed'))`,
      'a report for each report-started, filed for each report-filed',
    );
    await none(
      `SELECT count(*) AS n FROM case_record c WHERE c.status IN ('report-filed', 'closing')
         AND NOT EXISTS (SELECT 1 FROM court_report r WHERE r.case_id = c.id AND r.status = 'filed')`,
      'every case with a report filed, or in closing, has a filed report',
    );
    await none(
      `SELECT count(*) AS n FROM court_report r JOIN court_direction d ON d.id = r.direction_id
       WHERE d.case_id <> r.case_id OR (r.status = 'filed') <> (d.filed_on IS NOT NULL)
          OR r.filed_on IS DISTINCT FROM d.filed_on OR r.due_on <> d.due_on
          OR r.kind <> CASE d.report_type WHEN 's7-addendum' THEN 'addendum' ELSE d.report_type END
          OR (r.kind = 'addendum') <> (r.parent_report_id IS NOT NULL)
          OR (r.status = 'filed' AND (r.filed_at IS NULL OR r.filed_by IS NULL OR r.filed_after IS NULL))
          OR r.filed_on NOT BETWEEN d.due_on - 14 AND d.due_on + 14`,
      'reports answer their direction, filed within 10 working days of its date',
    );
    const timing = await one<{ on_time: string; filed: string }>(
      a,
      "SELECT count(*) FILTER (WHERE filed_on <= due_on) AS on_time, count(*) AS filed FROM court_report WHERE status = 'filed'",
    );
    assert.ok(Number(timing.on_time) / Number(timing.filed) > 0.8, `reports on time ${timing.on_time}/${timing.filed}`);
    await none(
      `SELECT count(*) AS n FROM court_report r JOIN case_record c ON c.id = r.case_id WHERE r.status = 'filed' AND (
         (r.filed_after = 'review') <> EXISTS (SELECT 1 FROM court_report_review v WHERE v.report_id = r.id AND v.decision = 'approved')
         OR EXISTS (SELECT 1 FROM case_party p WHERE p.case_id = r.case_id AND c.closed_at IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM court_report_share s WHERE s.report_id = r.id AND s.party_id = p.id)))`,
      'a filed report was approved unless its author self-regulates, and shared with every party',
    );
    // The final order at the final hearing, then closing for 1–15 working days; or a withdrawal.
    await none(
      `SELECT count(*) AS n FROM case_record c WHERE ${PRIVATE} AND (
         (c.status = 'closing' OR ${moved('final-order')}) <> EXISTS (SELECT 1 FROM court_order o WHERE o.case_id = c.id AND o.final)
         OR (${moved('allocated')} AND c.status = 'closed' AND NOT (${moved('final-order')} OR ${moved('withdrawn')})))`,
      'a final order for every case in closing or past it; every allocated case closed after one or withdrawn',
    );
    await none(
      `SELECT count(*) AS n FROM court_order o JOIN hearing h ON h.id = o.hearing_id JOIN case_record c ON c.id = o.case_id
       WHERE NOT o.final OR h.status <> 'COMPLETED' OR (h.starts_at AT TIME ZONE 'UTC')::date <> o.made_on
          OR o.created_at < h.starts_at OR h.type_code NOT IN ('ABA5-DRA', 'ABA5-FFH')
          OR (c.closed_at IS NOT NULL AND ((c.closed_at AT TIME ZONE 'UTC')::date <= o.made_on OR c.closed_at > o.created_at + interval '22 days'))`,
      'the final order at the final hearing; the case closed 1–15 working days later',
    );
    assert.equal(
      await int(a, 'SELECT count(*) AS n FROM court_order WHERE hearing_id IS NULL'),
      0,
      'every generated order names its hearing',
    );
    // Plans and contact logs for allocated cases.
    await none(
      `SELECT count(*) AS n FROM case_record c WHERE ${PRIVATE} AND ${moved('report-filed')} AND (
         NOT EXISTS (SELECT 1 FROM case_plan p WHERE p.case_id = c.id
           AND p.current_version = (SELECT max(v.version) FROM case_plan_version v WHERE v.case_id = c.id)
           AND p.current_version = (SELECT count(*) FROM case_plan_version v WHERE v.case_id = c.id)
           AND p.current_version BETWEEN 1 AND 3)
         OR (SELECT count(*) FROM contact_log_entry e WHERE e.case_id = c.id AND e.status = 'recorded') NOT BETWEEN 3 AND 15)`,
      'a plan of 1–3 versions and 3–15 contact log entries once a report is filed',
    );
    await none(
      `SELECT count(*) AS n FROM case_plan_version v JOIN case_record c ON c.id = v.case_id
       WHERE NOT ${moved('allocated')} OR v.created_at > coalesce(c.closed_at, TIMESTAMPTZ '2026-03-01')`,
      'plans only for allocated cases, within their life',
    );
    // Direct work with every child, then an impact analysis and a diversity record, before the report.
    await none(
      `SELECT count(*) AS n FROM case_child ch JOIN case_record c ON c.id = ch.case_id WHERE ${PRIVATE} AND ${moved('report-started')} AND (
         (SELECT count(*) FROM direct_work_session s WHERE s.child_id = ch.id) NOT BETWEEN 1 AND 3
         OR (SELECT count(*) FROM child_impact_analysis i WHERE i.child_id = ch.id) <> 1
         OR (SELECT count(*) FROM child_diversity d WHERE d.child_id = ch.id) <> 1)`,
      'each child of a case being reported on has 1–3 sessions, an impact analysis and a diversity record',
    );
    await none(
      `SELECT count(*) AS n FROM direct_work_session s JOIN case_child ch ON ch.id = s.child_id
         JOIN person p ON p.id = ch.person_id JOIN case_record c ON c.id = s.case_id
       WHERE s.case_id <> ch.case_id OR (s.own_words = '') <> (p.date_of_birth > s.held_on - interval '4 years')
          OR s.held_on > (SELECT min(r.created_at AT TIME ZONE 'UTC')::date FROM court_report r WHERE r.case_id = c.id)
          OR NOT EXISTS (SELECT 1 FROM direct_work_words_revision w WHERE w.session_id = s.id AND w.revision = 1 AND w.own_words = s.own_words)`,
      'sessions of the case’s children before the report, own words from age 4, kept as revision 1',
    );
    const welsh = await a.query<{ own_words: string }>(
      `SELECT s.own_words FROM direct_work_session s JOIN case_record c ON c.id = s.case_id WHERE c.language = 'cy' AND s.own_words <> ''`,
    );
    const cymraeg = new Set(Object.values(OWN_WORDS.cy).flat());
    for (const w of welsh) assert.ok(cymraeg.has(w.own_words), `Welsh case, words not in Welsh: ${w.own_words}`);
    // Closing: the record against the final order, letters to children aged 4 or over, the closure.
    await none(
      `SELECT count(*) AS n FROM case_record c WHERE ${PRIVATE} AND (
         (${moved('closed')}) <> EXISTS (SELECT 1 FROM closure_event e WHERE e.case_id = c.id AND e.kind = 'closed' AND e.occurred_at = c.closed_at)
         OR (${moved('closed')} AND NOT EXISTS (SELECT 1 FROM closing_record k JOIN court_order o ON o.id = k.final_order_id
               WHERE k.case_id = c.id AND o.case_id = c.id AND o.final AND k.recorded_at < c.closed_at)))`,
      'a closure event and a closing record against the final order for every case closed after it',
    );
    await none(
      `SELECT count(*) AS n FROM child_letter l JOIN case_child ch ON ch.id = l.child_id JOIN person p ON p.id = ch.person_id
         JOIN case_record c ON c.id = l.case_id
       WHERE l.case_id <> ch.case_id OR p.date_of_birth > (l.created_at AT TIME ZONE 'UTC')::date - interval '4 years'
          OR l.status <> 'produced' OR l.produced_at > coalesce(c.closed_at, TIMESTAMPTZ '2026-03-01')
          OR l.language NOT IN ('en', 'cy') OR (c.language = 'cy' AND l.language <> 'cy')`,
      'letters to children aged 4 or over, in their language, before the case closed',
    );
    // Allocations say who allocated and why; a handover says why on both rows.
    await none(
      `SELECT count(*) AS n FROM case_allocation x WHERE x.allocated_by IS NULL OR x.reason IS NULL
         OR (x.ended_by IS NULL) <> (x.end_reason IS NULL)
         OR (x.end_reason IS NOT NULL) <> EXISTS (SELECT 1 FROM case_allocation y WHERE y.case_id = x.case_id
              AND y.allocation_role = x.allocation_role AND y.allocated_at = x.ended_at AND y.reason = x.end_reason)`,
      'allocations have who and why; handovers their reason on both rows',
    );
    assert.equal(
      await int(
        a,
        `SELECT count(*) AS n FROM staff_role r LEFT JOIN practitioner_capacity p ON p.user_id = r.user_id
         WHERE r.role IN ('fca', 'childrens-guardian', 'associate') AND (p.points IS NULL OR p.points <= 0 OR p.points > 22)`,
      ),
      0,
      'every generated practitioner has a contracted capacity',
    );
    // Every table that refers to a case table is listed, so --reset can empty them with TRUNCATE.
    const listed = new Set(CASE_TABLES.map((t) => t.name));
    const referring = await a.query<{ child: string }>(
      `SELECT DISTINCT c.conrelid::regclass::text AS child FROM pg_constraint c
       WHERE c.contype = 'f' AND c.confrelid::regclass::text IN (${[...listed].map((t) => `'${t}'`).join(', ')})`,
    );
    for (const r of referring)
      assert.ok(listed.has(r.child), `${r.child} refers to a case table but is not in CASE_TABLES`);
  });

  it('writes no row that refers to nothing (foreign keys are checked after the run, not per row)', async () => {
    const tables = WRITTEN_CASE_TABLES.map((t) => t.name);
    assert.deepEqual(await findDanglingReferences(a, tables), []);
    const d = await testDatabase();
    try {
      await d.exec(`BEGIN; SET LOCAL session_replication_role = replica;
        INSERT INTO timeline_event (case_id, occurred_at, kind) VALUES ('00000000-0000-4000-8000-000000000001', now(), 'note-added');
        COMMIT`);
      const found = await findDanglingReferences(d, tables);
      assert.equal(found.length, 1, JSON.stringify(found));
      assert.equal(found[0]!.rows, 1);
    } finally {
      await d.destroy();
    }
  });

  it('resumes an interrupted run to exactly the same data, and refuses to resume with other settings', async () => {
    const first = await generate(b, options(7, { maxChunks: 2 }));
    assert.equal(first.status, 'stopped');
    assert.equal(await int(b, 'SELECT count(*) AS n FROM case_record'), 100);
    assert.equal(await int(b, 'SELECT cases_done AS n FROM generator_run'), 100);
    await assert.rejects(generate(b, options(8)), (error: Error) => {
      assert.ok(error instanceof GeneratorRefusal);
      assert.match(error.message, /--seed 7 \(you gave 8\)/);
      assert.match(error.message, /--reset/);
      return true;
    });
    await assert.rejects(generate(b, options(7, { cases: 300 })), /--cases 200 \(you gave 300\)/);
    const second = await generate(b, options(7, { batch: 30 }));
    assert.equal(second.status, 'complete');
    assert.equal(second.startedWith, 100);
    assert.equal(await int(b, 'SELECT count(*) AS n FROM case_record'), CASES);
    assert.deepEqual(await fingerprint(b), await fingerprint(a), 'same seed, same data, interrupted or not');
    assert.equal(
      await int(b, 'SELECT count(*) AS n FROM case_record c JOIN kpi_dirty_case d ON d.case_id = c.id'),
      CASES,
      'every generated case waits for the KPI refresh (the generator does the trigger’s work itself)',
    );
    assert.equal((await generate(b, options(7))).status, 'already-complete');
    // Only generated cases here: --reset empties the case tables quickly (TRUNCATE).
    const removed = await resetGenerated(b);
    assert.equal(removed.cases, CASES);
    for (const table of [
      'case_record',
      'person',
      'timeline_event',
      'contact_detail',
      'case_allocation',
      'staff',
      'screening',
      'safeguarding_check',
      'safeguarding_letter',
      'letter_review',
      'hearing',
      'hmcts_case',
      'court_order',
      'case_plan_version',
      'contact_log_entry',
      'direct_work_session',
      'direct_work_session_tool',
      'court_report',
      'court_report_review',
      'closing_record',
      'child_letter',
      'closure_event',
      'practitioner_capacity',
    ])
      assert.equal(await int(b, `SELECT count(*) AS n FROM ${table}`), 0, table);
    assert.equal((await verifyAuditChain(b.db)).ok, true);
  });

  it('gives different data for a different seed, and --reset removes only generated data', async () => {
    const kept = await seedCase(c, { teamId: null });
    await generate(c, options(8));
    const other = await fingerprint(c);
    const same = await fingerprint(a);
    assert.notDeepEqual(other.names.slice(0, 20), same.names.slice(0, 20));
    assert.notDeepEqual(other.timeline, same.timeline);
    // A case entered by hand about a child who is also in a generated case.
    const generatedChild = await one<{ person_id: string }>(
      c,
      "SELECT ch.person_id FROM case_child ch JOIN case_record r ON r.id = ch.case_id WHERE r.reference LIKE 'GEN-%' ORDER BY ch.id LIMIT 1",
    );
    const generatedWorker = await one<{ user_id: string }>(
      c,
      "SELECT user_id FROM staff_role WHERE role = 'fca' ORDER BY user_id LIMIT 1",
    );
    const shared = await seedCase(c, {
      teamId: null,
      reuse: { a: generatedChild.person_id },
      allocateTo: generatedWorker.user_id,
    });
    const keptRows = async () =>
      one<Record<string, string>>(
        c,
        `SELECT (SELECT count(*) FROM timeline_event WHERE case_id IN ('${kept.caseId}', '${shared.caseId}')) AS events,
           (SELECT count(*) FROM contact_detail WHERE case_id IN ('${kept.caseId}', '${shared.caseId}')) AS contacts,
           (SELECT count(*) FROM party_child_relationship r JOIN case_party p ON p.id = r.party_id
             WHERE p.case_id IN ('${kept.caseId}', '${shared.caseId}')) AS relationships`,
      );
    const before = await keptRows();

    const removed = await resetGenerated(c);
    assert.equal(removed.cases, CASES);
    assert.ok(removed.staff > 1600);
    assert.equal(removed.staffKept, 1, 'the member of staff allocated to a kept case stays');
    const left = await c.query<{ reference: string }>('SELECT reference FROM case_record ORDER BY reference');
    assert.deepEqual(
      left.map((r) => r.reference),
      [kept.reference, shared.reference].sort(),
    );
    assert.deepEqual(await keptRows(), before);
    assert.equal(await int(c, 'SELECT count(*) AS n FROM timeline_event'), Number(before.events));
    const people = await c.query<{ id: string }>('SELECT id FROM person');
    assert.equal(people.length, Object.keys(kept.personIds).length + Object.keys(shared.personIds).length);
    assert.ok(
      people.some((p) => p.id === generatedChild.person_id),
      'a person also in a kept case stays',
    );
    assert.equal(
      await int(c, "SELECT count(*) AS n FROM user_account WHERE email LIKE '%@generated.childvoice.test'"),
      1,
    );
    assert.equal(await int(c, "SELECT count(*) AS n FROM team WHERE id LIKE 'gen-%'"), 1, 'the kept worker’s team');
    assert.equal(await int(c, 'SELECT count(*) AS n FROM generator_run'), 0);
    assert.equal(await int(c, 'SELECT count(*) AS n FROM kpi_fact'), 0, 'the KPI sums no longer count generated cases');
    assert.deepEqual(
      (await c.query<{ case_id: string }>('SELECT case_id FROM kpi_dirty_case ORDER BY case_id')).map((r) => r.case_id),
      [kept.caseId, shared.caseId].sort(),
      'the kept cases are measured again',
    );
    // After a reset a new run starts afresh.
    const again = await generate(c, options(8, { cases: 20 }));
    assert.equal(again.status, 'complete');
    assert.equal(await int(c, 'SELECT count(*) AS n FROM case_record'), 22);
    assert.equal(
      await int(c, "SELECT count(*) AS n FROM user_account WHERE email LIKE '%@generated.childvoice.test'"),
      removed.staff + removed.staffKept,
      'people and staff kept by the reset are not written twice',
    );
  });

  it('validates its flags with clear messages', () => {
    const message = (args: string[]) => {
      const result = parseGeneratorArgs(args);
      assert.equal(result.ok, false);
      return result.ok ? '' : result.message;
    };
    assert.equal(message(['--cases', '-5']), '--cases must be a whole number of at least 1 (you gave -5)');
    assert.equal(message(['--cases', 'many']), '--cases must be a whole number of at least 1 (you gave many)');
    assert.equal(message(['--cases', '2.5']), '--cases must be a whole number of at least 1 (you gave 2.5)');
    assert.equal(
      message(['--cases', '10', '--years', '0']),
      '--years must be a whole number of at least 1 (you gave 0)',
    );
    assert.equal(
      message(['--cases', '10', '--foo']),
      'Unknown option --foo. Options: --cases N, --seed S, --years Y, --reset, --batch N',
    );
    assert.equal(message(['--cases']), '--cases needs a value, e.g. --cases 1000');
    assert.match(message([]), /Nothing to do/);
    assert.deepEqual(parseGeneratorArgs(['--cases', '1000', '--seed', '3', '--reset']), {
      ok: true,
      options: { cases: 1000, seed: 3, years: 10, batch: 2000, reset: true },
    });
  });

  it('exits with code 2 and the usage on bad input, before touching the database', () => {
    const run = spawnSync(process.execPath, ['scripts/generate.ts', '--cases', '-5'], {
      cwd: new URL('../../', import.meta.url),
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' },
    });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /--cases must be a whole number of at least 1 \(you gave -5\)/);
    assert.match(run.stderr, /Usage: npm run generate/);
  });
});
