import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { londonDate } from '../../platform/calendar/index.ts';
import { DomainError } from '../../platform/errors/catalogue.ts';
import { newFormToken } from '../../platform/forms/form-token.ts';
import { fieldError, parseForm, postedText } from '../../platform/forms/validation.ts';
import { auditActor } from '../../platform/http/context.ts';
import { getCaseWithPeople, readWithAudit } from '../casework/service.ts';
import { actorOf, type CaseParams, casePermissions } from './overview-routes.ts';
import {
  awaitsScreening,
  getApplicationContext,
  listLocalAuthorities,
  listScreeningQueue,
  listServiceAreas,
} from './queries.ts';
import { recordScreening, screeningSchema } from './screening.ts';
import { type ScreeningValues, screeningQueueViewModel, screeningViewModel } from './view-models.ts';

export const queueQuerySchema = z.object({
  scope: z.enum(['mine', 'all']).catch('mine'),
  area: z
    .string()
    .regex(/^[a-z]{3}-\d{2}$/)
    .optional()
    .catch(undefined),
  page: z.coerce.number().int().min(1).max(100000).catch(1),
});

function flagsOf(body: unknown): string[] {
  const v = (body as Record<string, unknown> | null | undefined)?.riskFlags;
  const list = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return list.filter((x): x is string => typeof x === 'string').slice(0, 10);
}

/** Screening of an application, and the queue of applications waiting for it. */
export async function screeningRoutes(app: FastifyInstance): Promise<void> {
  const db = () => app.deps.database.db;

  const render = async (
    request: FastifyRequest<{ Params: CaseParams }>,
    reply: FastifyReply,
    values: ScreeningValues | null,
    errors: { errors?: unknown; fieldErrors?: Record<string, { text: string }> } = {},
    status = 200,
  ) => {
    const caseId = request.params.caseId;
    const perms = casePermissions(request);
    const vm = await readWithAudit(db(), auditActor(request), request.now, async (tx) => {
      const summary = await getCaseWithPeople(tx, caseId);
      if (!summary) throw new DomainError('CASE_NOT_FOUND');
      const context = await getApplicationContext(tx, caseId);
      const localAuthorities = await listLocalAuthorities(tx);
      return {
        value: screeningViewModel(request.messages, {
          summary,
          context,
          localAuthorities,
          values: values ?? {
            riskFlags: [],
            otherRisk: '',
            decision: '',
            rationale: '',
            referralLocalAuthority: context.localAuthorityCode ?? '',
            referralMethod: '',
            referralContent: '',
          },
          formToken: newFormToken(),
          today: londonDate(request.now),
          canSeeAccessLog: perms.canSeeAccessLog,
          ...errors,
        }),
        audit: [
          {
            action: 'view' as const,
            resourceType: 'application',
            resourceIds: [caseId],
            caseId,
            fieldCategories: [
              'case-summary' as const,
              'child-identity' as const,
              'party-identity' as const,
              'application' as const,
              'risk' as const,
            ],
          },
        ],
      };
    });
    return reply.page('safeguarding/views/screening.njk', vm, { status });
  };

  app.get<{ Params: CaseParams }>(
    '/cases/:caseId/screening',
    { config: { policy: { action: 'case:edit', caseParam: 'caseId' } } },
    async (request, reply) => {
      const open = await awaitsScreening(db(), request.params.caseId);
      if (!open) return reply.redirect(`/cases/${request.params.caseId}/safeguarding`, 303);
      return render(request, reply, null);
    },
  );

  app.post<{ Params: CaseParams }>(
    '/cases/:caseId/screening',
    { config: { policy: { action: 'case:edit', caseParam: 'caseId' } } },
    async (request, reply) => {
      const body = request.body;
      const values: ScreeningValues = {
        riskFlags: flagsOf(body),
        otherRisk: postedText(body, 'otherRisk', 500),
        decision: postedText(body, 'decision', 40),
        rationale: postedText(body, 'rationale'),
        referralLocalAuthority: postedText(body, 'referralLocalAuthority', 20),
        referralMethod: postedText(body, 'referralMethod', 40),
        referralContent: postedText(body, 'referralContent'),
      };
      const parsed = parseForm(screeningSchema, body, request.messages.t);
      if (!parsed.ok) return render(request, reply, values, parsed, 400);
      try {
        const result = await recordScreening(db(), {
          caseId: request.params.caseId,
          screening: parsed.data,
          actor: actorOf(request),
          now: request.now,
          today: londonDate(request.now),
        });
        return reply.redirect(result.location, 303);
      } catch (error) {
        if (
          error instanceof DomainError &&
          (error.code === 'ILLEGAL_TRANSITION' || error.code === 'ALREADY_RECORDED')
        ) {
          const t = request.messages.t;
          const key =
            error.code === 'ALREADY_RECORDED' ? 'screening.errors.alreadyScreened' : 'screening.errors.notAtFrontDoor';
          const message = t(key, { status: t(`status.${String(error.params.from ?? 'received')}`) });
          return render(request, reply, values, fieldError('decision', message), 409);
        }
        if (error instanceof DomainError && error.code === 'VALIDATION_FAILED') {
          const t = request.messages.t;
          return render(
            request,
            reply,
            values,
            fieldError('referralLocalAuthority', t('screening.errors.referralLocalAuthorityRequired')),
            400,
          );
        }
        throw error;
      }
    },
  );

  app.get(
    '/safeguarding/screening',
    { config: { policy: { action: 'safeguarding:queues' } } },
    async (request, reply) => {
      const query = queueQuerySchema.parse(request.query ?? {});
      const today = londonDate(request.now);
      const result = await readWithAudit(db(), auditActor(request), request.now, async (tx) => {
        const value = await listScreeningQueue(tx, request.principal!, query, request.now);
        return {
          value,
          audit: value.rows.map((r) => ({
            action: 'search' as const,
            resourceType: 'case',
            resourceIds: [r.id],
            caseId: r.id,
            fieldCategories: ['case-summary' as const],
          })),
        };
      });
      return reply.page(
        'safeguarding/views/screening-queue.njk',
        screeningQueueViewModel(request.messages, query, result, today, await listServiceAreas(db())),
      );
    },
  );
}
