import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { DomainError } from '../../platform/errors/catalogue.ts';
import { newFormToken } from '../../platform/forms/form-token.ts';
import { type FormError, parseForm } from '../../platform/forms/validation.ts';
import { auditActor } from '../../platform/http/context.ts';
import type { Messages } from '../../platform/i18n/i18n.ts';
import { readWithAudit } from '../casework/service.ts';
import {
  getFeedStatus,
  getMissingCase,
  getSnapshot,
  listMissingCases,
  listSnapshots,
  type MissingCase,
  recordReconciliation,
  SNAPSHOTS_PER_PAGE,
  type SnapshotRow,
} from './hmcts/queries.ts';

const policy = { action: 'intake:reconcile' as const };
const CCD_ID = /^\d{1,19}$/;
const SNAPSHOT_ID = /^\d{1,15}$/;
export const NOTE_MAX_LENGTH = 2000;
export const DEFAULT_MISSING_DAYS = 7;

const listQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(100000).catch(1),
  days: z.coerce.number().int().min(1).max(365).catch(DEFAULT_MISSING_DAYS),
  notice: z.string().optional().catch(undefined),
});

const reconcileSchema = z.object({
  note: z
    .string({ error: 'hmcts.errors.noteRequired' })
    .trim()
    .min(1, { error: 'hmcts.errors.noteRequired' })
    .max(NOTE_MAX_LENGTH, { error: 'hmcts.errors.noteTooLong' }),
  _formToken: z.string({ error: 'errors.form.expired' }).regex(/^[A-Za-z0-9_-]{32}$/, { error: 'errors.form.expired' }),
});

function outcomeTag(m: Messages, outcome: string) {
  const classes: Record<string, string> = {
    created: 'govuk-tag--green',
    updated: 'govuk-tag--blue',
    unchanged: 'govuk-tag--grey',
    rejected: 'govuk-tag--red',
  };
  return { text: m.t(`hmcts.outcomes.${outcome}`), classes: classes[outcome] ?? 'govuk-tag--grey' };
}

function snapshotRowView(m: Messages, r: SnapshotRow) {
  return {
    href: `/intake/hmcts/snapshots/${r.id}`,
    id: r.id,
    received: m.formatDateTime(r.receivedAt),
    ccdId: r.ccdId ?? m.t('hmcts.snapshots.noCourtCase'),
    reference: r.reference,
    caseHref: r.caseId ? `/cases/${r.caseId}` : null,
    source: m.t(`hmcts.sources.${r.source}`),
    outcome: outcomeTag(m, r.outcome),
    summary:
      r.outcome === 'rejected'
        ? (r.reason ?? '')
        : r.outcome === 'updated'
          ? m.t('hmcts.snapshots.changedCount', { count: r.changes.length })
          : '',
  };
}

function missingRowView(m: Messages, r: MissingCase) {
  return {
    ccdId: r.ccdId,
    reference: r.reference,
    caseHref: `/cases/${r.caseId}`,
    courtState: r.courtState ?? m.t('common.notKnown'),
    lastSeen: m.formatDateTime(r.lastSeenAt),
    href: `/intake/hmcts/cases/${r.ccdId}/reconcile`,
    hidden: m.t('hmcts.reconciliation.actionHidden', { reference: r.reference }),
  };
}

function caseAudit(rows: { caseId: string | null; ccdId: string | null }[], action: 'search' | 'view') {
  return rows
    .filter((r) => r.caseId)
    .map((r) => ({
      action,
      resourceType: 'hmcts-case',
      resourceIds: [r.ccdId ?? '', r.caseId!],
      caseId: r.caseId,
      fieldCategories: ['court-payload' as const],
    }));
}

