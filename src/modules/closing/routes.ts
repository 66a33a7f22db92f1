import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AuditActor, AuditEntry } from '../../platform/audit/audit.ts';
import { can } from '../../platform/authorisation/policy.ts';
import { londonDate } from '../../platform/calendar/index.ts';
import type { Executor } from '../../platform/db/database.ts';
import type { Misspelling } from '../../platform/documents/spellcheck.ts';
import { DomainError, isDomainError } from '../../platform/errors/catalogue.ts';
import { newFormToken } from '../../platform/forms/form-token.ts';
import { fieldError, parseForm, postedText } from '../../platform/forms/validation.ts';
import { isUuid } from '../../platform/http/authorisation-hook.ts';
import { auditActor, type UploadedFile } from '../../platform/http/context.ts';
import { sendAttachment } from '../../platform/http/download.ts';
import { readWithAudit } from '../casework/service.ts';
import { isAgeBand } from './age-bands.ts';
import {
  closeSchema,
  closingRecordSchema,
  letterSchema,
  noticeQuerySchema,
  pictureSchema,
  reopenSchema,
} from './forms.ts';
import { LETTER_MAX_LENGTH, letterTemplate } from './letter-content.ts';
import {
  type ClosingContext,
  closeCase,
  closureReadiness,
  feedbackRecipients,
  getChildLetterDocument,
  letterSignatory,
  loadClosingContext,
  produceChildLetter,
  reopenCase,
  saveChildLetter,
  saveClosingRecord,
  setLetterPicture,
} from './service.ts';
import {
  closeViewModel,
  closingViewModel,
  type LetterValues,
  letterErrors,
  letterViewModel,
  type PageErrors,
  type RecordValues,
  recordViewModel,
  reopenViewModel,
} from './view-models.ts';

type CaseParams = { caseId: string };
type ChildParams = CaseParams & { childId: string };

const VIEW = { action: 'case:view' as const, caseParam: 'caseId' };
const EDIT = { action: 'case:edit' as const, caseParam: 'caseId' };
const ALLOCATE = { action: 'case:allocate' as const, caseParam: 'caseId' };

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
    canReopen: can(principal, 'case:allocate', { kind: 'case', facts }),
    canSeeAccessLog: can(principal, 'case:view-access-log', { kind: 'case', facts }),
  };
}

const viewAudit = (caseId: string, resourceType = 'closing'): AuditEntry => ({
  action: 'view',
  resourceType,
  resourceIds: [caseId],
  caseId,
  fieldCategories: ['case-summary', 'child-identity', 'party-identity', 'letter', 'hearing'],
});

/**
 * Closing (DOMAIN §3.2 step 9): the final order and our recommendation, the closing
 * record, a letter to each child (with one picture), feedback invitations, closure and
 * reopening. Every page reads with its audit; every change is one transaction.
 */
