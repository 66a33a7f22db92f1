import { type SQL, sql } from 'drizzle-orm';
import type { Principal } from '../../platform/authorisation/roles.ts';
import { type Executor, queryRows } from '../../platform/db/database.ts';
import { visibleCasesCondition } from '../casework/service.ts';
import type { PlannedStep, PlanObjective, PlanPerson } from './schema.ts';

/** The names of everyone an entry e was with: children, parties, then others typed in. */
const WITH_WHOM = sql`ARRAY(SELECT p.given_names || ' ' || p.family_name FROM case_child ch JOIN person p ON p.id = ch.person_id
          WHERE ch.id = ANY(e.child_ids) ORDER BY p.date_of_birth NULLS LAST, p.given_names)
        || ARRAY(SELECT p.given_names || ' ' || p.family_name FROM case_party cp JOIN person p ON p.id = cp.person_id
          WHERE cp.id = ANY(e.party_ids) ORDER BY p.family_name, p.given_names)
        || e.others`;

/** A contact log entry as evidence for a report: recorded, never a draft. */
export interface ContactEvidence {
  id: string;
  heldOn: string;
  kind: string;
  place: string | null;
  /** Names of everyone seen or spoken to: children, parties, then others typed in. */
  withWhom: string[];
  /** The case_child ids of the children seen or spoken to. */
  childIds: string[];
  whatWasSaid: string;
  analysis: string;
  /** The page of the entry. */
  href: string;
}

/** Recorded (not draft) contact log entries of the case, oldest first. */
export async function listContactEvidence(db: Executor, caseId: string): Promise<ContactEvidence[]> {
  const rows = await queryRows<Omit<ContactEvidence, 'href'>>(
    db,
    sql`SELECT e.id, e.held_on AS "heldOn", e.kind, e.place,
      ${WITH_WHOM} AS "withWhom",
      e.child_ids::text[] AS "childIds",
      COALESCE(e.what_was_said, '') AS "whatWasSaid", COALESCE(e.analysis, '') AS "analysis"
    FROM contact_log_entry e
    WHERE e.case_id = ${caseId} AND e.status = 'recorded'
    ORDER BY e.held_on, e.held_time NULLS FIRST, e.recorded_at, e.id`,
  );
  return rows.map((r) => ({ ...r, href: `/cases/${caseId}/contacts/${r.id}` }));
}

/** The current plan in brief, for other modules (a report's plan section). */
export interface PlanSummary {
  version: number;
  objectives: string[];
  reviewDueOn: string | null;
  sharedWithFamilyOn: string | null;
  managerDirection: string | null;
}

/** One whole version of a case plan, with the names of who wrote it and who gave the direction. */
export interface PlanVersion {
  caseId: string;
  version: number;
  objectives: PlanObjective[];
  people: PlanPerson[];
  tools: string[];
  plannedSteps: PlannedStep[];
  reviewDueOn: string | null;
  sharing: 'shared' | 'not-yet' | 'not-shared' | null;
  sharedOn: string | null;
  sharedHow: string | null;
  notSharedReason: string | null;
  managerDirection: string | null;
  managerPriorities: string[];
  directionByName: string | null;
  directionAt: string | null;
  changeKind: 'plan' | 'direction';
  changeNote: string | null;
  createdByName: string;
  createdAt: string;
}

const VERSION_COLUMNS = sql`v.case_id AS "caseId", v.version, v.objectives, v.people, v.tools,
  v.planned_steps AS "plannedSteps", v.review_due_on AS "reviewDueOn", v.sharing, v.shared_on AS "sharedOn",
  v.shared_how AS "sharedHow", v.not_shared_reason AS "notSharedReason", v.manager_direction AS "managerDirection",
  v.manager_priorities AS "managerPriorities", d.display_name AS "directionByName", v.direction_at AS "directionAt",
  v.change_kind AS "changeKind", v.change_note AS "changeNote", u.display_name AS "createdByName",
  v.created_at AS "createdAt"`;

const VERSION_FROM = sql`FROM case_plan_version v
  JOIN user_account u ON u.id = v.created_by
  LEFT JOIN user_account d ON d.id = v.direction_by`;

