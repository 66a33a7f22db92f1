import { and, eq, sql } from 'drizzle-orm';
import { type AuditActor, type AuditEntry, appendAudit } from '../../platform/audit/audit.ts';
import { londonDate } from '../../platform/calendar/index.ts';
import { type Db, type Executor, queryRows } from '../../platform/db/database.ts';
import { nameWords } from '../../platform/documents/spellcheck.ts';
import { DomainError } from '../../platform/errors/catalogue.ts';
import { claimFormToken, completeFormToken } from '../../platform/forms/form-token.ts';
import { appendTimeline, confidentialValuesOf, moveCase, produceCaseDocuments } from '../casework/service.ts';
import { nextHearing } from '../court/service.ts';
import { staffFacts } from '../safeguarding/service.ts';
import { reportDocument, reportMessages } from './document.ts';
import {
  type DirectionFact,
  loadReportContext,
  lockReport,
  type ReportContext,
  type ReportRow,
  sectionsOf,
} from './queries.ts';
import { type Readiness, reportReadiness } from './readiness.ts';
import { courtReport, courtReportReview, courtReportRevision, courtReportShare } from './schema.ts';
import { DIRECTION_TYPE_OF, EDITABLE_STATUSES, type ReportKind, type ReportSections } from './sections.ts';

type Actor = AuditActor & { userId: string };

const reportAudit = (action: 'view' | 'create' | 'change', caseId: string, ids: string[]): AuditEntry => ({
  action,
  resourceType: 'report',
  resourceIds: ids,
  caseId,
  fieldCategories: ['report', 'child-identity', 'direct-work', 'contact-log'],
});

const reportPath = (caseId: string, reportId: string) => `/cases/${caseId}/reports/${reportId}`;

/** Case states in which a report may be started; the first two move the case on to `reporting`. */
const STARTS_FROM = ['allocated', 'report-filed', 'reporting'];

/** Directions of a kind still open for a new report: of its type, not filed, not answered by a report. */
export function openDirectionsFor(
  kind: ReportKind,
  ctx: Pick<ReportContext, 'directions' | 'reports'>,
): DirectionFact[] {
  const answered = new Set(ctx.reports.map((r) => r.directionId));
  return ctx.directions.filter((d) => d.reportType === DIRECTION_TYPE_OF[kind] && !d.filedOn && !answered.has(d.id));
}

/** The kind of report a direction asks for (null when it is not one of ours). */
export function kindOfDirection(reportType: string | undefined): ReportKind | null {
  const found = (Object.entries(DIRECTION_TYPE_OF) as [ReportKind, string][]).find(([, type]) => type === reportType);
  return found ? found[0] : null;
}

/** Directions still open for a new report, of any kind. */
export function openDirections(ctx: Pick<ReportContext, 'directions' | 'reports'>): DirectionFact[] {
  const answered = new Set(ctx.reports.map((r) => r.directionId));
  return ctx.directions.filter((d) => kindOfDirection(d.reportType) !== null && !d.filedOn && !answered.has(d.id));
}

/** The filed report an addendum adds to: the latest filed report that is not itself an addendum. */
export function parentForAddendum(reports: readonly ReportRow[]): ReportRow | null {
  const filed = reports
    .filter((r) => r.status === 'filed')
    .sort((a, b) => (a.filedOn ?? '').localeCompare(b.filedOn ?? ''));
  return filed.filter((r) => r.kind !== 'addendum').at(-1) ?? filed.at(-1) ?? null;
}

export type StartProblem = 'case-state' | 'direction' | 'parent';

/**
 * Why a report of this kind cannot be started on this direction, or null when it can.
 * A report starts once the case is allocated; it answers an open direction of its own
 * type; an addendum needs a filed report to add to.
 */
