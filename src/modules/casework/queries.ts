import { type SQL, sql } from 'drizzle-orm';
import type { Principal } from '../../platform/authorisation/roles.ts';
import { type Executor, queryRows } from '../../platform/db/database.ts';
import { visibleCasesCondition } from './visibility.ts';

export const CASELOAD_PAGE_SIZE = 25;
export const CASELOAD_SORTS = ['received', 'reference', 'first-hearing'] as const;
export type CaseloadSort = (typeof CASELOAD_SORTS)[number];

export interface CaseloadQuery {
  scope: 'mine' | 'all';
  law?: 'private' | 'public' | 'adoption';
  status?: string;
  reference?: string;
  sort: CaseloadSort;
  order: 'asc' | 'desc';
  page: number;
}

export interface CaseloadRow {
  id: string;
  reference: string;
  law: string;
  status: string;
  receivedOn: string;
  firstHearingOn: string | null;
  restricted: boolean;
  childNames: string[];
  allocatedTo: string | null;
}

const SORT_COLUMNS: Record<CaseloadSort, SQL> = {
  received: sql`c.received_on`,
  reference: sql`c.reference`,
  'first-hearing': sql`c.first_hearing_on`,
};

const rows = queryRows;

/** The caseload: filtered, sorted and paginated in SQL, within need-to-know. */
export async function listCaseload(
  db: Executor,
  principal: Principal,
  query: CaseloadQuery,
  now: Date,
): Promise<{ rows: CaseloadRow[]; total: number }> {
  const where: SQL[] = [visibleCasesCondition(principal, now), sql`c.closed_at IS NULL`];
  if (query.scope === 'mine') {
    where.push(
      sql`c.id = ANY(ARRAY(SELECT a.case_id FROM case_allocation a WHERE a.user_id = ${principal.userId} AND a.ended_at IS NULL))`,
    );
  }
  if (query.law) where.push(sql`c.law = ${query.law}`);
  if (query.status) where.push(sql`c.status = ${query.status}`);
  if (query.reference) where.push(sql`c.reference ILIKE ${`%${query.reference.replace(/[\\%_]/g, (m) => `\\${m}`)}%`}`);
  const condition = sql.join(where, sql` AND `);
  const direction = query.order === 'asc' ? sql`ASC` : sql`DESC`;
  const sortColumn = SORT_COLUMNS[query.sort];
  const offset = (query.page - 1) * CASELOAD_PAGE_SIZE;
  const [count] = await rows<{ total: number }>(
    db,
    sql`SELECT count(*)::int AS total FROM case_record c WHERE ${condition}`,
  );
  const page = await rows<CaseloadRow>(
    db,
    sql`
    SELECT c.id, c.reference, c.law, c.status, c.received_on AS "receivedOn", c.first_hearing_on AS "firstHearingOn",
      c.restricted,
      ARRAY(SELECT p.given_names || ' ' || p.family_name FROM case_child ch JOIN person p ON p.id = ch.person_id
            WHERE ch.case_id = c.id ORDER BY p.date_of_birth NULLS LAST, p.given_names) AS "childNames",
      (SELECT u.display_name FROM case_allocation a JOIN user_account u ON u.id = a.user_id
        WHERE a.case_id = c.id AND a.ended_at IS NULL ORDER BY a.allocated_at LIMIT 1) AS "allocatedTo"
    FROM case_record c
    WHERE ${condition}
    ORDER BY ${sortColumn} ${direction} NULLS LAST, c.id ${direction}
    LIMIT ${CASELOAD_PAGE_SIZE} OFFSET ${offset}`,
  );
  return { rows: page, total: count?.total ?? 0 };
}

export interface CaseSummary {
  id: string;
  reference: string;
  law: string;
  applicationType: string;
  status: string;
  receivedOn: string;
  firstHearingOn: string | null;
  language: 'en' | 'cy';
  restricted: boolean;
  version: number;
  courtId: string | null;
  courtName: string | null;
  courtNameCy: string | null;
  areaName: string;
  areaNameCy: string;
  teamName: string | null;
  teamNameCy: string | null;
  localAuthorityName: string | null;
  allocations: { userId: string; displayName: string; role: string; allocatedAt: string }[];
}

