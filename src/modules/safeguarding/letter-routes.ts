import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AuditActor } from '../../platform/audit/audit.ts';
import { can } from '../../platform/authorisation/policy.ts';
import { londonDate } from '../../platform/calendar/index.ts';
import type { Misspelling } from '../../platform/documents/spellcheck.ts';
import { DomainError, isDomainError } from '../../platform/errors/catalogue.ts';
import { newFormToken } from '../../platform/forms/form-token.ts';
import type { FormError } from '../../platform/forms/validation.ts';
import { fieldError, parseForm } from '../../platform/forms/validation.ts';
import { isUuid } from '../../platform/http/authorisation-hook.ts';
import { auditActor } from '../../platform/http/context.ts';
import { sendAttachment } from '../../platform/http/download.ts';
import { readWithAudit } from '../casework/service.ts';
import { childTexts, letterEditSchema, letterQuerySchema, startLetterSchema } from './letter-forms.ts';
import { type LetterFormValues, letterPageViewModel, submissionErrors } from './letter-view-models.ts';
import {
  getCaseDocument,
  type LetterRow,
  listLetterDocuments,
  listLetterReviews,
  loadLetterContext,
  saveLetter,
  staffFacts,
  startLetter,
  submitLetter,
} from './letters.ts';

type CaseParams = { caseId: string };
const TEMPLATE = 'safeguarding/views/letter.njk';

export function actorOf(request: FastifyRequest): AuditActor & { userId: string } {
  const actor = auditActor(request);
  if (!actor.userId) throw new DomainError('NOT_SIGNED_IN');
  return { ...actor, userId: actor.userId };
}

/** Which letter a page is about: the one named (an update letter), else the safeguarding letter. */
export function pickLetter(letters: LetterRow[], letterId: string | undefined): LetterRow | null {
  if (letterId) {
    const named = letters.find((l) => l.id === letterId);
    if (!named) throw new DomainError('LETTER_NOT_FOUND');
    return named;
  }
  return letters.find((l) => l.kind === 'letter') ?? null;
}