/** A version of the plan, or the current one when no version is given; null when there is none. */
export async function getPlanVersion(db: Executor, caseId: string, version?: number): Promise<PlanVersion | null> {
  const which =
    version === undefined
      ? sql`v.version = (SELECT p.current_version FROM case_plan p WHERE p.case_id = ${caseId})`
      : sql`v.version = ${version}`;
  const [row] = await queryRows<PlanVersion>(
    db,
    sql`SELECT ${VERSION_COLUMNS} ${VERSION_FROM} WHERE v.case_id = ${caseId} AND ${which}`,
  );
  return row ?? null;
}

export async function currentPlan(db: Executor, caseId: string): Promise<PlanSummary | null> {
  const plan = await getPlanVersion(db, caseId);
  if (!plan) return null;
  return {
    version: plan.version,
    objectives: plan.objectives.map((o) => o.text),
    reviewDueOn: plan.reviewDueOn,
    sharedWithFamilyOn: plan.sharing === 'shared' ? plan.sharedOn : null,
    managerDirection: plan.managerDirection,
  };
}

/** Every version of the plan, newest first, whole (plans have few versions: a handful a case). */
export async function listPlanVersions(db: Executor, caseId: string): Promise<PlanVersion[]> {
  return queryRows<PlanVersion>(
    db,
    sql`SELECT ${VERSION_COLUMNS} ${VERSION_FROM} WHERE v.case_id = ${caseId} ORDER BY v.version DESC`,
  );
}

export const REVIEWS_PAGE_SIZE = 25;

export interface ReviewDueRow {
  caseId: string;
  reference: string;
  reviewDueOn: string;
  version: number;
  workers: string[];
}

/**
 * Open cases whose plan is due for review on or before `dueBy`, within need-to-know,
 * soonest (most overdue) first, paginated in SQL.
 */
export async function listReviewsDue(
  db: Executor,
  principal: Principal,
  input: { dueBy: string; page: number; now: Date },
): Promise<{ rows: ReviewDueRow[]; total: number }> {
  const where: SQL = sql`${visibleCasesCondition(principal, input.now)} AND c.closed_at IS NULL
    AND p.review_due_on <= ${input.dueBy}`;
  const [count] = await queryRows<{ total: number }>(
    db,
    sql`SELECT count(*)::int AS total FROM case_plan p JOIN case_record c ON c.id = p.case_id WHERE ${where}`,
  );
  const rows = await queryRows<ReviewDueRow>(
    db,
    sql`SELECT c.id AS "caseId", c.reference, p.review_due_on AS "reviewDueOn", p.current_version AS version,
      ARRAY(SELECT u.display_name FROM case_allocation a JOIN user_account u ON u.id = a.user_id
        WHERE a.case_id = c.id AND a.ended_at IS NULL ORDER BY a.allocated_at) AS workers
    FROM case_plan p JOIN case_record c ON c.id = p.case_id
    WHERE ${where}
    ORDER BY p.review_due_on, c.reference
    LIMIT ${REVIEWS_PAGE_SIZE} OFFSET ${(input.page - 1) * REVIEWS_PAGE_SIZE}`,
  );
  return { rows, total: count?.total ?? 0 };
}

export const CONTACTS_PAGE_SIZE = 20;

export interface ContactListRow {
  id: string;
  status: 'draft' | 'recorded';
  kind: string | null;
  heldOn: string | null;
  heldTime: string | null;
  place: string | null;
  withWhom: string[];
  authorName: string;
  version: number;
  updatedAt: string;
}

