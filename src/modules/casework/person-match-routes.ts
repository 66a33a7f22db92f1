import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { type AuditActor, type AuditEntry, appendAudit } from '../../platform/audit/audit.ts';
import { can } from '../../platform/authorisation/policy.ts';
import { DomainError } from '../../platform/errors/catalogue.ts';
import { isUuid } from '../../platform/http/authorisation-hook.ts';
import { auditActor } from '../../platform/http/context.ts';
import type { Messages } from '../../platform/i18n/i18n.ts';
import {
  decidePersonMatch,
  listMatchesForCase,
  type MatchRow,
  runPersonMatching,
  type SafeguardingHistory,
  safeguardingHistory,
} from './person-match.ts';
import { type CasePeople, type CaseSummary, getCaseWithPeople } from './queries.ts';
import { appendTimeline } from './timeline.ts';
import { caseHeader, caseSubNavigation } from './view-models.ts';

type CaseParams = { caseId: string };

const decisionSchema = z.object({
  decision: z.enum(['confirm', 'reject'], { error: 'previousProceedings.errors.decisionRequired' }),
});

function actorOf(request: FastifyRequest): AuditActor & { userId: string } {
  const actor = auditActor(request);
  if (!actor.userId) throw new DomainError('NOT_SIGNED_IN');
  return { ...actor, userId: actor.userId };
}

/** A coded value in words, or the value itself when the catalogue has no words for it. */
function label(m: Messages, key: string, value: string): string {
  return m.has(`${key}.${value}`) ? m.t(`${key}.${value}`) : value;
}

/** Name similarity in words: people read "very similar", not 0.87. */
export function similarityInWords(score: number): 'very-similar' | 'similar' | 'partly-similar' {
  if (score >= 0.9) return 'very-similar';
  if (score >= 0.65) return 'similar';
  return 'partly-similar';
}

function historyView(m: Messages, h: SafeguardingHistory | undefined) {
  if (!h) return null;
  const pp = 'previousProceedings.history';
  return {
    screening: h.screening
      ? {
          decision: label(m, `${pp}.decisions`, h.screening.decision),
          riskFlags: h.screening.riskFlags.length
            ? h.screening.riskFlags.map((f) => label(m, `${pp}.riskFlags`, f)).join(', ')
            : m.t(`${pp}.noRiskFlags`),
          otherRisk: h.screening.otherRisk,
          screenedOn: m.formatDate(h.screening.screenedAt),
        }
      : null,
    checks: h.checks.map((c) => ({
      kind: label(m, `${pp}.checkKinds`, c.kind),
      requested: m.formatDate(c.requestedOn),
      returned: c.returnedOn ? m.formatDate(c.returnedOn) : m.t(`${pp}.notReturned`),
      outcome: c.outcome ? label(m, `${pp}.outcomes`, c.outcome) : m.t(`${pp}.noOutcome`),
      concerns: c.concerns,
    })),
    letters: h.letters.map((l) => ({
      kind: label(m, `${pp}.letterKinds`, l.kind),
      status: label(m, `${pp}.letterStatus`, l.status),
      filed: l.filedOn ? m.formatDate(l.filedOn) : m.t(`${pp}.notFiled`),
      recommendation: l.recommendation,
    })),
  };
}

