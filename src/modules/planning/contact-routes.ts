import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { londonDate } from '../../platform/calendar/index.ts';
import { DomainError, isDomainError } from '../../platform/errors/catalogue.ts';
import { isFormToken, newFormToken } from '../../platform/forms/form-token.ts';
import { type FormError, fieldError, parseForm } from '../../platform/forms/validation.ts';
import { isUuid } from '../../platform/http/authorisation-hook.ts';
import { auditActor } from '../../platform/http/context.ts';
import { readWithAudit } from '../casework/service.ts';
import {
  CONTACT_KINDS,
  type ContactFormContext,
  type ContactRecord,
  contactRecordSchema,
  correctContact,
  type DraftValues,
  draftValuesFrom,
  draftValuesOf,
  submitContact,
  valuesOfRecord,
} from './contacts.ts';
import { type ContactEntry, getContactEntry, listContactRevisions, listContacts, listOwnDrafts } from './queries.ts';
import {
  actorOf,
  type CaseParams,
  caseAndNames,
  noticeQuery,
  PAGE_AUDIT,
  permissions,
  planObjectives,
} from './shared.ts';
import { contactEntryViewModel, contactFormViewModel, contactsListViewModel } from './view-models.ts';

type Errors = { errors?: FormError[]; fieldErrors?: Record<string, { text: string }> };
type Body = Record<string, unknown>;
type EntryParams = CaseParams & { entryId: string };

const VIEW = { config: { policy: { action: 'case:view' as const, caseParam: 'caseId' } } };
const EDIT = { config: { policy: { action: 'case:edit' as const, caseParam: 'caseId' } } };

const listQuery = z.object({
  kind: z.enum(CONTACT_KINDS).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10000).catch(1),
});

const ANCHORS = {
  heldOn: 'heldOn-day',
  kind: 'kind',
  children: 'children',
  parties: 'parties',
  objectives: 'objectives',
};

const text = (body: Body, key: string, max: number) => {
  const v = body[key];
  return typeof v === 'string' ? v.slice(0, max) : '';
};
const postedVersion = (body: Body): number | null => {
  const v = Number(text(body, 'version', 12));
  return Number.isInteger(v) && v >= 1 ? v : null;
};