/** The recorded contact log of a case, newest first, optionally of one kind, paginated in SQL. */
export async function listContacts(
  db: Executor,
  caseId: string,
  input: { kind?: string; page: number },
): Promise<{ rows: ContactListRow[]; total: number }> {
  const where = sql`e.case_id = ${caseId} AND e.status = 'recorded' ${input.kind ? sql`AND e.kind = ${input.kind}` : sql``}`;
  const [count] = await queryRows<{ total: number }>(
    db,
    sql`SELECT count(*)::int AS total FROM contact_log_entry e WHERE ${where}`,
  );
  const rows = await queryRows<ContactListRow>(
    db,
    sql`SELECT e.id, e.status, e.kind, e.held_on AS "heldOn", to_char(e.held_time, 'HH24:MI') AS "heldTime", e.place,
      ${WITH_WHOM} AS "withWhom", u.display_name AS "authorName", e.version, e.updated_at AS "updatedAt"
    FROM contact_log_entry e JOIN user_account u ON u.id = e.author_id
    WHERE ${where}
    ORDER BY e.held_on DESC NULLS LAST, e.held_time DESC NULLS LAST, e.id DESC
    LIMIT ${CONTACTS_PAGE_SIZE} OFFSET ${(input.page - 1) * CONTACTS_PAGE_SIZE}`,
  );
  return { rows, total: count?.total ?? 0 };
}

/** The author's own drafts on the case, newest first (nobody else sees them). */
export async function listOwnDrafts(db: Executor, caseId: string, authorId: string): Promise<ContactListRow[]> {
  return queryRows<ContactListRow>(
    db,
    sql`SELECT e.id, e.status, e.kind, e.held_on AS "heldOn", to_char(e.held_time, 'HH24:MI') AS "heldTime", e.place,
      ARRAY[]::text[] AS "withWhom", u.display_name AS "authorName", e.version, e.updated_at AS "updatedAt"
    FROM contact_log_entry e JOIN user_account u ON u.id = e.author_id
    WHERE e.case_id = ${caseId} AND e.status = 'draft' AND e.author_id = ${authorId}
    ORDER BY e.updated_at DESC LIMIT 50`,
  );
}

export interface ContactEntry {
  id: string;
  caseId: string;
  status: 'draft' | 'recorded';
  kind: string | null;
  heldOn: string | null;
  heldTime: string | null;
  place: string | null;
  childIds: string[];
  partyIds: string[];
  others: string[];
  withWhom: string[];
  whatWasSaid: string | null;
  analysis: string | null;
  actions: string | null;
  objectiveIds: string[];
  planVersion: number | null;
  draft: Record<string, string | string[]> | null;
  authorId: string;
  authorName: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  recordedAt: string | null;
}

/**
 * One entry of the case, as the person may see it: a draft only by its author. Anything
 * else (another case's entry, someone else's draft) is null, so the page answers 404.
 */
export async function getContactEntry(
  db: Executor,
  caseId: string,
  entryId: string,
  viewerId: string,
): Promise<ContactEntry | null> {
  const [row] = await queryRows<ContactEntry>(
    db,
    sql`SELECT e.id, e.case_id AS "caseId", e.status, e.kind, e.held_on AS "heldOn",
      to_char(e.held_time, 'HH24:MI') AS "heldTime", e.place, e.child_ids::text[] AS "childIds",
      e.party_ids::text[] AS "partyIds", e.others, ${WITH_WHOM} AS "withWhom", e.what_was_said AS "whatWasSaid",
      e.analysis, e.actions, e.objective_ids AS "objectiveIds", e.plan_version AS "planVersion", e.draft,
      e.author_id AS "authorId", u.display_name AS "authorName", e.version, e.created_at AS "createdAt",
      e.updated_at AS "updatedAt", e.recorded_at AS "recordedAt"
    FROM contact_log_entry e JOIN user_account u ON u.id = e.author_id
    WHERE e.id = ${entryId} AND e.case_id = ${caseId}
      AND (e.status = 'recorded' OR e.author_id = ${viewerId})`,
  );
  return row ?? null;
}

export interface ContactRevision {
  version: number;
  content: Record<string, unknown>;
  reason: string;
  correctedByName: string;
  correctedAt: string;
}

/** The content each correction replaced, newest first. */
export async function listContactRevisions(db: Executor, entryId: string): Promise<ContactRevision[]> {
  return queryRows<ContactRevision>(
    db,
    sql`SELECT r.version, r.content, r.reason, u.display_name AS "correctedByName", r.corrected_at AS "correctedAt"
    FROM contact_log_revision r JOIN user_account u ON u.id = r.corrected_by
    WHERE r.entry_id = ${entryId} ORDER BY r.version DESC`,
  );
}