/** The HMCTS private-law feed: its state, the payloads received, and the cases missing from it. */
export async function hmctsRoutes(app: FastifyInstance): Promise<void> {
  const db = () => app.deps.database.db;

  app.get('/intake/hmcts', { config: { policy } }, async (request, reply) => {
    const query = listQuerySchema.parse(request.query ?? {});
    const m = request.messages;
    const principal = request.principal!;
    const data = await readWithAudit(db(), auditActor(request), request.now, async (tx) => {
      const status = await getFeedStatus(tx);
      const snapshots = await listSnapshots(tx, principal, request.now, query.page);
      const missing = await listMissingCases(tx, principal, request.now, query.days);
      return {
        value: { status, snapshots, missing },
        audit: [...caseAudit(missing.rows, 'search'), ...caseAudit(snapshots.rows, 'search')],
      };
    });
    const pages = Math.max(1, Math.ceil(data.snapshots.total / SNAPSHOTS_PER_PAGE));
    const pageHref = (p: number) =>
      `/intake/hmcts?page=${p}${query.days !== DEFAULT_MISSING_DAYS ? `&days=${query.days}` : ''}#snapshots`;
    return reply.page('intake/views/hmcts-feed.njk', {
      pageTitle: m.t('hmcts.title'),
      notice: query.notice === 'reconciled' ? m.t('hmcts.notices.reconciled') : null,
      status: data.status
        ? {
            highWaterMark: m.formatDateTime(data.status.highWaterMark),
            lastPoll: data.status.lastPollFinishedAt
              ? m.formatDateTime(data.status.lastPollFinishedAt)
              : data.status.lastPollStartedAt
                ? m.formatDateTime(data.status.lastPollStartedAt)
                : m.t('hmcts.feed.never'),
            lastError: data.status.lastError,
            failures: data.status.consecutiveFailures,
          }
        : null,
      days: query.days,
      missing: data.missing.rows.map((r) => missingRowView(m, r)),
      missingTotal: data.missing.total,
      missingMore: data.missing.total > data.missing.rows.length,
      snapshots: data.snapshots.rows.map((r) => snapshotRowView(m, r)),
      snapshotsTotal: data.snapshots.total,
      pagination:
        pages > 1
          ? {
              previous: query.page > 1 ? { href: pageHref(query.page - 1) } : null,
              next: query.page < pages ? { href: pageHref(query.page + 1) } : null,
              items: Array.from({ length: pages }, (_, i) => i + 1)
                .filter((p) => p === 1 || p === pages || Math.abs(p - query.page) <= 2)
                .flatMap((p, i, all) => {
                  const item = { number: p, href: pageHref(p), current: p === query.page };
                  return i > 0 && p - all[i - 1]! > 1 ? [{ ellipsis: true }, item] : [item];
                }),
            }
          : null,
    });
  });

  app.get<{ Params: { snapshotId: string } }>(
    '/intake/hmcts/snapshots/:snapshotId',
    { config: { policy } },
    async (request, reply) => {
      if (!SNAPSHOT_ID.test(request.params.snapshotId)) throw new DomainError('PAGE_NOT_FOUND');
      const m = request.messages;
      const snapshot = await readWithAudit(db(), auditActor(request), request.now, async (tx) => {
        const value = await getSnapshot(tx, request.principal!, request.now, Number(request.params.snapshotId));
        if (!value) throw new DomainError('PAGE_NOT_FOUND');
        return { value, audit: caseAudit([value], 'view') };
      });
      return reply.page('intake/views/hmcts-snapshot.njk', {
        pageTitle: m.t('hmcts.snapshot.title', { id: snapshot.id }),
        heading: m.t('hmcts.snapshot.heading', { id: snapshot.id }),
        snapshot: {
          ...snapshotRowView(m, snapshot),
          hash: snapshot.payloadHash,
          reasonLines: (snapshot.reason ?? '').split('\n').filter((l) => l.trim().length > 0),
          changes: snapshot.changes,
          previousHref: snapshot.previousId ? `/intake/hmcts/snapshots/${snapshot.previousId}` : null,
          isFirst: snapshot.outcome === 'created',
          isUnchanged: snapshot.outcome === 'unchanged',
          isRejected: snapshot.outcome === 'rejected',
        },
      });
    },
  );

  const reconcilePage = async (request: FastifyRequest<{ Params: { ccdId: string } }>) => {
    if (!CCD_ID.test(request.params.ccdId)) throw new DomainError('PAGE_NOT_FOUND');
    const found = await readWithAudit(db(), auditActor(request), request.now, async (tx) => {
      const value = await getMissingCase(tx, request.principal!, request.now, request.params.ccdId);
      if (!value) throw new DomainError('PAGE_NOT_FOUND');
      return { value, audit: caseAudit([value], 'view') };
    });
    return found;
  };

  const renderReconcile = (
    request: FastifyRequest,
    found: MissingCase,
    extra: { note?: string; errors?: FormError[]; fieldErrors?: Record<string, { text: string }> } = {},
  ) => {
    const m = request.messages;
    return {
      pageTitle: m.t('hmcts.reconcile.title'),
      heading: m.t('hmcts.reconcile.heading', { reference: found.reference }),
      kase: {
        ...missingRowView(m, found),
        previous: found.reconciledAt
          ? m.t('hmcts.reconcile.previously', { date: m.formatDateTime(found.reconciledAt) })
          : null,
        previousNote: found.reconciliationNote,
      },
      action: `/intake/hmcts/cases/${found.ccdId}/reconcile`,
      formToken: newFormToken(),
      note: extra.note ?? '',
      noteMax: NOTE_MAX_LENGTH,
      errors: extra.errors,
      fieldErrors: extra.fieldErrors,
    };
  };

  app.get<{ Params: { ccdId: string } }>(
    '/intake/hmcts/cases/:ccdId/reconcile',
    { config: { policy } },
    async (request, reply) => {
      const found = await reconcilePage(request);
      return reply.page('intake/views/hmcts-reconcile.njk', renderReconcile(request, found));
    },
  );

  app.post<{ Params: { ccdId: string } }>(
    '/intake/hmcts/cases/:ccdId/reconcile',
    { config: { policy } },
    async (request, reply) => {
      const found = await reconcilePage(request);
      // A missing form token is reported at the note, the field a person can act on.
      const parsed = parseForm(reconcileSchema, request.body, request.messages.t, { _formToken: 'note' });
      if (!parsed.ok) {
        const body = (request.body ?? {}) as Record<string, unknown>;
        const note = typeof body.note === 'string' ? body.note.slice(0, NOTE_MAX_LENGTH + 100) : '';
        return reply.page('intake/views/hmcts-reconcile.njk', renderReconcile(request, found, { note, ...parsed }), {
          status: 400,
        });
      }
      const actor = auditActor(request);
      const location = await recordReconciliation(db(), {
        ccdId: found.ccdId,
        caseId: found.caseId,
        note: parsed.data.note,
        formToken: parsed.data._formToken,
        actor: { ...actor, userId: request.principal!.userId },
        now: request.now,
      });
      return reply.redirect(location, 303);
    },
  );
}
