import type { FastifyInstance, FastifyRequest } from 'fastify';
import { can } from '../../platform/authorisation/policy.ts';
import { londonDate } from '../../platform/calendar/index.ts';
import { DomainError } from '../../platform/errors/catalogue.ts';
import { newFormToken } from '../../platform/forms/form-token.ts';
import type { FormError } from '../../platform/forms/validation.ts';
import { parseForm, postedText } from '../../platform/forms/validation.ts';
import { auditActor } from '../../platform/http/context.ts';
import { caseHeader, caseSubNavigation, getCaseSummary, readWithAudit } from '../casework/service.ts';
import {
  FIRST_HEARING_REPORT_TYPES,
  firstHearingSchema,
  getFirstHearingOutcome,
  PRL_ORDER_TYPES,
  recordFirstHearingOutcome,
} from './first-hearing.ts';
import { actorOf } from './letter-routes.ts';

type CaseParams = { caseId: string };
const TEMPLATE = 'safeguarding/views/first-hearing.njk';
const DATE_FIELDS = ['heardOn', 'filingDueOn', 'nextHearingOn'] as const;

type Values = Record<string, string | string[]>;

function typedValues(body: unknown): Values {
  const b = (body ?? {}) as Record<string, unknown>;
  const str = (k: string) => postedText(b, k, k === 'notes' ? 5000 : 20);
  const orders = Array.isArray(b.ordersMade) ? b.ordersMade : b.ordersMade === undefined ? [] : [b.ordersMade];
  const values: Values = {
    outcome: str('outcome'),
    reportType: str('reportType'),
    referral: str('referral'),
    notes: str('notes'),
    ordersMade: orders.filter((o): o is string => typeof o === 'string').slice(0, 10),
  };
  for (const f of DATE_FIELDS) for (const p of ['day', 'month', 'year']) values[`${f}-${p}`] = str(`${f}-${p}`);
  return values;
}

export async function firstHearingRoutes(app: FastifyInstance): Promise<void> {
  const db = () => app.deps.database.db;

  const render = async (
    request: FastifyRequest<{ Params: CaseParams }>,
    extra: {
      values?: Values;
      errors?: FormError[];
      fieldErrors?: Record<string, { text: string }>;
      notice?: boolean;
    } = {},
  ) => {
    const caseId = request.params.caseId;
    const m = request.messages;
    const t = m.t;
    const facts = request.caseFacts!;
    return readWithAudit(db(), auditActor(request), request.now, async (tx) => {
      const summary = await getCaseSummary(tx, caseId);
      if (!summary) throw new DomainError('CASE_NOT_FOUND');
      const outcome = await getFirstHearingOutcome(tx, caseId);
      const v = extra.values ?? typedValues({});
      const errs = extra.fieldErrors ?? {};
      const dateItems = (field: string) =>
        (['day', 'month', 'year'] as const).map((p) => ({
          name: p,
          label: t(`first-hearing.${p}`),
          classes: `govuk-input--width-${p === 'year' ? 4 : 2}${errs[field] ? ' govuk-input--error' : ''}`,
          value: v[`${field}-${p}`],
        }));
      const none = t('first-hearing.summary.none');
      return {
        value: {
          pageTitle: t('first-hearing.title'),
          caseId,
          header: caseHeader(m, summary),
          subNavigation: caseSubNavigation(
            m,
            caseId,
            'safeguarding',
            can(request.principal!, 'case:view-access-log', { kind: 'case', facts }),
          ),
          notice: extra.notice && outcome ? t('first-hearing.recorded') : null,
          recorded: outcome
            ? [
                { key: t('first-hearing.summary.heardOn'), value: m.formatDate(outcome.heardOn) },
                { key: t('first-hearing.summary.outcome'), value: t(`first-hearing.outcomes.${outcome.outcome}`) },
                {
                  key: t('first-hearing.summary.orders'),
                  value: outcome.ordersMade.length
                    ? outcome.ordersMade.map((o) => t(`first-hearing.orders.${o}`)).join('; ')
                    : none,
                },
                {
                  key: t('first-hearing.summary.report'),
                  value: outcome.reportType ? t(`first-hearing.reportTypes.${outcome.reportType}`) : none,
                },
                {
                  key: t('first-hearing.summary.filingDueOn'),
                  value: outcome.filingDueOn ? m.formatDate(outcome.filingDueOn) : none,
                },
                {
                  key: t('first-hearing.summary.nextHearingOn'),
                  value: outcome.nextHearingOn ? m.formatDate(outcome.nextHearingOn) : none,
                },
                {
                  key: t('first-hearing.summary.referral'),
                  value: t(outcome.childProtectionReferralMade ? 'first-hearing.yes' : 'first-hearing.no'),
                },
                { key: t('first-hearing.summary.notes'), value: outcome.notes ?? none },
              ]
            : null,
          values: v,
          heardOnItems: dateItems('heardOn'),
          filingDueOnItems: dateItems('filingDueOn'),
          nextHearingOnItems: dateItems('nextHearingOn'),
          orderItems: PRL_ORDER_TYPES.map((o) => ({
            value: o,
            text: t(`first-hearing.orders.${o}`),
            checked: (v.ordersMade as string[]).includes(o),
          })),
          reportItems: FIRST_HEARING_REPORT_TYPES.map((r) => ({
            value: r,
            text: t(`first-hearing.reportTypes.${r}`),
            checked: v.reportType === r,
          })),
          formToken: newFormToken(),
          errors: extra.errors,
          fieldErrors: extra.fieldErrors,
        },
        audit: [
          {
            action: 'view' as const,
            resourceType: outcome ? 'first-hearing-outcome' : 'case',
            resourceIds: [caseId],
            caseId,
            fieldCategories: ['case-summary' as const, 'hearing' as const],
          },
        ],
      };
    });
  };

  app.get<{ Params: CaseParams }>(
    '/cases/:caseId/first-hearing',
    { config: { policy: { action: 'case:edit', caseParam: 'caseId' } } },
    async (request, reply) => {
      const notice = (request.query as Record<string, unknown> | undefined)?.notice === 'recorded';
      return reply.page(TEMPLATE, await render(request, { notice }));
    },
  );

  app.post<{ Params: CaseParams }>(
    '/cases/:caseId/first-hearing',
    { config: { policy: { action: 'case:edit', caseParam: 'caseId' } } },
    async (request, reply) => {
      const t = request.messages.t;
      const parsed = parseForm(firstHearingSchema(londonDate(request.now)), request.body, t, {
        heardOn: 'heardOn-day',
        filingDueOn: 'filingDueOn-day',
        nextHearingOn: 'nextHearingOn-day',
        outcome: 'outcome',
        ordersMade: 'ordersMade',
        reportType: 'reportType',
        referral: 'referral',
      });
      if (!parsed.ok) {
        return reply.page(TEMPLATE, await render(request, { ...parsed, values: typedValues(request.body) }), {
          status: 400,
        });
      }
      const o = parsed.data;
      const result = await recordFirstHearingOutcome(db(), {
        caseId: request.params.caseId,
        outcome: o,
        actor: actorOf(request),
        now: request.now,
        reportLabel: o.reportType ? t(`first-hearing.reportTypes.${o.reportType}`) : null,
        nextHearingLabel: t('first-hearing.nextHearingLabel'),
      });
      return reply.redirect(result.location, 303);
    },
  );
}