export async function letterRoutes(app: FastifyInstance): Promise<void> {
  const db = () => app.deps.database.db;

  const renderLetterPage = async (
    request: FastifyRequest<{ Params: CaseParams }>,
    letterId: string | undefined,
    extra: {
      notice?: string | null;
      values?: LetterFormValues;
      misspellings?: Misspelling[];
      errors?: FormError[];
      fieldErrors?: Record<string, { text: string }>;
    } = {},
  ) => {
    const caseId = request.params.caseId;
    const principal = request.principal!;
    const facts = request.caseFacts!;
    const today = londonDate(request.now);
    return readWithAudit(db(), auditActor(request), request.now, async (tx) => {
      const ctx = await loadLetterContext(tx, caseId, today);
      const letter = pickLetter(ctx.letters, letterId);
      const reviews = letter ? await listLetterReviews(tx, letter.id) : [];
      const documents = letter?.status === 'filed' ? await listLetterDocuments(tx, caseId, letter.id) : [];
      const author = letter ? await staffFacts(tx, letter.authorId) : null;
      const viewer = await staffFacts(tx, principal.userId);
      const vm = letterPageViewModel(request.messages, {
        ctx,
        letter,
        reviews,
        documents,
        today,
        canEdit: can(principal, 'case:edit', { kind: 'case', facts }),
        canReview: can(principal, 'letter:review', { kind: 'case', facts }) && letter?.authorId !== principal.userId,
        canSeeAccessLog: can(principal, 'case:view-access-log', { kind: 'case', facts }),
        authorName: author?.name ?? null,
        viewerSelfRegulating: viewer.selfRegulating && (!letter || letter.authorId === principal.userId),
        formToken: newFormToken(),
        notice: extra.notice ?? null,
        values: extra.values,
        misspellings: extra.misspellings,
        errors: extra.errors,
        fieldErrors: extra.fieldErrors,
      });
      return {
        value: vm,
        audit: [
          {
            action: 'view' as const,
            resourceType: letter ? 'safeguarding-letter' : 'case',
            resourceIds: letter ? [letter.id] : [caseId],
            caseId,
            fieldCategories: [
              'case-summary' as const,
              'child-identity' as const,
              'letter' as const,
              'safeguarding-check' as const,
            ],
          },
        ],
      };
    });
  };

  app.get<{ Params: CaseParams }>(
    '/cases/:caseId/safeguarding-letter',
    { config: { policy: { action: 'case:view', caseParam: 'caseId' } } },
    async (request, reply) => {
      const query = letterQuerySchema.parse(request.query ?? {});
      return reply.page(TEMPLATE, await renderLetterPage(request, query.letter, { notice: query.notice }));
    },
  );

  app.post<{ Params: CaseParams }>(
    '/cases/:caseId/safeguarding-letter/start',
    { config: { policy: { action: 'case:edit', caseParam: 'caseId' } } },
    async (request, reply) => {
      const parsed = parseForm(startLetterSchema, request.body, request.messages.t);
      if (!parsed.ok) {
        return reply.page(TEMPLATE, await renderLetterPage(request, undefined, parsed), { status: 400 });
      }
      try {
        const result = await startLetter(db(), {
          caseId: request.params.caseId,
          kind: parsed.data.kind,
          formToken: parsed.data._formToken,
          actor: actorOf(request),
          now: request.now,
        });
        return reply.redirect(result.location, 303);
      } catch (error) {
        if (isDomainError(error) && error.code === 'LETTER_NOT_READY') {
          const problem = fieldError('kind', request.messages.t('errors.LETTER_NOT_READY'));
          return reply.page(TEMPLATE, await renderLetterPage(request, undefined, problem), { status: 409 });
        }
        throw error;
      }
    },
  );

  app.post<{ Params: CaseParams }>(
    '/cases/:caseId/safeguarding-letter',
    { config: { policy: { action: 'case:edit', caseParam: 'caseId' } } },
    async (request, reply) => {
      const caseId = request.params.caseId;
      const m = request.messages;
      const parsed = parseForm(letterEditSchema, request.body, m.t);
      const bodyLetterId = (request.body as Record<string, unknown> | undefined)?.letterId;
      const namedLetter = isUuid(bodyLetterId) ? bodyLetterId : undefined;
      if (!parsed.ok) {
        return reply.page(TEMPLATE, await renderLetterPage(request, namedLetter, parsed), { status: 400 });
      }
      const data = parsed.data;
      const ctx = await loadLetterContext(db(), caseId, londonDate(request.now));
      const letter = pickLetter(ctx.letters, data.letterId);
      const values: LetterFormValues = {
        checks: data.checks,
        interviews: data.interviews,
        riskAnalysis: data.riskAnalysis,
        children: childTexts(
          request.body,
          ctx.children.map((c) => c.id),
        ),
        recommendation: data.recommendation ?? '',
        recommendationDetails: data.recommendationDetails,
        signposting: data.signposting,
        unreturnedChecksStatement: data.unreturnedChecksStatement,
        ignoredWords: data.ignoreWords,
      };
      const pageOf = letter?.kind === 'update' ? letter.id : undefined;
      let version: number;
      try {
        version = await saveLetter(db(), {
          caseId,
          letterId: data.letterId,
          version: data.version,
          edit: {
            sections: {
              checks: values.checks,
              interviews: values.interviews,
              riskAnalysis: values.riskAnalysis,
              children: values.children,
              recommendationDetails: values.recommendationDetails,
              signposting: values.signposting,
              ignoredWords: values.ignoredWords,
            },
            recommendation: data.recommendation,
            unreturnedChecksStatement: values.unreturnedChecksStatement || null,
          },
          actor: actorOf(request),
          now: request.now,
        });
      } catch (error) {
        if (isDomainError(error) && error.code === 'STALE_VERSION') {
          const stale = fieldError('checks', m.t('errors.STALE_VERSION'));
          return reply.page(TEMPLATE, await renderLetterPage(request, pageOf, stale), { status: 409 });
        }
        throw error;
      }
      const base = `/cases/${caseId}/safeguarding-letter${pageOf ? `?letter=${pageOf}&` : '?'}`;
      if (data.action === 'save') return reply.redirect(`${base}notice=letter-saved`, 303);
      const result = await submitLetter(db(), {
        caseId,
        letterId: data.letterId,
        version,
        actor: actorOf(request),
        now: request.now,
      });
      if (!result.ok) {
        const errors = submissionErrors(
          m,
          result,
          Object.fromEntries(ctx.children.map((c) => [`child-${c.id}`, c.name])),
        );
        return reply.page(
          TEMPLATE,
          await renderLetterPage(request, pageOf, { ...errors, misspellings: result.misspellings }),
          { status: 400 },
        );
      }
      return reply.redirect(`${base}notice=${result.filed ? 'letter-filed' : 'letter-submitted'}`, 303);
    },
  );

  app.get<{ Params: CaseParams & { documentId: string } }>(
    '/cases/:caseId/documents/:documentId',
    { config: { policy: { action: 'case:view', caseParam: 'caseId' } } },
    async (request, reply) => {
      const { caseId, documentId } = request.params;
      if (!isUuid(documentId)) throw new DomainError('DOCUMENT_NOT_FOUND');
      const doc = await readWithAudit(db(), auditActor(request), request.now, async (tx) => {
        const row = await getCaseDocument(tx, caseId, documentId);
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
}
