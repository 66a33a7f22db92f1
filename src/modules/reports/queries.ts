import { and, asc, eq, sql } from 'drizzle-orm';
import type { Principal } from '../../platform/authorisation/roles.ts';
import { type Executor, queryRows, sqlList } from '../../platform/db/database.ts';
import { DomainError } from '../../platform/errors/catalogue.ts';
import { type CasePeople, type CaseSummary, getCaseWithPeople, visibleCasesCondition } from '../casework/service.ts';
import { type ChildWorkEvidence, listChildWorkEvidence } from '../direct-work/service.ts';
import { type ContactEvidence, listContactEvidence } from '../planning/service.ts';
import { courtReport } from './schema.ts';
import { type Citable, CONTACT_CITATION, DIRECTION_TYPE_OF, type ReportSections, WORDS_CITATION } from './sections.ts';

export type ReportRow = typeof courtReport.$inferSelect;

/** A court direction for one of our reports. */
export interface DirectionFact {
  id: string;
  reportType: string;
  reportLabel: string | null;
  dueOn: string | null;
  filedOn: string | null;
}

export interface ReportChild {
  id: string;
  name: string;
  givenNames: string;
  age: number | null;
}

export interface ReportContext {
  summary: CaseSummary & CasePeople;
  reports: ReportRow[];
  directions: DirectionFact[];
  contacts: ContactEvidence[];
  childWork: ChildWorkEvidence[];
  citations: Map<string, Citable>;
  children: ReportChild[];
  /** Everyone named on the case (children and adults), for the spell-check's ignore list. */
  peopleNames: string[];
}

/** Age in whole years on a day (a 29 February birthday counts on 1 March in common years). */
export function ageOn(dateOfBirth: string | null, on: string): number | null {
  if (!dateOfBirth) return null;
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  let age = y - by;
  if (m < bm || (m === bm && d < bd)) age -= 1;
  return age;
}

const REPORT_DIRECTION_TYPES = Object.values(DIRECTION_TYPE_OF);

/** The evidence a report can quote: contact log entries (what was said) and each child's own words. */
export function citationIndex(contacts: readonly ContactEvidence[], childWork: readonly ChildWorkEvidence[]) {
  const index = new Map<string, Citable>();
  for (const c of contacts) {
    if (c.whatWasSaid.trim() === '') continue;
    index.set(`contact:${c.id.toLowerCase()}`, {
      kind: CONTACT_CITATION,
      id: c.id,
      quote: c.whatWasSaid,
      on: c.heldOn,
      href: c.href,
      contactKind: c.kind,
      withWhom: c.withWhom,
    });
  }
  for (const child of childWork) {
    for (const s of child.sessions) {
      if (s.ownWords.trim() === '') continue;
      index.set(`words:${s.id.toLowerCase()}`, {
        kind: WORDS_CITATION,
        id: s.id,
        quote: s.ownWords,
        on: s.heldOn,
        href: s.href,
        childId: child.childId,
        childName: child.name,
      });
    }
  }
  return index;
}

export async function listReportDirections(tx: Executor, caseId: string): Promise<DirectionFact[]> {
  return queryRows<DirectionFact>(
    tx,
    sql`SELECT id, report_type AS "reportType", report_label AS "reportLabel", due_on::text AS "dueOn",
          filed_on::text AS "filedOn"
        FROM court_direction
        WHERE case_id = ${caseId} AND report_type IN (${sqlList(REPORT_DIRECTION_TYPES)})
        ORDER BY due_on NULLS LAST, created_at, id`,
  );
}

/** Everything a report page needs about its case (the caller audits the read). */
export async function loadReportContext(tx: Executor, caseId: string, today: string): Promise<ReportContext> {
  const summary = await getCaseWithPeople(tx, caseId);
  if (!summary) throw new DomainError('CASE_NOT_FOUND');
  const reports = await tx
    .select()
    .from(courtReport)
    .where(eq(courtReport.caseId, caseId))
    .orderBy(asc(courtReport.createdAt), asc(courtReport.id));
  const directions = await listReportDirections(tx, caseId);
  const contacts = await listContactEvidence(tx, caseId);
  const childWork = await listChildWorkEvidence(tx, caseId);
  return {
    summary,
    reports,
    directions,
    contacts,
    childWork,
    citations: citationIndex(contacts, childWork),
    children: summary.children.map((c) => ({
      id: c.id,
      name: `${c.givenNames} ${c.familyName}`,
      givenNames: c.givenNames,
      age: ageOn(c.dateOfBirth, today),
    })),
    peopleNames: [...summary.children, ...summary.parties].map((p) => `${p.givenNames} ${p.familyName}`),
  };
}

export async function lockReport(tx: Executor, caseId: string, reportId: string): Promise<ReportRow> {
  const [row] = await tx
    .select()
    .from(courtReport)
    .where(and(eq(courtReport.id, reportId), eq(courtReport.caseId, caseId)))
    .for('update');
  if (!row) throw new DomainError('REPORT_NOT_FOUND');
  return row;
}

export function sectionsOf(report: Pick<ReportRow, 'sections'>): ReportSections {
  return (report.sections ?? {}) as ReportSections;
}

export interface ReportReviewRow {
  id: string;
  decision: string;
  comments: string | null;
  reviewedAt: string;
  reviewerName: string;
}

export async function listReportReviews(tx: Executor, reportId: string): Promise<ReportReviewRow[]> {
  return queryRows<ReportReviewRow>(
    tx,
    sql`SELECT r.id, r.decision, r.comments, r.reviewed_at AS "reviewedAt", u.display_name AS "reviewerName"
        FROM court_report_review r JOIN user_account u ON u.id = r.reviewer_id
        WHERE r.report_id = ${reportId} ORDER BY r.reviewed_at DESC, r.id`,
  );
}

