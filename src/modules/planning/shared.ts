import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AuditActor } from '../../platform/audit/audit.ts';
import { can } from '../../platform/authorisation/policy.ts';
import { createCalendar } from '../../platform/calendar/index.ts';
import type { Executor } from '../../platform/db/database.ts';
import { DomainError } from '../../platform/errors/catalogue.ts';
import { auditActor } from '../../platform/http/context.ts';
import type { Messages } from '../../platform/i18n/i18n.ts';
import { type CaseSummary, getCaseWithPeople } from '../casework/service.ts';
import { listDirectWorkTools } from '../organisation/service.ts';
import { listPlanVersions } from './queries.ts';
import type { CaseNames, ObjectiveOption } from './view-models.ts';

export const calendar = createCalendar();

export type CaseParams = { caseId: string };

export function actorOf(request: FastifyRequest): AuditActor & { userId: string } {
  const actor = auditActor(request);
  if (!actor.userId) throw new DomainError('NOT_SIGNED_IN');
  return { ...actor, userId: actor.userId };
}

export function permissions(request: FastifyRequest) {
  const principal = request.principal!;
  const facts = request.caseFacts!;
  return {
    canEdit: can(principal, 'case:edit', { kind: 'case', facts }),
    canDirect: can(principal, 'case:allocate', { kind: 'case', facts }),
    canSeeAccessLog: can(principal, 'case:view-access-log', { kind: 'case', facts }),
  };
}

export const noticeQuery = z.object({
  saved: z.enum(['plan', 'direction', 'draft', 'recorded', 'corrected']).optional().catch(undefined),
});

/** The case, its children and parties by name, and the tools catalogue in the page's language. */
export async function caseAndNames(
  tx: Executor,
  m: Messages,
  caseId: string,
): Promise<{ summary: CaseSummary; names: CaseNames }> {
  const summary = await getCaseWithPeople(tx, caseId);
  if (!summary) throw new DomainError('CASE_NOT_FOUND');
  const tools = await listDirectWorkTools(tx);
  return {
    summary,
    names: {
      children: summary.children.map((c) => ({ id: c.id, name: `${c.givenNames} ${c.familyName}` })),
      parties: summary.parties
        .filter((p) => p.partyRole !== 'local-authority')
        .map((p) => ({ id: p.id, name: `${p.givenNames} ${p.familyName}`, role: p.partyRole })),
      tools: tools.map((t) => ({ code: t.code, name: m.language === 'cy' ? t.nameCy : t.name })),
    },
  };
}

/**
 * Every objective the plan has had, with its latest wording, current ones first: an entry
 * linked to an objective since removed still shows what it served.
 */
export async function planObjectives(
  tx: Executor,
  caseId: string,
): Promise<{ current: ObjectiveOption[]; all: ObjectiveOption[]; version: number | null }> {
  const versions = await listPlanVersions(tx, caseId);
  const current = versions[0]?.objectives ?? [];
  const all = [...current];
  for (const v of versions) {
    for (const o of v.objectives) if (!all.some((a) => a.id === o.id)) all.push(o);
  }
  return { current, all, version: versions[0]?.version ?? null };
}

export const PAGE_AUDIT = {
  plan: ['case-summary', 'party-identity', 'child-identity', 'case-plan'] as const,
  contacts: ['case-summary', 'party-identity', 'child-identity', 'contact-log'] as const,
};