/** The columns of a case summary (see CaseSummary), over case_record c. */
const SUMMARY_COLUMNS = sql`
    c.id, c.reference, c.law, c.application_type AS "applicationType", c.status, c.received_on AS "receivedOn",
      c.first_hearing_on AS "firstHearingOn", c.language, c.restricted, c.version, c.court_id AS "courtId",
      ct.name AS "courtName", ct.name_cy AS "courtNameCy", a.name AS "areaName", a.name_cy AS "areaNameCy",
      t.name AS "teamName", t.name_cy AS "teamNameCy", la.name AS "localAuthorityName",
      COALESCE((SELECT json_agg(json_build_object('userId', al.user_id, 'displayName', u.display_name,
          'role', al.allocation_role, 'allocatedAt', al.allocated_at) ORDER BY al.allocated_at)
        FROM case_allocation al JOIN user_account u ON u.id = al.user_id
        WHERE al.case_id = c.id AND al.ended_at IS NULL), '[]'::json) AS allocations`;

const SUMMARY_FROM = sql`
    FROM case_record c
      JOIN service_area a ON a.id = c.area_id
      LEFT JOIN team t ON t.id = c.team_id
      LEFT JOIN court ct ON ct.id = c.court_id
      LEFT JOIN local_authority la ON la.code = c.local_authority_code`;

export async function getCaseSummary(db: Executor, caseId: string): Promise<CaseSummary | null> {
  const [row] = await rows<CaseSummary>(db, sql`SELECT ${SUMMARY_COLUMNS} ${SUMMARY_FROM} WHERE c.id = ${caseId}`);
  return row ?? null;
}

export interface ChildRow {
  id: string;
  personId: string;
  givenNames: string;
  familyName: string;
  dateOfBirth: string | null;
  gender: string | null;
  languagePreference: string;
}

export interface PartyRow {
  id: string;
  personId: string;
  givenNames: string;
  familyName: string;
  dateOfBirth: string | null;
  partyRole: string;
  languagePreference: string;
  interpreterLanguage: string | null;
}

export interface RelationshipRow {
  partyId: string;
  childId: string;
  relationship: string;
}

export interface ContactRow {
  id: string;
  personId: string;
  kind: 'address' | 'phone' | 'email';
  addressLines: string[] | null;
  postcode: string | null;
  value: string | null;
  confidential: boolean;
  refuge: boolean;
}

export async function listContactDetails(db: Executor, caseId: string, personId: string): Promise<ContactRow[]> {
  return rows<ContactRow>(
    db,
    sql`SELECT id, person_id AS "personId", kind, address_lines AS "addressLines", postcode, value, confidential, refuge
    FROM contact_detail WHERE case_id = ${caseId} AND person_id = ${personId} ORDER BY kind, created_at`,
  );
}

export const TIMELINE_PAGE_SIZE = 50;

export interface TimelineRow {
  id: number;
  occurredAt: string;
  kind: string;
  body: string | null;
  details: Record<string, unknown>;
  actorName: string | null;
  childName: string | null;
}

/** The case timeline, newest first, by keyset pagination (stable while events are added). */
export async function listTimeline(
  db: Executor,
  caseId: string,
  before?: { occurredAt: string; id: number },
): Promise<{ rows: TimelineRow[]; next: { occurredAt: string; id: number } | null }> {
  const cursor = before ? sql`AND (e.occurred_at, e.id) < (${before.occurredAt}::timestamptz, ${before.id})` : sql``;
  const list = await rows<TimelineRow>(
    db,
    // The page of events straight off the keyset index (its order is DESC NULLS LAST, as
    // drizzle declares it: plain DESC would read and sort the whole timeline); names looked
    // up for those rows only. The limit is a constant so a prepared plan knows it too.
    sql`SELECT e.id, e.occurred_at AS "occurredAt", e.kind, e.body, e.details,
      (SELECT u.display_name FROM user_account u WHERE u.id = e.actor_user_id) AS "actorName",
      (SELECT p.given_names || ' ' || p.family_name FROM case_child ch JOIN person p ON p.id = ch.person_id
        WHERE ch.id = e.child_id) AS "childName"
    FROM timeline_event e
    WHERE e.case_id = ${caseId} ${cursor}
    ORDER BY e.occurred_at DESC NULLS LAST, e.id DESC NULLS LAST
    LIMIT ${sql.raw(String(TIMELINE_PAGE_SIZE + 1))}`,
  );
  const hasMore = list.length > TIMELINE_PAGE_SIZE;
  const page = hasMore ? list.slice(0, TIMELINE_PAGE_SIZE) : list;
  const last = page[page.length - 1];
  return {
    rows: page,
    next: hasMore && last ? { occurredAt: new Date(last.occurredAt).toISOString(), id: Number(last.id) } : null,
  };
}

export const ACCESS_LOG_PAGE_SIZE = 50;

export interface AccessLogRow {
  seq: number;
  occurredAt: string;
  actorName: string | null;
  actorRole: string | null;
  action: string;
  resourceType: string;
  fieldCategories: string[];
  reason: string | null;
}

