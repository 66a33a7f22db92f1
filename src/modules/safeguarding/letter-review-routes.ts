import type { FastifyInstance, FastifyRequest } from 'fastify';
import { can } from '../../platform/authorisation/policy.ts';
import { AREA_MANAGER_ROLES } from '../../platform/authorisation/roles.ts';
import { londonDate } from '../../platform/calendar/index.ts';
import { DomainError } from '../../platform/errors/catalogue.ts';
import { newFormToken } from '../../platform/forms/form-token.ts';
import type { FormError } from '../../platform/forms/validation.ts';
import { parseForm } from '../../platform/forms/validation.ts';
import { auditActor } from '../../platform/http/context.ts';
import { caseHeader, caseSubNavigation, readWithAudit } from '../casework/service.ts';
import { letterQuerySchema, reviewSchema } from './letter-forms.ts';
import { actorOf, pickLetter } from './letter-routes.ts';
import { readOnlySections, reviewQueueViewModel } from './letter-view-models.ts';
import {
  listLetterReviews,
  listLettersToReview,
  loadLetterContext,
  REVIEW_QUEUE_PAGE_SIZE,
  reviewLetter,
  staffFacts,
} from './letters.ts';

type CaseParams = { caseId: string };
const REVIEW_TEMPLATE = 'safeguarding/views/letter-review.njk';

export async function letterReviewRoutes(app: FastifyInstance): Promise<void> {
  const db = () => app.deps.database.db;

  app.get(
    '/safeguarding/letters',
    { config: { policy: { action: 'safeguarding:queues' } } },
    async (request, reply) => {
      const principal = request.principal!;
      const page = Math.max(1, Math.min(100000, Number((request.query as Record<string, unknown>)?.page) || 1));
      const managerAreas = principal.roles.some((r) => AREA_MANAGER_ROLES.includes(r)) ? principal.areaIds : [];
      const result = await readWithAudit(db(), auditActor(request), request.now, async (tx) => {
        const value = await listLettersToReview(tx, principal, request.now, page, managerAreas);
        return {
          value,
          audit: value.rows.map((r) => ({
            action: 'search' as const,
            resourceType: 'safeguarding-letter',
            resourceIds: [r.letterId],
            caseId: r.caseId,
            fieldCategories: ['case-summary' as const, 'letter' as const],
          })),
        };
      });
      return reply.page(
        'safeguarding/views/letters-review-queue.njk',
        reviewQueueViewModel(request.messages, {
          ...result,
          page,
          pageSize: REVIEW_QUEUE_PAGE_SIZE,
          today: londonDate(request.now),
        }),
      );
    },
  );

  const renderReview = async (
    request: FastifyRequest<{ Params: CaseParams }>,
    letterId: string | undefined,
    extra: {
      errors?: FormError[];
      fieldErrors?: Record<string, { text: string }>;
      values?: Record<string, string>;
    } = {},
  ) => {
    const caseId = request.params.caseId;
    const m = request.messages;
    const principal = request.principal!;
    const facts = request.caseFacts!;
    return readWithAudit(db(), auditActor(request), request.now, async (tx) => {
      const ctx = await loadLetterContext(tx, caseId, londonDate(request.now));
      const letter = pickLetter(ctx.letters, letterId);
      const reviews = letter ? await listLetterReviews(tx, letter.id) : [];
      const author = letter ? await staffFacts(tx, letter.authorId) : null;
      const reviewable = letter?.status === 'submitted';
      return {
        value: {
          pageTitle: m.t('letters.review.title'),
          caseId,
          header: caseHeader(m, ctx.summary),
          subNavigation: caseSubNavigation(
            m,
            caseId,
            'safeguarding',
            can(principal, 'case:view-access-log', { kind: 'case', facts }),
          ),
          letter: letter
            ? {
                id: letter.id,
                kind: m.t(`letters.kinds.${letter.kind === 'update' ? 'update' : 'letter'}`),
                status: m.t(`letters.status.${letter.status}`),
                language: m.t(`languages.${letter.language}`),
                dueOn: letter.dueOn ? m.formatDate(letter.dueOn) : m.t('common.notSet'),
                author: author?.name ?? '',
                ownLetter: letter.authorId === principal.userId,
              }
            : null,
          reviewable,
          sections: letter ? readOnlySections(m, ctx, letter) : [],
          reviews: reviews.map((r) => ({
            title: m.t(r.decision === 'returned' ? 'letters.reviews.returned' : 'letters.reviews.approved', {
              name: r.reviewerName,
              date: m.formatDateTime(r.reviewedAt),
            }),
            comments: r.comments,
          })),
          formToken: newFormToken(),
          values: extra.values ?? { decision: '', comments: '' },
          errors: extra.errors,
          fieldErrors: extra.fieldErrors,
        },
        audit: [
          {
            action: 'view' as const,
            resourceType: letter ? 'safeguarding-letter' : 'case',
            resourceIds: letter ? [letter.id] : [caseId],
            caseId,
            fieldCategories: ['case-summary' as const, 'child-identity' as const, 'letter' as const],
          },
        ],
      };
    });
  };

  app.get<{ Params: CaseParams }>(
    '/cases/:caseId/safeguarding-letter/review',
    { config: { policy: { action: 'letter:review', caseParam: 'caseId' } } },
    async (request, reply) => {
      const query = letterQuerySchema.parse(request.query ?? {});
      return reply.page(REVIEW_TEMPLATE, await renderReview(request, query.letter));
    },
  );

  app.post<{ Params: CaseParams }>(
    '/cases/:caseId/safeguarding-letter/review',
    { config: { policy: { action: 'letter:review', caseParam: 'caseId' } } },
    async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const parsed = parseForm(reviewSchema, body, request.messages.t);
      if (!parsed.ok) {
        const letterId =
          typeof body.letterId === 'string' && /^[0-9a-f-]{36}$/i.test(body.letterId) ? body.letterId : undefined;
        const values = {
          decision: typeof body.decision === 'string' ? body.decision.slice(0, 20) : '',
          comments: typeof body.comments === 'string' ? body.comments.slice(0, 5000) : '',
        };
        return reply.page(REVIEW_TEMPLATE, await renderReview(request, letterId, { ...parsed, values }), {
          status: 400,
        });
      }
      if (!request.principal) throw new DomainError('NOT_SIGNED_IN');
      const result = await reviewLetter(db(), {
        caseId: request.params.caseId,
        letterId: parsed.data.letterId,
        decision: parsed.data.decision,
        comments: parsed.data.comments,
        formToken: parsed.data._formToken,
        actor: actorOf(request),
        now: request.now,
      });
      return reply.redirect(result.location, 303);
    },
  );
}
