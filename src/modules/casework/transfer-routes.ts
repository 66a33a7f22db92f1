import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AuditActor } from '../../platform/audit/audit.ts';
import { can } from '../../platform/authorisation/policy.ts';
import { DomainError, isDomainError } from '../../platform/errors/catalogue.ts';
import { newFormToken } from '../../platform/forms/form-token.ts';
import { type FormError, fieldError, parseForm, postedText } from '../../platform/forms/validation.ts';
import { auditActor } from '../../platform/http/context.ts';
import type { Messages } from '../../platform/i18n/i18n.ts';
import { PRIVATE_LAW_STATES } from './private-law-states.ts';
import type { CaseSummary } from './queries.ts';
import { allocationsKey, getCaseSummary, readWithAudit } from './service.ts';
import {
  type DestinationProblem,
  destinationProblems,
  getTransferCase,
  listTransferAreas,
  TRANSFER_REASON_MAX,
  type TransferArea,
  type TransferCase,
  transferable,
  transferCase,
  transferSchema,
} from './transfer.ts';
import { caseHeader, caseSubNavigation } from './view-models.ts';

type CaseParams = { caseId: string };
type Errors = { errors?: FormError[]; fieldErrors?: Record<string, { text: string }> };

/** What the form puts back in its inputs after a refused post. */
export interface TransferValues {
  areaId: string;
  teamId: string;
  reason: string;
}

/** The fields of the form in page order: the error summary follows it. */
const FIELDS = ['areaId', 'teamId', 'reason'] as const;

const PROBLEM_KEYS: Record<DestinationProblem['problem'], string> = {
  'area-unknown': 'errors.transfer.areaRequired',
  'same-area': 'errors.transfer.sameArea',
  'team-not-in-area': 'errors.transfer.teamNotInArea',
};

/** The form's own problems and the destination's, one per field, in page order. */
export function mergeErrors(m: Messages, form: Errors, problems: DestinationProblem[], currentArea: string): Errors {
  const fieldErrors: Record<string, { text: string }> = { ...form.fieldErrors };
  for (const p of problems) {
    fieldErrors[p.field] ??= { text: m.t(PROBLEM_KEYS[p.problem], { area: currentArea }) };
  }
  const errors = FIELDS.filter((f) => fieldErrors[f]).map((f) => ({
    field: f,
    text: fieldErrors[f]!.text,
    href: `#${f}`,
  }));
  return { errors, fieldErrors };
}

/** The destination's problems back from the params of the use case's VALIDATION_FAILED. */
function problemsOf(params: Record<string, string | number>): DestinationProblem[] {
  const problems: DestinationProblem[] = [];
  if (params.areaId === 'area-unknown' || params.areaId === 'same-area') {
    problems.push({ field: 'areaId', problem: params.areaId });
  }
  if (params.teamId === 'team-not-in-area') problems.push({ field: 'teamId', problem: params.teamId });
  return problems;
}

const areaName = (m: Messages, a: { name: string; nameCy: string }) => (m.language === 'cy' ? a.nameCy : a.name);

/** Before the first hearing: the case is with the front door (screening, checks, the letter), not allocated yet. */
const atFrontDoor = (status: string) =>
  PRIVATE_LAW_STATES.indexOf(status as (typeof PRIVATE_LAW_STATES)[number]) <
  PRIVATE_LAW_STATES.indexOf('awaiting-allocation');

export function transferViewModel(
  m: Messages,
  input: {
    summary: CaseSummary;
    kase: TransferCase;
    areas: TransferArea[];
    values: TransferValues;
    formToken: string;
    canSeeAccessLog: boolean;
    refusal?: string | null;
  } & Errors,
) {
  const { t } = m;
  const k = input.kase;
  const here = areaName(m, { name: k.areaName, nameCy: k.areaNameCy });
  const others = input.areas.filter((a) => a.id !== k.areaId);
  const nation = (a: TransferArea) => t(`transfer.nations.${a.nation}`);
  const allocated = k.allocations.map((a) => `${a.displayName} (${t(`allocationRole.${a.role}`)})`).join(', ');
  const closed = !transferable(k.status).ok;
  return {
    pageTitle: t('transfer.title', { reference: k.reference }),
    caseId: k.id,
    header: caseHeader(m, input.summary),
    subNavigation: caseSubNavigation(m, k.id, 'details', input.canSeeAccessLog),
    backHref: `/cases/${k.id}`,
    action: `/cases/${k.id}/transfer`,
    currentRows: [
      { key: { text: t('transfer.currentArea') }, value: { text: here } },
      {
        key: { text: t('transfer.currentTeam') },
        value: { text: (m.language === 'cy' ? k.teamNameCy : k.teamName) ?? t('common.notSet') },
      },
      { key: { text: t('case.fields.allocatedTo') }, value: { text: allocated || t('caseload.unallocated') } },
    ],
    refusal: input.refusal ?? (closed ? t('errors.CASE_CLOSED') : null),
    showForm: !closed,
    consequences: [
      ...(k.allocations.length > 0 ? [t('transfer.consequences.allocationEnds', { names: allocated })] : []),
      t(atFrontDoor(k.status) ? 'transfer.consequences.frontDoor' : 'transfer.consequences.queue'),
      t('transfer.consequences.access', { area: here }),
      t('transfer.consequences.figures', { area: here }),
    ],
    areaItems: [
      { value: '', text: t('transfer.chooseArea'), selected: input.values.areaId === '' },
      ...others.map((a) => ({
        value: a.id,
        text: `${areaName(m, a)} (${nation(a)})`,
        selected: a.id === input.values.areaId,
      })),
    ],
    teamItems: [
      { value: '', text: t('transfer.noTeam'), selected: input.values.teamId === '' },
      ...others.flatMap((a) =>
        a.teams.map((team) => ({
          value: team.id,
          text: `${areaName(m, team)} (${areaName(m, a)})`,
          selected: team.id === input.values.teamId,
        })),
      ),
    ],
    values: input.values,
    version: k.version,
    current: allocationsKey(k.allocations),
    formToken: input.formToken,
    errors: input.errors,
    fieldErrors: input.fieldErrors,
  };
}