export function startProblem(
  ctx: Pick<ReportContext, 'directions' | 'reports'> & { status: string },
  kind: ReportKind,
  directionId: string,
): StartProblem | null {
  if (!STARTS_FROM.includes(ctx.status)) return 'case-state';
  if (!openDirectionsFor(kind, ctx).some((d) => d.id === directionId)) return 'direction';
  if (kind === 'addendum' && !parentForAddendum(ctx.reports)) return 'parent';
  return null;
}

/**
 * Begin a report answering a court direction (its kind follows from the direction's type). One transaction: the report (its diversity
 * statements started from the direct work), the case moved to `reporting` when it was
 * allocated or had a report filed, the timeline and the audit. A repeated post of the same
 * form leads to the same report.
 */
export async function startReport(
  db: Db,
  input: {
    caseId: string;
    directionId: string;
    language: 'en' | 'cy';
    formToken: string;
    actor: Actor;
    now: Date;
  },
): Promise<{ location: string }> {
  return db.transaction(async (tx) => {
    const claim = await claimFormToken(tx, input.formToken, input.actor.userId);
    if (!claim.fresh) return { location: claim.location };
    await tx.execute(sql`SELECT id FROM case_record WHERE id = ${input.caseId} FOR UPDATE`);
    const ctx = await loadReportContext(tx, input.caseId, londonDate(input.now));
    const kind = kindOfDirection(ctx.directions.find((d) => d.id === input.directionId)?.reportType);
    const problem = kind ? startProblem({ ...ctx, status: ctx.summary.status }, kind, input.directionId) : 'direction';
    if (!kind || problem) throw new DomainError('REPORT_CANNOT_START', { problem: problem ?? 'direction' });
    const parent = kind === 'addendum' ? parentForAddendum(ctx.reports) : null;
    const sections: ReportSections = {
      wishes: {},
      wordsReason: {},
      needs: {},
      diversity: {},
      diversityRelevant: {},
      orders: [],
      ignoredWords: [],
    };
    for (const child of ctx.childWork) {
      if (child.diversity) {
        sections.diversity![child.childId] = child.diversity.statement;
        sections.diversityRelevant![child.childId] = child.diversity.relevant ? 'yes' : 'no';
      }
    }
    const [row] = await tx
      .insert(courtReport)
      .values({
        caseId: input.caseId,
        kind,
        directionId: input.directionId,
        parentReportId: parent?.id ?? null,
        language: input.language,
        sections,
        authorId: input.actor.userId,
        createdAt: input.now,
        updatedAt: input.now,
      })
      .returning({ id: courtReport.id });
    const reportId = row!.id;
    if (ctx.summary.status === 'allocated' || ctx.summary.status === 'report-filed') {
      await moveCase(tx, {
        caseId: input.caseId,
        event: { type: 'report-started' },
        actorUserId: input.actor.userId,
        now: input.now,
        details: { reportId },
      });
    }
    await appendTimeline(tx, {
      caseId: input.caseId,
      kind: 'reports.started',
      occurredAt: input.now,
      actorUserId: input.actor.userId,
      details: { reportId, reportKind: kind, directionId: input.directionId },
    });
    await appendAudit(tx, input.actor, input.now, [reportAudit('create', input.caseId, [reportId])]);
    const location = reportPath(input.caseId, reportId);
    await completeFormToken(tx, input.formToken, location);
    return { location };
  });
}

/** The author's sections as posted (ignored words are added to those already accepted). */
export type ReportEdit = ReportSections;

/**
 * Save the author's changes: every post of the form is saved, with optimistic concurrency
 * and a revision of the sections. Only a draft or a returned report changes. The same form
 * posted twice saves once.
 */
