import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AuditActor, AuditEntry } from '../../platform/audit/audit.ts';
import { can } from '../../platform/authorisation/policy.ts';
import { londonDate } from '../../platform/calendar/index.ts';
import type { Executor } from '../../platform/db/database.ts';
import { DomainError } from '../../platform/errors/catalogue.ts';
import { newFormToken } from '../../platform/forms/form-token.ts';
import { type FormError, fieldError, parseForm, postedText } from '../../platform/forms/validation.ts';
import { isUuid } from '../../platform/http/authorisation-hook.ts';
import { auditActor } from '../../platform/http/context.ts';
import { type CaseSummary, getCaseSummary, getCaseWithPeople, readWithAudit } from '../casework/service.ts';
import { listDirectWorkTools } from '../organisation/service.ts';
import { diversitySchema, getDiversity, getImpact, impactSchema, saveDiversity, saveImpact } from './analysis.ts';
import { servicesForCase } from './local-services.ts';
import { getCaseChild, getOverviewChildren } from './queries.ts';
import { DIVERSITY_ASPECTS, WELFARE_CHECKLIST } from './rules.ts';
import {
  correctSession,
  EMPTY_SESSION,
  getSession,
  postedList,
  recordSession,
  SESSION_LIMITS,
  type SessionDetail,
  type SessionValues,
  sessionSchema,
} from './sessions.ts';
import { listSignposting, recordSignposting, signpostingSchema } from './signposting.ts';
import {
  type DiversityValues,
  diversityValuesOf,
  diversityViewModel,
  type ImpactValues,
  impactValuesOf,
  impactViewModel,
  overviewViewModel,
  type SignpostingValues,
  sessionFormViewModel,
  sessionViewModel,
  signpostingViewModel,
} from './view-models.ts';

type CaseParams = { caseId: string };
type ChildParams = { caseId: string; childId: string };
type SessionParams = { caseId: string; sessionId: string };
type Errors = { errors?: FormError[]; fieldErrors?: Record<string, { text: string }> };

const VIEW = { policy: { action: 'case:view' as const, caseParam: 'caseId' } };
const EDIT = { policy: { action: 'case:edit' as const, caseParam: 'caseId' } };

const noticeQuery = z.object({
  saved: z
    .string()
    .regex(/^[a-z-]{1,40}$/)
    .optional()
    .catch(undefined),
});

function actorOf(request: FastifyRequest): AuditActor & { userId: string } {
  const actor = auditActor(request);
  if (!actor.userId) throw new DomainError('NOT_SIGNED_IN');
  return { ...actor, userId: actor.userId };
}

function permissions(request: FastifyRequest) {
  const principal = request.principal!;
  const facts = request.caseFacts!;
  return {
    canEdit: can(principal, 'case:edit', { kind: 'case', facts }),
    canSeeAccessLog: can(principal, 'case:view-access-log', { kind: 'case', facts }),
  };
}

const viewAudit = (caseId: string, resourceType: string, ids: string[]): AuditEntry[] => [
  {
    action: 'view',
    resourceType,
    resourceIds: ids,
    caseId,
    fieldCategories: ['case-summary', 'child-identity', 'direct-work'],
  },
];

async function summaryOf(tx: Executor, caseId: string): Promise<CaseSummary> {
  const summary = await getCaseSummary(tx, caseId);
  if (!summary) throw new DomainError('CASE_NOT_FOUND');
  return summary;
}

function childIdOf(params: ChildParams): string {
  if (!isUuid(params.childId)) throw new DomainError('CHILD_NOT_FOUND');
  return params.childId;
}

function sessionIdOf(params: SessionParams): string {
  if (!isUuid(params.sessionId)) throw new DomainError('DIRECT_WORK_SESSION_NOT_FOUND');
  return params.sessionId;
}

