import { sql } from 'drizzle-orm';
import type { Principal } from '../../platform/authorisation/roles.ts';
import { type Executor, queryRows } from '../../platform/db/database.ts';
import { visibleCasesCondition } from '../casework/service.ts';
import { HEARING_NOT_GOING_AHEAD, type PartyContact } from './rules.ts';

export interface HearingRow {
  id: string;
  sourceRef: string | null;
  typeCode: string;
  typeLabel: string | null;
  status: string | null;
  startsAt: string | null;
  endsAt: string | null;
  venue: string | null;
  outcome: string | null;
  version: number;
  updatedAt: string;
}

const HEARING_COLUMNS = sql`h.id, h.source_ref AS "sourceRef", h.type_code AS "typeCode", h.type_label AS "typeLabel",
  h.status, h.starts_at AS "startsAt", h.ends_at AS "endsAt", h.venue, h.outcome, h.version, h.updated_at AS "updatedAt"`;

/** A case's hearings in date order (those without a date last). */
export async function listHearings(db: Executor, caseId: string): Promise<HearingRow[]> {
  return queryRows<HearingRow>(
    db,
    sql`SELECT ${HEARING_COLUMNS} FROM hearing h WHERE h.case_id = ${caseId}
      ORDER BY h.starts_at NULLS LAST, h.created_at, h.id`,
  );
}

/**
 * The next hearing that is going ahead: on or after `today` (a London calendar date),
 * not vacated, cancelled, adjourned or postponed. Null when none is listed.
 */
export async function nextHearing(db: Executor, caseId: string, today: string): Promise<HearingRow | null> {
  const [row] = await queryRows<HearingRow>(
    db,
    sql`SELECT ${HEARING_COLUMNS} FROM hearing h
      WHERE h.case_id = ${caseId} AND h.starts_at >= ((${today}::date)::timestamp AT TIME ZONE 'Europe/London')
        AND (h.status IS NULL OR upper(h.status) NOT IN (${sql.join(
          HEARING_NOT_GOING_AHEAD.map((s) => sql`${s}`),
          sql`, `,
        )}))
      ORDER BY h.starts_at, h.id LIMIT 1`,
  );
  return row ?? null;
}

export async function getHearing(db: Executor, caseId: string, hearingId: string): Promise<HearingRow | null> {
  const [row] = await queryRows<HearingRow>(
    db,
    sql`SELECT ${HEARING_COLUMNS} FROM hearing h WHERE h.id = ${hearingId} AND h.case_id = ${caseId}`,
  );
  return row ?? null;
}

export interface OrderRow {
  id: string;
  sourceRef: string | null;
  orderType: string;
  label: string | null;
  madeOn: string | null;
  final: boolean;
  hearingId: string | null;
  hearingTypeCode: string | null;
  hearingTypeLabel: string | null;
  hearingStartsAt: string | null;
  recordedByName: string | null;
  createdAt: string;
}

/** A case's orders, newest first, with the hearing they were made at (ours, or the court's by its id). */
export async function listOrders(db: Executor, caseId: string): Promise<OrderRow[]> {
  return queryRows<OrderRow>(
    db,
    sql`SELECT o.id, o.source_ref AS "sourceRef", o.order_type AS "orderType", o.label, o.made_on AS "madeOn",
        o.final, h.id AS "hearingId", h.type_code AS "hearingTypeCode", h.type_label AS "hearingTypeLabel",
        h.starts_at AS "hearingStartsAt", u.display_name AS "recordedByName", o.created_at AS "createdAt"
      FROM court_order o
        LEFT JOIN hearing h ON h.case_id = o.case_id
          AND (h.id = o.hearing_id OR (o.hearing_id IS NULL AND h.source_ref = o.hearing_source_ref))
        LEFT JOIN user_account u ON u.id = o.recorded_by
      WHERE o.case_id = ${caseId}
      ORDER BY o.made_on DESC NULLS LAST, o.created_at DESC, o.id`,
  );
}