export async function saveReport(
  db: Db,
  input: {
    caseId: string;
    reportId: string;
    version: number;
    edit: ReportEdit;
    formToken: string;
    actor: Actor;
    now: Date;
  },
): Promise<{ version: number; repeated: false } | { repeated: true; location: string }> {
  return db.transaction(async (tx) => {
    const claim = await claimFormToken(tx, input.formToken, input.actor.userId);
    if (!claim.fresh) return { repeated: true as const, location: claim.location };
    const report = await lockReport(tx, input.caseId, input.reportId);
    if (report.status === 'filed') throw new DomainError('REPORT_ALREADY_FILED');
    if (report.version !== input.version) throw new DomainError('STALE_VERSION');
    if (!EDITABLE_STATUSES.includes(report.status)) throw new DomainError('REPORT_NOT_EDITABLE');
    const before = sectionsOf(report);
    const sections: ReportSections = {
      ...input.edit,
      ignoredWords: [...new Set([...(before.ignoredWords ?? []), ...(input.edit.ignoredWords ?? [])])],
    };
    const [updated] = await tx
      .update(courtReport)
      .set({ sections, updatedAt: input.now, version: sql`${courtReport.version} + 1` })
      .where(and(eq(courtReport.id, report.id), eq(courtReport.version, input.version)))
      .returning({ version: courtReport.version });
    if (!updated) throw new DomainError('STALE_VERSION');
    await tx.insert(courtReportRevision).values({
      reportId: report.id,
      version: updated.version,
      sections,
      savedBy: input.actor.userId,
      savedAt: input.now,
    });
    await appendAudit(tx, input.actor, input.now, [reportAudit('change', input.caseId, [report.id])]);
    await completeFormToken(tx, input.formToken, `${reportPath(input.caseId, report.id)}?notice=report-saved`);
    return { version: updated.version, repeated: false as const };
  });
}

/** The readiness checklist of a report as it stands, with the author (for the self-regulation rule). */
export async function checkReport(tx: Executor, ctx: ReportContext, report: ReportRow) {
  const author = await staffFacts(tx, report.authorId);
  const readiness: Readiness = reportReadiness(sectionsOf(report), {
    directWorkHref: `/cases/${report.caseId}/direct-work`,
    children: ctx.children.map((c) => {
      const work = ctx.childWork.find((w) => w.childId === c.id);
      return {
        id: c.id,
        name: c.name,
        givenNames: c.givenNames,
        seen: work?.seen ?? false,
        notSeenReason: work?.notSeenReason ?? null,
      };
    }),
    citations: ctx.citations,
    language: report.language === 'cy' ? 'cy' : 'en',
    nameWords: nameWords([...ctx.peopleNames, author.name]),
    confidential: await confidentialValuesOf(tx, report.caseId),
  });
  return { readiness, author };
}

export type SubmitResult = { ok: true; next: 'review' | 'file' } | { ok: false; readiness: Readiness };

/**
 * Submit a report. Not ready: nothing changes and the checklist says what to put right.
 * Ready: it goes to a manager's review, unless the author is self-regulating (read now),
 * who goes on to file it without review.
 */
export async function submitReport(
  db: Db,
  input: { caseId: string; reportId: string; actor: Actor; now: Date },
): Promise<SubmitResult> {
  return db.transaction(async (tx) => {
    const report = await lockReport(tx, input.caseId, input.reportId);
    if (report.status === 'filed') throw new DomainError('REPORT_ALREADY_FILED');
    if (report.status === 'submitted') return { ok: true as const, next: 'review' as const };
    if (!EDITABLE_STATUSES.includes(report.status)) throw new DomainError('REPORT_NOT_EDITABLE');
    const ctx = await loadReportContext(tx, input.caseId, londonDate(input.now));
    const { readiness, author } = await checkReport(tx, ctx, report);
    if (!readiness.ready) return { ok: false as const, readiness };
    if (author.selfRegulating && report.authorId === input.actor.userId)
      return { ok: true as const, next: 'file' as const };
    await tx
      .update(courtReport)
      .set({
        status: 'submitted',
        submittedAt: input.now,
        updatedAt: input.now,
        version: sql`${courtReport.version} + 1`,
      })
      .where(eq(courtReport.id, report.id));
    await appendTimeline(tx, {
      caseId: input.caseId,
      kind: 'reports.submitted',
      occurredAt: input.now,
      actorUserId: input.actor.userId,
      details: { reportId: report.id, reportKind: report.kind },
    });
    await appendAudit(tx, input.actor, input.now, [reportAudit('change', input.caseId, [report.id])]);
    return { ok: true as const, next: 'review' as const };
  });
}

