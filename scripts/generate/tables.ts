import { AFTER_FIRST_HEARING_COLUMNS } from './after-first-hearing.ts';
import type { GeneratedCase } from './cases.ts';
import type { CopyBatch } from './copy-text.ts';
import type { Organisation } from './organisation.ts';
import { FIRST_HEARING_COLUMNS } from './safeguarding.ts';
import { WORK_COLUMNS } from './work-records.ts';

/**
 * The tables the generator writes, in the order they are written (parents before the
 * rows that refer to them), with how --reset recognises their generated rows. Later
 * features add their tables here (and their rows in `caseRows`) to have them generated
 * and reset too.
 *
 * `generatedWhere` is a condition on the table's row `t`, used once the temporary tables
 * `gen_case` (ids of generated cases) and `gen_person` (people who appear only in
 * generated cases) have been filled.
 */
export interface TableSpec {
  name: string;
  columns: readonly string[];
  generatedWhere: string;
  /** Rows may be there already (kept by --reset because other records refer to them). */
  skipExisting?: boolean;
  /**
   * Not written by the generator, but it refers to the case tables: listed so --reset can
   * empty the case tables with TRUNCATE (its rows are set aside and put back like the others).
   */
  notWritten?: boolean;
}

const BY_CASE = 'EXISTS (SELECT 1 FROM gen_case g WHERE g.id = t.case_id)';
const NONE = 'false';
const firstHearing = (name: keyof typeof FIRST_HEARING_COLUMNS, generatedWhere = BY_CASE): TableSpec => ({
  name,
  columns: FIRST_HEARING_COLUMNS[name],
  generatedWhere,
});

const work = (name: keyof typeof WORK_COLUMNS, generatedWhere = BY_CASE): TableSpec => ({
  name,
  columns: WORK_COLUMNS[name],
  generatedWhere,
});
const bySession =
  'EXISTS (SELECT 1 FROM direct_work_session s JOIN gen_case g ON g.id = s.case_id WHERE s.id = t.session_id)';

