import { referenceData } from '../../src/modules/organisation/service.ts';
import type { GeneratorContext } from './context.ts';
import type { CopyValue } from './copy-text.ts';
import { type Family, type FamilyAdult, isoDate, isoInstant } from './family.ts';
import { generatedId, ID_KIND } from './ids.ts';
import { type Lifecycle, stageAt } from './lifecycle.ts';
import { mix32, type Random, STREAM, streamFor } from './random.ts';
import { addWorkingDays, dayOf, workingTimeOn } from './working-time.ts';

/**
 * The private-law work to the first hearing (DOMAIN §3.1): the court's dates and what the
 * applicant alleged, risk signals, screening, police and local-authority checks, interviews,
 * the safeguarding letter and its review, the FHDRA and its outcome with the court's
 * direction and the next hearing, and the timeline entries the app writes for each
 * (`screening.recorded`, `checks.returned`, `interviews.recorded`, `letters.filed`,
 * `first-hearing.recorded` and `state.<event>`). Only what has happened by the run's
 * `until` is written, consistent with the case's planned milestones.
 */

/** Columns of the tables written here, in the order the rows give them. */
export const FIRST_HEARING_COLUMNS = {
  hmcts_case: [
    'ccd_id',
    'case_id',
    'court_state',
    'payload_hash',
    'court_last_modified',
    'first_seen_at',
    'last_seen_at',
  ],
  case_court_dates: [
    'case_id',
    'letter_due_on',
    'court_state',
    'court_reference',
    'orders_applying_for',
    'allegations_of_harm',
    'allegations_detail',
    'interpreter_needs',
    'updated_at',
  ],
  risk_signal: ['id', 'case_id', 'kind', 'source', 'detail', 'created_at'],
  screening: [
    'case_id',
    'risk_flags',
    'other_risk',
    'decision',
    'rationale',
    'due_on',
    'screened_by',
    'screened_at',
    'version',
  ],
  child_protection_referral: [
    'id',
    'case_id',
    'local_authority_code',
    'method',
    'content',
    'sent_at',
    'sent_by',
    'made_at',
  ],
  safeguarding_check: [
    'id',
    'case_id',
    'kind',
    'party_id',
    'local_authority_code',
    'requested_on',
    'due_on',
    'returned_on',
    'outcome',
    'concerns',
    'addendum_needed',
    'last_chased_on',
    'chase_count',
    'version',
    'created_by',
    'created_at',
    'updated_at',
  ],
  safeguarding_interview: [
    'id',
    'case_id',
    'party_id',
    'held_on',
    'method',
    'domestic_abuse_screening',
    'summary',
    'on_hearing_day',
    'interviewer_id',
    'created_at',
  ],
  safeguarding_letter: [
    'id',
    'case_id',
    'kind',
    'status',
    'language',
    'sections',
    'recommendation',
    'unreturned_checks_statement',
    'due_on',
    'author_id',
    'submitted_at',
    'filed_on',
    'filed_at',
    'filed_by',
    'version',
    'created_at',
    'updated_at',
  ],
  letter_review: ['id', 'letter_id', 'reviewer_id', 'decision', 'comments', 'reviewed_at'],
  first_hearing_outcome: [
    'case_id',
    'heard_on',
    'outcome',
    'orders_made',
    'report_type',
    'filing_due_on',
    'next_hearing_on',
    'child_protection_referral_made',
    'notes',
    'recorded_by',
    'recorded_at',
  ],
  hearing: [
    'id',
    'case_id',
    'source_ref',
    'type_code',
    'type_label',
    'status',
    'starts_at',
    'ends_at',
    'venue',
    'days',
    'outcome',
    'created_at',
    'updated_at',
  ],
  court_direction: [
    'id',
    'case_id',
    'order_id',
    'report_type',
    'report_label',
    'due_on',
    'source',
    'filed_on',
    'created_at',
    'created_by',
    'updated_at',
  ],
} as const;

export type FirstHearingTable = keyof typeof FIRST_HEARING_COLUMNS;

export interface TableRow {
  table: FirstHearingTable;
  values: CopyValue[];
}

/** Timeline kinds written here, as the app's modules write them. */
export type FirstHearingEventKind =
  | 'screening.recorded'
  | 'checks.returned'
  | 'interviews.recorded'
  | 'letters.filed'
  | 'first-hearing.recorded'
  | `state.${string}`;

