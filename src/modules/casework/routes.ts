import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AuditActor } from '../../platform/audit/audit.ts';
import { can } from '../../platform/authorisation/policy.ts';
import { londonDate } from '../../platform/calendar/index.ts';
import { readsTogether } from '../../platform/db/database.ts';
import { DomainError } from '../../platform/errors/catalogue.ts';
import { newFormToken } from '../../platform/forms/form-token.ts';
import { fieldError, parseForm, postedText } from '../../platform/forms/validation.ts';
import { isUuid } from '../../platform/http/authorisation-hook.ts';
import { auditActor } from '../../platform/http/context.ts';
import { baselineRoutes } from './baseline.ts';
import { emergencyReviewRoutes } from './emergency-review-routes.ts';
import {
  caseloadQuerySchema,
  detailsSchema,
  emergencyAccessSchema,
  noteSchema,
  pageQuerySchema,
  timelineQuerySchema,
} from './forms.ts';
import { personMatchRoutes } from './person-match-routes.ts';
import {
  addCaseNote,
  changeCaseDetails,
  getCaseSummary,
  getCaseWithPeople,
  grantEmergencyAccess,
  listCaseAccess,
  listCaseload,
  listContactDetails,
  listCourts,
  listOtherCasesForPerson,
  listTimeline,
  readWithAudit,
} from './service.ts';
import { getTransferNotice, transferNoticeQuerySchema } from './transfer.ts';
import { transferRoutes } from './transfer-routes.ts';
import {
  accessLogViewModel,
  caseHeader,
  caseloadViewModel,
  caseOverviewViewModel,
  caseSubNavigation,
  personViewModel,
} from './view-models.ts';

type CaseParams = { caseId: string };

/**
 * Which parts of a date input to mark in error (GOV.UK pattern): the parts that are
 * missing or not numbers, or all three when each part is a number but the date is not real.
 */
function dateErrorParts(fieldErrors: unknown, v: { day: string; month: string; year: string }) {
  if (!(fieldErrors as Record<string, unknown> | undefined)?.firstHearing) return null;
  const bad = (part: string) => !/^\d{1,4}$/.test(part.trim());
  const parts = { day: bad(v.day), month: bad(v.month), year: bad(v.year) };
  return parts.day || parts.month || parts.year ? parts : { day: true, month: true, year: true };
}

/** Other cases listed on a person's page are audited like search results. */
function otherCasesAudit(cases: { id: string }[]) {
  return cases.map((c) => ({
    action: 'search' as const,
    resourceType: 'case',
    resourceIds: [c.id],
    caseId: c.id,
    fieldCategories: ['case-summary' as const],
  }));
}

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
    canSeeConfidential: can(principal, 'case:view-confidential', { kind: 'case', facts }),
    canTransfer: can(principal, 'case:transfer', { kind: 'case', facts }),
  };
}

