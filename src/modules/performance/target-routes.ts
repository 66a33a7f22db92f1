import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AuditActor } from '../../platform/audit/audit.ts';
import { DomainError, isDomainError } from '../../platform/errors/catalogue.ts';
import { newFormToken } from '../../platform/forms/form-token.ts';
import { type FormError, fieldError, parseForm, postedText } from '../../platform/forms/validation.ts';
import { auditActor } from '../../platform/http/context.ts';
import type { KpiDefinition } from './kpi.ts';
import { kpiById } from './kpis/index.ts';
import { targetFormViewModel, targetsViewModel } from './target-view-models.ts';
import { changeTargets, listTargets, NATIONS, targetsSchema } from './targets.ts';

const MANAGE = { policy: { action: 'reference:manage' as const } };
type Errors = { errors?: FormError[]; fieldErrors?: Record<string, { text: string }> };
type KpiParams = { kpi: string };

const noticeSchema = z.object({
  saved: z
    .string()
    .regex(/^[a-z0-9-]{1,60}$/)
    .optional()
    .catch(undefined),
});

function actorOf(request: FastifyRequest): AuditActor & { userId: string } {
  const actor = auditActor(request);
  if (!actor.userId) throw new DomainError('NOT_SIGNED_IN');
  return { ...actor, userId: actor.userId };
}

function kpiOf(params: KpiParams): KpiDefinition {
  const kpi = kpiById(params.kpi);
  if (!kpi) throw new DomainError('KPI_NOT_FOUND');
  return kpi;
}

/** Administration: each KPI's target for England and for Wales (DOMAIN §6), policy reference:manage. */
export async function targetRoutes(app: FastifyInstance): Promise<void> {
  const db = () => app.deps.database.db;

  app.get('/admin/reference/kpi-targets', { config: MANAGE }, async (request, reply) => {
    const { saved } = noticeSchema.parse(request.query ?? {});
    return reply.page(
      'performance/views/targets.njk',
      targetsViewModel(request.messages, { rows: await listTargets(db()), notice: saved ?? null }),
    );
  });

  const renderForm = async (
    request: FastifyRequest<{ Params: KpiParams }>,
    reply: FastifyReply,
    kpi: KpiDefinition,
    values: Partial<Record<string, string>>,
    errors: Errors = {},
    status = 200,
  ) => {
    const current = (await listTargets(db())).find((r) => r.kpi.id === kpi.id);
    if (!current) throw new DomainError('KPI_NOT_FOUND');
    return reply.page(
      'performance/views/target-form.njk',
      targetFormViewModel(request.messages, { current, values, formToken: newFormToken(), ...errors }),
      { status },
    );
  };

  app.get<{ Params: KpiParams }>('/admin/reference/kpi-targets/:kpi', { config: MANAGE }, async (request, reply) =>
    renderForm(request, reply, kpiOf(request.params), {}),
  );

  app.post<{ Params: KpiParams }>('/admin/reference/kpi-targets/:kpi', { config: MANAGE }, async (request, reply) => {
    const kpi = kpiOf(request.params);
    const t = request.messages.t;
    const values = Object.fromEntries(
      NATIONS.flatMap((n) => [
        [`mode-${n}`, postedText(request.body, `mode-${n}`, 20)],
        [`target-${n}`, postedText(request.body, `target-${n}`, 20)],
      ]),
    );
    const parsed = parseForm(targetsSchema(kpi), request.body, t);
    if (!parsed.ok) return renderForm(request, reply, kpi, values, parsed, 400);
    try {
      const result = await changeTargets(db(), { kpi, form: parsed.data, actor: actorOf(request), now: request.now });
      return reply.redirect(result.location, 303);
    } catch (error) {
      if (isDomainError(error) && error.code === 'STALE_VERSION') {
        return renderForm(
          request,
          reply,
          kpi,
          values,
          fieldError(`mode-${NATIONS[0]}`, t('targets.errors.stale')),
          409,
        );
      }
      throw error;
    }
  });
}
