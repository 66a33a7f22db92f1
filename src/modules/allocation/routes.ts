import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AuditActor } from '../../platform/audit/audit.ts';
import { can } from '../../platform/authorisation/policy.ts';
import { AREA_MANAGER_ROLES } from '../../platform/authorisation/roles.ts';
import { createCalendar, londonDate } from '../../platform/calendar/index.ts';
import { DomainError, isDomainError } from '../../platform/errors/catalogue.ts';
import { newFormToken } from '../../platform/forms/form-token.ts';
import { fieldError, parseForm, postedText } from '../../platform/forms/validation.ts';
import { isUuid } from '../../platform/http/authorisation-hook.ts';
import { auditActor } from '../../platform/http/context.ts';
import { allocationsKey, getCaseSummary, readWithAudit } from '../casework/service.ts';
import { allocatable, allocateSchema, allocateToPractitioner } from './allocate.ts';
import {
  currentCaseholders,
  getAllocationCase,
  getPractitionerLoad,
  listAllocationHistory,
  listAreaLoads,
  listCandidates,
  listPractitionerLoads,
  listTeamLoads,
  listUnallocated,
  listWeights,
  loadWeightTable,
  WORKLOAD_SORTS,
} from './queries.ts';
import { capacitySchema, changeWeights, setCapacity, weightsSchema } from './settings.ts';
import {
  type AllocateValues,
  allocateViewModel,
  capacityViewModel,
  caseAllocationViewModel,
  queueViewModel,
  weightFormViewModel,
  weightsViewModel,
  workloadViewModel,
} from './view-models.ts';
import { CASE_STAGES, type CaseStage } from './workload.ts';

type CaseParams = { caseId: string };
type Errors = {
  errors?: { field: string; text: string; href: string }[];
  fieldErrors?: Record<string, { text: string }>;
};

const calendar = createCalendar();

function actorOf(request: FastifyRequest): AuditActor & { userId: string } {
  const actor = auditActor(request);
  if (!actor.userId) throw new DomainError('NOT_SIGNED_IN');
  return { ...actor, userId: actor.userId };
}

/** The areas a manager manages: their areas when they hold a manager's role, else none. */
export function managerAreas(request: FastifyRequest): string[] {
  const p = request.principal;
  if (!p?.roles.some((r) => AREA_MANAGER_ROLES.includes(r))) return [];
  return p.areaIds;
}

const pageOf = (value: unknown) => Math.max(1, Math.min(100000, Math.floor(Number(value)) || 1));

const noticeSchema = z.object({
  saved: z
    .string()
    .regex(/^[a-z-]{1,40}$/)
    .optional()
    .catch(undefined),
});

const workloadQuerySchema = z.object({
  sort: z.enum(WORKLOAD_SORTS).catch('used'),
  order: z.enum(['asc', 'desc']).catch('desc'),
  page: z.unknown().optional().transform(pageOf),
  saved: z.string().max(40).optional().catch(undefined),
});

