import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AuditActor, AuditEntry } from '../../platform/audit/audit.ts';
import { can } from '../../platform/authorisation/policy.ts';
import { AREA_MANAGER_ROLES } from '../../platform/authorisation/roles.ts';
import { londonDate } from '../../platform/calendar/index.ts';
import type { Misspelling } from '../../platform/documents/spellcheck.ts';
import { DomainError, isDomainError } from '../../platform/errors/catalogue.ts';
import { newFormToken } from '../../platform/forms/form-token.ts';
import { type FormError, fieldError, parseForm, postedText } from '../../platform/forms/validation.ts';
import { isUuid } from '../../platform/http/authorisation-hook.ts';
import { auditActor } from '../../platform/http/context.ts';
import { sendAttachment } from '../../platform/http/download.ts';
import { readWithAudit } from '../casework/service.ts';
import { nextHearing } from '../court/service.ts';
import { staffFacts } from '../safeguarding/service.ts';
import { childSections, fileSchema, reportEditSchema, reviewSchema, shareSchema, startReportSchema } from './forms.ts';
import {
  getReportDocument,
  listReportDocuments,
  listReportReviews,
  listReportShares,
  listReportsToReview,
  loadReportContext,
  REVIEW_QUEUE_PAGE_SIZE,
  type ReportContext,
  reportDates,
} from './queries.ts';
import {
  checkReport,
  fileReport,
  filingAllowed,
  openDirections,
  parentForAddendum,
  reviewReport,
  saveReport,
  shareReport,
  startReport,
  submitReport,
} from './reports.ts';
import { childField, type ReportSections, TEXT_SECTIONS } from './sections.ts';
import {
  filePageViewModel,
  newReportViewModel,
  readinessErrors,
  reportPageViewModel,
  reportsListViewModel,
  reviewPageViewModel,
  reviewQueueViewModel,
  sharePageViewModel,
} from './view-models.ts';

type CaseParams = { caseId: string };
type ReportParams = CaseParams & { reportId: string };
type Extra = { errors?: FormError[]; fieldErrors?: Record<string, { text: string }> };

const V = 'reports/views/';
const CATEGORIES = ['case-summary', 'child-identity', 'report', 'direct-work', 'contact-log'] as const;

function actorOf(request: FastifyRequest): AuditActor & { userId: string } {
  const actor = auditActor(request);
  if (!actor.userId) throw new DomainError('NOT_SIGNED_IN');
  return { ...actor, userId: actor.userId };
}

const noticeQuery = z.object({
  notice: z
    .string()
    .regex(/^[a-z-]{1,40}$/)
    .optional()
    .catch(undefined),
});

const viewAudit = (caseId: string, ids: string[], resourceType = 'report'): AuditEntry[] => [
  { action: 'view', resourceType, resourceIds: ids, caseId, fieldCategories: [...CATEGORIES] },
];

function reportOf(ctx: ReportContext, reportId: string) {
  if (!isUuid(reportId)) throw new DomainError('REPORT_NOT_FOUND');
  const report = ctx.reports.find((r) => r.id === reportId.toLowerCase());
  if (!report) throw new DomainError('REPORT_NOT_FOUND');
  return report;
}

function perms(request: FastifyRequest) {
  const principal = request.principal!;
  const facts = request.caseFacts!;
  return {
    canEdit: can(principal, 'case:edit', { kind: 'case', facts }),
    canReview: can(principal, 'report:review', { kind: 'case', facts }),
    canSeeAccessLog: can(principal, 'case:view-access-log', { kind: 'case', facts }),
  };
}

/** A posted token to quote (the no-JavaScript "quote this" buttons), and where to. */
const QUOTE = /^\[\[(contact|words):([0-9a-f-]{36})\]\]$/i;