/**
 * A manager's review: return with comments (kept, shown to the author) or approve, ready
 * to file. Nobody reviews their own report; only a submitted report is reviewed; the same
 * form posted twice is harmless.
 */
export async function reviewReport(
  db: Db,
  input: {
    caseId: string;
    reportId: string;
    decision: 'returned' | 'approved';
    comments: string;
    formToken: string;
    actor: Actor;
    now: Date;
  },
): Promise<{ location: string }> {
  return db.transaction(async (tx) => {
    const claim = await claimFormToken(tx, input.formToken, input.actor.userId);
    if (!claim.fresh) return { location: claim.location };
    const report = await lockReport(tx, input.caseId, input.reportId);
    if (report.authorId === input.actor.userId) throw new DomainError('OWN_REVIEW');
    if (report.status === 'filed') throw new DomainError('REPORT_ALREADY_FILED');
    if (report.status !== 'submitted') throw new DomainError('REPORT_NOT_EDITABLE');
    const [review] = await tx
      .insert(courtReportReview)
      .values({
        reportId: report.id,
        reviewerId: input.actor.userId,
        decision: input.decision,
        comments: input.comments || null,
        reviewedAt: input.now,
      })
      .returning({ id: courtReportReview.id });
    const approved = input.decision === 'approved';
    await tx
      .update(courtReport)
      .set({
        status: approved ? 'approved' : 'returned',
        approvedAt: approved ? input.now : null,
        approvedBy: approved ? input.actor.userId : null,
        updatedAt: input.now,
        version: sql`${courtReport.version} + 1`,
      })
      .where(eq(courtReport.id, report.id));
    if (approved) {
      await appendTimeline(tx, {
        caseId: input.caseId,
        kind: 'reports.approved',
        occurredAt: input.now,
        actorUserId: input.actor.userId,
        details: { reportId: report.id, reviewId: review!.id },
      });
    } else {
      await appendTimeline(tx, {
        caseId: input.caseId,
        kind: 'reports.returned',
        occurredAt: input.now,
        actorUserId: input.actor.userId,
        details: { reportId: report.id, reviewId: review!.id },
      });
    }
    await appendAudit(tx, input.actor, input.now, [reportAudit('change', input.caseId, [report.id, review!.id])]);
    const location = `${reportPath(input.caseId, report.id)}?notice=${approved ? 'report-approved' : 'report-returned'}`;
    await completeFormToken(tx, input.formToken, location);
    return { location };
  });
}

/** Whole days from the due date to the filing date: 0 or less is on time. */
export function daysLate(dueOn: string, filedOn: string): number {
  const day = (d: string) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
  return Math.round((day(filedOn) - day(dueOn)) / 86_400_000);
}

/** Timeliness of a filing against the court's date: on time, or late by N (calendar) days. */
export function timeliness(dueOn: string | null, filedOn: string): { onTime: boolean | null; daysLate: number } {
  if (!dueOn) return { onTime: null, daysLate: 0 };
  const late = daysLate(dueOn, filedOn);
  return { onTime: late <= 0, daysLate: Math.max(0, late) };
}

/** May this report be filed now by this person without (or after) review? */
export function filingAllowed(
  report: Pick<ReportRow, 'status' | 'authorId'>,
  actorUserId: string,
  authorSelfRegulating: boolean,
): 'review' | 'self-regulating' | null {
  if (report.status === 'approved') return 'review';
  if (
    ['draft', 'returned', 'submitted'].includes(report.status) &&
    authorSelfRegulating &&
    report.authorId === actorUserId
  ) {
    return 'self-regulating';
  }
  return null;
}