/** Allocation (DOMAIN §3.2 step 1, §5.3): the unallocated-work queue, weighted caseloads, allocating and reallocating. */
export async function allocationRoutes(app: FastifyInstance): Promise<void> {
  const db = () => app.deps.database.db;

  // --- The unallocated-work queue ------------------------------------------------------------

  app.get('/allocation', { config: { policy: { action: 'allocation:queue' } } }, async (request, reply) => {
    const page = pageOf((request.query as Record<string, unknown> | undefined)?.page);
    const result = await readWithAudit(db(), auditActor(request), request.now, async (tx) => {
      const value = await listUnallocated(tx, request.principal!, request.now, {
        areaIds: managerAreas(request),
        page,
      });
      return {
        value,
        audit: value.rows.map((r) => ({
          action: 'search' as const,
          resourceType: 'case',
          resourceIds: [r.caseId],
          caseId: r.caseId,
          fieldCategories: ['case-summary' as const, 'allocation' as const],
        })),
      };
    });
    return reply.page(
      'allocation/views/queue.njk',
      queueViewModel(request.messages, { ...result, page, today: londonDate(request.now), calendar }),
    );
  });

  // --- Weighted caseloads ----------------------------------------------------------------------

  app.get('/allocation/workload', { config: { policy: { action: 'allocation:queue' } } }, async (request, reply) => {
    const q = workloadQuerySchema.parse(request.query ?? {});
    const areaIds = managerAreas(request);
    const [practitioners, teams, areas] = await Promise.all([
      listPractitionerLoads(db(), { areaIds, sort: q.sort, order: q.order, page: q.page }),
      listTeamLoads(db(), areaIds),
      listAreaLoads(db(), areaIds),
    ]);
    return reply.page(
      'allocation/views/workload.njk',
      workloadViewModel(request.messages, {
        query: { sort: q.sort, order: q.order, page: q.page },
        practitioners,
        teams,
        areas,
        notice: q.saved ?? null,
      }),
    );
  });

  const practitionerOr404 = async (request: FastifyRequest<{ Params: { userId: string } }>) => {
    const userId = request.params.userId;
    const load = isUuid(userId) ? await getPractitionerLoad(db(), userId, managerAreas(request)) : null;
    if (!load) throw new DomainError('STAFF_NOT_FOUND');
    return load;
  };

  app.get<{ Params: { userId: string } }>(
    '/allocation/workload/:userId',
    { config: { policy: { action: 'allocation:queue' } } },
    async (request, reply) => {
      const load = await practitionerOr404(request);
      return reply.page(
        'allocation/views/capacity.njk',
        capacityViewModel(request.messages, {
          load,
          value: load.capacitySet && load.capacity !== null ? String(load.capacity) : '',
          formToken: newFormToken(),
        }),
      );
    },
  );

  app.post<{ Params: { userId: string } }>(
    '/allocation/workload/:userId',
    { config: { policy: { action: 'allocation:queue' } } },
    async (request, reply) => {
      const load = await practitionerOr404(request);
      const t = request.messages.t;
      const value = postedText(request.body, 'capacity', 20);
      const again = (errors: Errors, status: number) =>
        reply.page(
          'allocation/views/capacity.njk',
          capacityViewModel(request.messages, { load, value, formToken: newFormToken(), ...errors }),
          { status },
        );
      const parsed = parseForm(capacitySchema, request.body, t);
      if (!parsed.ok) return again(parsed, 400);
      try {
        const result = await setCapacity(db(), {
          userId: load.userId,
          form: parsed.data,
          actor: actorOf(request),
          now: request.now,
        });
        return reply.redirect(result.location, 303);
      } catch (error) {
        if (isDomainError(error) && error.code === 'STALE_VERSION') {
          const fresh = await practitionerOr404(request);
          return reply.page(
            'allocation/views/capacity.njk',
            capacityViewModel(request.messages, {
              load: fresh,
              value,
              formToken: newFormToken(),
              ...fieldError('capacity', t('allocation.errors.capacityStale')),
            }),
            { status: 409 },
          );
        }
        throw error;
      }
    },
  );

  // --- A case's allocation -------------------------------------------------------------------

  const caseFlags = (request: FastifyRequest) => {
    const principal = request.principal!;
    const facts = request.caseFacts!;
    return {
      canAllocate: can(principal, 'case:allocate', { kind: 'case', facts }),
      canSeeAccessLog: can(principal, 'case:view-access-log', { kind: 'case', facts }),
    };
  };

  app.get<{ Params: CaseParams }>(
    '/cases/:caseId/allocation',
    { config: { policy: { action: 'case:view', caseParam: 'caseId' } } },
    async (request, reply) => {
      const caseId = request.params.caseId;
      const flags = caseFlags(request);
      const { saved } = noticeSchema.parse(request.query ?? {});
      const vm = await readWithAudit(db(), auditActor(request), request.now, async (tx) => {
        const summary = await getCaseSummary(tx, caseId);
        if (!summary) throw new DomainError('CASE_NOT_FOUND');
        const history = await listAllocationHistory(tx, caseId);
        return {
          value: caseAllocationViewModel(request.messages, {
            summary,
            history,
            canAllocate: flags.canAllocate,
            allocatable: allocatable(summary.status),
            canSeeAccessLog: flags.canSeeAccessLog,
            notice: saved ?? null,
          }),
          audit: [
            {
              action: 'view' as const,
              resourceType: 'case-allocation',
              resourceIds: [caseId],
              caseId,
              fieldCategories: ['case-summary' as const, 'allocation' as const],
            },
          ],
        };
      });
      return reply.page('allocation/views/case-allocation.njk', vm);
    },
  );

  const renderAllocate = async (
    request: FastifyRequest<{ Params: CaseParams }>,
    reply: FastifyReply,
    values: AllocateValues,
    extra: Errors & { refusal?: string } = {},
    status = 200,
  ) => {
    const caseId = request.params.caseId;
    const flags = caseFlags(request);
    const vm = await readWithAudit(db(), auditActor(request), request.now, async (tx) => {
      const summary = await getCaseSummary(tx, caseId);
      const kase = await getAllocationCase(tx, caseId);
      if (!summary || !kase) throw new DomainError('CASE_NOT_FOUND');
      const candidates = await listCandidates(tx, kase.areaId);
      const weights = await loadWeightTable(tx);
      const current = await currentCaseholders(tx, caseId);
      return {
        value: allocateViewModel(request.messages, {
          summary,
          kase,
          candidates,
          weights,
          current,
          currentKey: allocationsKey(current),
          allocatable: allocatable(kase.status),
          values,
          formToken: newFormToken(),
          canSeeAccessLog: flags.canSeeAccessLog,
          ...extra,
        }),
        audit: [
          {
            action: 'view' as const,
            resourceType: 'case-allocation',
            resourceIds: [caseId],
            caseId,
            fieldCategories: ['case-summary' as const, 'allocation' as const],
          },
        ],
      };
    });
    return reply.page('allocation/views/allocate.njk', vm, { status });
  };

  app.get<{ Params: CaseParams }>(
    '/cases/:caseId/allocation/allocate',
    { config: { policy: { action: 'case:allocate', caseParam: 'caseId' } } },
    async (request, reply) => renderAllocate(request, reply, { practitionerId: '', reason: '' }),
  );

  app.post<{ Params: CaseParams }>(
    '/cases/:caseId/allocation/allocate',
    { config: { policy: { action: 'case:allocate', caseParam: 'caseId' } } },
    async (request, reply) => {
      const t = request.messages.t;
      const values: AllocateValues = {
        practitionerId: postedText(request.body, 'practitionerId', 60),
        reason: postedText(request.body, 'reason', 2000),
      };
      const parsed = parseForm(allocateSchema, request.body, t);
      if (!parsed.ok) return renderAllocate(request, reply, values, parsed, 400);
      try {
        const result = await allocateToPractitioner(db(), {
          caseId: request.params.caseId,
          form: parsed.data,
          actor: actorOf(request),
          now: request.now,
        });
        return reply.redirect(result.location, 303);
      } catch (error) {
        if (!isDomainError(error)) throw error;
        switch (error.code) {
          case 'PRACTITIONER_NOT_FOUND':
          case 'ALREADY_ALLOCATED':
            return renderAllocate(request, reply, values, fieldError('practitionerId', t(`errors.${error.code}`)), 400);
          case 'STALE_VERSION':
            return renderAllocate(
              request,
              reply,
              values,
              fieldError('practitionerId', t('allocation.errors.stale')),
              409,
            );
          case 'CASE_NOT_ALLOCATABLE':
            return renderAllocate(request, reply, values, { refusal: t('errors.CASE_NOT_ALLOCATABLE') }, 409);
          default:
            throw error;
        }
      }
    },
  );

  // --- Administration: workload weights -------------------------------------------------------

  const MANAGE = { policy: { action: 'reference:manage' as const } };

  app.get('/admin/reference/workload-weights', { config: MANAGE }, async (request, reply) => {
    const { saved } = noticeSchema.parse(request.query ?? {});
    return reply.page(
      'allocation/views/weights.njk',
      weightsViewModel(request.messages, { rows: await listWeights(db()), notice: saved ?? null }),
    );
  });

  type WeightParams = { law: string; applicationType: string };
  const weightRowsOr404 = async (request: FastifyRequest<{ Params: WeightParams }>) => {
    const { law, applicationType } = request.params;
    const rows = (await listWeights(db())).filter((r) => r.law === law && r.applicationType === applicationType);
    if (rows.length === 0) throw new DomainError('WORKLOAD_WEIGHT_NOT_FOUND');
    return rows;
  };

  const renderWeightForm = (
    request: FastifyRequest<{ Params: WeightParams }>,
    reply: FastifyReply,
    rows: Awaited<ReturnType<typeof weightRowsOr404>>,
    values: Partial<Record<CaseStage, string>>,
    errors: Errors = {},
    status = 200,
  ) =>
    reply.page(
      'allocation/views/weight-form.njk',
      weightFormViewModel(request.messages, {
        law: request.params.law,
        applicationType: request.params.applicationType,
        rows,
        values,
        formToken: newFormToken(),
        ...errors,
      }),
      { status },
    );

  app.get<{ Params: WeightParams }>(
    '/admin/reference/workload-weights/:law/:applicationType',
    { config: MANAGE },
    async (request, reply) => renderWeightForm(request, reply, await weightRowsOr404(request), {}),
  );

  app.post<{ Params: WeightParams }>(
    '/admin/reference/workload-weights/:law/:applicationType',
    { config: MANAGE },
    async (request, reply) => {
      const rows = await weightRowsOr404(request);
      const t = request.messages.t;
      const values = Object.fromEntries(
        CASE_STAGES.map((s) => [s, postedText(request.body, `weight-${s}`, 20)]),
      ) as Record<CaseStage, string>;
      const parsed = parseForm(weightsSchema, request.body, t);
      if (!parsed.ok) return renderWeightForm(request, reply, rows, values, parsed, 400);
      try {
        const result = await changeWeights(db(), {
          law: request.params.law,
          applicationType: request.params.applicationType,
          form: parsed.data,
          actor: actorOf(request),
          now: request.now,
        });
        return reply.redirect(result.location, 303);
      } catch (error) {
        if (isDomainError(error) && error.code === 'STALE_VERSION') {
          return renderWeightForm(
            request,
            reply,
            await weightRowsOr404(request),
            values,
            fieldError(`weight-${CASE_STAGES[0]}`, t('allocation.errors.weightsStale')),
            409,
          );
        }
        throw error;
      }
    },
  );
}
