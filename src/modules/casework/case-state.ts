import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../platform/db/database.ts';
import { DomainError } from '../../platform/errors/catalogue.ts';
import { type CaseEvent, type PrivateLawState, transition } from './private-law-states.ts';
import { appendTimeline } from './timeline.ts';

/**
 * Move a case through the state machine inside the caller's transaction: the row is
 * locked, the move decided by `transition`, and the new state written with its timeline
 * entry (kind `state.<event>`). Callers add their own records and audit in the same
 * transaction, so a refused move writes nothing.
 */
export async function moveCase(
  tx: Executor,
  input: {
    caseId: string;
    event: CaseEvent;
    actorUserId: string | null;
    now: Date;
    details?: Record<string, unknown>;
  },
): Promise<{ from: string; to: PrivateLawState }> {
  const [row] = await queryRows<{ status: string }>(
    tx,
    sql`SELECT status FROM case_record WHERE id = ${input.caseId} FOR UPDATE`,
  );
  if (!row) throw new DomainError('CASE_NOT_FOUND');
  const to = transition({ status: row.status }, input.event);
  const closing = to === 'closed';
  await tx.execute(sql`
    UPDATE case_record SET status = ${to}, updated_at = ${input.now}, version = version + 1,
      closed_at = ${closing ? sql`${input.now}` : sql`NULL`}
    WHERE id = ${input.caseId}`);
  const { type, ...eventDetails } = input.event;
  await appendTimeline(tx, {
    caseId: input.caseId,
    kind: `state.${type}`,
    occurredAt: input.now,
    actorUserId: input.actorUserId,
    details: { from: row.status, to, ...eventDetails, ...input.details },
  });
  return { from: row.status, to };
}
