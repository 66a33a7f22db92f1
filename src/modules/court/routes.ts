import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AuditActor, AuditEntry } from '../../platform/audit/audit.ts';
import { can } from '../../platform/authorisation/policy.ts';
import { createCalendar, londonDate } from '../../platform/calendar/index.ts';
import type { Executor } from '../../platform/db/database.ts';
import { DomainError } from '../../platform/errors/catalogue.ts';
import { newFormToken } from '../../platform/forms/form-token.ts';
import { fieldError, parseForm, postedText } from '../../platform/forms/validation.ts';
import { isUuid } from '../../platform/http/authorisation-hook.ts';
import { auditActor } from '../../platform/http/context.ts';
import { createMessages, type Language, type Messages } from '../../platform/i18n/i18n.ts';
import { listCaseMessages } from '../../platform/notify/outbox.ts';
import { type CaseSummary, getCaseSummary, readWithAudit } from '../casework/service.ts';
import {
  DATE_ANCHORS,
  delayNoticeSchema,
  directionDateSchema,
  directionSchema,
  hearingSchema,
  orderSchema,
} from './forms.ts';
import {
  getDirection,
  getHearing,
  listAtRisk,
  listDelayNotices,
  listDirectionChanges,
  listDirections,
  listHearings,
  listNoticeParties,
  listOrders,
} from './queries.ts';
import {
  addDirection,
  addHearing,
  changeDirectionDate,
  changeHearing,
  recordOrder,
  sendDelayNotice,
} from './records.ts';
import { atRiskThrough } from './rules.ts';
import {
  atRiskViewModel,
  courtViewModel,
  dateValues,
  delayNoticeFormViewModel,
  directionFormViewModel,
  directionPageViewModel,
  type FormErrors,
  hearingFormViewModel,
  hearingTypeLabel,
  hearingValues,
  noticeParties,
  orderFormViewModel,
  type Values,
} from './view-models.ts';

type CaseParams = { caseId: string };
type HearingParams = CaseParams & { hearingId: string };
type DirectionParams = CaseParams & { directionId: string };

const calendar = createCalendar();
let bothLanguages: Record<Language, Messages> | undefined;
/** Messages in both languages: each party is written to in their own. */
const messagesOf = () => (bothLanguages ??= createMessages());

function actorOf(request: FastifyRequest): AuditActor & { userId: string } {
  const actor = auditActor(request);
  if (!actor.userId) throw new DomainError('NOT_SIGNED_IN');
  return { ...actor, userId: actor.userId };
}

function permissions(request: FastifyRequest) {
  const facts = request.caseFacts!;
  return {
    canEdit: can(request.principal!, 'case:edit', { kind: 'case', facts }),
    canSeeAccessLog: can(request.principal!, 'case:view-access-log', { kind: 'case', facts }),
  };
}

const savedQuery = z.object({
  saved: z
    .string()
    .regex(/^[a-z-]{1,40}$/)
    .optional()
    .catch(undefined),
});
const pageQuery = z.object({ page: z.coerce.number().int().min(1).max(10000).catch(1).default(1) });
const directionQuery = z.object({ directionId: z.string().max(60).optional().catch(undefined) });

const view = (caseId: string, categories: AuditEntry['fieldCategories'], resourceType = 'case'): AuditEntry => ({
  action: 'view',
  resourceType,
  resourceIds: [caseId],
  caseId,
  fieldCategories: categories,
});

/** What a refused form put in its fields, to show again. */
function posted(body: unknown, fields: string[], max = 5000): Values {
  return Object.fromEntries(fields.map((f) => [f, postedText(body, f, max)]));
}
const dateFields = (prefix: string) => [`${prefix}-day`, `${prefix}-month`, `${prefix}-year`];

