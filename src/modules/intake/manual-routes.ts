import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { londonDate } from '../../platform/calendar/index.ts';
import { parseForm } from '../../platform/forms/validation.ts';
import { letterDueOn } from '../safeguarding/service.ts';
import { firstIncompleteStep } from './manual/check-answers.ts';
import {
  actorOf,
  type Body,
  calendar,
  type DraftParams,
  dateItems,
  draftPageTools,
  type Errors,
  homeQuerySchema,
  nextStep,
  POLICY,
  str,
  strs,
} from './manual/draft-pages.ts';
import { createDraft, DRAFTS_PAGE_SIZE, listAreaOptions, listCourtOptions, listDrafts } from './manual/draft-store.ts';
import { courtSchema, DATE_ANCHORS, type DateParts, dateParts, ordersSchema, partsFromIso } from './manual/schemas.ts';
import { type Draft, ORDERS } from './manual/types.ts';
import { manualAnswersRoutes } from './manual-answers-routes.ts';
import { manualPeopleRoutes } from './manual-people-routes.ts';

/** Manual intake: the intake home, a new draft, and the court, dates and orders pages; the other pages register from here. */
export async function manualIntakeRoutes(app: FastifyInstance): Promise<void> {
  const { db, loadDraft, page, staleError, saveAndGo, submitted } = draftPageTools(app);

  await app.register(manualPeopleRoutes);
  await app.register(manualAnswersRoutes);

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
}

const _m = (request: FastifyRequest) => request.messages;