export const CASE_TABLES: readonly TableSpec[] = [
  {
    name: 'person',
    columns: [
      'id',
      'given_names',
      'family_name',
      'date_of_birth',
      'language_preference',
      'interpreter_language',
      'created_at',
    ],
    generatedWhere: 'EXISTS (SELECT 1 FROM gen_person g WHERE g.id = t.id)',
    skipExisting: true,
  },
  {
    name: 'case_record',
    columns: [
      'id',
      'reference',
      'law',
      'application_type',
      'status',
      'area_id',
      'team_id',
      'court_id',
      'local_authority_code',
      'received_on',
      'first_hearing_on',
      'language',
      'restricted',
      'created_at',
      'updated_at',
      'closed_at',
      'version',
    ],
    generatedWhere: 'EXISTS (SELECT 1 FROM gen_case g WHERE g.id = t.id)',
  },
  {
    name: 'case_child',
    columns: ['id', 'case_id', 'person_id', 'gender', 'created_at'],
    generatedWhere: BY_CASE,
  },
  {
    name: 'case_party',
    columns: ['id', 'case_id', 'person_id', 'party_role', 'created_at'],
    generatedWhere: BY_CASE,
  },
  {
    name: 'party_child_relationship',
    columns: ['party_id', 'child_id', 'relationship'],
    generatedWhere: 'EXISTS (SELECT 1 FROM case_party p JOIN gen_case g ON g.id = p.case_id WHERE p.id = t.party_id)',
  },
  {
    name: 'contact_detail',
    columns: [
      'id',
      'case_id',
      'person_id',
      'kind',
      'address_lines',
      'postcode',
      'value',
      'confidential',
      'refuge',
      'created_at',
    ],
    generatedWhere: BY_CASE,
  },
  {
    name: 'case_allocation',
    columns: [
      'id',
      'case_id',
      'user_id',
      'allocation_role',
      'allocated_at',
      'ended_at',
      'allocated_by',
      'reason',
      'ended_by',
      'end_reason',
    ],
    generatedWhere: BY_CASE,
  },
  {
    name: 'case_access_grant',
    columns: ['case_id', 'user_id', 'granted_by', 'reason', 'granted_at'],
    generatedWhere: BY_CASE,
  },
  {
    name: 'emergency_access',
    columns: [
      'id',
      'case_id',
      'user_id',
      'reason',
      'granted_at',
      'expires_at',
      'reviewed_by',
      'reviewed_at',
      'review_outcome',
      'review_comment',
    ],
    generatedWhere: BY_CASE,
  },
  {
    name: 'timeline_event',
    columns: ['case_id', 'occurred_at', 'kind', 'child_id', 'actor_user_id', 'body', 'details'],
    generatedWhere: BY_CASE,
  },
  // The private-law work to the first hearing (safeguarding.ts).
  firstHearing('hmcts_case'),
  firstHearing('case_court_dates'),
  firstHearing('risk_signal'),
  firstHearing('screening'),
  firstHearing('child_protection_referral'),
  firstHearing('safeguarding_check'),
  firstHearing('safeguarding_interview'),
  firstHearing('safeguarding_letter'),
  firstHearing(
    'letter_review',
    'EXISTS (SELECT 1 FROM safeguarding_letter l JOIN gen_case g ON g.id = l.case_id WHERE l.id = t.letter_id)',
  ),
  firstHearing('first_hearing_outcome'),
  firstHearing('hearing'),
  // The final order (after-first-hearing.ts); court_direction refers to it.
  { name: 'court_order', columns: AFTER_FIRST_HEARING_COLUMNS.court_order, generatedWhere: BY_CASE },
  firstHearing('court_direction'),
  // The work after the first hearing (work-records.ts): planning, direct work, reports, closing.
  work('case_plan'),
  work('case_plan_version'),
  work('contact_log_entry'),
  { name: 'contact_log_revision', columns: [], generatedWhere: NONE, notWritten: true },
  work('direct_work_session'),
  work('direct_work_session_tool', bySession),
  work('direct_work_words_revision', bySession),
  work('child_impact_analysis'),
  work('child_diversity'),
  { name: 'signposting', columns: [], generatedWhere: NONE, notWritten: true },
  work('court_report'),
  { name: 'court_report_revision', columns: [], generatedWhere: NONE, notWritten: true },
  work(
    'court_report_review',
    'EXISTS (SELECT 1 FROM court_report r JOIN gen_case g ON g.id = r.case_id WHERE r.id = t.report_id)',
  ),
  work('court_report_share'),
  { name: 'court_direction_change', columns: [], generatedWhere: NONE, notWritten: true },
  { name: 'delay_notice', columns: [], generatedWhere: NONE, notWritten: true },
  { name: 'delay_notice_recipient', columns: [], generatedWhere: NONE, notWritten: true },
  { name: 'case_area_change', columns: [], generatedWhere: NONE, notWritten: true },
  work('closing_record'),
  work('child_letter'),
  work('closure_event'),
  // Tables that refer to the case tables but are never generated: all their rows are kept.
  { name: 'case_document', columns: [], generatedWhere: NONE, notWritten: true },
  { name: 'person_match', columns: [], generatedWhere: NONE, notWritten: true },
  { name: 'hmcts_child_link', columns: [], generatedWhere: NONE, notWritten: true },
  { name: 'hmcts_party_link', columns: [], generatedWhere: NONE, notWritten: true },
  { name: 'hmcts_document', columns: [], generatedWhere: NONE, notWritten: true },
  { name: 'intake_draft', columns: [], generatedWhere: NONE, notWritten: true },
  { name: 'audit_sample_mark', columns: [], generatedWhere: NONE, notWritten: true },
];

/**
 * Insert triggers on the written tables whose work the generator does itself, once per chunk
 * in the chunk's transaction (`$1` is the chunk's case ids), so that the chunk can be written
 * with triggers and foreign-key checks off. Each must be harmless if the trigger ran as well.
 */
export const TRIGGERS_DONE_BY_THE_GENERATOR: Readonly<Record<string, string>> = {
  // Performance (KPIs): every new case is measured by the next refresh.
  timeline_event_marks_kpi_dirty:
    'INSERT INTO kpi_dirty_case (case_id) SELECT unnest($1::uuid[]) ON CONFLICT (case_id) DO NOTHING',
};

/** The case tables the generator writes (in order). */
export const WRITTEN_CASE_TABLES: readonly TableSpec[] = CASE_TABLES.filter((t) => !t.notWritten);

