import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AuditActor } from '../../platform/audit/audit.ts';
import { createCalendar, londonDate } from '../../platform/calendar/index.ts';
import { DomainError } from '../../platform/errors/catalogue.ts';
import { parseForm } from '../../platform/forms/validation.ts';
import { isUuid } from '../../platform/http/authorisation-hook.ts';
import { auditActor } from '../../platform/http/context.ts';
import type { Messages } from '../../platform/i18n/i18n.ts';
import { letterDueOn } from '../safeguarding/service.ts';
import { checkAnswersSections, draftProblems, firstIncompleteStep } from './manual/check-answers.ts';
import {
  createDraft,
  DRAFTS_PAGE_SIZE,
  deleteDraft,
  getDraft,
  listAreaOptions,
  listCourtOptions,
  listDrafts,
  saveDraft,
} from './manual/draft-store.ts';
import {
  adultSchema,
  allegationsSchema,
  childSchema,
  courtSchema,
  DATE_ANCHORS,
  type DateParts,
  dateParts,
  formMetaSchema,
  languageSchema,
  ordersSchema,
  partsFromIso,
  relationshipField,
  relationshipsSchema,
} from './manual/schemas.ts';
import { matchPeopleOfNewCase, submitDraft } from './manual/submit.ts';
import {
  ADULT_ROLES,
  ALLEGATIONS,
  type Draft,
  type DraftAdult,
  type DraftChild,
  type DraftData,
  GENDERS,
  ORDERS,
  RELATIONSHIPS,
  STEPS,
  type Step,
} from './manual/types.ts';

type DraftParams = { draftId: string };
type Body = Record<string, unknown>;
type Errors = { errors?: unknown; fieldErrors?: Record<string, { text: string }> };

const calendar = createCalendar();
const POLICY = { config: { policy: { action: 'intake:create' as const } } };

function actorOf(request: FastifyRequest): AuditActor & { userId: string } {
  const actor = auditActor(request);
  if (!actor.userId) throw new DomainError('NOT_SIGNED_IN');
  return { ...actor, userId: actor.userId };
}

const str = (body: Body, key: string, max = 200) =>
  typeof body[key] === 'string' ? (body[key] as string).slice(0, max) : '';
const strs = (body: Body, key: string) => {
  const v = body[key];
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string');
};

const homeQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(10000).catch(1),
  notice: z.enum(['saved', 'deleted']).optional().catch(undefined),
});
const changeQuerySchema = z.object({ change: z.enum(['1']).optional().catch(undefined) });

const nextStep = (step: Step): string => {
  const i = STEPS.indexOf(step);
  return i + 1 < STEPS.length ? STEPS[i + 1]! : 'check-answers';
};

/** A date input's items with their values, every part marked when the date is in error. */
function dateItems(m: Messages, parts: DateParts, error: boolean) {
  const cls = (w: string) => `govuk-input--width-${w}${error ? ' govuk-input--error' : ''}`;
  return [
    { name: 'day', label: m.t('date.day'), classes: cls('2'), value: parts.day },
    { name: 'month', label: m.t('date.month'), classes: cls('2'), value: parts.month },
    { name: 'year', label: m.t('date.year'), classes: cls('4'), value: parts.year },
  ];
}

