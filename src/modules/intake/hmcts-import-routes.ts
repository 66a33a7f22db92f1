import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { appendAudit } from '../../platform/audit/audit.ts';
import { queryRows } from '../../platform/db/database.ts';
import type { FormError } from '../../platform/forms/validation.ts';
import { auditActor, type UploadedFile } from '../../platform/http/context.ts';
import type { Messages } from '../../platform/i18n/i18n.ts';
import { matchImportedPeople } from './hmcts/previous-proceedings.ts';
import { type ImportSummary, importSearchResponse } from './hmcts/upsert.ts';

const policy = { action: 'intake:create' as const };

/** Largest saved search response taken through the page; bigger files use `npm run import:hmcts`. */
export const IMPORT_UPLOAD_LIMIT_BYTES = 10 * 1024 * 1024;

function fileError(m: Messages, key: string): { errors: FormError[]; fieldErrors: Record<string, { text: string }> } {
  const text = m.t(key);
  return { errors: [{ field: 'file', text, href: '#file' }], fieldErrors: { file: { text } } };
}

/**
 * Import a saved HMCTS private-law search response through the browser: for applications
 * that arrived as a file (a court that sends by e-mail, a re-sweep of a missed window).
 * The same upsert as the poller and the command: importing the same file twice creates
 * nothing, and a malformed file is stored raw, reported and never half-imported.
 */
export async function hmctsImportRoutes(app: FastifyInstance): Promise<void> {
  const db = () => app.deps.database.db;

  app.get('/intake/hmcts/import', { config: { policy } }, async (request, reply) => {
    const m = request.messages;
    return reply.page('intake/views/hmcts-import.njk', {
      pageTitle: m.t('hmcts.import.title'),
      limitMb: IMPORT_UPLOAD_LIMIT_BYTES / 1024 / 1024,
    });
  });

  app.post('/intake/hmcts/import', { config: { policy, uploads: true } }, async (request, reply) => {
    const m = request.messages;
    const body = (request.body ?? {}) as Record<string, unknown>;
    const file = body.file as Partial<UploadedFile> | undefined;
    const chosen = typeof file?.fileName === 'string' && file.fileName !== '' && Buffer.isBuffer(file.content);
    if (!chosen || (file.content as Buffer).length === 0) {
      return reply.page(
        'intake/views/hmcts-import.njk',
        {
          pageTitle: m.t('hmcts.import.title'),
          limitMb: IMPORT_UPLOAD_LIMIT_BYTES / 1024 / 1024,
          ...fileError(m, chosen ? 'hmcts.import.errors.empty' : 'hmcts.import.errors.required'),
        },
        { status: 400 },
      );
    }
    const content = file.content as Buffer;
    const summary = await importSearchResponse(db(), {
      body: content.toString('utf8'),
      source: 'file',
      now: request.now,
    });
    await matchImportedPeople(db(), summary, request.now);
    const caseIds = summary.results.flatMap((r) => (r.caseId ? [r.caseId] : []));
    const references = await db().transaction(async (tx) => {
      // Who imported the file: the feed's own audit rows name the system as actor.
      await appendAudit(tx, auditActor(request), request.now, [
        {
          action: 'create',
          resourceType: 'hmcts-case',
          resourceIds: summary.results.map((r) => r.ccdId ?? 'unreadable'),
          fieldCategories: ['court-payload'],
          reason: 'Saved search response imported through the intake page',
        },
      ]);
      if (caseIds.length === 0) return new Map<string, string>();
      const rows = await queryRows<{ id: string; reference: string }>(
        tx,
        sql`SELECT id, reference FROM case_record WHERE id = ANY(${`{${caseIds.join(',')}}`}::uuid[])`,
      );
      return new Map(rows.map((r) => [r.id, r.reference]));
    });
    return reply.page('intake/views/hmcts-import-result.njk', importResultViewModel(m, summary, references));
  });
}

export function importResultViewModel(m: Messages, summary: ImportSummary, references: Map<string, string>) {
  const tagClass: Record<string, string> = {
    created: 'govuk-tag--green',
    updated: 'govuk-tag--blue',
    unchanged: 'govuk-tag--grey',
    rejected: 'govuk-tag--red',
  };
  return {
    pageTitle: m.t('hmcts.import.resultTitle'),
    counts: [
      { key: { text: m.t('hmcts.import.counts.created') }, value: { text: String(summary.cases.created) } },
      { key: { text: m.t('hmcts.import.counts.updated') }, value: { text: String(summary.cases.updated) } },
      { key: { text: m.t('hmcts.import.counts.unchanged') }, value: { text: String(summary.cases.unchanged) } },
      { key: { text: m.t('hmcts.import.counts.rejected') }, value: { text: String(summary.rejected) } },
      { key: { text: m.t('hmcts.import.counts.children') }, value: { text: String(summary.children) } },
      { key: { text: m.t('hmcts.import.counts.parties') }, value: { text: String(summary.parties) } },
      { key: { text: m.t('hmcts.import.counts.documents') }, value: { text: String(summary.documents) } },
    ],
    warnings: summary.warnings,
    rows: summary.results.map((r) => ({
      ccdId: r.ccdId ?? m.t('hmcts.snapshots.noCourtCase'),
      reference: r.caseId ? (references.get(r.caseId) ?? null) : null,
      href: r.caseId ? `/cases/${r.caseId}` : null,
      outcome: { text: m.t(`hmcts.outcomes.${r.outcome}`), classes: tagClass[r.outcome] ?? 'govuk-tag--grey' },
      reason: r.reason,
    })),
  };
}