export async function caseworkRoutes(app: FastifyInstance): Promise<void> {
  const db = () => app.deps.database.db;
  await app.register(emergencyReviewRoutes);
  await app.register(personMatchRoutes);
  await app.register(transferRoutes);
  if (app.deps.config.benchBaseline) await app.register(baselineRoutes);

  app.get('/caseload', { config: { policy: { action: 'caseload:view' } } }, async (request, reply) => {
    const query = caseloadQuerySchema.parse(request.query ?? {});
    const { transferred } = transferNoticeQuerySchema.parse(request.query ?? {});
    const principal = request.principal!;
    const { result, moved } = await readWithAudit(db(), auditActor(request), request.now, async (tx) => {
      const value = await listCaseload(tx, principal, query, request.now);
      // After moving a case out of their sight, the mover is told which case went where.
      const moved = transferred ? await getTransferNotice(tx, transferred, principal.userId) : null;
      return {
        value: { result: value, moved },
        audit: [
          ...value.rows.map((r) => ({
            action: 'search' as const,
            resourceType: 'case',
            resourceIds: [r.id],
            caseId: r.id,
            fieldCategories: ['case-summary' as const, 'child-identity' as const],
          })),
          ...(moved && transferred
            ? [
                {
                  action: 'view' as const,
                  resourceType: 'case-area-change',
                  resourceIds: [transferred],
                  caseId: moved.caseId,
                  fieldCategories: ['case-summary' as const],
                },
              ]
            : []),
        ],
      };
    });
    const m = request.messages;
    return reply.page('casework/views/caseload.njk', {
      ...caseloadViewModel(m, query, result),
      movedNotice: moved
        ? m.t('transfer.movedAway', {
            reference: moved.reference,
            area: m.language === 'cy' ? moved.areaNameCy : moved.areaName,
          })
        : null,
    });
  });

  const renderOverview = async (
    request: FastifyRequest<{ Params: CaseParams }>,
    extra: { status?: number; noteValue?: string; errors?: unknown; fieldErrors?: unknown } = {},
  ) => {
    const caseId = request.params.caseId;
    const { before } = timelineQuerySchema.parse(request.query ?? {});
    const cursor = before ? { occurredAt: before.split('~')[0]!, id: Number(before.split('~')[1]) } : undefined;
    const data = await readWithAudit(db(), auditActor(request), request.now, async (tx) => {
      const [summary, timeline] = await readsTogether(tx, [
        () => getCaseWithPeople(tx, caseId),
        () => listTimeline(tx, caseId, cursor),
      ] as const);
      if (!summary) throw new DomainError('CASE_NOT_FOUND');
      const { children, parties, relationships } = summary;
      return {
        value: { summary, children, parties, relationships, timeline },
        audit: [
          {
            action: 'view' as const,
            resourceType: 'case',
            resourceIds: [caseId],
            caseId,
            fieldCategories: [
              'case-summary' as const,
              'child-identity' as const,
              'party-identity' as const,
              'timeline' as const,
            ],
          },
        ],
      };
    });
    const perms = permissions(request);
    const vm = caseOverviewViewModel(request.messages, {
      ...data,
      today: londonDate(request.now),
      canEdit: perms.canEdit,
      canSeeAccessLog: perms.canSeeAccessLog,
      canTransfer: perms.canTransfer,
      formToken: newFormToken(),
      noteValue: extra.noteValue,
    });
    return { vm: { ...vm, errors: extra.errors, fieldErrors: extra.fieldErrors }, status: extra.status ?? 200 };
  };

  app.get<{ Params: CaseParams }>(
    '/cases/:caseId',
    { config: { policy: { action: 'case:view', caseParam: 'caseId' } } },
    async (request, reply) => {
      const { vm, status } = await renderOverview(request);
      return reply.page('casework/views/case-overview.njk', vm, { status });
    },
  );

  app.post<{ Params: CaseParams }>(
    '/cases/:caseId/notes',
    { config: { policy: { action: 'case:edit', caseParam: 'caseId' } } },
    async (request, reply) => {
      const parsed = parseForm(noteSchema, request.body, request.messages.t);
      if (!parsed.ok) {
        const noteValue = String((request.body as Record<string, unknown>)?.note ?? '').slice(0, 10000);
        const { vm } = await renderOverview(request, {
          noteValue,
          errors: parsed.errors,
          fieldErrors: parsed.fieldErrors,
        });
        return reply.page('casework/views/case-overview.njk', vm, { status: 400 });
      }
      const result = await addCaseNote(db(), {
        caseId: request.params.caseId,
        text: parsed.data.note,
        formToken: parsed.data._formToken,
        actor: actorOf(request),
        now: request.now,
      });
      return reply.redirect(result.location, 303);
    },
  );

  const personRoute =
    (kind: 'child' | 'party') => async (request: FastifyRequest<{ Params: CaseParams & { personRef: string } }>) => {
      const { caseId, personRef } = request.params;
      if (!isUuid(personRef)) throw new DomainError(kind === 'child' ? 'CHILD_NOT_FOUND' : 'PARTY_NOT_FOUND');
      const perms = permissions(request);
      return readWithAudit(db(), auditActor(request), request.now, async (tx) => {
        const summary = await getCaseWithPeople(tx, caseId);
        if (!summary) throw new DomainError('CASE_NOT_FOUND');
        const { children, parties, relationships } = summary;
        const t = request.messages.t;
        const nameOf = (p: { givenNames: string; familyName: string } | undefined) =>
          p ? `${p.givenNames} ${p.familyName}` : '';
        // The person the page is about, and the people on the other side of their relationships.
        const child = kind === 'child' ? children.find((c) => c.id === personRef) : undefined;
        const party = kind === 'party' ? parties.find((p) => p.id === personRef) : undefined;
        const subject = child ?? party;
        if (!subject) throw new DomainError(kind === 'child' ? 'CHILD_NOT_FOUND' : 'PARTY_NOT_FOUND');
        const related = relationships
          .filter((r) => (child ? r.childId === child.id : r.partyId === subject.id))
          .map((r) => ({
            ...(child
              ? { name: nameOf(parties.find((p) => p.id === r.partyId)), href: `/cases/${caseId}/parties/${r.partyId}` }
              : {
                  name: nameOf(children.find((c) => c.id === r.childId)),
                  href: `/cases/${caseId}/children/${r.childId}`,
                }),
            relationship: t(`relationship.kinds.${r.relationship}`),
          }));
        const contacts = await listContactDetails(tx, caseId, subject.personId);
        const otherCases = await listOtherCasesForPerson(tx, request.principal!, subject.personId, caseId, request.now);
        const hasConfidential = contacts.some((c) => c.confidential);
        return {
          value: personViewModel(request.messages, {
            summary,
            kind,
            person: party ? { ...party, role: party.partyRole } : child!,
            relationships: related,
            contacts,
            otherCases,
            today: londonDate(request.now),
            canSeeAccessLog: perms.canSeeAccessLog,
          }),
          audit: [
            {
              action: 'view' as const,
              resourceType: kind,
              resourceIds: [subject.id, subject.personId],
              caseId,
              fieldCategories: [
                kind === 'child' ? ('child-identity' as const) : ('party-identity' as const),
                'contact-details' as const,
                ...(hasConfidential && perms.canSeeConfidential ? (['confidential-contact'] as const) : []),
              ],
            },
            ...otherCasesAudit(otherCases),
          ],
        };
      });
    };

  app.get<{ Params: CaseParams & { personRef: string } }>(
    '/cases/:caseId/children/:personRef',
    { config: { policy: { action: 'case:view', caseParam: 'caseId' } } },
    async (request, reply) => reply.page('casework/views/person.njk', await personRoute('child')(request)),
  );

  app.get<{ Params: CaseParams & { personRef: string } }>(
    '/cases/:caseId/parties/:personRef',
    { config: { policy: { action: 'case:view', caseParam: 'caseId' } } },
    async (request, reply) => reply.page('casework/views/person.njk', await personRoute('party')(request)),
  );

  app.get<{ Params: CaseParams }>(
    '/cases/:caseId/access-log',
    { config: { policy: { action: 'case:view-access-log', caseParam: 'caseId' } } },
    async (request, reply) => {
      const { page } = pageQuerySchema.parse(request.query ?? {});
      const caseId = request.params.caseId;
      const vm = await readWithAudit(db(), auditActor(request), request.now, async (tx) => {
        const summary = await getCaseSummary(tx, caseId);
        if (!summary) throw new DomainError('CASE_NOT_FOUND');
        const result = await listCaseAccess(tx, caseId, page);
        return {
          value: accessLogViewModel(request.messages, { summary, page, result }),
          audit: [
            {
              action: 'view' as const,
              resourceType: 'access-log',
              resourceIds: [caseId],
              caseId,
              fieldCategories: ['access-log' as const],
            },
          ],
        };
      });
      return reply.page('casework/views/access-log.njk', vm);
    },
  );

  const detailsPage = async (
    request: FastifyRequest<{ Params: CaseParams }>,
    values: {
      language: string;
      courtId: string | null;
      day: string;
      month: string;
      year: string;
      version: number;
    } | null,
    extra: Record<string, unknown> = {},
  ) => {
    const caseId = request.params.caseId;
    const m = request.messages;
    const perms = permissions(request);
    return readWithAudit(db(), auditActor(request), request.now, async (tx) => {
      const summary = await getCaseSummary(tx, caseId);
      if (!summary) throw new DomainError('CASE_NOT_FOUND');
      const courts = await listCourts(tx);
      const [year, month, day] = (summary.firstHearingOn ?? '--').split('-');
      const v = values ?? {
        language: summary.language,
        courtId: summary.courtId,
        day: day ? String(Number(day)) : '',
        month: month ? String(Number(month)) : '',
        year: year ?? '',
        version: summary.version,
      };
      return {
        value: {
          pageTitle: m.t('details.title'),
          caseId,
          header: caseHeader(m, summary),
          subNavigation: caseSubNavigation(m, caseId, 'details', perms.canSeeAccessLog),
          values: v,
          dateErrorParts: 'fieldErrors' in extra ? dateErrorParts(extra.fieldErrors, v) : null,
          courtItems: [
            { value: '', text: m.t('details.noCourt'), selected: !v.courtId },
            ...courts.map((c) => ({
              value: c.id,
              text: m.language === 'cy' && c.nameCy ? c.nameCy : c.name,
              selected: c.id === v.courtId,
            })),
          ],
          ...extra,
        },
        audit: [
          {
            action: 'view' as const,
            resourceType: 'case',
            resourceIds: [caseId],
            caseId,
            fieldCategories: ['case-summary' as const],
          },
        ],
      };
    });
  };

  app.get<{ Params: CaseParams }>(
    '/cases/:caseId/details',
    { config: { policy: { action: 'case:edit', caseParam: 'caseId' } } },
    async (request, reply) => reply.page('casework/views/case-details.njk', await detailsPage(request, null)),
  );

  app.post<{ Params: CaseParams }>(
    '/cases/:caseId/details',
    { config: { policy: { action: 'case:edit', caseParam: 'caseId' } } },
    async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const str = (k: string) => postedText(body, k, 200);
      const typed = {
        language: str('language'),
        courtId: str('courtId') || null,
        day: str('firstHearing-day'),
        month: str('firstHearing-month'),
        year: str('firstHearing-year'),
        version: Number(str('version')) || 0,
      };
      const parsed = parseForm(detailsSchema, body, request.messages.t, { firstHearing: 'firstHearing-day' });
      if (!parsed.ok) {
        return reply.page('casework/views/case-details.njk', await detailsPage(request, typed, parsed), {
          status: 400,
        });
      }
      const courts = await listCourts(db());
      if (parsed.data.courtId && !courts.some((c) => c.id === parsed.data.courtId)) {
        return reply.page(
          'casework/views/case-details.njk',
          await detailsPage(request, typed, fieldError('courtId', request.messages.t('errors.details.courtUnknown'))),
          { status: 400 },
        );
      }
      try {
        await changeCaseDetails(db(), {
          caseId: request.params.caseId,
          version: parsed.data.version,
          change: {
            language: parsed.data.language,
            firstHearingOn: parsed.data.firstHearingOn,
            courtId: parsed.data.courtId,
          },
          actor: actorOf(request),
          now: request.now,
        });
      } catch (error) {
        if (error instanceof DomainError && error.code === 'STALE_VERSION') {
          // Show the current values, and say what happened: nothing was saved.
          const stale = fieldError('language', request.messages.t('errors.STALE_VERSION'));
          return reply.page('casework/views/case-details.njk', await detailsPage(request, null, stale), {
            status: 409,
          });
        }
        throw error;
      }
      return reply.redirect(`/cases/${request.params.caseId}?notice=details-saved`, 303);
    },
  );

  app.get<{ Params: CaseParams }>(
    '/cases/:caseId/emergency-access',
    { config: { policy: { action: 'case:emergency-access', caseParam: 'caseId' } } },
    async (request, reply) =>
      reply.page('casework/views/emergency-access.njk', {
        pageTitle: request.messages.t('emergency.title'),
        caseId: request.params.caseId,
        values: { reason: '' },
      }),
  );

  app.post<{ Params: CaseParams }>(
    '/cases/:caseId/emergency-access',
    { config: { policy: { action: 'case:emergency-access', caseParam: 'caseId' } } },
    async (request, reply) => {
      const parsed = parseForm(emergencyAccessSchema, request.body, request.messages.t);
      if (!parsed.ok) {
        const reason = String((request.body as Record<string, unknown>)?.reason ?? '').slice(0, 2000);
        return reply.page(
          'casework/views/emergency-access.njk',
          {
            pageTitle: request.messages.t('emergency.title'),
            caseId: request.params.caseId,
            values: { reason },
            ...parsed,
          },
          { status: 400 },
        );
      }
      await grantEmergencyAccess(db(), {
        caseId: request.params.caseId,
        reason: parsed.data.reason,
        actor: actorOf(request),
        now: request.now,
      });
      return reply.redirect(`/cases/${request.params.caseId}?notice=emergency-access-granted`, 303);
    },
  );
}
