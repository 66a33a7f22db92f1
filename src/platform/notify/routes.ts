import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Messages } from '../i18n/i18n.ts';
import { listOutbox, OUTBOX_FILTERS, OUTBOX_PAGE_SIZE, type OutboxAdminRow, type OutboxFilter } from './queries.ts';
import { isMessageTemplate } from './templates.ts';

const outboxQuery = z.object({
  status: z.enum(OUTBOX_FILTERS).catch('all').default('all'),
  page: z.coerce.number().int().min(1).max(100000).catch(1).default(1),
});

const STATUS_TAGS: Record<string, string> = {
  pending: 'govuk-tag--blue',
  sending: 'govuk-tag--light-blue',
  sent: 'govuk-tag--green',
  failed: 'govuk-tag--red',
  cancelled: 'govuk-tag--grey',
};

const href = (filter: OutboxFilter, page = 1) => {
  const params = new URLSearchParams();
  if (filter !== 'all') params.set('status', filter);
  if (page > 1) params.set('page', String(page));
  const q = params.toString();
  return `/admin/outbox${q ? `?${q}` : ''}`;
};

/** Pagination in the GOV.UK component's shape (platform/ cannot use casework's helper). */
function pagination(page: number, total: number, filter: OutboxFilter) {
  const pages = Math.max(1, Math.ceil(total / OUTBOX_PAGE_SIZE));
  const wanted = [...new Set([1, pages, page - 1, page, page + 1])].filter((p) => p >= 1 && p <= pages);
  const items: ({ number: number; href: string; current: boolean } | { ellipsis: true })[] = [];
  let last = 0;
  for (const p of wanted.sort((a, b) => a - b)) {
    if (p - last > 1) items.push({ ellipsis: true });
    items.push({ number: p, href: href(filter, p), current: p === page });
    last = p;
  }
  return {
    items: pages > 1 ? items : [],
    previous: page > 1 ? { href: href(filter, page - 1) } : undefined,
    next: page < pages ? { href: href(filter, page + 1) } : undefined,
  };
}

/** The outbox page's view model: pure, and given only the columns the page may show. */
export function outboxViewModel(
  m: Messages,
  query: { filter: OutboxFilter; page: number },
  result: { rows: OutboxAdminRow[]; total: number },
) {
  const t = m.t;
  const from = result.total === 0 ? 0 : (query.page - 1) * OUTBOX_PAGE_SIZE + 1;
  const to = Math.min(result.total, query.page * OUTBOX_PAGE_SIZE);
  const label = (key: string, fallback: string) => (m.has(key) ? t(key) : fallback);
  return {
    pageTitle: t('notify.outbox.title'),
    filters: OUTBOX_FILTERS.map((f) => ({
      text: t(`notify.outbox.filters.${f}`),
      href: href(f),
      active: f === query.filter,
    })),
    filter: query.filter,
    total: result.total,
    showing: t('notify.outbox.showing', { from, to, total: result.total }),
    rows: result.rows.map((r) => ({
      id: r.id,
      template: isMessageTemplate(r.template) ? t(`notify.templates.${r.template}.name`) : r.template,
      channel: label(`notify.outbox.channels.${r.channel}`, r.channel),
      language: label(`notify.outbox.languages.${r.language}`, r.language),
      status: label(`notify.outbox.statuses.${r.status}`, r.status),
      statusClasses: STATUS_TAGS[r.status] ?? 'govuk-tag--grey',
      attempts: r.attempts,
      created: m.formatDateTime(r.createdAt),
      nextAttempt: r.status === 'pending' ? m.formatDateTime(r.nextAttemptAt) : '',
      sent: r.sentAt ? m.formatDateTime(r.sentAt) : t('notify.outbox.notSent'),
    })),
    pagination: pagination(query.page, result.total, query.filter),
  };
}

/** The outbox for system administrators (DOMAIN §8): how messages stand, never their content. */
export async function notifyRoutes(app: FastifyInstance): Promise<void> {
  app.get('/admin/outbox', { config: { policy: { action: 'outbox:view' } } }, async (request, reply) => {
    const q = outboxQuery.parse(request.query ?? {});
    const query = { filter: q.status, page: q.page };
    const result = await listOutbox(app.deps.database.db, query);
    return reply.page('notify/views/outbox.njk', outboxViewModel(request.messages, query, result));
  });
}
