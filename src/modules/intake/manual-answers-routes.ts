import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parseForm } from '../../platform/forms/validation.ts';
import { checkAnswersSections, draftProblems } from './manual/check-answers.ts';
import {
  actorOf,
  type Body,
  type DraftParams,
  draftPageTools,
  type Errors,
  nextStep,
  POLICY,
  str,
  strs,
} from './manual/draft-pages.ts';
import { deleteDraft, listAreaOptions, listCourtOptions } from './manual/draft-store.ts';
import {
  allegationsSchema,
  DATE_ANCHORS,
  formMetaSchema,
  languageSchema,
  relationshipField,
  relationshipsSchema,
} from './manual/schemas.ts';
import { matchPeopleOfNewCase, submitDraft } from './manual/submit.ts';
import { ALLEGATIONS, type Draft, RELATIONSHIPS } from './manual/types.ts';

/** Manual intake: relationships, allegations of harm, language, check your answers and submit, and deleting a draft. */
export async function manualAnswersRoutes(app: FastifyInstance): Promise<void> {
  const { db, loadDraft, page, staleError, saveAndGo, submitted } = draftPageTools(app);

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