/** Hearings, orders and directions (DOMAIN §3.2 step 8) and telling the parties of delay (§3.4). */
export async function courtRoutes(app: FastifyInstance): Promise<void> {
  const db = () => app.deps.database.db;

  /** Read the case summary (and more) with its audit; a missing case is a 404. */
  const readCase = async <T>(
    request: FastifyRequest<{ Params: CaseParams }>,
    categories: AuditEntry['fieldCategories'],
    read: (tx: Executor, summary: CaseSummary) => Promise<T>,
  ) =>
    readWithAudit(db(), auditActor(request), request.now, async (tx) => {
      const summary = await getCaseSummary(tx, request.params.caseId);
      if (!summary) throw new DomainError('CASE_NOT_FOUND');
      return { value: await read(tx, summary), audit: [view(request.params.caseId, categories)] };
    });

  // ---- The court page ----
  app.get<{ Params: CaseParams }>(
    '/cases/:caseId/court',
    { config: { policy: { action: 'case:view', caseParam: 'caseId' } } },
    async (request, reply) => {
      const perms = permissions(request);
      const { saved } = savedQuery.parse(request.query ?? {});
      const vm = await readCase(request, ['case-summary', 'hearing', 'party-identity'], async (tx, summary) =>
        courtViewModel(request.messages, {
          summary,
          hearings: await listHearings(tx, summary.id),
          orders: await listOrders(tx, summary.id),
          directions: await listDirections(tx, summary.id),
          notices: await listDelayNotices(tx, summary.id),
          messages: await listCaseMessages(tx, summary.id),
          today: londonDate(request.now),
          calendar,
          canEdit: perms.canEdit,
          canSeeAccessLog: perms.canSeeAccessLog,
          saved: saved ?? null,
        }),
      );
      return reply.page('court/views/court.njk', vm);
    },
  );

  // ---- Hearings ----
  const HEARING_FIELDS = ['typeCode', ...dateFields('heldOn'), 'time', 'venue', 'status', 'outcome', 'version'];
  const hearingForm = async (
    request: FastifyRequest<{ Params: CaseParams }>,
    reply: FastifyReply,
    hearingId: string | null,
    values: Values | null,
    errors: FormErrors = {},
    status = 200,
  ) => {
    const perms = permissions(request);
    const vm = await readCase(request, ['case-summary', 'hearing'], async (tx, summary) => {
      const hearing = hearingId ? await getHearing(tx, summary.id, hearingId) : null;
      if (hearingId && !hearing) throw new DomainError('HEARING_NOT_FOUND');
      return hearingFormViewModel(request.messages, {
        summary,
        canSeeAccessLog: perms.canSeeAccessLog,
        hearing,
        values: values ?? (hearing ? hearingValues(hearing) : { status: 'LISTED' }),
        formToken: newFormToken(),
        ...errors,
      });
    });
    return reply.page('court/views/hearing-form.njk', vm, { status });
  };

  const saveHearing = async (
    request: FastifyRequest<{ Params: CaseParams }>,
    reply: FastifyReply,
    hearingId: string | null,
  ) => {
    const caseId = request.params.caseId;
    const current = hearingId ? await getHearing(db(), caseId, hearingId) : null;
    if (hearingId && !current) throw new DomainError('HEARING_NOT_FOUND');
    const values = posted(request.body, HEARING_FIELDS);
    const parsed = parseForm(
      hearingSchema(londonDate(request.now), current?.typeCode ?? null),
      request.body,
      request.messages.t,
      { heldOn: DATE_ANCHORS.heldOn },
    );
    if (!parsed.ok) return hearingForm(request, reply, hearingId, values, parsed, 400);
    const h = parsed.data;
    // Our codes are named by the locale; a court code keeps the court's own label.
    const typeLabel =
      current && h.typeCode === current.typeCode && current.typeLabel
        ? current.typeLabel
        : hearingTypeLabel(messagesOf().en, h.typeCode, null);
    const common = { caseId, hearing: h, typeLabel, actor: actorOf(request), now: request.now };
    try {
      const result = hearingId ? await changeHearing(db(), { ...common, hearingId }) : await addHearing(db(), common);
      return reply.redirect(result.location, 303);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'STALE_VERSION' && hearingId) {
        // Show what is saved now, and say that nothing was written.
        return hearingForm(
          request,
          reply,
          hearingId,
          null,
          fieldError('typeCode', request.messages.t('errors.STALE_VERSION')),
          409,
        );
      }
      throw error;
    }
  };

  app.get<{ Params: CaseParams }>(
    '/cases/:caseId/court/hearings/new',
    { config: { policy: { action: 'case:edit', caseParam: 'caseId' } } },
    async (request, reply) => hearingForm(request, reply, null, null),
  );
  app.post<{ Params: CaseParams }>(
    '/cases/:caseId/court/hearings/new',
    { config: { policy: { action: 'case:edit', caseParam: 'caseId' } } },
    async (request, reply) => saveHearing(request, reply, null),
  );
  app.get<{ Params: HearingParams }>(
    '/cases/:caseId/court/hearings/:hearingId',
    { config: { policy: { action: 'case:edit', caseParam: 'caseId' } } },
    async (request, reply) => {
      if (!isUuid(request.params.hearingId)) throw new DomainError('HEARING_NOT_FOUND');
      return hearingForm(request, reply, request.params.hearingId, null);
    },
  );
  app.post<{ Params: HearingParams }>(
    '/cases/:caseId/court/hearings/:hearingId',
    { config: { policy: { action: 'case:edit', caseParam: 'caseId' } } },
    async (request, reply) => {
      if (!isUuid(request.params.hearingId)) throw new DomainError('HEARING_NOT_FOUND');
      return saveHearing(request, reply, request.params.hearingId);
    },
  );

  // ---- Orders ----
  const ORDER_FIELDS = ['orderType', 'label', ...dateFields('madeOn'), 'hearingId', 'final'];
  const orderForm = async (
    request: FastifyRequest<{ Params: CaseParams }>,
    reply: FastifyReply,
    values: Values | null,
    errors: FormErrors = {},
    status = 200,
  ) => {
    const perms = permissions(request);
    const vm = await readCase(request, ['case-summary', 'hearing'], async (tx, summary) => {
      const directions = await listDirections(tx, summary.id);
      return orderFormViewModel(request.messages, {
        summary,
        canSeeAccessLog: perms.canSeeAccessLog,
        hearings: await listHearings(tx, summary.id),
        values: values ?? {},
        formToken: newFormToken(),
        openDirections: directions.filter((d) => !d.filedOn).length,
        ...errors,
      });
    });
    return reply.page('court/views/order-form.njk', vm, { status });
  };

  app.get<{ Params: CaseParams }>(
    '/cases/:caseId/court/orders/new',
    { config: { policy: { action: 'case:edit', caseParam: 'caseId' } } },
    async (request, reply) => orderForm(request, reply, null),
  );
  app.post<{ Params: CaseParams }>(
    '/cases/:caseId/court/orders/new',
    { config: { policy: { action: 'case:edit', caseParam: 'caseId' } } },
    async (request, reply) => {
      const caseId = request.params.caseId;
      const t = request.messages.t;
      const values = posted(request.body, ORDER_FIELDS);
      const hearingIds = (await listHearings(db(), caseId)).map((h) => h.id);
      const parsed = parseForm(orderSchema(londonDate(request.now), hearingIds), request.body, t, {
        madeOn: DATE_ANCHORS.madeOn,
        orderType: 'orderType',
        final: 'final',
      });
      if (!parsed.ok) return orderForm(request, reply, values, parsed, 400);
      try {
        const result = await recordOrder(db(), {
          caseId,
          order: parsed.data,
          actor: actorOf(request),
          now: request.now,
        });
        return reply.redirect(result.location, 303);
      } catch (error) {
        if (error instanceof DomainError && error.code === 'ILLEGAL_TRANSITION') {
          const from = String(error.params.from ?? '');
          const status = request.messages.has(`status.${from}`) ? t(`status.${from}`) : from;
          return orderForm(
            request,
            reply,
            values,
            fieldError('final', t('court.errors.finalNotAllowed', { status })),
            409,
          );
        }
        if (error instanceof DomainError && error.code === 'HEARING_NOT_FOUND') {
          return orderForm(request, reply, values, fieldError('hearingId', t('court.errors.hearingInvalid')), 400);
        }
        throw error;
      }
    },
  );

  // ---- Directions ----
  const DIRECTION_FIELDS = ['reportType', 'reportLabel', ...dateFields('dueOn')];
  const directionForm = async (
    request: FastifyRequest<{ Params: CaseParams }>,
    reply: FastifyReply,
    values: Values | null,
    errors: FormErrors = {},
    status = 200,
  ) => {
    const perms = permissions(request);
    const vm = await readCase(request, ['case-summary', 'hearing'], async (_tx, summary) =>
      directionFormViewModel(request.messages, {
        summary,
        canSeeAccessLog: perms.canSeeAccessLog,
        values: values ?? {},
        formToken: newFormToken(),
        ...errors,
      }),
    );
    return reply.page('court/views/direction-form.njk', vm, { status });
  };

  app.get<{ Params: CaseParams }>(
    '/cases/:caseId/court/directions/new',
    { config: { policy: { action: 'case:edit', caseParam: 'caseId' } } },
    async (request, reply) => directionForm(request, reply, null),
  );
  app.post<{ Params: CaseParams }>(
    '/cases/:caseId/court/directions/new',
    { config: { policy: { action: 'case:edit', caseParam: 'caseId' } } },
    async (request, reply) => {
      const values = posted(request.body, DIRECTION_FIELDS);
      const parsed = parseForm(directionSchema(), request.body, request.messages.t, {
        dueOn: DATE_ANCHORS.dueOn,
        reportType: 'reportType',
      });
      if (!parsed.ok) return directionForm(request, reply, values, parsed, 400);
      const result = await addDirection(db(), {
        caseId: request.params.caseId,
        direction: parsed.data,
        actor: actorOf(request),
        now: request.now,
      });
      return reply.redirect(result.location, 303);
    },
  );

  const directionPage = async (
    request: FastifyRequest<{ Params: DirectionParams }>,
    reply: FastifyReply,
    values: Values | null,
    errors: FormErrors = {},
    status = 200,
  ) => {
    const perms = permissions(request);
    const vm = await readCase(request, ['case-summary', 'hearing'], async (tx, summary) => {
      const direction = await getDirection(tx, summary.id, request.params.directionId);
      if (!direction) throw new DomainError('DIRECTION_NOT_FOUND');
      return directionPageViewModel(request.messages, {
        summary,
        canSeeAccessLog: perms.canSeeAccessLog,
        canEdit: perms.canEdit,
        direction,
        history: await listDirectionChanges(tx, direction.id),
        today: londonDate(request.now),
        calendar,
        values: values ?? { ...dateValues('dueOn', null), reason: '', version: String(direction.version) },
        formToken: newFormToken(),
        ...errors,
      });
    });
    return reply.page('court/views/direction.njk', vm, { status });
  };

  app.get<{ Params: DirectionParams }>(
    '/cases/:caseId/court/directions/:directionId',
    { config: { policy: { action: 'case:view', caseParam: 'caseId' } } },
    async (request, reply) => {
      if (!isUuid(request.params.directionId)) throw new DomainError('DIRECTION_NOT_FOUND');
      return directionPage(request, reply, null);
    },
  );
  app.post<{ Params: DirectionParams }>(
    '/cases/:caseId/court/directions/:directionId',
    { config: { policy: { action: 'case:edit', caseParam: 'caseId' } } },
    async (request, reply) => {
      const { caseId, directionId } = request.params;
      if (!isUuid(directionId)) throw new DomainError('DIRECTION_NOT_FOUND');
      const t = request.messages.t;
      if (!(await getDirection(db(), caseId, directionId))) throw new DomainError('DIRECTION_NOT_FOUND');
      const values = posted(request.body, [...dateFields('dueOn'), 'reason', 'version']);
      const parsed = parseForm(directionDateSchema(), request.body, t, { dueOn: DATE_ANCHORS.dueOn });
      if (!parsed.ok) return directionPage(request, reply, values, parsed, 400);
      try {
        const result = await changeDirectionDate(db(), {
          caseId,
          directionId,
          change: parsed.data,
          actor: actorOf(request),
          now: request.now,
        });
        return reply.redirect(result.location, 303);
      } catch (error) {
        if (error instanceof DomainError && error.code === 'STALE_VERSION') {
          return directionPage(request, reply, null, fieldError('dueOn-day', t('errors.STALE_VERSION')), 409);
        }
        if (error instanceof DomainError && error.code === 'ALREADY_RECORDED') {
          return directionPage(request, reply, values, fieldError('dueOn-day', t('court.errors.directionFiled')), 409);
        }
        if (error instanceof DomainError && error.code === 'VALIDATION_FAILED') {
          return directionPage(request, reply, values, fieldError('dueOn-day', t('court.errors.dueOnUnchanged')), 400);
        }
        throw error;
      }
    },
  );

  // ---- Delay notices ----
  const noticeForm = async (
    request: FastifyRequest<{ Params: CaseParams }>,
    reply: FastifyReply,
    values: Values | null,
    errors: FormErrors = {},
    status = 200,
  ) => {
    const perms = permissions(request);
    const today = londonDate(request.now);
    const vm = await readCase(
      request,
      ['case-summary', 'hearing', 'party-identity', 'contact-details'],
      async (tx, summary) => {
        const directions = (await listDirections(tx, summary.id)).filter((d) => !d.filedOn);
        const wanted = directionQuery.parse(request.query ?? {}).directionId;
        return delayNoticeFormViewModel(request.messages, {
          summary,
          canSeeAccessLog: perms.canSeeAccessLog,
          directions,
          parties: noticeParties(await listNoticeParties(tx, summary.id), today),
          values: values ?? {
            directionId: directions.some((d) => d.id === wanted) ? (wanted as string) : '',
            parties: [],
          },
          formToken: newFormToken(),
          ...errors,
        });
      },
    );
    return reply.page('court/views/delay-notice-form.njk', vm, { status });
  };

  app.get<{ Params: CaseParams }>(
    '/cases/:caseId/court/delay-notices/new',
    { config: { policy: { action: 'case:edit', caseParam: 'caseId' } } },
    async (request, reply) => noticeForm(request, reply, null),
  );
  app.post<{ Params: CaseParams }>(
    '/cases/:caseId/court/delay-notices/new',
    { config: { policy: { action: 'case:edit', caseParam: 'caseId' } } },
    async (request, reply) => {
      const caseId = request.params.caseId;
      const t = request.messages.t;
      const today = londonDate(request.now);
      const directions = (await listDirections(db(), caseId)).filter((d) => !d.filedOn);
      const parties = noticeParties(await listNoticeParties(db(), caseId), today);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const chosen = Array.isArray(body.parties) ? body.parties : body.parties === undefined ? [] : [body.parties];
      const values: Values = {
        ...posted(body, ['directionId', ...dateFields('expectedOn'), 'reason'], 500),
        ...Object.fromEntries(parties.map((p) => [`channel-${p.id}`, postedText(body, `channel-${p.id}`, 10)])),
        parties: chosen.filter((p): p is string => typeof p === 'string').slice(0, 20),
      };
      const parsed = parseForm(
        delayNoticeSchema(
          today,
          directions,
          parties.map((p) => ({ id: p.id, channels: p.channels.map((c) => c.channel) })),
        ),
        body,
        t,
        { expectedOn: DATE_ANCHORS.expectedOn },
      );
      if (!parsed.ok) return noticeForm(request, reply, values, parsed, 400);
      try {
        const result = await sendDelayNotice(db(), {
          caseId,
          notice: parsed.data,
          actor: actorOf(request),
          now: request.now,
          today,
          messages: messagesOf(),
        });
        return reply.redirect(result.location, 303);
      } catch (error) {
        if (error instanceof DomainError && error.code === 'CONFIDENTIAL_VALUE_IN_DOCUMENT') {
          return noticeForm(request, reply, values, fieldError('reason', t('court.errors.reasonConfidential')), 400);
        }
        if (error instanceof DomainError && (error.code === 'PARTY_NOT_FOUND' || error.code === 'VALIDATION_FAILED')) {
          return noticeForm(request, reply, values, fieldError('parties', t('court.errors.partiesRequired')), 400);
        }
        if (
          error instanceof DomainError &&
          (error.code === 'DIRECTION_NOT_FOUND' || error.code === 'ALREADY_RECORDED')
        ) {
          return noticeForm(
            request,
            reply,
            values,
            fieldError('directionId', t('court.errors.directionRequired')),
            400,
          );
        }
        throw error;
      }
    },
  );

  // ---- Filing dates at risk, across the cases the person can see ----
  app.get('/court/at-risk', { config: { policy: { action: 'caseload:view' } } }, async (request, reply) => {
    const { page } = pageQuery.parse(request.query ?? {});
    const today = londonDate(request.now);
    const result = await readWithAudit(db(), auditActor(request), request.now, async (tx) => {
      const value = await listAtRisk(tx, request.principal!, request.now, atRiskThrough(calendar, today), page);
      return {
        value,
        audit: value.rows.map((r) => ({
          action: 'search' as const,
          resourceType: 'court-direction',
          resourceIds: [r.directionId],
          caseId: r.caseId,
          fieldCategories: ['case-summary' as const, 'hearing' as const],
        })),
      };
    });
    return reply.page(
      'court/views/at-risk.njk',
      atRiskViewModel(request.messages, { ...result, page, today, calendar }),
    );
  });
}
