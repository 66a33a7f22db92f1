import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { londonDate } from '../../platform/calendar/index.ts';
import { DomainError, isDomainError } from '../../platform/errors/catalogue.ts';
import { newFormToken } from '../../platform/forms/form-token.ts';
import { type FormError, fieldError, parseForm } from '../../platform/forms/validation.ts';
import { auditActor } from '../../platform/http/context.ts';
import { readWithAudit } from '../casework/service.ts';
import { savePlanVersion } from './plan.ts';
import { directionFormSchema, planFormSchema } from './plan-forms.ts';
import { REVIEW_NOTICE_WORKING_DAYS, reviewsDueBy } from './plan-rules.ts';
import { getPlanVersion, listContacts, listPlanVersions, listReviewsDue } from './queries.ts';
import { actorOf, type CaseParams, calendar, caseAndNames, noticeQuery, PAGE_AUDIT, permissions } from './shared.ts';
import {
  directionFormViewModel,
  type PlanFormValues,
  planFormValuesFrom,
  planFormValuesOf,
  planFormViewModel,
  planPageViewModel,
  planVersionViewModel,
  reviewsDueViewModel,
} from './view-models.ts';

type Errors = { errors?: FormError[]; fieldErrors?: Record<string, { text: string }> };
type Body = Record<string, unknown>;

const VIEW = (caseParam = 'caseId') => ({ config: { policy: { action: 'case:view' as const, caseParam } } });
const EDIT = { config: { policy: { action: 'case:edit' as const, caseParam: 'caseId' } } };
const DIRECT = { config: { policy: { action: 'case:allocate' as const, caseParam: 'caseId' } } };

const reviewsQuery = z.object({
  days: z.coerce.number().int().min(0).max(60).catch(REVIEW_NOTICE_WORKING_DAYS),
  page: z.coerce.number().int().min(1).max(10000).catch(1),
});