/** A timeline row (the shape of cases.ts's EventRow). */
export interface FirstHearingEvent {
  ms: number;
  occurredAt: string;
  kind: FirstHearingEventKind;
  childId: null;
  actorUserId: string | null;
  body: null;
  details: string;
}

export interface FirstHearingRecords {
  rows: TableRow[];
  events: FirstHearingEvent[];
  /** State moves written to the timeline (each one bumps the case's version in the app). */
  stateMoves: number;
  /** The case's CCD id when it came through the HMCTS feed (its hearings then carry HMC ids). */
  ccdId: string | null;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const iso = isoInstant;

/** Slots of ID_KIND.firstHearing ids within a case (256 of each). */
const SLOT = {
  risk: 0x000,
  referral: 0x100,
  check: 0x200,
  interview: 0x300,
  letter: 0x400,
  review: 0x500,
  hearing: 0x600,
  direction: 0x700,
} as const;

/** The court's labels of the reports it directs at the FHDRA. */
export const REPORT_LABELS: Record<string, string> = {
  'section-7': 'Section 7 report',
  'rule-16-4': 'Children’s guardian’s report',
  s16a: 'Section 16A risk assessment',
  'child-impact': 'Child impact assessment',
};

/**
 * The id of the direction the FHDRA's outcome gives (the work after the first hearing
 * refers to it). Drawn from no stream, so both sides work it out alike.
 */
export function directionId(ctx: GeneratorContext, index: number): string {
  return generatedId(ctx.tag, ID_KIND.firstHearing, index, SLOT.direction, mix32(index ^ ctx.tag.low));
}

/**
 * The report the FHDRA directs when there is further work: a children's guardian's report
 * in a rule 16.4 case, otherwise a section 7 report (the reports the Reports module writes).
 */
export function firstReportType(applicationType: string): 'section-7' | 'rule-16-4' {
  return applicationType === 'rule-16-4' ? 'rule-16-4' : 'section-7';
}

/** Digital C100 applications come through the HMCTS feed (England only) from this date. */
const HMCTS_FROM_MS = Date.UTC(2022, 0, 1);

let courtNames: Map<string, string> | null = null;
export function courtName(courtId: string | null): string | null {
  if (!courtId) return null;
  courtNames ??= new Map(referenceData().courts.map((c) => [c.id, c.name]));
  return courtNames.get(courtId) ?? null;
}

const RATIONALES: Record<string, readonly string[]> = {
  standard: [
    'No immediate risk identified from the application. Standard checks and interviews before the FHDRA.',
    'Allegations noted; no child-protection concerns requiring immediate referral. Standard route.',
    'Application screened against the risk indicators; proceed with police and local-authority checks.',
  ],
  'fast-track': [
    'Hearing listed early: checks requested the same day and interviews booked this week.',
    'Short timescale to the first hearing; fast-track the checks and letter.',
  ],
  'child-protection-referral': [
    'Disclosure in the application of harm to a child: referral made to children’s services today.',
    'Risk of significant harm indicated; immediate referral to the local authority before checks.',
  ],
};

const CONCERNS = {
  police: [
    'Two call-outs to the home address for verbal disputes; no charges.',
    'Conviction for common assault against a former partner (five years ago).',
    'Non-molestation order against this party, now expired.',
    'Arrest for drink-driving; cautioned.',
    'Domestic incident reported by the other party last year; no further action.',
  ],
  'local-authority': [
    'Child in need plan closed two years ago; concerns about neglect at the time.',
    'Referral from the school about the child’s attendance; assessment completed, no further action.',
    'Previous child protection plan (category emotional harm), ended when the parents separated.',
    'Early help involvement for parenting support last year.',
  ],
} as const;

const INTERVIEW_SUMMARIES = [
  'Spoke about the arrangements they want for the children and their worries about the other parent.',
  'Described the history of the relationship and the current contact; no safety concerns raised.',
  'Raised concerns about the other party’s behaviour during handovers; agreed to consider supported contact.',
  'Open to mediation; wants the children to keep a relationship with both parents.',
  'Disclosed controlling behaviour during the relationship; signposted to local domestic abuse services.',
];

const LETTER_SECTIONS = {
  checks: 'Police and local-authority checks were requested for both parties. The results are summarised below.',
  interviews: 'Both parties were spoken to about the application and the safety of the children.',
  'risk-analysis':
    'Having considered the checks and what the parties said, the risks to the children are set out below.',
  signposting: 'The parties were told about mediation, the Separated Parents Information Programme and support.',
};

const CP_REFERRAL_TEXT =
  'Referral made at screening of a private-law application: the application discloses a risk of significant harm ' +
  'to the children. Please confirm receipt and tell us the outcome of your enquiries.';

/** The court's own state of the case, roughly matching our work state. */
function courtStateFor(stage: string): string {
  switch (stage) {
    case 'received':
    case 'screening':
      return 'CASE_ISSUED';
    case 'safeguarding-checks':
    case 'awaiting-first-hearing':
      return 'PREPARE_FOR_HEARING_CONDUCT_HEARING';
    case 'closing':
    case 'closed':
      return 'ALL_FINAL_ORDERS_ISSUED';
    default:
      return 'DECISION_OUTCOME';
  }
}

function hexDigits(random: Random, words: number): string {
  let out = '';
  for (let k = 0; k < words; k += 1) out += random.uint32().toString(16).padStart(8, '0');
  return out;
}

/** When a check comes back: usually within its time, some late, a few very late. */
function returnDay(random: Random, requestedDay: number, dueDay: number, kind: 'police' | 'local-authority'): number {
  const r = random.next();
  if (kind === 'police') {
    if (r < 0.82) return addWorkingDays(requestedDay, random.int(0, 2));
    if (r < 0.96) return addWorkingDays(dueDay, random.int(1, 4));
    return addWorkingDays(dueDay, random.int(5, 15));
  }
  if (r < 0.6) return addWorkingDays(requestedDay, random.int(1, 5));
  if (r < 0.9) return addWorkingDays(dueDay, random.int(1, 5));
  return addWorkingDays(dueDay, random.int(6, 15));
}

function outcomeOf(random: Random, kind: 'police' | 'local-authority', raised: boolean): string {
  const concerns = kind === 'police' ? (raised ? 0.35 : 0.1) : raised ? 0.25 : 0.12;
  const held = kind === 'police' ? 0.28 : 0.3;
  const r = random.next();
  return r < concerns ? 'concerns' : r < concerns + held ? 'information-held' : 'no-record';
}

export interface FirstHearingInput {
  caseId: string;
  family: Family;
  life: Lifecycle;
  /** The case's adult parties, in the order of `family.adults`. */
  parties: readonly { id: string }[];
  /** The adult whose contact details are confidential (domestic abuse), if any. */
  victim: FamilyAdult | null;
}

/** Everything of the work to the first hearing of a private-law case, as it stands at the run's `until`. */
export function firstHearingRecords(ctx: GeneratorContext, input: FirstHearingInput): FirstHearingRecords {
  const { caseId, family, life, parties, victim } = input;
  const rows: TableRow[] = [];
  const events: FirstHearingEvent[] = [];
  let stateMoves = 0;
  let ccdId: string | null = null;
  const result = () => ({ rows, events, stateMoves, ccdId });
  if (family.law !== 'private' || life.letterDueDayMs === null) return result();

  const random = streamFor(ctx.seed, family.index, STREAM.safeguarding);
  const until = ctx.untilMs;
  const untilDay = dayOf(until);
  const index = family.index;
  const id = (slot: number, n: number) => generatedId(ctx.tag, ID_KIND.firstHearing, index, slot + n, random.uint32());
  const row = (table: FirstHearingTable, values: CopyValue[]) => rows.push({ table, values });
  const event = (ms: number, kind: FirstHearingEventKind, actorUserId: string | null, details: object) => {
    if (ms <= until)
      events.push({
        ms,
        occurredAt: iso(ms),
        kind,
        childId: null,
        actorUserId,
        body: null,
        details: JSON.stringify(details),
      });
  };
  const milestone = (stage: string) => life.milestones.find((m) => m.stage === stage)?.atMs ?? null;
  const move = (ms: number | null, type: string, from: string, to: string, actor: string | null, extra = {}) => {
    if (ms === null || ms > until) return;
    event(ms, `state.${type}`, actor, { from, to, ...extra });
    stateMoves += 1;
  };

  const t0 = family.receivedAtMs;
  const fhMs = life.firstHearingMs;
  const fhDay = dayOf(fhMs);
  const stageNow = stageAt(life, until);
  const seo = life.allocations.find((a) => a.role === 'seo')?.userId ?? life.managerUserId;
  const screener = life.intakeUserId;
  const adults = family.adults;
  const otherParty = victim ? (adults.find((a) => a !== victim) ?? null) : null;
  const closedAtFirstHearing = life.closing === 'first-hearing';
  const endsAtFirstHearing = closedAtFirstHearing ? life.closeMs : milestone('awaiting-allocation');

  // What the applicant asked for and alleged (from the application, so known from receipt).
  const type = family.applicationType;
  const orders: string[] = [];
  if (type === 'enforcement') orders.push('enforcementOrder');
  else if (type === 'leave-to-remove') orders.push('specificIssueOrder');
  else {
    orders.push('childArrangementsOrder');
    if (random.chance(0.2)) orders.push('prohibitedStepsOrder');
    if (random.chance(0.1)) orders.push('specificIssueOrder');
  }
  const allegations: string[] = [];
  if (victim) allegations.push('domestic-abuse');
  if (random.chance(victim ? 0.2 : 0.07)) allegations.push('child-abuse');
  if (random.chance(type === 'leave-to-remove' ? 0.3 : 0.03)) allegations.push('abduction');
  if (random.chance(0.1)) allegations.push('substance-misuse');
  const interpreterNeeds = parties
    .map((p, k) => ({ partyId: p.id, language: adults[k]!.person.interpreterLanguage }))
    .filter((n) => n.language !== null);
  const hmcts = family.area.nation === 'england' && type === 'c100' && t0 >= HMCTS_FROM_MS && random.chance(0.8);
  ccdId = hmcts ? `9${String(ctx.tag.low % 1_000_000).padStart(6, '0')}${String(index).padStart(9, '0')}` : null;
  const courtReference =
    ccdId ??
    `${String.fromCharCode(65 + random.int(0, 25), 65 + random.int(0, 25))}${String(new Date(t0).getUTCFullYear() % 100).padStart(2, '0')}P${String(random.int(0, 99999)).padStart(5, '0')}`;
  const courtState = courtStateFor(stageNow);
  const lastCourtChange = Math.min(until, stageNow === 'closed' ? life.closeMs : fhMs <= until ? fhMs + 6 * HOUR : t0);
  if (ccdId) {
    row('hmcts_case', [
      ccdId,
      caseId,
      courtState,
      hexDigits(random, 8),
      iso(lastCourtChange),
      iso(t0 - random.int(10, 120) * MINUTE),
      iso(Math.max(t0, Math.min(until, life.closeMs + 30 * DAY) - random.int(1, 12) * HOUR)),
    ]);
  }
  const allegationsDetail =
    allegations.length > 0
      ? `The applicant alleges ${allegations.map((a) => a.replace('-', ' ')).join(', ')}; details in the application.`
      : null;
  row('case_court_dates', [
    caseId,
    isoDate(life.letterDueDayMs),
    courtState,
    courtReference,
    orders,
    allegations,
    allegationsDetail,
    JSON.stringify(interpreterNeeds),
    iso(lastCourtChange),
  ]);

  // Signals that came with the application.
  let risks = 0;
  const signal = (kind: string, source: string, detail: string | null) =>
    row('risk_signal', [id(SLOT.risk, risks++), caseId, kind, source, detail, iso(t0)]);
  if (victim && ccdId && random.chance(0.7)) signal('miam-domestic-abuse', 'hmcts', 'MIAM exemption: domestic abuse');
  if (allegations.includes('child-abuse') && ccdId && random.chance(0.5))
    signal('miam-child-protection', 'hmcts', 'MIAM exemption: child protection concerns');
  if (random.chance(0.08)) signal('known-to-local-authority', ccdId ? 'hmcts' : 'intake', null);
  if (!ccdId && allegations.length > 0 && random.chance(0.6))
    signal('allegation', 'intake', `Allegations in the application: ${allegations.join(', ')}`);

  // The FHDRA, listed when the case was issued.
  const fhHearingId = id(SLOT.hearing, 0);
  const venue = courtName(life.courtId);
  const fhHeld = fhMs <= until;
  const outcome = closedAtFirstHearing ? 'resolved' : 'further-work';
  const hearingRow = (hid: string, n: number, code: string, label: string, startMs: number, createdMs: number) => {
    const held = startMs <= until;
    row('hearing', [
      hid,
      caseId,
      ccdId ? `${ccdId.slice(-6)}${n}${String(random.int(0, 999)).padStart(3, '0')}` : null,
      code,
      label,
      held ? 'COMPLETED' : 'LISTED',
      iso(startMs),
      iso(startMs + 2 * HOUR),
      venue,
      JSON.stringify([{ date: isoDate(startMs), startsAt: iso(startMs), endsAt: iso(startMs + 2 * HOUR) }]),
      held && n === 0 ? outcome : null,
      iso(createdMs),
      iso(held ? Math.min(until, startMs + 6 * HOUR) : createdMs),
    ]);
  };
  hearingRow(fhHearingId, 0, 'ABA5-FHD', 'First Hearing Dispute Resolution Appointment', fhMs, t0);

  // Screening.
  const startedMs = milestone('screening');
  const screenedMs = milestone('safeguarding-checks');
  move(startedMs, 'screening-started', 'received', 'screening', screener);
  if (screenedMs === null || screenedMs > until) return result();
  const flags = [...allegations];
  if (random.chance(0.06)) flags.push('mental-health');
  const other = random.chance(0.02);
  if (other) flags.push('other');
  const canRefer = family.area.localAuthorityCodes.length > 0;
  const decision =
    canRefer && random.chance(allegations.includes('child-abuse') ? 0.18 : 0.012)
      ? 'child-protection-referral'
      : random.chance(0.1)
        ? 'fast-track'
        : 'standard';
  const screenedDay = dayOf(screenedMs);
  row('screening', [
    caseId,
    flags,
    other ? 'Concerns about a new partner living at the home.' : null,
    decision,
    random.pick(RATIONALES[decision]!),
    isoDate(addWorkingDays(dayOf(t0), 1)),
    screener,
    iso(screenedMs),
    1,
  ]);
  event(screenedMs, 'screening.recorded', screener, { decision, riskFlags: flags });
  move(
    screenedMs,
    'screened',
    startedMs !== null && startedMs <= screenedMs ? 'screening' : 'received',
    'safeguarding-checks',
    screener,
    {
      decision,
    },
  );
  let referralMade = false;
  if (decision === 'child-protection-referral') {
    const sentMs = screenedMs + random.int(10, 90) * MINUTE;
    if (sentMs <= until) {
      referralMade = true;
      row('child_protection_referral', [
        id(SLOT.referral, 0),
        caseId,
        random.pick(family.area.localAuthorityCodes),
        random.pick(['secure-email', 'secure-email', 'telephone', 'portal']),
        CP_REFERRAL_TEXT,
        iso(sentMs),
        screener,
        'screening',
      ]);
    }
  }

  // Checks, requested at screening: police for each adult party, one local authority.
  const filedMs = milestone('awaiting-first-hearing');
  const letterFiled = filedMs !== null && filedMs <= until;
  const filedDay = filedMs === null ? null : dayOf(filedMs);
  let checks = 0;
  let unreturnedAtFiling = 0;
  const check = (kind: 'police' | 'local-authority', partyId: string | null, la: string | null, raised: boolean) => {
    const dueDay = addWorkingDays(screenedDay, kind === 'police' ? 2 : 5);
    let backDay = returnDay(random, screenedDay, dueDay, kind);
    let backMs = Math.max(screenedMs + HOUR, workingTimeOn(backDay, random));
    // Nothing comes back after the case has closed.
    if (backMs >= life.closeMs - HOUR) {
      backDay = addWorkingDays(fhDay, -1);
      backMs = Math.max(screenedMs + HOUR, workingTimeOn(backDay, random));
    }
    const returned = backMs <= until;
    const found = outcomeOf(random, kind, raised);
    const overdueDays = (Math.min(returned ? backDay : untilDay, untilDay) - dueDay) / DAY;
    const chases = overdueDays > 0 ? Math.min(4, 1 + Math.floor(overdueDays / 4)) : 0;
    const chasedDay = chases > 0 ? addWorkingDays(dueDay, 1) : null;
    if (filedDay !== null && backDay > filedDay) unreturnedAtFiling += 1;
    const checkId = id(SLOT.check, checks++);
    row('safeguarding_check', [
      checkId,
      caseId,
      kind,
      partyId,
      la,
      isoDate(screenedDay),
      isoDate(dueDay),
      returned ? isoDate(backDay) : null,
      returned ? found : null,
      returned && found === 'concerns' ? random.pick(CONCERNS[kind]) : null,
      returned && letterFiled && backDay > filedDay!,
      chasedDay !== null && chasedDay <= untilDay ? isoDate(chasedDay) : null,
      chasedDay !== null && chasedDay <= untilDay ? chases : 0,
      1 + (returned ? 1 : 0) + (chasedDay !== null && chasedDay <= untilDay ? chases : 0),
      seo,
      iso(screenedMs),
      iso(returned ? backMs : screenedMs),
    ]);
    if (returned) event(backMs, 'checks.returned', seo, { checkId, kind, outcome: found });
  };
  for (let k = 0; k < parties.length; k += 1) check('police', parties[k]!.id, null, adults[k] === otherParty);
  if (canRefer) check('local-authority', null, random.pick(family.area.localAuthorityCodes), allegations.length > 0);

  // Interviews with each adult party, before the hearing (a few only on the day).
  let interviews = 0;
  const lastDay = filedDay ?? fhDay;
  for (let k = 0; k < parties.length; k += 1) {
    const adult = adults[k]!;
    const onHearingDay = random.chance(0.03);
    const earliest = addWorkingDays(screenedDay, 1);
    const span = Math.max(0, (lastDay - earliest) / DAY);
    let day = onHearingDay ? fhDay : addWorkingDays(earliest, random.int(0, Math.floor((span * 5) / 7)));
    if (!onHearingDay && day >= fhDay) day = earliest;
    const heldMs = onHearingDay ? fhDay + (8 * 60 + 45 + random.int(0, 60)) * MINUTE : workingTimeOn(day, random);
    const method = random.weighted([0.85, 0.12, 0.03]);
    const isVictim = adult === victim;
    const recordedMs = heldMs + random.int(20, 90) * MINUTE;
    if (recordedMs > until) continue;
    const interviewId = id(SLOT.interview, interviews++);
    row('safeguarding_interview', [
      interviewId,
      caseId,
      parties[k]!.id,
      isoDate(heldMs),
      ['telephone', 'video', 'in-person'][method]!,
      JSON.stringify({
        fearOfOtherParty: isVictim ? 'yes' : 'no',
        controllingBehaviour: isVictim && random.chance(0.7) ? 'yes' : 'no',
        childrenWitnessedAbuse: isVictim && random.chance(0.4) ? 'yes' : 'no',
        currentlySafe: 'yes',
      }),
      isVictim ? INTERVIEW_SUMMARIES[4]! : random.pick(INTERVIEW_SUMMARIES.slice(0, 4)),
      onHearingDay,
      seo,
      iso(recordedMs),
    ]);
    event(recordedMs, 'interviews.recorded', seo, {
      interviewId,
      partyId: parties[k]!.id,
      onHearingDay,
    });
  }

  // The safeguarding letter: drafted once the checks are in hand, reviewed, filed.
  const draftMs =
    filedMs === null ? null : Math.min(filedMs - 2 * HOUR, workingTimeOn(addWorkingDays(screenedDay, 3), random));
  if (draftMs !== null && draftMs > screenedMs && draftMs <= until) {
    const letterId = id(SLOT.letter, 0);
    const selfRegulating = random.chance(0.35);
    const returnedOnce = !selfRegulating && random.chance(0.1);
    const reviewer = life.managerUserId;
    const submitMs = selfRegulating ? null : Math.max(draftMs + HOUR, filedMs! - random.int(2, 72) * HOUR);
    const firstSubmitMs =
      submitMs !== null && returnedOnce ? Math.max(draftMs + 30 * MINUTE, submitMs - random.int(2, 10) * HOUR) : null;
    const recommendation = closedAtFirstHearing
      ? random.chance(0.85)
        ? 'no-further-involvement'
        : 'services'
      : type === 'rule-16-4'
        ? 'rule-16-4'
        : random.chance(0.85)
          ? 'section-7-cafcass'
          : 'section-7-local-authority';
    const reviews: [string, number, string | null][] = [];
    if (firstSubmitMs !== null)
      reviews.push([
        'returned',
        firstSubmitMs + Math.floor((submitMs! - firstSubmitMs) / 2),
        'Please add the local-authority check result and say what the children want.',
      ]);
    if (!selfRegulating) reviews.push(['approved', filedMs!, null]);
    const written = reviews.filter(([, ms]) => ms <= until);
    const submittedNow = submitMs !== null && submitMs <= until;
    const firstSubmittedNow = firstSubmitMs !== null && firstSubmitMs <= until;
    let status = 'draft';
    if (letterFiled) status = 'filed';
    else if (submittedNow) status = 'submitted';
    else if (firstSubmittedNow) status = written.some(([d]) => d === 'returned') ? 'returned' : 'submitted';
    const lastChange = letterFiled
      ? filedMs!
      : Math.max(draftMs, ...written.map(([, ms]) => ms), submitMs !== null && submitMs <= until ? submitMs : 0);
    row('safeguarding_letter', [
      letterId,
      caseId,
      'letter',
      status,
      family.caseLanguage === 'cy' ? 'cy' : 'en',
      JSON.stringify(LETTER_SECTIONS),
      recommendation,
      letterFiled && unreturnedAtFiling > 0
        ? 'Not all checks had been returned when this letter was filed; an update will follow.'
        : null,
      isoDate(life.letterDueDayMs),
      seo,
      submitMs !== null && submitMs <= until
        ? iso(submitMs)
        : firstSubmitMs !== null && firstSubmitMs <= until
          ? iso(firstSubmitMs)
          : null,
      letterFiled ? isoDate(filedMs!) : null,
      letterFiled ? iso(filedMs!) : null,
      letterFiled ? (selfRegulating ? seo : reviewer) : null,
      1 + written.length + (letterFiled ? 1 : 0),
      iso(draftMs),
      iso(lastChange),
    ]);
    written.forEach(([decision, ms, comments], n) => {
      row('letter_review', [id(SLOT.review, n), letterId, reviewer, decision, comments, iso(ms)]);
    });
    if (letterFiled) {
      const filer = selfRegulating ? seo : reviewer;
      event(filedMs!, 'letters.filed', filer, { letterId, late: filedDay! > life.letterDueDayMs });
      move(filedMs, 'letter-filed', 'safeguarding-checks', 'awaiting-first-hearing', filer);
    }
  }

  // The first hearing's outcome, recorded after the hearing.
  if (!fhHeld || endsAtFirstHearing === null || endsAtFirstHearing > until) return result();
  const recordedMs = endsAtFirstHearing;
  const from = letterFiled ? 'awaiting-first-hearing' : 'safeguarding-checks';
  const reportType = outcome === 'resolved' ? null : firstReportType(type);
  const after = life.after;
  const filingDueDay = reportType && after ? after.filingDueDayMs : null;
  const nextHearingDay = filingDueDay && after ? after.nextHearingDayMs : null;
  const ordersMade =
    outcome === 'resolved' ? (random.chance(0.8) ? ['C43'] : ['C43', 'C45A']) : random.chance(0.3) ? ['C43'] : [];
  row('first_hearing_outcome', [
    caseId,
    isoDate(fhMs),
    outcome,
    ordersMade,
    reportType,
    filingDueDay === null ? null : isoDate(filingDueDay),
    nextHearingDay === null ? null : isoDate(nextHearingDay),
    referralMade,
    outcome === 'resolved' ? 'Agreement reached at the hearing; order made by consent.' : null,
    seo,
    iso(recordedMs),
  ]);
  event(recordedMs, 'first-hearing.recorded', seo, { outcome, reportType });
  move(recordedMs, 'first-hearing-outcome', from, outcome === 'resolved' ? 'closed' : 'awaiting-allocation', seo, {
    outcome,
  });
  if (reportType && filingDueDay !== null && after) {
    const firstReport = after.reports.find((r) => r.kind === 'first');
    const filedMs = firstReport && after.withdrawnMs === null ? firstReport.filedMs : null;
    row('court_direction', [
      directionId(ctx, index),
      caseId,
      null,
      reportType,
      REPORT_LABELS[reportType]!,
      isoDate(filingDueDay),
      'fhdra-outcome',
      filedMs !== null && filedMs <= until ? isoDate(filedMs) : null,
      iso(recordedMs),
      null,
      iso(filedMs !== null && filedMs <= until ? filedMs : recordedMs),
    ]);
  }
  return result();
}
