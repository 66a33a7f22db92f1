import { type SQL, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../db/database.ts';

export const OUTBOX_PAGE_SIZE = 50;

/** The administrator's filters of the outbox: waiting is pending or being sent. */
export const OUTBOX_FILTERS = ['all', 'waiting', 'sent', 'failed', 'cancelled'] as const;
export type OutboxFilter = (typeof OUTBOX_FILTERS)[number];

/**
 * What the outbox page shows of a message: how it stands, never what it says or who it is
 * for (the administrator has no case access). The columns are chosen here, so neither the
 * personalisation nor the recipient ever reaches the page.
 */
export interface OutboxAdminRow {
  id: string;
  template: string;
  channel: string;
  language: string;
  status: string;
  attempts: number;
  createdAt: string;
  nextAttemptAt: string;
  sentAt: string | null;
}

function filterCondition(filter: OutboxFilter): SQL {
  switch (filter) {
    case 'all':
      return sql`TRUE`;
    case 'waiting':
      return sql`status IN ('pending', 'sending')`;
    default:
      return sql`status = ${filter}`;
  }
}

/** One page of the outbox, newest first, filtered and counted in SQL. */
export async function listOutbox(
  db: Executor,
  query: { filter: OutboxFilter; page: number },
): Promise<{ rows: OutboxAdminRow[]; total: number }> {
  const where = filterCondition(query.filter);
  const [count] = await queryRows<{ total: number }>(
    db,
    sql`SELECT count(*)::int AS total FROM outbox_message WHERE ${where}`,
  );
  const rows = await queryRows<OutboxAdminRow>(
    db,
    sql`SELECT id, template, channel, language, status, attempts, created_at AS "createdAt",
        next_attempt_at AS "nextAttemptAt", sent_at AS "sentAt"
      FROM outbox_message WHERE ${where}
      ORDER BY created_at DESC, id DESC
      LIMIT ${OUTBOX_PAGE_SIZE} OFFSET ${(query.page - 1) * OUTBOX_PAGE_SIZE}`,
  );
  return { rows, total: count?.total ?? 0 };
}