/** The final order of a case (the latest, should a reopened case have had two), or null. */
export async function finalOrderOf(
  db: Executor,
  caseId: string,
): Promise<{ id: string; orderType: string; label: string | null; madeOn: string | null } | null> {
  const [row] = await queryRows<{ id: string; orderType: string; label: string | null; madeOn: string | null }>(
    db,
    sql`SELECT id, order_type AS "orderType", label, made_on AS "madeOn" FROM court_order
      WHERE case_id = ${caseId} AND final ORDER BY made_on DESC NULLS LAST, created_at DESC LIMIT 1`,
  );
  return row ?? null;
}

export interface DirectionRow {
  id: string;
  reportType: string;
  reportLabel: string | null;
  dueOn: string | null;
  filedOn: string | null;
  source: string;
  version: number;
  changes: number;
  lastNoticeAt: string | null;
  lastNoticeExpectedOn: string | null;
}

const DIRECTION_COLUMNS = sql`d.id, d.report_type AS "reportType", d.report_label AS "reportLabel", d.due_on AS "dueOn",
  d.filed_on AS "filedOn", d.source, d.version,
  (SELECT count(*)::int FROM court_direction_change x WHERE x.direction_id = d.id) AS changes,
  n.created_at AS "lastNoticeAt", n.expected_on AS "lastNoticeExpectedOn"`;

const LAST_NOTICE = sql`LEFT JOIN LATERAL (SELECT dn.created_at, dn.expected_on FROM delay_notice dn
    WHERE dn.direction_id = d.id ORDER BY dn.created_at DESC LIMIT 1) n ON TRUE`;

/** A case's directions: open ones by due date first, then filed ones. */
export async function listDirections(db: Executor, caseId: string): Promise<DirectionRow[]> {
  return queryRows<DirectionRow>(
    db,
    sql`SELECT ${DIRECTION_COLUMNS} FROM court_direction d ${LAST_NOTICE}
      WHERE d.case_id = ${caseId}
      ORDER BY (d.filed_on IS NOT NULL), d.due_on NULLS LAST, d.created_at, d.id`,
  );
}

export async function getDirection(db: Executor, caseId: string, directionId: string): Promise<DirectionRow | null> {
  const [row] = await queryRows<DirectionRow>(
    db,
    sql`SELECT ${DIRECTION_COLUMNS} FROM court_direction d ${LAST_NOTICE}
      WHERE d.id = ${directionId} AND d.case_id = ${caseId}`,
  );
  return row ?? null;
}

export interface DirectionChangeRow {
  id: string;
  previousDueOn: string | null;
  newDueOn: string;
  reason: string;
  changedByName: string;
  changedAt: string;
}

/** The history of a direction's filing date, newest first. */
export async function listDirectionChanges(db: Executor, directionId: string): Promise<DirectionChangeRow[]> {
  return queryRows<DirectionChangeRow>(
    db,
    sql`SELECT x.id, x.previous_due_on AS "previousDueOn", x.new_due_on AS "newDueOn", x.reason,
        u.display_name AS "changedByName", x.changed_at AS "changedAt"
      FROM court_direction_change x JOIN user_account u ON u.id = x.changed_by
      WHERE x.direction_id = ${directionId} ORDER BY x.changed_at DESC, x.id`,
  );
}

export interface DelayNoticeRow {
  id: string;
  directionId: string;
  reportType: string;
  reportLabel: string | null;
  dueOn: string | null;
  expectedOn: string;
  reason: string;
  createdByName: string;
  createdAt: string;
  recipients: { partyId: string; name: string; channel: string; status: string; language: string }[];
}