/** Add a quotation token to the section chosen (or, for a child's own words, that child's wishes and feelings). */
export function addQuotation(
  sections: ReportSections,
  token: string,
  target: string,
  ctx: Pick<ReportContext, 'citations' | 'children'>,
): { sections: ReportSections; field: string } | null {
  const m = QUOTE.exec(token);
  if (!m) return null;
  const citable = ctx.citations.get(`${m[1]!.toLowerCase()}:${m[2]!.toLowerCase()}`);
  if (!citable) return null;
  let field = target;
  if (target === 'auto' || target === '') {
    field = citable.kind === 'words' && citable.childId ? childField('wishes', citable.childId) : 'analysis';
  }
  const append = (text: string | undefined) => `${(text ?? '').trimEnd()}${text?.trim() ? '\n\n' : ''}${token}`;
  const next: ReportSections = { ...sections };
  if ((TEXT_SECTIONS as readonly string[]).includes(field)) {
    const key = field as (typeof TEXT_SECTIONS)[number];
    next[key] = append(next[key]);
    return { sections: next, field };
  }
  for (const section of ['wishes', 'needs'] as const) {
    const child = ctx.children.find((c) => field === childField(section, c.id));
    if (child) {
      next[section] = { ...(next[section] ?? {}), [child.id]: append(next[section]?.[child.id]) };
      return { sections: next, field };
    }
  }
  return null;
}

