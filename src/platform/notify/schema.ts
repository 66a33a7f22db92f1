import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * The transactional outbox (ARCHITECTURE.md): a message to a service user is written in the
 * same transaction as the change that causes it, and delivered later by a job through the
 * notification port (GOV.UK Notify in production). A change that is undone sends nothing;
 * a message is never sent twice, because each has a key that says what it is for.
 */
export const outboxMessage = pgTable(
  'outbox_message',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** What the message is for, e.g. delay-notice:<notice id>:<party id>; a repeat is ignored. */
    idempotencyKey: text('idempotency_key').notNull().unique(),
    /** The case the message is about, if any (no foreign key: platform/ knows no module). */
    caseId: uuid('case_id'),
    /** The template: delay-notice | feedback-invitation | … (locale keys notify.templates.<template>). */
    template: text('template').notNull(),
    /** email | sms | letter */
    channel: text('channel').notNull(),
    /** The person the message is for (person index id), when it is a service user. */
    recipientPersonId: uuid('recipient_person_id'),
    /** Where it goes (an e-mail address, a phone number) when known; a letter goes to the address on file. */
    recipient: text('recipient'),
    /** en | cy: the recipient's language (the active offer). */
    language: text('language').notNull().default('en'),
    /** The values the template is filled with (never a confidential contact detail of another party). */
    personalisation: jsonb('personalisation').notNull().default(sql`'{}'::jsonb`),
    /** pending | sending | sent | failed | cancelled */
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastError: text('last_error'),
    /** The provider's id once sent (GOV.UK Notify notification id). */
    providerRef: text('provider_ref'),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    index('outbox_message_pending_idx').on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    index('outbox_message_case_idx').on(t.caseId, t.createdAt),
    // The administrator's outbox page: newest first, all or by status.
    index('outbox_message_created_idx').on(t.createdAt.desc(), t.id.desc()),
    index('outbox_message_status_created_idx').on(t.status, t.createdAt.desc(), t.id.desc()),
  ],
);
