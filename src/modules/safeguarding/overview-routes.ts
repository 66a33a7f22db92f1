import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AuditActor } from '../../platform/audit/audit.ts';
import { can } from '../../platform/authorisation/policy.ts';
import { londonDate } from '../../platform/calendar/index.ts';
import { DomainError } from '../../platform/errors/catalogue.ts';
import { auditActor } from '../../platform/http/context.ts';
import { getCaseSummary, readWithAudit } from '../casework/service.ts';
import { getSafeguardingRecords } from './queries.ts';
import { overviewViewModel } from './view-models.ts';

export type CaseParams = { caseId: string };

export function actorOf(request: FastifyRequest): AuditActor & { userId: string } {
  const actor = auditActor(request);
  if (!actor.userId) throw new DomainError('NOT_SIGNED_IN');
  return { ...actor, userId: actor.userId };
}

export function casePermissions(request: FastifyRequest) {
  const principal = request.principal!;
  const facts = request.caseFacts!;
  return {
    canEdit: can(principal, 'case:edit', { kind: 'case', facts }),
    canSeeAccessLog: can(principal, 'case:view-access-log', { kind: 'case', facts }),
  };
}

const noticeQuery = z.object({
  saved: z
    .string()
    .regex(/^[a-z-]{1,40}$/)
    .optional()
    .catch(undefined),
});

/** The safeguarding page of a case: screening, checks, interviews and the letter's status. */
export async function safeguardingOverviewRoutes(app: FastifyInstance): Promise<void> {
  const db = () => app.deps.database.db;

  app.get<{ Params: CaseParams }>(
    '/cases/:caseId/safeguarding',
    { config: { policy: { action: 'case:view', caseParam: 'caseId' } } },
    async (request, reply) => {
      const caseId = request.params.caseId;
      const perms = casePermissions(request);
      const { saved } = noticeQuery.parse(request.query ?? {});
      const vm = await readWithAudit(db(), auditActor(request), request.now, async (tx) => {
        const summary = await getCaseSummary(tx, caseId);
        if (!summary) throw new DomainError('CASE_NOT_FOUND');
        const records = await getSafeguardingRecords(tx, caseId);
        return {
          value: overviewViewModel(request.messages, {
            summary,
            records,
            today: londonDate(request.now),
            canEdit: perms.canEdit,
            canSeeAccessLog: perms.canSeeAccessLog,
            notice: saved ?? null,
          }),
          audit: [
            {
              action: 'view' as const,
              resourceType: 'safeguarding',
              resourceIds: [caseId],
              caseId,
              fieldCategories: [
                'case-summary' as const,
                'screening' as const,
                'risk' as const,
                'safeguarding-check' as const,
                'interview' as const,
                'letter' as const,
              ],
            },
          ],
        };
      });
      return reply.page('safeguarding/views/safeguarding-overview.njk', vm);
    },
  );
}