/** Reports to court: the case's reports, drafting with quoted evidence, review, filing and sharing. */
export async function reportsRoutes(app: FastifyInstance): Promise<void> {
  const db = () => app.deps.database.db;
  const today = (request: FastifyRequest) => londonDate(request.now);

  // ---------------------------------------------------------------- the managers' queue
  app.get('/reports/reviews', { config: { policy: { action: 'reports:queue' } } }, async (request, reply) => {
    const principal = request.principal!;
    const page = Math.max(1, Math.min(100000, Number((request.query as Record<string, unknown>)?.page) || 1));
    const managerAreas = principal.roles.some((r) => AREA_MANAGER_ROLES.includes(r)) ? principal.areaIds : [];
    const result = await readWithAudit(db(), auditActor(request), request.now, async (tx) => {
      const value = await listReportsToReview(tx, principal, request.now, page, managerAreas);
      return {
        value,
        audit: value.rows.map((r) => ({
          action: 'search' as const,
          resourceType: 'report',
          resourceIds: [r.reportId],
          caseId: r.caseId,
          fieldCategories: ['case-summary' as const, 'report' as const],
        })),
      };
    });
    return reply.page(
      `${V}reports-review-queue.njk`,
      reviewQueueViewModel(request.messages, {
        ...result,
        page,
        pageSize: REVIEW_QUEUE_PAGE_SIZE,
        today: today(request),
      }),
    );
  });

  // ---------------------------------------------------------------- the case's reports
  app.get<{ Params: CaseParams }>(
    '/cases/:caseId/reports',
    { config: { policy: { action: 'case:view', caseParam: 'caseId' } } },
    async (request, reply) => {
      const caseId = request.params.caseId;
      const p = perms(request);
      const { notice } = noticeQuery.parse(request.query ?? {});
      const vm = await readWithAudit(db(), auditActor(request), request.now, async (tx) => {
        const ctx = await loadReportContext(tx, caseId, today(request));
        return {
          value: reportsListViewModel(request.messages, { ctx, today: today(request), ...p, notice: notice ?? null }),
          audit: viewAudit(
            caseId,
            ctx.reports.length ? ctx.reports.map((r) => r.id) : [caseId],
            ctx.reports.length ? 'report' : 'case',
          ),
        };
      });
      return reply.page(`${V}reports.njk`, vm);
    },
  );

  const renderNew = async (
    request: FastifyRequest<{ Params: CaseParams }>,
    extra: Extra & { values?: { directionId: string; language: string } } = {},
  ) => {
    const caseId = request.params.caseId;
    return readWithAudit(db(), auditActor(request), request.now, async (tx) => {
      const ctx = await loadReportContext(tx, caseId, today(request));
      return {
        value: newReportViewModel(request.messages, {
          ctx,
          open: openDirections(ctx),
          canStartNow: ['allocated', 'reporting', 'report-filed'].includes(ctx.summary.status),
          hasFiledReport: parentForAddendum(ctx.reports) !== null,
          canSeeAccessLog: perms(request).canSeeAccessLog,
          formToken: newFormToken(),
          ...extra,
        }),
        audit: viewAudit(caseId, [caseId], 'case'),
      };
    });
  };

  app.get<{ Params: CaseParams }>(
    '/cases/:caseId/reports/new',
    { config: { policy: { action: 'case:edit', caseParam: 'caseId' } } },
    async (request, reply) => reply.page(`${V}report-new.njk`, await renderNew(request)),
  );

  app.post<{ Params: CaseParams }>(
    '/cases/:caseId/reports/new',
    { config: { policy: { action: 'case:edit', caseParam: 'caseId' } } },
    async (request, reply) => {
      const m = request.messages;
      const values = {
        directionId: postedText(request.body, 'directionId', 40),
        language: postedText(request.body, 'language', 2),
      };
      const parsed = parseForm(startReportSchema, request.body, m.t);
      if (!parsed.ok)
        return reply.page(`${V}report-new.njk`, await renderNew(request, { ...parsed, values }), { status: 400 });
      try {
        const result = await startReport(db(), {
          caseId: request.params.caseId,
          directionId: parsed.data.directionId,
          language: parsed.data.language,
          formToken: parsed.data._formToken,
          actor: actorOf(request),
          now: request.now,
        });
        return reply.redirect(result.location, 303);
      } catch (error) {
        if (isDomainError(error) && error.code === 'REPORT_CANNOT_START') {
          const key = `reports.errors.cannotStart.${String(error.params.problem ?? 'direction')}`;
          const problem = fieldError(error.params.problem === 'case-state' ? 'directionId' : 'directionId', m.t(key));
          return reply.page(`${V}report-new.njk`, await renderNew(request, { ...problem, values }), { status: 409 });
        }
        throw error;
      }
    },
  );

  // ---------------------------------------------------------------- one report
  const renderReport = async (
    request: FastifyRequest<{ Params: ReportParams }>,
    extra: Extra & { sections?: ReportSections; misspellings?: Misspelling[]; notice?: string | null } = {},
  ) => {
    const { caseId, reportId } = request.params;
    const principal = request.principal!;
    const p = perms(request);
    return readWithAudit(db(), auditActor(request), request.now, async (tx) => {
      const ctx = await loadReportContext(tx, caseId, today(request));
      const report = reportOf(ctx, reportId);
      const { readiness, author } = await checkReport(tx, ctx, report);
      const viewer = await staffFacts(tx, principal.userId);
      const documents = report.status === 'filed' ? await listReportDocuments(tx, caseId, report.id) : [];
      const shares = report.status === 'filed' ? await listReportShares(tx, report.id) : [];
      return {
        value: reportPageViewModel(request.messages, {
          ctx,
          report,
          readiness: report.status === 'filed' ? null : readiness,
          reviews: await listReportReviews(tx, report.id),
          documents,
          shareCount: shares.length,
          today: today(request),
          canEdit: p.canEdit,
          canReview: p.canReview && report.authorId !== principal.userId,
          canSeeAccessLog: p.canSeeAccessLog,
          authorName: author.name,
          viewerIsSelfRegulatingAuthor: viewer.selfRegulating && report.authorId === principal.userId,
          formToken: newFormToken(),
          notice: extra.notice ?? null,
          sections: extra.sections,
          misspellings: extra.misspellings ?? readiness.misspellings,
          errors: extra.errors,
          fieldErrors: extra.fieldErrors,
        }),
        audit: viewAudit(caseId, [report.id]),
      };
    });
  };

  app.get<{ Params: ReportParams }>(
    '/cases/:caseId/reports/:reportId',
    { config: { policy: { action: 'case:view', caseParam: 'caseId' } } },
    async (request, reply) => {
      const { notice } = noticeQuery.parse(request.query ?? {});
      return reply.page(`${V}report.njk`, await renderReport(request, { notice }));
    },
  );

  app.post<{ Params: ReportParams }>(
    '/cases/:caseId/reports/:reportId',
    { config: { policy: { action: 'case:edit', caseParam: 'caseId' } } },
    async (request, reply) => {
      const { caseId, reportId } = request.params;
      if (!isUuid(reportId)) throw new DomainError('REPORT_NOT_FOUND');
      const m = request.messages;
      const parsed = parseForm(reportEditSchema, request.body, m.t);
      if (!parsed.ok) return reply.page(`${V}report.njk`, await renderReport(request, parsed), { status: 400 });
      const data = parsed.data;
      const ctx = await loadReportContext(db(), caseId, today(request));
      const report = reportOf(ctx, reportId);
      let sections: ReportSections = {
        background: data.background,
        ...childSections(
          request.body,
          ctx.children.map((c) => c.id),
        ),
        welfare: data.welfare,
        risk: data.risk,
        analysis: data.analysis,
        recommendation: data.recommendation,
        orders: data.orders,
        signposting: data.signposting,
        ignoredWords: data.ignoreWords,
      };
      const body = (request.body ?? {}) as Record<string, unknown>;
      let quotedField: string | null = null;
      if (typeof body.quote === 'string') {
        const quoted = addQuotation(sections, body.quote, postedText(body, 'quoteInto', 60), ctx);
        if (quoted) {
          sections = quoted.sections;
          quotedField = quoted.field;
        }
      }
      const base = `/cases/${caseId}/reports/${report.id}`;
      try {
        const saved = await saveReport(db(), {
          caseId,
          reportId: report.id,
          version: data.version,
          edit: sections,
          formToken: data._formToken,
          actor: actorOf(request),
          now: request.now,
        });
        if (saved.repeated) return reply.redirect(saved.location, 303);
      } catch (error) {
        if (isDomainError(error) && error.code === 'STALE_VERSION') {
          const stale = fieldError('background', m.t('errors.STALE_VERSION'));
          return reply.page(`${V}report.njk`, await renderReport(request, stale), { status: 409 });
        }
        throw error;
      }
      if (quotedField) return reply.redirect(`${base}?notice=quoted#${quotedField}`, 303);
      if (data.action === 'save') return reply.redirect(`${base}?notice=report-saved`, 303);
      const result = await submitReport(db(), {
        caseId,
        reportId: report.id,
        actor: actorOf(request),
        now: request.now,
      });
      if (!result.ok) {
        return reply.page(
          `${V}report.njk`,
          await renderReport(request, {
            ...readinessErrors(m, result.readiness),
            misspellings: result.readiness.misspellings,
          }),
          { status: 400 },
        );
      }
      if (result.next === 'file') return reply.redirect(`${base}/file`, 303);
      return reply.redirect(`${base}?notice=report-submitted`, 303);
    },
  );

  // ---------------------------------------------------------------- review
  const renderReview = async (
    request: FastifyRequest<{ Params: ReportParams }>,
    extra: Extra & { values?: { decision: string; comments: string } } = {},
  ) => {
    const { caseId, reportId } = request.params;
    const principal = request.principal!;
    return readWithAudit(db(), auditActor(request), request.now, async (tx) => {
      const ctx = await loadReportContext(tx, caseId, today(request));
      const report = reportOf(ctx, reportId);
      const { readiness, author } = await checkReport(tx, ctx, report);
      return {
        value: reviewPageViewModel(request.messages, {
          ctx,
          report,
          readiness: report.status === 'filed' ? null : readiness,
          reviews: await listReportReviews(tx, report.id),
          authorName: author.name,
          ownReport: report.authorId === principal.userId,
          today: today(request),
          canSeeAccessLog: perms(request).canSeeAccessLog,
          formToken: newFormToken(),
          values: extra.values ?? { decision: '', comments: '' },
          errors: extra.errors,
          fieldErrors: extra.fieldErrors,
        }),
        audit: viewAudit(caseId, [report.id]),
      };
    });
  };

  app.get<{ Params: ReportParams }>(
    '/cases/:caseId/reports/:reportId/review',
    { config: { policy: { action: 'report:review', caseParam: 'caseId' } } },
    async (request, reply) => reply.page(`${V}report-review.njk`, await renderReview(request)),
  );

  app.post<{ Params: ReportParams }>(
    '/cases/:caseId/reports/:reportId/review',
    { config: { policy: { action: 'report:review', caseParam: 'caseId' } } },
    async (request, reply) => {
      if (!isUuid(request.params.reportId)) throw new DomainError('REPORT_NOT_FOUND');
      const parsed = parseForm(reviewSchema, request.body, request.messages.t);
      if (!parsed.ok) {
        const values = {
          decision: postedText(request.body, 'decision', 20),
          comments: postedText(request.body, 'comments', 5000),
        };
        return reply.page(`${V}report-review.njk`, await renderReview(request, { ...parsed, values }), { status: 400 });
      }
      const result = await reviewReport(db(), {
        caseId: request.params.caseId,
        reportId: request.params.reportId.toLowerCase(),
        decision: parsed.data.decision,
        comments: parsed.data.comments,
        formToken: parsed.data._formToken,
        actor: actorOf(request),
        now: request.now,
      });
      return reply.redirect(result.location, 303);
    },
  );

  // ---------------------------------------------------------------- filing
  const renderFile = async (
    request: FastifyRequest<{ Params: ReportParams }>,
    extra: Extra & { values?: { day: string; month: string; year: string; confirm: boolean } } = {},
  ) => {
    const { caseId, reportId } = request.params;
    const principal = request.principal!;
    return readWithAudit(db(), auditActor(request), request.now, async (tx) => {
      const ctx = await loadReportContext(tx, caseId, today(request));
      const report = reportOf(ctx, reportId);
      const { readiness, author } = await checkReport(tx, ctx, report);
      const [y, mo, d] = today(request).split('-');
      return {
        value: filePageViewModel(request.messages, {
          ctx,
          report,
          readiness,
          allowed: filingAllowed(report, principal.userId, author.selfRegulating),
          today: today(request),
          canSeeAccessLog: perms(request).canSeeAccessLog,
          formToken: newFormToken(),
          values: extra.values ?? { day: String(Number(d)), month: String(Number(mo)), year: y!, confirm: false },
          errors: extra.errors,
          fieldErrors: extra.fieldErrors,
        }),
        audit: viewAudit(caseId, [report.id]),
      };
    });
  };

  app.get<{ Params: ReportParams }>(
    '/cases/:caseId/reports/:reportId/file',
    { config: { policy: { action: 'case:edit', caseParam: 'caseId' } } },
    async (request, reply) => reply.page(`${V}report-file.njk`, await renderFile(request)),
  );

  app.post<{ Params: ReportParams }>(
    '/cases/:caseId/reports/:reportId/file',
    { config: { policy: { action: 'case:edit', caseParam: 'caseId' } } },
    async (request, reply) => {
      const { caseId, reportId } = request.params;
      if (!isUuid(reportId)) throw new DomainError('REPORT_NOT_FOUND');
      const m = request.messages;
      const created = (await reportDates(db(), caseId, reportId.toLowerCase()))?.startedOn ?? '2000-01-01';
      const values = {
        day: postedText(request.body, 'filedOn-day', 10),
        month: postedText(request.body, 'filedOn-month', 10),
        year: postedText(request.body, 'filedOn-year', 10),
        confirm: postedText(request.body, 'confirm', 3) === 'yes',
      };
      const parsed = parseForm(fileSchema(today(request), created), request.body, m.t, { filedOn: 'filedOn-day' });
      if (!parsed.ok)
        return reply.page(`${V}report-file.njk`, await renderFile(request, { ...parsed, values }), { status: 400 });
      try {
        const result = await fileReport(db(), {
          caseId,
          reportId: reportId.toLowerCase(),
          filedOn: parsed.data.filedOn,
          formToken: parsed.data._formToken,
          actor: actorOf(request),
          now: request.now,
        });
        return reply.redirect(result.location, 303);
      } catch (error) {
        if (!isDomainError(error)) throw error;
        const refusals: Record<string, string> = {
          REPORT_NEEDS_REVIEW: 'confirm',
          REPORT_ALREADY_FILED: 'confirm',
          CONFIDENTIAL_VALUE_IN_DOCUMENT: 'confirm',
          REPORT_NOT_READY: 'confirm',
        };
        const field = refusals[error.code];
        if (!field) throw error;
        const problem = fieldError(field, m.t(`errors.${error.code}`));
        return reply.page(`${V}report-file.njk`, await renderFile(request, { ...problem, values }), {
          status: error.status,
        });
      }
    },
  );

  // ---------------------------------------------------------------- sharing
  const renderShare = async (
    request: FastifyRequest<{ Params: ReportParams }>,
    extra: Extra & {
      values?: { recipients: string[]; day: string; month: string; year: string; method: string; reason: string };
      notice?: string | null;
    } = {},
  ) => {
    const { caseId, reportId } = request.params;
    return readWithAudit(db(), auditActor(request), request.now, async (tx) => {
      const ctx = await loadReportContext(tx, caseId, today(request));
      const report = reportOf(ctx, reportId);
      const hearing = await nextHearing(tx, caseId, report.filedOn ?? today(request));
      return {
        value: sharePageViewModel(request.messages, {
          ctx,
          report,
          shares: await listReportShares(tx, report.id),
          nextHearingOn: hearing?.startsAt ? londonDate(new Date(hearing.startsAt)) : null,
          today: today(request),
          canEdit: perms(request).canEdit,
          canSeeAccessLog: perms(request).canSeeAccessLog,
          formToken: newFormToken(),
          notice: extra.notice ?? null,
          values: extra.values ?? { recipients: [], day: '', month: '', year: '', method: '', reason: '' },
          errors: extra.errors,
          fieldErrors: extra.fieldErrors,
        }),
        audit: viewAudit(caseId, [report.id]),
      };
    });
  };

  app.get<{ Params: ReportParams }>(
    '/cases/:caseId/reports/:reportId/share',
    { config: { policy: { action: 'case:view', caseParam: 'caseId' } } },
    async (request, reply) => {
      const { notice } = noticeQuery.parse(request.query ?? {});
      return reply.page(`${V}report-share.njk`, await renderShare(request, { notice }));
    },
  );

  app.post<{ Params: ReportParams }>(
    '/cases/:caseId/reports/:reportId/share',
    { config: { policy: { action: 'case:edit', caseParam: 'caseId' } } },
    async (request, reply) => {
      const { caseId, reportId } = request.params;
      if (!isUuid(reportId)) throw new DomainError('REPORT_NOT_FOUND');
      const m = request.messages;
      const body = (request.body ?? {}) as Record<string, unknown>;
      const posted = body.recipients;
      const values = {
        recipients: (Array.isArray(posted) ? posted : typeof posted === 'string' ? [posted] : [])
          .filter((v): v is string => typeof v === 'string')
          .slice(0, 50),
        day: postedText(body, 'sharedOn-day', 10),
        month: postedText(body, 'sharedOn-month', 10),
        year: postedText(body, 'sharedOn-year', 10),
        method: postedText(body, 'method', 30),
        reason: postedText(body, 'reason', 2000),
      };
      const filedOn = (await reportDates(db(), caseId, reportId.toLowerCase()))?.filedOn ?? null;
      const parsed = parseForm(shareSchema(today(request), filedOn ?? '2000-01-01'), body, m.t, {
        sharedOn: 'sharedOn-day',
        recipients: 'recipients',
        method: 'method',
      });
      if (!parsed.ok) {
        return reply.page(`${V}report-share.njk`, await renderShare(request, { ...parsed, values }), { status: 400 });
      }
      try {
        const result = await shareReport(db(), {
          caseId,
          reportId: reportId.toLowerCase(),
          recipients: parsed.data.recipients,
          sharedOn: parsed.data.sharedOn,
          method: parsed.data.method,
          reason: parsed.data.reason,
          formToken: parsed.data._formToken,
          actor: actorOf(request),
          now: request.now,
        });
        return reply.redirect(result.location, 303);
      } catch (error) {
        if (isDomainError(error) && (error.code === 'REPORT_NOT_READY' || error.code === 'PARTY_NOT_FOUND')) {
          const key =
            error.code === 'REPORT_NOT_READY'
              ? 'reports.errors.shareBeforeFiling'
              : 'reports.errors.recipientsRequired';
          const problem = fieldError('recipients', m.t(key));
          return reply.page(`${V}report-share.njk`, await renderShare(request, { ...problem, values }), {
            status: 409,
          });
        }
        throw error;
      }
    },
  );

  // ---------------------------------------------------------------- documents
  app.get<{ Params: ReportParams & { documentId: string } }>(
    '/cases/:caseId/reports/:reportId/documents/:documentId',
    { config: { policy: { action: 'case:view', caseParam: 'caseId' } } },
    async (request, reply) => {
      const { caseId, reportId, documentId } = request.params;
      if (!isUuid(reportId) || !isUuid(documentId)) throw new DomainError('DOCUMENT_NOT_FOUND');
      const doc = await readWithAudit(db(), auditActor(request), request.now, async (tx) => {
        const row = await getReportDocument(tx, caseId, reportId.toLowerCase(), documentId.toLowerCase());
        if (!row) throw new DomainError('DOCUMENT_NOT_FOUND');
        return {
          value: row,
          audit: [
            {
              action: 'download' as const,
              resourceType: 'case-document',
              resourceIds: [row.id],
              caseId,
              fieldCategories: ['document' as const, 'report' as const, 'child-identity' as const],
            },
          ],
        };
      });
      return sendAttachment(reply, { fileName: doc.file_name, contentType: doc.content_type, content: doc.content });
    },
  );
}
