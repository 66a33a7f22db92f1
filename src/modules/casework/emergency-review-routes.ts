import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DomainError } from '../../platform/errors/catalogue.ts';
import { parseForm } from '../../platform/forms/validation.ts';
import { isUuid } from '../../platform/http/authorisation-hook.ts';
import { auditActor } from '../../platform/http/context.ts';
import type { Messages } from '../../platform/i18n/i18n.ts';
import { emergencyReviewSchema } from './forms.ts';
import {
  type EmergencyAccessRow,
  getEmergencyAccess,
  listUnreviewedEmergencyAccess,
  readWithAudit,
  reviewEmergencyAccess,
} from './service.ts';

type Params = { reviewId: string };

function rowView(m: Messages, r: EmergencyAccessRow) {
  return {
    href: `/reviews/emergency-access/${r.id}`,
    caseHref: `/cases/${r.caseId}`,
    reference: r.reference,
    who: r.displayName,
    when: m.formatDateTime(r.grantedAt),
    expires: m.formatDateTime(r.expiresAt),
    reason: r.reason,
    hidden: m.t('reviews.reviewHidden', { reference: r.reference, name: r.displayName }),
  };
}

/** Managers review the emergency access used on cases in their areas. */
export async function emergencyReviewRoutes(app: FastifyInstance): Promise<void> {
  const db = () => app.deps.database.db;
  const policy = { action: 'audit:review-emergency-access' as const };

  app.get('/reviews/emergency-access', { config: { policy } }, async (request, reply) => {
    const principal = request.principal!;
    const rows = await readWithAudit(db(), auditActor(request), request.now, async (tx) => {
      const value = await listUnreviewedEmergencyAccess(tx, principal.areaIds);
      return {
        value,
        audit: value.map((r) => ({
          action: 'view' as const,
          resourceType: 'emergency-access',
          resourceIds: [r.id],
          caseId: r.caseId,
        })),
      };
    });
    return reply.page('casework/views/emergency-reviews.njk', {
      pageTitle: request.messages.t('reviews.title'),
      rows: rows.map((r) => rowView(request.messages, r)),
    });
  });

  const detail = async (request: FastifyRequest<{ Params: Params }>, extra: Record<string, unknown> = {}) => {
    const { reviewId } = request.params;
    if (!isUuid(reviewId)) throw new DomainError('PAGE_NOT_FOUND');
    const m = request.messages;
    const row = await readWithAudit(db(), auditActor(request), request.now, async (tx) => {
      const value = await getEmergencyAccess(tx, reviewId, request.principal!.areaIds);
      if (!value) throw new DomainError('PAGE_NOT_FOUND');
      return {
        value,
        audit: [
          { action: 'view' as const, resourceType: 'emergency-access', resourceIds: [value.id], caseId: value.caseId },
        ],
      };
    });
    return {
      pageTitle: m.t('reviews.detailTitle'),
      heading: m.t('reviews.detailHeading', { reference: row.reference }),
      review: rowView(m, row),
      reviewed: row.reviewedAt
        ? m.t('reviews.alreadyReviewed', {
            name: row.reviewerName ?? '',
            date: m.formatDateTime(row.reviewedAt),
            outcome: m.t(`reviews.outcomes.${row.reviewOutcome}`),
          })
        : null,
      ownAccess: row.userId === request.principal!.userId,
      values: { outcome: '', comment: '' },
      ...extra,
    };
  };

  app.get<{ Params: Params }>('/reviews/emergency-access/:reviewId', { config: { policy } }, async (request, reply) =>
    reply.page('casework/views/emergency-review.njk', await detail(request)),
  );

  app.post<{ Params: Params }>(
    '/reviews/emergency-access/:reviewId',
    { config: { policy } },
    async (request, reply) => {
      const parsed = parseForm(emergencyReviewSchema, request.body, request.messages.t, { outcome: 'outcome' });
      if (!parsed.ok) {
        const body = (request.body ?? {}) as Record<string, unknown>;
        const values = {
          outcome: typeof body.outcome === 'string' ? body.outcome.slice(0, 20) : '',
          comment: typeof body.comment === 'string' ? body.comment.slice(0, 4000) : '',
        };
        return reply.page('casework/views/emergency-review.njk', await detail(request, { values, ...parsed }), {
          status: 400,
        });
      }
      if (!isUuid(request.params.reviewId)) throw new DomainError('PAGE_NOT_FOUND');
      const actor = auditActor(request);
      await reviewEmergencyAccess(db(), {
        id: request.params.reviewId,
        outcome: parsed.data.outcome,
        comment: parsed.data.comment || null,
        areaIds: request.principal!.areaIds,
        actor: { ...actor, userId: request.principal!.userId },
        now: request.now,
      });
      return reply.redirect('/reviews/emergency-access?notice=emergency-access-reviewed', 303);
    },
  );
}