/** The case plan: the current plan, its versions, the worker's edit and the manager's direction. */
export async function planRoutes(app: FastifyInstance): Promise<void> {
  const db = () => app.deps.database.db;

  const planAudit = (caseId: string) => [
    {
      action: 'view' as const,
      resourceType: 'case-plan',
      resourceIds: [caseId],
      caseId,
      fieldCategories: [...PAGE_AUDIT.plan],
    },
  ];

  app.get<{ Params: CaseParams }>('/cases/:caseId/plan', VIEW(), async (request, reply) => {
    const caseId = request.params.caseId;
    const perms = permissions(request);
    const { saved } = noticeQuery.parse(request.query ?? {});
    const vm = await readWithAudit(db(), auditActor(request), request.now, async (tx) => {
      const { summary, names } = await caseAndNames(tx, request.messages, caseId);
      const versions = await listPlanVersions(tx, caseId);
      const contacts = await listContacts(tx, caseId, { page: 1 });
      return {
        value: planPageViewModel(request.messages, {
          summary,
          versions,
          names,
          contacts: contacts.rows.slice(0, 5),
          contactsTotal: contacts.total,
          calendar,
          today: londonDate(request.now),
          canEdit: perms.canEdit,
          canDirect: perms.canDirect,
          canSeeAccessLog: perms.canSeeAccessLog,
          notice: saved ?? null,
        }),
        audit: [
          ...planAudit(caseId),
          {
            action: 'view' as const,
            resourceType: 'contact-log',
            resourceIds: [caseId],
            caseId,
            fieldCategories: ['contact-log' as const],
          },
        ],
      };
    });
    return reply.page('planning/views/plan.njk', vm);
  });

  app.get<{ Params: CaseParams & { version: string } }>(
    '/cases/:caseId/plan/versions/:version',
    VIEW(),
    async (request, reply) => {
      const caseId = request.params.caseId;
      const version = /^[1-9]\d{0,5}$/.test(request.params.version) ? Number(request.params.version) : null;
      if (version === null) throw new DomainError('PAGE_NOT_FOUND');
      const perms = permissions(request);
      const vm = await readWithAudit(db(), auditActor(request), request.now, async (tx) => {
        const { summary, names } = await caseAndNames(tx, request.messages, caseId);
        const found = await getPlanVersion(tx, caseId, version);
        if (!found) throw new DomainError('PAGE_NOT_FOUND');
        const previous = version > 1 ? await getPlanVersion(tx, caseId, version - 1) : null;
        const latest = await getPlanVersion(tx, caseId);
        return {
          value: planVersionViewModel(request.messages, {
            summary,
            version: found,
            previous,
            latest: latest?.version ?? version,
            names,
            canSeeAccessLog: perms.canSeeAccessLog,
          }),
          audit: planAudit(caseId),
        };
      });
      return reply.page('planning/views/plan-version.njk', vm);
    },
  );

  /** The plan form, with the values given (after a refused post) or those of the current version. */
  const renderEdit = async (
    request: FastifyRequest<{ Params: CaseParams }>,
    reply: FastifyReply,
    posted: PlanFormValues | null,
    errors: Errors = {},
    status = 200,
  ) => {
    const caseId = request.params.caseId;
    const perms = permissions(request);
    const vm = await readWithAudit(db(), auditActor(request), request.now, async (tx) => {
      const { summary, names } = await caseAndNames(tx, request.messages, caseId);
      const current = await getPlanVersion(tx, caseId);
      return {
        value: planFormViewModel(request.messages, {
          summary,
          current,
          values: posted ?? planFormValuesOf(current),
          version: current?.version ?? 0,
          names,
          formToken: newFormToken(),
          canSeeAccessLog: perms.canSeeAccessLog,
          ...errors,
        }),
        audit: planAudit(caseId),
      };
    });
    return reply.page('planning/views/plan-edit.njk', vm, { status });
  };

  app.get<{ Params: CaseParams }>('/cases/:caseId/plan/edit', EDIT, async (request, reply) =>
    renderEdit(request, reply, null),
  );

  app.post<{ Params: CaseParams }>('/cases/:caseId/plan/edit', EDIT, async (request, reply) => {
    const caseId = request.params.caseId;
    const body = (request.body ?? {}) as Body;
    const t = request.messages.t;
    const context = await readWithAudit(db(), auditActor(request), request.now, async (tx) => {
      const { names } = await caseAndNames(tx, request.messages, caseId);
      return { value: names, audit: [] };
    });
    const parsed = parseForm(
      planFormSchema({
        today: londonDate(request.now),
        personKeys: new Set([
          ...context.children.map((c) => `child:${c.id}`),
          ...context.parties.map((p) => `party:${p.id}`),
        ]),
        toolCodes: new Set(context.tools.map((x) => x.code)),
      }),
      body,
      t,
      {
        reviewDueOn: 'reviewDueOn-day',
        sharedOn: 'sharedOn-day',
        sharing: 'sharing',
        sharedHow: 'sharedHow',
        people: 'people',
        tools: 'tools',
        ...Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`step-${i + 1}`, `step-${i + 1}-day`])),
      },
    );
    // A version the form was not based on keeps what was typed; its version stays as posted.
    const posted = planFormValuesFrom(body);
    if (!parsed.ok) return renderPosted(request, reply, posted, parsed, 400);
    try {
      const result = await savePlanVersion(db(), {
        caseId,
        change: { kind: 'plan', form: parsed.data },
        actor: actorOf(request),
        now: request.now,
      });
      return reply.redirect(result.location, 303);
    } catch (error) {
      if (isDomainError(error) && error.code === 'STALE_VERSION') {
        return renderEdit(request, reply, null, fieldError('objective-1', t('planning.errors.stalePlan')), 409);
      }
      throw error;
    }
  });

  /** A refused post shows what was typed, against the version it was based on. */
  const renderPosted = async (
    request: FastifyRequest<{ Params: CaseParams }>,
    reply: FastifyReply,
    posted: PlanFormValues,
    errors: Errors,
    status: number,
  ) => {
    const caseId = request.params.caseId;
    const perms = permissions(request);
    const body = (request.body ?? {}) as Body;
    const postedVersion = Number(typeof body.version === 'string' ? body.version : 'x');
    const vm = await readWithAudit(db(), auditActor(request), request.now, async (tx) => {
      const { summary, names } = await caseAndNames(tx, request.messages, caseId);
      const current = await getPlanVersion(tx, caseId);
      return {
        value: planFormViewModel(request.messages, {
          summary,
          current,
          values: posted,
          version: Number.isInteger(postedVersion) && postedVersion >= 0 ? postedVersion : (current?.version ?? 0),
          names,
          formToken: newFormToken(),
          canSeeAccessLog: perms.canSeeAccessLog,
          ...errors,
        }),
        audit: planAudit(caseId),
      };
    });
    return reply.page('planning/views/plan-edit.njk', vm, { status });
  };

  const renderDirection = async (
    request: FastifyRequest<{ Params: CaseParams }>,
    reply: FastifyReply,
    posted: { direction: string; priorities: string[]; version: number } | null,
    errors: Errors = {},
    status = 200,
  ) => {
    const caseId = request.params.caseId;
    const perms = permissions(request);
    const vm = await readWithAudit(db(), auditActor(request), request.now, async (tx) => {
      const { summary, names } = await caseAndNames(tx, request.messages, caseId);
      const current = await getPlanVersion(tx, caseId);
      return {
        value: directionFormViewModel(request.messages, {
          summary,
          current,
          values: posted ?? {
            direction: current?.managerDirection ?? '',
            priorities: current?.managerPriorities ?? [],
          },
          version: posted?.version ?? current?.version ?? 0,
          names,
          formToken: newFormToken(),
          canSeeAccessLog: perms.canSeeAccessLog,
          ...errors,
        }),
        audit: planAudit(caseId),
      };
    });
    return reply.page('planning/views/plan-direction.njk', vm, { status });
  };

  app.get<{ Params: CaseParams }>('/cases/:caseId/plan/direction', DIRECT, async (request, reply) =>
    renderDirection(request, reply, null),
  );

  app.post<{ Params: CaseParams }>('/cases/:caseId/plan/direction', DIRECT, async (request, reply) => {
    const body = (request.body ?? {}) as Body;
    const t = request.messages.t;
    const parsed = parseForm(directionFormSchema(), body, t);
    if (!parsed.ok) {
      const text = (k: string) => (typeof body[k] === 'string' ? (body[k] as string).slice(0, 5000) : '');
      const version = Number(text('version'));
      return renderDirection(
        request,
        reply,
        {
          direction: text('direction'),
          priorities: Array.from({ length: 10 }, (_, i) => text(`priority-${i + 1}`)).filter((p) => p.trim() !== ''),
          version: Number.isInteger(version) && version >= 0 ? version : 0,
        },
        parsed,
        400,
      );
    }
    try {
      const result = await savePlanVersion(db(), {
        caseId: request.params.caseId,
        change: { kind: 'direction', form: parsed.data },
        actor: actorOf(request),
        now: request.now,
      });
      return reply.redirect(result.location, 303);
    } catch (error) {
      if (isDomainError(error) && error.code === 'STALE_VERSION') {
        return renderDirection(request, reply, null, fieldError('direction', t('planning.errors.stalePlan')), 409);
      }
      throw error;
    }
  });

  app.get('/plans/reviews-due', { config: { policy: { action: 'caseload:view' } } }, async (request, reply) => {
    const { days, page } = reviewsQuery.parse(request.query ?? {});
    const today = londonDate(request.now);
    const dueBy = reviewsDueBy(calendar, today, days);
    const result = await readWithAudit(db(), auditActor(request), request.now, async (tx) => {
      const list = await listReviewsDue(tx, request.principal!, { dueBy, page, now: request.now });
      return {
        value: list,
        audit: [
          {
            action: 'search' as const,
            resourceType: 'case-plan-reviews',
            resourceIds: list.rows.map((r) => r.caseId),
            fieldCategories: ['case-summary' as const, 'case-plan' as const],
          },
        ],
      };
    });
    return reply.page(
      'planning/views/reviews-due.njk',
      reviewsDueViewModel(request.messages, { ...result, page, days, dueBy, today, calendar }),
    );
  });
}
