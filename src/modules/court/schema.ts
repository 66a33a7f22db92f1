import { date, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { userAccount } from '../../platform/auth/schema.ts';
import { outboxMessage } from '../../platform/notify/schema.ts';
import { caseParty, caseRecord, courtDirection } from '../casework/schema.ts';

/**
 * Each change of a direction's filing date (the court extended or brought it forward),
 * with the reason: the history is kept, never overwritten.
 */
export const courtDirectionChange = pgTable(
  'court_direction_change',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    directionId: uuid('direction_id')
      .notNull()
      .references(() => courtDirection.id),
    caseId: uuid('case_id')
      .notNull()
      .references(() => caseRecord.id),
    previousDueOn: date('previous_due_on', { mode: 'string' }),
    newDueOn: date('new_due_on', { mode: 'string' }).notNull(),
    reason: text('reason').notNull(),
    changedBy: uuid('changed_by')
      .notNull()
      .references(() => userAccount.id),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('court_direction_change_direction_idx').on(t.directionId, t.changedAt)],
);

/**
 * The parties were told that a date will be missed (DOMAIN §3.4): which direction, the
 * new expected date and why. The messages themselves go through the outbox.
 */
export const delayNotice = pgTable(
  'delay_notice',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => caseRecord.id),
    directionId: uuid('direction_id')
      .notNull()
      .references(() => courtDirection.id),
    /** The filing date that will be missed, as it stood when the parties were told. */
    dueOn: date('due_on', { mode: 'string' }),
    expectedOn: date('expected_on', { mode: 'string' }).notNull(),
    reason: text('reason').notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => userAccount.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('delay_notice_case_idx').on(t.caseId, t.createdAt),
    index('delay_notice_direction_idx').on(t.directionId, t.createdAt),
  ],
);

/** Who a delay notice went to, by which channel, and its message in the outbox. */
export const delayNoticeRecipient = pgTable(
  'delay_notice_recipient',
  {
    noticeId: uuid('notice_id')
      .notNull()
      .references(() => delayNotice.id),
    partyId: uuid('party_id')
      .notNull()
      .references(() => caseParty.id),
    /** email | sms | letter */
    channel: text('channel').notNull(),
    outboxMessageId: uuid('outbox_message_id')
      .notNull()
      .references(() => outboxMessage.id),
  },
  (t) => [primaryKey({ columns: [t.noticeId, t.partyId] })],
);
