import { type SQL, sql } from 'drizzle-orm';
import type { Principal } from '../../platform/authorisation/roles.ts';
import { type Executor, queryRows } from '../../platform/db/database.ts';
import { visibleCasesCondition } from '../casework/service.ts';

export interface ScreeningRow {
  riskFlags: string[];
  otherRisk: string | null;
  decision: string;
  rationale: string;
  dueOn: string;
  screenedAt: string;
  screenedBy: string | null;
}

export interface CheckRow {
  id: string;
  kind: 'police' | 'local-authority';
  partyId: string | null;
  partyName: string | null;
  localAuthorityCode: string | null;
  localAuthorityName: string | null;
  localAuthorityNameCy: string | null;
  requestedOn: string;
  dueOn: string;
  returnedOn: string | null;
  outcome: string | null;
  concerns: string | null;
  addendumNeeded: boolean;
  lastChasedOn: string | null;
  chaseCount: number;
  version: number;
}

export interface InterviewRow {
  id: string;
  partyName: string;
  heldOn: string;
  method: string;
  domesticAbuseScreening: Record<string, string>;
  summary: string;
  onHearingDay: boolean;
  interviewer: string | null;
}

export interface LetterStatusRow {
  status: string;
  dueOn: string | null;
  filedOn: string | null;
}

export interface ReferralRow {
  localAuthorityName: string;
  method: string;
  sentAt: string;
  sentBy: string | null;
  madeAt: string;
}

export interface SafeguardingRecords {
  screening: ScreeningRow | null;
  checks: CheckRow[];
  interviews: InterviewRow[];
  letter: LetterStatusRow | null;
  courtLetterDueOn: string | null;
  referrals: ReferralRow[];
}

const CHECK_COLUMNS = sql`k.id, k.kind, k.party_id AS "partyId",
  CASE WHEN p.id IS NULL THEN NULL ELSE p.given_names || ' ' || p.family_name END AS "partyName",
  k.local_authority_code AS "localAuthorityCode", la.name AS "localAuthorityName", la.name_cy AS "localAuthorityNameCy",
  k.requested_on AS "requestedOn", k.due_on AS "dueOn", k.returned_on AS "returnedOn", k.outcome, k.concerns,
  k.addendum_needed AS "addendumNeeded", k.last_chased_on AS "lastChasedOn", k.chase_count AS "chaseCount", k.version`;

const CHECK_FROM = sql`safeguarding_check k
  LEFT JOIN case_party cp ON cp.id = k.party_id
  LEFT JOIN person p ON p.id = cp.person_id
  LEFT JOIN local_authority la ON la.code = k.local_authority_code`;

/** Everything of the work to the first hearing recorded on a case (never contact details). */
export async function getSafeguardingRecords(db: Executor, caseId: string): Promise<SafeguardingRecords> {
  const [screening] = await queryRows<ScreeningRow>(
    db,
    sql`SELECT s.risk_flags AS "riskFlags", s.other_risk AS "otherRisk", s.decision, s.rationale, s.due_on AS "dueOn",
      s.screened_at AS "screenedAt", u.display_name AS "screenedBy"
    FROM screening s LEFT JOIN user_account u ON u.id = s.screened_by WHERE s.case_id = ${caseId}`,
  );
  const checks = await queryRows<CheckRow>(
    db,
    sql`SELECT ${CHECK_COLUMNS} FROM ${CHECK_FROM} WHERE k.case_id = ${caseId}
    ORDER BY k.kind DESC, k.requested_on, "partyName", "localAuthorityName", k.id`,
  );
  const interviews = await queryRows<InterviewRow>(
    db,
    sql`SELECT i.id, p.given_names || ' ' || p.family_name AS "partyName", i.held_on AS "heldOn", i.method,
      i.domestic_abuse_screening AS "domesticAbuseScreening", i.summary, i.on_hearing_day AS "onHearingDay",
      u.display_name AS interviewer
    FROM safeguarding_interview i JOIN case_party cp ON cp.id = i.party_id JOIN person p ON p.id = cp.person_id
      LEFT JOIN user_account u ON u.id = i.interviewer_id
    WHERE i.case_id = ${caseId} ORDER BY i.held_on, i.created_at`,
  );
  const [letter] = await queryRows<LetterStatusRow>(
    db,
    sql`SELECT status, due_on AS "dueOn", filed_on AS "filedOn" FROM safeguarding_letter
    WHERE case_id = ${caseId} AND kind = 'letter'`,
  );
  const [dates] = await queryRows<{ letterDueOn: string | null }>(
    db,
    sql`SELECT letter_due_on AS "letterDueOn" FROM case_court_dates WHERE case_id = ${caseId}`,
  );
  const referrals = await queryRows<ReferralRow>(
    db,
    sql`SELECT la.name AS "localAuthorityName", r.method, r.sent_at AS "sentAt", u.display_name AS "sentBy",
      r.made_at AS "madeAt"
    FROM child_protection_referral r JOIN local_authority la ON la.code = r.local_authority_code
      LEFT JOIN user_account u ON u.id = r.sent_by
    WHERE r.case_id = ${caseId} ORDER BY r.sent_at`,
  );
  return {
    screening: screening ?? null,
    checks,
    interviews,
    letter: letter ?? null,
    courtLetterDueOn: dates?.letterDueOn ?? null,
    referrals,
  };
}

