import { referenceData } from '../../src/modules/organisation/service.ts';
import type { GeneratorContext } from './context.ts';
import type { CopyValue } from './copy-text.ts';
import { isoDate, isoInstant, type Language } from './family.ts';
import { generatedId, ID_KIND } from './ids.ts';
import type { PlannedReport } from './lifecycle.ts';
import { type Random, STREAM, streamFor } from './random.ts';
import type { AfterFirstHearingInput, WorkEvent, WorkRow } from './work-rows.ts';
import {
  ageGroup,
  BABY_OBSERVATIONS,
  CLOSING_SUMMARIES,
  CONTACT_KINDS,
  CONTACT_PLACES,
  CONTACT_TEXTS,
  childLetterBody,
  DISPUTE_IMPACT,
  DIVERSITY_ASPECT_TEXT,
  DIVERSITY_STATEMENTS,
  INTERPRETATIONS,
  LIVED_EXPERIENCE,
  letterAgeBand,
  MANAGER_DIRECTIONS,
  NOT_ALONE_REASONS,
  OBJECTIVES,
  OWN_WORDS,
  REFLECTS_EXPLANATIONS,
  REPORT_SECTIONS,
  REVIEW_COMMENTS,
  RISK_IMPACT,
  SESSION_PLACES,
  TIMESCALES,
  WELFARE_TEXT,
} from './work-texts.ts';
import { addWorkingDays, dayOf, workingBetween, workingTimeOn } from './working-time.ts';

/**
 * The records of the work with a family after the first hearing (DOMAIN §3.2), written by
 * the Planning, Direct work, Reports and Closing modules in the app: the case plan (1–3
 * versions) and contact log (3–15 entries) once allocated; 1–3 sessions of direct work with
 * each child, with the child's own words, then an impact analysis and a diversity record
 * for each child before the report is begun; the report with its review, filing and
 * sharing; the closing record, a letter to each child aged 4 or over and the closure.
 * Each with the timeline entries those modules write. Draws from its own stream (purpose
 * `work`), so the court's side (after-first-hearing.ts) is unchanged by it.
 */

/** Columns of the tables written here, in the order the rows give them. */
export const WORK_COLUMNS = {
  case_plan: ['case_id', 'current_version', 'review_due_on', 'updated_at'],
  case_plan_version: [
    'id',
    'case_id',
    'version',
    'objectives',
    'people',
    'tools',
    'planned_steps',
    'review_due_on',
    'sharing',
    'shared_on',
    'shared_how',
    'not_shared_reason',
    'manager_direction',
    'manager_priorities',
    'direction_by',
    'direction_at',
    'change_kind',
    'change_note',
    'created_by',
    'created_at',
  ],
  contact_log_entry: [
    'id',
    'case_id',
    'status',
    'kind',
    'held_on',
    'held_time',
    'place',
    'child_ids',
    'party_ids',
    'others',
    'what_was_said',
    'analysis',
    'actions',
    'objective_ids',
    'plan_version',
    'draft',
    'author_id',
    'version',
    'created_at',
    'updated_at',
    'recorded_at',
  ],
  direct_work_session: [
    'id',
    'case_id',
    'child_id',
    'held_on',
    'seen',
    'not_seen_reason',
    'seen_alone',
    'not_seen_alone_reason',
    'place',
    'minutes',
    'own_words',
    'words_revision',
    'interpretation',
    'created_by',
    'created_at',
    'updated_by',
    'updated_at',
    'version',
  ],
  direct_work_session_tool: ['session_id', 'tool_code'],
  direct_work_words_revision: [
    'session_id',
    'revision',
    'own_words',
    'correction_reason',
    'recorded_by',
    'recorded_at',
  ],
  child_impact_analysis: [
    'id',
    'case_id',
    'child_id',
    'lived_experience',
    'dispute_impact',
    'risk_impact',
    'welfare',
    'timescales',
    'created_by',
    'created_at',
    'updated_by',
    'updated_at',
    'version',
  ],
  child_diversity: [
    'id',
    'case_id',
    'child_id',
    'aspects',
    'relevant',
    'statement',
    'created_by',
    'created_at',
    'updated_by',
    'updated_at',
    'version',
  ],
  court_report: [
    'id',
    'case_id',
    'kind',
    'direction_id',
    'parent_report_id',
    'language',
    'status',
    'sections',
    'author_id',
    'submitted_at',
    'approved_at',
    'approved_by',
    'due_on',
    'filed_on',
    'filed_at',
    'filed_by',
    'filed_after',
    'version',
    'created_at',
    'updated_at',
  ],
  court_report_review: ['id', 'report_id', 'reviewer_id', 'decision', 'comments', 'reviewed_at'],
  court_report_share: [
    'id',
    'report_id',
    'case_id',
    'party_id',
    'child_id',
    'shared_on',
    'method',
    'reason',
    'next_hearing_on',
    'recorded_by',
    'recorded_at',
  ],
  closing_record: [
    'case_id',
    'final_order_id',
    'order_reflects',
    'reflects_explanation',
    'report_id',
    'summary',
    'recorded_by',
    'recorded_at',
    'updated_by',
    'updated_at',
    'version',
  ],
  child_letter: [
    'id',
    'case_id',
    'child_id',
    'age_band',
    'language',
    'body',
    'status',
    'produced_at',
    'produced_by',
    'author_id',
    'created_at',
    'updated_at',
    'version',
  ],
  closure_event: ['id', 'case_id', 'kind', 'reason', 'details', 'actor_id', 'occurred_at'],
} as const;