export interface ReportShareRow {
  id: string;
  partyId: string | null;
  childId: string | null;
  recipientName: string;
  sharedOn: string;
  method: string;
  reason: string | null;
  nextHearingOn: string | null;
  recordedByName: string;
}

export async function listReportShares(tx: Executor, reportId: string): Promise<ReportShareRow[]> {
  return queryRows<ReportShareRow>(
    tx,
    sql`SELECT s.id, s.party_id AS "partyId", s.child_id AS "childId",
          COALESCE(pp.given_names || ' ' || pp.family_name, cp.given_names || ' ' || cp.family_name, '') AS "recipientName",
          s.shared_on::text AS "sharedOn", s.method, s.reason, s.next_hearing_on::text AS "nextHearingOn",
          u.display_name AS "recordedByName"
        FROM court_report_share s
        LEFT JOIN case_party pa ON pa.id = s.party_id LEFT JOIN person pp ON pp.id = pa.person_id
        LEFT JOIN case_child ch ON ch.id = s.child_id LEFT JOIN person cp ON cp.id = ch.person_id
        JOIN user_account u ON u.id = s.recorded_by
        WHERE s.report_id = ${reportId}
        ORDER BY s.shared_on, s.recorded_at, s.id`,
  );
}

export interface ReportDocumentRow {
  id: string;
  format: string;
  language: string;
  fileName: string;
  byteSize: number;
  createdAt: string;
}

export async function listReportDocuments(tx: Executor, caseId: string, reportId: string) {
  return queryRows<ReportDocumentRow>(
    tx,
    sql`SELECT id, format, language, file_name AS "fileName", byte_size AS "byteSize", created_at AS "createdAt"
        FROM case_document WHERE case_id = ${caseId} AND source_id = ${reportId} AND direction = 'produced'
        ORDER BY created_at, format`,
  );
}

/** A report's produced document, only through its own case and report. */
export async function getReportDocument(tx: Executor, caseId: string, reportId: string, documentId: string) {
  const [row] = await queryRows<{ id: string; file_name: string; content_type: string; content: Uint8Array }>(
    tx,
    sql`SELECT id, file_name, content_type, content FROM case_document
        WHERE id = ${documentId} AND case_id = ${caseId} AND source_id = ${reportId} AND direction = 'produced'`,
  );
  return row ?? null;
}

export interface ReportQueueRow {
  caseId: string;
  reference: string;
  reportId: string;
  kind: string;
  dueOn: string | null;
  submittedAt: string;
  authorName: string;
}

export const REVIEW_QUEUE_PAGE_SIZE = 25;

/**
 * Reports waiting for a manager: submitted reports of cases the person may see, in the
 * areas where they hold a manager's role, never their own; oldest submission first.
 * Need-to-know and paging in SQL (court_report_submitted_idx).
 */
export async function listReportsToReview(
  db: Executor,
  principal: Principal,
  now: Date,
  page: number,
  managerAreaIds: readonly string[],
): Promise<{ rows: ReportQueueRow[]; total: number }> {
  if (managerAreaIds.length === 0) return { rows: [], total: 0 };
  const where = sql`r.status = 'submitted' AND r.author_id <> ${principal.userId}
    AND c.area_id IN (${sqlList(managerAreaIds)}) AND ${visibleCasesCondition(principal, now)}`;
  const [count] = await queryRows<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM court_report r JOIN case_record c ON c.id = r.case_id WHERE ${where}`,
  );
  const rows = await queryRows<ReportQueueRow>(
    db,
    sql`SELECT c.id AS "caseId", c.reference, r.id AS "reportId", r.kind, d.due_on::text AS "dueOn",
          r.submitted_at AS "submittedAt", u.display_name AS "authorName"
        FROM court_report r JOIN case_record c ON c.id = r.case_id
        JOIN court_direction d ON d.id = r.direction_id
        JOIN user_account u ON u.id = r.author_id
        WHERE ${where}
        ORDER BY r.submitted_at ASC, r.id
        LIMIT ${REVIEW_QUEUE_PAGE_SIZE} OFFSET ${(page - 1) * REVIEW_QUEUE_PAGE_SIZE}`,
  );
  return { rows, total: count?.n ?? 0 };
}

/** The last report filed for a case, with its recommendation (for the closing summary). */
export async function latestFiledReport(
  db: Executor,
  caseId: string,
): Promise<{ id: string; kind: string; recommendation: string; filedOn: string } | null> {
  const [row] = await queryRows<{ id: string; kind: string; recommendation: string | null; filedOn: string }>(
    db,
    sql`SELECT id, kind, sections->>'recommendation' AS recommendation, filed_on::text AS "filedOn"
        FROM court_report WHERE case_id = ${caseId} AND status = 'filed'
        ORDER BY filed_on DESC, filed_at DESC, id DESC LIMIT 1`,
  );
  return row ? { ...row, recommendation: row.recommendation ?? '' } : null;
}

/** When a report was started (London date) and filed: the bounds of the dates its forms accept. */
export async function reportDates(db: Executor, caseId: string, reportId: string) {
  const [row] = await queryRows<{ startedOn: string; filedOn: string | null }>(
    db,
    sql`SELECT (created_at AT TIME ZONE 'Europe/London')::date::text AS "startedOn", filed_on::text AS "filedOn"
        FROM court_report WHERE id = ${reportId} AND case_id = ${caseId}`,
  );
  return row ?? null;
}