function sessionValuesFrom(body: unknown): SessionValues {
  return {
    seen: postedText(body, 'seen', 10),
    notSeenReason: postedText(body, 'notSeenReason', SESSION_LIMITS.reason),
    seenAlone: postedText(body, 'seenAlone', 10),
    notSeenAloneReason: postedText(body, 'notSeenAloneReason', SESSION_LIMITS.reason),
    day: postedText(body, 'heldOn-day', 10),
    month: postedText(body, 'heldOn-month', 10),
    year: postedText(body, 'heldOn-year', 10),
    place: postedText(body, 'place', SESSION_LIMITS.place),
    minutes: postedText(body, 'minutes', 10),
    tools: postedList(body, 'tools', SESSION_LIMITS.tools),
    ownWords: postedText(body, 'ownWords', SESSION_LIMITS.ownWords),
    interpretation: postedText(body, 'interpretation', SESSION_LIMITS.interpretation),
    correctionReason: postedText(body, 'correctionReason', SESSION_LIMITS.correctionReason),
  };
}

function sessionValuesOf(s: SessionDetail): SessionValues {
  const [year, month, day] = s.heldOn.split('-');
  return {
    seen: s.seen ? 'yes' : 'no',
    notSeenReason: s.notSeenReason ?? '',
    seenAlone: s.seen ? (s.seenAlone ? 'yes' : 'no') : '',
    notSeenAloneReason: s.notSeenAloneReason ?? '',
    day: String(Number(day)),
    month: String(Number(month)),
    year: year ?? '',
    place: s.place,
    minutes: s.minutes > 0 ? String(s.minutes) : '',
    tools: s.tools.map((x) => x.code),
    ownWords: s.ownWords,
    interpretation: s.interpretation,
    correctionReason: '',
  };
}