/**
 * Is the case waiting for screening: a private-law case at the front door, not yet screened?
 * Otherwise the screening page leads to the safeguarding overview, which shows where it is.
 */
export async function awaitsScreening(db: Executor, caseId: string): Promise<boolean> {
  const [row] = await queryRows<{ open: boolean }>(
    db,
    sql`SELECT (c.law = 'private' AND c.status IN ('received', 'screening')
      AND NOT EXISTS (SELECT 1 FROM screening s WHERE s.case_id = c.id)) AS open
    FROM case_record c WHERE c.id = ${caseId}`,
  );
  return row?.open ?? false;
}

/** Has the case's safeguarding letter been filed with the court? */
export async function hasFiledLetter(db: Executor, caseId: string): Promise<boolean> {
  const [row] = await queryRows<{ filed: boolean }>(
    db,
    sql`SELECT EXISTS (SELECT 1 FROM safeguarding_letter WHERE case_id = ${caseId} AND status = 'filed') AS filed`,
  );
  return row?.filed ?? false;
}

export async function getCheck(db: Executor, caseId: string, checkId: string): Promise<CheckRow | null> {
  const [row] = await queryRows<CheckRow>(
    db,
    sql`SELECT ${CHECK_COLUMNS} FROM ${CHECK_FROM} WHERE k.id = ${checkId} AND k.case_id = ${caseId}`,
  );
  return row ?? null;
}

export interface ApplicationContext {
  signals: { kind: string; source: string; detail: string | null }[];
  allegations: string[];
  allegationsDetail: string | null;
  localAuthorityCode: string | null;
}

/** What came with the application that screening reads: risk signals and allegations of harm. */
export async function getApplicationContext(db: Executor, caseId: string): Promise<ApplicationContext> {
  const signals = await queryRows<{ kind: string; source: string; detail: string | null }>(
    db,
    sql`SELECT kind, source, detail FROM risk_signal WHERE case_id = ${caseId} ORDER BY created_at, kind`,
  );
  const [row] = await queryRows<{
    allegations: string[] | null;
    allegationsDetail: string | null;
    localAuthorityCode: string | null;
  }>(
    db,
    sql`SELECT d.allegations_of_harm AS allegations, d.allegations_detail AS "allegationsDetail",
      c.local_authority_code AS "localAuthorityCode"
    FROM case_record c LEFT JOIN case_court_dates d ON d.case_id = c.id WHERE c.id = ${caseId}`,
  );
  return {
    signals,
    allegations: row?.allegations ?? [],
    allegationsDetail: row?.allegationsDetail ?? null,
    localAuthorityCode: row?.localAuthorityCode ?? null,
  };
}

export async function listLocalAuthorities(
  db: Executor,
): Promise<{ code: string; name: string; nameCy: string | null }[]> {
  return queryRows(db, sql`SELECT code, name, name_cy AS "nameCy" FROM local_authority ORDER BY name`);
}

export const QUEUE_PAGE_SIZE = 25;

export interface QueueQuery {
  scope: 'mine' | 'all';
  /** One service area, or every area the viewer may see. */
  area?: string;
  page: number;
}

export async function listServiceAreas(db: Executor): Promise<{ id: string; name: string; nameCy: string }[]> {
  return queryRows(db, sql`SELECT id, name, name_cy AS "nameCy" FROM service_area ORDER BY name`);
}

/** "Mine": the cases of the viewer's teams or allocated to them; "all": every case they may see. */
function scopeCondition(principal: Principal, query: QueueQuery): SQL {
  const area = query.area ? sql`c.area_id = ${query.area}` : sql`TRUE`;
  if (query.scope === 'all') return area;
  const teams = principal.teamIds.length
    ? sql`c.team_id IN (${sql.join(
        principal.teamIds.map((t) => sql`${t}`),
        sql`, `,
      )})`
    : sql`FALSE`;
  return sql`${area} AND (${teams} OR c.id = ANY(ARRAY(SELECT a.case_id FROM case_allocation a
    WHERE a.user_id = ${principal.userId} AND a.ended_at IS NULL)))`;
}