function actorOf(request: FastifyRequest): AuditActor & { userId: string } {
  const actor = auditActor(request);
  if (!actor.userId) throw new DomainError('NOT_SIGNED_IN');
  return { ...actor, userId: actor.userId };
}

/** A manager moves a case to another service area (DOMAIN §1, §6). */
export async function transferRoutes(app: FastifyInstance): Promise<void> {
  const db = () => app.deps.database.db;
  const config = { policy: { action: 'case:transfer' as const, caseParam: 'caseId' } };

  const render = async (
    request: FastifyRequest<{ Params: CaseParams }>,
    reply: FastifyReply,
    values: TransferValues,
    extra: Errors & { refusal?: string } = {},
    status = 200,
  ) => {
    const caseId = request.params.caseId;
    const canSeeAccessLog = can(request.principal!, 'case:view-access-log', {
      kind: 'case',
      facts: request.caseFacts!,
    });
    const vm = await readWithAudit(db(), auditActor(request), request.now, async (tx) => {
      const summary = await getCaseSummary(tx, caseId);
      const kase = await getTransferCase(tx, caseId);
      if (!summary || !kase) throw new DomainError('CASE_NOT_FOUND');
      return {
        value: transferViewModel(request.messages, {
          summary,
          kase,
          areas: await listTransferAreas(tx),
          values,
          formToken: newFormToken(),
          canSeeAccessLog,
          ...extra,
        }),
        audit: [
          {
            action: 'view' as const,
            resourceType: 'case',
            resourceIds: [caseId],
            caseId,
            fieldCategories: ['case-summary' as const, 'allocation' as const],
          },
        ],
      };
    });
    return reply.page('casework/views/transfer.njk', vm, { status });
  };

  app.get<{ Params: CaseParams }>('/cases/:caseId/transfer', { config }, async (request, reply) =>
    render(request, reply, { areaId: '', teamId: '', reason: '' }),
  );

  app.post<{ Params: CaseParams }>('/cases/:caseId/transfer', { config }, async (request, reply) => {
    const m = request.messages;
    const values: TransferValues = {
      areaId: postedText(request.body, 'areaId', 60),
      teamId: postedText(request.body, 'teamId', 60),
      reason: postedText(request.body, 'reason', TRANSFER_REASON_MAX * 2),
    };
    const kase = await getTransferCase(db(), request.params.caseId);
    if (!kase) throw new DomainError('CASE_NOT_FOUND');
    // A closed case is refused whatever the form says.
    if (!transferable(kase.status).ok)
      return render(request, reply, values, { refusal: m.t('errors.CASE_CLOSED') }, 409);
    const here = areaName(m, { name: kase.areaName, nameCy: kase.areaNameCy });
    const parsed = parseForm(transferSchema, request.body, m.t);
    if (!parsed.ok) {
      // Say what is wrong with the destination too, so that one correction is enough.
      const chosen = { areaId: values.areaId.trim(), teamId: values.teamId.trim() || null };
      const problems = chosen.areaId ? destinationProblems(await listTransferAreas(db()), kase.areaId, chosen) : [];
      return render(request, reply, values, mergeErrors(m, parsed, problems, here), 400);
    }
    try {
      const result = await transferCase(db(), {
        caseId: request.params.caseId,
        form: parsed.data,
        principal: request.principal!,
        actor: actorOf(request),
        now: request.now,
      });
      return reply.redirect(result.location, 303);
    } catch (error) {
      if (!isDomainError(error)) throw error;
      switch (error.code) {
        case 'STALE_VERSION':
          return render(request, reply, values, fieldError('areaId', m.t('errors.transfer.stale')), 409);
        case 'CASE_CLOSED':
          return render(request, reply, values, { refusal: m.t('errors.CASE_CLOSED') }, 409);
        case 'VALIDATION_FAILED': {
          const problems = problemsOf(error.params);
          if (problems.length === 0) throw error;
          return render(request, reply, values, mergeErrors(m, {}, problems, here), 400);
        }
        default:
          throw error;
      }
    }
  });
}