export type WorkTable = keyof typeof WORK_COLUMNS;

/** Slots of ID_KIND.afterFirstHearing ids used here (after-first-hearing.ts uses 0x000–0x2ff). */
const SLOT = {
  plan: 0x300,
  contact: 0x400,
  session: 0x500,
  impact: 0x600,
  diversity: 0x700,
  report: 0x800,
  review: 0x900,
  share: 0xa00,
  letter: 0xb00,
  closure: 0xc00,
  objective: 0xd00,
} as const;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const iso = isoInstant;

/** Age in whole years on the (UTC) day of `ms`, as a birthday counts it. */
export function ageOn(dobMs: number, ms: number): number {
  const dob = new Date(dobMs);
  const on = new Date(ms);
  const years = on.getUTCFullYear() - dob.getUTCFullYear();
  const before =
    on.getUTCMonth() < dob.getUTCMonth() ||
    (on.getUTCMonth() === dob.getUTCMonth() && on.getUTCDate() < dob.getUTCDate());
  return before ? years - 1 : years;
}

let toolCodes: string[] | null = null;
function tools(): string[] {
  toolCodes ??= referenceData().directWorkTools.map((t) => t.code);
  return toolCodes;
}

/** What the court side decided, which the work records follow. */
export interface WorkFacts {
  /** The direction each planned report answers (the first report's and the addendum's). */
  directionIds: string[];
  /** The final order, once recorded. */
  finalOrderId: string | null;
}