/**
 * File a report with the court. One transaction: the readiness checked again, the DOCX
 * and the tagged PDF produced in the report's language and scanned for every confidential
 * value of the case (a hit aborts everything), the documents stored, the report marked
 * filed against the direction's due date, the direction marked filed, the case moved to
 * `report-filed`, the timeline and the audit. Filed before a manager's approval only by
 * a self-regulating author (the flag read now); never twice. Any refusal rolls back
 * everything, the form token too, so the corrected form can be posted again.
 */
export async function fileReport(
  db: Db,
  input: { caseId: string; reportId: string; filedOn: string; formToken: string; actor: Actor; now: Date },
): Promise<{ location: string; onTime: boolean | null; daysLate: number }> {
  return db.transaction(async (tx) => {
    const claim = await claimFormToken(tx, input.formToken, input.actor.userId);
    if (!claim.fresh) return { location: claim.location, onTime: null, daysLate: 0 };
    const report = await lockReport(tx, input.caseId, input.reportId);
    if (report.status === 'filed') throw new DomainError('REPORT_ALREADY_FILED');
    const ctx = await loadReportContext(tx, input.caseId, londonDate(input.now));
    const { readiness, author } = await checkReport(tx, ctx, report);
    const route = filingAllowed(report, input.actor.userId, author.selfRegulating);
    if (!route) throw new DomainError('REPORT_NEEDS_REVIEW');
    // The page checks first and shows the list; this catches a change made since (nothing is kept).
    if (!readiness.ready) throw new DomainError('REPORT_NOT_READY');
    const direction = ctx.directions.find((d) => d.id === report.directionId) ?? null;
    const parent = report.parentReportId ? ctx.reports.find((r) => r.id === report.parentReportId) : undefined;
    const m = reportMessages(report.language);
    const role = author.roles.find((r) => r !== 'system-admin');
    const model = reportDocument(
      sectionsOf(report),
      {
        kind: report.kind,
        language: report.language,
        reference: ctx.summary.reference,
        courtName: ctx.summary.courtName,
        courtNameCy: ctx.summary.courtNameCy,
        children: ctx.children,
        dueOn: direction?.dueOn ?? null,
        parentFiledOn: parent?.filedOn ?? null,
        authorName: author.name,
        authorRole: role ? m.t(`roles.${role}`) : '',
        datedOn: input.filedOn,
      },
      ctx.citations,
    );
    const docKind = DIRECTION_TYPE_OF[report.kind as ReportKind] ?? report.kind;
    const produced = await produceCaseDocuments(tx, {
      caseId: input.caseId,
      kind: docKind,
      sourceId: report.id,
      baseName: `${docKind}-report-${ctx.summary.reference}${report.language === 'cy' ? '-cy' : ''}`,
      model,
      createdBy: input.actor.userId,
      now: input.now,
    });
    if ('hit' in produced) throw new DomainError('CONFIDENTIAL_VALUE_IN_DOCUMENT');
    const { documentIds } = produced;
    const dueOn = direction?.dueOn ?? null;
    const timing = timeliness(dueOn, input.filedOn);
    await tx
      .update(courtReport)
      .set({
        status: 'filed',
        dueOn,
        filedOn: input.filedOn,
        filedAt: input.now,
        filedBy: input.actor.userId,
        filedAfter: route,
        updatedAt: input.now,
        version: sql`${courtReport.version} + 1`,
      })
      .where(eq(courtReport.id, report.id));
    await tx.execute(
      sql`UPDATE court_direction SET filed_on = ${input.filedOn}, updated_at = ${input.now}, version = version + 1
          WHERE id = ${report.directionId} AND case_id = ${input.caseId}`,
    );
    if (ctx.summary.status === 'reporting') {
      await moveCase(tx, {
        caseId: input.caseId,
        event: { type: 'report-filed' },
        actorUserId: input.actor.userId,
        now: input.now,
        details: { reportId: report.id },
      });
    }
    await appendTimeline(tx, {
      caseId: input.caseId,
      kind: 'reports.filed',
      occurredAt: input.now,
      actorUserId: input.actor.userId,
      details: {
        reportId: report.id,
        reportKind: report.kind,
        dueOn,
        filedOn: input.filedOn,
        onTime: timing.onTime,
        daysLate: timing.daysLate,
        withoutReview: route === 'self-regulating',
      },
    });
    await appendAudit(tx, input.actor, input.now, [
      reportAudit('change', input.caseId, [report.id]),
      {
        action: 'create',
        resourceType: 'case-document',
        resourceIds: documentIds,
        caseId: input.caseId,
        fieldCategories: ['document', 'report', 'child-identity'],
      },
    ]);
    const location = `${reportPath(input.caseId, report.id)}?notice=report-filed`;
    await completeFormToken(tx, input.formToken, location);
    return { location, ...timing };
  });
}