/** "Who has seen this case": the audit trail for one case, newest first. */
export async function listCaseAccess(
  db: Executor,
  caseId: string,
  page: number,
): Promise<{ rows: AccessLogRow[]; total: number }> {
  const [count] = await rows<{ total: number }>(
    db,
    sql`SELECT count(*)::int AS total FROM audit_event WHERE case_id = ${caseId}`,
  );
  const list = await rows<AccessLogRow>(
    db,
    sql`SELECT a.seq, a.occurred_at AS "occurredAt", u.display_name AS "actorName", a.actor_role AS "actorRole",
      a.action, a.resource_type AS "resourceType", a.field_categories AS "fieldCategories", a.reason
    FROM audit_event a LEFT JOIN user_account u ON u.id = a.actor_user_id
    WHERE a.case_id = ${caseId}
    ORDER BY a.occurred_at DESC, a.id DESC
    LIMIT ${ACCESS_LOG_PAGE_SIZE} OFFSET ${(page - 1) * ACCESS_LOG_PAGE_SIZE}`,
  );
  return { rows: list, total: count?.total ?? 0 };
}

export async function listCourts(db: Executor): Promise<{ id: string; name: string; nameCy: string | null }[]> {
  return rows(db, sql`SELECT id, name, name_cy AS "nameCy" FROM court ORDER BY name`);
}

export interface OtherCaseRow {
  id: string;
  reference: string;
  law: string;
  receivedOn: string;
  closed: boolean;
}

/**
 * Other proceedings involving the same person (the person index), limited to the cases
 * the viewer may see: families return to court, and earlier work matters.
 */
export async function listOtherCasesForPerson(
  db: Executor,
  principal: Principal,
  personId: string,
  exceptCaseId: string,
  now: Date,
): Promise<OtherCaseRow[]> {
  return rows<OtherCaseRow>(
    db,
    sql`SELECT c.id, c.reference, c.law, c.received_on AS "receivedOn", c.closed_at IS NOT NULL AS closed
    FROM case_record c
    WHERE c.id <> ${exceptCaseId}
      AND (EXISTS (SELECT 1 FROM case_child ch WHERE ch.case_id = c.id AND ch.person_id = ${personId})
        OR EXISTS (SELECT 1 FROM case_party cp WHERE cp.case_id = c.id AND cp.person_id = ${personId}))
      AND ${visibleCasesCondition(principal, now)}
    ORDER BY c.received_on DESC, c.id
    LIMIT 50`,
  );
}

export interface CasePeople {
  children: ChildRow[];
  parties: PartyRow[];
  relationships: RelationshipRow[];
}

/** The children, adult parties and their relationships of case c, as JSON columns. */
const PEOPLE_COLUMNS = sql`
      COALESCE((SELECT json_agg(json_build_object('id', ch.id, 'personId', ch.person_id, 'givenNames', p.given_names,
          'familyName', p.family_name, 'dateOfBirth', p.date_of_birth, 'gender', ch.gender,
          'languagePreference', p.language_preference) ORDER BY p.date_of_birth NULLS LAST, p.given_names)
        FROM case_child ch JOIN person p ON p.id = ch.person_id WHERE ch.case_id = c.id), '[]'::json) AS children,
      COALESCE((SELECT json_agg(json_build_object('id', cp.id, 'personId', cp.person_id, 'givenNames', p.given_names,
          'familyName', p.family_name, 'dateOfBirth', p.date_of_birth, 'partyRole', cp.party_role,
          'languagePreference', p.language_preference, 'interpreterLanguage', p.interpreter_language)
          ORDER BY cp.party_role, p.family_name, p.given_names)
        FROM case_party cp JOIN person p ON p.id = cp.person_id WHERE cp.case_id = c.id), '[]'::json) AS parties,
      COALESCE((SELECT json_agg(json_build_object('partyId', r.party_id, 'childId', r.child_id, 'relationship', r.relationship))
        FROM party_child_relationship r JOIN case_child ch ON ch.id = r.child_id WHERE ch.case_id = c.id), '[]'::json)
        AS relationships`;

/** A case's summary with its children, adult parties and relationships, in one round trip. */
export async function getCaseWithPeople(db: Executor, caseId: string): Promise<(CaseSummary & CasePeople) | null> {
  const [row] = await rows<CaseSummary & CasePeople>(
    db,
    sql`SELECT ${SUMMARY_COLUMNS}, ${PEOPLE_COLUMNS} ${SUMMARY_FROM} WHERE c.id = ${caseId}`,
  );
  return row ?? null;
}