export function workRecords(
  ctx: GeneratorContext,
  input: AfterFirstHearingInput,
  facts: WorkFacts,
  worker: (ms: number) => string,
): { rows: WorkRow[]; events: WorkEvent[] } {
  const { caseId, family, life, children, parties } = input;
  const rows: WorkRow[] = [];
  const events: WorkEvent[] = [];
  const after = life.after!;
  const until = ctx.untilMs;
  const random: Random = streamFor(ctx.seed, family.index, STREAM.work);
  const index = family.index;
  const id = (slot: number, n: number) =>
    generatedId(ctx.tag, ID_KIND.afterFirstHearing, index, slot + Math.min(n, 0xff), random.uint32());
  const row = (table: WorkTable, values: CopyValue[]) => rows.push({ table, values });
  const event = (
    ms: number,
    kind: WorkEvent['kind'],
    actor: string | null,
    details: object,
    childId: string | null = null,
  ) =>
    events.push({
      ms,
      occurredAt: iso(ms),
      kind,
      childId,
      actorUserId: actor,
      body: null,
      details: JSON.stringify(details),
    });
  const manager = life.managerUserId;
  const caseLanguage: Language = family.caseLanguage;
  /** Work stops at withdrawal or closure, and nothing is written after `until`. */
  const endMs = Math.min(until, life.closeMs);
  const firstReport = after.reports[0] ?? null;
  const reportStartMs = firstReport && firstReport.startedMs < endMs ? firstReport.startedMs : null;
  const lastFilingMs = after.reports.at(-1)?.filedMs ?? after.withdrawnMs ?? life.closeMs;

  // The case plan: written within days of allocation; some get a manager's direction and an update.
  const firstStep = random.int(1, 6) * HOUR + random.int(0, 2) * DAY;
  const planStart =
    after.allocatedMs +
    (reportStartMs === null ? firstStep : Math.min(firstStep, (reportStartMs - after.allocatedMs) / 4));
  const objectiveIds = OBJECTIVES.map((_, k) => `${caseId.slice(0, 8)}-o${k + 1}`);
  const chosen = [0, ...(family.adults.length > 1 ? [2] : []), random.chance(0.5) ? 4 : 3];
  const planTools = [tools()[0]!, random.pick(tools())].filter((t, k, all) => all.indexOf(t) === k);
  const versionCount = 1 + random.weighted([0.45, 0.35, 0.2]);
  let planVersion = 0;
  for (let v = 1; v <= versionCount; v += 1) {
    const atMs =
      v === 1
        ? planStart
        : workingBetween(random, planStart + HOUR, Math.max(planStart + 2 * HOUR, lastFilingMs - DAY));
    if (atMs > endMs) break;
    const direction = v === 2 && random.chance(0.7);
    const author = direction ? manager : worker(atMs);
    const reviewDue = addWorkingDays(dayOf(atMs), 20);
    const shared = v === 1 ? random.chance(0.8) : true;
    row('case_plan_version', [
      id(SLOT.plan, v - 1),
      caseId,
      v,
      JSON.stringify(chosen.map((k) => ({ id: objectiveIds[k]!, text: OBJECTIVES[k]! }))),
      JSON.stringify([
        ...children.map((c) => ({ kind: 'child', id: c.id })),
        ...parties.map((p) => ({ kind: 'party', id: p.id })),
        { kind: 'other', name: 'Designated safeguarding lead, school' },
      ]),
      planTools,
      JSON.stringify([
        { what: 'Home visit to each parent', on: isoDate(addWorkingDays(dayOf(atMs), 5)) },
        { what: 'Session with each child', on: isoDate(addWorkingDays(dayOf(atMs), 10)) },
      ]),
      isoDate(reviewDue),
      shared ? 'shared' : 'not-yet',
      shared ? isoDate(addWorkingDays(dayOf(atMs), 1)) : null,
      shared ? random.pick(['letter', 'email', 'telephone']) : null,
      null,
      direction || v === 1 ? random.pick(MANAGER_DIRECTIONS) : null,
      JSON.stringify(direction ? ['See each child alone', 'Risk analysis first'] : []),
      direction || v === 1 ? manager : null,
      direction || v === 1 ? iso(atMs) : null,
      direction ? 'direction' : 'plan',
      v === 1 ? null : direction ? 'Manager’s direction after supervision.' : 'Updated after the school visit.',
      author,
      iso(atMs),
    ]);
    event(atMs, direction ? 'planning.direction-given' : 'planning.plan-saved', author, {
      version: v,
      fields: v === 1 ? ['objectives', 'people', 'tools', 'steps'] : direction ? ['direction'] : ['steps'],
    });
    planVersion = v;
  }
  if (planVersion > 0) {
    const last = rows.filter((r) => r.table === 'case_plan_version').at(-1)!;
    row('case_plan', [caseId, planVersion, last.values[7]!, last.values[19]!]);
  }

  // The contact log: interviews, visits, calls, e-mails and meetings until the last filing.
  const contacts = random.int(3, 15);
  const contactTimes: number[] = [];
  for (let k = 0; k < contacts; k += 1)
    contactTimes.push(workingBetween(random, planStart + HOUR, Math.max(planStart + 2 * HOUR, lastFilingMs - HOUR)));
  contactTimes.sort((a, b) => a - b);
  contactTimes.forEach((heldMs, k) => {
    const recordedMs = heldMs + random.int(30, 240) * MINUTE;
    if (recordedMs > endMs || planVersion === 0) return;
    const kind = CONTACT_KINDS[random.weighted([0.3, 0.25, 0.25, 0.1, 0.1])]!;
    const [said, analysis, actions] = random.pick(CONTACT_TEXTS[kind]);
    const party = parties.length > 0 ? random.pick(parties).id : null;
    const entryId = id(SLOT.contact, k);
    const author = worker(heldMs);
    const minute = Math.floor((heldMs % DAY) / MINUTE);
    row('contact_log_entry', [
      entryId,
      caseId,
      'recorded',
      kind,
      isoDate(heldMs),
      `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}:00`,
      CONTACT_PLACES[kind],
      [],
      kind === 'call' || kind === 'meeting' || !party ? [] : [party],
      kind === 'call' || kind === 'meeting' ? ['Professional'] : [],
      said,
      analysis,
      actions,
      [objectiveIds[random.pick(chosen)]!],
      1,
      null,
      author,
      2,
      iso(heldMs),
      iso(recordedMs),
      iso(recordedMs),
    ]);
    event(recordedMs, 'planning.contact-recorded', author, {
      entryId,
      contactKind: kind,
      heldOn: isoDate(heldMs),
      objectives: 1,
    });
  });

  // Direct work with each child, before the report is begun; then the analyses.
  const sessionEnd = reportStartMs ?? endMs;
  const words: Record<string, string> = {};
  const sessionsOf: Record<string, string> = {};
  let sessions = 0;
  children.forEach((child, c) => {
    const person = family.children[c]!.person;
    const language: Language = caseLanguage === 'cy' || person.languagePreference === 'cy' ? 'cy' : 'en';
    const count = random.int(1, 3);
    for (let k = 0; k < count; k += 1) {
      const heldMs = Math.min(
        workingBetween(random, planStart, Math.max(planStart + HOUR, sessionEnd - 2 * HOUR)),
        sessionEnd - 2 * HOUR,
      );
      const group = ageGroup(ageOn(person.dobMs, heldMs));
      const recordedMs = Math.min(heldMs + random.int(30, 180) * MINUTE, sessionEnd - MINUTE);
      if (recordedMs > endMs || recordedMs <= after.allocatedMs) continue;
      const sessionId = id(SLOT.session, sessions++);
      const author = worker(heldMs);
      const alone = group !== 'baby' && random.chance(0.9);
      const ownWords = group === 'baby' ? '' : random.pick(OWN_WORDS[language][group]);
      if (ownWords) {
        words[child.id] = ownWords;
        sessionsOf[child.id] = sessionId;
      }
      row('direct_work_session', [
        sessionId,
        caseId,
        child.id,
        isoDate(heldMs),
        true,
        null,
        alone,
        alone ? null : group === 'baby' ? NOT_ALONE_REASONS[0]! : NOT_ALONE_REASONS[1]!,
        random.pick(SESSION_PLACES),
        random.int(2, 9) * 10,
        ownWords,
        1,
        group === 'baby' ? random.pick(BABY_OBSERVATIONS) : random.pick(INTERPRETATIONS),
        author,
        iso(recordedMs),
        null,
        iso(recordedMs),
        1,
      ]);
      const used = group === 'baby' ? ['observation'] : [random.pick(tools().filter((t) => t !== 'observation'))];
      for (const tool of used) if (tools().includes(tool)) row('direct_work_session_tool', [sessionId, tool]);
      row('direct_work_words_revision', [sessionId, 1, ownWords, null, author, iso(recordedMs)]);
      event(
        recordedMs,
        'direct-work.session-recorded',
        author,
        { sessionId, heldOn: isoDate(heldMs), seen: true, seenAlone: alone },
        child.id,
      );
    }
  });
  // The impact analysis and the diversity record of each child, just before the report is begun.
  if (reportStartMs !== null) {
    children.forEach((child, c) => {
      const atMs = reportStartMs - random.int(10, 120) * MINUTE - c * MINUTE;
      const author = worker(atMs);
      const impactId = id(SLOT.impact, c);
      row('child_impact_analysis', [
        impactId,
        caseId,
        child.id,
        random.pick(LIVED_EXPERIENCE),
        random.pick(DISPUTE_IMPACT),
        random.pick(RISK_IMPACT),
        JSON.stringify(WELFARE_TEXT),
        random.pick(TIMESCALES),
        author,
        iso(atMs),
        null,
        iso(atMs),
        1,
      ]);
      event(atMs, 'direct-work.impact-recorded', author, { impactId, version: 1 }, child.id);
      const relevant = family.welsh ? true : random.chance(0.15);
      const statement = relevant
        ? family.welsh
          ? DIVERSITY_STATEMENTS.relevant[0]!
          : DIVERSITY_STATEMENTS.relevant[1]!
        : DIVERSITY_STATEMENTS['not-relevant'][0]!;
      const aspects = { ...DIVERSITY_ASPECT_TEXT };
      if (family.welsh) aspects.language = 'Welsh and English at home; Welsh-medium school.';
      const diversityId = id(SLOT.diversity, c);
      row('child_diversity', [
        diversityId,
        caseId,
        child.id,
        JSON.stringify(aspects),
        relevant,
        statement,
        author,
        iso(atMs + 30_000),
        null,
        iso(atMs + 30_000),
        1,
      ]);
      event(atMs + 30_000, 'direct-work.diversity-recorded', author, { diversityId, version: 1 }, child.id);
    });
  }

  // The reports: begun, submitted, reviewed (unless the author self-regulates), filed and shared.
  let filedReportId: string | null = null;
  let parentId: string | null = null;
  after.reports.forEach((r: PlannedReport, n) => {
    if (r.startedMs > endMs) return;
    const reportId = id(SLOT.report, n);
    const kind =
      r.kind === 'addendum' ? 'addendum' : input.family.applicationType === 'rule-16-4' ? 'rule-16-4' : 'section-7';
    const author = worker(r.startedMs);
    const withdrawn = after.withdrawnMs !== null;
    const selfRegulating = random.chance(0.3);
    const returnedOnce = !selfRegulating && random.chance(0.15);
    const submitMs = selfRegulating ? null : Math.max(r.startedMs + HOUR, r.filedMs - random.int(1, 4) * DAY);
    const firstSubmitMs =
      returnedOnce && submitMs !== null ? Math.max(r.startedMs + 30 * MINUTE, submitMs - random.int(1, 3) * DAY) : null;
    const approveMs = selfRegulating ? null : r.filedMs - random.int(20, 120) * MINUTE;
    const at = (ms: number | null) => ms !== null && ms <= until && !withdrawn;
    const filed = at(r.filedMs);
    let status = 'draft';
    if (filed) status = 'filed';
    else if (at(approveMs) && approveMs! > (submitMs ?? 0)) status = 'approved';
    else if (at(submitMs)) status = 'submitted';
    else if (at(firstSubmitMs)) status = at(firstSubmitMs! + HOUR) ? 'returned' : 'submitted';
    const wishes: Record<string, string> = {};
    const wordsReason: Record<string, string> = {};
    const needs: Record<string, string> = {};
    for (const child of children) {
      if (words[child.id]) wishes[child.id] = `${words[child.id]} [[words:${sessionsOf[child.id]}]]`;
      else wordsReason[child.id] = 'Too young to give their views in words; observed with each parent.';
      needs[child.id] = 'Settled at school and in good health; needs consistency and an end to the conflict.';
    }
    const sections = {
      ...REPORT_SECTIONS,
      wishes,
      wordsReason,
      needs,
      diversity: {},
      diversityRelevant: {},
      orders: ['C43'],
      ignoredWords: [],
    };
    const reviews: [string, number, string | null][] = [];
    if (firstSubmitMs !== null) reviews.push(['returned', firstSubmitMs + HOUR, random.pick(REVIEW_COMMENTS)]);
    if (approveMs !== null) reviews.push(['approved', approveMs, null]);
    const written = reviews.filter(([, ms]) => at(ms));
    const lastChange = Math.max(
      r.startedMs,
      ...[firstSubmitMs, submitMs, ...written.map(([, ms]) => ms), filed ? r.filedMs : null].filter(
        (ms): ms is number => ms !== null && at(ms),
      ),
    );
    row('court_report', [
      reportId,
      caseId,
      kind,
      facts.directionIds[n]!,
      r.kind === 'addendum' ? parentId : null,
      caseLanguage,
      status,
      JSON.stringify(sections),
      author,
      at(submitMs) ? iso(submitMs!) : at(firstSubmitMs) ? iso(firstSubmitMs!) : null,
      written.some(([d]) => d === 'approved') ? iso(approveMs!) : null,
      written.some(([d]) => d === 'approved') ? manager : null,
      isoDate(r.dueDayMs),
      filed ? isoDate(r.filedMs) : null,
      filed ? iso(r.filedMs) : null,
      filed ? author : null,
      filed ? (selfRegulating ? 'self-regulating' : 'review') : null,
      1 + (at(firstSubmitMs) ? 1 : 0) + (at(submitMs) ? 1 : 0) + written.length + (filed ? 1 : 0),
      iso(r.startedMs),
      iso(lastChange),
    ]);
    event(r.startedMs, 'reports.started', author, { reportId, reportKind: kind, directionId: facts.directionIds[n] });
    if (at(firstSubmitMs)) event(firstSubmitMs!, 'reports.submitted', author, { reportId, reportKind: kind });
    written.forEach(([decision, ms, comments], k) => {
      const reviewId = id(SLOT.review, n * 4 + k);
      row('court_report_review', [reviewId, reportId, manager, decision, comments, iso(ms)]);
      if (decision === 'approved' && at(submitMs))
        event(submitMs!, 'reports.submitted', author, { reportId, reportKind: kind });
      event(ms, decision === 'approved' ? 'reports.approved' : 'reports.returned', manager, { reportId, reviewId });
    });
    if (!filed) return;
    filedReportId = r.kind === 'first' ? reportId : (filedReportId ?? reportId);
    parentId = parentId ?? reportId;
    const onTime = dayOf(r.filedMs) <= r.dueDayMs;
    event(r.filedMs, 'reports.filed', author, {
      reportId,
      reportKind: kind,
      dueOn: isoDate(r.dueDayMs),
      filedOn: isoDate(r.filedMs),
      onTime,
      daysLate: onTime ? 0 : Math.round((dayOf(r.filedMs) - r.dueDayMs) / DAY),
      withoutReview: selfRegulating,
    });
    // Shared with each party within two working days, before the next hearing.
    const nextHearing = after.hearings.find((h) => h.startMs > r.filedMs) ?? null;
    const sharedDay = Math.min(
      addWorkingDays(dayOf(r.filedMs), random.int(0, 2)),
      nextHearing ? dayOf(nextHearing.startMs) : Infinity,
    );
    const sharedMs = Math.max(r.filedMs + 10 * MINUTE, workingTimeOn(sharedDay, random));
    if (sharedMs > endMs || parties.length === 0) return;
    const method = random.pick(['email', 'email', 'post', 'secure-portal', 'through-solicitor']);
    parties.forEach((p, k) => {
      row('court_report_share', [
        id(SLOT.share, n * 8 + k),
        reportId,
        caseId,
        p.id,
        null,
        isoDate(sharedDay),
        method,
        null,
        nextHearing ? isoDate(nextHearing.startMs) : null,
        author,
        iso(sharedMs),
      ]);
    });
    event(sharedMs, 'reports.shared', author, {
      reportId,
      recipients: parties.length,
      sharedOn: isoDate(sharedDay),
      method,
      nextHearingOn: nextHearing ? isoDate(nextHearing.startMs) : null,
      afterHearing: false,
    });
  });

  // Closing: the closing record and a letter to each child aged 4 or over, then the closure.
  const finalOrderMs = after.finalOrderMs;
  if (finalOrderMs === null || finalOrderMs > until || facts.finalOrderId === null) return { rows, events };
  const closeMs = life.closeMs;
  const span = Math.max(2 * HOUR, closeMs - finalOrderMs);
  const recordMs = finalOrderMs + Math.floor(span * (0.2 + 0.3 * random.next()));
  const closer = worker(closeMs - MINUTE);
  if (recordMs <= until) {
    const reflects = filedReportId
      ? random.pick(['yes', 'yes', 'yes', 'yes', 'yes', 'yes', 'partly', 'no'])
      : 'no-recommendation';
    row('closing_record', [
      caseId,
      facts.finalOrderId,
      reflects,
      reflects === 'partly' || reflects === 'no' ? random.pick(REFLECTS_EXPLANATIONS) : null,
      filedReportId,
      random.pick(CLOSING_SUMMARIES),
      closer,
      iso(recordMs),
      closer,
      iso(recordMs),
      1,
    ]);
    event(recordMs, 'closing.record-saved', closer, {
      finalOrderId: facts.finalOrderId,
      orderReflects: reflects,
      reportId: filedReportId,
    });
  }
  const withoutLetter: string[] = [];
  children.forEach((child, c) => {
    const person = family.children[c]!.person;
    const band = letterAgeBand(ageOn(person.dobMs, recordMs));
    if (!band) return;
    const letterMs = recordMs + (c + 1) * random.int(10, 60) * MINUTE;
    if (letterMs >= closeMs || random.chance(0.04)) {
      withoutLetter.push(child.id);
      return;
    }
    if (letterMs > until) return;
    const language: Language = person.languagePreference === 'cy' ? 'cy' : caseLanguage;
    const letterId = id(SLOT.letter, c);
    row('child_letter', [
      letterId,
      caseId,
      child.id,
      band,
      language,
      childLetterBody(language, person.givenNames.split(' ')[0]!, band),
      'produced',
      iso(letterMs),
      closer,
      closer,
      iso(letterMs - 20 * MINUTE),
      iso(letterMs),
      2,
    ]);
    event(letterMs, 'closing.child-letter', closer, { letterId, ageBand: band, language, documentIds: [] }, child.id);
  });
  if (closeMs <= until)
    row('closure_event', [
      id(SLOT.closure, 0),
      caseId,
      'closed',
      null,
      JSON.stringify({ childrenWithoutLetter: withoutLetter, invitationIds: [] }),
      closer,
      iso(closeMs),
    ]);
  return { rows, events };
}