export type Recipient = { partyId: string } | { childId: string };

/**
 * Record that a filed report was shared: one row per recipient (a party, or a child with
 * the reason it is right), when and how, with the next hearing's date then, so a share
 * after that hearing is shown as too late for comments.
 */
export async function shareReport(
  db: Db,
  input: {
    caseId: string;
    reportId: string;
    recipients: Recipient[];
    sharedOn: string;
    method: string;
    reason: string;
    formToken: string;
    actor: Actor;
    now: Date;
  },
): Promise<{ location: string }> {
  return db.transaction(async (tx) => {
    const claim = await claimFormToken(tx, input.formToken, input.actor.userId);
    if (!claim.fresh) return { location: claim.location };
    const report = await lockReport(tx, input.caseId, input.reportId);
    if (report.status !== 'filed') throw new DomainError('REPORT_NOT_READY');
    const [people] = await queryRows<{ parties: string[]; children: string[] }>(
      tx,
      sql`SELECT ARRAY(SELECT id::text FROM case_party WHERE case_id = ${input.caseId}) AS parties,
            ARRAY(SELECT id::text FROM case_child WHERE case_id = ${input.caseId}) AS children`,
    );
    for (const r of input.recipients) {
      const ok = 'partyId' in r ? people!.parties.includes(r.partyId) : people!.children.includes(r.childId);
      if (!ok) throw new DomainError('PARTY_NOT_FOUND');
    }
    const hearing = await nextHearing(tx, input.caseId, report.filedOn ?? londonDate(input.now));
    const nextHearingOn = hearing?.startsAt ? londonDate(new Date(hearing.startsAt)) : null;
    const rows = await tx
      .insert(courtReportShare)
      .values(
        input.recipients.map((r) => ({
          reportId: report.id,
          caseId: input.caseId,
          partyId: 'partyId' in r ? r.partyId : null,
          childId: 'childId' in r ? r.childId : null,
          sharedOn: input.sharedOn,
          method: input.method,
          reason: 'childId' in r ? input.reason : null,
          nextHearingOn,
          recordedBy: input.actor.userId,
          recordedAt: input.now,
        })),
      )
      .returning({ id: courtReportShare.id });
    const afterHearing = nextHearingOn !== null && input.sharedOn > nextHearingOn;
    await appendTimeline(tx, {
      caseId: input.caseId,
      kind: 'reports.shared',
      occurredAt: input.now,
      actorUserId: input.actor.userId,
      details: {
        reportId: report.id,
        recipients: input.recipients.length,
        sharedOn: input.sharedOn,
        method: input.method,
        nextHearingOn,
        afterHearing,
      },
    });
    await appendAudit(tx, input.actor, input.now, [
      reportAudit(
        'create',
        input.caseId,
        rows.map((r) => r.id),
      ),
    ]);
    const location = `${reportPath(input.caseId, report.id)}/share?notice=${afterHearing ? 'shared-late' : 'shared'}`;
    await completeFormToken(tx, input.formToken, location);
    return { location };
  });
}