export async function closingRoutes(app: FastifyInstance): Promise<void> {
  const db = () => app.deps.database.db;

  /** Read the closing context with its audit row, and build a page from it. */
  const read = <T>(
    request: FastifyRequest<{ Params: CaseParams }>,
    build: (ctx: ClosingContext, tx: Executor) => Promise<T> | T,
    resourceType?: string,
  ) =>
    readWithAudit(db(), auditActor(request), request.now, async (tx) => {
      const ctx = await loadClosingContext(tx, request.params.caseId, londonDate(request.now));
      return { value: await build(ctx, tx), audit: [viewAudit(request.params.caseId, resourceType)] };
    });

  app.get<{ Params: CaseParams }>('/cases/:caseId/closing', { config: { policy: VIEW } }, async (request, reply) => {
    const { notice } = noticeQuerySchema.parse(request.query ?? {});
    const perms = permissions(request);
    const vm = await read(request, (ctx) => closingViewModel(request.messages, ctx, { ...perms, notice }));
    return reply.page('closing/views/closing.njk', vm);
  });

  // The closing record: does the final order reflect our recommendation, and the summary.
  const renderRecord = async (
    request: FastifyRequest<{ Params: CaseParams }>,
    reply: FastifyReply,
    extra: { values?: RecordValues; status?: number } & PageErrors = {},
  ) => {
    const perms = permissions(request);
    const vm = await read(
      request,
      (ctx) =>
        recordViewModel(request.messages, ctx, {
          canSeeAccessLog: perms.canSeeAccessLog,
          formToken: newFormToken(),
          values: extra.values,
          errors: extra.errors,
          fieldErrors: extra.fieldErrors,
        }),
      'closing-record',
    );
    return reply.page('closing/views/record.njk', vm, { status: extra.status ?? 200 });
  };

  app.get<{ Params: CaseParams }>('/cases/:caseId/closing/record', { config: { policy: EDIT } }, (request, reply) =>
    renderRecord(request, reply),
  );

  app.post<{ Params: CaseParams }>(
    '/cases/:caseId/closing/record',
    { config: { policy: EDIT } },
    async (request, reply) => {
      const caseId = request.params.caseId;
      const m = request.messages;
      const body = request.body;
      const values: RecordValues = {
        orderReflects: postedText(body, 'orderReflects', 20),
        explanation: postedText(body, 'explanation'),
        summary: postedText(body, 'summary', 20000),
      };
      const ctx = await db().transaction((tx) => loadClosingContext(tx, caseId, londonDate(request.now)));
      const parsed = parseForm(closingRecordSchema(ctx.report !== null), body, m.t);
      if (!parsed.ok) return renderRecord(request, reply, { values, ...parsed, status: 400 });
      try {
        const result = await saveClosingRecord(db(), {
          caseId,
          version: parsed.data.version,
          record: parsed.data,
          formToken: parsed.data.formToken,
          actor: actorOf(request),
          now: request.now,
        });
        if (result.ok) return reply.redirect(result.location, 303);
        {
          const problem =
            'block' in result
              ? fieldError(
                  'summary',
                  m.t(result.block === 'no-final-order' ? 'closing.errors.noFinalOrder' : 'closing.errors.notClosing'),
                )
              : fieldError(
                  result.field,
                  m.t(
                    result.field === 'orderReflects'
                      ? 'closing.errors.reflectsRequired'
                      : 'closing.errors.explanationRequired',
                  ),
                );
          return renderRecord(request, reply, { values, ...problem, status: 'block' in result ? 409 : 400 });
        }
      } catch (error) {
        if (isDomainError(error) && error.code === 'STALE_VERSION') {
          return renderRecord(request, reply, {
            values,
            ...fieldError('summary', m.t('errors.STALE_VERSION')),
            status: 409,
          });
        }
        throw error;
      }
    },
  );

  // The letter to one child.
  const renderLetter = async (
    request: FastifyRequest<{ Params: ChildParams }>,
    reply: FastifyReply,
    extra: { values?: Partial<LetterValues>; status?: number; misspellings?: Misspelling[] } & PageErrors = {},
  ) => {
    const { childId } = request.params;
    if (!isUuid(childId)) throw new DomainError('CHILD_NOT_FOUND');
    const perms = permissions(request);
    const { notice } = noticeQuerySchema.parse(request.query ?? {});
    const vm = await read(
      request,
      async (ctx, tx) => {
        const child = ctx.children.find((c) => c.id === childId);
        if (!child) throw new DomainError('CHILD_NOT_FOUND');
        const e = child.eligibility;
        const band = e.kind === 'band' ? e.band : isAgeBand(extra.values?.ageBand) ? extra.values.ageBand : null;
        const templateText =
          band && !child.letter && ctx.finalOrder
            ? letterTemplate(child.language, band, {
                childName: child.firstName,
                adviserName: await letterSignatory(tx, ctx, request.principal!.userId),
                orderType: ctx.finalOrder.orderType,
                orderLabel: ctx.finalOrder.label,
              })
            : null;
        return letterViewModel(request.messages, ctx, child, {
          canEdit: perms.canEdit,
          canSeeAccessLog: perms.canSeeAccessLog,
          formToken: newFormToken(),
          templateText,
          values: extra.values,
          misspellings: extra.misspellings,
          notice: extra.status ? null : notice,
          errors: extra.errors,
          fieldErrors: extra.fieldErrors,
        });
      },
      'child-letter',
    );
    return reply.page('closing/views/letter.njk', vm, { status: extra.status ?? 200 });
  };

  app.get<{ Params: ChildParams }>(
    '/cases/:caseId/closing/children/:childId/letter',
    { config: { policy: VIEW } },
    (request, reply) => renderLetter(request, reply),
  );

  app.post<{ Params: ChildParams }>(
    '/cases/:caseId/closing/children/:childId/letter',
    { config: { policy: EDIT } },
    async (request, reply) => {
      const { caseId, childId } = request.params;
      if (!isUuid(childId)) throw new DomainError('CHILD_NOT_FOUND');
      const m = request.messages;
      const body = request.body;
      const values: Partial<LetterValues> = {
        ageBand: postedText(body, 'ageBand', 10),
        body: postedText(body, 'body', LETTER_MAX_LENGTH + 1000),
      };
      const parsed = parseForm(letterSchema, body, m.t);
      if (!parsed.ok) return renderLetter(request, reply, { values, ...parsed, status: 400 });
      const data = parsed.data;
      const input = {
        caseId,
        childId,
        version: data.version,
        edit: { ageBand: data.ageBand, body: data.body, ignoreWords: data.ignoreWords },
        formToken: data._formToken,
        actor: actorOf(request),
        now: request.now,
      };
      try {
        const result =
          data.action === 'produce' ? await produceChildLetter(db(), input) : await saveChildLetter(db(), input);
        if (result.ok) return reply.redirect(result.location, 303);
        const errors = letterErrors(m, result.problems);
        const conflict = result.problems.some((p) => p.problem === 'no-final-order' || p.problem === 'not-closing');
        return renderLetter(request, reply, { values, ...errors, status: conflict ? 409 : 400 });
      } catch (error) {
        if (isDomainError(error) && error.code === 'STALE_VERSION') {
          return renderLetter(request, reply, {
            values,
            ...fieldError('body', m.t('errors.STALE_VERSION')),
            status: 409,
          });
        }
        throw error;
      }
    },
  );

  // The letter's one picture: a multipart form of its own (its text fields are short).
  app.post<{ Params: ChildParams }>(
    '/cases/:caseId/closing/children/:childId/letter/picture',
    { config: { policy: EDIT, uploads: true } },
    async (request, reply) => {
      const { caseId, childId } = request.params;
      if (!isUuid(childId)) throw new DomainError('CHILD_NOT_FOUND');
      const m = request.messages;
      const body = (request.body ?? {}) as Record<string, unknown>;
      const values: Partial<LetterValues> = {
        ageBand: postedText(body, 'ageBand', 10),
        pictureAlt: postedText(body, 'pictureAlt', 500),
      };
      const parsed = parseForm(pictureSchema, body, m.t);
      if (!parsed.ok) return renderLetter(request, reply, { values, ...parsed, status: 400 });
      const file = body.picture as Partial<UploadedFile> | undefined;
      const chosen =
        typeof file?.fileName === 'string' && file.fileName !== '' && Buffer.isBuffer(file.content)
          ? { fileName: file.fileName, content: file.content }
          : null;
      try {
        const result = await setLetterPicture(db(), {
          caseId,
          childId,
          version: parsed.data.version,
          ageBand: parsed.data.ageBand,
          action: parsed.data.action,
          file: chosen,
          alt: parsed.data.pictureAlt,
          formToken: parsed.data._formToken,
          actor: actorOf(request),
          now: request.now,
        });
        if (result.ok) return reply.redirect(result.location, 303);
        const errors = letterErrors(m, result.problems);
        const conflict = result.problems.some((p) => p.problem === 'no-final-order' || p.problem === 'not-closing');
        return renderLetter(request, reply, { values, ...errors, status: conflict ? 409 : 400 });
      } catch (error) {
        if (isDomainError(error) && error.code === 'STALE_VERSION') {
          return renderLetter(request, reply, {
            values,
            ...fieldError('picture', m.t('errors.STALE_VERSION')),
            status: 409,
          });
        }
        throw error;
      }
    },
  );

  app.get<{ Params: CaseParams & { documentId: string } }>(
    '/cases/:caseId/closing/documents/:documentId',
    { config: { policy: VIEW } },
    async (request, reply) => {
      const { caseId, documentId } = request.params;
      if (!isUuid(documentId)) throw new DomainError('DOCUMENT_NOT_FOUND');
      const doc = await readWithAudit(db(), auditActor(request), request.now, async (tx) => {
        const row = await getChildLetterDocument(tx, caseId, documentId);
        if (!row) throw new DomainError('DOCUMENT_NOT_FOUND');
        return {
          value: row,
          audit: [
            {
              action: 'download' as const,
              resourceType: 'case-document',
              resourceIds: [row.id],
              caseId,
              fieldCategories: ['document' as const, 'letter' as const, 'child-identity' as const],
            },
          ],
        };
      });
      return sendAttachment(reply, { fileName: doc.file_name, contentType: doc.content_type, content: doc.content });
    },
  );

  // Closure: a confirmation that lists what is missing (refused) and what is only a warning.
  const renderClose = async (
    request: FastifyRequest<{ Params: CaseParams }>,
    reply: FastifyReply,
    extra: { status?: number } & PageErrors = {},
  ) => {
    const perms = permissions(request);
    const today = londonDate(request.now);
    const vm = await read(request, async (ctx, tx) => {
      const readiness = closureReadiness(ctx);
      const people = [...ctx.summary.parties, ...ctx.summary.children];
      const recipients = (await feedbackRecipients(tx, ctx, today)).map((r) => {
        const p = people.find((x) => x.personId === r.personId);
        return { name: p ? `${p.givenNames} ${p.familyName}` : '', channel: r.channel };
      });
      return closeViewModel(request.messages, ctx, readiness, recipients, {
        canSeeAccessLog: perms.canSeeAccessLog,
        formToken: newFormToken(),
        errors: extra.errors,
        fieldErrors: extra.fieldErrors,
      });
    });
    return reply.page('closing/views/close.njk', vm, { status: extra.status ?? 200 });
  };

  app.get<{ Params: CaseParams }>('/cases/:caseId/closing/close', { config: { policy: EDIT } }, (request, reply) =>
    renderClose(request, reply),
  );

  app.post<{ Params: CaseParams }>(
    '/cases/:caseId/closing/close',
    { config: { policy: EDIT } },
    async (request, reply) => {
      const m = request.messages;
      const parsed = parseForm(closeSchema, request.body, m.t);
      if (!parsed.ok)
        return renderClose(request, reply, {
          ...fieldError('confirm', m.t('closing.errors.formExpired')),
          status: 400,
        });
      const result = await closeCase(db(), {
        caseId: request.params.caseId,
        formToken: parsed.data._formToken,
        actor: actorOf(request),
        now: request.now,
      });
      if (result.ok) return reply.redirect(result.location, 303);
      const errors: PageErrors = { errors: [], fieldErrors: {} };
      for (const missing of result.missing) {
        const text = m.t(missing === 'final-order' ? 'closing.errors.noFinalOrder' : 'closing.errors.recordRequired');
        const field = missing === 'final-order' ? 'finalOrder' : 'closingRecord';
        errors.errors!.push({ field, text, href: `#${field}` });
        errors.fieldErrors![field] = { text };
      }
      return renderClose(request, reply, { ...errors, status: 409 });
    },
  );

  // Reopening: a manager of the case's area, with a reason.
  const renderReopen = async (
    request: FastifyRequest<{ Params: CaseParams }>,
    reply: FastifyReply,
    extra: { reason?: string; status?: number } & PageErrors = {},
  ) => {
    const perms = permissions(request);
    const vm = await read(request, (ctx) =>
      reopenViewModel(request.messages, ctx, {
        canSeeAccessLog: perms.canSeeAccessLog,
        formToken: newFormToken(),
        reason: extra.reason,
        errors: extra.errors,
        fieldErrors: extra.fieldErrors,
      }),
    );
    return reply.page('closing/views/reopen.njk', vm, { status: extra.status ?? 200 });
  };

  app.get<{ Params: CaseParams }>('/cases/:caseId/closing/reopen', { config: { policy: ALLOCATE } }, (request, reply) =>
    renderReopen(request, reply),
  );

  app.post<{ Params: CaseParams }>(
    '/cases/:caseId/closing/reopen',
    { config: { policy: ALLOCATE } },
    async (request, reply) => {
      const m = request.messages;
      const reason = postedText(request.body, 'reason', 3000);
      const parsed = parseForm(reopenSchema, request.body, m.t);
      if (!parsed.ok) return renderReopen(request, reply, { reason, ...parsed, status: 400 });
      const result = await reopenCase(db(), {
        caseId: request.params.caseId,
        reason: parsed.data.reason,
        formToken: parsed.data._formToken,
        actor: actorOf(request),
        now: request.now,
      });
      if (result.ok) return reply.redirect(result.location, 303);
      return renderReopen(request, reply, {
        reason,
        ...fieldError('reason', m.t('closing.errors.notClosed')),
        status: 409,
      });
    },
  );
}