export async function manualIntakeRoutes(app: FastifyInstance): Promise<void> {
  const db = () => app.deps.database.db;

  async function loadDraft(request: FastifyRequest<{ Params: DraftParams }>): Promise<Draft> {
    const { draftId } = request.params;
    if (!isUuid(draftId)) throw new DomainError('DRAFT_NOT_FOUND');
    const draft = await getDraft(db(), draftId, request.principal!.userId);
    if (!draft) throw new DomainError('DRAFT_NOT_FOUND');
    return draft;
  }

  /** Render one question page of a draft. */
  function page(
    reply: FastifyReply,
    request: FastifyRequest,
    draft: Draft,
    template: string,
    vm: Record<string, unknown>,
    extra: Errors & { status?: number; back?: string | null; change?: boolean } = {},
  ) {
    const base = `/intake/drafts/${draft.id}`;
    const change = extra.change ?? changeQuerySchema.parse(request.query ?? {}).change === '1';
    return reply.page(
      `intake/views/manual-${template}.njk`,
      {
        draftId: draft.id,
        base,
        version: draft.version,
        change,
        backHref: change ? `${base}/check-answers` : extra.back === undefined ? '/intake' : (extra.back ?? '/intake'),
        errors: extra.errors,
        fieldErrors: extra.fieldErrors ?? {},
        ...vm,
      },
      { status: extra.status ?? 200 },
    );
  }

  const staleError = (m: Messages, field: string): Errors => {
    const text = m.t('intake.errors.stale');
    return { errors: [{ field, text, href: `#${field}` }], fieldErrors: { [field]: { text } } };
  };

  /**
   * Save a page's answers and go on: to the next page, back to check answers when
   * changing an answer, or to the intake home for "Save and come back later".
   * A stale version re-renders the page with the saved answers and says so.
   */
  async function saveAndGo(
    request: FastifyRequest<{ Params: DraftParams }>,
    reply: FastifyReply,
    draft: Draft,
    update: (data: DraftData) => DraftData,
    next: string,
    onStale: (current: Draft) => unknown,
  ) {
    const meta = formMetaSchema.parse(request.body ?? {});
    try {
      await saveDraft(db(), {
        draftId: draft.id,
        version: meta.version,
        update,
        actor: actorOf(request),
        now: request.now,
      });
    } catch (error) {
      if (error instanceof DomainError && error.code === 'STALE_VERSION') {
        return onStale(await loadDraft(request));
      }
      throw error;
    }
    const base = `/intake/drafts/${draft.id}`;
    if (meta.action === 'save') return reply.redirect('/intake?notice=saved', 303);
    if (meta.change) return reply.redirect(`${base}/check-answers`, 303);
    return reply.redirect(`${base}/${next}`, 303);
  }

  const submitted = (reply: FastifyReply, draft: Draft) =>
    draft.submittedCaseId ? reply.redirect(`/cases/${draft.submittedCaseId}`, 303) : null;

  // ——— Intake home: start an application, my drafts ———

  app.get('/intake', POLICY, async (request, reply) => {
    const m = request.messages;
    const { page: pageNo, notice } = homeQuerySchema.parse(request.query ?? {});
    const { rows, total } = await listDrafts(db(), request.principal!.userId, pageNo);
    const pages = Math.max(1, Math.ceil(total / DRAFTS_PAGE_SIZE));
    return reply.page('intake/views/intake-home.njk', {
      pageTitle: m.t('intake.home.title'),
      notice: notice ? m.t(`intake.notices.${notice}`) : null,
      total,
      drafts: rows.map((r) => ({
        id: r.id,
        updated: m.formatDateTime(r.updatedAt),
        started: m.formatDate(r.createdAt),
        children: r.childNames.filter(Boolean).join(', ') || m.t('intake.home.noChildrenYet'),
        continueHref: `/intake/drafts/${r.id}`,
        deleteHref: `/intake/drafts/${r.id}/delete`,
      })),
      pagination: {
        previous: pageNo > 1 ? { href: `/intake?page=${pageNo - 1}` } : undefined,
        next: pageNo < pages ? { href: `/intake?page=${pageNo + 1}` } : undefined,
      },
    });
  });

  app.post('/intake/drafts', POLICY, async (request, reply) => {
    const id = await createDraft(db(), actorOf(request), request.now);
    return reply.redirect(`/intake/drafts/${id}/court`, 303);
  });

  app.get<{ Params: DraftParams }>('/intake/drafts/:draftId', POLICY, async (request, reply) => {
    const draft = await loadDraft(request);
    const done = submitted(reply, draft);
    if (done) return done;
    const step = firstIncompleteStep(draft.data);
    return reply.redirect(`/intake/drafts/${draft.id}/${step ?? 'check-answers'}`, 303);
  });

  // ——— Court and dates ———

  const courtPage = async (
    request: FastifyRequest<{ Params: DraftParams }>,
    reply: FastifyReply,
    draft: Draft,
    values: { courtId: string; areaId: string; dates: Record<string, DateParts> } | null,
    extra: Errors & { status?: number } = {},
  ) => {
    const m = request.messages;
    const [courts, areas] = await Promise.all([listCourtOptions(db()), listAreaOptions(db())]);
    const c = draft.data.court;
    const v = values ?? {
      courtId: c?.courtId ?? '',
      areaId: c?.areaId ?? '',
      dates: {
        receivedOn: partsFromIso(c?.receivedOn),
        firstHearingOn: partsFromIso(c?.firstHearingOn),
        letterDueOn: partsFromIso(c?.letterDueOn),
      },
    };
    const defaultLetter = c?.firstHearingOn ? letterDueOn(calendar, null, c.firstHearingOn) : null;
    const fe = extra.fieldErrors ?? {};
    return page(
      reply,
      request,
      draft,
      'court',
      {
        pageTitle: m.t('intake.court.title'),
        courtItems: [
          { value: '', text: m.t('intake.court.chooseCourt'), selected: !v.courtId },
          ...courts.map((x) => ({
            value: x.id,
            text: m.language === 'cy' && x.nameCy ? x.nameCy : x.name,
            selected: x.id === v.courtId,
          })),
        ],
        areaItems: [
          { value: '', text: m.t('intake.court.courtArea'), selected: !v.areaId },
          ...areas.map((a) => ({
            value: a.id,
            text: m.language === 'cy' ? a.nameCy : a.name,
            selected: a.id === v.areaId,
          })),
        ],
        receivedItems: dateItems(m, v.dates.receivedOn!, Boolean(fe.receivedOn)),
        hearingItems: dateItems(m, v.dates.firstHearingOn!, Boolean(fe.firstHearingOn)),
        letterItems: dateItems(m, v.dates.letterDueOn!, Boolean(fe.letterDueOn)),
        letterHint: defaultLetter
          ? m.t('intake.court.letterDueOnHintDefault', { date: m.formatDate(defaultLetter) })
          : m.t('intake.court.letterDueOnHint'),
      },
      { ...extra, back: '/intake' },
    );
  };

  app.get<{ Params: DraftParams }>('/intake/drafts/:draftId/court', POLICY, async (request, reply) => {
    const draft = await loadDraft(request);
    return submitted(reply, draft) ?? courtPage(request, reply, draft, null);
  });

  app.post<{ Params: DraftParams }>('/intake/drafts/:draftId/court', POLICY, async (request, reply) => {
    const draft = await loadDraft(request);
    const done = submitted(reply, draft);
    if (done) return done;
    const body = (request.body ?? {}) as Body;
    const [courts, areas] = await Promise.all([listCourtOptions(db()), listAreaOptions(db())]);
    const parsed = parseForm(
      courtSchema(
        londonDate(request.now),
        new Map(courts.map((c) => [c.id, c.areaId])),
        new Set(areas.map((a) => a.id)),
      ),
      body,
      request.messages.t,
      DATE_ANCHORS,
    );
    const typed = {
      courtId: str(body, 'courtId', 120),
      areaId: str(body, 'areaId', 120),
      dates: {
        receivedOn: dateParts(body, 'receivedOn'),
        firstHearingOn: dateParts(body, 'firstHearingOn'),
        letterDueOn: dateParts(body, 'letterDueOn'),
      },
    };
    if (!parsed.ok) return courtPage(request, reply, draft, typed, { ...parsed, status: 400 });
    return saveAndGo(
      request,
      reply,
      draft,
      (d) => ({ ...d, court: parsed.data }),
      nextStep('court'),
      (current) =>
        courtPage(request, reply, current, null, { ...staleError(request.messages, 'courtId'), status: 409 }),
    );
  });

  // ——— Orders applied for ———

  const ordersPage = (
    request: FastifyRequest<{ Params: DraftParams }>,
    reply: FastifyReply,
    draft: Draft,
    selected: string[] | null,
    extra: Errors & { status?: number } = {},
  ) => {
    const m = request.messages;
    const chosen = selected ?? draft.data.orders ?? [];
    return page(
      reply,
      request,
      draft,
      'orders',
      {
        pageTitle: m.t('intake.orders.title'),
        items: ORDERS.map((o) => ({ value: o, text: m.t(`intake.orders.kinds.${o}`), checked: chosen.includes(o) })),
      },
      { ...extra, back: `/intake/drafts/${draft.id}/court` },
    );
  };

  app.get<{ Params: DraftParams }>('/intake/drafts/:draftId/orders', POLICY, async (request, reply) => {
    const draft = await loadDraft(request);
    return submitted(reply, draft) ?? ordersPage(request, reply, draft, null);
  });

  app.post<{ Params: DraftParams }>('/intake/drafts/:draftId/orders', POLICY, async (request, reply) => {
    const draft = await loadDraft(request);
    const done = submitted(reply, draft);
    if (done) return done;
    const body = (request.body ?? {}) as Body;
    const parsed = parseForm(ordersSchema, body, request.messages.t, DATE_ANCHORS);
    if (!parsed.ok) return ordersPage(request, reply, draft, strs(body, 'orders'), { ...parsed, status: 400 });
    return saveAndGo(
      request,
      reply,
      draft,
      (d) => ({ ...d, orders: parsed.data }),
      nextStep('orders'),
      (current) =>
        ordersPage(request, reply, current, null, { ...staleError(request.messages, 'orders'), status: 409 }),
    );
  });

  // ——— Children: a list, and a page per child (add another) ———

  const childrenPage = (
    request: FastifyRequest<{ Params: DraftParams }>,
    reply: FastifyReply,
    draft: Draft,
    extra: Errors & { status?: number } = {},
  ) => {
    const m = request.messages;
    const base = `/intake/drafts/${draft.id}`;
    return page(
      reply,
      request,
      draft,
      'children',
      {
        pageTitle: m.t('intake.children.title'),
        children: (draft.data.children ?? []).map((c) => ({
          id: c.id,
          name: `${c.givenNames} ${c.familyName}`,
          details: `${m.formatDate(c.dateOfBirth)}, ${m.t(`gender.${c.gender}`)}`,
          changeHref: `${base}/children/${c.id}`,
          removeAction: `${base}/children/${c.id}/remove`,
        })),
        addHref: `${base}/children/new`,
      },
      { ...extra, back: `${base}/orders` },
    );
  };

  app.get<{ Params: DraftParams }>('/intake/drafts/:draftId/children', POLICY, async (request, reply) => {
    const draft = await loadDraft(request);
    return submitted(reply, draft) ?? childrenPage(request, reply, draft);
  });

  app.post<{ Params: DraftParams }>('/intake/drafts/:draftId/children', POLICY, async (request, reply) => {
    const draft = await loadDraft(request);
    const done = submitted(reply, draft);
    if (done) return done;
    const meta = formMetaSchema.parse(request.body ?? {});
    if (meta.action === 'save') return reply.redirect('/intake?notice=saved', 303);
    if ((draft.data.children ?? []).length === 0) {
      const text = request.messages.t('intake.errors.children.required');
      return childrenPage(request, reply, draft, {
        errors: [{ field: 'add-child', text, href: '#add-child' }],
        fieldErrors: { 'add-child': { text } },
        status: 400,
      });
    }
    return reply.redirect(`/intake/drafts/${draft.id}/${meta.change ? 'check-answers' : nextStep('children')}`, 303);
  });

  type ChildParams = DraftParams & { childId: string };
  const childValues = (c: Partial<DraftChild> | undefined) => ({
    givenNames: c?.givenNames ?? '',
    familyName: c?.familyName ?? '',
    gender: c?.gender ?? '',
    dateOfBirth: partsFromIso(c?.dateOfBirth),
  });
  const childPage = (
    request: FastifyRequest<{ Params: ChildParams }>,
    reply: FastifyReply,
    draft: Draft,
    values: ReturnType<typeof childValues>,
    extra: Errors & { status?: number } = {},
  ) => {
    const m = request.messages;
    const isNew = request.params.childId === 'new';
    return page(
      reply,
      request,
      draft,
      'child',
      {
        pageTitle: m.t(isNew ? 'intake.child.titleAdd' : 'intake.child.titleChange'),
        action: `/intake/drafts/${draft.id}/children/${request.params.childId}`,
        values,
        dobItems: dateItems(m, values.dateOfBirth, Boolean(extra.fieldErrors?.dateOfBirth)),
        genderItems: GENDERS.map((g) => ({ value: g, text: m.t(`gender.${g}`), checked: values.gender === g })),
      },
      { ...extra, back: `/intake/drafts/${draft.id}/children` },
    );
  };
  const findChild = (draft: Draft, childId: string) => {
    if (childId === 'new') return undefined;
    const child = (draft.data.children ?? []).find((c) => c.id === childId);
    if (!child) throw new DomainError('CHILD_NOT_FOUND');
    return child;
  };

  app.get<{ Params: ChildParams }>('/intake/drafts/:draftId/children/:childId', POLICY, async (request, reply) => {
    const draft = await loadDraft(request);
    return (
      submitted(reply, draft) ?? childPage(request, reply, draft, childValues(findChild(draft, request.params.childId)))
    );
  });

  app.post<{ Params: ChildParams }>('/intake/drafts/:draftId/children/:childId', POLICY, async (request, reply) => {
    const draft = await loadDraft(request);
    const done = submitted(reply, draft);
    if (done) return done;
    const existing = findChild(draft, request.params.childId);
    const body = (request.body ?? {}) as Body;
    const parsed = parseForm(childSchema(londonDate(request.now)), body, request.messages.t, DATE_ANCHORS);
    if (!parsed.ok) {
      const typed = {
        givenNames: str(body, 'givenNames', 100),
        familyName: str(body, 'familyName', 100),
        gender: str(body, 'gender', 20),
        dateOfBirth: dateParts(body, 'dateOfBirth'),
      };
      return childPage(request, reply, draft, typed, { ...parsed, status: 400 });
    }
    const id = existing?.id ?? randomUUID();
    const update = (d: DraftData): DraftData => {
      const children = [...(d.children ?? [])];
      const i = children.findIndex((c) => c.id === id);
      const child = { id, ...parsed.data };
      if (i >= 0) children[i] = child;
      else children.push(child);
      return { ...d, children };
    };
    return saveAndGo(request, reply, draft, update, 'children', (current) =>
      childPage(request, reply, current, childValues(existing ? findChild(current, existing.id) : undefined), {
        ...staleError(request.messages, 'givenNames'),
        status: 409,
      }),
    );
  });

  app.post<{ Params: ChildParams }>(
    '/intake/drafts/:draftId/children/:childId/remove',
    POLICY,
    async (request, reply) => {
      const draft = await loadDraft(request);
      const done = submitted(reply, draft);
      if (done) return done;
      const child = findChild(draft, request.params.childId);
      if (!child) throw new DomainError('CHILD_NOT_FOUND');
      const update = (d: DraftData): DraftData => ({
        ...d,
        children: (d.children ?? []).filter((c) => c.id !== child.id),
        relationships: Object.fromEntries(
          Object.entries(d.relationships ?? {}).map(([a, r]) => [
            a,
            Object.fromEntries(Object.entries(r).filter(([c]) => c !== child.id)),
          ]),
        ),
      });
      return saveAndGo(request, reply, draft, update, 'children', (current) =>
        childrenPage(request, reply, current, { ...staleError(request.messages, 'add-child'), status: 409 }),
      );
    },
  );

  // ——— Adults ———

  const adultsPage = (
    request: FastifyRequest<{ Params: DraftParams }>,
    reply: FastifyReply,
    draft: Draft,
    extra: Errors & { status?: number } = {},
  ) => {
    const m = request.messages;
    const base = `/intake/drafts/${draft.id}`;
    return page(
      reply,
      request,
      draft,
      'adults',
      {
        pageTitle: m.t('intake.adults.title'),
        adults: (draft.data.adults ?? []).map((a) => ({
          id: a.id,
          name: `${a.givenNames} ${a.familyName}`,
          role: m.t(`partyRole.${a.role}`),
          confidential: a.confidential,
          refuge: a.refuge,
          changeHref: `${base}/adults/${a.id}`,
          removeAction: `${base}/adults/${a.id}/remove`,
        })),
        addHref: `${base}/adults/new`,
      },
      { ...extra, back: `${base}/children` },
    );
  };

  app.get<{ Params: DraftParams }>('/intake/drafts/:draftId/adults', POLICY, async (request, reply) => {
    const draft = await loadDraft(request);
    return submitted(reply, draft) ?? adultsPage(request, reply, draft);
  });

  app.post<{ Params: DraftParams }>('/intake/drafts/:draftId/adults', POLICY, async (request, reply) => {
    const draft = await loadDraft(request);
    const done = submitted(reply, draft);
    if (done) return done;
    const meta = formMetaSchema.parse(request.body ?? {});
    if (meta.action === 'save') return reply.redirect('/intake?notice=saved', 303);
    const adults = draft.data.adults ?? [];
    const t = request.messages.t;
    const problems = [
      ...(adults.some((a) => a.role === 'applicant') ? [] : [t('intake.errors.adults.applicantRequired')]),
      ...(adults.some((a) => a.role === 'respondent') ? [] : [t('intake.errors.adults.respondentRequired')]),
    ];
    if (problems.length > 0) {
      return adultsPage(request, reply, draft, {
        errors: problems.map((text) => ({ field: 'add-adult', text, href: '#add-adult' })),
        fieldErrors: { 'add-adult': { text: problems.join('. ') } },
        status: 400,
      });
    }
    return reply.redirect(`/intake/drafts/${draft.id}/${meta.change ? 'check-answers' : nextStep('adults')}`, 303);
  });

  type AdultParams = DraftParams & { adultId: string };
  const adultValues = (a: Partial<DraftAdult> | undefined) => ({
    role: a?.role ?? '',
    givenNames: a?.givenNames ?? '',
    familyName: a?.familyName ?? '',
    dateOfBirth: partsFromIso(a?.dateOfBirth),
    dateOfBirthUnknown: a?.id !== undefined && a.dateOfBirth === null,
    addressLine1: a?.addressLines?.[0] ?? '',
    addressLine2: a?.addressLines?.[1] ?? '',
    town: a?.addressLines?.[2] ?? '',
    postcode: a?.postcode ?? '',
    phone: a?.phone ?? '',
    email: a?.email ?? '',
    confidential: a?.id === undefined ? '' : a.confidential ? 'yes' : 'no',
    refuge: a?.id === undefined ? '' : a.refuge ? 'yes' : 'no',
    languagePreference: a?.languagePreference ?? '',
    interpreterLanguage: a?.interpreterLanguage ?? '',
  });
  const adultPage = (
    request: FastifyRequest<{ Params: AdultParams }>,
    reply: FastifyReply,
    draft: Draft,
    values: ReturnType<typeof adultValues>,
    extra: Errors & { status?: number } = {},
  ) => {
    const m = request.messages;
    const isNew = request.params.adultId === 'new';
    const yesNo = (name: 'confidential' | 'refuge') => [
      { value: 'yes', text: m.t('intake.check.yes'), checked: values[name] === 'yes' },
      { value: 'no', text: m.t('intake.check.no'), checked: values[name] === 'no' },
    ];
    return page(
      reply,
      request,
      draft,
      'adult',
      {
        pageTitle: m.t(isNew ? 'intake.adult.titleAdd' : 'intake.adult.titleChange'),
        action: `/intake/drafts/${draft.id}/adults/${request.params.adultId}`,
        values,
        roleItems: ADULT_ROLES.map((r) => ({ value: r, text: m.t(`partyRole.${r}`), checked: values.role === r })),
        dobItems: dateItems(m, values.dateOfBirth, Boolean(extra.fieldErrors?.dateOfBirth)),
        confidentialItems: yesNo('confidential'),
        refugeItems: yesNo('refuge'),
        languageItems: (['en', 'cy'] as const).map((l) => ({
          value: l,
          text: m.t(`languages.${l}`),
          checked: values.languagePreference === l,
        })),
      },
      { ...extra, back: `/intake/drafts/${draft.id}/adults` },
    );
  };
  const findAdult = (draft: Draft, adultId: string) => {
    if (adultId === 'new') return undefined;
    const adult = (draft.data.adults ?? []).find((a) => a.id === adultId);
    if (!adult) throw new DomainError('PARTY_NOT_FOUND');
    return adult;
  };

  app.get<{ Params: AdultParams }>('/intake/drafts/:draftId/adults/:adultId', POLICY, async (request, reply) => {
    const draft = await loadDraft(request);
    return (
      submitted(reply, draft) ?? adultPage(request, reply, draft, adultValues(findAdult(draft, request.params.adultId)))
    );
  });

  app.post<{ Params: AdultParams }>('/intake/drafts/:draftId/adults/:adultId', POLICY, async (request, reply) => {
    const draft = await loadDraft(request);
    const done = submitted(reply, draft);
    if (done) return done;
    const existing = findAdult(draft, request.params.adultId);
    const body = (request.body ?? {}) as Body;
    const parsed = parseForm(adultSchema(londonDate(request.now)), body, request.messages.t, DATE_ANCHORS);
    if (!parsed.ok) {
      const typed = {
        role: str(body, 'role', 20),
        givenNames: str(body, 'givenNames', 100),
        familyName: str(body, 'familyName', 100),
        dateOfBirth: dateParts(body, 'dateOfBirth'),
        dateOfBirthUnknown: str(body, 'dateOfBirthUnknown', 3) === 'yes',
        addressLine1: str(body, 'addressLine1'),
        addressLine2: str(body, 'addressLine2'),
        town: str(body, 'town', 100),
        postcode: str(body, 'postcode', 10),
        phone: str(body, 'phone', 25),
        email: str(body, 'email'),
        confidential: str(body, 'confidential', 3),
        refuge: str(body, 'refuge', 3),
        languagePreference: str(body, 'languagePreference', 2),
        interpreterLanguage: str(body, 'interpreterLanguage', 60),
      };
      return adultPage(request, reply, draft, typed, { ...parsed, status: 400 });
    }
    const id = existing?.id ?? randomUUID();
    const update = (d: DraftData): DraftData => {
      const adults = [...(d.adults ?? [])];
      const i = adults.findIndex((a) => a.id === id);
      const adult = { id, ...parsed.data };
      if (i >= 0) adults[i] = adult;
      else adults.push(adult);
      return { ...d, adults };
    };
    return saveAndGo(request, reply, draft, update, 'adults', (current) =>
      adultPage(request, reply, current, adultValues(existing ? findAdult(current, existing.id) : undefined), {
        ...staleError(request.messages, 'role'),
        status: 409,
      }),
    );
  });

  app.post<{ Params: AdultParams }>(
    '/intake/drafts/:draftId/adults/:adultId/remove',
    POLICY,
    async (request, reply) => {
      const draft = await loadDraft(request);
      const done = submitted(reply, draft);
      if (done) return done;
      const adult = findAdult(draft, request.params.adultId);
      if (!adult) throw new DomainError('PARTY_NOT_FOUND');
      const update = (d: DraftData): DraftData => {
        const relationships = { ...(d.relationships ?? {}) };
        delete relationships[adult.id];
        return { ...d, adults: (d.adults ?? []).filter((a) => a.id !== adult.id), relationships };
      };
      return saveAndGo(request, reply, draft, update, 'adults', (current) =>
        adultsPage(request, reply, current, { ...staleError(request.messages, 'add-adult'), status: 409 }),
      );
    },
  );

  // ——— Relationships: each adult × child ———

  const relationshipsPage = (
    request: FastifyRequest<{ Params: DraftParams }>,
    reply: FastifyReply,
    draft: Draft,
    chosen: Record<string, string> | null,
    extra: Errors & { status?: number } = {},
  ) => {
    const m = request.messages;
    const data = draft.data;
    const children = data.children ?? [];
    const adults = data.adults ?? [];
    return page(
      reply,
      request,
      draft,
      'relationships',
      {
        pageTitle: m.t('intake.relationships.title'),
        ready: children.length > 0 && adults.length > 0,
        childrenHref: `/intake/drafts/${draft.id}/children`,
        adultsHref: `/intake/drafts/${draft.id}/adults`,
        adults: adults.map((a) => ({
          name: `${a.givenNames} ${a.familyName}`,
          role: m.t(`partyRole.${a.role}`),
          selects: children.map((c) => {
            const field = relationshipField(a.id, c.id);
            const value = chosen ? (chosen[field] ?? '') : (data.relationships?.[a.id]?.[c.id] ?? '');
            return {
              id: field,
              name: field,
              label: m.t('intake.relationships.question', {
                adult: a.givenNames,
                child: `${c.givenNames} ${c.familyName}`,
              }),
              items: [
                { value: '', text: m.t('intake.relationships.choose'), selected: !value },
                ...RELATIONSHIPS.map((r) => ({
                  value: r,
                  text: r === 'none' ? m.t('intake.relationships.none') : m.t(`relationship.kinds.${r}`),
                  selected: value === r,
                })),
              ],
              errorMessage: extra.fieldErrors?.[field],
            };
          }),
        })),
      },
      { ...extra, back: `/intake/drafts/${draft.id}/adults` },
    );
  };

  app.get<{ Params: DraftParams }>('/intake/drafts/:draftId/relationships', POLICY, async (request, reply) => {
    const draft = await loadDraft(request);
    return submitted(reply, draft) ?? relationshipsPage(request, reply, draft, null);
  });

  app.post<{ Params: DraftParams }>('/intake/drafts/:draftId/relationships', POLICY, async (request, reply) => {
    const draft = await loadDraft(request);
    const done = submitted(reply, draft);
    if (done) return done;
    const body = (request.body ?? {}) as Body;
    const t = request.messages.t;
    if (!(draft.data.children ?? []).length || !(draft.data.adults ?? []).length) {
      const text = t('intake.errors.relationship.nobody');
      return relationshipsPage(request, reply, draft, null, {
        errors: [{ field: 'people', text, href: '#people' }],
        fieldErrors: { people: { text } },
        status: 400,
      });
    }
    const parsed = parseForm(relationshipsSchema(draft.data), body, t, DATE_ANCHORS);
    if (!parsed.ok) {
      const typed = Object.fromEntries(
        Object.keys(body)
          .filter((k) => k.startsWith('rel-'))
          .map((k) => [k, str(body, k, 30)]),
      );
      return relationshipsPage(request, reply, draft, typed, { ...parsed, status: 400 });
    }
    return saveAndGo(
      request,
      reply,
      draft,
      (d) => ({ ...d, relationships: parsed.data }),
      nextStep('relationships'),
      (current) =>
        relationshipsPage(request, reply, current, null, {
          ...staleError(request.messages, 'people'),
          status: 409,
        }),
    );
  });

  // ——— Allegations of harm ———

  const allegationsPage = (
    request: FastifyRequest<{ Params: DraftParams }>,
    reply: FastifyReply,
    draft: Draft,
    values: { kinds: string[]; detail: string } | null,
    extra: Errors & { status?: number } = {},
  ) => {
    const m = request.messages;
    const saved = draft.data.allegations;
    const v = values ?? {
      kinds: saved ? (saved.kinds.length ? saved.kinds : ['none']) : [],
      detail: saved?.detail ?? '',
    };
    return page(
      reply,
      request,
      draft,
      'allegations',
      {
        pageTitle: m.t('intake.allegations.title'),
        items: [
          ...ALLEGATIONS.map((a) => ({
            value: a,
            text: m.t(`intake.allegations.kinds.${a}`),
            checked: v.kinds.includes(a),
          })),
          { divider: m.t('intake.allegations.or') },
          {
            value: 'none',
            text: m.t('intake.allegations.none'),
            checked: v.kinds.includes('none'),
            behaviour: 'exclusive',
          },
        ],
        detail: v.detail,
      },
      { ...extra, back: `/intake/drafts/${draft.id}/relationships` },
    );
  };

  app.get<{ Params: DraftParams }>('/intake/drafts/:draftId/allegations', POLICY, async (request, reply) => {
    const draft = await loadDraft(request);
    return submitted(reply, draft) ?? allegationsPage(request, reply, draft, null);
  });

  app.post<{ Params: DraftParams }>('/intake/drafts/:draftId/allegations', POLICY, async (request, reply) => {
    const draft = await loadDraft(request);
    const done = submitted(reply, draft);
    if (done) return done;
    const body = (request.body ?? {}) as Body;
    const parsed = parseForm(allegationsSchema, body, request.messages.t, DATE_ANCHORS);
    if (!parsed.ok) {
      return allegationsPage(
        request,
        reply,
        draft,
        { kinds: strs(body, 'allegations'), detail: str(body, 'allegationsDetail', 6000) },
        { ...parsed, status: 400 },
      );
    }
    return saveAndGo(
      request,
      reply,
      draft,
      (d) => ({ ...d, allegations: parsed.data }),
      nextStep('allegations'),
      (current) =>
        allegationsPage(request, reply, current, null, { ...staleError(request.messages, 'allegations'), status: 409 }),
    );
  });

  // ——— Language of the case ———

  const languagePage = (
    request: FastifyRequest<{ Params: DraftParams }>,
    reply: FastifyReply,
    draft: Draft,
    value: string | null,
    extra: Errors & { status?: number } = {},
  ) => {
    const m = request.messages;
    const v = value ?? draft.data.language ?? '';
    return page(
      reply,
      request,
      draft,
      'language',
      {
        pageTitle: m.t('intake.language.title'),
        items: (['en', 'cy'] as const).map((l) => ({ value: l, text: m.t(`languages.${l}`), checked: v === l })),
      },
      { ...extra, back: `/intake/drafts/${draft.id}/allegations` },
    );
  };

  app.get<{ Params: DraftParams }>('/intake/drafts/:draftId/language', POLICY, async (request, reply) => {
    const draft = await loadDraft(request);
    return submitted(reply, draft) ?? languagePage(request, reply, draft, null);
  });

  app.post<{ Params: DraftParams }>('/intake/drafts/:draftId/language', POLICY, async (request, reply) => {
    const draft = await loadDraft(request);
    const done = submitted(reply, draft);
    if (done) return done;
    const body = (request.body ?? {}) as Body;
    const parsed = parseForm(languageSchema, body, request.messages.t, DATE_ANCHORS);
    if (!parsed.ok) return languagePage(request, reply, draft, str(body, 'language', 2), { ...parsed, status: 400 });
    return saveAndGo(
      request,
      reply,
      draft,
      (d) => ({ ...d, language: parsed.data.language }),
      nextStep('language'),
      (current) =>
        languagePage(request, reply, current, null, { ...staleError(request.messages, 'language'), status: 409 }),
    );
  });

  // ——— Check your answers, and submit ———

  const checkPage = async (
    request: FastifyRequest<{ Params: DraftParams }>,
    reply: FastifyReply,
    draft: Draft,
    extra: Errors & { status?: number } = {},
  ) => {
    const m = request.messages;
    const [courts, areas] = await Promise.all([listCourtOptions(db()), listAreaOptions(db())]);
    const problems = draftProblems(draft.data).map((p) => ({
      text: m.t(p.key, p.params),
      href: `/intake/drafts/${draft.id}/${p.step}?change=1`,
    }));
    return page(
      reply,
      request,
      draft,
      'check-answers',
      {
        pageTitle: m.t('intake.check.title'),
        sections: checkAnswersSections(m, draft.id, draft.data, { courts, areas }),
        problems,
      },
      { ...extra, back: `/intake/drafts/${draft.id}/language`, change: false },
    );
  };

  app.get<{ Params: DraftParams }>('/intake/drafts/:draftId/check-answers', POLICY, async (request, reply) => {
    const draft = await loadDraft(request);
    return submitted(reply, draft) ?? checkPage(request, reply, draft);
  });

  app.post<{ Params: DraftParams }>('/intake/drafts/:draftId/submit', POLICY, async (request, reply) => {
    const draft = await loadDraft(request);
    const actor = actorOf(request);
    const meta = formMetaSchema.parse(request.body ?? {});
    // A second submit (double click, back button) finds the case already made: nothing new.
    if (draft.submittedCaseId) return reply.redirect(`/cases/${draft.submittedCaseId}`, 303);
    if (meta.version !== draft.version) {
      return checkPage(request, reply, draft, { ...staleError(request.messages, 'submit'), status: 409 });
    }
    const result = await submitDraft(db(), {
      draftId: draft.id,
      actor,
      teamIds: request.principal!.teamIds,
      now: request.now,
    });
    if (!result.ok) {
      const m = request.messages;
      const errors = result.problems.map((p) => ({
        field: p.step,
        text: m.t(p.key, p.params),
        href: `/intake/drafts/${draft.id}/${p.step}?change=1`,
      }));
      return checkPage(request, reply, await loadDraft(request), { errors, status: 400 });
    }
    if (!result.created) return reply.redirect(`/cases/${result.caseId}`, 303);
    const candidates = await matchPeopleOfNewCase(db(), { caseId: result.caseId, actor, now: request.now });
    return reply.redirect(
      candidates > 0 ? `/cases/${result.caseId}/previous-proceedings` : `/cases/${result.caseId}`,
      303,
    );
  });

  // ——— Delete a draft ———

  app.get<{ Params: DraftParams }>('/intake/drafts/:draftId/delete', POLICY, async (request, reply) => {
    const draft = await loadDraft(request);
    const done = submitted(reply, draft);
    if (done) return done;
    const names = (draft.data.children ?? []).map((c) => `${c.givenNames} ${c.familyName}`).join(', ');
    return page(reply, request, draft, 'delete', {
      pageTitle: m(request).t('intake.delete.title'),
      children: names || m(request).t('intake.home.noChildrenYet'),
      started: m(request).formatDateTime(draft.createdAt),
    });
  });

  app.post<{ Params: DraftParams }>('/intake/drafts/:draftId/delete', POLICY, async (request, reply) => {
    const draft = await loadDraft(request);
    const done = submitted(reply, draft);
    if (done) return done;
    await deleteDraft(db(), { draftId: draft.id, actor: actorOf(request), now: request.now });
    return reply.redirect('/intake?notice=deleted', 303);
  });
}

const m = (request: FastifyRequest) => request.messages;