export interface ScreeningQueueRow {
  id: string;
  reference: string;
  receivedOn: string;
  courtName: string | null;
  courtNameCy: string | null;
  areaName: string;
  areaNameCy: string;
  restricted: boolean;
}

/**
 * Private-law applications waiting for screening, oldest first: the screening clock is
 * one working day from receipt, so the due date follows the received date. Reached through
 * case_status_idx (few cases are at the front door at once), within need-to-know.
 */
export async function listScreeningQueue(
  db: Executor,
  principal: Principal,
  query: QueueQuery,
  now: Date,
): Promise<{ rows: ScreeningQueueRow[]; total: number }> {
  const where = sql`c.status IN ('received', 'screening') AND c.law = 'private'
    AND NOT EXISTS (SELECT 1 FROM screening s WHERE s.case_id = c.id)
    AND ${visibleCasesCondition(principal, now)} AND ${scopeCondition(principal, query)}`;
  const [count] = await queryRows<{ total: number }>(
    db,
    sql`SELECT count(*)::int AS total FROM case_record c WHERE ${where}`,
  );
  const rows = await queryRows<ScreeningQueueRow>(
    db,
    sql`SELECT c.id, c.reference, c.received_on AS "receivedOn", ct.name AS "courtName", ct.name_cy AS "courtNameCy",
      a.name AS "areaName", a.name_cy AS "areaNameCy", c.restricted
    FROM case_record c JOIN service_area a ON a.id = c.area_id LEFT JOIN court ct ON ct.id = c.court_id
    WHERE ${where}
    ORDER BY c.received_on, c.id
    LIMIT ${QUEUE_PAGE_SIZE} OFFSET ${(query.page - 1) * QUEUE_PAGE_SIZE}`,
  );
  return { rows, total: count?.total ?? 0 };
}

export interface ChaseRow extends CheckRow {
  caseId: string;
  reference: string;
}

/**
 * Checks to chase: not back and due today or before, by due date, within need-to-know.
 * Reached through the partial index of open checks by due date.
 */
export async function listChecksToChase(
  db: Executor,
  principal: Principal,
  query: QueueQuery,
  today: string,
  now: Date,
): Promise<{ rows: ChaseRow[]; total: number }> {
  const where = sql`k.returned_on IS NULL AND k.due_on <= ${today}
    AND ${visibleCasesCondition(principal, now)} AND ${scopeCondition(principal, query)}`;
  const [count] = await queryRows<{ total: number }>(
    db,
    sql`SELECT count(*)::int AS total FROM safeguarding_check k JOIN case_record c ON c.id = k.case_id WHERE ${where}`,
  );
  const rows = await queryRows<ChaseRow>(
    db,
    sql`SELECT ${CHECK_COLUMNS}, c.id AS "caseId", c.reference
    FROM ${CHECK_FROM} JOIN case_record c ON c.id = k.case_id
    WHERE ${where}
    ORDER BY k.due_on, k.requested_on, k.id
    LIMIT ${QUEUE_PAGE_SIZE} OFFSET ${(query.page - 1) * QUEUE_PAGE_SIZE}`,
  );
  return { rows, total: count?.total ?? 0 };
}

/**
 * Checks returned after the letter was filed that no filed update letter has yet covered,
 * on open cases (once proceedings end there is no court to write to).
 */
export async function listChecksNeedingUpdateLetter(
  db: Executor,
  principal: Principal,
  query: QueueQuery,
  now: Date,
): Promise<{ rows: ChaseRow[]; total: number }> {
  const where = sql`k.addendum_needed AND c.closed_at IS NULL
    AND NOT EXISTS (SELECT 1 FROM safeguarding_letter l WHERE l.case_id = k.case_id AND l.kind = 'update'
      AND l.status = 'filed' AND l.filed_at >= k.updated_at)
    AND ${visibleCasesCondition(principal, now)} AND ${scopeCondition(principal, query)}`;
  const [count] = await queryRows<{ total: number }>(
    db,
    sql`SELECT count(*)::int AS total FROM safeguarding_check k JOIN case_record c ON c.id = k.case_id WHERE ${where}`,
  );
  const rows = await queryRows<ChaseRow>(
    db,
    sql`SELECT ${CHECK_COLUMNS}, c.id AS "caseId", c.reference
    FROM ${CHECK_FROM} JOIN case_record c ON c.id = k.case_id
    WHERE ${where}
    ORDER BY k.returned_on, k.id
    LIMIT ${QUEUE_PAGE_SIZE} OFFSET ${(query.page - 1) * QUEUE_PAGE_SIZE}`,
  );
  return { rows, total: count?.total ?? 0 };
}