/** The contact log: list, new entry, drafts (saved as you go), recording and corrections. */
export async function contactRoutes(app: FastifyInstance): Promise<void> {
  const db = () => app.deps.database.db;

  const contactAudit = (caseId: string, ids: string[]) => [
    {
      action: 'view' as const,
      resourceType: 'contact-log',
      resourceIds: ids.length ? ids : [caseId],
      caseId,
      fieldCategories: [...PAGE_AUDIT.contacts],
    },
  ];

  /** What the form can name: the case's people, and the current plan's objectives. */
  const formContext = async (request: FastifyRequest<{ Params: CaseParams }>) =>
    readWithAudit(db(), auditActor(request), request.now, async (tx) => {
      const { names } = await caseAndNames(tx, request.messages, request.params.caseId);
      const objectives = await planObjectives(tx, request.params.caseId);
      const ctx: ContactFormContext = {
        today: londonDate(request.now),
        childIds: new Set(names.children.map((c) => c.id)),
        partyIds: new Set(names.parties.map((p) => p.id)),
        // An entry may keep an objective the plan has since dropped; a new link must be current.
        objectiveIds: new Set(objectives.all.map((o) => o.id)),
      };
      return { value: ctx, audit: [] };
    });

  const renderForm = async (
    request: FastifyRequest<{ Params: CaseParams }>,
    reply: FastifyReply,
    input: {
      mode: 'new' | 'draft' | 'correct';
      entryId: string | null;
      values: DraftValues;
      version: number;
      savedAt: string | null;
      reason?: string;
      stale?: boolean;
      /** A notice key of planning.notices (the draft has been saved). */
      notice?: string | null;
    },
    errors: Errors = {},
    status = 200,
  ) => {
    const caseId = request.params.caseId;
    const perms = permissions(request);
    const vm = await readWithAudit(db(), auditActor(request), request.now, async (tx) => {
      const { summary, names } = await caseAndNames(tx, request.messages, caseId);
      const objectives = await planObjectives(tx, caseId);
      return {
        value: contactFormViewModel(request.messages, {
          summary,
          ...input,
          names,
          // The current objectives, plus any the entry is already linked to.
          objectives: [
            ...objectives.current,
            ...objectives.all.filter(
              (o) => input.values.objectives.includes(o.id) && !objectives.current.some((c) => c.id === o.id),
            ),
          ],
          formToken: newFormToken(),
          canSeeAccessLog: perms.canSeeAccessLog,
          ...errors,
        }),
        audit: contactAudit(caseId, input.entryId ? [input.entryId] : []),
      };
    });
    return reply.page('planning/views/contact-form.njk', vm, { status });
  };

  app.get<{ Params: CaseParams }>('/cases/:caseId/contacts', VIEW, async (request, reply) => {
    const caseId = request.params.caseId;
    const { kind, page } = listQuery.parse(request.query ?? {});
    const perms = permissions(request);
    const vm = await readWithAudit(db(), auditActor(request), request.now, async (tx) => {
      const { summary } = await caseAndNames(tx, request.messages, caseId);
      const list = await listContacts(tx, caseId, { kind, page });
      const drafts = perms.canEdit ? await listOwnDrafts(tx, caseId, request.principal!.userId) : [];
      return {
        value: contactsListViewModel(request.messages, {
          summary,
          rows: list.rows,
          total: list.total,
          page,
          kind: kind ?? null,
          drafts,
          canEdit: perms.canEdit,
          canSeeAccessLog: perms.canSeeAccessLog,
        }),
        audit: contactAudit(
          caseId,
          list.rows.map((r) => r.id),
        ),
      };
    });
    return reply.page('planning/views/contacts.njk', vm);
  });

  app.get<{ Params: CaseParams }>('/cases/:caseId/contacts/new', EDIT, async (request, reply) =>
    renderForm(request, reply, { mode: 'new', entryId: null, values: draftValuesFrom({}), version: 0, savedAt: null }),
  );

  /**
   * Every post of the entry form saves the draft first, so nothing typed is lost; "Record"
   * then validates and, when the entry is complete, records it in the same transaction.
   */
  const handleSubmit = async (
    request: FastifyRequest<{ Params: CaseParams }>,
    reply: FastifyReply,
    entryId: string | null,
  ) => {
    const caseId = request.params.caseId;
    const body = (request.body ?? {}) as Body;
    const t = request.messages.t;
    const values = draftValuesFrom(body);
    const action = text(body, 'action', 20);
    const version = postedVersion(body);
    const formToken = text(body, '_formToken', 64);
    const mode = entryId ? 'draft' : 'new';
    if (!isFormToken(formToken) || (entryId !== null && version === null)) {
      return renderForm(
        request,
        reply,
        { mode, entryId, values, version: version ?? 0, savedAt: null },
        fieldError('kind', t('planning.errors.formExpired')),
        400,
      );
    }
    let record: ContactRecord | null = null;
    let recordErrors: Errors | null = null;
    if (action === 'record') {
      const parsed = parseForm(contactRecordSchema(await formContext(request)), body, t, ANCHORS);
      if (parsed.ok) record = parsed.data;
      else recordErrors = parsed;
    }
    try {
      const result = await submitContact(db(), {
        caseId,
        entryId,
        version: version ?? 0,
        values,
        record,
        formToken,
        actor: actorOf(request),
        now: request.now,
      });
      if (result.replayed) return reply.redirect(result.location, 303);
      if (recordErrors) {
        // Not recorded, but kept: the draft is saved and the problems shown on it.
        return renderForm(
          request,
          reply,
          {
            mode: 'draft',
            entryId: result.entryId,
            values,
            version: result.version,
            savedAt: request.now.toISOString(),
          },
          recordErrors,
          400,
        );
      }
      return reply.redirect(result.location, 303);
    } catch (error) {
      if (isDomainError(error) && error.code === 'STALE_VERSION' && entryId) {
        // Another tab saved this draft meanwhile: nothing was overwritten. What was typed here is
        // shown again; saving it again (a deliberate choice) replaces the other tab's version.
        const current = await readWithAudit(db(), auditActor(request), request.now, async (tx) => ({
          value: await getContactEntry(tx, caseId, entryId, request.principal!.userId),
          audit: [],
        }));
        return renderForm(
          request,
          reply,
          {
            mode: 'draft',
            entryId,
            values,
            version: current?.version ?? version ?? 0,
            savedAt: current?.updatedAt ?? null,
            stale: true,
          },
          fieldError('kind', t('planning.errors.staleDraft')),
          409,
        );
      }
      throw error;
    }
  };

  /** Autosave answers JSON: the draft's new version, or a coded error (a stale tab is refused). */
  const sendJsonError = (request: FastifyRequest, reply: FastifyReply, error: unknown) => {
    if (!isDomainError(error)) throw error;
    return reply.code(error.status).send({
      error: { code: error.code, message: request.messages.t(`errors.${error.code}`), requestId: request.id },
    });
  };

  const savedJson = (
    request: FastifyRequest<{ Params: CaseParams }>,
    entryId: string,
    version: number,
    formToken?: string,
  ) => {
    const base = `/cases/${request.params.caseId}/contacts/${entryId}`;
    return {
      entryId,
      version,
      savedAt: request.now.toISOString(),
      message: request.messages.t('planning.entry.savedAt', { date: request.messages.formatDateTime(request.now) }),
      formAction: base,
      autosaveUrl: `${base}/autosave`,
      ...(formToken ? { formToken } : {}),
    };
  };

  app.post<{ Params: CaseParams }>('/cases/:caseId/contacts/new', EDIT, async (request, reply) => {
    const body = (request.body ?? {}) as Body;
    if (text(body, 'action', 20) !== 'autosave') return handleSubmit(request, reply, null);
    // The first autosave of a new entry creates the draft, claiming the page's form token;
    // the answer gives the page a fresh token and the draft's addresses.
    const formToken = text(body, '_formToken', 64);
    try {
      if (!isFormToken(formToken)) throw new DomainError('VALIDATION_FAILED');
      const result = await submitContact(db(), {
        caseId: request.params.caseId,
        entryId: null,
        version: 0,
        values: draftValuesFrom(body),
        record: null,
        formToken,
        actor: actorOf(request),
        now: request.now,
      });
      if (result.replayed) {
        const id = /\/contacts\/([0-9a-f-]{36})/.exec(result.location)?.[1];
        const entry = id
          ? await readWithAudit(db(), auditActor(request), request.now, async (tx) => ({
              value: await getContactEntry(tx, request.params.caseId, id, request.principal!.userId),
              audit: [],
            }))
          : null;
        if (entry?.status !== 'draft') throw new DomainError('ALREADY_RECORDED');
        return reply.send(savedJson(request, entry.id, entry.version, newFormToken()));
      }
      return reply.send(savedJson(request, result.entryId, result.version, newFormToken()));
    } catch (error) {
      return sendJsonError(request, reply, error);
    }
  });

  app.get<{ Params: EntryParams }>('/cases/:caseId/contacts/:entryId', VIEW, async (request, reply) => {
    const { caseId, entryId } = request.params;
    if (!isUuid(entryId)) throw new DomainError('PAGE_NOT_FOUND');
    const perms = permissions(request);
    const { saved } = noticeQuery.parse(request.query ?? {});
    const userId = request.principal!.userId;
    type Found = { entry: ContactEntry; vm: ReturnType<typeof contactEntryViewModel> | null };
    const found = await readWithAudit<Found>(db(), auditActor(request), request.now, async (tx) => {
      const entry = await getContactEntry(tx, caseId, entryId, userId);
      if (!entry) throw new DomainError('PAGE_NOT_FOUND');
      if (entry.status === 'draft') return { value: { entry, vm: null }, audit: [] };
      const { summary, names } = await caseAndNames(tx, request.messages, caseId);
      const objectives = await planObjectives(tx, caseId);
      const revisions = await listContactRevisions(tx, entryId);
      return {
        value: {
          entry,
          vm: contactEntryViewModel(request.messages, {
            summary,
            entry,
            revisions,
            names,
            objectives: objectives.all,
            canEdit: perms.canEdit,
            canSeeAccessLog: perms.canSeeAccessLog,
            notice: saved ?? null,
          }),
        },
        audit: contactAudit(caseId, [entryId]),
      };
    });
    if (found.vm) return reply.page('planning/views/contact.njk', found.vm);
    // A draft is its author's; without the right to edit the case it cannot be carried on.
    if (!perms.canEdit) throw new DomainError('PAGE_NOT_FOUND');
    return renderForm(request, reply, {
      mode: 'draft',
      entryId,
      values: draftValuesOf(found.entry.draft),
      version: found.entry.version,
      savedAt: found.entry.updatedAt,
      notice: saved === 'draft' ? 'draft' : null,
    });
  });

  app.post<{ Params: EntryParams }>('/cases/:caseId/contacts/:entryId', EDIT, async (request, reply) => {
    if (!isUuid(request.params.entryId)) throw new DomainError('PAGE_NOT_FOUND');
    return handleSubmit(request, reply, request.params.entryId);
  });

  app.post<{ Params: EntryParams }>('/cases/:caseId/contacts/:entryId/autosave', EDIT, async (request, reply) => {
    try {
      if (!isUuid(request.params.entryId)) throw new DomainError('DRAFT_NOT_FOUND');
      const body = (request.body ?? {}) as Body;
      const version = postedVersion(body);
      if (version === null) throw new DomainError('VALIDATION_FAILED');
      const result = await submitContact(db(), {
        caseId: request.params.caseId,
        entryId: request.params.entryId,
        version,
        values: draftValuesFrom(body),
        record: null,
        formToken: null,
        actor: actorOf(request),
        now: request.now,
      });
      if (result.replayed) throw new DomainError('INTERNAL');
      return reply.send(savedJson(request, result.entryId, result.version));
    } catch (error) {
      return sendJsonError(request, reply, error);
    }
  });

  const loadRecorded = async (request: FastifyRequest<{ Params: EntryParams }>) => {
    const { caseId, entryId } = request.params;
    if (!isUuid(entryId)) throw new DomainError('PAGE_NOT_FOUND');
    const entry = await readWithAudit(db(), auditActor(request), request.now, async (tx) => ({
      value: await getContactEntry(tx, caseId, entryId, request.principal!.userId),
      audit: [],
    }));
    if (entry?.status !== 'recorded') throw new DomainError('PAGE_NOT_FOUND');
    return entry;
  };

  const recordedValues = (entry: NonNullable<Awaited<ReturnType<typeof loadRecorded>>>) =>
    valuesOfRecord({
      kind: entry.kind as ContactRecord['kind'],
      heldOn: entry.heldOn ?? '',
      heldTime: entry.heldTime,
      place: entry.place,
      childIds: entry.childIds,
      partyIds: entry.partyIds,
      others: entry.others,
      whatWasSaid: entry.whatWasSaid ?? '',
      analysis: entry.analysis ?? '',
      actions: entry.actions,
      objectiveIds: entry.objectiveIds,
    });

  app.get<{ Params: EntryParams }>('/cases/:caseId/contacts/:entryId/correct', EDIT, async (request, reply) => {
    const entry = await loadRecorded(request);
    return renderForm(request, reply, {
      mode: 'correct',
      entryId: entry.id,
      values: recordedValues(entry),
      version: entry.version,
      savedAt: null,
    });
  });

  app.post<{ Params: EntryParams }>('/cases/:caseId/contacts/:entryId/correct', EDIT, async (request, reply) => {
    const entry = await loadRecorded(request);
    const body = (request.body ?? {}) as Body;
    const t = request.messages.t;
    const values = draftValuesFrom(body);
    const reason = text(body, 'reason', 2000).trim();
    const version = postedVersion(body);
    const formToken = text(body, '_formToken', 64);
    const parsed = parseForm(contactRecordSchema(await formContext(request)), body, t, ANCHORS);
    const errors: Errors = parsed.ok ? { errors: [], fieldErrors: {} } : parsed;
    const problem = (fieldName: string, key: string) => {
      if (errors.fieldErrors![fieldName]) return;
      errors.errors!.push({ field: fieldName, text: t(key), href: `#${fieldName}` });
      errors.fieldErrors![fieldName] = { text: t(key) };
    };
    if (reason === '') problem('reason', 'planning.errors.reasonRequired');
    if (version === null || !isFormToken(formToken)) problem('reason', 'planning.errors.formExpired');
    const form = { mode: 'correct' as const, entryId: entry.id, values, reason, savedAt: null };
    if (!parsed.ok || errors.errors!.length > 0) {
      return renderForm(request, reply, { ...form, version: version ?? entry.version }, errors, 400);
    }
    try {
      const result = await correctContact(db(), {
        caseId: request.params.caseId,
        entryId: entry.id,
        version: version!,
        record: parsed.data,
        reason,
        formToken,
        actor: actorOf(request),
        now: request.now,
      });
      return reply.redirect(result.location, 303);
    } catch (error) {
      if (isDomainError(error) && error.code === 'STALE_VERSION') {
        const fresh = await loadRecorded(request);
        return renderForm(
          request,
          reply,
          { ...form, values: recordedValues(fresh), version: fresh.version, reason: '' },
          fieldError('reason', t('planning.errors.staleEntry')),
          409,
        );
      }
      throw error;
    }
  });
}
