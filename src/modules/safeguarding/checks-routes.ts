import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { londonDate } from '../../platform/calendar/index.ts';
import { DomainError } from '../../platform/errors/catalogue.ts';
import { newFormToken } from '../../platform/forms/form-token.ts';
import { fieldError, parseForm, postedText } from '../../platform/forms/validation.ts';
import { isUuid } from '../../platform/http/authorisation-hook.ts';
import { auditActor } from '../../platform/http/context.ts';
import { getCaseSummary, getCaseWithPeople, readWithAudit } from '../casework/service.ts';
import {
  chaseCheck,
  chaseSchema,
  checkReturnSchema,
  newCheckSchema,
  recordCheckReturn,
  requestCheck,
} from './checks.ts';
import { actorOf, type CaseParams, casePermissions } from './overview-routes.ts';
import {
  type CheckRow,
  getCheck,
  hasFiledLetter,
  listChecksNeedingUpdateLetter,
  listChecksToChase,
  listLocalAuthorities,
  listServiceAreas,
} from './queries.ts';
import { isAdultParty } from './screening.ts';
import { queueQuerySchema } from './screening-routes.ts';
import { type CheckReturnValues, chaseListViewModel, checkReturnViewModel, newCheckViewModel } from './view-models.ts';

type CheckParams = CaseParams & { checkId: string };
type Errors = { errors?: unknown; fieldErrors?: Record<string, { text: string }> };

const chaseListQuery = queueQuerySchema.extend({
  list: z.enum(['overdue', 'update-letter']).catch('overdue'),
});

/** Only a path of ours may be returned to after a chase (never another site). */
const returnToSchema = z
  .string()
  .regex(/^\/(safeguarding\/checks|cases\/[0-9a-f-]{36}\/(safeguarding|checks\/[0-9a-f-]{36}))(\?[A-Za-z0-9=&-]*)?$/)
  .optional()
  .catch(undefined);

