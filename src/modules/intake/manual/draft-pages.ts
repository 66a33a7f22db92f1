import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AuditActor } from '../../../platform/audit/audit.ts';
import { createCalendar } from '../../../platform/calendar/index.ts';
import { DomainError } from '../../../platform/errors/catalogue.ts';
import { postedText } from '../../../platform/forms/validation.ts';
import { isUuid } from '../../../platform/http/authorisation-hook.ts';
import { auditActor } from '../../../platform/http/context.ts';
import type { Messages } from '../../../platform/i18n/i18n.ts';
import { getDraft, saveDraft } from './draft-store.ts';
import { type DateParts, formMetaSchema } from './schemas.ts';
import { type Draft, type DraftData, STEPS, type Step } from './types.ts';

/*
 * What every page of the manual intake flow shares: loading the author's draft, rendering a
 * question page, saving a page's answers and going on, and refusing a stale tab.
 */

export type DraftParams = { draftId: string };
export type Body = Record<string, unknown>;
export type Errors = { errors?: unknown; fieldErrors?: Record<string, { text: string }> };

export const calendar = createCalendar();
export const POLICY = { config: { policy: { action: 'intake:create' as const } } };

export function actorOf(request: FastifyRequest): AuditActor & { userId: string } {
  const actor = auditActor(request);
  if (!actor.userId) throw new DomainError('NOT_SIGNED_IN');
  return { ...actor, userId: actor.userId };
}

export const str = (body: Body, key: string, max = 200) => postedText(body, key, max);
export const strs = (body: Body, key: string) => {
  const v = body[key];
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string');
};

export const homeQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(10000).catch(1),
  notice: z.enum(['saved', 'deleted']).optional().catch(undefined),
});
const changeQuerySchema = z.object({ change: z.enum(['1']).optional().catch(undefined) });

export const nextStep = (step: Step): string => {
  const i = STEPS.indexOf(step);
  return i + 1 < STEPS.length ? STEPS[i + 1]! : 'check-answers';
};

/** A date input's items with their values, every part marked when the date is in error. */
export function dateItems(m: Messages, parts: DateParts, error: boolean) {
  const cls = (w: string) => `govuk-input--width-${w}${error ? ' govuk-input--error' : ''}`;
  return [
    { name: 'day', label: m.t('date.day'), classes: cls('2'), value: parts.day },
    { name: 'month', label: m.t('date.month'), classes: cls('2'), value: parts.month },
    { name: 'year', label: m.t('date.year'), classes: cls('4'), value: parts.year },
  ];
}

/** The shared page tools, bound to the app (its database). */
export function draftPageTools(app: FastifyInstance) {
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

  return { db, loadDraft, page, staleError, saveAndGo, submitted };
}
