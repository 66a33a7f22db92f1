import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../db/database.ts';

export const OUTBOX_CHANNELS = ['email', 'sms', 'letter'] as const;
export type OutboxChannel = (typeof OUTBOX_CHANNELS)[number];

export interface OutboxInput {
  /** What the message is for; enqueueing the same key again does nothing. */
  idempotencyKey: string;
  caseId: string | null;
  template: string;
  channel: OutboxChannel;
  recipientPersonId: string | null;
  recipient: string | null;
  language: 'en' | 'cy';
  personalisation: Record<string, string | number | boolean | null>;
  createdBy: string | null;
  now: Date;
}

/**
 * Queue a message in the caller's transaction (the transactional outbox): it is delivered
 * only if that transaction commits, and only once whatever the number of attempts.
 */
export async function enqueueMessage(tx: Executor, input: OutboxInput): Promise<{ id: string; created: boolean }> {
  const inserted = await queryRows<{ id: string }>(
    tx,
    sql`INSERT INTO outbox_message (idempotency_key, case_id, template, channel, recipient_person_id, recipient,
        language, personalisation, created_by, created_at, next_attempt_at)
      VALUES (${input.idempotencyKey}, ${input.caseId}, ${input.template}, ${input.channel},
        ${input.recipientPersonId}, ${input.recipient}, ${input.language},
        ${JSON.stringify(input.personalisation)}::jsonb, ${input.createdBy}, ${input.now}, ${input.now})
      ON CONFLICT (idempotency_key) DO NOTHING
      RETURNING id`,
  );
  if (inserted[0]) return { id: inserted[0].id, created: true };
  const [existing] = await queryRows<{ id: string }>(
    tx,
    sql`SELECT id FROM outbox_message WHERE idempotency_key = ${input.idempotencyKey}`,
  );
  return { id: existing!.id, created: false };
}

export interface OutboxRow {
  id: string;
  caseId: string | null;
  template: string;
  channel: OutboxChannel;
  recipientPersonId: string | null;
  language: string;
  personalisation: Record<string, unknown>;
  status: string;
  attempts: number;
  createdAt: string;
  sentAt: string | null;
}

/** The messages queued about a case, newest first. */
export async function listCaseMessages(db: Executor, caseId: string): Promise<OutboxRow[]> {
  return queryRows<OutboxRow>(
    db,
    sql`SELECT id, case_id AS "caseId", template, channel, recipient_person_id AS "recipientPersonId", language,
        personalisation, status, attempts, created_at AS "createdAt", sent_at AS "sentAt"
      FROM outbox_message WHERE case_id = ${caseId} ORDER BY created_at DESC, id DESC`,
  );
}