/** The delay notices of a case, newest first, with who was told, how, and how their message stands. */
export async function listDelayNotices(db: Executor, caseId: string): Promise<DelayNoticeRow[]> {
  return queryRows<DelayNoticeRow>(
    db,
    sql`SELECT n.id, n.direction_id AS "directionId", d.report_type AS "reportType", d.report_label AS "reportLabel",
        n.due_on AS "dueOn", n.expected_on AS "expectedOn", n.reason, u.display_name AS "createdByName",
        n.created_at AS "createdAt",
        COALESCE((SELECT json_agg(json_build_object('partyId', r.party_id,
            'name', p.given_names || ' ' || p.family_name, 'channel', r.channel, 'status', m.status,
            'language', m.language) ORDER BY p.family_name, p.given_names)
          FROM delay_notice_recipient r JOIN case_party cp ON cp.id = r.party_id JOIN person p ON p.id = cp.person_id
            JOIN outbox_message m ON m.id = r.outbox_message_id
          WHERE r.notice_id = n.id), '[]'::json) AS recipients
      FROM delay_notice n JOIN court_direction d ON d.id = n.direction_id JOIN user_account u ON u.id = n.created_by
      WHERE n.case_id = ${caseId} ORDER BY n.created_at DESC, n.id`,
  );
}

export interface NoticePartyRow {
  id: string;
  personId: string;
  givenNames: string;
  familyName: string;
  partyRole: string;
  dateOfBirth: string | null;
  languagePreference: string;
  contacts: PartyContact[];
}

/** The parties of a case with their e-mail and phone details (flags included), to choose how to tell them. */
export async function listNoticeParties(db: Executor, caseId: string): Promise<NoticePartyRow[]> {
  return queryRows<NoticePartyRow>(
    db,
    sql`SELECT cp.id, cp.person_id AS "personId", p.given_names AS "givenNames", p.family_name AS "familyName",
        cp.party_role AS "partyRole", p.date_of_birth AS "dateOfBirth", p.language_preference AS "languagePreference",
        COALESCE((SELECT json_agg(json_build_object('kind', cd.kind, 'value', cd.value,
            'confidential', cd.confidential, 'refuge', cd.refuge) ORDER BY cd.created_at)
          FROM contact_detail cd WHERE cd.case_id = cp.case_id AND cd.person_id = cp.person_id
            AND cd.kind IN ('email', 'phone')), '[]'::json) AS contacts
      FROM case_party cp JOIN person p ON p.id = cp.person_id
      WHERE cp.case_id = ${caseId}
      ORDER BY cp.party_role, p.family_name, p.given_names`,
  );
}

export const AT_RISK_PAGE_SIZE = 25;

export interface AtRiskRow {
  directionId: string;
  caseId: string;
  reference: string;
  reportType: string;
  reportLabel: string | null;
  dueOn: string;
  lastNoticeAt: string | null;
  lastNoticeExpectedOn: string | null;
}

/**
 * Directions whose filing date will be missed (not filed, due on or before `through`) on
 * the open cases the person can see, by due date; paginated in SQL. The open-due index
 * (court_direction_open_due_idx) serves the date order.
 */
export async function listAtRisk(
  db: Executor,
  principal: Principal,
  now: Date,
  through: string,
  page: number,
): Promise<{ rows: AtRiskRow[]; total: number }> {
  const where = sql`d.filed_on IS NULL AND d.due_on IS NOT NULL AND d.due_on <= ${through}::date
    AND c.closed_at IS NULL AND ${visibleCasesCondition(principal, now)}`;
  const [count] = await queryRows<{ total: number }>(
    db,
    sql`SELECT count(*)::int AS total FROM court_direction d JOIN case_record c ON c.id = d.case_id WHERE ${where}`,
  );
  const rows = await queryRows<AtRiskRow>(
    db,
    sql`SELECT d.id AS "directionId", c.id AS "caseId", c.reference, d.report_type AS "reportType",
        d.report_label AS "reportLabel", d.due_on AS "dueOn",
        n.created_at AS "lastNoticeAt", n.expected_on AS "lastNoticeExpectedOn"
      FROM court_direction d JOIN case_record c ON c.id = d.case_id ${LAST_NOTICE}
      WHERE ${where}
      ORDER BY d.due_on, c.reference, d.id
      LIMIT ${AT_RISK_PAGE_SIZE} OFFSET ${(page - 1) * AT_RISK_PAGE_SIZE}`,
  );
  return { rows, total: count?.total ?? 0 };
}
