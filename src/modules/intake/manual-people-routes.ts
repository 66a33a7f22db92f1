import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { londonDate } from '../../platform/calendar/index.ts';
import { DomainError } from '../../platform/errors/catalogue.ts';
import { parseForm } from '../../platform/forms/validation.ts';
import {
  type Body,
  type DraftParams,
  dateItems,
  draftPageTools,
  type Errors,
  nextStep,
  POLICY,
  str,
} from './manual/draft-pages.ts';
import { adultSchema, childSchema, DATE_ANCHORS, dateParts, formMetaSchema, partsFromIso } from './manual/schemas.ts';
import { ADULT_ROLES, type Draft, type DraftAdult, type DraftChild, type DraftData, GENDERS } from './manual/types.ts';

/** Manual intake: the children and adults of the application (a list each, and a page per person). */
export async function manualPeopleRoutes(app: FastifyInstance): Promise<void> {
  const { loadDraft, page, staleError, saveAndGo, submitted } = draftPageTools(app);

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
}

const _m = (request: FastifyRequest) => request.messages;
