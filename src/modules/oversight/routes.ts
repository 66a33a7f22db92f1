import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AREA_MANAGER_ROLES } from '../../platform/authorisation/roles.ts';
import { DomainError, isDomainError } from '../../platform/errors/catalogue.ts';
import { newFormToken } from '../../platform/forms/form-token.ts';
import { fieldError, parseForm, postedText } from '../../platform/forms/validation.ts';
import { isUuid } from '../../platform/http/authorisation-hook.ts';
import { auditActor } from '../../platform/http/context.ts';
import { readWithAudit } from '../casework/service.ts';
import {
  changeSelfRegulation,
  getSelfRegulation,
  listAuditSampleMarks,
  listSelfRegulation,
  listSelfRegulationHistory,
  selfRegulationSchema,
} from './self-regulation.ts';
import { selfRegulationDetailViewModel, selfRegulationListViewModel } from './view-models.ts';

type UserParams = { userId: string };
type Errors = {
  errors?: { field: string; text: string; href: string }[];
  fieldErrors?: Record<string, { text: string }>;
};

const POLICY = { policy: { action: 'staff:self-regulation' as const } };
const noticeSchema = z.object({
  saved: z
    .string()
    .regex(/^[a-z-]{1,40}$/)
    .optional()
    .catch(undefined),
});

function managerAreas(request: FastifyRequest): string[] {
  const p = request.principal;
  if (!p?.roles.some((r) => AREA_MANAGER_ROLES.includes(r))) return [];
  return p.areaIds;
}

/** Management oversight (DOMAIN §5): self-regulation of family court advisers (§5.2). */
export async function oversightRoutes(app: FastifyInstance): Promise<void> {
  const db = () => app.deps.database.db;

  app.get('/oversight/self-regulation', { config: POLICY }, async (request, reply) => {
    const page = Math.max(
      1,
      Math.min(100000, Math.floor(Number((request.query as Record<string, unknown>)?.page)) || 1),
    );
    const result = await listSelfRegulation(db(), { areaIds: managerAreas(request), page });
    return reply.page(
      'oversight/views/self-regulation.njk',
      selfRegulationListViewModel(request.messages, { ...result, page }),
    );
  });

  const render = async (
    request: FastifyRequest<{ Params: UserParams }>,
    reply: FastifyReply,
    values: { reason: string },
    errors: Errors = {},
    status = 200,
  ) => {
    const userId = request.params.userId;
    const areaIds = managerAreas(request);
    const principal = request.principal!;
    const { saved } = noticeSchema.parse(request.query ?? {});
    const vm = await readWithAudit(db(), auditActor(request), request.now, async (tx) => {
      const row = isUuid(userId) ? await getSelfRegulation(tx, userId, areaIds) : null;
      if (!row) throw new DomainError('STAFF_NOT_FOUND');
      const history = await listSelfRegulationHistory(tx, userId);
      const marks = await listAuditSampleMarks(tx, { userId, viewer: { principal, now: request.now } });
      return {
        value: selfRegulationDetailViewModel(request.messages, {
          row,
          history,
          marks,
          own: userId === principal.userId,
          values,
          formToken: newFormToken(),
          notice: status === 200 ? (saved ?? null) : null,
          ...errors,
        }),
        audit: marks
          .filter((mk) => mk.reference !== null)
          .map((mk) => ({
            action: 'search' as const,
            resourceType: 'audit-sample-mark',
            resourceIds: [mk.id],
            caseId: mk.caseId,
            fieldCategories: ['case-summary' as const],
          })),
      };
    });
    return reply.page('oversight/views/self-regulation-detail.njk', vm, { status });
  };

  app.get<{ Params: UserParams }>('/oversight/self-regulation/:userId', { config: POLICY }, async (request, reply) =>
    render(request, reply, { reason: '' }),
  );

  app.post<{ Params: UserParams }>('/oversight/self-regulation/:userId', { config: POLICY }, async (request, reply) => {
    const userId = request.params.userId;
    const principal = request.principal!;
    // Outside the manager's areas (or not an id): not found, before anything else.
    if (!isUuid(userId) || !(await getSelfRegulation(db(), userId, managerAreas(request)))) {
      throw new DomainError('STAFF_NOT_FOUND');
    }
    if (userId === principal.userId) throw new DomainError('OWN_SELF_REGULATION');
    const t = request.messages.t;
    const values = { reason: postedText(request.body, 'reason', 2000) };
    const parsed = parseForm(selfRegulationSchema, request.body, t);
    if (!parsed.ok) return render(request, reply, values, parsed, 400);
    const actor = auditActor(request);
    try {
      const result = await changeSelfRegulation(db(), {
        userId,
        form: parsed.data,
        actor: { ...actor, userId: principal.userId },
        now: request.now,
      });
      return reply.redirect(result.location, 303);
    } catch (error) {
      if (isDomainError(error) && error.code === 'STALE_VERSION') {
        return render(request, reply, values, fieldError('reason', t('oversight.errors.stale')), 409);
      }
      throw error;
    }
  });
}
