import type { Executor } from '../../platform/db/database.ts';
import { timelineEvent } from './schema.ts';

export interface TimelineInput {
  caseId: string;
  kind: string;
  occurredAt: Date;
  actorUserId: string | null;
  childId?: string | null;
  body?: string | null;
  details?: Record<string, unknown>;
}

/** Append to the case timeline (inside the caller's transaction). */
export async function appendTimeline(tx: Executor, input: TimelineInput): Promise<number> {
  const [row] = await tx
    .insert(timelineEvent)
    .values({
      caseId: input.caseId,
      kind: input.kind,
      occurredAt: input.occurredAt.toISOString(),
      actorUserId: input.actorUserId,
      childId: input.childId ?? null,
      body: input.body ?? null,
      details: input.details ?? {},
    })
    .returning({ id: timelineEvent.id });
  return row!.id;
}