/** The case pages of direct work: the overview, sessions, impact analysis, diversity and signposting. */
export async function directWorkCaseRoutes(app: FastifyInstance): Promise<void> {
  const db = () => app.deps.database.db;

  app.get<{ Params: CaseParams }>('/cases/:caseId/direct-work', { config: VIEW }, async (request, reply) => {
    const caseId = request.params.caseId;
    const perms = permissions(request);
    const { saved } = noticeQuery.parse(request.query ?? {});
    const vm = await readWithAudit(db(), auditActor(request), request.now, async (tx) => {
      const summary = await summaryOf(tx, caseId);
      const children = await getOverviewChildren(tx, caseId);
      const signposting = await listSignposting(tx, caseId);
      return {
        value: overviewViewModel(request.messages, {
          summary,
          children,
          signposting,
          today: londonDate(request.now),
          canEdit: perms.canEdit,
          canSeeAccessLog: perms.canSeeAccessLog,
          notice: saved ?? null,
        }),
        audit: [
          {
            action: 'view' as const,
            resourceType: 'direct-work',
            resourceIds: [caseId],
            caseId,
            fieldCategories: ['case-summary', 'child-identity', 'direct-work', 'signposting'],
          },
        ],
      };
    });
    return reply.page('direct-work/views/overview.njk', vm);
  });

  // --- Sessions -------------------------------------------------------------------------------

  const renderSessionForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    input: { caseId: string; childId: string | null; sessionId: string | null },
    values: SessionValues | null,
    errors: Errors = {},
    status = 200,
  ) => {
    const perms = permissions(request);
    const vm = await readWithAudit(db(), auditActor(request), request.now, async (tx) => {
      const summary = await summaryOf(tx, input.caseId);
      const tools = await listDirectWorkTools(tx, { includeRetired: true });
      if (input.sessionId) {
        const session = await getSession(tx, input.caseId, input.sessionId);
        if (!session) throw new DomainError('DIRECT_WORK_SESSION_NOT_FOUND');
        return {
          value: sessionFormViewModel(request.messages, {
            summary,
            child: { id: session.childId, name: session.childName },
            tools,
            values: values ?? sessionValuesOf(session),
            formToken: newFormToken(),
            canSeeAccessLog: perms.canSeeAccessLog,
            correction: { sessionId: session.id, version: session.version },
            ...errors,
          }),
          audit: viewAudit(input.caseId, 'direct-work-session', [session.id]),
        };
      }
      const child = await getCaseChild(tx, input.caseId, input.childId!);
      if (!child) throw new DomainError('CHILD_NOT_FOUND');
      return {
        value: sessionFormViewModel(request.messages, {
          summary,
          child,
          tools,
          values: values ?? EMPTY_SESSION,
          formToken: newFormToken(),
          canSeeAccessLog: perms.canSeeAccessLog,
          ...errors,
        }),
        audit: viewAudit(input.caseId, 'child', [child.id]),
      };
    });
    return reply.page('direct-work/views/session-form.njk', vm, { status });
  };

  const toolError = (request: FastifyRequest) =>
    fieldError('tools', request.messages.t('directWork.errors.toolUnknown'));

  app.get<{ Params: ChildParams }>(
    '/cases/:caseId/direct-work/children/:childId/sessions/new',
    { config: EDIT },
    async (request, reply) =>
      renderSessionForm(
        request,
        reply,
        { caseId: request.params.caseId, childId: childIdOf(request.params), sessionId: null },
        null,
      ),
  );

  app.post<{ Params: ChildParams }>(
    '/cases/:caseId/direct-work/children/:childId/sessions/new',
    { config: EDIT },
    async (request, reply) => {
      const where = { caseId: request.params.caseId, childId: childIdOf(request.params), sessionId: null };
      const values = sessionValuesFrom(request.body);
      const parsed = parseForm(sessionSchema(londonDate(request.now)), request.body, request.messages.t, {
        heldOn: 'heldOn-day',
        seen: 'seen',
        tools: 'tools',
      });
      if (!parsed.ok) return renderSessionForm(request, reply, where, values, parsed, 400);
      try {
        const result = await recordSession(db(), {
          caseId: where.caseId,
          childId: where.childId,
          session: parsed.data,
          actor: actorOf(request),
          now: request.now,
        });
        return reply.redirect(result.location, 303);
      } catch (error) {
        if (error instanceof DomainError && error.code === 'DIRECT_WORK_TOOL_NOT_FOUND')
          return renderSessionForm(request, reply, where, values, toolError(request), 400);
        throw error;
      }
    },
  );

  app.get<{ Params: SessionParams }>(
    '/cases/:caseId/direct-work/sessions/:sessionId',
    { config: VIEW },
    async (request, reply) => {
      const caseId = request.params.caseId;
      const sessionId = sessionIdOf(request.params);
      const perms = permissions(request);
      const { saved } = noticeQuery.parse(request.query ?? {});
      const vm = await readWithAudit(db(), auditActor(request), request.now, async (tx) => {
        const summary = await summaryOf(tx, caseId);
        const session = await getSession(tx, caseId, sessionId);
        if (!session) throw new DomainError('DIRECT_WORK_SESSION_NOT_FOUND');
        return {
          value: sessionViewModel(request.messages, {
            summary,
            session,
            canEdit: perms.canEdit,
            canSeeAccessLog: perms.canSeeAccessLog,
            notice: saved ?? null,
          }),
          audit: viewAudit(caseId, 'direct-work-session', [session.id]),
        };
      });
      return reply.page('direct-work/views/session.njk', vm);
    },
  );

  app.get<{ Params: SessionParams }>(
    '/cases/:caseId/direct-work/sessions/:sessionId/correct',
    { config: EDIT },
    async (request, reply) =>
      renderSessionForm(
        request,
        reply,
        { caseId: request.params.caseId, childId: null, sessionId: sessionIdOf(request.params) },
        null,
      ),
  );

  app.post<{ Params: SessionParams }>(
    '/cases/:caseId/direct-work/sessions/:sessionId/correct',
    { config: EDIT },
    async (request, reply) => {
      const where = { caseId: request.params.caseId, childId: null, sessionId: sessionIdOf(request.params) };
      const t = request.messages.t;
      const values = sessionValuesFrom(request.body);
      const parsed = parseForm(sessionSchema(londonDate(request.now), { correction: true }), request.body, t, {
        heldOn: 'heldOn-day',
        seen: 'seen',
        tools: 'tools',
      });
      if (!parsed.ok) return renderSessionForm(request, reply, where, values, parsed, 400);
      try {
        const result = await correctSession(db(), {
          caseId: where.caseId,
          sessionId: where.sessionId,
          session: parsed.data,
          actor: actorOf(request),
          now: request.now,
        });
        return reply.redirect(result.location, 303);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        if (error.code === 'STALE_VERSION')
          // Show the record as it is now, and say that nothing was saved.
          return renderSessionForm(
            request,
            reply,
            where,
            null,
            fieldError('ownWords', t('directWork.errors.stale')),
            409,
          );
        if (error.code === 'VALIDATION_FAILED')
          return renderSessionForm(
            request,
            reply,
            where,
            values,
            fieldError('correctionReason', t('directWork.errors.correctionReasonRequired')),
            400,
          );
        if (error.code === 'DIRECT_WORK_TOOL_NOT_FOUND')
          return renderSessionForm(request, reply, where, values, toolError(request), 400);
        throw error;
      }
    },
  );

  // --- Child impact analysis, and diversity and identity: one versioned record per child ---

  /**
   * The page and form of a record kept once per child and versioned (GET shows it, read-only
   * for those who may not edit; POST validates, saves and redirects; a stale save is refused
   * on the form with what the page shows now).
   */
  const childRecordForm = <V, R extends { id: string; version: number }, S extends z.ZodType>(form: {
    path: 'impact' | 'diversity';
    resourceType: string;
    get: (tx: Executor, caseId: string, childId: string) => Promise<R | null>;
    valuesOf: (record: R | null) => V;
    posted: (body: unknown) => V;
    schema: () => S;
    save: (input: { caseId: string; childId: string; data: z.output<S>; request: FastifyRequest }) => Promise<{
      location: string;
    }>;
    staleField: string;
    viewModel: (
      m: FastifyRequest['messages'],
      data: {
        summary: CaseSummary;
        child: { id: string; name: string };
        record: R | null;
        values: V;
        version: number;
        formToken: string;
        canEdit: boolean;
        canSeeAccessLog: boolean;
      } & Errors,
    ) => Record<string, unknown>;
  }) => {
    const url = `/cases/:caseId/direct-work/children/:childId/${form.path}`;
    const render = async (
      request: FastifyRequest<{ Params: ChildParams }>,
      reply: FastifyReply,
      values: V | null,
      errors: Errors = {},
      status = 200,
    ) => {
      const caseId = request.params.caseId;
      const childId = childIdOf(request.params);
      const perms = permissions(request);
      const vm = await readWithAudit(db(), auditActor(request), request.now, async (tx) => {
        const summary = await summaryOf(tx, caseId);
        const child = await getCaseChild(tx, caseId, childId);
        if (!child) throw new DomainError('CHILD_NOT_FOUND');
        const record = await form.get(tx, caseId, childId);
        return {
          value: form.viewModel(request.messages, {
            summary,
            child,
            record,
            values: values ?? form.valuesOf(record),
            version: record?.version ?? 0,
            formToken: newFormToken(),
            canEdit: perms.canEdit,
            canSeeAccessLog: perms.canSeeAccessLog,
            ...errors,
          }),
          audit: viewAudit(caseId, form.resourceType, record ? [record.id] : [childId]),
        };
      });
      return reply.page(`direct-work/views/${form.path}.njk`, vm, { status });
    };
    app.get<{ Params: ChildParams }>(url, { config: VIEW }, async (request, reply) => render(request, reply, null));
    app.post<{ Params: ChildParams }>(url, { config: EDIT }, async (request, reply) => {
      const childId = childIdOf(request.params);
      const t = request.messages.t;
      const values = form.posted(request.body);
      const parsed = parseForm(form.schema(), request.body, t);
      if (!parsed.ok) return render(request, reply, values, parsed, 400);
      try {
        const result = await form.save({ caseId: request.params.caseId, childId, data: parsed.data, request });
        return reply.redirect(result.location, 303);
      } catch (error) {
        if (error instanceof DomainError && error.code === 'STALE_VERSION')
          return render(request, reply, null, fieldError(form.staleField, t('directWork.errors.stale')), 409);
        throw error;
      }
    });
  };

  childRecordForm({
    path: 'impact',
    resourceType: 'child-impact-analysis',
    get: getImpact,
    valuesOf: impactValuesOf,
    posted: (body) => {
      const values: ImpactValues = {
        livedExperience: postedText(body, 'livedExperience'),
        disputeImpact: postedText(body, 'disputeImpact'),
        riskImpact: postedText(body, 'riskImpact'),
        timescales: postedText(body, 'timescales'),
      };
      for (const code of WELFARE_CHECKLIST) values[`welfare-${code}`] = postedText(body, `welfare-${code}`);
      return values;
    },
    schema: impactSchema,
    save: ({ caseId, childId, data, request }) =>
      saveImpact(db(), { caseId, childId, impact: data, actor: actorOf(request), now: request.now }),
    staleField: 'livedExperience',
    viewModel: impactViewModel,
  });

  childRecordForm({
    path: 'diversity',
    resourceType: 'child-diversity',
    get: getDiversity,
    valuesOf: diversityValuesOf,
    posted: (body) => {
      const values: DiversityValues = {
        relevant: postedText(body, 'relevant', 10),
        statement: postedText(body, 'statement'),
      };
      for (const a of DIVERSITY_ASPECTS) values[`aspect-${a}`] = postedText(body, `aspect-${a}`);
      return values;
    },
    schema: diversitySchema,
    save: ({ caseId, childId, data, request }) =>
      saveDiversity(db(), { caseId, childId, diversity: data, actor: actorOf(request), now: request.now }),
    staleField: 'relevant',
    viewModel: diversityViewModel,
  });

  // --- Signposting ----------------------------------------------------------------------------

  const renderSignposting = async (
    request: FastifyRequest<{ Params: CaseParams }>,
    reply: FastifyReply,
    values: SignpostingValues | null,
    errors: Errors = {},
    status = 200,
  ) => {
    const caseId = request.params.caseId;
    const perms = permissions(request);
    const { saved } = noticeQuery.parse(request.query ?? {});
    const vm = await readWithAudit(db(), auditActor(request), request.now, async (tx) => {
      const summary = await getCaseWithPeople(tx, caseId);
      if (!summary) throw new DomainError('CASE_NOT_FOUND');
      const services = await servicesForCase(tx, caseId);
      const rows = await listSignposting(tx, caseId);
      return {
        value: signpostingViewModel(request.messages, {
          summary,
          services,
          children: summary.children.map((c) => ({ id: c.id, name: `${c.givenNames} ${c.familyName}` })),
          parties: summary.parties
            .filter((p) => p.partyRole !== 'local-authority')
            .map((p) => ({ id: p.id, name: `${p.givenNames} ${p.familyName}`, role: p.partyRole })),
          rows,
          values: values ?? { serviceId: '', recipient: '', day: '', month: '', year: '', method: '', note: '' },
          formToken: newFormToken(),
          canSeeAccessLog: perms.canSeeAccessLog,
          notice: status === 200 ? (saved ?? null) : null,
          ...errors,
        }),
        audit: [
          {
            action: 'view' as const,
            resourceType: 'signposting',
            resourceIds: [caseId],
            caseId,
            fieldCategories: ['case-summary', 'child-identity', 'party-identity', 'signposting'],
          },
        ],
      };
    });
    return reply.page('direct-work/views/signposting.njk', vm, { status });
  };

  app.get<{ Params: CaseParams }>('/cases/:caseId/direct-work/signposting', { config: EDIT }, async (request, reply) =>
    renderSignposting(request, reply, null),
  );

  app.post<{ Params: CaseParams }>(
    '/cases/:caseId/direct-work/signposting',
    { config: EDIT },
    async (request, reply) => {
      const t = request.messages.t;
      const body = request.body;
      const values: SignpostingValues = {
        serviceId: postedText(body, 'serviceId', 60),
        recipient: postedText(body, 'recipient', 80),
        day: postedText(body, 'givenOn-day', 10),
        month: postedText(body, 'givenOn-month', 10),
        year: postedText(body, 'givenOn-year', 10),
        method: postedText(body, 'method', 20),
        note: postedText(body, 'note', 4000),
      };
      const parsed = parseForm(signpostingSchema(londonDate(request.now)), body, t, { givenOn: 'givenOn-day' });
      if (!parsed.ok) return renderSignposting(request, reply, values, parsed, 400);
      try {
        const result = await recordSignposting(db(), {
          caseId: request.params.caseId,
          signposting: parsed.data,
          actor: actorOf(request),
          now: request.now,
        });
        return reply.redirect(result.location, 303);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        if (error.code === 'LOCAL_SERVICE_NOT_FOUND')
          return renderSignposting(
            request,
            reply,
            values,
            fieldError('serviceId', t('directWork.errors.serviceUnknown')),
            400,
          );
        if (error.code === 'PARTY_NOT_FOUND' || error.code === 'CHILD_NOT_FOUND')
          return renderSignposting(
            request,
            reply,
            values,
            fieldError('recipient', t('directWork.errors.recipientRequired')),
            400,
          );
        throw error;
      }
    },
  );
}
