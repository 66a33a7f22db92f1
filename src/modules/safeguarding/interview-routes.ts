import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { londonDate } from '../../platform/calendar/index.ts';
import { DomainError } from '../../platform/errors/catalogue.ts';
import { newFormToken } from '../../platform/forms/form-token.ts';
import { fieldError, parseForm, postedText } from '../../platform/forms/validation.ts';
import { isUuid } from '../../platform/http/authorisation-hook.ts';
import { auditActor } from '../../platform/http/context.ts';
import { getCaseWithPeople, readWithAudit } from '../casework/service.ts';
import { DA_QUESTIONS, interviewSchema, recordInterview } from './interviews.ts';
import { actorOf, type CaseParams, casePermissions } from './overview-routes.ts';
import { isAdultParty } from './screening.ts';
import { type InterviewValues, interviewViewModel } from './view-models.ts';

type Errors = { errors?: unknown; fieldErrors?: Record<string, { text: string }> };

/** Safeguarding interviews with the adult parties, with the domestic-abuse screening. */
export async function interviewRoutes(app: FastifyInstance): Promise<void> {
  const db = () => app.deps.database.db;

  const render = async (
    request: FastifyRequest<{ Params: CaseParams }>,
    reply: FastifyReply,
    values: InterviewValues | null,
    errors: Errors = {},
    status = 200,
  ) => {
    const caseId = request.params.caseId;
    const perms = casePermissions(request);
    const today = londonDate(request.now);
    const vm = await readWithAudit(db(), auditActor(request), request.now, async (tx) => {
      const summary = await getCaseWithPeople(tx, caseId);
      if (!summary) throw new DomainError('CASE_NOT_FOUND');
      return {
        value: interviewViewModel(request.messages, {
          summary,
          parties: summary.parties
            .filter((p) => isAdultParty({ id: p.id, partyRole: p.partyRole, dateOfBirth: p.dateOfBirth }, today))
            .map((p) => ({ id: p.id, name: `${p.givenNames} ${p.familyName}`, role: p.partyRole })),
          values: values ?? {
            partyId: '',
            day: '',
            month: '',
            year: '',
            method: 'telephone',
            answers: {},
            summary: '',
          },
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
    return reply.page('safeguarding/views/interview-new.njk', vm, { status });
  };

  app.get<{ Params: CaseParams }>(
    '/cases/:caseId/interviews/new',
    { config: { policy: { action: 'case:edit', caseParam: 'caseId' } } },
    async (request, reply) => render(request, reply, null),
  );

  app.post<{ Params: CaseParams }>(
    '/cases/:caseId/interviews/new',
    { config: { policy: { action: 'case:edit', caseParam: 'caseId' } } },
    async (request, reply) => {
      const body = request.body;
      const values: InterviewValues = {
        partyId: postedText(body, 'partyId', 60),
        day: postedText(body, 'heldOn-day', 10),
        month: postedText(body, 'heldOn-month', 10),
        year: postedText(body, 'heldOn-year', 10),
        method: postedText(body, 'method', 40),
        answers: Object.fromEntries(DA_QUESTIONS.map((q) => [q, postedText(body, `da-${q}`, 20)])),
        summary: postedText(body, 'summary'),
      };
      const t = request.messages.t;
      const parsed = parseForm(interviewSchema(londonDate(request.now)), body, t, {
        heldOn: 'heldOn-day',
        ...Object.fromEntries(DA_QUESTIONS.map((q) => [`da-${q}`, `da-${q}`])),
      });
      if (!parsed.ok) return render(request, reply, values, parsed, 400);
      if (!isUuid(parsed.data.partyId)) {
        return render(request, reply, values, fieldError('partyId', t('interviews.errors.partyRequired')), 400);
      }
      try {
        const result = await recordInterview(db(), {
          caseId: request.params.caseId,
          interview: parsed.data,
          actor: actorOf(request),
          now: request.now,
        });
        return reply.redirect(result.location, 303);
      } catch (error) {
        if (error instanceof DomainError && error.code === 'PARTY_NOT_FOUND') {
          return render(request, reply, values, fieldError('partyId', t('interviews.errors.partyRequired')), 400);
        }
        throw error;
      }
    },
  );
}