export function previousProceedingsViewModel(
  m: Messages,
  data: {
    summary: CaseSummary & CasePeople;
    matches: MatchRow[];
    histories: Map<string, SafeguardingHistory>;
    canEdit: boolean;
    canSeeAccessLog: boolean;
    notice?: string;
  },
) {
  const { t } = m;
  const s = data.summary;
  const people = [
    ...s.children.map((c) => ({ ...c, role: t('previousProceedings.child') })),
    ...s.parties.map((p) => ({ ...p, role: t(`partyRole.${p.partyRole}`) })),
  ];
  const seen = new Set<string>();
  const groups = people
    .filter((p) => {
      if (seen.has(p.personId)) return false;
      seen.add(p.personId);
      return true;
    })
    .map((p) => {
      const matches = data.matches.filter((x) => x.personId === p.personId);
      return {
        name: `${p.givenNames} ${p.familyName}`,
        role: p.role,
        dateOfBirth: p.dateOfBirth ? m.formatDate(p.dateOfBirth) : t('common.notKnown'),
        matches: matches.map((x) => ({
          id: x.id,
          name: `${x.givenNames} ${x.familyName}`,
          dateOfBirth: x.dateOfBirth ? m.formatDate(x.dateOfBirth) : t('common.notKnown'),
          similarity: t(`previousProceedings.similarity.${similarityInWords(x.score)}`),
          dateOfBirthMatch: t(`previousProceedings.dateOfBirthMatch.${x.dateOfBirthMatch}`),
          status: x.status,
          statusText: t(`previousProceedings.statuses.${x.status}`),
          decided:
            x.decidedAt && x.decidedByName
              ? t('previousProceedings.decidedBy', { name: x.decidedByName, date: m.formatDate(x.decidedAt) })
              : null,
          earlierCases: x.earlierCases.map((c) =>
            c.visible
              ? {
                  visible: true,
                  href: `/cases/${c.id}`,
                  reference: c.reference,
                  law: c.law ? t(`law.${c.law}`) : '',
                  status: c.status ? label(m, 'status', c.status) : '',
                  received: c.receivedOn ? m.formatDate(c.receivedOn) : '',
                  closed: c.closedOn ? m.formatDate(c.closedOn) : null,
                  role:
                    c.role === 'child' ? t('previousProceedings.child') : c.role ? label(m, 'partyRole', c.role) : '',
                  history: x.status === 'confirmed' ? historyView(m, data.histories.get(c.id)) : null,
                }
              : { visible: false },
          ),
        })),
      };
    });
  const total = data.matches.length;
  return {
    pageTitle: t('previousProceedings.title', { reference: s.reference }),
    caseId: s.id,
    header: caseHeader(m, s),
    subNavigation: caseSubNavigation(m, s.id, 'previous-proceedings', data.canSeeAccessLog),
    groups,
    total,
    waiting: data.matches.filter((x) => x.status === 'candidate').length,
    canEdit: data.canEdit,
    notice:
      data.notice && m.has(`previousProceedings.notices.${data.notice}`)
        ? t(`previousProceedings.notices.${data.notice}`)
        : null,
  };
}

const noticeSchema = z.object({
  notice: z
    .string()
    .regex(/^[a-z-]{1,40}$/)
    .optional()
    .catch(undefined),
});