/** Safeguarding checks: record what came back, request another, chase, and the chase list. */
export async function checksRoutes(app: FastifyInstance): Promise<void> {
  const db = () => app.deps.database.db;

  const renderReturn = async (
    request: FastifyRequest<{ Params: CheckParams }>,
    reply: FastifyReply,
    values: CheckReturnValues | null,
    errors: Errors = {},
    status = 200,
  ) => {
    const { caseId, checkId } = request.params;
    if (!isUuid(checkId)) throw new DomainError('CHECK_NOT_FOUND');
    const perms = casePermissions(request);
    const vm = await readWithAudit(db(), auditActor(request), request.now, async (tx) => {
      const summary = await getCaseSummary(tx, caseId);
      if (!summary) throw new DomainError('CASE_NOT_FOUND');
      const check = await getCheck(tx, caseId, checkId);
      if (!check) throw new DomainError('CHECK_NOT_FOUND');
      const letterFiled = await hasFiledLetter(tx, caseId);
      const [y, m, d] = (check.returnedOn ?? '--').split('-');
      return {
        value: checkReturnViewModel(request.messages, {
          summary,
          check,
          values: values ?? {
            day: d ? String(Number(d)) : '',
            month: m ? String(Number(m)) : '',
            year: y ?? '',
            outcome: check.outcome ?? '',
            concerns: check.concerns ?? '',
            version: check.version,
          },
          today: londonDate(request.now),
          canSeeAccessLog: perms.canSeeAccessLog,
          formToken: newFormToken(),
          letterFiled,
          ...errors,
        }),
        audit: [
          {
            action: 'view' as const,
            resourceType: 'safeguarding-check',
            resourceIds: [checkId],
            caseId,
            fieldCategories: ['safeguarding-check' as const, 'risk' as const],
          },
        ],
      };
    });
    return reply.page('safeguarding/views/check-return.njk', vm, { status });
  };

  app.get<{ Params: CheckParams }>(
    '/cases/:caseId/checks/:checkId',
    { config: { policy: { action: 'case:edit', caseParam: 'caseId' } } },
    async (request, reply) => renderReturn(request, reply, null),
  );

  app.post<{ Params: CheckParams }>(
    '/cases/:caseId/checks/:checkId',
    { config: { policy: { action: 'case:edit', caseParam: 'caseId' } } },
    async (request, reply) => {
      const { caseId, checkId } = request.params;
      if (!isUuid(checkId)) throw new DomainError('CHECK_NOT_FOUND');
      const check: CheckRow | null = await getCheck(db(), caseId, checkId);
      if (!check) throw new DomainError('CHECK_NOT_FOUND');
      const body = request.body;
      const values: CheckReturnValues = {
        day: postedText(body, 'returnedOn-day', 10),
        month: postedText(body, 'returnedOn-month', 10),
        year: postedText(body, 'returnedOn-year', 10),
        outcome: postedText(body, 'outcome', 40),
        concerns: postedText(body, 'concerns'),
        version: Number(postedText(body, 'version', 12)) || check.version,
      };
      const today = londonDate(request.now);
      const parsed = parseForm(checkReturnSchema(check.requestedOn, today), body, request.messages.t, {
        returnedOn: 'returnedOn-day',
      });
      if (!parsed.ok) return renderReturn(request, reply, values, parsed, 400);
      try {
        const result = await recordCheckReturn(db(), {
          caseId,
          checkId,
          returned: parsed.data,
          actor: actorOf(request),
          now: request.now,
        });
        const notice = result.addendumNeeded ? 'check-addendum' : 'check-returned';
        return reply.redirect(`/cases/${caseId}/safeguarding?saved=${notice}`, 303);
      } catch (error) {
        if (error instanceof DomainError && error.code === 'STALE_VERSION') {
          const stale = fieldError('outcome', request.messages.t('checks.errors.stale'));
          return renderReturn(request, reply, null, stale, 409);
        }
        throw error;
      }
    },
  );

  app.post<{ Params: CheckParams }>(
    '/cases/:caseId/checks/:checkId/chase',
    { config: { policy: { action: 'case:edit', caseParam: 'caseId' } } },
    async (request, reply) => {
      const { caseId, checkId } = request.params;
      if (!isUuid(checkId)) throw new DomainError('CHECK_NOT_FOUND');
      const parsed = parseForm(chaseSchema, request.body, request.messages.t);
      if (!parsed.ok) return renderReturn(request, reply, null, parsed, 400);
      const returnTo =
        returnToSchema.parse(postedText(request.body, 'returnTo', 300) || undefined) ??
        `/cases/${caseId}/safeguarding?saved=check-chased`;
      try {
        const result = await chaseCheck(db(), {
          caseId,
          checkId,
          formToken: parsed.data._formToken,
          returnTo,
          actor: actorOf(request),
          now: request.now,
          today: londonDate(request.now),
        });
        return reply.redirect(result.location, 303);
      } catch (error) {
        if (error instanceof DomainError && error.code === 'ALREADY_RECORDED') {
          const done = fieldError('outcome', request.messages.t('checks.errors.alreadyReturned'));
          return renderReturn(request, reply, null, done, 409);
        }
        throw error;
      }
    },
  );

  const renderNew = async (
    request: FastifyRequest<{ Params: CaseParams }>,
    reply: FastifyReply,
    values: { kind: string; partyId: string; localAuthorityCode: string } | null,
    errors: Errors = {},
    status = 200,
  ) => {
    const caseId = request.params.caseId;
    const perms = casePermissions(request);
    const today = londonDate(request.now);
    const vm = await readWithAudit(db(), auditActor(request), request.now, async (tx) => {
      const summary = await getCaseWithPeople(tx, caseId);
      if (!summary) throw new DomainError('CASE_NOT_FOUND');
      const localAuthorities = await listLocalAuthorities(tx);
      return {
        value: newCheckViewModel(request.messages, {
          summary,
          parties: summary.parties
            .filter((p) => isAdultParty({ id: p.id, partyRole: p.partyRole, dateOfBirth: p.dateOfBirth }, today))
            .map((p) => ({ id: p.id, name: `${p.givenNames} ${p.familyName}`, role: p.partyRole })),
          localAuthorities,
          values: values ?? { kind: '', partyId: '', localAuthorityCode: '' },
          formToken: newFormToken(),
          canSeeAccessLog: perms.canSeeAccessLog,
          ...errors,
        }),
        audit: [
          {
            action: 'view' as const,
            resourceType: 'case',
            resourceIds: [caseId],
            caseId,
            fieldCategories: ['case-summary' as const, 'party-identity' as const],
          },
        ],
      };
    });
    return reply.page('safeguarding/views/check-new.njk', vm, { status });
  };

  app.get<{ Params: CaseParams }>(
    '/cases/:caseId/checks/new',
    { config: { policy: { action: 'case:edit', caseParam: 'caseId' } } },
    async (request, reply) => renderNew(request, reply, null),
  );

  app.post<{ Params: CaseParams }>(
    '/cases/:caseId/checks/new',
    { config: { policy: { action: 'case:edit', caseParam: 'caseId' } } },
    async (request, reply) => {
      const body = request.body;
      const values = {
        kind: postedText(body, 'kind', 40),
        partyId: postedText(body, 'partyId', 60),
        localAuthorityCode: postedText(body, 'localAuthorityCode', 20),
      };
      const parsed = parseForm(newCheckSchema, body, request.messages.t);
      if (!parsed.ok) return renderNew(request, reply, values, parsed, 400);
      const t = request.messages.t;
      const check = {
        kind: parsed.data.kind,
        partyId: parsed.data.kind === 'police' ? parsed.data.partyId : null,
        localAuthorityCode: parsed.data.kind === 'local-authority' ? parsed.data.localAuthorityCode : null,
      };
      if (check.partyId !== null && !isUuid(check.partyId)) {
        return renderNew(request, reply, values, fieldError('partyId', t('checks.errors.partyRequired')), 400);
      }
      try {
        const result = await requestCheck(db(), {
          caseId: request.params.caseId,
          check,
          formToken: parsed.data._formToken,
          actor: actorOf(request),
          now: request.now,
          today: londonDate(request.now),
        });
        return reply.redirect(result.location, 303);
      } catch (error) {
        if (error instanceof DomainError && error.code === 'ALREADY_RECORDED') {
          const field = check.kind === 'police' ? 'partyId' : 'localAuthorityCode';
          return renderNew(request, reply, values, fieldError(field, t('checks.errors.alreadyRequested')), 409);
        }
        if (error instanceof DomainError && (error.code === 'PARTY_NOT_FOUND' || error.code === 'VALIDATION_FAILED')) {
          const field = check.kind === 'police' ? 'partyId' : 'localAuthorityCode';
          const key = check.kind === 'police' ? 'checks.errors.partyRequired' : 'checks.errors.localAuthorityRequired';
          return renderNew(request, reply, values, fieldError(field, t(key)), 400);
        }
        throw error;
      }
    },
  );

  app.get('/safeguarding/checks', { config: { policy: { action: 'safeguarding:queues' } } }, async (request, reply) => {
    const query = chaseListQuery.parse(request.query ?? {});
    const today = londonDate(request.now);
    const result = await readWithAudit(db(), auditActor(request), request.now, async (tx) => {
      const value =
        query.list === 'update-letter'
          ? await listChecksNeedingUpdateLetter(tx, request.principal!, query, request.now)
          : await listChecksToChase(tx, request.principal!, query, today, request.now);
      return {
        value,
        audit: value.rows.map((r) => ({
          action: 'search' as const,
          resourceType: 'safeguarding-check',
          resourceIds: [r.id],
          caseId: r.caseId,
          fieldCategories: ['case-summary' as const, 'party-identity' as const, 'safeguarding-check' as const],
        })),
      };
    });
    return reply.page(
      'safeguarding/views/checks-chase.njk',
      chaseListViewModel(request.messages, query, result, today, newFormToken, await listServiceAreas(db())),
    );
  });
}