/** Add one generated case's rows to the batch. */
export function caseRows(batch: CopyBatch, c: GeneratedCase): void {
  const k = c.case;
  const caseId = k.id;
  const created = k.createdAt;
  for (const p of c.persons) {
    batch.add('person', [
      p.id,
      p.givenNames,
      p.familyName,
      p.dateOfBirth,
      p.languagePreference,
      p.interpreterLanguage,
      new Date(p.createdAtMs).toISOString(),
    ]);
  }
  batch.add('case_record', [
    caseId,
    k.reference,
    k.law,
    k.applicationType,
    k.status,
    k.areaId,
    k.teamId,
    k.courtId,
    k.localAuthorityCode,
    k.receivedOn,
    k.firstHearingOn,
    k.language,
    k.restricted,
    created,
    k.updatedAt,
    k.closedAt,
    k.version,
  ]);
  for (const ch of c.children) batch.add('case_child', [ch.id, caseId, ch.personId, ch.gender, created]);
  for (const p of c.parties) batch.add('case_party', [p.id, caseId, p.personId, p.partyRole, created]);
  for (const r of c.relationships) batch.add('party_child_relationship', [r.partyId, r.childId, r.relationship]);
  for (const d of c.contacts) {
    batch.add('contact_detail', [
      d.id,
      caseId,
      d.personId,
      d.kind,
      d.addressLines,
      d.postcode,
      d.value,
      d.confidential,
      d.refuge,
      created,
    ]);
  }
  for (const a of c.allocations)
    batch.add('case_allocation', [
      a.id,
      caseId,
      a.userId,
      a.allocationRole,
      a.allocatedAt,
      a.endedAt,
      a.allocatedBy,
      a.reason,
      a.endedBy,
      a.endReason,
    ]);
  for (const g of c.grants) batch.add('case_access_grant', [caseId, g.userId, g.grantedBy, g.reason, g.grantedAt]);
  for (const e of c.emergencyAccess) {
    batch.add('emergency_access', [
      e.id,
      caseId,
      e.userId,
      e.reason,
      e.grantedAt,
      e.expiresAt,
      e.reviewedBy,
      e.reviewedAt,
      e.reviewOutcome,
      e.reviewComment,
    ]);
  }
  for (const e of c.events)
    batch.add('timeline_event', [caseId, e.occurredAt, e.kind, e.childId, e.actorUserId, e.body, e.details ?? '{}']);
  for (const r of c.firstHearing) batch.add(r.table, r.values);
  for (const r of c.afterFirstHearing) batch.add(r.table, r.values);
}

/** The organisation's tables, written once at the start of a run. */
export const ORGANISATION_TABLES: readonly Omit<TableSpec, 'generatedWhere'>[] = [
  { name: 'team', columns: ['id', 'area_id', 'name', 'name_cy'], skipExisting: true },
  {
    name: 'user_account',
    columns: ['id', 'email', 'display_name', 'password_hash', 'created_at'],
    skipExisting: true,
  },
  { name: 'staff', columns: ['user_id', 'area_id', 'job_title', 'welsh_speaker', 'created_at'], skipExisting: true },
  { name: 'staff_role', columns: ['user_id', 'role'], skipExisting: true },
  { name: 'team_membership', columns: ['user_id', 'team_id', 'manages'], skipExisting: true },
  { name: 'practitioner_capacity', columns: ['user_id', 'points', 'updated_at'], skipExisting: true },
];

/**
 * Contracted capacity in weighted points (allocation module): a full-time adviser or
 * guardian 22, about one in eight part-time (16.5); associates by contract, 6–12.
 */
function capacityOf(roles: readonly string[], userId: string): number | null {
  const spread = Number.parseInt(userId.slice(-4), 16);
  if (roles.includes('associate')) return 6 + (spread % 7);
  if (roles.includes('fca') || roles.includes('childrens-guardian')) return spread % 8 === 0 ? 16.5 : 22;
  return null;
}

export function organisationRows(batch: CopyBatch, organisation: Organisation): void {
  for (const t of organisation.teams) batch.add('team', [t.id, t.areaId, t.name, t.nameCy]);
  for (const s of organisation.staff) {
    batch.add('user_account', [s.userId, s.email, s.displayName, null, s.createdAt]);
    batch.add('staff', [s.userId, s.areaId, s.jobTitle, s.welshSpeaker, s.createdAt]);
    for (const role of s.roles) batch.add('staff_role', [s.userId, role]);
    for (const m of s.teams) batch.add('team_membership', [s.userId, m.teamId, m.manages]);
    const points = capacityOf(s.roles, s.userId);
    if (points !== null) batch.add('practitioner_capacity', [s.userId, points, s.createdAt]);
  }
}