/** Previous proceedings: the possible earlier identities of a case's people, and what is known of them. */
export async function personMatchRoutes(app: FastifyInstance): Promise<void> {
  const db = () => app.deps.database.db;

  const render = async (
    request: FastifyRequest<{ Params: CaseParams }>,
    extra: { errors?: unknown; fieldErrors?: unknown } = {},
  ) => {
    const caseId = request.params.caseId;
    const principal = request.principal!;
    const facts = request.caseFacts!;
    const { notice } = noticeSchema.parse(request.query ?? {});
    const vm = await db().transaction(async (tx) => {
      const summary = await getCaseWithPeople(tx, caseId);
      if (!summary) throw new DomainError('CASE_NOT_FOUND');
      const matches = await listMatchesForCase(tx, principal, caseId, request.now);
      // The safeguarding history is shown for confirmed matches, of cases the viewer may see.
      const historyCaseIds = [
        ...new Set(
          matches
            .filter((x) => x.status === 'confirmed')
            .flatMap((x) => x.earlierCases.filter((c) => c.visible).map((c) => c.id)),
        ),
      ];
      const histories = await safeguardingHistory(tx, historyCaseIds);
      const shownCaseIds = [
        ...new Set(matches.flatMap((x) => x.earlierCases.filter((c) => c.visible).map((c) => c.id))),
      ];
      const audit: AuditEntry[] = [
        {
          action: 'view',
          resourceType: 'person-match',
          resourceIds: [caseId, ...matches.map((x) => x.id)],
          caseId,
          fieldCategories: ['person-match', 'child-identity', 'party-identity'],
        },
        ...shownCaseIds.map((id) => ({
          action: 'view' as const,
          resourceType: 'case',
          resourceIds: [id],
          caseId: id,
          fieldCategories: [
            'case-summary' as const,
            'person-match' as const,
            ...(historyCaseIds.includes(id) ? (['screening', 'safeguarding-check', 'letter'] as const) : ([] as const)),
          ],
        })),
      ];
      await appendAudit(tx, auditActor(request), request.now, audit);
      return previousProceedingsViewModel(request.messages, {
        summary,
        matches,
        histories,
        canEdit: can(principal, 'case:edit', { kind: 'case', facts }),
        canSeeAccessLog: can(principal, 'case:view-access-log', { kind: 'case', facts }),
        notice,
      });
    });
    return { ...vm, ...extra };
  };

  app.get<{ Params: CaseParams }>(
    '/cases/:caseId/previous-proceedings',
    { config: { policy: { action: 'case:view', caseParam: 'caseId' } } },
    async (request, reply) => reply.page('casework/views/previous-proceedings.njk', await render(request)),
  );

  app.post<{ Params: CaseParams }>(
    '/cases/:caseId/previous-proceedings/find-matches',
    { config: { policy: { action: 'case:edit', caseParam: 'caseId' } } },
    async (request, reply) => {
      const caseId = request.params.caseId;
      const actor = actorOf(request);
      const found = await db().transaction(async (tx) => {
        const ids = await runPersonMatching(tx, caseId, request.now);
        await appendTimeline(tx, {
          caseId,
          kind: 'previous-proceedings.matching-run',
          occurredAt: request.now,
          actorUserId: actor.userId,
          details: { newCandidates: ids.length },
        });
        await appendAudit(tx, actor, request.now, [
          {
            action: 'create',
            resourceType: 'person-match',
            resourceIds: [caseId, ...ids],
            caseId,
            fieldCategories: ['person-match'],
          },
        ]);
        return ids.length;
      });
      return reply.redirect(
        `/cases/${caseId}/previous-proceedings?notice=${found > 0 ? 'new-candidates' : 'no-new-candidates'}`,
        303,
      );
    },
  );

  app.post<{ Params: CaseParams & { matchId: string } }>(
    '/cases/:caseId/previous-proceedings/:matchId',
    { config: { policy: { action: 'case:edit', caseParam: 'caseId' } } },
    async (request, reply) => {
      const { caseId, matchId } = request.params;
      if (!isUuid(matchId)) throw new DomainError('MATCH_NOT_FOUND');
      const parsed = decisionSchema.safeParse(request.body ?? {});
      if (!parsed.success) {
        const text = request.messages.t('previousProceedings.errors.decisionRequired');
        const errors = [{ field: 'decision', text, href: `#match-${matchId}` }];
        return reply.page(
          'casework/views/previous-proceedings.njk',
          await render(request, { errors, fieldErrors: { decision: { text } } }),
          { status: 400 },
        );
      }
      const decision = parsed.data.decision === 'confirm' ? 'confirmed' : 'rejected';
      const actor = actorOf(request);
      await db().transaction(async (tx) => {
        const result = await decidePersonMatch(tx, {
          caseId,
          matchId,
          decision,
          userId: actor.userId,
          now: request.now,
        });
        if (!result) throw new DomainError('MATCH_NOT_FOUND');
        if (!result.changed) return;
        await appendTimeline(tx, {
          caseId,
          kind:
            decision === 'confirmed' ? 'previous-proceedings.match-confirmed' : 'previous-proceedings.match-rejected',
          occurredAt: request.now,
          actorUserId: actor.userId,
          details: { matchId, personId: result.personId, candidatePersonId: result.candidatePersonId },
        });
        await appendAudit(tx, actor, request.now, [
          {
            action: 'change',
            resourceType: 'person-match',
            resourceIds: [matchId],
            caseId,
            fieldCategories: ['person-match'],
          },
        ]);
      });
      return reply.redirect(`/cases/${caseId}/previous-proceedings?notice=${decision}#match-${matchId}`, 303);
    },
  );
}
